"""Cost of analysing one article as it grows: time and peak memory at 10k, 100k and 1M characters.

    python bench/scaling.py [--sizes 10000 100000 1000000] [--repeats 3]

The article is real news text: the bodies of the BBC News Summary subset (../shared/data,
read in place) concatenated paragraph by paragraph until the size is reached; the subset
holds about 660k characters, so the 1M article goes round it a second time. Each size runs
in a fresh process (so peak RSS is that size's own, with the spaCy model loaded) and is
timed from the clean text to the finished analysis document: the spaCy parse, then claims,
speakers, flags and summary (`analyze_parsed`). Small sizes are repeated and the fastest
run kept, since they are over in a fraction of a second.

The baseline is the 10k article of the same run: time per character at every size is
printed as a ratio to it, in wall-clock time and in the process's CPU time (on a machine
shared with other work the wall clock also counts the time the process waited for a core,
which changes from minute to minute; CPU time does not). Cost is linear when the ratio
stays near 1; the target is 2x at 1M characters, and a peak RSS under 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from claimledger.extract import ExtractedArticle  # noqa: E402
from claimledger.nlp import load_nlp, parse  # noqa: E402
from claimledger.pipeline import analyze_parsed, build_article  # noqa: E402
from common import data_dir, print_table  # noqa: E402

DEFAULT_SIZES = [10_000, 100_000, 1_000_000]
TIME_RATIO_TARGET = 2.0
RSS_TARGET_MB = 1536
TITLE = "Scaling"


def paragraphs() -> list[str]:
    out = []
    for path in sorted((data_dir("bbc-news-summary") / "News Articles").glob("*/*.txt")):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()[1:]  # line 1 is the headline
        out += [line.strip() for line in lines if line.strip()]
    return out


def article_text(size: int) -> list[str]:
    """Whole paragraphs, in corpus order and going round again if needed, as many as fit in
    `size` characters with the title (so the 1M article stays within MAX_ARTICLE_CHARS)."""
    source, chosen, total = paragraphs(), [], len(TITLE) + 2
    while total + len(source[len(chosen) % len(source)]) + 2 <= size:
        paragraph = source[len(chosen) % len(source)]
        chosen.append(paragraph)
        total += len(paragraph) + 2
    return chosen


def worker(size: int, repeats: int) -> None:
    body = article_text(size)
    article = build_article(ExtractedArticle(title=TITLE, paragraphs=body, language="en"), "bench")
    load_nlp()
    best = None
    for _ in range(repeats):
        start, cpu_start = time.perf_counter(), time.process_time()
        doc = parse(article.text)
        parsed = time.perf_counter()
        result = analyze_parsed(article, doc)
        done, cpu_done = time.perf_counter(), time.process_time()
        run = {"parse": parsed - start, "analysis": done - parsed, "total": done - start, "cpu": cpu_done - cpu_start}
        best = run if best is None or run["total"] < best["total"] else best
    assert best is not None
    print(json.dumps({"chars": len(article.text), "claims": len(result.claims), **best,
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=DEFAULT_SIZES)
    ap.add_argument("--repeats", type=int, default=3, help="runs of sizes below 1M; the fastest counts")
    ap.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.worker, args.repeats)
        return
    results = []
    for size in args.sizes:
        repeats = args.repeats if size < 1_000_000 else 1
        out = subprocess.run([sys.executable, __file__, "--worker", str(size), "--repeats", str(repeats)],
                             capture_output=True, text=True)
        if out.returncode != 0:
            raise SystemExit(f"size {size} failed:\n{out.stderr[-2000:]}")
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    base = results[0]["total"] / results[0]["chars"]
    cpu_base = results[0]["cpu"] / results[0]["chars"]
    rows = [[f"{r['chars']:,}", r["claims"], f"{r['parse']:.2f}", f"{r['analysis']:.2f}", f"{r['total']:.2f}",
             f"{1e6 * r['total'] / r['chars']:.1f}", f"{r['total'] / r['chars'] / base:.2f}", f"{r['cpu']:.2f}",
             f"{r['cpu'] / r['chars'] / cpu_base:.2f}", f"{r['rss_mb']:.0f}"]
            for r in results]
    print(f"One article of concatenated BBC paragraphs; baseline: the {results[0]['chars']:,}-character article")
    print_table(["chars", "claims", "parse s", "analysis s", "total s", "µs/char", "× baseline", "CPU s",
                 "CPU × baseline", "peak RSS MB"], rows)
    last = results[-1]
    ratio = last["total"] / last["chars"] / base
    cpu_ratio = last["cpu"] / last["chars"] / cpu_base
    print(f"\ntime per character at {last['chars']:,}: {ratio:.2f}x the baseline, CPU time {cpu_ratio:.2f}x "
          f"(target <= {TIME_RATIO_TARGET}); peak RSS {last['rss_mb']:.0f} MB (target < {RSS_TARGET_MB})")


if __name__ == "__main__":
    main()
