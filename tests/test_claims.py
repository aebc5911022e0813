"""Attributed claims on our own sentences: who said what, how, through which channel, how firmly."""

from __future__ import annotations

import pytest

from conftest import claim_with, only_claim


def test_direct_quote_with_speaker_after(analyze):
    claim = only_claim(analyze('"We will rebuild the bridge before the floods return," Mayor Lena Holt said.'))
    assert claim.quote == "direct"
    assert claim.speaker.name == "Lena Holt"
    assert claim.content.text == "We will rebuild the bridge before the floods return"
    assert claim.modality == "predicted"


def test_direct_quote_with_speaker_before_and_colon(analyze):
    claim = only_claim(analyze('Lena Holt said: "The bridge is safe. Engineers checked every cable last week."'))
    assert claim.quote == "direct"
    assert claim.content.text == "The bridge is safe. Engineers checked every cable last week"


def test_quote_continued_in_next_sentence_keeps_the_speaker(analyze):
    doc = analyze('"Nobody was hurt," fire chief Omar Reyes told reporters. "The building was empty at the time."')
    assert [c.speaker.name for c in doc.claims] == ["Omar Reyes", "Omar Reyes"]
    assert claim_with(doc, "The building was empty").quote == "direct"


def test_quote_with_straight_marks_and_said_name_inversion(analyze):
    claim = only_claim(analyze('"The harvest is the worst in twenty years," said Paolo Ferri, a farmer in Apulia.'))
    assert claim.speaker.name == "Paolo Ferri"
    assert claim.quote == "direct"


def test_indirect_speech_with_cue_and_clause(analyze):
    claim = only_claim(analyze("Health Minister Sara Lind argued that waiting lists had fallen "
                               "for the first time in a decade."))
    assert claim.quote == "indirect"
    assert claim.cue.text == "argued"
    assert claim.content.text == "waiting lists had fallen for the first time in a decade"
    assert claim.speaker.name == "Sara Lind"


def test_mixed_quote(analyze):
    claim = only_claim(analyze('The coach said his team had been "completely outplayed" in the second half.'))
    assert claim.quote == "mixed"


def test_according_to_person_and_document(analyze):
    doc = analyze(
        "According to Dr Petra Novak, the clinic treated 40 patients on Sunday.\n\n"
        "Unemployment rose to 7 percent in March, according to figures published by the National Statistics Office."
    )
    first, second = doc.claims
    assert (first.speaker.name, first.quote) == ("Petra Novak", "according_to")
    assert "National Statistics Office" in second.speaker.name
    assert second.speaker.kind == "organization"
    assert second.content.text.startswith("Unemployment rose to 7 percent")


def test_participial_cue_is_attributed_to_the_main_subject(analyze):
    doc = analyze("Rebel commander Idris Kone rejected the ceasefire, claiming that government troops "
                  "had shelled two villages.")
    claim = claim_with(doc, "government troops had shelled")
    assert claim.speaker.name == "Idris Kone"


def test_two_that_clauses_are_two_claims(analyze):
    doc = analyze("The agent wrote on X that the deal was finished and that the player would fly to Madrid on Friday.")
    assert len(doc.claims) == 2
    assert doc.claims[0].channel == "X"
    assert doc.claims[1].modality == "predicted"


def test_pronouns_resolve_to_the_right_person_across_paragraphs(analyze):
    doc = analyze(
        "Opposition leader Maria Costa said the budget would raise taxes on pensioners.\n\n"
        "Finance Minister Daniel Weber rejected that view. He said pensions would rise by 3 percent.\n\n"
        "She insisted that her figures came from the treasury's own tables."
    )
    assert claim_with(doc, "pensions would rise").speaker.name == "Daniel Weber"
    assert claim_with(doc, "her figures came").speaker.name == "Maria Costa"


def test_role_noun_resolves_to_the_named_person(analyze):
    doc = analyze(
        "Interior Minister Karl Brandt announced new border checks on Monday.\n\n"
        "The minister said the checks would stay in place until the end of the year."
    )
    claim = claim_with(doc, "the checks would stay")
    assert claim.speaker.name == "Karl Brandt"
    assert claim.speaker.mention == "The minister"


def test_role_named_after_the_claim_resolves_forward(analyze):
    doc = analyze(
        "The singer will contest the ruling, her manager said on Tuesday.\n\n"
        "Her manager, Tom Beck, added that an appeal had already been filed."
    )
    assert [c.speaker.name for c in doc.claims] == ["Tom Beck", "Tom Beck"]


def test_people_with_the_same_surname_stay_apart(analyze):
    doc = analyze(
        "Anna Berg, the club's chair, said the stadium would be sold.\n\n"
        "Her brother Erik Berg, a local councillor, said the council would block any sale."
    )
    assert [c.speaker.name for c in doc.claims] == ["Anna Berg", "Erik Berg"]


def test_apposition_becomes_the_speaker_description(analyze):
    claim = only_claim(analyze("Vera Ilic, the spokeswoman for the Green Coalition, said the vote was rigged."))
    assert claim.speaker.description == "the spokeswoman for the Green Coalition"
    assert "interested_source" in claim.flags


def test_unnamed_sources_are_a_kind(analyze):
    doc = analyze(
        "A senior official, speaking on condition of anonymity, said the talks had collapsed.\n\n"
        "Analysts said the currency could fall further."
    )
    first, second = doc.claims
    assert (first.speaker.name, first.speaker.kind) == ("A senior official", "unnamed")
    assert "unnamed_source" in first.flags
    assert (second.speaker.name, second.speaker.kind) == ("Analysts", "unnamed")


def test_organisation_and_it_pronoun(analyze):
    doc = analyze("The Red Cross said 30 volunteers had been deployed. It added that more would follow.")
    assert {c.speaker.name for c in doc.claims} == {"Red Cross"}
    assert doc.claims[0].speaker.kind == "organization"


def test_nested_attribution_keeps_outer_speaker_and_records_inner(analyze):
    claim = only_claim(analyze("Jonas Richter said the ministry had told him that the plant would close."))
    assert claim.speaker.name == "Jonas Richter"
    assert claim.inner_source == "the ministry"


@pytest.mark.parametrize("sentence, channel", [
    ("In an interview with Reuters, Olga Petrova said the pipeline was finished.", "Reuters"),
    ("Olga Petrova said in an interview with Reuters that the pipeline was finished.", "Reuters"),
    ("Olga Petrova told Reuters that the pipeline was finished.", "Reuters"),
    ("Olga Petrova wrote on Telegram that the pipeline was finished.", "Telegram"),
    ("The ministry said in a statement that the pipeline was finished.", "a statement"),
    ("The president said in a televised address that the pipeline was finished.", "a televised address"),
    ("Olga Petrova said the pipeline was finished.", None),
])
def test_channel(analyze, sentence, channel):
    assert only_claim(analyze(sentence)).channel == channel


@pytest.mark.parametrize("sentence, modality", [
    ("The spokesman said the army had withdrawn.", "actual"),
    ("The spokesman said the army had not withdrawn.", "negated"),
    ("The spokesman denied that the army had withdrawn.", "negated"),
    ("The spokesman rejected claims that the army had withdrawn.", "negated"),
    ("The spokesman said there was no evidence of a withdrawal and that no troops had left.", "negated"),
    ("The spokesman said the army was prepared to withdraw.", "intended"),
    ("The spokesman said the army planned to withdraw by June.", "intended"),
    ("The spokesman said thousands of reservists were ready to join.", "intended"),
    ("The spokesman said the army will withdraw next week.", "predicted"),
    ("The spokesman said he expected the army to withdraw.", "predicted"),
    ("The spokesman said the army may withdraw.", "possible"),
    ("The spokesman said the army could withdraw within days.", "possible"),
])
def test_modality(analyze, sentence, modality):
    assert analyze(sentence).claims[0].modality == modality


def test_narration_is_not_a_claim(analyze):
    doc = analyze(
        "The river burst its banks on Tuesday night. The discussion highlights how little is known about the dam.\n\n"
        "Experts have long studied the valley."
    )
    assert doc.claims == []


def test_claim_quantities_and_places(analyze):
    claim = only_claim(analyze("Rogan said several dozen volunteers from the Baltic states "
                               "and about 300 Georgians had enlisted."))
    texts = {q.text: (q.low, q.high) for q in claim.quantities}
    assert texts["several dozen"] == (36, 108)
    assert texts["about 300"] == (270, 330)
    codes = {code for place in claim.places for code in place.iso}
    assert codes == {"LT", "LV", "EE", "GE"}


def test_unverified_and_intent_flags(analyze):
    doc = analyze(
        "Campaign organiser Lev Orlov said thousands of supporters were prepared to march on the capital.\n\n"
        "Orlov's figures could not be independently verified."
    )
    claim = doc.claims[0]
    assert {"unverified", "intent_not_action", "vague_quantity", "single_source"} <= set(claim.flags)


def test_quoted_as_saying_is_attributed_to_the_one_quoted(analyze):
    claim = only_claim(analyze("General Omar Diallo was quoted as saying that his troops had captured three villages."))
    assert claim.speaker.name == "Omar Diallo"


def test_a_document_is_never_he_or_she(analyze):
    doc = analyze("Mayor Clara Jensen spoke on Monday. The report said the bridge was unsafe. "
                  "She said repairs would start in May.")
    assert claim_with(doc, "repairs would start").speaker.name == "Clara Jensen"


def test_money_and_shares_in_a_forecast_are_not_intent_reported_as_action(analyze):
    doc = analyze("Finance Minister Anton Silva said the deficit would narrow to 2 percent and cost 3 billion euros.")
    assert "intent_not_action" not in doc.claims[0].flags


def test_an_office_never_named_is_its_own_source(analyze):
    doc = analyze("Elena Varga, a spokesperson for the agency, said the outage was caused by a software update.\n\n"
                  "The prime minister told state broadcaster NHK that the tax would not be raised this year.")
    claim = claim_with(doc, "the tax would not be raised")
    assert claim.speaker.name == "prime minister" and claim.channel == "NHK"


def test_without_providing_evidence_marks_the_claim_unverified(analyze):
    doc = analyze("Russia said it had shot down 14 drones overnight, without providing evidence.")
    assert "unverified" in doc.claims[0].flags


def test_a_different_kind_of_body_is_not_resolved_to_the_last_one(analyze):
    doc = analyze("Carmaker Volta Motors said it would rebuild the factory within a year.\n\n"
                  "The union threatened to strike if wages were not raised. The company said talks would continue.")
    assert claim_with(doc, "to strike").speaker.name == "union"
    assert claim_with(doc, "talks would continue").speaker.name == "Volta Motors"


def test_later_untagged_mentions_of_a_name_keep_it_salient(analyze):
    doc = analyze(
        "Residents say a copper mine operated by Andes Copper has poisoned the Loa river.\n\n"
        "Community leader Rosa Mamani told local station Radio Norte that the water had turned green.\n\n"
        "Andes Copper denied the allegations. In a statement, the company said its own tests "
        "had found no contamination.")
    assert claim_with(doc, "its own tests").speaker.name == "Andes Copper"


def test_quote_that_the_parser_hangs_elsewhere_is_still_the_claim_of_the_verb_after_it(analyze):
    doc = analyze('Colonel Ana Brito spoke to the press on Friday.\n\n"On the night of the ninth our crews stopped '
                  'more than 30 boats, most of them near the northern islands," Brito said. "The patrols are working."')
    claim = claim_with(doc, "our crews stopped more than 30 boats")
    assert claim.speaker.name == "Ana Brito" and claim.quote == "direct"
    assert claim.content.text.startswith("On the night of the ninth")


def test_attribution_inverted_after_the_clause_as_translated_text_has_it(analyze):
    doc = analyze("The means of air defence have destroyed during the night 46 drones above four regions, has declared "
                  "the Ministry of the Defence on Wednesday, during one of the largest attacks this month.")
    claim = only_claim(doc)
    assert claim.speaker.name == "Ministry of the Defence"
    assert claim.content.text == "The means of air defence have destroyed during the night 46 drones above four regions"


def test_a_participle_after_the_clause_is_the_subjects_own_act_not_an_inverted_attribution(analyze):
    doc = analyze("The premier called a snap election on Sunday, asking voters in the province for a fresh mandate.")
    assert doc.claims == []


def test_that_clause_of_a_finding_cut_off_by_a_parenthetical(analyze):
    doc = analyze("Mark Dunn spoke on Thursday.\n\nHe disputed the health board's finding, first published by the "
                  "Valley Times, that tap water had caused three infections at the school.")
    claim = only_claim(doc)
    assert claim.speaker.name == "Mark Dunn" and claim.inner_source == "the health board"
    assert claim.content.text == "tap water had caused three infections at the school"


def test_a_hyphenated_organisation_noun_can_speak(analyze):
    doc = analyze("Harbour Growers Co-operative recalled its apples on Monday. The co-operative said in a statement "
                  "that it had received no complaints from customers.")
    claim = only_claim(doc)  # 'co-operative' is read as 'co', '-', 'operative' by the tokenizer
    assert claim.speaker.kind == "organization" and claim.channel == "a statement"


def test_a_speaker_the_parser_hangs_from_the_dateline_still_speaks(analyze):
    doc = analyze("VALMERA, March 3 (Northwire) - Transport minister Kask told the broadcaster Radio Valmera on "
                  "Monday that the bridge would reopen in May.")
    claim = only_claim(doc)
    assert claim.speaker.name == "Kask" and claim.content.text == "the bridge would reopen in May"


def test_accused_of_with_of_hung_on_the_accused(analyze):
    doc = analyze("Petter Holm, who chairs the dockworkers' union, spoke to reporters on Tuesday. "
                  "He accused the company of hiding two serious accidents from the safety inspectorate.")
    claim = claim_with(doc, "hiding two serious accidents")
    assert claim.speaker.name.endswith("Holm") and claim.cue.text == "accused"


def test_an_opening_mark_inside_an_open_quotation_starts_a_new_one():
    from claimledger.claims.quotes import quote_regions

    text = 'Ms Hewitt said: "We have doubled it. "We are going further." She said more was coming.'
    assert [text[a:b] for a, b in quote_regions(text)] == ["We have doubled it. ", "We are going further."]


def test_a_female_role_noun_outweighs_a_first_name_guess(analyze):
    # the first-name list reads 'Marian' as male; the article calls her a spokeswoman
    doc = analyze("A spokeswoman for the regulator, Marian Kolar, said the audit had found no errors.\n\n"
                  "Hotel owner Ivo Petrov said the audit had been rushed.\n\n"
                  "The spokeswoman denied that the audit had been rushed. She said it had taken four months.")
    assert claim_with(doc, "it had taken four months").speaker.name == "Marian Kolar"


def test_a_name_in_apposition_to_the_subject_is_a_subject_for_pronouns(analyze):
    doc = analyze("Prosecutor Ana Horvat said the invoices had been forged.\n\n"
                  "The accountant, Lea Kovač, is due to testify next month. In a statement read out in court, "
                  "she said she had been told to shred the invoices.")
    assert claim_with(doc, "she had been told to shred").speaker.name == "Lea Kovač"


def test_the_group_points_back_to_a_group_introduced_without_a_name(analyze):
    doc = analyze("A pro-Russian hacker group said on Tuesday it had stolen the data of two million customers of "
                  "the parcel firm Pakkila.\n\n"
                  "The group wrote in a Telegram post that it had obtained names and addresses.")
    assert claim_with(doc, "it had obtained names").speaker.name == "A pro-Russian hacker group"


def test_an_age_given_beside_a_name_resolves_the_n_year_old(analyze):
    doc = analyze("Rowena Salas, 52, lost her house in the storm.\n\n"
                  "A spokeswoman for the agency, Maria Dizon, said rescue teams had reached most villages. "
                  "Dizon said the toll would rise. She said more help was coming.\n\n"
                  "Back in the town, the 52-year-old said she would not rebuild on the shore.")
    assert claim_with(doc, "she would not rebuild").speaker.name == "Rowena Salas"


def test_a_role_named_only_far_below_is_that_person_not_the_last_name_seen(analyze):
    # a live page, newest entry first: the premier is named three entries further down
    doc = analyze("Flood live: evacuation ordered in Marrowby\n\n"
                  "The premier has just spoken again. She said 14 shelters were now open.\n\n"
                  "Marrowby residents described water reaching their doorsteps overnight.\n\n"
                  "The river gauge at the old bridge passed its 1974 record an hour ago.\n\n"
                  "Crews cleared a landslide on the coast road before noon.\n\n"
                  "The state's premier, Helen Duggan, told a press conference that an evacuation order was in force.")
    assert claim_with(doc, "14 shelters were now open").speaker.name == "Helen Duggan"


def test_a_relative_clause_with_a_hyphenated_verb_leaves_the_subject_to_said(analyze):
    doc = analyze("Teodor Wilk, the Polish engineer who co-leads the bridge survey, said the cables were "
                  "\"sound but ageing\". He told the council that repairs could wait a year.")
    assert claim_with(doc, "sound but ageing").speaker.name == "Teodor Wilk"
