"""How firmly a Russian claim is put, read from natasha's UD parse (the same five values as
the English `modality`): negation ('не', 'нет', 'никакой', 'ни один'), intention
('намерен', 'готов', 'планирует'), forecast (future tense, 'будет', 'ожидается',
'предстоит'), possibility ('может', 'возможно', and a cue 'не исключил')."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Token

from claimledger.data import load_data
from claimledger.document import Modality
from claimledger.nlp_ru import morph_analyzer

INFINITIVE = re.compile(r"(ть|ти|чь)(ся|сь)?$")
FUTURE_BE = {"буду", "будешь", "будет", "будем", "будете", "будут"}
PRECEDENCE: tuple[Modality, ...] = ("negated", "intended", "predicted", "possible", "actual")


@cache
def modality_words() -> dict[str, frozenset[str]]:
    data = load_data("ru/modality.json")
    return {k: frozenset(v) for k, v in data.items() if isinstance(v, list)}


def negated_cue(cue: Token) -> bool:
    return any(c.lower_ == "не" for c in cue.children)


def ru_modality(cue: Token | None, heads: list[Token], lexicon: dict[str, frozenset[str]]) -> Modality:
    """The modality of the clauses headed by `heads` (the claim's main predicate and the
    predicates coordinated with it), as reported through `cue` (None for 'по словам X')."""
    if cue is not None:
        lemma = cue.lemma_
        if lemma in lexicon["negative"]:
            return "negated"
        if lemma in lexicon["possible"]:
            return "possible" if negated_cue(cue) or lemma in {"допустить", "допускать", "предположить",
                                                                "предполагать"} else "negated"
        promised_act = any(h.head.i == cue.i and h.dep_ == "xcomp" for h in heads)
        if lemma in lexicon["commitment"] and not negated_cue(cue) and heads and (
                promised_act or clause_modality(heads[0]) == "predicted"):
            return "intended"  # 'пообещали проверить', 'пообещала, что администрация обратится': a plan
    # the claim's main predicate decides ('уровень снизился, а подтоплений не ожидается' is
    # actual); `heads` gives it first
    found = {clause_modality(heads[0])} if heads else set()
    if cue is not None and cue.lemma_ in lexicon["prediction"]:
        found.add("predicted")
    return next(m for m in PRECEDENCE if m in found | {"actual"})


def clause_heads(head: Token) -> list[Token]:
    """The predicate and the predicates joined to it ('не изменится и останется'), not those of
    subordinate clauses ('квартиры, которых нет')."""
    return [head, *(c for c in head.children if c.dep_ in {"conj", "parataxis"} and c.pos_ in
                    {"VERB", "AUX", "ADJ", "NUM", "ADV", "NOUN", "PRON"})]


def clause_modality(head: Token) -> Modality:
    words = modality_words()
    lemma = head.lemma_
    children = list(head.children)
    if lemma in words["negative_predicates"] or any(is_negation(c) for c in children):
        return "negated"
    if any(c.dep_ in {"nsubj", "obj", "nsubj:pass"} and negative_phrase(c) for c in children):
        return "negated"
    if lemma in words["intention"] or any(c.dep_ in {"xcomp", "cop"} and c.lemma_ in words["intention"]
                                          for c in children):
        return "intended"
    if is_predicted(head, children, words):
        return "predicted"
    if lemma in words["possibility"] or any(c.lemma_ in words["possibility"] and c.dep_ in
                                            {"xcomp", "advmod", "parataxis", "aux"} and not has_subject(c)
                                            for c in children):
        return "possible"
    return "actual"


def has_subject(token: Token) -> bool:
    """'улететь мы не можем' is a clause of its own; a parenthetical 'возможно,' is not."""
    return any(c.dep_ in {"nsubj", "nsubj:pass"} for c in token.children)


def is_negation(token: Token) -> bool:
    return token.lower_ == "не" and token.dep_ == "advmod"


def negative_phrase(token: Token) -> bool:
    """'никакой массовой вербовки', 'ни один микрорайон', 'никто'."""
    words = modality_words()
    if token.lemma_ in words["negative_pronouns"]:
        return True
    return any(c.lemma_ in words["negative_pronouns"] or (c.lower_ == "ни" and c.dep_ == "advmod")
               or (c.lemma_ == "один" and any(g.lower_ == "ни" for g in c.children)) for c in token.children)


def is_future(token: Token) -> bool:
    """'увеличит', 'сократятся' (a perfective verb's present form is the future), 'будет'.
    natasha tags both as Tense=Pres, so the aspect and the form of 'быть' decide."""
    if token.lemma_ == "быть":
        return token.lower_ in FUTURE_BE
    if token.morph.get("VerbForm") != ["Fin"] and not INFINITIVE.search(token.lower_):
        # natasha now and then tags a finite verb as an infinitive or an adverb ('придётся'):
        # pymorphy3 reads the word form alone, and a future tense in every reading is certain
        parses = morph_analyzer().parse(token.lower_)
        return bool(parses) and all(p.tag.POS == "VERB" and p.tag.tense == "futr" for p in parses)
    finite = token.morph.get("VerbForm") == ["Fin"] and token.morph.get("Mood") == ["Ind"]
    return finite and (token.morph.get("Tense") == ["Fut"] or token.morph.get("Tense") == ["Pres"]
                       and token.morph.get("Aspect") == ["Perf"])


def is_predicted(head: Token, children: list[Token], words: dict[str, frozenset[str]]) -> bool:
    if is_future(head) or head.lemma_ in words["prediction"]:
        return True
    if any(c.lemma_ == "быть" and c.dep_ in {"aux", "aux:pass", "cop"} and is_future(c) for c in children):
        return True
    if head.lemma_ == "должный":  # 'должны прибыть' forecasts; 'должно быть привито' obliges
        if any(c.lemma_ == "быть" and "Past" in c.morph.get("Tense") for c in children):
            return False  # 'должна была доставить': what was due, not a forecast
        return any(c.dep_ == "xcomp" and c.lemma_ != "быть" for c in children)
    return any(c.dep_ == "xcomp" and c.lemma_ in words["prediction"] for c in children)
