"""Shared fixtures: a parsed-article helper, the CLI run as a real subprocess, local HTTP servers."""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from claimledger.document import AnalysisDocument
from claimledger.extract import ExtractedArticle
from claimledger.nlp import load_nlp
from claimledger.pipeline import AnalysisSettings, analyze_parsed, build_article

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CLAIMLEDGER_SHARED", REPO.parent / "shared"))
ARTICLES = Path(__file__).resolve().parent / "articles"


def analyze_text(body: str, title: str = "Test article", sentences: int = 3) -> AnalysisDocument:
    """Run the real pipeline on body paragraphs (blank-line separated), skipping file I/O."""
    paragraphs = [p.strip() for p in body.strip().split("\n\n") if p.strip()]
    article = build_article(ExtractedArticle(title=title, paragraphs=paragraphs, language="en"), "test")
    return analyze_parsed(article, load_nlp()(article.text), AnalysisSettings(summary_sentences=sentences))


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
