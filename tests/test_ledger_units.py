"""The unit of recomputation: appearances joined by accepted decisions, and whole articles
joined when they are rewrites of one another. The ledger built unit by unit is the ledger
built in one piece, and a unit clustered on its own (deciding its pairs itself) gives the same
entries as its share of a whole corpus's decisions: what lets ingest recompute only the units
a new article touches."""

from __future__ import annotations

from claimledger.ledger import appearances, build_units, claim_view, describe_entry, describe_unit, entries_of
from claimledger.ledger.clusters import cluster_views, decide_all, units
from ledger_helpers import stored_claim


def one_piece(claims):
    """The ledger as it was built before units: every appearance clustered at once."""
    views = [claim_view(c) for c in appearances(claims)]
    by_id = {v.claim.id: v for v in views}
    entries = [describe_entry(d.members, d.links, by_id) for d in cluster_views(views)
               if not all(c.headline for c in d.members)]
    return sorted(entries, key=lambda e: (-e.appearances, e.id))


def test_the_ledger_built_unit_by_unit_is_the_ledger_built_in_one_piece(corpus_store):
    claims = corpus_store.claims()
    assert entries_of(build_units(claims)) == one_piece(claims)


def test_a_unit_clustered_on_its_own_gives_the_entries_it_has_in_the_whole_corpus(corpus_store):
    views = {v.claim.id: v for v in map(claim_view, appearances(corpus_store.claims()))}
    built = build_units(corpus_store.claims())
    assert any(len(unit.entries) > 1 for unit in built) or any(len(unit.members) > 2 for unit in built)
    for unit in built:
        assert describe_unit([views[i] for i in unit.members]) == unit


def test_units_are_disjoint_and_cover_every_appearance(corpus_store):
    claims = corpus_store.claims()
    members = [i for unit in build_units(claims) for i in unit.members]
    assert sorted(members) == sorted(c.id for c in appearances(claims))


WIRE = [("about 5,000 engineers have left the Lesna turbine plant since March", "Teodor Vasylenko"),
        ("the plant makes turbines for most of the country's hydro stations", "Teodor Vasylenko"),
        ("the ministry will open a training centre for turbine engineers in Lesna next year", "Teodor Vasylenko")]


def article(name, published, sentences):
    return [stored_claim(text, article=name, speaker=speaker, published=published, number=n + 1,
                         context=f"{speaker} said {text}. The plant in Lesna has struggled to hire since autumn.")
            for n, (text, speaker) in enumerate(sentences)]


def test_two_rewrites_of_one_story_are_one_unit_with_all_their_claims():
    rewrite = [WIRE[0], WIRE[1], ("the government has no plan to subsidise the plant's wages", "Teodor Vasylenko")]
    claims = article("wire", "2026-02-09T09:00:00+00:00", WIRE) + article("copy", "2026-02-09T12:00:00+00:00",
                                                                          rewrite)
    views = [claim_view(c) for c in claims]
    groups = units(views, decide_all(views))
    # the third claims differ, and still sit in the unit: whether the articles are rewrites
    # decides their pairs, and that is known only from all the pairs between the two articles
    assert [sorted(views[i].claim.id for i in unit) for unit in groups] == [sorted(c.id for c in claims)]


def test_unrelated_claims_of_unrelated_articles_are_units_of_their_own():
    ferry = [("two electric ships were ordered from a shipyard in Turku", "Mikko Laine")]
    claims = article("wire", "2026-02-09T09:00:00+00:00", WIRE[:1]) + article("ferry", "2026-02-10T09:00:00+00:00",
                                                                              ferry)
    views = [claim_view(c) for c in claims]
    assert units(views, decide_all(views)) == [[0], [1]]
