"""Stage 1: turn raw HTML or plain text into a clean article (title, metadata, body paragraphs).

HTML goes through trafilatura first (boilerplate removal and metadata). What extractors
and copy-paste leave behind ("No time to read? / Get a summary", "Previous Article" and the
unrelated headline after it, newsletter and cookie prompts, bylines) is removed by our own
line-level chrome cleaner, on HTML and plain text alike. The cleaner is conservative: a
line that reads like a sentence of the article is only dropped when it matches a known
prompt, so a paragraph of the real article is never lost.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlsplit

import dateparser
import lxml.etree
import lxml.html
import py3langid
import trafilatura

from claimledger import errors
from claimledger.data import load_data
from claimledger.document import RemovedChrome
from claimledger.inputs import RawDocument

# A line opens the body once it reads like prose: terminal punctuation and at least this many
# words. Tuned on the dev cases and the seed: headers there are labels, bylines and dates of
# 1-10 words; the shortest opening paragraph seen in the extraction benchmark has 9.
MIN_OPENING_WORDS = 8
MIN_OPENING_CHARS = 40
# Without a single sentence, a page needs this much text to count as an article
# (list and table pages in the extraction benchmark have 300 and more).
MIN_ARTICLE_CHARS = 200
# Lines longer than this are never headlines or labels.
MAX_HEADLINE_WORDS = 25
# Share of capitalised words (of more than 3 letters) that marks a headline; sentence-case
# prose with a name or two stays well below it.
TITLE_CASE_SHARE = 0.8
# trafilatura writes a table row as '| cell | cell |' (and the header rule as '|---|---|')
TABLE_ROW = re.compile(r"^\|.*\|$")
SENTENCE_END = re.compile(r"[.!?…]['\"’”»)\]]*(\s|$)")
PASSWORD_FIELD = re.compile(r"<input\b[^>]*\btype\s*=\s*[\"']?password\b", re.IGNORECASE)
TERMINAL = re.compile(r"[.!?…。！？]['\"’”»)\]」』]*$")
# A line that is only a clock time, perhaps with a zone or a date: the entry stamps of live
# pages ('16.42 AEST', '9:05am', '14:30 GMT, 3 March'), which say when, not what.
DATELINE_PARTS = re.compile(r"\s+[|·•]\s+")  # 'Published ... · Updated ...', '14 May 2027 · 6 min read'
TIMESTAMP = re.compile(r"(\d{1,2}\s+\w+\s+)?\d{1,2}[:.]\d{2}\s*([aApP]\.?[mM]\.?)?(\s+[A-Z]{2,5})?"
                       r"(\s*,?\s+\d{1,2}\s+\w+)?")
# A chrome box: a run of a few short lines with no blank line between them (a newsletter
# box, a sponsored teaser, a live page's stamp and entry heading) that holds a known prompt
# or stamp. Pasted articles separate paragraphs by blank lines, so such a run is a box on
# the page, not text; a run of several prose lines is article text set without blank lines.
MAX_BOX_LINES = 5
MAX_BOX_LINE_WORDS = 15
MAX_BOX_PROSE_LINES = 1


@dataclass(frozen=True)
class ChromeRules:
    prompts: re.Pattern  # use is_prompt(): it also reads a prompt set in brackets
    footer_markers: re.Pattern
    link_label: re.Pattern  # 'Read more: <headline>' on one line
    byline: re.Pattern
    date_prefix: re.Pattern
    bylines_other: tuple[re.Pattern, ...] = ()  # other languages' bylines, each with its own 'name' group

    def is_prompt(self, line: str) -> bool:
        """A known prompt, also when set in brackets ('(Reporting by ...; Editing by ...)'),
        or a bare time stamp."""
        bare = line[1:-1].strip() if line[:1] in "([" and line[-1:] in ")]" else line
        return bool(self.prompts.fullmatch(line) or self.prompts.fullmatch(bare) or TIMESTAMP.fullmatch(line))

    def byline_match(self, line: str) -> re.Match | None:
        return self.byline.fullmatch(line) or next(
            (m for pattern in self.bylines_other if (m := pattern.fullmatch(line))), None)


# chrome of the other languages analysed, merged into data/chrome.json's lists
CHROME_LANGUAGES = ("ru",)


@dataclass
class ExtractedArticle:
    title: str | None
    paragraphs: list[str]
    site: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    url: str | None = None
    removed: list[RemovedChrome] = field(default_factory=list)


@cache
def chrome_rules() -> ChromeRules:
    data = load_data("chrome.json")
    others = [load_data(f"{code}/chrome.json") for code in CHROME_LANGUAGES]

    def any_of(key: str) -> re.Pattern:
        patterns = data[key] + [p for other in others for p in other[key]]
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)

    prefixes = data["date_prefixes"] + [p for other in others for p in other["date_prefixes"]]
    return ChromeRules(
        prompts=any_of("prompts"),
        footer_markers=any_of("footer_markers"),
        link_label=re.compile(r"(?:" + "|".join(f"(?:{p})" for p in data["link_labels"]) + r")\s*[:|]\s*(?P<rest>.+)",
                              re.IGNORECASE),
        byline=re.compile(data["bylines"][0], re.IGNORECASE),
        date_prefix=re.compile(r"^(?:" + "|".join(prefixes) + r")\b\s*:?\s*", re.IGNORECASE),
        bylines_other=tuple(re.compile(p, re.IGNORECASE) for other in others for p in other["bylines"]),
    )


def extract(raw: RawDocument) -> ExtractedArticle:
    """Clean article from raw input; raises InputError when no article text is found."""
    article = extract_html(raw) if raw.kind == "html" else extract_text(raw)
    # trafilatura has already cut the page down to its main content, so for HTML only the
    # known prompts, navigation and link lists go; the zone rules for unlabelled header and
    # footer lines are for pasted text, where nothing has judged the layout yet
    article.paragraphs = remove_chrome(article.paragraphs, article, zones=raw.kind == "text")
    # rows of a data table neither make a page an article nor tell its language
    prose = [p for p in article.paragraphs if not is_table_data(p)]
    if not any(is_sentence(p) for p in prose) and sum(map(len, prose)) < MIN_ARTICLE_CHARS:
        raise errors.no_article(raw.source)  # a menu, a form or a table alone is not an article
    if raw.kind == "html" and PASSWORD_FIELD.search(raw.text) and prose_chars(prose) < MIN_ARTICLE_CHARS:
        raise errors.no_article(raw.source)  # a sign-in page, whatever its wording
    article.language = detect_language(" ".join(prose))
    return article


def is_table_data(line: str) -> bool:
    """A table row none of whose cells reads as prose; old sites lay whole articles out in
    table cells, and those rows are the article."""
    if not TABLE_ROW.match(line):
        return False
    return not any(len(cell.split()) >= MIN_OPENING_WORDS and SENTENCE_END.search(cell)
                   for cell in line.strip("|").split("|"))


def prose_chars(lines: list[str]) -> int:
    return sum(len(line) for line in lines if is_prose(line))


def extract_text(raw: RawDocument) -> ExtractedArticle:
    """Plain text as in the seed: the first non-empty line is the headline."""
    # splitlines: every Unicode line end (\r\n, \r, NEL, U+2028, U+2029, form feed) ends a line
    lines = [line.strip() for line in raw.text.splitlines()]
    first = next((i for i, line in enumerate(lines) if line), None)
    if first is None:
        raise errors.empty(raw.source)
    article = ExtractedArticle(title=lines[first], paragraphs=[], url=raw.url, site=site_from_url(raw.url))
    article.paragraphs = join_wrapped_lines(drop_chrome_boxes(lines[first + 1 :], article))
    return article


def drop_chrome_boxes(lines: list[str], article: ExtractedArticle) -> list[str]:
    """Remove the boxes (see MAX_BOX_LINES) that sit after the article's first prose line;
    the header above it is left to the zone rules, which keep its byline and date."""
    rules = chrome_rules()
    opening = next(iter(article_prose(lines, rules)), len(lines))
    kept = lines[:opening]
    for run in runs_of_lines(lines[opening:]):
        if is_chrome_box(run, rules):
            article.removed.extend(RemovedChrome(text=line, reason=box_line_reason(line, rules)) for line in run)
        else:
            kept.extend(run)
        kept.append("")
    return kept


def runs_of_lines(lines: list[str]) -> list[list[str]]:
    """The runs of non-blank lines between blank ones."""
    runs: list[list[str]] = [[]]
    for line in lines:
        if line:
            runs[-1].append(line)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def is_chrome_box(run: list[str], rules: ChromeRules) -> bool:
    """A link list ('Read more:' and headlines) is not a box: remove_chrome names its lines."""
    if not 2 <= len(run) <= MAX_BOX_LINES or any(len(line.split()) > MAX_BOX_LINE_WORDS for line in run):
        return False
    if any(rules.footer_markers.fullmatch(line) for line in run):
        return False
    return any(map(rules.is_prompt, run)) and sum(map(is_prose, run)) <= MAX_BOX_PROSE_LINES


def box_line_reason(line: str, rules: ChromeRules) -> str:
    if TIMESTAMP.fullmatch(line):
        return "time stamp"
    return "site prompt" if rules.is_prompt(line) else "chrome box"


def join_wrapped_lines(lines: list[str]) -> list[str]:
    """One block per line, except that a hard-wrapped paragraph (a line that does not end a
    sentence, followed directly by one that starts in lower case) is joined back together."""
    blocks: list[str] = []
    previous_blank = True
    for line in lines:
        if not line:
            previous_blank = True
            continue
        if blocks and not previous_blank and not TERMINAL.search(blocks[-1]) and line[:1].islower():
            blocks[-1] = f"{blocks[-1]} {line}"
        else:
            blocks.append(re.sub(r"\s+", " ", line))
        previous_blank = False
    return blocks


def extract_html(raw: RawDocument) -> ExtractedArticle:
    result = trafilatura.extract(
        raw.text, url=raw.url, output_format="json", with_metadata=True, include_comments=False,
        include_tables=True, deduplicate=False,
    )
    if not result:
        raise errors.no_article(raw.source)
    meta = json.loads(result)
    paragraphs = join_wrapped_lines([line.strip() for line in (meta.get("text") or "").split("\n")])
    site = meta.get("sitename") or meta.get("source-hostname") or meta.get("hostname") or site_from_url(raw.url)
    # a visible dateline beats htmldate's guess, which falls back to 1 January of a copyright year
    published = visible_dateline(raw.text) or meta.get("date")
    return ExtractedArticle(
        title=(meta.get("title") or "").strip() or None,
        paragraphs=paragraphs,
        site=site,
        author=meta.get("author"),
        published=published,
        url=meta.get("source") or raw.url,
    )


CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
DATE_CLASS = re.compile(r"date|time|publish|posted|updated", re.IGNORECASE)


def visible_dateline(html_text: str) -> str | None:
    """The first short element marked as a date (<time>, class="dateline", itemprop="datePublished")
    whose text parses as a full date."""
    try:
        tree = lxml.html.fromstring(html_text)
    except (ValueError, lxml.etree.ParserError):
        return None
    rules = chrome_rules()
    for element in tree.iter("time", "span", "p", "div", "meta"):
        marker = " ".join(str(element.get(a, "")) for a in ("class", "itemprop", "property", "name"))
        if element.tag != "time" and not DATE_CLASS.search(marker):
            continue
        text = element.get("content") or element.get("datetime") or element.text_content()
        if text and len(text) < 80 and (parsed := parse_dateline(text.strip(), rules)):
            return parsed
    return None


def site_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def remove_chrome(lines: list[str], article: ExtractedArticle, *, zones: bool = True) -> list[str]:
    """Drop chrome lines, recording each with its reason; bylines and dates become metadata."""
    rules = chrome_rules()
    prose = article_prose(lines, rules)
    if zones:
        opening, closing = (prose[0], prose[-1]) if prose else (0, len(lines) - 1)
    else:  # a page trafilatura cut down: only what stands above the headline is header
        opening, closing = next((i for i, line in enumerate(lines) if article.title
                                 and normalise(line) == normalise(article.title)), 0), len(lines) - 1
    kept: list[str] = []
    in_link_list = False
    for i, line in enumerate(lines):
        reason = chrome_reason(line, i, opening, closing, in_link_list, article, rules, zones=zones)
        if reason is None and not zones and prose and i < prose[0] and below_headline(lines, i, article) \
                and is_standfirst(line):
            reason = "standfirst"  # right under the headline of a page trafilatura cut down
        if rules.footer_markers.fullmatch(line):
            in_link_list = True
        elif reason is None:
            in_link_list = False
        if reason is None:
            kept.append(line)
        else:
            article.removed.append(RemovedChrome(text=line, reason=reason))
    return kept


def article_prose(lines: list[str], rules: ChromeRules) -> list[int]:
    """Where the prose lines are that are not a known prompt: the first opens the body."""
    return [i for i, line in enumerate(lines) if is_prose(line) and not rules.is_prompt(line)]


def chrome_reason(
    line: str, index: int, opening: int, closing: int, in_link_list: bool,
    article: ExtractedArticle, rules: ChromeRules, *, zones: bool = True,
) -> str | None:
    """Why `line` is chrome, or None when it belongs to the article."""
    if article.title and normalise(line) == normalise(article.title):
        return "headline repeated"
    if rules.is_prompt(line):
        return box_line_reason(line, rules)
    if rules.footer_markers.fullmatch(line):
        return "navigation"
    if (link := rules.link_label.fullmatch(line)) and is_headline(link.group("rest")):
        return "link to another article"  # 'Read more: Heatwave closes schools', between two paragraphs
    if in_link_list and is_headline(line):
        return "link to another article"
    in_header, in_footer = index < opening, index > closing
    if not (in_header or in_footer) or is_prose(line):
        return None
    if not zones and not (in_header and is_label(line)):
        return None  # in a page trafilatura cut down, only a kicker above the headline ('Labour') is left to go
    if TERMINAL.search(line) and not is_title_case(line) and not rules.byline_match(line):
        return None  # a short sentence ('Talks resume on Monday.') is article text, not a label
    if byline := rules.byline_match(line):
        if len(line.split()) <= 14:
            article.author = article.author or clean_author(byline.group("name"))
            return "byline"
    if in_header and (published := parse_dateline(line, rules)):
        article.published = article.published or published
        return "dateline"
    return "header label" if in_header else "trailing link or label"


def clean_author(name: str) -> str:
    """'Kristaps Ozols in Riga and Helena Berg in Stockholm' -> 'Kristaps Ozols and Helena Berg'."""
    return re.sub(r"\s+in\s+[A-Z][\w-]+(\s+[A-Z][\w-]+)*", "", name).strip()


def parse_dateline(line: str, rules: ChromeRules) -> str | None:
    """The publication time of a header line: the whole line ('Monday, 2 November 2026 | 19:12')
    or else the first of its parts that reads as a date ('Published 11 March 2027, 16:05 · Updated
    12 March 2027, 09:40', '14 May 2027 · 6 min read')."""
    for part in [line, *DATELINE_PARTS.split(line)]:
        if published := parse_date(part, rules):
            return published
    return None


def parse_date(text: str, rules: ChromeRules) -> str | None:
    if len(text.split()) > 10 or not re.search(r"\d", text):
        return None
    text = rules.date_prefix.sub("", text)
    text = re.sub(r"\s+[-–|·•]\s+", " ", text)
    settings = {"PREFER_DATES_FROM": "past", "STRICT_PARSING": False}
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    if parsed is None and CYRILLIC.search(text):  # '12 марта 2025, 11:47'
        parsed = dateparser.parse(text, languages=["ru"], settings=settings)
    if parsed is None or not re.search(r"\b(19|20)\d\d\b", text):
        return None
    has_time = bool(re.search(r"\d{1,2}[:.]\d{2}|\d\s*[ap]\.?m\b", text, re.IGNORECASE))
    return parsed.isoformat(timespec="minutes") if has_time else parsed.date().isoformat()


def is_label(line: str) -> bool:
    """A section label or kicker: a few words with no sentence punctuation ('Labour', 'World · Europe')."""
    return len(line.split()) <= 4 and not TERMINAL.search(line) and not any(c.isdigit() for c in line)


def below_headline(lines: list[str], index: int, article: ExtractedArticle) -> bool:
    """Whether the line right above `index` is the article's headline."""
    return index > 0 and bool(article.title) and normalise(lines[index - 1]) == normalise(article.title)


def is_standfirst(line: str) -> bool:
    """A standfirst under the headline, before the body's first sentence: a summary line written
    without a full stop ('A 24-hour stoppage at the regional hub leaves passengers stranded'),
    which news sites set apart from the article text, as the extraction benchmark does."""
    return not TERMINAL.search(line) and len(line.split()) >= MIN_OPENING_WORDS


def is_prose(line: str) -> bool:
    """A sentence-like line: terminal punctuation and enough words (or characters, for
    scripts written without spaces)."""
    return bool(TERMINAL.search(line)) and (len(line.split()) >= MIN_OPENING_WORDS or len(line) >= MIN_OPENING_CHARS)


def is_sentence(line: str) -> bool:
    return bool(TERMINAL.search(line)) and (len(line.split()) >= 4 or len(line) >= 20)


def is_headline(line: str) -> bool:
    """A link headline: short, and either unpunctuated or in Title Case."""
    if len(line.split()) > MAX_HEADLINE_WORDS:
        return False
    return not TERMINAL.search(line) or is_title_case(line)


def is_title_case(line: str) -> bool:
    """'Is This the End of Cheap Flights?' but not 'Talks resume on Monday.'"""
    long_words = [w for w in line.split() if len(w) > 3]
    capitalised = sum(1 for w in long_words if w[:1].isupper())
    return len(long_words) >= 2 and capitalised / len(long_words) >= TITLE_CASE_SHARE


def normalise(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def detect_language(text: str) -> str | None:
    if len(text.split()) < 5:
        return None
    language, _score = py3langid.classify(text[:5000])
    return language
