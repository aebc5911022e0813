"""Numbers as ranges, by the conventions in data/quantities.json."""

from __future__ import annotations

import pytest

from claimledger.quantities import find_quantities


def ranges(text: str):
    return [(m.quantity.text, m.quantity.low, m.quantity.high) for m in find_quantities(text)]


@pytest.mark.parametrize("text, expected", [
    ("15,000 applications", ("15,000", 15000, 15000)),
    ("about 40 villages", ("about 40", 36, 44)),
    ("nearly 250 homes", ("nearly 250", 225, 250)),
    ("more than 2,000 people", ("more than 2,000", 2001, None)),
    ("at least 90,000 homes", ("at least 90,000", 90000, None)),
    ("less than 40 percent", ("less than 40 percent", 0, 40)),
    ("up to 15 percent", ("up to 15 percent", 0, 15)),
    ("18 million euros", ("18 million", 18000000, 18000000)),
    ("$38.6 million", ("$38.6 million", 38600000, 38600000)),
    ("two dozen", ("two", 2, 2)),
    ("several dozen volunteers", ("several dozen", 36, 108)),
    ("dozens of mines", ("dozens", 24, 99)),
    ("thousands of people", ("thousands", 2000, 9999)),
    ("tens of thousands of people", ("tens of thousands", 20000, 99999)),
    ("hundreds of thousands of people", ("hundreds of thousands", 200000, 999999)),
    ("a handful of protesters", ("a handful", 3, 6)),
    ("nearly half of voters", ("nearly half", 45, 50)),
    ("roughly a third of the land", ("roughly a third", 30, 36.66)),
    ("twenty-five soldiers", ("twenty-five", 25, 25)),
])
def test_phrase_reads_as_range(text, expected):
    assert ranges(text)[0] == expected


def test_exact_figures_are_whole_numbers_without_float_noise():
    quantity = find_quantities("a loss of $38.6 million")[0].quantity
    assert quantity.low == 38600000 and isinstance(quantity.low, int)
    assert quantity.unit == "USD"


def test_vague_words_are_marked_vague_and_hedges_are_not():
    vague = {m.quantity.text: m.quantity.vague for m in find_quantities("thousands fled and about 40 stayed")}
    assert vague == {"thousands": True, "about 40": False}


@pytest.mark.parametrize("text", ["in 2023", "on March 12", "12 March 2025", "the 5,000m record", "no one came",
                                  "one of the leaders"])
def test_years_dates_and_codes_are_not_quantities(text):
    assert ranges(text) == []


def test_offsets_point_at_the_phrase():
    text = "The union said about 600 workers joined."
    mention = find_quantities(text)[0]
    assert text[mention.start:mention.end] == "about 600"
