"""Publication times read as instants in UTC, whatever form and offset the article gives."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from claimledger.timestamps import publication_key, utc_instant


def test_offsets_are_compared_as_instants_not_as_strings():
    later, earlier = utc_instant("2025-08-20T07:30:00+01:00"), utc_instant("2025-08-20T08:00:00+02:00")
    assert "2025-08-20T07:30:00+01:00" < "2025-08-20T08:00:00+02:00"  # what sorting the text did
    assert earlier < later
    assert later == datetime(2025, 8, 20, 6, 30, tzinfo=UTC)


@pytest.mark.parametrize("text, expected", [
    ("2025-08-20T09:15:00Z", datetime(2025, 8, 20, 9, 15, tzinfo=UTC)),
    ("2025-08-20", datetime(2025, 8, 20, tzinfo=UTC)),  # a date alone: its midnight UTC
    ("2025-08-20 09:15", datetime(2025, 8, 20, 9, 15, tzinfo=UTC)),  # no offset: read as UTC
    ("Tue, 10 Mar 2026 07:45:00 +0100", datetime(2026, 3, 10, 6, 45, tzinfo=UTC)),  # feeds
    ("20 August 2025, 09:15 CET", datetime(2025, 8, 20, 8, 15, tzinfo=UTC)),  # written out, with a named zone
])
def test_publication_text_reads_as_utc_instant(text, expected):
    assert utc_instant(text) == expected


@pytest.mark.parametrize("text", [None, "", "yesterday", "next week", "12", "March 2025"])
def test_relative_partial_or_missing_dates_are_undated(text):
    assert utc_instant(text) is None


def test_publication_key_sorts_as_the_instants_do_and_undated_by_when_they_were_stored():
    texts = ["2025-08-20T08:00:00+02:00", "2025-08-20T07:30:00+01:00", "2025-08-19T23:00:00-05:00",
             "Wed, 20 Aug 2025 05:00:00 GMT"]
    stored = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    keys = [publication_key(utc_instant(t), stored) for t in texts]
    assert sorted(keys) == [keys[2], keys[3], keys[0], keys[1]]  # 04:00, 05:00, 06:00 and 06:30 UTC
    assert publication_key(None, stored) == "2026-01-02T03:04:05" > max(keys)  # a new paste is the newest
