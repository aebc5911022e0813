"""Read what the user hands over (a file, a URL, stdin) into decoded text, refusing bad input.

This is the I/O edge of the pipeline: everything after it works on `RawDocument`s.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from charset_normalizer import from_bytes

from claimledger import errors
from claimledger.fetch import fetch_url
from claimledger.limits import MAX_INPUT_BYTES

FETCH_TIMEOUT_SECONDS = 15.0  # the whole fetch, redirects included


@dataclass(frozen=True)
class RawDocument:
    """Decoded input before extraction."""

    source: str
    text: str
    kind: Literal["html", "text"]
    url: str | None = None


def read_source(source: str, *, allow_private: bool = False, timeout: float = FETCH_TIMEOUT_SECONDS) -> RawDocument:
    """Load a path, an http(s) URL or '-' (stdin) and decode it."""
    if source.startswith(("http://", "https://")):
        data, content_type, final_url = fetch_url(source, allow_private=allow_private, timeout=timeout,
                                                  max_bytes=MAX_INPUT_BYTES)
        text = decode_bytes(source, data)
        kind = "html" if "html" in content_type or looks_like_html(text) else "text"
        return RawDocument(source=source, text=text, kind=kind, url=final_url)
    if source == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        check_size(source, len(data))
    else:
        path = Path(source)
        if not path.is_file():
            raise errors.not_found(source)
        check_size(source, path.stat().st_size)
        data = path.read_bytes()
    text = decode_bytes(source, data)
    suffix = Path(source).suffix.lower()
    is_html = suffix in {".html", ".htm", ".xhtml"} or (suffix != ".txt" and looks_like_html(text))
    return RawDocument(source=source, text=text, kind="html" if is_html else "text")


def check_size(source: str, size: int) -> None:
    if size > MAX_INPUT_BYTES:
        raise errors.too_large(source, size, MAX_INPUT_BYTES)


def decode_bytes(source: str, data: bytes) -> str:
    """UTF-8 when it is valid (the common case, and charset detection can misjudge short
    texts), UTF-16 when its byte pattern shows it (with or without a BOM), otherwise
    charset-normalizer's best guess; other NUL bytes mean binary."""
    if not data.strip():
        raise errors.empty(source)
    utf16 = utf16_byte_order(data)
    if utf16 is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            raise errors.undecodable(source) from None
    elif b"\x00" in data:
        raise errors.binary(source)
    else:
        text = decode_text_bytes(source, data)
    if not text.strip():
        raise errors.empty(source)
    if "\x00" in text or control_character_share(text) > 0.05:
        raise errors.binary(source)
    return text


# Windows-1252 is what legacy English-language pages are written in (browsers read a
# latin-1 label as it, too), and charset detection often cannot tell it from its neighbours
# on a short text: a lone '½' (0xBD) is '˝' in windows-1250, '£' (0xA3) is 'Ł', and
# 'Café … “thousands”' reads as Baltic cp775 without complaint. So windows-1252 wins
# whenever it reads the bytes with no more mess than the detector's best guess; Cyrillic,
# Greek or CJK bytes read as a mess in it and keep their own encodings. The price: a short
# Czech text in windows-1250 may come out wrong, and only English is analysed.
WESTERN = "cp1252"


def decode_text_bytes(source: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    western = from_bytes(data, cp_isolation=[WESTERN]).best()
    if western is not None and (best is None or western.chaos <= best.chaos):
        return str(western)
    if best is None:
        raise errors.undecodable(source)
    return str(best)


def utf16_byte_order(data: bytes) -> str | None:
    """'utf-16' for a BOM, 'utf-16-le'/'-be' for BOM-less UTF-16 of mostly Latin text (where
    every other byte is NUL), None otherwise."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[:4096]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= len(odd) / 2 and even.count(0) <= len(even) / 100:
        return "utf-16-le"
    if even.count(0) >= len(even) / 2 and odd.count(0) <= len(odd) / 100:
        return "utf-16-be"
    return None


def control_character_share(text: str) -> float:
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / max(len(sample), 1)


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or ("<p>" in head and "</p>" in head) or "<body" in head
