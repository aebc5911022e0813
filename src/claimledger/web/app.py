"""The application: one store opened (and migrated) when the app is made, the analysis worker
pool started and stopped with the server, the guards every request passes, HEAD for every
GET, opt-in CORS, and one error shape (problems.py).

Every piece of article text reaches the page through Jinja2's autoescaping (the claim
highlighting too: it is a macro in templates/macros.html); a Content-Security-Policy allows
scripts only from our own packaged files, so even a missed escape could not run inline code.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

import fastapi_offline
from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from claimledger import __version__
from claimledger.settings import ServerSettings
from claimledger.store import Store
from claimledger.web import api, pages
from claimledger.web.analysis import AnalysisPool
from claimledger.web.charts import ChartCache
from claimledger.web.deps import DocumentCache
from claimledger.web.guards import RequestGuard, SecurityHeaders, security_headers
from claimledger.web.problems import add_problem_handlers, answer
from claimledger.web.stories import VersionedCache, story_index

PACKAGE = resources.files("claimledger.web")
# Swagger UI 5 (it reads the OpenAPI 3.1 that FastAPI writes) as the fastapi-offline package
# ships it, so the API page works without a network
SWAGGER = resources.files(fastapi_offline) / "static"


def operation_id(route: APIRoute) -> str:
    """Readable operation ids: the handler's name (`list_articles`), not FastAPI's path soup."""
    return route.name


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.analysis.start()
    try:
        yield
    finally:
        app.state.analysis.stop()


def create_app(settings: ServerSettings | None = None, store: Store | None = None) -> FastAPI:
    """The web app over `store`, or over the store `settings.db` names, opened here once."""
    settings = settings or ServerSettings()
    store = store or Store(settings.db, upgrade=settings.upgrade)
    app = FastAPI(title="claimledger", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Attributed claims, scrutiny and a claim ledger over a news corpus. Every list answers "
                              "in a page envelope (`items`, `total`, `limit`, `offset`); every error is RFC 9457 "
                              "problem details.", generate_unique_id_function=operation_id)
    app.state.store = store
    app.state.settings = settings
    app.state.documents = DocumentCache(store, settings.document_cache)
    app.state.analysis = AnalysisPool(settings)
    app.state.stories = VersionedCache(store, story_index)
    app.state.charts = ChartCache(store)
    app.mount("/static/apidocs", StaticFiles(directory=str(SWAGGER)), name="apidocs")
    app.mount("/static", StaticFiles(directory=str(PACKAGE / "static")), name="static")
    add_problem_handlers(app)
    if settings.cors_origins:  # inside the guards: a cross-site write is still refused
        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                           allow_methods=["GET", "HEAD"], allow_headers=["if-none-match"],
                           expose_headers=["etag", "location"])
    add_guards(app, settings)
    app.add_middleware(HeadAsGet)
    app.include_router(pages.router)
    app.include_router(api.router, prefix="/api/v1")
    # Everything imported so far (pydantic, SQLAlchemy, and spaCy when the CLI imported it: up
    # to a million objects) lives as long as the server; frozen, a full collection no longer
    # walks it, which took 110-160 ms per collection and made the p95 of bench/web.py four
    # times its p50.
    gc.collect()
    gc.freeze()
    return app


def add_guards(app: FastAPI, settings: ServerSettings) -> None:
    """Outermost first: security headers on every answer, then the Host allow-list (a
    DNS-rebinding page arrives under its own host name), then the request guard."""
    app.add_middleware(RequestGuard, max_request_bytes=settings.max_request_bytes)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.served_hosts(), www_redirect=False)
    app.add_middleware(SecurityHeaders)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        # the answer Starlette's outermost middleware sends for a bug of ours: with our headers
        return answer(request, 500, "internal server error", headers=security_headers(request.url.path))


class HeadAsGet:
    """HEAD answered wherever GET is: the GET route runs and its body is dropped, its headers
    (Content-Length, ETag) kept."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def app_from_environment() -> FastAPI:
    """Factory for `uvicorn --factory` (how `serve --workers N` starts each worker): the
    settings come from CLAIMLEDGER_* environment variables."""
    return create_app(ServerSettings())
