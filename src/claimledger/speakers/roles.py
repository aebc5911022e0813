"""Role nouns in a subject phrase: whether 'the minister' points back to someone already
named, names an office of its own, or is set beside the name it stands for."""

from __future__ import annotations

from spacy.tokens import Token

from claimledger.speakers.words import speaker_words

# heads of titles whose compound names a portfolio: 'finance minister', 'interior secretary'
OFFICES = {"minister", "secretary", "commissioner", "chancellor", "governor", "ambassador", "envoy"}


def named_apposition(subject: Token) -> Token | None:
    """The name set beside a role noun: 'Her lawyer, Daniel Omondi,' / 'The UN refugee agency,
    UNHCR,' / 'The former chief executive of Skylark Air, Helen Marsh,' (where the parser hangs
    the name from 'Air'): a proper-noun apposition anywhere in the subject phrase after the noun."""
    for token in subject.subtree:
        if token.i <= subject.i or token.pos_ != "PROPN":
            continue
        if token.dep_ in {"appos", "npadvmod"} and (token.head.i == subject.i or token.ent_type_ == "PERSON"):
            return token
    return None


def has_distinguishing_modifier(noun: Token) -> bool:
    """'the Rwandan government' and 'the health ministry' name a particular body; 'the company',
    'the 46-year-old former customs officer' and 'the transport economist' point back."""
    is_org = noun.lemma_.lower() in speaker_words().organization
    return any(c.dep_ in {"compound", "amod", "nmod"}
               and (c.pos_ == "PROPN" or c.ent_type_ in {"NORP", "GPE"} or (is_org and c.pos_ == "NOUN"))
               for c in noun.children)


def is_designation(noun: Token) -> bool:
    """'the prime minister', 'the French president', 'the foreign minister' name an office,
    not someone already met; 'the negotiator' or 'the 46-year-old former officer' point back."""
    for child in noun.children:
        if child.dep_ not in {"amod", "compound", "nmod"}:
            continue
        if child.lower_ == "prime" or child.ent_type_ in {"NORP", "GPE"}:
            return True
        if child.dep_ == "compound" and child.pos_ == "NOUN" and noun.lemma_.lower() in OFFICES:
            return True
    return False
