"""A long text is searched for half-space candidates window by window: the same edits as one whole search."""

from __future__ import annotations

import pytest

from khabar.repair import halfspace

PARAGRAPHS = [
    "او میگوید کتابهای تازه به کتابخانهها میرسد و دانشجویان از آنها استفاده میکنند.",
    "این موضوع بررسی می شود و نتیجه اعلام می گردد؛ موازنه های راهبردی تغییر کرده است.",
    "آتشبس موقت در غزه برقرار شد و سازمان ملل از آن استقبال کرد.",
    "نمونهای از سناریوهای تازه را دیدیم و سامانهای نو برای خانههای روستا ساختند.",
]


@pytest.mark.parametrize("window", [40, 100, 333])
def test_halfspace_windows_find_what_one_search_finds(monkeypatch: pytest.MonkeyPatch, window: int) -> None:
    text = "\n".join(PARAGRAPHS[i % len(PARAGRAPHS)] for i in range(40))
    whole = halfspace.repair_half_spaces(text)
    assert whole  # the text has work to do
    monkeypatch.setattr(halfspace, "WINDOW", window)
    assert halfspace.repair_half_spaces(text) == whole
