"""Corpus exports: JSONL of analysis documents, a CSV of claims, schema.org Claim JSON-LD.

Each carries the article's language: the document's `article.language`, the CSV's `language`
column, schema.org's `inLanguage` on every appearance (and on the claim when its appearances
share one)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from claimledger.records import Appearance
from claimledger.store import Store

CSV_FIELDS = ["claim_id", "article_id", "site", "published", "title", "speaker", "speaker_kind", "quote",
              "modality", "channel", "content", "quantities", "places", "flags", "cluster_id", "language"]


def jsonl(store: Store) -> Iterator[str]:
    for doc in store.documents():
        yield doc.model_dump_json() + "\n"


def claims_csv(store: Store) -> Iterator[str]:
    cluster_of = {a.claim_id: c.id for c in store.clusters() for a in c.appearance_list}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS)
    writer.writeheader()
    for claim in store.claims():
        writer.writerow({
            "claim_id": claim.id, "article_id": claim.article_id, "site": claim.site, "published": claim.published,
            "title": claim.title, "speaker": claim.speaker, "speaker_kind": claim.speaker_kind, "quote": claim.quote,
            "modality": claim.modality, "channel": claim.channel, "content": claim.content,
            "quantities": "; ".join(f"{q.text} [{q.low}-{'' if q.high is None else q.high}]" for q in claim.quantities),
            "places": " ".join(code for place in claim.places for code in place.iso),
            "flags": " ".join(claim.flags), "cluster_id": cluster_of.get(claim.id, ""),
            "language": claim.language or "",
        })
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.getvalue():
        yield buffer.getvalue()


def claims_jsonld(store: Store) -> str:
    """One schema.org Claim per ledger cluster, with every appearance and the first one."""
    claims = store.claims()
    kinds = {c.speaker: c.speaker_kind for c in claims}
    languages = {c.article_id: c.language for c in claims}
    graph = []
    for cluster in store.clusters():
        appearances = [creative_work(a, languages.get(a.article_id))
                       for a in cluster.by_article()]  # a headline and its body are one
        spoken = {work.get("inLanguage") for work in appearances}
        authors = [{"@type": "Person" if kinds.get(name) == "named" else "Organization", "name": name}
                   for name in cluster.speakers]
        graph.append({
            "@type": "Claim", "@id": f"#cluster-{cluster.id}", "text": cluster.canonical,
            "author": authors[0] if len(authors) == 1 else authors,
            "firstAppearance": appearances[0], "appearance": appearances,
            **({"inLanguage": spoken.pop()} if len(spoken) == 1 and None not in spoken else {}),
        })
    return json.dumps({"@context": "https://schema.org", "@graph": graph}, indent=2, ensure_ascii=False) + "\n"


def creative_work(appearance: Appearance, language: str | None = None) -> dict:
    work: dict = {"@type": "NewsArticle", "identifier": appearance.article_id, "headline": appearance.title}
    if language:
        work["inLanguage"] = language
    if appearance.published:
        work["datePublished"] = appearance.published
    if appearance.site:
        work["publisher"] = {"@type": "Organization", "name": appearance.site}
    if appearance.url:
        work["url"] = appearance.url
    return work
