"""The analysis document: the one typed contract between claimledger's stages and its users.

Every stage returns pieces of this document, the CLI and (later) the API print it, and
`schema/analysis-1.json` is generated from these models (a test keeps the two in step).
All spans are character offsets into `article.text`, end exclusive, so `text[start:end]`
is the span's text.
"""

from __future__ import annotations

import json
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION: Final = "1"

# a document speaks for itself: "a draft decision seen by this newspaper says ...", "the memo warns ..."
SpeakerKind = Literal["named", "unnamed", "organization", "document"]
QuoteType = Literal["direct", "indirect", "mixed", "according_to"]
Modality = Literal["actual", "negated", "intended", "predicted", "possible"]
Flag = Literal[
    "single_source",
    "unnamed_source",
    "interested_source",
    "vague_quantity",
    "unverified",
    "intent_not_action",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """A half-open character range [start, end) in `article.text`."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class TextSpan(Span):
    text: str


class RemovedChrome(_Model):
    """A line the chrome cleaner dropped, kept so a user can audit the cleaner."""

    text: str
    reason: str


class Article(_Model):
    id: str = Field(description="sha256 of the article URL (when there is one) and the clean body text, "
                                "first 16 hex digits")
    source: str = Field(description="path, URL or '-' for stdin")
    title: str | None
    site: str | None
    author: str | None
    published: str | None = Field(description="ISO 8601 date or date-time")
    language: str | None = Field(description="ISO 639-1 code of the body language, when detected")
    text: str = Field(description="the clean body, paragraphs separated by one blank line")
    paragraphs: list[Span]
    removed_chrome: list[RemovedChrome] = []


class SummarySentence(TextSpan):
    edited: bool = Field(False, description="true when a pronoun or role noun was replaced by the speaker's name")
    original: str | None = Field(None, description="the sentence as the article has it, when edited")


class Summary(_Model):
    sentences: list[SummarySentence] = []
    scrutiny: str = ""


class Speaker(_Model):
    name: str = Field(description="the resolved source, e.g. 'Vladimir Rogov' even where the text says 'He'")
    mention: str = Field(description="how the claim's sentence refers to the source")
    kind: SpeakerKind
    description: str | None = Field(None, description="role or apposition, e.g. "
                                             "'the figure steering the ... initiative'")


class Quantity(_Model):
    text: str
    low: int | float | None = Field(description="lower bound of the plausible reading")
    high: int | float | None = Field(description="upper bound; null means unbounded")
    unit: str | None = None
    vague: bool = Field(False, description="true for words like 'several dozen' or 'thousands'")


class Place(_Model):
    text: str
    iso: list[str] = Field(description="ISO 3166-1 alpha-2 codes; empty for a region without fixed membership")


class Claim(_Model):
    id: str
    speaker: Speaker
    cue: TextSpan
    content: TextSpan
    quote: QuoteType
    channel: str | None = Field(None, description="medium of the statement, e.g. 'TASS' or 'a statement'")
    inner_source: str | None = Field(None, description="a source the speaker cites in turn (nested attribution)")
    modality: Modality
    quantities: list[Quantity] = []
    places: list[Place] = []
    flags: list[Flag] = []


class Entity(TextSpan):
    label: str


class Scrutiny(_Model):
    """Article-level counts behind the one-line scrutiny note."""

    claims: int = 0
    sources: int = Field(0, description="distinct resolved speakers")
    top_source: str | None = None
    top_source_share: float = Field(0.0, description="share of claims from the most frequent speaker")
    channels: list[str] = []
    flag_counts: dict[str, int] = {}


class AnalysisDocument(_Model):
    schema_version: Literal["1"] = SCHEMA_VERSION
    generator: str = Field(description="claimledger version that produced the document")
    article: Article
    summary: Summary = Summary()
    claims: list[Claim] = []
    places: list[Place] = []
    entities: list[Entity] = []
    scrutiny: Scrutiny = Scrutiny()
    warnings: list[str] = Field([], description="conditions a reader should know, e.g. a non-English body")


def json_schema() -> dict:
    """The JSON Schema of the analysis document, as committed in schema/analysis-1.json."""
    schema = AnalysisDocument.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://claimledger.org/schema/analysis-{SCHEMA_VERSION}.json"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, sort_keys=True) + "\n"
