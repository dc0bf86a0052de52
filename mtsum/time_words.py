"""Time words that only the article's date makes readable, resolved as mtsum's insertion.

"In January alone" on a page prepared in another year is a riddle; :func:`mark_years` adds the
year the words mean, in brackets, so the reader sees what was added: "In January [2024]
alone", "the first quarter of this year [2024]", "quý I năm nay [2024]". The phrases are data
(``mtsum/data/time_words.toml``), per language.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from importlib import resources

from mtsum import languages


@dataclass(frozen=True)
class _Rules:
    years: tuple[tuple[re.Pattern[str], int], ...]
    parts: tuple[re.Pattern[str], ...]
    has_year: re.Pattern[str]


@functools.cache
def _rules(lang: str) -> _Rules | None:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]

    text = resources.files("mtsum").joinpath("data/time_words.toml").read_text("utf-8")
    table = tomllib.loads(text).get(lang)
    if table is None:
        return None
    return _Rules(
        tuple((re.compile(p, re.IGNORECASE), int(offset)) for p, offset in table["years"]),
        tuple(re.compile(p, re.IGNORECASE) for p in table["parts"]),
        re.compile(table["has_year"], re.IGNORECASE),
    )


def relative_years(text: str, lang: str | None, date: dt.date) -> list[tuple[int, int]]:
    """(position, year): where a year is to be inserted into ``text`` (after the phrase that
    needs it), for an article dated ``date``. Positions ascend; one per phrase."""
    rules = _rules(languages.base(lang))
    if rules is None:
        return []
    found: dict[int, int] = {}
    for pattern, offset in rules.years:
        for m in pattern.finditer(text):
            if not text[m.end() :].lstrip().startswith("["):
                found[m.end()] = date.year + offset
    taken = [(m.start(), m.end()) for p, _ in rules.years for m in p.finditer(text)]
    for pattern in rules.parts:
        for m in pattern.finditer(text):
            inside = any(a <= m.start() < b for a, b in taken)
            if inside or rules.has_year.match(text[m.end() :]):
                continue
            found.setdefault(m.end(), date.year)
    return sorted(found.items())


def mark_years(text: str, lang: str | None, date: dt.date | None, undated: str = "") -> str:
    """``text`` with the year of each relative time word added after it ("this year
    [2024]"). Without a date, ``undated`` (e.g. "(undated article)") is added once at the end
    when the text has such words, and nothing else changes."""
    if date is None:
        probe = relative_years(text, lang, dt.date(2000, 1, 1))
        return f"{text} {undated}" if probe and undated else text
    out, last = [], 0
    for position, year in relative_years(text, lang, date):
        out += [text[last:position], f" [{year}]"]
        last = position
    return "".join(out) + text[last:]
