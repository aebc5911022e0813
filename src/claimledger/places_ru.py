"""Places in Russian text as ISO 3166-1 codes, in any grammatical case.

pycountry's Russian translations give every country's name; data/ru/places.json adds the
everyday forms news uses ('Россия', 'США', 'Белоруссия'), capitals and major cities,
first-level regions, adjectives and demonyms ('российских', 'литовцы') and groupings
('Прибалтика', 'Центральная Азия'). Matching compares each word's lemma (set by the natasha
adapter) with every dictionary form pymorphy3 gives the gazetteer's words, so 'Херсонской
области' finds 'Херсонская область' and 'Эмиратах' finds 'Эмираты'.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import cache

import pycountry
from spacy.tokens import Doc, Token

from claimledger.data import load_data
from claimledger.document import Place
from claimledger.nlp_ru import morph_analyzer
from claimledger.places import PlaceMention


@dataclass(frozen=True)
class Entry:
    forms: tuple[frozenset[str], ...]  # per word, the forms that match it
    codes: tuple[str, ...]
    proper: bool  # a name: matches only a capitalised word in the text
    ambiguous: bool


@cache
def word_forms(word: str) -> frozenset[str]:
    lower = word.lower().replace("ё", "е")
    forms = {lower}
    for parse in morph_analyzer().parse(word):
        forms.add(parse.normal_form.replace("ё", "е"))
    return frozenset(forms)


@cache
def gazetteer() -> dict[str, list[Entry]]:
    """Entries indexed by each form of their first word."""
    data = load_data("ru/places.json")
    ambiguous = {a.lower().replace("ё", "е") for a in data["ambiguous"]}
    entries: list[Entry] = []

    def add(phrase: str, codes: tuple[str, ...], proper: bool) -> None:
        words = phrase.replace("ё", "е").split()
        entries.append(Entry(tuple(word_forms(w) for w in words), codes, proper, phrase.lower() in ambiguous))

    translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name and "," not in name and (translated := translation.gettext(name)) != name:
                add(translated, (country.alpha_2,), True)
    for code, phrases in data["names"].items():
        for phrase in phrases:
            add(phrase, (code,), phrase[:1].isupper())
    for table in ("adjectives", "demonyms"):
        for code, words in data[table].items():
            for word in words:
                add(word, (code,), False)
    for phrase, codes in data["groups"].items():
        add(phrase, tuple(codes), phrase[:1].isupper())
    index: dict[str, list[Entry]] = {}
    for entry in entries:
        for form in entry.forms[0]:
            index.setdefault(form, []).append(entry)
    return index


def token_forms(token: Token) -> set[str]:
    return {token.lemma_, token.lower_.replace("ё", "е")}


def matches(doc: Doc, start: int, entry: Entry) -> bool:
    if start + len(entry.forms) > len(doc):
        return False
    tokens = doc[start : start + len(entry.forms)]
    if entry.proper and not tokens[0].text[:1].isupper():
        return False
    if entry.ambiguous and tokens[0].ent_type_ != "LOC":
        return False
    return all(token_forms(t) & forms for t, forms in zip(tokens, entry.forms, strict=True))


def find_places_ru(doc: Doc) -> list[PlaceMention]:
    """Every place mention in the Doc, longest match first, in text order."""
    index = gazetteer()
    mentions = []
    i = 0
    while i < len(doc):
        candidates = [e for form in token_forms(doc[i]) for e in index.get(form, []) if matches(doc, i, e)]
        if not candidates:
            i += 1
            continue
        best = max(candidates, key=lambda e: len(e.forms))
        span = doc[i : i + len(best.forms)]
        mentions.append(PlaceMention(span.start_char, span.end_char, Place(text=span.text, iso=list(best.codes))))
        i += len(best.forms)
    return mentions
