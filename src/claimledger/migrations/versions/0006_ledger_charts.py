"""A ledger entry's two charts, drawn once on first view and kept with the entry (they go
when the ledger is rebuilt, with the entry).

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ledger_charts",
        sa.Column("cluster_id", sa.Integer, sa.ForeignKey("clusters.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("timeline", sa.Text, nullable=False),
        sa.Column("timeline_text", sa.Text, nullable=False),
        sa.Column("drift", sa.Text),
        sa.Column("drift_text", sa.Text),
    )


def downgrade() -> None:
    op.drop_table("ledger_charts")
