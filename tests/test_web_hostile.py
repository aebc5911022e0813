"""The web server against hostile clients, always a real server on loopback: `claimledger serve`
in its own process where analysis workers, deadlines and signals are involved, uvicorn in a
thread over a real store (SQLite and PostgreSQL) for the request guards; Chromium for a real
cross-site form."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
import psutil
import pytest

from claimledger.settings import ServerSettings
from claimledger.store import Store
from conftest import REPO, empty_store_url, serving
from test_web import browser, page  # noqa: F401 (fixtures)

SHORT = {"title": "Bridge Closed", "text": "The mayor said the bridge would reopen in May."}


def long_text(chars: int) -> str:
    """Real news paragraphs (our outlet corpus) repeated to `chars` characters, headline first."""
    rows = [json.loads(line) for line in (REPO / "tests" / "corpus" / "outlets.jsonl").read_text().splitlines()]
    paragraphs = [p for row in rows for p in row["text"].split("\n\n")]
    body, i = [], 0
    while sum(len(p) + 2 for p in body) < chars:
        body.append(paragraphs[i % len(paragraphs)])
        i += 1
    return ("Council Budget Row Goes On\n\n" + "\n\n".join(body))[:chars]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition, timeout: float, step: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


@dataclass
class Served:
    base: str
    process: subprocess.Popen

    def workers(self) -> set[int]:
        """The pids of the server's analysis worker processes."""
        try:
            children = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return set()
        found = set()
        for child in children:
            try:
                if "spawn_main" in " ".join(child.cmdline()) and child.status() != psutil.STATUS_ZOMBIE:
                    found.add(child.pid)
            except psutil.NoSuchProcess:
                pass
        return found


@contextmanager
def serve(tmp_path, **settings: str) -> Iterator[Served]:
    """`claimledger serve` in its own process over a fresh SQLite store, its settings given as
    CLAIMLEDGER_* variables; returns once its analysis worker has answered a first request."""
    port = free_port()
    env = {**os.environ, **{f"CLAIMLEDGER_{name.upper()}": value for name, value in settings.items()}}
    process = subprocess.Popen([sys.executable, "-m", "claimledger", "serve", "--db",
                                f"sqlite:///{tmp_path / 'served.db'}", "--port", str(port)], env=env, cwd=REPO)
    served = Served(f"http://127.0.0.1:{port}", process)
    try:
        assert wait_until(lambda: answers(served.base), 60), "serve did not start"
        assert httpx.post(served.base + "/api/v1/analyze", json=SHORT, timeout=120).status_code == 200
        yield served
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(30)


def answers(base: str) -> bool:
    try:
        return httpx.get(base + "/api/v1/articles", timeout=2).status_code == 200
    except httpx.TransportError:
        return False


def post_in_background(url: str, payload: dict, timeout: float) -> dict:
    """Post from a thread; the returned dict gets the response (or the error) when it ends."""
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["response"] = httpx.post(url, json=payload, timeout=timeout)
        except httpx.HTTPError as exc:
            outcome["error"] = exc

    outcome["thread"] = threading.Thread(target=run, daemon=True)
    outcome["thread"].start()
    return outcome


# ---- (a) analyses run in a bounded pool of killable workers ----


def test_pasted_text_over_the_web_limit_is_refused_with_413(tmp_path):
    with serve(tmp_path, analyze_max_chars="20000") as served:
        answer = httpx.post(served.base + "/api/v1/analyze", json={"text": long_text(25_000)}, timeout=60)
        assert answer.status_code == 413
        assert "more than the web server's limit of 20,000" in answer.json()["detail"]
        assert answer.headers["x-content-type-options"] == "nosniff"
        accepted = httpx.post(served.base + "/api/v1/analyze", json={"text": long_text(15_000)}, timeout=120)
        assert accepted.status_code == 200


def test_analysis_past_the_deadline_is_stopped_and_its_worker_replaced(tmp_path):
    with serve(tmp_path, analyze_timeout="3", analyze_max_chars="400000") as served:
        before = served.workers()
        assert before, "no analysis worker process"
        answer = httpx.post(served.base + "/api/v1/analyze", json={"text": long_text(300_000)}, timeout=120)
        assert answer.status_code == 504
        assert "longer than 3 s" in answer.json()["detail"]
        assert wait_until(lambda: not (served.workers() & before), 15), "the worker was not killed"
        # a fresh worker takes the next request
        assert httpx.post(served.base + "/api/v1/analyze", json=SHORT, timeout=120).status_code == 200


def test_requests_beyond_the_pool_get_503_with_retry_after(tmp_path):
    with serve(tmp_path, analyze_workers="1", analyze_queue="1", analyze_max_chars="400000") as served:
        running = [post_in_background(served.base + "/api/v1/analyze", {"text": long_text(300_000)}, 3)
                   for _ in range(2)]  # one on the worker, one waiting
        time.sleep(1.5)
        answer = httpx.post(served.base + "/api/v1/analyze", json=SHORT, timeout=30)
        assert answer.status_code == 503
        assert int(answer.headers["retry-after"]) > 0
        # reading is not held up by the full pool
        assert httpx.get(served.base + "/api/v1/articles", timeout=5).status_code == 200
        for outcome in running:
            outcome["thread"].join(10)
            assert "error" in outcome  # gave up after 3 s: the analysis was still running


def test_client_that_leaves_cancels_its_analysis(tmp_path):
    with serve(tmp_path, analyze_workers="1", analyze_queue="0", analyze_max_chars="400000") as served:
        before = served.workers()
        assert before, "no analysis worker process"
        with pytest.raises(httpx.ReadTimeout):
            httpx.post(served.base + "/api/v1/analyze", json={"text": long_text(300_000)}, timeout=2)
        # the worker running the abandoned analysis is killed, and the pool takes new work
        assert wait_until(lambda: not (served.workers() & before), 15), "the abandoned analysis kept running"
        assert httpx.post(served.base + "/api/v1/analyze", json=SHORT, timeout=120).status_code == 200


def test_sigterm_stops_serve_during_an_analysis(tmp_path):
    with serve(tmp_path, shutdown_timeout="2", analyze_max_chars="400000") as served:
        workers = served.workers()
        running = post_in_background(served.base + "/api/v1/analyze", {"text": long_text(300_000)}, 120)
        time.sleep(1.5)
        served.process.send_signal(signal.SIGTERM)
        served.process.wait(20)  # raises TimeoutExpired if serve does not stop
        running["thread"].join(10)
        assert workers and not any(psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
                                   for pid in workers)


# ---- (b) cross-site requests and foreign Host names ----


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def guarded(request, tmp_path_factory) -> Iterator[tuple[str, Store]]:
    """uvicorn in a thread over a store of its own, on SQLite and on PostgreSQL: these tests
    post articles, which must not change the corpus store other tests read."""
    with empty_store_url(request.param, tmp_path_factory.mktemp("guarded"), request) as url:
        store = Store(url)
        with serving(ServerSettings(allowed_hosts=("news.example",)), store) as base:
            yield base, store
        store.close()


def test_cross_site_posts_are_refused(guarded):
    base, _store = guarded
    own = base.replace("http://", "")
    with httpx.Client(base_url=base, timeout=120) as client:
        for headers in ({"Origin": "https://evil.example"}, {"Origin": "null"}, {"Origin": f"http://{own}.evil.example"},
                        {"Origin": "http://127.0.0.1:1"}, {"Sec-Fetch-Site": "cross-site"}):
            api = client.post("/api/v1/analyze", json=SHORT, headers=headers)
            form = client.post("/analyze", data={"text": SHORT["text"]}, headers=headers)
            assert (api.status_code, form.status_code) == (403, 403), headers
        assert client.post("/api/v1/analyze", json=SHORT, headers={"Origin": base}).status_code == 200
        assert client.post("/api/v1/analyze", json=SHORT).status_code == 200  # curl and scripts send no Origin


def test_analyze_form_needs_its_csrf_token(guarded):
    base, store = guarded
    text = "Ferry Fares Rise\n\nThe operator said fares would rise by five percent in June."
    with httpx.Client(base_url=base, timeout=120) as client:
        form = client.get("/analyze")
        token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
        assert client.cookies["claimledger_csrf"] == token
        assert "SameSite=strict" in form.headers["set-cookie"] and "HttpOnly" in form.headers["set-cookie"]
        for sent in ("", "A" * 43, token + "x"):
            refused = client.post("/analyze", data={"text": text, "csrf_token": sent}, headers={"Origin": base})
            assert refused.status_code == 403 and "expired or was sent from another site" in refused.text
        cookieless = httpx.post(base + "/analyze", data={"text": text, "csrf_token": token}, timeout=30)
        assert cookieless.status_code == 403
        assert not any(d.article.title == "Ferry Fares Rise" for d in store.documents())
        sent = client.post("/analyze", data={"text": text, "csrf_token": token}, headers={"Origin": base})
        assert sent.status_code == 303 and sent.headers["location"].startswith("/article/")


def test_cross_site_form_in_a_browser_stores_nothing(guarded, page, http_server):  # noqa: F811
    base, store = guarded
    attacker, routes = http_server
    routes["/attack"] = (200, "text/html", f"""<!doctype html><form id="f" method="post" action="{base}/analyze">
        <input name="text" value="Forged Article\n\nThe mayor said the forged story was true.">
        <input name="csrf_token" value="{'A' * 43}"></form>
        <script>document.getElementById('f').submit()</script>""".encode(), 0)
    page.goto(attacker.replace("127.0.0.1", "localhost") + "/attack")
    page.wait_for_url(f"{base}/analyze")
    assert "refused" in page.content() or "another site" in page.content()
    assert not any(d.article.title == "Forged Article" for d in store.documents())


def test_unknown_host_is_refused_and_named_hosts_are_served(guarded):
    base, _store = guarded
    port = base.rsplit(":", 1)[1]
    with httpx.Client(base_url=base, timeout=30) as client:
        for host in ("evil.example", f"evil.example:{port}", "127.0.0.1.evil.example", "", "[::2]"):
            refused = client.get("/api/v1/articles", headers={"Host": host})
            assert refused.status_code == 400, host
            assert refused.headers["x-content-type-options"] == "nosniff"
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}", f"[::1]:{port}", "news.example"):
            assert client.get("/api/v1/articles", headers={"Host": host}).status_code == 200, host


def test_serve_answers_the_host_it_listens_on_and_allow_host(tmp_path):
    served_hosts = ServerSettings(host="192.0.2.7", allowed_hosts="a.example, B.example").served_hosts()
    assert {"127.0.0.1", "localhost", "[::1]", "192.0.2.7", "a.example", "b.example"} == set(served_hosts)
    assert "0.0.0.0" not in ServerSettings(host="0.0.0.0").served_hosts()
    environment = ServerSettings(allowed_hosts=("a.example", "b.example")).to_environment()
    assert environment["CLAIMLEDGER_ALLOWED_HOSTS"] == "a.example,b.example"


# ---- (c) requests that gave 500s ----


def test_nul_in_the_address_is_400_not_500(guarded):
    base, _store = guarded
    with httpx.Client(base_url=base, timeout=30) as client:
        for path in ("/search?q=a%00b", "/api/v1/search?q=a%00b", "/api/v1/claims?search=%00",
                     "/api/v1/claims?speaker=a%00", "/speaker/a%00b", "/article/a%00b", "/api/v1/articles/a%00b"):
            answer = client.get(path)
            assert answer.status_code == 400 and "NUL" in answer.json()["detail"], path


def test_integers_beyond_sql_range_are_422_not_500(guarded):
    base, _store = guarded
    huge = "9" * 25
    with httpx.Client(base_url=base, timeout=30) as client:
        for path in (f"/?page={huge}", "/?page=999999999999999999", f"/api/v1/articles?offset={huge}",
                     f"/ledger?min_appearances={huge}", f"/api/v1/ledger?min_appearances={huge}",
                     f"/api/v1/ledger/{'9' * 49}", f"/ledger/{'9' * 49}",
                     # ledger ids are claim ids ('<article id>-<claim id>'): a bare number is none
                     f"/api/v1/ledger/{huge}", f"/ledger/{huge}", "/api/v1/ledger/2147483647"):
            assert client.get(path).status_code == 422, path
        for path in (f"/api/v1/ledger/{huge}-c1", f"/ledger/{'9' * 40}-c1"):  # well formed, names no entry
            assert client.get(path).status_code == 404, path


def test_pasted_text_with_nul_characters_is_400_not_500(guarded):
    base, _store = guarded
    with httpx.Client(base_url=base, timeout=30) as client:
        api = client.post("/api/v1/analyze", json={"title": "Nul Row", "text": "The mayor\x00 said the pier was safe."})
        assert api.status_code == 400 and "NUL" in api.json()["detail"]
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/analyze").text).group(1)
        form = client.post("/analyze", data={"text": "Nul Row\n\nThe mayor\x00 said so.", "csrf_token": token})
        assert form.status_code == 400 and "NUL characters" in form.text


def test_chunked_body_over_the_limit_is_413(guarded):
    base, _store = guarded

    def chunks():
        for _ in range(30):
            yield b"x" * 50_000

    answer = httpx.post(base + "/api/v1/analyze", content=chunks(), headers={"content-type": "application/json"},
                        timeout=30)
    assert answer.status_code == 413 and answer.headers["referrer-policy"] == "same-origin"


def test_internal_errors_carry_security_headers(tmp_path):
    db = tmp_path / "broken.db"
    store = Store(f"sqlite:///{db}")
    with serving(ServerSettings(), store) as base:
        with sqlite3.connect(db) as connection:  # the database breaks under the running server
            connection.execute("ALTER TABLE ledger_entries RENAME TO gone")
        for path in ("/api/v1/ledger", "/ledger"):
            answer = httpx.get(base + path, timeout=30)
            assert answer.status_code == 500, path
            assert "default-src 'self'" in answer.headers["content-security-policy"]
            assert answer.headers["x-content-type-options"] == "nosniff"
    store.close()
