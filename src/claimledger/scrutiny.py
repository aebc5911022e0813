"""Stage 6: what should make a reader cautious, per claim (flags) and per article (counts and
a one-line note built only from claim fields, so every phrase traces back to the text)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from claimledger.data import load_data
from claimledger.document import Claim, Flag, Quantity, Scrutiny
from claimledger.text import CORROBORATION_STOPWORDS, LETTERS, LONG_WORD, surname, words

# Two claims corroborate each other when this share of their content words overlaps.
# Chosen so paraphrases of one fact ('fell by 12%' / 'dropped 12 percent') count and two
# different facts about the same subject do not; checked on the dev cases by reading.
CORROBORATION_OVERLAP = 0.5
MIN_SHARED_WORDS = 3  # 'no plan B' and 'vote against the plan' share a word, not a fact
UNVERIFIED = re.compile(
    r"\b(remains? to be (independently )?(verified|confirmed)|could not (be )?(independently )?(verif|confirm)\w*"
    r"|has not been (independently )?(verified|confirmed)|unverified|not (been )?independently (verified|confirmed)"
    r"|no (independent )?(evidence|confirmation)|unable to (independently )?(verify|confirm)"
    r"|without (providing|offering|giving|citing|presenting) (any )?(evidence|proof|details)"
    r"|(did not|didn't|declined to) (provide|offer|give|cite|present) (any )?(evidence|proof))",
    re.IGNORECASE,
)


@cache
def interest_markers() -> tuple[frozenset[str], frozenset[str]]:
    data = load_data("speaker_words.json")
    return frozenset(data["interested_roles"]), frozenset(data["interested_words"])


def flag_claims(claims: list[Claim], doc: Doc) -> None:
    """Set `flags` on each claim in place (`doc` is the article's parse, whose sentences are read)."""
    notes = unverified_sentences(doc)
    for claim in claims:
        flags: list[Flag] = []
        if not corroborated(claim, claims):
            flags.append("single_source")
        if claim.speaker.kind == "unnamed":
            flags.append("unnamed_source")
        if is_interested(claim):
            flags.append("interested_source")
        if any(q.vague for q in claim.quantities):
            flags.append("vague_quantity")
        if any(covers(note, claim) for note in notes):
            flags.append("unverified")
        if claim.modality in {"intended", "predicted"} and any(counts_people(q) for q in claim.quantities) \
                and claim.speaker.kind != "organization":
            flags.append("intent_not_action")
        claim.flags = flags


def counts_people(quantity: Quantity) -> bool:
    """A head count ('thousands', '600 workers'), not money, a share or a percentage."""
    unit = quantity.unit or ""
    return unit not in {"percent", "share"} and not (len(unit) == 3 and unit.isupper())


def content_words(text: str) -> set[str]:
    return {w for w in words(text, LONG_WORD) if w not in CORROBORATION_STOPWORDS}


def corroborated(claim: Claim, claims: list[Claim]) -> bool:
    own = content_words(claim.content.text)
    for other in claims:
        if other.speaker.name == claim.speaker.name or not own:
            continue
        shared = own & content_words(other.content.text)
        if len(shared) >= MIN_SHARED_WORDS and len(shared) / len(own) >= CORROBORATION_OVERLAP:
            return True
    return False


def is_interested(claim: Claim) -> bool:
    roles, phrases = interest_markers()
    description = (claim.speaker.description or "").lower()
    mention = claim.speaker.mention.lower()
    tokens = set(words(f"{description} {mention}", LETTERS))
    return bool(tokens & roles) or any(p in description for p in phrases)


@dataclass(frozen=True)
class UnverifiedNote:
    """A sentence saying something could not be verified, and the stretch of text it covers."""

    covers_from: int  # start of the previous paragraph, or of its own when it names someone
    covers_to: int  # end of its own paragraph
    sentence: str


def unverified_sentences(doc: Doc) -> list[UnverifiedNote]:
    """The parse's sentences that say something could not be verified, with what each covers."""
    sentences = parsed_sentences(doc)
    starts = [start for start, _sentence in sentences]
    notes = []
    previous_start = 0
    for paragraph in re.finditer(r"[^\n]+", doc.text):
        first, last = bisect_left(starts, paragraph.start()), bisect_left(starts, paragraph.end())
        for _start, sentence in sentences[first:last]:
            if UNVERIFIED.search(sentence):
                # 'The figures could not be verified.' on its own looks back at the paragraph before
                names_someone = re.search(r"\b[A-Z][a-z]+['’]s?\b", sentence[1:]) is not None
                start = paragraph.start() if names_someone else previous_start
                notes.append(UnverifiedNote(start, paragraph.end(), sentence))
        previous_start = paragraph.start()
    return notes


def parsed_sentences(doc: Doc) -> list[tuple[int, str]]:
    """(offset of the first character, text) of each of the Doc's sentences, without surrounding space."""
    out = []
    for sent in doc.sents:
        text = sent.text
        stripped = text.lstrip()
        out.append((sent.start_char + len(text) - len(stripped), stripped.rstrip()))
    return out


def covers(note: UnverifiedNote, claim: Claim) -> bool:
    """A note covers the claims in its stretch of text and those of any speaker it names."""
    if note.covers_from <= claim.content.start < note.covers_to:
        return True
    name = surname(claim.speaker.name)
    return claim.speaker.kind == "named" and re.search(rf"\b{re.escape(name)}\b", note.sentence) is not None


def article_scrutiny(claims: list[Claim]) -> Scrutiny:
    speakers = Counter(c.speaker.name for c in claims)
    top, top_count = speakers.most_common(1)[0] if speakers else (None, 0)
    channels = list(dict.fromkeys(c.channel for c in claims if c.channel))
    flags = Counter(flag for c in claims for flag in c.flags)
    return Scrutiny(
        claims=len(claims), sources=len(speakers), top_source=top,
        top_source_share=round(top_count / len(claims), 3) if claims else 0.0,
        channels=channels, flag_counts=dict(sorted(flags.items())),
    )


def scrutiny_line(claims: list[Claim], scrutiny: Scrutiny) -> str:
    """One sentence a reader can act on; each clause is filled from claim fields only."""
    if not claims:
        return "No attributed claims found: the article's statements are the outlet's own narration."
    parts = [sources_clause(claims, scrutiny)]
    if scrutiny.channels:
        parts.append("via " + ", ".join(scrutiny.channels))
    counts = scrutiny.flag_counts
    if unverified := counts.get("unverified"):
        which = "this claim is" if len(claims) == 1 else "all are" if unverified == len(claims) else f"{unverified} are"
        parts.append(f"the article says {which} not independently verified")
    intents = [c for c in claims if "intent_not_action" in c.flags]
    for claim in intents[:2]:
        quantity = claim.quantities[0].text
        parts.append(f"“{quantity}” refers to those {intent_phrase(claim)}, not to what has happened")
    vague = list(dict.fromkeys(q.text for c in claims for q in c.quantities if q.vague and "intent_not_action" not in c.flags))
    if vague:
        parts.append("vague numbers: " + ", ".join(f"“{v}”" for v in vague[:4]))
    if counts.get("unnamed_source") and "unnamed sources" not in parts[0]:
        parts.append(f"{plural(counts['unnamed_source'], 'claim')} from unnamed sources")
    return "; ".join(parts) + "."


def sources_clause(claims: list[Claim], scrutiny: Scrutiny) -> str:
    top = next(c.speaker for c in claims if c.speaker.name == scrutiny.top_source)
    who = top.name + (f" ({top.description})" if top.description else "")
    interested = any("interested_source" in c.flags for c in claims if c.speaker.name == top.name)
    tie = ", an interested party" if interested else ""
    if scrutiny.sources == 1:
        return f"{'The one claim comes' if len(claims) == 1 else f'All {len(claims)} claims come'} from one source, {who}{tie}"
    share = sum(1 for c in claims if c.speaker.name == top.name)
    if share * 2 <= len(claims):
        return f"{len(claims)} claims from {scrutiny.sources} sources, at most {share} from any one ({who}{tie})"
    rest = [c.speaker for c in claims if c.speaker.name != top.name]
    clause = f"{share} of {len(claims)} claims rest on one source, {who}{tie}"
    if all(s.kind == "unnamed" for s in rest):
        names = ", ".join(dict.fromkeys(s.name.lower() for s in rest))
        clause += f"; the rest on unnamed sources ({names})"
    return clause


INTENT_PHRASE = re.compile(
    r"\b(?:prepared|ready|willing|planning|plans?|planned|intends?|intended|expects?|expected|set|poised|aims?"
    r"|aiming|due|likely|signed up) to \w+|\b(?:will|would|could|may|might) \w+")


def intent_phrase(claim: Claim) -> str:
    """The words that carry the intent, taken from the claim: 'prepared to join', 'will strike'."""
    match = INTENT_PHRASE.search(claim.content.text)
    return match.group(0) if match else claim.modality


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
