"""Russian summary sentences that name their sources: 'По его словам, ...' becomes 'По словам
Свиридова, ...', 'Он отметил' becomes 'Тимофеев отметил', 'По словам адвоката' becomes 'По
словам Ахметова'; the name is put in the case the replaced words had (pymorphy3). A sentence
that already names the source in any case form ('Свиридову', 'в министерстве') is left alone."""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimledger.document import Claim, SummarySentence
from claimledger.parties import same_word
from claimledger.speakers.russian import ru_speaker_words
from claimledger.speakers.russian_names import inflect_to
from claimledger.summarize import Chosen, mention_position
from claimledger.text import surname

POSSESSIVES = {"его", "её", "ее", "их"}
NOMINATIVE_PRONOUNS = {"он", "она", "они"}
# a stem shared by the case forms of a name: 'Зубарева', 'Зубаревой' -> 'Зубарев'
STEM_CUT = 2
MIN_STEM_WORD = 5


def attributed_ru(sentence: Chosen, claims: list[Claim]) -> SummarySentence:
    """The sentence with each unnamed source named, outside quotations and direct speech only."""
    edits: dict[int, tuple[int, str]] = {}  # position -> (length replaced, replacement)
    named = sentence.unquoted
    for claim in sorted(claims, key=lambda c: -c.cue.start):
        if names_source(named, claim):
            continue
        edit = rename(sentence.unquoted, claim, claim.cue.start - sentence.start,
                      sentence.before + sentence.text + sentence.after)
        if edit is None or edit.position in edits:
            continue
        edits[edit.position] = (edit.length, edit.replacement)
        named += " " + edit.replacement
    for claim in claims:  # 'пресс-секретарь предприятия' -> 'пресс-секретарь предприятия «ВяткаТеплоРесурс»'
        body = sentence.bodies.get(claim.speaker.name)
        position = mention_position(sentence.unquoted, claim.speaker.mention, claim.cue.start - sentence.start)
        printed = printed_name(body, sentence.before + sentence.text + sentence.after) if body is not None else None
        if printed is None or position is None or names_name(named, body):
            continue
        edit = named_body(claim.speaker.mention, position, printed)
        if edit is not None and edit.position not in edits:
            edits[edit.position] = (edit.length, edit.replacement)
            named += " " + edit.replacement
    return sentence.edited(edits)


def stems(name: str) -> list[str]:
    words = [w for w in re.findall(r"\w+", name.lower().replace("ё", "е")) if len(w) > 3]
    return [w[:-STEM_CUT] if len(w) >= MIN_STEM_WORD else w for w in words]


def names_source(sentence: str, claim: Claim) -> bool:
    """The sentence names the source: a person's surname or an organisation's words in any case."""
    return names_name(sentence, surname(claim.speaker.name) if claim.speaker.kind == "named" else claim.speaker.name)


def names_name(sentence: str, name: str) -> bool:
    lowered = sentence.lower().replace("ё", "е")
    keys = stems(name)
    return bool(keys) and all(re.search(rf"\b{re.escape(k)}", lowered) for k in keys)


@dataclass(frozen=True)
class Edit:
    position: int
    length: int
    replacement: str


def named_body(mention: str, position: int, name: str) -> Edit | None:
    """'В пресс-службе компании заявили' -> 'В пресс-службе компании «Лена-Нефтесбыт» заявили':
    a body referred to by a common noun ('компании', 'ведомстве', 'клубе') gets its proper
    name in quotation marks after that noun, where Russian keeps it in the nominative. A
    name that is itself a common noun phrase ('министерство спорта') is left as the article
    has it."""
    nouns = ru_speaker_words().organization | ru_speaker_words().generic_organization
    words = list(re.finditer(r"[\w-]+", mention))
    first = re.match(r"[\w-]+", name)
    if first is None or not name[:1].isupper() or any(same_word(first.group().lower(), n, "ru") for n in nouns):
        return None
    common = [w for w in words if any(same_word(w.group().lower(), n, "ru") for n in nouns)]
    if not common:
        return None
    at = position + common[-1].end()
    return Edit(at, 0, f" «{name}»")


def printed_name(name: str, article: str) -> str | None:
    """The body's name as the article prints it after a common noun ('компании «Лена-Нефтесбыт»'),
    where Russian keeps a quoted name in the nominative; None when the article never does (a
    name seen only as 'в «Горводоканале»' is not safe to repeat)."""
    nouns = ru_speaker_words().organization | ru_speaker_words().generic_organization
    for found in re.finditer(r"([\w-]+)\s+«([^«»]+)»", article):
        noun, quoted = found.group(1).lower(), found.group(2)
        if any(same_word(noun, n, "ru") for n in nouns) \
                and (quoted == name or same_word(quoted.lower(), name.lower(), "ru")):
            return quoted
    # the name exactly as the speaker has it, quoted anywhere ('Группировка, называющая себя
    # «Сумрак», ...' for a lede's 'Хакерская группировка'): a quoted name in its own form
    return name if f"«{name}»" in article else None


def rename(unquoted: str, claim: Claim, cue: int, article: str) -> Edit | None:
    """How to name the claim's source in the sentence (`unquoted`: its text with quotations
    blanked out; `cue`: where its cue stands; `article`: the article's text),
    or None when its mention cannot be replaced. A body's name is added only in a form the
    article prints (`printed_name`), before or after the sentence: a lede describes a body the
    article names further down."""
    mention = claim.speaker.mention
    short = surname(claim.speaker.name) if claim.speaker.kind == "named" else claim.speaker.name
    lower = mention.lower()
    if lower in POSSESSIVES:  # 'По его словам' -> 'По словам Свиридова'
        genitive = inflect_to(short, "Gen") if claim.speaker.kind == "named" else short
        found = re.search(rf"\b(по|согласно)\s+{re.escape(mention)}\s+(\w+)", unquoted, re.IGNORECASE)
        if found is None:
            return None
        return Edit(found.start(), found.end() - found.start(), f"{found.group(1)} {found.group(2)} {genitive}")
    position = mention_position(unquoted, mention, cue)
    if position is None:
        return None
    if claim.quote == "according_to" and claim.speaker.kind == "named":
        replacement = inflect_to(short, "Gen")  # 'по словам адвоката' -> 'по словам Ахметова'
    elif lower in NOMINATIVE_PRONOUNS or claim.speaker.kind == "named":
        replacement = short
    elif claim.speaker.kind == "organization":
        printed = printed_name(claim.speaker.name, article)
        return named_body(mention, position, printed) if printed is not None else None
    else:
        return None  # an unnamed source named in its own words
    if position == 0:
        replacement = replacement[:1].upper() + replacement[1:]
    return Edit(position, len(mention), replacement)
