"""Reading corpora: JSONL, WARC, feeds, folders; malformed input is reported, the rest read."""

from __future__ import annotations

import gzip
import io
import json

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimledger.corpus import CorpusFailure, CorpusItem, iter_corpus
from claimledger.ingest import ingest
from claimledger.store import Store

ARTICLE_HTML = ("<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
                "<p>{sentence} The council said the work would take two years to finish.</p></article></body></html>")


def write_warc(path, pages):
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=headers)
            writer.write_record(record)


def test_malformed_inputs_are_reported_and_the_rest_ingested(tmp_path, db_url):
    good = {"url": "https://a.example/1", "title": "Bridge Opens", "site": "A", "published": "2025-01-02",
            "text": "The mayor said the new bridge would open to traffic on Monday morning."}
    (tmp_path / "good.jsonl").write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"url": "x"}) + "\n[1, 2]\n")
    pages = [(f"https://w.example/{n}",
              ARTICLE_HTML.format(title=f"Story {n}", sentence=f"Story number {n} begins here."))
             for n in range(3)]
    write_warc(tmp_path / "good.warc.gz", pages)
    data = (tmp_path / "good.warc.gz").read_bytes()
    (tmp_path / "truncated.warc.gz").write_bytes(data[:-100])  # cut inside the last record
    (tmp_path / "feed.rss").write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Feed Site</title>"
        "<item><title>Dam Plan Approved</title><link>https://f.example/dam</link>"
        "<pubDate>Tue, 04 Mar 2025 10:00:00 GMT</pubDate>"
        "<description>&lt;p&gt;The minister said the dam would be finished in 2027 after years of delay."
        "&lt;/p&gt;</description></item>"
        "</channel></rss>")
    (tmp_path / "broken.rss").write_text("<rss><channel><item><title>oops")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)

    store = Store(db_url)
    tally = ingest(store, iter_corpus([str(tmp_path)]))
    reasons = dict(tally.failed)
    assert tally.new == 1 + 3 + 1  # the JSONL line, three WARC pages, the feed item
    assert tally.unchanged == 2  # the truncated WARC's records before the cut repeat the good one's
    assert any("malformed JSON" in r for r in reasons.values())
    assert any("no 'text' or 'html'" in r for r in reasons.values())
    assert any("JSON object" in r for r in reasons.values())
    assert any("truncated or corrupt" in r for s, r in tally.failed if "truncated.warc.gz" in s)
    assert any("broken feed" in r for s, r in tally.failed if "broken.rss" in s)
    assert any("binary" in r for s, r in tally.failed if "binary.txt" in s)
    feed_doc = next(d for d in store.documents() if d.article.source == "https://f.example/dam")
    assert feed_doc.article.title == "Dam Plan Approved" and feed_doc.article.site == "Feed Site"
    store.close()


def test_jsonl_fields_override_extracted_metadata(tmp_path):
    record = {"url": "https://a.example/x", "title": "Given Title", "site": "Given Site", "published": "2024-05-06",
              "html": ARTICLE_HTML.format(title="Page Title", sentence="A sentence of the story goes here.")}
    path = tmp_path / "one.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps(record) + "\n").encode()))
    items = list(iter_corpus([str(path)]))
    assert len(items) == 1 and isinstance(items[0], CorpusItem)
    assert (items[0].title, items[0].site, items[0].published) == ("Given Title", "Given Site", "2024-05-06")


def test_missing_path_is_a_failure_not_an_exception():
    assert list(iter_corpus(["/no/such/folder"])) == [CorpusFailure("/no/such/folder", "no such file or folder")]


def test_urls_are_fetched_with_the_same_private_address_guard(http_server):
    base, routes = http_server
    page = ARTICLE_HTML.format(title="Served Story", sentence="A story served over HTTP on loopback.")
    routes["/story"] = (200, "text/html; charset=utf-8", page.encode(), 0)
    refused = list(iter_corpus([f"{base}/story"]))
    assert isinstance(refused[0], CorpusFailure) and "private" in refused[0].reason
    fetched = list(iter_corpus([f"{base}/story"], allow_private=True))
    assert isinstance(fetched[0], CorpusItem) and "Served Story" in fetched[0].raw.text
