"""Dates in text: article dates, the periods figures refer to, and period selection.

- :func:`find_dates` finds the dates a text writes ("November 25, 2025", "ngày 05/11/2025",
  "27. november 2023", "juni 2024", "tháng 11/2025"), with table-driven patterns per language
  (month names from Babel's locale data) and reads each with ``dateparser``, restricted to the
  text's language and English, day before month where the language writes it so (vi, no).
- :func:`article_date`: the date a text puts first (the title's year completes a date written
  without one), never later than the briefing's reference date. Nothing else: a file's
  modification time says when it was copied, not when the news happened.
- :func:`find_periods` reads the periods a sentence names: years, quarters, halves, "first N
  months", months, "as of"/"tính đến"/"per" dates, "to date"/"lũy kế"/"til dags dato", and
  relative years ("this year", "năm nay", "i år") against the article's date;
  :func:`nearest_period` gives each figure the one nearest to it in its sentence.
- :func:`select_period`: ``--week``/``--since``/``--until``.

Dates are calendar dates: no time zone enters.
"""

# Long on purpose (over 60 lines or cyclomatic complexity 20; tests/test_shape.py):
#   _mention: a date mention's parts (day, month, year, ambiguity) from one match
#   _period: the period grammar: one branch per kind of period phrase
#   _period_patterns: the period patterns, built per language from data

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from mtsum import languages
from mtsum.errors import NothingToBrief, UsageError
from mtsum.model import Period, Selection  # noqa: F401 - re-exported
from mtsum.patterns import Gate, folded, literals

# --- month names ----------------------------------------------------------------------------


@functools.cache
def month_names(lang: str | None) -> dict[str, int]:
    """Lower-cased month names and abbreviations of ``lang`` and English -> month number."""
    from babel import Locale, UnknownLocaleError

    names: dict[str, int] = {"sept": 9}
    for code in dict.fromkeys((languages.babel_locale(lang), "en")):
        try:
            locale = Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            continue
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.months[context][width].items():
                    name = name.lower().rstrip(".")
                    if not name.startswith(("tháng", "thg")) and not name.isdigit():
                        names.setdefault(name, number)
    return names


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# Each language's date patterns, most specific first. Groups: d (day), m (month name or
# number), y (year). "DMY" languages read 05/11/2025 as 5 November.
_DAY_FIRST = {"vi", "no", "da", "sv", "de", "fr", "es"}


@functools.cache
def _date_patterns(lang: str | None) -> list[re.Pattern]:
    mon = rf"(?P<m>{_alternation(month_names(lang))})\.?"
    year = r"(?P<y>(?:1[89]|2[01])\d{2})(?!\d)"
    day = r"(?P<d>[0-3]?\d)"
    ordinal = r"(?:st|nd|rd|th|\.)?"
    patterns = [
        r"(?<!\d)(?P<y>(?:1[89]|2[01])\d{2})-(?P<iso>[01]\d)-(?P<d>[0-3]\d)(?!\d)",  # ISO
        rf"(?<![\w.]){day}{ordinal}\s+(?:of\s+)?{mon}\s*,?\s+{year}",  # 25 November 2025
        rf"(?<![\w.]){mon}\s+{day}(?:st|nd|rd|th)?\s*,\s*{year}",  # November 25, 2025
        rf"(?<![\w.]){mon}\s+{day}(?:st|nd|rd|th)?\s+{year}",
        rf"(?:ngày\s+)?(?<![\d/.]){day}\s*[/.-]\s*(?P<n>[01]?\d)\s*[/.-]\s*{year}",  # 25/11/2025
        rf"ngày\s+{day}\s+tháng\s+(?P<n>[01]?\d)\s+năm\s+{year}",
        rf"tháng\s+(?P<n>[01]?\d)\s*(?:/|-|\s+năm\s+){year}",  # tháng 11/2025
        rf"(?<![\w.]){mon}\s+(?:of\s+)?{year}",  # June 2024, juni 2024
        rf"(?<![\w.]){day}{ordinal}\s+(?:of\s+)?{mon}(?![\w])",  # 17 November (no year)
        rf"(?<![\w.]){mon}\s+{day}(?:st|nd|rd|th)?(?![\w:])",  # November 17 (no year)
        rf"ngày\s+{day}\s*/\s*(?P<n>[01]?\d)(?![\d/])",  # ngày 17/11 (no year)
        # Chinese, Japanese, Korean: 2019年6月24日, 2023년 11월 7일, 06月24日 (no year)
        rf"(?<!\d){year}\s*[年년]\s*(?P<iso>[01]?\d)\s*[月월]\s*{day}\s*[日일]",
        rf"(?<![\d年년]){year}\s*[年년]\s*(?P<iso>[01]?\d)\s*[月월](?!\s*\d)",
        r"(?<![\d年년])(?P<iso>[01]?\d)\s*[月월]\s*(?P<d>[0-3]?\d)\s*[日일]",
    ]
    return [re.compile(p, re.IGNORECASE) for p in patterns]


@functools.cache
def _gated_date_patterns(lang: str | None) -> list[tuple[re.Pattern, tuple | None]]:
    return [(p, literals(p)) for p in _date_patterns(lang)]


@functools.cache
def _date_gate(lang: str | None) -> Gate:
    return Gate([needs for _, needs in _gated_date_patterns(lang)])


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    end: int
    date: dt.date  # a month alone is its last day
    precision: str  # "day" or "month"
    has_year: bool = True
    ambiguous: bool = False  # "04/05/2020": day and month could be either way round


@functools.cache
def _parser(lang: str | None):
    from dateparser.date import DateDataParser

    code = languages.dateparser_code(lang)
    langs = [c for c in dict.fromkeys((code, "en")) if c]
    order = "DMY" if languages.base(lang) in _DAY_FIRST else "MDY"
    # Only absolute dates: the patterns above found the span, so dateparser's relative-date
    # parser ("2 days ago"), which compiles hundreds of expressions, is never needed.
    return DateDataParser(
        languages=langs,
        settings={
            "DATE_ORDER": order,
            "PREFER_DAY_OF_MONTH": "last",
            "STRICT_PARSING": False,
            "REQUIRE_PARTS": ["month", "year"],
            "PREFER_DATES_FROM": "past",
            "RELATIVE_BASE": dt.datetime(2000, 1, 1),
            "PARSERS": ["absolute-time"],
        },
    )


@functools.cache
def parse_date(text: str, lang: str | None) -> tuple[dt.date, str] | None:
    """(date, precision) of a date as written, read by dateparser in ``lang`` and English."""
    try:
        found = _parser(lang).get_date_data(text)
    except (ValueError, OverflowError, KeyError, AttributeError):
        return None
    if found is None or found.date_obj is None:
        return None
    return found.date_obj.date(), ("month" if found.period == "month" else "day")


_DIGIT = re.compile(r"\d")


def find_dates(text: str, lang: str | None = "en", *, year: int | None = None) -> list[DateMention]:
    """The dates written in ``text``, in order. A date written without its year
    ("November 17", "ngày 17/11") takes ``year`` when given, and is left out otherwise."""
    if not _DIGIT.search(text):
        return []  # every date pattern holds a digit: a day, a month's number or a year
    taken = bytearray(len(text))  # characters inside a date found already: linear, not quadratic
    found: list[DateMention] = []
    patterns = _gated_date_patterns(lang)
    # only the patterns one of whose words is there (see _gated_period_patterns)
    for k in _date_gate(lang).open(text, folded(text)):
        pattern = patterns[k][0]
        for m in pattern.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            groups = m.groupdict()
            has_year = groups.get("y") is not None
            if not has_year and year is None:
                continue
            mention = _mention(m, groups, lang, year)
            if mention is not None:
                taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
                found.append(mention)
    return sorted(found, key=lambda d: d.start)


def _mention(m: re.Match, groups: dict, lang: str | None, year: int | None) -> DateMention | None:
    y = int(groups["y"]) if groups.get("y") else year
    d = int(groups["d"]) if groups.get("d") else None
    month: int | None
    if groups.get("iso"):
        day, month = d, int(groups["iso"])
    elif groups.get("n") is not None:  # numeric: the order is the language's
        day, month = d, int(groups["n"])
        if d is not None and languages.base(lang) not in _DAY_FIRST and d <= 12:
            day, month = month, d  # 11/05/2025 in English is 5 November
    elif groups.get("m"):  # a month's name: the pattern was built from these names
        day, month = d, month_names(lang).get(groups["m"].lower().rstrip("."))
    else:
        day = month = None
    if month is not None:
        # find_dates leaves out a date written without its year when no year is given
        assert y is not None
        try:
            date = dt.date(y, month, day) if day else _month_end(y, month)
        except ValueError:
            return None
        ambiguous = groups.get("n") is not None and d is not None and d <= 12 and day != month
        return DateMention(
            m.group(0),
            m.start(),
            m.end(),
            date,
            "day" if day else "month",
            groups.get("y") is not None,
            ambiguous and month <= 12,
        )
    text = m.group(0) if groups.get("y") else f"{m.group(0)} {y}"
    parsed = parse_date(text, lang)
    if parsed is None:
        return None
    date, precision = parsed
    if groups.get("d") is None:
        precision = "month"
        date = _month_end(date.year, date.month)
    return DateMention(m.group(0), m.start(), m.end(), date, precision, groups.get("y") is not None)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


# --- article dates ----------------------------------------------------------------------------

# A date that names a document, not the news: "(datert 27. november 2023)", "dated ...".
_DOCUMENT_DATE = re.compile(
    r"(?:dated|datert|dateret|daterad|ký ngày|ban hành ngày|"
    r"ban hành|issued on|signed on)\s*$",
    re.IGNORECASE,
)
_TITLE_YEAR = re.compile(r"(?<![\d.,/-])((?:19|20)\d{2})(?![\d.,/-])")


def title_year(title: str | None) -> int | None:
    """A year written in a title ("Investment Promotion Conference 2023")."""
    found = _TITLE_YEAR.findall(title or "")
    return int(found[-1]) if found else None


@dataclass(frozen=True)
class ArticleDate:
    date: dt.date
    precision: str  # "day", "month" or "year"
    source: str  # "text", "title"
    text: str  # as written


def article_date(
    paragraphs: Sequence[str],
    lang: str | None,
    *,
    title: str | None = None,
    reference: dt.date | None = None,
) -> ArticleDate | None:
    """The date the text puts first: a full date before a month alone (a month is its last
    day); the title's year completes a date written without one; dates that name a document
    ("dated 27 November 2023") and dates after ``reference`` are passed over. With no date
    in the text, the title's year (precision "year"); else None."""
    year = title_year(title)
    month_only = None
    for paragraph in paragraphs:
        for mention in find_dates(paragraph, lang, year=year):
            if reference is not None and mention.date > reference:
                continue
            before = paragraph[max(0, mention.start - 40) : mention.start]
            if _DOCUMENT_DATE.search(before.rstrip(" (")):
                continue
            if mention.precision == "day":
                return ArticleDate(mention.date, "day", "text", mention.text)
            month_only = month_only or ArticleDate(mention.date, "month", "text", mention.text)
    if month_only is not None:
        return month_only
    if year is not None:
        date = dt.date(year, 12, 31)
        if reference is not None and date > reference:
            if year > reference.year:
                return None
            date = reference
        return ArticleDate(date, "year", "title", str(year))
    return None


# --- periods ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodMention:
    period: Period
    start: int
    end: int
    comparison: bool = False  # "the same period in 2022", "so với cùng kỳ": a base, not its own


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "final": 4,
    "last": 4,
    "første": 1,
    "andre": 2,
    "tredje": 3,
    "fjerde": 4,
    "1.": 1,
    "2.": 2,
    "3.": 3,
    "4.": 4,
    "siste": 4,
}
_COUNT_WORDS = {
    "six": 6,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "three": 3,
    "four": 4,
    "five": 5,
    "seven": 7,
    "eight": 8,
    "two": 2,
    "seks": 6,
    "ni": 9,
    "ti": 10,
    "elleve": 11,
    "tre": 3,
    "fire": 4,
    "fem": 5,
    "sju": 7,
    "syv": 7,
    "åtte": 8,
    "to": 2,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "mười một": 11,
}
# "in the nine months", "9 tháng": the year's first N months only where the date allows it.
_BARE_MONTHS = re.compile(r"(?:(?:in|over)\s+)?the\s+\w+\s+months|\w+\s+tháng", re.IGNORECASE)
# "9 tháng", "Chín tháng đầu năm 2025": the year's first N months ("năm", five, is a year).
_VI_NUMBER = r"(?P<n>\d{1,2}|hai|ba|bốn|sáu|bảy|tám|chín|mười một|mười)"

# Years, absolute and relative. "year"/"năm"/"året" alone resolve to the article's year.
_YEAR = (
    r"(?P<year>(?:19|20)\d{2}(?!\d)|this year|the year before|the year|last year|"
    r"the previous year|next year|năm nay|năm ngoái|năm trước đó|năm trước|năm tới|năm sau|"
    r"i år(?!\w)|i fjor|året før|året etter|(?<!\bi )året(?!s)|fjoråret|neste år)"
)
_ANY_YEAR = _YEAR.replace("(?P<year>", "(?:")
_NUMBER = (
    r"(?P<n>\d{1,2}|six|nine|ten|eleven|three|four|five|seven|eight|two|seks|ni|ti|"
    r"elleve|tre|fire|fem|sju|syv|åtte|to)"
)


@functools.cache
def _period_patterns(lang: str | None) -> list[tuple[str, re.Pattern]]:
    """(kind, pattern) per language, most specific first."""
    months = _alternation(month_names(lang))
    date = (
        rf"(?P<date>(?:ngày\s+)?\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}}|\d{{1,2}}\.?\s+(?:{months})"
        rf"\.?,?\s+\d{{4}}|(?:{months})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
        rf"(?:{months})\.?\s+(?:of\s+)?\d{{4}}|tháng\s+\d{{1,2}}\s*(?:/|\s+năm\s+)\d{{4}}|"
        rf"\d{{1,2}}\.?\s+(?:{months})(?!\s*\d)|(?:{months})\s+\d{{1,2}}(?!\d|,?\s+\d{{4}})|"
        rf"(?:{months})(?:\s+{_YEAR})?|{_ANY_YEAR})"
    )
    table = [
        # the base of a comparison: found (its numbers are no figures), never a figure's own
        (
            "comparison",
            rf"(?:(?:the\s+)?same\s+period(?:\s+(?:of|in|last))?"
            rf"(?:\s+(?:the\s+)?{_ANY_YEAR})?"
            rf"|compared\s+(?:to|with)\s+(?:the\s+same\s+period\s+(?:of|in)\s+)?"
            rf"{_ANY_YEAR}"
            rf"|(?:so với\s+)?cùng\s+kỳ(?:\s+năm\s+{_ANY_YEAR}|\s+{_ANY_YEAR})?"
            rf"|so với\s+(?:năm\s+)?{_ANY_YEAR}"
            rf"|samme\s+periode(?:\s+(?:(?:i|av)\s+)?{_ANY_YEAR})?"
            rf"|(?:fra|enn|mot)\s+(?:året\s+før|i\s+fjor|fjoråret)"
            rf"|(?:from|than|on|over|with|against)\s+a\s+year\s+(?:earlier|before|ago)"
            rf"|a\s+year\s+earlier"
            rf"|sammenlignet\s+med\s+(?:samme\s+periode\s+)?(?:i\s+)?{_ANY_YEAR}"
            rf"|than\s+(?:in\s+|the\s+)?{_ANY_YEAR}|enn\s+(?:i\s+)?{_ANY_YEAR}"
            rf"|(?:on|over)\s+the\s+previous\s+year|year-on-year)",
        ),
        # the first quarters together: "de tre første kvartalene" (nine months)
        (
            "quarters",
            rf"(?:de\s+)?(?P<q>tre|to|3|2)\s+første\s+kvartal(?:ene|er)"
            rf"(?:\s+(?:av|i)\s+{_YEAR}|\s+i\s+år)?",
        ),
        # quarters: "Q3 2024", "quý I/2024", "the first quarter of this year", "3. kvartal"
        ("quarter", rf"\b(?:Q(?P<q>[1-4])|(?P<q2>[1-4])Q)\s*[/-]?\s*(?:of\s+)?{_YEAR}"),
        ("quarter", rf"quý\s+(?P<q>IV|III|II|I|[1-4])(?:\s*/\s*|\s+năm\s+|\s+)?{_YEAR}?"),
        (
            "quarter",
            r"(?:the\s+|de\s+|det\s+)?(?P<q>first|second|third|fourth|final|last|1st|"
            r"2nd|3rd|4th|første|andre|tredje|fjerde|siste|[1-4]\.)\s+(?:quarter|"
            rf"kvartal(?:et)?)(?:\s+(?:(?:of|in|av|i)\s+)?(?:the\s+)?{_YEAR})?",
        ),
        # halves
        ("half", rf"\b(?:H(?P<h>[12])|(?P<h2>[12])H)\s*[/-]?\s*{_YEAR}"),
        (
            "half",
            r"(?:the\s+)?(?P<h>first|second|første|andre)(?:\s+|-(?=half))(?:half|halvår(?:et)?|"
            rf"halvdel(?:en)?)(?:\s+(?:(?:of|in|av|i)\s+)?(?:the\s+year\s+|året\s+)?{_YEAR})?",
        ),
        ("half", rf"(?:nửa|6 tháng)\s+(?P<h>đầu|cuối)\s+năm(?:\s+{_YEAR})?(?P<nay>\s+nay)?"),
        # the first N months
        (
            "months",
            rf"(?:the\s+)?first\s+{_NUMBER}\s+months(?:\s+(?:of|in)\s+(?:the\s+year\s+)?"
            rf"{_YEAR})?",
        ),
        (
            "months",
            rf"(?:de\s+)?første\s+{_NUMBER}\s+måned(?:er|ene)(?:\s+(?:av|i)\s+{_YEAR}|\s+i\s+år)?",
        ),  # "de første ni månedene i år": one period, not two
        (
            "months",
            rf"de\s+{_NUMBER.replace('<n>', '<n2>')}\s+første\s+månedene(?:\s+(?:av|i)\s+{_YEAR})?",
        ),
        (
            "months",
            rf"årets\s+(?:første\s+{_NUMBER}|{_NUMBER.replace('<n>', '<n2>')}\s+første)\s+måneder",
        ),
        # the year so far: "so far this year", "hittil i år", "từ đầu năm đến nay"
        (
            "ytd",
            r"(?:so far this year|year to date|this year to date|hittil i år|så langt i år|"
            r"từ đầu năm(?: đến nay| tới nay)?|kể từ đầu năm)",
        ),
        ("months", rf"{_VI_NUMBER}\s+tháng\s+đầu\s+năm(?:\s+{_YEAR})?(?P<nay>\s+nay)?"),
        # "in the nine months (to September 30)", "Vốn FDI giải ngân 9 tháng": from January
        (
            "months",
            rf"(?<![\w-])(?:in\s+|over\s+)?the\s+(?:same\s+)?{_NUMBER}(?:\s+months|-month\b(?!-))"
            rf"(?!\s+(?:ago|before|after))"
            rf"(?:\s+(?:to|through|ending|ended)\s+(?P<to>{months})(?:\s+\d{{1,2}})?)?",
        ),
        (
            "months",
            rf"(?<!\w)(?<!sau )(?<!vòng )(?<!hơn )(?<!gần )(?<!mất )(?<!khoảng )"
            rf"{_VI_NUMBER}\s+tháng(?!\s*\d)(?!\s+(?:qua|tới|tuổi|sau|nữa|liền|tù|trước))"
            rf"(?:\s+năm\s+{_YEAR})?",
        ),
        ("month", r"(?<![\d/]\s)(?<![\d/])(?:riêng\s+)?tháng\s+(?P<mn>\d{1,2})(?![\d/.]|\s+năm)"),
        ("months", r"(?P<n>\d{1,2})\s+tháng\s+(?:năm\s+)?(?P<year>(?:19|20)\d{2})(?!\d)"),
        (
            "range",
            rf"(?:from\s+|từ\s+|fra\s+|between\s+|mellom\s+)?(?P<m1>{months})\s*"
            rf"(?:-|–|to|and|đến|til|og)\s*"
            rf"(?P<m2>{months})(?:\s+{_YEAR})?",
        ),
        # as of a date, to date, cumulative
        (
            "end",
            r"(?:as of|as at|by the end of|by end of|at the end of|before the end of|until|"
            r"up to|through|før utgangen av|"
            r"to the end of|innen utgangen av|ved utgangen av|per|pr\.|til og med|"
            r"fram til|frem til|"
            rf"tính đến(?: hết)?|đến hết|đến cuối|tới cuối|đến)\s+(?:ngày\s+)?{date}",
        ),
        ("end", r"\b(?:by|innen|đến năm|tới năm)\s+(?P<date>(?:19|20)\d{2})(?!\d)"),
        (
            "since",
            r"(?:since|from|siden|fra|từ(?:\s+năm)?)\s+(?P<year>(?:19|20)\d{2})(?!\d)"
            r"(?:\s+(?:to date|until now|to now|đến nay|tới nay|til i dag|frem til nå))?",
        ),
        (
            "to_date",
            r"(?:to date|so far|cumulative(?:ly)?|accumulated|in total to date|"
            r"lũy kế|luỹ kế|tính đến nay|đến nay|tới nay|til dags dato|hittil|"
            r"så langt|totalt sett|akkumulert)",
        ),
        ("years", r"(?P<y1>(?:19|20)\d{2})\s*(?:-|–|to|đến)\s*(?P<y2>(?:19|20)\d{2})(?!\d)"),
        ("years", r"(?<![\d/.-])(?P<y1>(?:19|20)\d{2})[-–/](?P<y2>\d{2})(?![\d/.-])"),
        (
            "month",
            rf"\b(?:in|during|i|trong|for)\s+(?:tháng\s+)?(?P<m>{months})(?:\s+{_YEAR})?"
            r"(?![\w])",
        ),
        ("month", rf"tháng\s+(?P<mn>\d{{1,2}})\s*(?:/|\s+năm\s+){_YEAR}"),
        ("month", rf"(?P<m>{months})\s+alone"),
        (
            "year",
            rf"(?:\bin|\bi|\bfor|\bnăm|\bduring|\bof|\btrong năm|\bcả năm|\bhele)\s+"
            rf"(?:the\s+year\s+)?{_YEAR}(?![\w-])",
        ),
        (
            "year",
            r"(?P<year>last year|this year|năm nay|năm ngoái|năm trước|i fjor|i år(?!\w)|"
            r"fjoråret|året før|the year before)",
        ),
        ("year", r"(?P<year>(?:19|20)\d{2})-(?:plan|planen|målet)\b"),
        ("year", r"(?:the\s+)?full[- ]year|(?:for\s+)?the\s+whole\s+year|cả\s+năm|hele\s+året"),
        ("year", r"(?P<year>(?:19|20)\d{2})'s"),
    ]
    return [(kind, re.compile(p, re.IGNORECASE)) for kind, p in table]


def _resolve_year(
    word: str | None, reference: dt.date | None, anchor: int | None = None
) -> int | None:
    """A year as written: digits, or relative to the article's date ("last year"), or to the
    year the sentence names ("the year before" 2023 is 2022)."""
    if word is None:
        return reference.year if reference else None
    word = word.lower().strip()
    if word[:4].isdigit():
        return int(word[:4])
    if (
        word in ("the year before", "the previous year", "året før", "året etter", "năm trước đó")
        and anchor
    ):
        return anchor - 1 if word != "året etter" else anchor + 1
    if reference is None:
        return None
    if word in (
        "last year",
        "the previous year",
        "năm ngoái",
        "năm trước",
        "i fjor",
        "fjoråret",
        "the year before",
        "året før",
        "năm trước đó",
    ):
        return reference.year - 1
    if word in ("next year", "năm tới", "năm sau", "neste år"):
        return reference.year + 1
    return reference.year


_AS_OF = re.compile(r"(?:as of|as at|per|pr\.|fram til|frem til|tính đến|til og med)\b", re.I)


def _same_day_a_year_before(date: dt.date) -> dt.date:
    try:
        return date.replace(year=date.year - 1)
    except ValueError:  # 29 February
        return date.replace(year=date.year - 1, day=28)


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def _months_period(text: str, year: int | None, first: int, last: int) -> Period:
    if year is None:
        return Period(text)
    return Period(text, f"{year}-{first:02d}-01", _month_end(year, last).isoformat())


def _period(
    kind: str, m: re.Match, lang: str | None, reference: dt.date | None, anchor: int | None = None
) -> Period | None:
    text = m.group(0).strip()
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    if kind == "comparison":
        return Period(text)
    if kind == "end":
        found = parse_date_words(g["date"], lang, reference)
        if (
            found
            and reference
            and found > reference
            and not re.search(r"\d{4}", g["date"])
            and _AS_OF.match(text)
        ):  # "Per 15. november", written in February: last November
            found = _same_day_a_year_before(found)
        return Period(text, None, _iso(found))
    if kind == "to_date":
        return Period(text, None, _iso(reference), cumulative=True)
    if kind == "ytd":
        return Period(text, f"{reference.year}-01-01", _iso(reference)) if reference else None
    if kind == "since":
        since = int(g["year"])
        if reference is not None and since > reference.year:  # "fra 2028", written in 2025:
            return Period(text, f"{since}-01-01", None)  # from then on, not "since" until now
        return Period(text, f"{since}-01-01", _iso(reference), cumulative=True)
    if kind == "years":
        y1, y2 = int(g["y1"]), int(g["y2"])
        if y2 < 100:  # "2013-14"
            y2 += y1 - y1 % 100
        if not (y1 < y2 <= y1 + 50):
            return None
        return Period(text, f"{y1}-01-01", f"{y2}-12-31")
    if kind in ("month", "range"):
        names = month_names(lang)
        if kind == "month":
            first = last = int(g["mn"]) if "mn" in g else names.get(g["m"].lower().rstrip("."))
        else:
            first = names.get(g["m1"].lower().rstrip("."))
            last = names.get(g["m2"].lower().rstrip("."))
        if not first or not last or not 1 <= first <= last <= 12:
            return None
        year = _resolve_year(g.get("year"), reference, anchor)
        if g.get("year") is None and reference and last > reference.month:
            year = reference.year - 1  # "in December", written in January: last December
        return _months_period(text, year, first, last)
    year = _resolve_year(g.get("year"), reference, anchor)
    if kind == "year":
        if g.get("year") is None and anchor:  # "the full-year total" of the year named
            year = anchor
        return _months_period(text, year, 1, 12)
    if kind == "quarter":
        q = g.get("q") or g["q2"]  # every quarter pattern captures q or q2
        n = _ROMAN.get(q.lower()) or _ORDINAL_WORDS.get(q.lower())
        return _months_period(text, year, 3 * n - 2, 3 * n) if n else None
    if kind == "half":
        h = (g.get("h") or g["h2"]).lower()  # every half pattern captures h or h2
        second = h in ("2", "second", "andre", "cuối")
        return _months_period(text, year, 7 if second else 1, 12 if second else 6)
    if kind == "quarters":  # "de tre første kvartalene": nine months
        quarters = {"to": 2, "2": 2, "tre": 3, "3": 3}[g["q"].lower()]
        return _months_period(text, year, 1, 3 * quarters)
    if kind == "months":
        n = (g.get("n") or g["n2"]).lower()  # every months pattern captures n or n2
        count = int(n) if n.isdigit() else _COUNT_WORDS.get(n)
        if not count or not 1 <= count <= 12:
            return None
        if "to" in g and month_names(lang).get(g["to"].lower().rstrip(".")) != count:
            return None  # "the 12 months to June": not from January
        if "to" not in g and _BARE_MONTHS.fullmatch(text) and reference and count > reference.month:
            return None  # "in the nine months", written in June: which nine, unsaid
        return _months_period(text, year, 1, count)
    return None


def parse_date_words(text: str, lang: str | None, reference: dt.date | None) -> dt.date | None:
    """A date as a period names it: a full date, a month ("juni 2024" is its last day), or a
    year ("this year" is the reference's year, ending on 31 December)."""
    year = reference.year if reference else None
    found = find_dates(text, lang, year=year)
    if found:
        return found[0].date
    m = re.fullmatch(_YEAR, text.strip(), re.IGNORECASE)
    if m:
        resolved = _resolve_year(m.group("year"), reference)
        return dt.date(resolved, 12, 31) if resolved else None
    names = month_names(lang)
    number = names.get(text.strip().lower().rstrip("."))
    if number and year:
        return _month_end(year, number)
    return None


_ANCHOR = re.compile(r"(?<![\d.,/-])((?:19|20)\d{2})(?!\d)(?![.,/-]\d)")


def find_periods(
    sentence: str, lang: str | None = "en", reference: dt.date | None = None
) -> list[PeriodMention]:
    """Every period a sentence names, in order (see :func:`_find_periods`)."""
    return list(_find_periods(sentence, lang, reference))


@functools.cache
def _gated_period_patterns(lang: str | None) -> list[tuple[str, re.Pattern, tuple | None]]:
    """:func:`_period_patterns` with the words one of which each pattern's every match has
    (:func:`mtsum.patterns.literals`): most sentences have none of most patterns' words."""
    return [(kind, p, literals(p)) for kind, p in _period_patterns(lang)]


@functools.cache
def _period_gate(lang: str | None) -> Gate:
    return Gate([needs for *_, needs in _gated_period_patterns(lang)])


@functools.lru_cache(maxsize=1024)
def _find_periods(
    sentence: str, lang: str | None, reference: dt.date | None
) -> tuple[PeriodMention, ...]:
    """Every period a sentence names, in order; relative years ("this year", "năm nay", "i år")
    are resolved against ``reference`` (the article's date)."""
    taken = bytearray(len(sentence))  # characters inside a period found already
    found: list[PeriodMention] = []
    years = _ANCHOR.findall(sentence)
    anchor = int(years[0]) if years else None
    patterns = _gated_period_patterns(lang)
    # the patterns one of whose words is there: the others have no match (the same, faster)
    for k in _period_gate(lang).open(sentence, folded(sentence)):
        kind, pattern, _ = patterns[k]
        for m in pattern.finditer(sentence):
            if any(taken[m.start() : m.end()]):
                continue
            try:
                period = _period(
                    kind, m, lang, reference, anchor if kind not in ("comparison",) else None
                )
            except (ValueError, OverflowError):
                period = None  # an impossible date is no period
            if period is None:
                continue
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
            found.append(PeriodMention(period, m.start(), m.end(), kind == "comparison"))
    return tuple(sorted(found, key=lambda p: p.start))


def nearest_period(
    mentions: Sequence[PeriodMention], start: int, end: int, sentence: str = ""
) -> Period | None:
    """The period mentioned nearest to the span ``start``-``end`` (a figure) in its sentence.

    A period after the figure is preferred to one as near before it ("141 % av planen for
    årets første seks måneder"), and one across a comma counts as further away. The base of a
    comparison ("the same period in 2022") is never a figure's period."""
    best, distance = None, None
    for mention in mentions:
        if mention.comparison:
            continue
        if mention.end <= start:
            gap = start - mention.end + 5 + 20 * sentence.count(",", mention.end, start)
        elif mention.start >= end:
            gap = mention.start - end + 20 * sentence.count(",", end, mention.start)
        else:
            gap = 0
        if distance is None or gap < distance:
            best, distance = mention.period, gap
    return best


def find_period(
    sentence: str, lang: str | None = "en", reference: dt.date | None = None
) -> Period | None:
    """The first period a sentence names, if any."""
    found = [p for p in find_periods(sentence, lang, reference) if not p.comparison]
    return found[0].period if found else None


# --- selecting a period: --week, --since, --until --------------------------------------------


_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


def select_period(
    week: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    dates: Sequence[dt.date] = (),
    reference: dt.date | None = None,
) -> Selection | None:
    """The period asked for: an ISO week ("2024-W08"), "latest" (the week of the newest
    article dated no later than ``reference``), or ``since``/``until`` dates; None when none
    was asked for."""
    if week and (since or until):
        raise UsageError("give --week or --since/--until, not both")
    if week:
        if week.lower() == "latest":
            if not dates:
                raise NothingToBrief("no article has a date, so there is no latest week")
            believable = [d for d in dates if reference is None or d <= reference]
            year, number, _ = max(believable or dates).isocalendar()
        else:
            m = _WEEK.match(week.strip())
            if not m:
                raise UsageError(f"--week {week!r}: expected an ISO week like 2024-W08, or latest")
            year, number = int(m.group(1)), int(m.group(2))
        try:
            start = dt.date.fromisocalendar(year, number, 1)
        except (ValueError, OverflowError):
            raise UsageError(f"--week {week!r}: {year} has no week {number}") from None
        end = start + dt.timedelta(days=min(6, (dt.date.max - start).days))
        return Selection(start, end, (year, number))
    if since or until:
        if since and until and since > until:
            raise UsageError("--since is after --until")
        return Selection(since, until)
    return None
