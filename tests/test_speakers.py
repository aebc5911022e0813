"""Who speaks: names, pronouns, role nouns, organizations and documents, on our own sentences."""

from __future__ import annotations

import pytest

from claimledger.claims.subjects import subject_of
from claimledger.nlp import load_nlp
from claimledger.speakers import SourceRequest, SpeakerResolver


def speakers_by_content(doc) -> dict[str, str]:
    return {c.content.text: c.speaker.name for c in doc.claims}


def speaker_of(doc, words: str) -> str:
    matches = [c for c in doc.claims if words in c.content.text]
    assert matches, [(c.speaker.name, c.content.text) for c in doc.claims]
    return matches[0].speaker.name


def claim_of(doc, words: str):
    matches = [c for c in doc.claims if words in c.content.text]
    assert matches, [(c.speaker.name, c.content.text) for c in doc.claims]
    return matches[0]


def test_resolution_does_not_depend_on_the_order_subjects_are_asked_in():
    text = ("Ines Marquez, the co-chair of the talks, said the text was nearly agreed. Minister Otto Falk "
            "said progress was slow. Falk said the finance chapter was open.\n\n"
            "The chair said a deal was still possible. She added that the talks would run late. "
            "Kestrel, a shipping firm, said fuel costs had doubled. The firm said it would cut routes.")
    doc = load_nlp()(text)
    subjects = [s for token in doc if token.lemma_ in {"say", "add"} and (s := subject_of(token)) is not None]
    in_order = SpeakerResolver(doc).resolve_all(SourceRequest(s) for s in subjects)
    reversed_order = SpeakerResolver(doc).resolve_all(SourceRequest(s) for s in reversed(subjects))
    assert in_order == reversed_order
    assert len(in_order) == len(subjects)


def test_a_possessive_name_is_the_same_person(analyze):
    doc = analyze("Peter Johnson's lawyer spoke to reporters on Monday.\n\n"
                  "Peter Johnson said he was innocent. Johnson said he would appeal.")
    assert {c.speaker.name for c in doc.claims} == {"Peter Johnson"}


def test_a_personal_name_the_tagger_calls_a_place_still_names_the_role(analyze):
    doc = analyze("Bakers Protest\n\nThe owner of the café, René Dubois, said the new rules would cost him "
                  "thousands of euros a year. He added that he planned to appeal.")
    assert speaker_of(doc, "the new rules would cost him") == "René Dubois"
    assert speaker_of(doc, "he planned to appeal") == "René Dubois"


@pytest.mark.parametrize("form", ["Lind", "Maja Lind", "O'Brien", "Aa Aa", "Grayfin Research", "-Lind", "Émile"])
def test_occurrences_of_a_name_are_the_whole_word_matches_a_regex_finds(form):
    import re

    from claimledger.speakers.registry import WORD_RUN, occurrences

    text = ("Maja Lind met Lindqvist and Lind's aide; Lind. O'Brien, O'Briens and 'O'Brien' came. Aa Aa Aa Aa Aa. "
            "Grayfin Research and Grayfin Researchers; x-Lind -Lind Émile Émiles Lind")
    words: dict[str, list[int]] = {}
    for word in WORD_RUN.finditer(text):
        words.setdefault(word.group(), []).append(word.start())
    expected = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text)]
    assert expected and occurrences(form, text, words) == expected
