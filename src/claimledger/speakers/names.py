"""Names as articles write them: a person's name without titles, an organization's name
without its article or acronym, the gender a name or a title suggests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from spacy.tokens import Span, Token
from unidecode import unidecode

from claimledger.speakers.words import Gender, first_name_detector, speaker_words

# words that describe an organization in front of its name ('carmaker Volta Motors') and are
# never part of it; unlike 'Union', 'Club' or 'Group', which often are ('Union Berlin')
DESCRIPTOR_TITLES = {"carmaker", "broadcaster", "airline", "newspaper", "regulator", "insurer", "retailer", "developer",
                     "operator", "startup", "start-up", "lender", "supplier", "publisher", "manufacturer", "maker",
                     "company", "firm", "broker", "miner", "shipper", "automaker", "drugmaker", "chipmaker"}
# titles before and letters after a name that are not part of it ('Paul Menzies SC')
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "the", "sc", "qc", "kc", "jr", "sr", "mp", "phd",
              "mep"}


def person_name(ent: Span) -> str:
    """The name without titles, honorifics or a possessive: 'Mayor Lena Holt' -> 'Lena Holt',
    "Peter Johnson's" -> 'Peter Johnson'."""
    tokens = [t for t in ent if not t.is_punct and t.tag_ != "POS" and t.lower_.rstrip(".") not in HONORIFICS]
    while len(tokens) > 1 and tokens[0].lower_ in speaker_words().person:
        tokens = tokens[1:]
    name = " ".join(t.text for t in tokens) or ent.text
    return re.sub(r"\s*['’]s?$", "", name).strip()


def organization_name(span: Span) -> str:
    """'The Athletics Integrity Unit (AIU)' -> 'Athletics Integrity Unit'; "Kyrgyzstan's" -> 'Kyrgyzstan';
    'Carmaker Volta Motors' (a title NER swept into the name) -> 'Volta Motors'."""
    while len(span) > 2 and span[0].lower_ in DESCRIPTOR_TITLES and span[1].is_title:
        span = span[1:]
    text = re.sub(r"\s*\([^)]*\)\s*", " ", span.text).strip()
    text = re.sub(r"^(the|The)\s+", "", text)
    return re.sub(r"['’]s?$", "", text).strip()


def titled_as_person(span: Span) -> bool:
    """'Mayor Lena Holt', 'campaign organiser Lev Orlov', 'Ingrid Dahl': a person's title, or a
    clear first name opening a two- or three-word name without organization words, which the
    small model often tags ORG or WORK_OF_ART."""
    words = speaker_words()
    doc = span.doc
    tokens = [t for t in span if not t.is_punct and t.lower_.rstrip(".") not in HONORIFICS]
    if 2 <= len(tokens) <= 3 and all(t.is_title for t in tokens) and not any(
            t.lower_ in words.organization for t in tokens):
        if first_name_detector().get_gender(tokens[0].text) in {"male", "female"}:
            return True
    before = [t for t in doc[max(span.start - 2, 0) : span.start] if t.head.i in range(span.start, span.end)]
    for token in [*before, span[0]]:
        lemma = token.lower_
        if token.i < span.end - 1 and lemma in words.person and lemma not in words.organization:
            return True
    return False


def clean_description(token: Token, appositions: list[Token] | None = None) -> str:
    """The apposition describing someone, as written: 'a spokesman for the ministry'; with the
    parser's pieces of one apposition ('the co', '-', 'chair'), all of them."""
    pieces = appositions or [token]
    span = token.doc[min(t.left_edge.i for t in pieces) : max(t.right_edge.i for t in pieces) + 1]
    return span.text.strip(" ,")


@dataclass(frozen=True)
class NameGender:
    gender: Gender
    from_first_name: bool  # a guess from the first name, weaker than a title or a role noun
    ambiguous: bool = False  # a first name given to both ('mostly' one): a pronoun may overrule it


def name_gender(name: str, ent: Span) -> NameGender:
    """From a title just before the name ('Mrs', 'Sir'), else from the first name."""
    before = ent.doc[ent.start - 1].lower_.rstrip(".") if ent.start > 0 else ""
    if before in speaker_words().female:
        return NameGender("female", False)
    if before in speaker_words().male:
        return NameGender("male", False)
    first = name.split()[0]
    guess = first_name_detector().get_gender(first)
    if guess in {"female", "mostly_female"}:
        return NameGender("female", True, guess == "mostly_female")
    if guess in {"male", "mostly_male"}:
        return NameGender("male", True, guess == "mostly_male")
    return NameGender("unknown", False)


# Spellings that transliterations of one name alternate between ('Oleksandr'/'Olexander',
# 'Zelensky'/'Zelenskiy', 'Mohammed'/'Muhammad'), applied in order after unidecode.
TRANSLITERATION = [("x", "ks"), ("kh", "h"), ("ph", "f"), ("ck", "k"), ("q", "k"), ("c", "k"), ("w", "v"),
                   ("j", "y"), ("y", "i")]
# Two spellings are one name when their consonant skeletons (and final letters) agree and they
# are this similar (rapidfuzz ratio, 0-100) once the alternations above are undone. Set by hand
# on transliteration pairs against names that differ ('Berg'/'Borg', 'Karimov'/'Karimova',
# 'Ivan'/'Ivana', 'Peter'/'Petra'), not tuned on data.
SAME_NAME_RATIO = 70
# shorter words than this must match exactly: 'Li' and 'Lu' are different people
MIN_FUZZY_LENGTH = 5


@lru_cache(maxsize=4096)
def spelling(word: str) -> str:
    text = unidecode(word).lower()
    for old, new in TRANSLITERATION:
        text = text.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[^a-z]", "", text))


def skeleton(spelled: str) -> str:
    """First letter, consonants, last letter: 'oleksandr' -> 'olksndr', 'karimova' -> 'krmva'."""
    if len(spelled) < 2:
        return spelled
    return spelled[0] + re.sub(r"[aeiou]", "", spelled[1:-1]) + spelled[-1]


def same_name(a: str, b: str) -> bool:
    """One word of a name spelled two ways: 'Oleksandr'/'Olexander', 'Zelensky'/'Zelenskiy'."""
    if a == b:
        return True
    sa, sb = spelling(a), spelling(b)
    if sa == sb:
        return True
    if min(len(sa), len(sb)) < MIN_FUZZY_LENGTH or skeleton(sa) != skeleton(sb):
        return False
    return fuzz.ratio(sa, sb) >= SAME_NAME_RATIO


def same_person(a: str, b: str) -> bool:
    """Two full names (or two surnames) that are one person's name spelled two ways."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb):
        return False
    return all(same_name(x, y) for x, y in zip(wa, wb, strict=True))
