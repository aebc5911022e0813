"""Publication instants in UTC, speaker descriptions on claims, ledger ids that survive rebuilds.

- articles.published_at: `published` read as a timezone-aware UTC instant (the text stays for
  display), by timestamps.utc_instant, which also reads feed dates ('Tue, 10 Mar 2026 07:45:00
  GMT') and dates in words; sort_key is computed again from it (undated articles keep the time
  they were stored, as 0005 set it).
- claims.speaker_description: the role or apposition of the speaker, read from the stored
  analysis documents.
- The ledger's tables become ledger_entries and ledger_appearances, keyed by the first
  appearance's claim id instead of a row counter, so /ledger/<id> and the JSON-LD ids name the
  same claim after more articles arrive. Existing entries keep their content and take their
  first claim's id. The ledger is derived data: appearances have no foreign key to claims (a
  headline appearance has no claim row of its own), but name their article, and go with it.
- ledger_charts is keyed by the entry's string id; the charts drawn so far are dropped (they
  are drawn again on the next view).
- ledger_state counts ledger builds: the web caches key on it, since a rebuild can now leave
  the number of entries and their largest id as they were.

Revision ID: 0008
Revises: 0007
"""

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from claimledger.timestamps import utc_instant

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

BATCH = 500


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("published_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("speaker_description", sa.Text, nullable=True))
    fill_instants_and_descriptions()
    op.drop_table("ledger_charts")
    replace_ledger_tables()
    op.create_table(
        "ledger_charts",
        sa.Column("entry_id", sa.String(48), sa.ForeignKey("ledger_entries.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("timeline", sa.Text, nullable=False),
        sa.Column("timeline_text", sa.Text, nullable=False),
        sa.Column("drift", sa.Text),
        sa.Column("drift_text", sa.Text),
    )
    op.create_table("ledger_state", sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
                    sa.Column("builds", sa.Integer, nullable=False))
    op.execute("INSERT INTO ledger_state (id, builds) VALUES (1, 1)")


def publication_key(instant: datetime | None, stored_at: datetime | str) -> str:
    """As timestamps.publication_key was when this migration was written."""
    if instant is None:
        stored_at = stored_at if isinstance(stored_at, datetime) else datetime.fromisoformat(stored_at)
        instant = stored_at if stored_at.tzinfo else stored_at.replace(tzinfo=UTC)
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def fill_instants_and_descriptions() -> None:
    bind = op.get_bind()
    articles = sa.table("articles", sa.column("id"), sa.column("published"), sa.column("document"),
                        sa.column("ingested_at"), sa.column("published_at", sa.DateTime(timezone=True)),
                        sa.column("sort_key"))
    claims = sa.table("claims", sa.column("id"), sa.column("speaker_description"))
    ids = [row[0] for row in bind.execute(sa.select(articles.c.id))]
    for start in range(0, len(ids), BATCH):
        rows = bind.execute(sa.select(articles.c.id, articles.c.published, articles.c.ingested_at,
                                      articles.c.document).where(articles.c.id.in_(ids[start:start + BATCH]))).all()
        for article_id, published, ingested_at, document in rows:
            instant = utc_instant(published)
            stored = instant.replace(tzinfo=None) if instant and bind.dialect.name == "sqlite" else instant
            bind.execute(articles.update().where(articles.c.id == article_id)
                         .values(published_at=stored, sort_key=publication_key(instant, ingested_at)))
            for claim in json.loads(document).get("claims", []):
                description = (claim.get("speaker") or {}).get("description")
                if description:
                    bind.execute(claims.update().where(claims.c.id == f"{article_id}-{claim['id']}")
                                 .values(speaker_description=description))


def replace_ledger_tables() -> None:
    op.create_table(
        "ledger_entries",
        sa.Column("id", sa.String(48), primary_key=True),
        sa.Column("canonical", sa.Text, nullable=False),
        sa.Column("speakers", sa.JSON, nullable=False),
        sa.Column("first_claim_id", sa.String(48), nullable=False),
        sa.Column("appearances", sa.Integer, nullable=False, index=True),
        sa.Column("origins", sa.Integer, nullable=False),
        sa.Column("drift", sa.Boolean, nullable=False),
        sa.Column("details", sa.JSON, nullable=False),
    )
    op.create_table(
        "ledger_appearances",
        sa.Column("entry_id", sa.String(48), sa.ForeignKey("ledger_entries.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("claim_id", sa.String(48), primary_key=True, index=True),
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("origin_claim_id", sa.String(48), nullable=False),
    )
    op.execute("INSERT INTO ledger_entries (id, canonical, speakers, first_claim_id, appearances, origins, drift, "
               "details) SELECT first_claim_id, canonical, speakers, first_claim_id, appearances, origins, drift, "
               "details FROM clusters")
    op.execute("INSERT INTO ledger_appearances (entry_id, claim_id, article_id, origin_claim_id) "
               "SELECT c.first_claim_id, a.claim_id, cl.article_id, a.origin_claim_id FROM appearances a "
               "JOIN clusters c ON c.id = a.cluster_id JOIN claims cl ON cl.id = a.claim_id")
    op.drop_table("appearances")
    op.drop_table("clusters")


def downgrade() -> None:
    op.drop_table("ledger_state")
    op.drop_table("ledger_charts")
    op.create_table(
        "clusters",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("canonical", sa.Text, nullable=False),
        sa.Column("speakers", sa.JSON, nullable=False),
        sa.Column("first_claim_id", sa.String(40), sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
        sa.Column("appearances", sa.Integer, nullable=False, index=True),
        sa.Column("origins", sa.Integer, nullable=False),
        sa.Column("drift", sa.Boolean, nullable=False),
        sa.Column("details", sa.JSON, nullable=False),
    )
    op.create_table(
        "appearances",
        sa.Column("cluster_id", sa.Integer, sa.ForeignKey("clusters.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("claim_id", sa.String(40), sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("origin_claim_id", sa.String(40), nullable=False),
    )
    op.create_index("appearances_claim", "appearances", ["claim_id"])
    op.create_table(
        "ledger_charts",
        sa.Column("cluster_id", sa.Integer, sa.ForeignKey("clusters.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("timeline", sa.Text, nullable=False),
        sa.Column("timeline_text", sa.Text, nullable=False),
        sa.Column("drift", sa.Text),
        sa.Column("drift_text", sa.Text),
    )
    op.drop_table("ledger_appearances")
    op.drop_table("ledger_entries")  # the ledger is derived: `claimledger ledger --rebuild` fills it again
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("speaker_description")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("published_at")
