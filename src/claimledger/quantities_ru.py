"""Russian numbers as ranges: '1,2 млрд' -> 1.2e9, 'около 40 тысяч' -> 32,000-48,000,
'нескольких сотнях' -> 100-999, 'почти половина' -> 40-50 (percent), 'от 12 до 18%' -> 12-18.

The same Quantity as the English reader gives; the conventions are in data/ru/quantities.json.
Numerals are read in every case through pymorphy3's dictionary forms ('двух', 'двумя',
'восьми'), digits with a decimal comma, and the abbreviations 'тыс.', 'млн', 'млрд'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache

from claimledger.data import load_data
from claimledger.document import Quantity
from claimledger.nlp_ru import morph_analyzer
from claimledger.quantities import QuantityMention, number

WORD = re.compile(r"\d+(?:[ \u00a0]\d{3})+(?:[,.]\d+)?(?!\d)|\d+(?:[,.]\d+)?"
                  r"|[А-Яа-яЁёA-Za-z]+\.?(?:-[А-Яа-яЁё]+)*|%|[^\s\w]")
YEAR = re.compile(r"^(1[89]|20)\d\d$")


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    end: int
    lower: str = field(init=False)  # lower case, ё as е: what the tables are keyed on (read often)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lower", self.text.lower().replace("ё", "е"))


@dataclass(frozen=True)
class RussianQuantityTable:
    numbers: dict[str, float]
    scales: dict[str, int]
    vague: dict[str, tuple[int, int]]
    shares: dict[str, float | None]
    share_words: frozenset[str]  # the dictionary forms a share is read from
    modifiers: dict[str, str]
    verb_modifiers: dict[str, str]
    measures: frozenset[str]
    prepositions: dict[str, list[str]]
    change_verbs: frozenset[str]
    currencies: dict[str, str]
    months: frozenset[str]
    approx: Decimal
    nearly: Decimal


@cache
def ru_table() -> RussianQuantityTable:
    data = load_data("ru/quantities.json")
    return RussianQuantityTable(
        numbers=data["numbers"], scales=data["scales"],
        vague={k: (v[0], v[1]) for k, v in data["vague"].items() if not k.startswith("_")},
        shares=data["shares"], share_words=frozenset(w for key in data["shares"] for w in key.split()),
        modifiers=data["modifiers"],
        verb_modifiers={k: v for k, v in data["verb_modifiers"].items() if not k.startswith("_")},
        measures=frozenset(data["measures"]["units"]),
        prepositions={k: v for k, v in data["prepositions"].items() if not k.startswith("_")},
        change_verbs=frozenset(data["change_verbs"]),
        currencies=data["currencies"], months=frozenset(data["months"]),
        approx=Decimal(str(data["approx_tolerance"])), nearly=Decimal(str(data["nearly_floor"])))


@lru_cache(maxsize=8192)
def lemmas(word: str) -> frozenset[str]:
    return frozenset(p.normal_form.replace("ё", "е") for p in morph_analyzer().parse(word))


@lru_cache(maxsize=8192)
def is_plural(word: str) -> bool:
    return any("plur" in p.tag for p in morph_analyzer().parse(word))


def lemma_in(word: Word, table: dict | frozenset) -> str | None:
    lower = word.lower
    if lower in table:
        return lower
    return next((lemma for lemma in lemmas(lower) if lemma in table), None)


def find_quantities_ru(text: str, offset: int = 0) -> list[QuantityMention]:
    """Every quantity phrase in `text`, with character offsets shifted by `offset`."""
    words = [Word(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]
    found = []
    i = 0
    while i < len(words):
        read = read_at(words, i, text)
        if read is None:
            i += 1
            continue
        end, quantity = read
        if end < len(words) and quantity.unit in ru_table().measures:
            end += 1  # '50 километров': the measure belongs to the figure
        start_char, end_char = words[i].start, words[end - 1].end
        phrase = text[start_char:end_char]
        found.append(QuantityMention(offset + start_char, offset + end_char,
                                     quantity.model_copy(update={"text": phrase})))
        i = end
    return found


def read_at(words: list[Word], i: int, text: str) -> tuple[int, Quantity] | None:
    """The quantity starting at word i, and the index after it, or None. A preposition that
    says how the figure counts ('на 30%', 'в полтора раза', 'по 900') belongs to it."""
    modifier, j = modifier_at(words, i)
    units = ru_table().prepositions.get(words[j].lower) if j < len(words) else None
    if units is not None:
        read = figure_after(words, j + 1, modifier, text)
        if read is not None and (not units or read[1].unit in units):
            return read
    return figure_after(words, j, modifier, text)


def figure_after(words: list[Word], j: int, modifier: str | None, text: str) -> tuple[int, Quantity] | None:
    """The figure at word j, read with the hedge before it."""
    if j < len(words) and words[j].lower == "от":  # 'от 12 до 18%'
        ranged = range_at(words, j)
        if ranged is not None:
            return ranged
    vague = vague_at(words, j)
    if vague is not None:
        end, (low, high) = vague
        return end, Quantity(text="", low=low, high=high, unit=unit_after(words, end), vague=True)
    share = share_at(words, j)
    if share is not None:
        end, value = share
        if value is None:
            return end, Quantity(text="", low=50.01, high=100, unit="share", vague=True)
        low, high = bounds(Decimal(str(value)), modifier, whole=False)
        return end, Quantity(text="", low=number(low), high=number(high) if high is not None else 100, unit="share")
    figure = figure_at(words, j, text)
    if figure is None:
        return None
    end, value, high_value, percent = figure
    if modifier == "up_to" and preceded_by_change(words, j - 1):
        modifier = None  # 'увеличит ... до 11 млрд': the new value, not a cap
    unit = "percent" if percent else unit_after(words, end)
    if high_value is not None:  # 'две-три'
        return end, Quantity(text="", low=number(value), high=number(high_value), unit=unit)
    whole = value == value.to_integral_value() and not percent
    low, high = bounds(value, modifier, whole=whole)
    return end, Quantity(text="", low=number(low), high=number(high) if high is not None else None, unit=unit)


def modifier_at(words: list[Word], i: int) -> tuple[str | None, int]:
    t = ru_table()
    for size in (3, 2, 1):
        phrase = " ".join(w.lower for w in words[i : i + size])
        if len(words[i : i + size]) == size and phrase in t.modifiers:
            return t.modifiers[phrase], i + size
    negated = i < len(words) and words[i].lower == "не"
    k = i + 1 if negated else i
    verb = lemma_in(words[k], t.verb_modifiers) if k < len(words) else None
    if verb is not None:  # 'превышает 14 млн', 'не превышает 15%'
        modifier = t.verb_modifiers[verb]
        return ("at_most" if negated and modifier == "above" else modifier), k + 1
    return None, i


def range_at(words: list[Word], j: int) -> tuple[int, Quantity] | None:
    low = figure_at(words, j + 1, "")
    if low is None or low[0] >= len(words) or words[low[0]].lower != "до":
        return None
    high = figure_at(words, low[0] + 1, "")
    if high is None:
        return None
    percent = high[3] or low[3]
    return high[0], Quantity(text="", low=number(low[1]), high=number(high[1]),
                             unit="percent" if percent else unit_after(words, high[0]))


def vague_at(words: list[Word], j: int) -> tuple[int, tuple[int, int]] | None:
    """'несколько десятков', 'десятки тысяч', 'нескольких сотнях', 'тысячи' (plural, no figure before)."""
    t = ru_table()
    keys: list[str] = []
    k = j
    while k < len(words) and len(keys) < 3:
        lemma = next((x for x in lemmas(words[k].lower) if x in {"несколько", "десяток", "сотня", "тысяча", "миллион",
                                                                  "миллиард"}), None)
        if lemma is None or (lemma != "несколько" and not is_plural(words[k].lower)):
            break
        keys.append(lemma)
        k += 1
    while keys and " ".join(keys) not in t.vague:
        keys.pop()
        k -= 1
    if not keys or keys == ["несколько"] and k < len(words) and lemma_in(words[k], t.scales):
        return None
    low, high = t.vague[" ".join(keys)]
    return k, (low, high)


def share_at(words: list[Word], j: int) -> tuple[int, float | None] | None:
    t = ru_table()
    for size in (2, 1):
        chunk = words[j : j + size]
        if len(chunk) < size:
            continue
        key = " ".join(next((x for x in sorted(lemmas(w.lower)) if x in t.share_words), w.lower) for w in chunk)
        if key in t.shares:
            return j + size, t.shares[key]
    return None


def figure_at(words: list[Word], j: int, text: str) -> tuple[int, Decimal, Decimal | None, bool] | None:
    """(index after, value, upper value of 'две-три', percent) for digits or numeral words with a scale."""
    t = ru_table()
    if j >= len(words):
        return None
    word = words[j]
    high: Decimal | None = None
    if word.text[:1].isdigit():
        value = Decimal(re.sub(r"[ \u00a0]", "", word.text).replace(",", "."))
        k = j + 1
        if is_date_or_ordinal(words, j, text):
            return None
        if k + 1 < len(words) and words[k].text in {"–", "-", "—"} and words[k + 1].text.isdigit() \
                and words[k].start == word.end:
            high = Decimal(words[k + 1].text)
            k += 2
            if YEAR.match(word.text):
                return None
    else:
        spelled = spelled_number(words, j)
        if spelled is None:
            return None
        k, value, high = spelled
    scale = lemma_in(words[k], t.scales) if k < len(words) else None
    if scale is not None:
        value *= t.scales[scale]
        high = high * t.scales[scale] if high is not None else None
        k += 1
    elif value == 1 and not word.text[:1].isdigit():
        return None  # 'один из студентов', 'одно': a pronoun, not a count
    percent = k < len(words) and (words[k].text == "%" or "процент" in lemmas(words[k].lower))
    return (k + 1 if percent else k), value, high, percent


def spelled_number(words: list[Word], j: int) -> tuple[int, Decimal, Decimal | None] | None:
    """'двадцать пять', 'двух', 'две-три' (a range)."""
    t = ru_table()
    word = words[j]
    if "-" in word.lower:
        parts = word.lower.split("-")
        values = [next((t.numbers[x] for x in lemmas(p) if x in t.numbers), None) for p in parts]
        if len(values) == 2 and all(v is not None for v in values):
            return j + 1, Decimal(str(values[0])), Decimal(str(values[1]))
        return None
    total = Decimal(0)
    k = j
    while k < len(words):
        value = next((t.numbers[x] for x in lemmas(words[k].lower) if x in t.numbers), None)
        if value is None or words[k].text[:1].isdigit():
            break
        total += Decimal(str(value))
        k += 1
    return (k, total, None) if k > j else None


def is_date_or_ordinal(words: list[Word], j: int, text: str) -> bool:
    """Years ('в 2025 году'), days of a month ('1 января'), ordinals ('14-е'), scores ('0:4')."""
    t = ru_table()
    raw = words[j].text
    following = words[j + 1] if j + 1 < len(words) else None
    if YEAR.match(raw) and not (following and (following.text == "%" or lemma_in(following, t.scales))):
        return True
    if following is not None and following.lower in t.months:
        return True
    after = text[words[j].end : words[j].end + 2] if text else ""
    if after[:1] in {"-", ":"} and after[1:2].isalpha() or after[:1] == ":":
        return True
    before = text[max(0, words[j].start - 1) : words[j].start] if text else ""
    return before == ":"


def preceded_by_change(words: list[Word], i: int) -> bool:
    """A verb of change among the few words before 'до' in the same clause."""
    t = ru_table()
    for word in reversed(words[max(0, i - 8) : i]):
        if word.text in {",", ".", ";", ":", "—"}:
            return False
        if lemmas(word.lower) & t.change_verbs:
            return True
    return False


def bounds(value: Decimal, modifier: str | None, *, whole: bool) -> tuple[Decimal, Decimal | None]:
    t = ru_table()
    if modifier == "approx":
        return value * (1 - t.approx), value * (1 + t.approx)
    if modifier == "nearly":
        return value * t.nearly, value
    if modifier == "above":
        return (value + 1 if whole else value), None
    if modifier == "at_least":
        return value, None
    if modifier in {"below", "at_most", "up_to"}:
        return Decimal(0), value
    return value, value


def unit_after(words: list[Word], k: int) -> str | None:
    if k >= len(words) or not words[k].text[:1].isalpha():
        return None
    t = ru_table()
    currency = lemma_in(words[k], t.currencies)
    if currency is not None:
        return t.currencies[currency]
    # the most probable noun reading, in pymorphy's order: a set of lemmas has no order, and
    # 'минут' is both 'минута' and 'минуть'
    parses = morph_analyzer().parse(words[k].lower)
    noun = next((p for p in parses if "NOUN" in p.tag), parses[0])
    return str(noun.normal_form).replace("ё", "е")
