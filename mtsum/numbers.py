"""Numbers in text: the one place that reads them, and the number check built on it.

Every stage that needs a number reads it here: the translation check (every number of a source
sentence must be in its translation, and no other), the abstractive summariser's guard, the
key figures and ``mtsum verify``.

- Values are read with each language's separators (Babel's ``parse_decimal``): "1,543" is 1543
  in English and 1.543 in Vietnamese. A separator that a translation may have used the other
  way is kept as a second reading ("30,000 học sinh" in Vietnamese text is 30000; "1.543" in
  English may be 1543).
- A scale word or suffix makes the value scaled: "US$1.5bn", "€2.5m", "3 milliarder",
  "3 mill.", "15 triệu", "30億". Scaled values are what is compared: 3 million and 3 billion
  are different numbers.
- A currency before or after ("US$", "S$", "VND", "amerikanske dollar", "tỷ đồng") or a percent
  sign or word makes the number an :class:`Amount` with a unit. Words that look like
  currencies but are not ("won 12 medals", "13 đô thị", "3 đồng chí") are not.
- Numbers written as words ("ten", "mười", "ti", "two million") and month names are read too,
  but only to *match* a number written in digits on the other side; a translation is never
  asked to contain them.
"""

# Long on purpose (over 60 lines or cyclomatic complexity 20; tests/test_shape.py):
#   find_numbers: the number tokenizer's one pass (digits, separators, scales, suffixes)
#   find_times: the clock-time tokenizer's one pass

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from mtsum import languages

# --- scale words --------------------------------------------------------------------------
# Exponents of ten. Norwegian "billion" is 10**12 as in most of Europe; English "billion" 10**9.
_EN_SCALES = {
    "thousand": 3,
    "thousands": 3,
    "million": 6,
    "millions": 6,
    "mn": 6,
    "mln": 6,
    "billion": 9,
    "billions": 9,
    "bn": 9,
    "bln": 9,
    "trillion": 12,
    "trillions": 12,
    "tn": 12,
}
_SCALES = {
    "en": _EN_SCALES,
    "vi": {"nghìn": 3, "ngàn": 3, "triệu": 6, "tr": 6, "tỷ": 9, "tỉ": 9},
    "no": {
        "tusen": 3,
        "million": 6,
        "millioner": 6,
        "mill": 6,
        "mio": 6,
        "milliard": 9,
        "milliarder": 9,
        "mrd": 9,
        "mia": 9,
        "billion": 12,
        "billioner": 12,
    },
    "da": {
        "tusind": 3,
        "million": 6,
        "millioner": 6,
        "mio": 6,
        "mill": 6,
        "milliard": 9,
        "milliarder": 9,
        "mia": 9,
        "mrd": 9,
    },
    "sv": {
        "tusen": 3,
        "miljon": 6,
        "miljoner": 6,
        "milj": 6,
        "mn": 6,
        "miljard": 9,
        "miljarder": 9,
        "mdr": 9,
    },
    "de": {
        "tausend": 3,
        "million": 6,
        "millionen": 6,
        "mio": 6,
        "milliarde": 9,
        "milliarden": 9,
        "mrd": 9,
        "billion": 12,
        "billionen": 12,
    },
    "fr": {"mille": 3, "million": 6, "millions": 6, "milliard": 9, "milliards": 9},
    "es": {"mil": 3, "millón": 6, "millones": 6},
}
# Written straight after the digits, no space, no word boundary: 30億, 3천만.
_CJK_SCALES = {
    "千": 3,
    "万": 4,
    "萬": 4,
    "億": 8,
    "亿": 8,
    "兆": 12,
    "천": 3,
    "만": 4,
    "억": 8,
    "조": 12,
}
# Suffixes that scale an amount of money ("$2.5m", "€3k", "$1b"), or a count of things in the
# plural ("1.2m passengers"); otherwise they are units ("500m long" is metres, "5k" a run).
_MONEY_SUFFIXES = {"m": 6, "k": 3, "b": 9}
_COUNTED_AFTER = re.compile(r"\s+(?:[a-z]+s|people|staff|tonnes)\b")
# Units of measure written right after the digits ("700kg", "50cm", "1,500MW").
MEASURE_UNITS = {
    "km",
    "m",
    "cm",
    "mm",
    "kg",
    "g",
    "t",
    "ha",
    "m2",
    "m3",
    "km2",
    "mw",
    "kw",
    "gw",
    "mwh",
    "kwh",
    "gwh",
    "ton",
    "tấn",
    "teu",
    "dwt",
    "l",
}


@functools.cache
def scale_words(lang: str | None) -> dict[str, int]:
    """Lower-cased scale words of ``lang`` (English's too, where they do not clash)."""
    code = languages.base(lang)
    if code in ("ja", "zh", "ko"):
        return dict(_EN_SCALES)
    return {**_EN_SCALES, **_SCALES.get(code, {})}


# --- numbers written as words: matchers only ----------------------------------------------
_WORDS: dict[str, dict[str, int | Decimal]] = {
    "en": {
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "thirteen": 13,
        "fourteen": 14,
        "fifteen": 15,
        "sixteen": 16,
        "seventeen": 17,
        "eighteen": 18,
        "nineteen": 19,
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "hundred": 100,
        "dozen": 12,
        "first": 1,
        "second": 2,
        "third": 3,
        "fourth": 4,
        "fifth": 5,
        "sixth": 6,
        "seventh": 7,
        "eighth": 8,
        "ninth": 9,
        "tenth": 10,
        "half": Decimal("0.5"),
        "twice": 2,
        "double": 2,
        "triple": 3,
        "once": 1,
        "fours": 4,
        "sixes": 6,
        "thousandth": 1000,
        "eleventh": 11,
        "twelfth": 12,
        "thirteenth": 13,
        "fourteenth": 14,
        "fifteenth": 15,
        "sixteenth": 16,
        "seventeenth": 17,
        "eighteenth": 18,
        "nineteenth": 19,
        "twentieth": 20,
        "thirtieth": 30,
    },
    "vi": {
        "giêng": 1,
        "một": 1,
        "hai": 2,
        "ba": 3,
        "bốn": 4,
        "tư": 4,
        "năm": 5,
        "sáu": 6,
        "bảy": 7,
        "bẩy": 7,
        "tám": 8,
        "chín": 9,
        "mười": 10,
        "lăm": 5,  # "mười lăm", "hai mươi lăm": five after the tens
        "mốt": 1,  # "hai mươi mốt": one after the tens
        "trăm": 100,
        "nhất": 1,
        "rưỡi": Decimal("0.5"),
        "nửa": Decimal("0.5"),
        "đôi": 2,
    },
    "no": {
        "en": 1,
        "ett": 1,
        "én": 1,
        "to": 2,
        "tre": 3,
        "fire": 4,
        "fem": 5,
        "seks": 6,
        "sju": 7,
        "syv": 7,
        "åtte": 8,
        "ni": 9,
        "ti": 10,
        "elleve": 11,
        "tolv": 12,
        "tretten": 13,
        "fjorten": 14,
        "femten": 15,
        "seksten": 16,
        "sytten": 17,
        "atten": 18,
        "nitten": 19,
        "tjue": 20,
        "tretti": 30,
        "førti": 40,
        "femti": 50,
        "seksti": 60,
        "sytti": 70,
        "åtti": 80,
        "nitti": 90,
        "hundre": 100,
        "første": 1,
        "andre": 2,
        "tredje": 3,
        "fjerde": 4,
        "femte": 5,
        "sjette": 6,
        "halv": Decimal("0.5"),
        "dobbelt": 2,
    },
}
# Month names count as the month's number when matching dates written differently
# ("25/11/2025" against "November 25, 2025").
_MONTHS = {
    "en": [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ],
    "no": [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ],
}
_MONTH_ABBR = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "okt": 10,
    "nov": 11,
    "dec": 12,
    "des": 12,
}


@functools.cache
def _word_numbers(lang: str | None) -> dict[str, Decimal]:
    code = languages.base(lang)
    words = {**_WORDS["en"], **_WORDS.get(code, {})}
    for table in (_MONTHS["en"], _MONTHS.get(code, [])):
        for i, name in enumerate(table, 1):
            words.setdefault(name, i)
    for abbr, i in _MONTH_ABBR.items():
        words.setdefault(abbr, i)
    return {w: Decimal(v) for w, v in words.items()}


# --- currencies ---------------------------------------------------------------------------
CURRENCIES = (
    "USD",
    "VND",
    "EUR",
    "JPY",
    "CNY",
    "KRW",
    "NOK",
    "SEK",
    "DKK",
    "SGD",
    "GBP",
    "TWD",
    "HKD",
    "AUD",
    "CAD",
    "NZD",
    "THB",
    "INR",
    "CHF",
)
# Symbols and codes written before the number ("US$3bn", "VND19,659 billion", "S$2 billion").
_BEFORE = {
    "us$": "USD",
    "u.s.$": "USD",
    "$": "USD",
    "usd": "USD",
    "vnd": "VND",
    "vnđ": "VND",
    "₫": "VND",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
    "jpy": "JPY",
    "rmb": "CNY",
    "cny": "CNY",
    "₩": "KRW",
    "krw": "KRW",
    "nok": "NOK",
    "sek": "SEK",
    "dkk": "DKK",
    "s$": "SGD",
    "sgd": "SGD",
    "hk$": "HKD",
    "hkd": "HKD",
    "nt$": "TWD",
    "twd": "TWD",
    "a$": "AUD",
    "aud": "AUD",
    "c$": "CAD",
    "cad": "CAD",
    "thb": "THB",
    "₹": "INR",
    "inr": "INR",
    "chf": "CHF",
    "kr": "NOK",
    "kr.": "NOK",
    "aud$": "AUD",
    "cad$": "CAD",
    "canadian $": "CAD",
    "australian $": "AUD",
    "singapore $": "SGD",
    "hong kong $": "HKD",
    "new zealand $": "NZD",
    "nz$": "NZD",
}
# Names written after the number and its scale word ("3 milliarder amerikanske dollar").
_AFTER = {
    "usd": "USD",
    "us dollars": "USD",
    "us dollar": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "đô la": "USD",
    "đô-la": "USD",
    "đôla": "USD",
    "đô la mỹ": "USD",
    "đô": "USD",
    "vnd": "VND",
    "vnđ": "VND",
    "đồng": "VND",
    "dong": "VND",
    "₫": "VND",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "€": "EUR",
    "yen": "JPY",
    "yên": "JPY",
    "yên nhật": "JPY",
    "yuan": "CNY",
    "nhân dân tệ": "CNY",
    "tệ": "CNY",
    "rmb": "CNY",
    "won": "KRW",
    "krw": "KRW",
    "kroner": "NOK",
    "kr": "NOK",
    "kr.": "NOK",
    "nok": "NOK",
    "pounds sterling": "GBP",
    "bảng anh": "GBP",
    "singapore dollars": "SGD",
    "đô la singapore": "SGD",
    "baht": "THB",
    "rupees": "INR",
    "元": "CNY",  # "100元" in any language's news
    "円": "JPY",
}
_CENTS = re.compile(r"\s+(?:and\s+)?(\d{1,2})\s+(?:cents?|xu)\b", re.IGNORECASE)
# Where a language names a currency differently ("kroner" is Danish money in Danish).
_LANG_CURRENCY = {
    "da": {"kr": "DKK", "kr.": "DKK", "kroner": "DKK"},
    "sv": {"kr": "SEK", "kronor": "SEK"},
    "zh": {"¥": "CNY", "元": "CNY"},
    "ja": {"円": "JPY"},
    "ko": {"원": "KRW"},
}
# Currency words that are also ordinary words: money only after a scale word, a large value,
# or when nothing follows that makes them something else ("3 đồng chí" is three comrades).
_AMBIGUOUS = {"won", "đồng", "đô", "yên", "tệ", "dong", "kr", "kr."}
_NOT_MONEY_AFTER = re.compile(
    r"\s*(?:thị|chí|bào|thời|ý|bộ|đều|loạt|hồ|nghiệp|tâm|lòng|"
    r"minh|hương|ruộng|bằng|cỏ|phục|ca|thanh|dạng|nhất|đội)\b",
    re.IGNORECASE,
)


@functools.cache
def currency_words(lang: str | None) -> tuple[dict[str, str], dict[str, str]]:
    """(before, after): lower-cased symbols/codes written before an amount and names written
    after it, -> ISO code. Names come from Babel's locale data for en, vi, nb and ``lang``."""
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_currency_name, get_currency_symbol

    code = languages.base(lang)
    before, after = dict(_BEFORE), dict(_AFTER)
    locales = {"en", "vi", "nb", languages.babel_locale(lang)}
    for loc in sorted(locales):
        try:
            Locale.parse(loc)
        except (UnknownLocaleError, ValueError):
            continue
        for cur in CURRENCIES:
            for count in (1, 2):
                after.setdefault(get_currency_name(cur, count=count, locale=loc).lower(), cur)
            symbol = get_currency_symbol(cur, locale=loc).lower()
            if not symbol.isalpha() or symbol == cur.lower():
                before.setdefault(symbol, cur)
                after.setdefault(symbol, cur)
    for table in (before, after):
        table.update({k: v for k, v in _LANG_CURRENCY.get(code, {}).items()})
    return before, after


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.cache
def _currency_patterns(lang: str | None) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    before, after = currency_words(lang)
    # Before: a symbol or code, then optional space, right up to the number (and its sign).
    pre = re.compile(
        rf"(?<![^\W\d_])(?P<cur>{_alternation(before)})\s?(?P<sign>[-−])?$", re.IGNORECASE
    )
    # "100-dollarsedlene", "5-kronersmynt": a currency compound
    post_compound = re.compile(r"-(?P<cur>dollar|kroner|krone|euro|pund|yen)", re.IGNORECASE)
    post = re.compile(rf"\s*(?P<cur>{_alternation(after)})(?![^\W\d_])", re.IGNORECASE)
    return pre, post, post_compound


_PERCENT = re.compile(
    r"\s*(?:(?P<pp>percentage[ -]points?|per ?cent(?:age)? points?|pp\b|pps\b|điểm phần trăm|"
    r"prosentpoeng|prosentenheter|procentpoint|procentenheder|procentenheter|Prozentpunkte?)"
    r"|(?P<pct>%|percent\b|per ?cent\b|pct\.?|prosent\b|phần trăm|procent\b|Prozent\b))",
    re.IGNORECASE,
)

# --- the parser ---------------------------------------------------------------------------

# Digits: grouped thousands ("1 543", "19,659", "1.234.567"), or plain with a decimal part.
_DIGITS = re.compile(
    r"(?<![\d.,])(?P<sign>[-−](?=\d))?"
    r"(?P<num>\d{1,3}(?:(?P<sep>[ \u00a0\u202f.,'])\d{3})(?:(?P=sep)\d{3})*(?:[.,]\d+)?(?!\d)"
    r"|\d+(?:[.,]\d+)?)"
    r"(?![.,]\d)"
)
_GLUED = re.compile(r"[^\W\d_]+\.?")
_SCALE_AFTER = re.compile(r"[ \u00a0]*(?P<word>[^\W\d_]+)(?P<dot>\.)?")
_ORDINAL = re.compile(r"(?:st|nd|rd|th|e)$", re.IGNORECASE)


@dataclass(frozen=True)
class Number:
    """A number as written: its value, its scale, and where it is."""

    text: str  # as written, scale word or suffix included: "1.5bn", "1 543 millioner"
    value: Decimal  # the digits' value, signed, unscaled: 1.5
    start: int
    end: int  # end of the digits (and a glued suffix)
    scale: int = 0  # exponent of ten of the scale word or suffix: 9 for "bn"
    scale_end: int | None = None  # end of the scale word(s); ``end`` when there are none
    readings: tuple[Decimal, ...] = ()  # what a separator written the other way would mean
    word: bool = False  # written as a word ("ten", "November"): a matcher only
    suffix: str = ""  # letters glued to the digits that are not a scale ("km", "th")

    @property
    def scaled(self) -> Decimal:
        return self.value.scaleb(self.scale) if self.scale else self.value

    @property
    def has_scale(self) -> bool:
        return self.scale != 0

    @property
    def span_end(self) -> int:
        return self.scale_end if self.scale_end is not None else self.end

    def values(self) -> set[Decimal]:
        """The values the number is matched by: as its own language reads it (a reader of the
        text sees that, whatever convention a translation copied), and its scaled value."""
        return {self.scaled}


@functools.cache
def _separators(lang: str | None) -> tuple[str, str]:
    """(decimal symbol, locale) for reading digits in ``lang``."""
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_decimal_symbol

    locale = languages.babel_locale(lang)
    try:
        return get_decimal_symbol(Locale.parse(locale)), locale
    except (UnknownLocaleError, ValueError):
        return ".", "en"


@functools.lru_cache(maxsize=8192)
def read_value(raw: str, lang: str | None) -> tuple[Decimal, tuple[Decimal, ...]] | None:
    """The value of digits as ``lang`` writes them, and the other readings a translation's
    separators allow: ``("1,543", "vi")`` -> (1.543, (1543,)); ``("30,000", "vi")`` ->
    (30000, (30,)): nobody writes thirty with three decimal zeros."""
    from babel.numbers import NumberFormatError, parse_decimal

    decimal, locale = _separators(lang)
    text = raw.replace("\u202f", "\u00a0").replace("'", "")
    readings: list[Decimal] = []
    for loc in (locale, "en"):
        try:
            readings.append(
                parse_decimal(
                    text.replace(" ", "\u00a0")
                    if loc != "en"
                    else text.replace(" ", "").replace("\u00a0", ""),
                    loc,
                    strict=True,
                )
            )
            break
        except NumberFormatError:
            continue
    seps = set(re.sub(r"\d", "", text))
    if len(seps) == 1 and (sep := seps.pop()) in ".," and text.count(sep) == 1:
        whole, part = text.split(sep)
        if len(part) == 3 and len(whole) <= 3:  # "1,543": a decimal or a thousands group
            grouped = Decimal(whole + part)
            fraction = Decimal(f"{whole}.{part}")
            if part == "000":  # "30,000", "1.000": a thousands group in any language
                readings = [grouped]
            else:
                first = grouped if sep != decimal else fraction
                readings = [first, fraction if first == grouped else grouped]
    if not readings:  # written in another convention: the last lone separator is decimal
        marks = re.sub(r"\d", "", text)
        body = text
        for mark in set(marks):
            if marks.count(mark) > 1 or (mark != marks[-1]):
                body = body.replace(mark, "")  # repeated, or before another: grouping
        try:
            readings = [Decimal(re.sub(r"[^\d]", ".", body))]
        except InvalidOperation:
            return None
    primary = readings[0]
    return primary, tuple(dict.fromkeys(r for r in readings[1:] if r != primary))


def _scale_at(text: str, pos: int, lang: str | None, money: bool) -> tuple[int, int]:
    """The scale word(s) at ``pos`` ("billion", "nghìn tỷ", "mill."): (exponent, end)."""
    table = scale_words(lang)
    exponent, end = 0, pos
    if pos < len(text) and text[pos] in _CJK_SCALES:  # 30億, 3천만 (thousand ten-thousands)
        while end < len(text) and text[end] in _CJK_SCALES:
            exponent += _CJK_SCALES[text[end]]
            end += 1
        return exponent, end
    for _ in range(2):  # "nghìn tỷ" = a thousand billion
        m = _SCALE_AFTER.match(text, end)
        if not m:
            break
        word = m.group("word").lower()
        if word not in table or (exponent and table[word] <= exponent):
            break  # "nghìn tỷ" is a thousand billion; "tỷ triệu" a garble, not 10^15
        exponent += table[word]
        # the dot of an abbreviation ("mill.", "mrd.") belongs to it, unless it ends the text
        end = (
            m.end()
            if m.group("dot") and word in ("mill", "mrd", "mio", "mia", "milj", "mdr", "mln", "bn")
            else m.end("word")
        )
    return exponent, end


def _letters_before(text: str, start: int) -> str:
    m = re.search(r"([^\W\d_]*[$€£¥₫₩₹]?)$", text[max(0, start - 8) : start])
    return m.group(1) if m else ""


def find_numbers(text: str, lang: str | None = "en", *, words: bool = False) -> list[Number]:
    """Every number in ``text``, read with ``lang``'s separators and scale words.

    Digits glued to letters before them ("A320", "H5N1", "COVID19") are names, not numbers,
    except after a currency code ("VND19,659 billion"). With ``words``, numbers written as
    words and month names are included (``Number.word``), for matching only.
    """
    found: list[Number] = []
    before, _ = currency_words(lang)
    for m in _DIGITS.finditer(text):
        start, end = m.start(), m.end()
        if text[start - 1 : start] in ("^", "_") or text[end : end + 1] in ("^", "_"):
            continue  # "10^400": a power, not two numbers (nor "400 dollars"); "extra_36799",
            # "Q3_2024": a name written with an underscore, not a number
        glued = _letters_before(text, start)
        if glued and glued[-1].isalpha() and glued.lower() not in before:
            continue  # "A320", "H5N1"
        parsed = read_value(m.group("num"), lang)
        if parsed is None:
            continue
        value, readings = parsed
        if m.group("sign") and not re.search(r"[\w)]$", text[max(0, start - 1) : start]):
            value, readings = -value, tuple(-r for r in readings)
        else:
            start = m.start("num")
        money = bool(re.search(r"[$€£¥₫₩]\s?$", text[max(0, start - 3) : start])) or (
            bool(glued) and glued.lower() in before
        )
        suffix, exponent, scale_end = "", 0, None
        g = _GLUED.match(text, end)
        if g:  # letters glued to the digits: a scale suffix, an ordinal, or a unit
            letters = g.group(0).rstrip(".").lower()
            table = scale_words(lang)
            if letters in table and letters not in ("m", "k", "b"):
                exponent, end = table[letters], end + len(letters)
                if g.group(0).endswith(".") and letters in ("mill", "mrd", "mio", "mia"):
                    end += 1
            elif letters in _MONEY_SUFFIXES and (
                money or _COUNTED_AFTER.match(text, end + len(letters))
            ):
                exponent, end = _MONEY_SUFFIXES[letters], end + len(letters)
            elif _ORDINAL.fullmatch(letters) or letters in MEASURE_UNITS:
                suffix, end = letters, end + len(letters)
            elif text[end] in _CJK_SCALES or not text[end].isascii():
                pass  # 30億 below; Vietnamese "5tỷ" below
            else:
                suffix, end = letters, end + len(letters)
        if not exponent:
            more, scale_end = _scale_at(text, end, lang, money)
            exponent = more
            if not more:
                scale_end = None
        found.append(
            Number(
                text[start : scale_end or end],
                value,
                start,
                end,
                exponent,
                scale_end,
                readings,
                suffix=suffix,
            )
        )
    if words:
        found.extend(_find_word_numbers(text, lang, found))
        found.sort(key=lambda n: n.start)
    return found


class _Spans:
    """Spans (start, end) of a text, and whether a position lies in one, in log time: a text
    with many numbers is checked in time linear in its length, not quadratic."""

    def __init__(self, spans):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.reach, furthest = [], -1  # the furthest end of the spans up to each
        for _, b in spans:
            furthest = max(furthest, b)
            self.reach.append(furthest)

    def __contains__(self, pos: int) -> bool:
        import bisect

        k = bisect.bisect_right(self.starts, pos) - 1
        return k >= 0 and self.reach[k] > pos


_WORD_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)


def _find_word_numbers(text: str, lang: str | None, digits: list[Number]) -> list[Number]:
    table = _word_numbers(lang)
    taken = _Spans([(n.start, n.span_end) for n in digits])
    out = []
    months = _month_words(lang)
    for m in _WORD_TOKEN.finditer(text):
        word = m.group(0).lower()
        value = table.get(word)
        if value is None or m.start() in taken:
            continue
        start, stop = m.start(), m.end()
        unit = re.match(r"-([^\W\d_]+)", text[stop : stop + 40])  # "twenty-four"
        if (
            unit
            and 20 <= value < 100
            and value % 10 == 0
            and table.get(unit.group(1).lower(), 10) < 10
        ):
            value, stop = value + table[unit.group(1).lower()], stop + unit.end()
        exponent, end = _scale_at(text, stop, lang, False)
        # "November 16", "16. november 2023": a month in a date must be in the other text too
        dated = word in months and (
            re.search(r"\d\.?\s{1,2}$", text[max(0, m.start() - 4) : m.start()])
            or re.match(r"\.?\s{1,2}\d", text[m.end() : m.end() + 4])
        )
        out.append(
            Number(
                text[start : end if exponent else stop],
                value,
                start,
                stop,
                exponent,
                end if exponent else None,
                word=not dated,
            )
        )
    return out


@functools.cache
def _month_words(lang: str | None) -> frozenset[str]:
    code = languages.base(lang)
    return frozenset(_MONTHS["en"] + _MONTHS.get(code, []) + list(_MONTH_ABBR))


# --- times of day ---------------------------------------------------------------------------
# "10:30", "8:30 p.m.", "kl. 23:35", "1200 GMT", "16h", "8h30", "10 giờ sáng", "15.00 UTC".
# A time is compared as minutes after midnight; a 12-hour time without am/pm may be either.
_TIME = re.compile(
    # (?=\d): every branch's first character is a digit, and a position that is not one is
    # passed over at once instead of trying seven branches there (12x faster, the same matches)
    r"(?=\d)(?:"
    r"(?<![\d.,:])(?P<h>\d{1,2}):(?P<m>\d{2})(?![\d:])(?:\s*(?P<ap>[ap]\.?\s?m\b\.?))?"
    r"|(?:(?<=kl\. )|(?<=kl )|(?<=klokken )|(?<=klokka )|(?<=lúc )|(?<=at ))"
    r"(?P<hd>\d{1,2})\.(?P<md>\d{2})(?!\d)"
    r"|(?<![\d.,])(?P<hu>\d{1,2})\.(?P<mu>\d{2})(?=\s*(?:GMT|UTC|giờ))"
    r"|(?<![\d.,])(?P<h2>\d{1,2})\s*(?P<ap2>a\.m\.|p\.m\.|am\b|pm\b)"
    r"|(?<![\d.,])(?P<h3>\d{1,2})h(?P<m3>\d{2})?(?!\w)"
    r"|(?<![\d.,])(?P<h4>\d{1,2})\s*giờ(?:\s*(?P<m4>\d{1,2})(?:\s*phút)?)?"
    r"(?:\s*(?P<vp>sáng|trưa|chiều|tối|đêm))?"
    r"|(?<![\d.,])(?P<h5>[0-2]\d)(?P<m5>[0-5]\d)(?=\s*(?:GMT|UTC))"
    r")",
    re.IGNORECASE,
)


def find_times(text: str) -> list[Number]:
    """Times of day, as minutes after midnight (``readings``: the other half of the day when
    a 12-hour time says neither am nor pm)."""
    out = []
    matches = list(_TIME.finditer(text))
    for k, m in enumerate(matches):
        g = {key: v for key, v in m.groupdict().items() if v}
        hour = int(next(g[key] for key in ("h", "hd", "hu", "h2", "h3", "h4", "h5") if key in g))
        minute = int(next((g[key] for key in ("m", "md", "mu", "m3", "m4", "m5") if key in g), 0))
        if hour > 24 or minute > 59:
            continue
        marker = (g.get("ap") or g.get("ap2") or "").lower().replace(".", "").replace(" ", "")
        if not marker and k + 1 < len(matches) and matches[k + 1].start() - m.end() <= 3:
            following = matches[k + 1].groupdict()  # "10:00-11:00 pm": pm for both
            marker = (following.get("ap") or following.get("ap2") or "").lower()
            marker = marker.replace(".", "").replace(" ", "")
        part = (g.get("vp") or "").lower()
        if marker == "pm" or part in ("chiều", "tối") or (part == "đêm" and hour >= 6):
            hour = hour + 12 if hour < 12 else hour
        elif marker == "am" and hour == 12:
            hour = 0
        value = Decimal(hour * 60 + minute)
        other: tuple[Decimal, ...] = ()
        if not marker and not part and 1 <= hour <= 12:
            other = (Decimal((hour + 12) % 24 * 60 + minute),)
        out.append(Number(m.group(0), value, m.start(), m.end(), readings=other))
    return out


# --- amounts: a number with its unit --------------------------------------------------------


@dataclass(frozen=True)
class Amount:
    """A number with what it is in: a currency (ISO code), "%", "pp" (percentage points),
    or None (a plain number)."""

    number: Number
    unit: str | None
    start: int  # the whole amount as written, currency included
    end: int
    text: str
    high: Decimal | None = None  # a range written as words' upper end ("tens of millions")

    @property
    def value(self) -> Decimal:
        return self.number.scaled


def _currency_before(text: str, n: Number, lang: str | None) -> tuple[str, int] | None:
    pre = _currency_patterns(lang)[0]
    m = pre.search(text[max(0, n.start - 16) : n.start])
    if not m:
        return None
    before, _ = currency_words(lang)
    window = text[max(0, n.start - 16) : n.start]
    return before[m.group("cur").lower()], n.start - (len(window) - m.start("cur"))


def _currency_after(text: str, n: Number, lang: str | None) -> tuple[str, int] | None:
    _, post, compound = _currency_patterns(lang)
    m = post.match(text, n.span_end) or compound.match(text, n.span_end)
    if not m:
        return None
    word = m.group("cur").lower()
    if word in _AMBIGUOUS and not (n.has_scale or abs(n.value) >= 1000):
        # "3 đồng chí", "13 đô thị", "12 won medals": only money where nothing says otherwise
        rest = text[m.end() : m.end() + 40]
        if _NOT_MONEY_AFTER.match(rest) or re.match(r"\s+[^\W\d_]", rest):
            return None
    if word == "đô" and re.match(r"\s*thị", text[m.end() : m.end() + 40], re.IGNORECASE):
        return None
    _, after = currency_words(lang)
    return after[word], m.end()


def read_amounts(text: str, lang: str | None = "en", *, words: bool = False) -> list[Amount]:
    """Every number of ``text`` with its unit (see :class:`Amount`); times of day have the
    unit "time" and are counted in minutes after midnight."""
    times = find_times(text)
    out = [Amount(t, "time", t.start, t.end, t.text) for t in times]
    in_time = _Spans([(t.start, t.end) for t in times])
    taken_to = -1  # the end of "3 dollars 50 cents": its cents are read with its dollars
    for n in find_numbers(text, lang, words=words):
        if n.start in in_time or n.start < taken_to:
            continue
        unit, start, end = None, n.start, n.span_end
        if not n.word or n.has_scale:
            found = _currency_before(text, n, lang)
            if found:
                unit, start = found
                after = _currency_after(text, n, lang)
                if after and (after[0] == unit or text[start] == "$"):
                    unit, end = after  # "US$3 billion USD"; "$45 triệu AUD" is AUD
            else:
                found = _currency_after(text, n, lang)
                if found:
                    unit, end = found
                    cents = _CENTS.match(text, end) if not n.has_scale else None
                    if cents:  # "3 dollars 50 cents"
                        n = Number(
                            text[n.start : cents.end()],
                            n.value + Decimal(cents.group(1)) / 100,
                            n.start,
                            n.end,
                        )
                        end = taken_to = cents.end()
            if unit is None and not n.suffix:
                pct = _PERCENT.match(text, n.span_end)
                if pct:
                    unit, end = ("pp" if pct.group("pp") else "%"), pct.end()
        out.append(Amount(n, unit, start, end, text[start:end]))
    return sorted(out, key=lambda a: a.start)


# --- the number check -----------------------------------------------------------------------


@dataclass(frozen=True)
class NumberCheck:
    """Numbers of a source missing from its translation, and numbers the translation has that
    the source does not (each as written)."""

    missing: tuple[str, ...] = ()
    unexpected: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.missing and not self.unexpected


def same_amount(a: Amount, b: Amount) -> bool:
    """One quantity: equal scaled values in one unit, each read as its own language's readers
    read it ("3 million" is not "3 billion"; "1,543" is 1543 in English, 1.543 in Vietnamese)."""
    if a.unit != b.unit and not (a.number.word or b.number.word):
        return False
    if a.unit == "time":
        return bool({a.number.value, *a.number.readings} & {b.number.value, *b.number.readings})
    return a.number.scaled == b.number.scaled


def _unmatched(required: list[Amount], others: list[Amount]) -> tuple[str, ...]:
    """The required amounts that no amount of ``others`` matches, one to one: a number the
    source says twice must be in the translation twice."""
    pool = list(others)
    missing = []
    for a in required:
        if a.number.word:
            continue
        match = next((b for b in pool if same_amount(a, b)), None)
        if match is None:
            missing.append(a.text.strip())
        else:
            pool.remove(match)
    return tuple(dict.fromkeys(missing))


def check_numbers(
    source: str, source_lang: str | None, target: str, target_lang: str | None
) -> NumberCheck:
    """Compare the numbers of a source and its translation, scale and unit included."""
    src = read_amounts(source, source_lang, words=True)
    tgt = read_amounts(target, target_lang, words=True)
    return NumberCheck(_unmatched(src, tgt), _unmatched(tgt, src))


def missing_numbers(
    source: str, source_lang: str | None, target: str, target_lang: str | None
) -> list[str]:
    """The numbers of ``source`` (as written) that its translation does not have."""
    return list(check_numbers(source, source_lang, target, target_lang).missing)


def foreign_numbers(text: str, source: list[str], lang: str | None = "en") -> list[str]:
    """The numbers of ``text`` that none of the ``source`` sentences has (the summary guard):
    "US$478 billion" is foreign to a source that says "US$478 million"."""
    have = [a for s in source for a in read_amounts(s, lang, words=True)]
    return list(_unmatched(read_amounts(text, lang, words=True), have))
