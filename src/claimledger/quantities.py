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
    joiner: re.Pattern  # what may stand between the two figures of a range
    idioms: re.Pattern  # 'at one point', 'one way or another': a number inside them is no figure
    loose_idioms: re.Pattern  # 'one day': an idiom unless measured
    idiom_measured: re.Pattern  # 'for one day', 'one day later': the loose idiom's number counts again
    trailing: re.Pattern  # 'or more', 'at most' after the figure and its unit
    trailing_kinds: dict[str, str]
    vague: dict[str, tuple[float, float]]
    shares: dict[str, float | None]
    modifiers: dict[str, str]
    words: dict[str, int]
    scales: dict[str, int]
    currencies: dict[str, str]
    units: dict[str, str]
    approx_tolerance: Decimal
    nearly_floor: Decimal


@dataclass(frozen=True)
class QuantityMention:
    start: int
    end: int
    quantity: Quantity


@dataclass(frozen=True)
class Reading:
    """One figure as the pattern read it, before ranges are joined: the phrase's offsets and
    what a following figure may lend it (scale, percent sign, currency) or take from it."""

    start: int
    end: int
    quantity: Quantity
    match: re.Match

    def lends_to(self, second: Reading) -> bool:
        """Whether this figure can open a range with `second`: no hedge but one that reads as
        'about' (it covers the range), and no scale, percent sign, unit or currency of its own
        unless the second writes the same ('$2 to $3 million', '$2.3 million and $2.6 million')."""
        m, n = self.match, second.match
        hedge = table().modifiers.get((m.group("mod") or "").lower())
        own = any(m.group(g) and (m.group(g) or "").lower().strip() != (n.group(g) or "").lower().strip()
                  for g in ("scale", "pct", "measure", "cur"))
        return hedge in (None, "approx") and not own

    @property
    def value(self) -> Decimal | None:
        """The figure as written, before any hedge: '$2.3 million' -> 2,300,000; a share as
        its percentage."""
        if self.match.group("num") is None:
            return Decimal(str(self.quantity.low)) if self.quantity.low is not None else None
        value = parse_number(self.match.group("num"))
        scale = self.match.group("scale")
        return value * table().scales[scale.lower()] if value is not None and scale else value


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
    units = {k: v for k, v in data["units"].items() if not k.startswith("_")}
    trailing = {k: v for k, v in data["trailing_modifiers"].items() if not k.startswith("_")}
    symbols = "".join(re.escape(c) for c in currencies if len(c) == 1)
    # a lone capital ('2C') is a unit only glued to the digits and in capitals; the others may follow a space
    glued = "|".join(re.escape(u) for u in units if len(u) == 1)
    spaced = alternation(u for u in units if len(u) > 1)
    measure = rf"(?P<measure>\s?(?:{spaced})(?![\w°])|(?-i:{glued})(?![\w°]))"
    pattern = re.compile(
        rf"(?<![\w.,])(?:(?P<mod>{alternation(modifiers)})\s+)?"
        rf"(?:(?P<vague>{alternation(vague)})(?:\s(?P<vscale>{alternation(s for s in scales if s.isalpha())}))?(?=\W|$)"
        rf"|(?P<share>{alternation(shares)})(?=\W|$)"
        rf"|(?P<cur>[{symbols}])?\s?"
        rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|{number_words(words, scales)})"
        rf"(?:\s?(?P<scale>{alternation(scales)})(?![\w-]))?"
        rf"(?:\s?(?P<pct>percent|per cent|%|percentage points?)(?!\w)|{measure})?)"
        rf"(?:\s+(?P<unit>[A-Za-z][\w-]*))?",
        re.IGNORECASE,
    )
    joiners = "|".join(rf"\s+{re.escape(j)}\s+" if j.isalpha() else rf"\s*{re.escape(j)}\s*"
                       for j in data["ranges"]["joiners"])
    idioms = data["idioms"]
    return QuantityTable(
        pattern=pattern, joiner=re.compile(rf"(?:{joiners})", re.IGNORECASE),
        idioms=re.compile(rf"\b(?:{alternation(idioms['phrases'])})\b", re.IGNORECASE),
        loose_idioms=re.compile(rf"\b(?:{alternation(idioms['unless_measured'])})\b", re.IGNORECASE),
        idiom_measured=re.compile(rf"\b(?:{alternation(idioms['measured_after'])})\s+$|"
                                  rf"^\s+(?:{alternation(idioms['measured_before'])})\b", re.IGNORECASE),
        trailing=re.compile(rf"\s+(?P<hedge>{alternation(trailing)})\b", re.IGNORECASE), trailing_kinds=trailing,
        vague=vague, shares=shares, modifiers=modifiers, words=words, scales=scales, currencies=currencies,
        units=units, approx_tolerance=Decimal(str(data["approx_tolerance"])),
        nearly_floor=Decimal(str(data["nearly_floor"])))


def find_quantities(text: str, offset: int = 0) -> list[QuantityMention]:
    """Every quantity phrase in `text`, with character offsets shifted by `offset`."""
    readings = []
    for match in table().pattern.finditer(text):
        quantity = read_match(match, text)
        if quantity is not None and not in_idiom(match, text):
            # the unit word is read for `unit` but is not part of the quantity's text
            phrase_end = match.start("unit") if match.group("unit") else match.end()
            phrase_end = match.start() + len(text[match.start():phrase_end].rstrip())
            trailing = table().trailing
            hedge = trailing.match(text, match.end()) or trailing.match(text, phrase_end)
            if hedge is not None and not match.group("mod"):
                # the hedge belongs to the phrase, with the unit it follows: 'a few hundred million dollars at most'
                quantity, phrase_end = bounded_after(quantity, hedge.group("hedge")), hedge.end()
            readings.append(Reading(match.start(), phrase_end, quantity, match))
    return [QuantityMention(offset + start, offset + end, quantity.model_copy(update={"text": text[start:end]}))
            for start, end, quantity in join_ranges(readings, text)]


def bounded_after(quantity: Quantity, hedge: str) -> Quantity:
    """The quantity as a hedge after it bounds it ('500 or more' is 500 and up)."""
    kind = table().trailing_kinds[hedge.lower()]
    if kind == "at_most":
        return quantity.model_copy(update={"low": 0})
    return quantity.model_copy(update={"high": None})


def join_ranges(readings: list[Reading], text: str) -> list[tuple[int, int, Quantity]]:
    """Pairs of figures that make one range ('between 3 and 4 percent', 'two or three') become one
    quantity; every other figure stands alone. Offsets are into `text`."""
    out: list[tuple[int, int, Quantity]] = []
    i = 0
    while i < len(readings):
        first = readings[i]
        second = readings[i + 1] if i + 1 < len(readings) else None
        joined = range_of(first, second, text) if second is not None else None
        if joined is not None:
            out.append(joined)
            i += 2
        else:
            out.append((first.start, first.end, first.quantity))
            i += 1
    return out


def range_of(first: Reading, second: Reading, text: str) -> tuple[int, int, Quantity] | None:
    """The range two neighbouring figures make, or None (see 'ranges' in data/quantities.json)."""
    t = table()
    joiner = t.joiner.fullmatch(text[first.end:second.start])
    if joiner is None or not first.lends_to(second) or second.match.group("mod"):
        return None
    if first.quantity.vague or second.quantity.vague:
        return None
    word = joiner.group().strip().lower()
    before = text[max(0, first.start - 9):first.start].lower()
    between = before.endswith("between ")
    if word == "and" and not between or word == "to" and before.endswith("from "):
        return None
    if not word.isalpha() and not ((first.match.group("num") or "")[:1].isdigit()
                                   and (second.match.group("num") or "")[:1].isdigit()):
        return None  # 'two-three' is no way to write a range
    low, high = first.value, second.value
    if low is None or high is None:
        return None
    scale = second.match.group("scale")
    if scale and not first.match.group("scale") and low * t.scales[scale.lower()] <= high:
        low *= t.scales[scale.lower()]  # 'between 2 and 3 million': the 2 is millions too
    if low > high:
        return None  # 'a 3-2 win' is a score, not a range
    start = first.start - len("between ") if between else first.start
    quantity = Quantity(text="", low=number(low), high=number(high), unit=second.quantity.unit)
    return start, second.end, quantity


def in_idiom(match: re.Match, text: str) -> bool:
    """'at one point' and 'one day the port will close' hold no figure; 'for one day' and 'one day
    later' do."""
    t = table()
    window = max(0, match.start("num") - 12), match.end("num") + 20
    inside = [(idiom, loose) for loose, pattern in ((False, t.idioms), (True, t.loose_idioms))
              for idiom in pattern.finditer(text, *window)
              if idiom.start() <= match.start("num") and match.end("num") <= idiom.end()]
    for idiom, loose in inside:
        measured = loose and (t.idiom_measured.search(text[max(0, idiom.start() - 12):idiom.start()])
                              or t.idiom_measured.search(text[idiom.end():idiom.end() + 12]))
        return not measured
    return False


def read_match(match: re.Match, text: str) -> Quantity | None:
    t = table()
    groups = match.groupdict()
    modifier = t.modifiers.get((groups["mod"] or "").lower())
    unit = unit_word(groups["unit"])
    if groups["vague"]:
        vague_low, vague_high = t.vague[groups["vague"].lower()]
        if groups["vscale"]:  # 'a few hundred million': the vague count of a scale
            multiple = t.scales[groups["vscale"].lower()]
            vague_low, vague_high = vague_low * multiple, vague_high * multiple
        if vague_low == vague_high and modifier:  # 'fewer than a dozen' is 0-11
            low, high = apply_modifier(Decimal(vague_low), modifier, whole=True)
            return Quantity(text="", low=number(low), high=number(high) if high is not None else None, unit=unit)
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
    elif groups["measure"]:
        unit = measure_unit(groups["measure"])
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
    if modifier == "below":  # 'fewer than 15 witnesses' is at most 14
        return Decimal(0), (value - 1 if whole else value)
    if modifier == "at_most":
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
    if after.isalpha() and not match.group("scale") and not match.group("measure"):
        return True
    if raw.lower() == "one":  # 'no one', 'one of them': a pronoun, not a count
        before_one = re.search(r"\b(no|any|every|each|the|this|that|which)\s+$", text[: match.start()], re.IGNORECASE)
        return bool(before_one or re.match(r"\s*of\b", text[match.end("num"):]))
    return text[max(0, match.start("num") - 1): match.start("num")].isalpha()


@cache
def measures() -> frozenset[str]:
    """The units a figure's text includes ('40,000 hectares' -> 'hectares'), as `unit` names them."""
    return frozenset(table().units.values())


def measure_unit(written: str) -> str:
    """'basis points' -> 'basis points', 'C' and '°C' -> '°C' (data/quantities.json 'units')."""
    units = table().units
    key = re.sub(r"\s+", " ", written.strip())
    return units.get(key) or units.get(key.replace("° ", "°")) or next(
        (v for k, v in units.items() if k.lower() == key.lower()), key)


def unit_word(word: str | None) -> str | None:
    if not word or word.lower() in STOP_UNITS or word[:1].isupper():
        return None
    return word.lower()


def number(value: Decimal) -> int | float:
    """Whole numbers as int, others rounded to 2 places (no 38.600000000000004)."""
    if value == value.to_integral_value():
        return int(value)
    return float(round(value, 2))
