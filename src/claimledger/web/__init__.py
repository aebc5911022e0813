"""The web reader and the JSON API (FastAPI, server-rendered Jinja2, a little plain JavaScript).

Every piece of article text reaches the page through Jinja2's autoescaping or through
`highlight`, which escapes each segment itself; a Content-Security-Policy allows scripts
only from our own packaged files, so even a missed escape could not run inline code.
"""

from __future__ import annotations

import gc
import os
from collections import OrderedDict
from dataclasses import dataclass
from importlib import resources
from urllib.parse import quote

import swagger_ui_bundle
from fastapi import APIRouter, Depends, FastAPI, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from pydantic import BaseModel, Field

from claimledger import __version__, errors
from claimledger.document import AnalysisDocument, Claim
from claimledger.inputs import RawDocument
from claimledger.pipeline import AnalysisSettings, analyze_raw, analyze_source
from claimledger.store import Store

# A pasted article is at most a few hundred kB; refuse bigger bodies before reading them.
MAX_REQUEST_BYTES = 1_000_000
SPEAKER_COLOURS = 8
DOCUMENT_CACHE = 512
PACKAGE = resources.files("claimledger.web")


@dataclass(frozen=True)
class WebSettings:
    db: str | None = None
    allow_private: bool = False


class AnalyzeRequest(BaseModel):
    """Paste `text` (first line the headline) or give a `url`."""

    text: str | None = Field(None, max_length=MAX_REQUEST_BYTES)
    url: str | None = None
    title: str | None = None


class ArticleListItem(BaseModel):
    id: str
    title: str | None
    site: str | None
    published: str | None


def create_app(settings: WebSettings = WebSettings()) -> FastAPI:
    store = Store(settings.db)
    app = FastAPI(title="claimledger", version=__version__, docs_url=None, redoc_url=None,
                  description="Attributed claims, scrutiny and a claim ledger over a news corpus.")
    app.state.store = store
    app.state.settings = settings
    app.state.documents = OrderedDict()
    templates = Jinja2Templates(directory=str(PACKAGE / "templates"))
    templates.env.globals.update(version=__version__, quote=quote)
    templates.env.filters["speaker_class"] = speaker_class
    # Swagger UI from the swagger-ui-bundle package, so the API page works offline too
    app.mount("/static/swagger", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="swagger")
    app.mount("/static", StaticFiles(directory=str(PACKAGE / "static")), name="static")

    @app.middleware("http")
    async def guard(request: Request, call_next):
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > MAX_REQUEST_BYTES:
            return JSONResponse({"detail": f"request larger than {MAX_REQUEST_BYTES // 1000} kB"}, status_code=413)
        response = await call_next(request)
        # Swagger UI sets inline styles; article pages need none
        styles = "'self' 'unsafe-inline'" if request.url.path == "/docs" else "'self'"
        response.headers["Content-Security-Policy"] = (
            f"default-src 'self'; script-src 'self'; style-src {styles}; img-src 'self' data:; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    app.include_router(pages(templates))
    app.include_router(api(), prefix="/api/v1")
    # Everything imported so far (spaCy, pydantic, SQLAlchemy: over a million objects) lives as
    # long as the server; frozen, a full collection no longer walks it, which took 110-160 ms
    # per collection and made the p95 of bench/web.py four times its p50.
    gc.collect()
    gc.freeze()
    return app


def get_store(request: Request) -> Store:
    return request.app.state.store


async def store_dependency(request: Request) -> Store:
    """`Depends` form of get_store; async so FastAPI does not hand it to the thread pool."""
    return request.app.state.store


def app_from_environment() -> FastAPI:
    """Factory for `uvicorn --factory` with several worker processes (settings via environment)."""
    return create_app(WebSettings(db=os.environ.get("CLAIMLEDGER_DB") or None,
                                  allow_private=os.environ.get("CLAIMLEDGER_ALLOW_PRIVATE") == "1"))


def stored_document(request: Request, article_id: str) -> AnalysisDocument | None:
    """A stored document, parsed once per process: articles never change after ingest."""
    cache: OrderedDict[str, AnalysisDocument] = request.app.state.documents
    if article_id in cache:
        cache.move_to_end(article_id)
        return cache[article_id]
    doc = get_store(request).document(article_id)
    if doc is not None and doc.article.id == article_id:
        cache[article_id] = doc
        if len(cache) > DOCUMENT_CACHE:
            cache.popitem(last=False)
    return doc


def analyze_for(request: Request, text: str | None, url: str | None) -> AnalysisDocument:
    """Analyse pasted text or a URL and store it; InputError becomes HTTP 400."""
    settings = AnalysisSettings(allow_private=request.app.state.settings.allow_private)
    try:
        if url:
            if not url.startswith(("http://", "https://")):
                raise HTTPException(400, "give an http(s) URL")
            doc = analyze_source(url, settings)
        elif text and text.strip():
            doc = analyze_raw(RawDocument(source="pasted text", text=text, kind="text"), settings)
        else:
            raise HTTPException(400, "paste an article or give a URL")
    except errors.InputError as exc:
        raise HTTPException(400, exc.message) from None
    get_store(request).add(doc)
    return doc


def pages(templates: Jinja2Templates) -> APIRouter:
    """Read-only handlers are `async`: they do a millisecond of local database work, and on
    the event loop requests are served in arrival order instead of twenty threads fighting
    for the GIL (p95 fell from about 140 to under 100 ms in bench/web.py). Analysing an
    article takes CPU for real, so `analyze` stays a thread-pool handler."""
    router = APIRouter(default_response_class=HTMLResponse)

    def render(request: Request, name: str, status_code: int = 200, **context) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=status_code)

    @router.get("/")
    async def home(request: Request, store: Store = Depends(store_dependency), page: int = Query(1, ge=1)):
        return render(request, "home.html", articles=store.latest(limit=20, offset=(page - 1) * 20),
                      counts=store.counts(), page=page)

    @router.get("/article/{article_id}")
    async def article(request: Request, article_id: str, store: Store = Depends(store_dependency)):
        doc = stored_document(request, article_id)
        if doc is None:
            return render(request, "missing.html", status_code=404, what=f"article {article_id}")
        previous, following = store.neighbours(doc.article.id)
        speakers = list(dict.fromkeys(c.speaker.name for c in doc.claims))
        return render(request, "article.html", doc=doc, paragraphs=highlight(doc, speakers), speakers=speakers,
                      previous=previous, following=following)

    @router.get("/ledger")
    async def ledger(request: Request, store: Store = Depends(store_dependency), min_appearances: int = Query(2, ge=1)):
        return render(request, "ledger.html", clusters=store.clusters(min_appearances), min_appearances=min_appearances)

    @router.get("/ledger/{cluster_id}")
    async def cluster(request: Request, cluster_id: int, store: Store = Depends(store_dependency)):
        found = store.cluster(cluster_id)
        if found is None:
            return render(request, "missing.html", status_code=404, what=f"ledger entry {cluster_id}")
        return render(request, "cluster.html", cluster=found)

    @router.get("/speaker/{name}")
    async def speaker(request: Request, name: str, store: Store = Depends(store_dependency)):
        claims = [c for c in store.claims(speaker=name) if c.speaker == name]
        return render(request, "speaker.html", name=name, claims=claims)

    @router.get("/search")
    async def search(request: Request, q: str = Query("", max_length=500), store: Store = Depends(store_dependency)):
        return render(request, "search.html", q=q, hits=store.search(q) if q.strip() else [])

    @router.get("/docs", include_in_schema=False)
    async def docs(request: Request):
        return render(request, "docs.html")

    @router.get("/analyze")
    async def analyze_form(request: Request):
        return render(request, "analyze.html", error=None)

    @router.post("/analyze")
    def analyze_submit(request: Request, text: str = Form(""), url: str = Form("")):
        try:
            doc = analyze_for(request, text, url.strip() or None)
        except HTTPException as exc:
            return render(request, "analyze.html", status_code=400, error=exc.detail, text=text, url=url)
        return RedirectResponse(f"/article/{doc.article.id}", status_code=303)

    return router


def api() -> APIRouter:
    router = APIRouter(tags=["api"])

    @router.get("/articles", response_model=list[ArticleListItem])
    async def articles(store: Store = Depends(store_dependency), limit: int = Query(20, ge=1, le=200), offset: int = Query(0, ge=0)):
        return [ArticleListItem(**a.__dict__) for a in store.latest(limit=limit, offset=offset)]

    @router.get("/articles/{article_id}", response_model=AnalysisDocument)
    async def article(request: Request, article_id: str):
        doc = stored_document(request, article_id)
        if doc is None:
            raise HTTPException(404, f"no article {article_id}")
        return doc

    @router.get("/claims")
    async def claims(store: Store = Depends(store_dependency), speaker: str | None = None, search: str | None = None,
               flag: str | None = None, limit: int = Query(100, ge=1, le=1000)):
        return [c.__dict__ for c in store.claims(speaker=speaker, search=search, flag=flag)[:limit]]

    @router.get("/ledger")
    async def ledger(store: Store = Depends(store_dependency), min_appearances: int = Query(2, ge=1)):
        return store.clusters(min_appearances)

    @router.get("/ledger/{cluster_id}")
    async def cluster(cluster_id: int, store: Store = Depends(store_dependency)):
        found = store.cluster(cluster_id)
        if found is None:
            raise HTTPException(404, f"no ledger entry {cluster_id}")
        return found

    @router.get("/speakers")
    async def speakers(store: Store = Depends(store_dependency)):
        return [{"name": n, "kind": k, "claims": c} for n, k, c in store.speakers()]

    @router.get("/search")
    async def search(q: str = Query(..., min_length=1, max_length=500), store: Store = Depends(store_dependency)):
        return [{"id": i, "title": t, "snippet": s} for i, t, s in store.search(q)]

    @router.post("/analyze", response_model=AnalysisDocument)
    def analyze(request: Request, body: AnalyzeRequest):
        text = f"{body.title}\n\n{body.text}" if body.title and body.text else body.text
        return analyze_for(request, text, body.url)

    return router


def speaker_class(name: str, speakers: list[str]) -> str:
    return f"s{speakers.index(name) % SPEAKER_COLOURS}" if name in speakers else "s0"


def highlight(doc: AnalysisDocument, speakers: list[str]) -> list[Markup]:
    """Each paragraph as safe HTML: escaped text with every claim's content wrapped in a
    <mark> that names its speaker, modality and flags."""
    text = doc.article.text
    out = []
    for paragraph in doc.article.paragraphs:
        inside = sorted((c for c in doc.claims if paragraph.start <= c.content.start < paragraph.end),
                        key=lambda c: c.content.start)
        parts: list[str] = []
        position = paragraph.start
        for claim in inside:
            if claim.content.start < position:
                continue  # overlapping spans: the first one wins
            parts.append(str(escape(text[position:claim.content.start])))
            parts.append(claim_mark(claim, text[claim.content.start:claim.content.end], speakers))
            position = min(claim.content.end, paragraph.end)
        parts.append(str(escape(text[position:paragraph.end])))
        out.append(Markup("".join(parts)))
    return out


def claim_mark(claim: Claim, words: str, speakers: list[str]) -> str:
    details = f"{claim.speaker.name} · {claim.quote} · {claim.modality}"
    if claim.channel:
        details += f" · via {claim.channel}"
    flags = ", ".join(f.replace("_", " ") for f in claim.flags) or "no flags"
    return (f'<mark class="claim {speaker_class(claim.speaker.name, speakers)}" tabindex="0" id="claim-{claim.id}" '
            f'data-speaker="{escape(claim.speaker.name)}" data-modality="{claim.modality}">{escape(words)}'
            f'<span class="badge m-{claim.modality}">{claim.modality}</span>'
            f'<span class="tip" role="tooltip">{escape(details)}<br>{escape(flags)}</span></mark>')
