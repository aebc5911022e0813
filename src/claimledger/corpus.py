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
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path

from claimledger import errors
from claimledger.inputs import MAX_INPUT_BYTES, RawDocument, check_size, decode_bytes, looks_like_html, read_source

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
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                yield jsonl_item(f"{path}:{number}", line)
    except (EOFError, gzip.BadGzipFile, OSError) as exc:
        yield CorpusFailure(str(path), f"truncated or corrupt compressed file ({type(exc).__name__})")


def jsonl_item(where: str, line: bytes) -> CorpusItem | CorpusFailure:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return CorpusFailure(where, f"malformed JSON ({exc.__class__.__name__})")
    if not isinstance(record, dict):
        return CorpusFailure(where, "a line must be a JSON object")
    body, kind = (record.get("html"), "html") if record.get("html") else (record.get("text"), "text")
    if not isinstance(body, str) or not body.strip():
        return CorpusFailure(where, "no 'text' or 'html' field")
    url = record.get("url") if isinstance(record.get("url"), str) else None
    source = url or str(record.get("id") or where)
    title = record.get("title") if isinstance(record.get("title"), str) else None
    if kind == "text" and title:
        body = f"{title}\n\n{body}"  # a text body's first line is its headline
    return CorpusItem(raw=RawDocument(source=source, text=body, kind=kind, url=url), title=title,
                      published=str(record["published"]) if record.get("published") else None,
                      site=record.get("site") if isinstance(record.get("site"), str) else None)


def iter_warc(path: Path) -> Iterator[CorpusItem | CorpusFailure]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or str(path)
                content_type = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
                if content_type and "html" not in content_type and "text" not in content_type:
                    continue
                data = record.content_stream().read(MAX_INPUT_BYTES + 1)
                yield warc_item(url, data)
        # warcio stops quietly at a cut-off gzip member; reading the stream to its end tells
        # a complete file from a truncated one (a second pass, cheap beside the analysis)
        if gzip_is_truncated(path):
            raise EOFError("compressed stream ends early")
    except (ArchiveLoadFailed, EOFError, gzip.BadGzipFile, OSError, ValueError) as exc:
        yield CorpusFailure(str(path), f"truncated or corrupt WARC ({type(exc).__name__}); records before it were read")


def gzip_is_truncated(path: Path) -> bool:
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
        html = f"<html><head><title>{heading}</title></head><body><article><h1>{heading}</h1>{body}</article></body></html>"
        yield CorpusItem(raw=RawDocument(source=url or f"{path}#{number}", text=html, kind="html", url=url),
                         title=title, published=entry.get("published") or entry.get("updated"), site=site)
