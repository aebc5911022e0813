"""Russian names in the nominative: 'по словам Свиридова' speaks for 'Свиридов', 'Кривошеевой'
for 'Кривошеева', 'краевой прокуратуры' for 'краевая прокуратура'.

pymorphy3 inflects one word at a time; the parse says which words change. A phrase changes
its head noun and the adjectives, determiners and numerals that agree with it, and a
person's name changes each of its parts; genitive dependents ('министерство спорта
Саратовской области'), quoted names and words pymorphy3 does not know as names ('Лысенко',
'Малых') stay as written. natasha's own normaliser is not used: it rebuilds whole spans and
garbles multi-word organisation names.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from spacy.tokens import Token

from claimledger.nlp_ru import UD_CASES, morph_analyzer

NAME_GRAMMEMES = {"Name", "Surn", "Patr"}
AGREEING = {"amod", "det", "nummod", "nummod:gov"}
# a capitalised quotation of up to this many words is a name («Газтранзит Евразия»), not
# quoted speech; the longest organisation names in the dev cases have three words
MAX_NAME_WORDS = 4
# how a word is put in the nominative: a person's name, another proper name, a common word
WordKind = Literal["person", "proper", "common"]
AUTHOR_DASHES = {"—", "–"}
# punctuation that ends the quoted words before a dash opens or closes the author's words
SPEECH_ENDS = {",", ".", "!", "?", "…", "?!", "!.."}


def case_of(token: Token) -> str | None:
    values = token.morph.get("Case")
    return values[0] if values else None


def gender_of(token: Token) -> str | None:
    values = token.morph.get("Gender")
    return {"Masc": "masc", "Fem": "femn", "Neut": "neut"}.get(values[0]) if values else None


def plural(token: Token) -> bool:
    return token.morph.get("Number") == ["Plur"]


def keep_case(original: str, word: str) -> str:
    """`word` (pymorphy3's lower-case form) capitalised as `original` was, part by part in a
    hyphenated name ('Урал-Информу' -> 'Урал-Информ')."""
    if original.isupper() and len(original) > 1:
        return original
    parts, new_parts = original.split("-"), word.split("-")
    if len(parts) != len(new_parts):
        parts, new_parts = [original], [word]
    return "-".join(new[:1].upper() + new[1:] if old[:1].isupper() else new
                    for old, new in zip(parts, new_parts, strict=True))


@lru_cache(maxsize=16384)
def inflect_word(word: str, case: str, gender: str | None, number_plural: bool, kind: WordKind) -> str:
    """`word`, read in UD case `case`, put in the nominative; unchanged when pymorphy3 has no
    analysis in that case (indeclinable surnames, foreign words).

    A person's name changes only through pymorphy3's name analyses ('Малых' is no form of
    'малый'). A proper name of anything else ('в Роскомнадзоре', 'по данным Росавиации')
    changes through its noun analyses, dictionary or predicted for an unknown word, and only
    when they agree on one nominative: 'Полка' read as a genitive could be 'полк' or 'полок',
    so it stays as written."""
    grammeme = UD_CASES.get(case)
    if grammeme is None or grammeme == "nomn":
        return word
    parses = [p for p in morph_analyzer().parse(word) if p.tag.case == grammeme]
    if kind == "person":
        parses = [p for p in parses if NAME_GRAMMEMES & set(p.tag.grammemes)]
    elif kind == "proper":
        parses = [p for p in parses if p.tag.POS == "NOUN"]
        if len({p.normal_form for p in parses}) > 1:
            return word
    if gender is not None:
        parses = [p for p in parses if p.tag.gender in {gender, None, "ms-f"}] or parses
    for parse in parses:
        wanted = {"nomn", "plur" if number_plural else "sing"}
        if parse.tag.POS in {"ADJF", "PRTF", "NUMR"} and not number_plural and gender is not None:
            wanted.add(gender)
        inflected = parse.inflect(wanted) or parse.inflect({"nomn"})
        if inflected is not None:
            return keep_case(word, inflected.word)
    return word


def nominative_phrase(tokens: list[Token], head: Token) -> str:
    """The phrase of `tokens` (in text order, `head` among them) with its head noun, the words
    agreeing with it and any name parts put in the nominative."""
    case = case_of(head)
    if case in {None, "Nom"}:
        return text_of(tokens)
    gender, many = gender_of(head), plural(head)
    is_name = head.ent_type_ == "PERSON" or head.pos_ == "PROPN"
    changed = []
    head_quoted = quoted(head)
    for token in tokens:
        word = token.text
        # a name quoted after its descriptor keeps its form ('компании «ЮгСтройИнвест»'); a
        # quoted name that is itself the phrase declines ('по подсчетам «Степного ветра»')
        inside_quotes = quoted(token) and not head_quoted
        agrees = token.head.i == head.i and token.dep_ in AGREEING and case_of(token) == case
        name_part = is_name and token.dep_ in {"flat:name", "flat", "appos"} and token.head.i == head.i
        if not inside_quotes and (token.i == head.i or agrees or (name_part and case_of(token) == case)):
            word = inflect_word(word, case, gender, many, word_kind(token, head))
        changed.append(word + token.whitespace_)
    return "".join(changed).strip()


def word_kind(token: Token, head: Token) -> WordKind:
    """How `token` of the phrase headed by `head` declines: as a person's name, as another
    proper name (a proper noun, or a noun inside an ORG name: natasha tags «Полка» a noun),
    or as a common word."""
    if head.ent_type_ == "PERSON":
        return "person" if token.pos_ == "PROPN" else "common"
    if token.pos_ == "PROPN" and head.pos_ == "PROPN" or token.pos_ == "NOUN" and token.ent_type_ == "ORG":
        return "proper"
    return "common"


def quoted(token: Token) -> bool:
    """Whether the token stands between «ёлочки» in its sentence (a quoted name keeps its form),
    and not in the author's words that interrupt a quotation: in '«A, — сказал министр, — B»'
    'сказал министр' stands between the marks but is the reporter's, not the quoted words.
    Russian punctuation sets those words off with a dash after a comma (or '.', '!', '?',
    '…'), and the next such dash resumes the quotation."""
    doc = token.doc
    depth, author = 0, False
    for t in doc[token.sent.start : token.i]:
        if t.text == "«":
            depth += 1
        elif t.text == "»":
            depth, author = max(depth - 1, 0), False
        elif depth and t.text in AUTHOR_DASHES and t.i > 0 and doc[t.i - 1].text in SPEECH_ENDS:
            author = not author
    return depth > 0 and not author


def is_quoted_name(quoted: str) -> bool:
    """«Братское плечо», «Обская ярмарка»: a short capitalised title in quotation marks names
    an organisation, a product or an outlet; it does not quote anyone."""
    return quoted[:1].isupper() and len(quoted.split()) <= MAX_NAME_WORDS


@lru_cache(maxsize=16384)
def can_be_nominative(word: str) -> bool:
    """Whether pymorphy3 reads `word` as a nominative, or as nothing with a case at all (a
    foreign or unknown word): 'Белка' can be, 'Солнечной' cannot."""
    parses = [p for p in morph_analyzer().parse(word) if p.tag.case is not None]
    return not parses or any(p.tag.case == "nomn" for p in parses)


def text_of(tokens: list[Token]) -> str:
    return "".join(t.text + t.whitespace_ for t in tokens).strip()


def surname_key(token: Token) -> str:
    """A surname's dictionary form, the same for every case and both genders: 'Зубаревой',
    'Зубарева' -> 'зубарев'; an unknown word is its own key ('малых')."""
    return surname_lemma(token.text)


@lru_cache(maxsize=16384)
def surname_lemma(word: str) -> str:
    for parse in morph_analyzer().parse(word):
        if "Surn" in parse.tag.grammemes:
            return parse.normal_form.replace("ё", "е")
    return word.lower().replace("ё", "е")


def inflect_to(name: str, case: str) -> str:
    """A person's nominative name in another case (UD case name), for rewriting 'его' as
    'Свиридова': each word that pymorphy3 knows as a name part changes."""
    grammeme = UD_CASES[case]
    out = []
    for word in name.split():
        parses = [p for p in morph_analyzer().parse(word) if p.tag.case == "nomn"
                  and NAME_GRAMMEMES & set(p.tag.grammemes)]
        inflected = parses[0].inflect({grammeme}) if parses else None
        out.append(keep_case(word, inflected.word) if inflected is not None else surname_genitive(word)
                   if grammeme == "gent" else word)
    return " ".join(out)


# genitive endings of the common surname types pymorphy3's dictionary may not know ('Сомов')
GENITIVE_ENDINGS = (("ова", "овой"), ("ева", "евой"), ("ина", "иной"), ("ына", "ыной"), ("ская", "ской"),
                    ("цкая", "цкой"), ("ский", "ского"), ("цкий", "цкого"), ("ов", "ова"), ("ев", "ева"),
                    ("ёв", "ёва"), ("ин", "ина"), ("ын", "ына"))


def surname_genitive(word: str) -> str:
    for ending, genitive in GENITIVE_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[: -len(ending)] + genitive
    return word  # 'Лысенко', 'Малых' do not decline
