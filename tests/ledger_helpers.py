"""Stored claims written by hand, for the ledger's pure functions: only what a test cares about
is given, the rest has neutral defaults."""

from __future__ import annotations

from itertools import count

from claimledger.quantities import find_quantities
from claimledger.records import StoredClaim
from claimledger.timestamps import utc_instant

_sequence = count(1)


def stored_claim(content: str, *, article: str, speaker: str = "Teodor Vasylenko", kind: str = "named",
                 site: str | None = None, published: str | None = "2026-02-09T09:00:00+00:00",
                 context: str | None = None, channel: str | None = None, number: int = 1,
                 description: str | None = None, sequence: int | None = None, title: str | None = None,
                 language: str | None = "en") -> StoredClaim:
    """A claim as the store would return it; `context` defaults to the claim in a paragraph of
    its own, `site` to the article name."""
    return StoredClaim(
        id=f"{article}-c{number}", article_id=article, speaker=speaker, speaker_kind=kind, content=content,
        quote="indirect", modality="actual", channel=channel, flags=[],
        quantities=[m.quantity for m in find_quantities(content)], places=[], site=site or article,
        published=published, published_at=utc_instant(published),
        sequence=next(_sequence) if sequence is None else sequence,
        title=title, source=f"https://{site or article}.example/{article}",
        context=context if context is not None else f"{speaker} said {content}.", speaker_description=description,
        language=language,
    )
