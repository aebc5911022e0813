"""Ingest: stream corpus items through the pipeline into the store, one transaction each.

Articles already in the store are recognised by id after extraction and not parsed again,
so re-ingesting changes nothing; a failure is recorded with its reason and the run goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from claimledger.corpus import CorpusFailure, CorpusItem
from claimledger.ledger import build_ledger
from claimledger.pipeline import AnalysisSettings, analyze_items
from claimledger.store import Store


@dataclass
class Tally:
    """What an ingest run did."""

    new: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


def ingest(store: Store, items: Iterable[CorpusItem | CorpusFailure], settings: AnalysisSettings = AnalysisSettings(),
           on_article: Callable[[Tally], None] | None = None) -> Tally:
    tally = Tally()
    for outcome in analyze_items(items, settings, is_known=store.has_article):
        if outcome.error is not None:
            tally.failed.append((outcome.source, outcome.error))
        elif outcome.known or not store.add(outcome.document):
            tally.unchanged += 1
        else:
            tally.new += 1
        if on_article is not None:
            on_article(tally)
    return tally


def rebuild_ledger(store: Store, semantic: bool | None = None) -> list[dict]:
    clusters = build_ledger(store.claims(), semantic=semantic)
    store.replace_ledger(clusters)
    return clusters
