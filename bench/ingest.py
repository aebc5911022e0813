"""Ingest throughput and memory: N articles (the BBC subset in ../shared/data repeated with
varied URLs, so each copy is its own article) streamed through the pipeline into a fresh
SQLite store; then the ledger build.

    python bench/ingest.py [--articles 10000] [--checkpoint 2000] [--db URL]

Prints articles/s and resident memory at the checkpoint and at the end (the stream must
not grow memory: the ratio should stay within 1.25), and the time of a full ledger rebuild
(ingest attaches each article to the ledger as it stores it: its cost is in articles/s).
"""

from __future__ import annotations

import argparse
import itertools
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from claimledger.corpus import CorpusItem  # noqa: E402
from claimledger.ingest import ingest, rebuild_ledger  # noqa: E402
from claimledger.inputs import RawDocument  # noqa: E402
from claimledger.nlp import load_nlp  # noqa: E402
from claimledger.store import Store  # noqa: E402
from common import data_dir, print_table  # noqa: E402


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bbc_items(n: int):
    articles = sorted((data_dir("bbc-news-summary") / "News Articles").glob("*/*.txt"))
    texts = [(p, p.read_text(encoding="utf-8", errors="replace")) for p in articles]
    for i, (path, text) in zip(range(n), itertools.cycle(texts)):
        url = f"https://bbc.example/{path.parent.name}/{path.stem}?copy={i // len(texts)}"
        yield CorpusItem(raw=RawDocument(source=url, text=text, kind="text", url=url), site="BBC")


def bbc_store(db: str | None, articles: int, prefix: str) -> Store:
    """A store holding at least `articles` BBC articles and their ledger (built when short of
    them): the readers' benchmarks start from one. `db` None: a SQLite file in a new folder."""
    store = Store(db or f"sqlite:///{tempfile.mkdtemp(prefix=prefix)}/web.db")
    if store.count_articles() < articles:
        ingest(store, bbc_items(articles))  # attaches each article to the ledger as it is stored
    if not store.ledger_current():
        rebuild_ledger(store)
    return store


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--checkpoint", type=int, default=2_000)
    ap.add_argument("--db", default=None, help="store URL (default: a SQLite file in a temporary folder)")
    args = ap.parse_args()
    folder = tempfile.mkdtemp(prefix="claimledger-bench-")
    store = Store(args.db or f"sqlite:///{folder}/bench.db")
    load_nlp()
    rows = []
    start = time.perf_counter()
    marks = {args.checkpoint, args.articles}

    def on_article(tally) -> None:
        done = tally.new + tally.unchanged + len(tally.failed)
        if done in marks:
            elapsed = time.perf_counter() - start
            rows.append([f"{done:,}", f"{done / elapsed:.1f}", f"{rss_mb():.0f}", f"{elapsed:.0f}"])

    tally = ingest(store, bbc_items(args.articles), on_article=on_article)
    ledger_start = time.perf_counter()
    clusters = rebuild_ledger(store)
    ledger_seconds = time.perf_counter() - ledger_start
    print(f"ingest into {store.engine.dialect.name}: {tally.new} new, {tally.unchanged} unchanged, "
          f"{len(tally.failed)} failed")
    print_table(["articles", "articles/s", "RSS MB", "seconds"], rows)
    if len(rows) == 2:
        ratio = float(rows[1][2]) / float(rows[0][2])
        print(f"\nRSS ratio {rows[1][0]} / {rows[0][0]} articles: {ratio:.2f} (flat if <= 1.25)")
    print(f"ledger rebuild: {ledger_seconds:.1f} s for {sum(c.appearances for c in clusters):,} claims "
          f"in {len(clusters):,} clusters")


if __name__ == "__main__":
    main()
