"""The top of the page: which statements leadership reads first, and what each may cite.

The cross-article brief (:func:`mtsum.summarize.brief_points`) ranks sentences by how central
they are; this module decides what of it reaches "At a glance" and with which sources:

- :func:`supported`: a point cites an article only where that article states it: one of its
  sentences has every figure of the point (value and unit), or, for a point without figures,
  shares most of its content words (``mtsum/data/glance.toml``). The sentence is kept as the
  point's ``support`` for that article.
- :func:`statements`: 1 to 3 statements chosen by importance, not by length: central, stated
  by more articles, recent, carrying news (a figure) rather than the setting (who met where),
  at most one from each article; a statement that points back ("These projects...") takes
  the sentence before it along, or is passed over.

Words and patterns are data; nothing here translates (the brief does that).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from mtsum import languages
from mtsum.dates import find_dates, month_names
from mtsum.model import OTHER, BriefPoint, FigureRow, FigureStatus, GlancePoint, Report
from mtsum.numbers import Amount, read_amounts, same_amount
from mtsum.sentences import content_words

MAX_STATEMENTS = 3
MAX_FIGURES = 5
MIN_FIGURES = 3
PLAN = "plan_progress"  # the measure of "141% of the half-year plan"
MAX_WORDS = 60  # a statement with its antecedent stays readable at a glance


@functools.cache
def _data() -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]

    return tomllib.loads(resources.files("mtsum").joinpath("data/glance.toml").read_text("utf-8"))


@functools.cache
def _pointing_back(lang: str) -> re.Pattern[str]:
    words = sorted(_data()["pointing_back"].get(lang, ()), key=len, reverse=True)
    if not words:
        return re.compile(r"(?!)")
    return re.compile(r"^\W*(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)


@functools.cache
def _patterns(table: str, lang: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in _data()[table].get(lang, ()))


def points_back(text: str, lang: str | None = "en") -> bool:
    """Whether ``text`` begins by pointing back to something before it ("These projects",
    "It", "Đây", "Dette")."""
    return bool(_pointing_back(languages.base(lang)).match(text))


def is_setting(text: str, lang: str | None = "en") -> bool:
    """Whether ``text`` describes the setting of the news (an event, who met where)."""
    return any(p.search(text) for p in _patterns("setting", languages.base(lang)))


def is_target(text: str, lang: str | None = "en") -> bool:
    """Whether ``text`` states a goal or a plan rather than a result."""
    return any(p.search(text) for p in _patterns("target", languages.base(lang)))


def figures_of(text: str, lang: str | None) -> list[Amount]:
    """The figures a sentence states: amounts with a unit and counts, not years or days."""
    found = []
    dates = [(d.start, d.end) for d in find_dates(text, lang)]
    months = month_names(lang)
    for a in read_amounts(text, lang, words=True):
        if a.unit == "time" or a.number.word and a.unit is None or a.text.lower() in months:
            continue
        if a.unit is None and any(s <= a.start < e for s, e in dates):
            continue  # the day of a date
        before = text[: a.start].split()[-1:]
        if a.unit is None and before and before[0].strip(",.").lower() in months:
            continue  # "November 17": a day
        if a.unit is None and a.value == a.value.to_integral() and 1900 <= a.value <= 2100:
            continue  # a year
        found.append(a)
    return found


def _sentences(report: Report) -> list[tuple[str, str | None]]:
    """(sentence, its language): the article's own sentences and, where translated, their
    English."""
    lang = report.detection.lang
    out: list[tuple[str, str | None]] = []
    for s in report.english.sentences:
        out.append((s.source, lang))
        if s.text != s.source:
            out.append((s.text, "en"))
    return out


def _states(point: str, figures: list[Amount], sentence: str, lang: str | None) -> bool:
    if figures:
        have = figures_of(sentence, lang)
        return all(any(same_amount(f, h) for h in have) for f in figures)
    wanted = content_words(point, "en")
    if not wanted:
        return False
    overlap = len(wanted & content_words(sentence, lang)) / len(wanted)
    return overlap >= float(_data()["support"]["min_overlap"])


def supported(point: BriefPoint, reports: Mapping[str, Report]) -> BriefPoint:
    """``point`` citing only the articles that state it, with the sentence of each that does
    (``support``). The article its text comes from states it by definition."""
    figures = figures_of(point.text, "en")
    support = {point.article: point.text}
    for article in point.sources:
        if article in support or article not in reports:
            continue
        for sentence, lang in _sentences(reports[article]):
            if _states(point.text, figures, sentence, lang):
                support[article] = sentence
                break
    sources = tuple(a for a in point.sources if a in support)
    group = tuple((a, s) for a, s in point.group if a in support)
    return dataclasses.replace(point, sources=sources, group=group, support=support)


@dataclass(frozen=True)
class Statement:
    """A statement of "At a glance", in English, before its time words are resolved."""

    text: str
    point: BriefPoint  # the brief's point it comes from
    antecedent: str | None = None  # the sentence before it, taken along


def _antecedent(point: BriefPoint, report: Report | None) -> str | None:
    """The sentence before the point's in its article, when it stands on its own."""
    if report is None:
        return None
    texts = [s.text for s in report.english.sentences]
    try:
        k = texts.index(point.text)
    except ValueError:
        return None
    if k == 0 or points_back(texts[k - 1]):
        return None
    if len((texts[k - 1] + " " + point.text).split()) > MAX_WORDS:
        return None
    return texts[k - 1]


def importance(point: BriefPoint, rank: int, total: int, recency: float = 0.0) -> float:
    """How much a point matters to a reader with two minutes: the brief's rank (centrality),
    the articles that state it, how recent its article is (0 the oldest, 1 the newest), and
    whether it reports a result (a figure) rather than a goal or the setting (an event, who
    met where)."""
    score = 1.0 - rank / max(total, 1)  # the brief's own order, 1 for its first point
    score += 0.5 * (len(point.sources) - 1)  # more articles state it
    score += recency
    if figures_of(point.text, "en"):
        score += 1.0  # news: what was attracted, licensed, disbursed
    elif is_setting(point.text):
        score -= 1.0  # the setting of the news
    if is_target(point.text):
        score -= 0.5  # a goal, not a result
    if len(point.text.split()) > MAX_WORDS:
        score -= 0.5  # a list, not a statement
    return score


def statements(
    points: Sequence[BriefPoint],
    reports: Mapping[str, Report],
    n: int = MAX_STATEMENTS,
    said: Collection[str] = (),
) -> list[Statement]:
    """The ``n`` most important statements of the brief, at most one from each article, in
    order of importance; one that points back takes its antecedent along or is passed over;
    a sentence whose figures the key figures above already say (``said``: their sentences)
    is not said again."""
    dates = sorted({r.article.date for r in reports.values() if r.article.date})

    def recency(point: BriefPoint) -> float:
        date = reports[point.article].article.date if point.article in reports else None
        return dates.index(date) / max(len(dates) - 1, 1) if date else 0.0

    total = len(points)
    ranked = sorted(
        range(total), key=lambda k: (-importance(points[k], k, total, recency(points[k])), k)
    )
    chosen: list[Statement] = []
    used: set[str] = set()
    for k in ranked:
        point = points[k]
        if point.article in used or len(chosen) >= n or point.text in said:
            continue
        statement = Statement(point.text, point)
        if points_back(point.text):
            before = _antecedent(point, reports.get(point.article))
            if before is None:
                continue
            statement = Statement(f"{before} {point.text}", point, before)
        chosen.append(statement)
        used.add(point.article)
    return chosen


def _plain(row: FigureRow) -> bool:
    """A row that can be said in one sentence without a reader misreading it: one value
    that every source agrees on, nothing unclear in the source, a known measure."""
    if row.measure == OTHER or row.measure in _data()["figures"]["leave_out"]:
        return False
    return row.agree and not row.unclear and not row.minor


def key_figures(
    rows: Sequence[FigureRow], reference: dt.date | None = None, n: int = MAX_FIGURES
) -> list[GlancePoint]:
    """The most important rows of the key figures table, one per measure: the table's order
    is the measures' rank with the whole before its parts, actuals before targets and the
    newest period first, so the first plain row of a measure is its strongest; actuals of
    the whole first, then (to reach :data:`MIN_FIGURES`) targets and parts. A share of a
    plan stated with a figure goes with it ("…, 141% of the plan")."""
    plans = [r for r in rows if r.measure == PLAN and _plain(r) and r.scope is None and not r.part]
    sayable = [r for r in rows if r.measure != PLAN and _plain(r)]
    if reference is not None:  # a figure of after the briefing's date is not said at its top
        sayable = [r for r in sayable if not _after(r, reference)]
    chosen = _one_per_measure(sayable, n)
    return [
        GlancePoint(
            "figure",
            sources=tuple(row.articles),
            support={f.article: f.sentence for f in reversed(row.figures)},
            row=row,
            plan=_plan_of(row, plans),
        )
        for row in chosen
    ]


def _one_per_measure(rows: Sequence[FigureRow], n: int) -> list[FigureRow]:
    """Up to ``n`` rows, one per measure, in order: actuals of the whole first, then (to reach
    :data:`MIN_FIGURES`) targets and parts."""
    chosen: list[FigureRow] = []
    for strict, most in ((True, n), (False, MIN_FIGURES)):
        for row in rows:
            whole_result = row.scope is None and not row.part and row.status == FigureStatus.ACTUAL
            taken = row in chosen or any(c.measure == row.measure for c in chosen)
            if len(chosen) < most and not taken and (whole_result or not strict):
                chosen.append(row)
    return chosen


def _after(row: FigureRow, reference: dt.date) -> bool:
    """Whether a row's period (or its guessed date) ends after ``reference``."""
    end = row.period.end if row.period is not None else None
    if end is not None:
        return end > reference.isoformat()
    return row.guessed is not None and row.guessed > reference


def _plan_of(row: FigureRow, plans: Sequence[FigureRow]) -> FigureRow | None:
    """The share of its plan a figure reached, where one of its sentences states it and it is
    a share of this figure's measure; of several, a plan that ends when the figure's period
    does ("US$1.543 billion by the end of June 2024, 141% of the plan for H1 2024")."""
    if str(row.kind) != "money":
        return None  # a plan's share goes with an amount, not with a count or a share
    sentences = {f.sentence for f in row.figures}
    end = row.period.end if row.period else None
    found = [
        plan
        for plan in plans
        if (plan.period and plan.period.key()) == (row.period and row.period.key())
        and plan.of in ("", row.measure)
        and plan.of_kind in ("", row.label)
        and plan.label != "plan_over"  # "exceeding the target by 12%" is not 12% of it
        and sentences & {f.sentence for f in plan.figures}
    ]
    found.sort(key=lambda plan: not (plan.plan and end and plan.plan.end == end))
    return found[0] if found else None
