"""`Corpus`: the document store. One SQLite file (WAL), many readers, one writer, every write atomic.

Writing is split in two so the expensive half runs in ingest workers: `prepare(doc)` turns a processed
`Document` into plain rows (folded search text, compressed layers, entities, quotes), and `Corpus.write`
inserts prepared documents in one transaction. `Corpus.add(doc)` does both for library users.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from khabar.document import Document
from khabar.errors import StoreError
from khabar.extract.entities import same_referent
from khabar.store import schema
from khabar.store.layers import pack, unpack
from khabar.store.normalize import index_text, words
from khabar.store.readers import content_id
from khabar.store.search import NO_FILTERS, Filters, Snippet, parse_query, search_sql, snippet
from khabar.store.sql import MEMORY, atomic, connect, quote_identifier

DOCUMENT_COLUMNS = ("id", "raw", "text", "title", "url", "publisher", "publisher_key", "date", "origin", "meta")
DOCUMENT_COLUMNS += ("layers", "stages")
ENTITY_COLUMNS = ("doc", "local_id", "label", "name", "key", "roles", "mentions")
MENTION_COLUMNS = ("entity", "doc", "start", "end", "text")
SPEAKER_COLUMNS = ("doc", "text", "start", "end", "entity", "name", "key")
QUOTE_COLUMNS = ("doc", "idx", "kind", "content", "content_start", "content_end", "cue", "cue_start", "cue_end")
QUOTE_COLUMNS += ("speaker", "confidence")
SOURCE_COLUMNS = ("doc", "role", "name", "key", "entity", "data")
STORED = "d.id, d.text, d.raw, d.meta, d.layers"  # what `_document_dict` rebuilds a document from
SEP = "\x1f"  # the unit separator joins grouped values (names never contain it)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@functools.cache
def insert_sql(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(quote_identifier(c) for c in columns)
    marks = ", ".join("?" for _ in columns)
    return f"INSERT INTO {quote_identifier(table)} ({names}) VALUES ({marks})"


def name_key(name: str) -> str:
    """A name as folded words, so `هنيه` and `هنیه` (and `آتش‌بس`/`آتش بس`) give one key."""
    return " ".join(words(name))


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


@dataclass(slots=True)
class PreparedDocument:
    """A processed document as rows (everything but the database keys), cheap to pickle back from a worker."""

    id: str
    row: tuple[Any, ...]
    search: tuple[str, str]
    entities: list[tuple[Any, ...]] = field(default_factory=list)
    mentions: list[tuple[Any, ...]] = field(default_factory=list)
    quotes: list[tuple[tuple[Any, ...], tuple[Any, ...] | None]] = field(default_factory=list)
    sources: list[tuple[Any, ...]] = field(default_factory=list)


def prepare(doc: Document, origin: str | None = None, stages: Iterable[str] = ()) -> PreparedDocument:
    """Everything the store needs from a processed document, computed where the document was processed."""
    data, layers = pack(doc)
    meta = data["meta"]
    title = meta.get("title") if isinstance(meta.get("title"), str) else None
    publisher = _publisher(meta, data.get("source"))
    row = (
        content_id(doc.raw), doc.raw, doc.text, title, meta.get("url"), publisher, name_key(publisher or ""),
        _iso(meta.get("date")), origin or meta.get("origin"), _json(meta), layers, _json(list(stages)),
    )  # fmt: skip
    prepared = PreparedDocument(row[0], row, (index_text(title or ""), index_text(doc.text)))
    _prepare_entities(prepared, data["entities"])
    _prepare_quotes(prepared, data["quotes"], data["entities"])
    _prepare_sources(prepared, data.get("source"))
    return prepared


def _iso(value: Any) -> str | None:
    """Only an ISO date goes into the date column (range filters compare strings); the rest stays in meta."""
    return value if isinstance(value, str) and ISO_DATE.match(value) else None


def _publisher(meta: dict[str, Any], source: Any) -> str | None:
    """Who published it: the input's own field, else the source layer's publisher, else the URL's host."""
    if isinstance(meta.get("publisher"), str):
        return meta["publisher"]
    found = source.get("publisher") if isinstance(source, dict) else None
    name = _source_name(found)
    if name:
        return name
    url = meta.get("url")
    host = urlsplit(url).hostname if isinstance(url, str) else None
    return host.removeprefix("www.") if host else None


def _source_name(item: Any) -> str | None:
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        for key in ("name", "text"):
            if isinstance(item.get(key), str):
                return item[key]
    return None


def _prepare_entities(prepared: PreparedDocument, entities: list[dict[str, Any]]) -> None:
    for entity in entities:
        local_id = str(entity.get("id"))
        mentions = entity.get("mentions") or []
        name = str(entity.get("name") or (mentions[0].get("text") if mentions else "") or local_id)
        roles = _json(list(entity.get("roles") or []))
        prepared.entities.append((local_id, str(entity.get("label", "")), name, name_key(name), roles, len(mentions)))
        for m in mentions:
            prepared.mentions.append((local_id, m.get("start"), m.get("end"), str(m.get("text", ""))))


def _prepare_quotes(prepared: PreparedDocument, quotes: list[dict[str, Any]], entities: list[dict]) -> None:
    by_id = {str(e.get("id")): e for e in entities}
    for idx, quote in enumerate(quotes):
        content, cue = quote.get("content") or {}, quote.get("cue") or {}
        row = (
            idx, str(quote.get("kind", "")), str(content.get("text", "")), content.get("start"), content.get("end"),
            cue.get("text"), cue.get("start"), cue.get("end"), quote.get("confidence"),
        )  # fmt: skip
        prepared.quotes.append((row, _speaker_row(quote.get("speaker"), by_id)))


def _speaker_row(speaker: dict[str, Any] | None, entities: dict[str, dict]) -> tuple[Any, ...] | None:
    """The speaker with every name it goes by folded into one key (` word word `) for --speaker queries."""
    if not speaker:
        return None
    entity_id = speaker.get("entity")
    entity = entities.get(str(entity_id)) if entity_id is not None else None
    text = str(speaker.get("text") or "")
    names = [text]
    if entity:
        names += [str(entity.get("name") or "")] + [str(m.get("text", "")) for m in entity.get("mentions") or []]
    key = " " + " ".join(sorted({w for n in names for w in words(n)})) + " "
    display = str(entity.get("name")) if entity and entity.get("name") else text
    local = str(entity_id) if entity else None
    return (text, speaker.get("start"), speaker.get("end"), local, display, key)


def _prepare_sources(prepared: PreparedDocument, source: Any) -> None:
    if not isinstance(source, dict):
        return
    items = [("publisher", source.get("publisher"))] + [("cited", c) for c in source.get("cited") or []]
    for role, item in items:
        name = _source_name(item)
        if name:
            entity = item.get("entity") if isinstance(item, dict) else None
            data = _json(item) if isinstance(item, dict) else "{}"
            prepared.sources.append((role, name, name_key(name), None if entity is None else str(entity), data))


@dataclass(slots=True)
class WriteResult:
    added: int = 0
    replaced: int = 0
    skipped: int = 0


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: the document's id and metadata, its bm25 score (higher is better), a snippet."""

    id: str
    title: str | None
    url: str | None
    publisher: str | None
    date: str | None
    score: float
    snippet: Snippet

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "publisher": self.publisher,
            "date": self.date,
            "score": round(self.score, 4),
            "snippet": self.snippet.text,
            "highlights": [list(h) for h in self.snippet.highlights],
        }


class Corpus(AbstractContextManager["Corpus"]):
    """A corpus of processed documents in one SQLite file (or in memory), migrated to the latest schema."""

    def __init__(self, path: str | Path = MEMORY, create: bool = True) -> None:
        self.path = str(path)
        self.conn = connect(self.path, create=create)
        try:
            schema.migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"{self.path}: not a usable khabar corpus ({exc})") from None

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """The one way to write: everything inside commits together or not at all."""
        return atomic(self.conn)

    def __len__(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    def known(self, ids: Iterable[str]) -> set[str]:
        """Which of `ids` are stored already (in chunks, to stay under SQLite's parameter limit)."""
        ids = list(ids)
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ", ".join("?" for _ in chunk)
            found.update(r[0] for r in self.conn.execute(f"SELECT id FROM documents WHERE id IN ({marks})", chunk))
        return found

    def add(self, doc: Document, force: bool = False) -> bool:
        """Store one processed document; False if it was there already (and `force` is off)."""
        result = self.write([prepare(doc)], force=force)
        return bool(result.added or result.replaced)

    def write(self, docs: Iterable[PreparedDocument], force: bool = False) -> WriteResult:
        """Insert prepared documents in one transaction; existing ids are skipped, or replaced with `force`."""
        result = WriteResult()
        with self.transaction() as conn:
            for doc in docs:
                existing = conn.execute("SELECT pk FROM documents WHERE id = ?", (doc.id,)).fetchone()
                if existing and not force:
                    result.skipped += 1
                    continue
                if existing:
                    _delete(conn, existing[0])
                    result.replaced += 1
                else:
                    result.added += 1
                _insert(conn, doc)
        return result

    def document(self, doc_id: str, include_raw: bool = False) -> dict[str, Any]:
        """The stored document JSON (the `Document.to_dict` contract plus `id`) for an id or a unique prefix."""
        rows = self.conn.execute(
            f"SELECT {STORED} FROM documents d WHERE id = ? OR (length(?) >= 6 AND substr(id, 1, length(?)) = ?) "
            "LIMIT 2",
            (doc_id, doc_id, doc_id, doc_id),
        ).fetchall()
        if not rows:
            raise StoreError(f"no document {doc_id!r} in {self.path}")
        if len(rows) > 1:
            raise StoreError(f"{doc_id!r} matches several documents; give more of the id")
        return self._document_dict(rows[0], include_raw)

    def documents(self, filters: Filters = NO_FILTERS, include_raw: bool = False) -> Iterator[dict[str, Any]]:
        """Every stored document's JSON, in ingest order (streamed, for export)."""
        for _, doc in self.records(filters, include_raw):
            yield doc

    def records(self, filters: Filters = NO_FILTERS, include_raw: bool = False) -> Iterator[tuple[dict, dict]]:
        """(columns, document JSON) pairs: the columns hold what the store resolved (publisher, ISO date)."""
        where, params = filters.sql("d")
        sql = f"SELECT {STORED}, d.title, d.url, d.publisher, d.date, d.origin FROM documents d WHERE 1{where}"
        for row in self.conn.execute(sql + " ORDER BY d.pk", params):
            columns = dict(zip(("title", "url", "publisher", "date", "origin"), row[5:]))
            yield columns, self._document_dict(row[:5], include_raw)

    @staticmethod
    def _document_dict(row: tuple, include_raw: bool) -> dict[str, Any]:
        doc_id, text, raw, meta, layers = row
        out: dict[str, Any] = {"id": doc_id, "text": text}
        if include_raw:
            out["raw"] = raw
        out["meta"] = json.loads(meta)
        out.update(unpack(layers, text))
        return out

    def search(self, query: str, filters: Filters = NO_FILTERS, limit: int = 10, offset: int = 0) -> list[Hit]:
        """Ranked documents for a query (spelling folded; see khabar/store/search.py), with snippets."""
        parsed = parse_query(query)
        sql, params = search_sql(parsed, filters, limit, offset)
        try:
            rows = self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"search failed in {self.path} ({exc})") from None
        texts = self._texts([r[0] for r in rows])
        return [Hit(r[1], r[2], r[3], r[4], r[5], -float(r[6]), snippet(texts[r[0]], parsed)) for r in rows]

    def _texts(self, pks: list[int]) -> dict[int, str]:
        marks = ", ".join("?" for _ in pks)
        return dict(self.conn.execute(f"SELECT pk, text FROM documents WHERE pk IN ({marks})", pks).fetchall())

    def quotes(self, speaker: str | None = None, filters: Filters = NO_FILTERS, limit: int | None = None) -> list[dict]:
        """Quotes across the corpus; `speaker` matches every name the speaker goes by (all its words, folded)."""
        sql, params = quotes_sql(speaker, filters, limit)
        cursor = self.conn.execute(sql, params)
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row)) for row in cursor]

    def entities(self, top: int = 20, label: str | None = None, filters: Filters = NO_FILTERS) -> list[dict]:
        """The most-mentioned entities across documents; spelling variants and bare surnames merged."""
        sql, params = entities_sql(label, filters)
        groups = [
            {"label": r[0], "key": r[1], "doc_ids": r[2].split(SEP), "mentions": r[3], "names": r[4].split(SEP)}
            for r in self.conn.execute(sql, params)
        ]
        merged = merge_name_variants(groups)
        merged.sort(key=lambda g: (-len(g["doc_ids"]), -g["mentions"], g["name"]))
        return merged[:top]

    def stats(self) -> dict[str, int]:
        """Row counts per table (what `khabar ingest` prints at the end)."""
        tables = ("documents", "entities", "mentions", "quotes", "speakers", "sources")
        return {t: int(self.conn.execute(f"SELECT count(*) FROM {quote_identifier(t)}").fetchone()[0]) for t in tables}


def _delete(conn: sqlite3.Connection, pk: int) -> None:
    conn.execute("DELETE FROM documents_fts WHERE rowid = ?", (pk,))
    conn.execute("DELETE FROM documents WHERE pk = ?", (pk,))


def _insert(conn: sqlite3.Connection, doc: PreparedDocument) -> None:
    pk = conn.execute(insert_sql("documents", DOCUMENT_COLUMNS), doc.row).lastrowid
    conn.execute("INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)", (pk, *doc.search))
    entity_pks: dict[str, int] = {}
    for local_id, *rest in doc.entities:
        entity_pks[local_id] = conn.execute(insert_sql("entities", ENTITY_COLUMNS), (pk, local_id, *rest)).lastrowid
    conn.executemany(
        insert_sql("mentions", MENTION_COLUMNS), [(entity_pks.get(m[0]), pk, *m[1:]) for m in doc.mentions]
    )
    for quote, speaker in doc.quotes:
        speaker_pk = None
        if speaker is not None:
            text, start, end, local, display, key = speaker
            values = (pk, text, start, end, entity_pks.get(local) if local else None, display, key)
            speaker_pk = conn.execute(insert_sql("speakers", SPEAKER_COLUMNS), values).lastrowid
        conn.execute(insert_sql("quotes", QUOTE_COLUMNS), (pk, *quote[:8], speaker_pk, quote[8]))
    conn.executemany(
        insert_sql("sources", SOURCE_COLUMNS),
        [(pk, role, name, key, entity_pks.get(e) if e else None, data) for role, name, key, e, data in doc.sources],
    )


def quotes_sql(speaker: str | None, filters: Filters, limit: int | None) -> tuple[str, list[Any]]:
    """Quotes joined with their speaker and document; each speaker word must be one of the speaker's words."""
    where, params = filters.sql("d")
    conditions = ""
    if speaker is not None:
        wanted = words(speaker)
        if not wanted:
            raise StoreError(f"--speaker {speaker!r} has no letters or digits to look for")
        conditions = "".join(" AND instr(s.key, ?) > 0" for _ in wanted)
        params = [f" {w} " for w in wanted] + params
    sql = (
        "SELECT d.id AS doc_id, d.title, d.date, d.publisher, q.idx, q.kind, s.name AS speaker, "
        "s.text AS speaker_text, e.label AS speaker_label, q.cue, q.content, q.confidence "
        "FROM quotes q JOIN documents d ON d.pk = q.doc "
        "LEFT JOIN speakers s ON s.pk = q.speaker LEFT JOIN entities e ON e.pk = s.entity "
        f"WHERE {'s.pk IS NOT NULL' if speaker is not None else '1'}{conditions}{where} "
        "ORDER BY d.date, d.pk, q.idx"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return sql, params


def entities_sql(label: str | None, filters: Filters) -> tuple[str, list[Any]]:
    """Entity groups by (label, folded name): documents, mentions and the names written for them."""
    where, params = filters.sql("d")
    if label:
        where += " AND e.label = ?"
        params.append(label)
    sql = (
        "SELECT e.label, e.key, group_concat(d.id, char(31)), sum(e.mentions), group_concat(e.name, char(31)) "
        f"FROM entities e JOIN documents d ON d.pk = e.doc WHERE e.key != ''{where} GROUP BY e.label, e.key"
    )
    return sql, params


def merge_name_variants(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merge a name into the one longer name of the same label that can name the same referent, by the
    document-level rule (`هنیه` into `اسماعیل هنیه`, `غزه` into `نوار غزه`, never `ایران` into `ایران بانو`);
    a name that several longer names could take (`علی`) is ambiguous and stays on its own.

    A person is shown by the fullest name; anything else by the form written most (`آمریکا`, not
    `ایالت ایلینوی آمریکا`)."""
    by_word: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for group in groups:
        for word in set(group["key"].split()):
            by_word[(group["label"], word)].append(group)
    merged: dict[int, dict[str, Any]] = {id(g): g for g in groups}
    for group in sorted(groups, key=lambda g: len(g["key"].split())):
        mine = set(group["key"].split())
        first = next(iter(mine))
        wider = [g for g in by_word[(group["label"], first)] if mine < set(g["key"].split())]
        keys = {g["key"] for g in wider}
        if len(keys) == 1 and same_referent(tuple(group["key"].split()), tuple(keys.pop().split()), group["label"]):
            target = wider[0]
            target["doc_ids"] = target["doc_ids"] + group["doc_ids"]
            target["mentions"] += group["mentions"]
            target["names"] = target["names"] + group["names"]
            merged.pop(id(group), None)
    out = []
    for group in merged.values():
        counts = Counter(group["names"])
        names = list(counts)
        if group["label"] == "PER":
            name = max(names, key=lambda n: (len(n.split()), len(n)))
        else:
            name = max(names, key=lambda n: (counts[n], -len(n)))
        doc_ids = list(dict.fromkeys(group["doc_ids"]))
        out.append({**group, "name": name, "names": names, "documents": len(doc_ids), "doc_ids": doc_ids})
    return out
