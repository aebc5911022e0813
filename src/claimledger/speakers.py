"""Who is speaking: named people, organisations and unnamed sources, and what 'He' or
'the minister' refers to.

coreferee, the usual spaCy coreference add-on, supports spaCy only up to 3.5 and needs a
larger model, so this is our own salience tracker, built for reported speech rather than
general coreference:

- a *referent* is a person, organisation or unnamed source; people are keyed by full name,
  so "Hendriks" joins "Pieter Hendriks" while two people sharing a surname stay apart;
- every mention is recorded with its position and whether it is a clause subject;
- pronouns resolve to the most recent compatible subject (gender from role nouns, titles and
  a first-name list), then to the most recent compatible mention;
- role nouns ("the minister", "her lawyer", "the joint venture") resolve through
  descriptors gathered from appositions and title compounds anywhere in the article, nearest
  before first, then after (articles often say "her lawyer said" a paragraph before "Her
  lawyer, Daniel Omondi"); failing that, to the source quoted most so far.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

import gender_guesser.detector
from spacy.tokens import Doc, Span, Token

from claimledger.data import load_data
from claimledger.document import Speaker

Kind = Literal["named", "unnamed", "organization"]
Gender = Literal["female", "male", "unknown"]
ENTITY_INDEX = "claimledger.entity_index"
AGE = re.compile(r"\b\d{1,3}-year-old\b")
# nouns that can point back to any organisation already named ('the company' for a carmaker);
# 'the union' or 'the ministry' must match a name or a description instead
GENERIC_ORGANISATIONS = {"company", "firm", "group", "organisation", "organization", "body", "business", "operator",
                         "venture", "carmaker", "maker", "manufacturer", "developer", "insurer", "lender", "retailer"}
# words that describe an organisation in front of its name ('carmaker Volta Motors') and are
# never part of it; unlike 'Union', 'Club' or 'Group', which often are ('Union Berlin')
DESCRIPTOR_TITLES = {"carmaker", "broadcaster", "airline", "newspaper", "regulator", "insurer", "retailer", "developer",
                     "operator", "startup", "start-up", "lender", "supplier", "publisher", "manufacturer", "maker",
                     "company", "firm", "broker", "miner", "shipper", "automaker", "drugmaker", "chipmaker"}
# heads of titles whose compound names a portfolio: 'finance minister', 'interior secretary'
OFFICES = {"minister", "secretary", "commissioner", "chancellor", "governor", "ambassador", "envoy"}
PERSONAL = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female", "hers": "female"}
ORG_PRONOUNS = {"it", "its"}
PLURAL_PRONOUNS = {"they", "them", "their"}
DETERMINERS_DEFINITE = {"the", "this", "that", "these", "those"}
# titles before and letters after a name that are not part of it ('Paul Menzies SC')
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "the", "sc", "qc", "kc", "jr", "sr", "mp", "phd", "mep"}


@dataclass(frozen=True)
class SourceLexicon:
    person: frozenset[str]
    organization: frozenset[str]
    document: frozenset[str]
    agent_suffixes: tuple[str, ...]
    female: frozenset[str]
    male: frozenset[str]


@cache
def lexicon() -> SourceLexicon:
    data = load_data("speaker_words.json")
    return SourceLexicon(
        person=frozenset(data["person"]), organization=frozenset(data["organization"]),
        document=frozenset(data["document"]), agent_suffixes=tuple(data["agent_suffixes"]),
        female=frozenset(data["female"]), male=frozenset(data["male"]),
    )


@cache
def first_name_detector() -> gender_guesser.detector.Detector:
    return gender_guesser.detector.Detector(case_sensitive=False)


@dataclass
class Referent:
    key: str
    name: str
    kind: Kind
    gender: Gender = "unknown"
    plural: bool = False
    description: str | None = None
    roles: set[str] = field(default_factory=set)
    claims: int = 0
    document: bool = False  # 'the statement', 'a report': never 'he' or 'she'
    country: bool = False  # 'Russia said ...': an actor, but never 'the ministry' or 'the company'
    promoted: bool = False  # made an organisation from a role noun, against NER's PERSON tag


@dataclass(frozen=True)
class Mention:
    position: int  # character offset
    referent: Referent
    is_subject: bool


class SpeakerResolver:
    """Built once per Doc; `resolve(token)` maps a clause subject to a Speaker."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.referents: dict[str, Referent] = {}
        self.mentions: list[Mention] = []
        self.acronyms: dict[str, Referent] = {}
        self.descriptors: list[tuple[int, str, Referent]] = []  # (position, role lemma, referent)
        self._collect_entities()
        self._collect_named_appositions()
        self._collect_repeated_names()

    # -- building the registry ------------------------------------------------------------

    def _collect_entities(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ == "PERSON" or titled_as_person(ent):
                referent = self._person(ent)
            elif ent.label_ == "ORG":
                referent = self._organization(ent)
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
            is_org = token.head.lemma_.lower() in lexicon().organization
            referent = self._organization(name_span) if is_org else self._person(name_span)
            self._add_role(token.head, referent)
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
            if referent.kind == "named" and " " in referent.name and len(referent.name.split()[-1]) > 3:
                forms.setdefault(referent.name.split()[-1], referent)
        for form, referent in sorted(forms.items(), key=lambda item: -len(item[0])):
            for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
                span = self.doc.char_span(match.start(), match.end())
                if span is None or any(abs(match.start() - p) < len(form) for p in known):
                    continue
                known.add(match.start())
                self.mentions.append(Mention(match.start(), referent, is_subject(span.root)))
        self.mentions.sort(key=lambda m: m.position)

    def _person(self, ent: Span) -> Referent:
        tokens = [t for t in ent if not t.is_punct and t.lower_.rstrip(".") not in HONORIFICS]
        while len(tokens) > 1 and tokens[0].lower_ in lexicon().person:  # 'Mayor Lena Holt' -> 'Lena Holt'
            tokens = tokens[1:]
        name = " ".join(t.text for t in tokens) or ent.text
        name = re.sub(r"['’]s$", "", name)
        surname = name.split()[-1]
        # a bare surname joins the most recent person with that surname; a full name is its own person
        if (known := self._person_by_surname(name, ent.start_char)) is not None:
            return known
        key = f"person:{name}"
        if key not in self.referents:
            # 'Civic Alliance' tagged PERSON: a name ending in an organisation noun is an organisation
            kind: Kind = "organization" if surname.lower() in lexicon().organization else "named"
            self.referents[key] = Referent(key=key, name=name, kind=kind, gender=name_gender(name, ent))
        return self.referents[key]

    def _organization(self, ent: Span) -> Referent:
        name = organisation_name(ent)
        if name in self.acronyms:
            return self.acronyms[name]
        person = self._person_by_surname(name, ent.start_char)
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
            if word.lower() in lexicon().organization:
                referent.roles.add(word.lower())
        return referent

    def _person_by_surname(self, name: str, position: int) -> Referent | None:
        if " " in name:
            return None
        for mention in reversed(self.mentions):
            ref = mention.referent
            if ref.kind == "named" and mention.position < position and ref.name.split()[-1] == name:
                return ref
        return None

    def _collect_descriptors(self, ent: Span, referent: Referent) -> None:
        """Role nouns from title compounds ('ecologist Saskia Vermeulen'), appositions in
        either direction ('X, a spokesman for Y' and 'Her lawyer, X')."""
        for token in ent.doc[max(ent.start - 3, 0) : ent.start]:
            if token.head.i in range(ent.start, ent.end) and token.dep_ in {"compound", "amod", "nmod"} \
                    and (token.pos_ in {"NOUN", "PROPN"} or is_role_word(token.lemma_.lower())):
                self._add_role(token, referent)
        root = ent.root
        for child in root.children:
            if child.dep_ == "appos" and child.i >= ent.end and child.pos_ != "NUM":  # not 'Mr Johnson, 62,'
                self._add_role(child, referent)
                referent.description = referent.description or clean_description(child)
        if root.dep_ == "appos" and root.head.i < ent.start and root.head.pos_ == "NOUN":
            self._add_role(root.head, referent)

    def _add_role(self, token: Token, referent: Referent) -> None:
        lemma = token.lemma_.lower()
        if token.ent_type_ in {"PERSON", "GPE", "NORP"} and token.pos_ == "PROPN" and lemma not in lexicon().person:
            return
        referent.roles.add(lemma)
        self.descriptors.append((token.idx, lemma, referent))
        for part in lemma.split("-"):
            referent.roles.add(part)
        gender = role_gender(lemma)
        if gender != "unknown" and referent.gender == "unknown":
            referent.gender = gender
        lex = lexicon()
        person_role = lemma in lex.person
        if referent.kind == "named" and referent.gender == "unknown" and lemma in lex.organization and not person_role \
                and not any(r in lex.person for r in referent.roles - {lemma}):
            referent.kind = "organization"  # 'German carmaker Brenner Automotive', tagged PERSON by NER
            referent.promoted = True
        elif referent.promoted and person_role and lemma not in lex.organization:
            referent.kind = "named"  # 'Campaign organiser Lev Orlov': the organiser is a person
            referent.promoted = False

    # -- resolving a subject ----------------------------------------------------------------

    def resolve(self, subject: Token) -> Speaker | None:
        """The speaker behind a reporting verb's subject, or None when it is not a source."""
        span = subject_span(subject)
        entity = entity_of(subject)
        named = entity is not None and entity.root.i == subject.i and entity.label_ in {"PERSON", "ORG", "GPE", "NORP", "FAC"}
        mention = entity.text if named else span.text  # not 'the 54-year-old' cut to its DATE entity
        referent = self._resolve_referent(subject, span)
        if referent is None:
            return None
        self.mentions.append(Mention(subject.idx, referent, True))
        self.mentions.sort(key=lambda m: m.position)
        return Speaker(name=referent.name, mention=mention, kind=referent.kind, description=referent.description)

    def note_claim(self, speaker: Speaker) -> None:
        for referent in self.referents.values():
            if referent.name == speaker.name:
                referent.claims += 1

    def _resolve_referent(self, subject: Token, span: Span) -> Referent | None:
        lower = subject.lower_
        if subject.pos_ == "PRON" or lower in PERSONAL or lower in ORG_PRONOUNS or lower in PLURAL_PRONOUNS:
            return self._resolve_pronoun(subject)
        appositive = named_apposition(subject)
        if appositive is not None and subject.pos_ in {"NOUN", "PROPN"}:
            # 'Her lawyer, Daniel Omondi, argued' / 'The UN refugee agency, UNHCR, said'
            named = entity_of(appositive) or subject.doc[appositive.left_edge.i : appositive.i + 1]
            lemma = subject.lemma_.lower()
            person_role = lemma in lexicon().person or lemma.endswith(lexicon().agent_suffixes)
            if lemma in lexicon().organization or (named.label_ == "ORG" and not person_role):
                return self._organization(named)
            return self._person(named)
        known = self._person_by_surname(subject.text, subject.idx)
        if known is not None:  # 'Menzies acknowledged', where the parser saw a plural noun
            return known
        entity = entity_of(subject)
        if entity is not None and (entity.label_ == "PERSON" or titled_as_person(entity)):
            return self._person(entity)
        if subject.text in self.acronyms:
            return self.acronyms[subject.text]
        if entity is not None and entity.label_ in {"ORG", "GPE", "NORP", "FAC"}:
            return self._organization(entity) if entity.label_ == "ORG" else self._place_as_actor(entity)
        if subject.pos_ == "PROPN":
            return self._proper_noun_source(subject, span)
        return self._common_noun_source(subject, span)

    def _place_as_actor(self, ent: Span) -> Referent:
        name = organisation_name(ent)
        key = f"org:{name.lower()}"
        return self.referents.setdefault(key, Referent(key=key, name=name, kind="organization", country=True))

    def _proper_noun_source(self, subject: Token, span: Span) -> Referent:
        """A name NER missed: a person when a role apposition or a known first name says so."""
        appositive = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
        role = appositive.lemma_.lower() if appositive is not None else ""
        first_name_known = first_name_detector().get_gender(span[0].text) != "unknown"
        is_person = (role and role not in lexicon().organization and is_role_word(role)) or (
            first_name_known and len(span) > 1 and not role) or titled_as_person(span)
        if not is_person:
            name = organisation_name(span)
            return self.referents.setdefault(f"org:{name.lower()}", Referent(key=f"org:{name.lower()}", name=name,
                                                                             kind="organization"))
        referent = self._person(span)
        if appositive is not None:
            self._add_role(appositive, referent)
            referent.description = referent.description or clean_description(appositive)
        return referent

    def _common_noun_source(self, subject: Token, span: Span) -> Referent | None:
        lemma = subject.lemma_.lower()
        if lemma == "old" and AGE.search(span.text):
            lemma = "year-old"  # 'the 54-year-old': a person, always pointing back
        lex = lexicon()
        is_org = lemma in lex.organization
        is_document = lemma in lex.document
        is_person = lemma in lex.person or lemma.endswith(lex.agent_suffixes) or lemma == "year-old"
        if not (is_org or is_document or is_person):
            return None
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
        key = f"source:{name.lower()}"
        kind: Kind = "organization" if is_org else "unnamed"
        if key not in self.referents:
            self.referents[key] = Referent(key=key, name=name, kind=kind, gender=role_gender(lemma),
                                           plural=subject.tag_ in {"NNS", "NNPS"}, document=is_document)
        return self.referents[key]

    def _resolve_role(self, subject: Token, lemma: str, is_org: bool, distinct: bool = False) -> Referent | None:
        position = subject.idx
        before = [(p, r) for p, role, r in self.descriptors if role == lemma and p < position]
        if before:
            return before[-1][1]
        named_with_role = [m.referent for m in self.mentions if lemma in m.referent.roles and m.position < position]
        if named_with_role:
            return named_with_role[-1]
        after = [(p, r) for p, role, r in self.descriptors if role == lemma and p > position]
        if after:
            return after[0][1]
        possessor = next((c for c in subject.children if c.dep_ == "poss"), None)
        if possessor is not None and not is_org:
            # 'the player's agent said': someone not yet introduced, usually named next
            later = [m.referent for m in self.mentions if m.position > position and m.referent.kind == "named"]
            owner = self._resolve_referent(possessor, subject_span(possessor)) if possessor.pos_ != "PRON" else None
            later = [r for r in later if r is not owner]
            if later:
                return later[0]
            return None
        if distinct or (not is_org and is_designation(subject)):
            return None  # 'the Rwandan government', 'the prime minister': a source of its own
        kind = "organization" if is_org else "named"
        prior = [m for m in self.mentions if m.position < position and m.referent.kind == kind]
        if not prior:
            return None
        if is_org:  # 'the company': the organisation most recently in subject position, else mentioned
            if lemma not in GENERIC_ORGANISATIONS:
                return None  # 'the union' after 'the company' is another body, not the same one
            prior = [m for m in prior if not m.referent.country and not m.referent.key.startswith("source:")]
            subjects = [m for m in prior if m.is_subject]
            return (subjects or prior)[-1].referent if prior else None
        # 'the negotiator' with no matching descriptor: the person quoted most so far (latest on a tie)
        return max(reversed([m.referent for m in prior]), key=lambda r: r.claims)

    def _resolve_pronoun(self, pronoun: Token) -> Referent | None:
        lower = pronoun.lower_
        position = pronoun.idx
        earlier = [m for m in self.mentions if m.position < position]
        if lower in PERSONAL:
            gender = PERSONAL[lower]
            fits = lambda r: r.kind != "organization" and not r.plural and not r.document and r.gender in {gender, "unknown"}
        elif lower in ORG_PRONOUNS:
            fits = lambda r: r.kind == "organization"
        elif lower in PLURAL_PRONOUNS:
            fits = lambda r: r.plural or r.kind == "organization"
        else:
            return None
        for require_subject in (True, False):
            for mention in reversed(earlier):
                if fits(mention.referent) and (mention.is_subject or not require_subject):
                    if position - mention.position < 2500:
                        return mention.referent
        return None


def named_apposition(subject: Token) -> Token | None:
    """The name set beside a role noun: 'Her lawyer, Daniel Omondi,' / 'The UN refugee agency,
    UNHCR,' / 'The former chief executive of Skylark Air, Helen Marsh,' (where the parser hangs
    the name from 'Air'): a proper-noun apposition anywhere in the subject phrase after the noun."""
    for token in subject.subtree:
        if token.i <= subject.i or token.pos_ != "PROPN":
            continue
        if token.dep_ in {"appos", "npadvmod"} and (token.head.i == subject.i or token.ent_type_ == "PERSON"):
            return token
    return None


def titled_as_person(span: Span) -> bool:
    """'Mayor Lena Holt', 'campaign organiser Lev Orlov', 'Ingrid Dahl': a person's title, or a
    clear first name opening a two- or three-word name without organisation words, which the
    small model often tags ORG or WORK_OF_ART."""
    lex = lexicon()
    doc = span.doc
    words = [t for t in span if not t.is_punct]
    if 2 <= len(words) <= 3 and all(t.is_title for t in words) and not any(
            t.lower_ in lex.organization for t in words):
        if first_name_detector().get_gender(words[0].text) in {"male", "female"}:
            return True
    before = [t for t in doc[max(span.start - 2, 0) : span.start] if t.head.i in range(span.start, span.end)]
    for token in [*before, span[0]]:
        lemma = token.lower_
        if token.i < span.end - 1 and lemma in lex.person and lemma not in lex.organization:
            return True
    return False


def is_role_word(lemma: str) -> bool:
    lex = lexicon()
    return lemma in lex.person or lemma in lex.organization or lemma.endswith(lex.agent_suffixes)


def has_distinguishing_modifier(noun: Token) -> bool:
    """'the Rwandan government' and 'the health ministry' name a particular body; 'the company',
    'the 46-year-old former customs officer' and 'the transport economist' point back."""
    is_org = noun.lemma_.lower() in lexicon().organization
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


def is_subject(token: Token) -> bool:
    while token.dep_ in {"compound", "flat"} and token.head is not token:
        token = token.head
    return token.dep_ in {"nsubj", "nsubjpass"}


def entity_of(token: Token) -> Span | None:
    """The named entity covering a token. `doc.ents` rebuilds its spans on every access, so
    the token -> entity map is built once per Doc and kept in its user_data."""
    if not token.ent_type_:
        return None
    index = token.doc.user_data.get(ENTITY_INDEX)
    if index is None:
        index = {i: ent for ent in token.doc.ents for i in range(ent.start, ent.end)}
        token.doc.user_data[ENTITY_INDEX] = index
    return index.get(token.i)


def subject_span(subject: Token) -> Span:
    """The subject phrase cut before its first comma: 'A senior official, speaking on condition
    of anonymity' -> 'A senior official'; relative clauses and appositions are left out."""
    doc = subject.doc
    start, end = subject.left_edge.i, subject.right_edge.i + 1
    for token in doc[subject.i + 1 : end]:
        if token.text in {",", "(", "—", "–"} or token.dep_ in {"relcl", "appos"}:
            end = token.i
            break
    for token in doc[start : subject.i]:
        if token.text == ",":
            start = token.i + 1
    return doc[start:end]


def organisation_name(span: Span) -> str:
    """'The Athletics Integrity Unit (AIU)' -> 'Athletics Integrity Unit'; "Kyrgyzstan's" -> 'Kyrgyzstan';
    'Carmaker Volta Motors' (a title NER swept into the name) -> 'Volta Motors'."""
    while len(span) > 2 and span[0].lower_ in DESCRIPTOR_TITLES and span[1].is_title:
        span = span[1:]
    text = re.sub(r"\s*\([^)]*\)\s*", " ", span.text).strip()
    text = re.sub(r"^(the|The)\s+", "", text)
    return re.sub(r"['’]s?$", "", text).strip()


def clean_description(token: Token) -> str:
    span = token.doc[token.left_edge.i : token.right_edge.i + 1]
    return span.text.strip(" ,")


def name_gender(name: str, ent: Span) -> Gender:
    before = ent.doc[ent.start - 1].lower_.rstrip(".") if ent.start > 0 else ""
    if before in lexicon().female:
        return "female"
    if before in lexicon().male:
        return "male"
    first = name.split()[0]
    guess = first_name_detector().get_gender(first)
    if guess in {"female", "mostly_female"}:
        return "female"
    if guess in {"male", "mostly_male"}:
        return "male"
    return "unknown"


def role_gender(lemma: str) -> Gender:
    if lemma in lexicon().female:
        return "female"
    if lemma in lexicon().male:
        return "male"
    return "unknown"
