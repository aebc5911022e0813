"""The corpus store: articles, their analysis documents, claims, speakers and ledger clusters.

SQLAlchemy 2 models; the schema itself is created and upgraded by Alembic migrations
(src/claimledger/migrations), never by `create_all`, so SQLite files and PostgreSQL
databases move forward the same way. SQLite is the default (a file in the user data
directory, WAL mode, FTS5 search); PostgreSQL uses a generated tsvector column.

Each article is written in one transaction, so a crash loses at most the article in flight.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import platformdirs
from pydantic import BaseModel, ConfigDict
from sqlalchemy import (
    JSON,
    BigInteger,
    ColumnElement,
    DateTime,
    ForeignKey,
    Integer,
    Select,
    String,
    Text,
    TypeDecorator,
    and_,
    cast,
    create_engine,
    delete,
    event,
    exists,
    func,
    insert,
    literal_column,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect, Engine, Row
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import (
    DeclarativeBase,
    InstrumentedAttribute,
    Mapped,
    Session,
    defer,
    mapped_column,
    relationship,
)

from claimledger.document import AnalysisDocument, Claim, Modality, QuoteType, Span, SpeakerKind
from claimledger.ledger import LedgerUnit, appearances, claim_view, cluster_units, headline_claim
from claimledger.ledger.bands import (
    BandedAppearance,
    StoredStems,
    band_keys,
    decode_figure,
    decode_sentences,
    decode_stems,
    encode_figure,
    encode_sentences,
    encode_stems,
)
from claimledger.ledger.incremental import touched, worth_loading
from claimledger.records import (
    ArticleIndexItem,
    ArticleListItem,
    ArticleTally,
    CorpusCounts,
    EntryCharts,
    LedgerEntry,
    LedgerLink,
    SearchHit,
    SpeakerCount,
    SpeakerRef,
    StoredClaim,
    StoredLedgerEntry,
    StoryLink,
)
from claimledger.search_terms import CYRILLIC, WORD, fts_query, padded_stems, russian_stem, russian_stems, stem_snippet
from claimledger.timestamps import publication_key, utc_instant

SEARCH_LIMIT = 20  # a page of results; snippets cost time per hit
IN_CHUNK = 900  # values bound in one IN (...): below every SQLite build's limit of bound variables
# The PostgreSQL advisory lock that lets one transaction at a time update the ledger: two
# articles attached at once could each miss the other's claims.
LEDGER_LOCK = 0x1ED6E2
ADD_ATTEMPTS = 3  # a concurrent writer can win a unique key once per new speaker; retries are rare
# Private-use characters around the matched words of a snippet: no article text holds them, so
# the snippet can be cut into plain text and highlight ranges without guessing at brackets.
MATCH_START, MATCH_END = "\ue000", "\ue001"
# PostgreSQL stems each article with the configuration of its language (as migration 0007's
# generated `search` column does), and the query with the same one.
PG_CONFIG = "(CASE WHEN a.language = 'ru' THEN 'russian'::regconfig ELSE 'english'::regconfig END)"
PG_QUERY = f"websearch_to_tsquery({PG_CONFIG}, :q)"


class Base(DeclarativeBase):
    pass


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on both databases: PostgreSQL keeps a timestamptz, SQLite
    a naive text that is UTC by construction and comes back with its zone."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    site: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(40), index=True)  # as the article gives it
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # the same instant in UTC
    language: Mapped[str | None] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    document: Mapped[str] = mapped_column(Text)  # the AnalysisDocument as JSON
    ingested_at: Mapped[datetime] = mapped_column(index=True)
    sequence: Mapped[int] = mapped_column(Integer, index=True)  # ingestion order, a stable tie-break
    # timestamps.publication_key(): the publication instant in UTC, or the time an undated
    # article was stored; the order of the article lists, as an index
    sort_key: Mapped[str] = mapped_column(String(40), default="")

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
    speaker_description: Mapped[str | None] = mapped_column(Text)

    article: Mapped[ArticleRow] = relationship(back_populates="claims")
    speaker: Mapped[SpeakerRow] = relationship()


class ClusterRow(Base):
    __tablename__ = "ledger_entries"

    id: Mapped[str] = mapped_column(String(48), primary_key=True)  # the first appearance's claim id
    canonical: Mapped[str] = mapped_column(Text)
    speakers: Mapped[list] = mapped_column(JSON)
    first_claim_id: Mapped[str] = mapped_column(String(48))
    appearances: Mapped[int] = mapped_column(Integer, index=True)
    origins: Mapped[int] = mapped_column(Integer)
    drift: Mapped[bool]
    details: Mapped[dict] = mapped_column(JSON)  # copy chains and the range each appearance gives


class AppearanceRow(Base):
    __tablename__ = "ledger_appearances"

    entry_id: Mapped[str] = mapped_column(ForeignKey("ledger_entries.id", ondelete="CASCADE"), primary_key=True)
    # no foreign key to claims: a headline appearance has no claim row of its own; indexed for
    # the article page, which looks its claims up
    claim_id: Mapped[str] = mapped_column(String(48), primary_key=True, index=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    origin_claim_id: Mapped[str] = mapped_column(String(40))  # the appearance this one was copied from, or itself


class BatchShardRow(Base):
    """A batch output whose documents are all committed to this store."""

    __tablename__ = "batch_shards"

    output: Mapped[str] = mapped_column(Text, primary_key=True)  # the output file's absolute path
    documents: Mapped[int] = mapped_column(Integer)
    stored_at: Mapped[datetime]


class ChartRow(Base):
    __tablename__ = "ledger_charts"

    entry_id: Mapped[str] = mapped_column(ForeignKey("ledger_entries.id", ondelete="CASCADE"), primary_key=True)
    timeline: Mapped[str] = mapped_column(Text)
    timeline_text: Mapped[str] = mapped_column(Text)
    drift: Mapped[str | None] = mapped_column(Text)
    drift_text: Mapped[str | None] = mapped_column(Text)


class LedgerStateRow(Base):
    """One row: how many times the ledger has been written (entry ids are stable, so a rebuild
    can leave their number and their largest id as they were; the caches key on this instead),
    and whether its bands and units cover every stored claim, so that ingest may attach to it."""

    __tablename__ = "ledger_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    builds: Mapped[int] = mapped_column(Integer, default=0)
    current: Mapped[bool] = mapped_column(default=False)


class BandRow(Base):
    """A MinHash LSH band key of an appearance (ledger.bands): new claims find their
    candidates by these keys. No foreign key: a headline appearance has no claim row."""

    __tablename__ = "ledger_bands"
    __table_args__ = {"sqlite_with_rowid": False}

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    claim_id: Mapped[str] = mapped_column(String(48), primary_key=True)


class StemsRow(Base):
    """An appearance's content stems, whole and per sentence, and its main figure, beside its
    band keys: an update at ingest rejects the appearances its keys find on these, before
    loading any claim."""

    __tablename__ = "ledger_stems"
    __table_args__ = {"sqlite_with_rowid": False}

    claim_id: Mapped[str] = mapped_column(String(48), primary_key=True)
    stems: Mapped[str] = mapped_column(Text)
    sentences: Mapped[str] = mapped_column(Text, default="")  # ledger.bands.encode_sentences, '' for one
    figure: Mapped[str | None] = mapped_column(Text)  # ledger.bands.encode_figure, '' for none, NULL: not kept


class UnitRow(Base):
    """The unit of recomputation (ledger.clusters.units) an appearance belongs to."""

    __tablename__ = "ledger_units"

    claim_id: Mapped[str] = mapped_column(String(48), primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[str] = mapped_column(String(48), index=True)


class MergeRow(Base):
    """An entry id that a bridging claim merged into another entry, and that entry."""

    __tablename__ = "ledger_merges"

    old_id: Mapped[str] = mapped_column(String(48), primary_key=True)
    into_id: Mapped[str] = mapped_column(String(48))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


def default_url() -> str:
    folder = Path(platformdirs.user_data_dir("claimledger"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'claimledger.db'}"


# Seconds a SQLite writer waits for another's transaction (an article and its ledger update)
# before giving up: writers take turns without any waiting in line, so under load one can be
# passed over several times.
SQLITE_BUSY_SECONDS = 60


def make_engine(url: str) -> Engine:
    sqlite = url.startswith("sqlite")
    engine = create_engine(url, future=True, connect_args={"timeout": SQLITE_BUSY_SECONDS} if sqlite else {})
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection, _record):  # WAL: readers never block the one writer
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()
            # claim search compares Russian words by stem (store._claim_words)
            connection.create_function("ru_stems", 1, padded_stems, deterministic=True)
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

    def add(self, doc: AnalysisDocument, ledger: bool = True) -> bool:
        """Store one analysed article in one transaction; False when it is already there.
        With `ledger`, its claims join the claim ledger in the same transaction (when the
        ledger is current; see `ledger_current`); without, the ledger is left for a rebuild.
        Safe beside concurrent writers: should another one store the same article or a new
        speaker of it first, the unique keys refuse ours and the transaction is tried again."""
        for attempt in range(ADD_ATTEMPTS):
            try:
                return self._add(doc, ledger)
            except IntegrityError:
                if attempt == ADD_ATTEMPTS - 1:
                    raise
        return False

    def _add(self, doc: AnalysisDocument, ledger: bool) -> bool:
        with Session(self.engine) as session, session.begin():
            if session.get(ArticleRow, doc.article.id) is not None:
                return False
            row = article_row(doc, sequence=self._next_sequence(), now=datetime.now(UTC))
            session.add(row)
            for position, claim in enumerate(doc.claims):
                speaker = self._speaker(session, claim.speaker.name, claim.speaker.kind)
                session.add(claim_row(row.id, position, claim, speaker.id))
            session.flush()
            self._index(session, row)
            if ledger:
                self._attach(session, row.id)
            elif doc.claims:
                session.execute(update(LedgerStateRow).values(current=False))
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
            stems = russian_stems(f"{row.title or ''} {row.text}") if row.language == "ru" else ""
            session.execute(text("INSERT INTO article_fts (article_id, title, text, stems) "
                                 "VALUES (:id, :title, :text, :stems)"),
                            {"id": row.id, "title": row.title or "", "text": row.text, "stems": stems})

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

    def claims(self, where: ClaimFilter | None = None, *, speaker: str | None = None, search: str | None = None,
               flag: str | None = None, limit: int | None = None, offset: int = 0,
               by_publication: bool = False) -> list[StoredClaim]:
        """Claims that pass `where` (or the `speaker`, `search` and `flag` shorthands for it:
        words contained in the speaker name and the content, any case; a flag the claim
        carries), in ingestion order or in publication order; `limit` of them from `offset`."""
        where = where or ClaimFilter(speaker=speaker, search=search, flag=flag)
        query = self._claim_filters(select(ClaimRow, SpeakerRow, ArticleRow).options(defer(ArticleRow.document)), where)
        order = (ArticleRow.sort_key, ArticleRow.sequence) if by_publication else (ArticleRow.sequence,)
        query = query.order_by(*order, ClaimRow.position).offset(offset)
        if limit:
            query = query.limit(limit)  # after every filter, so a page holds `limit` matching claims
        with Session(self.engine) as session:
            return [stored_claim(c, s, a) for c, s, a in session.execute(query)]

    def count_claims(self, where: ClaimFilter | None = None, *, speaker: str | None = None,
                     search: str | None = None, flag: str | None = None) -> int:
        """How many claims `claims()` would return without a limit."""
        where = where or ClaimFilter(speaker=speaker, search=search, flag=flag)
        query = self._claim_filters(select(func.count(ClaimRow.id)), where)
        with Session(self.engine) as session:
            return session.scalar(query) or 0

    def _claim_filters(self, query: Select, where: ClaimFilter) -> Select:
        query = (query.join(SpeakerRow, ClaimRow.speaker_id == SpeakerRow.id)
                 .join(ArticleRow, ClaimRow.article_id == ArticleRow.id))
        if where.speaker:
            query = query.where(func.lower(SpeakerRow.name).contains(where.speaker.lower(), autoescape=True))
        if where.speaker_id is not None:
            query = query.where(SpeakerRow.id == where.speaker_id)
        if where.search:
            query = query.where(self._claim_words(where.search))
        if where.flag:
            query = query.where(self._has_flag(where.flag))
        if where.site:
            query = query.where(ArticleRow.site == where.site)
        if where.since:
            query = query.where(ArticleRow.sort_key >= where.since)
        if where.until:
            query = query.where(ArticleRow.sort_key < where.until + "~")  # the whole last day
        return query

    def _claim_words(self, words: str) -> ColumnElement[bool]:
        """The claim holds `words` (any case); a claim of a Russian article also matches when
        each word is there in another form (the same Snowball stem: 'министра' finds
        'министр'), as article search does. English claims match exactly as before."""
        contained = func.lower(ClaimRow.content).contains(words.lower(), autoescape=True)
        if not CYRILLIC.search(words):
            return contained
        stemmed: ColumnElement[bool]
        if self.engine.dialect.name == "postgresql":
            russian: ColumnElement[str] = literal_column("'russian'::regconfig")
            stemmed = func.to_tsvector(russian, ClaimRow.content).bool_op("@@")(func.plainto_tsquery(russian, words))
        else:
            stemmed = and_(*[self._claim_word(w) for w in WORD.findall(words)])
        return or_(contained, and_(ArticleRow.language == "ru", stemmed))

    @staticmethod
    def _claim_word(word: str) -> ColumnElement[bool]:
        """On SQLite: a Cyrillic word by its stem (the ru_stems function), any other as written."""
        if CYRILLIC.search(word):
            return func.ru_stems(ClaimRow.content).contains(f" {russian_stem(word)} ", autoescape=True)
        return func.lower(ClaimRow.content).contains(word.lower(), autoescape=True)

    def _has_flag(self, flag: str) -> ColumnElement[bool]:
        """`flag` is one of the claim's flags (an element of its JSON list, compared exactly)."""
        if self.engine.dialect.name == "postgresql":
            return cast(ClaimRow.flags, JSONB).contains([flag])
        each = func.json_each(ClaimRow.flags).table_valued("value")
        return exists(select(1).select_from(each).where(each.c.value == flag))

    def search(self, query: str, limit: int = SEARCH_LIMIT, offset: int = 0, where: ClaimFilter | None = None
               ) -> list[SearchHit]:
        """Articles matching a full-text query, best first, each with a snippet of the match;
        `where.site`, `.since` and `.until` narrow them (its other fields are for claims).
        Each article is stemmed in its own language (see search_terms)."""
        sql, params = self._search_sql(query, where or ClaimFilter())
        if self.engine.dialect.name == "sqlite":
            columns = ("a.id, a.title, a.site, a.published, snippet(article_fts, 2, :start, :end, ' … ', 12), "
                       "a.language, a.text")
            order = "rank"
        else:
            columns = (f"a.id, a.title, a.site, a.published, ts_headline({PG_CONFIG}, a.text, {PG_QUERY}, "
                       "'StartSel=' || :start || ', StopSel=' || :end || ', MaxWords=24, MinWords=8'), "
                       "a.language, NULL")
            order = f"ts_rank(a.search, {PG_QUERY}) DESC"
        with Session(self.engine) as session:
            rows = session.execute(text(f"SELECT {columns} {sql} ORDER BY {order} LIMIT :n OFFSET :o"),
                                   {**params, "start": MATCH_START, "end": MATCH_END, "n": limit, "o": offset})
            hits = []
            for article_id, title, site, published, marked, language, body in rows:
                if body is not None and language == "ru":  # FTS5 cannot mark what it matched by stem
                    marked = stem_snippet(body, query, MATCH_START, MATCH_END)
                hits.append(search_hit(article_id, title, site, published, marked, language))
            return hits

    def count_search(self, query: str, where: ClaimFilter | None = None) -> int:
        sql, params = self._search_sql(query, where or ClaimFilter())
        with Session(self.engine) as session:
            return session.scalar(text(f"SELECT count(*) {sql}"), params) or 0

    def _search_sql(self, query: str, where: ClaimFilter) -> tuple[str, dict]:
        """The FROM and WHERE of an article search; its filters are bound parameters."""
        if self.engine.dialect.name == "sqlite":
            sql = "FROM article_fts JOIN articles a ON a.id = article_fts.article_id WHERE article_fts MATCH :q"
            params: dict = {"q": fts_query(query)}
        else:
            # one constant query per configuration, so the GIN index serves both
            sql = ("FROM articles a WHERE ((a.language = 'ru' AND a.search @@ websearch_to_tsquery('russian', :q))"
                   " OR (a.language IS DISTINCT FROM 'ru' AND a.search @@ websearch_to_tsquery('english', :q)))")
            params = {"q": query}
        if where.site:
            sql += " AND a.site = :site"
            params["site"] = where.site
        if where.since:
            sql += " AND a.sort_key >= :since"
            params["since"] = where.since
        if where.until:
            sql += " AND a.sort_key < :until"
            params["until"] = where.until + "~"
        return sql, params

    def find_speakers(self, words: str, limit: int = SEARCH_LIMIT) -> list[SpeakerCount]:
        """Speakers whose name contains `words` (any case), most quoted first."""
        return self.speakers(name=words, limit=limit)

    def latest(self, limit: int = 20, offset: int = 0) -> list[ArticleListItem]:
        """Articles newest first by publication time (undated ones by the time they were stored)."""
        with Session(self.engine) as session:
            rows = session.execute(select(*SUMMARY_COLUMNS)
                                   .order_by(ArticleRow.sort_key.desc(), ArticleRow.sequence.desc())
                                   .limit(limit).offset(offset))
            return [list_item(row) for row in rows]

    def article_index(self) -> list[ArticleIndexItem]:
        """Every article's list item and place in publication order, oldest first (a few
        hundred bytes per article: the home page groups them into stories)."""
        with Session(self.engine) as session:
            rows = session.execute(select(*SUMMARY_COLUMNS, ArticleRow.sort_key, ArticleRow.sequence)
                                   .order_by(ArticleRow.sort_key, ArticleRow.sequence))
            return [ArticleIndexItem(id=i, title=t, site=s, published=p, language=lang, sort_key=k, sequence=n)
                    for i, t, s, p, lang, k, n in rows]

    def sites(self) -> list[str]:
        with Session(self.engine) as session:
            return list(session.scalars(select(ArticleRow.site).where(ArticleRow.site.is_not(None))
                                        .distinct().order_by(ArticleRow.site)))

    def tallies(self, article_ids: list[str]) -> dict[str, ArticleTally]:
        """Claims and flagged claims of each of these articles."""
        with Session(self.engine) as session:
            rows = session.execute(select(ClaimRow.article_id, ClaimRow.flags)
                                   .where(ClaimRow.article_id.in_(article_ids)))
            tallies = {article_id: [0, 0] for article_id in article_ids}
            for article_id, flags in rows:
                tallies[article_id][0] += 1
                tallies[article_id][1] += bool(flags)
            return {article_id: ArticleTally(claims=n, flagged=f) for article_id, (n, f) in tallies.items()}

    def speakers(self, name: str | None = None, limit: int | None = None, offset: int = 0) -> list[SpeakerCount]:
        """Speakers with the number of their claims, most quoted first; with `name`, those
        whose name contains it (any case)."""
        query = (select(SpeakerRow.id, SpeakerRow.name, SpeakerRow.kind, func.count(ClaimRow.id))
                 .join(ClaimRow, ClaimRow.speaker_id == SpeakerRow.id)
                 .group_by(SpeakerRow.id).order_by(func.count(ClaimRow.id).desc(), SpeakerRow.name, SpeakerRow.id))
        if name:
            query = query.where(func.lower(SpeakerRow.name).contains(name.lower()))
        with Session(self.engine) as session:
            rows = session.execute(query.offset(offset).limit(limit) if limit else query.offset(offset))
            return [SpeakerCount(id=i, name=n, kind=k, claims=count) for i, n, k, count in rows]

    def count_speakers(self, name: str | None = None) -> int:
        query = select(func.count(func.distinct(ClaimRow.speaker_id))).select_from(ClaimRow)
        if name:
            query = query.join(SpeakerRow, ClaimRow.speaker_id == SpeakerRow.id).where(
                func.lower(SpeakerRow.name).contains(name.lower()))
        with Session(self.engine) as session:
            return session.scalar(query) or 0

    def speaker(self, speaker_id: int) -> SpeakerRef | None:
        with Session(self.engine) as session:
            row = session.get(SpeakerRow, speaker_id)
            return SpeakerRef(id=row.id, name=row.name, kind=row.kind) if row is not None else None

    def speaker_ids(self, names: list[str]) -> dict[tuple[str, str], int]:
        """The ids of speakers by (name, kind)."""
        with Session(self.engine) as session:
            rows = session.execute(select(SpeakerRow.name, SpeakerRow.kind, SpeakerRow.id)
                                   .where(SpeakerRow.name.in_(set(names))))
            return {(name, kind): speaker_id for name, kind, speaker_id in rows}

    def counts(self) -> CorpusCounts:
        with Session(self.engine) as session:
            return CorpusCounts(**{name: session.scalar(select(func.count()).select_from(table)) or 0
                                   for name, table in (("articles", ArticleRow), ("claims", ClaimRow),
                                                       ("speakers", SpeakerRow), ("ledger", ClusterRow))})

    # -- ledger -------------------------------------------------------------------------------

    def ledger_current(self) -> bool:
        """Whether the ledger's bands and units cover every stored claim, so that new articles
        are attached as they are stored; else it needs a rebuild (`replace_units`)."""
        with Session(self.engine) as session:
            return bool(session.scalar(select(LedgerStateRow.current)))

    def replace_ledger(self, clusters: list[LedgerEntry]) -> None:
        """Swap in ledger entries built elsewhere, in one transaction. Without their units and
        band keys new articles cannot be attached to them: the ledger is no longer current."""
        with Session(self.engine) as session, session.begin():
            self._clear_ledger(session)
            self._insert_entries(session, clusters)
            session.execute(update(LedgerStateRow).values(builds=LedgerStateRow.builds + 1, current=False))

    def replace_units(self, units: Iterable[LedgerUnit], banded: Iterable[BandedAppearance],
                      current: bool = True) -> None:
        """Swap in a ledger built in full, in one transaction: its units with their entries, and
        the band keys and stems of every appearance. The ledger is then `current`: articles
        stored from now on are attached to it."""
        with Session(self.engine) as session, session.begin():
            old_ids = set(session.scalars(select(ClusterRow.id)))
            self._clear_ledger(session)
            session.execute(delete(BandRow))
            session.execute(delete(StemsRow))
            units = list(units)
            self._insert_units(session, units)
            self._insert_bands(session, banded)
            self._record_merges(session, old_ids, units)
            session.execute(update(LedgerStateRow).values(builds=LedgerStateRow.builds + 1, current=current))

    def _clear_ledger(self, session: Session) -> None:
        session.execute(delete(ChartRow))
        session.execute(delete(AppearanceRow))
        session.execute(delete(ClusterRow))
        session.execute(delete(UnitRow))

    def _insert_entries(self, session: Session, clusters: Iterable[LedgerEntry]) -> None:
        clusters = list(clusters)
        for chunk in chunked(({"id": c.id, "canonical": c.canonical, "speakers": c.speakers,
                               "first_claim_id": c.first_claim_id, "appearances": c.appearances,
                               "origins": c.origins, "drift": c.drift,
                               "details": c.model_dump(mode="json", include=CLUSTER_DETAILS)} for c in clusters),
                             2_000):
            session.execute(insert(ClusterRow), chunk)
        for chunk in chunked(({"entry_id": c.id, "claim_id": a.claim_id, "article_id": a.article_id,
                               "origin_claim_id": a.origin_claim_id} for c in clusters for a in c.appearance_list),
                             10_000):
            session.execute(insert(AppearanceRow), chunk)

    def _insert_units(self, session: Session, units: list[LedgerUnit]) -> None:
        self._insert_entries(session, (e for unit in units for e in unit.entries))
        for chunk in chunked(({"claim_id": m, "article_id": article_of(m), "unit_id": unit.id}
                              for unit in units for m in unit.members), 10_000):
            session.execute(insert(UnitRow), chunk)

    @staticmethod
    def _insert_bands(session: Session, banded: Iterable[BandedAppearance]) -> None:
        """The band keys and stems of these appearances, which later ones look up."""
        for chunk in chunked(banded, 2_000):
            session.execute(insert(BandRow), [{"key": k, "claim_id": a.id} for a in chunk for k in a.keys])
            session.execute(insert(StemsRow), [{"claim_id": a.id, "stems": encode_stems(a.stems),
                                                "sentences": encode_sentences(a.sentences),
                                                "figure": encode_figure(a.figure)} for a in chunk])

    @staticmethod
    def _band_neighbours(session: Session, keys: set[int]) -> tuple[dict[str, set[int]], dict[str, StoredStems]]:
        """The stored appearances that hold one of these band keys, with the keys they hold, and
        the stems of those that have them stored; in one indexed join per chunk of keys (a
        bucket of a band key grows with the store: these rows are most of an update's work)."""
        query = (select(BandRow.key, BandRow.claim_id, StemsRow.stems, StemsRow.sentences, StemsRow.figure)
                 .join(StemsRow, StemsRow.claim_id == BandRow.claim_id, isouter=True))
        shared: dict[str, set[int]] = defaultdict(set)
        stored = {}
        for chunk in chunked(sorted(keys), IN_CHUNK):
            for key, claim_id, stems, sentences, figure in session.execute(query.where(BandRow.key.in_(chunk))):
                shared[claim_id].add(key)
                if stems is not None and claim_id not in stored:
                    stored[claim_id] = StoredStems(
                        id=claim_id, article=article_of(claim_id), headline=is_headline(claim_id),
                        stems=decode_stems(stems), sentences=decode_sentences(sentences),
                        figure=decode_figure(figure or ""), figure_known=figure is not None)
        return shared, stored

    def _record_merges(self, session: Session, old_ids: set[str], units: list[LedgerUnit]) -> None:
        """Record where each entry id that is gone now leads: the entry holding its claim."""
        holder = {a.claim_id: e.id for unit in units for e in unit.entries for a in e.appearance_list}
        gone = {old: holder[old] for old in old_ids if old in holder and holder[old] != old}
        now = datetime.now(UTC)
        for chunk in chunked(list(gone), IN_CHUNK):
            session.execute(delete(MergeRow).where(MergeRow.old_id.in_(chunk)))
        for rows in chunked(({"old_id": old, "into_id": into, "at": now} for old, into in gone.items()), 10_000):
            session.execute(insert(MergeRow), rows)

    def attach(self, article_id: str) -> None:
        """Attach a stored article's claims to the ledger in a transaction of its own (`add`
        does it in the article's): for articles stored with `ledger=False` or written by other
        means, such as a benchmark's synthetic rows. An article attached already stays as it is."""
        with Session(self.engine) as session, session.begin():
            self._attach(session, article_id)

    def _attach(self, session: Session, article_id: str) -> None:
        """Attach a stored article's appearances to the ledger (ledger.incremental): store
        their band keys, find the units they join, and cluster those units again."""
        if self.engine.dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LEDGER_LOCK})
        if not session.scalar(select(LedgerStateRow.current)):
            return  # built before there were bands, or stored past: the next rebuild builds it in full
        if session.scalar(select(UnitRow.claim_id).where(UnitRow.article_id == article_id).limit(1)) is not None:
            return  # attached already
        new = appearances(self._load_claims(session, ClaimRow.article_id == article_id))
        if not new:
            return
        views = [claim_view(c) for c in new]
        keys = [band_keys(v) for v in views]
        shared, stored = self._band_neighbours(session, set().union(*keys))
        loading = worth_loading(views, keys, shared, stored)
        found = [claim_view(c) for c in self._appearances(session, loading)]
        touch = touched(views, keys, found, [frozenset(shared[v.claim.id]) for v in found])
        unit_ids = set(self._in(session, select(UnitRow.unit_id), UnitRow.claim_id, touch.appearances))
        unit_ids |= set(self._in(session, select(UnitRow.unit_id), UnitRow.article_id, touch.articles))
        members = set(self._in(session, select(UnitRow.claim_id), UnitRow.unit_id, unit_ids))
        known = {v.claim.id: v for v in found}
        loaded = self._appearances(session, members - known.keys())
        old = [known[m] for m in members if m in known] + [claim_view(c) for c in loaded]
        built = cluster_units([*views, *old])
        old_ids = set(self._in(session, select(AppearanceRow.entry_id), AppearanceRow.claim_id, members))
        for chunk in chunked(sorted(old_ids), IN_CHUNK):
            session.execute(delete(ClusterRow).where(ClusterRow.id.in_(chunk)))
        for chunk in chunked(sorted(members), IN_CHUNK):
            session.execute(delete(UnitRow).where(UnitRow.claim_id.in_(chunk)))
        self._insert_units(session, built)
        self._insert_bands(session, [BandedAppearance.of(v, k) for v, k in zip(views, keys, strict=True)])
        self._record_merges(session, old_ids, built)
        session.execute(update(LedgerStateRow).values(builds=LedgerStateRow.builds + 1))

    @staticmethod
    def _in(session: Session, query: Select, column: InstrumentedAttribute[str], values: Iterable[str]) -> Iterator:
        """The rows of `query` whose `column` is one of `values`, asked for in chunks."""
        for chunk in chunked(sorted(set(values)), IN_CHUNK):
            yield from session.scalars(query.where(column.in_(chunk)))

    def _load_claims(self, session: Session, condition: ColumnElement[bool]) -> list[StoredClaim]:
        query = (select(ClaimRow, SpeakerRow, ArticleRow).join(SpeakerRow, ClaimRow.speaker_id == SpeakerRow.id)
                 .join(ArticleRow, ClaimRow.article_id == ArticleRow.id).where(condition)
                 .options(defer(ArticleRow.document)).order_by(ArticleRow.sequence, ClaimRow.position))
        return [stored_claim(c, s, a) for c, s, a in session.execute(query)]

    def _appearances(self, session: Session, ids: Iterable[str]) -> list[StoredClaim]:
        """The stored appearances with these ids: claims, and headlines ('<article id>-h')
        derived from their article's first claim. Ids no longer stored are left out."""
        ids = set(ids)
        bodies = sorted(i for i in ids if not is_headline(i))
        articles = sorted({article_of(i) for i in ids if is_headline(i)})
        found = []
        for chunk in chunked(bodies, IN_CHUNK):
            found += self._load_claims(session, ClaimRow.id.in_(chunk))
        for chunk in chunked(articles, IN_CHUNK):
            for first in self._load_claims(session, and_(ClaimRow.article_id.in_(chunk), ClaimRow.position == 0)):
                if (headline := headline_claim(first)) is not None and headline.id in ids:
                    found.append(headline)
        return found

    def clusters(self, min_appearances: int = 1, limit: int | None = None, offset: int = 0) -> list[StoredLedgerEntry]:
        """Ledger entries seen in at least `min_appearances` articles, most repeated first;
        `limit` of them from `offset`."""
        query = (select(ClusterRow).where(ClusterRow.appearances >= min_appearances)
                 .order_by(ClusterRow.appearances.desc(), ClusterRow.id).offset(offset))
        with Session(self.engine) as session:
            rows = session.scalars(query.limit(limit) if limit else query)
            return [stored_ledger_entry(r) for r in rows]

    def cluster(self, entry_id: str) -> StoredLedgerEntry | None:
        with Session(self.engine) as session:
            row = session.get(ClusterRow, entry_id)
            return stored_ledger_entry(row) if row is not None else None

    def charts(self, entry_id: str) -> EntryCharts | None:
        """The charts drawn for a ledger entry, if any process has drawn them yet."""
        with Session(self.engine) as session:
            row = session.get(ChartRow, entry_id)
            return EntryCharts(timeline=row.timeline, timeline_text=row.timeline_text, drift=row.drift,
                               drift_text=row.drift_text) if row is not None else None

    def keep_charts(self, entry_id: str, charts: EntryCharts) -> None:
        """Keep an entry's charts; when another process kept them first, theirs stay."""
        from sqlalchemy.exc import IntegrityError

        try:
            with Session(self.engine) as session, session.begin():
                session.add(ChartRow(entry_id=entry_id, **charts.model_dump()))
        except IntegrityError:
            pass  # drawn at the same time elsewhere, or the ledger was rebuilt meanwhile

    def count_clusters(self, min_appearances: int = 1) -> int:
        with Session(self.engine) as session:
            return session.scalar(select(func.count()).select_from(ClusterRow)
                                  .where(ClusterRow.appearances >= min_appearances)) or 0

    def ledger_links(self, claim_ids: list[str]) -> dict[str, LedgerLink]:
        """The ledger entry of each of these claims that has one."""
        with Session(self.engine) as session:
            rows = session.execute(select(AppearanceRow.claim_id, ClusterRow.id, ClusterRow.appearances,
                                          ClusterRow.origins, ClusterRow.drift)
                                   .join(ClusterRow, ClusterRow.id == AppearanceRow.entry_id)
                                   .where(AppearanceRow.claim_id.in_(claim_ids)))
            return {claim_id: LedgerLink(entry_id=entry, appearances=n, origins=origins, drift=drift)
                    for claim_id, entry, n, origins, drift in rows}

    def story_links(self) -> list[StoryLink]:
        """The articles of every ledger entry seen in more than one article: what ties
        articles into stories."""
        with Session(self.engine) as session:
            rows = session.execute(select(AppearanceRow.entry_id, AppearanceRow.article_id, ClusterRow.origins)
                                   .join(ClusterRow, ClusterRow.id == AppearanceRow.entry_id)
                                   .where(ClusterRow.appearances >= 2).distinct())
            return [StoryLink(entry_id=entry, article_id=article, origins=origins) for entry, article, origins in rows]

    def version(self) -> tuple[int, int]:
        """Changes whenever an article is stored or the ledger rebuilt (caches key on it)."""
        with Session(self.engine) as session:
            articles = session.scalar(select(func.max(ArticleRow.sequence))) or 0
            builds = session.scalar(select(LedgerStateRow.builds)) or 0
            return articles, builds

    def entry_holding(self, claim_id: str) -> str | None:
        """The id of the ledger entry that holds the claim `claim_id` as one of its appearances:
        where an old entry id leads after an earlier article took over the first appearance, or
        a bridging claim merged its entry into an older one. Else where the merge that absorbed
        the id was recorded to lead."""
        with Session(self.engine) as session:
            held = session.scalar(select(AppearanceRow.entry_id).where(AppearanceRow.claim_id == claim_id).limit(1))
            return held or session.scalar(select(MergeRow.into_id).where(MergeRow.old_id == claim_id))


SUMMARY_COLUMNS = (ArticleRow.id, ArticleRow.title, ArticleRow.site, ArticleRow.published, ArticleRow.language)
# The parts of a ledger entry kept as one JSON column: read whole, never queried.
CLUSTER_DETAILS = {"appearance_list", "copy_chains", "first_appearance"}


class ClaimFilter(BaseModel):
    """Which claims (and, for `site`, `since` and `until`, which articles) a query keeps."""

    model_config = ConfigDict(frozen=True)

    speaker: str | None = None  # words in the speaker's name
    speaker_id: int | None = None
    search: str | None = None  # words in the claim
    flag: str | None = None
    site: str | None = None
    since: str | None = None  # ISO date: published (or stored) on or after it
    until: str | None = None  # ISO date: on or before it


def search_hit(article_id: str, title: str | None, site: str | None, published: str | None, marked: str,
               language: str | None = None) -> SearchHit:
    """A hit whose snippet has MATCH_START/MATCH_END around the matched words."""
    plain, highlights = [], []
    length = 0
    for index, piece in enumerate(marked.replace(MATCH_END, MATCH_START).split(MATCH_START)):
        if index % 2 and piece:
            highlights.append(Span(start=length, end=length + len(piece)))
        plain.append(piece)
        length += len(piece)
    return SearchHit(id=article_id, title=title, site=site, published=published, snippet="".join(plain),
                     highlights=highlights, language=language)


def list_item(row: Row[str, str | None, str | None, str | None, str | None]) -> ArticleListItem:
    """An article list item from a row of SUMMARY_COLUMNS."""
    article_id, title, site, published, language = row
    return ArticleListItem(id=article_id, title=title, site=site, published=published, language=language)


def article_row(doc: AnalysisDocument, sequence: int | ColumnElement[int], now: datetime) -> ArticleRow:
    """The row an analysed article is stored as (`sequence`: its ingestion number)."""
    article = doc.article
    instant = utc_instant(article.published)
    return ArticleRow(id=article.id, source=article.source, title=article.title, site=article.site,
                      author=article.author, published=article.published, published_at=instant,
                      language=article.language, text=article.text, document=doc.model_dump_json(),
                      ingested_at=now, sequence=sequence, sort_key=publication_key(instant, now))


def claim_row(article_id: str, position: int, claim: Claim, speaker_id: int | None) -> ClaimRow:
    return ClaimRow(
        id=f"{article_id}-{claim.id}", article_id=article_id, speaker_id=speaker_id, position=position,
        cue=claim.cue.text, content=claim.content.text, start=claim.content.start, end=claim.content.end,
        quote=claim.quote, modality=claim.modality, channel=claim.channel, flags=list(claim.flags),
        quantities=[q.model_dump() for q in claim.quantities],
        places=[p.model_dump() for p in claim.places], speaker_description=claim.speaker.description,
    )


def document_claims(doc: AnalysisDocument, sequence: int) -> list[StoredClaim]:
    """The claims `Store.claims()` returns for this document once it is stored as the
    `sequence`-th article, built without a database from the same rows (`ledger --from` reads
    batch output this way)."""
    article = article_row(doc, sequence, datetime.now(UTC))
    return [stored_claim(claim_row(article.id, position, claim, None),
                         SpeakerRow(name=claim.speaker.name, kind=claim.speaker.kind), article)
            for position, claim in enumerate(doc.claims)]


def stored_claim(claim: ClaimRow, speaker: SpeakerRow, article: ArticleRow) -> StoredClaim:
    return StoredClaim(
        id=claim.id, article_id=article.id, speaker=speaker.name, speaker_kind=speaker.kind, content=claim.content,
        quote=claim.quote, modality=claim.modality, channel=claim.channel, flags=claim.flags,
        quantities=claim.quantities, places=claim.places, site=article.site, published=article.published,
        published_at=article.published_at, sequence=article.sequence, title=article.title, source=article.source,
        context=paragraph_around(article.text, claim.start), speaker_description=claim.speaker_description,
        language=article.language,
    )


def article_of(appearance_id: str) -> str:
    """'<article id>-c3' or '<article id>-h' -> '<article id>'."""
    return appearance_id.rsplit("-", 1)[0]


def is_headline(appearance_id: str) -> bool:
    """'<article id>-h' is an article's headline appearance (ledger.headlines)."""
    return appearance_id.endswith("-h")


def chunked(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def paragraph_around(text: str, position: int) -> str:
    start = text.rfind("\n\n", 0, position)
    end = text.find("\n\n", position)
    return text[start + 2 if start >= 0 else 0 : end if end >= 0 else len(text)]


def stored_ledger_entry(row: ClusterRow) -> StoredLedgerEntry:
    return StoredLedgerEntry(id=row.id, canonical=row.canonical, speakers=row.speakers,
                             first_claim_id=row.first_claim_id, appearances=row.appearances, origins=row.origins,
                             drift=row.drift, **row.details)
