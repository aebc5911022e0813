"""Who the sides of an article are, from what the claims stage already found.

A party is a speaker together with those who speak for it: 'Grayfin' and 'Grayfin Research'
are one organisation, 'Tidewatch's policy director' and 'a threat analyst at Arctiq' speak
for Tidewatch and Arctiq Labs, 'Vrdoljak's lawyer' for Vrdoljak, 'the Fuenzalida campaign'
for Fuenzalida. Nothing here knows about topics: affiliation is read from the speakers'
names, mentions and descriptions only.

A party's importance is how many claims it makes, with a claim that contests something
counted twice: a denial, rejection or dispute, an accusation (the claims stage's negative
and accusation cues of the article's language, data/cues.json and data/ru/cues.json), or a
claim of negated modality. An article has two sides when claims come from at least two
parties, something is contested, and the second party is more than a passing voice.

What shows that something is contested depends on the language. English reports a denial
with a verb that takes issue with someone (denied, rejected, disputed, accused, blamed), and
its negated claims are common in any reporting, so only such a cue makes an English article
two-sided. Russian news reports a denial more often with an ordinary speech verb and a
negated clause ('заявил, что ... нет', '«Никаких долгов нет», — подчеркнул он') than with
'отрицает', so there a negated claim contests too (`negated_claims_dispute` in
data/ru/cues.json).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from claimledger.claims.cues import cues
from claimledger.data import load_data
from claimledger.document import Claim

# The second party must have this many claims, or contest something, to count as a side:
# one neutral quote from a bystander does not make an article two-sided.
MIN_SIDE_CLAIMS = 2
WORD = re.compile(r"[\w’'-]+")
# words that say nothing about which body a speaker belongs to
GENERIC = frozenset("the a an of for and at in on to its his her their our".split())


@dataclass(frozen=True)
class Party:
    name: str  # its most quoted member
    members: frozenset[str]  # speaker names
    claims: int
    contesting: int
    first: int  # offset of its first claim
    principal: str = ""  # the member the others speak for ('Vrdoljak' for 'Vrdoljak's lawyer')
    keys: frozenset[str] = frozenset()  # the words that name the principal (name_keys)

    @property
    def importance(self) -> int:
        return self.claims + self.contesting


@dataclass(frozen=True)
class DisputeCues:
    """What takes issue with someone in one language's claims."""

    lemmas: frozenset[str]  # cue lemmas of denial, rejection, dispute and accusation
    negated_claims_dispute: bool  # whether a claim of negated modality does too


@cache
def dispute_cues(language: str = "en") -> DisputeCues:
    """The claims stage's negative and accusation cues for `language` ('en' or 'ru')."""
    if language == "ru":
        data = load_data("ru/cues.json")
        return DisputeCues(frozenset(data["negative"]) | frozenset(data["accusation"]),
                           bool(data["negated_claims_dispute"]))
    lexicon = cues()
    return DisputeCues(lexicon.negative | lexicon.accusation, False)


def contests(claim: Claim, cue_lemma: str, language: str = "en") -> bool:
    """A denial, rejection or dispute, an accusation, or a claim that something is not so."""
    return claim.modality == "negated" or disputes(cue_lemma, language)


def disputes(cue_lemma: str, language: str = "en") -> bool:
    """A cue that takes issue with someone: denied, rejected, disputed, accused, blamed."""
    return cue_lemma in dispute_cues(language).lemmas


def takes_issue(claim: Claim, cue_lemma: str, language: str = "en") -> bool:
    """Whether the claim shows the article to be contested (see the module's note)."""
    return disputes(cue_lemma, language) or (claim.modality == "negated"
                                             and dispute_cues(language).negated_claims_dispute)


def parties(claims: list[Claim], cue_lemmas: Mapping[str, str], language: str = "en") -> list[Party]:
    """The article's parties, most important first (ties: the one quoted first).
    `cue_lemmas` maps a claim id to its cue verb's lemma."""
    owner = affiliations(claims)
    kinds = {c.speaker.name: c.speaker.kind for c in claims}
    grouped: dict[str, list[Claim]] = {}
    for claim in claims:
        grouped.setdefault(owner[claim.speaker.name], []).append(claim)
    out = []
    for principal, members in grouped.items():
        counts: dict[str, int] = {}
        for claim in members:
            counts[claim.speaker.name] = counts.get(claim.speaker.name, 0) + 1
        out.append(Party(
            name=max(counts, key=lambda name: counts[name]), members=frozenset(counts), claims=len(members),
            contesting=sum(contests(c, cue_lemmas.get(c.id, ""), language) for c in members),
            first=min(c.content.start for c in members), principal=principal,
            keys=name_keys(principal, kinds[principal])))
    return sorted(out, key=lambda p: (-p.importance, p.first))


def sides(claims: list[Claim], cue_lemmas: Mapping[str, str], language: str = "en") -> list[Party]:
    """The two most important parties when the article has more than one side, else []."""
    ranked = parties(claims, cue_lemmas, language)
    if len(ranked) < 2 or not any(takes_issue(c, cue_lemmas.get(c.id, ""), language) for c in claims):
        return []
    first, second = ranked[0], ranked[1]
    if second.claims < MIN_SIDE_CLAIMS and not second.contesting:
        return []
    return [first, second]


def affiliations(claims: list[Claim]) -> dict[str, str]:
    """Each speaker name -> the name of the speaker it belongs with (itself when none)."""
    speakers = {c.speaker.name: c.speaker for c in claims}
    keys = {name: name_keys(name, speaker.kind) for name, speaker in speakers.items()}
    # every way the article refers to a speaker, over all its claims
    seen_as: dict[str, set[str]] = {}
    for claim in claims:
        seen_as.setdefault(claim.speaker.name, set()).update(filter(None, (claim.speaker.mention,
                                                                           claim.speaker.description)))
    roles = speaking_roles()
    parent = {name: name for name in speakers}

    def root(name: str) -> str:
        while parent[name] != name:
            name = parent[name]
        return name

    # longest names first, so 'Grayfin Research' and 'Grayfin' meet whichever comes first in the text
    names = sorted(speakers, key=lambda n: (-len(n), n))
    for name in names:
        speaker = speakers[name]
        described = words_of(" ".join(seen_as[name])) - words_of(name)
        said_of = described | words_of(name)
        for other in names:
            if other == name or root(other) == root(name) or not keys[other]:
                continue
            for_someone = speaker.kind == "named" and speakers[other].kind == "named" and bool(described & roles)
            if keys[other] <= described and for_someone \
                    or keys[other] <= said_of and belongs(name, other, speaker.kind, speakers[other].kind):
                parent[root(name)] = root(other)
    return {name: root(name) for name in speakers}


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


def name_keys(name: str, kind: str) -> frozenset[str]:
    """The word that identifies a speaker in someone else's description: a person's surname,
    an organisation's first capitalised word that is not an article ('Arctiq' of 'Arctiq
    Labs'); a body without one ('the ministry') has no key."""
    found = [(plain(w), w) for w in WORD.findall(name) if plain(w) not in GENERIC]
    if kind == "named":
        return frozenset(w for w, _original in found[-1:])
    return frozenset(next(([w] for w, original in found if original[:1].isupper()), []))


def plain(word: str) -> str:
    """Lower case, without a possessive ending."""
    return re.sub(r"['’]s$", "", word.lower())


def words_of(text: str) -> frozenset[str]:
    return frozenset(plain(w) for w in WORD.findall(text))
