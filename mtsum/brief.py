"""The orchestrator: ingest -> detect -> translate -> summarise -> render, for a batch.

:func:`make_briefing` returns a :class:`Briefing` (plain data); :func:`write_briefing` renders
it to HTML and JSON. A file that cannot be used is recorded as a :class:`Skipped` with its
reason and the batch goes on.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from mtsum import glance, languages
from mtsum.dates import select_period
from mtsum.dedup import CopyFinder
from mtsum.detect import detect_article
from mtsum.errors import RUNTIMES, InputError, NothingToBrief, model_name
from mtsum.figures import figure_table, resolve_scopes, same_quantity
from mtsum.ingest import Source, find_inputs
from mtsum.model import (
    Article,
    Briefing,
    BriefItem,
    BriefPoint,
    Copy,
    Detection,
    Figure,
    FigureRow,
    GlancePoint,
    Notice,
    Report,
    Selection,
    Skipped,
    Status,
    Summary,
    Translation,
)
from mtsum.prepare import (
    PROCESSES_FROM,
    Prepared,
    dated,
    prepared,
    read_source,
    source_figures,
)
from mtsum.scope import infer_subject
from mtsum.sentences import split_sentences
from mtsum.settings import Settings
from mtsum.summarize import (
    SummaryEngine,
    Unit,
    brief_points,
    summarize_sentences,
)
from mtsum.time_words import mark_years
from mtsum.translate import (
    TranslationEngine,
    as_source,
    keep_split,
)

log = logging.getLogger(__name__)
PIVOT = "en"  # every part is made from the English text (translated into it, or as written)
WINDOW_CHARS = 2_000_000  # a window also ends at this much text (a few huge articles)

TITLE_CHARS = 90


@dataclass
class Progress:
    """Callbacks the CLI hooks a progress bar onto; all optional: ``start`` with the number of
    input files once they are found, ``article`` as each is done (briefed, skipped or left
    out)."""

    start: Callable[[int], None] = field(default=lambda total: None)
    article: Callable[[str], None] = field(default=lambda path: None)


def _summarize_report(
    detection: Detection, english: Translation, settings: Settings, summarizer: SummaryEngine
) -> Summary:
    if english.readable:
        sentences = [s.text for s in english.sentences]
        return summarizer.summarize(sentences, "en", n=settings.sentences)
    sentences = [s.source for s in english.sentences]
    return summarizer.summarize(sentences, detection.lang, n=settings.sentences)


def resolve_date(article: Article, lang: str | None, reference: dt.date) -> Article:
    """The article with a date (:func:`mtsum.prepare.dated`); a date of its own after the
    briefing's date is kept, with a warning."""
    _warn_if_after(article, reference)
    return dated(article, lang, reference)


def _warn_if_after(article: Article, reference: dt.date) -> None:
    if article.date is not None and article.date > reference:
        log.warning(
            "%s: its date %s is after the briefing's date %s",
            article.path,
            article.date,
            reference,
        )


def brief_article(
    article: Article,
    settings: Settings,
    engine: TranslationEngine,
    summarizer: SummaryEngine | None = None,
    detection: Detection | None = None,
    *,
    english: Translation | None = None,
    summary: Summary | None = None,
    figures: tuple[Figure, ...] | None = None,
) -> Report:
    """Detect, translate, summarise one article; read its figures. ``english``, ``summary``
    and ``figures``, when given, were made already (:func:`brief_window`,
    :mod:`mtsum.prepare`)."""
    summarizer = summarizer or SummaryEngine(settings, cache=engine.cache, backends=engine.backends)
    detection = detection or detect_article(article.paragraphs)
    lang = detection.lang
    if english is None:
        english = engine.translate(article.paragraphs, lang, "en")
    if summary is None:
        summary = _summarize_report(detection, english, settings, summarizer)
    summaries = {
        part: _part_summary(article, lang, part, english, summary, settings, engine)
        for part in _other_parts(settings)
    }
    if figures is None:
        figures = source_figures(article, detection)
    return Report(
        article,
        detection,
        english,
        summary,
        summaries,
        figures,
        titles=_titles(article, lang, engine, settings),
    )


def _other_parts(settings: Settings) -> tuple[str, ...]:
    """The parts' languages other than English, the pivot every other part is made from."""
    return tuple(p for p in settings.parts if p != PIVOT)


def _written_in(lang: str | None, part: str) -> bool:
    return lang is not None and languages.base(lang) == part


def _part_summary(
    article: Article,
    lang: str | None,
    part: str,
    english: Translation,
    summary: Summary,
    settings: Settings,
    engine: TranslationEngine,
) -> Translation:
    """The summary for one part: the article's own summary when it is written in the part's
    language, else the English summary translated, else the original marked untranslated."""
    if _written_in(lang, part):
        sentences = [s for p in article.paragraphs for s in split_sentences(p, part)]
        own = summarize_sentences(sentences, part, n=settings.sentences)
        return as_source(own.sentences, part, part, Status.SOURCE)
    if english.readable:
        return engine.translate(summary.sentences, PIVOT, part)
    return as_source(summary.sentences, lang, part, Status.UNTRANSLATED, english.reason)


def _titles(
    article: Article, lang: str | None, engine: TranslationEngine, settings: Settings
) -> dict[str, Translation]:
    """The title for each part: the original, a translation, or the original marked
    untranslated."""
    if not article.title:
        return {}
    english = engine.translate([article.title], lang, PIVOT)
    titles = {PIVOT: english}
    for part in _other_parts(settings):
        if _written_in(lang, part):
            titles[part] = as_source([article.title], part, part, Status.SOURCE)
        elif english.readable:
            titles[part] = engine.translate([english.text], PIVOT, part)
        else:
            titles[part] = as_source(
                [article.title], lang, part, Status.UNTRANSLATED, english.reason
            )
    return titles


def brief_article_safely(
    article: Article,
    settings: Settings,
    engine: TranslationEngine,
    summarizer: SummaryEngine,
    detection: Detection,
    **made,
) -> Report:
    """:func:`brief_article`, with any error kept to this article: it is briefed as if no
    model were there (untranslated, extractive), with the reason, and the run goes on. A bug
    still shows its traceback with -v."""
    try:
        return brief_article(article, settings, engine, summarizer, detection, **made)
    except Exception as exc:  # a backend error, an out-of-memory, a bug: this article only
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        log.warning(
            "%s: could not be translated or summarised (%s); shown untranslated, "
            "with an extractive summary",
            article.path,
            reason,
        )
        log.info("the error behind it", exc_info=True)
        return fallback_report(article, detection, settings, reason)


def _point_in(part: str, text: str, engine: TranslationEngine) -> Translation:
    """A key point in a part's language; after an error (a worker that failed every retry)
    it is shown untranslated, with the reason, like an article's summary."""
    try:
        return engine.translate([text], PIVOT, part)
    except Exception as exc:  # noqa: BLE001 - one point, not the briefing
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        log.warning("a key point could not be translated (%s): shown untranslated", reason)
        return as_source([text], PIVOT, part, Status.UNTRANSLATED, reason)


def brief_window(
    items: Sequence[tuple[Article, Detection, tuple[Figure, ...] | None]],
    settings: Settings,
    engine: TranslationEngine,
    summarizer: SummaryEngine,
) -> list[Report]:
    """Brief a window of (article, detection, figures read ahead or None), translating their
    sentences together: first every article's text and title into English (one set of
    batches per model, sorted by length across the articles), then their summaries and
    titles into the other parts' languages, then each report. Each article still fails alone
    (:func:`brief_article_safely`)."""
    with engine.window(
        [(a.paragraphs, d.lang, PIVOT) for a, d, _ in items]
        + [([a.title], d.lang, PIVOT) for a, d, _ in items if a.title]
    ):
        made: list[dict] = []
        to_parts = []
        for article, detection, figures in items:
            try:
                english = engine.translate(article.paragraphs, detection.lang, PIVOT)
                summary = _summarize_report(detection, english, settings, summarizer)
            except Exception:  # noqa: BLE001 - briefed again below, where it fails alone
                made.append({"figures": figures})
                continue
            made.append({"english": english, "summary": summary, "figures": figures})
            if english.readable:
                to_parts += _to_parts(article, detection.lang, summary, settings, engine)
        with engine.window(to_parts):
            return [
                brief_article_safely(article, settings, engine, summarizer, detection, **kw)
                for (article, detection, _), kw in zip(items, made)
            ]


def _to_parts(
    article: Article,
    lang: str | None,
    summary: Summary,
    settings: Settings,
    engine: TranslationEngine,
) -> list[tuple[Sequence[str], str, str]]:
    """What of a readable article is translated from English into the other parts: its
    summary and its title, for every part not in its own language."""
    title = engine.translate([article.title], lang, PIVOT) if article.title else None
    jobs: list[tuple[Sequence[str], str, str]] = []
    for part in _other_parts(settings):
        if not _written_in(lang, part):
            jobs.append((summary.sentences, PIVOT, part))
            if title is not None and title.readable:
                jobs.append(([title.text], PIVOT, part))
    return jobs


def fallback_report(
    article: Article, detection: Detection, settings: Settings, reason: str
) -> Report:
    """The article as the embedded defaults brief it: its own text, an extractive summary
    (the lead sentences if even that fails), its figures where they can be read."""
    lang = detection.lang
    status = Status.SOURCE if lang == "en" else Status.UNTRANSLATED
    english = as_source(article.paragraphs, lang, "en", status, reason)
    sentences = [s.source for s in english.sentences]
    try:
        summary = summarize_sentences(sentences, lang, n=settings.sentences)
    except Exception:  # the extractive summariser failed on this text too: its lead
        summary = Summary(tuple(sentences[: settings.sentences]), lang, "extractive")
    summaries = {
        part: as_source(
            summary.sentences,
            lang,
            part,
            Status.SOURCE if _written_in(lang, part) else Status.UNTRANSLATED,
            reason,
        )
        for part in _other_parts(settings)
    }
    try:
        figures = source_figures(article, detection)
    except Exception:
        figures = ()
    return Report(article, detection, english, summary, summaries, figures, failure=reason)


def _figure_link(reports: Sequence[Report], units: Sequence[Unit]) -> Callable[[int], list[int]]:
    """Units (English sentences) of different articles are linked when their sentences report
    one amount of money (:func:`mtsum.figures.same_quantity`: same currency, measure and
    period). The figures are each article's own, read once in its language
    (:attr:`Report.figures`)."""
    index = {(u.doc, u.position): k for k, u in enumerate(units)}
    money: dict[int, list[Figure]] = {}
    for r in reports:
        if not r.english_available:
            continue
        by_sentence: dict[str, list[Figure]] = {}
        for f in r.figures:
            if f.kind == "money":
                by_sentence.setdefault(f.sentence, []).append(f)
        for position, sentence in enumerate(r.english.sentences):
            found = by_sentence.get(sentence.source)
            if found and (r.article.id, position) in index:
                money[index[(r.article.id, position)]] = found
    # by currency and article: a unit is linked only to other articles' figures, so a long
    # article's own figures are never compared with one another (that was quadratic)
    by_currency: dict[str, dict[str, list[tuple[int, Figure]]]] = {}
    for k, found in money.items():
        for f in found:
            by_currency.setdefault(f.unit, {}).setdefault(f.article, []).append((k, f))

    def linked(i: int) -> list[int]:
        return sorted(
            {
                k
                for fa in money.get(i, ())
                for article, figures in by_currency[fa.unit].items()
                if article != fa.article
                for k, fb in figures
                if k != i and same_quantity(fa, fb)
            }
        )

    return linked


def _notices(
    reports: Sequence[Report], engine: TranslationEngine, summarizer: SummaryEngine
) -> list[Notice]:
    """What the reader must know, each said once on stderr: the backend's notes were said
    when they happened; the rest is said here."""
    said = [Notice("backend_fallback", note, detail=note) for note in engine.backends.notes]
    notices = []
    missing_summariser = summarizer.unavailable
    if missing_summariser is not None and summarizer.settings.engine != "extractive":
        notices.append(
            Notice(
                "summariser_missing",
                f"abstractive summariser unavailable: "
                f"{missing_summariser}; extractive summaries used",
                model=model_name(missing_summariser.model),
                fix=missing_summariser.fix,
            )
        )
    for missing in sorted(engine.unavailable, key=lambda m: (m.model, str(m))):
        affected = sum(
            1
            for r in reports
            if any(t.reason == str(missing) for t in (r.english, *r.summaries.values()))
        )
        kind = "runtime_missing" if missing.model in RUNTIMES else "model_missing"
        notices.append(
            Notice(
                "model_broken" if missing.broken else kind,
                f"{missing}; {affected} article(s) left untranslated",
                model=model_name(missing.model),
                detail=missing.reason,
                fix=missing.fix,
                n=affected,
            )
        )
    for r in reports:
        if not r.detection.known:
            notices.append(
                Notice(
                    "language_unknown",
                    f"{r.article.path}: language unknown ({r.detection.reason}); left untranslated",
                    path=r.article.path,
                    detail=r.detection.reason,
                )
            )
        elif r.detection.mixed:
            notices.append(
                Notice(
                    "mixed",
                    f"{r.article.path}: mixed languages ({r.detection.reason})",
                    path=r.article.path,
                    detail=r.detection.reason,
                )
            )
    for notice in notices:
        log.warning("%s", notice.text)
    return said + notices


@dataclass
class Run:
    """What one briefing owns while it runs: its settings and date, the cache, the translation
    engine and the summariser (one set of backends, models loaded once). A run that opened the
    engine closes it; one given an engine leaves it to its owner."""

    settings: Settings
    reference: dt.date  # the briefing's date: no article date after it is believed
    engine: TranslationEngine
    summarizer: SummaryEngine
    owns_engine: bool = False

    @classmethod
    def open(cls, settings: Settings, engine: TranslationEngine | None = None) -> Run:
        owns = engine is None
        if engine is None:
            from mtsum.cache import open_cache

            engine = TranslationEngine(settings, cache=open_cache(settings))
        summarizer = SummaryEngine(settings, cache=engine.cache, backends=engine.backends)
        return cls(settings, settings.date or dt.date.today(), engine, summarizer, owns)

    def close(self) -> None:
        if self.owns_engine:
            self.engine.cache.close()
            self.engine.close()

    def __enter__(self) -> Run:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


Window = list[tuple[Article, Detection, "tuple[Figure, ...] | None"]]


@dataclass
class Gathered:
    """The articles of a run as they are read: briefed a window at a time (a window's
    sentences are translated together, in full batches, and only the window is held in
    memory), copies of a story already briefed listed under it, what could not be used kept
    with its reason. A window ends at ``settings.window`` articles or :data:`WINDOW_CHARS` of
    text; its bounds depend on the input alone, so every executor cuts the same windows."""

    run: Run
    progress: Progress
    finder: CopyFinder | None
    reports: list[Report] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # dated outside the period
    copies: dict[str, list[Copy]] = field(default_factory=dict)
    read: int = 0
    window: Window = field(default_factory=list)
    window_chars: int = 0

    def skip(self, error: InputError) -> None:
        log.warning("%s", error)
        self.skipped.append(Skipped(str(error.path), error.reason, error.kind))

    def take(self, ready: Prepared) -> Article | None:
        """The article read, dated and with its warnings said; None when it could not be."""
        item = ready.item
        if isinstance(item, InputError):
            self.skip(item)
            self.progress.article(ready.source.display)
            return None
        self.read += 1
        for warning in item.warnings:
            log.warning("%s: %s", item.path, warning)
            notice = Notice("input_warning", f"{item.path}: {warning}", path=item.path)
            self.warnings.append(dataclasses.replace(notice, detail=warning))
        if ready.dated_against == self.run.reference:  # dated ahead, with this date
            _warn_if_after(item, self.run.reference)
            return item
        lang = ready.detection.lang if ready.detection else None
        return resolve_date(item, lang, self.run.reference)  # dated ahead: a warning

    def add(
        self, article: Article, detection: Detection, figures: tuple[Figure, ...] | None = None
    ) -> None:
        """Brief the article with its window, or list it under the story it copies."""
        if self._copy(article, detection.lang):
            self.progress.article(article.path)
            return
        self.window.append((article, detection, figures))
        self.window_chars += sum(map(len, article.paragraphs))
        if len(self.window) >= self.run.settings.window or self.window_chars >= WINDOW_CHARS:
            self.flush()

    def flush(self) -> None:
        if self.window:
            run = self.run
            self.reports.extend(brief_window(self.window, run.settings, run.engine, run.summarizer))
            set_aside()  # kept until the briefing is written: no full collection walks them
            for article, _, _ in self.window:
                self.progress.article(article.path)
            self.window, self.window_chars = [], 0

    def _copy(self, article: Article, lang: str | None) -> bool:
        """Whether ``article`` is a copy of a story already briefed (then it is listed under
        that one, not briefed again)."""
        match = self.finder.match(article.id, article.text, lang) if self.finder else None
        if match is None:
            return False
        original, similarity = match
        self.copies.setdefault(original, []).append(
            Copy(
                article.id,
                article.path,
                article.title,
                article.source_url,
                article.date,
                article.site,
                similarity,
            )
        )
        log.info(
            "%s: a copy of %s (similarity %.2f): listed, not briefed again",
            article.path,
            original,
            similarity,
        )
        return True

    def briefed(self) -> list[Report]:
        """The reports, each with the copies found of it."""
        self.flush()
        return [
            dataclasses.replace(r, copies=tuple(self.copies[r.article.id]))
            if r.article.id in self.copies
            else r
            for r in self.reports
        ]


FULL_COLLECTION_EVERY = 100  # younger collections between two full ones, while briefing


@contextlib.contextmanager
def fewer_full_collections(every: int = FULL_COLLECTION_EVERY) -> Iterator[None]:
    """The garbage collector's full collections made rarer while this block runs (at most one
    per ``every`` collections of the middle generation; Python's default is 10, and a full
    collection also waits until a quarter more objects have survived). A briefing keeps every
    report until it is written: each full collection walks all of them, and on 10,000
    articles they were 14 collections and 5 s of the briefing's process (then 2 and 1.2 s,
    for about 40 MB more at the peak). Nothing else changes: what is garbage is still
    collected, later. The thresholds before are set again at the end, and the outermost
    block gives back to the collector what :func:`set_aside` set aside in it."""
    before = gc.get_threshold()
    outermost = not _FEWER[0]
    _FEWER[0] += 1
    gc.set_threshold(before[0], before[1], max(before[2], every))
    try:
        yield
    finally:
        _FEWER[0] -= 1
        gc.set_threshold(*before)
        if outermost and _FEWER[1]:
            _FEWER[1] = False
            gc.unfreeze()


_FEWER = [0, False]  # fewer_full_collections blocks open; whether set_aside froze anything


def set_aside() -> None:
    """Inside :func:`fewer_full_collections`: every object alive now (the reports briefed so
    far, kept until the briefing is written) left out of the collector's walks until the
    outermost block ends (:func:`gc.freeze`); a full collection then walks only what came
    after. Nothing else changes: an object set aside is still freed when its last reference
    goes, and the cycles among them are collected after the block. On 10,000 articles the
    full collections walked 2-3 million objects each, and found no garbage among them (one
    while reading, 0.4 s, collected nothing; one while rendering, 0.8 s, only the render's
    own). Outside such a block it does nothing."""
    if _FEWER[0]:
        gc.freeze()
        _FEWER[1] = True


def make_briefing(
    inputs: Sequence[str | os.PathLike[str]],
    settings: Settings | None = None,
    *,
    engine: TranslationEngine | None = None,
    progress: Progress | None = None,
) -> Briefing:
    """Read, detect, translate and summarise every article; build the cross-article brief.

    Raises :class:`UsageError` for a missing path or an empty folder, and
    :class:`NothingToBrief` when no file could be used.
    """
    settings = settings or Settings()
    progress = progress or Progress()
    found = find_inputs(inputs, follow_links=settings.follow_links)
    progress.start(len(found.sources))
    latest = (settings.week or "").lower() == "latest"
    if latest and (settings.since or settings.until):
        select_period(settings.week, settings.since, settings.until)  # raises: not together
    with Run.open(settings, engine) as run, fewer_full_collections():
        finder = CopyFinder() if settings.dedup else None
        gathered = Gathered(run, progress, finder)
        for problem in found.problems:
            gathered.skip(problem)
        if latest:
            selection = gather_latest_week(found.sources, gathered)
        else:
            selection = select_period(settings.week, settings.since, settings.until)
            gather(found.sources, gathered, selection)
        reports = gathered.briefed()
        _check_briefed(reports, gathered.read, gathered.skipped, selection)
        subject = run.settings.subject or infer_subject(
            text for r in reports for text in (r.article.title or "", *r.article.paragraphs)
        )
        reports = resolve_scopes(reports, subject)
        brief, top, figures, reports = cross_article(reports, run, subject)
        notices = _notices(reports, run.engine, run.summarizer) + gathered.warnings
        notices += _undated_notices(gathered.undated)
    notices += _failure_notices(reports)
    return Briefing(
        generated=run.reference,
        reports=tuple(reports),
        brief=brief,
        skipped=tuple(gathered.skipped),
        notices=tuple(notices),
        engine=_engine_used(reports),
        figures=figures,
        selection=selection,
        outside=gathered.read - len(reports) - len(gathered.undated),
        undated=tuple(gathered.undated),
        left_out=tuple(gathered.left_out),
        broken_models=tuple(dict.fromkeys(e.model for e in run.engine.unavailable if e.broken)),
        parts=settings.parts,
        glance=top,
        subject=subject,
        subject_inferred=settings.subject is None and subject is not None,
    )


def _dated_enough(article: Article) -> bool:
    """Whether an article's date can place it in a period (a year alone cannot)."""
    return article.date is not None and article.date_precision != "year"


def _reads_in_a_process(count: int, run: Run) -> bool:
    """Whether ``count`` inputs are read ahead in a worker process although they are fewer
    than :data:`mtsum.prepare.PROCESSES_FROM`: where this process translates with a model and
    they make more than one window. A window's summaries, figure checks and reports are
    Python, one core: a reading thread would share the interpreter with them, while a process
    reads the next window on the core they leave (a brief of 200 articles, fastest of 2
    alternating runs: 80.2 s against 91.9 s)."""
    return run.settings.window < count < PROCESSES_FROM and _translates_here(run)


def _translates_here(run: Run) -> bool:
    """Whether this process will translate with a model: the local executor and, on this
    machine, a model from English into another part (looked up, neither loaded nor fetched)."""
    settings = run.settings
    if not settings.translate or settings.download or settings.executor != "local":
        return False
    for part in _other_parts(settings):
        spec = run.engine.spec(PIVOT, part)
        try:
            if spec is not None and run.engine.models.describe(spec):
                return True
        except Exception:  # noqa: BLE001 - not here (said where it is needed), or unknown
            continue
    return False


def gather(sources: Sequence[Source], gathered: Gathered, selection: Selection | None) -> None:
    """One pass: each article is read, detected and briefed before the next is read (reading
    runs ahead in :mod:`mtsum.prepare`); with a period, only the articles dated inside it."""
    run = gathered.run
    processes = 1 if _reads_in_a_process(len(sources), run) else None
    for ready in prepared(sources, run.settings, run.reference, processes=processes):
        article = gathered.take(ready)
        if article is None:
            continue
        if selection is not None and not _dated_enough(article):
            gathered.undated.append(article.path)
            gathered.progress.article("")
        elif selection is None or selection.contains(article.date):
            if ready.sentences is not None and ready.detection is not None:  # split when read
                keep_split(article.paragraphs, ready.detection.lang, ready.sentences)
            gathered.add(article, ready.detection, ready.figures)
        else:  # outside the period: named, not briefed
            gathered.left_out.append(article.path)
            gathered.progress.article("")


def gather_latest_week(sources: Sequence[Source], gathered: Gathered) -> Selection:
    """``--week latest``: the week of the newest article, which is known only once every date
    is. A first pass keeps each article's date (not its text); the second reads the articles
    of that week again and briefs them."""
    run = gathered.run
    held = []
    for ready in prepared(sources, run.settings, run.reference):
        article = gathered.take(ready)
        if article is None:
            continue
        if not _dated_enough(article):
            gathered.undated.append(article.path)
            gathered.progress.article("")
            continue
        held.append((ready.source, dataclasses.replace(article, paragraphs=()), ready.detection))
    dates = [light.date for _, light, _ in held if light.date]
    selection = select_period(run.settings.week, reference=run.reference, dates=dates)
    for source, light, detection in held:
        if not selection.contains(light.date):
            gathered.left_out.append(light.path)
            gathered.progress.article("")
            continue
        try:
            full = read_source(source, run.settings)
        except InputError as exc:  # changed or removed since the first pass
            gathered.skip(exc)
            continue
        dating = ("date", "date_source", "date_precision")
        gathered.add(dataclasses.replace(full, **{k: getattr(light, k) for k in dating}), detection)
    return selection


def _check_briefed(
    reports: Sequence[Report],
    read: int,
    skipped: Sequence[Skipped],
    selection: Selection | None,
) -> None:
    if not read:
        raise NothingToBrief(f"no article could be read ({len(skipped)} skipped)")
    if not reports and selection is not None:  # a quiet week is a briefing too
        log.warning(
            "no article is dated within %s (%s – %s): a briefing that says so is written",
            selection.name,
            selection.start or "…",
            selection.end or "…",
        )


def cross_article(
    reports: Sequence[Report], run: Run, subject: str | None
) -> tuple[tuple[BriefItem, ...], tuple[GlancePoint, ...], tuple[FigureRow, ...], list[Report]]:
    """The cross-article brief (its points in every part, each citing only the articles
    that state it), "At a glance", the figures several articles report, and the reports
    with their summaries made again without the points (:func:`_summaries_without`), each
    saying how many of its sentences are points above.
    The points and those summaries are translated together: one call per model."""
    by_id = {r.article.id: r for r in reports}
    points = [glance.supported(p, by_id) for p in _brief_points(reports, run.settings)]
    figures = tuple(figure_table(reports, subject))
    top_figures = glance.key_figures(figures, run.reference)
    said = {s for g in top_figures for s in g.support.values()}
    statements = glance.statements(points, by_id, said=said)
    shown = [_resolved(p.text, by_id[p.article]) for p in points]
    texts = [_resolved(s.text, by_id[s.point.article]) for s in statements]
    above = _points_by_article(points)
    redone = _summaries_without(reports, above, run.settings)
    parts = _other_parts(run.settings)
    with run.engine.window(
        [([text], PIVOT, part) for text in shown + texts for part in parts]
        + [(s.sentences, PIVOT, part) for s in redone.values() for part in parts if s.sentences]
    ):
        brief, top = _said_in_parts(points, shown, statements, texts, run)
        reports = [_with_summary(r, redone.get(r.article.id), above, run) for r in reports]
    return brief, (*top_figures, *top), figures, reports


def _said_in_parts(
    points: Sequence[BriefPoint],
    shown: Sequence[str],
    statements: Sequence[glance.Statement],
    said: Sequence[str],
    run: Run,
) -> tuple[tuple[BriefItem, ...], tuple[GlancePoint, ...]]:
    """The brief's points and the glance's statements in every part's language."""
    parts = _other_parts(run.settings)
    brief = tuple(
        BriefItem(p, shown=text, texts={part: _point_in(part, text, run.engine) for part in parts})
        for p, text in zip(points, shown)
    )
    top = tuple(
        GlancePoint(
            "statement",
            {
                PIVOT: as_source([text], PIVOT, PIVOT, Status.SOURCE),
                **{part: _point_in(part, text, run.engine) for part in parts},
            },
            s.point.sources,
            s.point.support,
        )
        for s, text in zip(statements, said)
    )
    return brief, top


def _points_by_article(points: Sequence[BriefPoint]) -> dict[str, set[str]]:
    """The texts shown as points above (the glance's statements and the key points are the
    brief's points), by the id of the article each comes from."""
    above: dict[str, set[str]] = {}
    for point in points:
        above.setdefault(point.article, set()).add(point.text)
    return above


def _summaries_without(
    reports: Sequence[Report], above: dict[str, set[str]], settings: Settings
) -> dict[str, Summary]:
    """Each article's summary made again without its sentences shown as points ``above``,
    by article id: the next-best sentences take their place. Only extractive summaries of
    English text are made again (an abstractive one, or one in the article's own language,
    has no point's sentence in it)."""
    redone: dict[str, Summary] = {}
    for r in reports:
        shown = above.get(r.article.id, set())
        if (
            r.english_available
            and r.summary.engine == "extractive"
            and shown & set(r.summary.sentences)
        ):
            sentences = [s.text for s in r.english.sentences]
            redone[r.article.id] = summarize_sentences(
                sentences, PIVOT, n=settings.sentences, exclude=shown
            )
    return redone


def _with_summary(
    r: Report, summary: Summary | None, above: dict[str, set[str]], run: Run
) -> Report:
    """The report with its summary made again (``summary``, when there is one) in every
    part, and the number of its sentences that are points above."""
    parts = _other_parts(run.settings)
    if summary is not None:
        try:
            summaries = {
                part: _part_summary(
                    r.article,
                    r.detection.lang,
                    part,
                    r.english,
                    summary,
                    run.settings,
                    run.engine,
                )
                for part in parts
            }
        except Exception as exc:  # noqa: BLE001 - keep the summary it had, repeats and all
            log.warning("%s: its summary is kept as it was (%s)", r.article.path, exc)
        else:
            r = dataclasses.replace(r, summary=summary, summaries=summaries)
    shown = above.get(r.article.id, set()) & {s.text for s in r.english.sentences}
    return dataclasses.replace(r, above=len(shown))


def _brief_points(reports: Sequence[Report], settings: Settings) -> list[BriefPoint]:
    units = [
        Unit(s.text, r.article.id, i)
        for r in reports
        if r.english_available
        for i, s in enumerate(r.english.sentences)
    ]
    dates = sorted({r.article.date for r in reports if r.article.date})
    recency = {
        r.article.id: (dates.index(r.article.date) / max(len(dates) - 1, 1))
        for r in reports
        if r.article.date
    }
    return brief_points(
        units,
        "en",
        points=settings.brief_points,
        linked=_figure_link(reports, units),
        recency=recency,
    )


def _resolved(text: str, report: Report) -> str:
    """A point as shown: its relative time words with the year they mean, from its
    article's date ("In January [2024] alone"); "(undated article)" where it has none."""
    return mark_years(text, "en", report.article.date, undated="(undated article)")


def _undated_notices(paths: Sequence[str]) -> list[Notice]:
    notices = []
    for path in paths:
        notice = Notice(
            "undated",
            f"{path}: no date in its text, so it is left out of the "
            "period (give it a 'date:' line)",
            path=path,
        )
        log.warning("%s", notice.text)
        notices.append(notice)
    return notices


def _failure_notices(reports: Sequence[Report]) -> list[Notice]:
    return [
        Notice(
            "article_failed",
            f"{r.article.path}: shown untranslated "
            f"with an extractive summary after an error ({r.failure})",
            path=r.article.path,
            detail=r.failure,
        )
        for r in reports
        if r.failure
    ]


def _engine_used(reports: Sequence[Report]) -> str:
    """ "extractive", "abstractive (model)", or both, as the briefing states it."""
    used = sorted(
        {
            r.summary.engine
            if r.summary.model is None
            else f"{r.summary.engine} ({r.summary.model})"
            for r in reports
        }
    )
    return " + ".join(used) or "extractive"
