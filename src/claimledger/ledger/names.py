"""Do two appearances name the same source? Names are folded to ASCII (unidecode: 'Sjöberg'
is 'sjoberg') and compared with rapidfuzz, so transliterations and misspellings of one name
('Sikorski', 'Sikorsky', 'Sikorskiy'; 'Shuvaikin', 'Shuvaykin', 'Shouvaikin') and a reprint
that drops the first name ('Delorey' for 'Martin Delorey') agree.

Only two people with clearly different names *disagree*. An organisation and a person, an
unnamed source, or a role word that the extraction took for a name ('President', 'Officer')
leave the question open: the content decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from rapidfuzz import fuzz
from unidecode import unidecode

from claimledger.data import load_data

Agreement = Literal["same", "compatible", "unknown", "different"]

# rapidfuzz ratios (0-100). Surnames: transliterations of one name score 82-94 ('shuvaikin'
# ~ 'shouvaikin' 84, 'sikorski' ~ 'sikorskiy' 94), different surnames of similar length
# below 60 ('brandt' ~ 'rustad' 50). First names only need not contradict ('Oleg' ~ 'Oleh').
SAME_SURNAME = 80
SAME_FIRST_NAME = 70
# token_set_ratio of two organisation names: 'Defence Ministry' ~ 'Ministry of the Defence' 100.
SAME_ORGANISATION = 85
# partial_ratio for an organisation named inside a person's description ('chief executive of
# Quill Creek Dairy') or inside an unnamed source ('a Defence Ministry spokesman').
AFFILIATED = 90
# Titles and ranks that stand before a name and are not part of it.
TITLES = frozenset("mr mrs ms miss dr prof professor sir dame lord lady major general lieutenant colonel captain "
                   "admiral sergeant gen col capt lt rev father".split())
LETTERS = re.compile(r"[a-z]+")
# Letters that English, German, French and Polish romanisations of one (mostly Slavic or
# Arabic) name write differently, in the order they are replaced.
TRANSLITERATIONS = (("sch", "sh"), ("tch", "ch"), ("kh", "h"), ("ou", "u"), ("ph", "f"), ("w", "v"), ("y", "i"),
                    ("j", "i"), ("ck", "k"), ("tz", "ts"), ("dzh", "j"))


@cache
def role_words() -> frozenset[str]:
    """Nouns that head a source by role ('president', 'officer', 'ministry'): the speaker word
    list the extraction uses (read here without loading the parser)."""
    data = load_data("speaker_words.json")
    return frozenset(data["person"]) | frozenset(data["organization"])


@dataclass(frozen=True)
class SpeakerName:
    """A source as the ledger compares it."""

    text: str
    kind: str  # the extraction's speaker kind: named, unnamed, organization
    tokens: tuple[str, ...]  # folded words without titles
    affiliation: str  # folded description ('' if none): whom a person speaks for

    @property
    def person(self) -> bool:
        """A named person the name comparison can trust: not a lone role word taken for a name."""
        lone_role = len(self.tokens) == 1 and self.tokens[0] in role_words()
        return self.kind == "named" and bool(self.tokens) and not lone_role

    @property
    def surname(self) -> str:
        return self.tokens[-1] if self.tokens else ""

    @property
    def joined(self) -> str:
        return "".join(self.tokens)


@dataclass(frozen=True)
class SpeakerComparison:
    agreement: Agreement
    reason: str


def fold(text: str) -> tuple[str, ...]:
    """'Mr. Shouvaïkin' -> ('shouvaikin',): ASCII, lower case, titles dropped."""
    return tuple(w for w in LETTERS.findall(unidecode(text).lower()) if w not in TITLES)


@cache
def speaker_name(text: str, kind: str, description: str | None = None) -> SpeakerName:
    return SpeakerName(text=text, kind=kind, tokens=fold(text), affiliation=" ".join(fold(description or "")))


def compare_speakers(a: SpeakerName, b: SpeakerName) -> SpeakerComparison:
    """Whether `a` and `b` are one source, with the reason in words."""
    if a.tokens and a.tokens == b.tokens:
        return SpeakerComparison("same", f"same speaker ({a.text})")
    if a.person and b.person:
        return compare_people(a, b)
    if a.kind == b.kind == "organization":
        score = fuzz.token_set_ratio(" ".join(a.tokens), " ".join(b.tokens))
        if score >= SAME_ORGANISATION:
            return SpeakerComparison("same", f"same organisation ({a.text} ~ {b.text})")
        return SpeakerComparison("unknown", f"organisations named differently ({a.text} / {b.text})")
    if affiliated(a, b) or affiliated(b, a):
        return SpeakerComparison("compatible", f"{a.text} and {b.text} speak for one side")
    return SpeakerComparison("unknown", f"speakers not comparable ({a.text} / {b.text})")


def romanised(name: str) -> str:
    """One spelling for the letters that romanisations of one name disagree on: 'Wasylenko',
    'Vasilenko' -> 'vasilenko'; 'Shouvaikin' -> 'shuvaikin'; 'Sikorskiy' -> 'sikorskii'."""
    for spelling, common in TRANSLITERATIONS:
        name = name.replace(spelling, common)
    return name


def name_ratio(a: str, b: str) -> float:
    return max(fuzz.ratio(a, b), fuzz.ratio(romanised(a), romanised(b)))


def compare_people(a: SpeakerName, b: SpeakerName) -> SpeakerComparison:
    surname = name_ratio(a.surname, b.surname)
    if surname < SAME_SURNAME:
        return SpeakerComparison("different", f"different people ({a.text} / {b.text})")
    if len(a.tokens) > 1 and len(b.tokens) > 1 and not same_first_name(a.tokens[0], b.tokens[0]):
        return SpeakerComparison("different", f"same surname, different first names ({a.text} / {b.text})")
    how = "same name" if a.surname == b.surname else "one name spelled two ways"
    return SpeakerComparison("same", f"{how} ({a.text} ~ {b.text})")


def same_first_name(a: str, b: str) -> bool:
    """'Oleg' ~ 'Oleh'; an initial agrees with a name it starts ('J' ~ 'John')."""
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return name_ratio(a, b) >= SAME_FIRST_NAME


def affiliated(person: SpeakerName, other: SpeakerName) -> bool:
    """`person`'s description or unnamed wording names the organisation `other` (or the reverse
    roles), e.g. 'chief executive of Quill Creek Dairy' and 'Quill Creek'."""
    org = " ".join(other.tokens)
    if len(org) < 4:
        return False
    where = " ".join(t for t in (person.affiliation, " ".join(person.tokens) if person.kind != "named" else "") if t)
    return bool(where) and fuzz.partial_ratio(org, where) >= AFFILIATED
