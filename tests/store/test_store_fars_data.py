"""Twenty real Fars News articles through the whole pipeline into a store: metadata kept, Arabic and Persian
spellings found alike, and the stored layers usable for export."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from khabar.pipeline import DEFAULT_STAGES
from khabar.store.corpus import Corpus
from khabar.store.export import export_conllu
from khabar.store.ingest import IngestOptions, ingest
from khabar.store.normalize import fold
from khabar.store.search import Filters

pytestmark = pytest.mark.data


@pytest.fixture(scope="module")
def fars_store(shared_data: Path, tmp_path_factory) -> Corpus:
    articles = json.loads((shared_data / "fars_varzesh3_news_json/news/fars-news-1.json").read_text("utf-8"))[:20]
    folder = tmp_path_factory.mktemp("fars")
    (folder / "fars.json").write_text(json.dumps(articles, ensure_ascii=False), encoding="utf-8")
    corpus = Corpus(folder / "c.db")
    report = ingest([folder], corpus, IngestOptions(workers=1), progress=False)
    assert report.ok and report.added == len(corpus) == 20
    return corpus


def test_store_fars_data_metadata_and_layers_are_stored(fars_store: Corpus) -> None:
    columns, doc = next(fars_store.records())
    assert columns["url"].startswith("https://www.farsnews.ir/") and columns["publisher"]
    assert fars_store.search("ایران", Filters(publisher=columns["publisher"]))
    assert doc["meta"]["title"] and doc["tokens"] and doc["sentences"]
    stages = fars_store.conn.execute("SELECT DISTINCT stages FROM documents").fetchall()
    assert stages == [(json.dumps(list(DEFAULT_STAGES), separators=(",", ":")),)]


@pytest.mark.parametrize(
    "variants", [("كشور", "کشور"), ("ايران", "ایران"), ("مي‌شود", "می شود", "میشود"), ("بهره‌برداري", "بهرهبرداری")]
)
def test_store_fars_data_arabic_and_persian_spellings_find_the_same(fars_store: Corpus, variants) -> None:
    written = fold(variants[0]).replace(" ", "")
    expected = {
        d["id"] for d in fars_store.documents() if written in fold(d["text"] + d["meta"]["title"]).replace(" ", "")
    }
    same = {h.id for h in fars_store.search(variants[0], limit=100)}
    assert same and same <= expected
    for query in variants:
        ranked = [h.id for h in fars_store.search(query, limit=100)]
        assert set(ranked[: len(same)]) == same, query  # words written apart may follow, ranked after


def test_store_fars_data_exports_conllu(fars_store: Corpus) -> None:
    out = io.StringIO()
    assert export_conllu(fars_store, out) == 20
