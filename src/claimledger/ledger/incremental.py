"""What a new article changes in a stored ledger: the units its appearances join.

The entries of a corpus are the union of `cluster_units` over its units (see `clusters`), and a
new article only adds edges that touch its own appearances: an accepted decision between one
of them and an earlier appearance, or a rewrite between the new article and an earlier one
(which pulls in all of that article's appearances). Every other unit keeps its entries. So the
update at ingest is:

1. the new article's appearances (claims and headline) and their band keys (stored);
2. the earlier appearances that share a band key with one of them (an index lookup), of which
   only those that `match` may accept with a new one that shares the key are loaded
   (`worth_loading`, on the stems stored beside the keys): the buckets of a band key grow with
   the store, and most of what they hold is rejected there;
3. `touched`: the pairs between new and found appearances decided as the full build decides
   them, and the articles that are rewrites of the new one;
4. every member of the units those reach, plus the new appearances, clustered again by
   `cluster_units`, which replaces exactly the entries of those units.

The result is the entries a full rebuild gives (tests/test_ledger_incremental.py ingests
corpora in different orders and compares with `ledger --rebuild`).
"""

from __future__ import annotations

from dataclasses import dataclass

from claimledger.ledger.bands import StoredStems, candidate_pairs, comparable
from claimledger.ledger.clusters import rewritten_articles
from claimledger.ledger.match import below_every_bar, compare_figures, content_overlap, match
from claimledger.ledger.views import ClaimView


@dataclass(frozen=True)
class Touch:
    """Where a new article's appearances join the stored ledger."""

    appearances: frozenset[str]  # earlier appearances accepted as the same claim as a new one
    articles: frozenset[str]  # earlier articles that are rewrites of the new one: all their units join


def touched(new: list[ClaimView], new_keys: list[frozenset[int]], found: list[ClaimView],
            found_keys: list[frozenset[int]]) -> Touch:
    """The earlier appearances and articles the `new` ones (one article's) reach. `found`: the
    earlier appearances that share a band key with a new one, `found_keys` their keys (those
    shared with the new ones are enough)."""
    views = [*new, *found]
    pairs = candidate_pairs(views, [*new_keys, *found_keys], first=len(new))
    decisions = {(i, j): match(views[i], views[j]) for i, j in pairs}
    joined = {views[j].claim.id for (i, j), d in decisions.items() if d.same and j >= len(new)}
    articles = {article for pair in rewritten_articles(views, decisions) for article in pair}
    return Touch(appearances=frozenset(joined), articles=frozenset(articles - {v.article for v in new}))


def worth_loading(new: list[ClaimView], new_keys: list[frozenset[int]], shared: dict[str, set[int]],
                  stored: dict[str, StoredStems]) -> set[str]:
    """The ids in `shared` (earlier appearance -> the band keys it shares with the new ones)
    that `candidate_pairs` pairs with a new appearance that `match` may accept, judged on their
    `stored` stems (`worth_deciding`). An id without stored stems is kept (it is decided on its
    claim), so no accepted pair is missed; the pairs left out are rejected pairs, which change
    no entry (a unit is made of accepted pairs, and articles found to be rewrites have all their
    pairs decided again when their units are clustered)."""
    holders: dict[int, list[int]] = {}
    for i, claim_keys in enumerate(new_keys):
        for key in claim_keys:
            holders.setdefault(key, []).append(i)
    kept = set()
    for claim_id, keys in shared.items():
        earlier = stored.get(claim_id)
        near = {i for key in keys for i in holders.get(key, ())}
        if earlier is None or any(worth_deciding(new[i], earlier) for i in near):
            kept.add(claim_id)
    return kept


def worth_deciding(new: ClaimView, earlier: StoredStems) -> bool:
    """Whether `candidate_pairs` proposes the pair and `match` may accept it: the part of the
    decision that needs only the two wordings' stems and figures."""
    if not comparable(new, earlier):
        return False
    figures = compare_figures(new.figure, earlier.figure)[0] if earlier.figure_known else None
    return not below_every_bar(content_overlap(new, earlier), new.headline or earlier.headline, figures)
