"""The claim ledger on tests/corpus/outlets.jsonl, a multi-outlet corpus of our own writing:
one wire story (Baltic Wire) reprinted by three outlets with small edits, two independent
reports of the same claim, one outlet that inflates the number, and unrelated stories that
quote the same speaker."""

from __future__ import annotations

import pytest

from claimledger.records import StoredLedgerEntry


@pytest.fixture()
def ledger(corpus_store) -> list[StoredLedgerEntry]:
    """The ledger of the shared corpus store: these tests only read it."""
    return corpus_store.clusters(min_appearances=2)


def volunteers(ledger: list[StoredLedgerEntry]) -> StoredLedgerEntry:
    return next(c for c in ledger if "volunteers" in c.canonical and "joined" in c.canonical)


def test_the_volunteer_claim_is_one_cluster_across_seven_outlets(ledger):
    cluster = volunteers(ledger)
    sites = [a.site for a in cluster.appearance_list if not a.headline]
    assert sorted(sites) == sorted(["Baltic Wire", "North Post", "Evening Star", "Daily Brief", "Pulse News",
                                    "Daily Ledger", "Harbour Times"])
    assert cluster.speakers == ["Arvid Tamm"]


def test_first_appearance_is_the_wire_story(ledger):
    first = volunteers(ledger).first_appearance
    assert (first.site, first.published) == ("Baltic Wire", "2025-03-10T08:00:00+00:00")


def test_reprints_are_one_origin_and_independent_reports_count_separately(ledger):
    cluster = volunteers(ledger)
    assert cluster.origins == 3  # the wire story, the Daily Ledger interview, the Harbour Times report
    copies = {a.site for a in cluster.appearance_list if a.copied_from and not a.headline}
    assert copies == {"North Post", "Evening Star", "Daily Brief", "Pulse News"}
    chains = {tuple(link.site for link in chain) for chain in cluster.copy_chains}
    assert all(chain[0] == "Baltic Wire" for chain in chains)


def test_inflated_number_is_flagged_as_drift(ledger):
    cluster = volunteers(ledger)
    numbers = {a.site: a.number.text for a in cluster.appearance_list if a.number and not a.headline}
    assert numbers["Pulse News"] == "hundreds" and numbers["Baltic Wire"] == "several dozen"
    assert cluster.drift is True


def test_other_wire_claims_have_one_origin_and_no_drift(ledger):
    office = next(c for c in ledger if "recruitment office" in c.canonical)
    assert office.origins == 1 and office.drift is False


def test_unrelated_claims_by_the_same_speaker_stay_apart(ledger):
    for cluster in ledger:
        contents = " ".join(a.content for a in cluster.appearance_list)
        assert not ("budget" in contents and "volunteers" in contents)
