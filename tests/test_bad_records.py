"""One bad record is one line in the tally, never the end of the run: every other record of
the same file is still stored (real files, real stores on SQLite and PostgreSQL)."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import textwrap

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimledger.corpus import CorpusFailure, CorpusItem, iter_file
from claimledger.errors import ExitCode
from claimledger.ingest import ingest
from claimledger.limits import MAX_ARTICLE_CHARS, MAX_INPUT_BYTES
from claimledger.store import Store
from conftest import REPO

PAGE = ("<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        "<p>{body}</p></article></body></html>")


def story(n: int) -> str:
    return f"Officials in district {n} said the new library would open in the spring after a long delay."


def good_line(n: int) -> dict:
    return {"url": f"https://good.example/{n}", "title": f"Library Plan {n}", "text": story(n)}


def long_text() -> str:
    """An article whose clean text is longer than the limit, in ordinary paragraphs."""
    paragraphs, total, n = [], 0, 0
    while total <= MAX_ARTICLE_CHARS:
        n += 1
        paragraphs.append(" ".join(f"Item {n}.{k} of the budget, the committee said, would be published next week."
                                   for k in range(12)))
        total += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)


def write_warc(path, pages, *, gzipped=True):
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()),
                                                          http_headers=headers))


def test_each_bad_jsonl_line_is_one_tally_entry_and_the_good_lines_are_stored(tmp_path, db_url):
    bad = {
        "nested": "[" * 200_000 + "]" * 200_000,
        "not a date": json.dumps({**good_line(101), "published": "last Tuesday, probably"}),
        "id object": json.dumps({"id": {"value": 7}, "title": "Odd Id", "text": story(102)}),
        "id float": json.dumps({"id": 1.5, "title": "Odd Id", "text": story(103)}),
        "NUL": json.dumps({**good_line(104), "text": story(104) + "\u0000 trailing bytes"}),
        "too long": json.dumps({**good_line(105), "text": long_text()}),
    }
    lines = []
    for n, line in enumerate(bad.values()):
        lines += [json.dumps(good_line(n)), line]
    lines.append(json.dumps({**good_line(99), "published": "2025-03-04T10:00:00Z", "id": 12345}))
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines) + "\n")

    store = Store(db_url)
    tally = ingest(store, iter_file(tmp_path / "mixed.jsonl"))
    assert tally.new == len(bad) + 1
    sources = [source for source, _reason in tally.failed]
    lines_at_fault = [f"{tmp_path / 'mixed.jsonl'}:{2 * n + 2}" for n in range(len(bad) - 1)]
    assert sources == [*lines_at_fault, "https://good.example/105"]  # the last one parsed: named by its url
    reasons = [reason for _source, reason in tally.failed]
    assert "nested too deeply" in reasons[0]
    assert "not an ISO 8601 date" in reasons[1]
    assert "'id' must be a string or an integer, not dict" in reasons[2]
    assert "not float" in reasons[3]
    assert "NUL" in reasons[4]
    assert f"{MAX_ARTICLE_CHARS:,}-character limit" in reasons[5]
    stored = {d.article.source for d in store.documents()}
    assert stored == {f"https://good.example/{n}" for n in [*range(len(bad)), 99]}
    store.close()


def test_unicode_line_ends_separate_headline_and_paragraphs(tmp_path):
    for end in ("\u0085", "\u2028", "\u2029"):
        text = end.join(["Library Opens Its Doors", "", story(1), "", story(2)])
        (tmp_path / "nel.jsonl").write_text(json.dumps({"url": "https://nel.example/1", "text": text}) + "\n")
        store = Store(f"sqlite:///{tmp_path / 'nel.db'}")
        ingest(store, iter_file(tmp_path / "nel.jsonl"))
        doc = next(store.documents())
        assert doc.article.title == "Library Opens Its Doors"
        assert doc.article.text == story(1) + "\n\n" + story(2)
        store.close()
        (tmp_path / "nel.db").unlink()


def cuts(data: bytes) -> list[int]:
    return list(range(1, len(data), 7))


@pytest.mark.parametrize("gzipped", [True, False], ids=["warc.gz", "warc"])
def test_a_truncated_warc_is_one_failure_after_every_whole_record(tmp_path, gzipped):
    pages = [(f"https://w.example/{n}", PAGE.format(title=f"Story {n}", body=story(n))) for n in range(4)]
    whole = tmp_path / ("whole.warc.gz" if gzipped else "whole.warc")
    write_warc(whole, pages, gzipped=gzipped)
    data = whole.read_bytes()
    assert [type(o) for o in iter_file(whole)] == [CorpusItem] * 4
    cut_file = tmp_path / ("cut.warc.gz" if gzipped else "cut.warc")
    with whole.open("rb") as handle:
        records = ArchiveIterator(handle)
        spans = [(records.get_record_offset(), records.get_record_offset() + records.get_record_length())
                 for _record in records]
    following = [*spans[1:], (len(data), 0)]
    gaps = [(end, next_start) for (_s, end), (next_start, _e) in zip(spans, following, strict=True)]
    for cut in cuts(data):
        cut_file.write_bytes(data[:cut])
        outcomes = list(iter_file(cut_file))
        failures = [o for o in outcomes if isinstance(o, CorpusFailure)]
        items = [o for o in outcomes if isinstance(o, CorpusItem)]
        # a cut between two records (or in the blank lines there) leaves a valid, shorter archive
        at_boundary = any(end <= cut <= start for end, start in gaps)
        assert len(failures) == 1 or (not failures and at_boundary), cut
        assert failures == [] or "truncated or corrupt WARC" in failures[0].reason
        # every record before the cut is read whole, never a part of the one it falls in
        assert [i.raw.text for i in items] == [html for _url, html in pages[: len(items)]], cut


def test_a_truncated_warc_in_a_folder_does_not_stop_the_ingest(tmp_path, db_url):
    pages = [(f"https://t.example/{n}", PAGE.format(title=f"Story {n}", body=story(n))) for n in range(3)]
    write_warc(tmp_path / "full.warc", pages, gzipped=False)
    data = (tmp_path / "full.warc").read_bytes()
    (tmp_path / "full.warc").unlink()
    (tmp_path / "a-cut.warc").write_bytes(data[:-60])  # inside the last record's body
    (tmp_path / "b.jsonl").write_text(json.dumps(good_line(1)) + "\n")
    store = Store(db_url)
    tally = ingest(store, iter_file(tmp_path / "a-cut.warc"))
    tally_b = ingest(store, iter_file(tmp_path / "b.jsonl"))
    assert (tally.new, len(tally.failed), tally_b.new) == (2, 1, 1)
    assert "file ends inside the record for https://t.example/2" in tally.failed[0][1]
    store.close()


def test_oversized_articles_are_refused_on_every_corpus_path(tmp_path, db_url):
    text = long_text()
    html = PAGE.format(title="Endless Budget Story", body=text.replace("\n\n", "</p><p>"))
    write_warc(tmp_path / "big.warc.gz", [("https://big.example/w", html),
                                           ("https://big.example/ok", PAGE.format(title="Short", body=story(3)))])
    (tmp_path / "big.rss").write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Feed</title>"
        f"<item><title>Endless</title><link>https://big.example/f</link><description>{escape_xml(html)}</description></item>"
        f"<item><title>Short</title><link>https://big.example/f2</link><description>{escape_xml(story(4))}</description></item>"
        "</channel></rss>")
    (tmp_path / "big.txt").write_text("Endless Budget Story\n\n" + text)
    store = Store(db_url)
    tally = ingest(store, iter_file(tmp_path / "big.warc.gz"))
    tally_feed = ingest(store, iter_file(tmp_path / "big.rss"))
    tally_txt = ingest(store, iter_file(tmp_path / "big.txt"))
    for t in (tally, tally_feed, tally_txt):
        assert len(t.failed) == 1 and "-character limit for one article" in t.failed[0][1], t.failed
    assert (tally.new, tally_feed.new, tally_txt.new) == (1, 1, 0)
    store.close()


def escape_xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@pytest.mark.parametrize("via", ["file", "stdin"])
def test_analyze_refuses_an_article_longer_than_the_limit_with_one_line(cli, tmp_path, via):
    data = ("Endless Budget Story\n\n" + long_text()).encode()
    assert len(data) < MAX_INPUT_BYTES  # the character limit, not the byte limit, is what refuses it
    path = tmp_path / "long.txt"
    path.write_bytes(data)
    result = cli("analyze", str(path)) if via == "file" else cli("analyze", "-", stdin=data)
    stderr = result.stderr.decode()
    assert result.returncode == ExitCode.TOO_LARGE, stderr
    assert f"more than the {MAX_ARTICLE_CHARS:,}-character limit" in stderr
    assert "Traceback" not in stderr and len(stderr.strip().splitlines()) == 1


def test_a_gzip_line_that_expands_past_the_limit_is_skipped_in_constant_memory(tmp_path):
    path = tmp_path / "bomb.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=1) as handle:
        handle.write(json.dumps(good_line(1)).encode() + b"\n")
        handle.write(b'{"url": "https://bomb.example/", "text": "')
        block = b"a" * (1 << 20)
        for _ in range(400):  # 400 MB in one line
            handle.write(block)
        handle.write(b'"}\n' + json.dumps(good_line(2)).encode() + b"\n")
    assert path.stat().st_size < 5_000_000
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from claimledger.corpus import CorpusFailure, iter_file
        outcomes = list(iter_file(Path({str(path)!r})))
        print([type(o).__name__ for o in outcomes])
        print([o.reason for o in outcomes if isinstance(o, CorpusFailure)])
        # VmHWM, not ru_maxrss: the latter keeps the forking parent's peak across exec
        status = Path("/proc/self/status").read_text()
        print(int(status.split("VmHWM:")[1].split()[0]) // 1024)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, cwd=REPO, timeout=120)
    kinds, reasons, peak_mb = result.stdout.decode().splitlines()
    assert kinds == "['CorpusItem', 'CorpusFailure', 'CorpusItem']", result.stderr.decode()
    assert "line longer than the 10 MB limit" in reasons
    assert int(peak_mb) < 200  # the line is 400 MB; reading it whole would need more than that
