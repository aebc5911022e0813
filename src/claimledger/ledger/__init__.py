"""The claim ledger: the same claim across articles, its first appearance, how many
independent origins it really has, and whether its figures drift.

1. `views`: what is compared of each claim, read once (content stems without numbers, the main
   figure as a range with what it counts, the source's name, the outlets its paragraph names).
   Headlines that attribute a claim become appearances of their own (`headlines`).
2. `match`: the pairwise decision, a pure function of two claims with its reasons.
3. `clusters`: candidate pairs, decisions, and merges strongest first under the constraints an
   entry must keep; with the optional `semantic` extra, embedding pairs join them.
4. `provenance`: each entry described from its appearances alone: time order, copies and
   origins (statement events), drift.
5. `build`: the ledger unit by unit (a unit: the appearances joined by accepted decisions and
   rewrites, see `clusters.units`), so that the whole build, the update at ingest and the
   Dask build run the same code on the same units.

An entry's id is its first appearance's claim id, so it stays the same across re-ingests and
rebuilds; when an earlier article later becomes the first appearance, the old id still names
one of the entry's appearances and the web redirects to the new one.
"""

from __future__ import annotations

from claimledger.ledger.build import (
    LedgerUnit,
    appearance_key,
    appearances,
    build_units,
    cluster_units,
    describe_unit,
    entries_of,
)
from claimledger.ledger.clusters import ClusterDraft, cluster_views, units
from claimledger.ledger.headlines import headline_claim
from claimledger.ledger.match import MatchDecision, match
from claimledger.ledger.provenance import describe_entry
from claimledger.ledger.semantic import semantic_available, semantic_pairs
from claimledger.ledger.views import ClaimView, claim_view
from claimledger.records import LedgerEntry, StoredClaim

__all__ = ["ClaimView", "ClusterDraft", "LedgerUnit", "MatchDecision", "appearance_key", "appearances", "build_ledger",
           "build_units", "claim_view", "cluster_claims", "cluster_units", "describe_entry", "describe_unit",
           "entries_of", "headline_claim", "match", "semantic_available", "units"]


def cluster_claims(claims: list[StoredClaim],
                   semantic: bool = False) -> tuple[list[ClusterDraft], dict[str, ClaimView]]:
    """The claims (and their articles' headline appearances) grouped into entries."""
    views = [claim_view(c) for c in appearances(claims)]
    extra = semantic_pairs(views) if semantic else ()
    return cluster_views(views, extra), {v.claim.id: v for v in views}


def build_ledger(claims: list[StoredClaim], semantic: bool | None = None) -> list[LedgerEntry]:
    """Cluster and describe, most repeated first; `semantic=None` uses the embedding model
    when it is installed. An entry that is only a headline is left out: a headline repeats its
    own article."""
    semantic = semantic_available() if semantic is None else semantic
    return entries_of(build_units(claims, semantic=semantic))
