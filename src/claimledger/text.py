"""Words in plain text, shared by the stages that compare claims without a parse (scrutiny's
corroboration, the ledger's clustering): one tokeniser, one stop-word list, and how a
person's name gives their surname."""

from __future__ import annotations

import re

# Lower-case letters and digits; '<' and '>' keep the ledger's number mask '<num>' whole.
WORD = re.compile(r"[a-z0-9<>]+")
# Words of three letters or more that may carry an apostrophe or hyphen ("don't", "cross-border").
LONG_WORD = re.compile(r"[a-z][a-z'-]{2,}")
LETTERS = re.compile(r"[a-z]+")
# A news dateline opening a paragraph: 'KYIV, June 4 (Northwire) - ', 'May 13 (Northwire) -',
# 'BRUSSELS — ', 'LONDON (Reuters) - ', 'New York (Northwire) – '. Groups: place (in capitals,
# or in title case when an agency in brackets follows it), date, agency in brackets.
DATE_WORDS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2},?\s+"
# Latin letters with their accented forms ('SANTA INÉS', 'SÃO PAULO', 'Óbidos'); `re` has no \p{Lu}
UPPER, LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
DATELINE = re.compile(
    rf"^(?P<place>[{UPPER}][{UPPER}'.-]{{2,}}(?: [{UPPER}][{UPPER}'.-]+)*(?:, [{UPPER}][{UPPER}{LOWER}.]+)?,?\s+"
    rf"|[{UPPER}][{LOWER}'.-]+(?: [{UPPER}][{LOWER}'.-]+){{0,3}}(?:, [{UPPER}][{UPPER}{LOWER}.]+)?,?\s+"
    rf"(?=(?:{DATE_WORDS})?\([A-Z]))?"
    rf"(?P<date>{DATE_WORDS})?"
    r"(?P<agency>\([^()\n]{1,40}\)\s*)?[-—–]{1,2}\s", re.M)

STOPWORDS = frozenset(
    "a an the and or but of to in on at by for with from as that this these those is are was were be been "
    "had has have it its their his her they he she we i you not no said says say told would will could may "
    "might also than then there which who whom what when where while about into over after before".split())
# The corroboration test (scrutiny.py) was set with these words counted as content: 'told',
# 'after' or 'may' shared by two claims still count towards their overlap there.
CORROBORATION_KEEPS = frozenset(
    "about after also before into may might over say says she than then there these those told what when "
    "where while whom you".split())
CORROBORATION_STOPWORDS = STOPWORDS - CORROBORATION_KEEPS


def words(text: str, pattern: re.Pattern[str] = WORD) -> list[str]:
    """The lower-cased tokens of `text`, in order (`pattern` chooses what counts as a token)."""
    return pattern.findall(text.lower())


def surname(name: str) -> str:
    """A person's surname, the last word of the name: 'Pieter Hendriks' -> 'Hendriks'."""
    return name.split()[-1]


def datelines(text: str) -> list[tuple[int, int]]:
    """Character spans of the datelines that open paragraphs ('KYIV, June 4 (Northwire) - '):
    a place, a date and an agency, never a source or part of what anyone said."""
    return [(m.start(), m.end()) for m in DATELINE.finditer(text)
            if m.group("place") or m.group("date") or m.group("agency")]
