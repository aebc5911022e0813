"""What the API shows of a stored record: times as ISO 8601 with their zone, and no server
file path in `source` (a path says where a file sat on the server, nothing about the article)."""

from __future__ import annotations

from datetime import UTC

from claimledger.document import AnalysisDocument
from claimledger.records import ArticleListItem, SearchHit, StoredClaim, StoredLedgerEntry
from claimledger.timestamps import utc_instant

LOCAL_FILE = "a local file"


def iso_utc(value: str | None) -> str | None:
    """An ISO 8601 time with its zone, in UTC (a date, or a time without zone, is taken as UTC)."""
    moment = utc_instant(value)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else None


def public_source(source: str) -> str:
    """A URL as it is; a file path as 'a local file'; 'pasted text' and '-' (stdin) as they are."""
    if source.startswith(("http://", "https://")) or source in ("pasted text", "-"):
        return source
    return LOCAL_FILE


def public_document(doc: AnalysisDocument) -> AnalysisDocument:
    article = doc.article.model_copy(update={"source": public_source(doc.article.source),
                                             "published": iso_utc(doc.article.published)})
    return doc.model_copy(update={"article": article})


def public_item(item: ArticleListItem) -> ArticleListItem:
    return item.model_copy(update={"published": iso_utc(item.published)})


def public_hit(hit: SearchHit) -> SearchHit:
    return hit.model_copy(update={"published": iso_utc(hit.published)})


def public_claim(claim: StoredClaim) -> StoredClaim:
    return claim.model_copy(update={"published": iso_utc(claim.published), "source": public_source(claim.source)})


def public_entry(entry: StoredLedgerEntry) -> StoredLedgerEntry:
    appearances = [a.model_copy(update={"published": iso_utc(a.published)}) for a in entry.appearance_list]
    first = entry.first_appearance.model_copy(update={"published": iso_utc(entry.first_appearance.published)})
    return entry.model_copy(update={"appearance_list": appearances, "first_appearance": first})
