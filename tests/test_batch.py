"""Batch analysis on a real 2-worker Dask LocalCluster."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from claimledger.batch import output_path, read_output, run_batch
from claimledger.corpus import iter_file
from claimledger.pipeline import analyze_items
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
