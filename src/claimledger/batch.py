"""Batch analysis on Dask: many shards (WARC, JSONL, folders of files), one gzip JSONL of
analysis documents per shard, resumable, in constant memory.

Each input file is a shard. Shards go to Dask workers (a LocalCluster with one process per
core by default, or a real cluster at `--scheduler tcp://host:8786`); a worker loads the
spaCy pipeline once per process and streams its shard through `pipeline.analyze_items`,
the very function `analyze` and `ingest` use, so no stage exists twice. A shard's output is
written to a temporary file and renamed into place only when complete, so a finished shard
is exactly one that has its output file, and a rerun skips it.

With `--db`, the client (one writer, so SQLite stays happy) stores each finished shard's
documents as they arrive. There a shard is done only once its output file exists *and* its
documents are committed, which the store records per output (`batch_shards`); a rerun
stores whatever a killed run left out, skipped shards included, and adding a document the
store already holds changes nothing, so every document is stored exactly once.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import resource
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from claimledger.corpus import iter_file, shard_kind
from claimledger.document import AnalysisDocument
from claimledger.pipeline import AnalysisSettings, Outcome, analyze_items

if TYPE_CHECKING:
    from dask.distributed import Client

    from claimledger.store import Store


@dataclass
class ShardResult:
    """What one shard produced; travels back from the worker, so it holds no documents."""

    shard: str
    output: str
    documents: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    skipped: bool = False
    worker_pid: int = 0
    peak_rss_mb: float = 0.0  # the worker process's peak resident memory after this shard


def list_shards(inputs: list[str]) -> list[Path]:
    """Input files in a stable order; folders contribute every readable file inside them."""
    shards: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            shards.extend(sorted(p for p in path.rglob("*") if p.is_file() and shard_kind(p) is not None))
        else:
            shards.append(path)
    return shards


def output_path(shard: Path, out_dir: Path) -> Path:
    """'<name>.<8 hex of the absolute path>.jsonl.gz': two shards called 'part-0.jsonl' in
    different folders do not overwrite each other."""
    digest = hashlib.sha256(str(shard.resolve()).encode()).hexdigest()[:8]
    name = shard.name.removesuffix(".gz")
    for suffix in (".jsonl", ".ndjson", ".warc", ".arc"):
        name = name.removesuffix(suffix)
    return out_dir / f"{name}.{digest}.jsonl.gz"


def process_shard(shard: str, out_dir: str, settings: AnalysisSettings = AnalysisSettings(),
                  batch_size: int = 32) -> ShardResult:
    """Analyse one shard into its output file (runs on a Dask worker, or in-process)."""
    target = output_path(Path(shard), Path(out_dir))
    result = ShardResult(shard=shard, output=str(target), worker_pid=os.getpid())
    try:
        return analyse_into(Path(shard), target, result, settings, batch_size)
    finally:
        result.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def analyse_into(shard: Path, target: Path, result: ShardResult, settings: AnalysisSettings,
                 batch_size: int) -> ShardResult:
    if target.exists():
        result.skipped = True
        return result
    partial = target.with_name(target.name + f".part-{os.getpid()}")
    try:
        with gzip.open(partial, "wt", encoding="utf-8") as handle:
            for outcome in analyze_items(iter_file(shard), settings, batch_size=batch_size):
                if outcome.document is None:
                    result.failures.append((outcome.source, outcome.error or "unknown"))
                    continue
                handle.write(outcome.document.model_dump_json() + "\n")
                result.documents += 1
    except Exception as exc:  # a bug of ours must not take the other shards down with it
        result.failures.append((str(shard), f"internal error: {type(exc).__name__}: {exc}"))
        partial.unlink(missing_ok=True)
        return result
    if result.documents == 0 and result.failures:
        partial.unlink()  # nothing readable: leave no output, so a rerun tries again
        return result
    os.replace(partial, target)  # atomic: the output exists only once it is complete
    return result


def store_output(store: Store, result: ShardResult) -> int:
    """Commit a finished shard's documents unless the store records them all already; returns
    how many were new. Documents the store refuses become failures of the shard."""
    from claimledger.ingest import store_outcomes  # the client's side only; workers need no store

    output = Path(result.output).resolve()
    if not output.exists() or store.shard_stored(str(output)):
        return 0
    tally = store_outcomes(store, read_outcomes(str(output)))
    result.failures.extend(tally.failed)
    store.mark_shard_stored(str(output), tally.new + tally.unchanged + len(tally.failed))
    return tally.new


def read_output(path: str) -> Iterator[AnalysisDocument]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            yield AnalysisDocument.model_validate(json.loads(line))


def read_outcomes(path: str) -> Iterator[Outcome]:
    """A finished shard's documents as pipeline outcomes, ready for `ingest.store_outcomes`."""
    for doc in read_output(path):
        yield Outcome(doc.article.source, document=doc)


def run_batch(inputs: list[str], out_dir: str, *, workers: int | None = None, scheduler: str | None = None,
              settings: AnalysisSettings = AnalysisSettings(),
              on_result: Callable[[ShardResult], None] | None = None) -> list[ShardResult]:
    """Run every shard on Dask and return their results in input order."""
    from dask.distributed import as_completed

    Path(out_dir).mkdir(parents=True, exist_ok=True)
    shards = [str(s) for s in list_shards(inputs)]
    with dask_client(workers, scheduler) as client:
        futures = client.map(process_shard, shards, out_dir=out_dir, settings=settings, pure=False)
        results: dict[str, ShardResult] = {}
        for future in as_completed(futures):
            result = future.result()
            results[result.shard] = result
            if on_result is not None:
                on_result(result)
        return [results[s] for s in shards]


@contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None) -> Iterator[Client]:
    """A client of the cluster at `scheduler`, or of a LocalCluster of `workers` processes
    (default: one per core) with one thread each, closed afterwards. The local workers log
    nothing: a task's failure reaches the caller as its exception, said once in one line."""
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.CRITICAL)
    client = Client(scheduler or cluster)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
