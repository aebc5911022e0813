"""How firmly a claim is put: negated, intended, predicted, possible or actual."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimledger.claims.cues import cues, verb_lemma
from claimledger.claims.subjects import own_subject
from claimledger.document import Modality

NEGATIVE_DETERMINERS = {"no", "none", "nothing", "nobody", "neither", "never"}
NEGATIVE_ADJECTIVES = {"unable", "impossible", "untrue", "false", "baseless", "unfounded"}
INTENT_LEMMAS = {"plan", "intend", "prepare", "aim", "want", "seek", "mean", "decide", "pledge", "promise", "vow",
                 "threaten", "offer", "hope", "wish", "resolve", "commit", "propose", "try", "attempt"}
INTENT_ADJECTIVES = {"ready", "prepared", "willing", "determined", "eager", "keen", "committed"}
# 'plans a merger', 'was preparing legal action': an intent with a noun for its object
INTENT_WITH_OBJECT = {"plan", "prepare", "intend", "propose"}
PREDICTION_LEMMAS = {"expect", "forecast", "predict", "anticipate", "project", "likely", "due", "set", "poise", "bind",
                     "fear", "hope"}
# 'is on course to miss its target', 'on track to', 'set to', 'poised to': an expected outcome
PREDICTION_PHRASES = {"course", "track", "set", "poised", "due", "bound"}
FUTURE_AUX = {"will", "wo", "'ll", "shall", "would"}
POSSIBLE_AUX = {"may", "might", "could", "can"}
POSSIBLE_ADJECTIVES = {"possible", "conceivable", "plausible"}
# 'he said he would table a motion': the speaker's own plan when the subject is the speaker
# (a pronoun in reported speech) and the verb is something one decides to do
SPEAKER_PRONOUNS = {"i", "we", "he", "she", "they", "it"}
# ... or the speaker's own group: 'she said her party would table questions'
SPEAKER_POSSESSIVES = {"my", "our", "his", "her", "their", "its"}
NOT_DECIDED = {"be", "have", "win", "lose", "fail", "need", "die", "suffer", "face", "miss", "fall", "rise", "get",
               "become", "seem", "remain", "happen", "cost", "exist", "last", "know", "like", "survive", "collapse",
               "run", "see", "hear", "find", "receive", "struggle", "continue"}
MODALITY_PRECEDENCE: tuple[Modality, ...] = ("negated", "intended", "predicted", "possible", "actual")


def modality_of(cue: Token, head: Token) -> Modality:
    """The modality of the clause headed by `head`, as reported through `cue`."""
    lex = cues()
    lemma = verb_lemma(cue)
    if head.dep_ == "dobj" and head.head.i == cue.i and lemma in lex.characterising | lex.figuring:
        return "actual"  # 'dismissed the reports as "lies"' says what the reports are
    if lemma in lex.negative and any(c.dep_ == "neg" for c in cue.children):
        return "possible"  # 'could not rule out that revenue had been booked too early'
    if verb_lemma(head) in lex.negative and any(c.dep_ == "neg" for c in head.children):
        return "possible"  # 'said they could not rule out that ...'
    if lemma in lex.negative or is_negated(head):
        return "negated"
    if is_intended(head) or (lemma in lex.commitment and head.dep_ in {"xcomp", "dobj"}):
        return "intended"
    if lemma in lex.prediction or is_predicted(head) or lemma in lex.forewarning and head.dep_ in {"pobj", "pcomp"}:
        return "predicted"  # 'warned of a strike': the strike is foreseen
    if any(c.dep_ == "aux" and c.lower_ in POSSIBLE_AUX for c in head.children):
        return "possible"
    if any(c.dep_ == "acomp" and c.lower_ in POSSIBLE_ADJECTIVES for c in head.children):
        return "possible"  # 'more outages were possible'
    return "actual"


def reported_modality(cue: Token, head: Token) -> Modality:
    """The modality of reported (not quoted) speech: as `modality_of`, except that a forecast
    of what the speaker will do is the speaker's plan ('he said he would table a motion')."""
    modality = modality_of(cue, head)
    if modality == "predicted" and is_own_plan(head, cue):
        return "intended"
    return modality


def is_own_plan(head: Token, cue: Token | None = None) -> bool:
    """'he would table a motion', 'they will stage a protest': a future the subject decides,
    where the subject is the speaker: a personal pronoun in reported speech, the speaker's own
    group ('her party would table questions'), or the role the
    speaker was named with ('Minister Ole Dahl said the minister would present a bill')."""
    subject = decided_future(head)
    if subject is None:
        return False
    if subject.lower_ in SPEAKER_PRONOUNS:
        return True
    if subject.pos_ == "NOUN" and any(c.dep_ == "poss" and c.lower_ in SPEAKER_POSSESSIVES for c in subject.children):
        return True
    speaker = own_subject(cue) if cue is not None else None
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children)
    return speaker is not None and definite and subject.pos_ == "NOUN" and subject.lemma_.lower() in {
        t.lemma_.lower() for t in speaker.subtree if t.i != subject.i}


def decided_future(head: Token) -> Token | None:
    """The subject of 'would table a motion', 'will stage a protest': a future its subject
    decides (active, and not 'would fall' or 'will face'); None otherwise."""
    if not any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in head.children):
        return None
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in head.children) or verb_lemma(head) in NOT_DECIDED:
        return None
    return next((c for c in head.children if c.dep_ == "nsubj"), None)


def is_group_plan(head: Token, group: set[str]) -> bool:
    """'Achebe said the union would announce strike dates', said by the union's organiser: a
    future the speaker's own group decides is its plan. `group` holds the words that name the
    group the speaker speaks for; the subject ('the union', 'Civic Renewal') must be named by
    them. Another party's future ('the company would return to talks') stays a forecast."""
    subject = decided_future(head)
    if subject is None or not group:
        return False
    if subject.pos_ == "NOUN":
        return any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children) \
            and subject.lemma_.lower() in group
    if subject.pos_ == "PROPN":
        words = {t.lower_ for t in subject.subtree if t.is_alpha and t.dep_ in {"compound", "nsubj", "amod"}}
        return subject.lower_ in words and words <= group
    return False


def quoted_modality(doc: Doc, cue: Token, head: Token, start: int, end: int) -> Modality:
    """A quotation of several sentences takes its most marked modality ('No agreement has been
    reached. Any announcement will be made by us' is a denial before it is a forecast)."""
    quotation = doc.char_span(start, end, alignment_mode="expand")  # its sentences, not the article's
    sentences = quotation.sents if quotation is not None else doc.sents
    roots = [sent.root for sent in sentences if start <= sent.root.idx < end and sent.root.i != cue.i]
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
            determiners = [d.lower_ for d in child.children if d.dep_ == "det"]
            if child.lower_ in NEGATIVE_DETERMINERS or any(d in NEGATIVE_DETERMINERS for d in determiners):
                return True
        if child.dep_ == "acomp" and child.lower_ in NEGATIVE_ADJECTIVES:
            return True
    return False


def is_intended(head: Token) -> bool:
    lemma = verb_lemma(head)
    if lemma in INTENT_LEMMAS and any(c.dep_ == "xcomp" for c in head.children):
        return True
    if lemma in INTENT_WITH_OBJECT and head.tag_ in {"VBG", "VBZ", "VBP", "VBD"} \
            and any(c.dep_ == "dobj" for c in head.children):
        return True  # 'it was preparing legal action'
    if lemma == "go" and any(c.dep_ == "xcomp" for c in head.children) and is_own_plan(head):
        return True
    if head.lower_ in INTENT_ADJECTIVES and any(c.dep_ == "xcomp" for c in head.children):
        return True
    return any(c.dep_ == "acomp" and c.lower_ in INTENT_ADJECTIVES and any(g.dep_ == "xcomp" for g in c.children)
               for c in head.children)


def is_predicted(head: Token) -> bool:
    if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in FUTURE_AUX for c in head.children):
        return True
    if verb_lemma(head) in PREDICTION_LEMMAS and any(c.dep_ in {"xcomp", "ccomp"} for c in head.children):
        return True
    going = any(c.dep_ == "xcomp" for c in head.children) and head.lower_ == "going"
    # 'is likely to' forecasts; 'are 40 percent more likely to' compares risks
    likely = any(c.dep_ == "acomp" and c.lower_ in {"likely", "due", "set", "poised", "bound"}
                 and not any(g.lower_ in {"more", "less", "as", "most", "least"} for g in c.children)
                 for c in head.children)
    return going or likely or on_course(head)


def on_course(head: Token) -> bool:
    """'is on course to miss its target', 'was on track to': the outcome is expected."""
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "on"):
        noun = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if noun is not None and noun.lower_ in PREDICTION_PHRASES and any(
                t.lower_ == "to" and t.dep_ == "aux" for t in head.subtree if t.i > noun.i):
            return True
    return False
