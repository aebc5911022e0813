"""The ledger kept up to date at ingest: band keys, units, recorded merges.

- ledger_bands: the MinHash LSH band keys of every appearance (claims and headlines,
  ledger.bands), keyed by (key, claim_id) so that a new claim's candidates are an index lookup
  of its keys. SQLite keeps it WITHOUT ROWID: the key index is the table.
- ledger_units: each appearance's unit of recomputation (ledger.clusters.units), named by
  its first member: ingest recomputes only the units a new article touches.
- ledger_merges: an entry id absorbed into another when a new claim bridged them, and where
  it went, so that old addresses still lead somewhere.
- ledger_state.current: the bands and units describe every stored claim, so ingest may attach
  new claims to them. False for a store that already holds claims (its ledger was built before
  there were bands): the next `ingest` or `ledger --rebuild` builds it in full and sets it.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ledger_bands",
        sa.Column("key", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("claim_id", sa.String(48), primary_key=True),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "ledger_units",
        sa.Column("claim_id", sa.String(48), primary_key=True),
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("unit_id", sa.String(48), nullable=False, index=True),
    )
    op.create_table(
        "ledger_merges",
        sa.Column("old_id", sa.String(48), primary_key=True),
        sa.Column("into_id", sa.String(48), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    with op.batch_alter_table("ledger_state") as batch:
        batch.add_column(sa.Column("current", sa.Boolean, nullable=False, server_default=sa.false()))
    op.execute("UPDATE ledger_state SET current = NOT EXISTS (SELECT 1 FROM claims)")


def downgrade() -> None:
    with op.batch_alter_table("ledger_state") as batch:
        batch.drop_column("current")
    op.drop_table("ledger_merges")
    op.drop_table("ledger_units")
    op.drop_table("ledger_bands")
