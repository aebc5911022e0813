"""The attributed summary: never a claim without its source."""

from __future__ import annotations

STORY = (
    "Ferry operator Nordlys Lines will cut its winter timetable by a third from December, "
    "the company said on Monday.\n\n"
    "Chief executive Ingrid Dahl said fuel costs had doubled since last year. She argued that the routes north of "
    "Tromsø lost money on every crossing and warned that two more routes could close in spring.\n\n"
    "Passenger groups reacted angrily. He said nothing, and the harbour was quiet on Monday evening.\n\n"
    "The transport ministry said it would review the ferry subsidy in January."
)


def test_pronoun_speaker_is_rewritten_to_the_name_and_marked_edited(analyze):
    doc = analyze("Ingrid Dahl runs the ferry company in Tromsø and has done so for a decade.\n\n"
                  "She said fuel costs had doubled since last year and that ticket prices would rise.",
                  sentences=2)
    edited = [s for s in doc.summary.sentences if s.edited]
    assert edited, [s.text for s in doc.summary.sentences]
    assert edited[0].text.startswith("Dahl said fuel costs had doubled")
    assert edited[0].original.startswith("She said fuel costs had doubled")
    assert doc.article.text[edited[0].start:edited[0].end] == edited[0].original


def test_role_noun_speaker_is_rewritten(analyze):
    doc = analyze("Interior Minister Karl Brandt visited the border crossing at Kufstein on Monday.\n\n"
                  "The minister said the checks would stay in place until the end of the year.", sentences=2)
    assert any(s.text.startswith("Brandt said the checks would stay") for s in doc.summary.sentences)


def test_every_summary_sentence_carrying_a_claim_names_its_source(analyze):
    doc = analyze(STORY, sentences=4)
    for sentence in doc.summary.sentences:
        for claim in doc.claims:
            if claim.content.text in (sentence.original or sentence.text):
                surname = claim.speaker.name.split()[-1]
                assert surname in sentence.text or claim.speaker.name in sentence.text, sentence.text


def test_summary_is_in_article_order_and_has_the_requested_length(analyze):
    doc = analyze(STORY, sentences=3)
    starts = [s.start for s in doc.summary.sentences]
    assert len(starts) == 3 and starts == sorted(starts)


def test_one_paragraph_article(analyze):
    doc = analyze("The council approved the new library on Tuesday after a two-hour debate.", sentences=3)
    expected = ["The council approved the new library on Tuesday after a two-hour debate."]
    assert [s.text for s in doc.summary.sentences] == expected


def test_article_with_no_claims_gets_a_summary_and_says_so(analyze):
    doc = analyze("Heavy snow closed the mountain pass on Tuesday. Drivers waited for hours in long queues.\n\n"
                  "The pass reopened on Wednesday morning after ploughs cleared the road.")
    assert doc.claims == []
    assert doc.summary.sentences
    assert doc.summary.scrutiny.startswith("No attributed claims")


def test_more_sentences_requested_than_the_article_has(analyze):
    doc = analyze("The bridge reopened on Monday after repairs. Traffic returned to normal by the afternoon.",
                  sentences=10)
    assert len(doc.summary.sentences) == 2


def test_scrutiny_line_names_the_main_source_channel_and_intent(analyze):
    doc = analyze(
        "Lev Orlov, the organiser of the \"Free Harbour\" campaign, spoke in an interview "
        "with Radio Nord on Friday.\n\n"
        "He said thousands of dock workers were prepared to join the strike. He claimed that several dozen ships "
        "had already been turned away.\n\n"
        "The figures could not be independently verified."
    )
    line = doc.summary.scrutiny
    assert "Lev Orlov" in line and "Free Harbour" in line
    assert "via Radio Nord" in line
    assert "could not be verified" in line
    assert "“thousands” counts people said to be ready or expected to act, not people who did" in line


def test_age_description_resolves_and_is_rewritten(analyze):
    doc = analyze("Former champion Lena Berg announced her retirement on Sunday at a press event in Oslo.\n\n"
                  "The 54-year-old said she had no regrets about her long career.", sentences=2)
    claim = doc.claims[0]
    assert (claim.speaker.name, claim.speaker.mention) == ("Lena Berg", "The 54-year-old")
    assert any(s.text.startswith("Berg said she had no regrets") for s in doc.summary.sentences)
