"""Charts of key figures: one measure per chart, readable without a mouse and in print.

A chart shows the money figures of one measure, one unit and one kind of period (a cumulative
total to a date, or amounts per year / half / quarter), when they have at least two dates.
A figure "as of" or "by the end of" a date is not charted: it may be a total to that date or
the year's amount so far ("by the end of June 2024, the province had attracted US$1.543
billion": half a year's FDI, not the province's total), and a line through such points
would read as one or the other; the key figures table shows them as written. Each point is
labelled with its value and its source's number; the time axis has every year; the value
axis carries its unit; the chart has a text description and its data as a table. Targets
are left out (they are not results). No JavaScript.
"""

# Long on purpose (over 60 lines or cyclomatic complexity 20; tests/test_shape.py):
#   _chart: an SVG chart's geometry, axis and labels, as one drawing
#   charts: which series become charts, and their points

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal

from mtsum.formats import compact_value, format_period, labels, qualifier
from mtsum.measures import measure_label
from mtsum.model import Figure

WIDTH, HEIGHT = 480, 250
LEFT, RIGHT, TOP, BOTTOM = 52, 16, 26, 34
MAX_CHARTS = 4

_SCALES = [
    (12, {"en": "trillion", "vi": "nghìn tỷ"}),
    (9, {"en": "billion", "vi": "tỷ"}),
    (6, {"en": "million", "vi": "triệu"}),
    (3, {"en": "thousand", "vi": "nghìn"}),
    (0, {"en": "", "vi": ""}),
]


@dataclass
class Point:
    x: float
    y: float
    value: str  # in the axis's unit ("13.91")
    period: str  # as people write it
    source: int  # the article's number in the briefing
    article: str
    label_y: float = 0.0
    bar_height: float = 0.0


@dataclass
class Chart:
    title: str
    unit: str  # of the value axis ("US$ billion" / "tỷ USD")
    desc: str  # the whole chart in words, for screen readers and print
    bars: bool  # amounts per period (bars) or totals to a date (a line)
    points: list[Point] = field(default_factory=list)
    yticks: list[tuple[float, str]] = field(default_factory=list)
    xticks: list[tuple[float, str]] = field(default_factory=list)
    line: str = ""  # SVG points of the line through a total's points
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = RIGHT
    top: int = TOP
    bottom: int = BOTTOM
    baseline: float = 0.0


def _shape(f: Figure) -> str | None:
    """Which kind of period a figure has: "cumulative", "as of", or the length of its
    period in months ("12", "6", "3"...); None where it cannot be placed on a time axis."""
    p = f.period
    if p is None or p.end is None:
        return None
    if p.start is None:
        return "cumulative" if p.cumulative else "as of"
    start, end = dt.date.fromisoformat(p.start), dt.date.fromisoformat(p.end)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    return str(months) if start.day == 1 else None


_SHAPE_WORDS = {
    "cumulative": {"en": "cumulative", "vi": "lũy kế"},
    "12": {"en": "per year", "vi": "theo năm"},
    "6": {"en": "per half-year", "vi": "theo nửa năm"},
    "3": {"en": "per quarter", "vi": "theo quý"},
    "1": {"en": "per month", "vi": "theo tháng"},
}


def _nice_step(top: float) -> float:
    raw = top / 4
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for step in (1, 2, 2.5, 5, 10):
        if raw <= step * power:
            return step * power
    return 10 * power


def _unit(currency: str, exponent: int, lang: str) -> str:
    word = dict(_SCALES)[exponent][lang]
    if lang == "vi":
        name = "đồng" if currency == "VND" else currency
        return f"{word} {name}".strip()
    return f"{'US$' if currency == 'USD' else currency} {word}".strip()


def charts(
    figures: list[Figure],
    lang: str,
    number: dict[str, int],
    written: dict[str, dt.date | None] | None = None,
) -> list[Chart]:
    """The charts for one part: at most :data:`MAX_CHARTS`, those with the most points
    first. ``number``: each article's number in the briefing; ``written``: each article's
    date, so a period still running when it was written (a year to date) is left out.

    Where one article gives several values for one date (a total and its parts: "13.91
    billion USD ..., of which 2,394 million USD from Japan"), the chart shows the largest,
    the total; the key figures table shows them all."""
    written = written or {}
    groups: dict[tuple, list[Figure]] = {}
    for f in figures:
        shape = _shape(f)
        if (
            f.kind != "money"
            or f.status != "actual"
            or f.part
            or f.scope is not None  # a part or another place: not the subject's series
            or f.unclear  # garbled in its source: never charted
            or f.value_high is not None
            or f.measure == "other"
            or shape in (None, "as of")
            or f.value <= 0
        ):
            continue
        date = written.get(f.article)
        if shape != "cumulative" and date and f.period.end > date.isoformat():
            continue  # a year still running is no year
        groups.setdefault((f.measure, f.unit, shape), []).append(f)
    made = []
    for (measure, currency, shape), members in groups.items():
        largest: dict[tuple, Figure] = {}
        for m in members:
            key = (m.article, m.period.end)
            if key not in largest or m.value > largest[key].value:
                largest[key] = m
        members = list(largest.values())
        if len({m.period.end for m in members}) < 2:
            continue
        made.append(_chart(measure, currency, shape, members, lang, number))
    made.sort(key=lambda c: -len(c.points))
    return made[:MAX_CHARTS]


def _chart(
    measure: str,
    currency: str,
    shape: str,
    members: list[Figure],
    lang: str,
    number: dict[str, int],
) -> Chart:
    L = labels(lang)
    top_value = max(m.value for m in members)
    exponent = next(
        e for e, _ in _SCALES if top_value >= Decimal(10) ** e * Decimal("0.9") or e == 0
    )
    scale = Decimal(10) ** exponent
    unit = _unit(currency, exponent, lang)
    shape_word = _SHAPE_WORDS.get(
        shape, {"en": f"per {shape} months", "vi": f"theo {shape} tháng"}
    )[lang]
    name = measure_label(measure, lang)
    title = f"{name} ({shape_word})"
    bars = shape != "cumulative"

    def where(m: Figure) -> dt.date:
        """A total at its date; an amount per period at the middle of its period."""
        end = dt.date.fromisoformat(m.period.end)
        if not bars:
            return end
        start = dt.date.fromisoformat(m.period.start)
        return start + (end - start) / 2

    dates = sorted({where(m) for m in members})
    first, last = dates[0], dates[-1]
    pad = max(30, (last - first).days // 12)
    lo, hi = first - dt.timedelta(days=pad), last + dt.timedelta(days=pad)
    span = (hi - lo).days
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(d: dt.date) -> float:
        return round(LEFT + plot_w * (d - lo).days / span, 1)

    y_top = float(top_value / scale) * 1.15
    step = _nice_step(y_top)
    y_max = step * math.ceil(y_top / step)

    def y(v: float) -> float:
        return round(TOP + plot_h * (1 - v / y_max), 1)

    chart = Chart(title, unit, "", bars, baseline=y(0))
    k = 0.0
    while k <= y_max + 1e-9:
        chart.yticks.append((y(k), compact_value(Decimal(str(k)), lang)))
        k += step
    from babel.dates import format_date

    if bars and shape == "12":  # amounts per year: each year named under its bar
        for year in range(lo.year, hi.year + 1):
            mid = dt.date(year, 7, 1)
            if lo <= mid <= hi:
                chart.xticks.append((x(mid), str(year)))
    else:
        for year in range(lo.year, hi.year + 2):
            jan = dt.date(year, 1, 1)
            if lo <= jan <= hi:
                chart.xticks.append((x(jan), str(year)))
        if len(chart.xticks) < 2:  # less than two years: quarters too, the first with its year
            january = next(
                (
                    dt.date(y, 1, 1)
                    for y in range(lo.year, hi.year + 2)
                    if lo <= dt.date(y, 1, 1) <= hi
                ),
                None,
            )
            ticks = []
            for year in range(lo.year, hi.year + 1):
                for month in (4, 7, 10):
                    d = dt.date(year, month, 1)
                    if lo <= d <= hi:
                        ticks.append(d)
            for k, d in enumerate(ticks):
                text = format_date(d, "MMM", locale=lang) if lang != "vi" else f"T{d.month}"
                if k == 0 and (january is None or d < january):  # "Jul 2023 Oct 2024 Apr"
                    text += f" {d.year}"
                chart.xticks.append((x(d), text))
            chart.xticks.sort()
    ordered = sorted(members, key=lambda m: (m.period.end, m.value))
    for m in ordered:
        value = m.value / scale
        px, py = x(where(m)), y(float(value))
        said = qualifier(m.qualifier, lang)  # "over 3.1": a verb's "topped" too
        chart.points.append(
            Point(
                px,
                py,
                f"{said} {compact_value(value, lang)}".strip(),
                format_period(m.period, lang),
                number.get(m.article, 0),
                m.article,
                bar_height=round(chart.baseline - py, 1),
            )
        )
    for i, p in enumerate(chart.points):  # labels above; a neighbour too close goes below
        close = (
            i
            and abs(p.x - chart.points[i - 1].x) < 40
            and chart.points[i - 1].label_y < chart.points[i - 1].y
        )
        p.label_y = p.y + 16 if close and p.y + 16 < chart.baseline - 2 else p.y - 8
    if not bars:
        chart.line = " ".join(f"{p.x},{p.y}" for p in chart.points)
    chart.desc = L["chart_desc"].format(
        measure=title,
        unit=unit,
        points="; ".join(f"{p.value} ({p.period}, [{p.source}])" for p in chart.points),
    )
    return chart
