"""The pairwise decision on sentences of our own: a pure function of two claims that says
whether they are one claim and why."""

from __future__ import annotations

from claimledger.ledger import claim_view, match
from claimledger.ledger.names import compare_speakers, speaker_name
from ledger_helpers import stored_claim


def decide(a, b, **kwargs):
    return match(claim_view(a), claim_view(b), **kwargs)


def test_a_quote_split_into_two_claims_matches_the_whole_quote_by_sentence():
    whole = stored_claim("The valve failed during the storm, and rainwater got into the treated supply. Since then "
                         "our crews have taken samples across the whole network. Every sample has come back clear.",
                         article="radio", speaker="Joanna Trewin")
    part = stored_claim("Every sample has come back clear", article="journal", speaker="Trewin")
    decision = decide(whole, part)
    assert decision.same and decision.content == 1.0


def test_containment_counts_the_shorter_wording_not_the_union():
    long = stored_claim("The affected cheeses went to nearly 300 stores in three provinces, and we are working with "
                        "every one of them to clear the shelves today", article="release", speaker="Martin Delorey")
    short = stored_claim("our cheese went to around 300 stores", article="interview", speaker="Delorey")
    decision = decide(long, short)
    assert decision.same and decision.figures == "agree"


def test_transliterations_misspellings_and_a_dropped_first_name_are_one_speaker():
    for a, b in [("Radoslaw Sikorski", "Sikorsky"), ("Sikorski", "Sikorskiy"), ("Oleg Shuvaikin", "Oleg Shouvaikin"),
                 ("Teodor Vasylenko", "Wasylenko"), ("Lena Sjöberg", "Lena Sjoberg")]:
        assert compare_speakers(speaker_name(a, "named"), speaker_name(b, "named")).agreement == "same", (a, b)


def test_two_people_with_different_names_disagree_but_a_role_word_taken_for_a_name_does_not():
    different = compare_speakers(speaker_name("Helena Brandt", "named"), speaker_name("Ola Rustad", "named"))
    assert different.agreement == "different"
    role = compare_speakers(speaker_name("President", "named"), speaker_name("Martin Delorey", "named"))
    assert role.agreement == "unknown"


def test_a_wrong_speaker_does_not_hide_a_near_verbatim_claim_and_the_disagreement_is_reported():
    text = "the plant's reservoir had been contaminated by stormwater after the seal on its inlet valve failed"
    a = stored_claim(text, article="wire", speaker="Joanna Trewin")
    b = stored_claim(text, article="reprint", speaker="Graham Ostler", published="2026-02-10T09:00:00+00:00")
    decision = decide(a, b)
    assert decision.same
    assert "Joanna Trewin" in decision.speaker_disagreement and "Graham Ostler" in decision.speaker_disagreement


def test_different_people_saying_similar_things_in_their_own_words_stay_apart():
    a = stored_claim("measurements found no dangerous levels of gas in the smoke from the warehouse",
                     article="one", speaker="Helena Brandt")
    b = stored_claim("no dangerous levels of gas were found near the warehouse", article="two", speaker="Ola Rustad")
    assert not decide(a, b).same


def test_figures_that_cannot_both_be_right_keep_two_claims_apart():
    a = stored_claim("air defences destroyed 38 drones over the border regions overnight", article="monday",
                     speaker="Defence Ministry", kind="organization")
    b = stored_claim("air defences destroyed 46 drones over the border regions overnight", article="tuesday",
                     speaker="Defence Ministry", kind="organization", published="2026-02-10T09:00:00+00:00")
    decision = decide(a, b)
    assert not decision.same and decision.figures == "conflict"
    assert decide(a, b, rewrites=True).same  # in a rewrite of one story the changed figure is drift


def test_a_denial_is_a_contradiction_not_an_appearance():
    claim = stored_claim("the plant has lost 5,000 engineers since March", article="one")
    denial = stored_claim("the plant has not lost 5,000 engineers since March", article="two", speaker="Marta Kos")
    decision = decide(claim, denial)
    assert not decision.same and "denies" in decision.describe()


def test_a_contrast_inside_a_claim_is_not_a_denial():
    a = stored_claim("the fire started in a storage container in the yard, not in the plant itself", article="one",
                     speaker="NordCell", kind="organization")
    b = stored_claim("the fire started in a storage container in the yard", article="two", speaker="NordCell",
                     kind="organization")
    assert decide(a, b).same


def test_the_same_formula_a_week_later_is_another_statement():
    a = stored_claim("another attempt by the regime to attack civilian infrastructure in the northern region has been "
                     "thwarted", article="first", speaker="Defence Ministry", kind="organization",
                     published="2026-02-02T06:00:00+00:00")
    b = stored_claim("the attempt by the regime to attack fuel facilities in the western region has been thwarted",
                     article="second", speaker="Defence Ministry", kind="organization",
                     published="2026-02-09T06:00:00+00:00")
    decision = decide(a, b)
    assert not decision.same and "days apart" in decision.describe()


def test_shared_names_alone_do_not_make_one_claim():
    a = stored_claim("Genome sequencing linked two cases to Harbour Blue cheese bought in Port Averill",
                     article="one", speaker="Priya Mandal")
    b = stored_claim("its Harbour Blue and Averill Brie cheeses", article="two", speaker="Quill Creek",
                     kind="organization")
    assert not decide(a, b).same


def test_two_claims_of_one_article_are_never_one_claim():
    a = stored_claim("the ministry would raise salaries at the plant from April", article="same", number=1)
    b = stored_claim("the ministry would raise salaries at the plant from April", article="same", number=2)
    assert not decide(a, b).same


def test_the_decision_gives_its_reasons_in_words():
    a = stored_claim("about 5,000 engineers had left the turbine plant since March", article="radio")
    b = stored_claim("around 5,000 engineers had quit the turbine plant since March", article="wire",
                     speaker="Teodor Vasilenko")
    reasons = decide(a, b).describe()
    assert "spelled two ways" in reasons and "figures agree" in reasons and "content words shared" in reasons


def test_the_embedding_matcher_is_held_by_the_same_guards_as_the_lexical_one():
    from claimledger.ledger.semantic import semantic_decision

    said = stored_claim("the co-operative had received no reports of illness linked to the cheeses", article="one",
                        speaker="Quill Creek", kind="organization")
    reworded = stored_claim("it was not aware of any customers falling ill after eating the cheeses", article="two",
                            speaker="Quill Creek Dairy", kind="organization")
    assert semantic_decision(claim_view(said), claim_view(reworded), 0.77).same
    assert not semantic_decision(claim_view(said), claim_view(reworded), 0.4).same
    night = stored_claim("air defences destroyed 38 drones overnight", article="a", speaker="Defence Ministry",
                         kind="organization")
    other_night = stored_claim("air defences destroyed 46 drones overnight", article="b", speaker="Defence Ministry",
                               kind="organization")
    assert not semantic_decision(claim_view(night), claim_view(other_night), 0.97).same  # figures disagree
    minister = stored_claim("the plant has lost many engineers", article="c", speaker="Teodor Vasylenko")
    union = stored_claim("the plant has lost many engineers", article="d", speaker="Marta Kos")
    assert not semantic_decision(claim_view(minister), claim_view(union), 0.99).same  # two different people


def test_claims_in_two_languages_are_never_joined_and_the_decision_says_why():
    english = stored_claim("Nordcell will close the Kaluga plant in May and move 400 jobs to Riga",
                           article="wire", speaker="Teodor Vasylenko")
    quoted_in_russian_article = stored_claim("Nordcell will close the Kaluga plant in May and move 400 jobs to Riga",
                                             article="vedomosti", speaker="Teodor Vasylenko", language="ru")
    assert decide(english, stored_claim(english.content, article="reprint")).same
    decision = decide(english, quoted_in_russian_article)
    assert not decision.same and "the ledger compares claims within one language" in decision.reasons
