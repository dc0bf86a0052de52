"""Numbers in text: the one place that parses them.

Used by the translation number check (every number of a source sentence must reappear in its
translation) and by the abstractive summariser's guard against invented numbers. Numbers are
read with each language's separators (Babel's locale data): "1,543" is 1543 in English and
1.543 in Vietnamese; "1 543", "1.543" and "1,543" can all be one thousand five hundred and
forty-three. A scale word after a number ("million", "milliarder", "tỷ", "triệu") gives the
number a second, scaled value, so "1 543 millioner" matches "1.543 billion".
"""

from __future__ import annotations

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

# Scale words: a few per language the tool meets most; extend as languages are added.
SCALES = {
    "thousand": 10**3, "thousands": 10**3, "million": 10**6, "millions": 10**6, "mn": 10**6,
    "m": 10**6, "billion": 10**9, "billions": 10**9, "bn": 10**9, "b": 10**9,
    "trillion": 10**12,
    "tusen": 10**3, "million_no": 10**6, "millioner": 10**6, "milliard": 10**9,
    "milliarder": 10**9, "mrd": 10**9, "mill": 10**6,
    "nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9,
}
_SCALE_AFTER = re.compile(r"\s*(?P<word>[^\W\d_]+\.?)", re.UNICODE)


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
        scaled = None
        after = _SCALE_AFTER.match(text, match.end())
        if after:
            word = after.group("word").lower().rstrip(".")
            if word in SCALES:
                scaled = value * SCALES[word]
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
