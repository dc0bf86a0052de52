"""Reading ahead: each article read, detected, dated and its figures read, ahead of the
briefing and in input order.

What is done here depends on the file (and the briefing's date) alone, never on a model, so it
can run anywhere: in a thread for a few files, in worker processes for many (language
detection and figure reading are pure Python: in a thread they would share one core with the
briefing; in processes they run beside it). Either way the result is what a plain loop over
:func:`prepare` gives: the same objects, in the same order.

Each article has a time budget (:func:`budget`: ``[input] seconds_per_100kb`` of processor
time for every 100 KB, one unit at least, and at most :data:`WALL_FACTOR` times that on the
clock). A file of :data:`GUARD_FROM` bytes or more is prepared in a worker
process of its own (:class:`_Guard`) that is killed when the article runs past its budget: the
article is skipped and named ("took longer than its time budget", exit 3) and the run goes on.
A thread cannot be stopped, and a regular expression that backtracks holds the interpreter
for every thread, so only a process can bound it; smaller files are prepared in the thread,
where the figures' patterns, linear in the text, keep them to a fraction of a second.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import time
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
GUARD_FROM = 100_000  # bytes from which a file is prepared in a worker stopped at its budget
BUDGET_UNIT = 100_000  # bytes per [input] seconds_per_100kb
WALL_FACTOR = 3  # a budget in processor time is also at most this many times it on the clock


@dataclass(frozen=True)
class Prepared:
    """One input, read: ``item`` is the article (dated) or why it could not be used.
    ``figures`` were read from its own sentences, as :func:`mtsum.figures.article_figures`
    reads them (None where not read: a failed read, or figures asked for later)."""

    source: Source
    item: Article | InputError
    detection: Detection | None = None
    figures: tuple[Figure, ...] | None = None
    dated_against: dt.date | None = None  # the briefing's date it was dated with (:func:`dated`)
    # Each paragraph's sentences in the detected language, as read for the figures (None
    # where not split): kept where the article is briefed, which splits them so too.
    sentences: tuple[tuple[str, ...], ...] | None = None


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
    split = None
    try:
        if detection.known:
            split = sentence_paragraphs(article.paragraphs, detection.lang)
        figures = source_figures(article, detection)
    except Exception:  # noqa: BLE001 - read again where the briefing keeps errors to one article
        figures = None
    sentences = tuple(tuple(p) for p in split) if split is not None else None
    return Prepared(source, article, detection, figures, reference, sentences)


def _size(source: Source) -> int:
    try:
        return os.stat(source.path).st_size
    except OSError:
        return 0  # prepare() names the problem


def budget(source: Source, settings: Settings) -> float:
    """Seconds ``source`` may take to be read, detected, dated and its figures read:
    ``[input] seconds_per_100kb`` for every 100 KB of it (counted up to the size limit, as
    no more text than that is kept), one unit at least."""
    size = min(_size(source), settings.max_bytes)
    return settings.seconds_per_100kb * max(1.0, size / BUDGET_UNIT)


def _guarded(source: Source) -> bool:
    return _size(source) >= GUARD_FROM


def _prepare_many(
    sources: Sequence[Source], settings: Settings, reference: dt.date, work=None
) -> list[Prepared]:
    work = work or prepare
    return [work(s, settings, reference) for s in sources]


class _Guard:
    """One worker process that prepares large articles one at a time, and is killed (then
    started again for the next) when one runs past its budget."""

    def __init__(self) -> None:
        self.process = None
        self.conn = None
        self.closed = False
        self.unavailable = False  # a worker could not be started: articles read here

    def _start(self) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")  # see _in_processes
        mine, theirs = context.Pipe()
        process = context.Process(
            target=_guard_main, args=(theirs, os.getpid()), name="mtsum-guard", daemon=True
        )
        process.start()
        theirs.close()
        self.process, self.conn = process, mine
        # Its start (imports: about a second on a busy machine) is not the article's time.
        try:
            if mine.poll(120):
                mine.recv()
                return
        except (EOFError, OSError):
            pass
        self.stop()
        raise OSError("the worker process that reads large articles did not start")

    def run(self, work, source: Source, settings: Settings, reference: dt.date) -> Prepared:
        if self.closed:
            return Prepared(source, InputError(source.display, "not read: stopped", "other"))
        if self.unavailable:
            return work(source, settings, reference)
        if self.process is None:
            try:
                self._start()
            except OSError as exc:  # no process can be started here: read as before, unbounded
                log.info("%s; large articles are read without a time budget", exc)
                self.unavailable = True
                return work(source, settings, reference)
        seconds = budget(source, settings)
        try:
            self.conn.send((work, source, settings, reference))
            answer = self._wait(seconds)
        except (EOFError, OSError):  # the worker died (killed, out of memory, a crash)
            code = self.process.exitcode if self.process is not None else None
            self.stop()
            return Prepared(
                source,
                InputError(
                    source.display,
                    f"reading it ended its worker process (exit status {code}); skipped",
                    "failed",
                ),
            )
        if answer is None:
            self.stop()
            size = min(_size(source), settings.max_bytes)
            return Prepared(
                source,
                InputError(
                    source.display,
                    f"took longer than its time budget of {seconds:.0f} s ({size / 1000:.0f} KB; "
                    f"[input] seconds_per_100kb = {settings.seconds_per_100kb}); skipped",
                    "too_slow",
                ),
            )
        kind, value = answer
        if kind == "error":
            raise value
        return value

    def _wait(self, seconds: float):
        """The worker's answer, or None once it has used ``seconds`` of processor time (a
        busy machine does not cost an article its place), or :data:`WALL_FACTOR` times that
        on the clock, whichever comes first (the clock alone where processor time cannot
        be read)."""
        start = time.monotonic()
        wall_end = start + seconds * WALL_FACTOR
        before = _cpu_seconds(self.process.pid)
        while True:
            now = time.monotonic()
            used = _cpu_seconds(self.process.pid) if before is not None else None
            left = seconds - (used - before if used is not None else now - start)
            if left <= 0 or now >= wall_end:
                return None
            if self.conn.poll(min(left, wall_end - now)):
                return self.conn.recv()

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.join()
            self.conn.close()
        self.process = self.conn = None

    def close(self) -> None:
        self.closed = True
        self.stop()


def _cpu_seconds(pid: int) -> float | None:
    """Processor time (user and system) process ``pid`` has used, from /proc; None where it
    cannot be read (not Linux)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _guard_main(conn, parent: int) -> None:
    _worker_start(parent)
    try:  # what is loaded on first use (language profiles, patterns) is not an article's time
        warm = "The committee said investment grew by 12 percent to 3.1 billion dollars in 2024."
        detection = detect_article([warm])
        article_figures([warm], detection.lang or "en", article="warm-up")
    except Exception:  # noqa: BLE001 - the articles will say what is wrong
        pass
    conn.send(("ready", None))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        work, source, settings, reference = task
        try:
            answer = ("ok", work(source, settings, reference))
        except BaseException as exc:  # noqa: BLE001 - raised in the briefing's process
            answer = ("error", exc)
        try:
            conn.send(answer)
        except Exception as exc:  # noqa: BLE001 - an error that cannot be pickled
            conn.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))


def processes_for(count: int) -> int:
    """Worker processes to prepare ``count`` inputs: none for a few (a process costs about
    half a second to start), else one per core, at most :data:`MAX_PROCESSES` (the briefing's
    own work on the embedded defaults is the lighter part, and waits on theirs).

    The articles' extractive summaries stay in the briefing's process, though on the embedded
    defaults they depend on the text alone: made in these workers (tried for issue 24), the
    briefing's process used 2.2 s of processor time while reading 10,000 articles instead of
    10.7 s, but the workers, already the slower side, took 10-15 s more, and a brief of
    `bench.scale`'s 10,000 articles on 2 cores was slower in each of 4 alternating pairs
    (54.3 s against 51.0 s, 52.2 s against 38.5 s; a third worker did not help)."""
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
    work=None,
) -> Iterator[Prepared]:
    """:func:`prepare` for each source, in input order, at most :data:`READ_AHEAD` ahead of
    the consumer: by ``processes`` worker processes (by default :func:`processes_for`), or
    by one thread where that is 0; large files in a :class:`_Guard`, held to their budget.
    An unexpected error is raised here, in its place. ``work`` replaces :func:`prepare`
    (a module-level function: worker processes import it)."""
    sources = list(sources)
    work = work or prepare  # looked up now: the module's, or what replaced it
    if processes is None:
        processes = processes_for(len(sources))
    guard = _Guard()
    try:
        if processes:
            yield from _in_processes(sources, settings, reference, guard, work, processes)
        else:
            yield from _in_thread(sources, settings, reference, guard, work)
    finally:
        guard.close()


def _one(source: Source, settings: Settings, reference: dt.date, guard: _Guard, work) -> Prepared:
    if _guarded(source):
        return guard.run(work, source, settings, reference)
    return work(source, settings, reference)


def _in_processes(
    sources: list[Source],
    settings: Settings,
    reference: dt.date,
    guard: _Guard,
    work,
    processes: int,
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
        initargs=(os.getpid(), settings.resolved_cache_dir),
    )
    pending: deque = deque()
    given = 0
    tasks = (sources[i : i + PER_TASK] for i in range(0, len(sources), PER_TASK))
    try:

        def results(future, task) -> Iterator[Prepared]:
            """The task's results in order, its large files prepared here in the guard."""
            done = iter(future.result())
            for source in task:
                if _guarded(source):
                    yield guard.run(work, source, settings, reference)
                else:
                    yield next(done)

        def submit(task):
            small = [s for s in task if not _guarded(s)]  # decided here: GUARD_FROM is ours
            return pool.submit(_prepare_many, small, settings, reference, work), task

        try:
            for task in tasks:
                pending.append(submit(task))
                while len(pending) * PER_TASK >= READ_AHEAD + processes * PER_TASK:
                    for ready in results(*pending.popleft()):
                        given += 1
                        yield ready
            while pending:
                for ready in results(*pending.popleft()):
                    given += 1
                    yield ready
        except BrokenProcessPool as exc:
            log.info("reading ahead in worker processes stopped (%s): going on in a thread", exc)
            pending.clear()
            yield from _in_thread(sources[given:], settings, reference, guard, work)
    finally:
        for future, _ in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_start(parent: int, cache_dir=None) -> None:
    """A worker leaves Ctrl-C to the briefing (which stops the pool), says nothing on stderr
    itself (what a reader must know comes back as data, :class:`Prepared`), and ends when the
    briefing's process is gone (killed, it cannot stop the pool, and a worker waiting for
    work would wait for ever). Its patterns are made from the code the briefing keeps in
    ``cache_dir`` (:func:`mtsum.patterns.kept`; the briefing writes it)."""
    import signal
    import threading
    import time

    if cache_dir is not None:
        from mtsum.patterns import kept

        kept(cache_dir, save=False).__enter__()  # for the worker's life
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.getLogger().addHandler(logging.NullHandler())

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="mtsum-parent-watch", daemon=True).start()


def _in_thread(
    sources: list[Source], settings: Settings, reference: dt.date, guard: _Guard, work
) -> Iterator[Prepared]:
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

    def read_ahead() -> None:
        try:
            for source in sources:
                if not put(_one(source, settings, reference, guard, work)):
                    return
            put(end)
        except BaseException as exc:  # noqa: BLE001 - raised in the briefing's thread
            put(_Raised(exc))

    thread = threading.Thread(target=read_ahead, name="mtsum-read-ahead", daemon=True)
    thread.start()
    try:
        while (entry := ahead.get()) is not end:
            if isinstance(entry, _Raised):
                raise entry.error
            yield entry
    finally:
        stop.set()  # the thread ends at its next article (Ctrl-C, an error, or the end)
        guard.close()  # a large article being read is not waited for


@dataclass(frozen=True)
class _Raised:
    error: BaseException
