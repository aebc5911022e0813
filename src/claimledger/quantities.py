"""Numbers as ranges: '18 million' -> [18e6, 18e6], 'about 40' -> [36, 44], 'thousands' -> [2000, 9999].

The conventions (what 'several dozen' or 'nearly half' mean as a range) live in
data/quantities.json with a reason for each; this module only applies them. Hand-written
rather than a library because the ranges are our own editorial choice: number parsers
(e.g. quantulum3, number-parser) read 'thousands' as nothing and 'about 40' as exactly 40.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from claimledger.data import load_data
from claimledger.document import Quantity

YEAR = re.compile(r"^(1[89]|20)\d\d$")
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December"
          "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
DATE_CONTEXT = re.compile(rf"(?:\b(?:{MONTHS})\.?\s*$)", re.IGNORECASE)
ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
ABBREVIATED_SCALES = frozenset({"m", "k", "bn"})  # '5,000m' is metres, not millions, unless money: '$5m'
STOP_UNITS = {"of", "a", "an", "the", "in", "to", "and", "or", "from", "on", "at", "by", "for", "with", "per", "than",
              "as", "that", "this", "its", "their", "his", "her", "were", "was", "are", "is", "had", "have", "has",
              "who", "which"}


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


def alternation(phrases: Iterable[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


def number_words(words: dict[str, int], scales: dict[str, int]) -> str:
    """A regex for numbers in words whose scales compose: 'two dozen', 'three hundred and five',
    'a million', 'two million three hundred thousand'. Abbreviated scales (m, bn, k) follow
    digits only, so they are left out here."""
    spelled = [s for s in scales if s not in ABBREVIATED_SCALES]
    small = alternation(s for s in spelled if scales[s] < 1000)  # multiply what precedes: 'two hundred'
    large = alternation(s for s in spelled if scales[s] >= 1000)  # close a group: 'two hundred thousand'
    word = rf"(?:{alternation(words)})(?:-(?:{'|'.join(ONES)}))?"
    a_scale = rf"a(?=\s+(?:{alternation(spelled)})\b)"  # 'a' is one only before a scale

    def group(count: str) -> str:
        # 'two hundred and three hundred' is two figures: the 'and' part takes no scale of its own
        tail = rf"(?:(?:\s+and)?\s+{word}(?![\w-])(?!\s+(?:{small})\b))?"
        return rf"{count}(?:\s+(?:{small})(?![\w-]){tail})?(?:\s+(?:{large})(?![\w-]))?"

    after_large = "|".join(f"(?<={re.escape(s)})" for s in spelled if scales[s] >= 1000)
    # a leading word may be glued to a hyphen ('a four-year ban' reads 4, as '4-year' does); later ones may not
    first, later = group(f"(?:{a_scale}|{word})"), group(rf"{word}(?![\w-])")
    return rf"{first}(?:(?:{after_large})(?:\s+and)?\s+{later})*"


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
        rf"|(?P<cur>[{symbols}])?\s?"
        rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|{number_words(words, scales)})"
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
        vague_low, vague_high = t.vague[groups["vague"].lower()]
        return Quantity(text="", low=int(vague_low), high=int(vague_high), unit=unit, vague=True)
    if groups["share"]:
        share = t.shares[groups["share"].lower()]
        if share is None:  # 'a majority': more than half
            return Quantity(text="", low=50.01, high=100, unit="share", vague=True)
        share_low, share_high = apply_modifier(Decimal(str(share)), modifier, whole=False)
        return Quantity(text="", low=number(share_low), high=number(share_high) if share_high is not None else 100,
                        unit="share")
    raw = groups["num"]
    if raw is None or is_date_or_code(match, text):
        return None
    value = parse_number(raw)
    if value is None:
        return None
    if groups["scale"]:
        scale = groups["scale"]
        if scale.lower() in ABBREVIATED_SCALES and not groups["cur"]:
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
    if not raw[:1].isdigit():
        return parse_words(raw)
    try:
        return Decimal(raw.replace(",", ""))
    except ArithmeticError:
        return None


def parse_words(phrase: str) -> Decimal | None:
    """'two dozen' -> 24, 'three hundred and five' -> 305, 'two million three hundred thousand' -> 2,300,000."""
    t = table()
    total = current = Decimal(0)
    for token in re.findall(r"[a-z]+(?:-[a-z]+)?", phrase.lower()):
        tens, _, ones = token.partition("-")
        if token == "a":
            current += 1
        elif token in t.words:
            current += t.words[token]
        elif ones and tens in t.words and ones in t.words:  # 'twenty-five'
            current += t.words[tens] + t.words[ones]
        elif token in t.scales and t.scales[token] < 1000:
            current = (current or Decimal(1)) * t.scales[token]
        elif token in t.scales:
            total, current = total + (current or Decimal(1)) * t.scales[token], Decimal(0)
        elif token != "and":
            return None
    return total + current


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
