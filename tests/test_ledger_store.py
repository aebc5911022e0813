"""What the ledger keeps in the store, on a real SQLite file and a real PostgreSQL server:
publication instants in UTC beside their text, entry ids that survive re-ingests and rebuilds
(and an old id that leads to the entry now holding its claim, in the API and the pages), and
the migration that brings an existing store there."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from importlib import resources

import httpx
import sqlalchemy

from claimledger import export
from claimledger.corpus import CorpusItem
from claimledger.ingest import ingest, rebuild_ledger
from claimledger.inputs import RawDocument
from claimledger.settings import ServerSettings
from claimledger.store import Store, make_engine
from conftest import serving

WIRE = """Engineers are leaving the Lesna turbine plant

Energy minister Teodor Vasylenko told reporters on Monday that about 5,000 engineers had left the Lesna
turbine plant since March.

The plant makes turbines for most of the country's hydro stations and has struggled to hire since the autumn.

Vasylenko did not say how many of the engineers had moved abroad."""
FERRY = """Ferry operator orders electric ships

The ferry operator Saimaa Lines said on Thursday that it had ordered two electric ships from a shipyard in Turku.

Chief executive Mikko Laine said the vessels would enter service in 2028 and cut the company's emissions by nearly half.

The order is the largest in the company's history."""


def item(name: str, text: str, published: str | None) -> CorpusItem:
    url = f"https://{name}.example/story"
    return CorpusItem(raw=RawDocument(source=url, text=text, kind="text", url=url), site=f"{name}.example",
                      published=published)


def test_publication_times_are_stored_as_utc_instants_beside_their_text(db_url):
    store = Store(db_url)
    ingest(store, [item("plus-one", WIRE, "2025-08-20T07:30:00+01:00"),  # 06:30 UTC
                   item("plus-two", WIRE.replace("Monday", "Monday morning"), "2025-08-20T08:00:00+02:00"),  # 06:00
                   item("undated", FERRY, None),
                   item("undated-reprint", WIRE.replace("told reporters", "told journalists"), None)])
    claims = {c.site: c for c in store.claims()}
    assert claims["plus-one.example"].published == "2025-08-20T07:30:00+01:00"
    assert claims["plus-one.example"].published_at == datetime(2025, 8, 20, 6, 30, tzinfo=UTC)
    assert claims["plus-two.example"].published_at == datetime(2025, 8, 20, 6, 0, tzinfo=UTC)
    assert claims["undated.example"].published_at is None
    # the article lists: newest first by instant, an undated article by when it was stored (just now)
    assert [a.site for a in store.latest()] == ["undated-reprint.example", "undated.example", "plus-one.example",
                                                "plus-two.example"]
    entry = next(e for e in rebuild_ledger(store) if e.appearances > 1)
    assert entry.first_appearance.site == "plus-two.example"
    kept = store.cluster(entry.id).appearance_list
    assert kept[0].published_at == datetime(2025, 8, 20, 6, 0, tzinfo=UTC)
    # the ledger's order: by instant, an undated appearance after every dated one, and marked
    assert [(a.site, a.undated) for a in kept if not a.headline] == [
        ("plus-two.example", False), ("plus-one.example", False), ("undated-reprint.example", True)]
    store.close()


def test_entry_ids_survive_reingests_and_rebuilds_and_follow_an_earlier_first_appearance(db_url):
    store = Store(db_url)
    ingest(store, [item("wire", WIRE, "2026-02-09T09:00:00+00:00"),
                   item("reprint", WIRE.replace("told reporters", "told journalists"), "2026-02-09T11:00:00+00:00")])
    first_build = {e.id: e.canonical for e in rebuild_ledger(store)}
    entry_id = next(e.id for e in store.clusters())
    assert entry_id == next(c.id for c in store.claims() if c.site == "wire.example")

    ingest(store, [item("wire", WIRE, "2026-02-09T09:00:00+00:00"), item("ferry", FERRY, "2026-02-10T09:00:00+00:00")])
    rebuild_ledger(store)
    assert {e.id: e.canonical for e in store.clusters() if e.id in first_build} == first_build
    assert store.cluster(entry_id) is not None

    ingest(store, [item("earlier", WIRE.replace("about", "some"), "2026-02-09T07:00:00+00:00")])
    rebuild_ledger(store)
    earlier_claim = next(c.id for c in store.claims() if c.site == "earlier.example")
    assert store.cluster(entry_id) is None
    assert store.entry_holding(entry_id) == earlier_claim  # the old id leads to the entry that holds its claim
    assert f'"#cluster-{earlier_claim}"' in export.claims_jsonld(store)
    with serving(ServerSettings(db=db_url)) as base, httpx.Client(base_url=base) as client:
        moved = client.get(f"/ledger/{entry_id}")
        assert moved.status_code == 308 and moved.headers["location"] == f"/ledger/{earlier_claim}"
        assert client.get(f"/api/v1/ledger/{entry_id}", follow_redirects=True).json()["id"] == earlier_claim
        moved_csv = client.get(f"/ledger/{entry_id}/export.csv")  # the entry's exports and charts move with it
        assert moved_csv.status_code == 308 and moved_csv.headers["location"] == f"/ledger/{earlier_claim}/export.csv"
        assert client.get("/ledger/0000000000000000-c1").status_code == 404
        assert client.get(f"/ledger/{earlier_claim}").status_code == 200
    assert store.charts(earlier_claim) is not None  # drawn on that view, kept under the entry's id
    rebuild_ledger(store)
    assert store.charts(earlier_claim) is None  # a rebuild drops them with the entries
    store.close()


def test_migration_gives_an_existing_store_instants_descriptions_and_claim_ids(db_url):
    """A store as issue 16 left it (revision 0006: integer cluster ids, charts kept by them)
    holding articles, claims, a ledger and charts, upgraded in place."""
    from alembic import command
    from alembic.config import Config

    engine = make_engine(db_url)
    config = Config()
    config.set_main_option("script_location", str(resources.files("claimledger") / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0006")
    document = json.dumps({"claims": [{"id": "c1", "speaker": {"description": "chief executive of Quill Creek"}}]})
    with engine.begin() as connection:
        run = lambda sql, **params: connection.execute(sqlalchemy.text(sql), params)  # noqa: E731
        for article, published, sequence in (("a1", "2025-08-20T07:30:00+01:00", 1),
                                             ("a2", "Wed, 20 Aug 2025 08:00:00 +0300", 2), ("a3", None, 3)):
            run("INSERT INTO articles (id, source, title, site, published, text, document, ingested_at, sequence, "
                "sort_key) VALUES (:id, 'https://x.example/1', 't', 'x.example', :published, 'body', :doc, :now, "
                ":sequence, :key)", id=article, published=published, doc=document, now=datetime(2025, 8, 21),
                sequence=sequence, key=published or "2025-08-21T00:00:00")
        run("INSERT INTO speakers (id, name, kind) VALUES (1, 'Martin Delorey', 'named')")
        for claim, article in (("a1-c1", "a1"), ("a2-c1", "a2")):
            run("INSERT INTO claims (id, article_id, speaker_id, position, cue, content, start, \"end\", quote, "
                "modality, flags, quantities, places) VALUES (:id, :article, 1, 0, 'said', 'no reports of illness', "
                "0, 4, 'indirect', 'actual', '[]', '[]', '[]')", id=claim, article=article)
        run("INSERT INTO clusters (id, canonical, speakers, first_claim_id, appearances, origins, drift, details) "
            "VALUES (7, 'no reports of illness', '[\"Martin Delorey\"]', 'a2-c1', 2, 1, false, :details)",
            details=json.dumps({"appearance_list": [], "copy_chains": [], "first_appearance": {
                "article_id": "a2", "site": "x.example", "published": "Wed, 20 Aug 2025 08:00:00 +0300",
                "title": "t"}}))
        for claim in ("a2-c1", "a1-c1"):
            run("INSERT INTO appearances (cluster_id, claim_id, origin_claim_id) VALUES (7, :claim, 'a2-c1')",
                claim=claim)
        run("INSERT INTO ledger_charts (cluster_id, timeline, timeline_text) VALUES (7, '<svg/>', 'Timeline')")
    engine.dispose()

    store = Store(db_url)  # upgrades to the newest revision
    claims = {c.article_id: c for c in store.claims()}
    assert claims["a1"].published_at == datetime(2025, 8, 20, 6, 30, tzinfo=UTC)
    assert claims["a2"].published_at == datetime(2025, 8, 20, 5, 0, tzinfo=UTC)  # a feed date, now read
    assert claims["a1"].speaker_description == "chief executive of Quill Creek"
    assert [e.id for e in store.clusters()] == ["a2-c1"]
    assert store.entry_holding("a1-c1") == "a2-c1"
    assert store.charts("a2-c1") is None  # drawn again on the next view, under the new id
    assert sorted(link.article_id for link in store.story_links()) == ["a1", "a2"]
    assert store.ledger_links(["a1-c1"])["a1-c1"].entry_id == "a2-c1"
    # the undated article keeps the time it was stored; the dated ones sort by their instants
    assert [a.id for a in store.latest()] == ["a3", "a1", "a2"]
    assert store.ledger_current() is False  # built before band keys: the next ingest rebuilds it
    versions = store.version()
    rebuild_ledger(store)
    assert store.version() != versions  # a rebuild changes the version the web caches key on
    assert store.ledger_current() is True
    store.close()


