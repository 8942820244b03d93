"""The source chain: publisher and cited outlets, from credit lines, datelines and interviews."""

from __future__ import annotations

import pytest

from khabar.document import Document
from khabar.extract.quotes import QuoteExtractor

HEAD = "تیتر خبر بدون نقطه\n"

# (label, body, publisher, cited)
CASES = [
    ("credit", "به گزارش خبرگزاری فارس، وزیر گفت: سلام.", "خبرگزاری فارس", []),
    ("desk", "به گزارش گروه بین‌الملل خبرگزاری فارس، وزیر گفت: سلام.", "خبرگزاری فارس", []),
    ("city", "به گزارش خبرگزاری فارس از مشهد، استاندار گفت: سلام.", "خبرگزاری فارس", []),
    ("and-quoting", "به گزارش اسپادانا خبر و به نقل از ایسنا، وزیر گفت: سلام.", "اسپادانا خبر", ["ایسنا"]),
    (
        "office",
        "به گزارش ایرنا از روابط عمومی وزارت نیرو، وزیر گفت: سلام.",
        "ایرنا",
        ["روابط عمومی وزارت نیرو"],
    ),
    ("dateline", "تهران- ایرنا- وزیر نیرو امروز گفت: سلام.", "ایرنا", []),
    ("reporter", "وزیر در گفت‌وگو با خبرنگار تسنیم گفت: سلام.", "تسنیم", []),
    ("reporter-desk", "وزیر در گفت‌وگو با خبرنگار اقتصادی خبرگزاری مهر، گفت: سلام.", "خبرگزاری مهر", []),
    ("writes", "به گزارش ایسنا، به نوشته روزنامه گاردین، دولت سقوط کرد.", "ایسنا", ["روزنامه گاردین"]),
    ("writes-no-comma", "به گزارش ایسنا به نوشته روزنامه دکان هرالد، دولت سقوط کرد.", "ایسنا", ["روزنامه دکان هرالد"]),
    ("interview-cited", "به گزارش فارس، کروبی در مصاحبه با خبرگزاری رویترز گفت: سلام.", "فارس", ["خبرگزاری رویترز"]),
    ("interview-only", "بگوویچ در گفت و گو با خبرگزاری فارس اظهار داشت: سلام.", "خبرگزاری فارس", []),
    ("interview-fused", "خجسته در گفتگو با تسنیم، با بیان اینکه او بازداشت شد، گفت: سلام.", "تسنیم", []),
    ("quoted-name", 'به گزارش "ورزش سه" سران فدراسیون گفتند: سلام.', "ورزش سه", []),
    ("no-comma", "به گزارش ایسنا جلال ملکی سخنگوی آتش‌نشانی گفت: سلام.", "ایسنا", []),
    ("later-credit", "به گزارش مهر، وزیر گفت: سلام.\nبه گزارش رویترز، جنگ ادامه دارد.", "مهر", ["رویترز"]),
    ("unnamed", "وزیر گفت: سلام.", None, []),
    ("outlet-speaks", "به گزارش ایرنا، خبرگزاری رویترز اعلام کرد که نفت گران شد.", "ایرنا", ["خبرگزاری رویترز"]),
    ("relayed-words", "به گزارش ایرنا، رویترز به نقل از سخنان علی صالحی افزود: سلام.", "ایرنا", ["رویترز"]),
    ("this-report", "وزیر گفت: سلام.\nبنا بر این گزارش، جلسه ادامه دارد.", None, []),
]


@pytest.mark.parametrize(("label", "body", "publisher", "cited"), CASES, ids=[c[0] for c in CASES])
def test_sources_chain_case(label: str, body: str, publisher: str | None, cited: list[str]) -> None:
    doc = QuoteExtractor()(Document.from_text(HEAD + body))
    assert doc.source == {"publisher": publisher, "cited": cited}, label


def test_sources_chain_credit_is_not_the_speaker() -> None:
    doc = QuoteExtractor()(Document.from_text(HEAD + "به گزارش ایسنا جلال ملکی سخنگوی آتش‌نشانی گفت: حادثه مهار شد."))
    assert doc.quotes[0].speaker.text == "جلال ملکی سخنگوی آتش‌نشانی"


def test_sources_chain_relayed_speaker_is_the_person_not_the_outlet() -> None:
    text = "به گزارش ایرنا، رویترز به نقل از سخنان علی صالحی رئیس سازمان انرژی اتمی افزود: کارخانه آماده است."
    doc = QuoteExtractor()(Document.from_text(HEAD + text))
    assert doc.quotes[0].speaker.text == "علی صالحی رئیس سازمان انرژی اتمی"
