"""Edits compose into one raw-coordinate list whose replay gives the text, and offsets map back to raw."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar import Document
from khabar.document import Edit, OffsetMap, apply_edits, compose_edits
from khabar.repair import repair


@st.composite
def edit_lists(draw, text: str) -> list[Edit]:
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=6)))
    edits, last = [], -1
    for a, b in zip(cuts[::2], cuts[1::2]):
        if a <= last:
            continue
        edits.append(Edit(a, b, draw(st.text("ab‌ ", max_size=3)), "k", "r"))
        last = b
    return edits


@settings(max_examples=300, deadline=None)
@given(st.data(), st.text("abcd ", min_size=0, max_size=20))
def test_offsets_compose_like_sequential_application(data, raw: str) -> None:
    text, composed = raw, []
    for _ in range(3):
        changes = data.draw(edit_lists(text))
        composed = compose_edits(composed, text, changes)
        text = apply_edits(text, changes)
    assert apply_edits(raw, composed) == text
    assert all(a.end <= b.start for a, b in pairwise(composed))


def test_offsets_map_repaired_spans_to_raw() -> None:
    raw = "كتابهاي  جديد\u200f را خريدم"
    doc = repair(Document.from_text(raw))
    start = doc.text.index("جدید")
    raw_start, raw_end = doc.to_raw(start, start + len("جدید"))
    assert raw[raw_start:raw_end] == "جديد"


def test_offsets_unchanged_text_maps_identically() -> None:
    omap = OffsetMap([])
    assert omap.to_raw(3, 7) == (3, 7)
