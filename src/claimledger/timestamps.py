"""Publication times as instants: the text an article gives ('2025-08-20T09:15:00+03:00',
'Tue, 10 Mar 2026 07:45:00 GMT', '2025-08-20', '20 August 2025') read as a timezone-aware UTC datetime.

Strings sort wrongly across offsets ('07:30+01:00' is after '08:00+02:00'), so every ordering
of articles and appearances goes through these instants: `publication_key` for the store's
article lists, `published_at` for the ledger's appearances. The original text is kept beside the
instant for display. Two conventions: a time without an offset is read as UTC, and a date
without a time as its midnight UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


def utc_instant(text: str | None) -> datetime | None:
    """The instant `text` names, in UTC; None when it is empty or not a date."""
    if not text or not text.strip():
        return None
    text = text.strip()
    try:
        parsed: datetime | None = datetime.fromisoformat(text)
    except ValueError:
        parsed = rfc2822(text) or written_date(text)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def rfc2822(text: str) -> datetime | None:
    """Feed dates: 'Tue, 10 Mar 2026 07:45:00 GMT'; None when the zone is not one RFC 2822 knows
    ('CET' comes back without an offset: dateparser reads it)."""
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo is not None else None


def written_date(text: str) -> datetime | None:
    """Dates in words ('20 August 2025, 09:15'), never relative ones ('yesterday')."""
    import dateparser  # slow to import, and only needed for text that is not ISO 8601 or RFC 2822

    settings = {"PARSERS": ["absolute-time"], "REQUIRE_PARTS": ["day", "month", "year"]}
    return dateparser.parse(text, languages=["en"], settings=settings)  # a named zone gives an offset


def publication_key(instant: datetime | None, stored_at: datetime) -> str:
    """Where an article sorts in the store's publication order, a string that sorts as the
    instants do: its publication instant in UTC, or for an undated (pasted) article the time it
    was stored, so that a new paste comes first on the home page instead of last. The ledger
    orders appearances by `published_at` instead, where undated ones come after every dated one."""
    moment = instant or (stored_at if stored_at.tzinfo else stored_at.replace(tzinfo=UTC))
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
