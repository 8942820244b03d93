"""Meetings: two parties meeting or calling, one record per meeting however often it is told."""

from __future__ import annotations

from khabar.document import Document
from khabar.extract.quotes import QuoteExtractor
from khabar.extract.speakers import SpeakerPhrase, Speakers, fold


def _meetings(text: str) -> list[dict]:
    return QuoteExtractor()(Document.from_text(text)).meetings


def _parties(meeting: dict) -> list[str]:
    return [p["text"] for p in meeting["participants"]]


def test_quotes_meetings_in_meeting_with() -> None:
    [m] = _meetings("تیتر\nوزیر نیرو در دیدار با سفیر روسیه گفت: همکاری ادامه دارد.")
    assert _parties(m) == ["وزیر نیرو", "سفیر روسیه"]
    assert (m["kind"], m["cue"]["text"]) == ("meeting", "در دیدار با")


def test_quotes_meetings_verb_and_phone_call() -> None:
    [m] = _meetings("تیتر\nرئیس مجلس با وزیر خارجه عراق دیدار کرد.")
    assert _parties(m) == ["رئیس مجلس", "وزیر خارجه عراق"]
    [call] = _meetings("تیتر\nرئیس جمهور در گفت‌وگوی تلفنی با صدراعظم آلمان گفت: تحریم‌ها غیرقانونی است.")
    assert call["kind"] == "call"


def test_quotes_meetings_headline_and_lead_are_one_meeting() -> None:
    text = (
        "امیرعبداللهیان در دیدار با رئیس دفتر سیاسی جنبش حماس؛\n"
        "وزیر امور خارجه در دیدار با اسماعیل هنیه، رئیس دفتر سیاسی جنبش حماس گفت: پیروزی نزدیک است.\n"
        "حسین امیرعبداللهیان گفت: حمایت ادامه دارد."
    )
    [m] = _meetings(text)
    assert [p["name"] for p in m["participants"]] == ["حسین امیرعبداللهیان", "اسماعیل هنیه"]


def test_quotes_meetings_two_meetings_in_the_body_stay_apart() -> None:
    text = "تیتر خبر\nوزیر در دیدار با سفیر چین گفت: روابط خوب است.\nوزیر در دیدار با سفیر هند گفت: تجارت مهم است."
    assert len(_meetings(text)) == 2


def test_quotes_meetings_sports_match_is_not_a_meeting() -> None:
    assert _meetings("تیتر\nاستقلال در دیدار با پرسپولیس با نتیجه دو بر یک به برتری رسید.") == []


def test_quotes_meetings_names_in_straight_quotes_are_whole_parties() -> None:
    text = (
        "تیتر\nخبرگزاری فارس: رئیس دانشگاه هاوانا در دیدار با سفیر ایران بر همکاری تاکید کرد.\n"
        'دکتر "گوستاو کوبریرو"، رئیس دانشگاه هاوانا، در دیدار با "علی چگنی" سفیر ایران در کوبا، اظهار داشت: '
        "روابط خوب است."
    )
    first, second = _meetings(text)
    assert _parties(first) == ["رئیس دانشگاه هاوانا", "سفیر ایران"]
    assert _parties(second)[1] == '"علی چگنی" سفیر ایران'
    assert second["participants"][1]["name"] == "علی چگنی"


def test_quotes_meetings_subject_after_a_discourse_frame() -> None:
    text = "تیتر\nاین در حالی است که وزیر نیرو چندی پیش در دیدار با سفیر روسیه از همکاری سخن گفت."
    [m] = _meetings(text)
    assert _parties(m)[0] == "وزیر نیرو"


def test_quotes_meetings_party_of_only_a_quotation_mark_has_no_best_mention() -> None:
    """A speaker phrase made only of a quotation mark forms a cluster without words (it crashed ingest)."""
    doc = Document.from_text('او در دیدار با " گفت')
    speakers = Speakers(doc, fold(doc.text))
    mark = doc.text.index('"')
    cid = speakers.add(SpeakerPhrase(mark, mark + 1, [(mark, mark + 1)]))
    assert speakers.best_mention(cid) is None
    assert speakers.speaker(SpeakerPhrase(mark, mark + 1, [(mark, mark + 1)], anaphor=True), cid) is None


def test_quotes_meetings_a_party_that_names_nobody_is_no_meeting() -> None:
    assert _meetings("تیتر\nوزیر در دیدار با تدبیر و درایت کار را پیش برد.") == []
    assert _meetings("تیتر\nشهرداری اراک در دیدار با تیم آینده‌سازان به پیروزی رسید.") == []


def test_quotes_meetings_a_group_or_an_unlisted_name_can_meet() -> None:
    [group] = _meetings("تیتر\nوزیر نیرو در دیدار با همتایان خود گفت: همکاری ادامه دارد.")
    assert _parties(group) == ["وزیر نیرو", "همتایان خود"]
    [named] = _meetings("تیتر\nوزیر نیرو در دیدار با شکولنیک گفت: همکاری ادامه دارد.")
    assert _parties(named)[1] == "شکولنیک"


def test_quotes_meetings_office_written_with_a_half_space_is_whole() -> None:
    [m] = _meetings("تیتر\nنخست‌وزیر قرقیزستان در دیدار با صدر اعظم سابق اتریش گفت: همکاری ادامه دارد.")
    assert [p["name"] for p in m["participants"]] == ["نخست‌وزیر قرقیزستان", "صدر اعظم سابق اتریش"]
