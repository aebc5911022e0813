"""An entry described from its appearances alone (`describe_entry`, a pure function): time
order by instant, origins as statement events with the reason for each copy, drift on ranges,
headline appearances, and the entry's id."""

from __future__ import annotations

from claimledger.ledger import build_ledger, describe_entry
from claimledger.ledger.headlines import headline_parts
from ledger_helpers import stored_claim

CLAIM = "about 5,000 engineers had left the turbine plant since March"


def by_article(entry):
    return {a.article_id: a for a in entry.appearance_list}


def test_first_appearance_is_the_earliest_instant_not_the_earliest_string():
    later = stored_claim(CLAIM, article="plus-one", published="2026-02-09T07:30:00+01:00")  # 06:30 UTC
    earlier = stored_claim(CLAIM, article="plus-two", published="2026-02-09T08:00:00+02:00")  # 06:00 UTC
    entry = describe_entry([later, earlier])
    assert entry.first_appearance.article_id == "plus-two"
    assert [a.article_id for a in entry.appearance_list] == ["plus-two", "plus-one"]
    assert entry.id == earlier.id  # the entry is named after its first appearance


def test_undated_appearances_come_after_dated_ones_in_ingestion_order_and_say_so():
    undated_first = stored_claim(CLAIM, article="undated-a", published=None, sequence=1)
    undated_second = stored_claim(CLAIM, article="undated-b", published=None, sequence=2)
    dated = stored_claim(CLAIM, article="dated", published="2026-02-12T00:00:00+00:00", sequence=3)
    entry = describe_entry([undated_second, dated, undated_first])
    assert [a.article_id for a in entry.appearance_list] == ["dated", "undated-a", "undated-b"]
    assert [a.undated for a in entry.appearance_list] == [False, True, True]


def test_a_reprinted_paragraph_is_a_copy_and_says_of_what():
    paragraph = "KALVO, Feb 9 (Nordwire) - Energy minister Teodor Vasylenko said about 5,000 engineers had left."
    wire = stored_claim(CLAIM, article="wire", site="nordwire.example", context=paragraph)
    reprint = stored_claim(CLAIM, article="reprint", site="harbour.example", context=paragraph,
                           published="2026-02-12T00:00:00+00:00")
    copy = by_article(describe_entry([wire, reprint]))["reprint"]
    assert copy.copied_from == wire.id and "near copy of nordwire.example" in copy.provenance


def test_a_report_that_names_the_outlet_of_an_earlier_appearance_copies_it():
    interview = stored_claim(CLAIM, article="radio", site="radiokalvo.example",
                             context=f"Teodor Vasylenko told Radio Kalvo on Monday that {CLAIM}.")
    rewrite = stored_claim(CLAIM, article="wire", site="nordwire.example", published="2026-02-10T20:00:00+00:00",
                           context=f"The minister told the broadcaster Radio Kalvo that {CLAIM}, an aide said.")
    entry = describe_entry([interview, rewrite])
    assert entry.origins == 1
    assert "names radiokalvo.example" in by_article(entry)["wire"].provenance


def test_the_source_speaking_to_the_outlet_itself_is_a_new_origin_even_hours_later():
    wire = stored_claim(CLAIM, article="wire", site="nordwire.example",
                        context=f"KALVO, Feb 9 (Nordwire) - Energy minister Teodor Vasylenko said {CLAIM}.")
    interview = stored_claim(CLAIM, article="daily", site="Kalvo Daily", published="2026-02-09T12:00:00+00:00",
                             context=f"In an interview with the Kalvo Daily at his office, the minister said {CLAIM}.")
    entry = describe_entry([wire, interview])
    assert entry.origins == 2
    assert by_article(entry)["daily"].provenance == "the source spoke to Kalvo Daily itself"


def test_a_rewrite_within_hours_is_the_same_statement_even_with_every_paragraph_rewritten():
    first = stored_claim(CLAIM, article="first", context=f"Vasylenko said on Monday that {CLAIM}.")
    rewrite = stored_claim("some 5,000 engineers quit the turbine plant since March", article="rewrite",
                           speaker="Vasylenko", published="2026-02-09T15:00:00+00:00",
                           context="The exodus, which the minister described on Monday, worries the industry.")
    copy = by_article(describe_entry([first, rewrite]))["rewrite"]
    assert copy.copied_from == first.id and copy.provenance.startswith("the same statement retold")


def test_the_same_source_speaking_on_another_day_is_a_new_origin():
    monday = stored_claim(CLAIM, article="monday", context=f"Teodor Vasylenko told reporters on Monday that {CLAIM}.")
    tuesday = stored_claim(CLAIM, article="tuesday", published="2026-02-10T09:00:00+00:00",
                           context=f"Speaking in parliament on Tuesday, Teodor Vasylenko said {CLAIM}.")
    entry = describe_entry([monday, tuesday])
    assert entry.origins == 2 and "Tuesday" in by_article(entry)["tuesday"].provenance


def test_another_source_is_another_origin():
    minister = stored_claim(CLAIM, article="minister")
    union = stored_claim(CLAIM, article="union", speaker="Marta Kos", published="2026-02-09T10:00:00+00:00",
                         context=f"Union leader Marta Kos, who represents the plant's staff, told members {CLAIM}.")
    entry = describe_entry([minister, union])
    assert entry.origins == 2 and by_article(entry)["union"].provenance.startswith("another source")


def test_every_appearance_says_why_it_is_a_copy_or_an_origin():
    claims = [stored_claim(CLAIM, article=f"a{i}", published=f"2026-02-0{i}T09:00:00+00:00") for i in range(1, 5)]
    assert all(a.provenance for a in describe_entry(claims).appearance_list)


def test_rounding_is_not_drift_but_ranges_that_cannot_meet_are():
    def drift(*figures: str) -> bool:
        claims = [stored_claim(f"{figure} residents were evacuated from their homes overnight", article=f"a{i}")
                  for i, figure in enumerate(figures)]
        return describe_entry(claims).drift

    assert not drift("nearly 300", "about 300", "almost 300", "around 300")
    assert drift("several dozen", "hundreds")
    assert not drift("fewer than 15", "14")
    assert drift("fewer than 15", "15")
    assert not drift("more than 20,000", "25,000")
    assert drift("more than 20,000", "20,000")


def test_drift_compares_only_figures_that_count_the_same_thing():
    claims = [stored_claim("46 drones were destroyed over four regions overnight", article="a"),
              stored_claim("46 drones were destroyed overnight, two of them over the capital", article="b")]
    assert not describe_entry(claims).drift


def test_a_headline_that_states_an_attributed_claim_is_an_appearance_of_its_article():
    assert headline_parts("Minister: 5,000 engineers have left") == ("Minister", "5,000 engineers have left")
    assert headline_parts("Drones hit fuel depot in Bryansk, General Staff says")[0] == "General Staff"
    assert headline_parts("Recall: two soft cheeses (Listeria)") is None  # a label, not a source
    assert headline_parts("Engineers leave turbine plant") is None  # no attribution
    body = stored_claim(CLAIM, article="radio", title="Minister: 5,000 engineers have left the turbine plant")
    other = stored_claim("around 5,000 engineers had quit the turbine plant since March", article="wire",
                         published="2026-02-09T10:00:00+00:00")
    entry = next(e for e in build_ledger([body, other], semantic=False) if e.appearances > 1)
    headline = next(a for a in entry.appearance_list if a.headline)
    assert headline.article_id == "radio" and headline.copied_from == body.id
    assert entry.origins == 1  # the headline repeats its own article: no origin of its own
    assert entry.appearances == 2 == len(entry.by_article())  # seen in two articles, not three appearances
    assert not any(a.headline for a in entry.by_article())  # the body speaks for its article


def test_an_entry_of_copies_with_a_wrong_speaker_reports_the_disagreement_on_the_appearance():
    text = "the plant's reservoir had been contaminated by stormwater after the seal on its inlet valve failed"
    right = stored_claim(text, article="radio", speaker="Joanna Trewin")
    wrong = stored_claim(text, article="reprint", speaker="Graham Ostler", published="2026-02-09T11:00:00+00:00")
    entry = next(e for e in build_ledger([right, wrong], semantic=False) if e.appearances > 1)
    assert any(a.speaker_disagreement for a in entry.appearance_list)
    assert all(a.matched for a in entry.appearance_list)
