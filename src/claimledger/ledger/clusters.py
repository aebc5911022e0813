"""From pairwise decisions to ledger entries.

1. Candidate pairs: claims that share a MinHash LSH band key and two content words (`bands`).
2. Each candidate pair is decided by `match`. Articles that share two near-verbatim claims, or
   a near-identical paragraph, are rewrites of one story; their remaining pairs are decided
   again knowing that (an inflated figure in a rewrite is drift, not another claim).
3. Accepted pairs are merged strongest first into entries, and a merge is refused when it
   would put two body claims of one article into one entry (an article does not repeat a claim
   as two claims) or join two sets of people none of whom agree by name.

The unit of recomputation (`units`): a connected component of the graph whose nodes are the
appearances and whose edges are the accepted decisions, plus, for two articles that are
rewrites of one another, all the appearances of both. Clustering is local to a unit: merges
follow accepted edges only, the constraints look inside the component, a headline attaches
along its own accepted pair, and whether two articles are rewrites depends only on the pairs
between them, which a unit holds whole when they are (and when they are not, a unit sees at
most the pairs the whole corpus does, so it cannot make them rewrites). So the entries of a
corpus are the union over its units of `cluster_views(unit)`, and a ledger can be built unit
by unit: all at once (`ledger --rebuild`), only the units a new article touches (ingest), or
in parallel (Dask).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from claimledger.ledger.bands import candidate_pairs
from claimledger.ledger.match import MatchDecision, match
from claimledger.ledger.names import SpeakerName, compare_people
from claimledger.ledger.views import ClaimView
from claimledger.records import StoredClaim
from claimledger.text import words as tokens

# Two articles are rewrites of one story when they share this many claims near word for word...
REWRITE_CLAIMS = 2
REWRITE_CONTENT = 0.8
# ...or one paragraph: word-trigram Jaccard of the paragraphs around two appearances...
COPY_CONTEXT = 0.5
# ...and are published within two days of each other: an agency's daily report reuses its own
# paragraphs about another night's events.
REWRITE_HOURS = 48


@dataclass(frozen=True)
class Link:
    """The accepted decision that put a claim into its entry, and the claim on the other side."""

    other: str
    decision: MatchDecision


@dataclass
class ClusterDraft:
    members: list[StoredClaim]
    links: dict[str, Link] = field(default_factory=dict)


@lru_cache(maxsize=8192)  # a paragraph is compared with every appearance around it
def trigrams(text: str) -> frozenset[tuple[str, ...]]:
    words = tokens(text)
    return frozenset(tuple(words[i : i + 3]) for i in range(max(len(words) - 2, 1))) if words else frozenset()


def context_overlap(a: StoredClaim, b: StoredClaim) -> float:
    x, y = trigrams(a.context), trigrams(b.context)
    return len(x & y) / len(x | y) if x or y else 0.0


@dataclass(frozen=True)
class RewriteEvidence:
    """What one decided pair says about whether its two articles are rewrites of one story."""

    articles: frozenset[str]
    near_verbatim: bool  # the two wordings are near word for word the same, by one source
    copied_paragraph: bool  # the paragraphs around them are near copies


def rewrite_evidence(a: ClaimView, b: ClaimView, decision: MatchDecision) -> RewriteEvidence | None:
    """The evidence of one pair, None when it says nothing (rejected, a headline, days apart)."""
    x, y = a.claim, b.claim
    if not decision.same or x.headline or y.headline or not close_in_time(x, y):
        return None
    verbatim = decision.content >= REWRITE_CONTENT and decision.speakers.agreement != "different"
    return RewriteEvidence(articles=frozenset((x.article_id, y.article_id)), near_verbatim=verbatim,
                           copied_paragraph=context_overlap(x, y) >= COPY_CONTEXT)


def rewrites_from(evidence: Iterable[RewriteEvidence]) -> set[frozenset[str]]:
    """Article pairs with a copied paragraph, or with REWRITE_CLAIMS near-verbatim claims."""
    near_verbatim: Counter[frozenset[str]] = Counter()
    pairs = set()
    for item in evidence:
        near_verbatim[item.articles] += item.near_verbatim
        if item.copied_paragraph:
            pairs.add(item.articles)
    return pairs | {k for k, n in near_verbatim.items() if n >= REWRITE_CLAIMS}


def rewritten_articles(views: list[ClaimView], decisions: dict[tuple[int, int], MatchDecision]) -> set[frozenset[str]]:
    """Pairs of articles that are rewrites of one story (see the module docstring)."""
    found = (rewrite_evidence(views[i], views[j], d) for (i, j), d in decisions.items())
    return rewrites_from(e for e in found if e is not None)


def close_in_time(a: StoredClaim, b: StoredClaim) -> bool:
    if a.published_at is None or b.published_at is None:
        return True
    return abs((a.published_at - b.published_at).total_seconds()) <= REWRITE_HOURS * 3600


def headline_attachments(views: list[ClaimView], decisions: dict[tuple[int, int], MatchDecision]) -> dict[int, int]:
    """Headline -> the body claim of its own article that it states (the strongest match).
    An attached headline follows its body claim into whatever entry that joins; it is not a
    bridge between entries."""
    best: dict[int, tuple[float, int]] = {}
    for (i, j), decision in decisions.items():
        if decision.same and views[i].article == views[j].article:
            head, body = (i, j) if views[i].claim.headline else (j, i)
            if decision.strength > best.get(head, (-1.0, -1))[0]:
                best[head] = (decision.strength, body)
    return {head: body for head, (_, body) in best.items()}


def decide_all(views: list[ClaimView],
               keys: list[frozenset[int]] | None = None) -> dict[tuple[int, int], MatchDecision]:
    """The accepted decisions of every candidate pair, rewrites taken into account; `keys`: the
    band keys of the views, when already computed. Rejected decisions are not kept: nothing
    downstream reads them (units, merges and headlines follow accepted pairs, and a pair of
    rewritten articles is decided again), and over a whole store they are most of the pairs."""
    decisions = {(i, j): decision for i, j in candidate_pairs(views, keys)
                 if (decision := match(views[i], views[j])).same}
    rewrites = rewritten_articles(views, decisions)
    if rewrites:
        by_article: dict[str, list[int]] = defaultdict(list)
        for i, view in enumerate(views):
            by_article[view.article].append(i)
        for pair in rewrites:
            x, y = sorted(pair)
            for i in by_article[x]:
                for j in by_article[y]:
                    key = (min(i, j), max(i, j))
                    if key not in decisions and (decision := match(views[key[0]], views[key[1]], rewrites=True)).same:
                        decisions[key] = decision
    return decisions


@cache
def people_agree(a: SpeakerName, b: SpeakerName) -> bool:
    return compare_people(a, b).agreement == "same"


class Entries:
    """Union-find over claims that refuses merges an entry cannot hold."""

    def __init__(self, views: list[ClaimView]):
        self.views = views
        self.parent = list(range(len(views)))
        # a headline does not count: it may share an entry with its own article's body claim
        self.articles = [frozenset() if v.claim.headline else frozenset({v.article}) for v in views]
        self.people: list[frozenset[SpeakerName]] = [frozenset({v.speaker}) if v.speaker.person else frozenset()
                                                     for v in views]
        self.links: dict[int, Link] = {}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def merge(self, i: int, j: int, decision: MatchDecision) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj or self.articles[ri] & self.articles[rj]:
            return False
        if decision.speakers.agreement != "different" and self.people[ri] and self.people[rj] \
                and not any(people_agree(x, y) for x in self.people[ri] for y in self.people[rj]):
            return False
        self.parent[rj] = ri
        self.articles[ri] |= self.articles[rj]
        self.people[ri] |= self.people[rj]
        for member, other in ((j, i), (i, j)):
            self.links.setdefault(member, Link(self.views[other].claim.id, decision))
        return True


def units(views: list[ClaimView], decisions: dict[tuple[int, int], MatchDecision],
          extra: Iterable[tuple[tuple[int, int], MatchDecision]] = ()) -> list[list[int]]:
    """The units of recomputation (see the module docstring) of these appearances, given their
    decisions (`decide_all`) and any `extra` accepted pairs: lists of indices, each in
    ascending order, ordered by their first index."""
    ends = [pair for pair, d in decisions.items() if d.same] + [pair for pair, d in extra if d.same]
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, view in enumerate(views):
        by_article[view.article].append(i)
    for pair in rewritten_articles(views, decisions):
        x, *rest = [i for article in sorted(pair) for i in by_article[article]]
        ends += [(x, y) for y in rest]
    rows = np.fromiter((i for i, _ in ends), dtype=np.int64, count=len(ends))
    cols = np.fromiter((j for _, j in ends), dtype=np.int64, count=len(ends))
    graph = coo_matrix((np.ones(len(ends), dtype=np.int8), (rows, cols)), shape=(len(views), len(views)))
    _, labels = connected_components(graph, directed=False)
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels.tolist()):
        groups.setdefault(label, []).append(i)
    return list(groups.values())


def cluster_views(views: list[ClaimView], extra: Iterable[tuple[tuple[int, int], MatchDecision]] = (),
                  decisions: dict[tuple[int, int], MatchDecision] | None = None) -> list[ClusterDraft]:
    """Ledger entries as groups of claims, each member with the decision that brought it in.
    `extra`: accepted decisions from another matcher (the embedding model); `decisions`: those
    of `decide_all(views)` when already made (a unit's share of a whole corpus's decisions)."""
    decisions = decide_all(views) if decisions is None else decisions
    attached = headline_attachments(views, decisions)
    accepted = [(pair, d) for pair, d in decisions.items() if d.same]
    accepted += [(pair, d) for pair, d in extra if pair not in decisions or not decisions[pair].same]
    entries = Entries(views)
    for (i, j), decision in sorted(accepted, key=lambda item: (-item[1].strength, item[0])):
        if i not in attached and j not in attached:
            entries.merge(i, j, decision)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(views)):
        if i in attached:
            body = attached[i]
            groups[entries.find(body)].append(i)
            entries.links[i] = Link(views[body].claim.id, decisions[(min(i, body), max(i, body))])
        else:
            groups[entries.find(i)].append(i)
    return [ClusterDraft(members=[views[i].claim for i in members],
                         links={views[i].claim.id: entries.links[i] for i in members if i in entries.links})
            for members in groups.values()]
