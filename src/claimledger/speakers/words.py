"""The speaker word list (data/speaker_words.json): which nouns can head a source, which
role nouns carry a gender, and first names as gender evidence (gender-guesser)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

import gender_guesser.detector

from claimledger.data import load_data

Gender = Literal["female", "male", "unknown"]


@dataclass(frozen=True)
class SpeakerWords:
    person: frozenset[str]
    organization: frozenset[str]
    document: frozenset[str]
    staff: frozenset[str]  # people who speak for where they work: 'analysts at Vantor' is Vantor
    status: frozenset[str]  # 'former', 'deputy', 'co': a different post from the bare role
    status_synonyms: dict[str, str]  # 'ex' -> 'former'
    agent_suffixes: tuple[str, ...]
    female: frozenset[str]
    male: frozenset[str]
    associations: frozenset[str]  # bodies people form of their own accord: 'an aid group' may be a network
    oversight: frozenset[str]  # public bodies that regulate: "a country's regulator" may be its Authority
    placing: frozenset[str]  # words opening a body's name only to place it: 'National', 'Regional'
    authoring: frozenset[str]  # 'published' in 'a report published by X': X wrote it


@cache
def speaker_words() -> SpeakerWords:
    data = load_data("speaker_words.json")
    return SpeakerWords(
        # a gendered role noun ('actress', 'spokeswoman') is a person's too
        person=frozenset(data["person"]) | frozenset(data["female"]) | frozenset(data["male"]),
        organization=frozenset(data["organization"]),
        document=frozenset(data["document"]), staff=frozenset(data["staff"]), status=frozenset(data["status"]),
        status_synonyms=dict(data["status_synonyms"]),
        agent_suffixes=tuple(data["agent_suffixes"]),
        female=frozenset(data["female"]), male=frozenset(data["male"]),
        associations=frozenset(data["associations"]), placing=frozenset(data["placing"]),
        oversight=frozenset(data["oversight"]),
        authoring=frozenset(data["authoring"]),
    )


@cache
def first_name_detector() -> gender_guesser.detector.Detector:
    return gender_guesser.detector.Detector(case_sensitive=False)


def is_role_word(lemma: str) -> bool:
    words = speaker_words()
    return lemma in words.person or lemma in words.organization or lemma.endswith(words.agent_suffixes)


def role_gender(lemma: str) -> Gender:
    if lemma in speaker_words().female:
        return "female"
    if lemma in speaker_words().male:
        return "male"
    return "unknown"
