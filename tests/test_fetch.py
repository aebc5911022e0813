"""Fetching URLs: a total deadline, the private-address guard at connect time (DNS rebinding,
redirects, literal encodings), and malformed URLs as usage errors. Real servers on loopback."""

from __future__ import annotations

import http.server
import ipaddress
import socket
import threading
import time

import pytest

from claimledger.errors import ExitCode, InputError
from claimledger.fetch import fetch_url
from claimledger.inputs import read_source
from claimledger.limits import MAX_INPUT_BYTES

PAGE = (b"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>The council said the "
        b"new bridge would open to traffic on Monday after two years of work.</p></article></body></html>")


def assert_one_line(result, code: ExitCode, words: str) -> None:
    stderr = result.stderr.decode()
    assert result.returncode == code, stderr
    assert "Traceback" not in stderr and words in stderr


class Trickle:
    """A server that answers every connection one byte every `interval` seconds, for a minute:
    the status line and headers first when `headers` is True, else the body."""

    def __init__(self, *, headers: bool, interval: float = 0.5):
        self.headers, self.interval = headers, interval
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self.answer, args=(connection,), daemon=True).start()

    def answer(self, connection):
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
        with connection:
            connection.recv(65536)
            try:
                if not self.headers:
                    connection.sendall(head)
                for n in range(int(60 / self.interval)):
                    connection.sendall(head[n % len(head): n % len(head) + 1] if self.headers else b"<")
                    time.sleep(self.interval)
            except OSError:
                return  # the client gave up, as it should


@pytest.mark.parametrize("headers", [False, True], ids=["body", "headers"])
def test_a_server_sending_one_byte_at_a_time_is_cut_off_at_the_deadline(cli, headers):
    server = Trickle(headers=headers)
    started = time.monotonic()
    result = cli("analyze", f"http://127.0.0.1:{server.port}/slow", "--allow-private", "--timeout", "2", timeout=60)
    elapsed = time.monotonic() - started
    assert_one_line(result, ExitCode.FETCH_FAILED, "timed out after 2 s")
    assert elapsed < 40, elapsed  # the trickle lasts a minute; the margin is for a busy machine
    server.listener.close()


def test_the_deadline_bounds_the_whole_fetch_not_each_read():
    server = Trickle(headers=False, interval=0.2)
    started = time.monotonic()
    with pytest.raises(InputError) as failed:
        fetch_url(f"http://127.0.0.1:{server.port}/slow", allow_private=True, timeout=1, max_bytes=MAX_INPUT_BYTES)
    assert failed.value.code == ExitCode.FETCH_FAILED and "timed out after 1 s" in failed.value.message
    assert time.monotonic() - started < 10  # each read succeeds within 0.2 s; only a deadline stops it
    server.listener.close()


@pytest.mark.parametrize("timeout", ["inf", "nan", "-1", "0"])
def test_a_timeout_that_is_not_a_finite_number_of_seconds_is_a_usage_error(cli, timeout):
    result = cli("analyze", "http://example.org/story", "--timeout", timeout)
    assert_one_line(result, ExitCode.USAGE, "--timeout")


@pytest.mark.parametrize("url", ["http://[::1", "http://example.org/a\tb", "http://exa\tmple.org/", "http://"])
def test_a_malformed_url_is_a_usage_error(cli, url):
    result = cli("analyze", url)
    assert_one_line(result, ExitCode.USAGE, "is not a valid URL")
    assert len(result.stderr.decode().strip().splitlines()) == 1


@pytest.mark.parametrize("host", ["127.1", "2130706433", "0x7f000001", "017700000001", "[::ffff:127.0.0.1]",
                                  "0.0.0.0", "[::1]", "localhost", "10.0.0.1", "169.254.169.254"])
def test_every_spelling_of_a_private_address_is_refused(host):
    with pytest.raises(InputError) as refused:
        read_source(f"http://{host}/latest/meta-data", timeout=2)
    assert refused.value.code == ExitCode.PRIVATE_ADDRESS


class Recorder(http.server.BaseHTTPRequestHandler):
    """Serves `page` at every path and counts the requests it got; `redirect` sends elsewhere."""

    page: bytes = b""
    redirect: str | None = None
    hits: list

    def do_GET(self):  # noqa: N802 (http.server's naming)
        self.hits.append(self.path)
        if self.redirect:
            self.send_response(302)
            self.send_header("Location", self.redirect)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(self.page)))
        self.end_headers()
        self.wfile.write(self.page)

    def log_message(self, *args):
        pass


def serve(address: str, page: bytes = b"", redirect: str | None = None, port: int = 0):
    handler = type("Handler", (Recorder,), {"page": page, "redirect": redirect, "hits": []})
    server = http.server.ThreadingHTTPServer((address, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, handler.hits


def only(address: str):
    """An address rule standing in for 'public': here 127.0.0.1 plays the internet."""
    allowed = ipaddress.ip_address(address)
    return lambda candidate: candidate == allowed


def test_a_rebinding_name_cannot_reach_the_address_it_was_not_vetted_for(monkeypatch):
    public, public_hits = serve("127.0.0.1", PAGE.replace(b"{title}", b"Public Page"))
    port = public.server_port
    private, private_hits = serve("127.0.0.2", PAGE.replace(b"{title}", b"Secret Page"), port=port)
    real = socket.getaddrinfo
    answers = iter(["127.0.0.1"])  # a rebinding DNS server: the vetted address once, then the private one

    def rebinding(host, *args, **kwargs):
        if host == "rebind.test":
            return real(next(answers, "127.0.0.2"), *args, **kwargs)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    body, _type, _url = fetch_url(f"http://rebind.test:{port}/story", allow_private=False, timeout=5,
                                  max_bytes=MAX_INPUT_BYTES, allowed=only("127.0.0.1"))
    assert b"Public Page" in body
    assert public_hits == ["/story"] and private_hits == []
    public.shutdown()
    private.shutdown()


def test_every_redirect_hop_is_vetted(monkeypatch):
    private, private_hits = serve("127.0.0.2", PAGE.replace(b"{title}", b"Secret Page"))
    public, public_hits = serve("127.0.0.1", redirect=f"http://127.0.0.2:{private.server_port}/secret")
    with pytest.raises(InputError) as refused:
        fetch_url(f"http://127.0.0.1:{public.server_port}/story", allow_private=False, timeout=5,
                  max_bytes=MAX_INPUT_BYTES, allowed=only("127.0.0.1"))
    assert refused.value.code == ExitCode.PRIVATE_ADDRESS and "127.0.0.2" in refused.value.message
    assert public_hits == ["/story"] and private_hits == []
    public.shutdown()
    private.shutdown()
