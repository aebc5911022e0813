"""Read many articles lazily: folders, .txt/.html files, JSONL(.gz), WARC(.gz), RSS/Atom feeds.

Every reader is a generator that yields one `CorpusItem` per article or one `CorpusFailure`
per record it cannot read, so a malformed line or a truncated WARC never stops a run and
memory does not grow with the corpus. Shared by `ingest` and `batch`.

JSONL fields, one article per line (a JSON object):

    url        the article's address (optional; used as its source)
    title      headline (optional; otherwise taken from the HTML or the first text line)
    text       plain text body  \\ one of the two is required
    html       raw HTML page    /
    published  ISO 8601 date (optional; overrides what extraction finds)
    site       site name (optional)
    id         your own identifier (optional; kept as the source when there is no url)
"""

from __future__ import annotations

import gzip
import io
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import BinaryIO

from claimledger import errors
from claimledger.inputs import RawDocument, check_size, decode_bytes, looks_like_html, read_source
from claimledger.limits import MAX_INPUT_BYTES

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}


@dataclass(frozen=True)
class CorpusItem:
    raw: RawDocument
    title: str | None = None
    published: str | None = None
    site: str | None = None


@dataclass(frozen=True)
class CorpusFailure:
    source: str
    reason: str


def iter_corpus(paths: list[str], *, allow_private: bool = False) -> Iterator[CorpusItem | CorpusFailure]:
    for path in paths:
        yield from iter_path(path, allow_private=allow_private)


def iter_path(path: str, *, allow_private: bool = False) -> Iterator[CorpusItem | CorpusFailure]:
    p = Path(path)
    if path.startswith(("http://", "https://")):
        try:
            yield CorpusItem(raw=read_source(path, allow_private=allow_private))
        except errors.InputError as exc:
            yield CorpusFailure(path, exc.message)
        return
    if p.is_dir():
        # a folder walk takes the files it can read and passes over the rest (notes, images)
        for child in sorted(c for c in p.rglob("*") if c.is_file() and shard_kind(c) is not None):
            yield from iter_file(child)
        return
    if not p.exists():
        yield CorpusFailure(path, "no such file or folder")
        return
    yield from iter_file(p)


def shard_kind(path: Path) -> str | None:
    name = path.name.lower()
    for suffix in (".gz",):
        name = name.removesuffix(suffix)
    if name.endswith((".warc", ".arc")):
        return "warc"
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    suffix = Path(name).suffix
    if suffix in FEED_SUFFIXES:
        return "feed"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return None


def iter_file(path: Path) -> Iterator[CorpusItem | CorpusFailure]:
    kind = shard_kind(path)
    try:
        if kind == "warc":
            yield from iter_warc(path)
        elif kind == "jsonl":
            yield from iter_jsonl(path)
        elif kind == "feed":
            yield from iter_feed(path)
        elif kind in {"html", "text"}:
            yield from iter_single(path)
        else:
            yield CorpusFailure(str(path), "unsupported file type (want .txt, .html, .jsonl, .warc, .rss/.atom/.xml)")
    except OSError as exc:
        yield CorpusFailure(str(path), f"unreadable: {exc.strerror or exc}")


def iter_single(path: Path) -> Iterator[CorpusItem | CorpusFailure]:
    try:
        yield CorpusItem(raw=read_source(str(path)))
    except errors.InputError as exc:
        yield CorpusFailure(str(path), exc.message)


def open_maybe_gzip(path: Path):
    with path.open("rb") as handle:
        magic = handle.read(2)
    return gzip.open(path, "rb") if magic == b"\x1f\x8b" else path.open("rb")


def iter_jsonl(path: Path) -> Iterator[CorpusItem | CorpusFailure]:
    try:
        with open_maybe_gzip(path) as handle:
            for number, line in enumerate(capped_lines(handle, MAX_INPUT_BYTES), 1):
                where = f"{path}:{number}"
                if line is None:
                    limit = f"{MAX_INPUT_BYTES / 1e6:.0f} MB"
                    yield CorpusFailure(where, f"line longer than the {limit} limit for one article")
                elif line.strip():
                    yield jsonl_item(where, line)
    except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
        yield CorpusFailure(str(path), f"truncated or corrupt compressed file ({type(exc).__name__})")


def capped_lines(handle: BinaryIO, cap: int) -> Iterator[bytes | None]:
    """The lines of a binary stream, in constant memory: a line longer than `cap` bytes is
    skipped to its end and yields None (a gzip line can expand to gigabytes)."""
    while line := handle.readline(cap + 1):
        if len(line.rstrip(b"\r\n")) <= cap:
            yield line
            continue
        while not line.endswith(b"\n") and (line := handle.readline(1 << 20)):
            pass
        yield None


# the documented JSONL fields and the types they take (an integer `id` is common in exports)
JSONL_FIELDS: dict[str, tuple[type, ...]] = {
    "url": (str,), "title": (str,), "text": (str,), "html": (str,), "published": (str,), "site": (str,),
    "id": (str, int),
}


def jsonl_item(where: str, line: bytes) -> CorpusItem | CorpusFailure:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return CorpusFailure(where, f"malformed JSON ({exc.__class__.__name__})")
    except RecursionError:
        return CorpusFailure(where, "malformed JSON (nested too deeply)")
    if not isinstance(record, dict):
        return CorpusFailure(where, "a line must be a JSON object")
    if problem := field_problem(record):
        return CorpusFailure(where, problem)
    body, kind = (record.get("html"), "html") if record.get("html") else (record.get("text"), "text")
    if not body or not body.strip():
        return CorpusFailure(where, "no 'text' or 'html' field")
    url = record.get("url") or None
    source = url or str(record.get("id") or where)
    title = record.get("title") or None
    if kind == "text" and title:
        body = f"{title}\n\n{body}"  # a text body's first line is its headline
    return CorpusItem(raw=RawDocument(source=source, text=body, kind=kind, url=url), title=title,
                      published=record.get("published") or None, site=record.get("site") or None)


def field_problem(record: dict) -> str | None:
    """Why a record's documented fields cannot be used as they are, or None."""
    for name, types in JSONL_FIELDS.items():
        value = record.get(name)
        if value is None:
            continue
        if not isinstance(value, types) or isinstance(value, bool):
            wanted = " or ".join("a string" if t is str else "an integer" for t in types)
            return f"'{name}' must be {wanted}, not {type(value).__name__}"
        if isinstance(value, str) and "\x00" in value:
            return f"'{name}' contains NUL characters (binary data?)"
    published = record.get("published")
    if published and not is_iso_date(published):
        return f"'published' is not an ISO 8601 date: {published[:40]!r}"
    return None


def is_iso_date(value: str) -> bool:
    """'2025-03-04', '2025-03-04T10:00:00Z', '2025-03' or '2025' (reduced precision)."""
    if re.fullmatch(r"\d{4}(-\d{2})?", value.strip()):
        return True
    try:
        datetime.fromisoformat(value.strip())
    except ValueError:
        return False
    return True


def iter_warc(path: Path) -> Iterator[CorpusItem | CorpusFailure]:
    """Response records of a WARC(.gz). A record cut short (a truncated file) or a file warcio
    cannot parse further is one failure; every complete record before it is read."""
    from warcio.archiveiterator import ArchiveIterator

    read, end = 0, 0
    try:
        with path.open("rb") as handle:
            records = ArchiveIterator(handle)
            for record in records:
                outcome = warc_record(record, str(path))
                if isinstance(outcome, Truncated):
                    yield CorpusFailure(str(path), truncated_warc(outcome.reason, read))
                    return
                read += 1
                end = records.get_record_offset() + records.get_record_length()
                if outcome is not None:
                    yield outcome
            # warcio ends quietly at a header block cut short; what follows the last whole
            # record must be blank lines
            handle.seek(end)
            tail_is_blank = not handle.read(1 << 16).strip()
        if gzip_is_truncated(path):  # a cut in a gzip trailer leaves the records whole, not the file
            yield CorpusFailure(str(path), truncated_warc("compressed stream ends early", read))
        elif not tail_is_blank:
            yield CorpusFailure(str(path), truncated_warc("file ends inside a record header", read))
    except Exception as exc:  # warcio meets hostile bytes with many exception types
        yield CorpusFailure(str(path), truncated_warc(type(exc).__name__, read))


@dataclass(frozen=True)
class Truncated:
    reason: str


def truncated_warc(reason: str, read: int) -> str:
    return f"truncated or corrupt WARC ({reason}); the {read} records before it were read"


def warc_record(record, fallback_url: str) -> CorpusItem | CorpusFailure | Truncated | None:
    """One WARC record: an article, a failure, Truncated when the file ends inside it, or
    None for records that hold no page (requests, metadata, images)."""
    declared = record.rec_headers.get_header("Content-Length")
    if declared is None or not declared.strip().isdigit():
        return Truncated("record without a Content-Length")
    url = record.rec_headers.get_header("WARC-Target-URI") or fallback_url
    content_type = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
    wanted = record.rec_type == "response" and (not content_type or "html" in content_type or "text" in content_type)
    data = record.content_stream().read(MAX_INPUT_BYTES + 1) if wanted else b""
    while record.raw_stream.read(1 << 20):  # the rest of the record, to know it is all there
        pass
    if record.raw_stream.limit > 0:
        return Truncated(f"file ends inside the record for {url}")
    return warc_item(url, data) if wanted else None


def gzip_is_truncated(path: Path) -> bool:
    """warcio stops quietly at a cut-off gzip member; reading the stream to its end tells a
    complete file from a truncated one (a second pass, cheap beside the analysis)."""
    with path.open("rb") as handle:
        if handle.read(2) != b"\x1f\x8b":
            return False
    try:
        with gzip.open(path, "rb") as stream:
            while stream.read(1 << 20):
                pass
    except (EOFError, gzip.BadGzipFile, zlib.error):
        return True
    return False


def warc_item(url: str, data: bytes) -> CorpusItem | CorpusFailure:
    try:
        check_size(url, len(data))
        text = decode_bytes(url, data)
    except errors.InputError as exc:
        return CorpusFailure(url, exc.message)
    return CorpusItem(raw=RawDocument(source=url, text=text, kind="html" if looks_like_html(text) else "text", url=url))


def iter_feed(path: Path) -> Iterator[CorpusItem | CorpusFailure]:
    """Entries of an RSS/Atom file that carry their article body (content or summary)."""
    import feedparser

    feed = feedparser.parse(io.BytesIO(path.read_bytes()))
    if feed.bozo:
        yield CorpusFailure(str(path), f"broken feed ({type(feed.bozo_exception).__name__}); "
                                       f"{len(feed.entries)} entries could still be read")
    site = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, 1):
        body = (entry.get("content") or [{}])[0].get("value") or entry.get("summary") or ""
        url = entry.get("link")
        if not body.strip():
            yield CorpusFailure(url or f"{path}#{number}", "feed entry has no content")
            continue
        title = entry.get("title")
        heading = escape(title or "")
        html = (f"<html><head><title>{heading}</title></head><body><article><h1>{heading}</h1>{body}</article>"
                "</body></html>")
        yield CorpusItem(raw=RawDocument(source=url or f"{path}#{number}", text=html, kind="html", url=url),
                         title=title, published=feed_date(entry), site=site)


def feed_date(entry) -> str | None:
    """An entry's date in ISO 8601 (feeds write RFC 822 dates; feedparser parses both kinds to UTC)."""
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime(*parsed[:6], tzinfo=UTC).isoformat(timespec="minutes")
