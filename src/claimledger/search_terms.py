"""Words for full-text search in English and Russian, the same on SQLite as on PostgreSQL.

PostgreSQL stems each article with its own text-search configuration (`russian` for Russian
rows, `english` for the rest), both Snowball stemmers. SQLite's FTS5 has only the Porter
(English) stemmer, which leaves Cyrillic words as they are; so a Russian article's index row
also holds the Snowball Russian stems of its Cyrillic words (`russian_stems`), made with the
`snowballstemmer` package (the Snowball project's own Python build of the same algorithms
PostgreSQL runs), and a Cyrillic query word is looked up both as written and as its stem
(`fts_query`). 'министра' then finds 'министр', 'министру' and 'министры'; 'ёлка' finds
'елка' (Snowball folds ё to е). English words go through FTS5's Porter stemmer as before.

FTS5 can only mark matches it found in the column it quotes, so a Russian hit's snippet is
cut here (`stem_snippet`), by the same stems.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"\w+")
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
SNIPPET_WORDS = 12  # as FTS5's snippet(..., 12) for English hits
ELLIPSIS = " … "


@lru_cache(maxsize=1)
def _russian() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("russian")


@lru_cache(maxsize=1)
def _porter() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("porter")  # the algorithm FTS5's `porter` tokenizer runs


def russian_stem(word: str) -> str:
    return _russian().stemWord(word.lower())


def russian_stems(text: str) -> str:
    """The Snowball Russian stems of the Cyrillic words of `text`, space-separated, for the
    SQLite index of a Russian article."""
    words = [w.lower() for w in WORD.findall(text) if CYRILLIC.search(w)]
    return " ".join(_russian().stemWords(words))


def padded_stems(text: str | None) -> str:
    """' stem stem ... ': the Russian stems of `text` between spaces, so that a stem can be
    looked for as a whole word (SQLite's ru_stems function, for claim search)."""
    return f" {russian_stems(text or '')} "


def fts_query(query: str) -> str:
    """User words as an FTS5 query of quoted terms (so 'Rogov's "we are"' cannot break the
    syntax); a Cyrillic word matches as written or by its Russian stem."""
    terms = []
    for word in query.replace('"', " ").split():
        if CYRILLIC.search(word) and (stem := russian_stem(word)) != word.lower():
            terms.append(f'("{word}" OR "{stem}")')
        else:
            terms.append(f'"{word}"')
    return " AND ".join(terms) or '""'


def _key(word: str) -> str:
    lowered = word.lower()
    return russian_stem(lowered) if CYRILLIC.search(lowered) else _porter().stemWord(lowered)


def stem_snippet(text: str, query: str, start_mark: str, end_mark: str, words: int = SNIPPET_WORDS) -> str:
    """The `words`-word stretch of `text` holding the most words of `query` (compared by stem),
    with `start_mark`/`end_mark` around each, and an ellipsis where the text goes on."""
    wanted = {_key(w) for w in WORD.findall(query)}
    spans = [(m.start(), m.end(), _key(m.group()) in wanted) for m in WORD.finditer(text)]
    if not spans:
        return text
    hits = [int(hit) for _s, _e, hit in spans]
    window = min(words, len(spans))
    best, best_count, count = 0, sum(hits[:window]), sum(hits[:window])
    for first in range(1, len(spans) - window + 1):
        count += hits[first + window - 1] - hits[first - 1]
        if count > best_count:
            best, best_count = first, count
    chosen = spans[best : best + window]
    pieces = [ELLIPSIS] if best > 0 else []
    cursor = chosen[0][0] if best > 0 else 0
    for start, end, hit in chosen:
        pieces.append(text[cursor:start])
        pieces.append(f"{start_mark}{text[start:end]}{end_mark}" if hit else text[start:end])
        cursor = end
    if best + window < len(spans):
        pieces.append(ELLIPSIS)
    else:
        pieces.append(text[cursor:])
    return "".join(pieces)
