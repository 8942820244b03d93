"""Indirect speech: reported clauses, content before the cue, background phrases and `به گفته`."""

from __future__ import annotations

import pytest

from khabar.document import Document
from khabar.extract.numbers import NumberExtractor
from khabar.extract.quotes import QuoteExtractor

HEAD = "تیتر خبر بدون نقطه\n"

# (label, paragraph, cue, content, speaker)
CASES = [
    ("that-clause", "سخنگوی دولت گفت که یارانه‌ها افزایش می‌یابد.", "گفت", "یارانه‌ها افزایش می‌یابد.", "سخنگوی دولت"),
    (
        "object-describe",
        "رئیس جمهور این توافق را یک پیروزی بزرگ توصیف کرد.",
        "توصیف کرد",
        "این توافق را یک پیروزی بزرگ",
        "رئیس جمهور",
    ),
    ("object-deem", "هنیه، دولت آمریکا را محور جنگ دانست.", "دانست", "دولت آمریکا را محور جنگ", "هنیه"),
    (
        "object-with-a-list",
        "وی حمایت گروه‌ها در لبنان، یمن، عراق و سوریه را افتخارآمیز توصیف کرد.",
        "توصیف کرد",
        "حمایت گروه‌ها در لبنان، یمن، عراق و سوریه را افتخارآمیز",
        None,
    ),
    (
        "subject-then-demonstrative-object",
        "رضایی این توافق را یک پیروزی بزرگ توصیف کرد.",
        "توصیف کرد",
        "این توافق را یک پیروزی بزرگ",
        "رضایی",
    ),
    (
        "object-with-a-modifier",
        "دولت آمریکا پیشتر پیشنهاد ارسال کمک به ایران را مطرح کرده بود.",
        "مطرح کرده بود",
        "پیشنهاد ارسال کمک به ایران را",
        "دولت آمریکا",
    ),
    (
        "object-after-an-adjunct-comma",
        "وی با اشاره به تحریم‌ها، فشارها و تهدیدها، ایران را کشوری مقاوم دانست.",
        "دانست",
        "ایران را کشوری مقاوم",
        None,
    ),
    (
        "emphasise-on",
        "امیرعبداللهیان بر ادامه حمایت از ملت فلسطین تاکید کرد.",
        "تاکید کرد",
        "ادامه حمایت از ملت فلسطین",
        "امیرعبداللهیان",
    ),
    ("announce-from", "فرماندار از افتتاح سه مدرسه جدید خبر داد.", "خبر داد", "افتتاح سه مدرسه جدید", "فرماندار"),
    ("call-for", "مسکو خواستار تحقیقات فوری درباره این حادثه شد.", "خواستار", "تحقیقات فوری درباره این حادثه", "مسکو"),
    ("believe", "این کارشناس اقتصادی معتقد است تورم کاهش می‌یابد.", "معتقد است", "تورم کاهش می‌یابد.", None),
    ("according-to", "به گفته مدیرکل راه، جاده‌ها باز است.", "به گفته", "جاده‌ها باز است.", "مدیرکل راه"),
    ("present", "این پزشک می‌گوید که واکسن موثر است.", "می‌گوید", "واکسن موثر است.", None),
    ("future", "وزیر خواهد گفت که بودجه کافی است.", "خواهد گفت", "بودجه کافی است.", "وزیر"),
    (
        "plural",
        "نمایندگان مجلس اعلام کردند که طرح را بررسی می‌کنند.",
        "اعلام کردند",
        "طرح را بررسی می‌کنند.",
        "نمایندگان مجلس",
    ),
    ("organisation", "وزارت امور خارجه اعلام کرد که سفیر احضار شد.", "اعلام کرد", "سفیر احضار شد.", "وزارت امور خارجه"),
    ("unnamed-source", "یک منبع آگاه گفت که مذاکرات ادامه دارد.", "گفت", "مذاکرات ادامه دارد.", "یک منبع آگاه"),
    ("no-zwnj", "رئیس پلیس تاکید میکند که امنیت برقرار است.", "تاکید میکند", "امنیت برقرار است.", "رئیس پلیس"),
    (
        "wants-khahan",
        "نماینده کنگره خواهان احضار مترجم نشست شده است.",
        "خواهان",
        "احضار مترجم نشست",
        "نماینده کنگره",
    ),
    (
        "communique",
        "دفتر وزیر با صدور بیانیه‌ای به اطلاع می‌رساند همه مراحل قانونی پیگیری خواهد شد.",
        "به اطلاع می‌رساند",
        "همه مراحل قانونی پیگیری خواهد شد.",
        "دفتر وزیر",
    ),
    (
        "before-this",
        "دهلی پیش از این اعلام کرده بود که خرید نفت را متوقف می‌کند.",
        "اعلام کرده بود",
        "خرید نفت را متوقف می‌کند.",
        "دهلی",
    ),
    (
        "according-to-pronoun",
        "به باور وی آنها دچار اشتباه تاریخی شدند.",
        "به باور",
        "آنها دچار اشتباه تاریخی شدند.",
        None,
    ),
]


@pytest.mark.parametrize(("label", "paragraph", "cue", "content", "speaker"), CASES, ids=[c[0] for c in CASES])
def test_quotes_indirect_case(label: str, paragraph: str, cue: str, content: str, speaker: str | None) -> None:
    doc = QuoteExtractor()(Document.from_text(HEAD + paragraph))
    assert len(doc.quotes) == 1, label
    q = doc.quotes[0]
    assert (q.kind, q.cue.text, q.content.text) == ("indirect", cue, content)
    if speaker is not None:
        assert q.speaker.text == speaker


def test_quotes_indirect_background_then_colon_gives_two_quotes() -> None:
    text = "تخت روانچی با بیان اینکه ترامپ به دنبال تعطیل کردن برجام بود، گفت: توافق زنده است."
    doc = QuoteExtractor()(Document.from_text(HEAD + text))
    background, direct = doc.quotes
    assert (background.kind, background.cue.text) == ("indirect", "با بیان")
    assert background.content.text == "ترامپ به دنبال تعطیل کردن برجام بود"
    assert direct.content.text == "توافق زنده است."
    assert background.speaker.text == direct.speaker.text == "تخت روانچی"


def test_quotes_indirect_topic_after_with_reference_is_not_a_quote() -> None:
    doc = QuoteExtractor()(Document.from_text(HEAD + "وی با اشاره به هفته منابع طبیعی افزود: آب مایه حیات است."))
    assert [q.cue.text for q in doc.quotes] == ["افزود"]


def test_quotes_indirect_two_cues_share_the_subject() -> None:
    text = "هنیه دولت آمریکا را محور جنگ دانست و افزود: آمریکا مجبور به پذیرش آتش‌بس شد."
    doc = QuoteExtractor()(Document.from_text(HEAD + "اسماعیل هنیه به تهران آمد.\n" + text))
    assert [q.cue.text for q in doc.quotes] == ["دانست", "افزود"]


@pytest.mark.parametrize(
    "paragraph",
    [
        "وی در گفت و گو با خبرنگار ما از شهر بازدید کرد.",
        "گفته می‌شود که قیمت‌ها افزایش یافته است.",
        "این گفته‌ها در جلسه مطرح شد و کسی پاسخ نداد.",
        "او کتاب را خواند و به خانه رفت",
    ],
)
def test_quotes_indirect_not_speech(paragraph: str) -> None:
    doc = QuoteExtractor()(Document.from_text(HEAD + paragraph))
    assert doc.quotes == []


def test_quotes_indirect_but_clause_has_its_own_subject() -> None:
    text = "دولت آمریکا پیشتر پیشنهاد کمک به ایران را مطرح کرد ولی رهبر ایران، دریافت هر گونه کمک را رد کرد."
    doc = QuoteExtractor()(Document.from_text(HEAD + text))
    assert [(q.cue.text, q.speaker.text, q.content.text) for q in doc.quotes] == [
        ("مطرح کرد", "دولت آمریکا", "پیشنهاد کمک به ایران را"),
        ("رد کرد", "رهبر ایران", "دریافت هر گونه کمک را"),
    ]


def test_quotes_indirect_statement_in_the_clause_a_frame_introduces() -> None:
    text = "پرتاب این موشک در حالی صورت می‌گیرد که قطعنامه شورای امنیت از ایران خواسته است آزمایش نکند."
    [q] = QuoteExtractor()(Document.from_text(HEAD + text)).quotes
    assert (q.cue.text, q.speaker.text) == ("خواسته است", "قطعنامه شورای امنیت")


def test_quotes_indirect_while_clause_keeps_the_subject_before_it() -> None:
    text = "علی رضایی در حالی که اشک می‌ریخت گفت: ما پیروز می‌شویم."
    [q] = QuoteExtractor()(Document.from_text(HEAD + text)).quotes
    assert q.speaker.text == "علی رضایی"


def test_quotes_indirect_object_that_only_points_back_is_not_a_quote() -> None:
    doc = QuoteExtractor()(Document.from_text(HEAD + "سید عمار حکیم این نکته را بیان کرد."))
    assert doc.quotes == []


def test_quotes_indirect_background_statement_ends_with_its_quotation() -> None:
    text = "روحانی با تاکید بر اینکه دیوان «اشتباه کرده است»، با کنایه خطاب به منتقدان، گفت: گزارش غلط بود."
    background = QuoteExtractor()(Document.from_text(HEAD + text)).quotes[0]
    assert (background.cue.text, background.content.text) == ("با تاکید بر", "دیوان «اشتباه کرده است»")


def test_quotes_indirect_date_opening_the_clause_is_not_the_speaker() -> None:
    text = (
        HEAD
        + "بیست و چهارم تیرماه رئیس جمهور گفت: پرونده بسته است.\n"
        + "17 تیر امسال بود که دادستان تهران اعلام کرد: پرونده باز است."
    )
    doc = NumberExtractor()(Document.from_text(text))
    doc = QuoteExtractor()(doc)
    assert [q.speaker.text for q in doc.quotes] == ["رئیس جمهور", "دادستان تهران"]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "رئیس بانک می‌گوید که از این تلاش‌ها حمایت می‌کند، اما هشدار داد که وام به ایران بانک را تضعیف می‌کند.",
            [("رئیس بانک", "از این تلاش‌ها حمایت می‌کند"), ("رئیس بانک", "وام به ایران بانک را تضعیف می‌کند.")],
        ),
        (
            "پژوهشگران چینی می‌گویند این دارو اثری نداشته، اما شرکت سازنده می‌گوید آزمایش به نتایج مثبتی رسیده است.",
            [("پژوهشگران چینی", "این دارو اثری نداشته"), ("شرکت سازنده", "آزمایش به نتایج مثبتی رسیده است.")],
        ),
        (
            "وزیر گفت که برنامه‌ها اجرا می‌شود و افزود که مشکلات زیادی وجود دارد.",
            [("وزیر", "برنامه‌ها اجرا می‌شود"), ("وزیر", "مشکلات زیادی وجود دارد.")],
        ),
    ],
)
def test_quotes_indirect_second_report_ends_the_first(paragraph: str, expected: list[tuple[str, str]]) -> None:
    doc = QuoteExtractor()(Document.from_text(HEAD + paragraph))
    assert [(q.speaker.text, q.content.text) for q in doc.quotes] == expected


@pytest.mark.parametrize(
    "paragraph",
    [
        "وزیر گفت که برنامه‌ها اجرا می‌شود، اما مشکلات زیادی وجود دارد.",
        "وزیر گفت که رسانه‌ها هجمه‌ای را آغاز کرده و ادعا می‌کنند که مسکو مقصر است.",
    ],
)
def test_quotes_indirect_clause_without_a_second_report_stays_whole(paragraph: str) -> None:
    doc = QuoteExtractor()(Document.from_text(HEAD + paragraph))
    assert [q.cue.text for q in doc.quotes] == ["گفت"]


def test_quotes_indirect_denial_in_a_background_phrase() -> None:
    text = "دفتر وزیر ضمن تکذیب مطالب منتشر شده در روزنامه‌ها، اعلام کرد که پیگیری قضایی خواهد کرد."
    doc = QuoteExtractor()(Document.from_text(HEAD + text))
    assert [(q.cue.text, q.content.text) for q in doc.quotes] == [
        ("ضمن تکذیب", "مطالب منتشر شده در روزنامه‌ها"),
        ("اعلام کرد", "پیگیری قضایی خواهد کرد."),
    ]


@pytest.mark.parametrize(
    ("paragraph", "cue", "content"),
    [
        (
            "روابط عمومی بنیاد از رسانه‌ها تقاضا می‌کند در انتشار اخبار دقت کنند.",
            "تقاضا می‌کند",
            "در انتشار اخبار دقت کنند.",
        ),
        (
            "وی با ابراز امیدواری از اینکه دانشگاه به دانشگاه تراز تبدیل شود، به کار ادامه داد.",
            "با ابراز امیدواری",
            "دانشگاه به دانشگاه تراز تبدیل شود",
        ),
    ],
)
def test_quotes_indirect_request_and_hope(paragraph: str, cue: str, content: str) -> None:
    doc = QuoteExtractor()(Document.from_text(HEAD + paragraph))
    assert (doc.quotes[0].cue.text, doc.quotes[0].content.text) == (cue, content)


def test_quotes_document_explanations_are_a_record() -> None:
    text = "در توضیحات روابط عمومی بنیاد آمده است: این خبر صحت ندارد."
    [q] = QuoteExtractor()(Document.from_text(HEAD + text)).quotes
    assert (q.kind, q.speaker.text, q.content.text) == ("direct", "روابط عمومی بنیاد", "این خبر صحت ندارد.")


def test_quotes_indirect_although_clause_then_a_new_speaker_after_the_comma() -> None:
    text = "هرچند رئیس دانشگاه از افزایش مبتلایان خبر داده، مدیر روابط عمومی استانداری می‌گوید: مشاغل فعال‌اند."
    doc = QuoteExtractor()(Document.from_text(HEAD + text))
    assert [(q.speaker.text, q.cue.text, q.content.text) for q in doc.quotes] == [
        ("رئیس دانشگاه", "خبر داده", "افزایش مبتلایان"),
        ("مدیر روابط عمومی استانداری", "می‌گوید", "مشاغل فعال‌اند."),
    ]


def test_quotes_indirect_az_of_an_adverb_is_not_the_cue_preposition() -> None:
    doc = QuoteExtractor()(Document.from_text(HEAD + "وزیر پیش از این از افزایش قیمت‌ها در بازار انتقاد کرد."))
    assert [q.content.text for q in doc.quotes] == ["افزایش قیمت‌ها در بازار"]


@pytest.mark.parametrize(
    ("paragraph", "cue", "content", "speaker"),
    [
        ("براساس گفته یامین‌پور، این برنامه ادامه دارد.", "براساس گفته", "این برنامه ادامه دارد.", "یامین‌پور"),
        ("وی با بیان این مطلب که کار سخت است، به کار ادامه داد.", "با بیان", "کار سخت است", None),
    ],
)
def test_quotes_indirect_more_frames(paragraph: str, cue: str, content: str, speaker: str | None) -> None:
    q = QuoteExtractor()(Document.from_text(HEAD + paragraph)).quotes[0]
    assert (q.cue.text, q.content.text) == (cue, content)
    assert speaker is None or q.speaker.text == speaker


def test_quotes_indirect_az_of_a_fixed_phrase_is_not_the_cue_preposition() -> None:
    doc = QuoteExtractor()(Document.from_text(HEAD + "نتانیاهو از جمله سران بود که از توافق هسته‌ای انتقاد کرد."))
    assert [q.content.text for q in doc.quotes] == ["توافق هسته‌ای"]


def test_quotes_indirect_comma_before_an_object_keeps_the_speaker() -> None:
    doc = QuoteExtractor()(
        Document.from_text(HEAD + "وزیر با بیان اینکه کار سخت است، رئیس‌جمهور را مسئول اصلی این وضع دانست.")
    )
    assert [q.speaker.text for q in doc.quotes] == ["وزیر", "وزیر"]
