"""The store's only ways to touch SQLite: open a connection, quote an identifier, and write in a transaction.

Values always travel as parameters; identifiers (table and column names, never user input in practice) go
through `quote_identifier`; every write goes through `atomic`, so a crash leaves either all of a batch or
none of it (sqlite-utils' `quote_identifier` and `atomic()` habit).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from khabar.errors import StoreError

MEMORY = ":memory:"


def quote_identifier(name: str) -> str:
    """`name` as an SQL identifier: double quotes, inner quotes doubled."""
    return '"' + name.replace('"', '""') + '"'


def connect(path: str | Path, create: bool = True) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, foreign keys on, durable commits.

    WAL lets readers query while one writer ingests; `synchronous=FULL` makes a commit survive power loss.
    """
    target = str(path)
    if target != MEMORY and not create and not Path(target).exists():
        raise StoreError(f"{target}: no corpus there (create one with `khabar ingest FILES --db {target}`)")
    try:
        conn = sqlite3.connect(target, isolation_level=None, timeout=30.0, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout = 30000")
        if target != MEMORY:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{target}: cannot open as a corpus ({exc}); is it an SQLite file made by khabar?") from None
    return conn


@contextmanager
def atomic(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction (BEGIN IMMEDIATE takes the write lock up front, so it cannot deadlock later)."""
    if conn.in_transaction:
        raise StoreError("internal error: nested store transaction")
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
