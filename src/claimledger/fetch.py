"""Fetch one URL safely: a total deadline, a size cap, and no way onto private addresses.

- The private-address guard (SSRF) lives in the network backend httpx connects through: a
  host name is resolved once, every address it resolves to is vetted, and the connection
  goes to a vetted address. There is no second lookup for a rebinding DNS server to answer
  differently, and every redirect hop connects through the same check.
- `timeout` bounds the whole fetch, not each read: every socket operation gets at most the
  time left, so a server sending one byte a second is cut off at the deadline.
- Environment proxies are not used: through a proxy, the guard could not see where the
  connection really goes.
"""

from __future__ import annotations

import ipaddress
import math
import socket
import time
from collections.abc import Callable, Iterable
from urllib.parse import urljoin

import httpcore
import httpx

from claimledger import errors

MAX_REDIRECTS = 5
USER_AGENT = "claimledger/0.1 (+https://github.com/claimledger/claimledger)"


def check_url(url: str) -> httpx.URL:
    """The parsed URL, or a usage error saying why it is not one."""
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise errors.bad_url(url, "it contains control characters (a tab or a line break?)")
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise errors.bad_url(url, str(exc)) from None
    if parsed.scheme not in {"http", "https"} or not parsed.host:
        raise errors.bad_url(url, "an http(s) URL needs a host")
    return parsed


AddressRule = Callable[[ipaddress.IPv4Address | ipaddress.IPv6Address], bool]


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return address.is_global


def fetch_url(url: str, *, allow_private: bool, timeout: float, max_bytes: int,
              allowed: AddressRule | None = None) -> tuple[bytes, str, str]:
    """GET a URL: (body, content type, final URL after redirects). Connections go only to
    addresses `allowed` accepts: public ones by default, any with `allow_private`."""
    check_url(url)
    if not math.isfinite(timeout) or timeout <= 0:
        raise ValueError(f"timeout must be a positive number of seconds, not {timeout}")
    rule = allowed or ((lambda _address: True) if allow_private else is_public)
    backend = GuardedBackend(source=url, allowed=rule, deadline=time.monotonic() + timeout)
    current = url
    try:
        with httpx.Client(transport=GuardedTransport(backend), timeout=timeout, trust_env=False,
                          headers={"User-Agent": USER_AGENT}) as client:
            for _ in range(MAX_REDIRECTS + 1):
                with client.stream("GET", current) as response:
                    if response.is_redirect and "location" in response.headers:
                        current = urljoin(current, response.headers["location"])
                        continue
                    if response.status_code >= 400:
                        raise errors.fetch_failed(url, f"HTTP {response.status_code}")
                    data = bytearray()
                    for chunk in response.iter_bytes():
                        data.extend(chunk)
                        if len(data) > max_bytes:
                            raise errors.too_large(url, len(data), max_bytes)
                    return bytes(data), response.headers.get("content-type", ""), current
            raise errors.fetch_failed(url, f"more than {MAX_REDIRECTS} redirects")
    except httpx.TimeoutException:
        raise errors.fetch_failed(url, f"timed out after {timeout:g} s") from None
    except httpx.InvalidURL as exc:
        raise errors.fetch_failed(url, f"redirected to an invalid URL ({exc})") from None
    except httpx.HTTPError as exc:
        raise errors.fetch_failed(url, type(exc).__name__ + (f": {exc}" if str(exc) else "")) from None


class GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport, its connection pool built on `GuardedBackend`."""

    def __init__(self, backend: GuardedBackend):
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(trust_env=False),
                                             network_backend=backend)


class GuardedBackend(httpcore.NetworkBackend):
    """Resolves each host once, vets every address, connects to a vetted one, and hands out
    streams whose every read and write ends by the deadline."""

    def __init__(self, *, source: str, allowed: AddressRule, deadline: float):
        self.source = source
        self.allowed = allowed
        self.deadline = deadline
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable | None = None) -> httpcore.NetworkStream:
        addresses = self.vetted_addresses(host, port)
        failure: Exception | None = None
        for address in addresses:
            try:
                budget = time_left(self.deadline, timeout, httpcore.ConnectTimeout)
                stream = self._inner.connect_tcp(address, port, budget, local_address, socket_options)
            except httpcore.ConnectError as exc:
                failure = exc
                continue
            return DeadlineStream(stream, self.deadline)
        raise failure or httpcore.ConnectError(f"no address for {host}")

    def vetted_addresses(self, host: str, port: int) -> list[str]:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise errors.fetch_failed(self.source, f"cannot resolve {host}: {exc.strerror}") from None
        addresses = list(dict.fromkeys(info[4][0] for info in infos))
        for address in addresses:  # one refused address refuses the host: mixed answers are a trick
            if not self.allowed(ipaddress.ip_address(address.split("%")[0])):
                raise errors.private_address(self.source, address)
        return addresses

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable | None = None) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("Unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class DeadlineStream(httpcore.NetworkStream):
    """A network stream whose operations get no more than the time left before the deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float):
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, time_left(self._deadline, timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, time_left(self._deadline, timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        stream = self._inner.start_tls(ssl_context, server_hostname,
                                       time_left(self._deadline, timeout, httpcore.ConnectTimeout))
        return DeadlineStream(stream, self._deadline)

    def get_extra_info(self, info: str):
        return self._inner.get_extra_info(info)


def time_left(deadline: float, timeout: float | None, expired: type[Exception]) -> float:
    """The smaller of an operation's own timeout and the time left; past the deadline, `expired`."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise expired("the fetch deadline has passed")
    return left if timeout is None else min(timeout, left)
