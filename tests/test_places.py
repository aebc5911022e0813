"""Places to ISO 3166-1 codes: names, variants, demonyms and regions."""

from __future__ import annotations

import pytest

from claimledger.nlp import load_nlp
from claimledger.places import find_places


def codes(text: str) -> list[list[str]]:
    nlp = load_nlp()
    return [m.place.iso for m in find_places(nlp(text), nlp)]


@pytest.mark.parametrize("text, expected", [
    ("Troops crossed into Ukraine.", [["UA"]]),
    ("Lithuanians joined the unit.", [["LT"]]),
    ("Georgian volunteers arrived.", [["GE"]]),
    ("He spoke about the Baltic states.", [["LT", "LV", "EE"]]),
    ("Leaders of the Nordic countries met.", [["DK", "FI", "IS", "NO", "SE"]]),
    ("Exports to the Gulf states rose.", [["BH", "KW", "OM", "QA", "SA", "AE"]]),
    ("Britain and the United States agreed.", [["GB"], ["US"]]),
    ("The Russian Federation objected.", [["RU"]]),
    ("The Welsh Government said so.", [["GB"]]),
])
def test_names_demonyms_and_fixed_regions(text, expected):
    assert codes(text) == expected


def test_open_regions_are_kept_without_codes():
    nlp = load_nlp()
    places = find_places(nlp("Volunteers came from Latin America and the Middle East."), nlp)
    assert [(m.place.text, m.place.iso) for m in places] == [("Latin America", []), ("Middle East", [])]


def test_ambiguous_names_need_a_place_tag():
    assert codes("Michael Jordan scored 40 points.") == []
