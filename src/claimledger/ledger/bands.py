"""Candidate pairs for the ledger from MinHash LSH band keys.

Two appearances are compared only when they share a band key: a hash of `ROWS` consecutive
MinHash values of their content stems (the whole wording, and each sentence of a
multi-sentence claim, since a quote printed as one paragraph in one outlet is split into
several claims in another). A band key depends on one claim alone, so it can be stored
beside the claim, looked up in an index when a new article arrives, or shuffled on Dask,
and every path proposes exactly the same pairs: the full rebuild, the incremental update at
ingest and the Dask build make the same decisions.

ROWS and BANDS were chosen on the five ledger corpora we have (tests/corpus, the two in
tests/ledger_corpora, ledger-dev and a held-out one): 48 bands of two rows over the wording
and its sentences propose every pair the previous inverted index of shared words proposed
that the decision accepts (the same entries on all five corpora). Buckets still grow with
the corpus (about 95 key-sharing pairs per claim at 16k synthetic claims against 24 at 4k);
three rows cut that about twentyfold but lose some of the weakest accepted paraphrases, so
the choice is left open (issue 17's note).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Protocol

import numpy as np
from datasketch import MinHash

from claimledger.ledger.views import ClaimView, Figure

ROWS = 2
BANDS = 48
# Fixed, with the hashing scheme: band keys are stored, so they must be the same in every
# process and every release.
SEED = 7
SCHEME = "affine32"
# Shared content words a candidate pair needs besides a shared band key (the decision needs
# more: `match.MIN_SHARED_WITH_FIGURE`); it keeps pairs that collide on two common words out.
MIN_SHARED_STEMS = 2


@cache
def template() -> MinHash:
    """Drawing the permutations is most of the cost of a small sketch: draw them once."""
    return MinHash(num_perm=ROWS * BANDS, seed=SEED, scheme=SCHEME)


def minhash_values(stems: Iterable[str]) -> np.ndarray:
    sketch = MinHash(num_perm=ROWS * BANDS, seed=SEED, permutations=template().permutations, scheme=SCHEME)
    sketch.update_batch([s.encode("utf-8") for s in sorted(stems)])
    return sketch.hashvalues


def set_band_keys(stems: frozenset[str]) -> set[int]:
    if not stems:
        return set()
    values = minhash_values(stems)
    keys = set()
    for band in range(BANDS):
        digest = hashlib.blake2b(values[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8,
                                 person=band.to_bytes(2, "big")).digest()
        keys.add(int.from_bytes(digest, "big", signed=True))  # signed: fits a BIGINT column
    return keys


def band_keys(view: ClaimView) -> frozenset[int]:
    """The band keys of an appearance: of its whole wording and of each of its sentences."""
    keys: set[int] = set()
    for stems in (view.stems, *view.sentences):
        keys |= set_band_keys(stems)
    return frozenset(keys)


@dataclass(frozen=True)
class BandedAppearance:
    """What the store keeps of an appearance for later ones to find it: its band keys, and its
    stems (whole and per sentence) and main figure for `comparable` and the part of `match`
    that needs no more."""

    id: str
    keys: frozenset[int]
    stems: frozenset[str]
    sentences: tuple[frozenset[str], ...]
    figure: Figure | None

    @classmethod
    def of(cls, view: ClaimView, keys: frozenset[int]) -> BandedAppearance:
        return cls(view.claim.id, keys, view.stems, view.sentences, view.figure)


class Comparand(Protocol):
    """What `comparable` reads of an appearance: a ClaimView, or a `StoredStems` row."""

    @property
    def article(self) -> str: ...
    @property
    def headline(self) -> bool: ...
    @property
    def stems(self) -> frozenset[str]: ...


@dataclass(frozen=True)
class StoredStems:
    """An appearance as the store keeps it beside its band keys: enough for `comparable` and
    `match.content_overlap`, so that an update at ingest rejects most of the appearances its
    keys find without loading their claims (the buckets of a band key grow with the store; the
    claims that pass grow far less)."""

    id: str
    article: str
    headline: bool
    stems: frozenset[str]
    sentences: tuple[frozenset[str], ...] = ()
    figure: Figure | None = None
    figure_known: bool = True  # False for an appearance stored before its figure was kept


def comparable(a: Comparand, b: Comparand) -> bool:
    """Whether two appearances that share a band key are worth deciding: two claims of one
    article are not one claim, but a headline may state its own article's body claim."""
    return (a.article != b.article or a.headline != b.headline) and len(a.stems & b.stems) >= MIN_SHARED_STEMS


# Stems are stored as one text, sorted and separated by spaces, and sentences' stems separated
# by '|': a stem is a run of letters and digits (`text.WORD`), so it holds neither, and the
# text is short (a claim has tens).
def encode_stems(stems: frozenset[str]) -> str:
    return " ".join(sorted(stems))


def decode_stems(text: str) -> frozenset[str]:
    return frozenset(text.split())


def encode_sentences(sentences: tuple[frozenset[str], ...]) -> str:
    return "|".join(encode_stems(s) for s in sentences)


def decode_sentences(text: str) -> tuple[frozenset[str], ...]:
    return tuple(decode_stems(s) for s in text.split("|")) if text else ()


def encode_figure(figure: Figure | None) -> str:
    """A figure as JSON, '' for none."""
    if figure is None:
        return ""
    return json.dumps({"text": figure.text, "low": figure.low, "high": figure.high, "unit": figure.unit,
                       "counted": sorted(figure.counted)})


def decode_figure(text: str) -> Figure | None:
    if not text:
        return None
    fields = json.loads(text)
    return Figure(text=fields["text"], low=fields["low"], high=fields["high"], unit=fields["unit"],
                  counted=frozenset(fields["counted"]))


def candidate_pairs(views: list[ClaimView], keys: list[frozenset[int]] | None = None,
                    first: int | None = None) -> set[tuple[int, int]]:
    """Index pairs (i < j) of appearances that share a band key and are comparable; with
    `first`, only the pairs whose i is below it (the pairs of new appearances placed first)."""
    keys = [band_keys(v) for v in views] if keys is None else keys
    limit = len(views) if first is None else first
    buckets: dict[int, list[int]] = defaultdict(list)
    for i, claim_keys in enumerate(keys):
        for key in claim_keys:
            buckets[key].append(i)
    pairs = set()
    for members in buckets.values():
        for x, i in enumerate(members):
            if i >= limit:  # members are in ascending order
                break
            for j in members[x + 1:]:
                if (i, j) not in pairs and comparable(views[i], views[j]):
                    pairs.add((i, j))
    return pairs
