"""Body extraction quality on the Zyte article-extraction benchmark
(../shared/data/article-extraction-benchmark): claimledger's extractor (trafilatura plus our
chrome cleaner) against bare trafilatura, measured in the same run.

    python bench/extraction.py

Metric, as the benchmark defines it: texts are tokenised with a Unicode \\w+ pattern and
turned into word 4-gram shingles; per document, true/false positives and false negatives
are the shared and surplus shingle counts, normalised so each page weighs the same;
precision and recall are averaged over pages and F1 is their harmonic mean.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import trafilatura  # noqa: E402

from claimledger.errors import InputError  # noqa: E402
from claimledger.extract import extract  # noqa: E402
from claimledger.inputs import RawDocument  # noqa: E402
from common import data_dir, print_table  # noqa: E402

TOKEN = re.compile(r"\w+")
SHINGLE = 4


def shingles(text: str) -> Counter:
    tokens = TOKEN.findall(text)
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def page_scores(predicted: str, reference: str) -> tuple[float, float]:
    """(precision, recall) for one page, by the benchmark's rules."""
    pred, ref = shingles(predicted), shingles(reference)
    if not pred and not ref:
        return 1.0, 1.0
    tp = sum((pred & ref).values())
    fp = sum((pred - ref).values())
    fn = sum((ref - pred).values())
    total = tp + fp + fn
    tp, fp, fn = tp / total, fp / total, fn / total
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def ours(html: str, url: str) -> str:
    try:
        return "\n".join(extract(RawDocument(source=url, text=html, kind="html", url=url)).paragraphs)
    except InputError:
        return ""


def bare_trafilatura(html: str, url: str) -> str:
    return trafilatura.extract(html, url=url) or ""


def main() -> None:
    root = data_dir("article-extraction-benchmark")
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {key: gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
             for key in sorted(truth)}
    rows, f1s = [], {}
    for name, system in (("claimledger", ours), ("trafilatura", bare_trafilatura)):
        start = time.perf_counter()
        precisions, recalls = [], []
        for key, html in pages.items():
            p, r = page_scores(system(html, truth[key]["url"]), truth[key]["articleBody"])
            precisions.append(p)
            recalls.append(r)
        seconds = time.perf_counter() - start
        precision, recall = sum(precisions) / len(pages), sum(recalls) / len(pages)
        f1s[name] = 2 * precision * recall / (precision + recall)
        rows.append([name, f"{precision:.3f}", f"{recall:.3f}", f"{f1s[name]:.3f}", f"{seconds:.1f}"])
    print(f"Article extraction benchmark: {len(pages)} pages, word 4-gram shingles")
    print_table(["extractor", "precision", "recall", "F1", "seconds"], rows)
    print(f"\nF1 ratio claimledger / trafilatura: {f1s['claimledger'] / f1s['trafilatura']:.3f}")


if __name__ == "__main__":
    main()
