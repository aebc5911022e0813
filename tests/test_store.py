"""The store on a real SQLite file and a real PostgreSQL server: ingest, idempotency, search,
crash safety, exports."""

from __future__ import annotations

import csv
import io
import json
import signal
import subprocess
import sys
import time

from claimledger import export
from claimledger.corpus import iter_corpus
from claimledger.ingest import ingest, rebuild_ledger
from claimledger.store import Store
from conftest import REPO

CORPUS = str(REPO / "tests" / "corpus")


def snapshot(store: Store) -> dict:
    """Everything that should not depend on when or how often a corpus was ingested."""
    documents = {doc.article.id: doc.model_dump() for doc in store.documents()}
    claims = sorted((c.id, c.speaker, c.content, c.quote, c.modality) for c in store.claims())
    return {"documents": documents, "claims": claims}


def test_ingest_is_idempotent(db_url):
    store = Store(db_url)
    first = ingest(store, iter_corpus([CORPUS]))
    before = snapshot(store)
    second = ingest(store, iter_corpus([CORPUS]))
    assert (first.new, first.unchanged, first.failed) == (9, 0, [])
    assert (second.new, second.unchanged) == (0, 9)
    assert snapshot(store) == before
    store.close()


def test_claims_filter_by_speaker_words_and_flag(corpus_store):
    by_tamm = corpus_store.claims(speaker="tamm")
    assert by_tamm and all(c.speaker == "Arvid Tamm" for c in by_tamm)
    assert {c.site for c in corpus_store.claims(search="electric ships")} == {"North Post"}
    unverified = corpus_store.claims(flag="unverified")
    assert unverified and all("unverified" in c.flags for c in unverified)
    assert corpus_store.count_claims(flag="unverified") == len(unverified)


def test_limit_applies_after_the_flag_filter(corpus_store):
    flagged = [c for c in corpus_store.claims() if "unverified" in c.flags]
    assert len(flagged) > 2
    # the first claims in ingestion order are not all unverified, so a limit taken before
    # the filter would return fewer, or other, rows
    assert [c.id for c in corpus_store.claims(flag="unverified", limit=2)] == [c.id for c in flagged[:2]]


def test_full_text_search_finds_the_article(corpus_store):
    hits = corpus_store.search("shipyard Turku")
    assert [hit.title for hit in hits] == ["Ferry Operator Orders Two Electric Ships"]
    snippet, marked = hits[0].snippet, hits[0].highlights
    assert [snippet[m.start:m.end].lower() for m in marked] == ["shipyard", "turku"]  # on both databases


def test_search_filters_by_outlet_and_day(corpus_store):
    from claimledger.store import ClaimFilter

    assert corpus_store.count_search("Tamm") > 2
    assert {h.site for h in corpus_store.search("Tamm", where=ClaimFilter(site="North Post"))} == {"North Post"}
    one_day = corpus_store.search("Tamm", where=ClaimFilter(since="2025-03-11", until="2025-03-11"))
    assert one_day and all(h.published.startswith("2025-03-11") for h in one_day)
    assert corpus_store.count_search("Tamm", ClaimFilter(since="2025-03-11", until="2025-03-11")) == len(one_day)


def test_undated_articles_sort_by_when_they_were_stored():
    from datetime import UTC, datetime

    from claimledger.timestamps import publication_key, utc_instant

    assert publication_key(None, datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)) == "2026-01-02T03:04:05"
    assert publication_key(utc_instant("2025-03-10T10:00:00+02:00"), datetime.now(UTC)) == "2025-03-10T08:00:00"
    assert publication_key(utc_instant("2025-03-10"), datetime.now(UTC)) == "2025-03-10T00:00:00"
    assert publication_key(utc_instant("Mon, 10 Mar 2025 09:00:00 +0100"), datetime.now(UTC)) == "2025-03-10T08:00:00"


def test_search_syntax_in_user_words_never_raises(corpus_store):
    assert corpus_store.search('"unbalanced quote (') == []
    assert [hit.title for hit in corpus_store.search('shipyard "Turku')] == ["Ferry Operator Orders Two Electric Ships"]


def test_ingest_killed_midway_loses_nothing_and_rerun_matches_a_clean_run(db_url, tmp_path):
    big = tmp_path / "many.jsonl"
    lines = (REPO / "tests" / "corpus" / "outlets.jsonl").read_text().splitlines()
    with big.open("w") as handle:
        for n in range(6):  # 54 distinct articles: each copy gets its own url
            for line in lines:
                record = json.loads(line)
                record["url"] = f"{record['url']}?copy={n}"
                handle.write(json.dumps(record) + "\n")
    command = [sys.executable, "-m", "claimledger", "ingest", str(big), "--db", db_url, "--no-ledger"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
    watcher = Store(db_url)
    deadline = time.time() + 120
    while watcher.count_articles() < 5 and time.time() < deadline and process.poll() is None:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    killed_at = watcher.count_articles()
    assert 5 <= killed_at < 54, "the kill should land mid-run"
    kept = snapshot(watcher)
    rerun = subprocess.run(command, capture_output=True, cwd=REPO)
    assert rerun.returncode == 0, rerun.stderr.decode()
    after = snapshot(watcher)
    assert all(after["documents"][key] == value for key, value in kept["documents"].items())
    clean = Store(f"sqlite:///{tmp_path / 'clean.db'}")
    ingest(clean, iter_corpus([str(big)]))
    assert after == snapshot(clean)
    watcher.close()
    clean.close()


def test_exports(corpus_store):
    store = corpus_store
    lines = "".join(export.jsonl(store)).splitlines()
    assert len(lines) == 9 and json.loads(lines[0])["schema_version"] == "1"
    rows = list(csv.DictReader(io.StringIO("".join(export.claims_csv(store)))))
    assert len(rows) == len(store.claims()) and rows[0]["speaker"] == "Arvid Tamm"
    graph = json.loads(export.claims_jsonld(store))["@graph"]
    biggest = max(graph, key=lambda claim: len(claim["appearance"]))
    assert biggest["@type"] == "Claim"
    assert biggest["author"] == {"@type": "Person", "name": "Arvid Tamm"}
    assert biggest["firstAppearance"]["publisher"]["name"] == "Baltic Wire"
    assert len(biggest["appearance"]) == 7


def test_show_and_bad_store_url_on_the_command_line(cli, tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert cli("ingest", CORPUS, "--db", db).returncode == 0
    article_id = Store(db).article_ids()[0]
    shown = cli("show", article_id[:6], "--db", db, "--format", "json")
    assert json.loads(shown.stdout)["article"]["id"] == article_id
    missing = cli("show", "ffffffff", "--db", db)
    assert missing.returncode == 13 and "no article" in missing.stderr.decode()
    broken = cli("claims", "--db", "nosuchdialect://x")
    assert broken.returncode == 12 and "Traceback" not in broken.stderr.decode()


ADDER = """
import sys, time
from pathlib import Path
from claimledger.document import AnalysisDocument
from claimledger.store import Store
store = Store(sys.argv[1])
docs = [AnalysisDocument.model_validate_json(line) for line in Path(sys.argv[2]).read_text().splitlines()]
while not Path(sys.argv[3]).exists():
    time.sleep(0.005)
for doc in docs:
    store.add(doc)
"""


def test_concurrent_ingests_give_every_article_its_own_sequence(db_url, tmp_path):
    source = Store(f"sqlite:///{tmp_path / 'source.db'}")
    ingest(source, iter_corpus([CORPUS]))
    corpus = list(source.documents())
    source.close()
    shared = corpus[:3]  # every writer also adds these: the same article arriving twice at once
    writers = []
    for w in range(4):
        docs = [*shared]
        for n in range(12):
            doc = corpus[n % len(corpus)].model_copy(deep=True)
            doc.article.id = f"{w:02d}{n:02d}" + doc.article.id[4:]
            docs.append(doc)
        path = tmp_path / f"writer-{w}.jsonl"
        path.write_text("".join(doc.model_dump_json() + "\n" for doc in docs))
        writers.append(path)
    Store(db_url).close()  # migrate once, before the writers start
    go = tmp_path / "go"
    processes = [subprocess.Popen([sys.executable, "-c", ADDER, db_url, str(path), str(go)], cwd=REPO,
                                  stderr=subprocess.PIPE) for path in writers]
    time.sleep(3)  # let them all import and wait at the line
    go.touch()
    for process in processes:
        assert process.wait(timeout=300) == 0, process.stderr.read().decode()
    store = Store(db_url)
    with store.engine.connect() as connection:
        sequences = [row[0] for row in connection.exec_driver_sql("SELECT sequence FROM articles")]
    assert len(sequences) == len(shared) + 4 * 12
    assert len(set(sequences)) == len(sequences), "two articles share a sequence number"
    attached = store.clusters()  # each writer attached its articles to the ledger as it stored them
    assert max(e.appearances for e in attached) > 4 and rebuild_ledger(store) and store.clusters() == attached
    store.close()


def test_like_wildcards_in_filters_match_only_themselves(db_url):
    store = Store(db_url)
    ingest(store, iter_corpus([CORPUS]))
    everything = store.claims()
    for pattern in ("%", "_", "e%t", "s_id"):
        literal = [c.id for c in everything if pattern in c.content.lower()]
        assert [c.id for c in store.claims(search=pattern)] == literal
        assert [c.id for c in store.claims(speaker=pattern)] == [c.id for c in everything
                                                                 if pattern in c.speaker.lower()]
    assert store.document("%") is None and store.document("_") is None
    assert store.document(store.article_ids()[0][:5]) is not None
    store.close()


def test_wildcards_and_negative_limits_on_the_command_line(cli, tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert cli("ingest", CORPUS, "--db", db, "--no-ledger").returncode == 0
    everything = cli("claims", "--db", db, "--limit", "1000").stdout.decode()
    searched = cli("claims", "--db", db, "--search", "%")
    assert searched.returncode == 0 and searched.stdout.decode() != everything
    shown = cli("show", "%", "--db", db)
    assert shown.returncode == 13 and "no article '%'" in shown.stderr.decode()
    negative = cli("claims", "--db", db, "--limit", "-1")
    assert negative.returncode == 2 and "--limit" in negative.stderr.decode()
    assert "Traceback" not in negative.stderr.decode()


def test_upgrade_gives_old_undated_articles_their_stored_time_as_sort_key(db_url):
    """A store written before migration 0005 (undated rows sorted as '') upgraded in place."""
    from importlib import resources

    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config

    from claimledger.store import make_engine

    engine = make_engine(db_url)
    config = Config()
    config.set_main_option("script_location", str(resources.files("claimledger") / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        connection.execute(sa.text(
            "INSERT INTO articles (id, source, text, document, ingested_at, sequence, published, sort_key) VALUES "
            "('a', 's', 't', '{}', '2026-01-02 03:04:05', 1, NULL, ''), "
            "('b', 's', 't', '{}', '2026-01-02 03:04:05', 2, '2025-03-10T10:00:00+02:00', "
            "'2025-03-10T10:00:00+02:00')"))
    store = Store(db_url)
    assert [item.id for item in store.latest()] == ["a", "b"]  # the undated one, stored later, first
    with engine.connect() as connection:
        keys = dict(connection.execute(sa.text("SELECT id, sort_key FROM articles")).all())
    assert keys == {"a": "2026-01-02T03:04:05", "b": "2025-03-10T08:00:00"}
    store.close()
    engine.dispose()


RUSSIAN_RECORD = {
    "url": "https://oblast.example/2025/05/12/avtobusy", "site": "Областные вести",
    "published": "2025-05-12T09:00:00+03:00", "title": "Министр транспорта пообещал обновить автобусный парк",
    "text": "Министр транспорта области Виктор Лапин заявил, что в следующем году город получит 120 новых "
            "автобусов.\n\nПо его словам, старые машины спишут до конца весны, а новые маршруты откроют "
            "в июне.\n\n«Мы закупим только электробусы», — добавил Лапин.",
}


def write_jsonl(path, *records: dict) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return str(path)


def marked_words(hit) -> list[str]:
    return [hit.snippet[m.start:m.end] for m in hit.highlights]


def test_russian_search_finds_other_word_forms_in_articles_and_claims_and_english_is_unchanged(db_url, tmp_path):
    store = Store(db_url)
    ingest(store, iter_corpus([CORPUS, write_jsonl(tmp_path / "ru.jsonl", RUSSIAN_RECORD)]))
    # neither 'министра' nor 'автобусами' is written in the article: only other forms of them
    for query in ("министра", "автобусами", "Министров транспорта"):
        hits = store.search(query)
        assert [hit.title for hit in hits] == [RUSSIAN_RECORD["title"]], query
        assert store.count_search(query) == 1
    assert [w.lower() for w in marked_words(store.search("министра")[0])] == ["министр"]
    assert [hit.title for hit in store.search("shipyard Turku")] == ["Ferry Operator Orders Two Electric Ships"]
    assert store.search("министра ferry") == []  # every word must match, as in English
    assert store.count_search("Tamm") > 2
    # claims too: each word in any form, in a Russian article
    assert [c.content for c in store.claims(search="автобусами")] == [
        "в следующем году город получит 120 новых автобусов"]
    assert store.count_claims(search="старых машин") == 1  # 'старые машины спишут ...'
    assert store.claims(search="старых кораблей") == []
    assert {c.site for c in store.claims(search="electric ships")} == {"North Post"}
    store.close()


def test_upgrade_indexes_stored_russian_articles_for_stemmed_search(db_url):
    """A store written before migration 0007 (Russian rows indexed as English) upgraded in place."""
    from importlib import resources

    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config

    from claimledger.store import make_engine

    engine = make_engine(db_url)
    config = Config()
    config.set_main_option("script_location", str(resources.files("claimledger") / "migrations"))
    rows = [("ru1", "Мэр города выступил", "Мэр города Петр Ильин заявил, что мосты отремонтируют.", "ru"),
            ("en1", "Mayor speaks", "The mayor said the bridges would be repaired.", "en")]
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0006")
        for n, (article_id, title, body, language) in enumerate(rows, 1):
            connection.execute(sa.text(
                "INSERT INTO articles (id, source, title, text, language, document, ingested_at, sequence, sort_key) "
                "VALUES (:id, 's', :title, :text, :lang, '{}', '2026-01-02 03:04:05', :n, '2026-01-02T03:04:05')"),
                {"id": article_id, "title": title, "text": body, "lang": language, "n": n})
            if engine.dialect.name == "sqlite":
                connection.execute(sa.text("INSERT INTO article_fts (article_id, title, text) VALUES (:id, :t, :x)"),
                                   {"id": article_id, "t": title, "x": body})
    store = Store(db_url)
    assert [hit.id for hit in store.search("мэра мостов")] == ["ru1"]
    assert [w.lower() for w in marked_words(store.search("мостами")[0])] == ["мосты"]
    assert [hit.id for hit in store.search("bridge repairs")] == ["en1"]
    store.close()
    engine.dispose()
