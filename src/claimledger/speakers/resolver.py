"""What a reporting verb's subject refers to: a name, a pronoun ('He'), a role noun ('the
minister', 'her lawyer') or a description ('a senior official').

The claim passes hand over every subject at once (`resolve_all`), so what a subject
resolves to depends on the text before it, never on which pass asked first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from claimledger.document import Speaker
from claimledger.speakers.names import clean_description, organization_name, titled_as_person
from claimledger.speakers.registry import Kind, Referent, Registry
from claimledger.speakers.roles import has_distinguishing_modifier, is_designation, named_apposition
from claimledger.speakers.words import first_name_detector, is_role_word, role_gender, speaker_words
from claimledger.syntax import entity_of, subject_span

AGE = re.compile(r"\b\d{1,3}-year-old\b")
# nouns that can point back to any organization already named ('the company' for a carmaker);
# 'the union' or 'the ministry' must match a name or a description instead
GENERIC_ORGANIZATIONS = {"company", "firm", "group", "organisation", "organization", "body", "business", "operator",
                         "venture", "carmaker", "maker", "manufacturer", "developer", "insurer", "lender", "retailer"}
PERSONAL = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female", "hers": "female"}
ORG_PRONOUNS = {"it", "its"}
PLURAL_PRONOUNS = {"they", "them", "their"}
DETERMINERS_DEFINITE = {"the", "this", "that", "these", "those"}
NAMED_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
# How far back (in characters) a pronoun may reach for its referent: about three or four
# paragraphs of news text. Not tuned on data; beyond it 'he' is more likely someone the
# article never named than the last person quoted.
PRONOUN_REACH = 2500


@dataclass(frozen=True)
class SourceRequest:
    """A token a claim pass wants a speaker for (a reporting verb's subject, the source after
    'according to'), and how many claims it makes there: 0 for a subject that only announces
    a channel ('Rogov spoke to TASS'), which still counts as a mention."""

    token: Token
    claims: int = 1


class SpeakerResolver:
    """Built once per Doc; maps reporting verbs' subjects to Speakers."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.registry = Registry(doc)

    def resolve_all(self, requests: Iterable[SourceRequest]) -> dict[int, Speaker]:
        """The speaker behind each requested token (keyed by token index); tokens that are not
        a source are left out. The result does not depend on the order of `requests`: names are
        registered first (with the roles and descriptions set beside them), then every subject
        is resolved in text order, each one a mention that later pronouns and role nouns can
        point back to, and each claim counted at its position."""
        claims: dict[int, int] = {}
        tokens: dict[int, Token] = {}
        for request in requests:
            tokens[request.token.i] = request.token
            claims[request.token.i] = claims.get(request.token.i, 0) + request.claims
        ordered = [tokens[i] for i in sorted(tokens)]
        names = {t.i: referent for t in ordered if (referent := self._name_referent(t, subject_span(t))) is not None}
        for token in ordered:
            if token.i in names:
                self.registry.record(token.idx, names[token.i], is_subject=True)
        speakers = {}
        for token in ordered:
            referent = names.get(token.i) or self._anaphor_referent(token, subject_span(token))
            if referent is None:
                continue
            if token.i not in names:
                self.registry.record(token.idx, referent, is_subject=True)
            referent.claim_positions.extend([token.idx] * claims[token.i])
            speakers[token.i] = self.speaker(token, referent)
        return speakers

    def can_speak(self, subject: Token) -> bool:
        """Whether the subject's form can name a source at all: a pronoun, a name, or a noun
        for a person, an organization or a document ('The discussion highlights ...' cannot).
        Reads only the names the article tags, never what other subjects resolved to."""
        if is_pronoun(subject) or subject.pos_ == "PROPN" or entity_of(subject) is not None:
            return True
        if self.registry.person_by_surname(subject.text, subject.idx) is not None:
            return True  # 'Menzies acknowledged', parsed as a plural noun
        return named_apposition(subject) is not None or source_noun(subject, subject_span(subject)) is not None

    def speaker(self, subject: Token, referent: Referent) -> Speaker:
        """The Speaker as the document shows it: the referent's name, and the subject's words."""
        entity = entity_of(subject)
        named = entity is not None and entity.root.i == subject.i and entity.label_ in NAMED_LABELS
        mention = entity.text if named else subject_span(subject).text  # not 'the 54-year-old' cut to its DATE entity
        return Speaker(name=referent.name, mention=mention, kind=referent.kind, description=referent.description)

    def _resolve_referent(self, subject: Token, span: Span) -> Referent | None:
        return self._name_referent(subject, span) or self._anaphor_referent(subject, span)

    def _name_referent(self, subject: Token, span: Span) -> Referent | None:
        """A subject that names its source ('Pieter Hendriks', 'Her lawyer, Daniel Omondi', 'the
        IMF'), or None for pronouns and descriptions."""
        if is_pronoun(subject):
            return None
        appositive = named_apposition(subject)
        if appositive is not None and subject.pos_ in {"NOUN", "PROPN"}:
            return self._role_with_name(subject, appositive)
        registry = self.registry
        known = registry.person_by_surname(subject.text, subject.idx)
        if known is not None:  # 'Menzies acknowledged', where the parser saw a plural noun
            return known
        entity = entity_of(subject)
        if entity is not None and (entity.label_ == "PERSON" or titled_as_person(entity)):
            return registry.person(entity)
        if subject.text in registry.acronyms:
            return registry.acronyms[subject.text]
        if entity is not None and entity.label_ in {"ORG", "GPE", "NORP", "FAC"}:
            if entity.label_ == "ORG":
                return registry.organization(entity)
            return registry.organization_named(organization_name(entity), country=True)
        if subject.pos_ == "PROPN":
            return self._proper_noun_source(subject, span)
        return None

    def _anaphor_referent(self, subject: Token, span: Span) -> Referent | None:
        """A pronoun or a description: who it points back to, or the unnamed source it is."""
        if is_pronoun(subject):
            return self._resolve_pronoun(subject)
        return self._common_noun_source(subject, span)

    def _role_with_name(self, subject: Token, appositive: Token) -> Referent:
        """'Her lawyer, Daniel Omondi, argued' / 'The UN refugee agency, UNHCR, said'."""
        named = entity_of(appositive) or subject.doc[appositive.left_edge.i : appositive.i + 1]
        lemma = subject.lemma_.lower()
        words = speaker_words()
        person_role = lemma in words.person or lemma.endswith(words.agent_suffixes)
        if lemma in words.organization or (named.label_ == "ORG" and not person_role):
            return self.registry.organization(named)
        return self.registry.person(named)

    def _proper_noun_source(self, subject: Token, span: Span) -> Referent:
        """A name NER missed: a person when a role apposition or a known first name says so."""
        appositive = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
        role = appositive.lemma_.lower() if appositive is not None else ""
        first_name_known = first_name_detector().get_gender(span[0].text) != "unknown"
        is_person = (role and role not in speaker_words().organization and is_role_word(role)) or (
            first_name_known and len(span) > 1 and not role) or titled_as_person(span)
        if not is_person:
            return self.registry.organization_named(organization_name(span))
        referent = self.registry.person(span)
        if appositive is not None:
            self.registry.add_role(appositive, referent)
            referent.description = referent.description or clean_description(appositive)
        return referent

    def _common_noun_source(self, subject: Token, span: Span) -> Referent | None:
        noun = source_noun(subject, span)
        if noun is None:
            return None
        lemma, is_org, is_document = noun.lemma, noun.is_organization, noun.is_document
        determiner = next((c.lower_ for c in subject.children if c.dep_ in {"det", "poss"}), None)
        possessor = next((c for c in subject.children if c.dep_ == "poss"), None)
        definite = determiner in DETERMINERS_DEFINITE or possessor is not None or subject.dep_ == "compound"
        if definite and not is_document:
            found = self._resolve_role(subject, lemma, is_org, distinct=has_distinguishing_modifier(subject))
            if found is not None:
                return found
        name = span.text
        if possessor is not None and possessor.pos_ == "PRON":
            # 'its health ministry' -> "Moldova's health ministry"
            owner = self._resolve_pronoun(possessor)
            rest = subject.doc[possessor.i + 1 : span.end].text
            name = f"{owner.name}'s {rest}" if owner is not None else rest
        elif determiner in DETERMINERS_DEFINITE:
            name = subject.doc[span.start + 1 : span.end].text if span[0].dep_ == "det" else name
        kind: Kind = "organization" if is_org else "unnamed"
        return self.registry.unnamed(name, kind, role_gender(lemma), plural=subject.tag_ in {"NNS", "NNPS"},
                                     document=is_document)

    def _resolve_role(self, subject: Token, lemma: str, is_org: bool, distinct: bool = False) -> Referent | None:
        """'the minister': the nearest description before, a named referent with that role,
        the nearest description after; failing those, see `_role_fallback`."""
        position = subject.idx
        descriptors, mentions = self.registry.descriptors, self.registry.mentions
        before = [(p, r) for p, role, r in descriptors if role == lemma and p < position]
        if before:
            return before[-1][1]
        named_with_role = [m.referent for m in mentions if lemma in m.referent.roles and m.position < position]
        if named_with_role:
            return named_with_role[-1]
        after = [(p, r) for p, role, r in descriptors if role == lemma and p > position]
        if after:
            return after[0][1]
        possessor = next((c for c in subject.children if c.dep_ == "poss"), None)
        if possessor is not None and not is_org:
            # 'the player's agent said': someone not yet introduced, usually named next
            later = [m.referent for m in mentions if m.position > position and m.referent.kind == "named"]
            owner = self._resolve_referent(possessor, subject_span(possessor)) if possessor.pos_ != "PRON" else None
            later = [r for r in later if r is not owner]
            if later:
                return later[0]
            return None
        if distinct or (not is_org and is_designation(subject)):
            return None  # 'the Rwandan government', 'the prime minister': a source of its own
        return self._role_fallback(position, lemma, is_org)

    def _role_fallback(self, position: int, lemma: str, is_org: bool) -> Referent | None:
        """A role noun no description matches: 'the company' is the organization most recently
        in subject position (else mentioned); 'the negotiator' the person quoted most so far."""
        kind = "organization" if is_org else "named"
        prior = [m for m in self.registry.mentions if m.position < position and m.referent.kind == kind]
        if not prior:
            return None
        if is_org:
            if lemma not in GENERIC_ORGANIZATIONS:
                return None  # 'the union' after 'the company' is another body, not the same one
            prior = [m for m in prior if not m.referent.country and not m.referent.key.startswith("source:")]
            subjects = [m for m in prior if m.is_subject]
            return (subjects or prior)[-1].referent if prior else None
        # the person quoted most so far (latest on a tie)
        return max(reversed([m.referent for m in prior]), key=lambda r: sum(p < position for p in r.claim_positions))

    def _resolve_pronoun(self, pronoun: Token) -> Referent | None:
        """The most recent compatible subject within reach, else the most recent compatible mention."""
        lower = pronoun.lower_
        if lower not in PERSONAL and lower not in ORG_PRONOUNS and lower not in PLURAL_PRONOUNS:
            return None
        position = pronoun.idx
        earlier = [m for m in self.registry.mentions if position - PRONOUN_REACH < m.position < position]
        for require_subject in (True, False):
            for mention in reversed(earlier):
                if (mention.is_subject or not require_subject) and pronoun_fits(lower, mention.referent):
                    return mention.referent
        return None


def pronoun_fits(pronoun: str, referent: Referent) -> bool:
    """Whether 'he', 'she', 'it' or 'they' can stand for the referent."""
    if pronoun in PERSONAL:
        return referent.kind != "organization" and not referent.plural and not referent.document \
            and referent.gender in {PERSONAL[pronoun], "unknown"}
    if pronoun in ORG_PRONOUNS:
        return referent.kind == "organization"
    return referent.plural or referent.kind == "organization"


def is_pronoun(subject: Token) -> bool:
    lower = subject.lower_
    return subject.pos_ == "PRON" or lower in PERSONAL or lower in ORG_PRONOUNS or lower in PLURAL_PRONOUNS


@dataclass(frozen=True)
class SourceNoun:
    """The head noun of a description that can be a source, and what kind of source it names."""

    lemma: str
    is_organization: bool
    is_document: bool


def source_noun(subject: Token, span: Span) -> SourceNoun | None:
    """'the minister', 'the company', 'the report', 'the 54-year-old'; None for 'the discussion'."""
    lemma = subject.lemma_.lower()
    if lemma == "old" and AGE.search(span.text):
        lemma = "year-old"  # 'the 54-year-old': a person, always pointing back
    words = speaker_words()
    is_org = lemma in words.organization
    is_document = lemma in words.document
    is_person = lemma in words.person or lemma.endswith(words.agent_suffixes) or lemma == "year-old"
    if not (is_org or is_document or is_person):
        return None
    return SourceNoun(lemma, is_org, is_document)
