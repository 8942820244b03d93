"""Reading user input for the CLI: one clear error per problem, never a traceback."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from khabar.errors import InputError

BINARY_SAMPLE = 8192


def read_text(source: str) -> str:
    """The whole text of FILE (or stdin for "-"), checked: exists, not binary, UTF-8, not empty."""
    data = sys.stdin.buffer.read() if source == "-" else _read_bytes(source)
    return decode(data, "stdin" if source == "-" else source)


def iter_lines(source: str) -> Iterator[str]:
    """The lines of FILE (or stdin), decoded lazily, so that huge inputs are never held whole."""
    stream = sys.stdin.buffer if source == "-" else _open(source)
    name = "stdin" if source == "-" else source
    seen_text = False
    for number, raw in enumerate(stream, start=1):
        if b"\x00" in raw:
            raise InputError(name, f"looks binary (NUL byte on line {number})", "khabar reads UTF-8 text")
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(name, f"is not UTF-8 (line {number}, byte {exc.start})", "convert it to UTF-8") from None
        seen_text = seen_text or bool(line.strip())
        yield line
    if not seen_text:
        raise InputError(name, "is empty", "give a file with text in it")


def decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:BINARY_SAMPLE] or b"\x00" in data:
        raise InputError(name, "looks binary (contains NUL bytes)", "khabar reads UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(name, f"is not UTF-8 (byte {exc.start})", "convert it to UTF-8") from None
    if not text.strip():
        raise InputError(name, "is empty", "give a file with text in it")
    return text


def _read_bytes(source: str) -> bytes:
    with _open(source) as f:
        return f.read()


def _open(source: str):
    path = Path(source)
    if not path.exists():
        raise InputError(source, "no such file")
    if path.is_dir():
        raise InputError(source, "is a directory", "give a text file")
    try:
        return path.open("rb")
    except OSError as exc:
        raise InputError(source, f"cannot be read ({exc.strerror})") from None
