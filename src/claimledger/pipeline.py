"""The analysis pipeline: only the order of the stages lives here.

1. inputs    read a path, URL or stdin into decoded text        (I/O edge)
2. extract   HTML/text -> title, metadata, clean paragraphs
3. nlp       one spaCy parse of the clean body (long bodies in parts, joined)
4. claims    reported speech -> speaker, cue, content, quote type, channel, modality
5. quantities / places   ranges and ISO codes for each claim and the article
6. scrutiny  per-claim flags and the article's source counts
7. summarize attributed extractive summary and the scrutiny line

`analyze_parsed` takes an already parsed Doc so the batch path can feed it from
`nlp.pipe`; the sequential path (`analyze_source`) calls the same function.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from spacy.tokens import Doc

from claimledger import __version__, errors
from claimledger.claims import ClaimDraft
from claimledger.corpus import CorpusFailure, CorpusItem
from claimledger.document import AnalysisDocument, Article, Claim, Entity, Span, Summary, TextSpan
from claimledger.errors import InputError
from claimledger.extract import ExtractedArticle, extract
from claimledger.inputs import FETCH_TIMEOUT_SECONDS, RawDocument, read_source
from claimledger.languages import FrontEnd, front_end, language_of, supported_names
from claimledger.limits import MAX_ARTICLE_CHARS
from claimledger.nlp import PARAGRAPH_BREAK, parse, parse_many
from claimledger.places import PlaceMention, places_in, unique_places
from claimledger.scrutiny import article_scrutiny, flag_claims, scrutiny_line
from claimledger.summarize import DEFAULT_SENTENCES, summarize

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW"}
NOT_ANALYSED = "not_english"  # the warning's code, kept from when only English was analysed


@dataclass(frozen=True)
class AnalysisSettings:
    """Options shared by the CLI, the batch runner and Python callers."""

    summary_sentences: int = DEFAULT_SENTENCES
    allow_private: bool = False
    fetch_timeout: float = FETCH_TIMEOUT_SECONDS
    summary_words: int | None = None  # a word budget for the summary, within the sentence count


def analyze_source(source: str, settings: AnalysisSettings = AnalysisSettings()) -> AnalysisDocument:
    raw = read_source(source, allow_private=settings.allow_private, timeout=settings.fetch_timeout)
    return analyze_raw(raw, settings)


def analyze_raw(raw: RawDocument, settings: AnalysisSettings = AnalysisSettings()) -> AnalysisDocument:
    article = build_article(extract(raw), raw.url or raw.source)
    language = language_of(article.language)
    if language is None:
        return not_analyzed(article)
    return analyze_parsed(article, front_end(language).parse(article.text), settings)


def not_analyzed(article: Article) -> AnalysisDocument:
    return AnalysisDocument(generator=__version__, article=article, warnings=[
        f"{NOT_ANALYSED}: body language is '{article.language}'; only {supported_names()} are analysed"])


@dataclass(frozen=True)
class Outcome:
    """One article's result in a stream: a document, the reason there is none, or that it
    was already known (then it is not analysed again)."""

    source: str
    document: AnalysisDocument | None = None
    error: str | None = None
    known: bool = False


def prepare(item: CorpusItem) -> Article:
    """Extract one corpus item; metadata the corpus supplies (JSONL fields, feed entries) wins."""
    extracted = extract(item.raw)
    extracted.title = item.title or extracted.title
    extracted.published = item.published or extracted.published
    extracted.site = item.site or extracted.site
    return build_article(extracted, item.raw.url or item.raw.source)


def batched(items: Iterable, size: int) -> Iterator[list]:
    """itertools.batched, which arrives only in Python 3.12."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def analyze_items(items: Iterable[CorpusItem | CorpusFailure], settings: AnalysisSettings = AnalysisSettings(),
                  batch_size: int = 32, is_known: Callable[[str], bool] | None = None) -> Iterator[Outcome]:
    """Analyse a stream lazily: extraction per item, one `nlp.pipe` call per batch. The same
    `analyze_parsed` as the single-article path, so both give identical documents.
    `is_known(article_id)` lets a store skip articles it already holds before parsing.
    One article that fails, even through a bug of ours, is one Outcome with its reason: the
    rest of the stream is still analysed."""
    for chunk in batched(items, batch_size):
        ready: list[Article] = []
        for item in chunk:
            if isinstance(item, CorpusFailure):
                yield Outcome(item.source, error=item.reason)
                continue
            try:
                article = prepare(item)
            except InputError as exc:
                yield Outcome(item.raw.source, error=exc.message)
                continue
            except Exception as exc:  # noqa: BLE001 (one bad record must not end the run)
                yield Outcome(item.raw.source, error=internal_error(exc))
                continue
            if is_known is not None and is_known(article.id):
                yield Outcome(article.source, known=True)
            elif is_english(article):
                ready.append(article)
            elif (language := language_of(article.language)) is not None:
                # natasha has no spaCy-style pipe; other languages are parsed one by one
                parse = front_end(language).parse
                yield analyze_one(article, lambda article=article, parse=parse: parse(article.text), settings)
            else:
                yield Outcome(article.source, document=not_analyzed(article))
        yield from analyze_batch(ready, settings, batch_size)


def analyze_batch(articles: list[Article], settings: AnalysisSettings, batch_size: int) -> Iterator[Outcome]:
    """`parse_many` (batched `nlp.pipe`, long texts in parts) over a batch; should it fail, the
    articles not yet done go one by one, so only the article at fault is lost."""
    done = 0
    try:
        for article, doc in zip(articles, parse_many([a.text for a in articles], batch_size=batch_size), strict=True):
            done += 1
            yield analyze_one(article, lambda doc=doc: doc, settings)
    except Exception:  # noqa: BLE001 (raised inside the parser, not by analyze_one)
        for article in articles[done:]:
            yield analyze_one(article, lambda article=article: parse(article.text), settings)


def analyze_one(article: Article, parse: Callable[[], Doc], settings: AnalysisSettings) -> Outcome:
    try:
        return Outcome(article.source, document=analyze_parsed(article, parse(), settings))
    except Exception as exc:  # noqa: BLE001
        return Outcome(article.source, error=internal_error(exc))


def internal_error(exc: Exception) -> str:
    return f"internal error: {type(exc).__name__}: {str(exc)[:200]} (please report this)"


def is_english(article: Article) -> bool:
    return article.language in {None, "en"}


def is_analysed(article: Article) -> bool:
    """Whether the article's language is one claimledger analyses."""
    return language_of(article.language) is not None


def build_article(extracted: ExtractedArticle, source: str) -> Article:
    """The article document of an extraction; raises InputError when its text is longer than
    the one limit every input path shares (`limits.MAX_ARTICLE_CHARS`)."""
    text = PARAGRAPH_BREAK.join(extracted.paragraphs)
    if len(text) > MAX_ARTICLE_CHARS:
        raise errors.too_long(source, len(text), MAX_ARTICLE_CHARS)
    spans, position = [], 0
    for paragraph in extracted.paragraphs:
        spans.append(Span(start=position, end=position + len(paragraph)))
        position += len(paragraph) + len(PARAGRAPH_BREAK)
    # the same words at another address are another appearance (a reprint); the same words
    # from the same place are the same article, so re-ingesting it changes nothing
    identity = f"{extracted.url}\n{text}" if extracted.url else text
    return Article(
        id=hashlib.sha256(identity.encode("utf-8")).hexdigest()[:16],
        source=source, title=extracted.title, site=extracted.site, author=extracted.author,
        published=extracted.published, language=extracted.language, text=text, paragraphs=spans,
        removed_chrome=extracted.removed,
    )


def analyze_parsed(article: Article, doc: Doc, settings: AnalysisSettings = AnalysisSettings()) -> AnalysisDocument:
    language = front_end(language_of(article.language) or "en")
    place_mentions = language.places(doc)
    text = article.text  # the same string as doc.text, which spaCy rebuilds on every access
    claims = [to_claim(i, draft, text, place_mentions, language) for i, draft in enumerate(language.claims(doc), 1)]
    flag_claims(claims, doc)
    scrutiny = article_scrutiny(claims)
    summary = Summary(sentences=summarize(doc, claims, settings.summary_sentences, settings.summary_words,
                                          attribute=language.attribute, language=language.code),
                      scrutiny=scrutiny_line(claims, scrutiny, doc))
    return AnalysisDocument(
        generator=__version__, article=article, summary=summary, claims=claims,
        places=unique_places(m.place for m in place_mentions), entities=entities_of(doc), scrutiny=scrutiny,
    )


def to_claim(number: int, draft: ClaimDraft, text: str, place_mentions: list[PlaceMention],
             language: FrontEnd) -> Claim:
    content = text[draft.start:draft.end]
    return Claim(
        id=f"c{number}",
        speaker=draft.speaker,
        cue=TextSpan(text=text[draft.cue_start:draft.cue_end], start=draft.cue_start, end=draft.cue_end),
        content=TextSpan(text=content, start=draft.start, end=draft.end),
        quote=draft.quote, channel=draft.channel, inner_source=draft.inner_source, modality=draft.modality,
        quantities=[m.quantity for m in language.quantities(content)],
        places=places_in(place_mentions, draft.start, draft.end),
    )


def entities_of(doc: Doc) -> list[Entity]:
    return [Entity(text=e.text, label=e.label_, start=e.start_char, end=e.end_char)
            for e in doc.ents if e.label_ in ENTITY_LABELS]
