"""Full-text search: a user's query becomes an FTS5 expression that khabar writes itself, never one it passes on.

The query is folded with the same `fold` as the index and cut into words; FTS5 only ever sees quoted words, so
quotes, `*`, `NEAR`, `AND`/`OR` and parentheses in user input are just text. Two things are read from it:
a double-quoted phrase (`"آتش بس غزه"`) and a trailing `*` on a word (prefix search).

Compounds, the three ways Persian writes them (`آتش بس`, `آتش‌بس`, `آتشبس`); the index holds `آتش`, `بس` for
the first two and `آتشبس` for the third:
- a word written with ZWNJ (`آتش‌بس`) is one written word, so its parts must stand together: it matches the
  phrase `آتش بس` or the fused `آتشبس` (a quoted phrase matches with any of its gaps closed, likewise);
- a fused word (`آتشبس`) matches itself, or any split of it into two words side by side (`آتش بس`, and also
  `آت شبس`, which no document writes);
- words written apart (`آتش بس`) are each required, each also accepted fused with its query neighbour; the
  documents where they stand together rank first (`adjacency_expression`), then any with them apart.
So all three find the same documents first, whichever way each document wrote the word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product

from khabar.errors import QueryError
from khabar.store.normalize import fold, fold_with_offsets
from khabar.store.normalize import words as index_words

COLUMNS = "{title body}"
MIN_PART = 2  # a fused query word is also tried as two words of at least this many letters
MAX_WORDS = 32
MAX_FUSED_PHRASE = 5  # a phrase of up to this many words also matches with any of its gaps closed
WEIGHTS = (3.0, 1.0)  # bm25 weights: title, body


@dataclass(frozen=True, slots=True)
class Term:
    """One query unit: a word (maybe a prefix), or a quoted phrase of several words."""

    words: tuple[str, ...]
    prefix: bool = False
    phrase: bool = False


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    terms: tuple[Term, ...]

    @property
    def words(self) -> list[str]:
        return [w for t in self.terms for w in t.words]


_PHRASE = re.compile(r'"([^"]*)"')


def parse_query(text: str) -> Query:
    """Read a user query: quoted phrases, `word*` prefixes, everything else plain words (all required)."""
    terms: list[Term] = []
    pos = 0
    for match in _PHRASE.finditer(text):
        terms.extend(_plain_terms(text[pos : match.start()]))
        words = tuple(index_words(match.group(1)))
        if words:
            terms.append(Term(words, phrase=len(words) > 1))
        pos = match.end()
    terms.extend(_plain_terms(text[pos:]))  # an unbalanced quote is just a character here
    if not terms:
        raise QueryError(f"the query {text!r} has no words to search for (letters or digits)")
    if sum(len(t.words) for t in terms) > MAX_WORDS:
        raise QueryError(f"the query has more than {MAX_WORDS} words; search for fewer, more specific words")
    return Query(text, tuple(terms))


def _plain_terms(text: str) -> list[Term]:
    """Whitespace separates words; a written word that folds to several (`آتش‌بس`, `1402/12/11`) is a phrase."""
    terms = []
    for chunk in text.split():
        words = tuple(index_words(chunk))
        if words:
            prefix = fold(chunk).rstrip().endswith("*")
            terms.append(Term(words, prefix=prefix, phrase=len(words) > 1))
    return terms


def _string(word: str, prefix: bool = False) -> str:
    """An FTS5 string literal; words hold only letters and digits, and the doubling keeps it safe regardless."""
    return '"' + word.replace('"', '""') + '"' + (" *" if prefix else "")


def match_expression(query: Query) -> str:
    """The FTS5 MATCH expression for a parsed query: one parenthesised alternative group per term, ANDed."""
    groups = []
    for i, term in enumerate(query.terms):
        if term.phrase:
            groups.append(_phrase_group(term))
        else:
            groups.append(_word_group(query.terms, i))
    return " AND ".join(f"({' OR '.join(g)})" for g in groups)


def _word_group(terms: tuple[Term, ...], i: int) -> list[str]:
    """A word as written, or split in two (`آتشبس` finds `آتش بس`), or fused with a plain neighbour."""
    term = terms[i]
    word = term.words[0]
    options = [f"{COLUMNS} : {_string(word, term.prefix)}"]
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        options.append(f"{COLUMNS} : {_string(word[:cut] + ' ' + word[cut:], term.prefix)}")
    for left, right in ((i - 1, i), (i, i + 1)):
        if left >= 0 and right < len(terms) and not (terms[left].phrase or terms[right].phrase):
            fused = terms[left].words[0] + terms[right].words[0]
            options.append(f"{COLUMNS} : {_string(fused, terms[right].prefix)}")
    return options


def _phrase_group(term: Term) -> list[str]:
    """A phrase matches with its word gaps written as spaces, ZWNJs or nothing (`آتش بس`, `آتشبس`)."""
    words = term.words
    if len(words) > MAX_FUSED_PHRASE:
        return [f"{COLUMNS} : {_string(' '.join(words), term.prefix)}"]
    variants = []
    for gaps in product(("", " "), repeat=len(words) - 1):
        joined = words[0] + "".join(gap + word for gap, word in zip(gaps, words[1:]))
        variants.append(f"{COLUMNS} : {_string(joined, term.prefix)}")
    return variants


def adjacency_expression(query: Query) -> str | None:
    """Neighbouring plain query words found side by side (or fused) in a document: those documents rank first,
    so `آتش بس` lists the ceasefire stories, as `آتش‌بس` and `آتشبس` do, before ones with `آتش` and `بس` apart."""
    groups = []
    for left, right in zip(query.terms, query.terms[1:]):
        if not (left.phrase or right.phrase):
            pair = Term((left.words[0], right.words[0]), prefix=right.prefix, phrase=True)
            groups.append(f"({' OR '.join(_phrase_group(pair))})")
    return " AND ".join(groups) or None


@dataclass(frozen=True, slots=True)
class Filters:
    """Document filters shared by every listing: publisher (folded substring) and an ISO date range."""

    publisher: str | None = None
    since: str | None = None
    until: str | None = None

    def sql(self, alias: str = "d") -> tuple[str, list[object]]:
        """` AND ...` conditions on the documents table under `alias`, and their parameters."""
        parts, params = [], []
        if self.publisher:
            parts.append(f"instr({alias}.publisher_key, ?) > 0")
            params.append(" ".join(index_words(self.publisher)))
        if self.since:
            parts.append(f"{alias}.date >= ?")
            params.append(self.since)
        if self.until:
            parts.append(f"substr({alias}.date, 1, 10) <= ?")
            params.append(self.until)
        return "".join(f" AND {p}" for p in parts), params


NO_FILTERS = Filters()


def search_sql(query: Query, filters: Filters = NO_FILTERS, limit: int = 10, offset: int = 0) -> tuple[str, list]:
    """The ranked search statement and its parameters (each MATCH expression travels as one bound string).

    Order: documents where neighbouring query words stand together first (`adjacency_expression`), then bm25.
    """
    where, params = filters.sql("d")
    weights = ", ".join(str(w) for w in WEIGHTS)
    adjacency = adjacency_expression(query)
    tier = "0"
    if adjacency is not None:
        tier = "(d.pk NOT IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?))"
    sql = (
        f"SELECT d.pk, d.id, d.title, d.url, d.publisher, d.date, bm25(documents_fts, {weights}) AS score, "
        f"{tier} AS tier FROM documents_fts JOIN documents d ON d.pk = documents_fts.rowid "
        f"WHERE documents_fts MATCH ?{where} ORDER BY tier, score LIMIT ? OFFSET ?"
    )
    head = [] if adjacency is None else [adjacency]
    return sql, [*head, match_expression(query), *params, int(limit), int(offset)]


@dataclass(frozen=True, slots=True)
class Snippet:
    """A stretch of the document as written, and the [start, end) spans in it that matched the query."""

    text: str
    highlights: tuple[tuple[int, int], ...]

    def marked(self, before: str = "**", after: str = "**") -> str:
        out, pos = [], 0
        for start, end in self.highlights:
            out += [self.text[pos:start], before, self.text[start:end], after]
            pos = end
        return "".join([*out, self.text[pos:]])


def highlight_pattern(query: Query) -> re.Pattern[str]:
    """Matches every query word in folded text, with or without spaces inside it; two neighbouring query words
    written as one (`آتشبس` for `آتش بس`) are tried last, so words written apart are marked apart."""
    own: dict[str, bool] = {}
    pairs: dict[str, bool] = {}
    terms = query.terms
    for i, term in enumerate(terms):
        own["".join(term.words)] = term.prefix
        for word in term.words:
            own.setdefault(word, False)
        if i + 1 < len(terms):
            pairs.setdefault(term.words[-1] + terms[i + 1].words[0], terms[i + 1].prefix)
    alternatives = [_form_pattern(f, p) for forms in (own, pairs) for f, p in sorted(forms.items(), key=_longest)]
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


def _longest(item: tuple[str, bool]) -> int:
    return -len(item[0])


def _form_pattern(form: str, prefix: bool) -> str:
    body = r"\s?".join(re.escape(c) for c in form)
    return body if prefix else body + r"(?![^\W_])"


def snippet(text: str, query: Query, width: int = 180) -> Snippet:
    """The `width`-character window with the most query matches, cut at spaces, matches marked."""
    folded = fold_with_offsets(text)
    hits = [folded.to_original(*m.span()) for m in highlight_pattern(query).finditer(folded.folded)]
    hits = _joined([(s, e) for s, e in hits if e > s], text)
    start = _best_window(hits, width) if hits else 0
    start = _word_start(text, start)
    end = _word_end(text, min(len(text), start + width))
    inside = tuple((s - start, e - start) for s, e in hits if s >= start and e <= end)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shifted = tuple((s + len(prefix), e + len(prefix)) for s, e in inside)
    body = text[start:end].replace("\n", " ")
    return Snippet(prefix + body + suffix, shifted)


def _joined(hits: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Neighbouring marks with only a ZWNJ between them are one word as written (`آتش‌بس`): one mark."""
    out: list[tuple[int, int]] = []
    for start, end in hits:
        if out and text[out[-1][1] : start] in ("", "\u200c"):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _best_window(hits: list[tuple[int, int]], width: int) -> int:
    """Where the window with the most hits starts (hits are sorted; a sliding window keeps this linear)."""
    best_start, best_count, j = hits[0][0], 0, 0
    for i, (start, _) in enumerate(hits):
        j = max(j, i)
        while j < len(hits) and hits[j][1] <= start + width:
            j += 1
        if j - i > best_count:
            best_start, best_count = start, j - i
    return max(0, best_start - width // 4)


def _word_start(text: str, pos: int) -> int:
    if pos <= 0:
        return 0
    space = text.rfind(" ", max(0, pos - 20), pos)
    return space + 1 if space >= 0 else pos


def _word_end(text: str, pos: int) -> int:
    if pos >= len(text):
        return len(text)
    space = text.find(" ", pos, pos + 20)
    return space if space >= 0 else pos
