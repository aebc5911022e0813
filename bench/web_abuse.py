"""Reads under attack: `claimledger serve` on loopback with C clients reading article pages,
API articles and API search for S seconds, twice in one run: once undisturbed, once while
analyze requests arrive that used to stall the server (a 940 kB paste, as in issue 14, and a
paste just under the web's size limit, which really occupies an analysis worker).

    python bench/web_abuse.py [--seconds 30] [--clients 50] [--rounds 2] [--articles 500] [--server-workers 2]

The two kinds of run alternate (quiet, attacked, quiet, attacked, ...) so that a change in the
machine's load during the benchmark falls on both. Prints, per run, the reads' p50/p95/p99,
throughput and errors, then the analyze answers, and the ratio of the attacked runs' p95 to
the quiet runs' p95 (both over all reads of their kind of run); the target is zero read
errors and a ratio of at most 2.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import httpx  # noqa: E402

from claimledger.settings import MAX_ANALYZE_CHARS  # noqa: E402
from common import data_dir, free_port, percentile, print_table  # noqa: E402
from ingest import bbc_store  # noqa: E402

READS = [("article page", "/article/{}"), ("API article", "/api/v1/articles/{}"), ("API search", "/api/v1/search?q={}")]
SEARCH_WORDS = ["economy", "election", "film", "mobile", "football", "minister", "growth", "music"]
OVERSIZED_CHARS = 940_000  # the paste that stalled the server for 380 s in issue 14
ATTACKS_AT = (5.0, 10.0, 15.0)  # seconds into the run


@dataclass
class Run:
    timings: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    attacks: list[tuple[str, int | str, float]] = field(default_factory=list)  # kind, status, seconds
    seconds: float = 0.0


def bbc_body(chars: int) -> str:
    """Real article text (the BBC set, repeated) of exactly `chars` characters."""
    texts = [p.read_text(encoding="utf-8", errors="replace").split("\n", 1)[-1].strip()
             for p in sorted((data_dir("bbc-news-summary") / "News Articles").glob("*/*.txt"))]
    body = "\n\n".join(texts)
    return (body * (chars // len(body) + 1))[:chars]


async def reader(base: str, ids: list[str], rng: random.Random, stop_at: float, run: Run) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        while time.perf_counter() < stop_at:
            kind, pattern = rng.choice(READS)
            path = pattern.format(rng.choice(SEARCH_WORDS) if kind == "API search" else rng.choice(ids))
            start = time.perf_counter()
            try:
                ok = (await http.get(path)).status_code == 200
            except httpx.HTTPError:
                ok = False
            if ok:
                run.timings.setdefault(kind, []).append((time.perf_counter() - start) * 1000)
            else:
                run.errors[kind] = run.errors.get(kind, 0) + 1


async def attack(base: str, kind: str, text: str, delay: float, run: Run) -> None:
    await asyncio.sleep(delay)
    start = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, timeout=300) as http:
        try:
            answer = await http.post("/api/v1/analyze", json={"title": "Long Read", "text": text})
            status: int | str = answer.status_code
        except httpx.HTTPError as exc:
            status = type(exc).__name__
    run.attacks.append((kind, status, time.perf_counter() - start))


async def load(base: str, ids: list[str], clients: int, seconds: float, attacks: dict[str, str]) -> Run:
    run = Run()
    rng = random.Random(7)
    start = time.perf_counter()
    stop_at = start + seconds
    readers = [reader(base, ids, random.Random(rng.random()), stop_at, run) for _ in range(clients)]
    attackers = [attack(base, kind, text, at, run) for at in (ATTACKS_AT if attacks else ())
                 for kind, text in attacks.items()]
    reading = asyncio.gather(*readers)
    attacking = asyncio.gather(*attackers)
    await reading
    run.seconds = time.perf_counter() - start
    await attacking  # analyses may outlast the reads: wait for their answers
    return run


def wait_until_up(base: str) -> None:
    deadline = time.time() + 300
    while time.time() < deadline:
        try:
            httpx.get(base + "/api/v1/articles?limit=1")
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def summary_rows(label: str, run: Run) -> list[list[object]]:
    rows = []
    for kind, values in sorted(run.timings.items()):
        rows.append([label, kind, len(values), run.errors.get(kind, 0), f"{len(values) / run.seconds:.0f}",
                     f"{percentile(values, 50):.1f}", f"{percentile(values, 95):.1f}", f"{percentile(values, 99):.1f}"])
    everything = [v for values in run.timings.values() for v in values]
    rows.append([label, "all reads", len(everything), sum(run.errors.values()), f"{len(everything) / run.seconds:.0f}",
                 f"{percentile(everything, 50):.1f}", f"{percentile(everything, 95):.1f}",
                 f"{percentile(everything, 99):.1f}"])
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=2, help="pairs of runs, quiet then attacked")
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--db", default=None, help="use an existing store instead of building one")
    ap.add_argument("--server-workers", type=int, default=2, help="claimledger serve --workers (one per core)")
    ap.add_argument("--server-src", default=None, help="serve the code in this src/ folder (e.g. an older checkout)")
    args = ap.parse_args()
    store = bbc_store(args.db, args.articles, prefix="claimledger-abuse-")
    db = store.url
    ids = store.article_ids()[: args.articles]
    store.close()
    attacks = {"940 kB paste": bbc_body(OVERSIZED_CHARS), "paste at the limit": bbc_body(MAX_ANALYZE_CHARS - 1000)}
    port = free_port()
    env = {**os.environ, "PYTHONPATH": args.server_src} if args.server_src else None
    server = subprocess.Popen([sys.executable, "-m", "claimledger", "serve", "--db", db, "--port", str(port),
                               "--workers", str(args.server_workers)], env=env)
    base = f"http://127.0.0.1:{port}"
    runs: list[tuple[str, Run]] = []
    try:
        wait_until_up(base)
        asyncio.run(load(base, ids, args.clients, 5, {}))  # warm up (and the analysis workers start)
        for n in range(1, args.rounds + 1):
            runs.append((f"quiet {n}", asyncio.run(load(base, ids, args.clients, args.seconds, {}))))
            runs.append((f"attacked {n}", asyncio.run(load(base, ids, args.clients, args.seconds, attacks))))
    finally:
        server.terminate()
        try:
            server.wait(60)
        except subprocess.TimeoutExpired:
            print("serve did not stop within 60 s of SIGTERM: killed", file=sys.stderr)
            server.kill()
            server.wait()
    print(f"{len(ids):,} articles in the store, {args.clients} clients for {args.seconds:g} s per run, "
          f"{args.server_workers} server processes; attacks at {', '.join(f'{t:g}' for t in ATTACKS_AT)} s: "
          + ", ".join(attacks))
    print_table(["run", "request", "n", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms"],
                [row for label, run in runs for row in summary_rows(label, run)])
    print()
    print_table(["run", "analyze request", "status", "answered after s"],
                [[label, kind, status, f"{seconds:.1f}"] for label, run in runs
                 for kind, status, seconds in sorted(run.attacks, key=str)])
    p95 = {kind: percentile([v for label, run in runs if label.startswith(kind)
                             for values in run.timings.values() for v in values], 95)
           for kind in ("quiet", "attacked")}
    errors = sum(sum(run.errors.values()) for _label, run in runs)
    print(f"\nread errors: {errors}; p95 of all reads: quiet {p95['quiet']:.1f} ms, attacked {p95['attacked']:.1f} ms, "
          f"attacked / quiet {p95['attacked'] / p95['quiet']:.2f} (target: 0 errors, ratio <= 2)")

if __name__ == "__main__":
    main()
