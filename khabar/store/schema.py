"""The corpus schema as an ordered list of migrations; `PRAGMA user_version` records how many have run.

A store is never changed in place by hand: a new column or table is a new entry at the end of `MIGRATIONS`,
and `migrate` applies the missing ones, each in its own transaction, so a store opened by a newer khabar is
brought forward and one made by a newer khabar is refused instead of misread.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from khabar.errors import StoreError
from khabar.store.sql import atomic


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    why: str
    statements: tuple[str, ...]


INITIAL = (
    # One row per distinct raw text; `id` is the content hash that makes ingest idempotent.
    """CREATE TABLE documents (
        pk INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        raw TEXT NOT NULL,
        text TEXT NOT NULL,
        title TEXT,
        url TEXT,
        publisher TEXT,
        publisher_key TEXT,
        date TEXT,
        origin TEXT,
        meta TEXT NOT NULL DEFAULT '{}',
        layers BLOB NOT NULL,
        stages TEXT NOT NULL DEFAULT '[]',
        added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    )""",
    "CREATE INDEX documents_date ON documents(date)",
    "CREATE INDEX documents_publisher ON documents(publisher_key)",
    # Entities per document (the pipeline merges mentions inside a document); `key` is the folded name that
    # merges spelling variants across documents.
    """CREATE TABLE entities (
        pk INTEGER PRIMARY KEY,
        doc INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
        local_id TEXT NOT NULL,
        label TEXT NOT NULL,
        name TEXT NOT NULL,
        key TEXT NOT NULL,
        roles TEXT NOT NULL DEFAULT '[]',
        mentions INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX entities_doc ON entities(doc)",
    "CREATE INDEX entities_key ON entities(label, key)",
    """CREATE TABLE mentions (
        entity INTEGER NOT NULL REFERENCES entities(pk) ON DELETE CASCADE,
        doc INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL
    )""",
    "CREATE INDEX mentions_entity ON mentions(entity)",
    "CREATE INDEX mentions_doc ON mentions(doc)",
    # One speaker row per attributed quote; `key` holds the folded words of every name it goes by (the words at
    # the quote, the entity's name and its mentions), so `--speaker هنیه` finds `اسماعیل هنيه` too.
    """CREATE TABLE speakers (
        pk INTEGER PRIMARY KEY,
        doc INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
        text TEXT NOT NULL,
        start INTEGER,
        end INTEGER,
        entity INTEGER REFERENCES entities(pk) ON DELETE SET NULL,
        name TEXT NOT NULL,
        key TEXT NOT NULL
    )""",
    "CREATE INDEX speakers_doc ON speakers(doc)",
    """CREATE TABLE quotes (
        pk INTEGER PRIMARY KEY,
        doc INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        kind TEXT NOT NULL,
        content TEXT NOT NULL,
        content_start INTEGER,
        content_end INTEGER,
        cue TEXT,
        cue_start INTEGER,
        cue_end INTEGER,
        speaker INTEGER REFERENCES speakers(pk) ON DELETE SET NULL,
        confidence REAL
    )""",
    "CREATE INDEX quotes_doc ON quotes(doc)",
    "CREATE INDEX quotes_speaker ON quotes(speaker)",
    # Who published the story and whom it cites (the `source` layer), one row each.
    """CREATE TABLE sources (
        pk INTEGER PRIMARY KEY,
        doc INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
        role TEXT NOT NULL,
        name TEXT NOT NULL,
        key TEXT NOT NULL,
        entity INTEGER REFERENCES entities(pk) ON DELETE SET NULL,
        data TEXT NOT NULL DEFAULT '{}'
    )""",
    "CREATE INDEX sources_doc ON sources(doc)",
    "CREATE INDEX sources_key ON sources(role, key)",
    # Title and text as folded words (khabar/store/normalize.py `index_text`); rowid = documents.pk. khabar cuts
    # the words itself, so the `ascii` tokenizer only has to split them at the spaces.
    "CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, tokenize = 'ascii')",
)

MIGRATIONS: tuple[Migration, ...] = (Migration(1, "documents, entities, mentions, speakers, quotes, sources", INITIAL),)

LATEST = MIGRATIONS[-1].version


def version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def pending(current: int) -> list[Migration]:
    """The migrations a store at `current` still needs; refuses a store made by a newer khabar."""
    if current > LATEST:
        raise StoreError(
            f"the corpus has schema version {current}, newer than this khabar knows ({LATEST}); upgrade khabar"
        )
    return [m for m in MIGRATIONS if m.version > current]


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every missing migration, one transaction each; safe when two processes open a store at once."""
    for migration in pending(version(conn)):
        with atomic(conn):
            if version(conn) < migration.version:  # another process may have migrated while we waited
                for statement in migration.statements:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {int(migration.version)}")
    return version(conn)
