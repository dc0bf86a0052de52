"""The orchestrator: ingest -> detect -> translate -> summarise -> render, for a batch.

:func:`make_briefing` returns a :class:`Briefing` (plain data); :func:`write_briefing` renders
it to HTML and JSON. A file that cannot be used is recorded as a :class:`Skipped` with its
reason and the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mtsum.detect import Detection, detect_article
from mtsum.errors import InputError, NothingToBrief
from mtsum.ingest import Article, collect_paths, read_articles
from mtsum.sentences import split_sentences
from mtsum.settings import Settings
from mtsum.summarize import BriefPoint, Summary, Unit, brief_points, summarize_sentences
from mtsum.translate import (
    SOURCE,
    TRANSLATED,
    UNTRANSLATED,
    Translation,
    TranslationEngine,
    as_source,
)

log = logging.getLogger(__name__)

TITLE_CHARS = 90


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass(frozen=True)
class Report:
    """Everything the briefing says about one article."""

    article: Article
    detection: Detection
    english: Translation  # the article in English: source, translated or untranslated
    summary: Summary  # from the English text when there is one, else the original
    summary_vi: Translation  # the summary for the Vietnamese part

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
    notices: tuple[str, ...] = ()  # what the reader must know: missing models, unknown languages
    engine: str = "extractive"

    @property
    def period(self) -> tuple[dt.date | None, dt.date | None]:
        dates = sorted(r.article.date for r in self.reports if r.article.date)
        return (dates[0], dates[-1]) if dates else (None, None)

    def report(self, article_id: str) -> Report:
        return next(r for r in self.reports if r.article.id == article_id)

    @property
    def brief_excluded(self) -> list[Report]:
        """Articles left out of the cross-article brief: no English text for them."""
        return [r for r in self.reports if not r.english_available]


@dataclass
class Progress:
    """Callbacks the CLI hooks a progress bar onto; all optional."""

    article: Callable[[str], None] = field(default=lambda path: None)


def _summarize_report(article: Article, detection: Detection, english: Translation,
                      settings: Settings) -> Summary:
    if english.status in (SOURCE, TRANSLATED):
        sentences = [s.text for s in english.sentences]
        return summarize_sentences(sentences, "en", n=settings.sentences)
    sentences = [s.source for s in english.sentences]
    return summarize_sentences(sentences, detection.lang, n=settings.sentences)


def brief_article(article: Article, settings: Settings, engine: TranslationEngine) -> Report:
    """Detect, translate, summarise one article."""
    detection = detect_article(article.paragraphs)
    lang = detection.lang
    english = engine.translate(article.paragraphs, lang, "en")
    summary = _summarize_report(article, detection, english, settings)
    if lang == "vi":
        sentences = [s for p in article.paragraphs for s in split_sentences(p, "vi")]
        vi_summary = summarize_sentences(sentences, "vi", n=settings.sentences)
        summary_vi = as_source(vi_summary.sentences, "vi", "vi", SOURCE)
    elif english.status in (SOURCE, TRANSLATED):
        summary_vi = engine.translate(summary.sentences, "en", "vi")
    else:
        summary_vi = as_source(summary.sentences, lang, "vi", UNTRANSLATED, english.reason)
    return Report(article, detection, english, summary, summary_vi)


def _notices(reports: Sequence[Report], engine: TranslationEngine) -> list[str]:
    notices = []
    for missing in engine.unavailable:
        affected = sum(1 for r in reports if r.english.reason == str(missing)
                       or r.summary_vi.reason == str(missing))
        notices.append(f"{missing}; {affected} article(s) left untranslated")
    for r in reports:
        if not r.detection.known:
            notices.append(f"{r.article.path}: language unknown ({r.detection.reason}); "
                           "left untranslated")
        elif r.detection.mixed:
            notices.append(f"{r.article.path}: mixed languages ({r.detection.reason})")
    return notices


def make_briefing(inputs: Sequence[str | Path], settings: Settings | None = None, *,
                  engine: TranslationEngine | None = None,
                  progress: Progress | None = None) -> Briefing:
    """Read, detect, translate and summarise every article; build the cross-article brief.

    Raises :class:`UsageError` for a missing path or an empty folder, and
    :class:`NothingToBrief` when no file could be used.
    """
    settings = settings or Settings()
    progress = progress or Progress()
    paths = collect_paths(inputs)
    owns_cache = engine is None
    if engine is None:
        from mtsum.cache import Cache

        cache = Cache(settings.resolved_cache_dir) if settings.use_cache else None
        engine = TranslationEngine(settings, cache=cache)
    try:
        reports, skipped = [], []
        for item in read_articles(paths, max_bytes=settings.max_bytes):
            if isinstance(item, InputError):
                log.warning("%s", item)
                skipped.append(Skipped(str(item.path), item.reason))
                progress.article(str(item.path))
                continue
            reports.append(brief_article(item, settings, engine))
            progress.article(item.path)
        if not reports:
            raise NothingToBrief(f"no article could be read ({len(skipped)} skipped)")
        units = [Unit(s.text, r.article.id, i) for r in reports if r.english_available
                 for i, s in enumerate(r.english.sentences)]
        points = brief_points(units, "en", points=settings.brief_points)
        brief = tuple(BriefItem(p, engine.translate([p.text], "en", "vi")) for p in points)
        notices = _notices(reports, engine)
    finally:
        if owns_cache:
            engine.cache.close()
    return Briefing(
        generated=settings.date or dt.date.today(),
        reports=tuple(reports),
        brief=brief,
        skipped=tuple(skipped),
        notices=tuple(notices),
    )
