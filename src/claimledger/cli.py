"""The `claimledger` command: a thin layer over the pipeline.

Data goes to stdout, diagnostics to stderr; every InputError becomes one line and its own
exit code (see errors.py), never a traceback.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from claimledger import __version__, errors
from claimledger.document import AnalysisDocument, json_schema_text
from claimledger.pipeline import AnalysisSettings, analyze_source, is_english
from claimledger.render import markdown, print_text
from claimledger.sources import FETCH_TIMEOUT_SECONDS

app = typer.Typer(help="Read news the way a careful fact-checker does.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


SourceArg = Annotated[str, typer.Argument(help="A .txt or .html file, an http(s) URL, or '-' for stdin.")]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="text (terminal view), json, or markdown.")]
SentencesOpt = Annotated[int, typer.Option("--summary-sentences", min=1, max=20, help="Sentences in the summary.")]
PrivateOpt = Annotated[bool, typer.Option("--allow-private", help="Allow URLs on private or loopback addresses.")]
TimeoutOpt = Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds to wait for a URL.")]


def version_callback(value: bool) -> None:
    if value:
        print(f"claimledger {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """claimledger: clean text, attributed claims, scrutiny flags and faithful summaries for news."""


@app.command()
def analyze(source: SourceArg, format: FormatOpt = OutputFormat.text, summary_sentences: SentencesOpt = 3,
            allow_private: PrivateOpt = False, timeout: TimeoutOpt = FETCH_TIMEOUT_SECONDS) -> None:
    """Analyse one article: title, summary, attributed claims and what to be cautious about."""
    doc = run(source, AnalysisSettings(summary_sentences=summary_sentences, allow_private=allow_private,
                                       fetch_timeout=timeout))
    emit(doc, format, summary_only=False)
    exit_if_not_english(source, doc)


@app.command()
def summarize(source: SourceArg, format: FormatOpt = OutputFormat.text, summary_sentences: SentencesOpt = 3,
              allow_private: PrivateOpt = False, timeout: TimeoutOpt = FETCH_TIMEOUT_SECONDS) -> None:
    """Print only the attributed summary and the scrutiny line."""
    doc = run(source, AnalysisSettings(summary_sentences=summary_sentences, allow_private=allow_private,
                                       fetch_timeout=timeout))
    if format is OutputFormat.json:
        print(doc.summary.model_dump_json(indent=2))
    else:
        emit(doc, format, summary_only=True)
    exit_if_not_english(source, doc)


@app.command()
def schema(output: Annotated[Path | None, typer.Option(help="Write to this file instead of stdout.")] = None) -> None:
    """Print the JSON Schema of the analysis document."""
    if output is None:
        sys.stdout.write(json_schema_text())
    else:
        output.write_text(json_schema_text(), encoding="utf-8")


def run(source: str, settings: AnalysisSettings) -> AnalysisDocument:
    try:
        return analyze_source(source, settings)
    except errors.InputError as exc:
        fail(exc)
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    except Exception as exc:  # a bug of ours: still one line, but say it is one
        print(f"claimledger: internal error: {type(exc).__name__}: {exc} (please report this)", file=sys.stderr)
        raise typer.Exit(errors.ExitCode.INTERNAL) from None


def fail(exc: errors.InputError) -> None:
    print(f"claimledger: {exc.message}", file=sys.stderr)
    raise typer.Exit(int(exc.code))


def emit(doc: AnalysisDocument, format: OutputFormat, *, summary_only: bool) -> None:
    if format is OutputFormat.json:
        print(doc.model_dump_json(indent=2))
    elif format is OutputFormat.markdown:
        sys.stdout.write(markdown(doc, summary_only=summary_only))
    else:
        print_text(doc, Console(), summary_only=summary_only)


def exit_if_not_english(source: str, doc: AnalysisDocument) -> None:
    if not is_english(doc.article):
        fail(errors.not_english(source, doc.article.language or "unknown"))



