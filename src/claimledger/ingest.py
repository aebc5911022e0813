"""Ingest: analysed articles into the store, one transaction each.

`store_outcomes` is the one place where analysis results of a stream are written and counted;
the CLI's `ingest` and `batch --db` go through it (the web stores its one document with
`Store.add`). Articles already in the store are recognised by id after extraction and not
parsed again, so re-ingesting changes nothing; a failure is recorded with its reason and the
run goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy.exc import DataError

from claimledger.corpus import CorpusFailure, CorpusItem
from claimledger.document import AnalysisDocument
from claimledger.ledger import build_ledger
from claimledger.pipeline import AnalysisSettings, Outcome, analyze_items
from claimledger.records import LedgerEntry
from claimledger.store import Store


@dataclass
class Tally:
    """What an ingest run did."""

    new: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


def store_outcomes(store: Store, outcomes: Iterable[Outcome],
                   on_article: Callable[[Tally], None] | None = None) -> Tally:
    """Store each analysed document (an article already there stays as it is) and count
    new, unchanged and failed articles; `on_article` sees the tally after each one."""
    tally = Tally()
    for outcome in outcomes:
        added = outcome.error or (False if outcome.known or outcome.document is None
                                  else add_to_store(store, outcome.document))
        if isinstance(added, str):
            tally.failed.append((outcome.source, added))
        elif added:
            tally.new += 1
        else:
            tally.unchanged += 1
        if on_article is not None:
            on_article(tally)
    return tally


def ingest(store: Store, items: Iterable[CorpusItem | CorpusFailure], settings: AnalysisSettings = AnalysisSettings(),
           on_article: Callable[[Tally], None] | None = None) -> Tally:
    """Analyse a corpus stream into the store, skipping articles it already holds before parsing."""
    return store_outcomes(store, analyze_items(items, settings, is_known=store.has_article), on_article)


def add_to_store(store: Store, doc: AnalysisDocument) -> bool | str:
    """True when stored, False when the store already holds it, or why the store refused this
    one document (a value the database cannot hold); a broken connection still raises."""
    try:
        return store.add(doc)
    except DataError as exc:
        return f"the store refused it: {str(exc.orig or exc).splitlines()[0]}"


def rebuild_ledger(store: Store, semantic: bool | None = None) -> list[LedgerEntry]:
    clusters = build_ledger(store.claims(), semantic=semantic)
    store.replace_ledger(clusters)
    return clusters
