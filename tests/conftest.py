"""Shared fixtures: a parsed-article helper, the CLI run as a real subprocess, local HTTP servers."""

from __future__ import annotations

import http.server
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn

from claimledger.document import AnalysisDocument
from claimledger.extract import ExtractedArticle
from claimledger.nlp import parse
from claimledger.pipeline import AnalysisSettings, analyze_parsed, build_article
from claimledger.settings import ServerSettings
from claimledger.store import Store
from claimledger.web import create_app

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CLAIMLEDGER_SHARED", REPO.parent / "shared"))
ARTICLES = Path(__file__).resolve().parent / "articles"


def analyze_text(body: str, title: str = "Test article", sentences: int = 3,
                 words: int | None = None) -> AnalysisDocument:
    """Run the real pipeline on body paragraphs (blank-line separated), skipping file I/O."""
    paragraphs = [p.strip() for p in body.strip().split("\n\n") if p.strip()]
    article = build_article(ExtractedArticle(title=title, paragraphs=paragraphs, language="en"), "test")
    settings = AnalysisSettings(summary_sentences=sentences, summary_words=words)
    return analyze_parsed(article, parse(article.text), settings)


def claims_of(doc: AnalysisDocument) -> list[tuple[str, str]]:
    """Who said what, as a failing assertion should show it."""
    return [(c.speaker.name, c.content.text) for c in doc.claims]


def only_claim(doc: AnalysisDocument):
    assert len(doc.claims) == 1, claims_of(doc)
    return doc.claims[0]


def claim_with(doc: AnalysisDocument, words: str):
    """The first claim whose content holds `words`."""
    matches = [c for c in doc.claims if words in c.content.text]
    assert matches, claims_of(doc)
    return matches[0]


@pytest.fixture(scope="session")
def analyze():
    return analyze_text


def run_cli(*args: str, stdin: bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimledger", *args], input=stdin, capture_output=True,
                          timeout=timeout, cwd=REPO)


@pytest.fixture(scope="session")
def cli():
    return run_cli


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "eval").is_dir():
        pytest.skip(f"shared data not found at {SHARED} (set CLAIMLEDGER_SHARED)")
    return SHARED


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes, float]] = {}

    def do_GET(self):  # noqa: N802 (http.server's naming)
        status, content_type, body, delay = self.routes.get(self.path, (404, "text/plain", b"not found", 0))
        time.sleep(delay)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture()
def http_server():
    """A real HTTP server on loopback; tests register routes: path -> (status, type, body, delay)."""
    routes: dict[str, tuple[int, str, bytes, float]] = {}
    handler = type("Handler", (_Handler,), {"routes": routes})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", routes
    server.shutdown()
    server.server_close()


def postgres_binaries() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL server on a free loopback port, for the whole session.

    Uses CLAIMLEDGER_TEST_POSTGRES when set; otherwise starts Debian's postgresql binaries
    (scripts/test installs them). In CI a missing server is a failure, elsewhere a skip."""
    if url := os.environ.get("CLAIMLEDGER_TEST_POSTGRES"):
        yield url
        return
    bin_dir = postgres_binaries()
    if bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL binaries not found; scripts/test installs Debian's postgresql")
        pytest.skip("PostgreSQL not installed")
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # not under pytest's tmp folder: that one is private to root, and the server runs as postgres
    data = Path(tempfile.mkdtemp(prefix="claimledger-pg-"))
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_user:
        subprocess.run(["chown", "-R", "postgres", str(data)], check=True)
    subprocess.run([*as_user, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"],
                   check=True, capture_output=True)
    subprocess.run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(data / "log"), "-w", "-o",
                    f"-p {port} -k {data} -c listen_addresses=127.0.0.1", "start"], check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


@contextmanager
def empty_store_url(kind: str, folder: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh, empty store URL: a real SQLite file in `folder`, or a new database on the real
    PostgreSQL server (dropped afterwards)."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'store.db'}"
        return
    server = request.getfixturevalue("postgres_server")
    import uuid

    import sqlalchemy

    name = f"test_{uuid.uuid4().hex[:12]}"
    admin = sqlalchemy.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    try:
        yield server.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty store on each database, for tests that write to it."""
    with empty_store_url(request.param, tmp_path, request) as url:
        yield url


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def corpus_store(request, tmp_path_factory):
    """tests/corpus ingested once per database, with its ledger built: shared by the tests that
    only read it, so the corpus is analysed twice per run instead of once per test."""
    from claimledger.corpus import iter_corpus
    from claimledger.ingest import ingest, rebuild_ledger
    from claimledger.store import Store

    with empty_store_url(request.param, tmp_path_factory.mktemp("corpus"), request) as url:
        store = Store(url)
        ingest(store, iter_corpus([str(REPO / "tests" / "corpus")]))
        rebuild_ledger(store)
        yield store
        store.close()


@contextmanager
def serving(settings: ServerSettings, store: Store | None = None) -> Iterator[str]:
    """The web app in a uvicorn thread on a free loopback port (which `settings` is told);
    yields its base URL."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = create_app(settings.model_copy(update={"port": port}), store)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
