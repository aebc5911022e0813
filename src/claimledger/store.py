"""The corpus store: articles, their analysis documents, claims, speakers and ledger clusters.

SQLAlchemy 2 models; the schema itself is created and upgraded by Alembic migrations
(src/claimledger/migrations), never by `create_all`, so SQLite files and PostgreSQL
databases move forward the same way. SQLite is the default (a file in the user data
directory, WAL mode, FTS5 search); PostgreSQL uses a generated tsvector column.

Each article is written in one transaction, so a crash loses at most the article in flight.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import platformdirs
from sqlalchemy import (
    JSON,
    ColumnElement,
    ForeignKey,
    Integer,
    Select,
    String,
    Text,
    cast,
    create_engine,
    event,
    exists,
    func,
    select,
    text,
    tuple_,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Engine, Row
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

from claimledger.document import AnalysisDocument, Modality, QuoteType, SpeakerKind
from claimledger.records import (
    ArticleListItem,
    CorpusCounts,
    LedgerEntry,
    Neighbours,
    SearchHit,
    SpeakerCount,
    StoredClaim,
    StoredLedgerEntry,
)

SEARCH_LIMIT = 20  # a page of results; snippets cost time per hit
ADD_ATTEMPTS = 3  # a concurrent writer can win a unique key once per new speaker; retries are rare


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    site: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(40), index=True)
    language: Mapped[str | None] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    document: Mapped[str] = mapped_column(Text)  # the AnalysisDocument as JSON
    ingested_at: Mapped[datetime] = mapped_column(index=True)
    sequence: Mapped[int] = mapped_column(Integer, index=True)  # ingestion order, a stable tie-break
    sort_key: Mapped[str] = mapped_column(String(40), default="")  # published or "": publication order

    claims: Mapped[list[ClaimRow]] = relationship(back_populates="article", cascade="all, delete-orphan")


class SpeakerRow(Base):
    __tablename__ = "speakers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[SpeakerKind] = mapped_column(String(20))


class ClaimRow(Base):
    __tablename__ = "claims"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)  # '<article id>-<claim id>'
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    cue: Mapped[str] = mapped_column(Text)
    content: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[QuoteType] = mapped_column(String(20))
    modality: Mapped[Modality] = mapped_column(String(20))
    channel: Mapped[str | None] = mapped_column(Text)
    flags: Mapped[list] = mapped_column(JSON)
    quantities: Mapped[list] = mapped_column(JSON)
    places: Mapped[list] = mapped_column(JSON)

    article: Mapped[ArticleRow] = relationship(back_populates="claims")
    speaker: Mapped[SpeakerRow] = relationship()


class ClusterRow(Base):
    __tablename__ = "clusters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    canonical: Mapped[str] = mapped_column(Text)
    speakers: Mapped[list] = mapped_column(JSON)
    first_claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    appearances: Mapped[int] = mapped_column(Integer, index=True)
    origins: Mapped[int] = mapped_column(Integer)
    drift: Mapped[bool]
    details: Mapped[dict] = mapped_column(JSON)  # copy chains and the range each appearance gives


class AppearanceRow(Base):
    __tablename__ = "appearances"

    cluster_id: Mapped[int] = mapped_column(ForeignKey("clusters.id", ondelete="CASCADE"), primary_key=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    origin_claim_id: Mapped[str] = mapped_column(String(40))  # the appearance this one was copied from, or itself


class BatchShardRow(Base):
    """A batch output whose documents are all committed to this store."""

    __tablename__ = "batch_shards"

    output: Mapped[str] = mapped_column(Text, primary_key=True)  # the output file's absolute path
    documents: Mapped[int] = mapped_column(Integer)
    stored_at: Mapped[datetime]


def default_url() -> str:
    folder = Path(platformdirs.user_data_dir("claimledger"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'claimledger.db'}"


def make_engine(url: str) -> Engine:
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection, _record):  # WAL: readers never block the one writer
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()
    return engine


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema (Alembic `upgrade head`)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("claimledger") / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class Store:
    """All reads and writes of the corpus; the only module that speaks SQL."""

    def __init__(self, url: str | None = None, *, upgrade: bool = True):
        """Open the store at `url` and bring its schema to the newest migration; `upgrade=False`
        is for processes started by one that has just done so (the server's workers)."""
        self.url = url or default_url()
        self.engine = make_engine(self.url)
        if upgrade:
            migrate(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    # -- writing ------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with Session(self.engine) as session:
            return session.get(ArticleRow, article_id) is not None

    def add(self, doc: AnalysisDocument) -> bool:
        """Store one analysed article in one transaction; False when it is already there.
        Safe beside concurrent writers: should another one store the same article or a new
        speaker of it first, the unique keys refuse ours and the transaction is tried again."""
        for attempt in range(ADD_ATTEMPTS):
            try:
                return self._add(doc)
            except IntegrityError:
                if attempt == ADD_ATTEMPTS - 1:
                    raise
        return False

    def _add(self, doc: AnalysisDocument) -> bool:
        with Session(self.engine) as session, session.begin():
            if session.get(ArticleRow, doc.article.id) is not None:
                return False
            article = doc.article
            row = ArticleRow(id=article.id, source=article.source, title=article.title, site=article.site,
                             author=article.author, published=article.published, language=article.language,
                             text=article.text, document=doc.model_dump_json(), ingested_at=datetime.now(UTC),
                             sequence=self._next_sequence(), sort_key=article.published or "")
            session.add(row)
            for position, claim in enumerate(doc.claims):
                speaker = self._speaker(session, claim.speaker.name, claim.speaker.kind)
                session.add(ClaimRow(
                    id=f"{article.id}-{claim.id}", article_id=article.id, speaker_id=speaker.id, position=position,
                    cue=claim.cue.text, content=claim.content.text, start=claim.content.start, end=claim.content.end,
                    quote=claim.quote, modality=claim.modality, channel=claim.channel, flags=list(claim.flags),
                    quantities=[q.model_dump() for q in claim.quantities],
                    places=[p.model_dump() for p in claim.places],
                ))
            session.flush()
            self._index(session, row)
        return True

    def _next_sequence(self) -> ColumnElement[int]:
        """The next ingestion number, computed by the database as the row is inserted (a SQL
        expression, not a value read beforehand, which two writers could both read)."""
        if self.engine.dialect.name == "postgresql":
            return func.nextval("articles_sequence_seq")
        # SQLite runs the whole INSERT under its one writer lock
        return select(func.coalesce(func.max(ArticleRow.sequence), 0) + 1).scalar_subquery()

    def _speaker(self, session: Session, name: str, kind: str) -> SpeakerRow:
        found = session.scalar(select(SpeakerRow).where(SpeakerRow.name == name, SpeakerRow.kind == kind))
        if found is None:
            found = SpeakerRow(name=name, kind=kind)
            session.add(found)
            session.flush()
        return found

    def _index(self, session: Session, row: ArticleRow) -> None:
        if self.engine.dialect.name == "sqlite":
            session.execute(text("INSERT INTO article_fts (article_id, title, text) VALUES (:id, :title, :text)"),
                            {"id": row.id, "title": row.title or "", "text": row.text})

    def shard_stored(self, output: str) -> bool:
        """Whether every document of this batch output is in the store."""
        with Session(self.engine) as session:
            return session.get(BatchShardRow, output) is not None

    def mark_shard_stored(self, output: str, documents: int) -> None:
        with Session(self.engine) as session, session.begin():
            if session.get(BatchShardRow, output) is None:
                session.add(BatchShardRow(output=output, documents=documents, stored_at=datetime.now(UTC)))

    # -- reading ------------------------------------------------------------------------------

    def count_articles(self) -> int:
        with Session(self.engine) as session:
            return session.scalar(select(func.count()).select_from(ArticleRow)) or 0

    def article_ids(self) -> list[str]:
        with Session(self.engine) as session:
            return list(session.scalars(select(ArticleRow.id).order_by(ArticleRow.sequence)))

    def document(self, article_id: str) -> AnalysisDocument | None:
        with Session(self.engine) as session:
            row = session.get(ArticleRow, article_id)
            if row is None:
                prefix = ArticleRow.id.startswith(article_id, autoescape=True)
                matches = list(session.scalars(select(ArticleRow).where(prefix).limit(2)))
                row = matches[0] if len(matches) == 1 else None
            return AnalysisDocument.model_validate_json(row.document) if row is not None else None

    def documents(self) -> Iterator[AnalysisDocument]:
        """Every stored document in ingestion order, streamed."""
        with Session(self.engine) as session:
            for row in session.scalars(select(ArticleRow.document).order_by(ArticleRow.sequence)).yield_per(100):
                yield AnalysisDocument.model_validate_json(row)

    def claims(self, *, speaker: str | None = None, search: str | None = None, flag: str | None = None,
               limit: int | None = None) -> list[StoredClaim]:
        """Claims in ingestion order whose speaker name and content contain the given words
        (any case) and that carry `flag`; the first `limit` of them."""
        query = self._claim_filters(select(ClaimRow, SpeakerRow, ArticleRow), speaker, search, flag)
        query = query.order_by(ArticleRow.sequence, ClaimRow.position)
        if limit:
            query = query.limit(limit)  # after every filter, so a page holds `limit` matching claims
        with Session(self.engine) as session:
            return [stored_claim(c, s, a) for c, s, a in session.execute(query)]

    def count_claims(self, *, speaker: str | None = None, search: str | None = None, flag: str | None = None) -> int:
        """How many claims `claims()` would return without a limit."""
        query = self._claim_filters(select(func.count(ClaimRow.id)), speaker, search, flag)
        with Session(self.engine) as session:
            return session.scalar(query) or 0

    def _claim_filters(self, query: Select, speaker: str | None, search: str | None, flag: str | None) -> Select:
        query = (query.join(SpeakerRow, ClaimRow.speaker_id == SpeakerRow.id)
                 .join(ArticleRow, ClaimRow.article_id == ArticleRow.id))
        if speaker:
            query = query.where(func.lower(SpeakerRow.name).contains(speaker.lower(), autoescape=True))
        if search:
            query = query.where(func.lower(ClaimRow.content).contains(search.lower(), autoescape=True))
        if flag:
            query = query.where(self._has_flag(flag))
        return query

    def _has_flag(self, flag: str) -> ColumnElement[bool]:
        """`flag` is one of the claim's flags (an element of its JSON list, compared exactly)."""
        if self.engine.dialect.name == "postgresql":
            return cast(ClaimRow.flags, JSONB).contains([flag])
        each = func.json_each(ClaimRow.flags).table_valued("value")
        return exists(select(1).select_from(each).where(each.c.value == flag))

    def search(self, query: str, limit: int = SEARCH_LIMIT) -> list[SearchHit]:
        """Articles matching a full-text query, best first, each with a snippet of the match."""
        with Session(self.engine) as session:
            if self.engine.dialect.name == "sqlite":
                rows = session.execute(text(
                    "SELECT article_id, title, snippet(article_fts, 2, '[', ']', ' … ', 12) FROM article_fts "
                    "WHERE article_fts MATCH :q ORDER BY rank LIMIT :n"), {"q": fts_query(query), "n": limit})
            else:
                rows = session.execute(text(
                    "SELECT id, title, ts_headline('english', text, websearch_to_tsquery('english', :q), "
                    "'StartSel=[, StopSel=], MaxWords=24, MinWords=8') FROM articles "
                    "WHERE search @@ websearch_to_tsquery('english', :q) "
                    "ORDER BY ts_rank(search, websearch_to_tsquery('english', :q)) DESC LIMIT :n"),
                    {"q": query, "n": limit})
            return [SearchHit(id=r[0], title=r[1], snippet=r[2]) for r in rows]

    def latest(self, limit: int = 20, offset: int = 0) -> list[ArticleListItem]:
        """Articles newest first by publication time (undated ones by ingestion)."""
        with Session(self.engine) as session:
            rows = session.execute(select(*SUMMARY_COLUMNS)
                                   .order_by(ArticleRow.sort_key.desc(), ArticleRow.sequence.desc())
                                   .limit(limit).offset(offset))
            return [list_item(row) for row in rows]

    def neighbours(self, article_id: str) -> Neighbours:
        """The articles just before and just after this one in publication order (index lookups)."""
        with Session(self.engine) as session:
            row = session.get(ArticleRow, article_id)
            if row is None:
                return Neighbours(previous=None, following=None)
            order, here = tuple_(ArticleRow.sort_key, ArticleRow.sequence), tuple_(row.sort_key, row.sequence)
            before = session.execute(select(*SUMMARY_COLUMNS).where(order < here)
                                     .order_by(ArticleRow.sort_key.desc(), ArticleRow.sequence.desc()).limit(1)).first()
            after = session.execute(select(*SUMMARY_COLUMNS).where(order > here)
                                    .order_by(ArticleRow.sort_key, ArticleRow.sequence).limit(1)).first()
            return Neighbours(previous=list_item(before) if before else None,
                              following=list_item(after) if after else None)

    def speakers(self) -> list[SpeakerCount]:
        """Every speaker with the number of their claims, most quoted first."""
        with Session(self.engine) as session:
            rows = session.execute(select(SpeakerRow.name, SpeakerRow.kind, func.count(ClaimRow.id))
                                   .join(ClaimRow, ClaimRow.speaker_id == SpeakerRow.id)
                                   .group_by(SpeakerRow.id).order_by(func.count(ClaimRow.id).desc(), SpeakerRow.name))
            return [SpeakerCount(name=name, kind=kind, claims=count) for name, kind, count in rows]

    def counts(self) -> CorpusCounts:
        with Session(self.engine) as session:
            return CorpusCounts(**{name: session.scalar(select(func.count()).select_from(table)) or 0
                                   for name, table in (("articles", ArticleRow), ("claims", ClaimRow),
                                                       ("speakers", SpeakerRow), ("ledger", ClusterRow))})

    # -- ledger -------------------------------------------------------------------------------

    def replace_ledger(self, clusters: list[LedgerEntry]) -> None:
        """Swap in a freshly built ledger in one transaction."""
        with Session(self.engine) as session, session.begin():
            session.query(AppearanceRow).delete()
            session.query(ClusterRow).delete()
            for cluster in clusters:
                row = ClusterRow(canonical=cluster.canonical, speakers=cluster.speakers,
                                 first_claim_id=cluster.first_claim_id, appearances=cluster.appearances,
                                 origins=cluster.origins, drift=cluster.drift,
                                 details=cluster.model_dump(include=CLUSTER_DETAILS))
                session.add(row)
                session.flush()
                for appearance in cluster.appearance_list:
                    session.add(AppearanceRow(cluster_id=row.id, claim_id=appearance.claim_id,
                                              origin_claim_id=appearance.origin_claim_id))

    def clusters(self, min_appearances: int = 1) -> list[StoredLedgerEntry]:
        """Ledger entries seen in at least `min_appearances` articles, most repeated first."""
        with Session(self.engine) as session:
            rows = session.scalars(select(ClusterRow).where(ClusterRow.appearances >= min_appearances)
                                   .order_by(ClusterRow.appearances.desc(), ClusterRow.id))
            return [stored_ledger_entry(r) for r in rows]

    def cluster(self, cluster_id: int) -> StoredLedgerEntry | None:
        with Session(self.engine) as session:
            row = session.get(ClusterRow, cluster_id)
            return stored_ledger_entry(row) if row is not None else None


SUMMARY_COLUMNS = (ArticleRow.id, ArticleRow.title, ArticleRow.site, ArticleRow.published)
# The parts of a ledger entry kept as one JSON column: read whole, never queried.
CLUSTER_DETAILS = {"appearance_list", "copy_chains", "first_appearance"}


def list_item(row: Row[str, str | None, str | None, str | None]) -> ArticleListItem:
    """An article list item from a row of SUMMARY_COLUMNS."""
    article_id, title, site, published = row
    return ArticleListItem(id=article_id, title=title, site=site, published=published)


def stored_claim(claim: ClaimRow, speaker: SpeakerRow, article: ArticleRow) -> StoredClaim:
    return StoredClaim(
        id=claim.id, article_id=article.id, speaker=speaker.name, speaker_kind=speaker.kind, content=claim.content,
        quote=claim.quote, modality=claim.modality, channel=claim.channel, flags=claim.flags,
        quantities=claim.quantities, places=claim.places, site=article.site, published=article.published,
        sequence=article.sequence,
        title=article.title, source=article.source, context=paragraph_around(article.text, claim.start),
    )


def paragraph_around(text: str, position: int) -> str:
    start = text.rfind("\n\n", 0, position)
    end = text.find("\n\n", position)
    return text[start + 2 if start >= 0 else 0 : end if end >= 0 else len(text)]


def stored_ledger_entry(row: ClusterRow) -> StoredLedgerEntry:
    return StoredLedgerEntry(id=row.id, canonical=row.canonical, speakers=row.speakers,
                             first_claim_id=row.first_claim_id, appearances=row.appearances, origins=row.origins,
                             drift=row.drift, **row.details)


def fts_query(query: str) -> str:
    """User words as an FTS5 query of quoted terms (so 'Rogov's "we are"' cannot break the syntax)."""
    words = [w for w in query.replace('"', " ").split() if w]
    return " ".join('"' + w + '"' for w in words) or '""'



