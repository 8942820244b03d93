"""A Persian number-to-words generator for the tests, written independently of khabar's parser: the parser must
read back what this writes (2500000 -> دو میلیون و پانصد هزار)."""

from __future__ import annotations

ZWNJ = "\u200c"
ONES = ["", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه"]
TEENS = ["ده", "یازده", "دوازده", "سیزده", "چهارده", "پانزده", "شانزده", "هفده", "هجده", "نوزده"]
TENS = ["", "", "بیست", "سی", "چهل", "پنجاه", "شصت", "هفتاد", "هشتاد", "نود"]
HUNDREDS = ["", "صد", "دویست", "سیصد", "چهارصد", "پانصد", "ششصد", "هفتصد", "هشتصد", "نهصد"]
SCALES = [(10**12, "تریلیون"), (10**9, "میلیارد"), (10**6, "میلیون"), (10**3, "هزار")]
VARIANTS = {"پانصد": "پونصد", "هجده": "هیجده", "پانزده": "پونزده", "هفده": "هیفده"}
SCRIPTS = ["0123456789", "۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩"]
UPPER = 10**15 - 1


def below_thousand(n: int) -> list[str]:
    """The words of 1-999, most significant first (to be joined with و)."""
    hundreds, rest = divmod(n, 100)
    words = [HUNDREDS[hundreds]] if hundreds else []
    if 10 <= rest < 20:
        return [*words, TEENS[rest - 10]]
    tens, ones = divmod(rest, 10)
    return words + [w for w in (TENS[tens], ONES[ones]) if w]


def to_words(n: int, digits: str | None = None, variants: bool = False, after_scale: str = " و ") -> str:
    """Persian words for 0 <= n < 10**15 (2500000 -> دو میلیون و پانصد هزار).

    `digits`: write each group before a scale in digits of that script (۲ میلیون و ۵۰۰ هزار).
    `variants`: colloquial spellings (پونصد). `after_scale`: the joint after a scale (' و ' or a space).
    """
    if n == 0:
        return "صفر"
    parts: list[str] = []
    for size, name in SCALES:
        count, n = divmod(n, size)
        if count:
            parts.append(_group(count, digits, variants, bare_thousand=size == 1000) + name)
    if n:
        parts.append(_group(n, digits, variants, bare_thousand=False).strip())
    joints = [after_scale] * (len(parts) - 1)
    return "".join(p + j for p, j in zip(parts, [*joints, ""]))


def _group(count: int, digits: str | None, variants: bool, bare_thousand: bool) -> str:
    if digits is not None:
        return "".join(digits[int(c)] for c in str(count)) + " "
    if count == 1 and bare_thousand:
        return ""  # هزار, not یک هزار
    words = [VARIANTS.get(w, w) if variants else w for w in below_thousand(count)]
    return " و ".join(words) + " "


def to_ordinal(n: int) -> str:
    """Ordinal words: the last word takes -م (سوم, سی‌ام, یکم)."""
    words = to_words(n)
    head, _, last = words.rpartition(" ")
    ordinal = {"یک": "یکم", "سه": "سوم", "سی": "سی" + ZWNJ + "ام"}.get(last, last + "م")
    return f"{head} {ordinal}" if head else ordinal


def in_digits(n: int | str, script: str) -> str:
    return "".join(script[int(c)] if c.isdigit() else c for c in str(n))
