"""The languages claimledger analyses, and each one's front end.

A front end is what differs per language: the parser that turns the body into a spaCy
`Doc`, the claim passes and speaker resolution that read that parse, and the place and
quantity readers with their lexicons. Everything after them (claims as documents,
scrutiny, summary, store, ledger) is shared. The body's language is detected by py3langid
in `extract`; an article in any other language is extracted but not analysed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from claimledger.claims import ClaimDraft
from claimledger.places import PlaceMention
from claimledger.quantities import QuantityMention

SUPPORTED = ("en", "ru")
NAMES = {"en": "English", "ru": "Russian"}


@dataclass(frozen=True)
class FrontEnd:
    code: str
    parse: Callable[[str], Doc]
    claims: Callable[[Doc], list[ClaimDraft]]
    places: Callable[[Doc], list[PlaceMention]]
    quantities: Callable[[str], list[QuantityMention]]
    attribute: Callable | None = None  # how a summary sentence is made to name its source; None: English


def language_of(code: str | None) -> str | None:
    """The supported language an article's detected code stands for; undetected bodies (too
    short to tell) are read as English, as before languages were detected."""
    code = code or "en"
    return code if code in SUPPORTED else None


def supported_names() -> str:
    return " and ".join(NAMES[c] for c in SUPPORTED)


@cache
def front_end(code: str) -> FrontEnd:
    if code == "ru":
        return russian()
    return english()


def english() -> FrontEnd:
    from claimledger.claims import extract_claims
    from claimledger.nlp import load_nlp, parse
    from claimledger.places import find_places
    from claimledger.quantities import find_quantities
    from claimledger.speakers import SpeakerResolver

    return FrontEnd(code="en", parse=parse,
                    claims=lambda doc: extract_claims(doc, SpeakerResolver(doc)),
                    places=lambda doc: find_places(doc, load_nlp()), quantities=find_quantities)


def russian() -> FrontEnd:
    from claimledger.claims.russian import extract_claims_ru
    from claimledger.nlp_ru import parse_russian
    from claimledger.places_ru import find_places_ru
    from claimledger.quantities_ru import find_quantities_ru
    from claimledger.speakers.russian import RussianSpeakerResolver
    from claimledger.summarize_ru import attributed_ru

    return FrontEnd(code="ru", parse=parse_russian,
                    claims=lambda doc: extract_claims_ru(doc, RussianSpeakerResolver(doc)),
                    places=find_places_ru, quantities=find_quantities_ru, attribute=attributed_ru)
