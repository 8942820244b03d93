"""The reading pages: server-rendered Persian HTML (Jinja2), right to left, no script.

    /                      search box, corpus counts, newest stories, most-quoted speakers
    /search?q=             ranked results with the matches marked
    /documents             every story, newest first
    /documents/{id}        the article: quotes coloured by speaker, sources, entities; raw text and repairs
    /speakers, /speakers/{name}    who is quoted most; every quote of one person with dates and outlets
    /entities, /entities/{id}      the entity index; one entity across the corpus
    /docs                  the API reference, rendered from the OpenAPI schema

Templates autoescape everything, and Jinja's `finalize` makes bidi controls visible in every printed string.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path as FilePath
from typing import Annotated, Any
from urllib.parse import quote

import jdatetime
from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from khabar.errors import QueryError
from khabar.serve import queries
from khabar.serve.api import Offset, filters, resolve_id
from khabar.serve.render import LABELS, document_view, raw_view, shown
from khabar.serve.security import DOC_ID, ENTITY_ID, MAX_NAME, MAX_QUERY, finalize, inert, safe_url
from khabar.serve.state import state

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PAGE = 20
SCHEMA_NOTES = ("type", "title", "description")  # what `_schema_text` leaves out of a parameter schema
MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def fa_digits(value: Any) -> str:
    """Numbers as Persian digits, with the Persian thousands separator."""
    if isinstance(value, int):
        value = f"{value:,}".replace(",", "٬")
    return str(value).translate(PERSIAN_DIGITS)


def jalali(value: Any) -> str:
    """An ISO date as a Jalali date in words (`۵ آذر ۱۴۰۲`); anything else as it is."""
    if not isinstance(value, str):
        return ""
    try:
        day = jdatetime.date.fromgregorian(date=date.fromisoformat(value[:10]))
    except ValueError:
        return value
    return fa_digits(f"{day.day} {MONTHS[day.month - 1]} {day.year}")


def marked(hit: dict[str, Any]) -> Markup:
    """A search snippet with each match in <mark> (the highlights are offsets into the snippet)."""
    text, out, pos = str(hit.get("snippet") or ""), [], 0
    for start, end in sorted(hit.get("highlights") or []):
        if pos <= start < end <= len(text):
            out += [inert(text[pos:start]), Markup("<mark>"), inert(text[start:end]), Markup("</mark>")]
            pos = end
    out.append(inert(text[pos:]))
    return Markup("").join(out)


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(FilePath(__file__).parent / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(fa=fa_digits, jalali=jalali, marked=marked, path=lambda v: quote(str(v), safe=""))
    env.filters.update(safe_url=safe_url, shown=shown)
    env.globals["labels"] = LABELS
    return env


templates = Jinja2Templates(env=_environment())


def page(request: Request, template: str, code: int = 200, /, **context: Any) -> Response:
    """`template` rendered with `context` (positional-only names leave every keyword free for templates)."""
    return templates.TemplateResponse(request, template, context, status_code=code)


def error_page(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    response = page(request, "error.html", status, status=status, message=message)
    response.headers.update(headers or {})
    return response


Q = Annotated[str | None, Query(max_length=MAX_QUERY)]


@router.get("/")
def home(request: Request) -> Response:
    corpus = state(request).corpus()
    return page(
        request,
        "home.html",
        stats=corpus.stats(),
        recent=queries.list_documents(corpus, limit=10).items,
        speakers=queries.speakers_index(corpus, top=12),
    )


@router.get("/search")
def search(request: Request, q: Q = None, offset: Offset = 0) -> Response:
    if not q or not q.strip():
        return page(request, "search.html", q="", hits=[], offset=0, error=None)
    try:
        hits = state(request).corpus().search(q, limit=PAGE, offset=offset)
    except QueryError as exc:
        return page(request, "search.html", 400, q=q, hits=[], offset=offset, error=str(exc))
    return page(request, "search.html", q=q, hits=[h.to_dict() for h in hits], offset=offset, error=None, size=PAGE)


@router.get("/documents")
def documents(
    request: Request, offset: Offset = 0, publisher: Annotated[str | None, Query(max_length=MAX_NAME)] = None
) -> Response:
    listing = queries.list_documents(state(request).corpus(), filters(publisher, None, None), PAGE, offset)
    return page(request, "documents.html", listing=listing, publisher=publisher or "")


@router.get("/documents/{doc_id}")
def document(request: Request, doc_id: Annotated[str, Path(pattern=DOC_ID)]) -> Response:
    app_state = state(request)
    full_id = resolve_id(app_state, doc_id)
    corpus = app_state.corpus()
    doc = corpus.document(full_id, include_raw=True)
    columns = queries.document_columns(corpus, full_id)
    return page(
        request,
        "document.html",
        doc=doc,
        columns=columns,
        view=document_view(doc),
        raw=raw_view(doc.get("raw") or "", doc.get("fixes") or []),
    )


@router.get("/speakers")
def speakers(request: Request) -> Response:
    return page(request, "speakers.html", speakers=queries.speakers_index(state(request).corpus(), top=300))


@router.get("/speakers/{name:path}")
def speaker(
    request: Request, name: Annotated[str, Path(min_length=1, max_length=MAX_NAME)], offset: Offset = 0
) -> Response:
    quotes = queries.speaker_quotes(state(request).corpus(), name, limit=50, offset=offset)
    return page(request, "speaker.html", name=name, quotes=quotes)


@router.get("/entities")
def entities(request: Request, label: Annotated[str | None, Query(pattern=r"^[A-Za-z_]{1,24}$")] = None) -> Response:
    items = queries.entity_index(state(request).corpus(), top=500, label=label)
    by_label: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        by_label.setdefault(item["label"], []).append(item)
    return page(request, "entities.html", by_label=by_label, label=label)


@router.get("/entities/{entity_id}")
def entity(request: Request, entity_id: Annotated[str, Path(pattern=ENTITY_ID)]) -> Response:
    return page(request, "entity.html", entity=queries.entity_detail(state(request).corpus(), entity_id))


@router.get("/docs")
def api_docs(request: Request) -> Response:
    """The API reference, from the same OpenAPI schema that /openapi.json serves."""
    schema = request.app.openapi()
    return page(request, "apidocs.html", schema=schema, operations=_operations(schema))


def _operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {
                    "name": p.get("name"), "where": p.get("in"), "required": p.get("required", False),
                    "schema": _schema_text(p.get("schema") or {}), "description": p.get("description") or "",
                }
                for p in op.get("parameters", [])
            ]  # fmt: skip
            body = sorted((op.get("requestBody") or {}).get("content", {}))
            responses = sorted(op.get("responses", {}))
            out.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "description": op.get("description", ""), "params": params, "body": body,
                        "responses": responses})  # fmt: skip
    return out


def _schema_text(schema: dict[str, Any]) -> str:
    """`integer, maximum=100, minimum=1, default=20`: the type and the constraints a parameter is checked by."""
    options = schema.get("anyOf") or [schema]
    kinds = [o.get("type", "") for o in options if o.get("type") != "null"]
    limits = [f"{k}={v}" for o in options for k, v in o.items() if k not in SCHEMA_NOTES]
    return ", ".join([" | ".join(kinds), *limits]).strip(", ")
