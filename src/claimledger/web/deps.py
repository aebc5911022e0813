"""What the routes are given, declared once: the store, the server settings, and the cache of
parsed documents; and the analyse-and-store step both the page and the API offer."""

from __future__ import annotations

from collections import OrderedDict
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from claimledger import errors
from claimledger.document import AnalysisDocument
from claimledger.ingest import analyze_and_store
from claimledger.inputs import RawDocument
from claimledger.pipeline import AnalysisSettings
from claimledger.settings import ServerSettings
from claimledger.store import Store


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


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[ServerSettings, Depends(get_settings)]
DocumentsDep = Annotated[DocumentCache, Depends(get_documents)]


def analyze_request(store: Store, settings: ServerSettings, text: str | None, url: str | None) -> AnalysisDocument:
    """Analyse pasted text or a URL and store it; bad input of any kind becomes HTTP 400."""
    if url and not url.startswith(("http://", "https://")):
        raise HTTPException(400, "give an http(s) URL")
    if not url and not (text and text.strip()):
        raise HTTPException(400, "paste an article or give a URL")
    source = url or RawDocument(source="pasted text", text=text or "", kind="text")
    try:
        return analyze_and_store(store, source, AnalysisSettings(allow_private=settings.allow_private))
    except errors.InputError as exc:
        raise HTTPException(400, exc.message) from None
