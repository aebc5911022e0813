"""The ledger over `batch` output on Dask, without holding every claim in one process.

The same decisions as the in-process build, computed apart (see `clusters` for the decision
and the design note in the README):

1. scan: each output shard's article ids, so that an article stored twice counts once and every
   article gets the ingestion number (`sequence`) the store would give it (shards in name
   order, lines in file order);
2. index: per shard, documents -> StoredClaims (`store.document_claims`, the store's own
   conversion) and headline appearances -> views -> MinHash band keys; the views are kept in a
   work folder, the (band key, appearance) rows are hash-partitioned by key;
3. pair: per key partition, appearances that share a band key (candidate pairs);
4. probe / decide: each pair is sent with its first appearance's view to the shard of its second
   (a join in two hops), where `bands.comparable` and `match` decide it; accepted pairs come
   back with their rewrite evidence;
5. units: the client finds the rewritten article pairs and the connected components of the
   accepted pairs and rewrites with SciPy's `connected_components` on a sparse matrix: an edge
   list of tens of millions of accepted pairs is a few hundred MB of int64, far less than the
   claims themselves, so it is held in memory rather than labelled iteratively on Dask;
6. describe: an appearance alone in its unit becomes its entry where it is; the members of
   larger units are gathered by unit and described together, each by `build.describe_unit`
   (which considers them in `appearance_key` order), exactly as the in-process build does, and
   written as gzip JSONL shards of entries.

Rows between stages go through files in a work folder (numpy arrays and pickles), partitioned
so that a task's memory depends on the size of a shard and of a partition, not of the corpus;
a cluster given with `--scheduler` therefore needs the folders on a shared file system, as
`batch` does. Band keys are shuffled as numpy arrays rather than as dask.bag items: a claim
has about fifty keys, and fifty million Python tuples at a million claims cost more to move
than the rest of the build.
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
import pickle
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from claimledger.batch import read_output
from claimledger.ledger.bands import band_keys, comparable
from claimledger.ledger.build import appearance_key, appearances, describe_unit
from claimledger.ledger.clusters import RewriteEvidence, rewrite_evidence, rewrites_from
from claimledger.ledger.match import match
from claimledger.ledger.views import ClaimView, claim_view
from claimledger.records import LedgerEntry, StoredClaim

if TYPE_CHECKING:
    from dask.distributed import Client

# An appearance's number names it and its shard: headline bit, its article's sequence, its
# position. (The order in which appearances are considered is `build.appearance_key`.)
HEADLINE_BIT = 1 << 62
SEQUENCE_SHIFT = 20
POSITION_MASK = (1 << SEQUENCE_SHIFT) - 1
SEQUENCE_MASK = (1 << (62 - SEQUENCE_SHIFT)) - 1
# Appearances per key partition and per unit partition: what one task holds at a time.
PARTITION_APPEARANCES = 25_000
ENTRIES_GLOB = "entries-*.jsonl.gz"


class ShardReadError(ValueError):
    """A batch output shard that cannot be read (one argument, so that it pickles back)."""


@dataclass
class LedgerTally:
    """What a `ledger --from` run did."""

    shards: int = 0
    articles: int = 0
    claims: int = 0
    duplicates: int = 0  # articles found again in a later shard, counted once
    appearances: int = 0
    candidate_pairs: int = 0
    accepted_pairs: int = 0
    rewrites: int = 0
    units: int = 0
    entries: int = 0
    repeated: int = 0  # entries seen in more than one article
    outputs: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Layout:
    """Where one run keeps its rows between stages."""

    work: str
    key_partitions: int
    shard_starts: tuple[int, ...]  # the first sequence of each shard, and one past the last

    def shard_of(self, numbers: np.ndarray) -> np.ndarray:
        sequences = (numbers >> SEQUENCE_SHIFT) & SEQUENCE_MASK
        return np.searchsorted(np.asarray(self.shard_starts), sequences, side="right") - 1

    def path(self, stage: str, *parts: int, suffix: str = ".pkl") -> Path:
        return Path(self.work) / stage / ("-".join(f"{p:05d}" for p in parts) + suffix)


def appearance_number(claim: StoredClaim, position: int) -> int:
    return (HEADLINE_BIT if claim.headline else 0) | (claim.sequence << SEQUENCE_SHIFT) | position


def list_outputs(folder: Path) -> list[Path]:
    """The gzip JSONL shards `batch` wrote into `folder`, in name order."""
    return sorted(p for p in folder.glob("*.jsonl.gz") if p.is_file() and not p.match(ENTRIES_GLOB))


# -- 1. scan -------------------------------------------------------------------------------------


def scan_shard(path: str) -> list[tuple[str, int]]:
    """The article id and number of claims of each line of a shard."""
    ids = []
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                try:
                    doc = json.loads(line)
                    ids.append((str(doc["article"]["id"]), len(doc["claims"])))
                except (ValueError, KeyError, TypeError):
                    raise ShardReadError(f"{path}: line {number} is not an analysis document") from None
    except (OSError, EOFError) as exc:
        raise ShardReadError(f"{path}: not a readable gzip file ({exc})") from None
    return ids


def plan_sequences(scans: list[list[tuple[str, int]]],
                   tally: LedgerTally) -> tuple[list[dict[int, int]], dict[str, int]]:
    """Per shard, line -> sequence of each article's first occurrence; and article id -> sequence."""
    sequences: dict[str, int] = {}
    plans = []
    for ids in scans:
        plan = {}
        for line, (article_id, claims) in enumerate(ids):
            if article_id in sequences:
                tally.duplicates += 1
                continue
            sequences[article_id] = plan[line] = len(sequences) + 1
            tally.claims += claims
        plans.append(plan)
    return plans, sequences


# -- 2. index ------------------------------------------------------------------------------------


def shard_views(path: str, plan: dict[int, int]) -> dict[int, ClaimView]:
    """The views of a shard's appearances by appearance number: its articles' claims and the
    headline appearances of those articles."""
    views: dict[int, ClaimView] = {}
    from claimledger.store import document_claims

    try:
        for line, doc in enumerate(read_output(path)):
            if line not in plan:
                continue
            claims = document_claims(doc, plan[line])
            for position, claim in enumerate(appearances(claims)):
                views[appearance_number(claim, position)] = claim_view(claim)
    except (OSError, EOFError, ValueError) as exc:
        raise ShardReadError(f"{path}: cannot be read as analysis documents "
                             f"({str(exc).splitlines()[0]})") from None
    return views


def index_shard(shard: int, path: str, plan: dict[int, int], layout: Layout) -> np.ndarray:
    """Views of one shard into the work folder, its band keys partitioned by key; returns the
    shard's appearance numbers."""
    views = shard_views(path, plan)
    write_pickle(layout.path("views", shard), views)
    numbers, keys = [], []
    for number, view in views.items():
        for key in band_keys(view):
            numbers.append(number)
            keys.append(key)
    key_array, number_array = np.array(keys, dtype=np.int64), np.array(numbers, dtype=np.int64)
    partition = np.mod(key_array, layout.key_partitions)
    for p in range(layout.key_partitions):
        chosen = partition == p
        np.savez(layout.path("bands", shard, p, suffix=".npz"), keys=key_array[chosen], numbers=number_array[chosen])
    return np.fromiter(views, dtype=np.int64, count=len(views))


# -- 3. pair -------------------------------------------------------------------------------------


def pair_partition(partition: int, shards: int, layout: Layout) -> int:
    """Appearances that share a band key in this key partition, as pairs sent to the shard of
    their first appearance; returns how many pairs (before removing repeats)."""
    keys, numbers = [], []
    for shard in range(shards):
        with np.load(layout.path("bands", shard, partition, suffix=".npz")) as rows:
            keys.append(rows["keys"])
            numbers.append(rows["numbers"])
    key_array, number_array = np.concatenate(keys), np.concatenate(numbers)
    order = np.lexsort((number_array, key_array))
    key_array, number_array = key_array[order], number_array[order]
    starts = np.flatnonzero(np.r_[True, key_array[1:] != key_array[:-1]])
    ends = np.r_[starts[1:], len(key_array)]
    pairs = [pair for start, end in zip(starts, ends, strict=True) if end - start > 1
             for pair in itertools.combinations(number_array[start:end].tolist(), 2)]
    pair_array = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    # two body claims of one article are never compared (`bands.comparable`): drop them here
    same_article = ((pair_array >> SEQUENCE_SHIFT) & SEQUENCE_MASK)
    body = (pair_array & HEADLINE_BIT) == 0
    pair_array = pair_array[~((same_article[:, 0] == same_article[:, 1]) & body[:, 0] & body[:, 1])]
    # which side is sent and which decides: half the pairs each way (a function of the pair, so
    # its repeats from other partitions agree), else later shards would decide most pairs
    i, j = pair_array[:, 0], pair_array[:, 1]
    flip = ((i >> SEQUENCE_SHIFT) + (j >> SEQUENCE_SHIFT) + i + j) & 1 == 1
    pair_array[flip] = pair_array[flip][:, ::-1]
    owner = layout.shard_of(pair_array[:, 0])
    for shard in range(shards):
        np.save(layout.path("pairs", partition, shard, suffix=".npy"), pair_array[owner == shard])
    return len(pair_array)


# -- 4. probe and decide -------------------------------------------------------------------------


def probe_shard(shard: int, shards: int, layout: Layout) -> int:
    """The distinct pairs whose first appearance is in this shard, sent with the views of those
    appearances (each once) to the shard of the second; returns how many pairs."""
    found = [np.load(layout.path("pairs", p, shard, suffix=".npy")) for p in range(layout.key_partitions)]
    pairs = np.unique(np.concatenate(found).reshape(-1, 2), axis=0)
    views = read_pickle(layout.path("views", shard))
    owner = layout.shard_of(pairs[:, 1]) if len(pairs) else np.zeros(0, dtype=np.int64)
    for other in range(shards):
        chosen = pairs[owner == other]
        earlier = {i: views[i] for i in np.unique(chosen[:, 0]).tolist()}
        write_pickle(layout.path("probes", shard, other), (chosen, earlier))
    return len(pairs)


@dataclass
class Decided:
    """The accepted pairs of one shard's decisions, and what they say about rewrites."""

    accepted: np.ndarray
    evidence: list[RewriteEvidence]


def decide_shard(shard: int, shards: int, layout: Layout) -> Decided:
    """Every pair whose second appearance is in this shard, decided as the in-process build does."""
    views = read_pickle(layout.path("views", shard))
    accepted, evidence = [], []
    for other in range(shards):
        pairs, earlier_views = read_pickle(layout.path("probes", other, shard))
        for i, j in pairs.tolist():
            earlier, later = earlier_views[i], views[j]
            if appearance_key(later.claim) < appearance_key(earlier.claim):
                earlier, later = later, earlier  # decided in the order every path considers them
            if not comparable(earlier, later):
                continue
            decision = match(earlier, later)
            if decision.same:
                accepted.append((i, j))
                if (found := rewrite_evidence(earlier, later, decision)) is not None:
                    evidence.append(found)
    return Decided(accepted=np.array(accepted, dtype=np.int64).reshape(-1, 2), evidence=evidence)


# -- 5. units ------------------------------------------------------------------------------------


def unit_labels(numbers: np.ndarray, accepted: np.ndarray, rewritten: list[tuple[int, int]]) -> np.ndarray:
    """The unit of each appearance: connected components over the accepted pairs, where two
    rewritten articles (given by sequence) pull all their appearances into one unit."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    order = np.argsort(numbers)
    position = order[np.searchsorted(numbers[order], accepted)] if len(accepted) else np.zeros((0, 2), np.int64)
    rows, cols = [position[:, 0]], [position[:, 1]]
    if rewritten:
        articles = np.unique(np.array(rewritten, dtype=np.int64))
        article_node = {int(s): len(numbers) + k for k, s in enumerate(articles)}
        rows.append(np.array([article_node[a] for a, _ in rewritten], dtype=np.int64))
        cols.append(np.array([article_node[b] for _, b in rewritten], dtype=np.int64))
        sequences = (numbers >> SEQUENCE_SHIFT) & SEQUENCE_MASK
        members = np.flatnonzero(np.isin(sequences, articles))
        rows.append(members)
        cols.append(np.array([article_node[int(s)] for s in sequences[members]], dtype=np.int64))
    size = len(numbers) + (len(articles) if rewritten else 0)
    row, col = np.concatenate(rows), np.concatenate(cols)
    graph = coo_matrix((np.ones(len(row), dtype=np.int8), (row, col)), shape=(size, size))
    _, labels = connected_components(graph, directed=False)
    return labels[: len(numbers)]


# -- 6. describe ---------------------------------------------------------------------------------


def describe_shard(shard: int, labels: np.ndarray, shared: np.ndarray, unit_partitions: int, layout: Layout,
                   out: str) -> int:
    """Entries of the shard's appearances that are alone in their unit, written at once; the
    others sent to their unit's partition. `labels` and `shared` follow the shard's views."""
    views = read_pickle(layout.path("views", shard))
    routed: dict[int, list[tuple[int, int, ClaimView]]] = defaultdict(list)
    entries: list[LedgerEntry] = []
    for (number, view), label, in_unit in zip(views.items(), labels.tolist(), shared.tolist(), strict=True):
        if in_unit:
            routed[label % unit_partitions].append((label, number, view))
        else:
            entries.extend(describe_unit([view]).entries)
    for partition in range(unit_partitions):
        write_pickle(layout.path("units", shard, partition), routed.get(partition, []))
    write_entries(Path(out) / f"entries-s{shard:05d}.jsonl.gz", entries)
    return len(entries)


def describe_partition(partition: int, shards: int, layout: Layout, out: str) -> tuple[int, int]:
    """Entries of the units of one partition; returns (entries, of them repeated)."""
    units: dict[int, list[ClaimView]] = defaultdict(list)
    for shard in range(shards):
        for label, _number, view in read_pickle(layout.path("units", shard, partition)):
            units[label].append(view)
    entries = [entry for members in units.values()
               for entry in describe_unit(members).entries]  # it puts them in appearance order
    write_entries(Path(out) / f"entries-u{partition:05d}.jsonl.gz", entries)
    return len(entries), sum(1 for e in entries if e.appearances > 1)


# -- files ---------------------------------------------------------------------------------------


def write_pickle(path: Path, value: Any) -> None:
    with path.open("wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)


def read_pickle(path: Path) -> Any:
    with path.open("rb") as handle:
        return pickle.load(handle)


def write_entries(path: Path, entries: list[LedgerEntry]) -> None:
    """Entries as gzip JSONL, renamed into place once complete."""
    partial = path.with_name(path.name + f".part-{os.getpid()}")
    with gzip.open(partial, "wt", encoding="utf-8") as handle:
        for entry in entries:
            handle.write(entry.model_dump_json() + "\n")
    os.replace(partial, path)


def read_entries(folder: Path) -> Iterator[LedgerEntry]:
    """The entries a `ledger --from` run wrote into `folder`."""
    for path in sorted(folder.glob(ENTRIES_GLOB)):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                yield LedgerEntry.model_validate_json(line)


# -- the run -------------------------------------------------------------------------------------

Progress = Callable[[str, int, int], None]  # stage, tasks done, tasks in all


def run_stage(client: Client, name: str, function: Callable[..., Any], items: list[Any], progress: Progress | None,
              **kwargs: Any) -> list[Any]:
    """One task per item on the cluster; the results in item order."""
    from dask.distributed import as_completed

    futures = client.map(function, *zip(*items, strict=True), pure=False, **kwargs) if items else []
    position = {future.key: n for n, future in enumerate(futures)}
    results: list[Any] = [None] * len(futures)
    for done, future in enumerate(as_completed(futures), 1):
        results[position[future.key]] = future.result()
        if progress is not None:
            progress(name, done, len(futures))
    return results


def build_from_batch(source: Path, out: Path, *, workers: int | None = None, scheduler: str | None = None,
                     progress: Progress | None = None) -> LedgerTally:
    """The ledger of every document in the batch output folder `source`, as entry shards in
    `out`, on the cluster at `scheduler` or on a LocalCluster of `workers` processes."""
    from claimledger.batch import dask_client

    with dask_client(workers, scheduler) as client:
        return build_on(client, source, out, progress)


def build_on(client: Client, source: Path, out: Path, progress: Progress | None = None) -> LedgerTally:
    """`build_from_batch` with a client already connected (entry shards of an earlier run in
    `out` are replaced)."""
    paths = [str(p) for p in list_outputs(source)]
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob(ENTRIES_GLOB):
        old.unlink()
    tally = LedgerTally(shards=len(paths))
    work = tempfile.mkdtemp(prefix=".ledger-work-", dir=out)
    try:
        run_stages(client, paths, out, work, tally, progress)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    tally.outputs = sorted(str(p) for p in out.glob(ENTRIES_GLOB))
    return tally


def run_stages(client: Client, paths: list[str], out: Path, work: str, tally: LedgerTally,
               progress: Progress | None) -> None:
    shards = len(paths)
    scans = run_stage(client, "scanning shards", scan_shard, [(p,) for p in paths], progress)
    plans, sequences = plan_sequences(scans, tally)
    tally.articles = len(sequences)
    starts = [1 + sum(len(plan) for plan in plans[:s]) for s in range(shards + 1)]
    layout = Layout(work=work, key_partitions=max(1, -(-tally.claims // PARTITION_APPEARANCES)),
                    shard_starts=tuple(starts))
    for stage in ("views", "bands", "pairs", "probes", "units"):
        (Path(work) / stage).mkdir()
    numbers = run_stage(client, "reading claims", index_shard, [(s, p, plans[s]) for s, p in enumerate(paths)],
                        progress, layout=layout)
    tally.appearances = sum(len(n) for n in numbers)
    run_stage(client, "pairing band keys", pair_partition, [(p,) for p in range(layout.key_partitions)], progress,
              shards=shards, layout=layout)
    tally.candidate_pairs = sum(run_stage(client, "sending pairs", probe_shard, [(s,) for s in range(shards)],
                                          progress, shards=shards, layout=layout))
    decided = run_stage(client, "deciding pairs", decide_shard, [(s,) for s in range(shards)], progress,
                        shards=shards, layout=layout)
    accepted = np.concatenate([d.accepted for d in decided]) if decided else np.zeros((0, 2), np.int64)
    tally.accepted_pairs = len(accepted)
    rewritten = [tuple(sorted(sequences[a] for a in pair)) for pair in
                 rewrites_from(e for d in decided for e in d.evidence)]
    tally.rewrites = len(rewritten)
    all_numbers = np.concatenate(numbers) if numbers else np.zeros(0, np.int64)
    labels = unit_labels(all_numbers, accepted, rewritten)  # type: ignore[arg-type]
    sizes = np.bincount(labels) if len(labels) else np.zeros(0, np.int64)
    tally.units = len(sizes)
    shared = sizes[labels] > 1
    unit_partitions = max(1, -(-int(shared.sum()) // PARTITION_APPEARANCES))
    offsets = np.cumsum([0, *(len(n) for n in numbers)])
    singles = run_stage(client, "describing entries", describe_shard,
                        [(s, labels[offsets[s]:offsets[s + 1]], shared[offsets[s]:offsets[s + 1]])
                         for s in range(shards)], progress, unit_partitions=unit_partitions, layout=layout,
                        out=str(out))
    grouped = run_stage(client, "describing shared entries", describe_partition,
                        [(p,) for p in range(unit_partitions)], progress, shards=shards, layout=layout, out=str(out))
    tally.entries = sum(singles) + sum(n for n, _ in grouped)
    tally.repeated = sum(r for _, r in grouped)
