"""Who the sides of an article are, from what the claims stage already found.

A party is a speaker together with those who speak for it: 'Grayfin' and 'Grayfin Research'
are one organisation, 'Tidewatch's policy director' and 'a threat analyst at Arctiq' speak
for Tidewatch and Arctiq Labs, 'Vrdoljak's lawyer' for Vrdoljak, 'the Fuenzalida campaign'
for Fuenzalida. Nothing here knows about topics: affiliation is read from the speakers'
names, mentions and descriptions only.

A party's importance is how many claims it makes, with a claim that contests something
counted twice: a denial, rejection or dispute, an accusation (the claims stage's negative
and accusation cues, data/cues.json), or a claim of negated modality. An article has two
sides when claims come from at least two parties, something is contested, and the second
party is more than a passing voice. Negated claims are common in any reporting ('he would
not comment'), so only a cue that takes issue with someone (denied, rejected, disputed,
accused, blamed) makes an article two-sided; negation still adds to importance.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from claimledger.claims.cues import cues
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

    @property
    def importance(self) -> int:
        return self.claims + self.contesting


def contests(claim: Claim, cue_lemma: str) -> bool:
    """A denial, rejection or dispute, an accusation, or a claim that something is not so."""
    return claim.modality == "negated" or disputes(cue_lemma)


def disputes(cue_lemma: str) -> bool:
    """A cue that takes issue with someone: denied, rejected, disputed, accused, blamed."""
    lexicon = cues()
    return cue_lemma in lexicon.negative or cue_lemma in lexicon.accusation


def parties(claims: list[Claim], cue_lemmas: Mapping[str, str]) -> list[Party]:
    """The article's parties, most important first (ties: the one quoted first).
    `cue_lemmas` maps a claim id to its cue verb's lemma."""
    owner = affiliations(claims)
    grouped: dict[str, list[Claim]] = {}
    for claim in claims:
        grouped.setdefault(owner[claim.speaker.name], []).append(claim)
    out = []
    for members in grouped.values():
        counts: dict[str, int] = {}
        for claim in members:
            counts[claim.speaker.name] = counts.get(claim.speaker.name, 0) + 1
        out.append(Party(
            name=max(counts, key=lambda name: counts[name]), members=frozenset(counts), claims=len(members),
            contesting=sum(contests(c, cue_lemmas.get(c.id, "")) for c in members),
            first=min(c.content.start for c in members)))
    return sorted(out, key=lambda p: (-p.importance, p.first))


def sides(claims: list[Claim], cue_lemmas: Mapping[str, str]) -> list[Party]:
    """The two most important parties when the article has more than one side, else []."""
    ranked = parties(claims, cue_lemmas)
    if len(ranked) < 2 or not any(disputes(cue_lemmas.get(c.id, "")) for c in claims):
        return []
    first, second = ranked[0], ranked[1]
    if second.claims < MIN_SIDE_CLAIMS and not second.contesting:
        return []
    return [first, second]


def affiliations(claims: list[Claim]) -> dict[str, str]:
    """Each speaker name -> the name of the speaker it belongs with (itself when none)."""
    speakers = {c.speaker.name: c.speaker for c in claims}
    keys = {name: name_keys(name, speaker.kind) for name, speaker in speakers.items()}
    parent = {name: name for name in speakers}

    def root(name: str) -> str:
        while parent[name] != name:
            name = parent[name]
        return name

    # longest names first, so 'Grayfin Research' and 'Grayfin' meet whichever comes first in the text
    names = sorted(speakers, key=lambda n: (-len(n), n))
    for name in names:
        speaker = speakers[name]
        said_of = words_of(" ".join(filter(None, (name, speaker.mention, speaker.description))))
        for other in names:
            if other == name or root(other) == root(name):
                continue
            if keys[other] and keys[other] <= said_of and belongs(name, other, speaker.kind, speakers[other].kind):
                parent[root(name)] = root(other)
    return {name: root(name) for name in speakers}


def belongs(name: str, other: str, kind: str, other_kind: str) -> bool:
    """Whether `name`, whose words include `other`'s key, speaks for `other`: a longer name of
    the same organisation, a body named after a person ('the Fuenzalida campaign'), or a
    person whose role is described by the other ('Tidewatch's policy director')."""
    if kind == "organization" and other_kind == "organization":
        return len(name) > len(other) or name.lower() == other.lower()
    return not (kind == "named" and other_kind == "named")  # two people are two parties


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
