"""The ledger at corpus scale, on synthetic claims whose right answer is known.

    python bench/ledger.py [--sizes 10000,100000,1000000] [--dask-sizes 200000,1000000]
                           [--workers 1,2] [--new-articles 1000] [--keep FOLDER]

Claims are made from the sentences of the BBC articles in ../shared/data: every content word of
a sentence is replaced by one drawn from the corpus's own word frequencies (so that a million
claims are a million different wordings with the vocabulary of news, not twenty copies of each
BBC sentence), and a named speaker and an outlet are drawn for each. Planted among them, with
the answer recorded:
- reprints: another outlet publishes an article again, word for word, within two days;
- rewrites with a drifting figure: another outlet rewrites an article within two days, with
  one claim's figure changed (the ledger should join the claims and flag the drift);
- paraphrases: a later article quotes the same speaker with some words of the claim dropped.

For each size in --sizes, the claims are inserted into a fresh SQLite store directly (the
store's own `article_row` / `claim_row`, no parsing), and the run prints:
- `ledger --rebuild` time and its peak RSS (in a child process, so that the figure is its own);
- recall and precision of the planted pairs (pairs of claims the truth puts in one entry);
- the time to attach the claims of --new-articles new articles (planted like the rest, so some
  join existing entries) to that ledger one article at a time (`Store.attach`, what ingest
  does in each article's transaction).

For each size in --dask-sizes, the same generator writes `batch`-style shards of 20,000 claims
(--shard-claims),
and `ledger --from` runs on a LocalCluster of each --workers count: wall time, the speed-up
against the first count, and the peak RSS of each worker (which should not grow with the
corpus: a task holds a shard or a partition, never the corpus).
"""

from __future__ import annotations

import argparse
import bisect
import gzip
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from claimledger.document import AnalysisDocument  # noqa: E402
from claimledger.text import STOPWORDS  # noqa: E402
from common import REPO, data_dir, print_table  # noqa: E402

SEED = 17
CLAIMS_PER_SHARD = 20_000
REPRINT, DRIFT, PARAPHRASE = 0.06, 0.03, 0.04  # shares of articles / claims planted
WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
FIGURE = re.compile(r"(?<![\d.,$£])\b([1-9]\d{1,2})\b(?![\d.,%])")  # 10-999, not a year, price or share
FIRST = ("Anna Ben Carla David Elena Farid Grace Hugo Ines Jonas Karin Leo Maria Nils Olga Pavel Rosa Sam Tara "
         "Umar Vera Will Yusuf Zoe").split()
LAST = ("Adams Berg Costa Dahl Evans Fischer Garcia Hansen Ivanova Jensen Kowalski Lund Moreau Novak Okafor "
        "Petrov Quinn Rossi Silva Tanaka Ueda Vargas Weber Xu Young Zima").split()


@dataclass
class Source:
    """Sentence templates and word frequencies from the BBC articles."""

    templates: list[str]
    words: list[str]
    cumulative: list[int]

    def word(self, rng: random.Random) -> str:
        return self.words[bisect.bisect(self.cumulative, rng.randrange(self.cumulative[-1]))]


def load_source() -> Source:
    templates, counts = [], Counter[str]()
    for path in sorted((data_dir("bbc-news-summary") / "News Articles").glob("*/*.txt")):
        body = path.read_text(encoding="utf-8", errors="replace").split("\n", 1)[-1]
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(body.split())):
            words = WORD.findall(sentence)
            counts.update(w.lower() for w in words if w.lower() not in STOPWORDS and len(w) > 2)
            if 10 <= len(sentence.split()) <= 35 and '"' not in sentence:
                templates.append(sentence.rstrip(".!?"))
    words = [w for w, n in counts.items() if n >= 2]
    return Source(templates=templates, words=words, cumulative=list(accumulate(counts[w] for w in words)))


def fresh_wording(source: Source, rng: random.Random) -> str:
    """A template sentence with every content word replaced, its figures kept."""
    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        return word if word.lower() in STOPWORDS or len(word) <= 2 else source.word(rng)
    return WORD.sub(swap, rng.choice(source.templates))


@dataclass
class Planted:
    claim_id: str
    truth: str  # the claim it is an appearance of
    drift: bool = False


@dataclass
class Generator:
    """Synthetic analysed articles in publication order, with the truth of what is planted."""

    source: Source
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))
    recent: list[tuple[AnalysisDocument, list[str]]] = field(default_factory=list)  # doc, truths of its claims
    truth: dict[str, str] = field(default_factory=dict)  # planted claim id -> first claim id of its truth
    drifting: set[str] = field(default_factory=set)  # truths whose figures drift
    count: int = 0
    start: datetime = datetime(2025, 1, 1, tzinfo=UTC)

    def articles(self, claims: int) -> Iterator[AnalysisDocument]:
        made = 0
        while made < claims:
            doc = self.next_article()
            made += len(doc.claims)
            yield doc

    def next_article(self) -> AnalysisDocument:
        self.count += 1
        published = self.start + timedelta(minutes=3 * self.count)
        roll = self.rng.random()
        if self.recent and roll < REPRINT + DRIFT:
            original, truths = self.rng.choice(self.recent[-200:])
            return self.copy(original, truths, published, drift=roll >= REPRINT)
        quotes, truths = [], []
        for _ in range(self.rng.randint(4, 10)):
            if self.recent and self.rng.random() < PARAPHRASE:
                earlier, earlier_truths = self.rng.choice(self.recent[-500:])
                k = self.rng.randrange(len(earlier.claims))
                quotes.append((paraphrase(earlier.claims[k].content.text, self.rng), earlier.claims[k].speaker.name))
                truths.append(earlier_truths[k])
            else:
                quotes.append((fresh_wording(self.source, self.rng), f"{self.rng.choice(FIRST)} "
                                                                     f"{self.rng.choice(LAST)}"))
                truths.append("")
        doc = article(f"a{self.count:08d}", self.site(), published, quotes)
        truths = [t or c.id for t, c in zip(truths, doc.claims, strict=True)]
        self.remember(doc, truths)
        return doc

    def copy(self, original: AnalysisDocument, truths: list[str], published: datetime,
             drift: bool) -> AnalysisDocument:
        quotes = [(c.content.text, c.speaker.name) for c in original.claims]
        drifted = None
        if drift:
            with_figure = [k for k, (text, _) in enumerate(quotes) if FIGURE.search(text)]
            if with_figure:
                drifted = self.rng.choice(with_figure)
                text, speaker = quotes[drifted]
                quotes[drifted] = (FIGURE.sub(lambda m: str(int(m.group(1)) * 3 // 2), text, count=1), speaker)
        later = published if published > original_time(original) else original_time(original)
        doc = article(f"a{self.count:08d}", self.site(), later + timedelta(hours=self.rng.randint(1, 40)), quotes)
        if drifted is not None:
            self.drifting.add(truths[drifted])
        self.remember(doc, truths)
        return doc

    def remember(self, doc: AnalysisDocument, truths: list[str]) -> None:
        for claim, truth in zip(doc.claims, truths, strict=True):
            claim_id = f"{doc.article.id}-{claim.id}"
            if truth != claim.id:
                self.truth[claim_id] = truth
                self.truth.setdefault(truth, truth)
        self.recent.append((doc, [self.truth.get(f"{doc.article.id}-{c.id}", f"{doc.article.id}-{c.id}")
                                  for c in doc.claims]))
        del self.recent[:-500]

    def site(self) -> str:
        return f"outlet{self.rng.randrange(60):02d}.example"


def original_time(doc: AnalysisDocument) -> datetime:
    return datetime.fromisoformat(doc.article.published or "2025-01-01T00:00:00+00:00")


def paraphrase(text: str, rng: random.Random) -> str:
    """The wording with about a fifth of its content words left out."""
    kept = [w for w in text.split() if w.lower() in STOPWORDS or rng.random() > 0.2]
    return " ".join(kept)


def article(article_id: str, site: str, published: datetime, quotes: list[tuple[str, str]]) -> AnalysisDocument:
    """An analysed article of one paragraph per claim: '<claim>, <speaker> said.'"""
    paragraphs, claims, offset = [], [], 0
    for n, (content, speaker) in enumerate(quotes, 1):
        paragraph = f"{content}, {speaker} said."
        cue = offset + len(content) + len(speaker) + 3
        claims.append({
            "id": f"c{n}", "speaker": {"name": speaker, "mention": speaker, "kind": "named"},
            "cue": {"start": cue, "end": cue + 4, "text": "said"},
            "content": {"start": offset, "end": offset + len(content), "text": content},
            "quote": "indirect", "modality": "actual",
        })
        paragraphs.append((paragraph, {"start": offset, "end": offset + len(paragraph)}))
        offset += len(paragraph) + 2
    text = "\n\n".join(p for p, _ in paragraphs)
    return AnalysisDocument.model_validate({
        "generator": "bench/ledger.py", "claims": claims,
        "article": {"id": article_id, "source": f"https://{site}/{article_id}", "title": f"Report {article_id}",
                    "site": site, "author": None, "published": published.isoformat(), "language": "en",
                    "text": text, "paragraphs": [span for _, span in paragraphs]},
    })


# -- the store ----------------------------------------------------------------------------------


def insert_articles(url: str, docs: list[AnalysisDocument], first_sequence: int) -> None:
    """Rows straight into the store, as `Store.add` would write them, without its per-row work."""
    from sqlalchemy import insert, select
    from sqlalchemy.orm import Session

    from claimledger.store import ArticleRow, ClaimRow, SpeakerRow, Store, article_row, claim_row

    store = Store(url)
    now = datetime.now(UTC)
    with Session(store.engine) as session, session.begin():
        known = {name: id_ for name, id_ in session.execute(select(SpeakerRow.name, SpeakerRow.id))}
        names = sorted({c.speaker.name for d in docs for c in d.claims} - set(known))
        if names:
            session.execute(insert(SpeakerRow), [{"name": n, "kind": "named"} for n in names])
            known = {name: id_ for name, id_ in session.execute(select(SpeakerRow.name, SpeakerRow.id))}
        session.execute(insert(ArticleRow), [columns(article_row(d, first_sequence + k, now))
                                             for k, d in enumerate(docs)])
        session.execute(insert(ClaimRow), [columns(claim_row(d.article.id, p, c, known[c.speaker.name]))
                                           for d in docs for p, c in enumerate(d.claims)])
    store.close()


def columns(row: object) -> dict[str, object]:
    table = row.__table__  # type: ignore[attr-defined]
    return {c.key: getattr(row, c.key) for c in table.columns if getattr(row, c.key) is not None}


REBUILD = """
import json, resource, sys, time
from collections import Counter
from claimledger.ingest import rebuild_ledger
from claimledger.store import Store
store = Store(sys.argv[1])
start, cpu = time.perf_counter(), time.process_time()
entries = rebuild_ledger(store, semantic=False)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
truth = json.loads(open(sys.argv[2]).read())
predicted = correct = 0
for entry in entries:
    body = [a.claim_id for a in entry.appearance_list if not a.headline]
    predicted += len(body) * (len(body) - 1) // 2
    correct += sum(n * (n - 1) // 2 for n in Counter(truth.get(c, c) for c in body).values())
groups = Counter(truth.values())
expected = sum(n * (n - 1) // 2 for n in groups.values())
print(json.dumps({"seconds": seconds, "cpu": cpu, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "entries": len(entries), "predicted": predicted, "correct": correct, "expected": expected}))
"""


def rebuild_in_child(url: str, truth_path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", REBUILD, url, str(truth_path)], capture_output=True, text=True,
                          check=True, cwd=REPO)
    return json.loads(done.stdout.strip().splitlines()[-1])


@dataclass(frozen=True)
class Timing:
    """Wall seconds, and the process's CPU seconds: on a machine shared with other work the
    wall time measures the others as well."""

    seconds: float
    cpu: float


def attach_new(url: str, docs: list[AnalysisDocument], first_sequence: int) -> Timing:
    """Time to attach the claims of `docs` (their rows inserted beforehand, untimed) to the
    current ledger one article at a time, as ingest does (`Store.attach`, issue 17A)."""
    from claimledger.store import Store

    insert_articles(url, docs, first_sequence)
    store = Store(url)
    assert store.ledger_current(), "the rebuild leaves a current ledger"
    start, cpu = time.perf_counter(), time.process_time()
    for doc in docs:
        store.attach(doc.article.id)
    timing = Timing(time.perf_counter() - start, time.process_time() - cpu)
    store.close()
    return timing


def store_sizes(args: argparse.Namespace, source: Source, folder: Path) -> None:
    rows = []
    for size in args.sizes:
        generator = Generator(source)
        docs = list(generator.articles(size))
        truth_path = folder / f"truth-{size}.json"
        truth_path.write_text(json.dumps(generator.truth))
        new = [generator.next_article() for _ in range(args.new_articles)]
        url = f"sqlite:///{folder / f'ledger-{size}.db'}"
        start = time.perf_counter()
        for k in range(0, len(docs), 5000):
            insert_articles(url, docs[k : k + 5000], first_sequence=k + 1)
        build = time.perf_counter() - start
        rebuilt = rebuild_in_child(url, truth_path)
        claims = sum(len(d.claims) for d in docs)
        attach = attach_new(url, new, first_sequence=len(docs) + 1)
        rows.append([f"{claims:,}", f"{build:.0f}", f"{rebuilt['seconds']:.1f}", f"{rebuilt['cpu']:.1f}",
                     f"{rebuilt['rss_mb']:.0f}", f"{attach.seconds:.1f}", f"{attach.cpu:.1f}",
                     f"{rebuilt['correct'] / max(rebuilt['expected'], 1):.3f}",
                     f"{rebuilt['correct'] / max(rebuilt['predicted'], 1):.3f}", f"{rebuilt['expected']:,}"])
        print(f"  {claims:,} claims done: {rows[-1]}", file=sys.stderr, flush=True)
    print_table(["claims", "insert s", "rebuild s", "rebuild CPU s", "rebuild RSS MB", f"attach {args.new_articles} s",
                 "attach CPU s", "recall", "precision", "planted pairs"], rows)
    if len(rows) > 1:
        print(f"rebuild CPU time {rows[-1][0]} / {rows[0][0]} claims: {float(rows[-1][3]) / float(rows[0][3]):.1f}x")
        print(f"attach CPU time {rows[-1][0]} / {rows[0][0]}: {float(rows[-1][6]) / float(rows[0][6]):.2f}x "
              "(goal: within 2x)")


# -- Dask ---------------------------------------------------------------------------------------


def write_shards(source: Source, size: int, folder: Path, per_shard: int = CLAIMS_PER_SHARD) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    shard, in_shard, claims = 0, 0, 0
    handle = gzip.open(folder / f"part-{shard:05d}.jsonl.gz", "wt", encoding="utf-8")
    for doc in Generator(source).articles(size):
        if in_shard >= per_shard:
            handle.close()
            shard, in_shard = shard + 1, 0
            handle = gzip.open(folder / f"part-{shard:05d}.jsonl.gz", "wt", encoding="utf-8")
        handle.write(doc.model_dump_json() + "\n")
        in_shard += len(doc.claims)
        claims += len(doc.claims)
    handle.close()
    return claims


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dask_sizes(args: argparse.Namespace, source: Source, folder: Path) -> None:
    from claimledger.batch import dask_client
    from claimledger.ledger.distributed import build_on

    rows = []
    for size in args.dask_sizes:
        shards = folder / f"shards-{size}"
        claims = write_shards(source, size, shards, args.shard_claims)
        baseline = None
        for workers in args.workers:
            with dask_client(workers) as client:
                start = time.perf_counter()
                tally = build_on(client, shards, folder / f"entries-{size}-{workers}")
                seconds = time.perf_counter() - start
                peaks = sorted(client.run(peak_rss_mb).values())
            baseline = baseline or seconds
            rows.append([f"{claims:,}", workers, f"{seconds:.1f}", f"{baseline / seconds:.2f}",
                         " / ".join(f"{p:.0f}" for p in peaks), f"{tally.entries:,}", f"{tally.accepted_pairs:,}"])
            print(f"  {claims:,} claims on {workers} workers done", file=sys.stderr)
    print_table(["claims", "workers", "seconds", "speed-up", "peak RSS MB per worker", "entries", "accepted"], rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sizes = lambda text: [int(s) for s in text.split(",") if s]  # noqa: E731
    ap.add_argument("--sizes", type=sizes, default=[10_000, 100_000, 1_000_000], help="store sizes in claims")
    ap.add_argument("--dask-sizes", type=sizes, default=[200_000, 1_000_000], help="ledger --from sizes in claims")
    ap.add_argument("--workers", type=sizes, default=[1, 2], help="LocalCluster sizes; the first is the baseline")
    ap.add_argument("--new-articles", type=int, default=1000)
    ap.add_argument("--shard-claims", type=int, default=CLAIMS_PER_SHARD, help="claims per ledger --from shard")
    ap.add_argument("--keep", type=Path, default=None, help="keep the stores and shards in this folder")
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="claimledger-ledger-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    source = load_source()
    try:
        if args.sizes:
            store_sizes(args, source, folder)
        if args.dask_sizes:
            dask_sizes(args, source, folder)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
