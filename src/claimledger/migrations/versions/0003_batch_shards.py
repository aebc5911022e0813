"""Batch shards whose documents are all in the store, so a rerun of `batch --db` knows which
finished outputs still have documents to store.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "batch_shards",
        sa.Column("output", sa.Text, primary_key=True),
        sa.Column("documents", sa.Integer, nullable=False),
        sa.Column("stored_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("batch_shards")
