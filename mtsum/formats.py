"""Formatting per locale: how each part of a briefing writes numbers, money, dates, periods.

Everything a reader sees in a part is written in that part's language and conventions, with
no model: "US$1.543 billion" / "1,543 tỷ USD"; "Q1 2024" / "quý I/2024"; "H1 2023" / "6 tháng
đầu năm 2023"; "2023" / "năm 2023"; "as of 30 June 2024" / "tính đến 30/06/2024". Words come
from ``data/labels/<lang>.toml``; numbers and month names from Babel's locale data.
"""

from __future__ import annotations

import datetime as dt
import decimal
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


@functools.cache
def _locale(lang: str):
    """Babel's locale for a part, parsed once: a briefing of 10,000 articles formatted
    dates and names with about 94,000 locales parsed from their names."""
    from babel import Locale

    return Locale.parse(languages.babel_locale(lang))


@functools.lru_cache(maxsize=4096)
def _babel_date(value: dt.date, key: str, lang: str) -> str:
    from babel.dates import format_date as babel_date

    return babel_date(value, format=labels(lang)["format"][key], locale=_locale(lang))


def format_date(value: dt.date | None, lang: str) -> str:
    """ "25 November 2025" / "25/11/2025" (each language's usual way)."""
    if value is None:
        return labels(lang)["date_unknown"]
    return _babel_date(value, "date", lang)


def format_month(year: int, month: int, lang: str) -> str:
    """ "June 2024" / "tháng 6/2024"."""
    return _babel_date(dt.date(year, month, 1), "month", lang)


# Babel rounds in the current decimal context: a value of more digits than its precision (28)
# ("0-10000000000000000000000000000000000", a hostile input read as a range) would raise
# decimal.InvalidOperation and stop the page. Formatting runs with room for any value read.
_ROOM = decimal.Context(prec=200, Emax=999_999, Emin=-999_999)


def format_number(value, lang: str) -> str:
    from babel.numbers import format_decimal

    with decimal.localcontext(_ROOM):
        return format_decimal(value, locale=_locale(lang))


def _compact(value, lang: str) -> str:
    from babel.numbers import format_compact_decimal, format_decimal

    with decimal.localcontext(_ROOM):
        if abs(value) < 10**6:
            return format_decimal(value, locale=_locale(lang))
        return format_compact_decimal(
            value, format_type="long", locale=_locale(lang), fraction_digits=6
        )


def format_money(value, currency: str, lang: str) -> str:
    """ "US$3.1 billion" in English, "3,1 tỷ USD" in Vietnamese: no conversion, ever."""
    pattern = labels(lang)["format"]["money_usd" if currency == "USD" else "money"]
    return pattern.format(amount=_compact(value, lang), currency=currency)


def format_percent(value, lang: str) -> str:
    return format_number(value, lang) + "%"


_FOREIGN = re.compile(r"foreign|fdi|nước ngoài|utenlandsk|direkteinvest", re.IGNORECASE)


def count_unit(figure, lang: str) -> tuple[str, bool]:
    """What a count counts, in ``lang``: (words, as written). In its own language a count
    keeps its article's words ("more than 60 delegations", "200 foreign-invested
    businesses"); in another, a count whose measure the lexicon knows is named in the part's
    language (as foreign investment where its words say so: "dự án FDI"), and any other keeps
    its own words, marked."""
    from mtsum.measures import narrowed

    if figure.lang and languages.base(figure.lang) == lang:
        return figure.unit, False
    L = labels(lang)
    foreign = _FOREIGN.search(figure.unit)
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
    """A figure's period as people write it (the part's ``[period]`` patterns): "2023" /
    "năm 2023", "Q1 2024" / "quý I/2024", "H1 2023" / "6 tháng đầu năm 2023", "Jan–Oct 2025"
    / "10 tháng đầu năm 2025", "as of 30 June 2024" / "tính đến 30/06/2024", "to date (17
    November 2023)" / "lũy kế đến 17/11/2023"."""
    if period is None or (period.start is None and period.end is None):
        return ""
    start = dt.date.fromisoformat(period.start) if period.start else None
    end = dt.date.fromisoformat(period.end) if period.end else None
    P = labels(lang)["periods"]
    if start is None:
        assert end is not None
        return _period_to(end, period.cumulative, P, lang)
    if end is None:
        return P["from"].format(start=format_date(start, lang))
    if period.cumulative and start.month == 1 and start.day == 1:
        return P["year_to"].format(start_year=start.year, end=format_date(end, lang))
    whole_months = start.day == 1 and end == _month_end(end.year, end.month)
    if whole_months and start.year == end.year:
        return _months(start.month, end.month, start.year, P, lang)
    if whole_months and start.month == 1 and end.month == 12:
        return P["years"].format(start_year=start.year, end_year=end.year)
    return P["span"].format(start=format_date(start, lang), end=format_date(end, lang))


def _period_to(end: dt.date, cumulative: bool, P: dict, lang: str) -> str:
    """A period with only an end: to date, by the end of a year or month, as of a day."""
    if cumulative:
        return P["to_date"].format(end=format_date(end, lang))
    if end.month == 12 and end.day == 31:
        return P["end_of_year"].format(year=end.year)
    if end == _month_end(end.year, end.month) and end.day != 1:
        return P["end_of_month"].format(month=format_month(end.year, end.month, lang))
    return P["as_of"].format(end=format_date(end, lang))


def _months(first: int, last: int, year: int, P: dict, lang: str) -> str:
    """Whole months of one year: the year, a quarter, a half, a month, or a run of months."""
    if first == 1 and last == 12:
        return P["year"].format(year=year)
    if last - first == 2 and first % 3 == 1:
        q = (first + 2) // 3
        return P["quarter"].format(q=q, q_roman=_ROMAN[q], year=year)
    if (first, last) in ((1, 6), (7, 12)):
        return P["h1" if first == 1 else "h2"].format(year=year)
    if first == last:
        return format_month(year, first, lang)
    fields = {
        "first": first,
        "last": last,
        "year": year,
        "first_short": _month_abbr(first, lang),
        "last_short": _month_abbr(last, lang),
    }
    return P["first_months" if first == 1 else "months"].format(**fields)


def _month_abbr(month: int, lang: str) -> str:
    return _babel_date(dt.date(2000, month, 1), "month_short", lang)


def format_span(start: dt.date | None, end: dt.date | None, lang: str) -> str:
    """The dates a briefing covers: "19–25 February 2024" / "19/02/2024 – 25/02/2024"."""
    if start is None:
        return labels(lang)["period_unknown"]
    if end is None or start == end:
        return format_date(start, lang)
    same_month = labels(lang)["format"]["span_same_month"]
    if same_month and start.year == end.year and start.month == end.month:
        return same_month.format(start_day=start.day, end=format_date(end, lang))
    return f"{format_date(start, lang)} – {format_date(end, lang)}"


@functools.lru_cache(maxsize=1024)
def language_name(code: str | None, lang: str, *, in_sentence: bool = False) -> str:
    """The name of language ``code`` in language ``lang`` ("Norwegian", "tiếng Na Uy")."""
    if code is None:
        return labels(lang)["language_unknown"]
    name = _locale(lang).languages.get(languages.babel_name(code), code)
    if in_sentence and labels(lang)["format"]["language_in_sentence"] == "lower":
        return name[:1].lower() + name[1:]
    return name[:1].upper() + name[1:]


def compact_value(value: Decimal, lang: str) -> str:
    """A value for a chart's label in the unit of its axis (already divided)."""
    from babel.numbers import format_decimal

    return format_decimal(round(value, 2), locale=_locale(lang))
