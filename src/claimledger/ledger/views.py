"""What the ledger reads from one stored claim, computed once: its content words as stems
(numbers left out: they are compared as ranges), the same per sentence, its main figure with
the words that say what is counted, its source's name, and the outlets its paragraph names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

import snowballstemmer
from unidecode import unidecode

from claimledger.ledger.names import SpeakerName, speaker_name
from claimledger.quantities import find_quantities, measures
from claimledger.records import StoredClaim
from claimledger.text import STOPWORDS
from claimledger.text import words as tokens

# Beyond the shared stop-words: pronouns and determiners that two wordings of one claim do not
# need to share ('our cheese' / 'the cheeses'), and reporting words.
LEDGER_STOPWORDS = STOPWORDS | frozenset(
    "our us them him my me your its any all some such those this one ones being do does did has have having "
    "according added adding stated statement saying".split())
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’]?\s+(?=[\"'“‘]?[A-Z])")
CLAUSE_END = re.compile(r"[,;:.!?()\"“”]")
NOUN_WINDOW = 3  # content words after a figure that say what it counts: '46 Ukrainian drones'
NEGATION = re.compile(r"\b(?:no|not|never|none|nobody|nothing|neither|nor|cannot|without)\b|n['’]t\b", re.IGNORECASE)
CONTRAST = re.compile(r",\s*(?:but\s+)?not\b|\bnot only\b", re.IGNORECASE)
NAME_WORD = re.compile(r"\b[A-Z][\w'’-]*")
CAPITALISED = re.compile(r"\b(?:[A-Z][\w&'’-]*|of|the|for|and)(?:\s+(?:[A-Z][\w&'’-]*|of|the|for|and))*")


@dataclass(frozen=True)
class Figure:
    """A claim's main number as a range, with the words that say what it counts."""

    text: str
    low: int | float
    high: int | float | None  # None: unbounded ('more than 20,000')
    unit: str | None
    counted: frozenset[str]  # stems of the words after the number: '46 Ukrainian drones' -> {ukrainian, drone}

    @property
    def bounded(self) -> bool:
        return self.high is not None


@dataclass(frozen=True)
class ClaimView:
    claim: StoredClaim
    stems: frozenset[str]
    sentences: tuple[frozenset[str], ...]  # per sentence, when the claim has more than one
    figure: Figure | None
    speaker: SpeakerName
    names: frozenset[str] = frozenset()  # stems of capitalised words inside sentences: 'Harbour Blue', 'Bryansk'
    negated: bool = False  # the wording denies: 'found no dangerous levels', 'was not aware'
    sentences_negated: tuple[bool, ...] = ()  # the same per sentence, beside `sentences`

    @property
    def article(self) -> str:
        return self.claim.article_id

    @property
    def headline(self) -> bool:
        return self.claim.headline

    @cached_property
    def outlets_named(self) -> frozenset[str]:
        """Capitalised names in the paragraph and channel, folded and joined: only provenance
        reads them, so they are found when first asked for (an update at ingest makes views of
        many candidates it never describes)."""
        return outlet_keys(f"{self.claim.context} {self.claim.channel or ''}")


@cache
def stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


@cache
def stem(word: str) -> str:
    return stemmer().stemWord(word)


def content_stems(text: str) -> frozenset[str]:
    """Stems of the content words of `text`, without numbers, stop-words and lone digits."""
    return frozenset(stem(w) for w in tokens(unidecode(text)) if w not in LEDGER_STOPWORDS and not w.isdigit()
                     and len(w) > 1)


def without_numbers(text: str) -> tuple[str, Figure | None]:
    """`text` with its quantity phrases blanked out, and the first of them as a Figure."""
    mentions = find_quantities(text)
    figure = None
    if mentions:
        # 'One fire ... forced thousands from their homes': a lone 'one' is seldom the figure
        first = next((m for m in mentions if not m.quantity.low == m.quantity.high == 1), mentions[0])
        after = CLAUSE_END.split(text[first.end:], maxsplit=1)[0]
        counted = [stem(w) for w in tokens(unidecode(after)) if w not in LEDGER_STOPWORDS and not w.isdigit()]
        q = first.quantity
        if q.unit in measures():  # '3,000 hectares of forest': the measure is part of the figure's text
            counted.insert(0, q.unit.lower())
        figure = Figure(text=q.text, low=q.low if q.low is not None else 0, high=q.high, unit=q.unit,
                        counted=frozenset(counted[:NOUN_WINDOW]))
    for mention in reversed(mentions):
        text = text[: mention.start] + " " + text[mention.end :]
    return text, figure


def outlet_keys(text: str) -> frozenset[str]:
    """Capitalised names in `text`, folded and joined: 'the Port Averill Sentinel' -> 'portaverillsentinel'.
    Acronyms stay as they are ('CWS' -> 'cws')."""
    keys = set()
    for match in CAPITALISED.finditer(text):
        words = [w for w in re.findall(r"[A-Za-z]+", unidecode(match.group(0).replace("’s", "").replace("'s", "")))
                 if w.lower() not in {"of", "the", "for", "and", "s"}]
        for start in range(len(words)):  # every tail too: 'Radio Norrland' in 'Ekdahl told Radio Norrland'
            if words[start][:1].isupper():
                keys.add("".join(words[start:]).lower())
    return frozenset(k for k in keys if len(k) >= 3)


def denies(text: str) -> bool:
    """Whether the wording denies ('found no dangerous levels', 'was not aware'); a contrast
    ('in the yard, not inside the plant') is not a denial."""
    return bool(NEGATION.search(CONTRAST.sub(" ", text)))


def name_stems(text: str) -> frozenset[str]:
    """Stems of the capitalised words that do not open a sentence: the names in a wording."""
    names = set()
    for match in NAME_WORD.finditer(text):
        before = text[: match.start()].rstrip(" \"'“‘(")
        if before and before[-1] not in ".!?:":
            names.update(stem(w) for w in tokens(unidecode(match.group(0))))
    return frozenset(names)


def claim_view(claim: StoredClaim) -> ClaimView:
    masked, figure = without_numbers(claim.content)
    sentences = [s for s in SENTENCE_END.split(masked) if s.strip()]
    per_sentence = tuple(content_stems(s) for s in sentences) if len(sentences) > 1 else ()
    negations = tuple(denies(s) for s in sentences) if len(sentences) > 1 else ()
    return ClaimView(
        claim=claim, stems=content_stems(masked), sentences=per_sentence, figure=figure,
        speaker=speaker_name(claim.speaker, claim.speaker_kind, claim.speaker_description),
        names=frozenset() if claim.headline else name_stems(masked),  # a headline capitalises every word
        negated=denies(masked), sentences_negated=negations,
    )
