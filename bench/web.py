"""Latency of the web reader and the API on loopback: a store of N articles (BBC subset,
repeated with varied URLs), `claimledger serve` in its own process, and C concurrent
clients requesting random article pages, ledger entry pages (with their two charts) and API
documents.

    python bench/web.py [--articles 1000] [--clients 20] [--requests 2000] [--server-workers 2] [--db URL]

Prints p50/p95/p99 per kind of request; the target is p95 < 100 ms for the article page and
the ledger entry page. A ledger entry's charts are drawn on its first view and kept in the
store, so the warm-up round views every entry the measured round will ask for.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import httpx  # noqa: E402

from common import free_port, percentile, print_table  # noqa: E402
from ingest import bbc_store  # noqa: E402


async def client(base: str, paths: list[tuple[str, str]], timings: dict[str, list[float]]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        for kind, path in paths:
            start = time.perf_counter()
            response = await http.get(path)
            response.raise_for_status()
            timings.setdefault(kind, []).append((time.perf_counter() - start) * 1000)


def plan(ids: list[str], entries: list[int], requests: int) -> list[tuple[str, str]]:
    rng = random.Random(7)
    kinds = [("article page", "/article/{}", ids), ("API article", "/api/v1/articles/{}", ids),
             ("API search", "/api/v1/search?q=economy", ids), ("ledger entry page", "/ledger/{}", entries)]
    kinds = [k for k in kinds if k[2]]
    return [(kind, pattern.format(rng.choice(pool))) for kind, pattern, pool in
            (rng.choice(kinds) for _ in range(requests))]


async def load(base: str, paths: list[tuple[str, str]], clients: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {}
    await asyncio.gather(*(client(base, paths[i::clients], timings) for i in range(clients)))
    return timings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--db", default=None, help="use an existing store instead of building one")
    ap.add_argument("--server-workers", type=int, default=2, help="claimledger serve --workers (one per core)")
    args = ap.parse_args()
    store = bbc_store(args.db, args.articles, prefix="claimledger-web-")
    db = store.url
    ids = store.article_ids()[: args.articles]
    entries = [e.id for e in store.clusters(2)]
    measured = plan(ids, entries, args.requests)
    # an entry's charts are drawn on its first view and kept in the store: the warm-up views
    # every entry the measured round asks for once, as readers would have before
    visited = sorted({path for kind, path in measured if kind == "ledger entry page"})
    warm_up = [("ledger entry page", path) for path in visited] + plan(ids, entries, 200)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "claimledger", "serve", "--db", db, "--port", str(port),
                               "--workers", str(args.server_workers)])
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 120  # spaCy and matplotlib load in each worker; slow on a busy machine
        while time.time() < deadline:
            try:
                httpx.get(base + "/api/v1/articles?limit=1")
                break
            except httpx.TransportError:
                time.sleep(0.2)
        asyncio.run(load(base, warm_up, args.clients))
        timings = asyncio.run(load(base, measured, args.clients))
    finally:
        server.terminate()
        server.wait()
    print(f"{len(ids):,} articles in the store ({len(entries):,} ledger entries seen twice or more), "
          f"{args.clients} concurrent clients, {args.requests:,} requests, {args.server_workers} server processes")
    print_table(["request", "n", "p50 ms", "p95 ms", "p99 ms"],
                [[kind, len(v), f"{percentile(v, 50):.1f}", f"{percentile(v, 95):.1f}", f"{percentile(v, 99):.1f}"]
                 for kind, v in sorted(timings.items())])

    # the API article (a cached document as JSON) is the baseline of the same run: on a busy
    # machine every figure grows, the ratios much less
    baseline = percentile(timings["API article"], 95)
    for page in ("article page", "ledger entry page"):
        if page in timings:
            print(f"{page} p95 / API article p95: {percentile(timings[page], 95) / baseline:.2f}")


if __name__ == "__main__":
    main()
