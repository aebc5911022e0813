"""The application: one store opened (and migrated) when the app is made, the request-size
guard, and the security headers.

Every piece of article text reaches the page through Jinja2's autoescaping (the claim
highlighting too: it is a macro in templates/macros.html); a Content-Security-Policy allows
scripts only from our own packaged files, so even a missed escape could not run inline code.
"""

from __future__ import annotations

import gc
from importlib import resources

import swagger_ui_bundle
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from claimledger import __version__
from claimledger.settings import ServerSettings
from claimledger.store import Store
from claimledger.web import api, pages
from claimledger.web.deps import DocumentCache

PACKAGE = resources.files("claimledger.web")


def create_app(settings: ServerSettings | None = None, store: Store | None = None) -> FastAPI:
    """The web app over `store`, or over the store `settings.db` names, opened here once."""
    settings = settings or ServerSettings()
    store = store or Store(settings.db, upgrade=settings.upgrade)
    app = FastAPI(title="claimledger", version=__version__, docs_url=None, redoc_url=None,
                  description="Attributed claims, scrutiny and a claim ledger over a news corpus.")
    app.state.store = store
    app.state.settings = settings
    app.state.documents = DocumentCache(store, settings.document_cache)
    # Swagger UI from the swagger-ui-bundle package, so the API page works offline too
    app.mount("/static/swagger", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="swagger")
    app.mount("/static", StaticFiles(directory=str(PACKAGE / "static")), name="static")
    add_guard(app, settings.max_request_bytes)
    app.include_router(pages.router)
    app.include_router(api.router, prefix="/api/v1")
    # Everything imported so far (spaCy, pydantic, SQLAlchemy: over a million objects) lives as
    # long as the server; frozen, a full collection no longer walks it, which took 110-160 ms
    # per collection and made the p95 of bench/web.py four times its p50.
    gc.collect()
    gc.freeze()
    return app


def add_guard(app: FastAPI, max_request_bytes: int) -> None:
    """Refuse oversized bodies before reading them; set the security headers on every answer."""

    @app.middleware("http")
    async def guard(request: Request, call_next):
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > max_request_bytes:
            return JSONResponse({"detail": f"request larger than {max_request_bytes // 1000} kB"}, status_code=413)
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = content_security_policy(request.url.path)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response


def content_security_policy(path: str) -> str:
    # Swagger UI sets inline styles; article pages need none
    styles = "'self' 'unsafe-inline'" if path == "/docs" else "'self'"
    return (f"default-src 'self'; script-src 'self'; style-src {styles}; img-src 'self' data:; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def app_from_environment() -> FastAPI:
    """Factory for `uvicorn --factory` (how `serve --workers N` starts each worker): the
    settings come from CLAIMLEDGER_* environment variables."""
    return create_app(ServerSettings())
