"""The HTML pages, rendered on the server from templates/.

Read-only handlers are `async`: they do a millisecond of local database work, and on the
event loop requests are served in arrival order instead of twenty threads fighting for the
GIL (p95 fell from about 140 to under 100 ms in bench/web.py). `analyze_submit` awaits a worker
of the analysis pool (analysis.py), so it is `async` too; its form carries a CSRF token (csrf.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from urllib.parse import quote

from fastapi import APIRouter, Form, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from claimledger import __version__
from claimledger.document import AnalysisDocument, Claim
from claimledger.web import csrf
from claimledger.web.deps import (
    MAX_OFFSET,
    MAX_SQL_INTEGER,
    AnalysisDep,
    DocumentsDep,
    SettingsDep,
    StoreDep,
    analyze_request,
)

SPEAKER_COLOURS = 8  # style.css has a colour class s0..s7 per speaker
ARTICLES_PER_PAGE = 20

templates = Jinja2Templates(directory=str(resources.files("claimledger.web") / "templates"))
router = APIRouter(default_response_class=HTMLResponse)


def speaker_class(name: str, speakers: list[str]) -> str:
    return f"s{speakers.index(name) % SPEAKER_COLOURS}" if name in speakers else "s0"


templates.env.globals.update(version=__version__, quote=quote)
templates.env.filters["speaker_class"] = speaker_class


def render(request: Request, template: str, status_code: int = 200, **context: object) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context, status_code=status_code)


@router.get("/")
async def home(request: Request, store: StoreDep,
               page: int = Query(1, ge=1, le=MAX_OFFSET // ARTICLES_PER_PAGE)) -> HTMLResponse:
    articles = store.latest(limit=ARTICLES_PER_PAGE, offset=(page - 1) * ARTICLES_PER_PAGE)
    return render(request, "home.html", articles=articles, counts=store.counts(), page=page,
                  per_page=ARTICLES_PER_PAGE)


@router.get("/article/{article_id}")
async def article(request: Request, article_id: str, store: StoreDep, documents: DocumentsDep) -> HTMLResponse:
    doc = documents.get(article_id)
    if doc is None:
        return render(request, "missing.html", status_code=404, what=f"article {article_id}")
    neighbours = store.neighbours(doc.article.id)
    speakers = list(dict.fromkeys(c.speaker.name for c in doc.claims))
    return render(request, "article.html", doc=doc, paragraphs=highlight(doc), speakers=speakers,
                  previous=neighbours.previous, following=neighbours.following)


@router.get("/ledger")
async def ledger(request: Request, store: StoreDep,
                 min_appearances: int = Query(2, ge=1, le=MAX_SQL_INTEGER)) -> HTMLResponse:
    return render(request, "ledger.html", clusters=store.clusters(min_appearances), min_appearances=min_appearances)


@router.get("/ledger/{cluster_id}")
async def cluster(request: Request, store: StoreDep, cluster_id: int = Path(ge=1, le=MAX_SQL_INTEGER)) -> HTMLResponse:
    found = store.cluster(cluster_id)
    if found is None:
        return render(request, "missing.html", status_code=404, what=f"ledger entry {cluster_id}")
    return render(request, "cluster.html", cluster=found)


@router.get("/speaker/{name}")
async def speaker(request: Request, name: str, store: StoreDep) -> HTMLResponse:
    claims = [c for c in store.claims(speaker=name) if c.speaker == name]
    return render(request, "speaker.html", name=name, claims=claims)


@router.get("/search")
async def search(request: Request, store: StoreDep, q: str = Query("", max_length=500)) -> HTMLResponse:
    return render(request, "search.html", q=q, hits=store.search(q) if q.strip() else [])


@router.get("/docs", include_in_schema=False)
async def docs(request: Request) -> HTMLResponse:
    return render(request, "docs.html")


@router.get("/analyze")
async def analyze_form(request: Request) -> HTMLResponse:
    return analyze_page(request)


@router.post("/analyze")
async def analyze_submit(request: Request, store: StoreDep, settings: SettingsDep, pool: AnalysisDep,
                         text: str = Form(""), url: str = Form(""), csrf_token: str = Form("")) -> Response:
    if not csrf.token_matches(request, csrf_token):
        return analyze_page(request, 403, "This form has expired or was sent from another site: send it again.",
                            text, url)
    try:
        doc = await analyze_request(request, store, settings, pool, text, url.strip() or None)
    except HTTPException as exc:
        return analyze_page(request, exc.status_code, exc.detail, text, url, exc.headers)
    return RedirectResponse(f"/article/{doc.article.id}", status_code=303)


def analyze_page(request: Request, status_code: int = 200, error: str | None = None, text: str = "", url: str = "",
                 headers: Mapping[str, str] | None = None) -> HTMLResponse:
    """The analyze form, with a CSRF token in a hidden field and in its cookie."""
    token = csrf.form_token(request)
    response = render(request, "analyze.html", status_code=status_code, error=error, text=text, url=url,
                      csrf_token=token)
    response.headers.update(headers or {})
    csrf.set_token_cookie(response, token)
    return response


@dataclass(frozen=True)
class Segment:
    """A stretch of a paragraph: plain text, or the words of one claim."""

    text: str
    claim: Claim | None = None


def highlight(doc: AnalysisDocument) -> list[list[Segment]]:
    """Each paragraph cut into segments at claim boundaries, for the `paragraph` macro."""
    text = doc.article.text
    out = []
    for paragraph in doc.article.paragraphs:
        inside = sorted((c for c in doc.claims if paragraph.start <= c.content.start < paragraph.end),
                        key=lambda c: c.content.start)
        segments: list[Segment] = []
        position = paragraph.start
        for claim in inside:
            if claim.content.start < position:
                continue  # overlapping spans: the first one wins
            segments.append(Segment(text[position:claim.content.start]))
            segments.append(Segment(text[claim.content.start:claim.content.end], claim))
            position = min(claim.content.end, paragraph.end)
        segments.append(Segment(text[position:paragraph.end]))
        out.append(segments)
    return out
