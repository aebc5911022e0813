"""Batch analysis on a real 2-worker Dask LocalCluster."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimledger.batch import output_path, read_output, run_batch
from claimledger.corpus import iter_file
from claimledger.pipeline import analyze_items
from claimledger.store import Store
from conftest import REPO

LINES = (REPO / "tests" / "corpus" / "outlets.jsonl").read_text().splitlines(keepends=True)


@pytest.fixture()
def shards(tmp_path) -> Path:
    folder = tmp_path / "shards"
    folder.mkdir()
    (folder / "part-0.jsonl").write_text("".join(LINES[0:3]))
    (folder / "part-1.jsonl").write_text("".join(LINES[3:6]))
    (folder / "part-2.jsonl.gz").write_bytes(gzip.compress("".join(LINES[6:9]).encode()))
    return folder


def sequential(shard: Path) -> list[dict]:
    return [o.document.model_dump() for o in analyze_items(iter_file(shard))]


def test_batch_on_two_workers_matches_sequential_analysis_and_resumes(shards, tmp_path):
    out = tmp_path / "out"
    results = run_batch([str(shards)], str(out), workers=2)
    assert [r.documents for r in results] == [3, 3, 3]
    for shard in sorted(shards.iterdir()):
        produced = [doc.model_dump() for doc in read_output(str(output_path(shard, out)))]
        assert produced == sequential(shard)
    rerun = run_batch([str(shards)], str(out), workers=2)
    assert all(r.skipped for r in rerun)


def test_corrupt_shard_is_reported_and_the_others_complete(shards, tmp_path):
    data = gzip.compress("".join(LINES).encode())
    (shards / "part-3.jsonl.gz").write_bytes(data[: len(data) // 2])
    results = {Path(r.shard).name: r for r in run_batch([str(shards)], str(tmp_path / "out"), workers=2)}
    assert [results[f"part-{n}.jsonl" if n < 2 else f"part-{n}.jsonl.gz"].documents for n in range(3)] == [3, 3, 3]
    corrupt = results["part-3.jsonl.gz"]
    assert any("truncated or corrupt" in reason for _source, reason in corrupt.failures)


def copies(count: int) -> list[str]:
    """`count` distinct records: the corpus lines again, each copy at its own address."""
    records = [json.loads(line) for line in LINES]
    out = []
    for n in range(count):
        record = dict(records[n % len(records)])
        record["url"] = f"{record['url']}?copy={n}"
        out.append(json.dumps(record) + "\n")
    return out


def test_batch_db_killed_midway_stores_every_document_exactly_once_after_a_rerun(tmp_path, db_url):
    shards, out = tmp_path / "shards", tmp_path / "out"
    shards.mkdir()
    lines = copies(48)
    for n in range(6):
        (shards / f"part-{n}.jsonl").write_text("".join(lines[8 * n: 8 * n + 8]))
    command = [sys.executable, "-m", "claimledger", "batch", str(shards), "--out", str(out), "--db", db_url,
               "--workers", "2"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO,
                               start_new_session=True)
    watcher = Store(db_url)
    finished: list[Path] = []
    try:
        deadline = time.time() + 300
        # kill the moment a shard's output exists whose documents are not all stored yet
        while time.time() < deadline and process.poll() is None:
            finished = list(out.glob("*.jsonl.gz")) if out.exists() else []
            if finished and watcher.count_articles() < 8 * len(finished):
                break
            time.sleep(0.01)
        process.kill()  # SIGKILL to the batch client, which writes the store
        process.wait()
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # its Dask workers and nanny processes too
    assert 1 <= len(finished) < 6, "the kill should land after a shard's output is written, before the end"
    before = watcher.count_articles()
    assert before < 8 * len(finished)

    rerun = subprocess.run(command, capture_output=True, cwd=REPO, timeout=600)
    assert rerun.returncode == 0, rerun.stderr.decode()
    expected = {}
    for output in out.glob("*.jsonl.gz"):
        expected.update({doc.article.id: doc.model_dump() for doc in read_output(str(output))})
    assert len(expected) == 48
    assert {doc.article.id: doc.model_dump() for doc in watcher.documents()} == expected
    assert watcher.count_articles() == 48
    assert len(watcher.claims()) == sum(len(doc["claims"]) for doc in expected.values())
    watcher.close()
