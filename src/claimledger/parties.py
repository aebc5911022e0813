"""Who the sides of an article are, from what the claims stage already found.

A party is a speaker together with those who speak for it: 'Grayfin' and 'Grayfin Research'
are one organisation, 'Tidewatch's policy director' and 'a threat analyst at Arctiq' speak
for Tidewatch and Arctiq Labs, 'Vrdoljak's lawyer' for Vrdoljak, 'the Fuenzalida campaign'
for Fuenzalida. Nothing here knows about topics: affiliation is read from the speakers'
names, mentions and descriptions only.

A party's importance is how many claims it makes, with a claim that contests something
counted twice: a denial, rejection or dispute, an accusation (the claims stage's negative
and accusation cues of the article's language, data/cues.json and data/ru/cues.json), or a
claim of negated modality. Two more things count once each: another party's claim that is
about it (names it in what was claimed, or anywhere in the sentence of an accusation or a
denial: the accused and the contradicted are sides), and a sentence that tells, without
quoting, that it takes issue ('The ministry rejected the claims', 'Mwansa rejected the
criticism').

Sides are bodies and those who speak for them. A bystander (a person quoted without a role
that ties them to a side, such as a resident, a pensioner or an independent economist; an
anonymous group of people; a document) can be a side only when too few others speak. An
article has two sides when claims come from at least two parties, something is contested,
and the second party is more than a passing voice. (Preferring as second side a party
opposed to the first, the one its claims are about, was tried: no case of ours gained and
BBC ROUGE-2 fell by 0.07, bench/summary.py.)

What shows that something is contested depends on the language. English reports a denial
with a verb that takes issue with someone (denied, rejected, disputed, accused, blamed), and
its negated claims are common in any reporting, so only such a cue makes an English article
two-sided. Russian news reports a denial more often with an ordinary speech verb and a
negated clause ('заявил, что ... нет', '«Никаких долгов нет», — подчеркнул он') than with
'отрицает', so there a negated claim contests too (`negated_claims_dispute` in
data/ru/cues.json), when it comes from a side: a resident saying there has not been a
flight for weeks contradicts nobody.

Names are compared word by word; Russian words match in any case form ('директор
«Лена-Нефтесбыта»' speaks for 'Лена-Нефтесбыт').
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from os.path import commonprefix

from claimledger.claims.cues import cues
from claimledger.data import load_data
from claimledger.document import Claim, Speaker
from claimledger.places import gazetteer
from claimledger.speakers.resolver import public_bodies
from claimledger.speakers.russian import ru_speaker_words
from claimledger.speakers.words import speaker_words

# The second party must have this many claims, or contest something, or be what another
# party's claim is about, to count as a side: one neutral quote does not make two sides.
MIN_SIDE_CLAIMS = 2
WORD = re.compile(r"[\w’'-]+")
# words that say nothing about which body a speaker belongs to
GENERIC = frozenset("the a an of for and at in on to its his her their our".split())
# Two Russian words are one word in two case forms when they share all but this many
# letters at the end of each, and at least RU_MIN_SHARED ('Грачева'/'Грачевой',
# 'союза'/'союз', 'Нефтесбыта'/'Нефтесбыт'); set from Russian case endings, which are at
# most three letters.
RU_ENDING = 3
RU_MIN_SHARED = 4
# what a deputy's title adds to the office's ('замминистра', 'вице-мэр', 'vice-president')
DEPUTY = ("", "зам", "вице-", "vice-")


@dataclass(frozen=True)
class Party:
    name: str  # its most quoted member
    members: frozenset[str]  # speaker names
    claims: int
    contesting: int
    first: int  # offset of its first claim
    principal: str = ""  # the member the others speak for ('Vrdoljak' for 'Vrdoljak's lawyer')
    keys: frozenset[str] = frozenset()  # the words that name the principal (name_keys)
    addressed: int = 0  # other parties' claims about it
    narrated: int = 0  # sentences, not claims, that tell it takes issue
    bystander: bool = False  # nobody in it speaks for a side (see the module's note)

    @property
    def importance(self) -> int:
        return self.claims + self.contesting + self.addressed + self.narrated


@dataclass(frozen=True)
class DisputeCues:
    """What takes issue with someone in one language's claims."""

    lemmas: frozenset[str]  # cue lemmas of denial, rejection, dispute and accusation
    negated_claims_dispute: bool  # whether a claim of negated modality does too
    denials: frozenset[str] = frozenset()  # those of denial, rejection and dispute alone
    # nouns for something said or found, whose denial takes issue with someone even when no
    # claim tells it ('Tervo Steel disputes the figures'); none listed for Russian, where a
    # negated claim contests already
    disputed: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Context:
    """What the summary stage read around the claims, beyond the claims themselves."""

    cue_lemmas: Mapping[str, str]  # claim id -> its cue verb's lemma
    said_of: Mapping[str, str]  # claim id -> the words it is about (its content; the sentence of a dispute)
    narrated: tuple[str, ...] = ()  # who takes issue in sentences that are not claims
    people: tuple[str, ...] = ()  # full names of the people the article names, first named first
    # who takes issue, without a claim, with something said: 'X' of 'X rejected the findings'
    disputing: tuple[str, ...] = ()


@cache
def dispute_cues(language: str = "en") -> DisputeCues:
    """The claims stage's negative and accusation cues for `language` ('en' or 'ru')."""
    if language == "ru":
        data = load_data("ru/cues.json")
        return DisputeCues(frozenset(data["negative"]) | frozenset(data["accusation"]),
                           bool(data["negated_claims_dispute"]), frozenset(data["negative"]))
    lexicon = cues()
    return DisputeCues(lexicon.negative | lexicon.accusation, False, lexicon.negative, lexicon.disputed)


def contests(claim: Claim, cue_lemma: str, language: str = "en") -> bool:
    """A denial, rejection or dispute, an accusation, or a claim that something is not so."""
    return claim.modality == "negated" or disputes(cue_lemma, language)


def disputes(cue_lemma: str, language: str = "en") -> bool:
    """A cue that takes issue with someone: denied, rejected, disputed, accused, blamed."""
    return cue_lemma in dispute_cues(language).lemmas


def takes_issue(claim: Claim, cue_lemma: str, language: str = "en", *, from_a_side: bool = True) -> bool:
    """Whether the claim shows the article to be contested (see the module's note)."""
    return disputes(cue_lemma, language) or (claim.modality == "negated" and from_a_side
                                             and dispute_cues(language).negated_claims_dispute)


def parties(claims: list[Claim], cue_lemmas: Mapping[str, str], language: str = "en", *,
            context: Context | None = None) -> list[Party]:
    """The article's parties, most important first (ties: the one quoted first).
    `cue_lemmas` maps a claim id to its cue verb's lemma; `context` adds what the claims are
    about and the disputes told without a claim."""
    context = context or Context(cue_lemmas, {})
    owner = affiliations(claims, language)
    speakers = {c.speaker.name: c.speaker for c in claims}
    references = seen_as(claims)
    grouped: dict[str, list[Claim]] = {}
    for claim in claims:
        grouped.setdefault(owner[claim.speaker.name], []).append(claim)
    out = []
    for principal, members in grouped.items():
        counts: dict[str, int] = {}
        for claim in members:
            counts[claim.speaker.name] = counts.get(claim.speaker.name, 0) + 1
        keys = name_keys(principal, speakers[principal].kind, language)
        known_by = keys if bare_surname_is(principal, keys, context.people) else words_of(principal, language)
        about = [c for c in claims if owner[c.speaker.name] != principal
                 and named_in(known_by, context.said_of.get(c.id, ""), language, proper=True)]
        out.append(Party(
            name=max(counts, key=lambda name: counts[name]), members=frozenset(counts), claims=len(members),
            contesting=sum(contests(c, cue_lemmas.get(c.id, ""), language) for c in members),
            first=min(c.content.start for c in members), principal=principal, keys=keys,
            addressed=len(about),
            narrated=sum(1 for told in context.narrated if named_in(keys, told, language, proper=True)),
            bystander=all(bystander(speakers[name], references[name], language) for name in counts)))
    # whoever another party's claim is about, or who takes issue, is a side, whatever its role
    out = [replace(p, bystander=False) if p.addressed or p.narrated else p for p in out]
    return sorted(out, key=lambda p: (-p.importance, p.first))


def bare_surname_is(name: str, keys: frozenset[str], people: tuple[str, ...]) -> bool:
    """Whether a bare surname in the article means this speaker: it means the first person the
    article names with it ('Hallam' is the accused Gregory Hallam, not his wife Karen Hallam,
    quoted later), so a namesake named first takes it."""
    first = next((person for person in people if words_of(person) and plain(person.split()[-1]) in keys), None)
    return first is None or words_of(first) <= words_of(name) or words_of(name) <= words_of(first)


def sides(claims: list[Claim], cue_lemmas: Mapping[str, str], language: str = "en", *,
          context: Context | None = None, answered: bool = False) -> list[Party]:
    """The two most important parties when the article has more than one side, else []:
    parties that speak for a side before bystanders. With `answered`, a weaker sign counts
    too (`answered_by_a_side`), for a summary that only rebalances on it."""
    ranked = parties(claims, cue_lemmas, language, context=context)
    disputing = bool(context and context.disputing)
    if len(ranked) < 2 or not (disputing or contested(claims, ranked, cue_lemmas, language)
                               or answered and answered_by_a_side(claims, language)):
        return []
    first, *rest = sorted(ranked, key=lambda p: p.bystander)
    rest = [p for p in rest if p.claims >= MIN_SIDE_CLAIMS or p.contesting or p.addressed or p.narrated]
    if not rest:
        return []
    return [first, min(rest, key=lambda p: (p.bystander, rest.index(p)))]


def contested(claims: list[Claim], ranked: list[Party], cue_lemmas: Mapping[str, str], language: str) -> bool:
    """Something in the article takes issue with someone: a claim's cue, or a negated claim of
    a side where the language counts those. (A dispute told without a claim makes the article
    two-sided only when what it denies is something said, `Context.disputing`: out of a
    quotation, 'rejected' reports everyday business too, 'rejected the offer'.)"""
    bystanders = {name for p in ranked if p.bystander for name in p.members}
    return any(takes_issue(c, cue_lemmas.get(c.id, ""), language, from_a_side=c.speaker.name not in bystanders)
               for c in claims)


def answered_by_a_side(claims: list[Claim], language: str) -> bool:
    """A sign of two sides weaker than a cue of dispute: a claim that something is not so from
    someone whose role ties them to a side ('Carrawin's mayor, Tom Baird, ... People had twelve
    hours to get out, not a day'; a defence lawyer's 'his client had never received a cent').
    The speaker must be quoted more than once, as a side must (MIN_SIDE_CLAIMS). In English
    reporting such claims are too common to make an article two-sided on their own
    (forcing a second side on them cost BBC ROUGE-2 0.4, bench/summary.py), so the summary
    only rebalances on them: it gives the other side one of the sentences the first side holds
    twice or more (`summarize.Selection.rebalance`). Russian counts negated claims as disputes
    already (DisputeCues.negated_claims_dispute)."""
    interested = role_words(language).interested
    references = seen_as(claims)
    quoted = Counter(c.speaker.name for c in claims)
    return any(c.modality == "negated" and quoted[c.speaker.name] >= MIN_SIDE_CLAIMS
               and described_by(c.speaker.name, references[c.speaker.name], language) & interested for c in claims)


def seen_as(claims: list[Claim]) -> dict[str, set[str]]:
    """Every way the article refers to each speaker, over all its claims."""
    out: dict[str, set[str]] = {}
    for claim in claims:
        out.setdefault(claim.speaker.name, set()).update(filter(None, (claim.speaker.mention,
                                                                       claim.speaker.description)))
    return out


def authored(speaker: Speaker) -> bool:
    """A document whose authors the article names (its description 'by the Arctic Institute
    ...', speakers.resolver): their study is their side, not a bystander's paper."""
    return speaker.kind == "document" and (speaker.description or "").startswith("by ")


def bystander(speaker: Speaker, references: set[str], language: str) -> bool:
    """A document without named authors, or a person or group the article refers to by roles of which none ties it
    to a side: 'a 29-year-old nurse', 'жительница Арылаха', 'independent economist'. An
    organisation speaks for itself; a person known only by name is not judged."""
    if speaker.kind in ("organization", "document"):
        return speaker.kind == "document" and not authored(speaker)
    words = words_of(" ".join(references), language)
    matches = (lambda word, role: same_word(word, role, language)) if language == "ru" \
        else (lambda word, role: word == role or word.removesuffix("s") == role)
    known = role_words(language)
    roles = {word for word in words if any(matches(word, role) for role in known.roles)}
    return bool(roles) and not any(matches(word, role) for word in roles for role in known.interested)


@dataclass(frozen=True)
class RoleWords:
    roles: frozenset[str]  # nouns that name a person by what they are or do
    interested: frozenset[str]  # those that tie a person to a side
    former: frozenset[str]  # words that make a role a past one ('former', 'бывший')


@cache
def role_words(language: str) -> RoleWords:
    if language == "ru":
        ru = ru_speaker_words()
        return RoleWords(ru.person | ru.unnamed | ru.female_roles | ru.male_roles | ru.interested_roles,
                         ru.interested_roles, ru.former)
    data = load_data("speaker_words.json")
    return RoleWords(frozenset(data["person"]) | frozenset(data["female"]) | frozenset(data["male"])
                     | speaking_roles(), speaking_roles(), frozenset(data["former"]))


def affiliations(claims: list[Claim], language: str = "en") -> dict[str, str]:
    """Each speaker name -> the name of the speaker it belongs with (itself when none)."""
    speakers = {c.speaker.name: c.speaker for c in claims}
    # a body without a proper name ('союз', 'the ministry') is known by all the words of its name
    proper = {name: name_keys(name, speaker.kind, language) for name, speaker in speakers.items()}
    keys = {name: proper[name] or common_body(name, speaker.kind, language) for name, speaker in speakers.items()}
    references = seen_as(claims)
    roles = speaking_roles()
    kind_of = body_kinds(speakers, language)
    parent = {name: name for name in speakers}

    def root(name: str) -> str:
        while parent[name] != name:
            name = parent[name]
        return name

    def body_of(name: str) -> bool:
        """Whether `name`'s party already has an organisation in it."""
        return any(speakers[n].kind == "organization" and root(n) == root(name) for n in speakers)

    def join(name: str, other: str) -> None:
        # a body known by a common noun joins the properly named one, not the other way round
        if speakers[name].kind == speakers[other].kind == "organization" \
                and not name_keys(other, "organization", language) and name_keys(name, "organization", language):
            name, other = other, name
        parent[root(name)] = root(other)

    # longest names first, so 'Grayfin Research' and 'Grayfin' meet whichever comes first in the text
    names = sorted(speakers, key=lambda n: (-len(n), n))
    for name in names:
        speaker = speakers[name]
        described = described_by(name, references[name], language)
        # a proper name is named by capitalised words: 'the council's transport chief' does not
        # speak for the Transport and Rail Workers' Union
        capitalised = described & proper_words(references[name], language)
        said_of = described | words_of(name, language)
        if any(same_word(w, former, language) or w.startswith(f"{former}-") for w in described
               for former in role_words(language).former):
            continue  # a former coach of a club speaks for himself, not for the club
        for other in names:
            if other == name or root(other) == root(name) or not keys[other] \
                    or speaker.kind == "named" and body_of(name) and body_of(other):
                continue  # a person speaks for one body: two bodies never merge through a person
            seen = (capitalised, capitalised | words_of(name, language)) if proper[other] else (described, said_of)
            for_someone = speaker.kind == "named" and speakers[other].kind == "named" and bool(described & roles)
            if contains(seen[0], keys[other], language) and for_someone \
                    or contains(seen[1], keys[other], language) \
                    and belongs(name, other, speaker.kind, speakers[other].kind) \
                    or speaker.kind == "named" and bool(kind_of.get(other, frozenset()) & described) \
                    or speaker.kind == "named" and speakers[other].kind == "organization" \
                    and leads(described, other, language):
                join(name, other)
    for name, body in spokespeople(claims, language).items():
        if root(name) == name:
            join(name, body)
    # a body's initials are the article's other name for it: 'DEC' is the Disaster Emergency
    # Committee, and its spokeswoman speaks for both
    described_as = {name: {c.speaker.description for c in claims if c.speaker.name == name} - {None}
                    for name in names}
    for short in (n for n in names if speakers[n].kind == "organization" and is_initials(n)):
        for other in names:
            # a person by what they are described as, not by their own name's initials
            texts = described_as[other] | ({other} if speakers[other].kind == "organization" else set())
            if other != short and root(other) != root(short) and any(short in initials(t or "") for t in texts):
                join(other, short)
    return {name: root(name) for name in speakers}


def is_initials(name: str) -> bool:
    return name.isupper() and name.isalpha() and len(name) >= 2


def initials(text: str) -> set[str]:
    """The initials of every run of two or more capitalised words in `text` ('DEC' of
    'spokeswoman for the Disaster Emergency Committee')."""
    out: set[str] = set()
    run: list[str] = []
    for word in [*WORD.findall(text), ""]:
        if word[:1].isupper():
            run.append(word[0])
            continue
        out.update("".join(run[i:]) for i in range(len(run) - 1))
        run = []
    return out


def leads(described: frozenset[str], body: str, language: str) -> bool:
    """Whether a person described by these words holds the office the body is named after: a
    role noun made from the noun of the body's name ('министр' of 'министерство', 'мэр' of
    'мэрия', 'minister' of 'ministry', 'director' of 'directorate'), with the rest of the name
    said of them too where there is more ('министр строительства республики' leads the
    'министерство строительства Удмуртии'; a finance minister does not lead a ministry of
    construction). Word formation, not a list of offices: the role noun and the body's noun
    share all but the role's last two letters."""
    roles = {role.removeprefix(deputy) for role in described & role_words(language).roles for deputy in DEPUTY}
    name = [w for w in words_of(body, language) if w not in GENERIC]
    for noun in name:
        if not any(role != noun and derived(role, noun) for role in roles):
            continue
        rest = [w for w in name if w != noun and not is_place_word(w)]
        return not rest or any(same_word(w, d, language) for w in rest for d in described)
    return False


def derived(role: str, noun: str) -> bool:
    """'министр' and 'министерство', 'minister' and 'ministry' (see `leads`)."""
    shared = len(commonprefix([role, noun]))
    return shared >= 3 and shared >= len(role) - 2


def body_kinds(speakers: Mapping[str, Speaker], language: str) -> dict[str, frozenset[str]]:
    """Named English bodies -> the words for their kind that point to them alone: the kind word in
    the name, where no other body quoted has it (a person described as 'the observatory's chief
    analyst' speaks for the Regional Food Security Observatory, as 'the observatory' in the
    article means it; two ministries quoted leave 'the ministry's spokesman' to neither), and,
    for the only body of oversight quoted, every noun for a public body, as the speakers stage
    reads them ('the agency's head' speaks for the Superintendency of Environmental Oversight)."""
    if language != "en":
        return {}
    kinds = speaker_words().organization
    # in the name's order: its last kind word is its head ('council' of 'Kirkhaven City Council')
    found = {name: [w for w in map(plain, WORD.findall(name)) if w in kinds] for name, speaker in speakers.items()
             if speaker.kind == "organization" and name_keys(name, speaker.kind, language)}
    counts: dict[str, int] = {}
    for words in found.values():
        for word in set(words):
            counts[word] = counts.get(word, 0) + 1
    out = {name: frozenset(words[-1:]) for name, words in found.items() if words and counts[words[-1]] == 1}
    overseers = [name for name, words in found.items() if set(words) & public_bodies()]
    if len(overseers) == 1:
        out[overseers[0]] = out.get(overseers[0], frozenset()) | public_bodies()
    return out


def described_by(name: str, references: set[str], language: str) -> frozenset[str]:
    """The words the article uses for a speaker besides its name."""
    own = words_of(name, language)
    return frozenset(w for w in words_of(" ".join(references), language)
                     if not any(same_word(w, o, language) for o in own))


def proper_words(references: set[str], language: str) -> frozenset[str]:
    """The capitalised words of the references, as words_of gives them."""
    return words_of(" ".join(map(capitalised, references)), language)


def capitalised(text: str) -> str:
    """Only the words of `text` that start with a capital: those that can name someone."""
    return " ".join(w for w in WORD.findall(text) if w[:1].isupper())


def common_body(name: str, kind: str, language: str) -> frozenset[str]:
    """All the words of an organisation's or a document's name that is a common noun phrase
    ('союз', 'the ministry', 'a study'): someone described as 'председатель правления союза'
    speaks for it, and 'the study's lead author' for the study."""
    if kind not in ("organization", "document"):
        return frozenset()
    return frozenset(w for w in words_of(name, language) if w not in GENERIC)


def spokespeople(claims: list[Claim], language: str) -> dict[str, str]:
    """People described only by a role at a body named with a generic noun ('пресс-секретарь
    предприятия Дарья Луппова') -> the organisation quoted last before them, the body such a
    noun refers back to (as the speakers stage resolves 'в компании сообщили'). Russian only:
    its speaker words list those nouns (data/ru/speakers.json, generic_organization)."""
    if language != "ru":
        return {}
    generic = ru_speaker_words().generic_organization
    references = seen_as(claims)
    ordered = sorted(claims, key=lambda c: c.content.start)
    out: dict[str, str] = {}
    for index, claim in enumerate(ordered):
        speaker = claim.speaker
        if speaker.kind == "organization" or speaker.name in out:
            continue
        described = described_by(speaker.name, references[speaker.name], language)
        if not any(same_word(w, noun, language) for w in described for noun in generic) \
                or any(w[:1].isupper() and plain(w) in described for text in references[speaker.name]
                       for w in WORD.findall(text)[1:]):
            continue  # 'директор компании «ЮгСтройИнвест»' works at a body the article names
        before = [c.speaker.name for c in ordered[:index] if c.speaker.kind == "organization"]
        if before:
            out[speaker.name] = before[-1]
    return out


def belongs(name: str, other: str, kind: str, other_kind: str) -> bool:
    """Whether `name`, whose words include `other`'s key, speaks for `other`: a longer name of
    the same organisation, a body named after a person ('the Fuenzalida campaign'), or a
    person whose role is described by the other ('Tidewatch's policy director'). Two people
    sharing a surname are two parties; a person described as another's ('Vrdoljak's lawyer')
    joins that person's party (see `affiliations`). Nobody speaks for an unnamed speaker: 'a
    rights activist of the Orenburg branch' is not one of 'two students of an Orenburg
    college', though both descriptions name Orenburg."""
    if other_kind == "unnamed":
        return False  # an anonymous source or a group of people has no one speaking for it
    if kind == "organization" and other_kind == "organization":
        return len(name) > len(other) or name.lower() == other.lower()
    return not (kind == "named" and other_kind == "named")


@cache
def speaking_roles() -> frozenset[str]:
    """Roles that speak for someone else (lawyers for clients, spokesmen for their principals),
    from the speaker word list the scrutiny flags use too."""
    return frozenset(load_data("speaker_words.json")["interested_roles"])


def name_keys(name: str, kind: str, language: str = "en") -> frozenset[str]:
    """The words that identify a speaker in someone else's words: a person's surname, an
    English organisation's first distinctive word (`english_body_keys`), all the words of a
    Russian organisation's name (whose first word is capitalised whatever it is: 'Алтайский
    берег' is not every 'Алтайского края'). A body without a proper name ('the ministry',
    'the steelworkers' union in Kemi') and an unnamed source have none."""
    found = [(plain(w), w) for w in WORD.findall(name.replace("ё", "е").replace("Ё", "Е"))
             if plain(w) not in GENERIC]
    if kind == "named":
        return frozenset(w for w, _original in found[-1:])
    if kind == "unnamed" or not any(original[:1].isupper() for _w, original in found):
        return frozenset()
    if language == "ru":
        return frozenset(w for w, _original in found if len(w) > 2 or w.isupper())
    return english_body_keys(found)


def english_body_keys(words: list[tuple[str, str]]) -> frozenset[str]:
    """The words (plain, as written) of an English organisation's name that others shorten it
    to: its first capitalised word ('Arctiq' of 'Arctiq Labs', 'Grayfin' of 'Grayfin
    Research'), leaving out the words for its kind ('Finance' of 'the Ministry of Finance',
    not 'Ministry', which every ministry shares); when that word only says where or at what
    level the body works ('National', 'Norwegian'), the next one too ('National Grid' and the
    'National Audit Office' are two bodies). Words after a kind word written in lower case
    only describe the body ('Kemi' of 'the steelworkers' union in Kemi', which has no name);
    those before it name whom it is of ('the Fuenzalida campaign')."""
    kinds = speaker_words().organization
    described = next((i for i, (w, original) in enumerate(words) if w in kinds and original[:1].islower()), None)
    words = words[:described]
    capitalised = [w for w, original in words if original[:1].isupper() and w not in kinds]
    if not capitalised:
        return frozenset()
    if len(capitalised) > 1 and (capitalised[0] in speaker_words().placing or is_place_word(capitalised[0])):
        return frozenset(capitalised[:2])
    return frozenset(capitalised[:1])


@cache
def place_words() -> frozenset[str]:
    """Countries, demonyms and regions, in lower case (places.py's gazetteer)."""
    return frozenset(name.lower() for name in gazetteer().codes)


def is_place_word(word: str) -> bool:
    return word in place_words()


def named_in(keys: frozenset[str], text: str, language: str = "en", *, proper: bool = False) -> bool:
    """Whether `text` names the speaker whose name_keys are `keys`; with `proper`, only by
    capitalised words, so that 'the harbour board' does not name 'Harbour'."""
    if proper:
        text = capitalised(text)
    return bool(keys) and contains(words_of(text, language), keys, language)


def contains(words: frozenset[str], keys: frozenset[str], language: str = "en") -> bool:
    """Every key is one of the words (in Russian, in any case form)."""
    if language != "ru":
        return keys <= words
    return all(key in words or any(same_word(key, word, language) for word in words) for key in keys)


def same_word(a: str, b: str, language: str = "en") -> bool:
    """One word: equal, or in Russian two case forms of it (see RU_ENDING)."""
    if a == b or language != "ru":
        return a == b
    shared = len(commonprefix([a, b]))
    return shared >= RU_MIN_SHARED and len(a) - shared <= RU_ENDING and len(b) - shared <= RU_ENDING


def plain(word: str) -> str:
    """Lower case, without a possessive ending."""
    return re.sub(r"['’]s$", "", word.lower())


def words_of(text: str, language: str = "en") -> frozenset[str]:
    if language == "ru":
        text = text.replace("ё", "е").replace("Ё", "Е")
    return frozenset(plain(w) for w in WORD.findall(text))
