"""The server's settings, read in one place: keyword arguments, then `CLAIMLEDGER_*`
environment variables, then the defaults below.

`claimledger serve` builds them from its options; with several workers, uvicorn starts
fresh processes that can only be told things through the environment, so the CLI writes the
settings there (`to_environment`) and each worker reads them back here, never by hand.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# A pasted article is at most a few hundred kB; refuse bigger bodies before reading them.
MAX_REQUEST_BYTES = 1_000_000
# Parsed documents kept per server process: an article page parses a stored document of
# 20-200 kB of JSON, and the most read articles are few.
DOCUMENT_CACHE = 512
# The web's limit on the article text it analyses, a tenth of the CLI's (limits.MAX_ARTICLE_CHARS):
# the longest of the 181 real articles in article-extraction-benchmark has 53,372 characters
# (the median 3,158), and 100,000 took 11 to 29 s to analyse on our shared two-core machine,
# depending on its load. Longer texts are for `claimledger analyze`.
MAX_ANALYZE_CHARS = 100_000
# A web analysis that runs longer is stopped (its worker process killed): about twice the
# slowest we measured for the largest allowed article.
ANALYZE_TIMEOUT_SECONDS = 60.0
# Analysis worker processes per server process, and analyses allowed to wait for one; more
# requests than both together are answered 503 with Retry-After.
ANALYZE_WORKERS = 1
ANALYZE_QUEUE = 2
# After SIGTERM, requests still running get this long before they are cancelled and the server
# exits (uvicorn's default is to wait for them forever).
SHUTDOWN_TIMEOUT_SECONDS = 10.0
# Host header values always served: the loopback names. A DNS-rebinding page reaches the server
# under its own host name, which is not on the list, so it cannot read the API.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
WILDCARD_ADDRESSES = ("0.0.0.0", "::", "")


class ServerSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLAIMLEDGER_", env_ignore_empty=True, extra="ignore", frozen=True)

    db: str | None = None  # store URL; None: the SQLite file in the user data folder
    allow_private: bool = False  # let analyze fetch URLs on private or loopback addresses
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1  # server processes
    upgrade: bool = True  # migrate the store on start; False in workers whose parent already did
    max_request_bytes: int = MAX_REQUEST_BYTES
    document_cache: int = DOCUMENT_CACHE
    # further Host names to serve, besides the loopback ones and `host` (comma-separated in the
    # environment): the names a server listening on 0.0.0.0 is reached by
    allowed_hosts: Annotated[tuple[str, ...], NoDecode] = ()
    analyze_max_chars: int = MAX_ANALYZE_CHARS
    analyze_timeout: float = ANALYZE_TIMEOUT_SECONDS
    analyze_workers: int = ANALYZE_WORKERS
    analyze_queue: int = ANALYZE_QUEUE
    shutdown_timeout: float = SHUTDOWN_TIMEOUT_SECONDS
    # origins whose pages may call the API from a browser (comma-separated in the environment);
    # none by default
    cors_origins: Annotated[tuple[str, ...], NoDecode] = ()

    @field_validator("allowed_hosts", "cors_origins", mode="before")
    @classmethod
    def split_hosts(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(name.strip() for name in value.split(",") if name.strip())
        return value

    def served_hosts(self) -> list[str]:
        """The Host header values this server answers (without port): loopback names, the
        address it listens on unless that is a wildcard, and `allowed_hosts`."""
        names = [*LOOPBACK_HOSTS, *([] if self.host in WILDCARD_ADDRESSES else [self.host]), *self.allowed_hosts]
        return list(dict.fromkeys(host_pattern(name) for name in names))

    def to_environment(self) -> dict[str, str]:
        """These settings as the environment variables that reproduce them in another process."""
        values = self.model_dump(exclude_none=True)
        return {f"CLAIMLEDGER_{name.upper()}": environment_value(value) for name, value in values.items()}


def host_pattern(name: str) -> str:
    """A host name as a Host header spells it: lower case, IPv6 literals in brackets."""
    name = name.strip().strip("[]").lower()
    return f"[{name}]" if ":" in name else name


def environment_value(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, tuple | list):
        return ",".join(value)
    return str(value)

