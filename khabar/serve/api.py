"""The JSON API under /v1: process a text, and read documents, search, quotes and entities from the store.

Every parameter is validated before a handler runs (lengths, ranges, id patterns, ISO dates); every error is
`{"error": {"status": N, "message": "..."}}` (see khabar/serve/app.py).
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from starlette.concurrency import run_in_threadpool

from khabar.serve import queries
from khabar.serve.security import (
    DOC_ID,
    ENTITY_ID,
    ISO_DAY,
    MAX_NAME,
    MAX_OFFSET,
    MAX_PAGE,
    MAX_QUERY,
    too_large,
)
from khabar.serve.state import State, state
from khabar.store.search import Filters

router = APIRouter(prefix="/v1", tags=["v1"])

META_FIELDS = ("title", "url", "date", "publisher")
MAX_META = 2000

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
Publisher = Annotated[
    str | None, Query(max_length=MAX_NAME, description="Only documents whose publisher contains this (folded).")
]
Since = Annotated[str | None, Query(pattern=ISO_DAY, description="Only documents dated on or after (YYYY-MM-DD).")]
Until = Annotated[str | None, Query(pattern=ISO_DAY, description="Only documents dated on or before (YYYY-MM-DD).")]
DocId = Annotated[str, Path(pattern=DOC_ID, description="A document id (32 hex digits) or a unique prefix (6+).")]

PROCESS_BODY = {
    "required": True,
    "content": {
        "text/plain": {"schema": {"type": "string"}, "example": "رئیس دفتر سیاسی حماس گفت: ..."},
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["text"],
                "properties": {
                    "text": {"type": "string"},
                    **{f: {"type": "string"} for f in META_FIELDS},
                },
            }
        },
    },
}


def filters(publisher: Publisher = None, since: Since = None, until: Until = None) -> Filters:
    """The publisher and date filters every listing takes (a dependency: one declaration for all of them)."""
    return Filters(publisher=publisher or None, since=since, until=until)


DocFilters = Annotated[Filters, Depends(filters)]


@router.post(
    "/process",
    summary="Process one text",
    description="Run the pipeline on a text (the body as text/plain, or JSON with `text` and optional `title`, "
    "`url`, `date`, `publisher`) and return the document JSON. Bodies over the server's limit get 413.",
    openapi_extra={"requestBody": PROCESS_BODY},
    responses={413: {"description": "Body too large"}, 415: {"description": "Unsupported content type"}},
)
async def process(
    request: Request, raw: Annotated[bool, Query(description="Include the raw input in the JSON.")] = False
) -> dict[str, Any]:
    app_state = state(request)
    body = await _read_body(request, app_state.max_bytes)
    text, meta = _parse_body(body, request.headers.get("content-type", "text/plain"))
    doc = await run_in_threadpool(app_state.processor, text, meta)
    return doc.to_dict(include_raw=raw)


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, refused with 413 as soon as it passes `limit` (the Content-Length may be absent or wrong)."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, too_large(limit))
        chunks.append(chunk)
    return b"".join(chunks)


def _parse_body(body: bytes, content_type: str) -> tuple[str, dict[str, str]]:
    kind = content_type.split(";")[0].strip().lower()
    try:
        decoded = body.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(400, "the body is not UTF-8 text") from None
    if kind in ("", "text/plain"):
        text, meta = decoded, {}
    elif kind == "application/json":
        text, meta = _json_body(decoded)
    else:
        raise HTTPException(415, f"send text/plain or application/json, not {kind!r}")
    if not text.strip():
        raise HTTPException(400, "the text is empty; send the article text in the body")
    return text, meta


def _json_body(decoded: str) -> tuple[str, dict[str, str]]:
    try:
        data = json.loads(decoded)
    except json.JSONDecodeError as exc:
        raise HTTPException(400, f"the body is not valid JSON ({exc.msg} at character {exc.pos})") from None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise HTTPException(400, 'the JSON body must be an object with a string "text"')
    meta = {}
    for name in META_FIELDS:
        value = data.get(name)
        if value is None:
            continue
        if not isinstance(value, str) or len(value) > MAX_META:
            raise HTTPException(400, f'"{name}" must be a string of at most {MAX_META} characters')
        meta[name] = value
    return data["text"], meta


@router.get("/documents", summary="List documents", description="The newest documents first, one page.")
def documents(
    request: Request,
    chosen: DocFilters,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    corpus = state(request).corpus()
    return queries.list_documents(corpus, chosen, limit, offset).to_dict()


@router.get(
    "/documents/{doc_id}",
    summary="One document",
    description="The stored document JSON (the `Document.to_dict` contract plus `id`).",
    responses={404: {"description": "No such document"}},
)
def document(
    request: Request,
    doc_id: DocId,
    raw: Annotated[bool, Query(description="Include the raw input.")] = False,
) -> dict[str, Any]:
    app_state = state(request)
    full_id = resolve_id(app_state, doc_id)
    return app_state.corpus().document(full_id, include_raw=raw)


def resolve_id(app_state: State, doc_id: str) -> str:
    """The full id of the one document whose id is or starts with `doc_id` (404 for none, 400 for several)."""
    found = queries.matching_ids(app_state.corpus(), doc_id.lower())
    if not found:
        raise HTTPException(404, f"no document {doc_id!r} in this corpus")
    if len(found) > 1:
        raise HTTPException(400, f"{doc_id!r} matches several documents; give more of the id")
    return found[0]


@router.get(
    "/search",
    summary="Full-text search",
    description="All words required; آتش بس, آتش‌بس and آتشبس find the same documents (see docs/store.md).",
)
def search(
    request: Request,
    chosen: DocFilters,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY, description="The query.")],
    limit: Limit = 10,
    offset: Offset = 0,
) -> dict[str, Any]:
    corpus = state(request).corpus()
    hits = corpus.search(q, chosen, limit=limit, offset=offset)
    return {"query": q, "limit": limit, "offset": offset, "items": [h.to_dict() for h in hits]}


@router.get(
    "/quotes",
    summary="Quotes",
    description="With `speaker`: every quote of that person, newest first, speakers resolved within each "
    "article (`هنیه` finds `اسماعیل هنیه`, and his quotes under his surname or office). Without: all quotes.",
)
def quotes(
    request: Request,
    chosen: DocFilters,
    speaker: Annotated[str | None, Query(min_length=1, max_length=MAX_NAME, description="A speaker's name.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    corpus = state(request).corpus()
    if speaker is None:
        return queries.all_quotes(corpus, chosen, limit, offset).to_dict()
    return {"speaker": speaker, **queries.speaker_quotes(corpus, speaker, chosen, limit, offset).to_dict()}


@router.get(
    "/entities",
    summary="Entity index",
    description="The most-mentioned entities (spelling variants and bare surnames merged), each with its id.",
)
def entities(
    request: Request,
    chosen: DocFilters,
    top: Annotated[int, Query(ge=1, le=1000, description="How many entities.")] = 100,
    label: Annotated[str | None, Query(pattern=r"^[A-Za-z_]{1,24}$", description="PER, ORG, LOC, ...")] = None,
) -> dict[str, Any]:
    corpus = state(request).corpus()
    items = queries.entity_index(corpus, top, label, chosen)
    return {"items": items}


@router.get(
    "/entities/{entity_id}",
    summary="One entity",
    description="An entity across the corpus: documents, mentions, roles, quotes, co-occurring entities and "
    "meetings. The id is `LABEL:folded_name` as listed by /v1/entities.",
    responses={404: {"description": "No such entity"}},
)
def entity(
    request: Request,
    entity_id: Annotated[str, Path(pattern=ENTITY_ID, description="LABEL:name, e.g. PER:اسماعیل_هنیه")],
) -> dict[str, Any]:
    return queries.entity_detail(state(request).corpus(), entity_id)
