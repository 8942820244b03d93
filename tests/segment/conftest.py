"""Fixtures for the segmenter tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from segment_helpers import make_doc

from khabar.document import Document
from khabar.segment import Segmenter


@pytest.fixture(scope="session")
def segmenter() -> Segmenter:
    return Segmenter()


@pytest.fixture(scope="session")
def segment(segmenter: Segmenter) -> Callable[[str], Document]:
    """Text → segmented document."""
    return lambda text: segmenter(make_doc(text))
