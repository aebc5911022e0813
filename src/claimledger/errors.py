"""Every error a user can see, with its exit code, in one place (after spaCy's errors.py).

The CLI turns a `ClaimledgerError` (bad input: `InputError`; a store it cannot use or that
lacks what was asked: `StoreError`; a path it cannot write or an address it cannot listen
on: `OutputError`) into one line on stderr and `sys.exit(code)`; nothing
else escapes as a traceback. Exit codes are distinct so scripts can tell failures apart.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    USAGE = 2  # typer's own code for bad arguments
    NOT_FOUND = 3
    EMPTY = 4
    BINARY = 5
    UNDECODABLE = 6
    TOO_LARGE = 7
    NO_ARTICLE = 8
    NOT_ENGLISH = 9
    FETCH_FAILED = 10
    PRIVATE_ADDRESS = 11
    STORE = 12
    NOT_IN_STORE = 13
    CANNOT_WRITE = 14
    CANNOT_LISTEN = 15
    INTERNAL = 70


class ClaimledgerError(Exception):
    """A failure a user can fix, reported as one line. `code` is the process exit code."""

    def __init__(self, code: ExitCode, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(ClaimledgerError):
    """Bad input: a file, URL or text that cannot be read as an article."""


class StoreError(ClaimledgerError):
    """The store cannot be opened, or does not hold what was asked for."""


class OutputError(ClaimledgerError):
    """A file or folder to write, or an address to listen on, that cannot be used."""


def not_found(source: str) -> InputError:
    return InputError(ExitCode.NOT_FOUND, f"{source}: no such file")


def empty(source: str) -> InputError:
    return InputError(ExitCode.EMPTY, f"{source}: the input is empty")


def binary(source: str) -> InputError:
    return InputError(ExitCode.BINARY, f"{source}: this looks like a binary file, not text or HTML")


def undecodable(source: str) -> InputError:
    return InputError(ExitCode.UNDECODABLE, f"{source}: could not detect the text encoding")


def too_large(source: str, size: int, limit: int) -> InputError:
    return InputError(
        ExitCode.TOO_LARGE,
        f"{source}: {size / 1e6:.1f} MB is more than the {limit / 1e6:.0f} MB limit for one article",
    )


def too_long(source: str, chars: int, limit: int) -> InputError:
    return InputError(
        ExitCode.TOO_LARGE,
        f"{source}: the article text has {chars:,} characters, more than the {limit:,}-character limit for one article",
    )


def no_article(source: str) -> InputError:
    return InputError(ExitCode.NO_ARTICLE, f"{source}: no article text found")


def not_english(source: str, language: str) -> InputError:
    return InputError(
        ExitCode.NOT_ENGLISH,
        f"{source}: the article is in '{language}'; only English and Russian are analysed"
        " (text extracted, see --format json)",
    )


def bad_url(source: str, reason: str) -> InputError:
    return InputError(ExitCode.USAGE, f"{source!r} is not a valid URL: {reason}")


def fetch_failed(source: str, reason: str) -> InputError:
    return InputError(ExitCode.FETCH_FAILED, f"{source}: could not fetch ({reason})")


def private_address(source: str, address: str) -> InputError:
    return InputError(
        ExitCode.PRIVATE_ADDRESS,
        f"{source}: refusing to fetch from private or loopback address {address} (use --allow-private)",
    )


def store_failed(url: str, reason: str) -> StoreError:
    return StoreError(ExitCode.STORE, f"cannot use the store at {url}: {reason}")


def not_in_store(article_id: str) -> StoreError:
    return StoreError(ExitCode.NOT_IN_STORE, f"no article {article_id!r} in the store (see: claimledger claims)")


def bad_batch_output(reason: str) -> InputError:
    """`ledger --from`: a folder without batch output, or a shard that is not one."""
    return InputError(ExitCode.UNDECODABLE, reason)


def ledger_not_in_store(url: str) -> StoreError:
    return StoreError(ExitCode.NOT_IN_STORE, f"the store at {url} does not hold the articles of these entries "
                                             "(store them first: claimledger batch --db)")


def cannot_write(path: str, reason: str) -> OutputError:
    return OutputError(ExitCode.CANNOT_WRITE, f"cannot write {path}: {reason}")


def cannot_listen(host: str, port: int, reason: str) -> OutputError:
    return OutputError(ExitCode.CANNOT_LISTEN, f"cannot listen on {host}:{port}: {reason}")


def too_long_for_web(chars: int, limit: int) -> InputError:
    return InputError(ExitCode.TOO_LARGE, f"the article text has {chars:,} characters, more than the web server's "
                                          f"limit of {limit:,}; analyse it with `claimledger analyze`")
