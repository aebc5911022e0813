"""`claimledger ledger --from`: the ledger built on a real 2-worker Dask LocalCluster from the
gzip JSONL shards `batch` writes gives the entries of ingest + `ledger --rebuild`."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from claimledger.batch import process_shard, read_output
from claimledger.ingest import rebuild_ledger
from claimledger.ledger.distributed import list_outputs, read_entries
from claimledger.store import Store
from conftest import REPO


def split_into_shards(lines: list[str], folder: Path, parts: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for part in range(parts):
        (folder / f"part-{part}.jsonl").write_text("".join(lines[part::parts]))


@pytest.fixture(scope="module")
def analysed(tmp_path_factory, shared) -> Path:
    """tests/corpus and ledger-dev analysed into five batch output shards (articles of one story
    spread across shards), one article repeated in a later shard as a rerun of a feed would."""
    root = tmp_path_factory.mktemp("ledger_dask")
    outlets = (REPO / "tests" / "corpus" / "outlets.jsonl").read_text().splitlines(keepends=True)
    dev = (shared / "eval" / "ledger-dev" / "articles.jsonl").read_text().splitlines(keepends=True)
    split_into_shards(outlets, root / "in" / "outlets", 2)
    split_into_shards([*dev, outlets[0]], root / "in" / "dev", 3)
    out = root / "analysed"
    out.mkdir()
    for shard in sorted((root / "in").rglob("*.jsonl")):
        assert process_shard(str(shard), str(out)).documents > 0
    return out


def in_process_entries(analysed: Path, url: str) -> list[dict]:
    """Store the documents in shard order without the ledger, then rebuild: the reference."""
    store = Store(url)
    for path in list_outputs(analysed):
        for doc in read_output(str(path)):
            store.add(doc, ledger=False)
    entries = rebuild_ledger(store)
    store.close()
    return sorted((e.model_dump(mode="json") for e in entries), key=lambda e: e["id"])


def test_ledger_from_batch_output_gives_the_entries_of_ingest_and_rebuild(analysed, tmp_path, cli):
    expected = in_process_entries(analysed, f"sqlite:///{tmp_path / 'reference.db'}")
    out = tmp_path / "ledger"
    result = cli("ledger", "--from", str(analysed), "--out", str(out), "--workers", "2", timeout=300)
    assert result.returncode == 0, result.stderr.decode()
    built = sorted((e.model_dump(mode="json") for e in read_entries(out)), key=lambda e: e["id"])
    assert built == expected
    assert sum(1 for e in built if e["appearances"] > 1) >= 10  # the stories, not only single claims
    assert "1 repeated articles skipped" in result.stderr.decode()
    assert not list(out.glob(".ledger-work-*")), "the work folder is removed"


def test_ledger_from_loads_into_the_store_the_entries_of_incremental_ingest(analysed, tmp_path, cli, db_url):
    store = Store(db_url)
    for path in list_outputs(analysed):
        for doc in read_output(str(path)):
            store.add(doc)  # each article attached to the ledger as it is stored
    incremental = [e.model_dump() for e in store.clusters()]
    rebuild_ledger(store)
    assert [e.model_dump() for e in store.clusters()] == incremental
    store.replace_ledger([])
    result = cli("ledger", "--from", str(analysed), "--out", str(tmp_path / "ledger"), "--workers", "2",
                 "--db", db_url, timeout=300)
    assert result.returncode == 0, result.stderr.decode()
    assert [e.model_dump() for e in store.clusters()] == incremental
    store.close()


def test_entries_into_a_store_without_the_articles_is_one_line(analysed, tmp_path, cli):
    result = cli("ledger", "--from", str(analysed), "--out", str(tmp_path / "ledger"), "--workers", "1",
                 "--db", f"sqlite:///{tmp_path / 'empty.db'}", timeout=300)
    assert result.returncode == 13
    assert result.stderr.decode().strip().splitlines()[-1].startswith("claimledger: the store at ")
    assert "Traceback" not in result.stderr.decode()


def test_a_shard_that_is_not_batch_output_is_one_line(tmp_path, cli):
    folder = tmp_path / "analysed"
    folder.mkdir()
    (folder / "part.jsonl.gz").write_bytes(gzip.compress(json.dumps({"url": "https://x.test"}).encode() + b"\n"))
    result = cli("ledger", "--from", str(folder), "--out", str(tmp_path / "ledger"), "--workers", "1")
    assert result.returncode == 6
    shard = folder / "part.jsonl.gz"
    said = result.stderr.decode()
    assert said.strip().splitlines()[-1] == f"claimledger: {shard}: line 1 is not an analysis document"
    assert "Traceback" not in said


def test_a_folder_without_batch_output_is_one_line(tmp_path, cli):
    result = cli("ledger", "--from", str(tmp_path), "--out", str(tmp_path / "ledger"))
    assert result.returncode == 6
    assert result.stderr.decode().strip() == f"claimledger: --from {tmp_path}: no batch output (*.jsonl.gz) in it"


def test_out_without_from_is_a_usage_error(tmp_path, cli):
    result = cli("ledger", "--out", str(tmp_path / "ledger"))
    assert result.returncode == 2
    assert "go with --from" in result.stderr.decode()
