"""The HTML pages, rendered on the server from templates/.

Read-only handlers are `async`: they do a millisecond of local database work, and on the
event loop requests are served in arrival order instead of twenty threads fighting for the
GIL (p95 fell from about 140 to under 100 ms in bench/web.py). Analysing an article takes CPU
for real: `analyze_submit` awaits a worker of the analysis pool (analysis.py), and its form
carries a CSRF token (csrf.py); a ledger entry whose charts were never drawn has them drawn in
a worker thread.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from claimledger import __version__
from claimledger.document import AnalysisDocument, Claim, Flag, Span
from claimledger.glossary import term, terms, warning_text
from claimledger.records import Appearance, EntryCharts, StoredLedgerEntry
from claimledger.store import ClaimFilter
from claimledger.web import csrf
from claimledger.web.charts import human_time, outliers
from claimledger.web.deps import (
    MAX_OFFSET,
    MAX_SQL_INTEGER,
    AnalysisDep,
    ChartsDep,
    DocumentsDep,
    EntryId,
    SettingsDep,
    StoreDep,
    StoriesDep,
    analyze_request,
    find_entry,
)
from claimledger.web.public import iso_utc, public_entry

SPEAKER_COLOURS = 8  # style.css has a colour class s0..s7 per speaker
FEED_PER_PAGE = 20  # stories and lone articles on a page of the home page
CLAIMS_PER_PAGE = 100  # a speaker's claims, or matching claims in a search, per page
# A flag that most of an article's claims carry says nothing about any one of them: it is said
# once for the article instead of on each claim.
COMMON_FLAG_SHARE = 0.8
COMMON_FLAG_MIN_CLAIMS = 3
STATIC = resources.files("claimledger.web") / "static"

PAGE_LANGUAGE = "en"  # the interface's language: <html lang> in base.html
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")  # the ISO 639 codes py3langid gives
templates = Jinja2Templates(directory=str(resources.files("claimledger.web") / "templates"))
router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


def speaker_class(name: str, speakers: list[str]) -> str:
    return f"s{speakers.index(name) % SPEAKER_COLOURS}" if name in speakers else "s0"


def initials(name: str) -> str:
    """What the speaker's badge shows, so a speaker is not told by colour alone."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", name) if w[0].isupper()] or name.split()[-1:]
    return "".join(w[0].upper() for w in (words[:1] + words[-1:] if len(words) > 1 else words)) or "?"


def quoted(text: str, quote: str) -> str:
    """A claim as the reader should see it: the speaker's own words in quotation marks, with
    quotes inside them made single; reported speech without marks."""
    if quote not in ("direct", "mixed"):
        return text
    inner = re.sub(r"[“\"](.*?)[”\"]", r"‘\1’", text)
    return f"“{inner}”"


def marked(text: str, words: str) -> list[tuple[str, bool]]:
    """`text` cut into (piece, is a match of `words`) pieces, any case."""
    if not words.strip():
        return [(text, False)]
    pieces, position = [], 0
    for match in re.finditer(re.escape(words.strip()), text, re.IGNORECASE):
        pieces += [(text[position:match.start()], False), (match.group(), True)]
        position = match.end()
    return [*pieces, (text[position:], False)]


def lang_attr(code: str | None) -> Markup:
    """` lang="ru"` on text in a language other than the interface's (English), so that screen
    readers pronounce it, browsers pick its fonts and hyphenation, and search engines index it
    as what it is; nothing for English or an undetected language."""
    if not code or code == PAGE_LANGUAGE or not LANGUAGE_CODE.fullmatch(code):
        return Markup("")
    return Markup(' lang="{}"').format(code)


def highlighted(text: str, spans: list[Span]) -> list[tuple[str, bool]]:
    pieces, position = [], 0
    for span in spans:
        pieces += [(text[position:span.start], False), (text[span.start:span.end], True)]
        position = span.end
    return [*pieces, (text[position:], False)]


templates.env.globals.update(version=__version__, term=term, terms=terms, human_time=human_time, iso_utc=iso_utc,
                             warning_text=warning_text, quoted=quoted, initials=initials, marked=marked,
                             highlighted=highlighted, lang_attr=lang_attr)
templates.env.filters["speaker_class"] = speaker_class


def render(request: Request, template: str, /, status_code: int = 200, **context: object) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context, status_code=status_code)


@router.get("/")
async def home(request: Request, store: StoreDep, stories: StoriesDep,
               page: Annotated[int, Query(ge=1, le=MAX_OFFSET // FEED_PER_PAGE)] = 1,
               site: str | None = None) -> Response:
    index, _ = stories.get()
    feed = index.filtered(site)
    pages = max(1, -(-len(feed) // FEED_PER_PAGE))
    if page > pages:
        raise HTTPException(404, f"There is no page {page}: the articles fill {pages} page{'s' if pages > 1 else ''}.")
    shown = feed[(page - 1) * FEED_PER_PAGE : page * FEED_PER_PAGE]
    ids = [a.id for item in shown for a in (item.story.articles if item.story else [item.article]) if a]
    return render(request, "home.html", feed=shown, counts=store.counts(), page=page, pages=pages, site=site,
                  sites=index.sites, tallies=store.tallies(ids))


@router.get("/favicon.ico")
async def favicon() -> Response:
    return FileResponse(str(STATIC / "favicon.svg"), media_type="image/svg+xml")


@dataclass(frozen=True)
class ScrutinyChip:
    claims: int
    top_share: int  # claims from the most quoted source
    top_source: str | None
    interested: bool
    common: dict[str, int]  # flags said once for the article: code -> claims carrying it


def scrutiny_chip(doc: AnalysisDocument) -> ScrutinyChip:
    claims = doc.claims
    top = doc.scrutiny.top_source
    mine = [c for c in claims if c.speaker.name == top]
    counts = doc.scrutiny.flag_counts
    common = {flag: n for flag, n in counts.items()
              if len(claims) >= COMMON_FLAG_MIN_CLAIMS and n >= COMMON_FLAG_SHARE * len(claims)}
    return ScrutinyChip(claims=len(claims), top_share=len(mine), top_source=top,
                        interested=any("interested_source" in c.flags for c in mine), common=common)


def shown_flags(claim: Claim, chip: ScrutinyChip) -> list[Flag]:
    return [f for f in claim.flags if f not in chip.common]


@router.get("/article/{article_id}")
async def article(request: Request, article_id: str, store: StoreDep, documents: DocumentsDep,
                  stories: StoriesDep) -> Response:
    doc = documents.get(article_id)
    if doc is None:
        raise HTTPException(404, f"There is no article {article_id} in this store.")
    index, version = stories.get()
    tag = f'W/"{doc.article.id}-{doc.generator}-{"-".join(map(str, version))}"'
    if request.headers.get("if-none-match") == tag:
        return Response(status_code=304, headers={"ETag": tag, "Cache-Control": "no-cache"})
    story = index.by_article.get(doc.article.id)
    previous, following = story.neighbours(doc.article.id) if story else (None, None)
    speakers = list(dict.fromkeys(c.speaker.name for c in doc.claims))
    links = store.ledger_links([f"{doc.article.id}-{c.id}" for c in doc.claims])
    speaker_ids = store.speaker_ids(speakers)
    chip = scrutiny_chip(doc)
    response = render(request, "article.html", doc=doc, paragraphs=highlight(doc), speakers=speakers,
                      links={c.id: links.get(f"{doc.article.id}-{c.id}") for c in doc.claims},
                      speaker_ids={c.id: speaker_ids.get((c.speaker.name, c.speaker.kind)) for c in doc.claims},
                      chip=chip, shown_flags=shown_flags, story=story, previous=previous, following=following)
    response.headers["ETag"] = tag
    response.headers["Cache-Control"] = "no-cache"  # revalidate: the ledger chips change when it is rebuilt
    return response


@router.get("/ledger")
async def ledger(request: Request, store: StoreDep,
                 min_appearances: Annotated[int, Query(ge=1, le=MAX_SQL_INTEGER)] = 2) -> Response:
    return render(request, "ledger.html", clusters=store.clusters(min_appearances), min_appearances=min_appearances)




async def entry_charts(entry: StoredLedgerEntry, stories: StoriesDep, charts: ChartsDep) -> EntryCharts:
    """Kept charts on the event loop; drawing, which takes real CPU, in a worker thread."""
    _, version = stories.get()
    kept = charts.kept(entry, version)
    return kept if kept is not None else await run_in_threadpool(charts.get, entry, version)


@router.get("/ledger/{entry_id}")
async def ledger_entry(request: Request, entry_id: EntryId, store: StoreDep, stories: StoriesDep,
                       charts: ChartsDep) -> Response:
    entry = find_entry(store, entry_id, request.url.path)
    drawn = await entry_charts(entry, stories, charts)
    shown = entry.by_article()
    by_id = {a.claim_id: a for a in shown}
    # an article's headline that states the claim beside its body: said on the body's line
    headlines = {a.article_id: a for a in entry.appearance_list if a.headline and a.claim_id not in by_id}
    speaker_ids = {name: i for (name, _kind), i in store.speaker_ids(entry.speakers).items()}
    return render(request, "entry.html", entry=entry, shown=shown, charts=drawn, by_id=by_id, headlines=headlines,
                  speaker_ids=speaker_ids, outliers=outliers(shown))


@router.get("/ledger/{entry_id}/timeline.svg")
async def ledger_timeline(request: Request, entry_id: EntryId, store: StoreDep, stories: StoriesDep,
                          charts: ChartsDep) -> Response:
    entry = find_entry(store, entry_id, request.url.path)
    return svg_file((await entry_charts(entry, stories, charts)).timeline)


@router.get("/ledger/{entry_id}/drift.svg")
async def ledger_drift(request: Request, entry_id: EntryId, store: StoreDep, stories: StoriesDep,
                       charts: ChartsDep) -> Response:
    entry = find_entry(store, entry_id, request.url.path)
    drift = (await entry_charts(entry, stories, charts)).drift
    if drift is None:
        raise HTTPException(404, f"No appearance of ledger entry {entry_id} gives a number.")
    return svg_file(drift)


def svg_file(svg: str) -> Response:
    return Response('<?xml version="1.0" encoding="utf-8"?>\n' + svg, media_type="image/svg+xml")


@router.get("/ledger/{entry_id}/export.json")
async def ledger_json(request: Request, entry_id: EntryId, store: StoreDep) -> Response:
    entry = public_entry(find_entry(store, entry_id, request.url.path))
    return Response(entry.model_dump_json(indent=2), media_type="application/json",
                    headers={"Content-Disposition": f'attachment; filename="ledger-{entry_id}.json"'})


@router.get("/ledger/{entry_id}/export.csv")
async def ledger_csv(request: Request, entry_id: EntryId, store: StoreDep) -> Response:
    entry = find_entry(store, entry_id, request.url.path)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["claim_id", "article_id", "published", "site", "title", "url", "speaker", "quote", "content",
                     "origin", "copied_from", "number", "low", "high", "headline", "why"])
    for a in entry.by_article():  # one row per article; export.json has every appearance
        number = a.number
        writer.writerow([a.claim_id, a.article_id, a.published or "", a.site or "", a.title or "", a.url or "",
                         a.speaker, a.quote, a.content, "yes" if a.copied_from is None else "no", a.copied_from or "",
                         number.text if number else "", number.low if number else "",
                         "" if number is None or number.high is None else number.high,
                         "yes" if a.headline else "no", a.provenance])
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="ledger-{entry_id}.csv"'})


def claim_json_ld(entry: StoredLedgerEntry, base: str) -> dict:
    """The entry as a schema.org Claim: who said it, where it first appeared, every appearance."""
    def work(a: Appearance) -> dict:
        return {key: value for key, value in {
            "@type": "NewsArticle", "headline": a.title, "url": a.url or f"{base}/article/{a.article_id}",
            "datePublished": iso_utc(a.published), "publisher": {"@type": "Organization", "name": a.site} if a.site
            else None, "text": a.content}.items() if value is not None}

    shown = entry.by_article()
    first = shown[0]
    return {"@context": "https://schema.org", "@type": "Claim", "@id": f"{base}/ledger/{entry.id}",
            "text": entry.canonical, "author": [{"@type": "Person", "name": name} for name in entry.speakers],
            "firstAppearance": work(first), "appearance": [work(a) for a in shown],
            "dateCreated": iso_utc(first.published)}


@router.get("/ledger/{entry_id}/claim.jsonld")
async def ledger_json_ld(request: Request, entry_id: EntryId, store: StoreDep) -> Response:
    entry = find_entry(store, entry_id, request.url.path)
    body = json.dumps(claim_json_ld(entry, str(request.base_url).rstrip("/")), indent=2, ensure_ascii=False)
    return Response(body, media_type="application/ld+json",
                    headers={"Content-Disposition": f'attachment; filename="ledger-{entry_id}.jsonld"'})


@router.get("/speaker/{speaker_id:int}")
async def speaker(request: Request, speaker_id: Annotated[int, Path(ge=1, le=MAX_SQL_INTEGER)], store: StoreDep,
                  page: Annotated[int, Query(ge=1, le=MAX_OFFSET // CLAIMS_PER_PAGE)] = 1) -> Response:
    who = store.speaker(speaker_id)
    if who is None:
        raise HTTPException(404, f"There is no speaker {speaker_id} in this store.")
    where = ClaimFilter(speaker_id=speaker_id)
    total = store.count_claims(where)
    claims = store.claims(where, limit=CLAIMS_PER_PAGE, offset=(page - 1) * CLAIMS_PER_PAGE, by_publication=True)
    return render(request, "speaker.html", speaker=who, claims=claims, total=total, page=page,
                  per_page=CLAIMS_PER_PAGE, links=store.ledger_links([c.id for c in claims]))


@router.get("/speaker/{name:path}")
async def speaker_by_name(name: str, store: StoreDep) -> Response:
    """Old addresses by name: to the speaker's page when the name is one speaker's."""
    found = [s for s in store.speakers(name=name) if s.name == name]
    if len(found) != 1:
        raise HTTPException(404, f"There is no one speaker called {name} in this store.")
    return RedirectResponse(f"/speaker/{found[0].id}", status_code=301)


@router.get("/search")
async def search(request: Request, store: StoreDep, stories: StoriesDep,
                 q: Annotated[str, Query(max_length=500)] = "", site: str | None = None, flag: Flag | None = None,
                 speaker: Annotated[str | None, Query(max_length=300)] = None,
                 since: Annotated[str | None, Query(pattern=r"^(\d{4}-\d{2}-\d{2})?$")] = None,
                 until: Annotated[str | None, Query(pattern=r"^(\d{4}-\d{2}-\d{2})?$")] = None) -> Response:
    where = ClaimFilter(search=q.strip() or None, site=site or None, flag=flag, speaker=speaker or None,
                        since=since or None, until=until or None)
    searching = bool(q.strip() or flag or speaker)
    claims = store.claims(where, limit=CLAIMS_PER_PAGE, by_publication=True) if searching else []
    return render(request, "search.html", q=q, where=where, sites=stories.get()[0].sites,
                  speakers=store.find_speakers(q.strip()) if q.strip() else [],
                  claims=claims, claim_total=store.count_claims(where) if searching else 0,
                  articles=store.search(q, where=where) if q.strip() else [],
                  article_total=store.count_search(q, where) if q.strip() else 0,
                  links=store.ledger_links([c.id for c in claims]), flags=terms("flags"),
                  filters=urlencode({k: v for k, v in where.model_dump().items() if v and k != "search"}))


@router.get("/glossary")
async def glossary(request: Request) -> Response:
    return render(request, "glossary.html")


@router.get("/docs")
async def docs(request: Request) -> Response:
    return render(request, "docs.html")


@router.get("/analyze")
async def analyze_form(request: Request) -> Response:
    return analyze_page(request)


@router.post("/analyze")
async def analyze_submit(request: Request, store: StoreDep, settings: SettingsDep, pool: AnalysisDep,
                         text: str = Form(""), url: str = Form(""), csrf_token: str = Form("")) -> Response:
    if not csrf.token_matches(request, csrf_token):
        return analyze_page(request, 403, "This form has expired or was sent from another site: send it again.",
                            text, url)
    try:
        doc = await analyze_request(request, store, settings, pool, text, url.strip() or None)
    except HTTPException as exc:
        return analyze_page(request, exc.status_code, exc.detail, text, url, exc.headers)
    return RedirectResponse(f"/article/{doc.article.id}", status_code=303)


def analyze_page(request: Request, status_code: int = 200, error: str | None = None, text: str = "", url: str = "",
                 headers: Mapping[str, str] | None = None) -> HTMLResponse:
    """The analyze form, with a CSRF token in a hidden field and in its cookie."""
    token = csrf.form_token(request)
    response = render(request, "analyze.html", status_code=status_code, error=error, text=text, url=url,
                      csrf_token=token)
    response.headers.update(headers or {})
    csrf.set_token_cookie(response, token)
    return response


@dataclass(frozen=True)
class Segment:
    """A stretch of a paragraph: plain text, or the words of one claim."""

    text: str
    claim: Claim | None = None


def highlight(doc: AnalysisDocument) -> list[list[Segment]]:
    """Each paragraph cut into segments at claim boundaries, for the `paragraph` macro."""
    text = doc.article.text
    out = []
    for paragraph in doc.article.paragraphs:
        inside = sorted((c for c in doc.claims if paragraph.start <= c.content.start < paragraph.end),
                        key=lambda c: c.content.start)
        segments: list[Segment] = []
        position = paragraph.start
        for claim in inside:
            if claim.content.start < position:
                continue  # overlapping spans: the first one wins
            segments.append(Segment(text[position:claim.content.start]))
            segments.append(Segment(text[claim.content.start:claim.content.end], claim))
            position = min(claim.content.end, paragraph.end)
        segments.append(Segment(text[position:paragraph.end]))
        out.append(segments)
    return out
