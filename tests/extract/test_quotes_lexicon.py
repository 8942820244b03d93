"""The cue lexicon is data: every row must parse, and every cue must find itself as written."""

from __future__ import annotations

import pytest

from khabar.extract.cues import Cue, cue_lexicon
from khabar.extract.speakers import fold, read_table

ROWS = read_table("cues.tsv")
FRAMES = set("CKOPSEBbAQMT-")
TYPES = {"verb", "phrase", "document", "record", "meeting", "score"}


@pytest.mark.parametrize("row", ROWS, ids=[r["cue"] for r in ROWS])
def test_quotes_lexicon_row_is_well_formed(row: dict[str, str]) -> None:
    assert row["type"] in TYPES
    assert set(row["frames"]) <= FRAMES
    if row["type"] == "verb":
        assert row["present"] != "" and row["frames"] != "-"
    if "O" in row["frames"]:
        assert row["prep"] != "-", "content before the cue needs the preposition that opens it"


@pytest.mark.parametrize("cue", [c for c in cue_lexicon().cues if "S" not in c.frames], ids=lambda c: c.text)
def test_quotes_lexicon_cue_finds_itself(cue: Cue) -> None:
    text = fold(f"او {cue.text} که")
    found = cue_lexicon().find(text, 0, len(text))
    assert [(m.cue.text, text[m.start : m.end]) for m in found] == [(cue.text, fold(cue.text))]


def test_quotes_lexicon_inflects_verbs() -> None:
    text = fold("می‌گوید گفتند خواهد گفت گفته است اعلام کرده تاکید نمود خاطرنشان‌کرد")
    found = [text[m.start : m.end] for m in cue_lexicon().find(text, 0, len(text))]
    assert found == [
        fold(w) for w in ("می‌گوید", "گفتند", "خواهد گفت", "گفته است", "اعلام کرده", "تاکید نمود", "خاطرنشان‌کرد")
    ]
