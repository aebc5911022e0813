"""The ledger kept current at ingest, on a real SQLite file and a real PostgreSQL server: each
article's claims join the ledger in the transaction that stores it, and only the units they
touch are clustered again. Ingesting the same articles in any order gives the entries of a
full rebuild (ids, members, first appearances, origins, drift, even the decision shown for
each appearance); a claim that bridges two entries merges them under the older id, and the
absorbed id still leads to the entry."""

from __future__ import annotations

import random

import pytest
import sqlalchemy

from claimledger.corpus import CorpusItem, iter_corpus
from claimledger.ingest import ingest, rebuild_ledger
from claimledger.inputs import RawDocument
from claimledger.ledger import appearances, claim_view
from claimledger.ledger.bands import (
    StoredStems,
    band_keys,
    candidate_pairs,
    decode_figure,
    encode_figure,
    encode_sentences,
    encode_stems,
)
from claimledger.ledger.incremental import worth_loading
from claimledger.ledger.match import match
from claimledger.records import EntryCharts
from claimledger.store import Store
from conftest import REPO, empty_store_url

CORPORA = [REPO / "tests" / "corpus", *sorted((REPO / "tests" / "ledger_corpora").glob("*/articles.jsonl"))]


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    """The analysis documents of tests/corpus and tests/ledger_corpora, analysed once."""
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('analysed') / 'store.db'}")
    ingest(store, iter_corpus([str(path) for path in CORPORA]), ledger=False)
    docs = list(store.documents())
    store.close()
    return docs


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_ingesting_in_any_order_gives_the_entries_of_a_rebuild(kind, documents, tmp_path, request):
    assert len(documents) > 25
    orders = {"as read": documents, "shuffled": random.Random(17).sample(documents, len(documents))}
    ledgers = {}
    for name, order in orders.items():
        (tmp_path / name).mkdir()
        with empty_store_url(kind, tmp_path / name, request) as url:
            store = Store(url)
            for doc in order:
                assert store.add(doc)
            ledgers[name] = store.clusters()
            rebuild_ledger(store)
            ledgers[f"{name}, rebuilt"] = store.clusters()
            store.close()
    reference = ledgers["as read, rebuilt"]
    assert sum(e.appearances > 1 for e in reference) >= 10
    for name, entries in ledgers.items():
        assert [e.id for e in entries] == [e.id for e in reference], name
        assert entries == reference, name


def stored_stems(store: Store) -> dict[str, tuple[str, ...]]:
    with store.engine.connect() as connection:
        rows = connection.execute(sqlalchemy.text("SELECT claim_id, stems, sentences, figure FROM ledger_stems")).all()
    return {claim_id: tuple(rest) for claim_id, *rest in rows}


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_the_stems_stored_beside_the_band_keys_are_those_of_each_appearance(kind, documents, tmp_path, request):
    with empty_store_url(kind, tmp_path, request) as url:
        store = Store(url)
        for doc in documents:
            assert store.add(doc)
        expected = {v.claim.id: (encode_stems(v.stems), encode_sentences(v.sentences), encode_figure(v.figure))
                    for v in map(claim_view, appearances(store.claims()))}
        assert stored_stems(store) == expected
        rebuild_ledger(store)
        assert stored_stems(store) == expected
        store.close()


def test_the_appearances_loaded_at_ingest_are_all_those_a_new_article_may_join(documents, tmp_path):
    """`worth_loading` on stored stems keeps, of the earlier appearances that the full candidate
    generation pairs with one of a new article's, every one that `match` accepts, and leaves
    out others, for each article in turn."""
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    for doc in documents:
        store.add(doc, ledger=False)
    views = [claim_view(c) for c in appearances(store.claims())]
    store.close()
    keys = [band_keys(v) for v in views]
    stored = {v.claim.id: StoredStems(v.claim.id, v.article, v.headline, v.stems, v.sentences, v.figure)
              for v in views}
    assert all(decode_figure(encode_figure(v.figure)) == v.figure for v in views)
    pairs = candidate_pairs(views, keys)
    left_out = 0
    for article in {v.article for v in views}:
        new = [i for i, v in enumerate(views) if v.article == article]
        new_keys = set().union(*(keys[i] for i in new))
        shared = {views[j].claim.id: set(keys[j] & new_keys) for j in range(len(views))
                  if views[j].article != article and keys[j] & new_keys}
        across = [(i, j) for i, j in pairs if (i in new) != (j in new)]
        paired = {views[j if i in new else i].claim.id for i, j in across}
        joined = {views[j if i in new else i].claim.id for i, j in across if match(views[i], views[j]).same}
        kept = worth_loading([views[i] for i in new], [keys[i] for i in new], shared, stored)
        assert joined <= kept <= paired, article
        left_out += len(paired - kept)
    assert left_out > 0


@pytest.mark.parametrize("forget", ["DELETE FROM ledger_stems", "UPDATE ledger_stems SET figure = NULL"])
def test_appearances_stored_without_their_stems_are_still_attached_to(db_url, forget):
    """A store whose ledger was current before the stems (or figures) were kept attaches new
    claims to its earlier ones all the same: those are judged on what is kept, or loaded."""
    store = Store(db_url)
    ingest(store, [item("pier", PIER, "2026-03-02T09:00:00+00:00"), item("quay", QUAY, "2026-03-02T12:00:00+00:00")])
    with store.engine.begin() as connection:
        connection.execute(sqlalchemy.text(forget))
    ingest(store, [item("both", BOTH, "2026-03-03T08:00:00+00:00")])
    attached = store.clusters()
    assert max(e.appearances for e in attached) == 3
    rebuild_ledger(store)
    assert store.clusters() == attached
    store.close()


def item(name: str, text: str, published: str) -> CorpusItem:
    url = f"https://{name}.example/story"
    return CorpusItem(raw=RawDocument(source=url, text=text, kind="text", url=url), site=f"{name}.example",
                      published=published)


PIER = """Harbour to close east pier for repairs

Harbour master Ilse Varga said on Monday that the east pier would close for repairs in May.

The pier was built in 1962 and was last repaired after the storms of 2019."""
QUAY = """Ferries to use west quay

Harbour master Ilse Varga said on Monday that ferries would dock at the west quay while the pier was closed.

Ferry operators have been told to update their timetables."""
BOTH = """Harbour works: what changes for passengers

"The east pier will close for repairs in May, and ferries will dock at the west quay while the pier is closed,"
harbour master Ilse Varga said on Monday.

Passengers are advised to allow extra time."""
FERRY = """Ferry operator orders electric ships

The ferry operator Saimaa Lines said on Thursday that it had ordered two electric ships from a shipyard in Turku.

The order is the largest in the company's history."""


def test_a_claim_bridging_two_entries_merges_them_under_the_older_id(db_url):
    store = Store(db_url)
    ingest(store, [item("pier", PIER, "2026-03-02T09:00:00+00:00"), item("quay", QUAY, "2026-03-02T12:00:00+00:00"),
                   item("ferry", FERRY, "2026-03-01T09:00:00+00:00")])
    ids = {c.site.split(".")[0]: c.id for c in store.claims()}
    assert {e.id for e in store.clusters()} == {ids["pier"], ids["quay"], ids["ferry"]}
    charts = EntryCharts(timeline="<svg/>", timeline_text="Timeline", drift=None, drift_text=None)
    for entry_id in (ids["quay"], ids["ferry"]):
        store.keep_charts(entry_id, charts)
    version = store.version()

    ingest(store, [item("both", BOTH, "2026-03-03T08:00:00+00:00")])
    merged = store.cluster(ids["pier"])
    assert sorted(a.site for a in merged.appearance_list) == ["both.example", "pier.example", "quay.example"]
    assert store.cluster(ids["quay"]) is None and store.entry_holding(ids["quay"]) == ids["pier"]
    with store.engine.connect() as connection:
        merges = connection.execute(sqlalchemy.text("SELECT old_id, into_id FROM ledger_merges")).all()
    assert merges == [(ids["quay"], ids["pier"])]
    # only the touched entries were written again: the ferry entry keeps the charts drawn for it
    assert store.charts(ids["ferry"]) is not None and store.charts(ids["quay"]) is None
    assert store.version() != version  # the readers' caches see the change
    before = store.clusters()
    assert rebuild_ledger(store) and store.clusters() == before
    store.close()


def test_reingesting_an_article_leaves_the_ledger_as_it_was(db_url):
    store = Store(db_url)
    ingest(store, [item("pier", PIER, "2026-03-02T09:00:00+00:00"), item("both", BOTH, "2026-03-03T08:00:00+00:00")])
    entries, version = store.clusters(), store.version()
    tally = ingest(store, [item("pier", PIER, "2026-03-02T09:00:00+00:00")])
    assert tally.unchanged == 1 and store.clusters() == entries and store.version() == version
    for article_id in store.article_ids():  # attaching an attached article again does nothing either
        store.attach(article_id)
    assert store.clusters() == entries and store.version() == version
    store.close()


def test_a_store_filled_without_the_ledger_is_rebuilt_by_the_next_ingest(cli, tmp_path):
    db = f"sqlite:///{tmp_path / 'store.db'}"
    first = cli("ingest", str(REPO / "tests" / "corpus"), "--db", db, "--no-ledger", timeout=300)
    assert first.returncode == 0, first.stderr.decode()
    assert Store(db).ledger_current() is False
    again = cli("ingest", str(REPO / "tests" / "corpus"), "--db", db, timeout=300)
    assert again.returncode == 0 and "rebuilding" in again.stderr.decode(), again.stderr.decode()
    store = Store(db)
    assert store.ledger_current() and store.count_clusters(min_appearances=2) == 3
    entries = store.clusters()
    rebuilt = cli("ledger", "--rebuild", "--db", db, "--format", "json", timeout=300)
    assert rebuilt.returncode == 0 and store.clusters() == entries
