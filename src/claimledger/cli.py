"""The `claimledger` command: a thin layer over the pipeline.

Data goes to stdout, diagnostics to stderr; every ClaimledgerError (bad input, an unusable
store) becomes one line and its own exit code (see errors.py), never a traceback.
"""

from __future__ import annotations

import json
import math
import re
import sys
from contextlib import AbstractContextManager, nullcontext
from enum import Enum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TextIO

import typer
from rich.console import Console
from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from claimledger import __version__, errors
from claimledger.document import AnalysisDocument, json_schema_text
from claimledger.inputs import FETCH_TIMEOUT_SECONDS
from claimledger.pipeline import AnalysisSettings, analyze_source, is_analysed
from claimledger.render import (
    ledger_table,
    markdown,
    print_batch_ledger_tally,
    print_tally,
    print_text,
    stored_claims_table,
)

if TYPE_CHECKING:
    from claimledger.batch import ShardResult
    from claimledger.ingest import Tally
    from claimledger.records import LedgerEntry
    from claimledger.store import Store

app = typer.Typer(help="Read news the way a careful fact-checker does.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


SourceArg = Annotated[str, typer.Argument(help="A .txt or .html file, an http(s) URL, or '-' for stdin.")]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="text (terminal view), json, or markdown.")]
SentencesOpt = Annotated[int, typer.Option("--summary-sentences", min=1, max=20, help="Sentences in the summary.")]
WordsOpt = Annotated[int | None, typer.Option(
    "--summary-words", min=10, max=2000,
    help="At most this many words in the summary: whole sentences only, so a quotation is never cut.")]
PrivateOpt = Annotated[bool, typer.Option("--allow-private", help="Allow URLs on private or loopback addresses.")]
MAX_TIMEOUT_SECONDS = 3600.0


def seconds(value: float) -> float:
    if not math.isfinite(value) or not 0.1 <= value <= MAX_TIMEOUT_SECONDS:
        raise typer.BadParameter(f"give a number of seconds from 0.1 to {MAX_TIMEOUT_SECONDS:g}, not {value}")
    return value


TimeoutOpt = Annotated[float, typer.Option("--timeout", callback=seconds,
                                           help="Seconds a URL may take to fetch, in all.")]


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
            summary_words: WordsOpt = None, allow_private: PrivateOpt = False,
            timeout: TimeoutOpt = FETCH_TIMEOUT_SECONDS) -> None:
    """Analyse one article: title, summary, attributed claims and what to be cautious about."""
    doc = run(source, AnalysisSettings(summary_sentences, allow_private, timeout, summary_words))
    emit(doc, format, summary_only=False)
    exit_if_not_english(source, doc)


@app.command()
def summarize(source: SourceArg, format: FormatOpt = OutputFormat.text, summary_sentences: SentencesOpt = 3,
              summary_words: WordsOpt = None, allow_private: PrivateOpt = False,
              timeout: TimeoutOpt = FETCH_TIMEOUT_SECONDS) -> None:
    """Print only the attributed summary and the scrutiny line."""
    doc = run(source, AnalysisSettings(summary_sentences, allow_private, timeout, summary_words))
    if format is OutputFormat.json:
        print(doc.summary.model_dump_json(indent=2))
    else:
        emit(doc, format, summary_only=True)
    exit_if_not_english(source, doc)


@app.command()
def schema(output: Annotated[Path | None, typer.Option(help="Write to this file instead of stdout.")] = None) -> None:
    """Print the JSON Schema of the analysis document."""
    with open_output(output) as handle:
        handle.write(json_schema_text())


DbOpt = Annotated[str | None, typer.Option("--db", help="Store URL; default: a SQLite file in the user data folder. "
                                           "PostgreSQL: postgresql+psycopg://user@host/db")]
ExportFormat = Enum("ExportFormat", {"jsonl": "jsonl", "csv": "csv", "jsonld": "jsonld"}, type=str)


@app.command()
def ingest(paths: Annotated[list[str], typer.Argument(
               help="Folders, .txt/.html files, JSONL, WARC(.gz), RSS/Atom feeds, URLs.")],
           db: DbOpt = None, ledger: Annotated[bool, typer.Option(
               help="Attach each article's claims to the claim ledger as it is stored; --no-ledger leaves the "
                    "ledger for `ledger --rebuild`.")] = True,
           allow_private: PrivateOpt = False) -> None:
    """Analyse articles into the store; re-ingesting changes nothing. Ends with a tally."""
    store = open_store(db)
    tally = ingest_with_progress(store, paths, AnalysisSettings(allow_private=allow_private), ledger=ledger)
    print_tally(tally)
    if ledger:
        bring_ledger_up_to_date(store)


@app.command()
def claims(db: DbOpt = None, speaker: Annotated[str | None, typer.Option(help="Part of the speaker's name.")] = None,
           search: Annotated[str | None, typer.Option(help="Words in the claim.")] = None,
           flag: Annotated[str | None, typer.Option(help="Only claims with this flag, e.g. unverified.")] = None,
           limit: Annotated[int, typer.Option(min=1, help="At most this many rows.")] = 100) -> None:
    """List stored claims."""
    store = open_store(db)
    rows = store.claims(speaker=speaker, search=search, flag=flag, limit=limit)
    total = store.count_claims(speaker=speaker, search=search, flag=flag)
    Console().print(stored_claims_table(rows, total=total))


@app.command(name="ledger")
def ledger_command(db: DbOpt = None,
                   min_appearances: Annotated[int, typer.Option(help="Only claims seen at least this often.")] = 2,
                   rebuild_first: Annotated[bool, typer.Option(
                       "--rebuild", help="Rebuild from the stored claims first (ingest keeps it current).")] = False,
                   semantic: Annotated[bool, typer.Option(
                       "--semantic", help="With --rebuild: also join claims the embedding model finds close "
                       "(extra 'semantic'); such a ledger is not kept current at ingest.")] = False,
                   format: FormatOpt = OutputFormat.text,
                   source: Annotated[Path | None, typer.Option(
                       "--from", help="Build on Dask from this folder of `batch` output instead of a store.")] = None,
                   out: Annotated[Path | None, typer.Option(
                       "--out", help="With --from: folder for the entries, as gzip JSONL shards.")] = None,
                   workers: Annotated[int | None, typer.Option(
                       help="With --from: local worker processes (default: one per core).")] = None,
                   scheduler: Annotated[str | None, typer.Option(
                       help="With --from: a Dask scheduler, e.g. tcp://host:8786.")] = None) -> None:
    """The claim ledger: the same claim across outlets, independent origins, number drift.
    With --from, build it from batch output on Dask into --out (and load it into --db if given)."""
    if source is not None:
        if semantic:
            usage_error("--semantic goes with --rebuild, not --from")
        ledger_from_batch(source, out, db=db, workers=workers, scheduler=scheduler, rebuild_first=rebuild_first)
        return
    if out is not None or workers is not None or scheduler is not None:
        usage_error("--out, --workers and --scheduler go with --from")
    store = open_store(db)
    if semantic and not rebuild_first:
        usage_error("--semantic needs --rebuild: it changes how the whole ledger is built")
    if semantic:
        from claimledger.ledger import semantic_available

        if not semantic_available():
            usage_error("--semantic needs the extra 'semantic' installed (pip install 'claimledger[semantic]')")
    if rebuild_first:
        rebuild(store, semantic=semantic)
    clusters = store.clusters(min_appearances=min_appearances)
    if format is OutputFormat.json:
        print(json.dumps([c.model_dump(mode="json") for c in clusters], indent=2, ensure_ascii=False))
    else:
        Console().print(ledger_table(clusters))


def ledger_from_batch(source: Path, out: Path | None, *, db: str | None, workers: int | None,
                      scheduler: str | None, rebuild_first: bool) -> None:
    from claimledger.ledger.distributed import ShardReadError, build_from_batch, list_outputs, read_entries

    if out is None or rebuild_first:
        usage_error("--from needs --out, and builds the ledger anew (no --rebuild)")
    if not source.is_dir():
        fail(errors.bad_batch_output(f"--from {source}: not a folder"))
    if not list_outputs(source):
        fail(errors.bad_batch_output(f"--from {source}: no batch output (*.jsonl.gz) in it"))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        fail(errors.cannot_write(f"--out {out}", "it is a file, not a folder"))
    except OSError as exc:
        fail(errors.cannot_write(f"--out {out}", exc.strerror or str(exc)))
    store = open_store(db) if db is not None else None
    with progress_bar() as progress:
        tasks: dict[str, TaskID] = {}

        def advance(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = progress.add_task(stage, total=total)
            progress.update(tasks[stage], completed=done)

        try:
            tally = build_from_batch(source, out, workers=workers, scheduler=scheduler, progress=advance)
        except ShardReadError as exc:
            fail(errors.bad_batch_output(str(exc)))
    print_batch_ledger_tally(tally)
    print_ledger_tally(tally.entries, tally.repeated)
    if store is not None:
        load_ledger(store, list(read_entries(out)))


def load_ledger(store: Store, entries: list[LedgerEntry]) -> None:
    from sqlalchemy.exc import IntegrityError

    try:
        store.replace_ledger(entries)
    except IntegrityError:
        fail(errors.ledger_not_in_store(store.url))
    print(f"ledger: {len(entries)} entries loaded into the store", file=sys.stderr)


@app.command()
def show(article_id: Annotated[str, typer.Argument(help="An article id (or a unique prefix of one).")],
         db: DbOpt = None, format: FormatOpt = OutputFormat.text) -> None:
    """Show one stored article's analysis."""
    doc = open_store(db).document(article_id)
    if doc is None:
        fail(errors.not_in_store(article_id))
    emit(doc, format, summary_only=False)


@app.command()
def export(format: Annotated[ExportFormat, typer.Option("--format", "-f", help="jsonl, csv or jsonld.")] = "jsonl",
           db: DbOpt = None, output: Annotated[Path | None, typer.Option(help="Write to this file.")] = None) -> None:
    """Export the corpus: documents (jsonl), claims (csv), ledger claims as schema.org JSON-LD."""
    from claimledger import export as exports

    handle = open_output(output)  # before any work, so a wrong path fails at once
    store = open_store(db)
    chunks = {"jsonl": lambda: exports.jsonl(store), "csv": lambda: exports.claims_csv(store),
              "jsonld": lambda: [exports.claims_jsonld(store)]}[ExportFormat(format).value]()
    with handle as stream:  # stdout's context is a nullcontext: write to what it yields
        for chunk in chunks:
            stream.write(chunk)


@app.command()
def batch(inputs: Annotated[list[str], typer.Argument(
              help="WARC(.gz), JSONL(.gz) files and folders; each file is a shard.")],
          out: Annotated[Path, typer.Option("--out", help="Folder for the gzip JSONL outputs, one per shard.")],
          db: DbOpt = None,
          workers: Annotated[int | None, typer.Option(help="Local worker processes (default: one per core).")] = None,
          scheduler: Annotated[str | None, typer.Option(
              help="A Dask scheduler, e.g. tcp://host:8786.")] = None) -> None:
    """Analyse many shards on Dask; finished shards are skipped on a rerun."""
    from claimledger.batch import list_shards, run_batch, store_output

    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        fail(errors.cannot_write(f"--out {out}", "it is a file, not a folder"))
    except OSError as exc:
        fail(errors.cannot_write(f"--out {out}", exc.strerror or str(exc)))
    store = open_store(db) if db is not None else None
    shards = list_shards(inputs)
    failures = 0
    with progress_bar() as progress:
        task = progress.add_task("shards", total=len(shards))

        def finished(result: ShardResult) -> None:
            nonlocal failures
            stored = store_output(store, result) if store is not None else 0
            failures += len(result.failures)
            state = f"{result.documents} documents"
            if result.skipped:
                state = "skipped (done before" + (f"; {stored} documents stored now)" if stored else ")")
            progress.console.print(f"{result.shard}: {state}", markup=False, highlight=False)
            for source, reason in result.failures:
                progress.console.print(f"  failed: {source}: {reason}", markup=False, highlight=False)
            progress.advance(task)

        run_batch(inputs, str(out), workers=workers, scheduler=scheduler, on_result=finished)
    if store is not None:
        bring_ledger_up_to_date(store)
    if failures:
        print(f"{failures} records failed (listed above); every other record was analysed", file=sys.stderr)


@app.command()
def serve(db: DbOpt = None,
          host: Annotated[str | None, typer.Option(help="Address to listen on.", show_default="127.0.0.1")] = None,
          port: Annotated[int | None, typer.Option(min=0, max=65535, help="Port to listen on.",
                                                   show_default="8000")] = None,
          allow_private: Annotated[bool | None, typer.Option("--allow-private", help="Allow URLs on private or "
                                                             "loopback addresses.", show_default=False)] = None,
          workers: Annotated[int | None, typer.Option(help="Server processes (one per core serves most).",
                                                      show_default="1")] = None,
          allow_host: Annotated[list[str] | None, typer.Option(
              "--allow-host", help="Also answer requests for this host name (repeatable); loopback names and "
                                   "--host are always answered.")] = None,
          cors_origin: Annotated[list[str] | None, typer.Option(
              "--cors-origin", help="Let pages from this origin (e.g. https://example.org) call the API from a "
              "browser; repeat for more. None by default.")] = None) -> None:
    """The web reader and JSON API (API docs at /docs). Options not given come from
    CLAIMLEDGER_* environment variables (CLAIMLEDGER_DB, CLAIMLEDGER_WORKERS, ...)."""
    import os

    import uvicorn

    from claimledger.settings import ServerSettings
    from claimledger.web import create_app

    for origin in cors_origin or []:
        if not re.fullmatch(r"https?://[^/\s]+", origin):
            usage_error(f"--cors-origin {origin!r} is not an origin like https://example.org")
    given: dict[str, Any] = {"db": db, "host": host, "port": port, "allow_private": allow_private, "workers": workers,
                             "cors_origins": tuple(cors_origin) if cors_origin else None,
                             "allowed_hosts": tuple(allow_host) if allow_host else None}
    settings = ServerSettings(**{name: value for name, value in given.items() if value is not None})
    store = open_store(settings.db)  # opened and migrated here, once; a bad URL fails with one line
    check_can_listen(settings.host, settings.port)
    try:
        if settings.workers == 1:
            uvicorn.run(create_app(settings, store), host=settings.host, port=settings.port, log_level="warning",
                        timeout_graceful_shutdown=settings.shutdown_timeout)
            return
        store.close()
        # each worker is a fresh process: it reads the same settings back from the environment
        os.environ.update(settings.model_copy(update={"upgrade": False}).to_environment())
        uvicorn.run("claimledger.web:app_from_environment", factory=True, host=settings.host, port=settings.port,
                    workers=settings.workers, log_level="warning", timeout_graceful_shutdown=settings.shutdown_timeout)
    except SystemExit as exc:  # uvicorn's own startup failure is 3, our "no such file"
        if exc.code not in (None, 0):
            fail(errors.cannot_listen(settings.host, settings.port, "the server could not start (see above)"))
        raise


def check_can_listen(host: str, port: int) -> None:
    """Bind the address once, as uvicorn will, so a busy port is one clear line."""
    import errno
    import socket

    try:
        family, kind, proto, _name, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                                 flags=socket.AI_PASSIVE)[0]
        with socket.socket(family, kind, proto) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(address)
    except socket.gaierror as exc:
        fail(errors.cannot_listen(host, port, f"unknown host ({exc.strerror})"))
    except OSError as exc:
        in_use = exc.errno == errno.EADDRINUSE
        reason = "the port is already in use (choose another with --port)" if in_use else exc.strerror
        fail(errors.cannot_listen(host, port, reason or str(exc)))


def open_output(path: Path | None) -> AbstractContextManager[TextIO]:
    """The file to write (stdout when None); a path that cannot be written is one clear line."""
    if path is None:
        return nullcontext(sys.stdout)
    try:
        return path.open("w", encoding="utf-8", newline="")
    except FileNotFoundError:
        fail(errors.cannot_write(str(path), f"the folder {str(path.parent)!r} does not exist"))
    except OSError as exc:
        fail(errors.cannot_write(str(path), exc.strerror or str(exc)))


def open_store(db: str | None) -> Store:
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    from claimledger.store import Store

    try:
        return Store(db)
    except (SQLAlchemyError, ArgumentError, ModuleNotFoundError, OSError) as exc:
        fail(errors.store_failed(db or "the default SQLite file", str(exc).splitlines()[0]))


def ingest_with_progress(store: Store, paths: list[str], settings: AnalysisSettings, ledger: bool = True) -> Tally:
    from claimledger.corpus import iter_corpus
    from claimledger.ingest import ingest as ingest_items

    with progress_bar() as progress:
        task = progress.add_task("ingesting", total=None)

        def advance(tally: Tally) -> None:
            progress.update(task, advance=1, description=f"ingesting: {tally.new} new, {len(tally.failed)} failed")

        return ingest_items(store, iter_corpus(paths, allow_private=settings.allow_private), settings,
                            on_article=advance, ledger=ledger)


def progress_bar() -> Progress:
    """One look for every long run: spinner, description, count, elapsed time, on stderr."""
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=Console(stderr=True))


def rebuild(store: Store, semantic: bool = False) -> None:
    """The whole ledger built again, with progress: pairs decided, then unit by unit."""
    from claimledger.ingest import rebuild_ledger

    with progress_bar() as progress:
        task = progress.add_task("ledger: reading and deciding pairs", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total, description="ledger: units")

        clusters = rebuild_ledger(store, semantic=semantic, on_unit=advance)
    print_ledger_tally(len(clusters), sum(1 for c in clusters if c.appearances > 1))


def bring_ledger_up_to_date(store: Store) -> None:
    """After storing articles: the ledger was updated as each was stored, unless it was not
    current (a store from before band keys, or one filled with --no-ledger): then rebuild it."""
    if not store.ledger_current():
        print("ledger: not kept current in this store (built before band keys, with --no-ledger or --semantic); "
              "rebuilding it", file=sys.stderr)
        rebuild(store)
        return
    print_ledger_tally(store.count_clusters(), store.count_clusters(min_appearances=2))


def print_ledger_tally(entries: int, repeated: int) -> None:
    print(f"ledger: {entries} distinct claims, {repeated} seen in more than one article", file=sys.stderr)


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


def usage_error(message: str) -> NoReturn:
    print(f"claimledger: {message}", file=sys.stderr)
    raise typer.Exit(int(errors.ExitCode.USAGE))


def fail(exc: errors.ClaimledgerError) -> NoReturn:
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
    if not is_analysed(doc.article):
        fail(errors.not_english(source, doc.article.language or "unknown"))



