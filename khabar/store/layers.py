"""How a document's layers are kept in the store: its JSON (`Document.to_dict`), compressed, with tokens packed.

Tokens are most of a document's JSON (a dict with the word's text and the same seven keys, for every word), so
they are stored as one list of keys and one row of values per token, the text left out (it is `text[start:end]`).
Packing is checked against `to_dict` on the first and last token, and a token class it cannot reproduce is stored
as plain dicts, so `unpack` always gives back exactly what `to_dict` wrote.
"""

from __future__ import annotations

import copy
import json
import zlib
from operator import attrgetter
from typing import Any

import orjson

from khabar.document import Document

LEFT_OUT = ("text", "raw", "meta")  # stored as columns of their own
LEVEL = 1  # zlib: level 1 is several times faster than 6 and about 15% larger


def pack(doc: Document) -> tuple[dict[str, Any], bytes]:
    """The document JSON without tokens (for the other tables) and the compressed layers blob."""
    shallow = copy.copy(doc)
    shallow.tokens = []
    data = shallow.to_dict()
    layers = {k: v for k, v in data.items() if k not in LEFT_OUT}
    layers["tokens"] = _pack_tokens(doc)
    return data, zlib.compress(_dumps(layers), LEVEL)


def _dumps(layers: dict[str, Any]) -> bytes:
    """Compact UTF-8 JSON. orjson writes it about five times faster than `json` (a tenth of an ingest worker's
    time went here); `json` takes what orjson refuses (integers beyond 64 bits, from a long run of digits)."""
    try:
        return orjson.dumps(layers, default=str, option=orjson.OPT_NON_STR_KEYS)
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(layers, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def unpack(blob: bytes, text: str) -> dict[str, Any]:
    """The layers as `to_dict` wrote them (tokens unpacked, each with its text)."""
    layers = json.loads(zlib.decompress(blob))  # not orjson: it reads integers beyond 64 bits as floats
    tokens = layers.get("tokens")
    if isinstance(tokens, dict):
        keys = tokens["keys"]
        at = keys.index("text")
        stored = keys[:at] + keys[at + 1 :]
        layers["tokens"] = [_token_dict(keys, stored, row, text) for row in tokens["rows"]]
    return layers


def _token_dict(keys: list[str], stored: list[str], row: list[Any], text: str) -> dict[str, Any]:
    values = dict(zip(stored, row))
    values["text"] = text[values["start"] : values["end"]]
    return {k: values[k] for k in keys}


def _pack_tokens(doc: Document) -> Any:
    tokens = doc.tokens
    if not tokens:
        return []
    first = tokens[0].to_dict()
    keys = list(first)
    if "text" not in keys or "start" not in keys or "end" not in keys or len({type(t) for t in tokens}) != 1:
        return [t.to_dict() for t in tokens]
    stored = [k for k in keys if k != "text"]
    try:
        rows = list(map(attrgetter(*stored), tokens))
    except AttributeError:
        return [t.to_dict() for t in tokens]
    for index in (0, -1):
        if _token_dict(keys, stored, rows[index], doc.text) != tokens[index].to_dict():
            return [t.to_dict() for t in tokens]
    return {"keys": keys, "rows": rows}
