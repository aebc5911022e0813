"""Everyone an article names or describes, and where: the referents (people, organizations,
unnamed sources) and their mentions in text order, which resolution reads."""

from __future__ import annotations

import re
from bisect import insort
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Span, Token

from claimledger.speakers.names import clean_description, name_gender, organization_name, person_name, titled_as_person
from claimledger.speakers.words import Gender, is_role_word, role_gender, speaker_words
from claimledger.syntax import entity_of, is_subject
from claimledger.text import surname

Kind = Literal["named", "unnamed", "organization"]
# a repeated surname counts as a mention only when longer than this ('Li' or 'Ng' alone
# match too many other words)
MIN_REPEATED_SURNAME = 3


@dataclass
class Referent:
    key: str
    name: str
    kind: Kind
    gender: Gender = "unknown"
    plural: bool = False
    description: str | None = None
    roles: set[str] = field(default_factory=set)
    claim_positions: list[int] = field(default_factory=list)  # where each of its claims is
    document: bool = False  # 'the statement', 'a report': never 'he' or 'she'
    country: bool = False  # 'Russia said ...': an actor, but never 'the ministry' or 'the company'
    promoted: bool = False  # made an organization from a role noun, against NER's PERSON tag


@dataclass(frozen=True)
class Mention:
    position: int  # character offset
    referent: Referent
    is_subject: bool


class Registry:
    """Built once per Doc from its entities, named appositions and repeated names; resolved
    subjects are added with `record`, so later pronouns and role nouns can point back to them."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.referents: dict[str, Referent] = {}
        self.mentions: list[Mention] = []  # in text order
        self.acronyms: dict[str, Referent] = {}
        self.descriptors: list[tuple[int, str, Referent]] = []  # (position, role lemma, referent)
        self._collect_entities()
        self._collect_named_appositions()
        self._collect_repeated_names()

    def record(self, position: int, referent: Referent, is_subject: bool = True) -> None:
        """A mention of `referent` at `position`, kept in text order (after any at the same position)."""
        insort(self.mentions, Mention(position, referent, is_subject), key=lambda m: m.position)

    # -- building the registry ------------------------------------------------------------

    def _collect_entities(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ == "PERSON" or titled_as_person(ent):
                referent = self.person(ent)
            elif ent.label_ == "ORG":
                referent = self.organization(ent)
            else:
                continue
            self.mentions.append(Mention(ent.start_char, referent, is_subject(ent.root)))
            self._collect_descriptors(ent, referent)
        self.mentions.sort(key=lambda m: m.position)

    def _collect_named_appositions(self) -> None:
        """'The joint venture, Amber Link, ...' names a source even when NER misses the name."""
        for token in self.doc:
            if token.dep_ != "appos" or token.pos_ != "PROPN" or token.head.pos_ != "NOUN":
                continue
            if entity_of(token) is not None:
                continue  # entities were handled with their descriptors
            name_span = self.doc[token.left_edge.i : token.i + 1]
            is_org = token.head.lemma_.lower() in speaker_words().organization
            referent = self.organization(name_span) if is_org else self.person(name_span)
            self.add_role(token.head, referent)
            self.mentions.append(Mention(name_span.start_char, referent, False))
        self.mentions.sort(key=lambda m: m.position)

    def _collect_repeated_names(self) -> None:
        """Later mentions of a name NER tagged once ('Andes Copper denied the allegations.' with
        no entity on it): every exact occurrence of a known name, or a person's surname, is a
        mention too, so salience follows the text rather than the tagger's recall."""
        text = self.doc.text
        known = {m.position for m in self.mentions}
        forms = {}
        for referent in self.referents.values():
            forms[referent.name] = referent
            if referent.kind == "named" and " " in referent.name and len(surname(referent.name)) > MIN_REPEATED_SURNAME:
                forms.setdefault(surname(referent.name), referent)
        for form, referent in sorted(forms.items(), key=lambda item: -len(item[0])):
            for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
                span = self.doc.char_span(match.start(), match.end())
                if span is None or any(abs(match.start() - p) < len(form) for p in known):
                    continue
                known.add(match.start())
                self.mentions.append(Mention(match.start(), referent, is_subject(span.root)))
        self.mentions.sort(key=lambda m: m.position)

    def _collect_descriptors(self, ent: Span, referent: Referent) -> None:
        """Role nouns from title compounds ('ecologist Saskia Vermeulen'), appositions in
        either direction ('X, a spokesman for Y' and 'Her lawyer, X')."""
        for token in ent.doc[max(ent.start - 3, 0) : ent.start]:
            if token.head.i in range(ent.start, ent.end) and token.dep_ in {"compound", "amod", "nmod"} \
                    and (token.pos_ in {"NOUN", "PROPN"} or is_role_word(token.lemma_.lower())):
                self.add_role(token, referent)
        root = ent.root
        for child in root.children:
            if child.dep_ == "appos" and child.i >= ent.end and child.pos_ != "NUM":  # not 'Mr Johnson, 62,'
                self.add_role(child, referent)
                referent.description = referent.description or clean_description(child)
        if root.dep_ == "appos" and root.head.i < ent.start and root.head.pos_ == "NOUN":
            self.add_role(root.head, referent)

    # -- referents by name --------------------------------------------------------------------

    def person(self, ent: Span) -> Referent:
        name = person_name(ent)
        # a bare surname joins the most recent person with that surname; a full name is its own person
        if (known := self.person_by_surname(name, ent.start_char)) is not None:
            return known
        key = f"person:{name}"
        if key not in self.referents:
            # 'Civic Alliance' tagged PERSON: a name ending in an organization noun is an organization
            kind: Kind = "organization" if surname(name).lower() in speaker_words().organization else "named"
            self.referents[key] = Referent(key=key, name=name, kind=kind, gender=name_gender(name, ent))
        return self.referents[key]

    def organization(self, ent: Span) -> Referent:
        name = organization_name(ent)
        if name in self.acronyms:
            return self.acronyms[name]
        person = self.person_by_surname(name, ent.start_char)
        if person is not None:  # the small model often tags a bare surname ('Hendriks said') as ORG
            return person
        key = f"org:{name.lower()}"
        if key not in self.referents:
            self.referents[key] = Referent(key=key, name=name, kind="organization")
        referent = self.referents[key]
        following = self.doc[ent.end : ent.end + 3]
        if len(following) == 3 and following[0].text == "(" and following[2].text == ")" and following[1].is_upper:
            self.acronyms[following[1].text] = referent
        for word in name.split():
            if word.lower() in speaker_words().organization:
                referent.roles.add(word.lower())
        return referent

    def organization_named(self, name: str, country: bool = False) -> Referent:
        """The organization (or country acting as one) with this name, added if new."""
        key = f"org:{name.lower()}"
        return self.referents.setdefault(key, Referent(key=key, name=name, kind="organization", country=country))

    def unnamed(self, name: str, kind: Kind, gender: Gender, plural: bool, document: bool) -> Referent:
        """A source known only by description ('a senior official', 'the report'), added if new."""
        key = f"source:{name.lower()}"
        if key not in self.referents:
            self.referents[key] = Referent(key=key, name=name, kind=kind, gender=gender, plural=plural,
                                           document=document)
        return self.referents[key]

    def person_by_surname(self, name: str, position: int) -> Referent | None:
        if " " in name:
            return None
        for mention in reversed(self.mentions):
            ref = mention.referent
            if ref.kind == "named" and mention.position < position and surname(ref.name) == name:
                return ref
        return None

    def add_role(self, token: Token, referent: Referent) -> None:
        """Record a role noun describing `referent` ('the minister'); it may also settle the
        referent's gender, or whether a name NER tagged PERSON is an organization."""
        lemma = token.lemma_.lower()
        words = speaker_words()
        if token.ent_type_ in {"PERSON", "GPE", "NORP"} and token.pos_ == "PROPN" and lemma not in words.person:
            return
        referent.roles.add(lemma)
        self.descriptors.append((token.idx, lemma, referent))
        for part in lemma.split("-"):
            referent.roles.add(part)
        gender = role_gender(lemma)
        if gender != "unknown" and referent.gender == "unknown":
            referent.gender = gender
        person_role = lemma in words.person
        if referent.kind == "named" and referent.gender == "unknown" and lemma in words.organization \
                and not person_role and not any(r in words.person for r in referent.roles - {lemma}):
            referent.kind = "organization"  # 'German carmaker Brenner Automotive', tagged PERSON by NER
            referent.promoted = True
        elif referent.promoted and person_role and lemma not in words.organization:
            referent.kind = "named"  # 'Campaign organiser Lev Orlov': the organiser is a person
            referent.promoted = False
