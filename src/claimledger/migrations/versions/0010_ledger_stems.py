"""The content stems of every appearance beside its band keys (ledger.bands.StoredStems).

- ledger_stems: an appearance's content stems as one text, those of each sentence when it has
  more than one, and its main figure as JSON ('' for none, NULL for not kept). An update at
  ingest reads them for the appearances its band keys find and rejects, before loading any
  claim, those it would reject after loading it (not `bands.comparable`, or below every bar of
  `match`): the buckets of a band key grow with the store, the appearances that pass far less.
  SQLite keeps it WITHOUT ROWID.

A store whose ledger is current keeps attaching without the stems of its earlier appearances
(an appearance without stored stems is loaded and decided as before); `ledger --rebuild` fills
them for all.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ledger_stems",
        sa.Column("claim_id", sa.String(48), primary_key=True),
        sa.Column("stems", sa.Text, nullable=False),
        sa.Column("sentences", sa.Text, nullable=False, server_default=""),
        sa.Column("figure", sa.Text, nullable=True),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("ledger_stems")
