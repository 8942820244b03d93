"""The read queries the server needs beyond `Corpus`: document listings, speakers, and one entity in full.

Like the store's own queries, each is parameterised SQL against the schema in docs/store.md (values travel as
parameters; lists travel as one JSON array read with `json_each`). Entity groups are the store's: `entities_sql`
grouped and `merge_name_variants` merged, so an entity page agrees with `khabar entities`.
"""

from __future__ import annotations

import json
import threading
import zlib
from collections import Counter
from dataclasses import dataclass
from typing import Any

from khabar.errors import KhabarError, StoreError
from khabar.serve.render import entity_id
from khabar.serve.speakers import name_words, resolve_speakers, short_name
from khabar.store.corpus import Corpus, entities_sql, merge_name_variants, name_key, quotes_sql
from khabar.store.normalize import words
from khabar.store.search import NO_FILTERS, Filters, parse_query, search_sql

CANDIDATE_DOCS = 1000  # documents read to answer one speaker query (the newest first)
ENTITY_DOCS = 200  # documents of one entity shown, and scanned for meetings
MENTION_ROWS = 500
SPEAKING = ("PER", "ORG")  # entity labels whose page lists quotes


class NotFound(StoreError):
    """What was asked for is not in this corpus (the server answers 404)."""


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a listing: the rows, how many there are in all, and where this page starts."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "limit": self.limit, "offset": self.offset, "items": self.items}


def layers_of(blob: bytes) -> dict[str, Any]:
    """A stored document's layers (zlib-compressed JSON, docs/store.md) without rebuilding its tokens."""
    return json.loads(zlib.decompress(blob))


def _ids(values: list[Any]) -> str:
    return json.dumps(values, ensure_ascii=False)


# Documents


def documents_sql(filters: Filters, limit: int, offset: int) -> tuple[str, list[Any]]:
    """The newest documents first, with how many quotes and entities each holds."""
    where, params = filters.sql("d")
    sql = (
        "SELECT d.id, d.title, d.url, d.publisher, d.date, "
        "(SELECT count(*) FROM quotes q WHERE q.doc = d.pk) AS quotes, "
        "(SELECT count(*) FROM entities e WHERE e.doc = d.pk) AS entities "
        f"FROM documents d WHERE 1{where} ORDER BY d.date IS NULL, d.date DESC, d.pk DESC LIMIT ? OFFSET ?"
    )
    return sql, [*params, limit, offset]


def list_documents(corpus: Corpus, filters: Filters = NO_FILTERS, limit: int = 20, offset: int = 0) -> Page:
    sql, params = documents_sql(filters, limit, offset)
    cursor = corpus.conn.execute(sql, params)
    names = [c[0] for c in cursor.description]
    items = [dict(zip(names, row)) for row in cursor]
    where, count_params = filters.sql("d")
    total = corpus.conn.execute(f"SELECT count(*) FROM documents d WHERE 1{where}", count_params).fetchone()[0]
    return Page(items, int(total), limit, offset)


def matching_ids(corpus: Corpus, prefix: str) -> list[str]:
    """Ids equal to `prefix` or starting with it (at most two: enough to tell "one" from "several")."""
    rows = corpus.conn.execute(
        "SELECT id FROM documents WHERE id = ? OR (length(?) >= 6 AND substr(id, 1, length(?)) = ?) LIMIT 2",
        (prefix, prefix, prefix, prefix),
    )
    return [r[0] for r in rows]


def document_columns(corpus: Corpus, doc_id: str) -> dict[str, Any]:
    """The columns the store resolved for a document (title, publisher, ISO date, url)."""
    row = corpus.conn.execute(
        "SELECT title, url, publisher, date, origin FROM documents WHERE id = ?", (doc_id,)
    ).fetchone()
    return dict(zip(("title", "url", "publisher", "date", "origin"), row or (None,) * 5))


# Quotes and speakers


def all_quotes(corpus: Corpus, filters: Filters = NO_FILTERS, limit: int = 50, offset: int = 0) -> Page:
    """Every quote in store order (by date), one page of it; `total` counts the quotes that match the filters."""
    sql, params = quotes_sql(None, filters, limit)
    cursor = corpus.conn.execute(sql + " OFFSET ?", [*params, offset])
    names = [c[0] for c in cursor.description]
    items = [dict(zip(names, row)) for row in cursor]
    where, count_params = filters.sql("d")
    total = corpus.conn.execute(
        f"SELECT count(*) FROM quotes q JOIN documents d ON d.pk = q.doc WHERE 1{where}", count_params
    ).fetchone()[0]
    return Page(items, int(total), limit, offset)


def speaker_quotes(
    corpus: Corpus, name: str, filters: Filters = NO_FILTERS, limit: int = 50, offset: int = 0, written: bool = True
) -> Page:
    """Every quote of the person `name`, newest first, each speaker resolved within its own article.

    A quote is theirs when its speaker, resolved (see khabar/serve/speakers.py), or as written (unless
    `written` is off), has all the words of `name` (folded): `هنیه` finds `اسماعیل هنیه`, and `اسماعیل هنیه`
    also finds the quotes a story attributes to `هنیه` alone or to his office at a meeting with him.
    """
    wanted = frozenset(words(name))
    if not wanted:
        raise StoreError(f"the speaker {name!r} has no letters or digits to look for")
    items: list[dict[str, Any]] = []
    for row in _candidate_rows(corpus, name, wanted, filters):
        layers = layers_of(row["layers"])
        resolved = resolve_speakers(layers)
        for idx, (quote, who) in enumerate(zip(layers.get("quotes") or [], resolved)):
            as_written = str((quote.get("speaker") or {}).get("text") or "")
            if who is not None and (wanted <= name_words(who) or (written and wanted <= name_words(as_written))):
                items.append(_quote_item(row, idx, quote, who, as_written))
    items.sort(key=lambda q: (q["date"] or "", q["doc_id"], -q["idx"]), reverse=True)
    return Page(items[offset : offset + limit], len(items), limit, offset)


def _candidate_rows(corpus: Corpus, name: str, wanted: frozenset[str], filters: Filters) -> list[dict[str, Any]]:
    """Documents that may quote `name`: a stored speaker with all its words, or a text containing them."""
    where, params = filters.sql("d")
    speaker_sql = "".join(" AND instr(s.key, ?) > 0" for _ in wanted)
    pks = {
        r[0]
        for r in corpus.conn.execute(
            f"SELECT DISTINCT d.pk FROM speakers s JOIN documents d ON d.pk = s.doc WHERE 1{speaker_sql}{where} "
            "ORDER BY d.pk DESC LIMIT ?",
            [*(f" {w} " for w in sorted(wanted)), *params, CANDIDATE_DOCS],
        )
    }
    try:
        sql, search_params = search_sql(parse_query(name), filters, CANDIDATE_DOCS, 0)
        pks.update(r[0] for r in corpus.conn.execute(sql, search_params))
    except KhabarError:
        pass  # a name the search cannot parse is still matched against the speakers above
    rows = corpus.conn.execute(
        "SELECT pk, id, title, date, publisher, url, layers FROM documents "
        "WHERE pk IN (SELECT value FROM json_each(?)) ORDER BY pk DESC LIMIT ?",
        (_ids(sorted(pks)), CANDIDATE_DOCS),
    )
    names = ("pk", "id", "title", "date", "publisher", "url", "layers")
    return [dict(zip(names, r)) for r in rows]


def _quote_item(row: dict[str, Any], idx: int, quote: dict[str, Any], who: str, written: str) -> dict[str, Any]:
    content, cue = quote.get("content") or {}, quote.get("cue") or {}
    return {
        "doc_id": row["id"], "title": row["title"], "date": row["date"], "publisher": row["publisher"],
        "url": row["url"], "idx": idx, "kind": quote.get("kind"), "speaker": who, "speaker_text": written,
        "cue": cue.get("text"), "content": content.get("text"), "content_start": content.get("start"),
        "content_end": content.get("end"), "confidence": quote.get("confidence"),
    }  # fmt: skip


def speakers_index(corpus: Corpus, top: int = 100, filters: Filters = NO_FILTERS) -> list[dict[str, Any]]:
    """Speakers by number of quotes: names as written (up to an appositive comma), variants merged.

    This counts stored speaker names only (fast, one query); a speaker's page also finds the quotes its
    articles attribute by surname or office.
    """
    where, params = filters.sql("d")
    sql = (
        "SELECT s.name, d.id, count(*) FROM quotes q JOIN speakers s ON s.pk = q.speaker "
        f"JOIN documents d ON d.pk = q.doc WHERE 1{where} GROUP BY s.name, d.id"
    )
    groups: dict[str, dict[str, Any]] = {}
    for speaker, doc_id, count in corpus.conn.execute(sql, params):
        name = short_name(str(speaker))
        key = name_key(name)
        if not key:
            continue
        group = groups.setdefault(key, {"label": "speaker", "key": key, "doc_ids": [], "mentions": 0, "names": []})
        group["doc_ids"].append(doc_id)
        group["mentions"] += int(count)
        group["names"].append(name)
    merged = merge_name_variants(list(groups.values()))
    merged.sort(key=lambda g: (-g["mentions"], -g["documents"], g["name"]))
    return [
        {"name": g["name"], "names": g["names"], "quotes": g["mentions"], "documents": g["documents"]}
        for g in merged[:top]
    ]


# Entities


def entity_index(
    corpus: Corpus, top: int = 100, label: str | None = None, filters: Filters = NO_FILTERS
) -> list[dict[str, Any]]:
    """`Corpus.entities` with each group's id (`LABEL:folded_name`) for links and `/v1/entities/{id}`."""
    groups = corpus.entities(top=top, label=label, filters=filters)
    return [{"id": entity_id(g["label"], g["name"]), **{k: v for k, v in g.items() if k != "doc_ids"}} for g in groups]


_groups_cache: dict[tuple[str, str], tuple[tuple[int, int], list[dict[str, Any]]]] = {}
_groups_lock = threading.Lock()


def entity_groups(corpus: Corpus, label: str) -> list[dict[str, Any]]:
    """Every merged entity group of one label (cached until the store gains or replaces a document)."""
    count, last = corpus.conn.execute("SELECT count(*), coalesce(max(pk), 0) FROM documents").fetchone()
    version = (int(count), int(last))
    key = (corpus.path, label)
    with _groups_lock:
        cached = _groups_cache.get(key)
    if cached and cached[0] == version:
        return cached[1]
    sql, params = entities_sql(label, NO_FILTERS)
    rows = [
        {"label": r[0], "key": r[1], "doc_ids": r[2].split("\x1f"), "mentions": r[3], "names": r[4].split("\x1f")}
        for r in corpus.conn.execute(sql, params)
    ]
    merged = merge_name_variants(rows)
    with _groups_lock:
        _groups_cache[key] = (version, merged)
    return merged


def find_entity(corpus: Corpus, ident: str) -> dict[str, Any]:
    """The merged group behind an entity id; a variant or part of one name (`PER:هنیه`) finds that group."""
    label, _, folded = ident.partition(":")
    key = " ".join(folded.split("_"))
    groups = entity_groups(corpus, label)
    for group in groups:
        if group["key"] == key:
            return group
    wider = [g for g in groups if key in {name_key(n) for n in g["names"]} or set(key.split()) < set(g["key"].split())]
    if len(wider) == 1:
        return wider[0]
    raise NotFound(f"no entity {ident!r} in this corpus")


def entity_detail(corpus: Corpus, ident: str) -> dict[str, Any]:
    """One entity across the corpus: documents, mentions, roles, quotes, co-occurring entities, meetings."""
    group = find_entity(corpus, ident)
    keys = sorted({group["key"], *(name_key(n) for n in group["names"])})
    rows = _entity_rows(corpus, group["label"], keys)
    entity_pks = [r["pk"] for r in rows]
    documents = list({r["doc_id"]: r for r in rows}.values())
    roles = Counter(role for r in rows for role in json.loads(r["roles"] or "[]"))
    # An organisation's page must not collect every quote whose speaker's title names it (`رئیس دفتر سیاسی
    # جنبش حماس` is Haniyeh, not Hamas), so only resolved speakers count here.
    quotes = speaker_quotes(corpus, group["name"], limit=200, written=False) if group["label"] in SPEAKING else None
    return {
        "id": entity_id(group["label"], group["name"]),
        "label": group["label"],
        "name": group["name"],
        "names": group["names"],
        "documents": [{k: d[k] for k in ("doc_id", "title", "date", "publisher")} for d in documents[:ENTITY_DOCS]],
        "document_count": len(documents),
        "mention_count": int(group["mentions"]),
        "mentions": _mentions(corpus, entity_pks),
        "roles": [{"role": role, "count": n} for role, n in roles.most_common()],
        "quotes": quotes.items if quotes else [],
        "quote_count": quotes.total if quotes else 0,
        "cooccurring": _cooccurring(corpus, entity_pks, group["label"], keys),
        "meetings": _meetings(corpus, rows[:ENTITY_DOCS], keys),
    }


def _entity_rows(corpus: Corpus, label: str, keys: list[str]) -> list[dict[str, Any]]:
    cursor = corpus.conn.execute(
        "SELECT e.pk, e.local_id, e.name, e.roles, d.pk AS doc_pk, d.id AS doc_id, d.title, d.date, d.publisher "
        "FROM entities e JOIN documents d ON d.pk = e.doc "
        "WHERE e.label = ? AND e.key IN (SELECT value FROM json_each(?)) "
        "ORDER BY d.date IS NULL, d.date DESC, d.pk DESC",
        (label, _ids(keys)),
    )
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, r)) for r in cursor]


def _mentions(corpus: Corpus, entity_pks: list[int]) -> list[dict[str, Any]]:
    cursor = corpus.conn.execute(
        'SELECT d.id AS doc_id, m.start, m."end", m.text FROM mentions m JOIN documents d ON d.pk = m.doc '
        "WHERE m.entity IN (SELECT value FROM json_each(?)) "
        "ORDER BY d.date IS NULL, d.date DESC, d.pk DESC, m.start LIMIT ?",
        (_ids(entity_pks), MENTION_ROWS),
    )
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, r)) for r in cursor]


def _cooccurring(corpus: Corpus, entity_pks: list[int], label: str, keys: list[str]) -> list[dict[str, Any]]:
    """Other entities in the same documents, by how many documents they share (top 30)."""
    cursor = corpus.conn.execute(
        "SELECT e.label, e.key, max(e.name), count(DISTINCT e.doc) AS docs FROM entities e "
        "WHERE e.doc IN (SELECT doc FROM entities WHERE pk IN (SELECT value FROM json_each(?))) "
        "AND NOT (e.label = ? AND e.key IN (SELECT value FROM json_each(?))) AND e.key != '' "
        "GROUP BY e.label, e.key ORDER BY docs DESC, e.key LIMIT 30",
        (_ids(entity_pks), label, _ids(keys)),
    )
    return [{"id": entity_id(lab, name), "label": lab, "name": name, "documents": n} for lab, _, name, n in cursor]


def _meetings(corpus: Corpus, rows: list[dict[str, Any]], keys: list[str]) -> list[dict[str, Any]]:
    """Meetings the entity took part in: a participant resolved to the entity, or named like it."""
    local_ids: dict[int, set[str]] = {}
    for r in rows:
        local_ids.setdefault(r["doc_pk"], set()).add(str(r["local_id"]))
    wanted = [frozenset(k.split()) for k in keys]
    found = []
    for row in rows:
        if row["doc_pk"] not in local_ids:
            continue
        mine = local_ids.pop(row["doc_pk"])
        blob = corpus.conn.execute("SELECT layers FROM documents WHERE pk = ?", (row["doc_pk"],)).fetchone()[0]
        for meeting in layers_of(blob).get("meetings") or []:
            parts = meeting.get("participants") or [] if isinstance(meeting, dict) else []
            if any(_is_entity(p, mine, wanted) for p in parts if isinstance(p, dict)):
                found.append(_meeting_item(row, meeting, parts))
    return found


def _is_entity(part: dict[str, Any], local_ids: set[str], wanted: list[frozenset[str]]) -> bool:
    if part.get("entity") is not None and str(part["entity"]) in local_ids:
        return True
    return name_words(str(part.get("name") or part.get("text") or "")) in wanted


def _meeting_item(row: dict[str, Any], meeting: dict[str, Any], parts: list[Any]) -> dict[str, Any]:
    return {
        "doc_id": row["doc_id"], "title": row["title"], "date": row["date"], "publisher": row["publisher"],
        "kind": meeting.get("kind"), "cue": (meeting.get("cue") or {}).get("text"),
        "participants": [
            str(p.get("name") or p.get("text") or "") for p in parts if isinstance(p, dict)
        ],
    }  # fmt: skip
