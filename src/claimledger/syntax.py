"""Small readings of a spaCy parse that several stages share: the entity covering a token,
the subject phrase of a clause, whether a token is a clause subject, a noun with its modifiers."""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimledger.text import datelines

ENTITY_INDEX = "claimledger.entity_index"
DATELINES = "claimledger.datelines"


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
    of anonymity' -> 'A senior official'; relative clauses, participles and appositions are
    left out whole ('A hacker group that calls itself ...' -> 'A hacker group'), and so is a
    dateline the parser hung on it."""
    doc = subject.doc
    start, end = subject.left_edge.i, subject.right_edge.i + 1
    for token in doc[subject.i + 1 : end]:
        if token.dep_ == "prep" and any(c.ent_type_ in {"DATE", "TIME"} for c in token.children):
            end = token.i  # 'the regulator on Wednesday accused ...', a date the parser hung on the subject
            break
        if token.text in {",", "(", "—", "–", "--"} or token.dep_ in {"relcl", "appos", "acl"}:
            end = token.left_edge.i if token.dep_ in {"relcl", "appos", "acl"} else token.i
            break
    for token in doc[start : subject.i]:
        if token.text == "," or in_dateline(token):
            start = token.i + 1  # 'KYIV, June 4 (Northwire) - Ukraine's ...' starts after the dateline
    while start < subject.i and doc[start].is_punct:
        start += 1  # '” Cole' where the parser hung the closing quotation mark on the name
    return doc[start:end]


def is_subject(token: Token) -> bool:
    """Whether the token (or the name it is part of, or the noun it stands beside: 'Her lawyer,
    Daniel Omondi, argued') is the subject of its clause."""
    while token.dep_ in {"compound", "flat", "appos"} and token.head is not token:
        token = token.head
    return token.dep_ in {"nsubj", "nsubjpass"} or is_verbless_subject(token)


def is_main_subject(token: Token) -> bool:
    """Whether the token is the subject of its sentence's main clause (or of a verb conjoined to
    it), or the sentence's first subject, whatever the parser hung it on: 'The group ... wrote
    ...', not 'unless the company paid ...'."""
    while token.dep_ in {"compound", "flat", "appos"} and token.head is not token:
        token = token.head
    if is_verbless_subject(token):
        return True
    if token.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    verb = token.head
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    earlier = token.doc[token.sent.start : token.i]
    return verb.dep_ == "ROOT" or not any(t.dep_ in {"nsubj", "nsubjpass"} for t in earlier)


def is_verbless_subject(token: Token) -> bool:
    """'Her lawyer, Daniel Omondi, called the case ...' parsed with 'lawyer' as the root and
    'called' hung from it: the noun is the subject the parser lost."""
    return token.dep_ == "ROOT" and token.pos_ in {"NOUN", "PROPN"} and any(
        c.dep_ == "acl" and c.pos_ == "VERB" and c.i > token.i for c in token.children)


def name_head(token: Token) -> Token:
    """The word a multi-word name hangs from: 'Brannigan' of 'Aoife Brannigan', climbing the
    compound and flat links that point right."""
    while token.dep_ in {"compound", "flat"} and token.head.i > token.i:
        token = token.head
    return token


def noun_phrase(token: Token, with_det: bool = True) -> str:
    """The noun with its determiner, adjectives and compounds: 'a televised address'."""
    keep = [c for c in token.lefts
            if c.dep_ in {"amod", "compound", "nmod"} or (with_det and c.dep_ in {"det", "poss"})]
    start = min([c.i for c in keep], default=token.i)
    return token.doc[start : token.i + 1].text


def in_dateline(token: Token) -> bool:
    """Whether the token is part of a paragraph's dateline ('KYIV, June 4 (Northwire) - ')."""
    spans = token.doc.user_data.get(DATELINES)
    if spans is None:
        spans = token.doc.user_data[DATELINES] = datelines(token.doc.text)
    return any(start <= token.idx < end for start, end in spans)
