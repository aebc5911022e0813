"""The ledger entry's two charts, drawn on the server with matplotlib as static SVG so they
work without JavaScript, under our Content-Security-Policy and in the exports; each comes
with a text alternative that says what the picture shows.

- the timeline: publication time across, one row per outlet, a filled mark for an origin, a
  hollow one for a copy, and an arrow from each copy's source to the copy;
- the drift chart: one bar per appearance from the low to the high end of the number it
  gives ("several dozen" 36-108), the outliers in red and labelled.

matplotlib writes styles as `style` attributes and a `<style>` element, which a CSP without
'unsafe-inline' would drop; `presentational()` turns them into SVG presentation attributes,
which are not styles and need no exception. Charts are drawn once per entry and ledger
version and kept (a chart takes 50-150 ms to draw; the page must answer in a few): see ChartCache.
"""

from __future__ import annotations

import io
import re
import threading
from collections import OrderedDict
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from claimledger.records import Appearance, EntryCharts, LedgerEntry, StoredLedgerEntry
from claimledger.store import Store
from claimledger.timestamps import utc_instant

if TYPE_CHECKING:
    from matplotlib.figure import Figure

ORIGIN_COLOUR = "#0b57d0"
COPY_LINK_COLOUR = "#5f6368"
OUTLIER_COLOUR = "#b3261e"
BAR_COLOUR = "#0b57d0"
CHART_CACHE = 256  # entries whose charts are kept per server process


def human_time(value: str | None) -> str:
    moment = utc_instant(value)
    if moment is None:
        return "undated"
    moment = moment.astimezone(UTC)
    return moment.strftime("%-d %b %Y, %H:%M UTC") if (moment.hour, moment.minute) != (0, 0) else \
        moment.strftime("%-d %b %Y")


def outliers(appearances: list[Appearance]) -> set[str]:
    """Claim ids whose number range overlaps none of the ranges the most agreed-on range
    overlaps: 'hundreds' when the others say 'several dozen' or 'dozens'."""
    numbered = [a for a in appearances if a.number is not None and a.number.low is not None]
    if len(numbered) < 2:
        return set()

    def overlap(a: Appearance, b: Appearance) -> bool:
        assert a.number is not None and b.number is not None
        a_high = float("inf") if a.number.high is None else a.number.high
        b_high = float("inf") if b.number.high is None else b.number.high
        return not (a.number.low > b_high or b.number.low > a_high)  # type: ignore[operator]

    agreed = max(numbered, key=lambda a: sum(overlap(a, b) for b in numbered))
    out = {a.claim_id for a in numbered if not overlap(a, agreed)}
    return out if len(out) * 2 < len(numbered) else set()  # no majority: nothing stands out


def outlet(appearance: Appearance) -> str:
    return appearance.site or appearance.title or appearance.article_id


def timeline_text(entry: LedgerEntry) -> str:
    appearances = entry.by_article()
    by_id = {a.claim_id: a for a in appearances}
    origins = [outlet(a) for a in appearances if a.copied_from is None]
    copies = [f"{outlet(a)} copies {outlet(by_id[a.copied_from])}" for a in appearances
              if a.copied_from is not None and a.copied_from in by_id]
    sites = len({outlet(a) for a in appearances})
    text = (f"Timeline: {len(appearances)} appearances in {sites} outlets, from {human_time(appearances[0].published)}"
            f" to {human_time(appearances[-1].published)}. {len(origins)} independent origin"
            f"{'s' if len(origins) != 1 else ''}: {', '.join(origins)}.")
    if copies:
        text += f" {len(copies)} cop{'ies' if len(copies) != 1 else 'y'}: {'; '.join(copies)}."
    return text


def range_text(appearance: Appearance) -> str:
    number = appearance.number
    assert number is not None
    high = "no upper bound" if number.high is None else f"{number.high:g}"
    return f"“{number.text}” ({number.low:g}–{high})" if number.high is not None else \
        f"“{number.text}” ({number.low:g}, {high})"


def drift_text(entry: LedgerEntry) -> str | None:
    numbered = [a for a in entry.by_article() if a.number is not None and a.number.low is not None]
    if not numbered:
        return None
    odd = outliers(entry.by_article())
    said: dict[str, list[str]] = OrderedDict()
    for a in numbered:
        if a.claim_id not in odd:
            said.setdefault(range_text(a), []).append(outlet(a))
    parts = [f"{', '.join(sites)} say{'s' if len(sites) == 1 else ''} {text}" for text, sites in said.items()]
    text = f"Numbers: {len(numbered)} of {len(entry.by_article())} appearances give one. " + "; ".join(parts) + "."
    for a in numbered:
        if a.claim_id in odd:
            text += f" The outlier is {outlet(a)}, which says {range_text(a)}: it cannot be right if the others are."
    if entry.drift and not odd:
        text += " The ranges do not all overlap, and no one of them stands apart from a majority."
    return text


def timeline_svg(entry: LedgerEntry, chart_id: str) -> str:
    from matplotlib import dates
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    appearances = entry.by_article()
    rows = list(dict.fromkeys(outlet(a) for a in appearances))
    when = {a.claim_id: a.published_at or utc_instant(a.published) for a in appearances}
    known = [t for t in when.values() if t is not None]
    fallback = max(known) if known else datetime(2000, 1, 1, tzinfo=UTC)  # undated: after the dated ones
    points = {a.claim_id: (dates.date2num(when[a.claim_id] or fallback), rows.index(outlet(a))) for a in appearances}
    figure = Figure(figsize=(7.2, 0.9 + 0.42 * len(rows)), dpi=96)
    axes = figure.add_subplot()
    links = 0
    for a in appearances:
        if a.copied_from and a.copied_from in points:
            start, end = points[a.copied_from], points[a.claim_id]
            arrow = axes.annotate("", xy=end, xytext=start, arrowprops={
                "arrowstyle": "-|>", "color": COPY_LINK_COLOUR, "lw": 1.2, "shrinkA": 6, "shrinkB": 6,
                "connectionstyle": "arc3,rad=0.2"})
            links += 1
            if arrow.arrow_patch is not None:
                arrow.arrow_patch.set_gid(f"{chart_id}-link-{links}")
    for index, a in enumerate(appearances, 1):
        x, y = points[a.claim_id]
        origin = a.copied_from is None
        (mark,) = axes.plot([x], [y], marker="o", markersize=10, linestyle="none", markeredgewidth=2,
                            markeredgecolor=ORIGIN_COLOUR, markerfacecolor=ORIGIN_COLOUR if origin else "white")
        mark.set_gid(f"{chart_id}-mark-{index}")
    axes.set_yticks(range(len(rows)), rows)
    axes.set_ylim(len(rows) - 0.5, -0.5)
    span = max(t[0] for t in points.values()) - min(t[0] for t in points.values())
    pad = max(span * 0.06, 1 / 24)
    axes.set_xlim(min(t[0] for t in points.values()) - pad, max(t[0] for t in points.values()) + pad)
    axes.xaxis.set_major_locator(dates.AutoDateLocator(maxticks=6))
    axes.xaxis.set_major_formatter(dates.DateFormatter("%-d %b\n%H:%M"))
    axes.set_xlabel("published (UTC)")
    axes.grid(axis="x", color="#e0e0e0")
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.legend(handles=[
        Line2D([], [], marker="o", linestyle="none", markersize=8, markeredgewidth=2, color=ORIGIN_COLOUR,
               label="origin"),
        Line2D([], [], marker="o", linestyle="none", markersize=8, markeredgewidth=2, markeredgecolor=ORIGIN_COLOUR,
               markerfacecolor="white", label="copy"),
        Line2D([], [], color=COPY_LINK_COLOUR, label="copied from → copy")],
        loc="lower center", bbox_to_anchor=(0.5, 1.02), ncol=3, frameon=False)
    return to_svg(figure)


def drift_svg(entry: LedgerEntry, chart_id: str) -> str | None:
    from matplotlib.figure import Figure
    from matplotlib.ticker import LogLocator, NullFormatter, ScalarFormatter

    numbered = [a for a in entry.by_article() if a.number is not None and a.number.low is not None]
    if not numbered:
        return None
    odd = outliers(entry.by_article())
    finite = [v for a in numbered for v in (a.number.low, a.number.high) if v is not None]  # type: ignore[union-attr]
    top = max(finite) * 1.25 if finite else 1
    log = min(v for v in finite if v > 0) * 30 < max(finite) if any(v > 0 for v in finite) else False
    figure = Figure(figsize=(7.2, 0.8 + 0.4 * len(numbered)), dpi=96)
    axes = figure.add_subplot()
    labels = []
    for index, a in enumerate(numbered):
        number = a.number
        assert number is not None and number.low is not None
        high = number.high if number.high is not None else top
        colour = OUTLIER_COLOUR if a.claim_id in odd else BAR_COLOUR
        width = max(high - number.low, 0)
        (bar,) = axes.barh([index], [width or top * 0.004], left=[number.low], height=0.55, color=colour,
                           hatch="//" if a.claim_id in odd else None, edgecolor=colour)
        bar.set_gid(f"{chart_id}-bar-{index + 1}")
        bounds = f"{number.low:g}–{number.high:g}" if number.high is not None else f"{number.low:g} or more"
        note = f"  {number.text} ({bounds})" + ("  ← outlier" if a.claim_id in odd else "")
        axes.text(high, index, note, va="center", fontsize=9, color=colour)
        labels.append(outlet(a))
    axes.set_yticks(range(len(numbered)), labels)
    axes.set_ylim(len(numbered) - 0.5, -0.5)
    if log:
        axes.set_xscale("log")
        axes.xaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
        axes.xaxis.set_major_formatter(ScalarFormatter())
        axes.xaxis.set_minor_formatter(NullFormatter())
    axes.set_xlim(min(min(finite) * (0.7 if log else 0), 0 if not log else min(finite) * 0.7) or None,
                  top * (3 if log else 1.35))
    axes.set_xlabel("the range each appearance's number allows" + (" (log scale)" if log else ""))
    axes.grid(axis="x", color="#e0e0e0")
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return to_svg(figure)


STYLE_ATTRIBUTE = re.compile(r'style="([^"]*)"')
PRESENTATION = {"fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
                "stroke-linejoin", "stroke-dasharray", "stroke-dashoffset", "stroke-miterlimit", "opacity",
                "font-size", "font-family", "font-weight", "font-style", "text-anchor", "clip-path"}
FONT = re.compile(r"(?:(?P<style>normal|italic|oblique) )?(?:(?P<weight>\d{3}|bold|normal) )?(?P<size>[\d.]+px) "
                  r"(?P<family>.+)")


def presentational(svg: str) -> str:
    """matplotlib's SVG with its styles as presentation attributes, without the XML prologue
    and the `<style>` element, ready to be put inline in a page."""

    def attributes(match: re.Match) -> str:
        out = []
        for declaration in match.group(1).split(";"):
            name, _, value = (part.strip() for part in declaration.partition(":"))
            if name == "font" and (font := FONT.match(value)):
                out += [f'font-size="{font["size"]}"', f'font-family="{font["family"].replace(chr(34), "")}"']
                if font["weight"]:
                    out.append(f'font-weight="{font["weight"]}"')
            elif name in PRESENTATION:
                out.append(f'{name}="{value.replace(chr(34), chr(39))}"')
        return " ".join(out)

    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<style[^>]*>.*?</style>", "", svg, flags=re.DOTALL)
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
    return STYLE_ATTRIBUTE.sub(attributes, svg)


def to_svg(figure: Figure) -> str:
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "claimledger", "font.size": 10,
                                "font.family": "DejaVu Sans"}):
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return presentational(buffer.getvalue())


def draw(entry: LedgerEntry, entry_id: str) -> EntryCharts:
    timeline_id, drift_id = f"timeline-{entry_id}", f"drift-{entry_id}"
    timeline = labelled(timeline_svg(entry, timeline_id), timeline_id)
    drift = drift_svg(entry, drift_id)
    return EntryCharts(timeline=timeline, timeline_text=timeline_text(entry),
                  drift=labelled(drift, drift_id) if drift else None, drift_text=drift_text(entry))


def labelled(svg: str, chart_id: str) -> str:
    """The chart as an image named by its text alternative (the element `{chart_id}-alt`),
    sized by the page, its ids prefixed so that two charts on a page do not share any."""
    svg = re.sub(r'(\bid="|url\(#|href="#)(?!' + re.escape(chart_id) + ")", rf"\g<1>{chart_id}-", svg)
    svg = re.sub(r'<svg ([^>]*?)width="[^"]*" height="[^"]*" ', r"<svg \1", svg, count=1)
    return svg.replace("<svg ", f'<svg role="img" aria-labelledby="{chart_id}-alt" class="chart" ', 1)


class ChartCache:
    """Charts drawn once per ledger entry: kept in the store for every server process (they go
    with the entry when the ledger is rebuilt), and the most viewed also in this process's
    memory, keyed by the store's version. `lock` guards the dictionary for a moment;
    `drawing` serialises matplotlib, whose settings are global."""

    def __init__(self, store: Store, size: int = CHART_CACHE):
        self.store = store
        self.size = size
        self.charts: OrderedDict[tuple, EntryCharts] = OrderedDict()
        self.lock = threading.Lock()
        self.drawing = threading.Lock()

    def kept(self, entry: StoredLedgerEntry, version: object) -> EntryCharts | None:
        """The entry's charts if they have been drawn (a dictionary or a store lookup)."""
        key = (entry.id, version)
        with self.lock:
            if key in self.charts:
                self.charts.move_to_end(key)
                return self.charts[key]
        charts = self.store.charts(entry.id)
        if charts is not None:
            self.remember(key, charts)
        return charts

    def get(self, entry: StoredLedgerEntry, version: object) -> EntryCharts:
        """The entry's charts, drawn now if no process has drawn them (50-150 ms of CPU: call
        this from a worker thread, not the event loop)."""
        charts = self.kept(entry, version)
        if charts is None:
            with self.drawing:
                charts = self.kept(entry, version)
                if charts is None:
                    charts = draw(entry, entry.id)
                    self.store.keep_charts(entry.id, charts)
                    self.remember((entry.id, version), charts)
        return charts

    def remember(self, key: tuple, charts: EntryCharts) -> None:
        with self.lock:
            self.charts[key] = charts
            if len(self.charts) > self.size:
                self.charts.popitem(last=False)
