"""Numbers in text: the one place that parses them.

Used by the translation number check (every number of a source sentence must reappear in its
translation) and by the abstractive summariser's guard against invented numbers. Numbers are
read with each language's separators (Babel's locale data): "1,543" is 1543 in English and
1.543 in Vietnamese; "1 543", "1.543" and "1,543" can all be one thousand five hundred and
forty-three. A scale word after a number ("million", "milliarder", "tỷ", "triệu") gives the
number a second, scaled value, so "1 543 millioner" matches "1.543 billion".
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_NUMBER = re.compile(
    r"(?<![\w.,])"
    r"(?P<num>\d{1,3}(?:(?P<sep>[ \u00a0\u202f.,'])\d{3})(?:(?P=sep)\d{3})*(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)?)"
    r"(?![\w])"
)

# Scale words per language (the words Babel's compact formats use, and common short forms).
# Norwegian "billion" is 10**12, as in most of Europe; English "billion" is 10**9.
_EN_SCALES = {
    "thousand": 10**3, "thousands": 10**3, "million": 10**6, "millions": 10**6, "mn": 10**6,
    "m": 10**6, "mln": 10**6, "billion": 10**9, "billions": 10**9, "bn": 10**9, "b": 10**9,
    "trillion": 10**12, "trillions": 10**12, "k": 10**3,
}
SCALES = {
    "en": _EN_SCALES,
    "no": {"tusen": 10**3, "million": 10**6, "millioner": 10**6, "mill": 10**6, "mnok": 10**6,
           "milliard": 10**9, "milliarder": 10**9, "mrd": 10**9, "billion": 10**12,
           "billioner": 10**12},
    "vi": {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9},
}
_SCALE_AFTER = re.compile(r"[ \u00a0]*(?P<word>[^\W\d_]+)\.?", re.UNICODE)


def _scales(lang: str | None) -> dict[str, int]:
    code = {"nb": "no", "nn": "no", "da": "no", "sv": "no"}.get(lang or "en", lang or "en")
    own = SCALES.get(code, {})
    return {**_EN_SCALES, **own} if code != "en" else _EN_SCALES


def _scale_at(text: str, pos: int, lang: str | None) -> tuple[int, int]:
    """The scale word(s) right after ``pos`` ("billion", "nghìn tỷ"): (factor, end) or (1, pos)."""
    table = _scales(lang)
    factor, end = 1, pos
    for _ in range(2):  # "nghìn tỷ" = a thousand billion
        m = _SCALE_AFTER.match(text, end)
        if not m or m.group("word").lower() not in table:
            break
        factor *= table[m.group("word").lower()]
        end = m.end()
    return factor, end


@dataclass(frozen=True)
class Number:
    text: str  # as written
    value: Decimal
    scaled: Decimal | None  # value times the scale word that follows it, if any
    start: int
    end: int

    def values(self) -> set[Decimal]:
        return {self.value} | ({self.scaled} if self.scaled is not None else set())


@functools.cache
def _decimal_symbol(lang: str | None) -> str:
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_decimal_symbol

    code = {"no": "nb", "zh-cn": "zh", "zh-tw": "zh_Hant"}.get(lang or "en", lang or "en")
    try:
        return get_decimal_symbol(Locale.parse(code.replace("-", "_")))
    except (UnknownLocaleError, ValueError):
        return "."


def _value(raw: str, sep: str | None, decimal: str) -> Decimal | None:
    text = raw
    if sep:
        # "1,543" / "1.543": a group separator unless it is this language's decimal sign
        # and there is a single group ("1,543" in Vietnamese is one and a half).
        groups = text.count(sep)
        if sep == decimal and groups == 1 and not re.search(r"[.,]\d+$", text.split(sep)[1]):
            text = text.replace(sep, ".")
        else:
            text = text.replace(sep, "")
    # what remains of "." or "," is the decimal sign
    text = text.replace(",", ".") if decimal == "," or "." not in text else text
    text = text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("'", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def find_numbers(text: str, lang: str | None = "en") -> list[Number]:
    """Every number in ``text`` with its value, read with the separators of ``lang``."""
    decimal = _decimal_symbol(lang)
    found = []
    for match in _NUMBER.finditer(text):
        value = _value(match.group("num"), match.group("sep"), decimal)
        if value is None:
            continue
        factor, _ = _scale_at(text, match.end(), lang)
        scaled = value * factor if factor != 1 else None
        found.append(Number(match.group("num"), value, scaled, match.start(), match.end()))
    return found


def missing_numbers(source: str, source_lang: str | None, target: str,
                    target_lang: str | None) -> list[str]:
    """The numbers of ``source`` (as written) that do not appear in ``target`` by value."""
    have: set[Decimal] = set()
    for number in find_numbers(target, target_lang):
        have |= number.values()
    missing = []
    for number in find_numbers(source, source_lang):
        if not (number.values() & have):
            missing.append(number.text)
    return missing


# --- key figures ----------------------------------------------------------------------------
#
# A figure is a number with what it counts: money (with its currency), a percentage, or a count
# of things ("17 FDI projects"). Years, dates, ranges ("2021-2030") and reference numbers
# ("No. 20-NQ/TU") are not figures. Currency names come from Babel's locale data for each
# language, so "amerikanske dollar", "đô la Mỹ" and "US dollars" are all USD; no exchange rate
# is ever applied.

MONEY, PERCENT, COUNT = "money", "percent", "count"
CURRENCIES = ("USD", "VND", "EUR", "JPY", "CNY", "KRW", "NOK", "SGD", "GBP", "TWD", "HKD")
_NAME_LOCALES = ("en", "vi", "nb")
_EXTRA_CURRENCY_WORDS = {
    "us$": "USD", "usd": "USD", "$": "USD", "us dollars": "USD", "us dollar": "USD",
    "dollars": "USD", "dollar": "USD", "đô la": "USD", "đô": "USD",
    "vnd": "VND", "vnđ": "VND", "đồng": "VND", "dong": "VND", "₫": "VND",
    "€": "EUR", "euro": "EUR", "euros": "EUR", "¥": "JPY", "yen": "JPY", "yên": "JPY",
    "yuan": "CNY", "nhân dân tệ": "CNY", "won": "KRW", "kroner": "NOK", "kr": "NOK",
}
_PERCENT_WORDS = ("%", "percent", "per cent", "pct", "prosent", "phần trăm")
_TIME_UNITS = {
    "year", "years", "month", "months", "day", "days", "week", "weeks", "quarter", "quarters",
    "hour", "hours", "minutes", "år", "året", "måned", "måneder", "dager", "uker", "kvartal",
    "năm", "tháng", "ngày", "tuần", "quý", "giờ", "times", "ganger", "lần", "am", "pm",
}
_MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
              "jul", "aug", "sep", "sept", "oct", "nov", "dec")
_MONTHS_NO = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
              "september", "oktober", "november", "desember")
_MONTH_WORDS = set(_MONTHS_EN) | set(_MONTHS_NO) | {"tháng"}
_REFERENCE_BEFORE = re.compile(r"(?:\bno|\bnr|\bnum|\bsố|\bnumber|#|\bart|\barticle|\bdecree"
                               r"|\bresolution|\bdecision|\bcircular|\bvedtak)\.?\s*$",
                               re.IGNORECASE)


@functools.cache
def _currency_words() -> dict[str, str]:
    """Lower-cased currency names and symbols -> ISO code, from Babel's locale data."""
    from babel.numbers import get_currency_name, get_currency_symbol

    words = dict(_EXTRA_CURRENCY_WORDS)
    for code in CURRENCIES:
        words.setdefault(code.lower(), code)
        for loc in _NAME_LOCALES:
            for count in (1, 2):
                words.setdefault(get_currency_name(code, count=count, locale=loc).lower(), code)
            symbol = get_currency_symbol(code, locale=loc).lower()
            words.setdefault(symbol, code)
    return words


@functools.cache
def _currency_pattern() -> re.Pattern:
    names = sorted(_currency_words(), key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?:{alternatives})(?![^\W\d_])", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    """The time a figure refers to, as written and as dates (either may be open)."""

    text: str
    start: str | None = None  # ISO date
    end: str | None = None  # ISO date; "as of" / "by the end of" give only an end

    def key(self) -> tuple[str | None, str | None]:
        return (self.start, self.end)


@dataclass(frozen=True)
class Fact:
    kind: str  # MONEY, PERCENT or COUNT
    value: Decimal  # the scaled value: "US$478 million" -> 478000000
    unit: str  # ISO currency, "%", or what is counted ("FDI projects")
    text: str  # the figure as written
    sentence: str
    article: str = ""
    lang: str | None = None
    period: Period | None = None
    qualifier: str | None = None  # "nearly", "over", ... as written before the figure

    @property
    def approximate(self) -> bool:
        return self.qualifier is not None


_QUALIFIERS = re.compile(
    r"(?:nearly|almost|about|around|approximately|roughly|over|more than|above|under|"
    r"less than|up to|some|at least|nesten|omtrent|cirka|ca\.|mer enn|minst|"
    r"gần|khoảng|hơn|trên|dưới|ít nhất|đạt gần)\s*$", re.IGNORECASE)


def _qualifier(text: str, start: int) -> str | None:
    m = _QUALIFIERS.search(text[max(0, start - 20):start].rstrip(" $US"))
    return m.group(0).strip().lower() if m else None


def _is_year(n: Number) -> bool:
    return n.scaled is None and n.value == int(n.value) and 1900 <= n.value <= 2100 \
        and len(n.text) == 4


def _not_a_figure(text: str, n: Number) -> bool:
    before, after = text[:n.start], text[n.end:]
    if _is_year(n):
        return True
    if re.match(r"\s*[-–/]\s*\d", after) or re.search(r"\d\s*[-–/]\s*$", before):
        return True  # a range or a date: "2021-2030", "25/11"
    if re.match(r"-[^\W\d_]", after):
        return True  # "20-NQ/TU"
    if _REFERENCE_BEFORE.search(before) or re.search(r"[^\W\d_]-$", before):
        return True  # "No. 20", "Covid-19"
    word_after = re.match(r"\.?\s*([^\W\d_]+)", after)
    if word_after and word_after.group(1).lower() in _MONTH_WORDS:
        return True  # "27. november", "25 June"
    word_before = re.search(r"([^\W\d_]+)\.?\s*$", before)
    return bool(word_before and word_before.group(1).lower() in _MONTH_WORDS)


def _unit_after(text: str, end: int, lang: str | None) -> str | None:
    """What a count counts: the words after the number, up to a stopword or punctuation."""
    from mtsum.sentences import stopwords

    stop = stopwords(lang) | stopwords("en")
    taken: list[str] = []
    pos = end
    while len(taken) < 3:
        m = re.compile(r"[ \u00a0]+([^\W\d_][\w\-]*)").match(text, pos)
        if not m or m.group(1).lower() in stop:
            break
        taken.append(m.group(1))
        pos = m.end()
    if not taken:
        return None
    following = re.findall(r"[^\W\d_]+", text[end:end + 60])[:3]
    if any(w.lower() in _TIME_UNITS for w in following):
        return None  # "8 consecutive years": a duration, not a count of things
    return " ".join(taken)


# --- periods --------------------------------------------------------------------------------

_MONTH_ALT = "|".join(sorted(set(_MONTHS_EN) | set(_MONTHS_NO), key=len, reverse=True))
_DATE = (rf"(?:\d{{1,2}}\.?\s+(?:{_MONTH_ALT})\.?\s+\d{{4}}"
         rf"|(?:{_MONTH_ALT})\.?\s+\d{{1,2}},?\s+\d{{4}}"
         rf"|(?:ngày\s+)?\d{{1,2}}/\d{{1,2}}/\d{{4}}"
         rf"|(?:{_MONTH_ALT})\.?\s+\d{{4}}|tháng\s+\d{{1,2}}(?:/|\s+năm\s+)\d{{4}})")
_YEAR = r"(?P<year>\d{4}|this year|last year|the year|året|i år|năm nay|năm ngoái)"
_HALF = {"half": 6, "six months": 6, "halvår": 6, "halvåret": 6, "seks måneder": 6,
         "6 tháng": 6, "quarter": 3, "kvartal": 3, "nine months": 9, "ni måneder": 9,
         "9 tháng": 9}
_PERIOD_PATTERNS = [
    ("end", re.compile(rf"(?:as of|as at|by the end of|by end of|until|up to|to the end of|"
                       rf"innen utgangen av|per|tính đến|đến hết|đến)\s+(?:ngày\s+)?"
                       rf"(?P<date>{_DATE})", re.IGNORECASE)),
    ("first", re.compile(rf"(?:the\s+)?first\s+(?P<n>half|six months|nine months|quarter|"
                         rf"\d{{1,2}} months)\s+of\s+(?:the\s+year\s+)?{_YEAR}", re.I)),
    ("first", re.compile(rf"(?:første|de første)\s+(?P<n>halvår(?:et)?|seks måneder|kvartal|"
                         rf"ni måneder|\d{{1,2}} måneder)\s+(?:av\s+|i\s+)?{_YEAR}", re.I)),
    ("first", re.compile(rf"(?P<n>\d{{1,2}} tháng) đầu năm\s*{_YEAR}", re.I)),
    ("month", re.compile(rf"\bin\s+(?P<date>(?:{_MONTH_ALT})(?:\s+\d{{4}})?)\b", re.I)),
    ("year", re.compile(rf"(?:\bin|\bi|\bfor|\bnăm|\bduring)\s+{_YEAR}\b", re.I)),
    ("year", re.compile(r"(?P<year>last year|this year|năm nay|năm ngoái|i fjor|i år)", re.I)),
]


def _resolve_year(word: str, reference: dt.date | None) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    if reference is None:
        return None
    if word in ("last year", "năm ngoái", "i fjor"):
        return reference.year - 1
    return reference.year


def _month_end(year: int, month: int) -> dt.date:
    import calendar

    return dt.date(year, month, calendar.monthrange(year, month)[1])


@functools.cache
def _parse_date(text: str, lang: str | None) -> dt.date | None:
    import dateparser

    languages = [{"no": "nb"}.get(lang or "en", lang or "en")]
    if "en" not in languages:
        languages.append("en")
    try:
        parsed = dateparser.parse(text, languages=languages,
                                  settings={"PREFER_DAY_OF_MONTH": "last",
                                            "REQUIRE_PARTS": ["year"]})
    except Exception:  # dateparser raises a few odd errors on odd input
        return None
    return parsed.date() if parsed else None


def find_period(sentence: str, lang: str | None = "en",
                reference: dt.date | None = None) -> Period | None:
    """The period a sentence's figures refer to, if it says ("first half of 2023",
    "as of November 25, 2025", "innen utgangen av juni 2024"); relative years ("this year")
    are resolved against ``reference`` (the article's date) when given."""
    for kind, pattern in _PERIOD_PATTERNS:
        m = pattern.search(sentence)
        if not m:
            continue
        text = m.group(0).strip()
        if kind == "end":
            end = _parse_date(m.group("date"), lang)
            return Period(text, None, end.isoformat() if end else None)
        if kind == "month":
            date = _parse_date(m.group("date") + ("" if re.search(r"\d{4}", m.group("date"))
                                                  else f" {reference.year}" if reference
                                                  else ""), lang)
            if date is None:
                return Period(text)
            return Period(text, date.replace(day=1).isoformat(), date.isoformat())
        year = _resolve_year(m.group("year"), reference)
        if year is None:
            return Period(text)
        if kind == "year":
            return Period(text, f"{year}-01-01", f"{year}-12-31")
        n = m.group("n").lower()
        months = _HALF.get(n) or int(re.match(r"\d+", n).group(0))
        return Period(text, f"{year}-01-01", _month_end(year, min(months, 12)).isoformat())
    return None


def find_facts(sentence: str, lang: str | None = "en", *, article: str = "",
               reference: dt.date | None = None) -> list[Fact]:
    """The money amounts, percentages and counts of one sentence, with its period."""
    facts: list[Fact] = []
    period = find_period(sentence, lang, reference)
    currency = _currency_pattern()
    words = _currency_words()
    for n in find_numbers(sentence, lang):
        if _not_a_figure(sentence, n):
            continue
        factor, scale_end = _scale_at(sentence, n.end, lang)
        value = n.value * factor
        before = sentence[max(0, n.start - 12):n.start]
        after = sentence[scale_end:scale_end + 40]
        # money: a currency just before ("US$", "VND ") or just after ("USD", "amerikanske dollar")
        code = None
        pre = re.search(r"(" + currency.pattern + r")\s*$", before, re.IGNORECASE)
        if pre:
            code = words[pre.group(1).lower()]
            start = n.start - (len(before) - pre.start(1))
        post = re.match(r"\s*(" + currency.pattern + r")", after, re.IGNORECASE)
        if code is None and post:
            code = words[post.group(1).lower()]
            start = n.start
        if code is not None:
            end = scale_end + (post.end(1) if post and not pre else 0)
            written = sentence[start:end].strip().rstrip(".")
            facts.append(Fact(MONEY, value, code, written, sentence, article,
                              lang, period, _qualifier(sentence, start)))
            continue
        pct = re.match(r"\s*(" + "|".join(re.escape(w) for w in _PERCENT_WORDS) + r")",
                       sentence[n.end:], re.IGNORECASE)
        if pct:
            end = n.end + pct.end(1)
            facts.append(Fact(PERCENT, n.value, "%", sentence[n.start:end], sentence, article,
                              lang, period, _qualifier(sentence, n.start)))
            continue
        if n.value != int(value):
            continue  # "2.5 times": not a count of things
        unit = _unit_after(sentence, scale_end, lang)
        if unit is None:
            continue
        text = sentence[n.start:scale_end].strip().rstrip(".") + " " + unit
        facts.append(Fact(COUNT, value, unit, text, sentence, article, lang, period,
                          _qualifier(sentence, n.start)))
    return facts


def article_facts(sentences: list[str], lang: str | None, *, article: str = "",
                  reference: dt.date | None = None) -> list[Fact]:
    """Every figure of an article's sentences, each once (a repeated sentence adds none)."""
    seen, out = set(), []
    for sentence in sentences:
        for fact in find_facts(sentence, lang, article=article, reference=reference):
            key = (fact.kind, fact.value, fact.unit, fact.period)
            if key not in seen:
                seen.add(key)
                out.append(fact)
    return out


def text_date(sentences: list[str], lang: str | None) -> dt.date | None:
    """The latest date an article mentions ("As of November 25, 2025"; "June 2024" counts as
    its last day), or None: a guess at when it was written, marked as such."""
    best = None
    for sentence in sentences:
        for m in re.finditer(_DATE, sentence, re.IGNORECASE):
            date = _parse_date(m.group(0), lang)
            if date and (best is None or date > best):
                best = date
    return best


# --- the same figure across articles --------------------------------------------------------

SAME_VALUE = Decimal("0.025")  # values within 2.5% may be one quantity reported twice


@dataclass(frozen=True)
class FactGroup:
    """Figures from several articles that report one quantity."""

    facts: tuple[Fact, ...]

    @property
    def kind(self) -> str:
        return self.facts[0].kind

    @property
    def unit(self) -> str:
        return self.facts[0].unit

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(f.article for f in self.facts))

    @property
    def agree(self) -> bool:
        return len({f.value for f in self.facts}) == 1

    @property
    def values(self) -> list[Decimal]:
        return sorted({f.value for f in self.facts})


def _periods_conflict(a: Period | None, b: Period | None) -> bool:
    if a is None or b is None:
        return False
    return (a.end and b.end and a.end != b.end) or (a.start and b.start and a.start != b.start)


def _content_words(sentence: str, lang: str | None) -> set[str]:
    from mtsum.sentences import fold_marks, stopwords, words

    stop = stopwords(lang)
    return {w for w in words(fold_marks(sentence)) if w not in stop and not w.isdigit()
            and len(w) > 2}


def same_quantity(a: Fact, b: Fact) -> bool:
    if a.article == b.article or a.kind != b.kind or a.unit.lower() != b.unit.lower():
        return False
    high = max(a.value, b.value)
    if high == 0 or abs(a.value - b.value) / high > SAME_VALUE:
        return False
    if _periods_conflict(a.period, b.period):
        return False
    if a.kind == MONEY and a.value >= 10**6:
        return True  # a large amount in one currency over one period: the same quantity
    if a.lang != b.lang:
        return False
    return len(_content_words(a.sentence, a.lang) & _content_words(b.sentence, b.lang)) >= 2


def group_facts(facts: list[Fact]) -> list[FactGroup]:
    """Groups of figures from two or more articles that report the same quantity.

    Linked when kind and unit match, values are within 2.5%, periods do not conflict, and (for
    counts, percentages and small amounts) the sentences share content words. Groups whose
    values differ are kept as groups and flagged (``agree`` is False), never averaged.
    """
    # Complete linkage: a figure joins a group only if it matches every member, so a chain
    # of near values ($3 billion ~ $3.1 billion ~ 3.1 billion USD) never merges unlike figures.
    members: list[list[Fact]] = []
    for fact in facts:
        for group in members:
            if all(same_quantity(fact, other) for other in group):
                group.append(fact)
                break
        else:
            members.append([fact])
    groups = [FactGroup(tuple(m)) for m in members
              if len({f.article for f in m}) > 1]
    return sorted(groups, key=lambda g: (g.kind != MONEY, -max(g.values)))
