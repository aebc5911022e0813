"""The JSON API under /api/v1: every route declares the model of its answer, so /openapi.json
and /docs describe exactly what is returned.

Read-only handlers are `async` for the reason given in pages.py; analyze awaits a worker of
the analysis pool (analysis.py), so it is `async` too.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Path, Query, Request
from pydantic import BaseModel, Field

from claimledger.document import AnalysisDocument
from claimledger.records import ArticleListItem, SearchHit, SpeakerCount, StoredClaim, StoredLedgerEntry
from claimledger.settings import MAX_REQUEST_BYTES
from claimledger.web.deps import (
    MAX_OFFSET,
    MAX_SQL_INTEGER,
    AnalysisDep,
    DocumentsDep,
    SettingsDep,
    StoreDep,
    analyze_request,
)

router = APIRouter(tags=["api"])


class AnalyzeRequest(BaseModel):
    """Paste `text` (first line the headline) or give a `url`."""

    text: str | None = Field(None, max_length=MAX_REQUEST_BYTES)
    url: str | None = None
    title: str | None = None


@router.get("/articles", response_model=list[ArticleListItem])
async def articles(store: StoreDep, limit: int = Query(20, ge=1, le=200),
                   offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> list[ArticleListItem]:
    return store.latest(limit=limit, offset=offset)


@router.get("/articles/{article_id}", response_model=AnalysisDocument)
async def article(article_id: str, documents: DocumentsDep) -> AnalysisDocument:
    doc = documents.get(article_id)
    if doc is None:
        raise HTTPException(404, f"no article {article_id}")
    return doc


@router.get("/claims", response_model=list[StoredClaim])
async def claims(store: StoreDep, speaker: str | None = None, search: str | None = None, flag: str | None = None,
                 limit: int = Query(100, ge=1, le=1000)) -> list[StoredClaim]:
    return store.claims(speaker=speaker, search=search, flag=flag, limit=limit)


@router.get("/ledger", response_model=list[StoredLedgerEntry])
async def ledger(store: StoreDep, min_appearances: int = Query(2, ge=1, le=MAX_SQL_INTEGER)) -> list[StoredLedgerEntry]:
    return store.clusters(min_appearances)


@router.get("/ledger/{cluster_id}", response_model=StoredLedgerEntry)
async def cluster(store: StoreDep, cluster_id: int = Path(ge=1, le=MAX_SQL_INTEGER)) -> StoredLedgerEntry:
    found = store.cluster(cluster_id)
    if found is None:
        raise HTTPException(404, f"no ledger entry {cluster_id}")
    return found


@router.get("/speakers", response_model=list[SpeakerCount])
async def speakers(store: StoreDep) -> list[SpeakerCount]:
    return store.speakers()


@router.get("/search", response_model=list[SearchHit])
async def search(store: StoreDep, q: str = Query(..., min_length=1, max_length=500)) -> list[SearchHit]:
    return store.search(q)


@router.post("/analyze", response_model=AnalysisDocument)
async def analyze(request: Request, body: AnalyzeRequest, store: StoreDep, settings: SettingsDep,
                  pool: AnalysisDep) -> AnalysisDocument:
    text = f"{body.title}\n\n{body.text}" if body.title and body.text else body.text
    return await analyze_request(request, store, settings, pool, text, body.url)
