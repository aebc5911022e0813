"""Ingest: analysed articles into the store, one transaction each.

`store_outcomes` is the one place where analysis results of a stream are written and counted;
the CLI's `ingest` and `batch --db` go through it (the web stores its one document with
`Store.add`). Articles already in the store are recognised by id after extraction and not
parsed again, so re-ingesting changes nothing; a failure is recorded with its reason and the
run goes on. Each article's claims join the claim ledger in the transaction that stores it
(ledger.incremental); `rebuild_ledger` builds the whole ledger again, with the same entries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy.exc import DataError

from claimledger.corpus import CorpusFailure, CorpusItem
from claimledger.document import AnalysisDocument
from claimledger.ledger import appearances, claim_view, cluster_units, entries_of
from claimledger.ledger.bands import BandedAppearance, band_keys
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
                   on_article: Callable[[Tally], None] | None = None, ledger: bool = True) -> Tally:
    """Store each analysed document (an article already there stays as it is; with `ledger`,
    its claims join the ledger) and count new, unchanged and failed articles; `on_article`
    sees the tally after each one."""
    tally = Tally()
    for outcome in outcomes:
        added = outcome.error or (False if outcome.known or outcome.document is None
                                  else add_to_store(store, outcome.document, ledger))
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
           on_article: Callable[[Tally], None] | None = None, ledger: bool = True) -> Tally:
    """Analyse a corpus stream into the store, skipping articles it already holds before parsing."""
    return store_outcomes(store, analyze_items(items, settings, is_known=store.has_article), on_article, ledger)


def add_to_store(store: Store, doc: AnalysisDocument, ledger: bool = True) -> bool | str:
    """True when stored, False when the store already holds it, or why the store refused this
    one document (a value the database cannot hold); a broken connection still raises."""
    try:
        return store.add(doc, ledger)
    except DataError as exc:
        return f"the store refused it: {str(exc.orig or exc).splitlines()[0]}"


def rebuild_ledger(store: Store, semantic: bool = False,
                   on_unit: Callable[[int, int], None] | None = None) -> list[LedgerEntry]:
    """Build the whole ledger again from the stored claims, with their band keys and units, and
    swap it in; the entries are those that attaching the same articles one by one gives.
    `semantic` adds the embedding matcher's pairs (extra `semantic`): they are global nearest
    neighbours that no update at ingest can find, so such a ledger is not kept current, and the
    next ingest builds the lexical one again. `on_unit(done, total)` follows the units."""
    views = [claim_view(c) for c in appearances(store.claims())]
    keys = [band_keys(v) for v in views]
    built = cluster_units(views, keys, semantic=semantic, on_unit=on_unit)
    store.replace_units(built, (BandedAppearance.of(v, claim_keys) for v, claim_keys in zip(views, keys, strict=True)),
                        current=not semantic)
    return entries_of(built)
