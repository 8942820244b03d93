"""Meetings: two parties meeting or calling, one record per meeting however often it is told."""

from __future__ import annotations

from khabar.document import Document
from khabar.extract.quotes import QuoteExtractor


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
