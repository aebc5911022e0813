"""Stage 6: what should make a reader cautious, per claim (flags) and per article (counts and
a one-line note built only from claim fields, so every phrase traces back to the text)."""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from claimledger.data import load_data
from claimledger.document import Claim, Flag, Quantity, Scrutiny
from claimledger.speakers.words import speaker_words
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
    supported = corroborated(claims)
    for number, claim in enumerate(claims):
        flags: list[Flag] = []
        if number not in supported:
            flags.append("single_source")
        if claim.speaker.kind == "unnamed":
            flags.append("unnamed_source")
        if is_interested(claim):
            flags.append("interested_source")
        if any(q.vague for q in claim.quantities):
            flags.append("vague_quantity")
        if any(covers(note, claim) for note in notes):
            flags.append("unverified")
        if claim.modality in {"intended", "predicted"} and head_counts(doc, claim) \
                and claim.speaker.kind != "organization":
            flags.append("intent_not_action")
        claim.flags = flags


def head_counts(doc: Doc, claim: Claim) -> list[str]:
    """The claim's numbers that count people, as written."""
    return [q.text for q in claim.quantities if counts_people(doc, claim, q)]


def counts_people(doc: Doc, claim: Claim, quantity: Quantity) -> bool:
    """A count of the people who would act: 'thousands of supporters were prepared to march',
    '300 drivers will strike'. The number (or the noun it counts) is the subject of the
    clause and counts people (data/sources.json, as for speakers); money, shares, spans of
    time and the objects of a plan ('to call fewer than 15 witnesses') are not."""
    unit = quantity.unit or ""
    if unit in {"percent", "share"} or (len(unit) == 3 and unit.isupper()):
        return False
    offset = claim.content.text.find(quantity.text)
    if offset < 0:
        return False
    start = claim.content.start + offset
    span = doc.char_span(start, start + len(quantity.text), alignment_mode="expand")
    if span is None or not len(span):
        return False
    last = span[-1]
    if last.head.i not in range(span.start, span.end) and last.dep_ in {"nummod", "quantmod", "amod", "compound"} \
            and last.head.pos_ in {"NOUN", "PROPN"}:
        return is_people(last.head) and is_subject(last.head)  # '300 drivers'
    of = next((c for c in last.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return (counted is None or is_people(counted)) and is_subject(last)  # 'thousands (of workers) were ...'


def is_subject(token: Token) -> bool:
    while token.dep_ == "conj":
        token = token.head
    return token.dep_ in {"nsubj", "nsubjpass"}


def is_people(noun: Token) -> bool:
    """A noun naming people: a person word, a plural agent noun ('supporters'), a nationality."""
    lex = speaker_words()
    lemma = noun.lemma_.lower()
    return noun.ent_type_ == "NORP" or lemma in lex.person or (
        noun.tag_ in {"NNS", "NNPS"} and len(lemma) > 4 and lemma.endswith(lex.agent_suffixes))


def content_words(text: str) -> set[str]:
    return {w for w in words(text, LONG_WORD) if w not in CORROBORATION_STOPWORDS}


def corroborated(claims: list[Claim]) -> set[int]:
    """Positions in `claims` of the claims another speaker also makes: at least
    MIN_SHARED_WORDS of their content words, and CORROBORATION_OVERLAP of the claim's own, in
    the other claim.

    Not every pair is compared (that grows with the square of a long article): a claim
    sharing `need` of its n words with another shares at least one of any n - need + 1 of
    them, so only claims holding one of its n - need + 1 rarest words are candidates (prefix
    filtering, as in set-similarity joins)."""
    words = [content_words(c.content.text) for c in claims]
    frequency = Counter(w for own in words for w in own)
    holders: dict[str, list[int]] = {}
    for number, own in enumerate(words):
        for word in own:
            holders.setdefault(word, []).append(number)
    out = set()
    for number, own in enumerate(words):
        need = max(MIN_SHARED_WORDS, math.ceil(CORROBORATION_OVERLAP * len(own)))
        if need > len(own):
            continue
        rarest = sorted(own, key=lambda w: (frequency[w], w))[: len(own) - need + 1]
        speaker = claims[number].speaker.name
        candidates = {other for word in rarest for other in holders[word]}
        if any(claims[other].speaker.name != speaker and len(own & words[other]) >= need for other in candidates):
            out.add(number)
    return out


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


@dataclass(frozen=True)
class FlagText:
    """A flag in plain words (data/flags.json): a label for lists, a one-sentence explanation,
    and the clause the scrutiny line uses for one claim and for several."""

    label: str
    explanation: str
    line: dict[str, str] | None = None


@cache
def flag_texts() -> dict[str, FlagText]:
    return {flag: FlagText(**fields) for flag, fields in load_data("flags.json").items() if not flag.startswith("_")}


def flag_label(flag: str) -> str:
    return flag_texts()[flag].label


def flag_explanation(flag: str) -> str:
    return flag_texts()[flag].explanation


MAX_LINE_WORDS = 60
MAX_DESCRIPTION_WORDS = 8  # a longer role is left to the claims list
MAX_LISTED = 3  # channels or numbers named in the line
NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
# the order in which cautions earn a place in the line
CAUTION_ORDER = ["unverified", "intent_not_action", "unnamed_source", "vague_quantity"]


def scrutiny_line(claims: list[Claim], scrutiny: Scrutiny, doc: Doc) -> str:
    """A few short sentences a reader can act on, at most MAX_LINE_WORDS words: who the claims
    come from, through what, and what to be careful about. Every phrase is filled from claim
    fields; each caution's wording comes from data/flags.json."""
    if not claims:
        return "No attributed claims: everything in the article is the outlet's own narration."
    cautions = caution_clauses(claims, doc)
    versions = [compose(claims, scrutiny, cautions, describe) for describe in (True, False)]
    # the main source's role gives way when it would push out a caution that matters more
    return max(versions, key=lambda version: version[1])[0]


def compose(claims: list[Claim], scrutiny: Scrutiny, cautions: list[str], describe: bool) -> tuple[str, list[bool]]:
    """The line, and which cautions (in order of importance) it has room for."""
    line = sources_sentence(claims, scrutiny, describe)
    if scrutiny.channels:
        line += " " + channels_sentence(claims)
    kept: list[str] = []
    for clause in cautions:
        if word_count(line) + word_count("; ".join([*kept, clause])) <= MAX_LINE_WORDS:
            kept.append(clause)
    if kept:
        text = "; ".join(kept)
        line += " " + text[:1].upper() + text[1:] + "."
    return line, [clause in kept for clause in cautions]


def sources_sentence(claims: list[Claim], scrutiny: Scrutiny, describe: bool) -> str:
    counts = Counter(c.speaker.name for c in claims)
    top = next(c.speaker for c in claims if c.speaker.name == scrutiny.top_source)
    who = top.name
    if describe and top.description and word_count(top.description) <= MAX_DESCRIPTION_WORDS:
        who += f" ({top.description})"
    if any("interested_source" in c.flags for c in claims if c.speaker.name == top.name):
        who += ", an interested party"
    n, k = len(claims), counts[top.name]
    if n == 1:
        return f"The article's one claim comes from {who}."
    if len(counts) == 1:
        return f"{'Both' if n == 2 else f'All {n}'} claims come from one source, {who}."
    if len(counts) == 2:
        other = next(name for name in counts if name != top.name)
        return (f"The article's {n} claims come from two sources: {number(k)} from {who} "
                f"and {number(n - k)} from {other}.")
    if 2 * k > n:
        return (f"One source, {who}, makes {k} of the article's {n} claims; "
                f"{number(len(counts) - 1)} others make the rest.")
    if k == 1:
        return f"The article's {n} claims come from {n} different sources."
    return f"The article's {n} claims come from {len(counts)} sources; the most quoted, {who}, makes {number(k)}."


def channels_sentence(claims: list[Claim]) -> str:
    channels = list(dict.fromkeys(c.channel for c in claims if c.channel))
    through = sum(1 for c in claims if c.channel)
    if len(claims) == 1:
        subject = "It was"
    elif through == len(claims):
        subject = "Both were" if through == 2 else "All were"
    else:
        count = number(through)
        verb = "was" if through == 1 else "were"
        subject = f"{count.capitalize()} {verb}" if count.isalpha() else f"Of them, {count} were"
    return f"{subject} made via {listing(channels)}."


def caution_clauses(claims: list[Claim], doc: Doc) -> list[str]:
    texts = flag_texts()
    flagged = {flag: [c for c in claims if flag in c.flags] for flag in CAUTION_ORDER}
    clauses = []
    for flag in CAUTION_ORDER:
        these = flagged[flag]
        line = texts[flag].line
        if not these or line is None:
            continue
        if flag in {"vague_quantity", "intent_not_action"}:
            if flag == "intent_not_action":
                numbers = list(dict.fromkeys(q for c in these for q in head_counts(doc, c)))
            else:  # a vague count of intent is already explained by the clause above
                intents = {q.text for c in flagged["intent_not_action"] for q in c.quantities}
                numbers = list(dict.fromkeys(q.text for c in these for q in c.quantities
                                             if q.vague and q.text not in intents))
            if numbers:
                quoted = listing([f"“{q}”" for q in numbers])
                clauses.append(line["one" if len(numbers) == 1 else "many"].format(numbers=quoted))
            continue
        clauses.append(line["one" if len(these) == 1 else "many"].format(claims=claims_count(len(these), len(claims))))
    return clauses


def claims_count(k: int, n: int) -> str:
    """'the claim', 'both claims', 'all 5 claims', 'one claim', '3 claims'."""
    if k == n:
        return "the claim" if n == 1 else "both claims" if n == 2 else f"all {n} claims"
    return f"{number(k)} claim{'' if k == 1 else 's'}"


def listing(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C', 'A, B, C and 2 more'."""
    if len(items) > MAX_LISTED:
        items = [*items[:MAX_LISTED], f"{len(items) - MAX_LISTED} more"]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def number(n: int) -> str:
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def word_count(text: str) -> int:
    return len(text.split())
