"""Undated articles sort by the time they were stored (not as the oldest); dated ones by
their publication time in UTC; appearances are looked up by claim.

Revision ID: 0005
Revises: 0004
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, published, ingested_at FROM articles")).all()
    for article_id, published, ingested_at in rows:
        stored_at = ingested_at if isinstance(ingested_at, datetime) else datetime.fromisoformat(ingested_at)
        connection.execute(sa.text("UPDATE articles SET sort_key = :key WHERE id = :id"),
                           {"key": publication_key(published, stored_at), "id": article_id})
    op.create_index("appearances_claim", "appearances", ["claim_id"])


def publication_key(published: str | None, stored_at: datetime) -> str:
    """As store.publication_key was when this migration was written (kept here so that the
    migration means the same whatever later becomes of the store's version)."""
    moment = None
    if published:
        try:
            moment = datetime.fromisoformat(published.replace("Z", "+00:00"))
        except ValueError:
            moment = None
    moment = moment or stored_at
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def downgrade() -> None:
    op.drop_index("appearances_claim", table_name="appearances")
    op.execute("UPDATE articles SET sort_key = COALESCE(published, '')")
