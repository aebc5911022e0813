"""The application: one store opened (and migrated) when the app is made, the analysis worker
pool started and stopped with the server, and the guards every request passes.

Every piece of article text reaches the page through Jinja2's autoescaping (the claim
highlighting too: it is a macro in templates/macros.html); a Content-Security-Policy allows
scripts only from our own packaged files, so even a missed escape could not run inline code.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

import swagger_ui_bundle
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from claimledger import __version__
from claimledger.settings import ServerSettings
from claimledger.store import Store
from claimledger.web import api, pages
from claimledger.web.analysis import AnalysisPool
from claimledger.web.deps import DocumentCache
from claimledger.web.guards import RequestGuard, SecurityHeaders, security_headers

PACKAGE = resources.files("claimledger.web")


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
                  description="Attributed claims, scrutiny and a claim ledger over a news corpus.")
    app.state.store = store
    app.state.settings = settings
    app.state.documents = DocumentCache(store, settings.document_cache)
    app.state.analysis = AnalysisPool(settings)
    # Swagger UI from the swagger-ui-bundle package, so the API page works offline too
    app.mount("/static/swagger", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="swagger")
    app.mount("/static", StaticFiles(directory=str(PACKAGE / "static")), name="static")
    add_guards(app, settings)
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
    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        # the answer Starlette's outermost middleware sends for a bug of ours: with our headers
        return JSONResponse({"detail": "internal server error"}, status_code=500,
                            headers=security_headers(request.url.path))


def app_from_environment() -> FastAPI:
    """Factory for `uvicorn --factory` (how `serve --workers N` starts each worker): the
    settings come from CLAIMLEDGER_* environment variables."""
    return create_app(ServerSettings())
