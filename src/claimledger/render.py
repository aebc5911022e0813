"""Views for people: an analysis document in the terminal or as Markdown, and corpus tables.

Colours and styles live here and nowhere else. Flags are shown by their plain-language
label, with their explanation below the claims (both from data/flags.json, as in the web
reader).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from claimledger.document import AnalysisDocument, Claim
from claimledger.scrutiny import flag_explanation, flag_label

if TYPE_CHECKING:  # the corpus modules are not needed to print one analysis
    from claimledger.ingest import Tally
    from claimledger.ledger.distributed import LedgerTally
    from claimledger.records import StoredClaim, StoredLedgerEntry

MODALITY_STYLE = {"actual": "green", "negated": "red", "intended": "yellow", "predicted": "cyan", "possible": "magenta"}
TITLE_STYLE = "bold"
MUTED = "dim"
WARNING = "bold yellow"


def byline(doc: AnalysisDocument) -> str:
    article = doc.article
    parts = [p for p in (article.site, article.author, article.published) if p]
    return " · ".join(parts) or article.source


def print_text(doc: AnalysisDocument, console: Console, *, summary_only: bool = False) -> None:
    article = doc.article
    header = Text(article.title or "(untitled)", style=TITLE_STYLE)
    header.append("\n" + byline(doc), style=MUTED)
    for warning in doc.warnings:
        header.append("\n" + warning, style=WARNING)
    summary = Text()
    for sentence in doc.summary.sentences:
        summary.append("• " + sentence.text + ("  [edited]" if sentence.edited else "") + "\n")
    summary.append(doc.summary.scrutiny, style="italic")
    console.print(Panel(Group(header, Text(), summary), title="claimledger", title_align="left"))
    if not summary_only and doc.claims:
        console.print(claims_table(doc.claims))
        if legend := flag_legend(doc.claims):
            console.print(Text("\n").join(Text.assemble((label, "bold"), f": {text}") for label, text in legend),
                          style=MUTED)


def flag_legend(claims: list[Claim]) -> list[tuple[str, str]]:
    """(label, explanation) for each flag the claims carry, in order of first appearance."""
    flags = dict.fromkeys(flag for claim in claims for flag in claim.flags)
    return [(flag_label(flag), flag_explanation(flag)) for flag in flags]


def claims_table(claims: list[Claim]) -> Table:
    table = Table(show_lines=True, expand=True)
    table.add_column("#", style=MUTED, width=3)
    table.add_column("speaker", ratio=2)
    table.add_column("claim", ratio=5)
    table.add_column("how", ratio=2)
    table.add_column("flags", ratio=2, style=MUTED)
    for claim in claims:
        speaker = Text(claim.speaker.name)
        if claim.speaker.mention != claim.speaker.name:
            speaker.append(f"\n({claim.speaker.mention})", style=MUTED)
        how = Text(f"{claim.quote}\n")
        how.append(claim.modality, style=MODALITY_STYLE[claim.modality])
        if claim.channel:
            how.append(f"\nvia {claim.channel}", style=MUTED)
        details = [claim.content.text]
        if claim.quantities:
            ranges = (f"{q.text} [{q.low}–{'∞' if q.high is None else q.high}]" for q in claim.quantities)
            details.append("numbers: " + ", ".join(ranges))
        if claim.places:
            details.append("places: " + ", ".join(f"{p.text} ({'/'.join(p.iso) or 'region'})" for p in claim.places))
        table.add_row(claim.id.removeprefix("c"), speaker, "\n".join(details), how,
                      "\n".join(flag_label(f) for f in claim.flags))
    return table


def markdown(doc: AnalysisDocument, *, summary_only: bool = False) -> str:
    """A report a person can paste into a newsroom chat."""
    article = doc.article
    lines = [f"**{article.title or '(untitled)'}**", f"_{byline(doc)}_", ""]
    lines += [f"> ⚠️ {w}" for w in doc.warnings]
    if doc.summary.sentences:
        lines += ["**Summary**", ""] + [f"- {s.text}" for s in doc.summary.sentences] + [""]
    lines += [f"**Scrutiny:** {doc.summary.scrutiny}", ""]
    if not summary_only and doc.claims:
        lines += ["**Claims**", ""]
        for claim in doc.claims:
            extras = [claim.quote, claim.modality] + ([f"via {claim.channel}"] if claim.channel else [])
            flags = f" ⚑ {', '.join(flag_label(f) for f in claim.flags)}" if claim.flags else ""
            lines.append(f"{claim.id.removeprefix('c')}. **{claim.speaker.name}** ({claim.cue.text}): "
                         f"“{claim.content.text}” _{' · '.join(extras)}_{flags}")
        if legend := flag_legend(doc.claims):
            lines += ["", "**Flags**", ""] + [f"- _{label}_: {text}" for label, text in legend]
    return "\n".join(lines).rstrip() + "\n"


def print_tally(tally: Tally, console: Console | None = None) -> None:
    console = console or Console(stderr=True)
    console.print(f"[bold]{tally.new}[/] new, [bold]{tally.unchanged}[/] unchanged, "
                  f"[bold {'red' if tally.failed else 'green'}]{len(tally.failed)}[/] failed")
    for source, reason in tally.failed:
        console.print(f"  failed: {source}: {reason}", markup=False, highlight=False)


def print_batch_ledger_tally(tally: LedgerTally, console: Console | None = None) -> None:
    """What `ledger --from` read, decided and wrote (the line every ledger build ends with follows)."""
    console = console or Console(stderr=True)
    console.print(f"[bold]{tally.articles}[/] articles ({tally.claims} claims, {tally.duplicates} repeated articles "
                  f"skipped) in {tally.shards} shards; {tally.candidate_pairs} candidate pairs, "
                  f"{tally.accepted_pairs} accepted, {tally.rewrites} rewritten article pairs, {tally.units} units; "
                  f"{len(tally.outputs)} entry shards")


def stored_claims_table(claims: list[StoredClaim], total: int) -> Table:
    table = Table(title=f"{len(claims)} of {total} claims", expand=True, show_lines=False)
    for name, ratio in (("article", 1), ("site", 1), ("speaker", 2), ("claim", 5), ("how", 1), ("flags", 2)):
        table.add_column(name, ratio=ratio, style=MUTED if name in {"article", "flags"} else None)
    for claim in claims:
        how = Text(f"{claim.quote} ")
        how.append(claim.modality, style=MODALITY_STYLE.get(claim.modality, ""))
        table.add_row(claim.article_id[:8], claim.site or "", claim.speaker, claim.content, how,
                      ", ".join(flag_label(f) for f in claim.flags))
    return table


def ledger_table(clusters: list[StoredLedgerEntry]) -> Table:
    table = Table(title=f"{len(clusters)} claims in the ledger", expand=True, show_lines=True)
    columns = (("id", 2), ("claim", 5), ("speakers", 2), ("seen", 1), ("origins", 1), ("first", 2), ("numbers", 3))
    for name, ratio in columns:
        table.add_column(name, ratio=ratio)
    for cluster in clusters:
        first = cluster.first_appearance
        numbers = Text(", ".join(f"{a.site}: {a.number.text}" for a in cluster.appearance_list if a.number))
        if cluster.drift:
            numbers.append("\nDRIFT", style="bold red")
        table.add_row(str(cluster.id), cluster.canonical, ", ".join(cluster.speakers),
                      str(cluster.appearances), str(cluster.origins),
                      f"{first.site or ''}\n{first.published or ''}", numbers)
    return table
