"""The pairwise decision: are two appearances the same claim? A pure function of the two
claims (and of whether their articles are already known to be rewrites of one another), with
the reasons in words.

Evidence, strongest first:
- content: the share of the shorter wording's content words (stems, numbers left out) found in
  the longer, whole or sentence by sentence, so that a quote printed as one paragraph in one
  outlet and split into several claims in another still matches;
- figures: the main numbers' ranges overlap and count the same thing ('46 Ukrainian drones',
  'more than 40 aircraft-type drones'), or they cannot both be right;
- speakers: one source under several spellings, two different people, or not comparable;
- time: a claim repeated weeks later with other words is another statement.

A wrong speaker does not hide a match: a near-verbatim wording published within days joins
even when the speakers differ, and the decision says so. Figures that cannot both be right
keep two claims apart unless their articles are rewrites of one another (that is drift).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

from claimledger.ledger.names import SpeakerComparison, compare_speakers
from claimledger.ledger.views import ClaimView, Figure

# agree: the ranges overlap and count the same thing; conflict: they cannot both be right;
# consistent: two unbounded ranges ('more than 400', 'more than 500'), which overlap trivially;
# unrelated: the figures count different things; none: a side has no figure.
FigureAgreement = Literal["agree", "conflict", "consistent", "unrelated", "none"]

# Thresholds on `content` (share of the shorter wording's content words found in the other)
# and on `shared` (how many content words that is). Set on tests/corpus and the two ledger
# development corpora: rewrites of one claim by the same source share 0.5-1.0 of the shorter
# wording; different claims of one source in one story share at most 0.45 (and then only
# place names); paraphrases with a matching figure ('our crews brought down more than 40
# aircraft-type drones' / '... destroyed 46 Ukrainian aircraft-type unmanned aerial vehicles')
# share 0.25-0.35.
SAME_SOURCE = 0.5
SAME_SOURCE_WITH_FIGURE = 0.25
SAME_SOURCE_REWRITE = 0.4  # between articles that are rewrites of one another
OPEN_SOURCE = 0.6  # speakers not comparable (an organisation and a person, an unnamed source)
OPEN_SOURCE_WITH_FIGURE = 0.3  # ...with the same figure of the same thing ('nearly 300 stores')
NEAR_VERBATIM = 0.85  # joins even when the speakers differ...
NEAR_VERBATIM_WORDS = 6
NEAR_VERBATIM_DAYS = 7  # ...if published within a week of each other
MIN_SHARED = 3
MIN_SHARED_WITH_FIGURE = 2
MIN_SHARED_PLAIN = 2  # shared words that are not names: 'Harbour Blue' alone is not a claim
HEADLINE = 0.6  # a headline is short: 'no reports of illness'
HEADLINE_SHARED = 2
# A claim restated days later is another statement unless the same source says it in nearly
# the same words: a ministry's daily formula ('another attempt by the Kyiv regime ... has been
# thwarted') repeats its wording about each night's events.
LATE_DAYS = 5
# Order of merging: stronger decisions first. A claim is about its figure: a match on the same
# figure of the same thing goes before a match of the words around it.
FIGURE_STRENGTH = {"agree": 0.3, "consistent": 0.1, "unrelated": -0.15, "conflict": 0.0, "none": 0.0}
SAME_SPEAKER_BONUS = 0.1
ONE_SIDED_FIGURE = 0.15
WORD_BONUS = 0.02  # per shared word, up to ten: of two equally close wordings, the fuller match goes first


NOT_COMPARED = SpeakerComparison("unknown", "speakers not compared")


@dataclass(frozen=True)
class MatchDecision:
    """Whether two appearances are one claim, how strongly, and why."""

    same: bool
    strength: float  # the order in which accepted pairs are merged
    content: float
    shared: int
    speakers: SpeakerComparison
    figures: FigureAgreement
    reasons: tuple[str, ...] = field(default=())

    @property
    def speaker_disagreement(self) -> str | None:
        return self.speakers.reason if self.same and self.speakers.agreement == "different" else None

    def describe(self) -> str:
        return "; ".join(self.reasons)


class Worded(Protocol):
    """What `content_overlap` reads of an appearance: a ClaimView, or the stems the store keeps."""

    @property
    def stems(self) -> frozenset[str]: ...
    @property
    def sentences(self) -> tuple[frozenset[str], ...]: ...


@dataclass(frozen=True)
class Overlap:
    content: float  # share of the shorter wording's content words found in the other
    shared: int  # how many words that is
    parts: tuple[int, int] | None  # the best-matching pair of `part_stems`, None for the whole wordings


def part_stems(view: Worded) -> tuple[frozenset[str], ...]:
    """The claim's sentences, or the whole claim when it is one sentence."""
    return view.sentences or (view.stems,)


def denials(a: ClaimView, b: ClaimView, overlap: Overlap) -> tuple[bool, bool]:
    """Whether each side of the best-matching part (`overlap.parts`) denies."""
    if overlap.parts is None:
        return a.negated, b.negated
    x, y = overlap.parts
    return (a.sentences_negated or (a.negated,))[x], (b.sentences_negated or (b.negated,))[y]


def content_overlap(a: Worded, b: Worded) -> Overlap:
    """The share of the shorter wording's content words found in the other, whole or for the
    best pair of sentences (of three words or more), and how many words that is."""
    small = min(len(a.stems), len(b.stems))
    whole = len(a.stems & b.stems)
    best = Overlap(whole / small if small else 0.0, whole, None)
    for x, x_stems in enumerate(part_stems(a)):
        for y, y_stems in enumerate(part_stems(b)):
            small = min(len(x_stems), len(y_stems))
            if small < MIN_SHARED or not (shared := len(x_stems & y_stems)):
                continue
            if (shared / small, shared) >= (best.content, best.shared):  # a sentence pair says more than the whole
                best = Overlap(shared / small, shared, (x, y))
    return best


def below_every_bar(overlap: Overlap, headline: bool, figures: FigureAgreement | None = None) -> bool:
    """Whether two wordings share too little for any decision to accept them (between articles
    not known to be rewrites), whatever their speakers, dates or articles; `figures`: how their
    figures agree, when known: without the same figure the bars are higher (a headline has bars
    of its own)."""
    if figures is not None and figures != "agree":
        return overlap.content < (HEADLINE if headline else SAME_SOURCE)
    return overlap.content < SAME_SOURCE_WITH_FIGURE and not headline


def compare_figures(a: Figure | None, b: Figure | None) -> tuple[FigureAgreement, str]:
    if a is None or b is None:
        return "none", ""
    if (a.unit in {"percent", "share"}) != (b.unit in {"percent", "share"}):
        return "unrelated", ""
    if a.counted and b.counted and not a.counted & b.counted:
        return "unrelated", ""  # they count different things
    a_high = float("inf") if a.high is None else a.high
    b_high = float("inf") if b.high is None else b.high
    if a.low > b_high or b.low > a_high:
        return "conflict", f"figures cannot both be right ({a.text} / {b.text})"
    if not a.bounded and not b.bounded:
        return "consistent", ""  # 'more than 100' and 'more than 100' agree with almost anything
    counted = f", both count {'/'.join(sorted(a.counted & b.counted))}" if a.counted & b.counted else ""
    return "agree", f"figures agree ({a.text} / {b.text}{counted})"


def days_apart(a: ClaimView, b: ClaimView) -> float | None:
    if a.claim.published_at is None or b.claim.published_at is None:
        return None
    return abs((a.claim.published_at - b.claim.published_at).total_seconds()) / 86400


def barrier(a: ClaimView, b: ClaimView, figures: FigureAgreement, denial: tuple[bool, bool],
            rewrites: bool = False) -> str | None:
    """What keeps two appearances apart however close their wording or meaning: they are two
    claims of one article, one denies what the other asserts, or their figures cannot both be
    right outside a rewrite of one story."""
    if a.article == b.article and not (a.claim.headline or b.claim.headline):
        return "two claims of one article"
    if denial[0] != denial[1]:
        return "one wording denies what the other asserts: a contradiction, not the same claim"
    if figures == "conflict" and not rewrites:
        return "different figures in articles that are not rewrites of one another"
    return None


def match(a: ClaimView, b: ClaimView, *, rewrites: bool = False) -> MatchDecision:
    """Are `a` and `b` the same claim? `rewrites`: their articles are known to be rewrites of
    one another (they share other claims word for word), which lowers the bar for the rest."""
    if a.claim.language and b.claim.language and a.claim.language != b.claim.language:
        # words, stems and names are compared as written, which only means something within one
        # language; a translation is a relay the ledger cannot yet see
        return MatchDecision(False, 0.0, 0.0, 0, NOT_COMPARED, "none",
                             (f"written in different languages ({a.claim.language}, {b.claim.language})",
                              "the ledger compares claims within one language"))
    overlap = content_overlap(a, b)
    content, shared = overlap.content, overlap.shared
    headline = a.claim.headline or b.claim.headline
    if below_every_bar(overlap, headline):  # no need to compare the rest
        return MatchDecision(False, 0.0, content, shared, NOT_COMPARED, "none",
                             (f"{shared} content words shared ({content:.0%} of the shorter wording)",
                              "too little in common"))
    speakers = compare_speakers(a.speaker, b.speaker)
    figures, figure_reason = compare_figures(a.figure, b.figure)
    days = days_apart(a, b)
    words = f"{shared} content words shared ({content:.0%} of the shorter wording)"
    reasons = [r for r in (speakers.reason, words, figure_reason) if r]

    def decide(same: bool, why: str) -> MatchDecision:
        strength = 0.0
        if same:
            strength = content + FIGURE_STRENGTH[figures] + SAME_SPEAKER_BONUS * (speakers.agreement == "same") \
                + WORD_BONUS * min(shared, 10)
            strength -= ONE_SIDED_FIGURE * ((a.figure is None) != (b.figure is None))
        return MatchDecision(same, strength, content, shared, speakers, figures, tuple([*reasons, why]))

    if (blocked := barrier(a, b, figures, denials(a, b, overlap), rewrites)) is not None:
        return decide(False, blocked)
    if len((a.stems & b.stems) - a.names - b.names) < MIN_SHARED_PLAIN:
        return decide(False, "only names in common")
    if speakers.agreement == "different":
        late = days is not None and days > NEAR_VERBATIM_DAYS
        if content >= NEAR_VERBATIM and shared >= NEAR_VERBATIM_WORDS and not late and figures != "conflict":
            return decide(True, "near-verbatim wording within days: joined despite the speakers")
        return decide(False, "different speakers")
    agreed = speakers.agreement in {"same", "compatible"}
    verbatim = content >= NEAR_VERBATIM and shared >= NEAR_VERBATIM_WORDS
    if days is not None and days > LATE_DAYS and not (agreed and verbatim):
        return decide(False, f"{days:.0f} days apart without the same source and wording")
    if headline:
        if (content >= HEADLINE and shared >= HEADLINE_SHARED) or (figures == "agree" and shared >= HEADLINE_SHARED):
            return decide(True, "a headline stating the claim")
        return decide(False, "headline does not state this claim")
    if agreed:
        if content >= SAME_SOURCE and shared >= MIN_SHARED:
            return decide(True, "same source, same wording")
        if figures == "agree" and content >= SAME_SOURCE_WITH_FIGURE and shared >= MIN_SHARED_WITH_FIGURE:
            return decide(True, "same source, same figure")
        if rewrites and content >= SAME_SOURCE_REWRITE and shared >= MIN_SHARED:
            return decide(True, "same source in rewrites of one story")
        return decide(False, "too little in common")
    if content >= OPEN_SOURCE and shared >= MIN_SHARED:
        return decide(True, "same wording")
    if figures == "agree" and a.figure and b.figure and a.figure.counted & b.figure.counted \
            and content >= OPEN_SOURCE_WITH_FIGURE and shared >= MIN_SHARED_WITH_FIGURE:
        return decide(True, "the same figure of the same thing")
    if rewrites and content >= SAME_SOURCE and shared >= MIN_SHARED:
        return decide(True, "same wording in rewrites of one story")
    return decide(False, "too little in common")
