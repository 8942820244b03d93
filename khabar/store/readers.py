"""Input formats for ingest: text files, folders, JSON Lines, CSV and JSON arrays of articles.

Every reader yields `Record`s (one document each) or `Failure`s (an input that cannot become a document, with
where and why), so one broken line or file is reported and the rest goes on.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import jdatetime

from khabar.store.normalize import DIGITS

TEXT_SUFFIXES = frozenset({".txt", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
CSV_SUFFIXES = frozenset({".csv", ".tsv"})
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES | CSV_SUFFIXES

# Article fields, in order of preference. Anything else an article carries is kept in `meta`.
TEXT_FIELDS = ("body", "text", "content", "article")
LEAD_FIELDS = ("abstract", "lead", "summary", "description")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link")
DATE_FIELDS = ("date", "published", "published_at", "datetime")
PUBLISHER_FIELDS = ("publisher", "source", "site", "agency")

MAX_DOCUMENT_BYTES = 4_000_000  # a news story is kilobytes; megabytes means a dump or a wrong file
MAX_JSON_FILE_BYTES = 512_000_000  # JSON arrays are parsed whole


@dataclass(slots=True)
class Record:
    """One document to ingest: its raw text, where it came from, and what the input said about it."""

    text: str
    origin: str
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return content_id(self.text)


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that was skipped: `origin` is the path (with line or item number), `reason` says why."""

    origin: str
    reason: str


Item = Record | Failure


@dataclass(frozen=True, slots=True)
class ReadOptions:
    text_column: str | None = None
    max_bytes: int = MAX_DOCUMENT_BYTES


def content_id(text: str) -> str:
    """The document id: a hash of the raw text, so the same story ingested twice is stored once."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def read_inputs(paths: Iterable[str | Path], options: ReadOptions = ReadOptions()) -> Iterator[Item]:
    """Every record in `paths` (files or folders, recursively), in a stable order."""
    for path in paths:
        yield from _read_path(Path(path), options)


def _read_path(path: Path, options: ReadOptions) -> Iterator[Item]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
            if child.is_file() and not hidden and child.suffix.lower() in KNOWN_SUFFIXES:
                yield from _read_file(child, options)
    elif path.is_file():
        yield from _read_file(path, options)
    else:
        yield Failure(str(path), "no such file or folder")


def _read_file(path: Path, options: ReadOptions) -> Iterator[Item]:
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, options)
        elif suffix in JSON_SUFFIXES:
            yield from _read_json(path, options)
        elif suffix in CSV_SUFFIXES:
            yield from _read_csv(path, options)
        else:
            yield _read_text(path, options)
    except OSError as exc:
        yield Failure(str(path), f"cannot read ({exc.strerror or exc})")


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16 with BOM; raises ValueError with a reason."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise ValueError("binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it first, e.g. iconv -f cp1256 -t utf-8"
        ) from None


def _read_text(path: Path, options: ReadOptions) -> Item:
    size = path.stat().st_size
    if size > options.max_bytes:
        return Failure(str(path), f"too large ({size:,} bytes; the limit is {options.max_bytes:,}, see --max-bytes)")
    try:
        text = decode(path.read_bytes())
    except ValueError as exc:
        return Failure(str(path), str(exc))
    return _checked(Record(text, str(path), {}))


def _checked(record: Record) -> Item:
    if not record.text.strip():
        return Failure(record.origin, "empty (no text)")
    return record


def _read_jsonl(path: Path, options: ReadOptions) -> Iterator[Item]:
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            origin = f"{path}:{number}"
            if not line.strip():
                continue
            if len(line) > options.max_bytes:
                yield Failure(origin, f"line too large ({len(line):,} bytes; the limit is {options.max_bytes:,})")
                continue
            try:
                value = json.loads(decode(line))
            except ValueError as exc:
                yield Failure(origin, f"malformed JSON line ({exc})")
                continue
            yield article_record(value, origin)


def _read_json(path: Path, options: ReadOptions) -> Iterator[Item]:
    size = path.stat().st_size
    if size > MAX_JSON_FILE_BYTES:
        yield Failure(str(path), f"JSON file too large to parse whole ({size:,} bytes); write it as JSON Lines")
        return
    try:
        value = json.loads(decode(path.read_bytes()))
    except ValueError as exc:
        yield Failure(str(path), f"malformed JSON ({exc})")
        return
    if isinstance(value, dict):
        yield _size_checked(article_record(value, str(path)), options)
    elif isinstance(value, list):
        for number, item in enumerate(value, start=1):
            yield _size_checked(article_record(item, f"{path}#{number}"), options)
    else:
        yield Failure(str(path), "JSON is neither an article object nor an array of articles")


def _size_checked(item: Item, options: ReadOptions) -> Item:
    if isinstance(item, Record) and len(item.text) * 2 > options.max_bytes:
        return Failure(item.origin, f"article too large ({len(item.text):,} characters)")
    return item


def article_record(value: Any, origin: str) -> Item:
    """An article object (title, body or paragraphs, url, date, publisher, ...) or a bare string as a record."""
    if isinstance(value, str):
        return _checked(Record(value, origin, {}))
    if not isinstance(value, dict):
        return Failure(origin, f"expected an article object, found {type(value).__name__}")
    text = _article_text(value)
    if text is None:
        return Failure(origin, f"no text field (expected one of {', '.join(TEXT_FIELDS)} or paragraphs)")
    return _checked(Record(text, origin, article_meta(value)))


def _article_text(article: dict[str, Any]) -> str | None:
    body = _first(article, TEXT_FIELDS)
    paragraphs = article.get("paragraphs")
    if body is None and isinstance(paragraphs, list):
        body = "\n\n".join(str(p).strip() for p in paragraphs if isinstance(p, str) and p.strip())
    if body is None:
        return None
    lead = _first(article, LEAD_FIELDS)
    if lead and lead.strip() and not body.lstrip().startswith(lead.strip()):
        body = lead.strip() + "\n\n" + body
    return body


def _first(article: dict[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = article.get(name)
        if isinstance(value, str):
            return value
    return None


def article_meta(article: dict[str, Any]) -> dict[str, Any]:
    """title, url, date (ISO), publisher, and every other field the article had (category, tags, ...)."""
    used = {*TEXT_FIELDS, *LEAD_FIELDS, "paragraphs"}
    meta: dict[str, Any] = {k: v for k, v in article.items() if k not in used and v not in (None, "", [])}
    for key, names in (("title", TITLE_FIELDS), ("url", URL_FIELDS), ("publisher", PUBLISHER_FIELDS)):
        value = _first(article, names)
        for name in names:
            meta.pop(name, None)
        if value and value.strip():
            meta[key] = value.strip()
    written = _first(article, DATE_FIELDS)
    for name in DATE_FIELDS:
        meta.pop(name, None)
    if written and written.strip():
        iso = iso_date(written)
        if iso:
            meta["date"] = iso
        if iso != written.strip():
            meta["date_written"] = written.strip()
    return meta


def _read_csv(path: Path, options: ReadOptions) -> Iterator[Item]:
    csv.field_size_limit(options.max_bytes)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with path.open("rb") as raw:
        head = raw.read(8192)
        if b"\x00" in head:
            yield Failure(str(path), "binary data (NUL bytes), not CSV")
            return
        raw.seek(0)
        stream = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline="")
        try:
            yield from _csv_rows(path, csv.DictReader(stream, delimiter=delimiter), options)
        except UnicodeDecodeError as exc:
            yield Failure(str(path), f"not UTF-8 ({exc.reason}); convert it first, e.g. iconv -f cp1256 -t utf-8")
        except csv.Error as exc:
            yield Failure(str(path), f"malformed CSV ({exc})")


def _csv_rows(path: Path, reader: csv.DictReader, options: ReadOptions) -> Iterator[Item]:
    columns = reader.fieldnames or []
    column = options.text_column or next((c for c in TEXT_FIELDS if c in columns), None)
    if column is None or column not in columns:
        wanted = f"column {options.text_column!r}" if options.text_column else "a text column"
        yield Failure(str(path), f"no {wanted}; columns are {', '.join(columns) or 'none'} (use --text-column)")
        return
    for number, row in enumerate(reader, start=2):
        row.pop(None, None)  # cells beyond the header
        text = row.pop(column, None) or ""
        yield _size_checked(_checked(Record(text, f"{path}:{number}", article_meta(row))), options)


_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")


def iso_date(written: str) -> str | None:
    """A date as YYYY-MM-DD (Gregorian) from ISO, slashed, Jalali (years 1200-1499) or e-mail style text."""
    text = written.strip().translate({ord(k): v for k, v in DIGITS.items()})
    match = _DATE.search(text)
    try:
        if match:
            year, month, day = (int(g) for g in match.groups())
            if 1200 <= year < 1500:
                return jdatetime.date(year, month, day).togregorian().isoformat()
            return date(year, month, day).isoformat()
        parsed: datetime = parsedate_to_datetime(text)
        return parsed.date().isoformat()
    except (ValueError, TypeError, IndexError):
        return None
