"""Role nouns in a subject phrase: whether 'the minister' points back to someone already
named, names an office of its own, or is set beside the name it stands for."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from claimledger.speakers.words import is_role_word, speaker_words

AGE = re.compile(r"\b(\d{1,3})-year-old\b")
MODIFIER_DEPS = {"amod", "compound", "nmod", "nummod", "npadvmod"}
PLACE_LABELS = {"NORP", "GPE", "LOC"}


@dataclass(frozen=True)
class Role:
    """A role noun as written: 'the former health minister' is minister, status {former},
    portfolio {health}; 'the 61-year-old' is year-old, age 61."""

    lemma: str
    status: frozenset[str] = frozenset()
    portfolio: frozenset[str] = frozenset()
    age: int | None = None

    def fits(self, other: Role, strict: bool) -> bool:
        """Whether a subject with this role can be someone described as `other`: the same noun,
        the same age, no status the other lacks ('the former minister' is not 'Health Minister
        X'), no other portfolio; `strict` also refuses a status the subject does not say."""
        if self.lemma != other.lemma or (self.age is not None and self.age != other.age):
            return False
        if not self.status <= other.status or (strict and other.status - self.status):
            return False
        return not (self.portfolio and other.portfolio and not self.portfolio & other.portfolio)


def role_of(token: Token, extra_modifiers: list[Token] | None = None) -> Role:
    """The role a noun names, with its status, portfolio and age words. `extra_modifiers` are
    words before a title that the parser hung on the name ('Former' in 'Former Health Minister X')."""
    doc = token.doc
    words = speaker_words()
    word = role_word(token.lemma_)
    lemma = word.lemma
    status = set(word.status)
    if lemma in {"old", "year-old"} and (age := AGE.search(doc[token.left_edge.i : token.i + 1].text)):
        return Role("year-old", age=int(age.group(1)))
    portfolio: set[str] = set()
    modifiers = [c for c in token.lefts if c.dep_ in MODIFIER_DEPS] + (extra_modifiers or [])
    for child in modifiers:
        word = words.status_synonyms.get(child.lower_, child.lower_)
        if word in words.status:
            status.add(word)
        elif child.pos_ in {"NOUN", "PROPN"} and child.is_alpha and child.ent_type_ not in PLACE_LABELS:
            portfolio.add(child.lemma_.lower())  # 'health minister', not 'Russian president'
    return Role(lemma, frozenset(status), frozenset(portfolio))


@dataclass(frozen=True)
class RoleWord:
    """A role noun's lemma without the prefixes that make it another post: 'co-chair' is chair,
    status {co}; 'ex-minister' is minister, status {former}; 'co-operative' is cooperative."""

    lemma: str
    status: frozenset[str] = frozenset()


def role_word(lemma: str) -> RoleWord:
    """The role in a lemma, hyphenated or not: a word the lists know whole ('co-operative' as
    'cooperative'), else a role word after status prefixes ('vice-president'), else the lemma."""
    lemma = lemma.lower()
    *prefixes, last = lemma.split("-")
    if not prefixes:
        return RoleWord(lemma)
    words = speaker_words()
    joined = "".join([*prefixes, last])
    if joined in words.person or joined in words.organization:
        return RoleWord(joined)
    if is_role_word(last):
        return RoleWord(last, frozenset(words.status_synonyms.get(p, p) for p in prefixes))
    return RoleWord(lemma)


RELATIVE_PRONOUNS = {"who", "that"}


def role_in_relative_clause(verb: Token) -> Role | None:
    """The role a relative clause gives someone: 'who co-chairs the talks' (chair, status co),
    'who prosecuted the case' (prosecutor), 'who organised the march' (organiser), so that a
    later 'the co-chair' or 'the prosecutor' points back to them. English makes agent nouns
    from verbs by a handful of regular endings; no library we ship has derivations (WordNet's
    data is not installed), so we try those endings and keep only a word in our list of
    people's roles: a form the list lacks ('sayer') is never taken for a role."""
    if verb.dep_ != "relcl" or verb.pos_ not in {"VERB", "AUX"} or any(c.dep_ == "auxpass" for c in verb.children):
        return None
    if not any(c.dep_ == "nsubj" and c.lower_ in RELATIVE_PRONOUNS for c in verb.children):
        return None  # 'the man whom the court cleared', 'the case that she prosecuted'
    word = role_word(verb.lemma_)
    base = word.lemma
    stem = base[:-1] if base.endswith("e") else base
    candidates = [base, f"{stem}er", f"{stem}or", f"{base}{base[-1]}er"]  # chair, leader, prosecutor, runner
    person = speaker_words().person
    noun = next((c for c in candidates if c in person), None)
    return Role(noun, word.status) if noun is not None else None


def is_word(token: Token) -> bool:
    """Letters only, or hyphenated letters ('co-chair', kept whole by the tokenizer)."""
    return token.text.replace("-", "").isalpha()


# heads of titles whose compound names a portfolio: 'finance minister', 'interior secretary'
OFFICES = {"minister", "secretary", "commissioner", "chancellor", "governor", "ambassador", "envoy"}


def named_apposition(subject: Token) -> Token | None:
    """The name set beside a role noun: 'Her lawyer, Daniel Omondi,' / 'The UN refugee agency,
    UNHCR,' / 'The former chief executive of Skylark Air, Helen Marsh,' (where the parser hangs
    the name from 'Air'): a proper-noun apposition anywhere in the subject phrase after the noun."""
    after = [t for t in subject.subtree if t.i > subject.i and t.pos_ == "PROPN" and t.dep_ in {"appos", "npadvmod"}]
    # the subject's own apposition first: in 'A spokesman for the watchdog Transparent Adriatic,
    # Luka Radman,' the watchdog's name is set beside 'watchdog', Radman beside 'spokesman'
    own = next((t for t in after if t.head.i == subject.i), None)
    return own or next((t for t in after if t.ent_type_ == "PERSON" and t.dep_ == "appos"), None)


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
