"""Stage 7: a short extractive summary that keeps attribution, and the scrutiny line.

Selection is unsupervised and explainable: each sentence's score is its centrality
(PageRank over TF-IDF cosine similarity, as in TextRank/LexRank) times a lead prior (news
puts the most important facts first); sentences too similar to one already chosen are
skipped. Chosen sentences are shown in article order.

Attribution is then enforced: a chosen sentence that carries a claim must name its source.
'He argued ...' becomes 'Rogov argued ...' (marked `edited`, with the original kept); a
claim whose cue lies outside the sentence (a continued quotation) makes the sentence
ineligible instead, since it cannot be repaired without inventing words.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc, Span

from claimledger.document import Claim, SummarySentence
from claimledger.text import surname

DEFAULT_SENTENCES = 3
MIN_SENTENCE_WORDS = 5
DAMPING = 0.85
# Lead prior: weight of sentence i is 1 + LEAD_WEIGHT / (1 + i). Tuned on the BBC subset
# (bench/summary.py); 0 is pure TextRank, large values approach LEAD-k.
LEAD_WEIGHT = 1.0
# Bonus for a sentence carrying a claim of the article's most-quoted source: a reader of a
# fact-checking summary needs to meet the main source. Set on the dev cases' must-mention
# names, checked not to cost ROUGE on the BBC subset (bench/summary.py).
SOURCE_WEIGHT = 0.5
# Sentences whose TF-IDF cosine with a chosen one exceeds this are redundant.
REDUNDANCY = 0.5
# A source needs this many claims to count as a party whose side a summary must carry.
MIN_PARTY_CLAIMS = 2


@dataclass(frozen=True)
class Candidate:
    index: int
    span: Span
    vector: dict[str, float]


def summarize(doc: Doc, claims: list[Claim], sentences: int = DEFAULT_SENTENCES, *, parties: int = 1,
              attribute: Callable[[Span, list[Claim]], SummarySentence] | None = None) -> list[SummarySentence]:
    """`parties` > 1 makes room for the sources quoted most after the main one (the other side
    of a dispute); `attribute` rewrites a chosen sentence so it names its sources (default:
    the English `attributed`)."""
    attribute = attribute or attributed
    candidates = [c for c in sentence_candidates(doc) if eligible(c.span, claims)]
    if not candidates or sentences <= 0:
        return []
    scores = centrality(candidates)
    main_source = most_quoted(claims)
    weights = [(1 + LEAD_WEIGHT / (1 + c.index)) * (1 + SOURCE_WEIGHT * carries_claim_of(c.span, claims, main_source))
               for c in candidates]
    ranked = sorted(range(len(candidates)), key=lambda i: -scores[i] * weights[i])
    chosen: list[int] = []
    for i in ranked:
        if len(chosen) == sentences:
            break
        if all(cosine(candidates[i].vector, candidates[j].vector) <= REDUNDANCY for j in chosen):
            chosen.append(i)
    if parties > 1:
        chosen = with_other_parties(chosen, ranked, candidates, claims, parties)
    return [attribute(candidates[i].span, claims) for i in sorted(chosen, key=lambda i: candidates[i].index)]


def with_other_parties(chosen: list[int], ranked: list[int], candidates: list[Candidate], claims: list[Claim],
                       parties: int) -> list[int]:
    """Swap the lowest-ranked chosen sentences for the best sentences carrying claims of the
    next most-quoted sources (with at least MIN_PARTY_CLAIMS claims) that no chosen sentence
    quotes, never dropping the only sentence of a source already carried."""
    counts = Counter(c.speaker.name for c in claims).most_common(parties)
    names = [name for i, (name, n) in enumerate(counts) if i == 0 or n >= MIN_PARTY_CLAIMS]
    chosen = list(chosen)

    def carried_by(i: int) -> set[str]:
        return {name for name in names if carries_claim_of(candidates[i].span, claims, name)}

    for rank, name in enumerate(names[1:], 1):
        if any(name in carried_by(i) for i in chosen):
            continue
        best = next((i for i in ranked if i not in chosen and name in carried_by(i)), None)
        kept = set(names[:rank])
        replaceable = [i for i in reversed(chosen)
                       if not any(all(p not in carried_by(j) for j in chosen if j != i) for p in carried_by(i) & kept)]
        if best is None or not replaceable:
            continue
        chosen[chosen.index(replaceable[0])] = best
    return chosen


def most_quoted(claims: list[Claim]) -> str | None:
    counts = Counter(c.speaker.name for c in claims)
    return counts.most_common(1)[0][0] if counts else None


def carries_claim_of(span: Span, claims: list[Claim], speaker: str | None) -> bool:
    return speaker is not None and any(c.speaker.name == speaker for c in claims_in(span, claims))


def sentence_candidates(doc: Doc) -> list[Candidate]:
    spans = [s for s in doc.sents if sum(1 for t in s if t.is_alpha) >= MIN_SENTENCE_WORDS]
    terms = [[t.lemma_.lower() for t in s if t.is_alpha and not t.is_stop] for s in spans]
    df = Counter(term for words in terms for term in set(words))
    n = len(spans)
    out = []
    for index, (span, words) in enumerate(zip(spans, terms, strict=True)):
        tf = Counter(words)
        vector = {w: (1 + math.log(c)) * math.log((1 + n) / (1 + df[w])) + 1e-9 for w, c in tf.items()}
        out.append(Candidate(index=index, span=span, vector=vector))
    return out


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def centrality(candidates: list[Candidate], iterations: int = 50) -> list[float]:
    """PageRank over the weighted sentence-similarity graph (power iteration)."""
    n = len(candidates)
    weights = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            weights[i, j] = weights[j, i] = cosine(candidates[i].vector, candidates[j].vector)
    out_sums = weights.sum(axis=1)
    out_sums[out_sums == 0] = 1.0
    transition = (weights / out_sums[:, None]).T
    rank = np.full(n, 1.0 / n)
    for _ in range(iterations):
        rank = (1 - DAMPING) / n + DAMPING * transition @ rank
    return rank.tolist()


def claims_in(span: Span, claims: list[Claim]) -> list[Claim]:
    return [c for c in claims if span.start_char <= c.content.start < span.end_char]


def eligible(span: Span, claims: list[Claim]) -> bool:
    """A sentence carrying a claim is usable only when its cue (and so its speaker) is in it too."""
    return all(span.start_char <= c.cue.start < span.end_char for c in claims_in(span, claims))


def attributed(span: Span, claims: list[Claim]) -> SummarySentence:
    """The sentence with pronoun or role-noun speakers replaced by the resolved name."""
    text = span.text.strip()
    base = span.start_char + (len(span.text) - len(span.text.lstrip()))
    edited = text
    for claim in sorted(claims_in(span, claims), key=lambda c: -c.cue.start):
        if names_speaker(edited, claim):
            continue
        mention = claim.speaker.mention
        position = edited.find(mention)
        if position < 0:
            continue
        replacement = short_name(claim)
        if position == 0:
            replacement = replacement[:1].upper() + replacement[1:]
        edited = edited[:position] + replacement + edited[position + len(mention):]
        edited = re.sub(rf"^{re.escape(replacement)}['’]s ", f"{replacement}'s ", edited)
    if edited == text:
        return SummarySentence(text=text, start=base, end=base + len(text))
    return SummarySentence(text=edited, start=base, end=base + len(text), edited=True, original=text)


def short_name(claim: Claim) -> str:
    """Surname for people ('Rogov'); organisations keep the mention's article ('the Ministry of Defence')."""
    name = claim.speaker.name
    if claim.speaker.kind == "named":
        return surname(name)
    possessive = "'s " in name or "’s " in name
    if claim.speaker.kind == "organization" and claim.speaker.mention.lower().startswith("the ") and not possessive:
        return "the " + name
    return name


def names_speaker(sentence: str, claim: Claim) -> bool:
    """Whether the sentence names the source: a person's surname, or an organisation's or
    unnamed source's full name (a generic 'the ministry' does not name one)."""
    lowered = sentence.lower()
    if claim.speaker.kind == "named":
        return re.search(rf"\b{re.escape(surname(claim.speaker.name).lower())}\b", lowered) is not None
    return claim.speaker.name.lower() in lowered
