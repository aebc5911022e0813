"""A claim as the passes find it, before quantities, places and flags are attached."""

from __future__ import annotations

from dataclasses import dataclass

from claimledger.document import Modality, QuoteType, Speaker


@dataclass
class ClaimDraft:
    """A claim before quantities, places and flags are attached (offsets into the Doc's text)."""

    speaker: Speaker | None  # None until the speakers package has resolved `subject`
    cue_start: int
    cue_end: int
    start: int
    end: int
    quote: QuoteType
    modality: Modality
    channel: str | None = None
    inner_source: str | None = None
    cue_token: int = -1
    subject: int = -1  # index of the token that names the source: a cue's subject, or what follows 'according to'
