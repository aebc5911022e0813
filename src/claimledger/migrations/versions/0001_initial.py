"""Initial corpus schema: articles, speakers, claims, clusters, appearances, full-text search.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("site", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("published", sa.String(40), index=True),
        sa.Column("language", sa.String(8)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("ingested_at", sa.DateTime, nullable=False, index=True),
        sa.Column("sequence", sa.Integer, nullable=False, index=True),
    )
    op.create_table(
        "speakers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(300), nullable=False, index=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.UniqueConstraint("name", "kind"),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("speaker_id", sa.Integer, sa.ForeignKey("speakers.id"), nullable=False, index=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("cue", sa.Text, nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("quote", sa.String(20), nullable=False),
        sa.Column("modality", sa.String(20), nullable=False),
        sa.Column("channel", sa.Text),
        sa.Column("flags", sa.JSON, nullable=False),
        sa.Column("quantities", sa.JSON, nullable=False),
        sa.Column("places", sa.JSON, nullable=False),
    )
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
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE article_fts USING fts5(article_id UNINDEXED, title, text, "
                   "tokenize='porter unicode61')")
    else:
        op.execute("ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS "
                   "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED")
        op.execute("CREATE INDEX articles_search ON articles USING GIN (search)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE article_fts")
    for table in ("appearances", "clusters", "claims", "speakers", "articles"):
        op.drop_table(table)
