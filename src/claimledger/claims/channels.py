"""Through which channel a claim was made: 'in an interview with TASS', 'in a statement',
'told Reuters', 'at a press conference' (channel words in data/speaker_words.json)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from claimledger.claims.draft import ClaimDraft
from claimledger.claims.subjects import own_subject
from claimledger.data import load_data
from claimledger.speakers.names import organization_name
from claimledger.syntax import entity_of, noun_phrase


@dataclass(frozen=True)
class ChannelWords:
    """Nouns that name a channel after 'in', 'at' and 'on' (lower case)."""

    in_: frozenset[str]
    at: frozenset[str]
    on: frozenset[str]
    at_heads: frozenset[str]  # the last word of each 'at' phrase: 'conference' for 'press conference'


@cache
def channel_words() -> ChannelWords:
    data = load_data("speaker_words.json")
    at = frozenset(w.lower() for w in data["channels_at"])
    return ChannelWords(in_=frozenset(w.lower() for w in data["channels_in"]), at=at,
                        on=frozenset(w.lower() for w in data["channels_on"]),
                        at_heads=frozenset(w.split()[-1] for w in at))


def channel_of(cue: Token) -> str | None:
    """'in an interview with TASS' -> 'TASS'; 'in a statement' -> 'a statement'; 'told Reuters' -> 'Reuters'."""
    for child in cue.children:
        if child.dep_ == "prep":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and (channel := prepositional_channel(child.lower_, pobj)) is not None:
                return channel
        told = cue.lemma_.lower() in {"tell", "brief", "inform"}
        if child.dep_ in {"dobj", "dative"} and told and child.ent_type_ == "ORG":
            return entity_text(child)
    return None


def prepositional_channel(preposition: str, pobj: Token) -> str | None:
    """The channel named by 'in/on/at/to' + `pobj`, or None."""
    words = channel_words()
    noun = pobj.lemma_.lower()
    if preposition == "in" and noun in words.in_:
        partner = next((g for p in pobj.children if p.dep_ == "prep" and p.lower_ in {"with", "on", "to"}
                        for g in p.children if g.dep_ == "pobj" and g.pos_ == "PROPN"), None)
        return noun_phrase(partner, with_det=False) if partner is not None else noun_phrase(pobj)
    if preposition == "on" and (pobj.text.lower() in words.on or noun in words.on):
        return entity_text(pobj) if pobj.pos_ == "PROPN" else noun_phrase(pobj)
    if preposition == "at" and noun_phrase(pobj, with_det=False).lower() in words.at | {noun}:
        if noun in words.at_heads:
            return noun_phrase(pobj)
    if preposition == "to" and pobj.ent_type_ == "ORG":
        return entity_text(pobj)
    return None


def entity_text(token: Token) -> str:
    ent = entity_of(token)
    return organization_name(ent) if ent is not None else token.text


def channel_announcements(doc: Doc, drafts: list[ClaimDraft]) -> list[tuple[Token, Token, str]]:
    """Verbs other than the claims' cues that name a channel ('Rogov spoke in an interview with
    TASS'): (verb, its subject, the channel), for `inherit_channels` once speakers are known."""
    announced = []
    cue_positions = {d.cue_token for d in drafts}
    for token in doc:
        if token.pos_ != "VERB" or token.i in cue_positions or (channel := channel_of(token)) is None:
            continue
        subject = own_subject(token)
        if subject is not None:
            announced.append((token, subject, channel))
    return announced


def inherit_channels(drafts: list[ClaimDraft], announced: list[tuple[int, str, str]]) -> None:
    """'Rogov spoke in an interview with TASS ... He indicated that ...': a speaker's later
    claims without a channel of their own came through the channel last named for them.
    `announced` holds (position, speaker name, channel)."""
    for draft in drafts:
        if draft.channel is None and draft.speaker is not None:
            name = draft.speaker.name
            earlier = [c for p, speaker, c in announced if speaker == name and p < draft.cue_start]
            draft.channel = earlier[-1] if earlier else None
