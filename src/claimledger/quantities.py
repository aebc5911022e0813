"""Numbers as ranges: '18 million' -> [18e6, 18e6], 'about 40' -> [36, 44], 'thousands' -> [2000, 9999].

The conventions (what 'several dozen' or 'nearly half' mean as a range) live in
data/quantities.json with a reason for each; this module only applies them. Hand-written
rather than a library because the ranges are our own editorial choice: number parsers
(e.g. quantulum3, number-parser) read 'thousands' as nothing and 'about 40' as exactly 40.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from claimledger.data import load_data
from claimledger.document import Quantity

YEAR = re.compile(r"^(1[89]|20)\d\d$")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
DATE_CONTEXT = re.compile(rf"(?:\b(?:{MONTHS})\.?\s*$)", re.IGNORECASE)
STOP_UNITS = {"of", "a", "an", "the", "in", "to", "and", "or", "from", "on", "at", "by", "for", "with", "per", "than", "as", "that", "this", "its", "their", "his", "her", "were", "was", "are", "is", "had", "have", "has", "who", "which"}


@dataclass(frozen=True)
class QuantityTable:
    pattern: re.Pattern
    vague: dict[str, tuple[float, float]]
    shares: dict[str, float | None]
    modifiers: dict[str, str]
    words: dict[str, int]
    scales: dict[str, int]
    currencies: dict[str, str]
    approx_tolerance: Decimal
    nearly_floor: Decimal


@dataclass(frozen=True)
class QuantityMention:
    start: int
    end: int
    quantity: Quantity


def alternation(phrases) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


@cache
def table() -> QuantityTable:
    data = load_data("quantities.json")
    vague = {k: tuple(v) for k, v in data["vague"].items() if not k.startswith("_")}
    shares = {k: v for k, v in data["shares"].items() if not k.startswith("_")}
    modifiers = {k: v[0] for k, v in data["modifiers"].items() if not k.startswith("_")}
    words, scales, currencies = data["words"], data["scales"], data["currencies"]
    symbols = "".join(re.escape(c) for c in currencies if len(c) == 1)
    pattern = re.compile(
        rf"(?<![\w.,])(?:(?P<mod>{alternation(modifiers)})\s+)?"
        rf"(?:(?P<vague>{alternation(vague)})(?=\W|$)"
        rf"|(?P<share>{alternation(shares)})(?=\W|$)"
        rf"|(?P<cur>[{symbols}])?\s?(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:{alternation(words)})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)"
        rf"(?:\s?(?P<scale>{alternation(scales)})(?![\w-]))?"
        rf"(?:\s?(?P<pct>percent|per cent|%|percentage points?)(?!\w))?)"
        rf"(?:\s+(?P<unit>[A-Za-z][\w-]*))?",
        re.IGNORECASE,
    )
    return QuantityTable(pattern, vague, shares, modifiers, words, scales, currencies,
                         Decimal(str(data["approx_tolerance"])), Decimal(str(data["nearly_floor"])))


def find_quantities(text: str, offset: int = 0) -> list[QuantityMention]:
    """Every quantity phrase in `text`, with character offsets shifted by `offset`."""
    found = []
    for match in table().pattern.finditer(text):
        quantity = read_match(match, text)
        if quantity is not None:
            # the unit word is read for `unit` but is not part of the quantity's text
            phrase_end = match.start("unit") if match.group("unit") else match.end()
            phrase = text[match.start():phrase_end].rstrip()
            found.append(QuantityMention(offset + match.start(), offset + match.start() + len(phrase),
                                         quantity.model_copy(update={"text": phrase})))
    return found


def read_match(match: re.Match, text: str) -> Quantity | None:
    t = table()
    groups = match.groupdict()
    modifier = t.modifiers.get((groups["mod"] or "").lower())
    unit = unit_word(groups["unit"])
    if groups["vague"]:
        low, high = t.vague[groups["vague"].lower()]
        return Quantity(text="", low=int(low), high=int(high), unit=unit, vague=True)
    if groups["share"]:
        value = t.shares[groups["share"].lower()]
        if value is None:  # 'a majority': more than half
            return Quantity(text="", low=50.01, high=100, unit="share", vague=True)
        low, high = apply_modifier(Decimal(str(value)), modifier, whole=False)
        return Quantity(text="", low=number(low), high=number(high) if high is not None else 100, unit="share")
    raw = groups["num"]
    if raw is None or is_date_or_code(match, text):
        return None
    value = parse_number(raw)
    if value is None:
        return None
    if groups["scale"]:
        scale = groups["scale"]
        if scale.lower() in {"m", "k", "bn"} and not groups["cur"]:  # '5,000m' is metres, not millions
            return None
        value *= t.scales[scale.lower()]
    if groups["pct"]:
        unit = "percent"
    elif groups["cur"]:
        unit = t.currencies[groups["cur"]]
    elif (groups["unit"] or "").lower() in t.currencies:
        unit = t.currencies[groups["unit"].lower()]
    whole = value == value.to_integral_value() and not groups["pct"]
    low, high = apply_modifier(value, modifier, whole=whole)
    return Quantity(text="", low=number(low), high=number(high) if high is not None else None, unit=unit)


def apply_modifier(value: Decimal, modifier: str | None, *, whole: bool) -> tuple[Decimal, Decimal | None]:
    t = table()
    if modifier == "approx":
        return value * (1 - t.approx_tolerance), value * (1 + t.approx_tolerance)
    if modifier == "nearly":
        return value * t.nearly_floor, value
    if modifier == "above":
        return (value + 1 if whole else value), None
    if modifier == "at_least":
        return value, None
    if modifier in {"below", "at_most"}:
        return Decimal(0), value
    return value, value


def parse_number(raw: str) -> Decimal | None:
    words = table().words
    lowered = raw.lower()
    if lowered in words:
        return Decimal(words[lowered])
    if "-" in lowered:
        tens, _, ones = lowered.partition("-")
        if tens in words and ones in words:
            return Decimal(words[tens] + words[ones])
        return None
    try:
        return Decimal(raw.replace(",", ""))
    except ArithmeticError:
        return None


def is_date_or_code(match: re.Match, text: str) -> bool:
    """Years, days of a month and numbers glued to letters (5,000m, A4) are not quantities."""
    raw = match.group("num")
    plain = not (match.group("mod") or match.group("cur") or match.group("scale") or match.group("pct"))
    if plain and YEAR.match(raw):
        return True
    if plain and raw.isdigit() and int(raw) <= 31 and DATE_CONTEXT.search(text[: match.start()]):
        return True
    if plain and raw.isdigit() and re.match(rf"\s*(?:{MONTHS})\b", text[match.end("num"):], re.IGNORECASE):
        return True
    after = text[match.end("num"): match.end("num") + 1]
    if after.isalpha() and not match.group("scale"):
        return True
    if raw.lower() == "one":  # 'no one', 'one of them': a pronoun, not a count
        before_one = re.search(r"\b(no|any|every|each|the|this|that|which)\s+$", text[: match.start()], re.IGNORECASE)
        return bool(before_one or re.match(r"\s*of\b", text[match.end("num"):]))
    return text[max(0, match.start("num") - 1): match.start("num")].isalpha()


def unit_word(word: str | None) -> str | None:
    if not word or word.lower() in STOP_UNITS or word[:1].isupper():
        return None
    return word.lower()


def number(value: Decimal) -> int | float:
    """Whole numbers as int, others rounded to 2 places (no 38.600000000000004)."""
    if value == value.to_integral_value():
        return int(value)
    return float(round(value, 2))
