"""Search finds the same documents whatever spelling the query and the documents use (recall 1.0)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.document import Document
from khabar.errors import QueryError
from khabar.store.corpus import Corpus
from khabar.store.search import parse_query, snippet

# Each group: the ways documents write one word, and the ways a query may write it.
GROUPS = {
    "ceasefire": (["آتش بس", "آتش‌بس", "آتشبس", "آتش‌ بس"], ["آتش بس", "آتشبس", "آتش‌بس"]),
    "international": (
        ["بین‌المللی", "بين‌المللي", "بینالمللی", "بين المللي"],
        ["بین‌المللی", "بين‌المللي", "بین المللی", "بینالمللی"],
    ),
    "country": (["کشور", "كشور", "کِشوَر", "كِشْوَر"], ["کشور", "كشور", "کِشوَر"]),
    "year": (["۱۴۰۲", "١٤٠٢", "1402"], ["۱۴۰۲", "١٤٠٢", "1402"]),
}
DISTRACTORS = ["آتش سوزی در انبار رخ داد.", "بین دو شهر و ملی", "کشورها و مردم", "سال ۱۴۰۳ آغاز شد.", "بس است."]
SCATTERED = "آتش در انبار افتاد و گفتند بس است."  # both words of `آتش بس`, not side by side


@pytest.fixture(scope="module")
def spelling_corpus() -> tuple[Corpus, dict[str, set[str]]]:
    corpus = Corpus()
    expected: dict[str, set[str]] = {}
    for group, (forms, _) in GROUPS.items():
        expected[group] = set()
        for i, form in enumerate(forms):
            doc = Document.from_text(f"خبر شماره {i} درباره {form} در این گزارش آمده است.", title=f"{group} {i}")
            corpus.add(doc)
            expected[group].add(corpus.search(f"{group} {i}")[0].id)
    for text in [*DISTRACTORS, SCATTERED]:
        corpus.add(Document.from_text(text))
    return corpus, expected


@pytest.mark.parametrize(("group", "query"), [(g, q) for g, (_, queries) in GROUPS.items() for q in queries])
def test_store_search_finds_every_spelling(spelling_corpus, group: str, query: str) -> None:
    corpus, expected = spelling_corpus
    ranked = [hit.id for hit in corpus.search(query, limit=100)]
    assert set(ranked[: len(expected[group])]) == expected[group]  # recall 1.0, and they come first
    written_apart = " " in query and "\u200c" not in query
    assert len(ranked) == len(expected[group]) + (written_apart and group == "ceasefire")


def test_store_search_query_words_written_together_need_to_be_together(fresh_db: Corpus) -> None:
    fresh_db.add(Document.from_text(SCATTERED))
    assert fresh_db.search("آتش‌بس") == fresh_db.search("آتشبس") == []
    assert len(fresh_db.search("آتش بس")) == 1


def test_store_search_snippet_highlights_the_text_as_written() -> None:
    text = "در این کِشوَر و آن كشور آتش‌بس برقرار شد."
    marked = snippet(text, parse_query("کشور آتشبس")).marked("[", "]")
    assert marked == "در این [کِشوَر] و آن [كشور] [آتش‌بس] برقرار شد."


def test_store_search_quoted_phrase_needs_the_words_together(fresh_db: Corpus) -> None:
    fresh_db.add(Document.from_text("آتش در انبار. بس است."))
    fresh_db.add(Document.from_text("آتشبس اعلام شد."))
    assert len(fresh_db.search("آتش بس")) == 2
    assert [h.snippet.text for h in fresh_db.search('"آتش بس"')] == ["آتشبس اعلام شد."]


def test_store_search_folds_latin_case_and_finds_split_writing(fresh_db: Corpus) -> None:
    fresh_db.add(Document.from_text("نشست IAEA در وین و گزارش ÉLYSÉE"))
    fresh_db.add(Document.from_text("خبرگزاری ایر ان"))  # a word broken by extraction
    assert len(fresh_db.search("iaea élysée")) == 1
    assert len(fresh_db.search("ایران")) == 1


def test_store_search_ranks_title_matches_higher(fresh_db: Corpus) -> None:
    fresh_db.add(Document.from_text("متن درباره اقتصاد و نفت", title="گزارش"))
    fresh_db.add(Document.from_text("متن درباره اقتصاد", title="نفت"))
    assert fresh_db.search("نفت")[0].title == "نفت"


@pytest.mark.parametrize("query", ["(((", '"', "*", ":", "^", "  "])
def test_store_search_query_without_words_is_a_clear_error(fresh_db: Corpus, query: str) -> None:
    with pytest.raises(QueryError, match="no words"):
        fresh_db.search(query)


FTS_SYNTAX = st.text(alphabet='"*():{}^+-،NEARORANDTخبر ', max_size=30) | st.sampled_from(
    ["NEAR(خبر", '"خبر', 'خبر"*', "خبر OR", "AND خبر", "{title}: خبر", "خبر NOT خبر", "title:خبر", "'; --"]
)


@settings(max_examples=150, deadline=None)
@given(FTS_SYNTAX)
def test_store_search_fts_syntax_is_text_never_an_sql_error(query: str) -> None:
    with Corpus() as corpus:
        corpus.add(Document.from_text("خبر near title"))
        try:
            hits = corpus.search(query)
        except QueryError:
            return
        assert isinstance(hits, list)
