"""The khabar web application: the JSON API (/v1), the Persian reading pages, static files and error handling.

    from khabar.serve import create_app
    app = create_app("corpus.db")          # then: uvicorn.run(app, host="127.0.0.1", port=8000)

`khabar serve --db corpus.db` does exactly this. Errors never leave as tracebacks: khabar's own errors and HTTP
errors become `{"error": {"status", "message"}}` under /v1 and a Persian error page elsewhere; anything else is
logged and answered with a plain 500 (khabar/serve/security.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from khabar import __version__
from khabar.errors import KhabarError
from khabar.pipeline import Pipeline, load
from khabar.serve import api, pages
from khabar.serve.queries import NotFound
from khabar.serve.security import SecurityMiddleware, is_api
from khabar.serve.state import State
from khabar.store.corpus import Corpus

STATIC = Path(__file__).parent / "static"
DEFAULT_MAX_BYTES = 1_000_000  # a long news article is 20-60 kB; a whole book is not a request


def create_app(
    db: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, pipeline: Callable[[], Pipeline] = load, warm: bool = True
) -> FastAPI:
    """The application for the store at `db` (which must exist: a server never creates an empty corpus)."""
    with Corpus(db, create=False):
        pass  # a missing or unusable store fails here, with the store's own message
    shared = State(str(db), max_bytes, pipeline)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if warm:
            await run_in_threadpool(shared.processor.warm)
        yield
        shared.corpora.close()

    app = FastAPI(
        title="khabar",
        version=__version__,
        description="Persian news text: repair, quotes, sources and entities, over a corpus store.",
        docs_url=None,  # FastAPI's Swagger page loads its script from a CDN; /docs is served by khabar itself
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.khabar = shared
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(KhabarError, _khabar_error)  # type: ignore[arg-type]
    app.add_middleware(SecurityMiddleware, max_body=max_bytes)
    return app


def error_response(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """The one error shape: JSON under /v1, a Persian page elsewhere."""
    if is_api(request.url.path):
        return JSONResponse({"error": {"status": status, "message": message}}, status, headers=headers)
    return pages.error_page(request, status, message, headers)


async def _http_error(request: Request, exc: HTTPException) -> Response:
    return error_response(request, exc.status_code, str(exc.detail), getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    return error_response(request, 422, "invalid request: " + "; ".join(_problem(e) for e in exc.errors()))


def _problem(error: dict[str, Any]) -> str:
    """`query.limit: Input should be less than or equal to 100` (the offending value itself is not echoed)."""
    where = ".".join(str(part) for part in error.get("loc", ()))
    return f"{where}: {error.get('msg', 'invalid')}"


async def _khabar_error(request: Request, exc: KhabarError) -> Response:
    return error_response(request, 404 if isinstance(exc, NotFound) else 400, str(exc))
