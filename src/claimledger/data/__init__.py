"""The lexicons and tables the stages read (cue verbs, speaker words, places, quantities,
page chrome), shipped as JSON beside this module so they can be edited without code."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_data(name: str) -> dict[str, Any]:
    """The parsed JSON file `name` (e.g. "cues.json"), read once per process. The result is
    shared between callers: build your own structures from it, never change it."""
    return json.loads(resources.files(__name__).joinpath(name).read_text("utf-8"))
