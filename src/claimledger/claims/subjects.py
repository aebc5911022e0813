"""Who speaks through a reporting verb: its own subject, or the one it borrows from the
clause above ('..., claiming that', '... and insisted that', 'was quoted as saying')."""

from __future__ import annotations

from spacy.tokens import Token

from claimledger.claims.cues import cues, is_cue, verb_lemma
from claimledger.syntax import in_dateline, name_head

# verbs by which someone is made to say something ('forced X to admit', 'pressed X to concede',
# 'got X to confirm'): the object then speaks. Not verbs of asking or telling, whose object only
# hears the request ('urged voters to believe', 'told staff to expect'): hand-picked, since no
# word list we use separates the two kinds of object control
MAKING_VERBS = {"force", "press", "pressure", "push", "get", "compel", "prompt", "lead", "make", "cause", "drive"}

# words that open an adverbial clause of time or reason, whose subject acts on its own
ADVERBIAL_OPENERS = {"when", "while", "after", "before", "as", "because", "since", "once", "until", "whenever"}


def own_subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"}]
    # a dateline's place taken for a second subject ('VALMERA, March 3 (Northwire) - ... Kask told')
    subject = next((c for c in subjects if not in_dateline(c)), subjects[0] if subjects else None)
    if subject is not None and subject.lower_ in {"who", "which", "that"} and verb.dep_ == "relcl":
        return described_subject(verb.head)  # 'X, who said ...' speaks as X
    if subject is not None and subject.dep_ == "csubj" and subject.tag_ == "VBG":
        return named_in_opening_participle(subject) or subject
    return past_dateline(subject) if subject is not None else None


def named_in_opening_participle(clause: Token) -> Token | None:
    """'Presenting the report in Prague, Industry Minister X said ...': the parser can make the
    opening participle clause the subject and hang the one who speaks from its last noun as an
    apposition; the last such apposition is the speaker."""
    appositions = [t for t in clause.subtree if t.dep_ == "appos" and t.i > clause.i]
    return appositions[-1] if appositions else None


def past_dateline(subject: Token) -> Token:
    """'KALVO, Feb 9 (Nordwire) - Energy minister Vasilenko told ...': the parser can make the
    dateline's place the subject and hang the one who speaks from it as an apposition."""
    if not in_dateline(subject):
        return subject
    beside = [c for c in subject.children if c.dep_ == "appos" and not in_dateline(c)]
    named = [c for c in beside if c.ent_type_ in {"PERSON", "ORG"}]
    return (named or beside or [subject])[0]


def described_subject(noun: Token) -> Token:
    """The one a predicate noun describes: 'Tom Hale is a former banker and landlord who has
    pledged ...' is Tom Hale's pledge, not the banker's; other nouns stand for themselves."""
    first = noun
    while first.dep_ == "conj" and first.head is not first:
        first = first.head  # 'a banker and landlord who ...': the first of the nouns
    if first.dep_ != "attr" or first.head.lemma_ != "be":
        return noun
    return next((c for c in first.head.children if c.dep_ == "nsubj" and c.lower_ not in {"it", "this", "that",
                                                                                           "there"}), noun)


def has_own_subject(cue: Token) -> bool:
    return any(c.dep_ in {"nsubj", "csubj"} for c in cue.children)


def subject_of(cue: Token) -> Token | None:
    """The clause subject that speaks through `cue`. A participle or conjunct without a
    subject of its own ('..., claiming that', '... and insisted that') borrows it from the
    nearest reporting verb above it, else from the sentence's main clause: the parser often
    hangs it from a verb inside the previous claim, whose subject is not the speaker."""
    subject = own_subject(cue)
    if subject is not None:
        return subject
    if (beside := apposition_before(cue)) is not None:
        return beside
    if cue.dep_ == "acl" and cue.head.dep_ == "ROOT" and cue.head.pos_ in {"NOUN", "PROPN"}:
        return cue.head  # 'The club, Estrela do Sul, posted on Instagram that ...' parsed without a main verb
    if cue.dep_ == "pcomp" and cue.head.lower_ == "as" and cue.head.head.lemma_.lower() in {"quote", "report", "cite"}:
        # 'The general was quoted as saying that ...': the one quoted is the passive subject
        return next((c for c in cue.head.head.children if c.dep_ == "nsubjpass"), None)
    if cue.dep_ == "pcomp" and cue.tag_ == "VBG" and cue.head.dep_ == "prep" and says(cue):
        return gerund_subject(cue)
    if any(c.dep_ == "nsubjpass" for c in cue.children) or cue.dep_ not in {"conj", "xcomp", "advcl", "ccomp", "acl"}:
        return None  # 'it was reported that ...': no source
    if cue.dep_ == "acl" and cue.tag_ != "VBG":
        return None
    if (responder := relative_clause_before(cue)) is not None:
        return responder
    if (first := first_conjunct(cue)) is not None and opens_own_clause(first) \
            and (subject := own_subject(first)) is not None and subject.pos_ in {"NOUN", "PROPN", "PRON"}:
        return subject  # 'when Okafor thanked the volunteers and said ...': Okafor, not the main clause's subject
    if cue.dep_ == "xcomp" and (made := object_of(cue.head)) is not None:
        return made  # 'pressed Halvorsen to admit that ...': the one made to speak is the object
    ancestors = list(cue.ancestors)
    for ancestor in ancestors:
        if is_cue(ancestor) and (subject := own_subject(ancestor)) is not None:
            return subject
    return own_subject(ancestors[-1]) if ancestors else None


def first_conjunct(verb: Token) -> Token | None:
    """The verb a conjunct is joined to ('thanked' in 'thanked the volunteers and said'), or None."""
    if verb.dep_ != "conj":
        return None
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return verb


def opens_own_clause(verb: Token) -> bool:
    """A relative clause, or an adverbial one opened by a word of time or reason ('when Okafor
    thanked ...', 'after the mayor arrived'), outside what anyone said: its subject is its own.
    Not a 'that' clause the parser took for an adverbial one ('tweeted that X was ... and
    encouraged ...'), where X is what was said about, not who spoke."""
    if any(a.dep_ == "ccomp" for a in verb.ancestors):
        return False
    if verb.dep_ == "relcl":
        return True
    return verb.dep_ == "advcl" and any(c.dep_ in {"mark", "advmod"} and c.lower_ in ADVERBIAL_OPENERS
                                        for c in verb.children)


def object_of(verb: Token) -> Token | None:
    """The direct object of a verb that makes someone speak ('forced the chief executive to
    admit', 'got him to concede'): with object control the speaker of the infinitive is the
    object, not the verb's subject."""
    if verb.lemma_.lower() not in MAKING_VERBS:
        return None  # 'told reporters to expect delays' is still the teller's claim
    return next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN", "PRON"}), None)


def relative_clause_before(cue: Token) -> Token | None:
    """'... had stolen its data, a claim the company flatly rejected, saying its systems were
    intact': a participle right after a relative clause continues that clause, so its speaker is
    the relative clause's own subject (the company), though the parser hangs the participle from
    the verb of the claim before it; after a clause whose subject is its relative pronoun, the
    subject of the clause the described noun stands in."""
    doc = cue.doc
    if cue.tag_ != "VBG" or cue.i < 2 or doc[cue.i - 1].text != ",":
        return None
    verb = next((t for t in doc[: cue.i - 1] if t.dep_ == "relcl" and t.right_edge.i == cue.i - 2), None) \
        or next((a for a in cue.ancestors if a.dep_ == "relcl" and any(
            c.dep_ == "nsubj" and c.lower_ in {"which", "that"} for c in a.children)), None)
    if verb is None:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ in {"who", "which", "that"}:
        # 'A journal has retracted a study which claimed that ..., saying images had been
        # duplicated': a relative clause opened by its pronoun only describes the noun; the
        # participle after it goes back to the clause that noun belongs to (the journal)
        governing = next((a for a in verb.head.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        owner = own_subject(governing) if governing is not None else None
        return owner if owner is not None and owner.pos_ in {"NOUN", "PROPN"} else None
    if subject is None or subject.pos_ not in {"NOUN", "PROPN"}:
        return None
    return subject


def apposition_before(cue: Token) -> Token | None:
    """'In a statement to the Courier, the port director, Anna Kask, said: ...', parsed with the
    speaker as an apposition inside the opening phrase and no subject for the cue: the noun
    phrase that ends just before the cue (after its comma) and hangs, through appositions, from
    the object of a preposition of the cue's own clause."""
    doc = cue.doc
    last = cue.i - 1
    if last >= 0 and doc[last].text == ",":
        last -= 1
    if last < 0 or cue.dep_ != "ROOT":
        return None
    noun = name_head(doc[last])
    if noun.dep_ != "appos" or noun.right_edge.i != last or noun.pos_ not in {"PROPN", "NOUN"}:
        return None
    anchor = noun.head
    while anchor.dep_ == "appos":
        anchor = anchor.head
    if anchor.dep_ != "pobj" or not any(a.i == cue.i for a in anchor.ancestors) \
            or any(a.pos_ in {"VERB", "AUX"} and a.i != cue.i for a in anchor.ancestors):
        return None
    return noun


def gerund_subject(cue: Token) -> Token | None:
    """'Obama responded by saying that ...', 'she was criticised for saying ...', 'After saying
    ..., she was taken to hospital': the gerund's speaker is the subject of the verb the
    preposition hangs from; 'banned officials from saying' speaks for nobody named here."""
    preposition = cue.head
    verb = next((a for a in preposition.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    if verb is None or (preposition.lower_ == "from" and any(c.dep_ == "dobj" for c in verb.children)):
        return None
    while verb is not None:
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None:
            return own_subject(verb) if subject.dep_ == "nsubj" else subject
        verb = verb.head if verb.dep_ in {"conj", "xcomp"} and verb.head is not verb else None
    return None


def says(cue: Token) -> bool:
    """A verb of saying ('by saying', 'for claiming'), not one that asks or urges others
    ('by asking prosecutors to charge someone' describes a method, not a claim)."""
    lex = cues()
    lemma = verb_lemma(cue)
    return lemma in lex.speech and lemma not in lex.urging
