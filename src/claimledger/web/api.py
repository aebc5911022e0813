"""The JSON API under /api/v1. Conventions, the same on every route:

- every route declares the model of its answer, so /openapi.json describes what is returned;
- every list is a page: `limit` and `offset` in, `{items, total, limit, offset}` out;
- every error is RFC 9457 problem details (web/problems.py); an unknown filter value is 422;
- HEAD works wherever GET does (web/app.py); an article carries an ETag and Cache-Control;
- times are ISO 8601 with their zone; `source` never holds a server file path (web/public.py);
- `POST /analyze` stores only with `?store=true`, and then answers 201 with a Location.

Read-only handlers are `async` for the reason given in pages.py; analyze awaits a worker of
the analysis pool (analysis.py), so it is `async` too.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field

from claimledger.document import AnalysisDocument, Flag
from claimledger.records import ArticleListItem, Page, SearchHit, SpeakerCount, StoredClaim, StoredLedgerEntry
from claimledger.settings import MAX_REQUEST_BYTES
from claimledger.store import ClaimFilter
from claimledger.web.deps import (
    MAX_OFFSET,
    MAX_SQL_INTEGER,
    AnalysisDep,
    DocumentsDep,
    EntryId,
    SettingsDep,
    StoreDep,
    analyze_request,
    find_entry,
)
from claimledger.web.problems import PROBLEM
from claimledger.web.public import public_claim, public_document, public_entry, public_hit, public_item

ARTICLE_CACHE_SECONDS = 3600  # a stored analysis never changes; an hour bounds a stale copy after a re-ingest


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str
    errors: list[dict[str, Any]] | None = None


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": Problem, "content": {PROBLEM: {}}} for status in statuses}


router = APIRouter(tags=["api"], responses=problems(422))

Limit = Annotated[int, Query(ge=1, le=200, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")]
Day = Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")]


class AnalyzeRequest(BaseModel):
    """Paste `text` (first line the headline) or give a `url`."""

    text: str | None = Field(None, max_length=MAX_REQUEST_BYTES)
    url: str | None = None
    title: str | None = None


@router.get("/articles", response_model=Page[ArticleListItem])
async def list_articles(store: StoreDep, limit: Limit = 20, offset: Offset = 0) -> Page[ArticleListItem]:
    """Articles, newest first by publication (undated ones by when they were stored)."""
    items = [public_item(i) for i in store.latest(limit=limit, offset=offset)]
    return Page(items=items, total=store.count_articles(), limit=limit, offset=offset)


@router.get("/articles/{article_id}", response_model=AnalysisDocument, responses=problems(404))
async def get_article(article_id: str, request: Request, response: Response,
                      documents: DocumentsDep) -> AnalysisDocument | Response:
    """An article's analysis document. Answers 304 to a matching If-None-Match."""
    doc = documents.get(article_id)
    if doc is None:
        raise HTTPException(404, f"no article {article_id}")
    tag = f'"{doc.article.id}-{doc.generator}"'
    headers = {"ETag": tag, "Cache-Control": f"public, max-age={ARTICLE_CACHE_SECONDS}"}
    if tag in (request.headers.get("if-none-match") or "").split(", "):
        return Response(status_code=304, headers=headers)
    response.headers.update(headers)
    return public_document(doc)


@router.get("/claims", response_model=Page[StoredClaim])
async def list_claims(store: StoreDep, speaker: str | None = None, search: str | None = None,
                      flag: Flag | None = None, site: str | None = None, since: Day = None, until: Day = None,
                      limit: Annotated[int, Query(ge=1, le=1000)] = 100, offset: Offset = 0) -> Page[StoredClaim]:
    """Claims in ingestion order: `speaker` and `search` are words in the speaker's name and in
    the claim; `site`, `since` and `until` select articles."""
    where = ClaimFilter(speaker=speaker, search=search, flag=flag, site=site, since=since, until=until)
    items = [public_claim(c) for c in store.claims(where, limit=limit, offset=offset)]
    return Page(items=items, total=store.count_claims(where), limit=limit, offset=offset)


@router.get("/ledger", response_model=Page[StoredLedgerEntry])
async def list_ledger_entries(store: StoreDep, min_appearances: Annotated[int, Query(ge=1, le=MAX_SQL_INTEGER)] = 2,
                              limit: Limit = 50,
                              offset: Offset = 0) -> Page[StoredLedgerEntry]:
    """Ledger entries seen in at least `min_appearances` articles, most repeated first."""
    entries = store.clusters(min_appearances, limit=limit, offset=offset)
    return Page(items=[public_entry(e) for e in entries], total=store.count_clusters(min_appearances), limit=limit,
                offset=offset)


@router.get("/ledger/{entry_id}", response_model=StoredLedgerEntry, responses={
    308: {"description": "the claim now belongs to the entry at Location (an earlier article became its first "
                         "appearance)"}, **problems(404)})
async def get_ledger_entry(entry_id: EntryId, request: Request, store: StoreDep) -> StoredLedgerEntry:
    """A ledger entry by its id, the claim id of its first appearance."""
    return public_entry(find_entry(store, entry_id, request.url.path))


@router.get("/speakers", response_model=Page[SpeakerCount])
async def list_speakers(store: StoreDep, name: str | None = None, limit: Limit = 50,
                        offset: Offset = 0) -> Page[SpeakerCount]:
    """Speakers, most quoted first; `name` keeps those whose name contains it."""
    return Page(items=store.speakers(name=name, limit=limit, offset=offset), total=store.count_speakers(name),
                limit=limit, offset=offset)


@router.get("/search", response_model=Page[SearchHit])
async def search_articles(store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=500)],
                          site: str | None = None, since: Day = None, until: Day = None, limit: Limit = 20,
                          offset: Offset = 0) -> Page[SearchHit]:
    """Full-text search over the articles, best first; `highlights` mark the matches in `snippet`."""
    where = ClaimFilter(site=site, since=since, until=until)
    items = [public_hit(h) for h in store.search(q, limit=limit, offset=offset, where=where)]
    return Page(items=items, total=store.count_search(q, where), limit=limit, offset=offset)


@router.post("/analyze", response_model=AnalysisDocument, responses={201: {"model": AnalysisDocument,
             "description": "Analysed and stored; Location is the stored article"}, **problems(400, 413, 503, 504)})
async def analyze_article(request: Request, body: AnalyzeRequest, response: Response, store: StoreDep,
                          settings: SettingsDep, pool: AnalysisDep,
                          keep: Annotated[bool, Query(alias="store", description="keep the article")] = False
                          ) -> AnalysisDocument:
    """Analyse pasted text or a URL; with `?store=true` keep it and answer 201 with its Location."""
    text = f"{body.title}\n\n{body.text}" if body.title and body.text else body.text
    doc = await analyze_request(request, store, settings, pool, text, body.url, keep=keep)
    if keep:
        response.status_code = 201
        response.headers["Location"] = f"/api/v1/articles/{doc.article.id}"
    return public_document(doc)
