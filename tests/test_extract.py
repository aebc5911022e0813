"""Body extraction and the chrome cleaner, on our own articles."""

from __future__ import annotations

from claimledger.errors import ExitCode, InputError
from claimledger.extract import extract
from claimledger.inputs import RawDocument, read_source
from claimledger.pipeline import build_article
from conftest import ARTICLES, REPO


def text_article(text: str):
    return extract(RawDocument(source="test.txt", text=text, kind="text"))


def test_seed_style_chrome_is_removed_and_recorded():
    article = extract(read_source(str(REPO / "examples" / "harbour-strike.txt")))
    body = "\n".join(article.paragraphs)
    for chrome in ("No time to read?", "Get a summary", "Previous Article", "Next Article", "Share this article",
                   "City Council Approves New Tram Line", "Olive Harvest Falls Short"):
        assert chrome not in body
    assert article.title == "Port Workers Claim Thousands Ready to Join Strike as Talks Collapse"
    assert article.paragraphs[0].startswith("Tomas Varga, the organiser")
    assert article.paragraphs[-1].endswith("what the work is worth,\" he said.")
    removed = {r.text: r.reason for r in article.removed}
    assert removed["Previous Article"] == "navigation"
    assert removed["City Council Approves New Tram Line After Decade of Delays"] == "link to another article"


def test_byline_and_dateline_become_metadata_not_body():
    article = text_article(
        "Bridge Reopens After Repairs\n\nTransport | Local\nBy Jonas Eklund, Transport Reporter\n"
        "Published 4 March 2025, 09:10 CET\nShare this article\n\n"
        "The Old Town bridge reopened to traffic on Monday after eight months of repairs, the city said.\n\n"
        "Engineers replaced all of its steel cables.\n"
    )
    assert article.author == "Jonas Eklund"
    assert article.published == "2025-03-04T09:10+01:00"
    assert article.paragraphs == [
        "The Old Town bridge reopened to traffic on Monday after eight months of repairs, the city said.",
        "Engineers replaced all of its steel cables.",
    ]
    assert {r.reason for r in article.removed} >= {"byline", "dateline", "header label", "site prompt"}


def test_short_closing_sentence_is_kept_but_trailing_headlines_go():
    article = text_article(
        "Title\n\nThe committee met for six hours on Thursday and agreed on a new budget for the schools.\n\n"
        "Talks resume on Monday.\n\nRead more:\nIs This the End of Cheap Flights?\nMayor Opens New Library\n"
    )
    assert article.paragraphs[-1] == "Talks resume on Monday."
    assert "Is This the End of Cheap Flights?" not in article.paragraphs


def test_real_paragraph_after_an_inline_related_box_is_kept():
    article = text_article(
        "Title\n\nThe first paragraph of the story explains what happened in the harbour on Friday night.\n\n"
        "Related:\nHarbour Fire Brigade Gets New Boat\n\n"
        "The second paragraph goes on with the story and quotes the harbour master at some length.\n"
    )
    assert len(article.paragraphs) == 2
    assert article.paragraphs[1].startswith("The second paragraph")


def test_hard_wrapped_paragraphs_are_joined():
    article = text_article(
        "Title\n\nThe minister said the\nplan would be ready\nby spring.\n\nA second paragraph here.\n")
    assert article.paragraphs[0] == "The minister said the plan would be ready by spring."


def test_html_article_gives_title_site_author_date_and_clean_body():
    article = extract(read_source(str(ARTICLES / "wind-farm.html")))
    assert article.title == "Offshore Wind Farm Approved Despite Fishing Objections"
    assert article.site == "The Coastal Courier"
    assert article.author == "Maren Lund"
    assert article.published.startswith("2025-09-03")
    body = "\n".join(article.paragraphs)
    assert body.startswith("The Norwegian government approved")
    assert body.endswith("must be monitored.")
    for chrome in ("cookies", "Related stories", "Salmon prices", "All rights reserved", "By Maren Lund"):
        assert chrome not in body


def test_a_kicker_above_the_headline_is_chrome_but_a_short_line_in_the_text_stays():
    page = """<html><head><title>Dockers vote to strike at Brenmouth port</title></head><body>
    <nav><a href="/">Home</a> <a href="/work" class="current">Work</a> <a href="/sport">Sport</a></nav>
    <main><article><p class="kicker">Work</p><h1>Dockers vote to strike at Brenmouth port</h1>
    <p>Dockers at Brenmouth port voted on Monday to strike for two days next week, their union said, after
    talks with the port operator over night-shift pay broke down without an agreement late on Friday.</p>
    <p>Timeline</p>
    <p>The operator said it regretted the vote and remained open to further talks with the union about the
    night-shift allowance, which it says is already the highest of any port on the coast.</p>
    </article></main></body></html>"""
    body = extract(RawDocument(source="t.html", text=page, kind="html")).paragraphs
    assert body[0].startswith("Dockers at Brenmouth port voted")
    assert "Timeline" in body


def test_a_standfirst_under_the_headline_is_chrome_but_an_unpunctuated_line_later_stays():
    page = """<html><head><title>Dockers vote to strike at Brenmouth port</title></head><body>
    <main><article><h1>Dockers vote to strike at Brenmouth port</h1>
    <p class="standfirst">Two days of stoppages next week threaten the busiest month of the year for exporters</p>
    <p>Dockers at Brenmouth port voted on Monday to strike for two days next week, their union said, after
    talks with the port operator over night-shift pay broke down without an agreement late on Friday.</p>
    <p>What the operator and the union say about the night shift and its pay</p>
    <p>The operator said it regretted the vote and remained open to further talks with the union about the
    night-shift allowance, which it says is already the highest of any port on the coast.</p>
    </article></main></body></html>"""
    article = extract(RawDocument(source="t.html", text=page, kind="html"))
    assert article.paragraphs[0].startswith("Dockers at Brenmouth port voted")
    assert "What the operator and the union say about the night shift and its pay" in article.paragraphs
    assert [r.reason for r in article.removed if r.text.startswith("Two days")] == ["standfirst"]


def test_article_text_and_paragraph_spans_agree():
    extracted = text_article("Title\n\nFirst paragraph of the body text here.\n\nSecond paragraph of it.\n")
    article = build_article(extracted, "x")
    assert [article.text[p.start:p.end] for p in article.paragraphs] == extracted.paragraphs
    assert article.text == "First paragraph of the body text here.\n\nSecond paragraph of it."
    assert len(article.id) == 16


def test_captions_and_credits_go_but_a_sentence_that_starts_alike_stays():
    article = text_article(
        "Title\n\nThe first paragraph of the story tells readers what happened in the city on Friday night.\n\n"
        "Image caption: A cargo ship leaves the port\n\n"
        "Reporting by the BBC has shown that the council knew about the problem for years.\n\n"
        "Additional reporting by Anna Koval; Editing by Mark Potter\n"
    )
    assert article.paragraphs == [
        "The first paragraph of the story tells readers what happened in the city on Friday night.",
        "Reporting by the BBC has shown that the council knew about the problem for years.",
    ]


def test_a_caption_that_ends_with_its_credit_goes_whole():
    article = text_article(
        "Title\n\nDock workers walked out at dawn on Tuesday, halting cargo traffic at the city's two terminals.\n\n"
        "Photo: Dock workers gather at the north gate before the walkout. Credit: Harbour Gazette\n\n"
        "Cranes stood idle at the north gate as the morning shift gathered by the fence. Photograph: Ilse Marr\n\n"
        "The port authority said talks would resume on Thursday morning at the labour ministry.\n"
    )
    assert article.paragraphs == [
        "Dock workers walked out at dawn on Tuesday, halting cargo traffic at the city's two terminals.",
        "The port authority said talks would resume on Thursday morning at the labour ministry.",
    ]


def test_a_correction_banner_above_the_byline_leaves_the_header_chrome_out():
    article = text_article(
        "Water Rates Rise Less Than Announced\n\nCity | Utilities\n"
        "This story has been updated. See the correction below.\nBy Mira Hollis\n"
        "Published 3 June 2026, 08:15 · Updated 4 June 2026, 17:02\n\n"
        "Household water bills will rise by 4 percent next year, not the 7 percent announced, the utility said.\n"
    )
    assert article.paragraphs == [
        "Household water bills will rise by 4 percent next year, not the 7 percent announced, the utility said."
    ]
    assert article.author == "Mira Hollis"
    assert article.published == "2026-06-03T08:15"


def test_a_date_beside_a_reading_time_is_the_publication_date():
    article = text_article(
        "Ferry Timetable Cut\n\n9 February 2026 · 4 min read\n\n"
        "The island ferry will sail twice a day instead of four times from March, its operator said on Monday.\n"
    )
    assert article.published == "2026-02-09"


def table_page(rows: int, prose: str = "") -> str:
    cells = "".join(f"<tr><td>{2000 + i}</td><td>Region {i % 7}</td><td>{1000 + i * 37}</td>"
                    f"<td>{(i * 13) % 100}.{i % 10}</td><td>{'up' if i % 2 else 'down'}</td></tr>" for i in range(rows))
    return (f"<!DOCTYPE html><html lang='en'><head><title>Regional statistics</title></head><body><main>"
            f"<h1>Regional statistics</h1><table><thead><tr><th>Year</th><th>Region</th><th>Population</th>"
            f"<th>Rate</th><th>Trend</th></tr></thead><tbody>{cells}</tbody></table>{prose}</main></body></html>")


def test_a_page_that_is_one_data_table_has_no_article_text(cli, tmp_path):
    (tmp_path / "table.html").write_text(table_page(300))
    result = cli("analyze", str(tmp_path / "table.html"))
    assert result.returncode == 8 and "no article text" in result.stderr.decode()


def test_language_is_detected_on_the_prose_after_a_long_table():
    prose = ("<p>The statistics office said on Tuesday that the population of every region grew last year, "
             "and that the figures below would be revised in the spring.</p>")
    article = extract(RawDocument(source="t.html", text=table_page(300, prose), kind="html"))
    assert article.language == "en"
    assert any(p.startswith("| 2000 | Region 0") for p in article.paragraphs)  # the table stays in the body


def test_a_sign_in_page_has_no_article_text(cli):
    result = cli("analyze", str(ARTICLES / "login.html"))
    assert result.returncode == 8 and "no article text" in result.stderr.decode()


def test_a_sign_in_form_is_found_whatever_its_wording():
    page = (ARTICLES / "login.html").read_text()
    reworded = page.replace("Forgot your password?", "Lost the key to your locker? We can help.").replace(
        "Don't have an account?", "New here? Join the readers' club today.")
    source = RawDocument(source="login.html", text=reworded, kind="html")
    try:
        extract(source)
    except InputError as exc:
        assert exc.code == ExitCode.NO_ARTICLE
    else:
        raise AssertionError("a sign-in form was taken for an article")


def test_labelled_link_line_between_paragraphs_goes_whole():
    article = text_article(
        "Title\n\nThe ferry company said on Monday that it would cut two routes to the outer islands this winter.\n\n"
        "Read more: Lighthouse keepers win pay rise after long dispute\n\n"
        "Islanders said the cuts would leave them without a crossing on Sundays.\n\n"
        "Related: Fish Prices Climb For Third Week\n\n"
        "Sponsored: Three savings accounts that beat inflation\n\n"
        "Support our journalism. Give what you can from £2.\n\n"
        "The council will meet the company next week.\n"
    )
    assert article.paragraphs == [
        "The ferry company said on Monday that it would cut two routes to the outer islands this winter.",
        "Islanders said the cuts would leave them without a crossing on Sundays.",
        "The council will meet the company next week.",
    ]
    removed = {r.text: r.reason for r in article.removed}
    assert removed["Read more: Lighthouse keepers win pay rise after long dispute"] == "link to another article"


def test_a_sentence_after_a_label_word_is_article_text():
    article = text_article(
        "Title\n\nThe ferry company said on Monday that it would cut two routes to the outer islands this winter.\n\n"
        "Related: the company also raised fares by a tenth, which islanders say they cannot afford.\n"
    )
    assert len(article.paragraphs) == 2


def test_a_newsletter_box_between_paragraphs_goes_whole():
    article = text_article(
        "Title\n\nThe water board said on Tuesday that the reservoir had fallen to its lowest level in a decade.\n\n"
        "The Morning Tide\nOur regional briefing, every weekday.\nSign up\n\n"
        "Farmers said they had already cut the area they plan to sow this spring.\n\n"
        "Advertisement\nSave on solar panels this week. Free installation for new customers.\n\n"
        "The board will decide on restrictions next month.\n"
    )
    assert article.paragraphs == [
        "The water board said on Tuesday that the reservoir had fallen to its lowest level in a decade.",
        "Farmers said they had already cut the area they plan to sow this spring.",
        "The board will decide on restrictions next month.",
    ]
    assert {r.reason for r in article.removed} == {"chrome box", "site prompt"}


def test_short_paragraphs_set_without_blank_lines_are_not_a_box():
    article = text_article(
        "Title\n\nThe mayor said the road would reopen on Friday.\nShare\n"
        "Workers had repaired the bridge deck, she said.\n"
        "Residents welcomed the news.\nThe council said the repairs cost less than planned.\n"
    )
    assert "The mayor said the road would reopen on Friday." in article.paragraphs
    assert "Workers had repaired the bridge deck, she said." in article.paragraphs
    assert "Share" not in article.paragraphs


def test_wire_credits_in_brackets_and_standards_line_are_chrome():
    article = text_article(
        "Title\n\nThe central bank left its main rate unchanged on Thursday, as most economists had expected.\n\n"
        "(Reporting by Ana Ruiz in Lima; Additional reporting by Tom Weil; Editing by Kate Moss)\n\n"
        "Our Standards: The Harbour Wire Trust Principles.\n"
    )
    assert article.paragraphs == [
        "The central bank left its main rate unchanged on Thursday, as most economists had expected."]


def test_live_page_time_stamps_go_and_the_entries_stay():
    article = text_article(
        "Floods live\n\nKey events\n\n11.05 GMT\n\n"
        "The river rose another 20 centimetres overnight, the agency said.\n\n"
        "10.40 GMT\nWhat we know so far\n\n"
        "Police said two roads into the town were closed.\n\n9:15am\n\nGood morning and welcome to our coverage.\n"
    )
    assert article.paragraphs == [
        "The river rose another 20 centimetres overnight, the agency said.",
        "Police said two roads into the town were closed.",
        "Good morning and welcome to our coverage.",
    ]
    assert "time stamp" in {r.reason for r in article.removed}


def test_a_sentence_that_mentions_a_series_or_a_time_is_article_text():
    article = text_article(
        "Title\n\nThe broadcaster said the series would return at 9.30 on Sunday evenings from March.\n\n"
        "Viewers who subscribe to the channel will be able to watch earlier episodes, it said.\n"
    )
    assert len(article.paragraphs) == 2
