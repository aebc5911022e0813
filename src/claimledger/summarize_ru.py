"""Russian summary sentences that name their sources: 'По его словам, ...' becomes 'По словам
Свиридова, ...', 'Он отметил' becomes 'Тимофеев отметил', 'По словам адвоката' becomes 'По
словам Ахметова'; the name is put in the case the replaced words had (pymorphy3). A sentence
that already names the source in any case form ('Свиридову', 'в министерстве') is left alone."""

from __future__ import annotations

import re

from spacy.tokens import Span

from claimledger.document import Claim, SummarySentence
from claimledger.speakers.russian_names import inflect_to
from claimledger.text import surname

POSSESSIVES = {"его", "её", "ее", "их"}
NOMINATIVE_PRONOUNS = {"он", "она", "они"}
# a stem shared by the case forms of a name: 'Зубарева', 'Зубаревой' -> 'Зубарев'
STEM_CUT = 2
MIN_STEM_WORD = 5


def attributed_ru(span: Span, claims: list[Claim]) -> SummarySentence:
    text = span.text.strip()
    base = span.start_char + (len(span.text) - len(span.text.lstrip()))
    edited = text
    for claim in sorted(claims, key=lambda c: -c.cue.start):
        if names_source(edited, claim):
            continue
        edited = rename(edited, claim)
    if edited == text:
        return SummarySentence(text=text, start=base, end=base + len(text))
    return SummarySentence(text=edited, start=base, end=base + len(text), edited=True, original=text)


def stems(name: str) -> list[str]:
    words = [w for w in re.findall(r"\w+", name.lower().replace("ё", "е")) if len(w) > 3]
    return [w[:-STEM_CUT] if len(w) >= MIN_STEM_WORD else w for w in words]


def names_source(sentence: str, claim: Claim) -> bool:
    """The sentence names the source: a person's surname or an organisation's words in any case."""
    lowered = sentence.lower().replace("ё", "е")
    name = surname(claim.speaker.name) if claim.speaker.kind == "named" else claim.speaker.name
    keys = stems(name)
    return bool(keys) and all(re.search(rf"\b{re.escape(k)}", lowered) for k in keys)


def rename(sentence: str, claim: Claim) -> str:
    mention = claim.speaker.mention
    short = surname(claim.speaker.name) if claim.speaker.kind == "named" else claim.speaker.name
    lower = mention.lower()
    if lower in POSSESSIVES:  # 'По его словам' -> 'По словам Свиридова'
        genitive = inflect_to(short, "Gen") if claim.speaker.kind == "named" else short
        pattern = re.compile(rf"\b(по|согласно)\s+{re.escape(mention)}\s+(\w+)", re.IGNORECASE)
        return pattern.sub(lambda m: f"{m.group(1)} {m.group(2)} {genitive}", sentence, count=1)
    position = sentence.find(mention)
    if position < 0:
        return sentence
    if claim.quote == "according_to" and claim.speaker.kind == "named":
        replacement = inflect_to(short, "Gen")  # 'по словам адвоката' -> 'по словам Ахметова'
    elif lower in NOMINATIVE_PRONOUNS or claim.speaker.kind == "named":
        replacement = short
    else:
        return sentence  # an organisation or unnamed source named in its own words
    if position == 0:
        replacement = replacement[:1].upper() + replacement[1:]
    return sentence[:position] + replacement + sentence[position + len(mention):]
