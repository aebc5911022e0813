"""Search stems Russian articles as Russian: PostgreSQL indexes each row with the text-search
configuration of its stored language (`russian` or `english`); SQLite's FTS5 index gains a
column of Snowball Russian stems for Russian rows, and folds diacritics in every script
(unicode61 remove_diacritics 2). Existing rows are indexed again.

Revision ID: 0007
Revises: 0006
"""

import re

import snowballstemmer
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

CONFIG = "(CASE WHEN language = 'ru' THEN 'russian'::regconfig ELSE 'english'::regconfig END)"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE article_fts")
        op.execute("CREATE VIRTUAL TABLE article_fts USING fts5(article_id UNINDEXED, title, text, stems, "
                   "tokenize='porter unicode61 remove_diacritics 2')")
        reindex_sqlite()
    else:
        op.execute("DROP INDEX articles_search")
        op.execute("ALTER TABLE articles DROP COLUMN search")
        op.execute(f"ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS "
                   f"(to_tsvector({CONFIG}, coalesce(title, '') || ' ' || text)) STORED")
        op.execute("CREATE INDEX articles_search ON articles USING GIN (search)")


def reindex_sqlite() -> None:
    connection = op.get_bind()
    stemmer = snowballstemmer.stemmer("russian")
    rows = connection.execute(sa.text("SELECT id, title, text, language FROM articles ORDER BY sequence"))
    for article_id, title, body, language in rows.all():
        stems = russian_stems(stemmer, f"{title or ''} {body}") if language == "ru" else ""
        connection.execute(sa.text("INSERT INTO article_fts (article_id, title, text, stems) "
                                   "VALUES (:id, :title, :text, :stems)"),
                           {"id": article_id, "title": title or "", "text": body, "stems": stems})


def russian_stems(stemmer: snowballstemmer.stemmer, text: str) -> str:
    """As search_terms.russian_stems was when this migration was written (kept here so that
    the migration means the same whatever later becomes of that module)."""
    words = [w.lower() for w in re.findall(r"\w+", text) if re.search(r"[а-яё]", w, re.IGNORECASE)]
    return " ".join(stemmer.stemWords(words))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE article_fts")
        op.execute("CREATE VIRTUAL TABLE article_fts USING fts5(article_id UNINDEXED, title, text, "
                   "tokenize='porter unicode61')")
        op.execute("INSERT INTO article_fts (article_id, title, text) "
                   "SELECT id, coalesce(title, ''), text FROM articles")
    else:
        op.execute("DROP INDEX articles_search")
        op.execute("ALTER TABLE articles DROP COLUMN search")
        op.execute("ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS "
                   "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED")
        op.execute("CREATE INDEX articles_search ON articles USING GIN (search)")
