"""Who is speaking in a Russian article: the same referents and mentions as the English
registry (people, organisations, unnamed sources), read from natasha's UD parse and named
in the nominative (`russian_names`).

- people come from natasha's PER spans and are keyed by surname lemma, so 'Свиридова',
  'Свиридову' and 'Аркадий Свиридов' are one person and 'Зубаревой' joins 'Наталья Зубарева';
  the role noun a name stands beside ('руководитель движения Аркадий Свиридов') is recorded;
- organisations come from ORG spans and from noun phrases headed by an organisation noun
  ('областной департамент дорожного хозяйства'), with the quoted name of 'сеть
  супермаркетов «Обская ярмарка»' as the name, undeclined; a body only described
  ('хакерская группировка') goes by the name the article gives it next ('группировка,
  называющая себя «Сумрак»');
- pronouns ('он', 'она', 'по его словам') resolve to the most recent person of the same
  gender (the cue verb's past-tense gender when the pronoun has none), subjects first;
- role nouns ('министр', 'глава ведомства', 'адвокат') to the person the role was given to,
  else the most recent person of the verb's gender, except that a role in a named body
  ('топ-менеджер «Полки»') is someone of that body; 'собеседник' to the last unnamed source;
  bare organisation nouns ('в клубе', 'по данным департамента') to the last organisation
  with that head noun, generic ones ('компания', 'ведомство') to the last one quoted;
- plural and modified nouns without a name ('эксперты', 'источник в клубе', 'двое
  студентов колледжа') are unnamed sources named by their own phrase.
"""

from __future__ import annotations

from bisect import insort
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc, Span, Token

from claimledger.data import load_data
from claimledger.document import Speaker
from claimledger.speakers.registry import Mention, Referent
from claimledger.speakers.russian_names import (
    can_be_nominative,
    gender_of,
    is_quoted_name,
    nominative_phrase,
    quoted,
    surname_key,
)
from claimledger.speakers.words import Gender
from claimledger.syntax import entity_of

PRONOUN_GENDER: dict[str, Gender | str] = {"он": "male", "его": "male", "него": "male", "она": "female",
                                           "её": "female", "ее": "female", "нее": "female", "неё": "female",
                                           "они": "plural", "их": "plural", "них": "plural"}
GENDERS: dict[str, Gender] = {"masc": "male", "femn": "female"}
SUBJECTS = {"nsubj", "nsubj:pass"}
# how far back (characters) a pronoun or role noun reaches, as on the English side
PRONOUN_REACH = 2500
DETERMINERS = {"этот", "тот", "данный", "сам", "свой", "наш", "его", "ее", "их"}


@dataclass(frozen=True)
class RussianSpeakerWords:
    person: frozenset[str]
    unnamed: frozenset[str]
    interlocutor: frozenset[str]
    organization: frozenset[str]
    generic_organization: frozenset[str]
    wrappers: frozenset[str]
    female_roles: frozenset[str]
    male_roles: frozenset[str]
    synonyms: dict[str, frozenset[str]]  # role noun -> the role nouns that name the same role
    abbreviated_kinds: dict[str, str]  # 'мин' -> 'министерство': what a compound abbreviation's start says
    interested_roles: frozenset[str]  # roles that tie a source to a side (parties.py)
    former: frozenset[str]  # words that make a role a past one


@cache
def ru_speaker_words() -> RussianSpeakerWords:
    data = load_data("ru/speakers.json")
    groups = [frozenset(group) for group in data["role_synonyms"]]
    synonyms = {word: group for group in groups for word in group}
    return RussianSpeakerWords(**{k: frozenset(v) for k, v in data.items() if k != "role_synonyms"
                                  and isinstance(v, list)}, synonyms=synonyms,
                               abbreviated_kinds=data["abbreviated_kinds"])


def phrase_tokens(head: Token) -> list[Token]:
    """The noun phrase of `head` without clauses, appositive commas or a leading preposition:
    'Министерство спорта Саратовской области, которое ...' -> the first four words."""
    doc = head.doc
    keep = {head.i}
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.i in keep:
                continue  # natasha's trees are not always acyclic
            if child.dep_ in {"acl", "acl:relcl", "parataxis", "punct", "cc", "mark", "advcl"} and \
                    not (child.dep_ == "punct" and child.text in "«»"):
                continue
            if child.dep_ == "case" and token.i == head.i:
                continue  # 'в министерстве' names 'министерство'; 'источник в клубе' keeps its 'в'
            if child.dep_ == "conj" and token.i == head.i:
                continue
            if child.dep_ == "det" and child.lemma_ in DETERMINERS and token.i == head.i:
                continue
            keep.add(child.i)
            stack.append(child)
    # cut at the first comma or dash after the head: 'Эксперты, опрошенные РусИнформ'
    last = max(keep)
    for token in doc[head.i + 1 : last + 1]:
        if token.text in {",", "—", "–", "("} and not quoted(token):
            last = token.i - 1
            break
    first = min(keep)
    tokens = [doc[i] for i in range(first, last + 1) if i in keep or doc[i].text in "«»"]
    while tokens and tokens[0].is_punct and tokens[0].text != "«":
        tokens = tokens[1:]
    return balance(tokens)


def balance(tokens: list[Token]) -> list[Token]:
    opened = sum(t.text == "«" for t in tokens) - sum(t.text == "»" for t in tokens)
    if opened > 0 and tokens:
        closing = tokens[-1].doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(tokens[-1].doc) else None
        if closing is not None and closing.text == "»":
            return [*tokens, closing]
    return tokens


def quoted_span(token: Token) -> Span:
    """The words between the «ёлочки» around `token`."""
    doc = token.doc
    start = token.i
    while start > token.sent.start and doc[start - 1].text != "«":
        start -= 1
    end = token.i + 1
    while end < token.sent.end and doc[end].text != "»":
        end += 1
    return doc[start:end]


def strip_quotes(name: str) -> str:
    return name.replace("«", "").replace("»", "").replace("„", "").replace("“", "").strip()


class RussianSpeakerResolver:
    """Built once per Doc; maps the subject of a cue (or the source of 'по словам X') to a Speaker."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.words = ru_speaker_words()
        self.referents: dict[str, Referent] = {}
        self.mentions: list[Mention] = []
        self.descriptors: list[tuple[int, str, Referent]] = []  # role noun's token index, lemma, who
        self._collect_people()
        self._collect_organizations()
        self.mentions.sort(key=lambda m: m.position)

    # -- building ------------------------------------------------------------------------

    def _collect_people(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ != "PERSON":
                continue
            referent = self.person(ent)
            self.mentions.append(Mention(ent.start_char, referent, is_subject(ent.root)))
            head = ent.root.head
            if ent.root.dep_ in {"appos", "flat:name", "nmod"} and head.pos_ == "NOUN" and head.i < ent.start:
                if head.lemma_ in self.words.person or head.dep_ in SUBJECTS:
                    self.add_role(head, referent)

    def _collect_organizations(self) -> None:
        namings: list[tuple[Token, Referent]] = []  # organisation nouns given a name, and that body
        descriptions: list[tuple[Token, Referent]] = []  # 'хакерская группировка': what, not who
        for token in self.doc:
            if token.pos_ not in {"NOUN", "PROPN"}:
                continue
            ent = entity_of(token)
            if ent is not None and ent.label_ == "ORG" and ent.root.i == token.i and not self.describes(ent):
                referent = self.organization_named(self.organization_name(ent, ent.root))
                referent.roles |= self.kinds_of(referent.name)
                self.mentions.append(Mention(ent.start_char, referent, is_subject(token)))
                owner = token.head
                if token.dep_ == "appos" and owner.lemma_ in self.words.organization:
                    self.add_role(owner, referent)
                continue
            if token.lemma_ not in self.words.organization or token.lemma_ in self.words.wrappers:
                continue
            named = self.self_named(token) or (self.named_in(token) if self.distinguished(token) else None)
            if named is None and not self.distinguished(token):
                continue
            referent = self.organization_named(named or self.phrase_name(token))
            referent.roles.add(token.lemma_)
            self.mentions.append(Mention(token.idx, referent, is_subject(token)))
            if named is not None:
                namings.append((token, referent))
            elif all(c.dep_ == "amod" for c in token.children if c in phrase_tokens(token)):
                descriptions.append((token, referent))
        for noun, described in descriptions:
            self.name_description(noun, described, namings)

    def describes(self, ent: Span) -> bool:
        """Whether natasha's ORG span only says what a body is ('Фермерское объединение заявило
        ...': an organisation noun and its adjectives, capitalised at most where the sentence
        starts), so it is read as a description to be named later, not as a name. A bare noun
        ('Профсоюз обвиняет ...') is left as natasha tagged it."""
        return ent.root.lemma_ in self.words.organization and len(ent) > 1 and all(
            t.i == ent.root.i or t.dep_ == "amod" and t.head.i == ent.root.i for t in ent) and all(
            t.is_lower or t.is_sent_start for t in ent)

    def self_named(self, noun: Token) -> str | None:
        """The name a body is given by 'называющая себя «Сумрак»' or 'под названием «Сумрак»'
        (as written when quoted, else in the nominative: 'называющая себя Фениксом'): the words
        right after 'себя' or 'названием', wherever the parser hung them."""
        doc = self.doc
        for child in noun.children:
            naming_verb = child.dep_ in {"acl", "acl:relcl"} and child.lemma_ in {"называть", "назвать", "именовать"}
            title = child.lemma_ == "название" and any(g.lower_ == "под" for g in child.children)
            if not (naming_verb or title) or child.i + 2 >= len(doc):
                continue
            after = doc[child.i + 2] if doc[child.i + 1].lower_ == "себя" else doc[child.i + 1]
            if after.text == "«" and after.i + 1 < len(doc):
                name = quoted_span(doc[after.i + 1]).text
                return name if is_quoted_name(name) else None
            if after.pos_ in {"PROPN", "NOUN"} and after.text[:1].isupper():
                return nominative_phrase([after], after)
        return None

    def name_description(self, noun: Token, described: Referent, namings: list[tuple[Token, Referent]]) -> None:
        """'Хакерская группировка заявила о взломе ...', then 'Группировка, называющая себя
        «Сумрак», ...': a body described without a name is the one the article names next with
        the same noun, by apposition ('группировка «Сумрак»'), 'называющая себя' or 'под
        названием', when that name was not used before the description and the naming does not
        describe it otherwise ('другая группировка «Тень»'). News introduces a body by what it
        is and names it soon after; the English resolver reads the lede the same way
        (`SpeakerResolver._organization_named_later`). The description then goes by the name."""
        adjectives = {c.lemma_ for c in noun.children if c.dep_ == "amod"}
        for token, named in namings:
            if not noun.i < token.i or token.idx - noun.idx >= PRONOUN_REACH or token.lemma_ != noun.lemma_:
                continue
            if not {c.lemma_ for c in token.children if c.dep_ == "amod"} <= adjectives:
                continue
            if named is not described and not any(m.referent is named and m.position < noun.idx for m in self.mentions):
                self.merge(named, described)
            return

    def merge(self, named: Referent, described: Referent) -> None:
        """`described` takes `named`'s name, and stands for it wherever it was mentioned."""
        described.name = named.name
        described.roles |= named.roles
        for key, referent in list(self.referents.items()):
            if referent is named:
                self.referents[key] = described
        self.mentions = [replace(m, referent=described) if m.referent is named else m for m in self.mentions]
        self.descriptors = [(i, role, described if r is named else r) for i, role, r in self.descriptors]

    def kinds_of(self, name: str) -> set[str]:
        """The organisation nouns a one-word compound abbreviation stands for: 'Минсельхоз' is
        a 'министерство' (the start says so only when a lower-case stem follows: not 'Минск')."""
        lower = name.lower()
        return {kind for start, kind in self.words.abbreviated_kinds.items()
                if " " not in name and lower.startswith(start) and len(name) > len(start) + 2
                and name[len(start)].islower()}

    # -- referents -----------------------------------------------------------------------

    def person(self, ent: Span) -> Referent:
        key = surname_key(ent[-1])
        full = strip_quotes(nominative_phrase(list(ent), ent.root))
        known = self.referents.get(f"person:{key}")
        if known is not None:
            if len(full.split()) > len(known.name.split()):
                known.name = full
            return known
        gender = GENDERS.get(gender_of(ent.root) or "", "unknown")
        referent = Referent(key=f"person:{key}", name=full, kind="named", gender=gender)
        self.referents[referent.key] = referent
        return referent

    def organization_named(self, name: str) -> Referent:
        key = f"org:{name.lower()}"
        if key not in self.referents:
            self.referents[key] = Referent(key=key, name=name, kind="organization")
        return self.referents[key]

    def unnamed(self, name: str, plural: bool, gender: Gender) -> Referent:
        key = f"source:{name.lower()}"
        if key not in self.referents:
            self.referents[key] = Referent(key=key, name=name, kind="unnamed", plural=plural, gender=gender)
        return self.referents[key]

    def add_role(self, noun: Token, referent: Referent) -> None:
        referent.roles.add(noun.lemma_)
        self.descriptors.append((noun.i, noun.lemma_, referent))
        if referent.description is None and referent.kind == "named":
            referent.description = self.doc[noun.i : noun_end(noun)].text.strip(" ,") or None

    def distinguished(self, noun: Token) -> bool:
        """'департамент дорожного хозяйства', 'краевой минздрав' name a body; 'департамент' alone points back."""
        return any(c.dep_ in {"amod", "nmod", "appos", "flat", "flat:foreign"} and c.lemma_ not in DETERMINERS
                   for c in noun.children)

    def named_in(self, noun: Token) -> str | None:
        """The name given to an organisation noun. A quoted name in apposition ('в компании
        «Белка»', 'сеть супермаркетов «Обская ярмарка»') is kept as written (`appositive`); one
        that cannot be read as a nominative is no apposition but an owner ('группа дольщиков
        «Солнечной долины»'). An unquoted ORG name in the noun's case is put in the nominative,
        unless it is a genitive modifier: the owner, not the name ('управления Роспотребнадзора')."""
        for token in phrase_tokens(noun):
            ent = entity_of(token)
            org = ent is not None and ent.label_ == "ORG" and ent.root.i != noun.i and same_case(ent.root, noun)
            if token.i > noun.i and quoted(token):
                name = quoted_span(token)
                if (org or token.dep_ == "appos" or self.appositive(name[0])) and is_quoted_name(name.text) \
                        and can_be_nominative(name[0].text):
                    return name.text
            elif org and ent is not None and token.dep_ != "nmod":
                return self.organization_name(ent, ent.root)
        return None

    def organization_name(self, name: Span, head: Token) -> str:
        """A body's name in the nominative ('в Роскомнадзоре' -> 'Роскомнадзор', 'по подсчетам
        «Степного ветра»' -> 'Степной ветер'), except a quoted name in apposition, which Russian
        leaves undeclined after its noun whatever case the parser read ('в компании «Белка»')."""
        if self.appositive(name[0]):
            return strip_quotes(name.text)
        return strip_quotes(nominative_phrase(list(name), head))

    def appositive(self, first: Token) -> bool:
        """Whether the quoted name that `first` opens stands in apposition to the organisation
        noun before the opening mark ('компании «Белка»'), rather than naming the owner, in the
        genitive, of a person, a press office or a thing ('топ-менеджер «Полки»', 'в
        пресс-службе «Теплосети»', 'дольщиков «Солнечной долины»'): it follows a noun that
        heads a body's name and can be read as a nominative."""
        doc = first.doc
        if first.i < 2 or doc[first.i - 1].text != "«":
            return False
        noun = doc[first.i - 2]
        return noun.lemma_ in self.words.organization and noun.lemma_ not in self.words.wrappers \
            and can_be_nominative(first.text)

    def phrase_name(self, noun: Token) -> str:
        name = strip_quotes(nominative_phrase(phrase_tokens(noun), noun))
        return name[:1].lower() + name[1:] if noun.pos_ != "PROPN" and not name[1:2].isupper() else name

    # -- resolution ------------------------------------------------------------------------

    def speaker_of(self, verb: Token) -> Speaker | None:
        """The source speaking through a verb: its subject (also after it: 'заявил X'), the
        subject of the verb it is joined to, or the organisation of an impersonal 'в клубе
        сообщили'."""
        subject = next((c for c in verb.children if speaks_as_subject(c)), None)
        if subject is None and verb.dep_ == "conj":
            subject = next((c for c in verb.head.children if speaks_as_subject(c)), None)
        if subject is None:  # 'Общественники не исключают, что ...' with the subject hung on the clause
            subject = next((t for t in verb.sent if t.i < verb.i and t.dep_ in SUBJECTS and t.head.i > verb.i
                            and verb in t.head.ancestors), None)
        if subject is None:  # '..., заявил в интервью «X» министр Y' with the subject hung on the statement
            subject = next((t for t in verb.sent if t.i > verb.i and t.dep_ in SUBJECTS and t.head.i < verb.i
                            and verb.dep_ == "parataxis" and agrees_in_number(t, verb)), None)
        if subject is None:
            subject = next((c for c in verb.children if c.dep_ == "obj" and c.ent_type_ == "PERSON"), None)
        if subject is not None:
            return self.resolve(subject, verb)
        place = next((c for c in verb.children if c.dep_ == "obl" and beside(verb, c) and any(
            g.lower_ in {"в", "во"} for g in c.children if g.dep_ == "case")
            and (c.lemma_ in self.words.organization or c.ent_type_ == "ORG")), None)
        if place is not None and verb.morph.get("Number") == ["Plur"]:
            return self.resolve(place, verb)
        there = any(c.lower_ == "там" and c.dep_ == "advmod" and c.i < verb.i for c in verb.children)
        if there and verb.morph.get("Number") == ["Plur"]:  # 'В мэрии ... Там не исключили': that body
            referent = self.recent(verb.idx, lambda r: r.kind == "organization")
            if referent is not None:
                return as_speaker(referent, "Там")
        return None

    def resolve(self, subject: Token, verb: Token | None = None) -> Speaker | None:
        referent = self.lookup(subject, verb)
        if referent is None:
            return None
        insort(self.mentions, Mention(subject.idx, referent, True), key=lambda m: m.position)
        mention = self.doc[subject.i : subject.i + 1].text if subject.pos_ in {"PRON", "DET"} else \
            " ".join(t.text for t in phrase_tokens(subject))
        return as_speaker(referent, mention)

    def note_claim(self, speaker: Speaker) -> None:
        for referent in self.referents.values():
            if referent.name == speaker.name:
                referent.claim_positions.append(-1)  # Russian passes resolve in text order already

    def lookup(self, subject: Token, verb: Token | None) -> Referent | None:
        lower = subject.lower_
        if subject.pos_ in {"PRON", "DET"} or lower in PRONOUN_GENDER:
            return self.pronoun(subject, verb)
        tokens = phrase_tokens(subject)
        # 'Один из организаторов акции, водитель Сергей Пестов, рассказал': the name set apart by commas
        appositive = [t for c in subject.children if c.dep_ == "appos" and c.i > subject.i
                      for t in (c, *(g for g in c.children if g.dep_ == "appos"))]
        person = next((e for t in [*reversed(tokens), *appositive] if (e := entity_of(t)) is not None
                       and e.label_ == "PERSON" and same_case(e.root, subject)), None)
        if person is not None:
            return self.person(person)
        lemma = subject.lemma_
        if lemma in self.words.wrappers:
            owner = next((c for c in subject.children if c.dep_ == "nmod" and c.pos_ in {"NOUN", "PROPN"}), None)
            return self.lookup(owner, verb) if owner is not None else None
        org = entity_of(subject)
        if org is not None and org.label_ == "ORG" and not self.describes(org):
            return self.organization_named(self.organization_name(org, org.root))
        if quoted(subject):  # 'по подсчетам «Степного ветра»': a quoted name is an outlet or a body
            return self.organization_named(self.organization_name(quoted_span(subject), subject))
        if lemma in self.words.organization:
            return self.organization(subject)
        if lemma in self.words.interlocutor:
            return self.last_unnamed(subject.idx) or self.role(subject, verb)
        many = subject.morph.get("Number") == ["Plur"] or subject.pos_ == "NUM"
        if lemma in self.words.unnamed and (many or self.distinguished(subject) or lemma == "источник"):
            if lemma == "источник" and not self.distinguished(subject):
                return self.last_unnamed(subject.idx) or self.unnamed(self.phrase_name(subject), False, "unknown")
            return self.unnamed(self.phrase_name(subject), many, GENDERS.get(gender_of(subject) or "", "unknown"))
        if lemma in self.words.person:
            return self.role(subject, verb)
        if subject.pos_ == "PROPN":
            return self.organization_named(strip_quotes(nominative_phrase(tokens, subject)))
        return None

    def organization(self, noun: Token) -> Referent:
        named = self.named_in(noun)
        if named is not None:
            return self.organization_named(named)
        if self.distinguished(noun):
            return self.organization_named(self.phrase_name(noun))
        earlier = [m for m in self.mentions if m.position < noun.idx and m.referent.kind == "organization"]
        with_role = [m for m in earlier if noun.lemma_ in m.referent.roles]
        if with_role:
            return with_role[-1].referent
        if noun.lemma_ in self.words.generic_organization and earlier:
            quoted = [m for m in earlier if m.referent.claim_positions or m.is_subject]
            return (quoted or earlier)[-1].referent
        return self.organization_named(self.phrase_name(noun))

    def role(self, noun: Token, verb: Token | None) -> Referent | None:
        """'министр', 'глава ведомства', 'адвокат': the person given that role, nearest before,
        else the most recent person of the verb's gender; failing both an unnamed source. A
        role in a body the phrase names ('топ-менеджер «Горицвета»') is first someone given a
        role there, and never someone given a role in another body (the expert of an analytics
        centre quoted just before is not the company's top manager)."""
        gender = role_gender(noun, verb, self.words)
        body = self.body_of_role(noun, named_only=True)
        if body is not None and (member := self.body_member(noun, body, gender)) is not None:
            return member

        def eligible(referent: Referent) -> bool:
            return fits(referent, gender) and (body is None or self.bodies_of(referent) <= {body.key})

        same_role = self.words.synonyms.get(noun.lemma_, frozenset({noun.lemma_}))
        before = [r for i, role, r in self.descriptors if role in same_role and i < noun.i]
        if before and eligible(before[-1]):
            return before[-1]
        recent = self.recent(noun.idx, lambda r: r.kind == "named" and eligible(r))
        if recent is not None:
            return recent
        after = [r for i, role, r in self.descriptors if role in same_role and i > noun.i and eligible(r)]
        if after:
            return after[0]
        return self.unnamed(self.phrase_name(noun), False, gender if gender in {"male", "female"} else "unknown")

    def body_member(self, noun: Token, body: Referent, gender: Gender | str) -> Referent | None:
        """The person given a role in `body` (the same role first), nearest before, else first after."""
        same_role = self.words.synonyms.get(noun.lemma_, frozenset({noun.lemma_}))
        members = [(i, role, r) for i, role, r in self.descriptors if r.kind == "named" and fits(r, gender)
                   and i != noun.i and body.key in self.bodies_of(r)]
        before = [r for i, _, r in members if i < noun.i]
        same_before = [r for i, role, r in members if i < noun.i and role in same_role]
        chosen = (same_before or before)[-1:] or [r for i, _, r in members if i > noun.i][:1]
        return chosen[0] if chosen else None

    def bodies_of(self, person: Referent) -> set[str]:
        """The keys of the bodies a person was given roles in ('директор по логистике компании')."""
        return {body.key for i, _, r in self.descriptors if r is person
                and (body := self.body_of_role(self.doc[i])) is not None}

    def body_of_role(self, noun: Token, named_only: bool = False) -> Referent | None:
        """The organisation a role noun is a role in: 'топ-менеджер «Горицвета»', 'директор по
        логистике компании', 'представитель министерства'; None for a role of a place or a
        field ('министр финансов', 'мэр Вологды'). `named_only` leaves out a bare noun that
        points back ('глава ведомства' may be the minister of energy named before, whichever
        body was quoted last)."""
        for token in phrase_tokens(noun):
            if token.i <= noun.i or token.ent_type_ == "PERSON" or token.pos_ not in {"NOUN", "PROPN"}:
                continue
            ent = entity_of(token)
            named = ent is not None and ent.label_ == "ORG" and ent.root.i == token.i or quoted(token)
            if named or token.lemma_ in self.words.organization and (self.distinguished(token) or not named_only):
                referent = self.lookup(token, None)
                if referent is not None and referent.kind == "organization":
                    return referent
        return None

    def pronoun(self, pronoun: Token, verb: Token | None) -> Referent | None:
        kind = PRONOUN_GENDER.get(pronoun.lower_)
        if kind is None:
            return None
        if kind == "plural":
            return self.recent(pronoun.idx, lambda r: r.plural or r.kind == "organization")
        gender: Gender = "male" if kind == "male" else "female"
        if verb is not None and pronoun.dep_ in SUBJECTS:
            gender = verb_gender(verb) or gender
        return self.recent(pronoun.idx, lambda r: r.kind != "organization" and not r.plural and fits(r, gender))

    def recent(self, position: int, accept) -> Referent | None:  # type: ignore[no-untyped-def]
        earlier = [m for m in self.mentions if m.position < position and position - m.position < PRONOUN_REACH]
        for require_subject in (True, False):
            for mention in reversed(earlier):
                if accept(mention.referent) and (mention.is_subject or not require_subject):
                    return mention.referent
        return None

    def last_unnamed(self, position: int) -> Referent | None:
        return self.recent(position, lambda r: r.kind == "unnamed" and not r.plural)


def as_speaker(referent: Referent, mention: str) -> Speaker:
    return Speaker(name=referent.name, mention=mention, kind=referent.kind, description=referent.description)


def fits(referent: Referent, gender: Gender | str) -> bool:
    return gender not in {"male", "female"} or referent.gender in {gender, "unknown"}


def verb_gender(verb: Token) -> Gender | None:
    gender = gender_of(verb)
    return GENDERS.get(gender) if gender else None


def role_gender(noun: Token, verb: Token | None, words: RussianSpeakerWords) -> Gender | str:
    if noun.lemma_ in words.female_roles:
        return "female"
    if noun.lemma_ in words.male_roles:
        return "male"
    return (verb_gender(verb) if verb is not None else None) or "unknown"


def same_case(token: Token, other: Token) -> bool:
    return token.morph.get("Case") == other.morph.get("Case") or token.i == other.i or not token.morph.get("Case")


def is_subject(token: Token) -> bool:
    """The subject of its clause; of two the parser hung on one verb ('Источник рассказал
    ПраймИнфо, что ...') the first, since the second is an indeclinable addressee or an object."""
    while token.dep_ in {"flat:name", "flat", "appos"} and token.head is not token:
        token = token.head
    return token.dep_ in SUBJECTS and not any(s.dep_ in SUBJECTS and s.i < token.i for s in token.head.children)


def noun_end(noun: Token) -> int:
    """End (exclusive) of a role phrase before the name it describes: 'Мэр Вологды' in 'Мэр Вологды Олег Ларионов'."""
    end = noun.i + 1
    for child in noun.children:
        if child.i > noun.i and child.dep_ in {"nmod", "amod"} and child.ent_type_ != "PERSON":
            end = max(end, child.right_edge.i + 1)
    return end


def speaks_as_subject(token: Token) -> bool:
    """A subject that can be who speaks: natasha sometimes makes the addressee of 'Как
    сообщили «Лесному вестнику» в пресс-службе' the subject, but a noun in the dative,
    instrumental or locative is never one."""
    return token.dep_ in SUBJECTS and not {"Dat", "Ins", "Loc"} & set(token.morph.get("Case"))


def beside(verb: Token, place: Token) -> bool:
    """Whether 'в X' is the impersonal verb's source: before it ('В клубе сообщили'), or
    within three words after it ('сообщили в клубе'), not counting an addressee between
    ('сообщили «Лесному вестнику» в пресс-службе')."""
    between = [t for t in verb.doc[verb.i + 1 : place.left_edge.i]
               if not (t.is_punct or "Dat" in t.morph.get("Case"))]
    return place.left_edge.i < verb.i + 4 or not between


def agrees_in_number(subject: Token, verb: Token) -> bool:
    """A verb and a subject the parser did not join can still be read as one clause when
    their numbers agree ('заявил ... министр', not 'заявили ... министр')."""
    number = verb.morph.get("Number")
    return not number or number == subject.morph.get("Number")
