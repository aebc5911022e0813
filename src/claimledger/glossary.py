"""What the codes of an analysis document mean, in words: each flag as data/flags.json says
it (the wording the CLI, the Markdown report and the scrutiny line use too), each quote
type, modality and ledger term as data/glossary.json says it.

The web reader takes its badges, tooltips and glossary page from here.
"""

from __future__ import annotations

import re
from functools import cache

import pycountry
from pydantic import BaseModel, ConfigDict

from claimledger.data import load_data


class Term(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    label: str
    definition: str


@cache
def terms(group: str) -> dict[str, Term]:
    """The terms of one group ('flags', 'quote', 'modality', 'ledger') by code."""
    if group == "flags":
        from claimledger.scrutiny import flag_texts

        return {code: Term(code=code, label=text.label, definition=text.explanation)
                for code, text in flag_texts().items()}
    return {code: Term(code=code, **entry) for code, entry in load_data("glossary.json")[group].items()}


def term(group: str, code: str) -> Term:
    """The term for a code; an unknown code reads as itself with spaces."""
    return terms(group).get(code) or Term(code=code, label=code.replace("_", " "), definition="")


WARNING = re.compile(r"^(?P<code>[a-z_]+): body language is '(?P<language>[^']*)'")


def warning_text(warning: str) -> str:
    """A document warning in words: 'not_english: body language is 'de'; ...' becomes a
    sentence naming German."""
    match = WARNING.match(warning)
    template = load_data("glossary.json")["warnings"].get(match.group("code")) if match else None
    if match is None or template is None:
        return warning
    code = match.group("language")
    language = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    return template.format(detail=language.name if language else code)
