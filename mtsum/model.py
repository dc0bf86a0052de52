"""The plain data of a run, shared by every stage and by render.

Data flows one way, ``ingest -> detect -> translate -> summarise -> figures -> render``, as
these frozen dataclasses. This module imports nothing of mtsum's: a stage imports it and the
libraries below the stages, and render imports it and no stage.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum


class _StrEnum(str, Enum):
    """A string enum (``enum.StrEnum`` is Python 3.11+): compares and serialises as its
    value, prints as its value."""

    def __str__(self) -> str:
        return str(self.value)


# --- ingest ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    """One source article, cleaned, in its own language."""

    id: str
    path: str
    paragraphs: tuple[str, ...]
    title: str | None = None
    source_url: str | None = None
    date: dt.date | None = None
    # How the date was obtained: "metadata" (front matter), "dateline" (a "date YYYY-MM-DD"
    # line), "byline" (printed under a saved page's headline), "page" (a saved page's tags),
    # "text" (the first date its words give), "title" (the year in its title), or None when
    # the article is undated. Never the file's modification time.
    date_source: str | None = None
    date_precision: str = "day"  # "day", "month" (a month's last day) or "year"
    author: str | None = None  # a saved page's byline
    site: str | None = None  # a saved page's site name
    removed: tuple[str, ...] = field(default=(), compare=False)  # boilerplate lines dropped
    warnings: tuple[str, ...] = field(default=(), compare=False)  # e.g. a bad front matter

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Copy:
    """An article found to be a copy of one that is briefed."""

    id: str
    path: str
    title: str | None
    source_url: str | None
    date: dt.date | None
    site: str | None
    similarity: float  # Jaccard similarity of their shingles (1.0: the same text)


# --- detect ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Detection:
    """The language of a text: langdetect's codes ("en", "vi", "no", "zh-tw"...)."""

    lang: str | None
    confidence: float
    reliable: bool
    mixed: bool = False
    paragraph_langs: tuple[str | None, ...] = ()
    reason: str | None = None  # why it is unreliable or mixed, in words

    @property
    def known(self) -> bool:
        return self.lang is not None


# --- translate -------------------------------------------------------------------------------


class Status(_StrEnum):
    """What a :class:`Translation` holds."""

    SOURCE = "source"  # the text was in the target language already
    TRANSLATED = "translated"
    UNTRANSLATED = "untranslated"  # no model could be had: the original text, marked

    @property
    def readable(self) -> bool:
        """Whether the text is in the target language (as written or translated)."""
        return self is not Status.UNTRANSLATED


@dataclass(frozen=True)
class Sentence:
    source: str
    text: str  # the translation (or the source, when untranslated)
    missing_numbers: tuple[str, ...] = ()  # numbers of the source not found in ``text``
    split: bool = False  # the source was too long for the model and was split
    unexpected_numbers: tuple[str, ...] = ()  # numbers of ``text`` that the source lacks

    @property
    def numbers_differ(self) -> bool:
        return bool(self.missing_numbers or self.unexpected_numbers)


@dataclass(frozen=True)
class Translation:
    source_lang: str | None
    target_lang: str
    status: Status
    paragraphs: tuple[tuple[Sentence, ...], ...]
    model: str | None = None
    reason: str | None = None  # why it is untranslated
    backend: str | None = None  # "CTranslate2 int8", "transformers"

    @property
    def readable(self) -> bool:
        """In the target language: as written, or translated."""
        return Status(self.status).readable

    @property
    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p]

    @property
    def text(self) -> str:
        return "\n\n".join(" ".join(s.text for s in p) for p in self.paragraphs)

    @property
    def number_mismatches(self) -> list[Sentence]:
        return [s for s in self.sentences if s.numbers_differ]


# --- summarise -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Replacement:
    """A generated sentence the number guard kept out, and what was shown instead."""

    generated: str
    numbers: tuple[str, ...]  # its numbers that the source does not contain
    replaced_by: str | None  # the closest source sentence, or None when dropped


@dataclass(frozen=True)
class Summary:
    sentences: tuple[str, ...]
    lang: str | None
    engine: str  # "extractive", or "abstractive" with the model id in ``model``
    model: str | None = None
    indices: tuple[int, ...] = ()  # the chosen source sentences (extractive)
    chunks: int = 1  # abstractive: input pieces summarised separately (map-reduce)
    rounds: int = 1  # abstractive: summarisation passes (2+ when the input was chunked)
    replacements: tuple[Replacement, ...] = ()
    note: str | None = None  # why this engine was used when another was asked for


@dataclass(frozen=True)
class BriefPoint:
    """One point of the cross-article brief, with every article that states it."""

    text: str
    article: str  # the article the representative sentence comes from
    sources: tuple[str, ...]  # all articles that state it, the representative's first
    score: float
    group: tuple[tuple[str, str], ...] = ()  # (article, sentence) of the other articles
    # For each source, the sentence of that article that states the point (mtsum.glance).
    support: dict[str, str] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class GlancePoint:
    """One point of "At a glance": a key figure said as a sentence (``figure``) or a
    statement of the cross-article brief (``statement``), in each part's language."""

    kind: str  # "figure" or "statement"
    # A statement's text by part language; a figure is said from its row in each part.
    texts: dict[str, Translation] = field(default_factory=dict, hash=False)
    sources: tuple[str, ...] = ()  # article ids, the first the one its text comes from
    # For each source, the sentence of that article that states it.
    support: dict[str, str] = field(default_factory=dict, hash=False)
    row: FigureRow | None = None  # a figure: its row of the key figures table
    plan: FigureRow | None = None  # ... and the share of its plan it reached, when stated


# --- figures ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """The time a figure refers to, as written and as dates (either may be open): "first half
    of 2023" is 2023-01-01..2023-06-30; "as of 25 November 2025" has only an end; "to date"
    ends on the article's date (``cumulative``)."""

    text: str
    start: str | None = None  # ISO date
    end: str | None = None  # ISO date
    cumulative: bool = False  # "to date", "cumulative", "lũy kế", "til dags dato"

    def key(self) -> tuple[str | None, str | None]:
        return (self.start, self.end)

    @property
    def start_date(self) -> dt.date | None:
        return dt.date.fromisoformat(self.start) if self.start else None

    @property
    def end_date(self) -> dt.date | None:
        return dt.date.fromisoformat(self.end) if self.end else None

    def within(self, other: Period) -> bool:
        """Whether this period lies inside ``other`` (open ends are unbounded)."""
        lo, hi = other.start or "0000", other.end or "9999"
        return (
            (self.start or "0000") >= lo
            and (self.end or "9999") <= hi
            and (self.start is not None or other.start is None)
        )


@dataclass(frozen=True)
class Selection:
    """The period a briefing covers when one was asked for (``--week``, ``--since``)."""

    start: dt.date | None
    end: dt.date | None
    week: tuple[int, int] | None = None  # ISO (year, week)

    @property
    def name(self) -> str:
        """The output file's suffix: "2024-W08", "2024-02-01_2024-02-29"."""
        if self.week:
            return f"{self.week[0]}-W{self.week[1]:02d}"
        return f"{self.start or 'start'}_{self.end or 'end'}"

    def contains(self, date: dt.date | None) -> bool:
        if date is None:
            return False
        return (self.start is None or date >= self.start) and (self.end is None or date <= self.end)


class Kind(_StrEnum):
    MONEY = "money"
    PERCENT = "percent"
    POINTS = "pp"  # percentage points: a change of a percentage
    COUNT = "count"


class FigureStatus(_StrEnum):
    """What state a figure is in: a result, a goal, projects still applying, or capital added
    to projects that exist already."""

    ACTUAL = "actual"
    TARGET = "target"
    PENDING = "pending"
    ADJUSTED = "adjusted"


OTHER = "other"  # the measure of a figure that fits none


@dataclass(frozen=True)
class Figure:
    kind: Kind
    value: Decimal  # scaled and signed: "US$478 million" -> 478000000
    unit: str  # ISO currency, "%", "pp", or what is counted ("FDI projects")
    text: str  # the figure as written
    sentence: str
    article: str = ""
    lang: str | None = None
    period: Period | None = None
    qualifier: str | None = None  # approx, nearly, over, under, at_least, up_to
    measure: str = OTHER
    measure_text: str = ""  # the words that named the measure, or the figure's own phrase
    status: FigureStatus = FigureStatus.ACTUAL  # a result, a goal, pending, or adjusted
    part: bool = False  # a part of a figure before it ("13.91 billion ..., of which 2.394")
    scope: str | None = None  # None: the subject as a whole; else the words naming the part
    scope_kind: str | None = None  # territory, group, place, project, part
    scope_key: str | None = None  # one key for a scope written several ways ("JP")
    value_high: Decimal | None = None  # a range's upper end ("19,000 - 20,000 USD")
    total: Decimal | None = None  # the whole of "16 out of 21" (21)
    unclear: bool = False  # the source garbles it ("VND 352.62 billion. million USD")
    estimate: bool = False  # the source says it is an estimate ("ước đạt", "estimated at")
    # where it is in its sentence, and where the sentence's other figures are (characters), as
    # read: what the learned scope reading looks at, kept through later deduplication
    span: tuple[int, int] | None = field(default=None, compare=False)
    neighbours: tuple[tuple[int, int], ...] = field(default=(), compare=False)

    @property
    def approximate(self) -> bool:
        return self.qualifier is not None

    @property
    def target(self) -> bool:
        return self.status == FigureStatus.TARGET


@dataclass(frozen=True)
class FigureGroup:
    """Figures from several articles that report one quantity."""

    figures: tuple[Figure, ...]

    @property
    def kind(self) -> Kind:
        return self.figures[0].kind

    @property
    def unit(self) -> str:
        return self.figures[0].unit

    @property
    def measure(self) -> str:
        return self.figures[0].measure

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(f.article for f in self.figures))

    @property
    def agree(self) -> bool:
        return len({f.value for f in self.figures}) == 1

    @property
    def values(self) -> list[Decimal]:
        return sorted({f.value for f in self.figures})


@dataclass(frozen=True)
class Change:
    """A row's change against the row of the previous comparable period."""

    previous: Decimal
    diff: Decimal
    percent: Decimal | None  # of the previous value (money and counts)
    since: Period


@dataclass(frozen=True)
class FigureRow:
    """One row of the key figures table: one measure, scope, status and period, with every
    article's value for it. Language-neutral: the parts and the JSON render it."""

    measure: str
    kind: Kind
    unit: str
    status: FigureStatus
    scope: str | None  # as first written; None: the subject as a whole
    scope_kind: str | None
    scope_key: str | None
    period: Period | None  # the latest of its figures' periods
    figures: tuple[Figure, ...]
    part: bool = False
    guessed: dt.date | None = None  # no period written: as of the article's date (a guess)
    change: Change | None = None
    minor: bool = False  # "other figures": no measure, or a count of minor things
    label: str = ""  # how the measure is named: "share_national", "share_province",
    # "share_of" (with ``whole``), "plan_of" (with ``of`` and ``plan``), else the measure's own
    whole: str = ""  # the whole a share is of, as written
    of: str = ""  # the measure a share of a plan is of ("fdi"), where its sentence says
    of_kind: str = ""  # the kind of that measure ("public" investment), where its words say
    plan: Period | None = None  # the period of the plan it is a share of, as its words name it

    @property
    def values(self) -> list[tuple[Decimal, Decimal | None, Decimal | None]]:
        """The distinct (value, upper end, total) the sources give, in source order."""
        return list(dict.fromkeys((f.value, f.value_high, f.total) for f in self.figures))

    @property
    def agree(self) -> bool:
        return len(self.values) == 1

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(f.article for f in self.figures))

    @property
    def unclear(self) -> bool:
        return any(f.unclear for f in self.figures)

    @property
    def estimate(self) -> bool:
        return any(f.estimate for f in self.figures)

    @property
    def periods(self) -> list[Period]:
        """Every period its figures give (several where articles of different dates state
        one figure "to date")."""
        return list({f.period.key(): f.period for f in self.figures if f.period}.values())


# --- the briefing ----------------------------------------------------------------------------

TITLE_CHARS = 90  # an untitled article is named by its first sentence, cut to this


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str
    kind: str = "other"  # empty, binary, encoding, too_large, link_outside, ... (InputError)


@dataclass(frozen=True)
class Notice:
    """Something the reader must know, said once on stderr (``text``, in English) and shown
    in each part of the briefing in its own language from ``kind`` and the fields."""

    kind: str  # model_missing, model_broken, runtime_missing, summariser_missing,
    #            backend_fallback, language_unknown, mixed, undated, input_warning,
    #            article_failed
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
    # The summary for each part other than English (the pivot), by the part's language.
    summaries: dict[str, Translation] = field(default_factory=dict, hash=False)
    figures: tuple[Figure, ...] = ()  # the article's figures, read in its own language
    failure: str | None = None  # why it was briefed without models (an error in this article)
    # The title for each part, by its language, translated with the body (none: untitled).
    titles: dict[str, Translation] = field(default_factory=dict, hash=False)
    copies: tuple[Copy, ...] = ()  # the same story in other files (mtsum.dedup), not briefed
    above: int = 0  # of its sentences, how many are points above (not repeated in its summary)

    @property
    def english_available(self) -> bool:
        return self.english.readable

    @property
    def display_title(self) -> str:
        """The article's title, else its first sentence shortened."""
        if self.article.title:
            return self.article.title
        # the first sentence, without listing them all
        opening = next((s for p in self.english.paragraphs for s in p), None)
        first = opening.text if opening is not None else self.article.id
        if len(first) <= TITLE_CHARS:
            return first
        return first[:TITLE_CHARS].rsplit(" ", 1)[0] + " …"


@dataclass(frozen=True)
class BriefItem:
    point: BriefPoint  # in English, the pivot
    shown: str = ""  # the point as the English part shows it: time words resolved
    # The point for each other part, by the part's language.
    texts: dict[str, Translation] = field(default_factory=dict, hash=False)


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
    left_out: tuple[str, ...] = ()  # articles dated outside the selected period
    broken_models: tuple[str, ...] = ()  # models that are there but could not be loaded
    parts: tuple[str, ...] = ("en", "vi")  # the parts' languages, English (the pivot) first
    glance: tuple[GlancePoint, ...] = ()  # the top of the page, in order
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
