"""Small readings of a spaCy parse that several stages share: the entity covering a token,
the subject phrase of a clause, whether a token is a clause subject, a noun with its modifiers."""

from __future__ import annotations

from spacy.tokens import Span, Token

ENTITY_INDEX = "claimledger.entity_index"


def entity_of(token: Token) -> Span | None:
    """The named entity covering a token. `doc.ents` rebuilds its spans on every access, so
    the token -> entity map is built once per Doc and kept in its user_data."""
    if not token.ent_type_:
        return None
    index = token.doc.user_data.get(ENTITY_INDEX)
    if index is None:
        index = {i: ent for ent in token.doc.ents for i in range(ent.start, ent.end)}
        token.doc.user_data[ENTITY_INDEX] = index
    return index.get(token.i)


def subject_span(subject: Token) -> Span:
    """The subject phrase cut before its first comma: 'A senior official, speaking on condition
    of anonymity' -> 'A senior official'; relative clauses and appositions are left out."""
    doc = subject.doc
    start, end = subject.left_edge.i, subject.right_edge.i + 1
    for token in doc[subject.i + 1 : end]:
        if token.text in {",", "(", "—", "–"} or token.dep_ in {"relcl", "appos"}:
            end = token.i
            break
    for token in doc[start : subject.i]:
        if token.text == ",":
            start = token.i + 1
    return doc[start:end]


def is_subject(token: Token) -> bool:
    """Whether the token (or the name it is part of) is the subject of its clause."""
    while token.dep_ in {"compound", "flat"} and token.head is not token:
        token = token.head
    return token.dep_ in {"nsubj", "nsubjpass"}


def noun_phrase(token: Token, with_det: bool = True) -> str:
    """The noun with its determiner, adjectives and compounds: 'a televised address'."""
    keep = [c for c in token.lefts if c.dep_ in {"amod", "compound", "nmod"} or (with_det and c.dep_ in {"det", "poss"})]
    start = min([c.i for c in keep], default=token.i)
    return token.doc[start : token.i + 1].text
