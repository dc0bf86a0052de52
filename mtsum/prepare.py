"""Reading ahead: each article read, detected, dated and its figures read, ahead of the
briefing and in input order.

What is done here depends on the file (and the briefing's date) alone, never on a model, so it
can run anywhere: in a thread for a few files, in worker processes for many (language
detection and figure reading are pure Python: in a thread they would share one core with the
briefing; in processes they run beside it). Either way the result is what a plain loop over
:func:`prepare` gives: the same objects, in the same order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from mtsum.dates import article_date
from mtsum.detect import Detection, detect_article
from mtsum.errors import InputError
from mtsum.figures import Figure, article_figures
from mtsum.ingest import Article, Source, read_article
from mtsum.settings import Settings
from mtsum.translate import sentence_paragraphs

log = logging.getLogger(__name__)

READ_AHEAD = 64  # articles prepared ahead of the window being briefed
PROCESSES_FROM = 256  # inputs from which worker processes prepare them (below: one thread)
MAX_PROCESSES = 4
PER_TASK = 16  # articles sent to a worker process at once


@dataclass(frozen=True)
class Prepared:
    """One input, read: ``item`` is the article (dated) or why it could not be used.
    ``figures`` were read from its own sentences, as :func:`mtsum.figures.article_figures`
    reads them (None where not read: a failed read, or figures asked for later)."""

    source: Source
    item: Article | InputError
    detection: Detection | None = None
    figures: tuple[Figure, ...] | None = None


def read_source(source: Source, settings: Settings) -> Article:
    return read_article(
        source.path, id=source.id, max_bytes=settings.max_bytes, shown=source.display
    )


def dated(article: Article, lang: str | None, reference: dt.date) -> Article:
    """The article with a date: its own (front matter, dateline), else the date its text puts
    first (:func:`mtsum.dates.article_date`), never later than ``reference``; else undated.
    ``date_source`` says which ("metadata", "dateline", "text", "title" or None)."""
    if article.date is not None:
        return article
    found = article_date(article.paragraphs, lang, title=article.title, reference=reference)
    if found is None:
        return article
    return dataclasses.replace(
        article, date=found.date, date_source=found.source, date_precision=found.precision
    )


def source_figures(article: Article, detection: Detection) -> tuple[Figure, ...]:
    """The figures of an article's own sentences (split as translation splits them), in its
    own language; none where the language is unknown."""
    if not detection.known:
        return ()
    sentences = [s for p in sentence_paragraphs(article.paragraphs, detection.lang) for s in p]
    return tuple(
        article_figures(sentences, detection.lang, article=article.id, reference=article.date)
    )


def prepare(source: Source, settings: Settings, reference: dt.date) -> Prepared:
    try:
        article = read_source(source, settings)
    except InputError as exc:
        return Prepared(source, exc)
    detection = detect_article(article.paragraphs)
    article = dated(article, detection.lang, reference)
    try:
        figures = source_figures(article, detection)
    except Exception:  # noqa: BLE001 - read again where the briefing keeps errors to one article
        figures = None
    return Prepared(source, article, detection, figures)


def _prepare_many(
    sources: Sequence[Source], settings: Settings, reference: dt.date
) -> list[Prepared]:
    return [prepare(source, settings, reference) for source in sources]


def processes_for(count: int) -> int:
    """Worker processes to prepare ``count`` inputs: none for a few (a process costs about
    half a second to start), else one per core, at most :data:`MAX_PROCESSES` (the briefing's
    own work on the embedded defaults is the lighter part, and waits on theirs)."""
    if count < PROCESSES_FROM:
        return 0
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(MAX_PROCESSES, cores))


def prepared(
    sources: Sequence[Source],
    settings: Settings,
    reference: dt.date,
    *,
    processes: int | None = None,
) -> Iterator[Prepared]:
    """:func:`prepare` for each source, in input order, at most :data:`READ_AHEAD` ahead of
    the consumer: by ``processes`` worker processes (by default :func:`processes_for`), or
    by one thread where that is 0. An unexpected error is raised here, in its place."""
    sources = list(sources)
    if processes is None:
        processes = processes_for(len(sources))
    if processes:
        yield from _in_processes(sources, settings, reference, processes)
    else:
        yield from _in_thread(sources, settings, reference)


def _in_processes(
    sources: list[Source], settings: Settings, reference: dt.date, processes: int
) -> Iterator[Prepared]:
    """Tasks of :data:`PER_TASK` sources, results taken in order. If the pool breaks (a
    worker killed, or a program whose main module starts a briefing again when a worker
    imports it, which spawn does), the sources not yet given are prepared by a thread here."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # spawn, not fork: the briefing may hold model threads, a Ray client or an open cache.
    pool = ProcessPoolExecutor(
        processes,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_worker_start,
        initargs=(os.getpid(),),
    )
    pending: deque = deque()
    given = 0
    tasks = (sources[i : i + PER_TASK] for i in range(0, len(sources), PER_TASK))
    try:
        try:
            for task in tasks:
                pending.append(pool.submit(_prepare_many, task, settings, reference))
                while len(pending) * PER_TASK >= READ_AHEAD + processes * PER_TASK:
                    for ready in pending.popleft().result():
                        given += 1
                        yield ready
            while pending:
                for ready in pending.popleft().result():
                    given += 1
                    yield ready
        except BrokenProcessPool as exc:
            log.info("reading ahead in worker processes stopped (%s): going on in a thread", exc)
            pending.clear()
            yield from _in_thread(sources[given:], settings, reference)
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_start(parent: int) -> None:
    """A worker leaves Ctrl-C to the briefing (which stops the pool), says nothing on stderr
    itself (what a reader must know comes back as data, :class:`Prepared`), and ends when the
    briefing's process is gone (killed, it cannot stop the pool, and a worker waiting for
    work would wait for ever)."""
    import signal
    import threading
    import time

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.getLogger().addHandler(logging.NullHandler())

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="mtsum-parent-watch", daemon=True).start()


def _in_thread(sources: list[Source], settings: Settings, reference: dt.date) -> Iterator[Prepared]:
    import queue
    import threading

    ahead: queue.Queue = queue.Queue(maxsize=READ_AHEAD)
    stop = threading.Event()
    end = object()

    def put(entry) -> bool:
        while not stop.is_set():
            try:
                ahead.put(entry, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def work() -> None:
        try:
            for source in sources:
                if not put(prepare(source, settings, reference)):
                    return
            put(end)
        except BaseException as exc:  # noqa: BLE001 - raised in the briefing's thread
            put(_Raised(exc))

    thread = threading.Thread(target=work, name="mtsum-read-ahead", daemon=True)
    thread.start()
    try:
        while (entry := ahead.get()) is not end:
            if isinstance(entry, _Raised):
                raise entry.error
            yield entry
    finally:
        stop.set()  # the thread ends at its next article (Ctrl-C, an error, or the end)


@dataclass(frozen=True)
class _Raised:
    error: BaseException
