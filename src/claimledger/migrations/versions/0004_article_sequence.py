"""Ingestion order from the database itself, so concurrent ingests never share a `sequence`
(it was `max + 1`, read before the insert). PostgreSQL gets a sequence; SQLite computes
`max + 1` inside the INSERT, under its single-writer lock, and needs no schema change.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE SEQUENCE articles_sequence_seq OWNED BY articles.sequence")
        op.execute("SELECT setval('articles_sequence_seq', "
                   "COALESCE((SELECT MAX(sequence) FROM articles), 0) + 1, false)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP SEQUENCE articles_sequence_seq")
