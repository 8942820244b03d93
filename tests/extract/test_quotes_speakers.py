"""Speakers: names, roles and pronouns resolved to the people of a document, with and without entities."""

from __future__ import annotations

import khabar
from khabar.document import Document, Entity, Span
from khabar.extract.quotes import QuoteExtractor

HEAD = "تیتر خبر بدون نقطه\n"


def _doc(body: str) -> Document:
    return Document.from_text(HEAD + body)


def _entity(doc: Document, ident: str, label: str, name: str, *spellings: str, roles: tuple[str, ...] = ()) -> Entity:
    """An entity whose mentions are every occurrence of `spellings` in the text."""
    mentions = []
    for s in spellings:
        start = doc.text.find(s)
        while start >= 0:
            mentions.append(Span(doc, start, start + len(s)))
            start = doc.text.find(s, start + 1)
    return Entity(ident, label, name, sorted(mentions, key=lambda m: m.start), list(roles))


BODY = (
    "اسماعیل هنیه، رئیس دفتر سیاسی جنبش حماس گفت: پیروزی نزدیک است.\n"
    "وی افزود: مقاومت ادامه دارد.\n"
    "در ادامه افزود: از ایران سپاسگزاریم.\n"
    "رئیس دفتر سیاسی جنبش حماس تاکید کرد: آتش‌بس شکننده است."
)


def test_quotes_speakers_pronoun_and_dropped_subject_without_entities() -> None:
    doc = QuoteExtractor()(_doc(BODY))
    named, pronoun, dropped, role = doc.quotes
    assert named.speaker.text == "اسماعیل هنیه، رئیس دفتر سیاسی جنبش حماس"
    # With no entities layer, a pronoun or dropped subject is given the words that named the speaker.
    assert pronoun.speaker.text == dropped.speaker.text == "اسماعیل هنیه"
    assert pronoun.speaker.entity is None
    assert role.speaker.text == "رئیس دفتر سیاسی جنبش حماس"
    assert pronoun.confidence < named.confidence


def test_quotes_speakers_resolve_to_entities() -> None:
    doc = _doc(BODY)
    doc.entities = [
        _entity(doc, "e1", "PER", "اسماعیل هنیه", "اسماعیل هنیه", roles=("رئیس دفتر سیاسی جنبش حماس",)),
        _entity(doc, "e2", "ORG", "حماس", "جنبش حماس"),
        _entity(doc, "e3", "LOC", "ایران", "ایران"),
    ]
    doc = QuoteExtractor()(doc)
    assert [q.speaker.entity for q in doc.quotes] == ["e1"] * 4
    # The pronoun keeps its own words once it resolves to an entity.
    assert doc.quotes[1].speaker.text == "وی"


def test_quotes_speakers_organisation_needs_to_cover_the_phrase() -> None:
    doc = _doc("وزارت امور خارجه اعلام کرد که سفیر احضار شد.\nسخنگوی جنبش حماس گفت: جنگ ادامه دارد.")
    doc.entities = [
        _entity(doc, "o1", "ORG", "وزارت امور خارجه", "وزارت امور خارجه"),
        _entity(doc, "o2", "ORG", "حماس", "جنبش حماس"),
    ]
    doc = QuoteExtractor()(doc)
    ministry, spokesman = doc.quotes
    assert ministry.speaker.entity == "o1"
    assert spokesman.speaker.entity is None  # the spokesman is not the movement
    assert spokesman.speaker.text == "سخنگوی جنبش حماس"


def test_quotes_speakers_surname_joins_the_full_name() -> None:
    doc = QuoteExtractor()(
        _doc("مهدی جاریانی گفت: قیمت‌ها ثابت است.\nعلی رضایی گفت: نه.\nجاریانی افزود: بازار آرام است.")
    )
    doc2 = _doc(
        "مهدی جاریانی گفت: قیمت‌ها ثابت است.\nعلی رضایی گفت: چنین نیست و قیمت بالا رفت.\nوی افزود: بازار آرام نیست."
    )
    doc2 = QuoteExtractor()(doc2)
    assert doc.quotes[-1].speaker.text == "جاریانی"
    assert doc2.quotes[-1].speaker.text == "علی رضایی"  # the pronoun takes the speaker of the previous quote


def test_quotes_speakers_pronoun_before_any_quote_takes_earlier_subject() -> None:
    doc = QuoteExtractor()(_doc("«پائولو اتوری» سرمربی تیم قطر به ابوظبی رفت.\nوی در این باره گفت: اردو مفید است."))
    [q] = doc.quotes
    assert "پائولو اتوری" in q.speaker.text


def test_quotes_speakers_a_thing_does_not_speak_the_clause_after_it_names_who_does() -> None:
    doc = QuoteExtractor()(
        _doc(
            "ورنر هویر گفت: بانک آماده است.\n"
            "این سخنان در شرایطی بیان می‌شود که اتحادیه اروپا از این بانک خواسته بود تا با ایران تجارت کند."
        )
    )
    assert [q.speaker.text for q in doc.quotes] == ["ورنر هویر", "اتحادیه اروپا"]


OFFICE_BODY = (
    "علی رضایی در این جلسه گفت: کتابخانه‌ها توسعه می‌یابد.\n"
    "مدیرکل کتابخانه‌های عمومی استان اردبیل افزود: پنج ایستگاه مطالعه راه‌اندازی شده است.\n"
)


def test_quotes_speakers_lone_office_after_a_person_without_one_is_that_person() -> None:
    doc = _doc(OFFICE_BODY)
    doc.entities = [_entity(doc, "e1", "PER", "علی رضایی", "علی رضایی")]
    doc = QuoteExtractor()(doc)
    assert [q.speaker.entity for q in doc.quotes] == ["e1", "e1"]
    assert doc.quotes[1].speaker.text == "مدیرکل کتابخانه‌های عمومی استان اردبیل"


def test_quotes_speakers_lone_office_is_the_person_named_next_or_nobody_when_another_speaks_also() -> None:
    also = _doc(OFFICE_BODY.replace("اردبیل افزود", "اردبیل نیز افزود"))
    also.entities = [_entity(also, "e1", "PER", "علی رضایی", "علی رضایی")]
    assert [q.speaker.entity for q in QuoteExtractor()(also).quotes] == ["e1", None]
    named_after = _doc(OFFICE_BODY + "حسن کریمی ادامه داد: کار ادامه دارد.")
    named_after.entities = [
        _entity(named_after, "e1", "PER", "علی رضایی", "علی رضایی"),
        _entity(named_after, "e2", "PER", "حسن کریمی", "حسن کریمی"),
    ]
    assert [q.speaker.entity for q in QuoteExtractor()(named_after).quotes] == ["e1", "e2", "e2"]
    quoted_before = _doc(OFFICE_BODY.replace("ایستگاه مطالعه", "ایستگاه حسن کریمی") + "حسن کریمی گفت: بله.")
    quoted_before.entities = [
        _entity(quoted_before, "e1", "PER", "علی رضایی", "علی رضایی"),
        _entity(quoted_before, "e2", "PER", "حسن کریمی", "حسن کریمی"),
    ]
    assert [q.speaker.entity for q in QuoteExtractor()(quoted_before).quotes] == ["e1", "e1", "e2"]


def test_quotes_speakers_office_phrase_is_not_the_organisation_inside_it() -> None:
    doc = _doc("حسن کریمی مدیر مدرسه است.\nمدیرکل میراث فرهنگی، صنایع دستی و گردشگری استان همدان گفت: موزه باز است.")
    doc.entities = [
        _entity(doc, "e1", "PER", "حسن کریمی", "حسن کریمی", roles=("مدیر مدرسه",)),
        _entity(doc, "e2", "ORG", "میراث فرهنگی", "میراث فرهنگی، صنایع دستی و گردشگری استان همدان"),
    ]
    doc = QuoteExtractor()(doc)
    assert [q.speaker.entity for q in doc.quotes] == [None]


def test_quotes_speakers_a_name_inside_an_office_speaks_only_if_the_office_is_theirs() -> None:
    doc = _doc("معاون گمرک شهید رجایی گفت: کانتینرها توقیف شد.\nرئیس‌جمهور حسن روحانی گفت: دولت کار می‌کند.")
    doc.entities = [
        _entity(doc, "e1", "PER", "رجایی", "رجایی", roles=("شهید",)),
        _entity(doc, "e2", "PER", "حسن روحانی", "حسن روحانی", roles=("رئیس‌جمهور",)),
    ]
    doc = QuoteExtractor()(doc)
    assert [q.speaker.entity for q in doc.quotes] == [None, "e2"]


def test_quotes_speakers_the_interviewer_asks_and_is_not_quoted() -> None:
    doc = QuoteExtractor()(
        _doc("مجری شبکه به روابط دو کشور اشاره کرد و گفت آیا تهران می‌تواند اعتماد کند.\nولایتی گفت: ما اعتماد داریم.")
    )
    assert [q.speaker.text for q in doc.quotes] == ["ولایتی"]


def test_quotes_speakers_short_adjunct_without_a_comma_is_skipped() -> None:
    doc = QuoteExtractor()(_doc("علی رضایی گفت: کار ادامه دارد.\nدر این مراسم معاون ستاد استان گفت: باید کار کنیم."))
    assert [q.speaker.text for q in doc.quotes] == ["علی رضایی", "معاون ستاد استان"]


def test_quotes_speakers_the_clause_after_a_finite_verb_has_its_own_subject() -> None:
    text = HEAD + (
        "ابزار جستجو و مرورگر اندروید از محصولات گوگل هستند و رقبای گوگل می‌گویند این شرکت سوءاستفاده می‌کند.\n"
        "او توضیح نداده که برنامه‌ای وجود دارد ولی گفته است که کار انجام شده است."
    )
    doc = khabar.process(text)
    assert [q.speaker.text for q in doc.quotes] == ["رقبای گوگل", "رقبای گوگل"]  # او: the speaker before


def test_quotes_speakers_an_office_may_list_places() -> None:
    doc = QuoteExtractor()(_doc("نماینده مردم تهران، ری، شمیرانات و پردیس در مجلس گفت: خوب است."))
    assert [q.speaker.text for q in doc.quotes] == ["نماینده مردم تهران، ری، شمیرانات و پردیس"]


def test_quotes_speakers_a_relative_clause_names_the_speaker() -> None:
    doc = _doc("موضوعی که سخنگوی انجمن مرغداران می‌گوید قیمت‌ها ثابت است.")
    doc.entities = [_entity(doc, "e1", "ORG", "انجمن مرغداران", "انجمن مرغداران")]
    doc = QuoteExtractor()(doc)
    assert [q.speaker.text for q in doc.quotes] == ["سخنگوی انجمن مرغداران"]


def test_quotes_speakers_project_executor_and_special_rapporteur_are_not_interviewers() -> None:
    doc = QuoteExtractor()(
        _doc("مجری طرح آزادراه گفت: کار تمام است.\nگزارشگر ویژه سازمان ملل گفت که وضعیت بد است.")
    )
    assert [q.speaker.text for q in doc.quotes] == ["مجری طرح آزادراه", "گزارشگر ویژه سازمان ملل"]


def test_quotes_speakers_the_interviewers_question_carried_on_is_left_out_too() -> None:
    doc = QuoteExtractor()(_doc("علی رضایی گفت: خوب است.\nمجری برنامه گفت: «آیا درست است؟»\n«و چرا؟»"))
    assert [q.content.text for q in doc.quotes] == ["خوب است."]


def test_quotes_speakers_a_comma_before_a_time_ends_the_office_phrase() -> None:
    doc = QuoteExtractor()(_doc("وزیر کشور، روز شنبه و در جلسه گفت: خوب است."))
    assert [q.speaker.text for q in doc.quotes] == ["وزیر کشور"]
