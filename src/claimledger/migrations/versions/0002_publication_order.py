"""Publication order as an indexed column, so Previous/Next Article is an index lookup.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("sort_key", sa.String(40), nullable=False, server_default=""))
    op.execute("UPDATE articles SET sort_key = COALESCE(published, '')")
    op.create_index("articles_publication_order", "articles", ["sort_key", "sequence"])


def downgrade() -> None:
    op.drop_index("articles_publication_order", table_name="articles")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("sort_key")
