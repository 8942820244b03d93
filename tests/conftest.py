"""Shared fixtures. Tests that need ../shared/data skip without it, but fail under CI, which always has it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KHABAR_SHARED", REPO.parent / "shared"))


def _require(path: Path) -> Path:
    if path.exists():
        return path
    if os.environ.get("CI"):
        pytest.fail(f"{path} is missing, and CI always has ../shared")
    pytest.skip(f"{path} not available")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The corpora folder ../shared/data."""
    return _require(SHARED / "data")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The whole ../shared folder (eval scripts, gold annotations, examples)."""
    return _require(SHARED)


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The bundled example: a Persian news story as extracted from a PDF."""
    return (REPO / "examples" / "seed.txt").read_text(encoding="utf-8")
