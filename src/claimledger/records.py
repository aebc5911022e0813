"""The records that cross module boundaries on the corpus side: what the store returns, what
the ledger takes and gives back, and what the web, the CLI tables and the exports read.

They live here, not in `store.py` or `ledger.py`, so that no stage imports another stage for
its types (the ledger takes `StoredClaim`s without knowing there is a database), and so that
every `/api/v1` response is described by one of these models. Field names and order are the
JSON the API has always returned.
"""

from __future__ import annotations

from datetime import datetime
from typing import Generic, TypeVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from claimledger.document import Flag, Modality, Place, Quantity, QuoteType, Span, SpeakerKind


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ArticleListItem(_Record):
    """One line of an article list: enough to link to the article and show where it is from."""

    id: str
    title: str | None
    site: str | None
    published: str | None
    language: str | None = None  # ISO 639-1 code of the body, when detected


class Neighbours(_Record):
    """The articles just before and just after one article in publication order."""

    previous: ArticleListItem | None
    following: ArticleListItem | None


class StoredClaim(_Record):
    """A stored claim with the article facts the ledger, the CLI and the exports need."""

    id: str  # '<article id>-<claim id>'
    article_id: str
    speaker: str
    speaker_kind: SpeakerKind
    content: str
    quote: QuoteType
    modality: Modality
    channel: str | None
    flags: list[Flag]
    quantities: list[Quantity]
    places: list[Place]
    site: str | None
    published: str | None  # as the article gives it, for display
    sequence: int  # ingestion order, the tie-break between articles published at the same time
    title: str | None
    source: str
    context: str  # the paragraph around the claim
    language: str | None = None  # the article's ISO 639-1 code, when detected
    published_at: AwareDatetime | None = None  # `published` as an instant in UTC: what orders appearances
    speaker_description: str | None = None  # role or apposition: 'chief executive of Quill Creek Dairy'
    headline: bool = False  # the claim is the article's headline, not a sentence of its body


class SpeakerCount(_Record):
    id: int  # the speaker's address: /speaker/{id}; names may hold any character
    name: str
    kind: SpeakerKind
    claims: int


class SpeakerRef(_Record):
    """A speaker as the store knows it: one row per name and kind."""

    id: int
    name: str
    kind: SpeakerKind


class SearchHit(_Record):
    id: str
    title: str | None
    site: str | None
    published: str | None
    snippet: str  # plain text around the match
    highlights: list[Span] = Field(description="the matching words, as character ranges of the snippet")
    language: str | None = None  # the article's ISO 639-1 code, when detected


class ArticleTally(_Record):
    """How many claims an article has, and how many of them carry a flag."""

    claims: int
    flagged: int


class LedgerLink(_Record):
    """Where a claim stands in the ledger: its entry and what the entry says about it."""

    entry_id: str
    appearances: int
    origins: int
    drift: bool


class StoryLink(_Record):
    """An article that holds an appearance of a ledger entry seen in more than one article."""

    entry_id: str
    article_id: str
    origins: int  # the entry's independent origins


class ArticleIndexItem(ArticleListItem):
    """An article list item with its place in publication order."""

    sort_key: str
    sequence: int


T = TypeVar("T")


class Page(_Record, Generic[T]):
    """One page of a list: the items, how many there are in all, and where the page starts."""

    items: list[T]
    total: int
    limit: int
    offset: int


class CorpusCounts(_Record):
    articles: int
    claims: int
    speakers: int
    ledger: int


# -- the claim ledger -------------------------------------------------------------------------


class NumberRange(_Record):
    """The range one appearance gives for the claim's first number."""

    text: str
    low: int | float | None
    high: int | float | None  # None: unbounded


class Appearance(_Record):
    """One article's wording of a ledger claim, where it was copied from, and why."""

    claim_id: str
    article_id: str
    site: str | None
    published: str | None  # as the article gives it
    title: str | None
    url: str | None
    speaker: str
    quote: QuoteType
    channel: str | None
    content: str
    origin_claim_id: str  # the first appearance of the copy chain this one belongs to (itself if independent)
    copied_from: str | None  # the claim this one reprints, None for an origin
    number: NumberRange | None
    published_at: datetime | None = None  # the instant in UTC that orders the appearances
    undated: bool = False  # no publication time: placed after the dated appearances, in ingestion order
    headline: bool = False  # the article's headline states the claim
    provenance: str = ""  # why this is a copy of `copied_from`, or why it is an origin of its own
    matched: str = ""  # why it belongs to this entry: the pairwise decision that brought it in
    speaker_disagreement: str | None = None  # set when it joined although its speaker differs


class ChainLink(_Record):
    article_id: str
    site: str | None


class FirstAppearance(_Record):
    article_id: str
    site: str | None
    published: str | None
    title: str | None
    published_at: datetime | None = None


class LedgerEntry(_Record):
    """One claim across the corpus, as the ledger builds it: canonical wording, every
    appearance with its origin, the copy chains, and whether the numbers drift."""

    id: str  # the first appearance's claim id: the same across re-ingests and rebuilds
    canonical: str
    speakers: list[str]
    first_claim_id: str
    appearances: int  # the articles it appears in (a headline and the body of one article are one)
    origins: int  # independent sources: reprints of one story count once
    drift: bool  # two appearances give number ranges that cannot both be right
    appearance_list: list[Appearance]  # every appearance, headlines included, in time order
    copy_chains: list[list[ChainLink]]
    first_appearance: FirstAppearance

    def by_article(self) -> list[Appearance]:
        """One appearance per article, in time order: the body's wording, or the headline's
        when only the headline states the claim; a copy of a headline is shown as a copy of that
        article's appearance. What the reader's timeline, drift chart and exports show."""
        chosen: dict[str, Appearance] = {}
        for a in self.appearance_list:
            if a.article_id not in chosen or (chosen[a.article_id].headline and not a.headline):
                chosen[a.article_id] = a
        shown = {a.claim_id: a.article_id for a in self.appearance_list}
        out = []
        for a in sorted(chosen.values(), key=self.appearance_list.index):
            source = chosen[shown[a.copied_from]].claim_id if a.copied_from in shown else a.copied_from
            out.append(a if source == a.copied_from else a.model_copy(update={"copied_from": source}))
        return out


class EntryCharts(_Record):
    """A ledger entry's charts as inline SVG, each with the text that says what it shows."""

    timeline: str
    timeline_text: str
    drift: str | None  # None: no appearance gives a number
    drift_text: str | None


class StoredLedgerEntry(LedgerEntry):
    """A ledger entry as the store returns it: its `id` is its address (/ledger/<id>, the
    JSON-LD '#cluster-<id>')."""
