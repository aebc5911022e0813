"""What the routes are given, declared once: the store, the server settings, the cache of
parsed documents and the analysis worker pool; and the analyse-and-store step both the page
and the API offer."""

from __future__ import annotations

from collections import OrderedDict
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, HTTPException, Path, Request
from starlette.concurrency import run_in_threadpool

from claimledger import errors
from claimledger.document import AnalysisDocument
from claimledger.inputs import RawDocument
from claimledger.records import StoredLedgerEntry
from claimledger.settings import ServerSettings
from claimledger.store import Store
from claimledger.web.analysis import (
    RETRY_AFTER_SECONDS,
    AnalysisPool,
    AnalysisTimeout,
    AnalyzeJob,
    ClientGone,
    PoolFull,
    WorkerDied,
)
from claimledger.web.charts import ChartCache
from claimledger.web.stories import StoryIndex, VersionedCache

# The largest integers a route may hand to SQL: ids and counts are INTEGER columns (32 bits on
# PostgreSQL), offsets BIGINT; a bigger one raised OverflowError (a 500) instead of a 422.
MAX_SQL_INTEGER = 2**31 - 1
MAX_ENTRY_ID = 48  # a ledger entry's id is a claim id: '<16 hex digits>-<claim id>' (store.py, String(48))
# A ledger entry's address: its first appearance's claim id ('3f9a0c2e1b7d4a65-c4'; '-h' for a headline).
EntryId = Annotated[str, Path(min_length=3, max_length=MAX_ENTRY_ID, pattern=r"^[0-9A-Za-z]+-[0-9A-Za-z]+$",
                              description="the first appearance's claim id")]
MAX_OFFSET = 2**63 - 1


class DocumentCache:
    """Stored documents, parsed once per process: articles never change after ingest."""

    def __init__(self, store: Store, size: int):
        self.store = store
        self.size = size
        self.documents: OrderedDict[str, AnalysisDocument] = OrderedDict()

    def get(self, article_id: str) -> AnalysisDocument | None:
        """The document of an article id or of a unique id prefix (a prefix is not cached)."""
        if article_id in self.documents:
            self.documents.move_to_end(article_id)
            return self.documents[article_id]
        doc = self.store.document(article_id)
        if doc is not None and doc.article.id == article_id:
            self.documents[article_id] = doc
            if len(self.documents) > self.size:
                self.documents.popitem(last=False)
        return doc


# The providers are `async` so that FastAPI calls them on the event loop instead of handing
# each one to the thread pool: they only read app.state.
async def get_store(request: Request) -> Store:
    return request.app.state.store


async def get_settings(request: Request) -> ServerSettings:
    return request.app.state.settings


async def get_documents(request: Request) -> DocumentCache:
    return request.app.state.documents


async def get_analysis_pool(request: Request) -> AnalysisPool:
    return request.app.state.analysis


async def get_stories(request: Request) -> VersionedCache[StoryIndex]:
    return request.app.state.stories


async def get_charts(request: Request) -> ChartCache:
    return request.app.state.charts


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[ServerSettings, Depends(get_settings)]
DocumentsDep = Annotated[DocumentCache, Depends(get_documents)]
AnalysisDep = Annotated[AnalysisPool, Depends(get_analysis_pool)]
StoriesDep = Annotated[VersionedCache[StoryIndex], Depends(get_stories)]
ChartsDep = Annotated[ChartCache, Depends(get_charts)]


def find_entry(store: Store, entry_id: str, path: str) -> StoredLedgerEntry:
    """The ledger entry `entry_id`. An id that is no entry's any more but still one of an entry's
    appearances (an earlier article has since become the claim's first appearance, or a new
    claim merged its entry into an older one) answers 308 to the same address under the
    entry's id; any other 404."""
    found = store.cluster(entry_id)
    if found is not None:
        return found
    holder = store.entry_holding(entry_id)
    if holder is not None:
        moved = path.replace(f"/ledger/{entry_id}", f"/ledger/{quote(holder)}", 1)
        raise HTTPException(308, f"The claim {entry_id} now belongs to ledger entry {holder}: an earlier article "
                                 "became its first appearance, or its entry merged into an older one.",
                            headers={"Location": moved})
    raise HTTPException(404, f"There is no ledger entry {entry_id} in this store.")


async def analyze_request(request: Request, store: Store, settings: ServerSettings, pool: AnalysisPool,
                          text: str | None, url: str | None, keep: bool = True) -> AnalysisDocument:
    """Analyse pasted text or a URL in the worker pool, and store it when `keep`. Bad input is
    400 (413 when too long), a full pool 503 with Retry-After, an analysis past the deadline 504."""
    if url and not url.startswith(("http://", "https://")):
        raise HTTPException(400, "give an http(s) URL")
    if not url and not (text and text.strip()):
        raise HTTPException(400, "paste an article or give a URL")
    if "\x00" in (url or text or ""):  # no article has one, and PostgreSQL cannot store one
        raise HTTPException(400, "the text contains NUL characters")
    if not url and len(text or "") > settings.analyze_max_chars:  # refused before it costs a worker
        raise HTTPException(413, errors.too_long_for_web(len(text or ""), settings.analyze_max_chars).message)
    raw = None if url else RawDocument(source="pasted text", text=text or "", kind="text")
    job = AnalyzeJob(raw=raw, url=url, max_chars=settings.analyze_max_chars, allow_private=settings.allow_private)
    try:
        result = await pool.run(job, request.is_disconnected)
    except PoolFull:
        raise HTTPException(503, "every analysis worker is busy: try again in a few seconds",
                            headers={"Retry-After": str(RETRY_AFTER_SECONDS)}) from None
    except AnalysisTimeout:
        raise HTTPException(504, f"the analysis took longer than {settings.analyze_timeout:g} s and was stopped; "
                                 "analyse long articles with `claimledger analyze`") from None
    except WorkerDied as exc:
        raise HTTPException(500, f"the analysis process ended abnormally ({exc})") from None
    except ClientGone:
        raise HTTPException(499, "the client closed the connection") from None  # nginx's code; nobody reads it
    if result.document is None:
        raise HTTPException(413 if result.code == errors.ExitCode.TOO_LARGE else 400, result.message)
    # storing is a few ms of database work: off the event loop, like every sync route
    if keep:
        await run_in_threadpool(store.add, result.document)
    return result.document
