"""`kill -9` during a real multi-process ingest, then the same ingest again: one copy of each document, and
`PRAGMA integrity_check` says ok."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
N_DOCS = 240

SLOW_STAGE = '''
import time
from khabar.pipeline import Pipeline


class Slow:
    """Takes 20 ms a document, so the ingest is still running when the test kills it."""

    name = "slow"
    requires = frozenset()
    provides = frozenset({"text"})

    def __call__(self, doc):
        time.sleep(0.02)
        return doc


def factory():
    return Pipeline(["repair", Slow()])
'''

RUN_INGEST = """
import sys
from slowstage import factory
from khabar.store import Corpus, IngestOptions
from khabar.store.ingest import ingest

if __name__ == "__main__":
    options = IngestOptions(workers=2, commit_every=8, commit_seconds=0.5)
    with Corpus(sys.argv[2]) as corpus:
        report = ingest([sys.argv[1]], corpus, options, factory, progress=False)
    sys.exit(0 if report.ok else 1)
"""


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def _start(tmp_path: Path, inputs: Path, db: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(REPO)])}
    script = tmp_path / "run_ingest.py"
    return subprocess.Popen([sys.executable, str(script), str(inputs), str(db)], env=env, start_new_session=True)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _check_store(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
        docs = conn.execute("SELECT count(*), count(DISTINCT id) FROM documents").fetchone()
        assert docs[0] == docs[1]
        assert conn.execute("SELECT count(*) FROM documents_fts").fetchone()[0] == docs[0]
        return docs


def test_store_kill_9_mid_ingest_then_rerun_gives_one_copy_of_each(tmp_path: Path) -> None:
    (tmp_path / "slowstage.py").write_text(SLOW_STAGE, encoding="utf-8")
    (tmp_path / "run_ingest.py").write_text(RUN_INGEST, encoding="utf-8")
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for i in range(N_DOCS // 2):
        (inputs / f"{i:03}.txt").write_text(f"متن خبر شماره {i} درباره آتش‌بس", encoding="utf-8")
    rows = [json.dumps({"title": f"عنوان {i}", "body": f"خبر خط {i}"}, ensure_ascii=False) for i in range(N_DOCS // 2)]
    (inputs / "feed.jsonl").write_text("\n".join(rows), encoding="utf-8")
    db = tmp_path / "corpus.db"

    proc = _start(tmp_path, inputs, db)
    deadline = time.monotonic() + 60
    while _count(db) < 24 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    orphans_gone = time.monotonic() + 15
    while _group_alive(proc.pid) and time.monotonic() < orphans_gone:
        time.sleep(0.1)
    assert not _group_alive(proc.pid), "ingest workers outlived their killed parent"

    killed_with = _check_store(db)[0]
    assert 0 < killed_with < N_DOCS

    proc = _start(tmp_path, inputs, db)
    assert proc.wait(timeout=120) == 0
    assert _check_store(db) == (N_DOCS, N_DOCS)
