"""Formatting per locale: how each part of a briefing writes numbers, money, dates, periods.

Everything a reader sees in a part is written in that part's language and conventions, with
no model: "US$1.543 billion" / "1,543 tỷ USD"; "Q1 2024" / "quý I/2024"; "H1 2023" / "6 tháng
đầu năm 2023"; "2023" / "năm 2023"; "as of 30 June 2024" / "tính đến 30/06/2024". Words come
from ``data/labels/<lang>.toml``; numbers and month names from Babel's locale data.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal
from importlib import resources

from mtsum import languages

PART_LANGS = ("en", "vi")


@functools.cache
def labels(lang: str) -> dict:
    """The words of one part (``data/labels/<lang>.toml``)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    text = resources.files("mtsum").joinpath(f"data/labels/{lang}.toml").read_text("utf-8")
    return tomllib.loads(text)


def _locale(lang: str) -> str:
    return languages.babel_locale(lang)


def format_date(value: dt.date | None, lang: str) -> str:
    """ "25 November 2025" / "25/11/2025" (each language's usual way)."""
    if value is None:
        return labels(lang)["date_unknown"]
    if lang == "vi":
        return value.strftime("%d/%m/%Y")
    from babel.dates import format_date as babel_date

    return babel_date(value, format="d MMMM y", locale=_locale(lang))


def format_month(year: int, month: int, lang: str) -> str:
    if lang == "vi":
        return f"tháng {month}/{year}"
    from babel.dates import format_date as babel_date

    return babel_date(dt.date(year, month, 1), format="MMMM y", locale=_locale(lang))


def format_number(value, lang: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_locale(lang))


def _compact(value, lang: str) -> str:
    from babel.numbers import format_compact_decimal, format_decimal

    if abs(value) < 10**6:
        return format_decimal(value, locale=_locale(lang))
    return format_compact_decimal(
        value, format_type="long", locale=_locale(lang), fraction_digits=6
    )


def format_money(value, currency: str, lang: str) -> str:
    """ "US$3.1 billion" in English, "3,1 tỷ USD" in Vietnamese: no conversion, ever."""
    amount = _compact(value, lang)
    if lang == "en":
        return f"US${amount}" if currency == "USD" else f"{currency} {amount}"
    return f"{amount} {currency}"


def format_percent(value, lang: str) -> str:
    return format_number(value, lang) + "%"


def count_unit(figure, lang: str) -> tuple[str, bool]:
    """What a count counts, in ``lang``: (words, as written). In its own language a count
    keeps its article's words ("more than 60 delegations", "200 foreign-invested
    businesses"); in another, a count whose measure the lexicon knows is named in the part's
    language (as foreign investment where its words say so: "dự án FDI"), and any other keeps
    its own words, marked."""
    from mtsum.figures import narrowed

    if figure.lang and languages.base(figure.lang) == lang:
        return figure.unit, False
    L = labels(lang)
    foreign = re.search(r"foreign|fdi|nước ngoài|utenlandsk|direkteinvest", figure.unit, re.I)
    known = (L.get("measure_unit_foreign", {}) if foreign else {}).get(figure.measure) or L[
        "measure_unit"
    ].get(figure.measure)
    if known and not narrowed(figure):  # "12 Japanese investment projects" stays as written
        return known, False
    return figure.unit, True


def format_figure(figure, lang: str) -> str:
    """A figure's value in ``lang`` ("US$1.543 billion", "51,6%", "130 dự án")."""
    if figure.kind == "money":
        return format_money(figure.value, figure.unit, lang)
    if figure.kind == "percent":
        return format_percent(figure.value, lang)
    if figure.kind == "pp":
        return f"{format_number(figure.value, lang)} {labels(lang)['pp']}"
    unit, _ = count_unit(figure, lang)
    return f"{_compact(figure.value, lang)} {unit}"


def qualifier(key: str | None, lang: str) -> str:
    return labels(lang).get(f"q_{key}", "") if key else ""


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _month_end(year: int, month: int) -> dt.date:
    import calendar

    return dt.date(year, month, calendar.monthrange(year, month)[1])


def format_period(period, lang: str) -> str:
    """A figure's period as people write it: "2023" / "năm 2023", "Q1 2024" / "quý I/2024",
    "H1 2023" / "6 tháng đầu năm 2023", "Jan–Oct 2025" / "10 tháng đầu năm 2025", "as of 30
    June 2024" / "tính đến 30/06/2024", "to date (17 November 2023)" / "lũy kế đến
    17/11/2023"."""
    if period is None or (period.start is None and period.end is None):
        return ""
    start = dt.date.fromisoformat(period.start) if period.start else None
    end = dt.date.fromisoformat(period.end) if period.end else None
    vi = lang == "vi"
    if start is None:
        if period.cumulative:
            return (
                f"lũy kế đến {format_date(end, lang)}"
                if vi
                else f"to date ({format_date(end, lang)})"
            )
        if end.month == 12 and end.day == 31:
            return f"đến hết năm {end.year}" if vi else f"by the end of {end.year}"
        if end == _month_end(end.year, end.month) and end.day != 1:
            return (
                f"đến hết tháng {end.month}/{end.year}"
                if vi
                else f"by the end of {format_month(end.year, end.month, lang)}"
            )
        return f"tính đến {format_date(end, lang)}" if vi else f"as of {format_date(end, lang)}"
    if end is None:
        return f"từ {format_date(start, lang)}" if vi else f"from {format_date(start, lang)}"
    whole_months = start.day == 1 and end == _month_end(end.year, end.month)
    if period.cumulative and start.month == 1 and start.day == 1:
        return (
            f"từ năm {start.year} đến {format_date(end, lang)}"
            if vi
            else f"{start.year} to {format_date(end, lang)}"
        )
    if whole_months and start.year == end.year:
        first, last, year = start.month, end.month, start.year
        if first == 1 and last == 12:
            return f"năm {year}" if vi else str(year)
        if last - first == 2 and first % 3 == 1:
            q = (first + 2) // 3
            return f"quý {_ROMAN[q]}/{year}" if vi else f"Q{q} {year}"
        if first == 1 and last == 6:
            return f"6 tháng đầu năm {year}" if vi else f"H1 {year}"
        if first == 7 and last == 12:
            return f"6 tháng cuối năm {year}" if vi else f"H2 {year}"
        if first == last:
            return format_month(year, first, lang)
        if first == 1:
            return (
                f"{last} tháng đầu năm {year}"
                if vi
                else f"{_month_abbr(1, lang)}–{_month_abbr(last, lang)} {year}"
            )
        return (
            f"tháng {first}–{last}/{year}"
            if vi
            else f"{_month_abbr(first, lang)}–{_month_abbr(last, lang)} {year}"
        )
    if whole_months and start.month == 1 and end.month == 12:
        return f"giai đoạn {start.year}–{end.year}" if vi else f"{start.year}–{end.year}"
    return f"{format_date(start, lang)} – {format_date(end, lang)}"


def _month_abbr(month: int, lang: str) -> str:
    from babel.dates import format_date as babel_date

    return babel_date(dt.date(2000, month, 1), format="MMM", locale=_locale(lang))


def format_span(start: dt.date | None, end: dt.date | None, lang: str) -> str:
    """The dates a briefing covers: "19–25 February 2024" / "19/02/2024 – 25/02/2024"."""
    if start is None:
        return labels(lang)["period_unknown"]
    if end is None or start == end:
        return format_date(start, lang)
    if lang != "vi" and start.year == end.year and start.month == end.month:
        return f"{start.day}–{format_date(end, lang)}"
    return f"{format_date(start, lang)} – {format_date(end, lang)}"


def language_name(code: str | None, lang: str, *, in_sentence: bool = False) -> str:
    """The name of language ``code`` in language ``lang`` ("Norwegian", "tiếng Na Uy")."""
    from babel import Locale

    if code is None:
        return labels(lang)["language_unknown"]
    name = Locale.parse(_locale(lang)).languages.get(languages.babel_name(code), code)
    if in_sentence and lang == "vi":
        return name[:1].lower() + name[1:]
    return name[:1].upper() + name[1:]


def compact_value(value: Decimal, lang: str) -> str:
    """A value for a chart's label in the unit of its axis (already divided)."""
    from babel.numbers import format_decimal

    return format_decimal(round(value, 2), locale=_locale(lang))
