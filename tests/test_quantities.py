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
    ("fewer than 15 people", ("fewer than 15", 0, 14)),
    ("under 5,000 homes", ("under 5,000", 0, 4999)),
    ("more than 20,000 people", ("more than 20,000", 20001, None)),
    ("up to 15 percent", ("up to 15 percent", 0, 15)),
    ("18 million euros", ("18 million euros", 18000000, 18000000)),
    ("$38.6 million", ("$38.6 million", 38600000, 38600000)),
    ("two dozen", ("two dozen", 24, 24)),
    # a vague count of a scale, and hedges after the figure and its unit
    ("a few hundred million dollars", ("a few hundred million", 200_000_000, 500_000_000)),
    ("several billion euros", ("several billion", 3_000_000_000, 9_000_000_000)),
    ("grants of a few hundred million dollars at most", ("a few hundred million dollars at most", 0, 500_000_000)),
    ("800 volunteers or more", ("800 volunteers or more", 800, None)),
    ("£4 million at most", ("£4 million at most", 0, 4_000_000)),
    ("three or more weeks", ("three or more", 3, None)),
    ("12 or fewer", ("12 or fewer", 0, 12)),
    ("three hundred", ("three hundred", 300, 300)),
    ("a dozen eggs", ("a dozen", 12, 12)),
    ("fewer than a dozen clinics", ("fewer than a dozen", 0, 11)),
    ("more than a dozen ships", ("more than a dozen", 13, None)),
    ("costs between £1.2 million and £1.5 million", ("between £1.2 million and £1.5 million", 1200000, 1500000)),
    ("yields of 2% to 3% a year", ("2% to 3%", 2, 3)),
    ("an estimated 200 to 300 seals", ("an estimated 200 to 300", 200, 300)),
    ("prices five times higher", ("five times", 5, 5)),
    ("between two and four times as many", ("between two and four times", 2, 4)),
    ("a salary in the region of €80,000", ("in the region of €80,000", 72000, 88000)),
    ("wages closer to $50,000", ("closer to $50,000", 45000, 55000)),
    ("roughly one in four households", ("roughly one in four", 22.5, 27.5)),
    ("between a third and a half of voters", ("between a third and a half", 33.33, 50)),
    ("rainfall of between 20 and 40 millimetres", ("between 20 and 40 millimetres", 20, 40)),
    ("speeds below 60km/h", ("below 60km/h", 0, 59)),
    ("several hundred", ("several hundred", 300, 900)),
    ("two thousand people", ("two thousand", 2000, 2000)),
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


@pytest.mark.parametrize("text, expected", [
    ("Two dozen fishing boats stayed in port.", ("Two dozen", 24, 24)),
    ("The union says three hundred dockers walked out.", ("three hundred", 300, 300)),
    ("A hundred and fifty homes lost power overnight.", ("A hundred and fifty", 150, 150)),
    ("Officials counted twenty-five hundred ballots by hand.", ("twenty-five hundred", 2500, 2500)),
    ("The fund raised one hundred and twenty-five thousand euros.",
     ("one hundred and twenty-five thousand euros", 125000, 125000)),
    ("The city has two million three hundred thousand residents.",
     ("two million three hundred thousand", 2300000, 2300000)),
    ("The repairs will cost well over a million dollars.", ("over a million dollars", 1000001, None)),
    ("About a thousand people marched.", ("About a thousand", 900, 1100)),
    ("Nearly three dozen ships were delayed.", ("Nearly three dozen", 32.4, 36)),
    ("Workers loaded 3 dozen crates.", ("3 dozen", 36, 36)),
])
def test_scale_words_multiply_the_number_before_them(text, expected):
    assert ranges(text)[0] == expected


def test_a_second_figure_after_and_is_not_added_to_the_first():
    assert ranges("between two hundred and three hundred workers") == [
        ("between two hundred and three hundred", 200, 300)]
    assert ranges("The east ward counted two hundred and the west three hundred.") == [
        ("two hundred", 200, 200), ("three hundred", 300, 300)]


def test_composed_number_keeps_its_unit_and_currency():
    quantity = find_quantities("The ministry paid two million dollars.")[0].quantity
    assert (quantity.low, quantity.unit) == (2000000, "USD")
    assert find_quantities("three hundred workers")[0].quantity.unit == "workers"


def test_number_word_glued_to_a_hyphen_does_not_extend_the_figure():
    assert ranges("a nursery for three hundred one-year-olds") == [("three hundred", 300, 300)]


@pytest.mark.parametrize("text, expected", [
    ("Inflation will settle between 3 and 4 percent next year.", ("between 3 and 4 percent", 3, 4)),
    ("The levy adds between 2 and 3 million euros to the bill.", ("between 2 and 3 million euros", 2000000, 3000000)),
    ("Two or three trawlers were still missing.", ("Two or three", 2, 3)),
    ("Repairs will take two to three weeks.", ("two to three weeks", 2, 3)),
    ("Prices rose 10-15 percent in the spring.", ("10-15 percent", 10, 15)),
    ("Cleaners earn between $30,000 and $45,000 a year.", ("between $30,000 and $45,000", 30000, 45000)),
    ("The bridge will cost $2 to $3 million.", ("$2 to $3 million", 2000000, 3000000)),
])
def test_two_figures_joined_make_one_range(text, expected):
    assert ranges(text) == [expected]


@pytest.mark.parametrize("text", ["The rate rose from 3 to 4 percent.", "Rovers won the derby 3-2.",
                                  "Turnout was 41 percent in 2019 and 2023."])
def test_a_change_a_score_or_a_list_is_not_a_range(text):
    assert all(low == high for _, low, high in ranges(text))


@pytest.mark.parametrize("text, expected", [
    ("Fewer than 15 boats left the harbour.", ("Fewer than 15", 0, 14)),
    ("Support fell below 40 percent.", ("below 40 percent", 0, 40)),
    ("The region needs tens of billions of euros.", ("tens of billions", 20000000000, 99999999999)),
    ("The bank cut its rate by 50 basis points.", ("50 basis points", 50, 50)),
    ("Warming is set to pass 2C before 2060.", ("2C", 2, 2)),
    ("Lake water reached 1.5°C above the average.", ("1.5°C", 1.5, 1.5)),
    ("Donors pledged $100 billion a year.", ("$100 billion", 100000000000, 100000000000)),
])
def test_bounds_scales_and_units(text, expected):
    assert ranges(text)[0] == expected


def test_units_are_named():
    text = "a cut of 25 basis points and a rise of 2C, at $100 billion a year"
    units = [m.quantity.unit for m in find_quantities(text)]
    assert units == ["basis points", "°C", "USD"]


@pytest.mark.parametrize("text", ["One day the mill will close, she said.", "He hopes to sail home one day.",
                                  "At one point the crowd surged forward.", "One way or another the port will reopen."])
def test_a_number_inside_an_idiom_is_not_a_quantity(text):
    assert ranges(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The union has asked for talks for eleven months.", ("eleven months", 11, 11)),
    ("The attackers took 2.1 terabytes of records.", ("2.1 terabytes", 2.1, 2.1)),
    ("Pickers want 1,200 złoty more a month.", ("1,200 złoty", 1200, 1200)),
])
def test_a_unit_of_measure_belongs_to_the_figure_but_a_counted_noun_does_not(text, expected):
    assert ranges(text) == [expected]
    assert ranges("Police counted 15,000 marchers.") == [("15,000", 15000, 15000)]


@pytest.mark.parametrize("text", ["The strike lasted one day.", "The ferry sailed one day later."])
def test_one_day_that_measures_time_is_a_quantity(text):
    assert ranges(text) == [("one day", 1, 1)]


def test_a_figure_joined_by_a_hyphen_to_a_fraction_word_is_two_figures_not_a_crash():
    found = [(m.quantity.low, m.quantity.high) for m in find_quantities("The 33-half of the squad stayed home")]
    assert found == [(33, 33), (50, 50)]
