"""Web analyses in a small pool of worker processes that can be killed.

An analysis is seconds of CPU and hundreds of MB; run in the server process, one oversized
article stalled every other request and outlived its client, and a thread cannot be stopped.
Here each analysis runs in a worker process of a pebble `ProcessPool`, which kills the worker
when the deadline passes or the request is cancelled and starts a fresh one in its place.

- bounded: `analyze_workers` analyses run at once and `analyze_queue` more may wait; beyond
  that `PoolFull` (the routes answer 503 with Retry-After) instead of a growing queue;
- a deadline: `analyze_timeout` seconds from when a worker takes the job;
- cancelled when the client leaves: the route polls for the disconnect while it waits;
- workers run at a lower CPU priority, so reading pages stays fast while they work.

The worker only analyses; the server process, which never imports spaCy, stores the document
it gets back.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from pebble import ProcessExpired, ProcessPool

from claimledger import errors
from claimledger.document import AnalysisDocument
from claimledger.errors import InputError
from claimledger.inputs import RawDocument, read_source
from claimledger.settings import ServerSettings

# How often a waiting request checks whether its client has gone.
DISCONNECT_POLL_SECONDS = 0.25
# What a 503 suggests: most articles take one to three seconds, so a slot is usually free by then.
RETRY_AFTER_SECONDS = 5
# Added to the nice value of analysis workers (0 = same priority as the server, 19 = lowest).
WORKER_NICENESS = 10


@dataclass(frozen=True)
class AnalyzeJob:
    """What a worker is sent: pasted text, or a URL it fetches itself (inside the deadline)."""

    raw: RawDocument | None
    url: str | None
    max_chars: int
    allow_private: bool


@dataclass(frozen=True)
class JobResult:
    """The document, or the InputError that stopped it (exceptions of ours do not pickle)."""

    document: AnalysisDocument | None = None
    code: int = 0
    message: str = ""


class PoolFull(Exception):
    """Every worker is busy and the queue is full."""


class AnalysisTimeout(Exception):
    """The analysis ran past the deadline; its worker was killed."""


class WorkerDied(Exception):
    """The worker process ended abnormally (killed from outside, out of memory)."""


class ClientGone(Exception):
    """The client disconnected while waiting; its analysis was cancelled."""


def analyze_job(job: AnalyzeJob) -> JobResult:
    """Runs in a worker: fetch (for a URL), extract, check the web's size limit, analyse."""
    # imported here, in the worker: the server process never imports spaCy (with it, each
    # server process held about 400 MB and took seconds longer to start)
    from claimledger.extract import extract
    from claimledger.nlp import load_nlp
    from claimledger.pipeline import AnalysisSettings, analyze_parsed, build_article, is_english, not_analyzed

    try:
        raw = job.raw or read_source(job.url or "", allow_private=job.allow_private)
        article = build_article(extract(raw), raw.url or raw.source)
        if len(article.text) > job.max_chars:
            raise errors.too_long_for_web(len(article.text), job.max_chars)
        if not is_english(article):
            return JobResult(document=not_analyzed(article))
        doc = analyze_parsed(article, load_nlp()(article.text), AnalysisSettings(allow_private=job.allow_private))
        return JobResult(document=doc)
    except InputError as exc:
        return JobResult(code=int(exc.code), message=exc.message)


# Analysed by each new worker before its first job: it loads the language model and every
# table and model the stages load lazily (language identification, names, places), so the
# first request is not the one that pays for them, inside its deadline.
WARM_UP = RawDocument(source="warm-up", kind="text", text="Harbour Pilots Threaten Strike\n\nPilots' union leader "
                      "Olga Berg said on Monday that her members in Rotterdam were ready to strike for 48 hours.")


def start_worker() -> None:
    """Each worker warms up, then lowers its priority for the jobs (after: a starting worker
    should be ready soon, and an unprivileged process cannot raise its priority again)."""
    analyze_job(AnalyzeJob(raw=WARM_UP, url=None, max_chars=len(WARM_UP.text), allow_private=False))
    os.nice(WORKER_NICENESS)


def ready() -> bool:
    return True


class AnalysisPool:
    """The bounded pool of analysis workers of one server process."""

    def __init__(self, settings: ServerSettings):
        self.workers = settings.analyze_workers
        self.capacity = settings.analyze_workers + settings.analyze_queue
        self.timeout = settings.analyze_timeout
        self.in_flight = 0  # only touched on the event loop: no lock needed
        self.pool: ProcessPool | None = None

    def start(self) -> None:
        # spawn, not fork: the server process has threads (uvicorn's, pebble's), and a forked
        # child can inherit a lock one of them held
        self.pool = ProcessPool(max_workers=self.workers, initializer=start_worker,
                                context=multiprocessing.get_context("spawn"))
        self.pool.schedule(ready)  # starts the workers now, not on the first request

    def stop(self) -> None:
        """Kill the workers, running jobs included."""
        if self.pool is not None:
            self.pool.stop()
            self.pool.join()
            self.pool = None

    async def run(self, job: AnalyzeJob, client_gone: Callable[[], Awaitable[bool]]) -> JobResult:
        """The job's result; raises PoolFull, AnalysisTimeout, WorkerDied or ClientGone."""
        if self.pool is None:
            raise RuntimeError("the analysis pool is not started")
        if self.in_flight >= self.capacity:
            raise PoolFull
        self.in_flight += 1
        future = self.pool.schedule(analyze_job, (job,), timeout=self.timeout)
        try:
            waiting = asyncio.wrap_future(future)
            while not waiting.done():
                await asyncio.wait({waiting}, timeout=DISCONNECT_POLL_SECONDS)
                if not waiting.done() and await client_gone():
                    raise ClientGone
            return waiting.result()
        except TimeoutError:
            raise AnalysisTimeout from None
        except ProcessExpired as exc:
            raise WorkerDied(f"exit code {exc.exitcode}") from None
        finally:
            future.cancel()  # kills the worker if the job is still running (a no-op once done)
            self.in_flight -= 1
