"""The ledger built unit by unit (see `clusters.units`): the one piece of code that turns
appearances into entries, whether for a whole corpus (`ledger --rebuild`), for the units a new
article touches (ingest), or for one unit on a Dask worker."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from claimledger.ledger.clusters import cluster_views, decide_all, units
from claimledger.ledger.headlines import headline_claims
from claimledger.ledger.match import MatchDecision
from claimledger.ledger.provenance import describe_entry
from claimledger.ledger.semantic import semantic_pairs
from claimledger.ledger.views import ClaimView, claim_view
from claimledger.records import LedgerEntry, StoredClaim

Pairs = dict[tuple[int, int], MatchDecision]
PROGRESS_EVERY = 500  # units between two progress reports


@dataclass(frozen=True)
class LedgerUnit:
    """One unit of recomputation: its appearances' ids (claims and headlines) and its entries
    (an entry that is only a headline is left out: a headline repeats its own article)."""

    members: tuple[str, ...]
    entries: tuple[LedgerEntry, ...]

    @property
    def id(self) -> str:
        """The unit's name: its first member's id (units are disjoint)."""
        return self.members[0]


def appearances(claims: list[StoredClaim]) -> list[StoredClaim]:
    """The claims and their articles' headline appearances, in the order of `appearance_key`."""
    return sorted([*claims, *headline_claims(claims)], key=appearance_key)


def appearance_key(claim: StoredClaim) -> tuple[bool, bool, str, str, int, str]:
    """The order in which a ledger considers appearances (it breaks ties between equally strong
    decisions): by publication instant (undated last), article id and position in the article,
    headlines after every body claim. It depends on the appearances alone, not on the order they
    were stored in, so that every path, and every ingestion order, makes the same choices."""
    local = claim.id.rsplit("-", 1)[-1]  # 'c12'
    instant = claim.published_at.isoformat() if claim.published_at is not None else ""
    return (claim.headline, claim.published_at is None, instant, claim.article_id, len(local), local)


def describe_unit(views: list[ClaimView], decisions: Pairs | None = None,
                  extra: list[tuple[tuple[int, int], MatchDecision]] | None = None) -> LedgerUnit:
    """The entries of one unit's appearances; `decisions`: the unit's share of decisions made
    over more appearances, indexed in the order of `views`, which must then be `appearance_key`
    order (else the decisions are made here, the same ones, see `clusters`, and the views are
    put in that order first)."""
    if decisions is None:
        views = sorted(views, key=lambda v: appearance_key(v.claim))
    by_id = {v.claim.id: v for v in views}
    entries = [describe_entry(d.members, d.links, by_id) for d in cluster_views(views, extra or (), decisions)
               if not all(c.headline for c in d.members)]
    return LedgerUnit(members=tuple(v.claim.id for v in views), entries=tuple(entries))


def build_units(claims: list[StoredClaim], semantic: bool = False) -> list[LedgerUnit]:
    """Every unit of these claims (and their headlines) with its entries."""
    return cluster_units([claim_view(c) for c in appearances(claims)], semantic=semantic)


def cluster_units(views: list[ClaimView], keys: list[frozenset[int]] | None = None, semantic: bool = False,
                  on_unit: Callable[[int, int], None] | None = None) -> list[LedgerUnit]:
    """The units of these appearances (claims and headlines alike; considered in
    `appearance_key` order) with their entries: pairs decided once over all of them (`keys`: their band keys, when
    already computed), then each unit clustered and described on its own; `on_unit(done, total)`
    follows the units."""
    order = sorted(range(len(views)), key=lambda i: appearance_key(views[i].claim))
    views = [views[i] for i in order]
    keys = [keys[i] for i in order] if keys is not None else None
    decisions = decide_all(views, keys)
    extra = list(semantic_pairs(views)) if semantic else []
    groups = units(views, decisions, extra)
    place = {}  # appearance index -> (its unit, its index within the unit)
    for u, members in enumerate(groups):
        for k, i in enumerate(members):
            place[i] = (u, k)
    shares: list[Pairs] = [{} for _ in groups]
    extras: dict[int, list[tuple[tuple[int, int], MatchDecision]]] = defaultdict(list)
    for (i, j), decision in decisions.items():
        (u, a), (w, b) = place[i], place[j]
        if u == w:
            shares[u][(a, b)] = decision
    for (i, j), decision in extra:
        (u, a), (w, b) = place[i], place[j]
        if u == w:
            extras[u].append(((a, b), decision))
    described = []
    for u, members in enumerate(groups):
        described.append(describe_unit([views[i] for i in members], shares[u], extras[u]))
        if on_unit is not None and (u % PROGRESS_EVERY == 0 or u == len(groups) - 1):
            on_unit(u + 1, len(groups))
    return described


def entries_of(ledger_units: list[LedgerUnit]) -> list[LedgerEntry]:
    """The entries of these units, most repeated first."""
    return sorted((e for unit in ledger_units for e in unit.entries), key=lambda e: (-e.appearances, e.id))
