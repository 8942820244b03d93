"""Offsets are exact: every word is a slice of doc.text, and words plus the gaps between them rebuild it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from segment_helpers import make_doc

from khabar.segment import Segmenter

NEWS = (
    "تهران - ایرنا: وزیر امور خارجه گفت: «آتش‌بس در غزه برقرار می‌شود.» قیمت‌ها ۱۲.۵ درصد در 1402/07/15 "
    "بالا رفت؛ خانه‌اش را در ۵۰۰ ق.م دید!؟ سایت https://irna.ir و #ایران 😀 را ببینید…\nتیتر بی‌نقطه"
)
ALPHABET = "اب پتکشمهیوند‌. ،؟!«»:()0123456789۱۲۳abc-/\n😀#@%٪…"
_SEGMENTER = Segmenter()


def check_offsets(text: str) -> None:
    doc = _SEGMENTER(make_doc(text))
    pos = 0
    for word in doc.tokens:
        assert word.start < word.end, "no empty words"
        assert doc.text[pos : word.start].strip() == "" if word.start > pos else True, "gaps hold only whitespace"
        assert word.text == doc.text[word.start : word.end]
        assert word.space_after == (word.end == len(text) or text[word.end].isspace())
        pos = word.end
    assert doc.text[pos:].strip() == ""
    rebuilt = "".join(w.text + text[w.end : nxt.start] for w, nxt in zip(doc.tokens, doc.tokens[1:]))
    if doc.tokens:
        assert rebuilt + doc.tokens[-1].text == text.strip()
    covered = sorted(i for w in doc.tokens for i in range(w.start, w.end))
    assert covered == [i for i, ch in enumerate(text) if not ch.isspace()], "every visible character is in a word"
    for sent in doc.sentences:
        assert sent.text == text[sent.start : sent.end]
    assert [i for s in doc.sentences for i in range(s.token_start, s.token_end)] == list(range(len(doc.tokens)))


def test_segment_offsets_news_text() -> None:
    check_offsets(NEWS)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_segment_offsets_any_text(text: str) -> None:
    check_offsets(text)
