"""Direct speech: after a colon (to the end of the paragraph, or the next paragraph), in quotation marks, and
paragraphs that carry on a speech with no cue of their own."""

from __future__ import annotations

from khabar.document import Document
from khabar.extract.quotes import QuoteExtractor

HEAD = "تیتر خبر بدون نقطه\n"


def run(text: str) -> Document:
    return QuoteExtractor()(Document.from_text(HEAD + text))


def test_quotes_direct_colon_runs_to_paragraph_end() -> None:
    doc = run("علی رضایی گفت: اقتصاد رشد کرد. تورم کاهش یافت.\nپاراگراف بعدی خبر است.")
    [q] = doc.quotes
    assert q.kind == "direct"
    assert q.content.text == "اقتصاد رشد کرد. تورم کاهش یافت."
    assert q.cue.text == "گفت"
    assert q.speaker.text == "علی رضایی"


def test_quotes_direct_colon_at_paragraph_end_takes_next_paragraph() -> None:
    doc = run("وزیر کشور در جمع خبرنگاران گفت:\nانتخابات در موعد مقرر برگزار می‌شود.")
    [q] = doc.quotes
    assert q.content.text == "انتخابات در موعد مقرر برگزار می‌شود."
    assert q.speaker.text == "وزیر کشور"


def test_quotes_direct_guillemets_are_dropped() -> None:
    doc = run("زاخارووا گفت: «آمریکا باید از منطقه خارج شود».")
    assert doc.quotes[0].content.text == "آمریکا باید از منطقه خارج شود"


def test_quotes_direct_quoted_after_verb_without_colon() -> None:
    doc = run("وزیر اقتصاد تاکید کرد «بانک‌ها را به فروش اموال مازاد ملزم می‌کنیم».")
    [q] = doc.quotes
    assert (q.kind, q.content.text) == ("direct", "بانک‌ها را به فروش اموال مازاد ملزم می‌کنیم")


def test_quotes_direct_floating_paragraph_inherits_speaker() -> None:
    doc = run("مربی تیم گفت: بازی سختی بود.\n«ما برای قهرمانی تلاش می‌کنیم و از هواداران تشکر می‌کنم.»")
    first, floating = doc.quotes
    assert floating.cue is None and floating.kind == "direct"
    assert floating.speaker.text == first.speaker.text == "مربی تیم"


def test_quotes_direct_light_verb_spelled_three_ways() -> None:
    for cue in ("خاطرنشان کرد", "خاطر نشان کرد", "خاطر\u200cنشان كرد"):
        doc = run(f"مدیرکل بهزیستی {cue}: خدمات ادامه دارد.")
        assert [q.cue.text for q in doc.quotes] == [cue], cue


def test_quotes_direct_headline_is_skipped() -> None:
    doc = QuoteExtractor()(Document.from_text("وزیر گفت: تورم کم می‌شود\nمتن خبر بدون نقل قول است."))
    assert doc.quotes == []


def test_quotes_direct_question_is_not_a_quote_of_the_speaker() -> None:
    doc = run("وی در پاسخ به اینکه رقیب اعلام کرده استعفا می‌دهد، گفت: چنین خبری ندارم.")
    assert [q.cue.text for q in doc.quotes] == ["گفت"]


def test_quotes_direct_that_clause_wholly_in_quotation_marks() -> None:
    """`گفت که «...»`: the speaker's own words, marked as such, are direct speech (content inside the marks)."""
    doc = run("ظریف در پیامی مدعی شد که «ایران ظرف یک هفته آماده است».")
    [q] = doc.quotes
    assert (q.kind, q.cue.text, q.content.text) == ("direct", "مدعی شد", "ایران ظرف یک هفته آماده است")


def test_quotes_direct_quoted_words_then_and_end_the_speech() -> None:
    [q] = run("ولایتی گفت «ما آماده‌ایم» و از همه تشکر کرد.").quotes
    assert (q.kind, q.content.text) == ("direct", "ما آماده‌ایم")


def test_quotes_direct_a_quoted_name_in_a_reported_clause_is_indirect_speech() -> None:
    [q] = run("ولایتی گفت «هیلاری کلینتون»، وزیر خارجه اسبق آمریکا به ایجاد این گروه‌ها اعتراف کرده است.").quotes
    assert q.kind == "indirect"
    assert q.content.text.startswith("«هیلاری کلینتون»، وزیر خارجه")


def test_quotes_direct_quotation_over_several_paragraphs_carries_on_to_its_closing_mark() -> None:
    doc = run(
        "در بیانیه سازمان لیگ آمده است:\n"
        "«کمیته مسابقات تصمیم گرفت.\n"
        "سازمان لیگ پیش از این اعلام کرده بود که تعویق ممکن نیست.\n"
        "نتیجه به فدراسیون ارسال خواهد شد.»\n"
        "مدیر باشگاه گفت: اعتراض می‌کنیم."
    )
    assert [(q.speaker.text if q.speaker else None, q.content.text) for q in doc.quotes] == [
        ("سازمان لیگ", "«کمیته مسابقات تصمیم گرفت."),
        ("سازمان لیگ", "سازمان لیگ پیش از این اعلام کرده بود که تعویق ممکن نیست."),
        ("سازمان لیگ", "نتیجه به فدراسیون ارسال خواهد شد.»"),
        ("مدیر باشگاه", "اعتراض می‌کنیم."),
    ]


def test_quotes_direct_the_paragraph_closing_a_quotation_goes_on_after_it() -> None:
    doc = run(
        "در بیانیه سازمان لیگ آمده است:\n«کمیته تصمیم گرفت.\n"
        "نتیجه اجرا خواهد شد.» حسن احمدی دبیر لیگ نیز گفت که اعتراض رد می‌شود."
    )
    assert [q.content.text for q in doc.quotes] == [
        "«کمیته تصمیم گرفت.",
        "نتیجه اجرا خواهد شد.»",
        "اعتراض رد می‌شود.",
    ]


def test_quotes_direct_speech_in_quotation_marks_before_a_semicolon_or_but_stays_direct() -> None:
    for text in ("ولایتی گفت «ما آماده‌ایم و مذاکره می‌کنیم»، اما کسی گوش نکرد.", "ولایتی گفت «ما آماده‌ایم»؛ بعد رفت."):
        assert [q.kind for q in run(text).quotes] == ["direct"]


def test_quotes_direct_a_new_quotation_mark_stops_the_run_on() -> None:
    doc = run("وزیر گفت:\n«کار ادامه دارد.\n«این پاراگراف از کس دیگری است».\nپایان خبر است.")
    # the second paragraph is a quotation of its own (it carries the speech on); the third is not quoted
    assert [q.content.text for q in doc.quotes] == ["«کار ادامه دارد.", "این پاراگراف از کس دیگری است"]
