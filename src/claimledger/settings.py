"""The server's settings, read in one place: keyword arguments, then `CLAIMLEDGER_*`
environment variables, then the defaults below.

`claimledger serve` builds them from its options; with several workers, uvicorn starts
fresh processes that can only be told things through the environment, so the CLI writes the
settings there (`to_environment`) and each worker reads them back here, never by hand.
"""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict

# A pasted article is at most a few hundred kB; refuse bigger bodies before reading them.
MAX_REQUEST_BYTES = 1_000_000
# Parsed documents kept per server process: an article page parses a stored document of
# 20-200 kB of JSON, and the most read articles are few.
DOCUMENT_CACHE = 512


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

    def to_environment(self) -> dict[str, str]:
        """These settings as the environment variables that reproduce them in another process."""
        values = self.model_dump(exclude_none=True)
        return {f"CLAIMLEDGER_{name.upper()}": str(value).lower() if isinstance(value, bool) else str(value)
                for name, value in values.items()}
