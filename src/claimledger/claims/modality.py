"""How firmly a claim is put: negated, intended, predicted, possible or actual."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimledger.claims.cues import cues
from claimledger.document import Modality

NEGATIVE_DETERMINERS = {"no", "none", "nothing", "nobody", "neither", "never"}
NEGATIVE_ADJECTIVES = {"unable", "impossible", "untrue", "false", "baseless", "unfounded"}
INTENT_LEMMAS = {"plan", "intend", "prepare", "aim", "want", "seek", "mean", "decide", "pledge", "promise", "vow",
                 "threaten", "offer", "hope", "wish", "resolve", "commit", "propose", "try", "attempt"}
INTENT_ADJECTIVES = {"ready", "prepared", "willing", "determined", "eager", "keen", "poised", "committed", "set"}
PREDICTION_LEMMAS = {"expect", "forecast", "predict", "anticipate", "project", "likely", "due", "set", "poise", "bind"}
FUTURE_AUX = {"will", "wo", "'ll", "shall", "would"}
POSSIBLE_AUX = {"may", "might", "could", "can"}
MODALITY_PRECEDENCE: tuple[Modality, ...] = ("negated", "intended", "predicted", "possible", "actual")


def modality_of(cue: Token, head: Token) -> Modality:
    """The modality of the clause headed by `head`, as reported through `cue`."""
    lex = cues()
    lemma = cue.lemma_.lower()
    if lemma in lex.negative or is_negated(head):
        return "negated"
    if is_intended(head) or (lemma in lex.commitment and head.dep_ == "xcomp"):
        return "intended"
    if lemma in lex.prediction or is_predicted(head):
        return "predicted"
    if any(c.dep_ == "aux" and c.lower_ in POSSIBLE_AUX for c in head.children):
        return "possible"
    return "actual"


def quoted_modality(doc: Doc, cue: Token, head: Token, start: int, end: int) -> Modality:
    """A quotation of several sentences takes its most marked modality ('No agreement has been
    reached. Any announcement will be made by us' is a denial before it is a forecast)."""
    roots = [sent.root for sent in doc.sents if start <= sent.root.idx < end and sent.root.i != cue.i]
    first = modality_of(cue, head)
    stance = {modality_of(cue, verb) for verb in [*head.conjuncts, *roots]} & {"negated", "intended"}
    # later clauses override the first only with a stance ('..., and I intend to stay'); a
    # trailing 'but I would be careful' does not turn a statement into a forecast
    return next((m for m in MODALITY_PRECEDENCE if m in stance | {first}), first)


def is_negated(head: Token) -> bool:
    for child in head.children:
        if child.dep_ == "neg" or child.lower_ == "never":
            return True
        if child.dep_ in {"nsubj", "nsubjpass", "dobj", "attr"}:
            if child.lower_ in NEGATIVE_DETERMINERS or any(d.lower_ in NEGATIVE_DETERMINERS for d in child.children if d.dep_ == "det"):
                return True
        if child.dep_ == "acomp" and child.lower_ in NEGATIVE_ADJECTIVES:
            return True
    return False


def is_intended(head: Token) -> bool:
    if head.lemma_.lower() in INTENT_LEMMAS and any(c.dep_ == "xcomp" for c in head.children):
        return True
    if head.lower_ in INTENT_ADJECTIVES and any(c.dep_ == "xcomp" for c in head.children):
        return True
    return any(c.dep_ == "acomp" and c.lower_ in INTENT_ADJECTIVES and any(g.dep_ == "xcomp" for g in c.children)
               for c in head.children)


def is_predicted(head: Token) -> bool:
    if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in FUTURE_AUX for c in head.children):
        return True
    if head.lemma_.lower() in PREDICTION_LEMMAS and any(c.dep_ in {"xcomp", "ccomp"} for c in head.children):
        return True
    going = any(c.dep_ == "xcomp" for c in head.children) and head.lower_ == "going"
    # 'is likely to' forecasts; 'are 40 percent more likely to' compares risks
    return going or any(c.dep_ == "acomp" and c.lower_ in {"likely", "due", "set"}
                        and not any(g.lower_ in {"more", "less", "as", "most", "least"} for g in c.children)
                        for c in head.children)
