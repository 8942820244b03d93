"""A small store for the server tests: the seed story, the seed story with entities, and the XSS corpus."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from khabar.document import Document, Entity
from khabar.pipeline import DEFAULT_STAGES, load
from khabar.store.corpus import Corpus, prepare

HERE = Path(__file__).parent
XSS_CASES = [json.loads(line) for line in (HERE / "xss_corpus.jsonl").read_text(encoding="utf-8").splitlines()]
SEED_META = {"title": "امیرعبداللهیان در دیدار با هنیه", "publisher": "اسپادانا خبر", "date": "2023-11-26"}
# The seed story once more (a changed first line makes it a second document), processed without the entities
# stage and given entities by hand, so the pages' entity features are tested on known entities; the first copy
# goes through the whole default pipeline, entities stage included.
ENTITIES = (
    ("E1", "PER", "اسماعیل هنیه", ("اسماعیل هنیه", "هنیه"), ("رئیس دفتر سیاسی جنبش حماس",)),
    ("E2", "PER", "حسین امیرعبداللهیان", ("حسین امیرعبداللهیان", "امیرعبداللهیان"), ("وزیر امور خارجه",)),
    ("E3", "ORG", "حماس", ("حماس",), ()),
    ("E4", "LOC", "غزه", ("غزه",), ()),
)


def add_entities(doc: Document) -> Document:
    """Mark every occurrence of each name (longest names first, no overlaps), as the entities stage would."""
    taken: list[tuple[int, int]] = []
    for ident, label, name, forms, roles in ENTITIES:
        spans = []
        for form in forms:
            for m in re.finditer(re.escape(form), doc.text):
                if all(m.end() <= s or m.start() >= e for s, e in taken):
                    taken.append((m.start(), m.end()))
                    spans.append(doc.span(m.start(), m.end()))
        doc.entities.append(Entity(ident, label, name, sorted(spans, key=lambda s: s.start), list(roles)))
    return doc


def build_store(path: Path, seed_text: str) -> dict[str, object]:
    """Write the test store; returns the ids: `seed`, `entities` and `xss` (label -> id)."""
    pipeline = load()
    seed = pipeline(seed_text, **SEED_META, url="https://example.com/seed")
    without_entities = load([s for s in DEFAULT_STAGES if s != "entities"])
    second = add_entities(
        without_entities("به گزارش ایسنا،" + seed_text, title="هنیه: آتش‌بس پیروزی سیاسی است", publisher="ایسنا",
                 date="2023-11-27")
    )  # fmt: skip
    xss = {
        case["label"]: pipeline(case["text"], **{k: case[k] for k in ("title", "publisher", "url")})
        for case in XSS_CASES
    }
    with Corpus(path) as corpus:
        corpus.write([prepare(seed), prepare(second), *(prepare(d) for d in xss.values())])
        ids = [r[0] for r in corpus.conn.execute("SELECT id FROM documents ORDER BY pk")]
    return {"seed": ids[0], "entities": ids[1], "xss": dict(zip(xss, ids[2:]))}


@pytest.fixture(scope="session")
def serve_store(tmp_path_factory: pytest.TempPathFactory, seed_text: str) -> tuple[Path, dict[str, object]]:
    path = tmp_path_factory.mktemp("serve") / "corpus.db"
    return path, build_store(path, seed_text)


@pytest.fixture(scope="module")
def client(serve_store: tuple[Path, dict[str, object]]) -> Iterator[object]:
    from fastapi.testclient import TestClient

    from khabar.serve import create_app

    with TestClient(create_app(serve_store[0], max_bytes=200_000)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def ids(serve_store: tuple[Path, dict[str, object]]) -> dict[str, object]:
    return serve_store[1]
