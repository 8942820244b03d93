"""The CLI: repair writes text, explains fixes, and turns bad input into one clear line."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from khabar.cli import main
from khabar.cli.process import JSON_PIECES


def test_cli_repair_writes_repaired_text(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("كتابهاي جديد", encoding="utf-8")
    result = CliRunner().invoke(main, ["repair", str(path)])
    assert result.exit_code == 0
    assert result.output == "کتاب‌های جدید\n"


def test_cli_repair_explain_lists_fixes(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("ميدهد", encoding="utf-8")
    result = CliRunner().invoke(main, ["repair", str(path), "--explain"])
    assert "fix_letter_forms" in result.output and "restore_fused_zwnj" in result.output


def test_cli_process_json_has_contract_fields(tmp_path, seed_text) -> None:
    path = tmp_path / "seed.txt"
    path.write_text(seed_text, encoding="utf-8")
    result = CliRunner().invoke(main, ["process", str(path), "--json"])
    doc = json.loads(result.output)
    assert {"text", "paragraphs", "fixes"} <= set(doc)
    assert len(doc["paragraphs"]) == 13
    fix = doc["fixes"][0]
    assert {"start", "end", "text", "kind", "reason"} <= set(fix)


def test_cli_process_json_is_the_document_json_written_in_pieces(tmp_path, seed_text) -> None:
    """The JSON is written piece by piece (a book-length document as one string would not fit in memory): the
    pieces must add up to exactly the indented JSON of the document, with one final newline."""
    path = tmp_path / "long.txt"
    path.write_text("\n".join([seed_text] * 6), encoding="utf-8")
    result = CliRunner().invoke(main, ["process", str(path), "--json", "--stages", "repair,segment"])
    assert result.exit_code == 0
    from khabar import load

    doc = load(["repair", "segment"])(path.read_text(encoding="utf-8"), source=str(path))
    assert result.output == json.dumps(doc.to_dict(), ensure_ascii=False, indent=1) + "\n"
    pieces = json.JSONEncoder(ensure_ascii=False, indent=1).iterencode(doc.to_dict())
    assert sum(1 for _ in pieces) > 2 * JSON_PIECES  # long enough to be written in several writes


def test_cli_errors_are_one_line_without_traceback(tmp_path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("café".encode("latin-1"))
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02abc")
    for path, problem in [
        (empty, "empty"),
        (latin1, "not UTF-8"),
        (binary, "binary"),
        (tmp_path / "missing.txt", "no such file"),
    ]:
        proc = subprocess.run([sys.executable, "-m", "khabar", "repair", str(path)], capture_output=True, text=True)
        assert proc.returncode != 0
        assert problem in proc.stderr and str(path) in proc.stderr
        assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
