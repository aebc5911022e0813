"""Places as ISO 3166-1 alpha-2 codes: country names (pycountry), variants, demonyms, regions.

pycountry supplies the official names and codes; data/places.json adds what news text
actually says ("Britain", "Lithuanians", "Baltic states") and which regions have a fixed
membership. Matching uses a spaCy PhraseMatcher over the parsed Doc, so a place found in
the article can be assigned to the claims whose content span contains it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pycountry
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from claimledger.data import load_data
from claimledger.document import Place

PLACE_LABELS = {"GPE", "LOC", "NORP"}


@dataclass(frozen=True)
class Gazetteer:
    codes: dict[str, tuple[str, ...]]  # surface form -> ISO codes (empty for open regions)
    ambiguous: frozenset[str]


@dataclass(frozen=True)
class PlaceMention:
    start: int  # character offsets in the Doc's text
    end: int
    place: Place


@cache
def gazetteer() -> Gazetteer:
    data = load_data("places.json")
    codes: dict[str, tuple[str, ...]] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name and "," not in name:
                codes.setdefault(name, (country.alpha_2,))
    for code, names in data["names"].items():
        for name in names:
            codes[name] = (code,)
    uninflected = set(data["uninflected_demonyms"])
    for code, demonyms in data["demonyms"].items():
        for demonym in demonyms:
            codes[demonym] = (code,)
            plural = data["irregular_plurals"].get(demonym) or (None if demonym in uninflected else demonym + "s")
            if plural:
                codes[plural] = (code,)
    for region, members in data["regions"].items():
        codes[region] = tuple(members)
    for region in data["open_regions"]:
        codes[region] = ()
    return Gazetteer(codes=codes, ambiguous=frozenset(data["ambiguous"]))


@cache
def place_matcher(nlp: Language) -> PhraseMatcher:
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    for name in gazetteer().codes:
        matcher.add(name, [nlp.make_doc(name)])
        if name[:1].isupper() and " " in name:  # 'Baltic States' in a headline-cased text
            matcher.add(name, [nlp.make_doc(name.title())])
    return matcher


def find_places(doc: Doc, nlp: Language) -> list[PlaceMention]:
    """Every place mention in the Doc, longest match first, in text order."""
    g = gazetteer()
    spans = []
    for match_id, start, end in place_matcher(nlp)(doc):
        spans.append(Span(doc, start, end, label=match_id))
    mentions = []
    for span in sorted(filter_spans(spans), key=lambda s: s.start):
        name = span.label_
        if name in g.ambiguous and not tagged_as_place(span):
            continue
        mentions.append(PlaceMention(span.start_char, span.end_char, Place(text=span.text, iso=list(g.codes[name]))))
    return mentions


def tagged_as_place(span: Span) -> bool:
    return any(token.ent_type_ in PLACE_LABELS for token in span)


def places_in(mentions: list[PlaceMention], start: int, end: int) -> list[Place]:
    """Distinct places mentioned inside [start, end)."""
    return unique_places(m.place for m in mentions if start <= m.start and m.end <= end)


def unique_places(places) -> list[Place]:
    """One Place per distinct code set, first mention's text kept."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for place in places:
        key = tuple(place.iso) or (place.text.lower(),)
        if key not in seen:
            seen.add(key)
            out.append(place)
    return out
