"""Names as articles write them: a person's name without titles, an organization's name
without its article or acronym, the gender a name or a title suggests."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

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


def clean_description(token: Token) -> str:
    """The apposition describing someone, as written: 'a spokesman for the ministry'."""
    span = token.doc[token.left_edge.i : token.right_edge.i + 1]
    return span.text.strip(" ,")


def name_gender(name: str, ent: Span) -> Gender:
    """From a title just before the name ('Mrs', 'Sir'), else from the first name."""
    before = ent.doc[ent.start - 1].lower_.rstrip(".") if ent.start > 0 else ""
    if before in speaker_words().female:
        return "female"
    if before in speaker_words().male:
        return "male"
    first = name.split()[0]
    guess = first_name_detector().get_gender(first)
    if guess in {"female", "mostly_female"}:
        return "female"
    if guess in {"male", "mostly_male"}:
        return "male"
    return "unknown"
