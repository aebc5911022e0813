"""The web reader in real Chromium (Debian's, driven by Playwright) against a real server on
loopback, plus the JSON API. The store holds our outlet corpus and one hostile article."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time

import httpx
import pytest
import uvicorn

from claimledger.corpus import CorpusItem, iter_corpus
from claimledger.ingest import ingest, rebuild_ledger
from claimledger.inputs import RawDocument
from claimledger.settings import ServerSettings
from claimledger.store import Store
from claimledger.web import create_app
from conftest import REPO

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HOSTILE = """Council Meeting Descends Into Chaos <script>window.__pwned = 'title'</script>

Councillor Rita Vance said the budget was <script>window.__pwned = 'script'</script> "completely unacceptable" and that the vote would be repeated next week.

<img src=x onerror="window.__pwned = 'img'"> The mayor said residents could read the report at <a href="javascript:window.__pwned = 'link'">this link</a> before Friday.

<svg onload="window.__pwned = 'svg'"></svg> The meeting ended after four hours of debate in the town hall on Tuesday evening.
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.db'}"
    store = Store(db)
    ingest(store, iter_corpus([str(REPO / "tests" / "corpus")]))
    hostile = CorpusItem(raw=RawDocument(source="https://hostile.example/x", text=HOSTILE, kind="text",
                                         url="https://hostile.example/x"), published="2025-03-20")
    ingest(store, [hostile])
    rebuild_ledger(store)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(ServerSettings(db=db)), host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not uv.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", store
    uv.should_exit = True
    thread.join(5)


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("chromium not installed; scripts/test installs Debian's chromium")
        pytest.skip("chromium not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield launched
        launched.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def article_id(store: Store, site: str, words: str) -> str:
    return next(d.article.id for d in store.documents() if d.article.site == site and words in d.article.title)


def test_get_a_summary_reveals_it_without_a_page_load(server, page):
    base, store = server
    page.goto(f"{base}/article/{article_id(store, 'Baltic Wire', 'Dozens of Finns')}")
    summary = page.locator("#summary")
    assert not summary.is_visible()
    page.evaluate("window.__marker = 'same page'")
    page.get_by_role("button", name="Get a summary").click()
    assert summary.is_visible()
    assert "Tamm" in summary.inner_text() and "Scrutiny" in summary.inner_text()
    assert page.evaluate("window.__marker") == "same page"


def test_claims_are_highlighted_with_their_speakers(server, page):
    base, store = server
    page.goto(f"{base}/article/{article_id(store, 'Baltic Wire', 'Dozens of Finns')}")
    marks = page.locator("mark.claim")
    assert marks.count() == 3
    assert marks.first.get_attribute("data-speaker") == "Arvid Tamm"
    marks.first.focus()
    assert marks.first.locator(".tip").is_visible()
    assert "Arvid Tamm" in page.locator("aside.claims").inner_text()


def test_previous_and_next_follow_publication_order(server, page):
    base, store = server
    page.goto(f"{base}/article/{article_id(store, 'Daily Ledger', 'Interview')}")
    page.get_by_role("link", name="Next Article").click()
    assert page.locator("h1").inner_text() == "Dozens of Finns Join Volunteer Units, Says Tamm"
    page.get_by_role("link", name="Previous Article").click()
    assert page.locator("h1").inner_text() == "In Interview, Tamm Defends Volunteer Drive"
    page.get_by_role("link", name="Previous Article").click()
    assert page.locator("h1").inner_text() == "Finnish Volunteers Joining Northern Solidarity, Leader Claims"


def test_search_lands_on_the_article(server, page):
    base, _store = server
    page.goto(base)
    page.get_by_label("Search articles").fill("shipyard Turku")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Ferry Operator Orders Two Electric Ships").click()
    assert page.locator("h1").inner_text() == "Ferry Operator Orders Two Electric Ships"


def test_ledger_and_cluster_pages(server, page):
    base, _store = server
    page.goto(f"{base}/ledger")
    page.get_by_role("link", name="several dozen volunteers from Finland", exact=False).click()
    body = page.locator("main").inner_text()
    assert "seen in 7 articles" in body and "3 independent origins" in body and "the numbers drift" in body


def test_paste_an_article_into_analyze(server, page):
    base, _store = server
    page.goto(f"{base}/analyze")
    page.get_by_label("Paste the article").fill(
        "Harbour Pilots Threaten Strike\n\nPilots' union leader Olga Berg said her members were ready to strike "
        "from Monday. She told reporters that talks had failed.")
    page.get_by_role("button", name="Analyze").click()
    assert page.locator("h1").inner_text() == "Harbour Pilots Threaten Strike"
    assert page.locator("mark.claim").count() == 2


def test_hostile_article_runs_no_script(server, page):
    base, store = server
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    hostile = next(d.article.id for d in store.documents() if d.article.source == "https://hostile.example/x")
    page.goto(f"{base}/article/{hostile}")
    page.get_by_role("button", name="Get a summary").click()
    for mark in page.locator("mark.claim").all():
        mark.hover()
    assert "<script>window.__pwned = 'script'</script>" in page.locator(".body").inner_text()
    assert page.locator(".body img, .body svg, .body a[href^='javascript']").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.goto(f"{base}/search?q=chaos")
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_api(server):
    base, store = server
    with httpx.Client(base_url=base) as client:
        articles = client.get("/api/v1/articles", params={"limit": 5}).json()
        assert len(articles) == 5
        doc = client.get(f"/api/v1/articles/{articles[0]['id']}").json()
        assert doc["schema_version"] == "1"
        assert any(s["name"] == "Arvid Tamm" for s in client.get("/api/v1/speakers").json())
        ledger = client.get("/api/v1/ledger").json()
        assert client.get(f"/api/v1/ledger/{ledger[0]['id']}").json()["appearances"] == ledger[0]["appearances"]
        assert client.get("/api/v1/search", params={"q": "Turku"}).json()[0]["title"].startswith("Ferry")
        assert client.get("/api/v1/claims", params={"speaker": "Niemi"}).json()[0]["speaker"] == "Kaisa Niemi"
        made = client.post("/api/v1/analyze",
                           json={"title": "Bridge Closed", "text": "The mayor said the bridge would reopen in May."})
        assert made.status_code == 200 and made.json()["claims"][0]["speaker"]["name"] == "mayor"
        assert client.post("/api/v1/analyze", json={"url": "http://127.0.0.1:9/x"}).status_code == 400
        too_big = client.post("/api/v1/analyze", content=json.dumps({"text": "x" * 1_200_000}),
                              headers={"content-type": "application/json"})
        assert too_big.status_code == 413
        assert "/api/v1/ledger" in client.get("/openapi.json").json()["paths"]
        assert client.get("/docs").status_code == 200


def test_speaker_page_lists_their_claims(server):
    base, _store = server
    with httpx.Client(base_url=base) as client:
        page = client.get("/speaker/Kaisa Niemi")
    assert page.status_code == 200
    assert "<h1>Kaisa Niemi</h1>" in page.text and 'class="claim-list"' in page.text


def test_every_api_route_declares_its_response_model():
    from claimledger.web import api

    assert {route.path: route.response_model is not None for route in api.router.routes} == {
        path: True for path in ("/articles", "/articles/{article_id}", "/claims", "/ledger", "/ledger/{cluster_id}",
                                "/speakers", "/search", "/analyze")}
