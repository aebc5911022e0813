"""The web reader in real Chromium (Debian's, driven by Playwright) against a real server on
loopback, at desktop (1366x900) and phone (390x844) sizes and with JavaScript off, plus the
JSON API over HTTP. The store holds our outlet corpus, one hostile article and one pasted,
undated article whose speaker's name has a slash in it."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil

import httpx
import pytest

from claimledger.corpus import CorpusItem, iter_corpus
from claimledger.ingest import ingest, rebuild_ledger
from claimledger.inputs import RawDocument
from claimledger.settings import ServerSettings
from claimledger.store import Store
from conftest import REPO, serving

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
HOSTILE = """Council Meeting Descends Into Chaos <script>window.__pwned = 'title'</script>

Councillor Rita Vance said the budget was <script>window.__pwned = 'script'</script> "completely unacceptable" and that the vote would be repeated next week.

<img src=x onerror="window.__pwned = 'img'"> The mayor said residents could read the report at <a href="javascript:window.__pwned = 'link'">this link</a> before Friday.

<svg onload="window.__pwned = 'svg'"></svg> The meeting ended after four hours of debate in the town hall on Tuesday evening.
"""
PASTED = """Shipping Group Plans Two New Ferries

The Anglo/Nordic Shipping Group said the fleet would grow by two ships next year.

Fares rose sharply in March, according to the statistics office.
"""
LOCAL_FILE_SOURCE = "/srv/private/uploads/story.txt"
RUSSIAN = """Мэр пообещал достроить набережную к осени

Мэр города Николай Гусев заявил, что реконструкцию набережной завершат до конца сентября.

По его словам, подрядчик уже уложил плитку на двух участках из трех.

«Денег на работы хватит, дополнительного финансирования не потребуется», — подчеркнул Гусев.
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.db'}"
    store = Store(db)
    ingest(store, iter_corpus([str(REPO / "tests" / "corpus")]))
    hostile = CorpusItem(raw=RawDocument(source="https://hostile.example/x", text=HOSTILE, kind="text",
                                         url="https://hostile.example/x"), published="2025-03-20")
    local = CorpusItem(raw=RawDocument(source=LOCAL_FILE_SOURCE, text="Harbour Dues Rise\n\nThe port authority said "
                                       "dues would rise by 4 percent in April.", kind="text"), published="2025-02-01")
    russian = CorpusItem(raw=RawDocument(source="https://gorod.example/naberezhnaya", text=RUSSIAN, kind="text",
                                         url="https://gorod.example/naberezhnaya"), published="2025-03-18")
    ingest(store, [hostile, local, russian])
    ingest(store, [CorpusItem(raw=RawDocument(source="pasted text", text=PASTED, kind="text"))])  # undated, last
    rebuild_ledger(store)
    with serving(ServerSettings(db=db)) as base:
        yield base, store


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"])


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("chromium not installed; scripts/test installs Debian's chromium")
        pytest.skip("chromium not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        yield launched
        launched.close()


def new_page(browser, viewport=DESKTOP, **options):
    context = browser.new_context(viewport=viewport, **options)
    return context, context.new_page()


@pytest.fixture()
def page(browser):
    context, page = new_page(browser)
    yield page
    context.close()


@pytest.fixture(params=["desktop", "phone"])
def any_page(browser, request):
    context, page = new_page(browser, DESKTOP if request.param == "desktop" else PHONE)
    yield page
    context.close()


@pytest.fixture()
def phone(browser):
    context, page = new_page(browser, PHONE)
    yield page
    context.close()


@pytest.fixture()
def no_js(browser):
    context, page = new_page(browser, PHONE, java_script_enabled=False)
    yield page
    context.close()


def article_id(store: Store, site: str, words: str) -> str:
    return next(d.article.id for d in store.documents() if d.article.site == site and words in d.article.title)


def pasted_id(store: Store) -> str:
    return next(d.article.id for d in store.documents() if d.article.source == "pasted text")


def entry_id(store: Store, words: str) -> str:
    return next(e.id for e in store.clusters(2) if words in e.canonical)


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


# -- broken before: each of these failed on the first reader --------------------------------


def test_speaker_pages_open_by_id_even_with_a_slash_in_the_name(server, page):
    base, store = server
    page.goto(f"{base}/article/{pasted_id(store)}")
    page.locator("aside.claims").get_by_role("link", name="Anglo/Nordic Shipping Group").click()
    assert re.search(r"/speaker/\d+$", page.url)
    assert page.locator("h1").inner_text() == "Anglo/Nordic Shipping Group"
    assert "the fleet would grow by two ships" in page.locator("main").inner_text()
    response = page.goto(f"{base}/speaker/Kaisa%20Niemi")  # an old address by name still lands on the page
    assert response.ok and page.locator("h1").inner_text() == "Kaisa Niemi" and re.search(r"/speaker/\d+$", page.url)


def test_api_docs_render_the_openapi_31_operations_offline(server, any_page):
    base, _store = server
    any_page.goto(f"{base}/docs")
    operations = any_page.locator(".opblock")
    operations.first.wait_for(timeout=10_000)
    document = httpx.get(f"{base}/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    assert operations.count() == sum(len(methods) for methods in document["paths"].values())
    assert "Unable to render" not in any_page.locator("body").inner_text()
    assert any_page.locator("meta[name=viewport]").count() == 1
    any_page.get_by_role("link", name="Back to the reader").click()
    assert any_page.locator("h1").inner_text() == "Latest stories"


@pytest.mark.parametrize("path, status, words", [
    ("/?page=0", 422, "page"), ("/ledger/abc", 422, "entry_id"), ("/no/such/page", 404, "nothing at /no/such/page"),
    ("/article/0000000000000000", 404, "no article"), ("/speaker/999999", 404, "no speaker")])
def test_browser_mistakes_land_on_the_sites_own_error_page(server, page, path, status, words):
    base, _store = server
    response = page.goto(base + path)
    assert response.status == status and response.headers["content-type"].startswith("text/html")
    assert words in page.locator("main").inner_text()
    page.get_by_role("link", name="Go to the latest stories").click()
    assert page.locator("h1").inner_text() == "Latest stories"


def test_favicon_is_an_icon_and_api_errors_stay_json(server):
    base, _store = server
    icon = httpx.get(f"{base}/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/")
    missing = httpx.get(f"{base}/api/v1/nope")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
    assert missing.json()["status"] == 404


def test_a_page_past_the_last_says_so_instead_of_calling_the_store_empty(server, page):
    base, _store = server
    response = page.goto(f"{base}/?page=99")
    assert response.status == 404
    text = page.locator("main").inner_text()
    assert "There is no page 99: the articles fill 1 page." in text and "empty" not in text


def test_on_a_phone_tooltips_stay_on_screen_and_close_with_escape(server, phone):
    base, store = server
    phone.goto(f"{base}/article/{article_id(store, 'Baltic Wire', 'Dozens of Finns')}")
    for index in range(phone.locator("mark.claim").count()):
        mark = phone.locator("mark.claim").nth(index)
        mark.focus()
        tip = phone.locator(f"#{mark.get_attribute('aria-describedby')}")
        assert tip.is_visible()
        box = tip.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"]
        assert page_width(phone) <= PHONE["width"]
        phone.keyboard.press("Escape")
        assert not tip.is_visible()


@pytest.mark.parametrize("path", ["/", "/ledger", "/ledger/{entry}", "/search?q=volunteers", "/speaker/1", "/glossary"])
def test_on_a_phone_no_page_is_wider_than_the_screen(server, phone, path):
    base, store = server
    phone.goto(base + path.format(entry=entry_id(store, "several dozen")))
    assert page_width(phone) <= PHONE["width"]


def test_summary_opens_without_javascript(server, no_js):
    base, store = server
    no_js.goto(f"{base}/article/{article_id(store, 'Baltic Wire', 'Dozens of Finns')}")
    summary = no_js.locator("#summary li").first
    assert not summary.is_visible()
    no_js.get_by_text("Get a summary").click()
    assert summary.is_visible() and "Tamm" in no_js.locator("#summary").inner_text()


def test_a_pasted_undated_article_comes_first_on_the_home_page(server, page):
    base, store = server
    page.goto(base)
    first = page.locator(".feed > li").first
    assert first.get_by_role("link").first.inner_text() == "Shipping Group Plans Two New Ferries"
    assert store.latest(limit=1)[0].id == pasted_id(store)


def test_previous_and_next_stay_within_the_story(server, page):
    base, store = server
    page.goto(f"{base}/article/{article_id(store, 'Daily Ledger', 'Interview')}")
    assert "This story in 7 articles from 7 outlets" in page.locator("nav.prevnext").inner_text()
    page.get_by_role("link", name="Next in this story").click()
    assert page.locator("h1").inner_text() == "Dozens of Finns Join Volunteer Units, Says Tamm"
    page.get_by_role("link", name="Previous in this story").click()
    assert page.locator("h1").inner_text() == "In Interview, Tamm Defends Volunteer Drive"
    page.get_by_role("link", name="Previous in this story").click()
    assert page.locator("h1").inner_text() == "Finnish Volunteers Joining Northern Solidarity, Leader Claims"
    page.goto(f"{base}/article/{article_id(store, 'North Post', 'Ferry')}")  # in no story: no jump elsewhere
    assert page.locator("nav.prevnext a[rel]").count() == 0


# -- the cross-outlet view ------------------------------------------------------------------


def test_an_article_says_where_else_its_claims_appear_and_links_the_ledger_entry(server, any_page):
    base, store = server
    any_page.goto(f"{base}/article/{article_id(store, 'Baltic Wire', 'Dozens of Finns')}")
    assert any_page.locator(".chip").inner_text() == "3 claims · 3 from one interested source"
    assert any_page.locator(".scrutiny").is_visible()  # without a click
    chip = any_page.get_by_role("link", name="also in 6 other articles · 3 independent origins · the numbers drift")
    chip.click()
    assert re.search(r"/ledger/[0-9a-f]{16}-c\d+$", any_page.url)  # the first appearance's claim id
    assert "seen in 7 articles" in any_page.locator("main").inner_text()


def test_ledger_entry_page_draws_a_timeline_and_a_drift_chart(server, any_page):
    base, store = server
    entry = store.cluster(entry_id(store, "several dozen"))
    any_page.goto(f"{base}/ledger/{entry.id}")
    timeline = any_page.locator(f"svg[aria-labelledby='timeline-{entry.id}-alt']")
    assert timeline.is_visible()
    assert timeline.locator(f"g[id^='timeline-{entry.id}-mark-']").count() == entry.appearances == 7
    assert timeline.locator(f"g[id^='timeline-{entry.id}-link-']").count() == 4  # one arrow per copy
    drift = any_page.locator(f"svg[aria-labelledby='drift-{entry.id}-alt']")
    assert drift.locator(f"g[id^='drift-{entry.id}-bar-']").count() == 7
    alternative = any_page.locator(f"#drift-{entry.id}-alt").inner_text()
    assert "The outlier is Pulse News, which says “hundreds” (200–999)" in alternative
    assert "3 independent origins: Baltic Wire, Daily Ledger, Harbour Times" in \
        any_page.locator(f"#timeline-{entry.id}-alt").inner_text()
    appearances = any_page.locator(".appearance")
    assert appearances.count() == 7
    assert "copy of → north post" in appearances.nth(3).inner_text().lower()  # Evening Star reprints North Post
    assert appearances.nth(0).get_by_role("link", name="original").get_attribute("href").startswith("https://")
    assert page_width(any_page) <= any_page.viewport_size["width"]


def test_ledger_entry_exports_csv_json_and_a_schema_org_claim(server):
    base, store = server
    entry = entry_id(store, "several dozen")
    with httpx.Client(base_url=base) as client:
        rows = list(csv.DictReader(io.StringIO(client.get(f"/ledger/{entry}/export.csv").text)))
        claim = client.get(f"/ledger/{entry}/claim.jsonld").json()
        as_json = client.get(f"/ledger/{entry}/export.json").json()
        svg = client.get(f"/ledger/{entry}/drift.svg")
    assert len(rows) == 7 and [r["origin"] for r in rows].count("yes") == 3
    assert claim["@type"] == "Claim" and claim["author"] == [{"@type": "Person", "name": "Arvid Tamm"}]
    assert len(claim["appearance"]) == 7 and claim["firstAppearance"]["datePublished"] == "2025-03-10T08:00:00Z"
    assert as_json["appearances"] == 7
    assert svg.headers["content-type"] == "image/svg+xml" and svg.text.count(f"drift-{entry}-bar-") == 7


def test_chart_text_from_articles_stays_text():
    from claimledger.records import Appearance, ChainLink, FirstAppearance, LedgerEntry, NumberRange
    from claimledger.web.charts import draw

    def appearance(n: int, site: str, low: int, high: int) -> Appearance:
        return Appearance(claim_id=f"a{n}-c1", article_id=f"a{n}", site=site, published=f"2025-01-0{n}T10:00:00Z",
                          title=None, url=None, speaker="X", quote="indirect", channel=None, content="y",
                          origin_claim_id=f"a{n}-c1", copied_from=None,
                          number=NumberRange(text="<b>many</b>", low=low, high=high))

    hostile = "<script>alert(1)</script>"
    entry = LedgerEntry(id="a1-c1", canonical="y", speakers=["X"], first_claim_id="a1-c1", appearances=3, origins=3, drift=True,
                        appearance_list=[appearance(1, hostile, 10, 20), appearance(2, "B", 12, 18),
                                         appearance(3, "C", 500, 900)],
                        copy_chains=[[ChainLink(article_id="a1", site=hostile)]],
                        first_appearance=FirstAppearance(article_id="a1", site=hostile, published=None, title=None))
    charts = draw(entry, "a1-c1")
    for svg in (charts.timeline, charts.drift):
        assert "<script" not in svg and "<b>" not in svg and "&lt;script&gt;" in svg
        assert "style=" not in svg and "<style" not in svg  # nothing our CSP would drop
    assert "The outlier is C" in charts.drift_text


@pytest.mark.parametrize("path, shown", [("/", ".story-group"), ("/search?q=volunteers", "mark.hit"),
                                          ("/speaker/1", ".claim-list li"), ("/glossary", "#flag-unverified")])
def test_pages_work_without_javascript(server, no_js, path, shown):
    base, _store = server
    no_js.goto(base + path)
    assert no_js.locator(shown).first.is_visible()


def test_ledger_entry_charts_need_no_javascript(server, no_js):
    base, store = server
    entry = entry_id(store, "several dozen")
    no_js.goto(f"{base}/ledger/{entry}")
    assert no_js.locator(f"g[id^='timeline-{entry}-mark-']").count() == 7
    assert no_js.locator(f"svg[aria-labelledby='drift-{entry}-alt']").is_visible()


def test_home_groups_articles_by_story_with_an_outlet_filter(server, any_page):
    base, _store = server
    any_page.goto(base)
    story = any_page.locator(".story-group").filter(has_text="Movement Leader Says Dozens of Finns")
    assert "7 articles · 7 outlets · 3 independent origins" in story.locator(".meta").first.inner_text()
    assert story.locator(".articles > li").count() == 7
    assert re.search(r"\d+ claims?", story.locator(".articles > li").first.inner_text())
    any_page.get_by_label("Outlet").select_option("North Post")
    any_page.get_by_role("button", name="Show").click()
    sites = [t.split(" · ")[0] for t in any_page.locator(".articles .meta").all_inner_texts()]
    assert sites and set(sites) == {"North Post"}


def test_speaker_page_lists_claims_over_time_with_outlets_and_ledger_links(server, any_page):
    base, store = server
    tamm = next(s for s in store.speakers() if s.name == "Arvid Tamm")
    any_page.goto(f"{base}/speaker/{tamm.id}")
    assert any_page.locator("h1").inner_text() == "Arvid Tamm"
    times = any_page.locator(".claim-list time").evaluate_all("nodes => nodes.map(n => n.getAttribute('datetime'))")
    assert len(times) == tamm.claims and times == sorted(times)
    assert any_page.locator(".claim-list .ledger-chip").count() >= 7
    assert "Baltic Wire" in any_page.locator(".claim-list").inner_text()


def test_search_finds_claims_and_speakers_and_marks_the_words(server, any_page):
    base, _store = server
    any_page.goto(base)
    any_page.get_by_label("Search articles, claims and speakers").fill("Tamm")
    any_page.get_by_role("button", name="Search").first.click()
    assert any_page.locator("section").filter(has_text="Speakers").get_by_role("link", name="Arvid Tamm").count() == 1
    any_page.goto(f"{base}/search?q=volunteers&flag=unverified&site=North+Post")
    claims = any_page.locator("section").filter(has=any_page.locator("#claims-heading"))
    assert claims.locator("mark.hit").first.inner_text().lower() == "volunteers"
    assert set(claims.locator(".meta").all_inner_texts()) and all(" · North Post · " in t for t in
                                                                 claims.locator(".meta").all_inner_texts())
    articles = any_page.locator("section").filter(has=any_page.locator("#articles-heading"))
    assert articles.locator("mark.hit").count() > 0 and "[" not in articles.inner_text()


def test_search_by_date_keeps_only_articles_of_those_days(server, page):
    base, _store = server
    page.goto(f"{base}/search?q=Tamm&since=2025-03-11&until=2025-03-11")
    times = page.locator("time").evaluate_all("nodes => nodes.map(n => n.getAttribute('datetime'))")
    assert times and all(t.startswith("2025-03-11") for t in times)


# -- legible scrutiny -------------------------------------------------------------------------


def test_codes_are_words_and_only_unusual_modalities_get_a_badge(server, page):
    base, store = server
    page.goto(f"{base}/article/{pasted_id(store)}")
    text = page.locator("main").inner_text()
    for code in ("according_to", "single_source", "interested_source", "actual"):
        assert code not in text
    assert "attributed" in page.locator("aside.claims").inner_text()
    page.goto(f"{base}/article/{article_id(store, 'Baltic Wire', 'Dozens of Finns')}")
    badges = page.locator(".body .badge").all_inner_texts()
    assert [b.lower() for b in badges] == ["intended"]
    page.goto(f"{base}/glossary")
    assert page.locator("#flag-single_source").inner_text() == "single source"  # as data/flags.json says it


def test_a_flag_on_every_claim_is_said_once_for_the_article(server, page):
    base, store = server
    page.goto(f"{base}/article/{article_id(store, 'Baltic Wire', 'Dozens of Finns')}")
    assert "Every claim: interested party, single source." in page.locator(".common").inner_text()
    flags_per_claim = " ".join(page.locator(".claim-item .flags").all_inner_texts())
    assert "single source" not in flags_per_claim and "not verified" in flags_per_claim


def test_tooltips_and_badges_are_not_read_into_the_sentence(server, page):
    base, store = server
    page.goto(f"{base}/article/{article_id(store, 'Baltic Wire', 'Dozens of Finns')}")
    mark = page.locator("mark.claim").nth(1)
    tip = page.locator(f"#{mark.get_attribute('aria-describedby')}")
    assert tip.get_attribute("role") == "tooltip" and "Arvid Tamm" in tip.inner_text()
    assert mark.inner_text() == "the movement planned to open a recruitment office in Tallinn before the summer"
    hidden = page.locator(".body .who, .body .badge")
    assert hidden.count() > 0 and all(h.get_attribute("aria-hidden") == "true" for h in hidden.all())
    assert all(h.evaluate("n => getComputedStyle(n).userSelect") == "none" for h in hidden.all())


def test_reported_speech_has_no_quotation_marks_and_nested_quotes_do_not_collide(server, page):
    base, store = server
    page.goto(f"{base}/article/{article_id(store, 'Baltic Wire', 'Dozens of Finns')}")
    contents = page.locator("aside .content").all_inner_texts()
    assert contents[0] == "several dozen volunteers from Finland had joined the movement's units in the past month"
    assert contents[2] == "“the volunteers were motivated by ‘a sense of duty, not money’”"


def contrast(colour: str) -> float:
    """WCAG contrast ratio of an rgb() colour against white."""
    def luminance(channels: list[float]) -> float:
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (v / 255 for v in channels)]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    channels = [float(v) for v in re.findall(r"[\d.]+", colour)[:3]]
    return 1.05 / (luminance(channels) + 0.05)


def test_speaker_colours_and_the_focus_ring_stand_out_from_the_background(server, page):
    base, store = server
    page.goto(f"{base}/article/{article_id(store, 'Baltic Wire', 'Dozens of Finns')}")
    colours = page.evaluate("""() => [...Array(8).keys()].map(i => {
        const probe = document.createElement('span'); probe.className = 's' + i;
        probe.style.color = 'var(--speaker)'; document.body.append(probe);
        const colour = getComputedStyle(probe).color; probe.remove(); return colour; })""")
    assert len(set(colours)) == 8 and min(contrast(c) for c in colours) >= 3
    page.keyboard.press("Tab")  # the skip link, then the brand
    page.keyboard.press("Tab")
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    assert contrast(ring) >= 3


def test_a_russian_article_is_marked_russian_in_an_english_page_and_set_in_a_cyrillic_face(server, page):
    base, store = server
    page.goto(f"{base}/article/{article_id(store, 'gorod.example', 'набережную')}")
    lang_of = "e => e.closest('[lang]').getAttribute('lang')"
    assert page.locator("html").get_attribute("lang") == "en"  # the interface is English
    for russian in ("h1", ".body p", ".summary-box li", "aside.claims .content", "aside.claims .speaker"):
        assert page.locator(russian).first.evaluate(lang_of) == "ru", russian
    for english in (".scrutiny", ".summary-box summary", "#claims-heading", "aside.claims .quote-type"):
        assert page.locator(english).first.evaluate(lang_of) == "en", english
    assert page.locator(".body .tip").first.evaluate(lang_of) == "en"  # the tooltip's labels
    # the faces Chromium really drew the Russian paragraph with are ones our stylesheet names
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": ".body p"})["nodeId"]
    faces = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    stack = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert faces and all(f["familyName"] in stack and f["glyphCount"] > 0 for f in faces), (faces, stack)


def test_search_results_and_lists_mark_russian_titles_and_claims(server, page):
    base, _store = server
    page.goto(f"{base}/search?q=набережной")
    assert page.locator(".results a").first.get_attribute("lang") == "ru"
    assert page.locator(".results .snippet").first.get_attribute("lang") == "ru"
    assert page.locator(".results .snippet mark").first.inner_text().lower().startswith("набережн")
    page.goto(f"{base}/search?q=Tamm")  # English results carry no lang of their own
    assert page.locator(".claim-list [lang], .results [lang]").count() == 0
    page.goto(base)
    assert page.get_by_role("link", name="Мэр пообещал достроить набережную к осени").get_attribute("lang") == "ru"


# -- accessibility: axe-core in the page ------------------------------------------------------


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core not installed; scripts/test runs npm ci")
        pytest.skip("axe-core not installed (npm ci)")
    return AXE.read_text()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("name", ["home", "article", "Russian article", "ledger entry", "speaker", "search", "analyze",
                                  "glossary"])
def test_axe_finds_no_violations(server, browser, axe_source, name, viewport):
    base, store = server
    path = {"home": "/", "article": f"/article/{article_id(store, 'Baltic Wire', 'Dozens of Finns')}",
            "Russian article": f"/article/{article_id(store, 'gorod.example', 'набережную')}",
            "ledger entry": f"/ledger/{entry_id(store, 'several dozen')}", "speaker": "/speaker/1",
            "search": "/search?q=volunteers", "analyze": "/analyze", "glossary": "/glossary"}[name]
    context, page = new_page(browser, DESKTOP if viewport == "desktop" else PHONE, bypass_csp=True)
    try:
        page.goto(base + path)
        page.add_script_tag(content=axe_source)
        violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
            .violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))""")
    finally:
        context.close()
    assert violations == []


# -- what worked before and must go on working ------------------------------------------------


def test_claims_are_highlighted_with_their_speakers(server, page):
    base, store = server
    page.goto(f"{base}/article/{article_id(store, 'Baltic Wire', 'Dozens of Finns')}")
    marks = page.locator("mark.claim")
    assert marks.count() == 3
    assert marks.first.get_attribute("data-speaker") == "Arvid Tamm"
    marks.first.focus()
    assert page.locator("#" + marks.first.get_attribute("aria-describedby")).is_visible()
    assert page.locator(".body .who").first.inner_text() == "AT"
    assert "Arvid Tamm" in page.locator("aside.claims").inner_text()


def test_search_lands_on_the_article(server, page):
    base, _store = server
    page.goto(base)
    page.get_by_label("Search articles, claims and speakers").fill("shipyard Turku")
    page.get_by_role("button", name="Search").first.click()
    page.get_by_role("link", name="Ferry Operator Orders Two Electric Ships").click()
    assert page.locator("h1").inner_text() == "Ferry Operator Orders Two Electric Ships"


def test_ledger_lists_entries_and_opens_one(server, page):
    base, _store = server
    page.goto(f"{base}/ledger")
    page.get_by_role("link", name="several dozen volunteers from Finland", exact=False).click()
    body = page.locator("main").inner_text()
    assert "seen in 7 articles" in body and "3 independent origins" in body and "the numbers drift" in body


def test_paste_an_article_into_analyze(server, page):
    base, _store = server
    page.goto(f"{base}/analyze")
    page.get_by_label("Paste the article").fill(
        "Harbour Pilots Threaten Strike\n\nPilots' union leader Olga Berg said her members were ready to strike "
        "from Monday. She told reporters that talks had failed.")
    page.get_by_role("button", name="Analyze").click()
    assert page.locator("h1").inner_text() == "Harbour Pilots Threaten Strike"
    assert page.locator("mark.claim").count() == 2


def test_hostile_article_runs_no_script(server, page):
    base, store = server
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    hostile = next(d.article.id for d in store.documents() if d.article.source == "https://hostile.example/x")
    page.goto(f"{base}/article/{hostile}")
    page.get_by_text("Get a summary").click()
    for mark in page.locator("mark.claim").all():
        mark.hover()
    assert "<script>window.__pwned = 'script'</script>" in page.locator(".body").inner_text()
    assert page.locator(".body img, .body svg, .body a[href^='javascript']").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.goto(f"{base}/search?q=chaos")
    assert page.evaluate("typeof window.__pwned") == "undefined"


# -- the JSON API -----------------------------------------------------------------------------


def test_every_list_answers_in_an_envelope_with_its_total(server):
    base, store = server
    with httpx.Client(base_url=base) as client:
        for path, total in (("/api/v1/articles", store.count_articles()), ("/api/v1/claims", store.count_claims()),
                            ("/api/v1/ledger", len(store.clusters(2))),
                            ("/api/v1/speakers", len(store.speakers())), ("/api/v1/search", None)):
            page = client.get(path, params={"limit": 2, "offset": 1, "q": "Tamm"}).json()
            assert set(page) == {"items", "total", "limit", "offset"} and (page["limit"], page["offset"]) == (2, 1)
            assert len(page["items"]) == min(2, page["total"] - 1) and (total is None or page["total"] == total)


def test_errors_are_problem_details_and_unknown_filters_are_422(server):
    base, _store = server
    with httpx.Client(base_url=base) as client:
        bogus = client.get("/api/v1/claims", params={"flag": "bogus"})
        assert bogus.status_code == 422 and bogus.headers["content-type"] == "application/problem+json"
        assert bogus.json()["title"] == "Unprocessable Entity" and "flag" in bogus.json()["detail"]
        missing = client.get("/api/v1/ledger/0000000000000000-c1")
        assert missing.status_code == 404
        assert missing.json()["detail"] == "There is no ledger entry 0000000000000000-c1 in this store."
        too_big = client.post("/api/v1/analyze", content=json.dumps({"text": "x" * 1_200_000}),
                              headers={"content-type": "application/json"})
        assert too_big.status_code == 413 and too_big.headers["content-type"] == "application/problem+json"
        assert client.post("/api/v1/analyze", json={"url": "http://127.0.0.1:9/x"}).json()["status"] == 400


def test_head_works_wherever_get_does(server):
    base, store = server
    some = store.latest(limit=1)[0].id
    with httpx.Client(base_url=base) as client:
        for path in ("/", f"/article/{some}", "/api/v1/articles", f"/api/v1/articles/{some}", "/docs"):
            got, head = client.get(path), client.head(path)
            assert head.status_code == got.status_code == 200 and head.content == b""
            assert head.headers["content-type"] == got.headers["content-type"]


def test_articles_carry_an_etag_and_answer_304(server):
    base, store = server
    some = store.latest(limit=1)[0].id
    with httpx.Client(base_url=base) as client:
        for path in (f"/api/v1/articles/{some}", f"/article/{some}"):
            first = client.get(path)
            assert first.headers["etag"] and "cache-control" in first.headers
            again = client.get(path, headers={"if-none-match": first.headers["etag"]})
            assert again.status_code == 304 and again.content == b""


def test_articles_hide_server_paths_and_give_times_with_a_zone(server):
    base, store = server
    local = next(d.article.id for d in store.documents() if d.article.source == LOCAL_FILE_SOURCE)
    with httpx.Client(base_url=base) as client:
        doc = client.get(f"/api/v1/articles/{local}").json()
        claims = client.get("/api/v1/claims", params={"search": "dues would rise"}).json()["items"]
        listed = client.get("/api/v1/articles", params={"limit": 200}).json()["items"]
    assert "/srv" not in json.dumps(doc) and doc["article"]["source"] == "a local file"
    assert claims and all("/srv" not in c["source"] for c in claims)
    assert doc["article"]["published"] == "2025-02-01T00:00:00Z"
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)", a["published"])
               for a in listed if a["published"])


def test_analyze_stores_only_when_asked(server):
    base, store = server
    text = {"title": "Bridge Closed", "text": "The mayor said the bridge would reopen in May."}
    with httpx.Client(base_url=base) as client:
        before = store.count_articles()
        made = client.post("/api/v1/analyze", json=text)
        assert made.status_code == 200 and made.json()["claims"][0]["speaker"]["name"] == "mayor"
        assert store.count_articles() == before and "location" not in made.headers
        kept = client.post("/api/v1/analyze", params={"store": "true"}, json=text)
        assert kept.status_code == 201 and store.count_articles() == before + 1
        assert client.get(kept.headers["location"]).json()["article"]["title"] == "Bridge Closed"


def test_openapi_lists_only_the_api_with_readable_operation_ids(server):
    base, _store = server
    document = httpx.get(f"{base}/openapi.json").json()
    assert all(path.startswith("/api/v1/") for path in document["paths"])
    ids = [op["operationId"] for methods in document["paths"].values() for op in methods.values()]
    assert "list_articles" in ids and all(re.fullmatch(r"[a-z]+(_[a-z]+)*", i) for i in ids)


def test_cors_is_off_unless_an_origin_is_given(server):
    base, store = server
    asked = {"origin": "https://reader.example"}
    assert "access-control-allow-origin" not in httpx.get(f"{base}/api/v1/articles", headers=asked).headers
    with serving(ServerSettings(db=store.url, cors_origins=("https://reader.example",))) as cors_base:
        allowed = httpx.get(f"{cors_base}/api/v1/articles", headers=asked)
        other = httpx.get(f"{cors_base}/api/v1/articles", headers={"origin": "https://elsewhere.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://reader.example"
    assert "access-control-allow-origin" not in other.headers


def test_every_api_route_declares_its_response_model():
    from claimledger.web import api

    assert {route.path: route.response_model is not None for route in api.router.routes} == {
        path: True for path in ("/articles", "/articles/{article_id}", "/claims", "/ledger", "/ledger/{entry_id}",
                                "/speakers", "/search", "/analyze")}
