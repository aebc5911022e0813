"""Constructions of reported speech met in real news, each on sentences of our own: quotations
whose cue stands beside them, cues set off by commas, characterisations, figures put by a
source, pledges, and what must not become a claim."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from claimledger.claims.subjects import subject_of
from claimledger.nlp import load_nlp
from conftest import claim_with, claims_of, only_claim


def test_quotation_with_question_marks_before_the_cue(analyze):
    doc = analyze('"Are we ready for the storm season? Probably not," harbour master Ines Varela said. '
                  '"Will we be ready by the winter? Absolutely."')
    assert claims_of(doc) == [("Ines Varela", "Are we ready for the storm season? Probably not"),
                              ("Ines Varela", "Will we be ready by the winter? Absolutely")]
    assert {c.quote for c in doc.claims} == {"direct"}


def test_quotation_of_two_sentences_with_the_cue_and_speaker_inverted(analyze):
    claim = only_claim(analyze('"Nobody in the ward trusts the figures. Not one of us," said Ruta Vaitkus, '
                               'a councillor from the harbour ward.'))
    assert (claim.speaker.name, claim.quote) == ("Ruta Vaitkus", "direct")
    assert claim.content.text == "Nobody in the ward trusts the figures. Not one of us"


def test_quotation_after_a_long_subject_and_an_age(analyze):
    claim = only_claim(analyze('"The quay will not survive another winter. Nobody listens," Ruta Vaitkus, 61, '
                               'told the broadcaster on Tuesday.'))
    assert claim.speaker.name == "Ruta Vaitkus"
    assert claim.content.text.startswith("The quay will not survive")


def test_quotation_ending_in_a_quotation_inside_it_takes_the_cue_after_it(analyze):
    doc = analyze("“The pumps failed twice,” Alma Ruiz said.\n\n"
                  "“When the flood came, her first question to us was, ‘Who needs help first?’” Lena Park "
                  "told reporters.")
    assert [name for name, _ in claims_of(doc)] == ["Alma Ruiz", "Lena Park"]
    assert claim_with(doc, "her first question").cue.text == "told"


def test_quotation_opened_without_a_space_after_the_cue_is_the_cues_subjects(analyze):
    doc = analyze("“The pumps failed twice,” Alma Ruiz said.\n\n"
                  "Councillor Ida Moen said,“The money is gone. Nobody can explain where it went.”")
    assert claims_of(doc)[1] == ("Ida Moen", "The money is gone. Nobody can explain where it went")


@pytest.mark.parametrize("text, speaker", [
    ("“We have had better harvests than this one,” farmer Ivo Petric, wearing a straw hat and “Save the Valley” "
     "badges, said quietly as the rain began.", "Ivo Petric"),
    ("“A very good engineer, a very good engineer this woman,” Mayor Ines Varela, the party's candidate for a third "
     "term and the favourite in the northern districts by a wide margin since the spring, said when asked.",
     "Ines Varela"),
    ("“That is a fair worry, because they are very loyal and very stubborn,” Dorn, 71, told the radio station on "
     "Monday when asked about fears that the crews would not return if the strike failed.", "Dorn"),
])
def test_quotation_before_a_speaker_with_a_long_or_quoted_apposition(analyze, text, speaker):
    claim = only_claim(analyze(text))
    assert (claim.speaker.name, claim.quote) == (speaker, "direct")


def test_cue_and_colon_introduce_the_quotation_in_the_next_paragraph(analyze):
    doc = analyze('The mayor, Maria Lindgren, said:\n\n'
                  '"We have a harbour where the cranes are older than the dockers. Is this a modern port? No."')
    claim = only_claim(doc)
    assert (claim.speaker.name, claim.quote) == ("Maria Lindgren", "direct")
    assert claim.content.text.endswith("Is this a modern port? No")


def test_cue_and_colon_introduce_an_unquoted_block_paragraph(analyze):
    doc = analyze("Councillor Anders Holm spoke after the vote. Holm continued:\n\n"
                  "It is typical of the ministry. It knows nothing about boats, and it never stops talking.")
    claim = only_claim(doc)
    assert claim.speaker.name == "Anders Holm"
    assert claim.content.text.startswith("It is typical of the ministry")


def test_quotation_interrupted_by_its_cue_is_one_direct_claim(analyze):
    claim = only_claim(analyze('Maria Lindqvist runs the yard. "If even a part of the coast floods," Lindqvist '
                               'told the paper, "we will have to move whole villages inland."'))
    assert claim.quote == "direct"
    assert claim.content.text.startswith("If even a part of the coast floods")
    assert claim.content.text.endswith("we will have to move whole villages inland")


@pytest.mark.parametrize("text", [
    "Lars Berg chairs the board. “It seems to me they have every reason to find common ground,” he said of the "
    "mayor and the union, “because to succeed they both need the port open.”",
    "Lars Berg chairs the board. “I would think that carries some weight with the dockers who backed the strike,” "
    "Berg said, “but I also see that many are tired.”",
])
def test_quotation_interrupted_by_its_cue_is_one_claim_when_the_parse_splits_it(analyze, text):
    claim = only_claim(analyze(text))
    assert (claim.speaker.name, claim.quote) == ("Lars Berg", "direct")
    assert claim.content.text.endswith(("need the port open", "many are tired"))


def test_quotation_followed_by_a_cue_and_a_participle_is_not_resumed_after_it(analyze):
    doc = analyze("Ola Nordby sings in the band. “We had recorded a dozen songs before we met [the producer],” "
                  "Nordby said, mentioning the long-awaited record is “in the final stretch.”")
    assert claim_with(doc, "a dozen songs").content.text == "We had recorded a dozen songs before we met [the producer]"
    assert not any("Nordby said" in c.content.text for c in doc.claims), claims_of(doc)


def test_second_quotation_after_adding_is_the_added_claim(analyze):
    doc = analyze("Ivo Petric spoke at the harbour. “We certainly cannot afford to do this anymore,” Petric said, "
                  "adding later, “The ferry is costing us a fortune, and we are paying for it with every ticket.”")
    assert [(c.cue.text, c.content.text[:22]) for c in doc.claims] == [
        ("said", "We certainly cannot af"), ("adding", "The ferry is costing u")]


def test_quotation_interrupted_by_its_cue_and_a_participle_that_says_nothing_is_one_claim(analyze):
    claim = only_claim(analyze("“Every time you say that,” Lena Park said, referring to the harbour excuse, “you give "
                               "ammunition to the people who want to sell the port.”"))
    assert claim.content.text.endswith("who want to sell the port")


def test_a_quoted_title_before_the_speaker_is_not_a_claim(analyze):
    claim = only_claim(analyze('On "Harbour Hour," Ruta Vaitkus said the cranes were unsafe.'))
    assert claim.content.text == "the cranes were unsafe"


@pytest.mark.parametrize("sentence, words", [
    ("The harbour, Vaitkus said, had lost a third of its traffic since the strike began.",
     "The harbour, Vaitkus said, had lost a third of its traffic"),
    ("Though the first repairs were cheap, Anna Berg said, the second phase would cost far more.",
     "Though the first repairs were cheap"),
    ("Under the new rules, Ostrov added, no crew may sail more than twelve hours.", "no crew may sail"),
])
def test_cue_set_off_by_commas_inside_the_clause_it_reports(analyze, sentence, words):
    assert words in only_claim(analyze(sentence)).content.text


def test_gerund_cue_after_a_preposition_speaks_for_the_clause_subject(analyze):
    claim = only_claim(analyze("Mayor Anna Berg answered the dockers on Tuesday by saying that the cranes "
                               "would be replaced."))
    assert (claim.speaker.name, claim.content.text) == ("Anna Berg", "the cranes would be replaced")


def test_a_method_described_with_a_gerund_is_not_a_claim(analyze):
    assert analyze("The council has two ways to act: by asking prosecutors to charge the owners, "
                   "or by suing them.").claims == []


@pytest.mark.parametrize("sentence, content", [
    ('Defence lawyer Marta Kovac called the indictment "a work of fiction".', 'the indictment "a work of fiction"'),
    ('Union leader Ivo Brandt described the proposal as "a slap in the face".',
     'the proposal as "a slap in the face"'),
    ('Spokeswoman Lena Dahl dismissed the reports as "pure invention".', 'the reports as "pure invention"'),
])
def test_short_quoted_characterisation(analyze, sentence, content):
    claim = only_claim(analyze(sentence))
    assert (claim.content.text, claim.quote, claim.modality) == (content, "mixed", "actual")


def test_characterisation_whose_quoted_verdict_the_parser_made_an_apposition(analyze):
    claim = only_claim(analyze("Anna Kask called the plan “a disaster.”"))
    assert (claim.speaker.name, claim.quote) == ("Anna Kask", "mixed")
    assert claim.content.text.startswith("the plan “a disaster")


def test_an_unquoted_name_given_is_not_a_characterisation(analyze):
    assert analyze("The fishermen called the new boat Aurora.").claims == []


def test_figures_put_by_a_source(analyze):
    doc = analyze("Police put the crowd at about 4,000, while organisers put the figure at more than 15,000.")
    police, organisers = doc.claims
    assert (police.speaker.name, police.content.text) == ("Police", "the crowd at about 4,000")
    assert (police.quantities[0].low, police.quantities[0].high) == (3600, 4400)
    assert organisers.quantities[0].low == 15001


@pytest.mark.parametrize("sentence, speaker, content", [
    ("Union leader Noor Haddad warned of a long strike that could shut the port for weeks.", "Noor Haddad",
     "a long strike that could shut the port for weeks"),
    ("Analysts at Vantor cautioned about rising fuel prices over the winter.", "Vantor",
     "rising fuel prices over the winter"),
])
def test_what_is_warned_of_is_a_predicted_claim(analyze, sentence, speaker, content):
    claim = only_claim(analyze(sentence))
    assert (claim.speaker.name, claim.content.text, claim.modality) == (speaker, content, "predicted")


def test_caution_against_an_act_is_advice_not_a_claim(analyze):
    assert analyze("The central bank cautioned against cutting rates too early.").claims == []


def test_a_when_clause_before_the_cue_is_not_what_was_said(analyze):
    claim = only_claim(analyze("In a statement issued shortly after the Bergen councillor suspended his campaign, "
                               "Moen said he’s sure Dahl will remain “a champion for the fishermen.”"))
    assert claim.content.text.startswith("he’s sure Dahl will remain")


@pytest.mark.parametrize("text", [
    "“His legend will live on,” Marta Kovac said, as a few young boxers worked out inside the gym, while outside "
    "some passers-by stopped to take photos of themselves near the large mural.",
    "“We are going to tax you when those boats come,” Petric said in March of boat maker Nordvik Yards Ltd., whose "
    "parent company Baltic Holdings Ltd. moved 900 jobs to Gdansk, Poland.",
])
def test_scene_or_relative_clause_after_a_quotations_cue_is_not_said(analyze, text):
    assert only_claim(analyze(text)).quote == "direct"


def test_putting_something_at_risk_is_not_a_figure(analyze):
    assert analyze("The delay put the whole harbour project at risk, engineers warned.").claims[0].content.text \
        == "The delay put the whole harbour project at risk"


def test_accusation_keeps_who_is_accused_and_denial_is_negated(analyze):
    doc = analyze("The opposition accused the ministry of hiding the true cost of the bridge.\n\n"
                  "The builder denied that it had paid any of the inspectors.")
    assert claim_with(doc, "hiding the true cost").content.text.startswith("the ministry of hiding")
    assert claim_with(doc, "had paid any").modality == "negated"


@pytest.mark.parametrize("sentence, modality", [
    ("Analysts expected the central bank to raise rates in June.", "predicted"),
    ("Mayor Tove Lind hoped the ferry would resume next month.", "predicted"),
    ("Fishermen feared that the new quotas would ruin the smaller harbours.", "predicted"),
    ("Port director Lars Eng believed the cranes had been repaired.", "actual"),
    ("The ministry estimated that 3,000 homes had lost power.", "actual"),
])
def test_expectation_and_belief_cues(analyze, sentence, modality):
    assert only_claim(analyze(sentence)).modality == modality


def test_second_that_clause_after_a_comma_is_a_second_claim(analyze):
    doc = analyze("Minister Ole Dahl said the bridge would reopen in May, and that tolls would be cut.")
    assert [c.content.text for c in doc.claims] == ["the bridge would reopen in May", "tolls would be cut"]


def test_two_verbs_of_one_clause_stay_one_claim(analyze):
    claim = only_claim(analyze("Minister Ole Dahl said the bridge would reopen in May and carry buses."))
    assert claim.content.text == "the bridge would reopen in May and carry buses"


def test_lede_that_ends_with_its_attribution(analyze):
    claim = only_claim(analyze("Several dozen engineers, many of them with decades of experience, have left the "
                               "shipyard since March, yard director Pavel Lunin told the agency."))
    assert claim.speaker.name == "Pavel Lunin"
    assert claim.content.text.startswith("Several dozen engineers")
    assert claim.quantities[0].text == "Several dozen"


@pytest.mark.parametrize("sentence, speaker, content", [
    ("According to exit polls, the mayor had a ten-point lead among older voters, but still lost.",
     "exit polls", "the mayor had a ten-point lead"),
    ("About 9,000 single mothers live in the county, according to federal statistics.",
     "federal statistics", "About 9,000 single mothers live in the county"),
    ("The levy is not about revenue, according to a speech Anna Berg delivered in Tromso in 2021.",
     "Anna Berg", "The levy is not about revenue"),
    ("The richest tenth would see their incomes rise by 19 percent, according to the Harbour Institute, "
     "more than twice what it projected for the middle.", "Harbour Institute", "The richest tenth would see"),
])
def test_according_to_a_document_or_its_author(analyze, sentence, speaker, content):
    claim = only_claim(analyze(sentence))
    assert speaker in claim.speaker.name
    assert claim.content.text.startswith(content)


def test_according_to_around_another_attribution_adds_no_claim(analyze):
    doc = analyze("According to the Harbour Gazette, port director Lars Eng said on Friday that the cranes "
                  "would be replaced.")
    assert claims_of(doc) == [("Lars Eng", "the cranes would be replaced")]


def test_pledged_object_is_an_intended_claim(analyze):
    claim = only_claim(analyze("The mayor promised an inquiry into the ferry delays."))
    assert (claim.content.text, claim.modality) == ("an inquiry into the ferry delays", "intended")


@pytest.mark.parametrize("sentence", [
    "Everything the mayor says about the harbour is a lie.",
    "The port will never reach the cuts the council pledged to reach.",
    "This is what many expect to be a soft interview.",
])
def test_what_a_cue_describes_in_a_relative_clause_is_not_its_claim(analyze, sentence):
    assert analyze(sentence).claims == []


def test_a_relative_clause_cue_with_its_own_clause_is_a_claim(analyze):
    doc = analyze("The report, which says that the quay is unsafe, was published on Monday.")
    assert claims_of(doc) == [("report", "the quay is unsafe")]


def test_doubled_apostrophes_are_quotation_marks(analyze):
    claim = only_claim(analyze("''We will not sell the port,'' Mayor Tove Lind said. ''Not this year.''"
                               .replace(". ''Not this year.''", ".")))
    assert (claim.quote, claim.content.text) == ("direct", "We will not sell the port")


@pytest.mark.parametrize("sentence, modality", [
    ("Councillor Dag Holm said he would table a motion next week.", "intended"),
    ("The campaigners said they would stage a protest outside the town hall on Thursday.", "intended"),
    ("Minister Ole Dahl said the minister would present a bill to parliament next week.", "intended"),
    ("The ferry company said it was preparing legal action against the port.", "intended"),
    ("Union leader Ivo Brandt said they were willing to move on pay.", "intended"),
    ("Councillor Ruta Vaitkus said her party would table written questions on Friday.", "intended"),
    ("The opposition leader, Ruta Vaitkus, said the government would raise fuel duty in spring.", "predicted"),
    ("Councillor Dag Holm said he would be acquitted.", "predicted"),
    ("Councillor Dag Holm said he would win the vote.", "predicted"),
    ("Analysts at Nordbank said the utility was set to miss its target.", "predicted"),
    ("The report warns that the country is on course to miss its 2030 target.", "predicted"),
    ("The inspectors said they had found no evidence of fraud.", "negated"),
    ("The grid operator said more outages were possible.", "possible"),
    ("Analysts said they could not rule out that some revenue had been booked too early.", "possible"),
])
def test_modality_of_plans_forecasts_and_hedges(analyze, sentence, modality):
    assert only_claim(analyze(sentence)).modality == modality


def test_quoted_first_person_future_stays_a_forecast(analyze):
    claim = only_claim(analyze('"I will give evidence and the jury will hear the truth," Haldane told reporters.'))
    assert claim.modality == "predicted"


def test_second_that_clause_hung_on_the_last_verb_of_the_first(analyze):
    doc = analyze("Prosecutor Anna Berg told the court that the mayor had rewritten the tender rules so that only "
                  "one firm could qualify, and that he had received the money through a consultancy in Malta.")
    assert [c.content.text for c in doc.claims] == [
        "the mayor had rewritten the tender rules so that only one firm could qualify",
        "he had received the money through a consultancy in Malta"]


def test_that_clauses_inside_what_someone_knew_stay_inside(analyze):
    claim = only_claim(analyze("Ole Dahl said the auditor knew that the books were wrong and that the board had "
                               "been told."))
    assert claim.content.text == "the auditor knew that the books were wrong and that the board had been told"


def test_accused_with_of_on_the_accused_and_a_noun_charge(analyze):
    doc = analyze('Union leader Ivo Brandt accused wealthy shipowners of "moving the goalposts in the final week".\n\n'
                  "The opposition accused the ministry of fraud.")
    assert [c.content.text for c in doc.claims] == [
        'wealthy shipowners of "moving the goalposts in the final week"', "the ministry of fraud"]


def test_figure_put_on_an_object_with_a_long_modifier(analyze):
    claim = only_claim(analyze("Police put the number of people sheltering in the sports hall alone at about 5,000."))
    assert claim.content.text.endswith("at about 5,000")
    assert (claim.quantities[0].low, claim.quantities[0].high) == (4500, 5500)


def test_a_question_put_to_the_speaker_is_not_a_claim(analyze):
    claim = only_claim(analyze("Asked whether she would drop her complaint if Rojas published his bank statements, "
                               'Carla Mena said she was willing to do so "the moment he puts them on the table".'))
    assert claim.speaker.name == "Carla Mena"
    assert claim.content.text.endswith('"the moment he puts them on the table"')
    assert (claim.quote, claim.modality) == ("mixed", "intended")


def test_fear_of_what_will_happen_is_a_forecast(analyze):
    claim = only_claim(analyze("The mayor, Ernesto Salas, told the radio station that he feared dozens more would "
                               "be found once the debris near the port was cleared."))
    assert claim.modality == "predicted"


def test_a_show_in_quotation_marks_is_not_the_speaker(analyze):
    doc = analyze('"He is right. There is a gap between this council and the port," Anna Berg, a harbour pilot, '
                  'said on Thursday on "Good Morning Bergen."')
    assert {c.speaker.name for c in doc.claims} == {"Anna Berg"}


def test_a_cue_with_an_object_of_its_own_reports_no_clause_before_it(analyze):
    doc = analyze('Ms. Lind got a roar from the crowd when, at the end of her song "Harbour Lights," she added '
                  'the words "Vote Berg."')
    assert not any(c.content.text.startswith("Ms. Lind got a roar") for c in doc.claims)


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("Six in 10 say the harbour tax is unfair.", "Six in 10"),
    ("Nearly half said they would leave the island if the ferry stopped.", "Nearly half"),
    ("About half of the fishermen polled said the quota was too low.", "About half of the fishermen"),
    ("Only 38 percent of residents say the council listens to them.", "Only 38 percent of residents"),
    ("A majority of teachers said the new timetable had made no difference.", "A majority of teachers"),
])
def test_a_share_of_those_polled_is_a_source(analyze, sentence, speaker):
    claim = only_claim(analyze(sentence))
    assert claim.speaker.name == speaker
    assert claim.speaker.kind == "unnamed"


def test_a_share_that_is_not_a_subject_speaks_for_no_one(analyze):
    doc = analyze("Prices rose by 6 percent in March, the statistics office said.")
    assert {c.speaker.name for c in doc.claims} == {"statistics office"}


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("The actress said she was tired of being cast as a maid.", "actress"),
    ("The host said the show would return in the spring.", "host"),
    ("The billionaire said the stadium would be paid for privately.", "billionaire"),
    ('The ad says "the island deserves a ferry that runs on time."', "ad"),
    ("The magazine said its readers had picked the winner in five of the last six contests.", "magazine"),
])
def test_descriptions_of_hosts_stars_moguls_ads_and_magazines_are_sources(analyze, sentence, speaker):
    assert only_claim(analyze(sentence)).speaker.name == speaker


def test_a_female_role_noun_points_back_to_the_woman_it_describes(analyze):
    doc = analyze("Lucia Ferro, an actress, spent the day at the picket line.\n\n"
                  "The actress said the studio had broken its promise.")
    assert claim_with(doc, "broken its promise").speaker.name == "Lucia Ferro"


def test_a_second_complement_inside_the_same_quotation_is_the_same_claim(analyze):
    claim = only_claim(analyze('The town released a statement on Wednesday saying the remarks "are based on '
                               'opinion, not facts."'))
    assert (claim.speaker.name, claim.quote) == ("town", "mixed")
    assert claim.content.text.startswith("the remarks") and "not facts" in claim.content.text


def test_a_relative_clause_on_a_predicate_noun_speaks_for_the_subject(analyze):
    doc = analyze("Tom Hale is a former banker and landlord who has repeatedly pledged to sell the harbour.\n\n"
                  "Vera Lind, who said the bridge was safe, did not attend.")
    assert claim_with(doc, "to sell the harbour").speaker.name == "Tom Hale"
    assert claim_with(doc, "the bridge was safe").speaker.name == "Vera Lind"


def test_a_quotation_beside_a_verb_of_retort_is_its_subjects(analyze):
    doc = analyze('"The harbour is ours," Ana Ruiz said.\n\n'
                  '"They are all here for the free beer," Lea Moss retorted with a laugh.\n\n'
                  '"Nobody reads the minutes," Tom Vale scoffed.')
    assert claims_of(doc) == [("Ana Ruiz", "The harbour is ours"), ("Lea Moss", "They are all here for the free beer"),
                              ("Tom Vale", "Nobody reads the minutes")]


def test_some_many_and_others_of_a_group_are_sources(analyze):
    doc = analyze("Some said the bridge was unsafe. Others said the ferry was enough.\n\n"
                  "Some of the families said they had paid smugglers to cross.\n\n"
                  "Some of the money went missing, the audit said.")
    assert claims_of(doc) == [("Some", "the bridge was unsafe"), ("Others", "the ferry was enough"),
                              ("Some of the families", "they had paid smugglers to cross"),
                              ("audit", "Some of the money went missing")]


def test_a_title_in_quotation_marks_after_the_speaker_is_no_continued_quote(analyze):
    doc = analyze('"Women love these books and always have," said Ana Ruiz, co-editor of "Beach Reads: A History '
                  'of Summer Fiction."')
    assert claims_of(doc) == [("Ana Ruiz", "Women love these books and always have")]


def test_finding_oneself_somewhere_reports_nothing(analyze):
    doc = analyze("The network found itself playing host to the candidates night after night. Tom Hale found "
                  "himself embroiled in a row over the harbour.\n\nThe audit found the fund had lost two loans.")
    assert claims_of(doc) == [("audit", "the fund had lost two loans")]


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("A wide array of economists say cutting the deficit too soon slowed the recovery.", "A wide array of economists"),
    ("Dozens of residents said the water smelled of diesel.", "Dozens of residents"),
    ("A redacted copy of the inspector's report said the files could not be traced.",
     "A redacted copy of the inspector's report"),
    ("Other refugee advocates said the government should go further.", "Other refugee advocates"),
])
def test_a_group_or_part_of_a_source_speaks_as_it(analyze, sentence, speaker):
    assert only_claim(analyze(sentence)).speaker.name == speaker


def test_a_part_of_something_that_cannot_speak_is_no_source(analyze):
    doc = analyze("The cost of the repairs said more about the council than anything.\n\n"
                  "The rest of the money went missing, the audit said.")
    assert claims_of(doc) == [("audit", "The rest of the money went missing")]


def test_speaker_named_in_apposition_after_an_opening_phrase(analyze):
    claim = only_claim(analyze("In a statement to the Courier, the port director, Anna Kask, said: "
                               "“We believe the port is essential. We have always said so.”"))
    assert (claim.speaker.name, claim.quote) == ("Anna Kask", "direct")
    assert claim.content.text == "We believe the port is essential. We have always said so"


def test_infinitive_subject_of_a_quoted_clause_stays_in_its_claim(analyze):
    claim = only_claim(analyze("Anna Kask told the Courier that “to be able to beat the forecast would be "
                               "helpful.”"))
    assert claim.content.text.startswith("to be able to beat the forecast would be helpful")


def test_inverted_condition_stays_in_the_claim_it_qualifies(analyze):
    claim = only_claim(analyze("Lind said he would be glad to serve should the council ask him."))
    assert claim.content.text == "he would be glad to serve should the council ask him"


@pytest.mark.parametrize("sentence, speaker, content", [
    ("But as Kask noted, the dockers will give Lind a second look if he starts winning.", "Kask",
     "the dockers will give Lind a second look if he starts winning"),
    ("As Mart Saar told the board on Monday, the quay is older than the town.", "Mart Saar",
     "the quay is older than the town"),
    # the parser hangs the comma on 'noted' here
    ("As the Island Courier noted, the mayor raised more than $2 million from ferry firms for his first campaign.",
     "Island Courier", "the mayor raised more than $2 million from ferry firms for his first campaign"),
])
def test_opening_as_clause_vouches_for_the_main_clause(analyze, sentence, speaker, content):
    claim = only_claim(analyze(sentence))
    assert (claim.speaker.name, claim.content.text) == (speaker, content)


@pytest.mark.parametrize("sentence", [
    "As the minister announced the closure, workers walked out of the yard.",
    "As Lind spoke, the crowd outside the town hall cheered.",
])
def test_as_clause_of_time_vouches_for_nothing(analyze, sentence):
    assert analyze(sentence).claims == []


@pytest.mark.parametrize("text", [
    "The dockers' union has called a strike. Its general secretary, Mart Saar, said the union would "
    "publish a list of demands on Friday.",
    "The ferry workers' branch secretary, Ruta Vaitkus, spoke at the gate. Vaitkus said the branch would "
    "ballot members next month.",
    "Lena Moor, a spokeswoman for the Harbour Alliance, said the Harbour Alliance would table a motion.",
])
def test_future_of_the_group_the_speaker_speaks_for_is_its_plan(analyze, text):
    assert analyze(text).claims[-1].modality == "intended"


@pytest.mark.parametrize("text", [
    "The ferry workers' branch secretary, Ruta Vaitkus, said the company would cut the timetable.",
    "Lena Moor, a spokeswoman for the Harbour Alliance, said the harbour board would table a motion.",
    "The ferry workers' branch secretary, Ruta Vaitkus, said the branch would lose members.",
])
def test_future_of_another_party_stays_a_forecast(analyze, text):
    assert analyze(text).claims[-1].modality == "predicted"


@pytest.mark.parametrize("sentence, contents", [
    ("The auditors accused the harbour board of inflating its figures and of hiding the losses from the council.",
     ["the harbour board of inflating its figures", "hiding the losses from the council"]),
    ("Campaigners accused the mayor of lying about the budget, and of ignoring the flood warnings.",
     ["the mayor of lying about the budget", "ignoring the flood warnings"]),
    ("The union has accused Harbourline, the largest ferry operator on the coast, of cutting crews on "
     "twelve routes, and of hiding the changes from inspectors.",
     ["Harbourline, the largest ferry operator on the coast, of cutting crews on twelve routes",
      "hiding the changes from inspectors"]),
])
def test_accusation_of_two_things_is_two_claims(analyze, sentence, contents):
    assert [c.content.text for c in analyze(sentence).claims] == contents


def test_accusation_of_one_thing_keeps_the_accused(analyze):
    claim = only_claim(analyze("The minister accused the leader of the opposition of hypocrisy."))
    assert claim.content.text == "the leader of the opposition of hypocrisy"


@pytest.mark.parametrize("sentence, content", [
    ("The port authority urged both unions to return to the table.", "both unions to return to the table"),
    ("Police told residents of the harbour district to stay indoors.",
     "residents of the harbour district to stay indoors"),
])
def test_who_is_urged_belongs_to_the_claim(analyze, sentence, content):
    assert only_claim(analyze(sentence)).content.text == content


@pytest.mark.parametrize("sentence, speaker", [
    ("The prosecution expects the hearing to run until the end of June.", "prosecution"),
    ("The defence said the ledger had been kept by the bookkeeper.", "defence"),
])
def test_prosecution_and_defence_speak_in_court_reports(analyze, sentence, speaker):
    claim = only_claim(analyze(sentence))
    assert (claim.speaker.name, claim.speaker.kind) == (speaker, "organization")


def test_contrast_with_a_subject_of_its_own_is_a_second_claim(analyze):
    doc = analyze("Mart Saar, a marine engineer, said the survey was careful but the sample was small.")
    assert [c.content.text for c in doc.claims] == ["the survey was careful", "the sample was small"]


@pytest.mark.parametrize("sentence, content", [
    ("Mart Saar said the quay was old but still worked.", "the quay was old but still worked"),
    ("Mart Saar said prices had risen and wages had fallen.", "prices had risen and wages had fallen"),
])
def test_verb_phrase_contrast_and_plain_and_stay_one_claim(analyze, sentence, content):
    assert only_claim(analyze(sentence)).content.text == content


def test_an_opening_participle_parsed_as_the_subject_leaves_the_speaker_set_beside_it():
    # the small model sometimes parses 'Touring the port in Gdynia, Minister Ewa Lis said ...' with
    # the participle clause as the subject of 'said' and the name as an apposition of 'Gdynia'
    words = ["Touring", "the", "port", "in", "Gdynia", ",", "Minister", "Ewa", "Lis", "said", "the", "quay",
             "was", "safe", "."]
    heads = [9, 2, 0, 2, 3, 4, 8, 8, 4, 9, 11, 12, 9, 12, 9]
    deps = ["csubj", "det", "dobj", "prep", "pobj", "punct", "compound", "compound", "appos", "ROOT", "det",
            "nsubj", "ccomp", "acomp", "punct"]
    tags = ["VBG", "DT", "NN", "IN", "NNP", ",", "NNP", "NNP", "NNP", "VBD", "DT", "NN", "VBD", "JJ", "."]
    doc = Doc(load_nlp().vocab, words=words, heads=heads, deps=deps, tags=tags)
    assert subject_of(doc[9]).text == "Lis"
