"""Reporting verbs (data/cues.json) and what they report: the clausal, gerund, infinitive or
listed complement that carries the claim."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

from spacy.tokens import Token

from claimledger.data import load_data


@dataclass
class CueLexicon:
    speech: frozenset[str]
    negative: frozenset[str]
    prediction: frozenset[str]
    commitment: frozenset[str]
    urging: frozenset[str]
    listing: frozenset[str]
    accusation: frozenset[str]
    needs_particle: dict[str, str]

    @cached_property
    def all(self) -> frozenset[str]:
        return self.speech | self.commitment | self.accusation | self.listing | self.urging


@cache
def cues() -> CueLexicon:
    data = load_data("cues.json")
    sets = {k: frozenset(v) for k, v in data.items() if isinstance(v, list)}
    return CueLexicon(needs_particle=data["needs_particle"], **sets)


@dataclass(frozen=True)
class Cue:
    """A reporting verb and the heads of the clauses it reports."""

    token: Token
    complements: list[Token]


def is_cue(token: Token) -> bool:
    return token.lemma_.lower() in cues().all and token.pos_ in {"VERB", "AUX"}


def cue_candidate(token: Token) -> Cue | None:
    """The token as a reporting verb with at least one complement, or None."""
    lex = cues()
    lemma = token.lemma_.lower()
    if token.pos_ not in {"VERB", "AUX"} or lemma not in lex.all:
        return None
    particle = lex.needs_particle.get(lemma)
    if particle and not any(c.dep_ == "prt" and c.lower_ == particle or c.dep_ == "prep" and c.lower_ == particle
                            for c in token.children):
        return None
    if token.tag_ == "VBN" and token.dep_ in {"acl", "amod"} and token.head.dep_ != "ROOT":
        return None  # 'reported interest', 'a claimed victory' (but see subject_of for verbless parses)
    if any(c.dep_ == "neg" for c in token.children) and lemma not in lex.negative:
        return None  # 'Tamm did not say how many ...' reports no claim
    complements = complements_of(token, lemma) or misparsed_complement(token)
    return Cue(token, complements) if complements else None


def misparsed_complement(cue: Token) -> list[Token]:
    """'Experts caution readers to differentiate ...', parsed with 'caution' as a compound noun
    modifier: a cue verb with a subject of its own, left of the sentence's main verb, whose
    clause the parser made the root. The root's subtree (after the cue) is the content."""
    root = cue.sent.root
    if cue.dep_ not in {"compound", "nsubj", "amod", "nmod", "npadvmod"} or root.i <= cue.i or root.pos_ != "VERB":
        return []
    return [root] if any(c.dep_ == "nsubj" and c.i < cue.i for c in cue.children) else []


def complements_of(cue: Token, lemma: str) -> list[Token]:
    """Clausal complements first ('said that ...'); failing those, what the cue's class takes:
    a gerund for denials and commitments, an infinitive for urging and forecasts, 'of' + gerund
    for accusations, the object for listings."""
    lex = cues()
    heads = [c for c in cue.children if c.dep_ == "ccomp"]
    objects = [c for c in cue.children if c.dep_ == "dobj"]
    objects += [g for c in cue.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    for obj in objects:
        # 'rejected suggestions that the sample had been compromised'; 'said in a statement that
        # it was ...', where the parser hangs the clause from 'statement'
        heads.extend(c for c in obj.children if c.dep_ in {"acl", "ccomp", "relcl"} and any(
            m.dep_ == "mark" and m.lower_ == "that" for m in c.children))  # 'that' as complementizer, not pronoun
    if not heads and lemma in lex.negative | lex.commitment:
        heads = [c for c in cue.children if c.dep_ in {"xcomp", "dobj", "pcomp"} and c.tag_ in {"VBG", "VB"}]
        heads += [c for c in cue.children if c.dep_ == "prt" for c in c.children if c.tag_ == "VBG"]
    if not heads and lemma in lex.urging and any(c.dep_ in {"dobj", "dative"} for c in cue.children):
        heads = [c for c in cue.children if c.dep_ == "xcomp"]
    if not heads and lemma in lex.accusation:
        heads = [g for c in cue.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                 if g.dep_ == "pcomp" or g.dep_ == "pobj" and g.tag_ == "VBG"]
    if not heads and lemma in lex.listing:
        heads = [c for c in cue.children if c.dep_ == "dobj"]
    if not heads and lemma in lex.prediction:
        heads = [c for c in cue.children if c.dep_ == "xcomp"]
    return split_conjoined(heads)


def split_conjoined(heads: list[Token]) -> list[Token]:
    """'that X and that Y' is two claims; 'two were killed and five wounded' is one, and so is
    '... once the navies had cleared the mines', which the parser often makes a conjunct."""
    out = []
    for head in heads:
        out.append(head)
        out.extend(c for c in head.children if is_that_conjunct(c))
    return out


def is_that_conjunct(token: Token) -> bool:
    return token.dep_ == "conj" and token.pos_ in {"VERB", "AUX"} and any(
        c.dep_ == "mark" and c.lower_ in {"that", "whether"} for c in token.children)
