"""The orchestrator: ingest -> detect -> translate -> summarise -> render, for a batch.

:func:`make_briefing` returns a :class:`Briefing` (plain data); :func:`write_briefing` renders
it to HTML and JSON. A file that cannot be used is recorded as a :class:`Skipped` with its
reason and the batch goes on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mtsum.dates import Selection, select_period
from mtsum.dedup import Copy, CopyFinder
from mtsum.detect import Detection, detect_article
from mtsum.errors import InputError, NothingToBrief, model_name
from mtsum.figures import Figure, FigureRow, figure_table, same_quantity
from mtsum.ingest import Article, find_inputs
from mtsum.prepare import dated, prepared, read_source, source_figures
from mtsum.scope import infer_subject
from mtsum.sentences import split_sentences
from mtsum.settings import Settings
from mtsum.summarize import (
    BriefPoint,
    Summary,
    SummaryEngine,
    Unit,
    brief_points,
    summarize_sentences,
)
from mtsum.translate import (
    SOURCE,
    TRANSLATED,
    UNTRANSLATED,
    Translation,
    TranslationEngine,
    as_source,
)

log = logging.getLogger(__name__)
WINDOW_CHARS = 2_000_000  # a window also ends at this much text (a few huge articles)

TITLE_CHARS = 90


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str
    kind: str = "other"  # empty, binary, encoding, too_large, link_outside, ... (InputError)


@dataclass(frozen=True)
class Notice:
    """Something the reader must know, said once on stderr (``text``, in English) and shown
    in each part of the briefing in its own language from ``kind`` and the fields."""

    kind: str  # model_missing, model_broken, summariser_missing, backend_fallback,
    #            language_unknown, mixed, undated, input_warning, article_failed
    text: str
    path: str | None = None
    model: str | None = None
    detail: str | None = None
    fix: str | None = None
    n: int = 0

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Report:
    """Everything the briefing says about one article."""

    article: Article
    detection: Detection
    english: Translation  # the article in English: source, translated or untranslated
    summary: Summary  # from the English text when there is one, else the original
    summary_vi: Translation  # the summary for the Vietnamese part
    figures: tuple[Figure, ...] = ()  # the article's figures, read in its own language
    failure: str | None = None  # why it was briefed without models (an error in this article)
    title_en: Translation | None = None  # the title for each part, translated with the body
    title_vi: Translation | None = None
    copies: tuple[Copy, ...] = ()  # the same story in other files (mtsum.dedup), not briefed

    @property
    def english_available(self) -> bool:
        return self.english.status in (SOURCE, TRANSLATED)

    @property
    def display_title(self) -> str:
        """The article's title, else its first sentence shortened."""
        if self.article.title:
            return self.article.title
        first = self.english.sentences[0].text if self.english.sentences else self.article.id
        if len(first) <= TITLE_CHARS:
            return first
        return first[:TITLE_CHARS].rsplit(" ", 1)[0] + " …"


@dataclass(frozen=True)
class BriefItem:
    point: BriefPoint
    vi: Translation  # the point for the Vietnamese part


@dataclass(frozen=True)
class Briefing:
    generated: dt.date
    reports: tuple[Report, ...]
    brief: tuple[BriefItem, ...]
    skipped: tuple[Skipped, ...] = ()
    notices: tuple[Notice, ...] = ()  # what the reader must know: missing models, unknown languages
    engine: str = "extractive"
    figures: tuple[FigureRow, ...] = ()  # the key figures table (mtsum.figures.figure_table)
    selection: Selection | None = None  # the period asked for, if any
    outside: int = 0  # articles read but outside the selected period
    undated: tuple[str, ...] = ()  # articles left out of the selected period: no date
    broken_models: tuple[str, ...] = ()  # models that are there but could not be loaded
    subject: str | None = None  # the place the figures are about
    subject_inferred: bool = False  # the place the articles name most (no setting)

    @property
    def copies(self) -> int:
        """Files found to be copies of a briefed article (each listed under it)."""
        return sum(len(r.copies) for r in self.reports)

    @property
    def period(self) -> tuple[dt.date | None, dt.date | None]:
        if self.selection is not None:
            return (self.selection.start, self.selection.end)
        dates = sorted(r.article.date for r in self.reports if r.article.date)
        return (dates[0], dates[-1]) if dates else (None, None)

    @property
    def all_figures(self) -> list[Figure]:
        return [f for r in self.reports for f in r.figures]

    @property
    def timeline(self) -> list[Report]:
        return sorted(self.reports, key=lambda r: (r.article.date or dt.date.max, r.article.id))

    def report(self, article_id: str) -> Report:
        return next(r for r in self.reports if r.article.id == article_id)

    @property
    def failed(self) -> list[Report]:
        """Articles an error kept from the models: briefed untranslated and extractive."""
        return [r for r in self.reports if r.failure]

    @property
    def brief_excluded(self) -> list[Report]:
        """Articles left out of the cross-article brief: no English text for them."""
        return [r for r in self.reports if not r.english_available]


@dataclass
class Progress:
    """Callbacks the CLI hooks a progress bar onto; all optional."""

    article: Callable[[str], None] = field(default=lambda path: None)


def _summarize_report(
    detection: Detection, english: Translation, settings: Settings, summarizer: SummaryEngine
) -> Summary:
    if english.status in (SOURCE, TRANSLATED):
        sentences = [s.text for s in english.sentences]
        return summarizer.summarize(sentences, "en", n=settings.sentences)
    sentences = [s.source for s in english.sentences]
    return summarizer.summarize(sentences, detection.lang, n=settings.sentences)


def resolve_date(article: Article, lang: str | None, reference: dt.date) -> Article:
    """The article with a date (:func:`mtsum.prepare.dated`); a date of its own after the
    briefing's date is kept, with a warning."""
    if article.date is not None and article.date > reference:
        log.warning(
            "%s: its date %s is after the briefing's date %s",
            article.path,
            article.date,
            reference,
        )
    return dated(article, lang, reference)


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
    if lang == "vi":
        sentences = [s for p in article.paragraphs for s in split_sentences(p, "vi")]
        vi_summary = summarize_sentences(sentences, "vi", n=settings.sentences)
        summary_vi = as_source(vi_summary.sentences, "vi", "vi", SOURCE)
    elif english.status in (SOURCE, TRANSLATED):
        summary_vi = engine.translate(summary.sentences, "en", "vi")
    else:
        summary_vi = as_source(summary.sentences, lang, "vi", UNTRANSLATED, english.reason)
    if figures is None:
        figures = source_figures(article, detection)
    title_en, title_vi = _titles(article, lang, engine)
    return Report(
        article,
        detection,
        english,
        summary,
        summary_vi,
        figures,
        title_en=title_en,
        title_vi=title_vi,
    )


def _titles(
    article: Article, lang: str | None, engine: TranslationEngine
) -> tuple[Translation | None, Translation | None]:
    """The title in English and in Vietnamese: the original, a translation, or the original
    marked untranslated."""
    if not article.title:
        return None, None
    english = engine.translate([article.title], lang, "en")
    if lang == "vi":
        vietnamese = as_source([article.title], "vi", "vi", SOURCE)
    elif english.status in (SOURCE, TRANSLATED):
        vietnamese = engine.translate([english.text], "en", "vi")
    else:
        vietnamese = as_source([article.title], lang, "vi", UNTRANSLATED, english.reason)
    return english, vietnamese


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


def _point_vi(text: str, engine: TranslationEngine) -> Translation:
    """A key point in Vietnamese; after an error (a worker that failed every retry) it is
    shown untranslated, with the reason, like an article's summary."""
    try:
        return engine.translate([text], "en", "vi")
    except Exception as exc:  # noqa: BLE001 - one point, not the briefing
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        log.warning("a key point could not be translated (%s): shown untranslated", reason)
        return as_source([text], "en", "vi", UNTRANSLATED, reason)


def brief_window(
    items: Sequence[tuple[Article, Detection, tuple[Figure, ...] | None]],
    settings: Settings,
    engine: TranslationEngine,
    summarizer: SummaryEngine,
) -> list[Report]:
    """Brief a window of (article, detection, figures read ahead or None), translating their
    sentences together: first every article's text and title into English (one set of
    batches per model, sorted by length across the articles), then their summaries and
    titles into Vietnamese, then each report. Each article still fails alone
    (:func:`brief_article_safely`)."""
    engine.prefetch(
        [(a.paragraphs, d.lang, "en") for a, d, _ in items]
        + [([a.title], d.lang, "en") for a, d, _ in items if a.title]
    )
    made: list[dict] = []
    to_vietnamese = []
    for article, detection, figures in items:
        try:
            english = engine.translate(article.paragraphs, detection.lang, "en")
            summary = _summarize_report(detection, english, settings, summarizer)
        except Exception:  # noqa: BLE001 - briefed again below, where it fails alone
            made.append({"figures": figures})
            continue
        made.append({"english": english, "summary": summary, "figures": figures})
        if detection.lang != "vi" and english.status in (SOURCE, TRANSLATED):
            to_vietnamese.append((summary.sentences, "en", "vi"))
            if article.title:
                title = engine.translate([article.title], detection.lang, "en")
                if title.status in (SOURCE, TRANSLATED):
                    to_vietnamese.append(([title.text], "en", "vi"))
    engine.prefetch(to_vietnamese)
    reports = [
        brief_article_safely(article, settings, engine, summarizer, detection, **kw)
        for (article, detection, _), kw in zip(items, made)
    ]
    engine.forget()
    return reports


def fallback_report(
    article: Article, detection: Detection, settings: Settings, reason: str
) -> Report:
    """The article as the embedded defaults brief it: its own text, an extractive summary
    (the lead sentences if even that fails), its figures where they can be read."""
    lang = detection.lang
    status = SOURCE if lang == "en" else UNTRANSLATED
    english = as_source(article.paragraphs, lang, "en", status, reason)
    sentences = [s.source for s in english.sentences]
    try:
        summary = summarize_sentences(sentences, lang, n=settings.sentences)
    except Exception:  # the extractive summariser failed on this text too: its lead
        summary = Summary(tuple(sentences[: settings.sentences]), lang, "extractive")
    summary_vi = as_source(
        summary.sentences, lang, "vi", SOURCE if lang == "vi" else UNTRANSLATED, reason
    )
    try:
        figures = source_figures(article, detection)
    except Exception:
        figures = ()
    return Report(article, detection, english, summary, summary_vi, figures, failure=reason)


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
            if r.english.reason == str(missing) or r.summary_vi.reason == str(missing)
        )
        notices.append(
            Notice(
                "model_broken" if missing.broken else "model_missing",
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


def make_briefing(
    inputs: Sequence[str | Path],
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
    owns_cache = engine is None
    if engine is None:
        from mtsum.cache import open_cache

        engine = TranslationEngine(settings, cache=open_cache(settings))
    summarizer = SummaryEngine(settings, cache=engine.cache, backends=engine.backends)
    reference = settings.date or dt.date.today()
    try:
        # Articles stream through: each is read, detected and briefed before the next is read.
        # Only --week latest must see every date first: it keeps dates, not text, and reads
        # the chosen articles again.
        latest = (settings.week or "").lower() == "latest"
        if latest and (settings.since or settings.until):
            select_period(settings.week, settings.since, settings.until)  # raises
        selection = None if latest else select_period(settings.week, settings.since, settings.until)
        reports, skipped, held, undated, warnings, read = [], [], [], [], [], 0
        finder = CopyFinder() if settings.dedup else None
        copies: dict[str, list[Copy]] = {}

        def copy_of(article: Article, lang: str | None) -> bool:
            """Whether ``article`` is a copy of a story already briefed (then it is listed
            under that one, not briefed again)."""
            if finder is None:
                return False
            match = finder.match(article.id, article.text, lang)
            if match is None:
                return False
            copies.setdefault(match[0], []).append(
                Copy(
                    article.id,
                    article.path,
                    article.title,
                    article.source_url,
                    article.date,
                    article.site,
                    match[1],
                )
            )
            log.info(
                "%s: a copy of %s (similarity %.2f): listed, not briefed again",
                article.path,
                match[0],
                match[1],
            )
            return True

        # Articles wait in a window of settings.window (or WINDOW_CHARS of text), whose
        # sentences are translated together (full batches, and enough chunks for every Ray
        # worker); only the window is held in memory. Its bounds depend on the input alone,
        # so both executors cut the same windows.
        window: list[tuple[Article, Detection, tuple[Figure, ...] | None]] = []
        held_chars = [0]

        def flush() -> None:
            if window:
                reports.extend(brief_window(window, settings, engine, summarizer))
                for article, _, _ in window:
                    progress.article(article.path)
                window.clear()
                held_chars[0] = 0

        def add(
            article: Article, detection: Detection, figures: tuple[Figure, ...] | None = None
        ) -> None:
            window.append((article, detection, figures))
            held_chars[0] += sum(map(len, article.paragraphs))
            if len(window) >= settings.window or held_chars[0] >= WINDOW_CHARS:
                flush()

        for problem in found.problems:
            log.warning("%s", problem)
            skipped.append(Skipped(str(problem.path), problem.reason, problem.kind))
        for ready in prepared(found.sources, settings, reference):
            source, item, detection = ready.source, ready.item, ready.detection
            if isinstance(item, InputError):
                log.warning("%s", item)
                skipped.append(Skipped(str(item.path), item.reason, item.kind))
                progress.article(source.display)
                continue
            read += 1
            for warning in item.warnings:
                log.warning("%s: %s", item.path, warning)
                warnings.append(
                    Notice(
                        "input_warning", f"{item.path}: {warning}", path=item.path, detail=warning
                    )
                )
            article = resolve_date(item, detection.lang, reference)  # dated ahead: a warning
            if selection is not None or latest:
                if article.date is None or article.date_precision == "year":
                    undated.append(article.path)
                    progress.article("")
                    continue
            if latest:
                held.append((source, dataclasses.replace(article, paragraphs=()), detection))
            elif selection is None or selection.contains(article.date):
                if copy_of(article, detection.lang):
                    progress.article(article.path)
                else:
                    add(article, detection, ready.figures)
            else:
                progress.article("")  # outside the period: counted, not briefed
        flush()
        if not read:
            raise NothingToBrief(f"no article could be read ({len(skipped)} skipped)")
        if latest:
            selection = select_period(
                settings.week, reference=reference, dates=[a.date for _, a, _ in held if a.date]
            )
            for source, light, detection in held:
                if not selection.contains(light.date):
                    progress.article("")
                    continue
                try:
                    full = read_source(source, settings)
                except InputError as exc:  # changed or removed since the first pass
                    log.warning("%s", exc)
                    skipped.append(Skipped(str(exc.path), exc.reason, exc.kind))
                    continue
                full = dataclasses.replace(
                    full,
                    date=light.date,
                    date_source=light.date_source,
                    date_precision=light.date_precision,
                )
                if copy_of(full, detection.lang):
                    progress.article(light.path)
                else:
                    add(full, detection)
            flush()
            del held
        reports = [
            dataclasses.replace(r, copies=tuple(copies[r.article.id]))
            if r.article.id in copies
            else r
            for r in reports
        ]
        if not reports:
            raise NothingToBrief(
                f"none of the {read} articles is dated within {selection.start} – {selection.end}"
            )
        units = [
            Unit(s.text, r.article.id, i)
            for r in reports
            if r.english_available
            for i, s in enumerate(r.english.sentences)
        ]
        dated = sorted({r.article.date for r in reports if r.article.date})
        recency = {
            r.article.id: (dated.index(r.article.date) / max(len(dated) - 1, 1))
            for r in reports
            if r.article.date
        }
        points = brief_points(
            units,
            "en",
            points=settings.brief_points,
            linked=_figure_link(reports, units),
            recency=recency,
        )
        engine.prefetch([([p.text], "en", "vi") for p in points])  # one set of batches
        brief = tuple(BriefItem(p, _point_vi(p.text, engine)) for p in points)
        engine.forget()
        notices = _notices(reports, engine, summarizer) + warnings
        for path in undated:
            notice = Notice(
                "undated",
                f"{path}: no date in its text, so it is left out of the "
                "period (give it a 'date:' line)",
                path=path,
            )
            log.warning("%s", notice.text)
            notices.append(notice)
        subject = settings.subject or infer_subject(
            text for r in reports for text in (r.article.title or "", *r.article.paragraphs)
        )
        figures = tuple(figure_table(reports, subject))
    finally:
        if owns_cache:
            engine.cache.close()
            engine.close()
    for r in reports:
        if r.failure:
            notices.append(
                Notice(
                    "article_failed",
                    f"{r.article.path}: shown untranslated "
                    f"with an extractive summary after an error ({r.failure})",
                    path=r.article.path,
                    detail=r.failure,
                )
            )
    return Briefing(
        generated=reference,
        reports=tuple(reports),
        brief=brief,
        skipped=tuple(skipped),
        notices=tuple(notices),
        engine=_engine_used(reports),
        figures=figures,
        selection=selection,
        outside=read - len(reports) - len(undated),
        undated=tuple(undated),
        broken_models=tuple(dict.fromkeys(e.model for e in engine.unavailable if e.broken)),
        subject=subject,
        subject_inferred=settings.subject is None and subject is not None,
    )


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
