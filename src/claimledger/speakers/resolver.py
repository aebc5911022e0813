"""What a reporting verb's subject refers to: a name, a pronoun ('He'), a role noun ('the
minister', 'her lawyer') or a description ('a senior official', 'the memo').

The claim passes hand over every subject at once (`resolve_all`), so what a subject
resolves to depends on the text before it, never on which pass asked first.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from claimledger.document import Speaker
from claimledger.places import gazetteer
from claimledger.speakers.names import clean_description, organization_name, titled_as_person
from claimledger.speakers.registry import Descriptor, Kind, Mention, Referent, Registry
from claimledger.speakers.roles import (
    AGE,
    Role,
    has_distinguishing_modifier,
    is_designation,
    named_apposition,
    role_of,
    role_word,
)
from claimledger.speakers.words import Gender, first_name_detector, is_role_word, role_gender, speaker_words
from claimledger.syntax import entity_of, in_dateline, is_verbless_subject, name_head, subject_span
from claimledger.text import surname

# nouns that can point back to any organization already named ('the company' for a carmaker);
# 'the union' or 'the ministry' must match a name or a description instead
GENERIC_ORGANIZATIONS = {"company", "firm", "group", "organisation", "organization", "body", "business", "operator",
                         "venture", "carmaker", "maker", "manufacturer", "developer", "insurer", "lender", "retailer",
                         "cooperative"}
# of those, the nouns that can name a body of any kind but a business ('an organisation' may be a ministry)
ANY_BODY = {"organisation", "organization", "body"}
# of those, the nouns for a business: 'the company' is a business named before, never a group or a body
BUSINESSES = GENERIC_ORGANIZATIONS - {"group", "organisation", "organization", "body"}
# Nouns for a public body, any of which can point back to a body whose own name or description
# has one of them: 'the agency' after 'the Coastal Maritime Authority', 'the National Housing
# Monitor' or 'the Superintendency of Environmental Oversight'; never a company or a party, and
# never a body named with none of these words. They are the speaker words' bodies of
# oversight, but for 'board', which is as often a company's.
def public_bodies() -> frozenset[str]:
    return speaker_words().oversight - {"board"}


# letters after a business's name that say it is incorporated ('Solvarion AG', 'Kestrel Ltd')
CORPORATE_SUFFIXES = {"ag", "inc", "ltd", "plc", "llc", "corp", "co", "sa", "se", "nv", "bv", "gmbh", "asa", "ab",
                      "oy", "spa", "holdings", "group"}
PERSONAL: dict[str, Gender] = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female",
                               "hers": "female"}
ORG_PRONOUNS = {"it", "its"}
PLURAL_PRONOUNS = {"they", "them", "their"}
DETERMINERS_DEFINITE = {"the", "this", "that", "these", "those"}
DETERMINERS_INDEFINITE = {"a", "an", "one"}
NAMED_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
# entity labels that never name a source, whatever the parser makes of them ('Monday said' is a misparse)
NEVER_SOURCES = {"DATE", "TIME", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LANGUAGE"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
PARAGRAPH_BREAK = "\n\n"
# How far ahead a role noun may find the name set beside it ('her lawyer said ...' in the lede,
# 'Her lawyer, Daniel Omondi, ...' after one paragraph of background): the two paragraphs after
# its own. Set by reading, not tuned; further on, 'the company' is more likely a company already met.
FORWARD_PARAGRAPHS = 2
# names that staff cannot work at ('analysts at Vantor' is Vantor; 'experts in Germany' are not Germany)
NOT_EMPLOYERS = NEVER_SOURCES | {"PERSON", "GPE", "LOC", "NORP", "EVENT", "LAW"}
# person words that quantify a group rather than name a role ('many of them said'): always plural
QUANTIFIERS = {"many", "some", "all", "both", "others", "few", "several", "most"}
# words for a share of a group, which speaks as the group does in a poll ('Nearly half said',
# '55 percent of Republicans say', 'majorities in all five states say'); 'Six in 10' is read from the parse
PROPORTIONS = {"half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "majority", "majorities",
               "minority", "plurality", "percent", "%", "per cent"}
# How far back (in characters) a pronoun may reach for its referent: about three or four
# paragraphs of news text. Not tuned on data; beyond it 'he' is more likely someone the
# article never named than the last person quoted. A description in the lede ('a state
# prosecutor told the court') may be named as far ahead ('Prosecutor Ivana Bešlić told ...').
PRONOUN_REACH = 2500
# people whose words are their employer's: 'A spokeswoman said' after 'The ministry denied it.'
SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson"}
# role nouns for sources that news keeps unnamed ('a senior official said', 'a person familiar
# with the talks'): a lede's 'a senior official' is not the minister the body quotes next
ANONYMOUS_SOURCES = {"official", "source", "person", "people", "aide", "insider", "diplomat", "staffer",
                     "employee", "officer", "member", "spokesperson", "representative"}


@dataclass(frozen=True)
class SourceRequest:
    """A token a claim pass wants a speaker for (a reporting verb's subject, the source after
    'according to'), and how many claims it makes there: 0 for a subject that only announces
    a channel ('Rogov spoke to TASS'), which still counts as a mention."""

    token: Token
    claims: int = 1
    content: tuple[int, int] | None = None  # character span of what the token's source said


class SpeakerResolver:
    """Built once per Doc; maps reporting verbs' subjects to Speakers."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token on each access: read it once
        self.registry = Registry(doc)
        self.contents: list[tuple[int, int]] = []  # what the requested sources said: names there are not speaking
        self.resolved: dict[int, Referent] = {}  # subject token index -> its referent, after `resolve_all`
        self.speaking: set[int] = set()  # where the subjects that make claims stand (character offsets)
        self.lede_end = -1  # where the paragraph of the article's first claim ends, set by `resolve_all`

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
            if request.content is not None:
                self.contents.append(request.content)
        for token in self.doc:
            # every clause subject that names or points to a source is a mention too: 'Outside the
            # court, the 61-year-old spoke to reporters. He said ...'
            if token.i not in tokens and (token.dep_ in SUBJECT_DEPS or is_verbless_subject(token)) \
                    and token.lower_ not in ORG_PRONOUNS \
                    and self.can_speak(token, listed_only=True):
                tokens[token.i] = token
                claims[token.i] = 0
        self.contents = merged(self.contents)
        self.speaking = {tokens[i].idx for i in tokens if claims[i] > 0}
        first_claim = min((tokens[i].idx for i in tokens if claims[i] > 0), default=None)
        self.lede_end = self._paragraph_end(first_claim, 0) if first_claim is not None else -1
        ordered = [tokens[i] for i in sorted(tokens)]
        names = {t.i: referent for t in ordered if (referent := self._name_referent(t, subject_span(t))) is not None}
        for token in ordered:
            if token.i in names:
                self.registry.record(token, names[token.i], speaks=claims[token.i] > 0)
        speakers = {}
        for token in ordered:
            referent = names.get(token.i) or self._anaphor_referent(token, subject_span(token))
            if referent is None or (not claims[token.i] and referent.kind == "unnamed" and not referent.plural):
                continue  # 'a person familiar with the matter' who says nothing is no one to point back to
            if token.i not in names:
                self.registry.record(token, referent, speaks=claims[token.i] > 0)
                if is_introduction(token, referent):  # 'A hacker group said ...', then 'The group said'
                    self.registry.add_role(token, referent)
                elif is_described_body(token, referent):
                    referent.roles.add(role_word(token.lemma_).lemma)
            referent.claim_positions.extend([token.idx] * claims[token.i])
            speakers[token.i] = self.speaker(token, referent)
            self.resolved[token.i] = referent
        return speakers

    def group_words(self, subject: int) -> set[str]:
        """Words naming the group the resolved source at token `subject` speaks for (see
        `Registry.group_words`); empty for organizations, documents and unresolved subjects."""
        referent = self.resolved.get(subject)
        return self.registry.group_words(referent) if referent is not None else set()

    def can_speak(self, subject: Token, listed_only: bool = False) -> bool:
        """Whether the subject's form can name a source at all: a pronoun, a name, or a noun
        for a person, an organization or a document ('The discussion highlights ...' cannot).
        With `listed_only`, for subjects of verbs other than cues, the noun must be in the word
        list itself: an agent suffix ('-ent', '-er') or a quantifier ('many') is too weak a sign
        when the verb is not one of saying ('the incident could derail'). Reads only the names
        the article tags, never what other subjects resolved to."""
        if never_source(subject):
            return False
        if is_pronoun(subject) or subject.pos_ == "PROPN" or entity_of(subject) is not None:
            return True
        if self.registry.person_by_surname(subject.text, subject.idx) is not None:
            return True  # 'Menzies acknowledged', parsed as a plural noun
        if named_apposition(subject) is not None or subject.i in self.registry.named_nouns:
            return True
        noun = source_noun(subject, subject_span(subject))
        return noun is not None and (not listed_only or (noun.listed and not noun.is_document))

    def speaker(self, subject: Token, referent: Referent) -> Speaker:
        """The Speaker as the document shows it: the referent's name, and the subject's words."""
        entity = entity_of(subject)
        named = entity is not None and entity.root.i == subject.i and entity.label_ in NAMED_LABELS
        # not 'the 54-year-old' cut to its DATE entity
        mention = entity.text if entity is not None and named else subject_span(subject).text
        return Speaker(name=referent.name, mention=mention, kind=referent.kind, description=referent.description)

    def _resolve_referent(self, subject: Token, span: Span) -> Referent | None:
        return self._name_referent(subject, span) or self._anaphor_referent(subject, span)

    def _name_referent(self, subject: Token, span: Span) -> Referent | None:
        """A subject that names its source ('Pieter Hendriks', 'Her lawyer, Daniel Omondi', 'a
        group calling itself Black Aster', 'the IMF'), or None for pronouns and descriptions."""
        if is_pronoun(subject) or never_source(subject):
            return None
        registry = self.registry
        if subject.i in registry.named_nouns:
            return registry.named_nouns[subject.i]
        appositive = named_apposition(subject)
        if appositive is not None and (subject.pos_ in {"NOUN", "PROPN"} or one_of_a_group(subject)) \
                and is_plausible_name(appositive, subject) \
                and not is_name(subject) and (is_person_role(subject) or not self._names_a_place(appositive)):
            return self._role_with_name(subject, appositive)
        known = registry.person_by_surname(subject.text, subject.idx)
        if known is not None:  # 'Menzies acknowledged', where the parser saw a plural noun
            return known
        entity = entity_of(subject)
        kind = registry.entity_kind(entity) if entity is not None else None
        if entity is not None and kind == "named":
            return registry.person(entity)
        if subject.text in registry.acronyms:
            return registry.acronyms[subject.text]
        if entity is not None and entity.label_ == "ORG":
            return registry.organization(entity)
        if entity is not None and entity.label_ in {"GPE", "NORP", "FAC", "PERSON", "LOC"}:
            # 'Russia said', 'Brussels said': a country or city acting as one body, never 'he' or 'she';
            # but 'Andesur said' after 'Andesur Minerals' is that company, whatever the tagger thought
            name = organization_name(entity)
            return self._organization_by_short_name(name) or registry.organization_named(name, country=True)
        if subject.pos_ == "PROPN":
            return self._proper_noun_source(subject, span)
        return None

    def _organization_by_short_name(self, name: str) -> Referent | None:
        """The organization named in full before whose first words `name` is, unless `name` is
        a country, a region or a people ('Russia' is not 'Russia Today') or a place the article
        puts something in."""
        if name in gazetteer().codes or self.registry.is_somewhere(name):
            return None
        return self.registry.organization_with_prefix(name)

    def _names_a_place(self, token: Token) -> bool:
        entity = entity_of(token)
        return entity is not None and self.registry.is_place_or_thing(entity)

    def _anaphor_referent(self, subject: Token, span: Span) -> Referent | None:
        """A pronoun or a description: who it points back to, or the unnamed source it is."""
        if is_pronoun(subject) and subject.lower_ not in QUANTIFIERS:
            return self._resolve_pronoun(subject)
        return self._common_noun_source(subject, span)  # 'Some said', 'Some of the women said'

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
        """A name NER missed: a person when a role apposition or a known first name says so, or
        the surname of the one person named in full."""
        if (person := self.registry.only_person_with_surname(span.text)) is not None:
            return person
        appositive = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
        role = appositive.lemma_.lower() if appositive is not None else ""
        first_name_known = first_name_detector().get_gender(span[0].text) != "unknown"
        is_person = (role and role not in speaker_words().organization and is_role_word(role)) or (
            first_name_known and len(span) > 1 and not role) or titled_as_person(span)
        registry = self.registry
        referent = registry.person(span) if is_person else registry.organization_named(organization_name(span))
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
        if determiner is None and span[0].dep_ == "det":
            determiner = span[0].lower_  # 'The co-chair', parsed with 'The' on 'co'
        possessor = next((c for c in subject.children if c.dep_ == "poss"), None)
        plural = subject.tag_ in {"NNS", "NNPS"} or lemma in QUANTIFIERS or is_proportion(subject)
        if plural and lemma in speaker_words().staff and (employer := self._employer(subject)) is not None:
            return employer  # 'analysts at the consultancy Vantor', 'its researchers'
        definite = determiner in DETERMINERS_DEFINITE or possessor is not None or subject.dep_ == "compound"
        role = replace(role_of(subject), lemma=lemma)  # 'the 54-year-old' as year-old
        if plural and not is_org:
            pass  # "Scott's relatives", 'their attorneys': a group of their own, not one person named before
        elif definite and not is_document:
            found = self._resolve_role(subject, role, is_org, distinct=has_distinguishing_modifier(subject))
            if found is not None:
                return found
        elif determiner in DETERMINERS_INDEFINITE and not is_document and not plural:
            found = self._named_later(subject, role)
            if found is not None:
                return found
        name = span.text
        if lemma in SPOKESPEOPLE and determiner in DETERMINERS_INDEFINITE \
                and (body := self._body_spoken_for(subject)) is not None:
            name = f"{name} for {body}"  # 'A spokeswoman' after 'The ministry rejected the claims.'
        if possessor is not None and possessor.pos_ == "PRON":
            # 'its health ministry' -> "Moldova's health ministry"
            owner = self._resolve_pronoun(possessor)
            rest = subject.doc[possessor.i + 1 : span.end].text
            name = f"{owner.name}'s {rest}" if owner is not None else rest
        elif determiner in DETERMINERS_DEFINITE:
            name = subject.doc[span.start + 1 : span.end].text if span[0].dep_ == "det" else name
        kind: Kind = "document" if is_document else "organization" if is_org else "unnamed"
        referent = self.registry.unnamed(name, kind, role_gender(lemma), plural=plural)
        if is_document and referent.description is None:
            authors = self._authors(subject)
            referent.description = f"by {authors.text}" if authors is not None else None
        return referent

    def _body_spoken_for(self, subject: Token) -> str | None:
        """'The ministry rejected the claims. A spokeswoman said ...': a spokesperson the words
        do not tie to a body ('a spokeswoman for the agency') speaks for the organization that
        is a subject earlier in the sentence or in the sentence before, in the same paragraph, as
        a reader takes it. The body as the article calls it ('the ministry', or the name it
        points back to: "Portugal's health ministry"), or None."""
        if any(c.dep_ in {"prep", "poss"} for c in subject.children):
            return None
        sentence = subject.sent
        start = sentence.start_char
        if sentence.start > 0:
            previous = self.doc[sentence.start - 1].sent
            if PARAGRAPH_BREAK not in self.text[previous.start_char : sentence.start_char]:
                start = previous.start_char
        bodies = [m for m in self.registry.before(subject.idx) if m.position >= start and m.is_subject
                  and m.referent.kind == "organization" and not m.referent.plural]
        if not bodies:
            return None
        body = bodies[-1].referent
        written = self.doc.char_span(bodies[-1].position, bodies[-1].position + 1, alignment_mode="expand")
        article = written is not None and subject_span(written[0])[0].lower_ == "the"
        possessive = "'s " in body.name or "’s " in body.name  # "Portugal's health ministry" takes no article
        return f"the {body.name}" if article and not possessive and not body.name.lower().startswith("the ") \
            else body.name

    def _authors(self, document: Token) -> Span | None:
        """Who wrote a study, a report, a paper the article cites: the name in a 'by' phrase
        or the possessor of the first mention of that noun ('a report published on Tuesday by
        Clear Rivers Ireland', "the institute's study"), else the body whose researchers the
        sentence after that mention tells of ('according to a study ...', then 'Researchers at
        the Arctic Institute for Coastal Ecology tagged ...'): a reader asks whose it is."""
        lemma = document.lemma_.lower()
        mentions = [t for t in self.doc if t.lemma_.lower() == lemma and t.pos_ == "NOUN"]
        for mention in mentions:
            named = written_by(mention)
            if named is not None:
                return named
        first = mentions[0] if mentions else document
        following = first.sent.end
        if following < len(self.doc):
            for subject in self.doc[following].sent:
                if subject.dep_ in SUBJECT_DEPS and subject.lemma_.lower() in speaker_words().staff \
                        and (employer := self._employer_name(subject)) is not None:
                    return employer
        return None

    def _employer(self, subject: Token) -> Referent | None:
        """The organization staff speak for: 'analysts at Vantor', "Kronberg's economists", 'its researchers'."""
        possessor = next((c for c in subject.children if c.dep_ == "poss"), None)
        if possessor is not None and possessor.lower_ in ORG_PRONOUNS:
            return self._resolve_pronoun(possessor)
        named = self._employer_name(subject)
        return self.registry.organization(named) if named is not None else None

    def _employer_name(self, subject: Token) -> Span | None:
        """The name of the organization staff work at ('analysts at the consultancy Vantor'), or None."""
        possessor = next((c for c in subject.children if c.dep_ == "poss"), None)
        owners = [possessor] if possessor is not None else []
        owners += [g for c in subject.children if c.dep_ == "prep" and c.lower_ in {"at", "from", "with", "of"}
                   for g in c.children if g.dep_ == "pobj"]
        for owner in owners:
            named = entity_of(owner)
            if named is None and owner.pos_ == "NOUN":  # 'the consultancy Vantor'
                named = name_after(owner)
            if named is None and owner.pos_ == "PROPN":
                named = subject.doc[owner.left_edge.i : owner.i + 1]
            if named is not None and named.label_ not in NOT_EMPLOYERS and not titled_as_person(named):
                return named
        return None

    def _resolve_role(self, subject: Token, role: Role, is_org: bool, distinct: bool = False) -> Referent | None:
        """'the former minister': the nearest description before with that role (the same
        status, portfolio and age), a named referent with that role, the nearest description
        after; failing those, see `_role_fallback`."""
        position = subject.idx
        gender = subject_gender(subject)
        for strict in (True, False):
            before = [d for d in self._descriptors(role, gender, strict, is_org) if d.position < position]
            if before:
                return before[-1].referent
        # a body set apart by words of its own ('the opposition Green Dawn party') is not one
        # described by others before ('the main opposition party')
        named_with_role = [r for r in self.registry.unique_referents() if role.lemma in r.roles
                           and (r.kind == "organization") == is_org and self._may_hold(r, role, gender)
                           and not (distinct and r.key.startswith("source:"))]
        latest = max(named_with_role, key=lambda r: last_before(r, position), default=None)
        if latest is not None and last_before(latest, position) >= 0:
            return latest
        near = self._paragraph_end(position, FORWARD_PARAGRAPHS)  # 'her lawyer said' ... 'Her lawyer, X, ...'
        for strict in (True, False):
            # a person's exact title may be given much later (a live page, newest entry first:
            # 'The premier said ...' above 'Queensland's premier, Dana Whitlock, ...'); a looser
            # match, or an organization's, only nearby
            reach = len(self.text) if strict and not is_org else near
            after = [d for d in self._descriptors(role, gender, strict, is_org) if position < d.position < reach]
            if after:
                return after[0].referent
        possessor = next((c for c in subject.children if c.dep_ == "poss"), None)
        if possessor is not None and not is_org:
            # 'the player's agent said': someone not yet introduced, usually named next
            owner = self._resolve_referent(possessor, subject_span(possessor)) if possessor.pos_ != "PRON" else None
            return next((m.referent for m in self.registry.after(position)
                         if m.referent.kind == "named" and m.referent is not owner), None)
        if is_org and possessor is not None and possessor.ent_type_ == "GPE" \
                and (named := self._organization_named_later(subject, role.lemma)) is not None:
            return named  # "Chile's environmental regulator", then 'The Superintendency of ...'
        if not is_org and is_designation(subject) and (holder := self._office_named_next(subject)) is not None:
            return holder
        if distinct or (not is_org and is_designation(subject)):
            return None  # 'the Rwandan government', 'the prime minister': a source of its own
        if role.age is not None and (aged := self._last_person_subject(position, role, gender)) is not None:
            return aged
        return self._role_fallback(position, role.lemma, is_org, gender)

    def _office_named_next(self, subject: Token) -> Referent | None:
        """'... the finance minister accused the central bank of "strangling" farmers. Sorin
        Patrascu, who is negotiating a deficit plan, told parliament ...': an office nobody held
        before is the person the next sentence of the paragraph introduces as its subject, when
        the article gives that person no other role; news names the office first and the holder
        right after (a person described otherwise, 'X, an economist', is someone else)."""
        sentence = subject.sent
        following = self.doc[sentence.end].sent if sentence.end < len(self.doc) else None
        if following is None or "\n" in self.text[sentence.end_char:following.start_char]:
            return None
        for mention in self.registry.after(following.start_char - 1):
            if mention.position >= following.end_char:
                return None
            referent = mention.referent
            if mention.is_subject and referent.kind == "named" and not referent.plural:
                first = min(referent.positions, default=mention.position) >= following.start_char
                return referent if first and referent.description is None else None
        return None

    def _last_person_subject(self, position: int, role: Role, gender: Gender) -> Referent | None:
        """'Mayor Rodolfo Villaraza ... skipped a debate. At his own rally, however, the
        67-year-old dismissed ...': an age the article never gave anyone is the person last
        in subject position within reach, as news writes it to avoid repeating a name, unless
        that person's age is given otherwise."""
        for mention in reversed(self.registry.before(position, PRONOUN_REACH)):
            referent = mention.referent
            if not mention.is_subject or referent.kind != "named" or referent.plural \
                    or not gender_fits(gender, referent):
                continue
            ages = {d.role.age for d in self.registry.descriptors if d.referent is referent and d.role.age is not None}
            return referent if not ages or role.age in ages else None
        return None

    def _paragraph_end(self, position: int, following: int) -> int:
        """Where the paragraph `following` paragraphs after the one at `position` ends."""
        text = self.text
        end = text.find(PARAGRAPH_BREAK, position)
        for _ in range(following):
            if end == -1:
                break
            end = text.find(PARAGRAPH_BREAK, end + len(PARAGRAPH_BREAK))
        return len(text) if end == -1 else end

    def _descriptors(self, role: Role, gender: Gender, strict: bool, is_org: bool) -> list[Descriptor]:
        """Descriptions that fit the role, of a referent of the right kind: 'the party' is never
        a person the parser gave that apposition ('X, leader of Y, the largest party')."""
        return [d for d in self.registry.descriptors if role.fits(d.role, strict) and gender_fits(gender, d.referent)
                and (d.referent.kind == "organization") == is_org]

    def _may_hold(self, referent: Referent, role: Role, gender: Gender) -> bool:
        """A referent with the role noun among its roles, unless its own descriptions of that
        role say otherwise ('the former minister' is not someone described as 'Health Minister')."""
        own = [d for d in self.registry.descriptors if d.referent is referent and d.role.lemma == role.lemma]
        return gender_fits(gender, referent) and (not own or any(role.fits(d.role, False) for d in own))

    def _named_later(self, subject: Token, role: Role) -> Referent | None:
        """'A state prosecutor told the court ...' in the lede, then 'Prosecutor Ivana Bešlić told
        the panel ...': an indefinite description is the first source introduced after it in
        that role, when that source was not mentioned before it."""
        position = subject.idx
        gender = subject_gender(subject)
        is_org = role.lemma in speaker_words().organization
        later = [d for d in self._descriptors(role, gender, strict=True, is_org=is_org)
                 if position < d.position < position + PRONOUN_REACH]
        for descriptor in later:
            referent = descriptor.referent
            if last_before(referent, position) < 0:
                return referent
        if is_org:
            return self._organization_named_later(subject, role.lemma)
        if position < self.lede_end and role.lemma not in ANONYMOUS_SOURCES:
            return self._introduced_after(position, gender, described_at=subject.left_edge.idx)
        return None

    def _organization_named_later(self, subject: Token, lemma: str) -> Referent | None:
        """'A river conservation group has accused X ...' in the lede, then 'a report published by
        Clear Rivers Ireland': news introduces a body by what it is and names it soon after
        ("Chile's environmental regulator", then 'The Superintendency of ...'). The
        description is the first organization named after its own sentence that was not mentioned
        before, is of a kind the noun can name (`kind_fits`), and is not as likely to be another
        body the sentence describes ('A campaign group accused the mining firm ...', then 'Andes
        Copper denied it': a name without a kind word fits 'the firm' too, so it is no one's).
        Within the FORWARD_PARAGRAPHS after it any such name will do; up to PRONOUN_REACH only a
        body quoted as a source, as the description is ('an aid group ... said' in the lede, 'The
        Bayanihan Relief Network ... said' five paragraphs on)."""
        sentence = subject.sent
        others = [t.lemma_.lower() for t in verb_arguments(subject.head) if t.i != subject.i and t.pos_ == "NOUN"
                  and t.lemma_.lower() in speaker_words().organization]
        near = self._paragraph_end(subject.idx, FORWARD_PARAGRAPHS)
        for mention in self.registry.after(sentence.end_char):
            referent = mention.referent
            if mention.position >= subject.idx + PRONOUN_REACH:
                return None
            if not is_named_organization(referent) or last_before(referent, subject.idx) >= 0:
                continue
            if mention.position >= near and not self.speaking & set(referent.positions):
                continue
            if self._names_a_thing_of(mention.position):
                continue  # 'in a Telegram post' names the post's platform, not a body acting
            if any(sentence.start_char <= p < sentence.end_char for p in referent.positions) \
                    or self._named_in(referent, sentence.start_char, sentence.end_char):
                continue  # named in the same sentence: the accused, not the accuser
            if kind_fits(lemma, referent):
                return None if any(kind_fits(other, referent) for other in others) else referent
        return None

    def _names_a_thing_of(self, position: int) -> bool:
        """Whether the name at `position` only modifies a noun ('a Telegram post', 'the Kestrel
        plant')."""
        span = self.doc.char_span(position, position + 1, alignment_mode="expand")
        if span is None or not len(span):
            return False
        named = entity_of(span[0]) or span
        return named.root.dep_ in {"compound", "amod", "nmod"} and named.root.head.pos_ == "NOUN"

    def _introduced_after(self, position: int, gender: Gender, described_at: int) -> Referent | None:
        """'A ferry captain dismissed last month says ...' in the lede, then 'Graham Tulloch, who
        spent 19 years with the operator, told ...': a lede's indefinite description is the first
        person that the body introduces, in subject position and not named in the lede, even when
        the body gives them another role. News writing's inverted pyramid, read by us: the lede
        states the claim, the body names who made it. People only: an article quotes many bodies
        after its lede ('a river conservation group' is not the farmers' association quoted next),
        so an organization needs its role or name to match (`_descriptors`). A description that
        makes a claim is a person who speaks there ('Miriama Costello, for the Crown, said'), not
        the accused whom the body names first ('Graeme Tolhurst, 61, has pleaded not guilty'):
        the lede's source is a source; a description that does not ('A former procurement
        director rigged a tender') is the first person named, speaking or not."""
        for mention in self.registry.after(position):
            if mention.position >= position + PRONOUN_REACH:
                break
            referent = mention.referent
            fits = referent.kind == "named" and not referent.plural and gender_fits(gender, referent)
            if mention.is_subject and fits and (self._speaks_at(mention.position) or position not in self.speaking) \
                    and not self._named_in_lede(referent, besides=(described_at, position)):
                return referent  # not the company the lede accuses, which the body quotes next
        return None

    def _speaks_at(self, position: int) -> bool:
        """Whether the name starting at `position` is the subject of a claim: its last word, the
        subject token, stands where a claim's subject does ('Aoife Brannigan SC said')."""
        span = self.doc.char_span(position, position + 1, alignment_mode="expand")
        if span is None or not len(span):
            return False
        return name_head(span[0]).idx in self.speaking

    def _named_in_lede(self, referent: Referent, besides: tuple[int, int] = (-1, -1)) -> bool:
        """Whether the lede mentions the referent (see `_named_in`), elsewhere than between the
        offsets `besides`: the description being resolved, which an earlier pass may have given
        to this referent."""
        return any(p < self.lede_end and not besides[0] <= p <= besides[1] for p in referent.positions) \
            or self._named_in(referent, 0, self.lede_end)

    def _named_in(self, referent: Referent, start: int, end: int) -> bool:
        """Whether the text between `start` and `end` names the referent, also where the tagger
        missed the name there (its surname, for a person), so a name first seen as 'Fellmoor
        Quarries' (WORK_OF_ART) counts."""
        form = surname(referent.name) if referent.kind == "named" else referent.name
        return re.search(rf"(?<!\w){re.escape(form)}(?!\w)", self.text[start:end]) is not None

    def _role_fallback(self, position: int, lemma: str, is_org: bool, gender: Gender) -> Referent | None:
        """A role noun no description matches: 'the company' is the organization most recently
        in subject position, or that the last person quoted speaks for (else most recently
        mentioned); 'the negotiator' the person of that gender quoted most so far."""
        if is_org:
            mentions = self.registry.before(position)
            if lemma in public_bodies():  # 'the agency' after 'The Coastal Maritime Authority confirmed ...'
                bodies = [m.referent for m in mentions if is_named_organization(m.referent)
                          and m.referent.roles & public_bodies()]
                return bodies[-1] if bodies else None
            if lemma not in GENERIC_ORGANIZATIONS:
                return None  # 'the union' after 'the company' is another body, not the same one
            subjects = [org for m in mentions if m.is_subject and (org := speaking_organization(m)) is not None]
            prior = [m.referent for m in mentions if is_named_organization(m.referent)]
            if lemma in BUSINESSES:  # 'the company' is a business named before, not the hacker group
                subjects, prior = ([r for r in found if may_be_business(r)] for found in (subjects, prior))
            candidates = subjects or prior
            return candidates[-1] if candidates else None
        people = [r for r in self.registry.unique_referents() if r.kind == "named" and gender_fits(gender, r)
                  and last_before(r, position) >= 0]
        # the person quoted most so far, the one mentioned latest on a tie
        return max(people, key=lambda r: (bisect_left(r.claim_positions, position), last_before(r, position)),
                   default=None)

    def _resolve_pronoun(self, pronoun: Token) -> Referent | None:
        """The most recent compatible subject within reach, else the most recent compatible mention."""
        lower = pronoun.lower_
        if lower not in PERSONAL and lower not in ORG_PRONOUNS and lower not in PLURAL_PRONOUNS:
            return None
        position = pronoun.idx
        window = self.registry.before(position, PRONOUN_REACH)
        earlier = [m for m in reversed(window) if pronoun_fits(lower, m.referent)]
        if not earlier and lower in PERSONAL:
            # 'Sen. Chris Kask ... she said': a gender guessed from a first name given to men and
            # women alike yields to the pronoun when that person is the last one mentioned
            people = [m for m in reversed(window) if pronoun_fits(lower, m.referent, name_guess_yields=True)
                      or m.referent.kind in {"named", "unnamed"} and not m.referent.plural]
            earlier = people[:1] if people and people[0].referent.gender_ambiguous else []
        # a subject that speaks or acts before one inside what someone said ('Its researchers
        # believe the group is linked ..., though they say ...': they are the researchers), and
        # a main clause's subject before a subordinate one's ('unless the company paid')
        subjects = [m for m in earlier if m.is_subject]
        if self._reported(position):  # 'that Vrdoljak had rewritten the rules, and that he had ...'
            return next((m.referent for m in subjects + earlier), None)
        speaking = [m for m in subjects if not self._reported(m.position)]
        main = [m for m in speaking if m.main]
        return next((m.referent for m in main + speaking + subjects + earlier), None)

    def _reported(self, position: int) -> bool:
        """Whether `position` lies in what one of the requested sources said."""
        i = bisect_right(self.contents, (position, float("inf"))) - 1
        return i >= 0 and self.contents[i][0] <= position < self.contents[i][1]


def pronoun_fits(pronoun: str, referent: Referent, name_guess_yields: bool = False) -> bool:
    """Whether 'he', 'she', 'it' or 'they' can stand for the referent: he and she only for one
    person of that gender (not a document, a place or a group), or, with `name_guess_yields`,
    of a gender only guessed from a first name given to both; it for an organization or a document; they
    for a group or an organization."""
    if pronoun in PERSONAL:
        return referent.kind in {"named", "unnamed"} and not referent.plural \
            and (gender_fits(PERSONAL[pronoun], referent) or name_guess_yields and referent.gender_ambiguous)
    if pronoun in ORG_PRONOUNS:
        return referent.kind in {"organization", "document"} and not referent.plural
    return referent.plural or referent.kind == "organization"


def last_before(referent: Referent, position: int) -> int:
    """Where `referent` was last mentioned before `position`, or -1."""
    i = bisect_left(referent.positions, position)
    return referent.positions[i - 1] if i else -1


def merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted and joined where they overlap, so one lookup finds the span around a position."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def gender_fits(gender: Gender, referent: Referent) -> bool:
    return gender == "unknown" or referent.gender in {gender, "unknown"}


def subject_gender(subject: Token) -> Gender:
    """The gender a role noun's own words give ('the spokeswoman'), else the pronoun that opens
    what it said ('the 44-year-old said she was willing')."""
    gender = role_gender(subject.lemma_.lower())
    if gender != "unknown":
        return gender
    for complement in subject.head.children:
        if complement.dep_ in {"ccomp", "xcomp"}:
            pronoun = next((c for c in complement.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if pronoun is not None and pronoun.lower_ in {"he", "she"}:
                return PERSONAL[pronoun.lower_]
    return "unknown"


def speaking_organization(mention: Mention) -> Referent | None:
    """The organization behind a subject: itself, or the one a person speaks for."""
    referent = mention.referent
    if is_named_organization(referent):
        return referent
    return referent.affiliation if referent.kind == "named" else None


def written_by(document: Token) -> Span | None:
    """The name in a 'by' phrase on a document noun or on a participle of authorship describing
    it ('a study by X', 'a report published on Tuesday by X'; not 'documents seen by X' nor a
    relative clause about it, 'that was dismissed by X'), or its possessor ("X's report")."""
    describing = {document.i} | {c.i for c in document.children
                                 if c.dep_ == "acl" and c.lemma_.lower() in speaker_words().authoring}
    for token in document.subtree:
        if token.dep_ == "poss" and token.head.i == document.i or \
                token.dep_ == "pobj" and token.head.lower_ == "by" and token.head.head.i in describing:
            named = entity_of(token)
            if named is not None and named.label_ in {"ORG", "PERSON"}:
                return named
    return None


def may_be_business(referent: Referent) -> bool:
    """Not described only as another kind of body ('a group calling itself ...', 'the union')."""
    kinds = referent.roles & speaker_words().organization
    incorporated = referent.name.split()[-1].lower().rstrip(".") in CORPORATE_SUFFIXES
    return not kinds or bool(kinds & BUSINESSES) or incorporated


def verb_arguments(verb: Token) -> list[Token]:
    """The verb's objects and subjects, and the objects of its prepositions: 'the mining firm' of
    'accused the mining firm of ...'; not the words nested further in them."""
    direct = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "dobj", "dative", "attr", "agent"}]
    return direct + [g for c in verb.children if c.dep_ in {"prep", "agent"} for g in c.children if g.dep_ == "pobj"]


def kind_fits(lemma: str, referent: Referent) -> bool:
    """Whether a noun for a body ('group', 'union', 'firm') can name this organization: the kind
    words of its name and descriptions ('Association', 'a shipping firm') include it, or it has
    none; a noun for a business only names a business (`may_be_business`), and an incorporated
    name ('Kestrel Ltd') only by such a noun. 'organisation' and 'body' name a body of any other
    kind, a noun for an association any association ('an aid group' may be a relief network),
    one for a body of oversight any such body ('a regulator' may be an Authority), but a group
    is no ministry."""
    words = speaker_words()
    kinds = referent.roles & words.organization
    incorporated = referent.name.split()[-1].lower().rstrip(".") in CORPORATE_SUFFIXES
    if lemma in BUSINESSES:
        return may_be_business(referent)
    if incorporated or kinds & BUSINESSES:
        return False
    return not kinds or lemma in kinds or lemma in ANY_BODY \
        or any(lemma in family and kinds <= family for family in (words.associations, words.oversight))


def is_named_organization(referent: Referent) -> bool:
    return referent.kind == "organization" and not referent.country and not referent.key.startswith("source:")


def is_introduction(subject: Token, referent: Referent) -> bool:
    """A source brought in by an indefinite description ('a pro-Russian hacker group', 'a
    spokeswoman'), which a later 'the group' or 'the spokeswoman' points back to."""
    return referent.key.startswith("source:") and not referent.plural and referent.kind != "document" \
        and any(c.dep_ == "det" and c.lower_ in DETERMINERS_INDEFINITE for c in subject.children)


def is_described_body(subject: Token, referent: Referent) -> bool:
    """An unnamed body set apart by its words ("Portugal's health ministry", "Austria's national
    cyber security centre"), which a later 'the ministry' may point back to; as a body with
    that noun among its roles, so a named one mentioned since ('the opposition Civic Renewal
    party') is nearer."""
    return referent.key.startswith("source:") and referent.kind == "organization" and not referent.plural \
        and has_distinguishing_modifier(subject)


def is_pronoun(subject: Token) -> bool:
    lower = subject.lower_
    return subject.pos_ == "PRON" or lower in PERSONAL or lower in ORG_PRONOUNS or lower in PLURAL_PRONOUNS


@dataclass(frozen=True)
class SourceNoun:
    """The head noun of a description that can be a source, and what kind of source it names."""

    lemma: str
    is_organization: bool
    is_document: bool
    listed: bool  # in the word list itself, not only by an agent suffix, and not a quantifier ('many')


def source_noun(subject: Token, span: Span) -> SourceNoun | None:
    """'the minister', 'the company', 'the report', 'the 54-year-old'; None for 'the discussion'."""
    lemma = role_word(subject.lemma_).lemma
    if lemma == "old" and AGE.search(span.text):
        lemma = "year-old"  # 'the 54-year-old': a person, always pointing back
    if is_proportion(subject) or subject.lower_ in QUANTIFIERS and subject.pos_ == "PRON":
        # a share of those asked ('Nearly half', 'Some of the women') speaks for itself, never points back
        return SourceNoun(lemma, is_organization=False, is_document=False, listed=False)
    words = speaker_words()
    is_org = lemma in words.organization
    is_document = lemma in words.document
    is_person = lemma in words.person or lemma.endswith(words.agent_suffixes) or lemma == "year-old"
    if not (is_org or is_document or is_person):
        return member_source(subject, lemma)
    listed = (lemma in words.person or is_org or is_document or lemma == "year-old") and lemma not in QUANTIFIERS
    return SourceNoun(lemma, is_org, is_document, listed)


def member_source(subject: Token, lemma: str) -> SourceNoun | None:
    """'A wide array of economists', 'Dozens of residents', 'a redacted copy of the report': a
    word for a number, a group or a part of something that can speak speaks as that something."""
    member = next((g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj"), None)
    if member is None:
        return None
    if member.ent_type_ in {"PERSON", "ORG", "NORP"}:
        return SourceNoun(lemma, is_organization=member.ent_type_ == "ORG", is_document=False, listed=False)
    inner = source_noun(member, subject_span(member)) if member.pos_ == "NOUN" else None
    if inner is None or not inner.listed:
        return None
    return SourceNoun(lemma, inner.is_organization, inner.is_document, listed=False)


def name_after(noun: Token) -> Span | None:
    """The name written right after a common noun: 'the consultancy Vantor' -> 'Vantor'."""
    doc = noun.doc
    end = noun.i + 1
    while end < len(doc) and doc[end].pos_ == "PROPN":
        end += 1
    if end == noun.i + 1:
        return None
    return entity_of(doc[noun.i + 1]) or doc[noun.i + 1 : end]


def is_plausible_name(token: Token, role: Token | None = None) -> bool:
    """A name set beside a subject, not a party-and-state tag ('(D-Mo.)', 'R-Ky.'), an initial
    or a group ('Charlie King, a prominent New York Democrat'). A place tag is trusted only when
    the role is not a person's: NER often tags unfamiliar personal names (accented ones above
    all) as places, and 'The owner of the café, René Dubois,' names a person whatever the tag."""
    span = entity_of(token) or token.doc[token.left_edge.i : token.i + 1]
    person_role = role is not None and role.lemma_.lower() in speaker_words().person
    place = token.ent_type_ in {"GPE", "LOC"} and not person_role
    if (span.start > 0 and token.doc[span.start - 1].text == "(") or token.ent_type_ == "NORP" or place:
        return False
    return any(t.is_alpha and len(t.text) > 1 for t in span)


def is_person_role(noun: Token) -> bool:
    return noun.lemma_.lower() in speaker_words().person


def is_name(subject: Token) -> bool:
    """Whether the subject is itself a person's or an organization's name."""
    entity = entity_of(subject)
    return entity is not None and entity.label_ in {"PERSON", "ORG"}


def is_bare_title(subject: Token) -> bool:
    """'Officer said ...': a person's title with no name after it, left by a line break or a
    misparse; it names no one ('Police said' is an organization and stays)."""
    words = speaker_words()
    lemma = subject.lower_
    return subject.pos_ == "PROPN" and entity_of(subject) is None and len(subject_span(subject)) == 1 \
        and lemma in words.person and lemma not in words.organization and lemma not in QUANTIFIERS


def one_of_a_group(subject: Token) -> bool:
    """'One of the men', 'Some of the residents': a count or quantifier of a group, whose name
    may be set beside it ('One of the men, Jessie Ellard, 70, said')."""
    return subject.pos_ in {"NUM", "PRON"} and any(c.dep_ == "prep" and c.lower_ == "of" for c in subject.children)


def is_proportion(subject: Token) -> bool:
    """A share of a group as a subject: 'half', 'a majority', '55 percent' (of voters), or a
    count out of a count ('Six in 10', 'seven out of 10')."""
    if subject.lower_ in PROPORTIONS or subject.lemma_.lower() in PROPORTIONS:
        return True
    if not subject.like_num:
        return False
    # 'Six in 10' parsed either way: '10' with 'Six in' as its quantifier, or 'Six' with 'in 10'
    return any(c.dep_ == "quantmod" and c.lower_ in {"in", "out", "of"} for c in subject.children) \
        or any(c.dep_ == "prep" and c.lower_ in {"in", "out"} and any(g.like_num for g in c.subtree if g is not c)
               for c in subject.children)


def never_source(subject: Token) -> bool:
    """A dateline, a bare title, a date, a sum or a count the parser made a subject ('Monday
    said', 'One said', 'Officer said'); not 'the 54-year-old', which the tagger marks as a
    DATE, nor 'one of the drivers'."""
    if in_dateline(subject):
        return True  # 'KYIV, June 4 (Northwire) - ...'
    if is_proportion(subject):
        return False  # 'Six in 10 say', '55 percent said'
    if is_bare_title(subject):
        return True
    entity = entity_of(subject)
    if entity is None or entity.label_ not in NEVER_SOURCES or AGE.search(subject_span(subject).text):
        return False
    # 'One of the drivers said' names a source, a bare 'One said' does not
    return not any(c.dep_ == "prep" and c.lower_ == "of" for c in subject.children)
