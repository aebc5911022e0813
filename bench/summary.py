"""ROUGE of claimledger's summarizer against LEAD-k, TextRank and LexRank on the BBC News
Summary subset (../shared/data/bbc-news-summary), all at the same number of sentences, in
one run.

    python bench/summary.py [--sentences 3] [--limit N]

sumy gets spaCy's sentence splitter (its default needs NLTK punkt data, which cannot be
downloaded here), so every system chooses from the same sentences. ROUGE is the
`rouge-score` package's F1 with stemming, x100. The references are extractive and long
(about 10 sentences), so short summaries are recall-bound; compare systems, not absolutes.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rouge_score import rouge_scorer  # noqa: E402
from sumy.nlp.stemmers import Stemmer  # noqa: E402
from sumy.parsers.plaintext import PlaintextParser  # noqa: E402
from sumy.summarizers.lex_rank import LexRankSummarizer  # noqa: E402
from sumy.summarizers.text_rank import TextRankSummarizer  # noqa: E402

from claimledger.extract import ExtractedArticle  # noqa: E402
from claimledger.nlp import load_nlp  # noqa: E402
from claimledger.pipeline import AnalysisSettings, analyze_parsed, build_article  # noqa: E402
from common import data_dir, print_table  # noqa: E402

# The references join sentences with no space: split on end punctuation followed by a capital or quote.
REFERENCE_SPLIT = re.compile(r'(?<=[.!?])(?=["\'A-Z])')
WORD = re.compile(r"\w+(?:['’]\w+)?")


class SpacyTokenizer:
    """sumy's tokenizer interface backed by our spaCy pipeline."""

    language = "english"

    def to_sentences(self, paragraph: str):
        return [s.text.strip() for s in load_nlp()(paragraph).sents if s.text.strip()]

    def to_words(self, sentence: str):
        return WORD.findall(sentence)


def load_pairs(limit: int | None) -> list[tuple[str, list[str], str]]:
    root = data_dir("bbc-news-summary")
    pairs = []
    for article in sorted((root / "News Articles").glob("*/*.txt")):
        summary = root / "Summaries" / article.parent.name / article.name
        lines = article.read_text(encoding="utf-8", errors="replace").splitlines()
        title, body = lines[0].strip(), [p.strip() for p in lines[1:] if p.strip()]
        reference = " ".join(s.strip() for s in REFERENCE_SPLIT.split(summary.read_text(encoding="utf-8").strip()))
        pairs.append((title, body, reference))
    return pairs[:limit] if limit else pairs


def ours(title: str, body: list[str], k: int) -> str:
    article = build_article(ExtractedArticle(title=title, paragraphs=body, language="en"), "bench")
    doc = analyze_parsed(article, load_nlp()(article.text), AnalysisSettings(summary_sentences=k))
    return " ".join(s.text for s in doc.summary.sentences)


def lead(body: list[str], k: int) -> str:
    sentences = [s.text.strip() for s in load_nlp()("\n\n".join(body)).sents if len(s.text.split()) > 2]
    return " ".join(sentences[:k])


def sumy_summary(summarizer_class, body: list[str], k: int) -> str:
    parser = PlaintextParser.from_string("\n\n".join(body), SpacyTokenizer())
    summarizer = summarizer_class(Stemmer("english"))
    return " ".join(str(s) for s in summarizer(parser.document, k))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sentences", type=int, default=3)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = ap.parse_args()
    k = args.sentences
    pairs = load_pairs(args.limit)
    systems = {
        f"claimledger-{k}": lambda t, b: ours(t, b, k),
        f"LEAD-{k}": lambda t, b: lead(b, k),
        f"TextRank-{k}": lambda t, b: sumy_summary(TextRankSummarizer, b, k),
        f"LexRank-{k}": lambda t, b: sumy_summary(LexRankSummarizer, b, k),
    }
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    rows = []
    for name, system in systems.items():
        totals = {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}
        words = 0
        start = time.perf_counter()
        for title, body, reference in pairs:
            candidate = system(title, body)
            words += len(candidate.split())
            for key, score in scorer.score(reference, candidate).items():
                totals[key] += score.fmeasure
        seconds = time.perf_counter() - start
        n = len(pairs)
        rows.append([name, *(f"{100 * totals[key] / n:.1f}" for key in ("rouge1", "rouge2", "rougeL")),
                     f"{words / n:.0f}", f"{seconds:.1f}"])
    print(f"BBC News Summary subset: {len(pairs)} articles, {k} sentences per summary, ROUGE F1 x100")
    print_table(["system", "R1", "R2", "RL", "words", "seconds"], rows)
    best = {i: max(float(r[i]) for r in rows[1:]) for i in (1, 2)}
    r1, r2 = float(rows[0][1]) - best[1], float(rows[0][2]) - best[2]
    print(f"\nclaimledger minus best baseline: R1 {r1:+.1f}, R2 {r2:+.1f}")


if __name__ == "__main__":
    main()
