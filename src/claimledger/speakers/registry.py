"""Everyone an article names or describes, and where: the referents (people, organizations,
unnamed sources, documents), the roles set beside their names, and their mentions in text
order, which resolution reads."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Span, Token

from claimledger.speakers.names import (
    HONORIFICS,
    clean_description,
    name_gender,
    organization_name,
    person_name,
    same_name,
    same_person,
    skeleton,
    spelling,
    titled_as_person,
)
from claimledger.speakers.roles import Role, is_word, role_in_relative_clause, role_of, role_word
from claimledger.speakers.words import Gender, first_name_detector, is_role_word, role_gender, speaker_words
from claimledger.syntax import entity_of, in_dateline, is_main_subject, is_subject
from claimledger.text import surname

Kind = Literal["named", "unnamed", "organization", "document"]
# a repeated surname counts as a mention only when longer than this ('Li' or 'Ng' alone
# match too many other words)
MIN_REPEATED_SURNAME = 3
WORD_RUN = re.compile(r"\w+")
# entity labels that can name a person the tagger mislabelled ('Ingrid Dahl' as ORG or
# WORK_OF_ART); never places, dates or numbers
MISLABELLED_PERSON = {"ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "FAC", "NORP"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# prepositions after which a name is a place ('in Lisbon', 'flights to Lisbon'); not 'at' or 'for'
LOCATIVE = {"in", "near", "outside", "across", "throughout"}
PLACE_SUFFIXES = {"based", "born", "headquartered", "registered", "listed", "area"}
# verbs that give a description its name: 'a group calling itself Black Aster', 'the gang,
# known as Red Moth,', 'a firm named Kestrel'
NAMING_VERBS = {"call", "know", "name", "dub", "style"}
# ages a bare number beside a name can give ('Tom Reyes, 61,')
AGES = range(14, 111)
ORG_PREPOSITIONS = {"for", "of", "at", "with", "from"}


@dataclass
class Referent:
    key: str
    name: str
    kind: Kind
    gender: Gender = "unknown"
    gender_from_name: bool = False  # guessed from a first name, so a role noun may overrule it
    gender_ambiguous: bool = False  # guessed from a name given to both, so a pronoun may overrule it
    plural: bool = False
    description: str | None = None
    roles: set[str] = field(default_factory=set)
    claim_positions: list[int] = field(default_factory=list)  # where each of its claims is
    country: bool = False  # 'Russia said ...': an actor, but never 'the ministry' or 'the company'
    promoted: bool = False  # made an organization from a role noun, against NER's PERSON tag
    affiliation: Referent | None = None  # the organization a person speaks for ("Solvarion's chief executive")
    role_tokens: list[int] = field(default_factory=list)  # token indices of the role words set beside it
    positions: list[int] = field(default_factory=list)  # where it is mentioned, in text order

    @property
    def document(self) -> bool:
        """'the statement', 'a report': never 'he' or 'she'."""
        return self.kind == "document"


@dataclass(frozen=True)
class Mention:
    position: int  # character offset
    referent: Referent
    is_subject: bool
    main: bool = False  # the subject of a sentence's main clause, the most salient place


def mention_at(position: int, referent: Referent, token: Token) -> Mention:
    return Mention(position, referent, is_subject(token), is_main_subject(token))


@dataclass(frozen=True)
class Descriptor:
    """A role set beside a name ('Ivana Bešlić, a state prosecutor', 'Prosecutor Ivana Bešlić',
    'Tom Reyes, 61,'), at the role word's position."""

    position: int
    role: Role
    referent: Referent


class Registry:
    """Built once per Doc from its entities, named appositions and repeated names; resolved
    subjects are added with `record`, so later pronouns and role nouns can point back to them."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.referents: dict[str, Referent] = {}
        self.mentions: list[Mention] = []  # in text order
        self.acronyms: dict[str, Referent] = {}
        self.descriptors: list[Descriptor] = []
        self.named_nouns: dict[int, Referent] = {}  # a description's head noun -> the name set beside it
        self._places: set[str] | None = None
        self._things: set[str] | None = None
        self._surnames: dict[str, list[Mention]] = defaultdict(list)  # surname_key -> mentions of people
        self._collect_entities()
        self._merge_bare_surnames()
        appositions: list[Token] = []
        namings: list[Token] = []
        for token in doc:  # one pass over the Doc for both
            if token.dep_ == "appos":
                appositions.append(token)
            elif token.dep_ in {"acl", "relcl"} and token.lemma_.lower() in NAMING_VERBS:
                namings.append(token)
        self._collect_named_appositions(appositions)
        self._collect_self_names(namings)
        self._collect_repeated_names()
        self.descriptors.sort(key=lambda d: d.position)

    def add(self, mention: Mention) -> None:
        """A mention, kept in text order (after any at the same position) and indexed by referent
        and by surname, so lookups cost the same at any length of article."""
        insort(self.mentions, mention, key=lambda m: m.position)
        insort(mention.referent.positions, mention.position)
        if mention.referent.key.startswith("person:"):
            insort(self._surnames[surname_key(mention.referent.name)], mention, key=lambda m: m.position)

    def unique_referents(self) -> list[Referent]:
        """Every referent once (a merged surname keeps its key pointing at the full name)."""
        return list({id(r): r for r in self.referents.values()}.values())

    def before(self, position: int, reach: int | None = None) -> list[Mention]:
        """The mentions before `position` (and within `reach` characters of it), in text order."""
        end = bisect_left(self.mentions, position, key=lambda m: m.position)
        start = 0 if reach is None else bisect_left(self.mentions, position - reach, key=lambda m: m.position)
        return self.mentions[start:end]

    def after(self, position: int) -> list[Mention]:
        return self.mentions[bisect_right(self.mentions, position, key=lambda m: m.position):]

    def record(self, subject: Token, referent: Referent, speaks: bool = False) -> None:
        """A clause subject resolved to `referent`, kept in text order (after any at the same
        position); the source of a claim ('according to X' too) is as salient as a main clause's subject."""
        self.add(Mention(subject.idx, referent, True, speaks or is_main_subject(subject)))

    # -- building the registry ------------------------------------------------------------

    def _collect_entities(self) -> None:
        for ent in self.doc.ents:
            kind = self.entity_kind(ent)
            if kind is None or in_dateline(ent[0]):
                continue
            referent = self.person(ent) if kind == "named" else self.organization(ent)
            self.add(mention_at(ent.start_char, referent, ent.root))
            self._collect_descriptors(ent, referent)

    def _merge_bare_surnames(self) -> None:
        """'Flynn says ...' before 'Retired Lt. Gen. Michael Flynn said ...': a surname met before
        the full name is that person when only one person named in the article has it."""
        people = [r for r in self.referents.values() if r.kind == "named"]
        # a bare surname the tagger called an organization ('Cole says ...'), with no organization word
        bare_names = [r for r in self.referents.values() if " " not in r.name and not r.name.isupper()
                      and (r.kind == "named" or (r.kind == "organization" and not r.roles))]
        for bare in bare_names:
            full = [r for r in people if " " in r.name and same_name(surname(r.name), bare.name)]
            if len(full) != 1:
                continue
            person = full[0]
            self.referents[bare.key] = person
            person.roles |= bare.roles
            person.description = person.description or bare.description
            mentions = [Mention(m.position, person, m.is_subject, m.main) if m.referent is bare else m
                        for m in self.mentions]
            self.mentions, self._surnames, bare.positions, person.positions = [], defaultdict(list), [], []
            for mention in mentions:
                self.add(mention)
            self.descriptors = [Descriptor(d.position, d.role, person) if d.referent is bare else d
                                for d in self.descriptors]

    def entity_kind(self, ent: Span) -> Kind | None:
        """A person, an organization, or neither: a place the tagger called a person ('Lisbon
        has struggled with floods'), or a thing named with an article ('the Emerald Ash Borer')."""
        if ent.label_ == "PERSON" or (ent.label_ in MISLABELLED_PERSON and titled_as_person(ent)):
            return None if self.is_place_or_thing(ent) else "named"
        if described_as_person(ent):
            return "named"  # 'Helen Okafor, the co-chair of the committee', tagged GPE
        return "organization" if ent.label_ == "ORG" else None

    def is_place_or_thing(self, ent: Span) -> bool:
        """Whether any mention of this name shows it is a place or a thing."""
        if self._things is None:
            self._things = {without_article(e.text) for e in self.doc.ents
                            if e.label_ in PLACE_LABELS or self.names_a_thing(e)}
        return without_article(ent.text) in self._things or self.is_somewhere(ent.text)

    def names_a_thing(self, ent: Span) -> bool:
        """'the Rotterdam-based firm', 'the Emerald Ash Borer' (an article before a name with
        no title: 'the Reverend Lee' is a person, 'the Smiths' a family)."""
        following = self.doc[ent.end : ent.end + 2]
        if len(following) == 2 and following[0].text == "-" and following[1].lower_ in PLACE_SUFFIXES:
            return True
        determiner = ent[0] if ent[0].dep_ == "det" else \
            next((c for c in ent.root.children if c.dep_ == "det" and c.i < ent.start), None)
        if determiner is None or determiner.lower_ not in {"the", "a", "an"} or ent.root.tag_ == "NNPS":
            return False
        words = speaker_words().person
        return not any(t.lower_.rstrip(".") in words or t.lower_.rstrip(".") in HONORIFICS
                       for t in self.doc[determiner.i + 1 : ent.end])

    def is_somewhere(self, name: str) -> bool:
        """Whether the article uses `name` as a place: after 'in', 'from', 'near' ... ('in Lisbon')."""
        if self._places is None:
            self._places = {self.doc[place.left_edge.i : place.i + 1].text for t in self.doc
                            if t.lower_ in LOCATIVE and t.dep_ == "prep"
                            for place in t.children if place.dep_ == "pobj" and place.pos_ == "PROPN"}
        return name in self._places

    def _collect_named_appositions(self, appositions: list[Token]) -> None:
        """'The joint venture, Amber Link, ...' and 'Grayfin, a London-based firm, ...' name a
        source even when NER misses the name."""
        for token in appositions:
            if entity_of(token) is not None:
                continue  # entities were handled with their descriptors
            if token.pos_ == "PROPN" and token.head.pos_ == "NOUN" and token.head.i < token.i \
                    and self.doc[token.left_edge.i - 1].text == ",":  # not 'the reception centre Smit referred to'
                name_span, role = self.doc[token.left_edge.i : token.i + 1], token.head
            elif token.pos_ == "NOUN" and token.head.pos_ == "PROPN" and entity_of(token.head) is None \
                    and is_role_word(token.lemma_.lower()) and token.head.i < token.i:
                name_span, role = self.doc[token.head.left_edge.i : token.head.i + 1], token
            else:
                continue
            is_org = role.lemma_.lower() in speaker_words().organization
            referent = self.organization(name_span) if is_org else self.person(name_span)
            self.add_role(role, referent)
            if role.i > name_span.start:
                referent.description = referent.description or clean_description(role)
            self.named_nouns[role.i] = referent
            self.add(mention_at(name_span.start_char, referent, token))

    def _collect_self_names(self, namings: list[Token]) -> None:
        """'A hacker group calling itself Black Aster', 'the gang, known as Red Moth,': the name
        a description gives itself is the source the description stands for."""
        for verb in namings:
            noun = verb.head
            if noun.pos_ != "NOUN" or not is_role_word(noun.lemma_.lower()):
                continue
            name = next((c for c in verb.children if c.dep_ in {"oprd", "attr"} and c.pos_ == "PROPN"), None)
            if name is None:
                as_phrase = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
                name = next((c for c in (as_phrase.children if as_phrase else []) if c.dep_ == "pobj"
                             and c.pos_ == "PROPN"), None)
            if name is None:
                continue
            span = entity_of(name) or self.doc[name.left_edge.i : name.i + 1]
            is_org = noun.lemma_.lower() in speaker_words().organization
            referent = self.organization(span) if is_org else self.person(span)
            self.add_role(noun, referent)
            self.named_nouns[noun.i] = referent
            self.add(mention_at(span.start_char, referent, noun))

    def _collect_repeated_names(self) -> None:
        """Later mentions of a name NER tagged once ('Andes Copper denied the allegations.' with
        no entity on it): every exact occurrence of a known name, or a person's surname, is a
        mention too, so salience follows the text rather than the tagger's recall."""
        text = self.doc.text
        known = sorted({m.position for m in self.mentions})
        tagged = [(ent.start_char, ent.end_char) for ent in self.doc.ents]  # in text order, never overlapping
        forms = {}
        for referent in self.referents.values():
            forms[referent.name] = referent
            if referent.kind == "named" and " " in referent.name and len(surname(referent.name)) > MIN_REPEATED_SURNAME:
                forms.setdefault(surname(referent.name), referent)
        words: dict[str, list[int]] = {}  # each run of word characters -> where it starts
        for word in WORD_RUN.finditer(text):
            words.setdefault(word.group(), []).append(word.start())
        for form, referent in sorted(forms.items(), key=lambda item: -len(item[0])):
            for start in occurrences(form, text, words):
                end = start + len(form)
                span = self.doc.char_span(start, end)
                if span is None or near(known, start, len(form)) or overlaps(tagged, start, end):
                    continue  # 'Flynn' inside 'Michael Flynn' is that name, not a mention of its own
                insort(known, start)
                self.add(mention_at(start, referent, span.root))

    def _collect_descriptors(self, ent: Span, referent: Referent) -> None:
        """Role nouns from title compounds ('ecologist Saskia Vermeulen', 'Former Health Minister
        X'), appositions in either direction ('X, a spokesman for Y' and 'Her lawyer, X') and
        ages ('X, 61,', '61-year-old X')."""
        doc = ent.doc
        before = [t for t in doc[max(ent.start - 3, 0) : ent.start] if t.head.i in range(ent.start, ent.end)]
        for token in before:
            if token.dep_ in {"compound", "amod", "nmod"} \
                    and (token.pos_ in {"NOUN", "PROPN"} or is_role_word(token.lemma_.lower())):
                self.add_role(token, referent, extra_modifiers=[t for t in before if t.i < token.i])
        role = next((t for t in reversed(before) if is_role_word(t.lemma_.lower())), None)
        title = doc[role.left_edge.i:role.i + 1] if role is not None else doc[0:0]
        if len(title) > 1 and all(t.pos_ in {"NOUN", "PROPN", "ADJ"} and t.ent_type_ != "PERSON" for t in title):
            # 'ministry spokesman Davies Chileshe': a title of more than the bare role says whom
            # the person speaks for, as an apposition would ('Davies Chileshe, a ministry spokesman')
            referent.description = referent.description or title.text
        root = ent.root
        appositions = [c for c in root.children if c.dep_ == "appos" and c.i >= ent.end]
        for child in appositions:
            if child.pos_ == "NUM" and child.like_num and child.text.isdigit() and int(child.text) in AGES:
                self.add_descriptor(child.idx, Role("year-old", age=int(child.text)), referent)  # 'Tom Reyes, 61,'
            elif child.pos_ != "NUM" and is_word(child) and not is_hyphen_prefix(child):
                self.add_role(child, referent)
                referent.description = referent.description or clean_description(child, appositions)
        for token in before:
            if (age := role_of(token)).lemma == "year-old":
                self.add_descriptor(token.idx, age, referent)  # '61-year-old Tom Reyes'
        if root.dep_ == "appos" and root.head.i < ent.start and root.head.pos_ == "NOUN":
            self.add_role(root.head, referent)
        for clause in (c for holder in [root, *appositions] for c in holder.children if c.dep_ == "relcl"):
            if (role := role_in_relative_clause(clause)) is not None:  # 'X, the diplomat who co-chairs the talks,'
                referent.roles.add(role.lemma)
                self.add_descriptor(clause.idx, role, referent)

    # -- referents by name --------------------------------------------------------------------

    def person(self, ent: Span) -> Referent:
        name = person_name(ent)
        # a bare surname joins the most recent person with that surname; a full name is its own person
        if (known := self.person_by_surname(name, ent.start_char)) is not None:
            return known
        if (organization := self.organization_with_prefix(name)) is not None:
            return organization  # 'Van Houten' after 'Van Houten Marine'
        if (organization := self.referents.get(f"org:{name.lower()}")) is not None:
            return organization  # tagged ORG elsewhere: 'Van Houten Marine'
        key = f"person:{name}"
        if key not in self.referents:
            same = next((r for r in self.referents.values() if r.kind == "named" and same_person(r.name, name)), None)
            if same is not None:
                return same  # 'Olexander Zhukov' after 'Oleksandr Zhukov'
            # 'Civic Alliance' tagged PERSON: a name ending in an organization noun is an organization
            kind: Kind = "organization" if role_word(surname(name)).lemma in speaker_words().organization else "named"
            gender = name_gender(name, ent)
            self.referents[key] = Referent(key=key, name=name, kind=kind, gender=gender.gender,
                                           gender_from_name=gender.from_first_name,
                                           gender_ambiguous=gender.ambiguous)
            if kind == "organization":
                add_kind_words(self.referents[key])
        return self.referents[key]

    def organization(self, ent: Span) -> Referent:
        name = organization_name(ent)
        if name in self.acronyms:
            return self.acronyms[name]
        person = self.person_by_surname(name, ent.start_char)
        if person is not None:  # the small model often tags a bare surname ('Hendriks said') as ORG
            return person
        key = f"org:{name.lower()}"
        if key not in self.referents and (full := self.organization_with_prefix(name)) is not None:
            return full  # 'Solvarion' after 'Solvarion AG'
        if key not in self.referents:
            tagged_person = self.referents.get(f"person:{name}")
            if tagged_person is not None and not tagged_person.roles & speaker_words().person:
                tagged_person.kind = "organization"  # tagged PERSON once, ORG now, and no person's role
                tagged_person.gender = "unknown"
                self.referents[key] = tagged_person
            else:
                self.referents[key] = Referent(key=key, name=name, kind="organization")
        referent = self.referents[key]
        following = self.doc[ent.end : ent.end + 3]
        if len(following) == 3 and following[0].text == "(" and following[2].text == ")" and following[1].is_upper:
            self.acronyms[following[1].text] = referent
        add_kind_words(referent)
        return referent

    def organization_named(self, name: str, country: bool = False) -> Referent:
        """The organization (or country acting as one) with this name, added if new; a body's
        first words name the body given in full before ('Grayfin' after 'Grayfin Research')."""
        key = f"org:{name.lower()}"
        if not country and key not in self.referents and (full := self.organization_with_prefix(name)) is not None:
            return full
        return self.referents.setdefault(key, Referent(key=key, name=name, kind="organization", country=country))

    def organization_with_prefix(self, name: str) -> Referent | None:
        """The organization already named whose name starts with `name`: news gives a body's
        full name once and then its first words ('Van Houten Marine', then 'Van Houten';
        'Grayfin Research', then 'Grayfin'). None when no body, or more than one, has such a name."""
        found = {id(r): r for r in self.referents.values() if r.kind == "organization" and not r.country
                 and r.name.startswith(name + " ") and not r.key.startswith("source:")}
        return next(iter(found.values())) if len(found) == 1 else None

    def unnamed(self, name: str, kind: Kind, gender: Gender, plural: bool) -> Referent:
        """A source known only by description ('a senior official', 'the report'), added if new."""
        key = f"source:{name.lower()}"
        if key not in self.referents:
            self.referents[key] = Referent(key=key, name=name, kind=kind, gender=gender, plural=plural)
        return self.referents[key]

    def person_by_surname(self, name: str, position: int) -> Referent | None:
        if " " in name:
            return None
        mentions = self._surnames.get(surname_key(name), [])
        for mention in reversed(mentions[: bisect_left(mentions, position, key=lambda m: m.position)]):
            ref = mention.referent
            if ref.kind == "named" and same_person(surname(ref.name), name):
                return ref
        return None

    def only_person_with_surname(self, name: str) -> Referent | None:
        """The one person the article names in full with this surname, wherever ('Cole says ...'
        in a lede before 'Senator Ruth Cole'); None when there are none or several."""
        if " " in name:
            return None
        full = {id(r): r for r in self.referents.values()
                if r.kind == "named" and " " in r.name and same_name(surname(r.name), name)}
        return next(iter(full.values())) if len(full) == 1 else None

    def add_role(self, token: Token, referent: Referent, extra_modifiers: list[Token] | None = None) -> None:
        """Record a role noun describing `referent` ('the minister'); it may also settle the
        referent's gender, the organization it speaks for, or whether a name NER tagged PERSON
        is an organization."""
        lemma = token.lemma_.lower()
        words = speaker_words()
        if token.ent_type_ in {"PERSON", "GPE", "NORP"} and token.pos_ == "PROPN" and lemma not in words.person:
            return
        referent.roles.add(lemma)
        referent.role_tokens.append(token.i)
        self.add_descriptor(token.idx, role_of(token, extra_modifiers), referent)
        for part in lemma.split("-"):
            referent.roles.add(part)
        gender = role_gender(lemma)
        if gender != "unknown" and (referent.gender == "unknown" or referent.gender_from_name):
            referent.gender, referent.gender_from_name, referent.gender_ambiguous = gender, False, False
        person_role = lemma in words.person
        if referent.kind == "named" and (referent.gender == "unknown" or referent.gender_from_name) \
                and lemma in words.organization and not person_role \
                and not any(r in words.person for r in referent.roles - {lemma}):
            referent.kind = "organization"  # 'German carmaker Brenner Automotive', tagged PERSON by NER
            referent.gender = "unknown"
            referent.promoted = True
        elif referent.promoted and person_role and lemma not in words.organization:
            referent.kind = "named"  # 'Campaign organiser Lev Orlov': the organiser is a person
            referent.promoted = False
        if referent.kind == "named" and referent.affiliation is None:
            referent.affiliation = self.employer(token)

    def add_descriptor(self, position: int, role: Role, referent: Referent) -> None:
        self.descriptors.append(Descriptor(position, role, referent))

    def group_words(self, referent: Referent) -> set[str]:
        """Lower-case words naming the group a person speaks for, read from the roles set beside
        the name: 'the union's regional organiser' (union), 'the branch secretary' (branch),
        'a spokeswoman for the Green Party'
        (green, party), 'Its research director' after 'The Anglers' Federation rejected ...'
        (anglers, federation). Call once the claims' subjects are recorded: 'its' points back
        to the organization last mentioned before the role."""
        if referent.kind != "named":
            return set()
        words = set(referent.affiliation.name.lower().split()) if referent.affiliation is not None else set()
        for i in referent.role_tokens:
            role = self.doc[i]
            # 'the union's organiser', 'a spokeswoman for the party', 'the branch secretary'
            owners = [c for c in role.children if c.dep_ == "poss" or c.dep_ == "compound" and c.pos_ == "NOUN"]
            owners += [g for c in role.children if c.dep_ == "prep" and c.lower_ in ORG_PREPOSITIONS
                       for g in c.children if g.dep_ == "pobj"]
            for owner in owners:
                if owner.lower_ in {"its", "their"}:
                    group = next((m.referent for m in reversed(self.before(role.idx, reach=400))
                                  if m.referent.kind == "organization"), None)
                    words |= set(group.name.lower().split()) if group is not None else set()
                elif owner.pos_ == "NOUN":
                    words.add(owner.lemma_.lower())
                elif owner.pos_ == "PROPN":
                    words |= {t.lower_ for t in self.doc[owner.left_edge.i : owner.i + 1] if t.is_alpha}
        return words

    def employer(self, role: Token) -> Referent | None:
        """The named organization a role word ties a person to: "Solvarion's chief executive",
        'a spokesman for Tajikistan's Ministry of Defence', 'an analyst at Arctiq'."""
        owners = [c for c in role.children if c.dep_ == "poss"]
        owners += [g for c in role.children if c.dep_ == "prep" and c.lower_ in ORG_PREPOSITIONS
                   for g in c.children if g.dep_ == "pobj"]
        for owner in owners:
            ent = entity_of(owner)
            if ent is not None and ent.label_ == "ORG":
                return self.organization(ent)
            if ent is not None and ent.label_ == "PERSON":
                known = self.organization_with_prefix(person_name(ent)) or \
                    self.referents.get(f"org:{person_name(ent).lower()}")
                if known is not None:
                    return known  # "Lumora's chief executive" after 'Lumora AG', the tagger calling it a person
            if owner.pos_ == "PROPN" and ent is None:
                return self.organization_named(organization_name(self.doc[owner.left_edge.i : owner.i + 1]))
        return None


def described_as_person(ent: Span) -> bool:
    """A name set beside a person's role ('X, the co-chair of ...', 'Mayor X'), beginning with a
    first name when the tagger called it a place (for 'Russia, a member of the council' is no
    person)."""
    words = speaker_words()

    def personal(token: Token) -> bool:
        return is_word(token) and (lemma := role_word(token.lemma_).lemma) in words.person \
            and lemma not in words.organization

    role = next((c for c in ent.root.children if c.dep_ == "appos" and c.i >= ent.end and personal(c)), None) \
        or next((t for t in ent.doc[max(ent.start - 2, 0):ent.start]
                 if t.dep_ == "compound" and ent.start <= t.head.i < ent.end and personal(t)
                 or ent.root.dep_ == "appos" and ent.root.head.i == t.i == ent.start - 1 and personal(t)), None)
    if role is None or ent.label_ not in MISLABELLED_PERSON | {"GPE", "LOC"}:
        return False
    return ent.label_ not in {"GPE", "LOC", "NORP"} or first_name_detector().get_gender(ent[0].text) != "unknown"


def occurrences(form: str, text: str, words: dict[str, list[int]]) -> list[int]:
    """Where `form` stands in `text` as whole words, left to right and not overlapping, as
    `re.finditer(r"(?<!\\w)form(?!\\w)")` finds them; `words` maps each run of word characters
    in `text` to where it starts."""
    first = WORD_RUN.match(form)
    if first is None:
        return [m.start() for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text)]
    out, end = [], 0
    for start in words.get(first.group(), []):
        stop = start + len(form)
        if start >= end and text.startswith(form, start) and not WORD_RUN.match(text, stop, stop + 1):
            out.append(start)
            end = stop
    return out


def surname_key(name: str) -> str:
    """One key for every spelling of a surname that `same_name` could match ('Zelensky', 'Zelenskiy')."""
    return skeleton(spelling(surname(name)))


def near(positions: list[int], position: int, distance: int) -> bool:
    """Whether a sorted list holds a position less than `distance` away from `position`."""
    i = bisect_left(positions, position - distance + 1)
    return i < len(positions) and positions[i] < position + distance


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of `spans` (sorted, not overlapping each other)."""
    i = bisect_right(spans, (start, float("inf"))) - 1
    return any(0 <= j < len(spans) and spans[j][0] < end and start < spans[j][1] for j in (i, i + 1))


def add_kind_words(organization: Referent) -> None:
    """The words of an organization's name that say what kind of body it is ('Authority',
    'Co-operative'), as roles: 'the co-operative' points back to 'Corrin Dairy Co-operative'."""
    for word in organization.name.split():
        lemma = role_word(word).lemma
        if lemma in speaker_words().organization:
            organization.roles.add(lemma)


def without_article(name: str) -> str:
    return re.sub(r"^(the|a|an)\s+", "", name, flags=re.I)


def is_hyphen_prefix(token: Token) -> bool:
    """'co' in 'co-chair', which the parser may hang beside the name as an apposition of its own."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return following is not None and following.text == "-" and not token.whitespace_
