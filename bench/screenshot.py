"""Render the web reader with Debian's chromium and save the README's screenshots:
docs/ledger-entry.png (the ledger entry of the Finnish volunteers claim: timeline, drift
chart, appearances) and docs/article.png (the sample article, summary opened).

    python bench/screenshot.py
"""

from __future__ import annotations

import socket
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from claimledger.corpus import iter_corpus
from claimledger.ingest import ingest, rebuild_ledger
from claimledger.settings import ServerSettings
from claimledger.store import Store
from claimledger.web import create_app

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    db = f"sqlite:///{tempfile.mkdtemp()}/screenshot.db"
    store = Store(db)
    ingest(store, iter_corpus([str(REPO / "tests" / "corpus"), str(REPO / "examples")]))
    rebuild_ledger(store)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(ServerSettings(db=db)), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    sample = next(d.article.id for d in store.documents() if d.article.source.endswith("harbour-strike.txt"))
    entry = next(e.id for e in store.clusters(2) if e.drift)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1200, "height": 1150}, timezone_id="UTC")
        page.goto(f"http://127.0.0.1:{port}/ledger/{entry}")
        page.screenshot(path=str(REPO / "docs" / "ledger-entry.png"), full_page=True)
        page.goto(f"http://127.0.0.1:{port}/article/{sample}")
        page.get_by_text("Get a summary").click()
        page.screenshot(path=str(REPO / "docs" / "article.png"))
        browser.close()
    server.should_exit = True


if __name__ == "__main__":
    main()
