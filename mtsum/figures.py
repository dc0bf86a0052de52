"""Stage 5, figures: the key figures of each article and the same figure across articles.

A figure is an amount (:mod:`mtsum.numbers`) with what it is: money (with its currency), a
percentage, percentage points, or a count of things ("17 FDI projects"). Each figure gets

- its **period**, the one its sentence names nearest to it (:mod:`mtsum.dates`), so "$3 billion
  in 2024, up from $2.5 billion in 2023" dates each amount by its own year;
- its **measure**, from a closed vocabulary of what provincial investment news reports
  (``data/measures.toml``: FDI attracted, registered capital, exports, GRDP growth, projects,
  jobs, visitors...), matched from the words around it in en/vi/no; "other" with the source
  phrase when none matches;
- its **qualifier** as a closed key (approx, nearly, over, under, at_least, up_to), so every
  part of the briefing can say it in its own language;
- whether it is a **target** ("aims to attract", "mục tiêu", "målet") rather than a result.

Years, dates, periods, ranges ("2021-2030") and reference numbers ("No. 20-NQ/TU",
"Covid-19") are not figures. No exchange rate is ever applied.

Figures of different articles are grouped only when kind, unit, measure and target agree and
their periods agree (or one lies within the other's and the values are close); a value alone
never links two articles. Groups whose values differ are kept and flagged, never averaged.
"""

# Long on purpose (over 60 lines or cyclomatic complexity 20; tests/test_shape.py):
#   _find_figures: the figure reader's cascade; its order is the rule
#   _not_a_figure: the checks that a number is no figure (years, codes, ranks), in order
#   _pairs: ranges and 'X out of Y' paired in one pass
#   figure_table: rows by measure, scope, status and period, with sources
#   find_measure: the measure rules in order of precedence

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Sequence
from decimal import Decimal

from mtsum import languages, measure_model, scope_model
from mtsum import scope as scopes
from mtsum.dates import Period, find_dates, find_periods, nearest_period
from mtsum.measures import (  # noqa: F401 - re-exported
    Measure,
    _load_toml,
    _measure_words_pattern,
    _measures_file,
    _names,
    _narrowing,
    _word_pattern,
    _words_of,
    measure_label,
    measures,
    narrowed,
    variant_of,
)
from mtsum.model import (  # noqa: F401 - re-exported
    OTHER,
    Change,
    Figure,
    FigureGroup,
    FigureRow,
    FigureStatus,
    Kind,
    Report,
)
from mtsum.numbers import MEASURE_UNITS, Amount, find_times, read_amounts

# "klokken 12.00 GMT" and other clock readings find_times leaves to the context
_CLOCK = re.compile(
    r"(?:klokken|klokka|kl\.|lúc|at)\s+\d{1,2}[.:]\d{2}"
    r"|(?<![\d.,])\d{1,2}[.:]?\d{2}\s*(?:giờ\s*)?(?:GMT|UTC)\b",
    re.IGNORECASE,
)


Status = FigureStatus
MONEY, PERCENT, POINTS, COUNT = Kind.MONEY, Kind.PERCENT, Kind.POINTS, Kind.COUNT


# --- qualifiers -------------------------------------------------------------------------------
QUALIFIERS: dict[str, tuple[str, ...]] = {
    "nearly": (
        "nearly",
        "almost",
        "close to",
        "just under",
        "gần",
        "suýt",
        "nesten",
        "nærmere",
        "snaut",
        "i underkant av",
    ),
    "approx": (
        "about",
        "around",
        "approximately",
        "roughly",
        "some",
        "an estimated",
        "estimated",
        "circa",
        "ca.",
        "khoảng",
        "chừng",
        "xấp xỉ",
        "ước tính",
        "ước",
        "omtrent",
        "cirka",
        "rundt",
        "anslagsvis",
        "om lag",
    ),
    "over": (
        "over",
        "more than",
        "above",
        "exceeding",
        "exceeded",
        "topped",
        "surpassed",
        "passed",
        "upwards of",
        "in excess of",
        "hơn",
        "trên",
        "vượt",
        "vượt mức",
        "vượt qua",
        "mer enn",
        "passerte",
        "oversteg",
        "drøyt",
        "i overkant av",
        "over",
    ),
    "under": (
        "under",
        "less than",
        "below",
        "fewer than",
        "dưới",
        "chưa đến",
        "chưa tới",
        "mindre enn",
        "færre enn",
    ),
    "at_least": (
        "at least",
        "no less than",
        "a minimum of",
        "ít nhất",
        "tối thiểu",
        "không dưới",
        "minst",
    ),
    "up_to": ("up to", "as much as", "as many as", "lên đến", "lên tới", "opptil", "inntil"),
}
_QUALIFIER_KEY = {w: key for key, ws in QUALIFIERS.items() for w in ws}
_QUALIFIER = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(w) for w in sorted(_QUALIFIER_KEY, key=len, reverse=True))
    + r")\s*$",
    re.IGNORECASE,
)

# --- the measures -----------------------------------------------------------------------------


@functools.cache
def _measure_patterns(lang: str | None) -> list[tuple[int, Measure, re.Pattern]]:
    """One pattern per measure, in file order. Its names are matched inside a lookahead, so
    every name is found wherever it starts, overlapping names included ("Vốn giải ngân FDI"
    holds "vốn giải ngân" and "giải ngân FDI"): the longest name at each position."""
    code = languages.base(lang)
    out = []
    for order, m in enumerate(measures().values()):
        names = _names(m, code)
        if names:
            out.append((order, m, re.compile(rf"(?=({names}))", re.IGNORECASE)))
    return out


@functools.lru_cache(maxsize=256)
def _measure_names(sentence: str, lang: str | None) -> tuple[tuple[int, int, int, Measure], ...]:
    """Every measure name in a sentence: (start, end, order, measure)."""
    found = []
    low = sentence.lower()
    anchors = _measure_anchors(lang)
    for order, measure, pattern in _measure_patterns(lang):
        if not any(a in low for a in anchors[measure.key]):
            continue  # none of its names' first words is in the sentence: no need to scan
        for m in pattern.finditer(sentence):
            if m.group(1):
                found.append((m.start(1), m.end(1), order, measure))
    return tuple(sorted(found, key=lambda f: (f[0], f[1], f[2])))


@functools.cache
def _measure_anchors(lang: str | None) -> dict[str, tuple[str, ...]]:
    """Each measure's names' first words, lower case: a sentence without any of them holds
    none of its names (a quick test before the measure's pattern runs)."""
    code = languages.base(lang)
    out = {}
    for m in measures().values():
        words = m.words.get(code) or m.words.get("en", ())
        out[m.key] = tuple({w.rstrip("*").split()[0].lower() for w in words if w.strip("*")})
    return out


@functools.cache
def _context_pattern(key: str, lang: str | None) -> re.Pattern | None:
    m = measures()[key]
    code = languages.base(lang)
    words = m.context.get(code) or m.context.get("en", ())
    if not words:
        return None
    return re.compile("|".join(_word_pattern(w, code) for w in words), re.IGNORECASE)


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    if a[1] <= b[0]:
        return b[0] - a[1]
    if b[1] <= a[0]:
        return a[0] - b[1]
    return 0


MAX_GAP = 120  # characters: a measure named further from its figure is not its measure
# "to 2.1%", "til 3,1 prosent": the level a change reached.
_LEVEL_BEFORE = re.compile(r"(?:\bto|\btil|\blên|\bxuống|\bcòn|\bat)\s*$", re.IGNORECASE)
# A percentage followed by the whole it is part of: a share.
_SHARE_OF = re.compile(r"\s+(?:of|av|của|trong tổng|tổng số)\s+[^\W\d]+", re.IGNORECASE)
CONTEXT_CHARS = 100  # how far around a measure's name and its figure its context counts


def find_measure(
    sentence: str,
    lang: str | None,
    kind: str,
    span: tuple[int, int],
    unit_span: tuple[int, int] | None = None,
    taken: Sequence[tuple[int, int]] = (),
    context: str = "",
) -> tuple[str, str]:
    """(measure key, the words that named it) for a figure at ``span`` of ``sentence``.

    The nearest naming words win; where two names overlap ("foreign investment attraction"),
    the one that contains the other, else the one listed first, stands. A count's own unit
    ("17 FDI projects") names it before anything else."""
    matches = []
    for start, end, order, measure in _measure_names(sentence, lang):
        if kind not in measure.kinds:
            continue
        if unit_span is not None and not (unit_span[0] <= start and end <= unit_span[1]):
            continue
        if any(a <= start and end <= b for a, b in taken):
            continue
        if (
            measure.key == "fdi"
            and scopes.word_pattern("fdi_group").search(sentence, 0, end)
            and (
                scopes.word_pattern("fdi_group_at").match(sentence, end)
                or scopes.word_pattern("fdi_group_before").search(sentence, 0, start)
            )
        ):
            continue  # "Exports by FDI firms", "Khu vực FDI": a group, not FDI attracted
        matches.append((start, end, order, measure))
    kept = []
    for a in matches:  # overlapping names: the containing one, else the first listed
        beaten = False
        for b in matches:
            if a is b or not (a[0] < b[1] and b[0] < a[1]):
                continue
            a_in_b = b[0] <= a[0] and a[1] <= b[1] and (b[1] - b[0]) > (a[1] - a[0])
            b_in_a = a[0] <= b[0] and b[1] <= a[1] and (a[1] - a[0]) > (b[1] - b[0])
            if a_in_b or (not b_in_a and b[2] < a[2]):
                beaten = True
                break
        if not beaten:
            kept.append(a)
    kept = [
        b
        for b in kept
        if not any(
            a[1] <= b[0] and scopes.word_pattern("source_after").fullmatch(sentence, a[1], b[0])
            for a in kept
        )
    ]  # "Budget revenue from import-export activities": budget revenue, from a source
    best = None
    for start, end, order, measure in kept:
        if unit_span and unit_span[0] <= start and end <= unit_span[1]:
            gap = -1
        else:
            gap = _gap((start, end), span)
            between = sentence[min(end, span[0]) : max(start, span[1])]
            gap += 25 * between.count(";") + 15 * between.count(",")
            if start >= span[1]:
                gap += 10  # a measure is mostly named before its figure
        if gap > MAX_GAP:
            continue
        if best is None or (gap, order) < (best[0], best[1]):
            best = (gap, order, measure, sentence[start:end], start)
    if kind == PERCENT and scopes.word_pattern("more_than_after").match(sentence, span[1]):
        return "growth", ""  # "15,2 prosent mer enn i samme periode i fjor"
    whole = _SHARE_OF.match(sentence, span[1]) if kind == PERCENT else None
    if whole is None and kind == PERCENT and languages.base(lang) == "vi":
        noun = re.match(r"\s+([^\W\d_]+)", sentence[span[1] :])  # "53% đàn ông"
        if noun and noun.group(1).lower() not in _function_words(lang) | {"so", "kế", "dự"}:
            whole = noun
    reach = min([span[1] + 50, *(k for k in (sentence.find(c, span[1]) for c in ",;") if k >= 0)])
    plan_named = next(
        (
            (m, sentence[start:end])
            for start, end, _, m in kept
            if whole and m.key == "plan_progress" and span[1] <= start < max(whole.end(), reach)
        ),
        None,
    )  # "41% of the province's FDI plan for the first half": a share of a plan
    if plan_named is not None:  # "and 141% of the plan for ...", a plan named before it too
        return plan_named[0].key, plan_named[1]
    if whole and not (
        best is not None and best[2].key in ("plan_progress", "grdp_growth") and best[4] >= span[1]
    ):
        return "share", whole.group(0).strip()  # "43% of millennials", "9 % av de totale"
    if best is None:
        return OTHER, ""
    if best[2].key == "growth" and _LEVEL_BEFORE.search(sentence[: span[0]]):
        share = scopes.word_pattern("share_before").search(sentence, 0, span[0])
        return ("share", share.group(0)) if share and kind == PERCENT else (OTHER, "")
        # "fell 0.4 points to 2.1%": 2.1% is a level, not a change; "X's share ... rose to 71%"
    gap, _, measure, named, where = best
    if measure.becomes:  # "registered capital" of foreign-invested projects is FDI
        pattern = _context_pattern(measure.key, lang)
        lo = max(0, min(where, span[0]) - CONTEXT_CHARS)
        hi = max(where + len(named), span[1]) + CONTEXT_CHARS
        if pattern is not None and (
            any(m.start() < hi and m.end() > lo for m in pattern.finditer(sentence))
            or (context and where >= span[1] and pattern.search(context[-2 * CONTEXT_CHARS :]))
        ):
            return measure.becomes, named
    return measure.key, named


# --- figures ----------------------------------------------------------------------------------


# the words just before a figure that say it is an estimate ("ước đạt 42.600 tỷ đồng", "was
# estimated at VND 95 trillion", "an estimated US$2.5 billion", "anslagsvis 2,5 milliarder")
_ESTIMATE = re.compile(
    r"(?<![\w-])(?:ước(?:\s+(?:đạt|tính|khoảng|thực\s+hiện|được))?|(?:an\s+)?estimated"
    r"(?:\s+(?:at|to\s+be|to\s+have\s+reached|to\s+reach|to\s+have\s+(?:grown|risen|"
    r"increased|fallen|declined|expanded)(?:\s+by)?))?|anslagsvis|anslått\s+til|"
    r"estimert\s+til)\s+(?:(?:about|around|nearly|over|some|approximately|roughly|almost|"
    r"more\s+than|khoảng|gần|hơn|trên|rundt|om\s+lag|nesten|over)\s+)?(?:US\$|\$|USD\s*|VND\s*)?$",
    re.IGNORECASE,
)


_ESTIMATE_WORDS = {"an estimated", "estimated", "ước tính", "ước", "anslagsvis"}


def _qualifier(text: str, start: int) -> tuple[str | None, bool]:
    """(the qualifier of a figure at ``start``, whether it is an estimate); an estimate's
    own word ("an estimated", "ước tính") is no "about" besides."""
    estimate = bool(_ESTIMATE.search(text, max(0, start - 48), start))
    before = text[max(0, start - 24) : start].rstrip(" $US-")
    m = _QUALIFIER.search(before)
    if m is None or (estimate and m.group(1).lower() in _ESTIMATE_WORDS):
        return None, estimate
    return _QUALIFIER_KEY[m.group(1).lower()], estimate


_TIME_UNITS = {
    "year",
    "years",
    "month",
    "months",
    "day",
    "days",
    "week",
    "weeks",
    "quarter",
    "quarters",
    "hour",
    "hours",
    "minute",
    "minutes",
    "seconds",
    "decade",
    "decades",
    "år",
    "året",
    "måned",
    "måneder",
    "dager",
    "dag",
    "uker",
    "uke",
    "kvartal",
    "timer",
    "năm",
    "tháng",
    "ngày",
    "tuần",
    "quý",
    "giờ",
    "phút",
    "times",
    "ganger",
    "lần",
    "am",
    "pm",
    "a.m",
    "p.m",
    "o'clock",
    "tuổi",
    "old",
    "gammel",
    "gamle",
    "h",
    "giây",
    "sekunder",
    "minutter",
}
_REFERENCE_BEFORE = re.compile(
    r"(?:\bno|\bnr|\bnum|(?<!tổng )(?<!trong )\bsố|\bnumber|#|\bart|"
    r"\barticle|\bdecree|\btype|\btuýp|\btyp|\bloại"
    r"|\bresolution|\bdecision|\bcircular|\bvedtak|\bkhoản|"
    r"\bđiều|\bchương|\bpage|\bside|\btrang|\bversion|\bphase|"
    r"\bgiai đoạn|\bfase|\bstage|\blevel|\bcấp|\bnhóm|\bgroup|"
    r"\broute|\bquốc lộ|\bhighway|\brank|\bhạng|\bplace|\bvị trí|"
    r"\bthứ|\bnummer|\bngõ|\bngách|\bhẻm|\bkiệt|\bphường|\bquận|"
    r"\bq|\bxóm|\bkhối|\bthôn|\btổ|\bấp|\bphố|\bđường|\bphút|"
    r"\bminute|\bsn|\bkm|\bsố nhà|\btập|\bmục|\bbước|\bvòng|"
    r"\broom|\bfloor|\btầng|\bgate|\bcổng|\bpier)\.?\s*$",
    re.IGNORECASE,
)
_UNIT_WORD = re.compile(r"[ \u00a0]+([^\W\d_][\w\-]*)")
_REFERENCE_LIST = re.compile(
    r"(?:\bno|\bnr|\bnumber|\bsố|\btype)\.?\s*\d+\s*(?:and|og|và|,|&)\s*$", re.IGNORECASE
)
_WORD_RANGE_BEFORE = re.compile(r"\d\s+(?:to|til|đến|tới|and)\s*$", re.IGNORECASE)
_WORD_RANGE_AFTER = re.compile(r"\s+(?:to|til|đến|tới)\s+\d", re.IGNORECASE)

# Words that end what a count counts: articles, prepositions, conjunctions, verbs of being
# and reporting. Small lists on purpose: stopword lists hold nouns too ("cơ sở", "bị cáo").
_FUNCTION_WORDS = {
    "en": {
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "with",
        "by",
        "the",
        "a",
        "an",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "that",
        "which",
        "who",
        "this",
        "these",
        "those",
        "as",
        "than",
        "per",
        "each",
        "more",
        "less",
        "over",
        "under",
        "last",
        "next",
        "since",
        "during",
        "into",
        "out",
        "up",
        "down",
        "about",
        "around",
        "while",
        "but",
        "so",
        "if",
        "it",
        "its",
        "their",
        "his",
        "her",
        "will",
        "would",
        "can",
        "could",
        "said",
        "says",
        "across",
        "including",
        "between",
        "among",
        "against",
        "after",
        "before",
        "when",
        "where",
        "until",
        "till",
        "through",
        "within",
        "towards",
        "toward",
        "via",
        "amid",
        "not",
        "only",
        "also",
        "already",
        "both",
        "all",
        "such",
        "like",
        "because",
        "then",
    },
    "vi": {
        "và",
        "của",
        "là",
        "các",
        "những",
        "được",
        "có",
        "cho",
        "với",
        "trong",
        "tại",
        "từ",
        "đến",
        "tới",
        "đã",
        "đang",
        "sẽ",
        "này",
        "đó",
        "khi",
        "thì",
        "mà",
        "nhưng",
        "hoặc",
        "hay",
        "so",
        "về",
        "theo",
        "bằng",
        "trên",
        "dưới",
        "ra",
        "vào",
        "lên",
        "xuống",
        "đạt",
        "tăng",
        "giảm",
        "ở",
        "như",
        "để",
        "do",
        "bởi",
        "vì",
        "nên",
        "còn",
        "cũng",
        "rồi",
        "nhất",
        "hơn",
        "mỗi",
        "một",
        "hai",
        "ba",
        "năm",
        "tháng",
        "ngày",
        "qua",
        "sau",
        "trước",
        "ông",
        "bà",
        "anh",
        "chị",
    },
    "no": {
        "og",
        "eller",
        "i",
        "på",
        "til",
        "for",
        "fra",
        "med",
        "av",
        "er",
        "var",
        "har",
        "hadde",
        "som",
        "at",
        "den",
        "det",
        "de",
        "en",
        "et",
        "ei",
        "om",
        "over",
        "under",
        "mer",
        "enn",
        "per",
        "hver",
        "etter",
        "før",
        "ved",
        "mot",
        "mens",
        "men",
        "så",
        "hvis",
        "ble",
        "blir",
        "vil",
        "kan",
        "skal",
        "sier",
        "sa",
        "inkludert",
        "mellom",
        "blant",
        "innen",
        "siden",
        "inntil",
        "frem",
        "fram",
        "ikke",
        "også",
        "bare",
        "alle",
    },
}


def _function_words(lang: str | None) -> set[str]:
    from mtsum.sentences import stopwords

    return _FUNCTION_WORDS.get(languages.base(lang)) or set(stopwords(lang))


def _unit_after(text: str, end: int, lang: str | None) -> tuple[str, int] | None:
    """What a count counts: the words after the number, up to a function word or
    punctuation; None for a duration or an age ("8 consecutive years", "45 tuổi")."""
    stop = _function_words(lang)
    taken: list[str] = []
    pos = end
    while len(taken) < 3:
        m = _UNIT_WORD.match(text, pos)
        if not m:
            break
        word = m.group(1)
        if word.lower() in _TIME_UNITS:
            return None
        if word.lower() in stop and not (not taken and scopes.word_pattern("more").fullmatch(word)):
            break  # "8 more projects": "more" says how many, then the noun
        taken.append(word)
        after = (
            _UNIT_WORD.match(text, m.end())
            if len(taken) == 1 and scopes.word_pattern("more").fullmatch(word)
            else None
        )
        if (
            len(taken) == 1
            and scopes.word_pattern("more").fullmatch(word)
            and (after is None or after.group(1).lower() in stop)
        ):
            return None  # "5 more than": no noun
        pos = m.end()
        if word.lower() in MEASURE_UNITS:
            break  # "15 km", "1.500 MW": the unit is the measure
        if len(taken) > 1 and _counted_noun(word, lang):
            break  # "5 Japanese firms pledged": what is counted ends with its noun
    if not taken:
        return None
    return " ".join(taken), pos


@functools.lru_cache(maxsize=4096)
def _counted_noun(word: str, lang: str | None) -> bool:
    """Whether a word names a count measure by itself ("firms", "prosjekter")."""
    return any(COUNT in m.kinds and p.fullmatch(word) for _, m, p in _count_name_patterns(lang))


@functools.cache
def _count_name_patterns(lang: str | None) -> list[tuple[int, Measure, re.Pattern]]:
    code = languages.base(lang)
    out = []
    for order, m in enumerate(measures().values()):
        if COUNT in m.kinds and m.key not in ("people", "capacity", "area"):
            names = _names(m, code)
            if names:
                out.append((order, m, re.compile(names, re.IGNORECASE)))
    return out


_WORD_BEFORE = re.compile(r"([^\W\d_][\w-]*)\W*$")


def _noun_before(text: str, start: int, lang: str | None) -> tuple[str, int, int] | None:
    """A counted noun a few words before a bare scaled number ("Tourist arrivals hit
    4.2 million"): a word that names a count measure, up to six words back."""
    before = text[:start]
    window = before[max(0, len(before) - 60) :]
    offset = len(before) - len(window)
    best = None
    for found_start, found_end, _, measure in _measure_names(text, lang):
        if COUNT in measure.kinds and found_start >= offset and found_end <= start:
            if len(text[found_end:start].split()) <= 6:
                best = (text[found_start:found_end], found_start, found_end)
    return best


def _skip_spans(sentence: str, lang: str | None, reference: dt.date | None):
    """Spans of dates, times and periods: their numbers are not figures."""
    spans = [
        (d.start, d.end)
        for d in find_dates(sentence, lang, year=reference.year if reference else 2000)
    ]
    spans += [(t.start, t.end) for t in find_times(sentence)]
    spans += [(m.start(), m.end()) for m in _CLOCK.finditer(sentence)]
    periods = find_periods(sentence, lang, reference)
    spans += [(p.start, p.end) for p in periods]
    return spans, periods


def _names_a_thing(sentence: str, start: int, unit: str) -> bool:
    """A number inside a name, not a count: "Iphone 6 Plus", "Samsung J7", "37 C"."""
    first = unit.split()[0]
    if first in ("m", "g", "t", "l"):  # "100–250 m": metres, grams, tonnes, litres
        return False
    if len(first) == 1 or first.lower() in ("plus", "pro", "max", "mini", "lite", "ultra"):
        return True
    before = re.search(r"([^\W\d_][\w-]*)\s*$", sentence[:start])
    return bool(
        first[:1].isupper() and before and before.group(1)[:1].isupper() and before.start(1) > 0
    )


MAX_VALUE = Decimal(10) ** 20  # no amount any briefing reports: a typo or a code, not a figure


def _not_a_figure(sentence: str, a: Amount, skip: list[tuple[int, int]]) -> bool:
    n = a.number
    if abs(n.scaled) >= MAX_VALUE:
        return True
    if any(s <= n.start < e for s, e in skip):
        return True  # inside a date or a period: "27. november 2023", "first 10 months"
    if n.word and n.has_scale and a.unit is None:
        return True  # "two million": a count written as words names what it counts
    if (
        n.scale == 0
        and n.value == int(n.value)
        and 1900 <= n.value <= 2100
        and len(re.sub(r"\D", "", n.text)) == 4
        and a.unit is None
    ):
        return True  # a year
    before, after = sentence[: n.start], sentence[n.span_end :]
    if re.match(r"\s*[-–/]\s*\d", sentence[n.end :]) or re.search(r"\d\s*[-–/]\s*$", before):
        return True  # a range or a date: "2021-2030", "25/11"
    if (re.match(r"-[^\W\d_]", after) and a.unit is None) or re.search(r"[^\W\d_]-$", before):
        return True  # "20-NQ/TU", "Covid-19", "12-storey" (not "$35,000-a-year")
    if a.unit is None and (
        _REFERENCE_BEFORE.search(before[-30:]) or _REFERENCE_LIST.search(before[-40:])
    ):
        return True  # "No. 20", "Resolution 20", "Type 1", "Number 1 and 2"
    if a.unit is None and (
        _WORD_RANGE_BEFORE.search(before) or _WORD_RANGE_AFTER.match(sentence, n.span_end)
    ):
        return True  # "10 to 15 contacts", "từ 10 đến 50 người": a range
    if a.unit is None and n.scale == 0 and re.match(r"\d+[.,]\d{1,2}(?!\d)", n.text):
        return True  # "5.0Ghz", "2.5 times": a number written with decimals counts nothing
    if n.suffix and n.suffix.lower() in ("st", "nd", "rd", "th", "e"):
        return True  # an ordinal
    return False


_CLAUSE_COMMA = re.compile(r",\s")  # not a decimal comma ("til 4,5 milliarder")
# "19,000 - 20,000 USD", "từ 19.000 đến 20.000 USD", "10 to 15 billion": one figure, a range.
_RANGE_BETWEEN = re.compile(r"\s*(?:[-–—]|to|til|đến|tới)\s*", re.IGNORECASE)
# "16 out of the 21 national economic sectors": 16 of 21.
_OUT_OF_BETWEEN = re.compile(
    r"\s+(?:out of|trên tổng số|trong tổng số|trong số|trên|av)\s+(?:the\s+|de\s+)?(?:totalt\s+)?"
    r"|\s+of\s+(?:the|its|their|these|those|our)\s+(?:province['’]s\s+|country['’]s\s+)?"
    r"|\s+av\s+(?:provinsens|landets)\s+",  # "2 of the 15 projects", "Nine of the province's 14"
    re.IGNORECASE,
)


def _money_unit(unit: str | None) -> bool:
    return bool(unit) and re.fullmatch(r"[A-Z]{3}", unit or "") is not None


_CHANGE_TO = re.compile(r"\s+(?:to|til|lên)\s+", re.IGNORECASE)


def _changed_from_to(sentence: str, a: Amount, b: Amount) -> bool:
    """Whether ``a`` and ``b`` are a change's before and after, not a range ("raise the
    capital ... from $150 million to $420 million")."""
    return bool(
        _CHANGE_TO.fullmatch(sentence, a.end, b.start)
        and scopes.word_pattern("change_verb_from").search(sentence, max(0, a.start - 80), a.start)
    )


def _change_base(sentence: str, a: Amount, b: Amount) -> bool:
    """Whether ``a`` is a change's base written without its unit before ``b`` ("raise the
    capital ... from 150 to $420 million")."""
    percent = b.unit in ("%", "pp")
    return bool(
        not a.number.word
        and a.unit is None
        and (b.number.has_scale or percent or _money_unit(b.unit))
        and _changed_from_to(sentence, a, b)
    )


def _scales_shared(sentence: str, amounts: list[Amount]) -> list[Amount]:
    """A number without a scale listed just before an amount of money with one takes its scale
    and currency ("$2.4 and $1.87 billion", "henholdsvis 2,4 og 1,87 milliarder dollar",
    "lần lượt 2,4 và 1,87 tỷ USD"): two amounts, not US$2.40 and a dropped number; one before a
    percentage is a percentage ("5.2 and 7.1 percent respectively"). Not a range ("between 3
    and 3.5 billion" is read as one), not a year."""
    out = list(amounts)
    for k in range(len(out) - 1, 0, -1):
        a, b = out[k - 1], out[k]
        n = a.number
        percent = b.unit in ("%", "pp")  # "5,2 og 7,1 prosent"
        if _change_base(sentence, a, b):  # "raise its capital from $150 million to $420
            # million": what it was, in the same unit
            scale = b.number.scale if b.number.has_scale and not n.has_scale else n.scale
            out[k - 1] = dataclasses.replace(
                a, number=dataclasses.replace(n, scale=scale), unit=b.unit
            )
            continue
        if (
            n.word
            or n.has_scale
            or n.suffix
            or not (b.number.has_scale or percent)
            or b.unit in (None, "time")
            or a.unit not in (None, b.unit)
            or not scopes.word_pattern("listed_and").fullmatch(sentence, a.end, b.start)
            or scopes.word_pattern("range_open").search(sentence, max(0, a.start - 30), a.start)
            or not 0 < n.value < 1000
        ):
            continue
        out[k - 1] = dataclasses.replace(
            a, number=dataclasses.replace(n, scale=b.number.scale), unit=b.unit
        )
    return out


def _pairs(sentence: str, amounts: list[Amount], skip) -> dict[int, tuple[str, int]]:
    """Amounts that make one figure with the next: {index of the first: (how, index of the
    second)}, "range" for "19,000 - 20,000 USD", "of" for "16 out of 21"."""
    out: dict[int, tuple[str, int]] = {}
    for k in range(len(amounts) - 1):
        a, b = amounts[k], amounts[k + 1]
        if a.unit == "time" or b.unit == "time" or (b.number.word and not a.number.word):
            continue  # "Ni av ti nye prosjekter": both words
        if any(s <= a.number.start < e or s <= b.number.start < e for s, e in skip):
            continue
        between = sentence[a.end : b.start]
        if scopes.word_pattern("change_by").search(sentence, max(0, a.start - 12), a.start):
            continue  # "øker med 120 millioner dollar til 370 millioner dollar": by, then to
        if a.unit is not None and _changed_from_to(sentence, a, b):
            continue  # "raise the capital ... from $150 million to $420 million": before, after
        ranged = _RANGE_BETWEEN.fullmatch(between) or (
            scopes.word_pattern("range_and").fullmatch(between)
            and scopes.word_pattern("range_open").search(sentence, 0, a.start)
        )  # "between $3 billion and $3.5 billion", "mellom 4 og 5 milliarder"
        counts = (  # "từ 18 đến 20 khu công nghiệp", "35 to 40 new FDI projects"
            a.unit is None
            and b.unit is None
            and not a.number.has_scale
            and not b.number.has_scale
            and a.number.value < b.number.value
            and not a.number.suffix  # "the 10th - 11th centuries": ordinals
            and not b.number.suffix
            and re.match(r"\s+[^\W\d_]", sentence[b.end : b.end + 3]) is not None
        )
        if bool(a.number.word) == bool(b.number.word) and ranged and counts:
            out[k] = ("range", k + 1)
            continue
        if (
            ranged
            and not a.number.word
            and not a.number.has_scale
            and b.number.has_scale
            and b.unit is None
            and a.unit not in ("time", "%", "pp")
            and not a.number.suffix
            and 0 <= a.number.value < b.number.value
            and sentence[a.end : b.start].strip() in ("-", "–", "—")
        ):  # "US$3.2-3.4 billion", "20-21 million visitors": one scale for both ends
            out[k] = ("range", k + 1)
            continue
        if not a.number.word and ranged and b.unit not in (None, "time"):
            if a.unit in (None, b.unit) and not (
                a.unit is None and a.number.has_scale and not b.number.has_scale
            ):
                if (
                    a.number.value >= 0
                    and a.number.value
                    < b.number.value
                    * 10 ** (b.number.scale - a.number.scale if a.unit is None else 0)
                    + 1
                    and not a.number.suffix
                ):
                    out[k] = ("range", k + 1)
                    continue
        if (
            a.unit is None
            and b.unit is None
            and _OUT_OF_BETWEEN.fullmatch(between)
            and not a.number.has_scale
            and a.number.value <= b.number.value
        ):
            out[k] = ("of", k + 1)
        elif (
            a.unit is None
            and b.unit is None
            and scopes.word_pattern("among_before").search(sentence, 0, a.start)
            and scopes.word_pattern("among_between").fullmatch(between)
            and b.number.value < a.number.value
            and scopes.word_pattern("noun_next").match(sentence, b.end)
        ):  # "Trong số 9 dự án cấp mới, 6 dự án thuộc ...": 6 of 9
            out[k] = ("among", k + 1)
    return out


def _currency_at_end(text: str, lang: str | None) -> str | None:
    """The currency whose name or code ends ``text`` ("triệu USD" -> "USD")."""
    from mtsum.numbers import currency_words

    m = re.search(r"([^\W\d_]+|US\$|\$)\s*$", text)
    if not m:
        return None
    word = m.group(1).lower()
    before, after = currency_words(lang)
    return after.get(word) or before.get(word)


def _garbled(sentence: str, a: Amount, lang: str | None) -> int | None:
    """Where a money amount the source garbles ends: a second scale word or currency straight
    after it ("VND 352.62 billion. million USD"); None when it reads clean."""
    if not a.number.has_scale and a.unit in (None, "%", "pp", "time"):
        return None
    rest = sentence[a.end : a.end + 40]
    m = re.match(r"[\s.,]{0,3}([^\W\d_]+)(?:\s+([^\W\d_$]+|US\$|\$))?", rest)
    if not m:
        return None
    from mtsum.numbers import currency_words, scale_words

    word = m.group(1).lower()
    if word in scale_words(lang) and a.number.has_scale:
        after = currency_words(lang)[1]
        tail = m.group(2)
        stop = m.end(2) if tail and tail.lower() in after else m.end(1)
        return a.end + stop
    return None


# Number words that count ("eight foreign-invested projects", "tám dự án", "åtte prosjekter").
_CARDINALS = {
    "en": ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
           "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
           "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
           "eighty", "ninety", "hundred"],
    "vi": ["một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười",
           *(f"mười {w}" for w in ("một", "hai", "ba", "bốn", "tư", "lăm", "sáu", "bảy", "tám",
                                   "chín")),
           *(f"{w} mươi {u}" for w in ("hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
             for u in ("mốt", "hai", "ba", "tư", "bốn", "lăm", "sáu", "bảy", "tám", "chín")),
           *(f"{w} mươi" for w in ("hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"))],
    "no": ["en", "ett", "to", "tre", "fire", "fem", "seks", "sju", "syv", "åtte", "ni", "ti",
           "elleve", "tolv", "tretten", "fjorten", "femten", "seksten", "sytten", "atten",
           "nitten", "tjue", "tretti", "førti", "femti", "seksti", "sytti", "åtti", "nitti"],
}  # fmt: skip


# An order of magnitude in words ("tens of millions of dollars", "hàng trăm tỷ đồng",
# "titalls millioner kroner"): a range from it to ten times it, before a scale word.
_MAGNITUDES = {
    "en": {"tens of": 10, "hundreds of": 100},
    "vi": {"hàng chục": 10, "hàng trăm": 100, "vài chục": 10, "vài trăm": 100},
    "no": {"titalls": 10, "flere titalls": 10, "hundrevis av": 100},
}


@functools.cache
def _magnitude_pattern(lang: str | None) -> re.Pattern | None:
    words = _MAGNITUDES.get(languages.base(lang) or "en")
    if not words:
        return None
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({body})(?=\s)", re.IGNORECASE)


def _magnitude_amounts(sentence: str, lang: str | None, taken) -> list[Amount]:
    """Amounts of money written as an order of magnitude ("tens of millions of dollars"):
    one figure, a range (10 million to 100 million)."""
    from mtsum.numbers import Number, _currency_after, _scale_at

    pattern = _magnitude_pattern(lang)
    if pattern is None:
        return []
    table = _MAGNITUDES[languages.base(lang) or "en"]
    out = []
    for m in pattern.finditer(sentence):
        if any(s <= m.start() < e for s, e in taken):
            continue
        exponent, scale_end = _scale_at(sentence, m.end(), lang, True)
        if not exponent:
            continue
        of = re.match(r"\s+(?:of|av)\b", sentence[scale_end:])  # "millions of dollars"
        end = scale_end + (of.end() if of else 0)
        low = Decimal(table[m.group(1).lower()])
        n = Number(sentence[m.start() : end], low, m.start(), m.end(), exponent, end, word=True)
        money = _currency_after(sentence, n, lang)
        if money:
            high = (low * 10).scaleb(exponent)
            text = sentence[m.start() : money[1]]
            out.append(Amount(n, money[0], m.start(), money[1], text, high))
    return out


@functools.cache
def _cardinal_pattern(lang: str | None) -> re.Pattern | None:
    words = _CARDINALS.get(languages.base(lang) or "en")
    if not words:
        return None
    body = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{body})(?:-(?:{body}))?(?![\w-])", re.IGNORECASE)


def _word_value(words: str, table: dict) -> Decimal:
    """A number word's value; Vietnamese compounds by their parts ("mười lăm" 15, "hai mươi"
    20)."""
    if words in table:
        return Decimal(table[words])
    parts = words.split()
    if len(parts) == 2 and parts[0] == "mười":  # "mười lăm": ten and five
        return Decimal(10 + table.get(parts[1], 0))
    if len(parts) >= 2 and parts[1] == "mươi":  # "hai mươi": two tens; "bốn mươi lăm": 45
        units = table.get(parts[2], 0) if len(parts) == 3 else 0
        return Decimal(10 * table.get(parts[0], 0) + units)
    return Decimal(0)


def _word_amounts(sentence: str, lang: str | None, taken) -> list[Amount]:
    """Counts and amounts written as words ("eight projects", "five million yen"), as
    amounts; a count is kept only where its words name a known measure (see find_figures)."""
    from mtsum.numbers import Number, _currency_after, _scale_at, _word_numbers

    pattern = _cardinal_pattern(lang)
    if pattern is None:
        return []
    table = _word_numbers(lang)
    out = []
    for m in pattern.finditer(sentence):
        if any(s <= m.start() < e for s, e in taken):
            continue
        parts = m.group(0).lower().split("-")
        value = sum(_word_value(w, table) for w in parts)
        if not value:
            continue
        exponent, scale_end = _scale_at(sentence, m.end(), lang, False)
        if not exponent and scopes.word_pattern("article").fullmatch(m.group(0)):
            continue  # "một doanh nghiệp Nhật Bản", "en fabrikk": a, not one
        n = Number(
            sentence[m.start() : scale_end if exponent else m.end()],
            Decimal(value),
            m.start(),
            m.end(),
            exponent,
            scale_end if exponent else None,
            word=True,
        )
        pct = None if exponent else scopes.word_pattern("percent_word").match(sentence, m.end())
        if pct:  # "Ninety-two percent"
            out.append(Amount(n, "%", m.start(), pct.end(), sentence[m.start() : pct.end()]))
            continue
        money = _currency_after(sentence, n, lang) if exponent else None
        if money:  # "five million yen"
            out.append(Amount(n, money[0], m.start(), money[1], sentence[m.start() : money[1]]))
        else:
            out.append(Amount(n, None, m.start(), n.span_end, n.text))
    return out


LONG_SENTENCE = 1500  # characters: a longer "sentence" is read in pieces, so work stays linear


def _pieces(sentence: str, size: int = LONG_SENTENCE) -> list[str]:
    """A sentence cut into pieces of at most about ``size`` characters, at the last "; ",
    ", " or space before each limit (a page with no full stops is one "sentence")."""
    out, start = [], 0
    while len(sentence) - start > size:
        window = sentence[start : start + size]
        cut = max(window.rfind("; "), window.rfind(", "))
        if cut < size // 2:
            cut = window.rfind(" ")
        if cut <= 0:
            cut = size
        out.append(sentence[start : start + cut + 1])
        start += cut + 1
    out.append(sentence[start:])
    return out


def find_figures(
    sentence: str,
    lang: str | None = "en",
    *,
    article: str = "",
    reference: dt.date | None = None,
    periods: Sequence | None = None,
    context: str = "",
) -> list[Figure]:
    """The money amounts, percentages, percentage points and counts of one sentence, each
    with its period, measure, qualifier, status and scope. ``periods``: period mentions to
    use when the sentence names none (the sentence before, for "Of this, ..."); ``context``:
    the sentence before, whose words may say what investment a figure is (foreign). A very
    long sentence is read in pieces (:data:`LONG_SENTENCE`)."""
    if len(sentence) > LONG_SENTENCE:
        out: list[Figure] = []
        for piece in _pieces(sentence):
            out += _find_figures(piece, lang, article, reference, periods, context)
        return out
    return _find_figures(sentence, lang, article, reference, periods, context)


def _find_figures(sentence, lang, article, reference, periods, context) -> list[Figure]:
    digits = read_amounts(sentence, lang)
    vague = _magnitude_amounts(sentence, lang, [(a.start, a.end) for a in digits])
    taken = [(a.start, a.end) for a in digits + vague]
    words = _word_amounts(sentence, lang, taken)
    amounts = sorted(digits + vague + words, key=lambda a: a.start)
    if not amounts:
        return []  # most sentences: no dates or periods to look for
    skip, found_periods = _skip_spans(sentence, lang, reference)
    found_periods = [
        p for p in found_periods if not scopes.plan_reference(sentence, lang, p.start, p.end)
    ]
    amounts = _scales_shared(sentence, amounts)
    pairs = _pairs(sentence, amounts, skip)
    seconds = {j: (how, k) for k, (how, j) in pairs.items()}
    candidates: list[tuple] = []  # (amount, number, kind, unit, ..., low/high, total, start)
    for index, a in enumerate(amounts):
        if index in pairs:
            continue  # the first of a range or of "16 out of 21": read with the second
        low = high = total = None
        if a.high is not None:  # "tens of millions of dollars"
            low, high = a.number.scaled, a.high
        first = None
        if index in seconds:
            how, k = seconds[index]
            first = amounts[k]
            if how == "range":
                scale = (
                    a.number.scale
                    if not first.number.has_scale and (first.unit is None or a.unit is None)
                    else 0
                )
                low, high = first.number.scaled.scaleb(scale), a.number.scaled
                if a.unit is None and first.unit is not None:  # "US$3.2-3.4 billion"
                    a = dataclasses.replace(a, unit=first.unit)
        if first is None and _not_a_figure(sentence, a, skip):
            continue
        if first is not None and any(s <= a.number.start < e for s, e in skip):
            continue
        n = a.number
        unit_span = None
        if a.unit is None and n.has_scale and (garbled := _garbled(sentence, a, lang)):
            code = _currency_at_end(sentence[a.end : garbled], lang)
            if code:  # "1,15 tỷ triệu USD": money, the source's words garbled
                a = dataclasses.replace(a, unit=code)
        unclear_end = _garbled(sentence, a, lang) if a.unit not in (None, "time") else None
        if a.unit in ("%", "pp"):
            kind, unit, text = (PERCENT if a.unit == "%" else POINTS), a.unit, a.text
        elif a.unit is not None:
            kind, unit, text = MONEY, a.unit, a.text
        else:
            values = [v.scaleb(n.scale) if n.scale else v for v in (n.value, *n.readings)]
            whole = [v for v in values if v == int(v) and v >= 0]
            if not whole:
                continue  # "2.5 times": not a count of things
            if whole[0] != n.scaled:  # "1,543 người": a count is whole, so 1543
                n = dataclasses.replace(n, value=whole[0], scale=0, readings=())
            found: tuple[str, int] | None
            if n.suffix and n.suffix.lower() in MEASURE_UNITS:  # "700kg"
                found = (n.suffix, n.end)
            else:
                found = _unit_after(sentence, n.span_end, lang)
            bare_count = scopes.word_pattern("count_after").search(
                sentence, max(0, a.start - 30), a.start
            )
            if found is None and (n.has_scale or bare_count) and not n.word:
                # "Tourist arrivals hit 4.2 million", "New projects numbered 41, up from 26"
                noun = _noun_before(sentence, a.start, lang)
                if noun is not None:
                    unit, noun_start, noun_end = noun
                    candidates.append(
                        (
                            a,
                            n,
                            COUNT,
                            unit,
                            sentence[a.start : a.end],
                            (noun_start, noun_end),
                            None,
                            None,
                            None,
                        )
                    )
                continue
            if found is None:
                continue
            unit, unit_end = found
            if _names_a_thing(sentence, n.start, unit):
                continue  # "Iphone 6 Plus", "biển số 37 C"
            kind = COUNT
            unit_span = (n.span_end, unit_end)
            text = sentence[n.start : unit_end]
            if n.word and re.search(
                r"(?:\b(?:the|these|those|both|its|their|de|disse|begge)|các|những)\s+$",
                sentence[: n.start],
                re.IGNORECASE,
            ):
                continue  # "the two countries": a reference, not a figure
            if n.word and (
                scopes.word_pattern("not_a_count_after").match(unit)
                or scopes.word_pattern("not_a_count_before").search(sentence, 0, n.start)
            ):
                continue  # "two thirds", "top three", "8 năm liên tiếp", "hai vợ chồng"
            if (
                n.word
                and n.value < 2
                and find_measure(sentence, lang, kind, (a.start, unit_end), unit_span)[0]
                in (OTHER, "people", "capacity", "area")
            ):
                continue  # "one of the leading localities", "two sides": words count only
                # what the measures name
        if first is not None and seconds[index][0] == "among":  # "Trong số 9 dự án ..., 6 dự án"
            total, first = first.number.scaled, None
        if first is not None:
            if pairs.get(seconds[index][1], ("",))[0] == "of":
                total, text = n.scaled, sentence[first.start : (unit_span or (0, a.end))[1]]
                n = first.number
            else:
                text = sentence[first.start : a.end if unit_span is None else unit_span[1]]
            a = dataclasses.replace(a, start=first.start)
        if unclear_end is not None:
            text = sentence[a.start : unclear_end]
        candidates.append((a, n, kind, unit, text, unit_span, (low, high), total, unclear_end))
    units = [c[5] for c in candidates if c[5]]
    usable = [p for p in found_periods if not p.comparison]
    if not usable and periods:
        found_periods, sentence_for_gaps = [], ""
        carried = [p for p in periods if not p.comparison]
    else:
        carried, sentence_for_gaps = [], sentence
    spans = [(c[0].start, max(c[0].end, c[5][1] if c[5] else c[0].end)) for c in candidates]
    figures: list[Figure] = []
    for k, (a, n, kind, unit, text, unit_span, rng, total, unclear_end) in enumerate(candidates):
        span = spans[k]
        own = [
            p
            for p in found_periods
            if not (
                p.start >= span[1]
                and (
                    _CLAUSE_COMMA.search(sentence, span[1], p.start)
                    or (
                        any(span[1] <= o[0] < p.start for o in spans)
                        and scopes.word_pattern("new_predicate").search(sentence, span[1], p.start)
                    )
                )
            )
        ]  # a period after a comma is a neighbour's ("over 10%, GRDP per capita by 2024"), and
        # one after a new plan and its own figure ("2 300 arbeidere og skal ansette 1 500 nye
        # arbeidere innen utgangen av 2026")
        period = (
            nearest_period(own, *span, sentence_for_gaps) if not carried else carried[-1].period
        )
        others = [
            u
            for u in units
            if unit_span is None or not (u[0] < unit_span[1] and unit_span[0] < u[1])
        ]
        measure, named = find_measure(sentence, lang, kind, span, unit_span, others, context)
        if measure == "people" and scopes.word_pattern("employs").search(
            sentence, max(0, span[0] - 60), span[1] + 20
        ):  # "sysselsetter rundt 40 000 personer", "90,000 people work for": jobs
            measure = "jobs"
        if measure == OTHER and kind == PERCENT and re.match(r"\s*\)", sentence[span[1] :]):
            measure = "share"  # "manufacturing (62%), logistics (17%)"
        if (
            measure == OTHER
            and kind == COUNT
            and (
                scopes.word_pattern("capacity_before").search(
                    sentence, max(0, span[0] - 40), span[0]
                )
                or scopes.word_pattern("per_year_after").match(sentence, span[1])
            )
        ):  # "en kapasitet på 60 000 tonn fôr", "160 000 tonn fôr i året"
            measure, named = "capacity", ""
        if measure == OTHER:
            named = unit if kind == COUNT else _phrase_before(sentence, a.start)
        status = scopes.status_of(sentence, lang, *span, [s for s in spans if s != span])
        if (
            status == Status.PENDING
            and total is not None
            and scopes.word_pattern("licensed_before").search(sentence, 0, span[0])
        ):  # "licensed 2 of the 15 projects in the pipeline": the 2 are licensed
            status = Status.ACTUAL
        if status is None:
            status = TARGET if _is_target(period, reference) else ACTUAL
        value = n.scaled if rng is None or rng[0] is None else rng[0]
        qualifier, estimate = _qualifier(sentence, a.start)
        if measure == "plan_progress" and qualifier == "over" and _bare_vuot(sentence, a.start):
            qualifier = None  # "vượt 25% kế hoạch": the verb, exactly 25%, not "over 25%"
        figures.append(
            Figure(
                kind,
                value,
                unit,
                text.strip().rstrip(".,;") if unclear_end is None else text.strip(),
                sentence,
                article,
                lang,
                period,
                qualifier,
                measure,
                named,
                Status(status),
                value_high=None if rng is None else rng[1],
                total=total,
                unclear=unclear_end is not None,
                estimate=estimate,
            )
        )
    figures = _mark_parts(
        _group_parts_take_measure(figures, [(c[0].start, c[0].end) for c in candidates]),
        [(c[0].start, c[0].end) for c in candidates],
    )
    scoped = [_with_scope(f, spans, k, context) for k, f in enumerate(figures)]
    for step in _SENTENCE_STEPS:  # each reads the sentence's figures together, in this order
        scoped = step(scoped, spans)
    return [
        dataclasses.replace(f, span=spans[k], neighbours=(*spans[:k], *spans[k + 1 :]))
        for k, f in enumerate(_fdi_of_origins_and_increases(scoped, spans, context))
    ]


def _listed_percents(figures: list[Figure], spans: list[tuple[int, int]]) -> list[Figure]:
    """Percentages listed after one whose measure is named take its measure ("58.5% of new
    FDI, real estate 14% and tourism 9.2%", "71 prosent ..., mens eiendom fikk 12 prosent")."""
    out = list(figures)
    for k in range(1, len(out)):
        f = out[k]
        if f.kind != PERCENT or f.measure != OTHER:
            continue
        prev = next((j for j in range(k - 1, -1, -1) if out[j].kind == PERCENT), None)
        if prev is None or out[prev].measure in (OTHER, "growth"):
            continue
        between = f.sentence[spans[prev][1] : spans[k][0]]
        if (
            len(between) <= 80
            and ";" not in between
            and re.search(r",|\band\b|\bog\b|\bvà\b", between)
        ):
            out[k] = dataclasses.replace(f, measure=out[prev].measure, measure_text="")
    return out


def _grdp_growth(figures: list[Figure], spans: list[tuple[int, int]]) -> list[Figure]:
    """Growth said of the GRDP or GDP named just before it ("GRDP của Quảng Ninh tăng
    11,9%", "the gross regional domestic product grew 11.1%") or just after ("12 prosent
    GRDP-vekst") is GRDP growth, and so is a percentage set against one ("..., mot 7,5
    prosent på landsbasis", "cao hơn mức 7,52% của cả nước")."""
    out = list(figures)
    for k, f in enumerate(out):
        if f.kind != PERCENT or f.measure not in ("growth", OTHER, "share"):
            continue
        start, end = spans[k]
        before = f.sentence[max(0, start - 60) : start]
        named = scopes.word_pattern("grdp_before").search(before) and f.measure == "growth"
        after = scopes.word_pattern("grdp_after").match(f.sentence, end)
        prev = k - 1 if k and out[k - 1].kind == PERCENT else None
        between = f.sentence[spans[prev][1] : start] if prev is not None else ""
        against = (
            prev is not None
            and out[prev].measure == "grdp_growth"
            and (
                scopes.word_pattern("set_against").search(f.sentence, spans[prev][1], start)
                or (  # "... med 10,2 prosent og i Hai Phong med 10,8 prosent": another place's
                    f.scope_kind in ("province", "place")
                    and not re.search(r"[\d.;]", between)
                    and not scopes.word_pattern("own_indicator").search(between)
                )
            )
        )
        if named or after or against:
            out[k] = dataclasses.replace(f, measure="grdp_growth", measure_text="")
    return out


# Owners a part after "of which" keeps: places, and the zone, project, country of origin or
# group of investors the whole is of ("Khu kinh tế Vân Đồn có 128 dự án ..., trong đó 6 dự
# án FDI với 410 triệu USD": the zone's).
_OWNER_KINDS = ("province", "place", "project", "territory", "group")


def _parts_keep_owner(figures: list[Figure], spans: list[tuple[int, int]]) -> list[Figure]:
    """A part after "of which" that names no owner of its own keeps the owner of the figure it
    is part of ("kim ngạch xuất nhập khẩu ... của Móng Cái đạt 2,1 tỷ USD; trong đó xuất khẩu
    1,26 tỷ USD")."""
    out = list(figures)
    for k in range(1, len(out)):
        f = out[k]
        if f.scope is not None:
            continue
        owner = next((j for j in range(k) if out[j].scope_kind in _OWNER_KINDS), None)
        if owner is None or not _OF_WHICH.search(f.sentence, spans[owner][1], spans[k][0]):
            continue
        g = out[owner]
        out[k] = dataclasses.replace(
            f, scope=g.scope, scope_kind=g.scope_kind, scope_key=g.scope_key
        )
    return out


_TOWN_KINDS = ("province", "place", "project", "named", "sector")


def _towns_named_again(figures: list[Figure], spans: list[tuple[int, int]]) -> list[Figure]:
    """A figure whose words name a town or zone again by a pronoun-like noun ("the city's",
    "byens", "sonen", "trên địa bàn") after a figure of that town or zone in the same sentence
    is that town's or zone's ("I juli besøkte 1,6 millioner turister Ha Long, ..., og byens
    turistinntekter steg til 4 100 milliarder dong")."""
    out = list(figures)
    again = scopes.word_pattern("town_again")
    for k in range(1, len(out)):
        f = out[k]
        if f.scope is not None:
            continue
        owner = next(
            (g for g in reversed(out[:k]) if g.scope and g.scope_kind in _TOWN_KINDS), None
        )
        if owner is None or not again.search(f.sentence, spans[k - 1][1], spans[k][0]):
            continue
        out[k] = dataclasses.replace(
            f, scope=owner.scope, scope_kind=owner.scope_kind, scope_key=owner.scope_key
        )
    return out


def _parks_own_area(figures: list[Figure], spans: list[tuple[int, int]]) -> list[Figure]:
    """The area and the occupancy said with a count of the industrial parks are the parks'
    ("13 khu công nghiệp ... với tổng diện tích hơn 5.600 ha, tỷ lệ lấp đầy bình quân đạt
    62%", "19 industriparker ... med et samlet areal på 7 800 hektar"); the count stays the
    province's."""
    out = list(figures)
    parks_noun = scopes.word_pattern("parks")
    for k, f in enumerate(out):
        if f.scope is not None or f.measure == "industrial_parks":
            continue
        parks = next((g for g in reversed(out[:k]) if g.measure == "industrial_parks"), None)
        noun = parks_noun.search(parks.text) if parks is not None else None
        occupancy = scopes.word_pattern("occupancy").search(
            f.sentence, max(0, spans[k][0] - 60), spans[k][0]
        )
        if noun and (f.measure == "area" or (f.kind == PERCENT and occupancy)):
            out[k] = dataclasses.replace(
                f, scope=noun.group(0), scope_kind="part", scope_key=noun.group(0).lower()
            )
    return out


def _kinds_included(figures: list[Figure], spans: list[tuple[int, int]]) -> list[Figure]:
    """A count said to be included in the count before it, of another kind of thing
    ("15.6 million visitors ..., including 2.1 million foreigners", "26 tenants, including 21
    foreign-invested firms"): a part, named by what it counts."""
    out = list(figures)
    for k in range(1, len(out)):
        f, g = out[k], out[k - 1]
        if (
            f.kind != COUNT
            or g.kind != COUNT
            or (f.scope is not None and f.scope_key != g.scope_key)
        ):
            continue
        them = scopes.word_pattern("of_them_after").match(f.sentence, spans[k][1])
        if them:  # "19.1 million visitors, 2.2 million of them foreigners"
            what = them.group("what")
            out[k] = dataclasses.replace(f, scope=what, scope_kind="part", scope_key=what.lower())
            continue
        if f.scope is not None or not f.unit:
            continue
        if f.unit.lower() == (g.unit or "").lower() or f.unit.lower() in (g.unit or "").lower():
            continue  # "31,000 rooms, including 4,500 rooms at ...": the same kind
        if scopes.word_pattern("kinds_included").fullmatch(
            f.sentence, spans[k - 1][1], spans[k][0]
        ):
            out[k] = dataclasses.replace(
                f, scope=f.unit, scope_kind="part", scope_key=f.unit.lower()
            )
    return out


def _parts_take_measure(figures: list[Figure], spans: list[tuple[int, int]]) -> list[Figure]:
    """Money of a part that no words name a measure for, after the whole's money in the same
    sentence ("Export turnover reached US$2.41 billion, ..., with coal bringing in US$620
    million"): the whole's measure."""
    out = list(figures)
    for k, f in enumerate(out):
        if f.kind != MONEY or f.measure != OTHER or f.scope_kind not in ("part", "sector"):
            continue
        whole = next((g for g in reversed(out[:k]) if g.kind == MONEY and g.scope is None), None)
        if whole is not None and whole.measure != OTHER:
            out[k] = dataclasses.replace(f, measure=whole.measure, measure_text="")
    return out


def _portions(figures: list[Figure], spans: list[tuple[int, int]]) -> list[Figure]:
    """A percentage said as the portion of an amount just before it ("US$1.31 billion, or
    61.2% of the total", "1,2 milliarder dollar, eller 63 prosent", "$180 million (43.7%)"),
    or of the total a sentence begins with ("Av kapitalen ..., gikk 71 prosent til"), is a
    share."""
    out = list(figures)
    lead = bool(out) and bool(scopes.word_pattern("of_the_total_lead").match(out[0].sentence))
    for k, f in enumerate(out):
        if f.kind != PERCENT or f.measure not in (OTHER, "share"):
            continue
        prev = k - 1 if k and out[k - 1].kind == MONEY else None
        between = f.sentence[spans[prev][1] : spans[k][0]] if prev is not None else ""
        portion = prev is not None and scopes.word_pattern("portion_between").fullmatch(between)
        if (lead or portion) and f.measure == OTHER:
            out[k] = dataclasses.replace(f, measure="share", measure_text="")
        if portion and f.scope is None and prev is not None:  # "Hong Kong ... $460m, or 31%"
            owner = out[prev]
            out[k] = dataclasses.replace(
                out[k], scope=owner.scope, scope_kind=owner.scope_kind, scope_key=owner.scope_key
            )
    return out


def _fdi_of_origins_and_increases(
    figures: list[Figure], spans: list[tuple[int, int]], context: str
) -> list[Figure]:
    """In a sentence or article on foreign investment, a country's amount is its FDI ("Japan
    topped the list of investors with US$1.02 billion, mainly in a single ... complex"), and
    capital added to projects is FDI added ("adding US$45 million in capital"); not the
    capital of projects counted or named with it ("27 dự án với tổng vốn 1,15 tỷ USD", "a
    ... power plant ... worth nearly $1.8 billion"): their investment."""
    out = list(figures)
    kinds = ("total_investment", "investment", "registered_capital", OTHER)
    foreign = scopes.word_pattern("foreign_projects")
    for k, f in enumerate(out):
        if f.kind != MONEY or f.measure not in kinds:
            continue
        if _of_projects(out, spans, k):
            counted = _projects_counted(out, spans, k)
            if counted is not None and foreign.search(counted.text):
                out[k] = dataclasses.replace(f, measure="fdi", measure_text="")
            continue  # "31 dự án FDI với tổng vốn gần 3,9 tỷ USD": FDI; else their investment
        origin = f.scope_kind == "territory" and f.scope_key != "VN"
        drawn = f.measure == OTHER and (
            f.scope_kind in ("sector", "province", "place")  # "processing and manufacturing
            # drew $1.3bn", "På landsbasis ble det registrert 24,8 milliarder dollar"
            or scopes.word_pattern("of_the_total_lead").match(f.sentence)  # "Of the total, ..."
        )
        increase = f.status == Status.ADJUSTED or (
            f.status == Status.PENDING
            and scopes.word_pattern("applying_for_increase").search(f.sentence)
        )  # capital added, or applied for
        if (origin or drawn or increase) and _probe(
            dataclasses.replace(f, measure=OTHER), context
        ) == "fdi":
            out[k] = dataclasses.replace(f, measure="fdi", measure_text="")
    return out


def _of_projects(figures: list[Figure], spans: list[tuple[int, int]], k: int) -> bool:
    """Whether the amount at ``k`` is the capital of projects counted or named just before."""
    sentence = figures[k].sentence
    return bool(scopes.word_pattern("project_worth").search(sentence, 0, spans[k][0])) or any(
        g.measure == "projects"
        and spans[j][1] <= spans[k][0]
        and scopes.word_pattern("of_projects").fullmatch(
            sentence, _after_projects(sentence, spans[j]), spans[k][0]
        )
        for j, g in enumerate(figures)
    )


def _projects_counted(figures: list[Figure], spans: list[tuple[int, int]], k: int) -> Figure | None:
    """The count of projects the amount at ``k`` is the capital of, if one is counted."""
    sentence = figures[k].sentence
    return next(
        (
            g
            for j, g in reversed(list(enumerate(figures[:k])))
            if g.measure == "projects"
            and scopes.word_pattern("of_projects").fullmatch(
                sentence, _after_projects(sentence, spans[j]), spans[k][0]
            )
        ),
        None,
    )


def _after_projects(sentence: str, span: tuple[int, int]) -> int:
    """Where a count of projects' own noun ends ("Seven projects| worth")."""
    nouns = list(scopes.word_pattern("project_noun").finditer(sentence[span[0] : span[1]]))
    return span[0] + nouns[-1].end() if nouns else span[1]


def _plant_and_capital(f: Figure, g: Figure, between_start: int, between_end: int) -> bool:
    """Whether ``f`` is a plant's capacity and ``g`` its capital said in one breath, one of them
    actual and the other not."""
    return (
        f.measure == "capacity"
        and g.kind == MONEY
        and f.status != g.status
        and Status.ACTUAL in (f.status, g.status)
        and bool(
            scopes.word_pattern("capacity_then_capital").fullmatch(
                f.sentence, between_start, between_end
            )
        )
    )


def _capital_shares_status(figures: list[Figure], spans: list[tuple[int, int]]) -> list[Figure]:
    """Projects and the capital said of them in the same breath ("Three other projects,
    worth $410 million together, are under review"; "8 dự án với tổng vốn 215 triệu USD") are
    in one state: where the words give one of them a state other than actual, both have it.
    Capital no measure names is the projects' investment; the capital or capacity of a part
    ("Hai dự án nhiệt điện khí LNG với tổng công suất 3.000 MW") is that part's."""
    out = list(figures)
    for k in range(1, len(figures)):
        f, g = out[k - 1], out[k]
        if _plant_and_capital(f, g, spans[k - 1][1], spans[k][0]):
            # "Dự án ... công suất 1.500 MW, tổng vốn đầu tư khoảng 48.000 tỷ đồng, đang được
            # ... thẩm định": the plant's size and its capital are in one state
            status = g.status if f.status == Status.ACTUAL else f.status
            out[k - 1] = dataclasses.replace(f, status=status)
            out[k] = dataclasses.replace(g, status=status)
            continue
        if not (
            f.kind == COUNT
            and f.measure == "projects"
            and (g.kind == MONEY or g.measure == "capacity")
            and (
                any(
                    scopes.word_pattern("of_projects").fullmatch(f.sentence, at, spans[k][0])
                    for at in (spans[k - 1][1], _after_projects(f.sentence, spans[k - 1]))
                )  # "Fem prosjekter i ... er til behandling ..., med en samlet kapital på"
                or scopes.word_pattern("of_projects_later").fullmatch(
                    f.sentence, spans[k - 1][1], spans[k][0]
                )
            )
        ):
            continue
        if g.measure in (OTHER, "investment"):  # "ni prosjekter med en samlet kapital på"
            g = out[k] = dataclasses.replace(g, measure="total_investment", measure_text="")
        if f.scope is not None and g.scope is None:  # "Hai dự án nhiệt điện ... 3.000 MW"
            g = out[k] = dataclasses.replace(
                g, scope=f.scope, scope_kind=f.scope_kind, scope_key=f.scope_key
            )
        if f.status != g.status and Status.ACTUAL in (f.status, g.status):
            status = g.status if f.status == Status.ACTUAL else f.status
            out[k - 1] = dataclasses.replace(f, status=status)
            out[k] = dataclasses.replace(g, status=status)
    return out


def _conversions_follow(figures: list[Figure], spans: list[tuple[int, int]]) -> list[Figure]:
    """An amount in parentheses straight after another in another currency ("VND 18 trillion
    (about $720 million)") is the same figure converted: it takes that one's measure, status,
    scope and period."""
    out = list(figures)
    for k in range(1, len(figures)):
        f, g = figures[k], out[k - 1]
        if (
            f.kind == MONEY
            and g.kind == MONEY
            and f.unit != g.unit
            and scopes.word_pattern("conversion").fullmatch(
                f.sentence, spans[k - 1][1], spans[k][0]
            )
        ):
            out[k] = dataclasses.replace(
                f,
                measure=g.measure,
                measure_text=g.measure_text,
                status=g.status,
                period=g.period,
                scope=g.scope,
                scope_kind=g.scope_kind,
                scope_key=g.scope_key,
            )
    return out


def _changes_take_scope(figures: list[Figure], spans: list[tuple[int, int]]) -> list[Figure]:
    out = list(figures)
    for k, f in enumerate(figures):
        if f.scope is not None or f.measure not in ("growth", "share") and f.kind != POINTS:
            continue
        near = None
        if (
            f.measure == "share"
            and k > 0
            and figures[k - 1].measure == "share"
            and scopes.word_pattern("set_against").search(f.sentence, spans[k - 1][1], spans[k][0])
        ):  # "Japanske selskaper står for 30 prosent av kapitalen, mot 22 prosent i 2023"
            near = figures[k - 1]
        elif f.measure == "share":
            pass
        elif k > 0 and (
            scopes.word_pattern("change_after").fullmatch(f.sentence, spans[k - 1][1], spans[k][0])
            or (
                re.fullmatch(r"[^;]{0,60}?,\s*", f.sentence[spans[k - 1][1] : spans[k][0]])
                and scopes.word_pattern("more_than_after").match(f.sentence, spans[k][1])
            )
        ):  # "28,5 milliarder dollar i januar–september, 15,2 prosent mer enn i fjor"
            near = figures[k - 1]
        elif k + 1 < len(figures) and scopes.word_pattern("change_before").fullmatch(
            f.sentence, spans[k][1], spans[k + 1][0]
        ):
            near = figures[k + 1]
        if near is not None and near.scope is not None:
            out[k] = dataclasses.replace(
                f, scope=near.scope, scope_kind=near.scope_kind, scope_key=near.scope_key
            )
    return out


def _as_written(words: str, unit: str) -> str:
    """Lower-cased words as their unit writes them ("japanese" -> "Japanese")."""
    if not words:
        return words
    at = unit.lower().find(words)
    return unit[at : at + len(words)] if at >= 0 else words


def _with_scope(f: Figure, spans: list[tuple[int, int]], k: int, context: str) -> Figure:
    """The figure with its scope (:func:`mtsum.scope.scope_of`). An amount of money no
    measure names, in a sentence (or after one) about foreign investment, is FDI where a
    territory's ("It is followed by Japan with over $2.34 billion"), or drawn in by the
    province, a sector or a place ("processing and manufacturing drew US$1.31 billion")."""
    probe = _probe(f, context)
    found = scopes.scope_of(
        scopes.without_dateline(f.sentence),
        f.lang,
        *spans[k],
        [s for j, s in enumerate(spans) if j != k],
        measure=probe,
        narrowing=_as_written(_narrowing(f.kind, f.measure, f.lang, f.unit), f.unit),
        is_part=f.part,
        measure_text=f.measure_text if f.measure != OTHER else "",  # "other": words before it
    )
    measure, named = f.measure, f.measure_text
    drawn = (
        probe == "fdi" and measure == OTHER and scopes.word_pattern("attracts").search(f.sentence)
    )
    if found is None:
        return dataclasses.replace(f, measure="fdi", measure_text="") if drawn else f
    if (probe == "fdi" != measure and found.kind in ("territory", "province")) or (
        drawn and found.kind in ("sector", "group", "part", "place")
    ):
        measure, named = "fdi", found.text  # "Bắc Ninh tiếp tục dẫn đầu với hơn 4,2 tỷ USD"
    return dataclasses.replace(
        f,
        measure=measure,
        measure_text=named,
        scope=found.text,
        scope_kind=found.kind,
        scope_key=found.key,
    )


def _probe(f: Figure, context: str) -> str:
    """The measure the scope rules read a figure as: an unnamed amount of money is "fdi" in a
    sentence (or after one) about foreign investment."""
    if f.measure not in (OTHER, "investment") or f.kind != MONEY:
        return f.measure
    if scopes.word_pattern("not_fdi_money").search(f.sentence):
        return scopes.OTHER_MONEY if f.measure == OTHER else f.measure  # a bonus, a loan
    fdi = _measure_words_pattern("fdi", languages.base(f.lang) or "en")
    if (fdi is not None and (fdi.search(f.sentence) or fdi.search(context))) or (
        scopes.word_pattern("investors").search(f.sentence)
    ):
        return "fdi"  # a country's amount in a sentence about foreign investment
    return scopes.OTHER_MONEY if f.measure == OTHER else f.measure


# "..., of which 12 projects ...": what follows is a part of a figure before it.
_OF_WHICH = re.compile(
    r"\b(?:of which|of these|of this|including|in which|trong đó|"
    r"trong số (?:đó|này)|bao gồm|herav|av dette|av disse|hvorav)\b",
    re.IGNORECASE,
)


# Measures a group of foreign-invested firms has a share of, besides the investment it is.
_GROUP_SHARED = {"exports", "imports", "trade", "budget_revenue", "revenue", "tourism_revenue"}


def _group_parts_take_measure(figures: list[Figure], spans: list[tuple[int, int]]) -> list[Figure]:
    """Money of the foreign-invested firms said as a part of an amount before it ("Kim ngạch
    xuất khẩu ... đạt 610 triệu USD, trong đó khu vực có vốn đầu tư nước ngoài đạt 420 triệu
    USD", "exports ... rose to $2.6 billion, with foreign-invested firms responsible for $1.8
    billion") is of that amount's measure: the group's words name whose, not FDI."""
    out = list(figures)
    for k, f in enumerate(out):
        if f.kind != MONEY or f.measure not in ("fdi", OTHER):
            continue
        groups = list(scopes.word_pattern("foreign_group").finditer(f.sentence, 0, spans[k][0]))
        if not groups:
            continue
        named = f.sentence.rfind(f.measure_text, 0, spans[k][0]) if f.measure_text else -1
        if f.measure == "fdi" and not any(g.start() <= named < g.end() for g in groups):
            continue  # "... while foreign-invested firms registered $1.8 billion of FDI"
        whole = next(
            (j for j in range(k - 1, -1, -1) if out[j].kind == MONEY),
            None,
        )
        if (
            whole is not None
            and out[whole].measure in _GROUP_SHARED
            and scopes.word_pattern("part_joint").search(f.sentence, spans[whole][1], spans[k][0])
        ):
            out[k] = dataclasses.replace(f, measure=out[whole].measure, measure_text="")
        elif whole is None:  # "Kim ngạch xuất khẩu của khu vực có vốn đầu tư nước ngoài đạt"
            said = _measure_said_before(f, groups[0].start()) or (
                "budget_revenue"
                if scopes.word_pattern("budget_after").match(f.sentence, spans[k][1])
                else None
            )  # "khu vực có vốn đầu tư nước ngoài đóng góp 2.100 tỷ đồng vào ngân sách"
            if said is not None:
                out[k] = dataclasses.replace(f, measure=said, measure_text="")
    return out


def _measure_said_before(f: Figure, before: int) -> str | None:
    """One of the measures a group of firms has a share of, named just before the group's
    words (within the 40 characters before them)."""
    code = languages.base(f.lang) or "en"
    for measure in sorted(_GROUP_SHARED):
        words = _measure_words_pattern(measure, code)
        if words is not None and words.search(f.sentence, max(0, before - 40), before):
            return measure
    return None


def _mark_parts(figures: list[Figure], spans: list[tuple[int, int]]) -> list[Figure]:
    """A figure after "of which" ("trong đó", "herav") that has a figure of the same measure
    and kind before it in the sentence is a part of that one, not another total."""
    out = []
    for k, f in enumerate(figures):
        whole = any(
            g.measure == f.measure
            and g.kind == f.kind
            and g.measure != OTHER
            and _OF_WHICH.search(f.sentence, spans[j][1], spans[k][0])
            for j, g in enumerate(figures[:k])
        )
        out.append(dataclasses.replace(f, part=True) if whole else f)
    return out


TARGET, ACTUAL = Status.TARGET, Status.ACTUAL


def _is_target(period: Period | None, reference: dt.date | None) -> bool:
    """A goal by its period: one that begins after the article's date, or ends in a later
    year ("by 2030")."""
    if reference is None or period is None or period.cumulative or period.end is None:
        return False
    if period.start is not None:
        return period.start > reference.isoformat()
    return int(period.end[:4]) > reference.year


# A sentence that refers back to the period of the one before ("... $1.32 billion of that",
# "over the same nine months", "i samme periode"): it takes that one's periods too.
_REFERS_BACK = re.compile(
    r"\b(?:of that|over the same|in the same|during the same|the same period|the same year|"
    r"i samme (?:periode|tidsrom)|i samme \w+|samme år|trong cùng thời gian|"
    r"(?<![\w ])(?:trong )?cùng (?:năm|tháng|quý|kỳ|thời gian|thời điểm|giai đoạn)(?=,)|"
    r"với kết quả (?:này|trên))\b",
    re.IGNORECASE,
)

# A sentence that goes on from the one before ("Of this, ..."): it takes that one's periods.
_CONTINUES = re.compile(
    r"^\W*(?:of this|of which|of these|of that|of the (?:total|new capital|[\w-]+ capital)|"
    r"in particular|trong đó|trong số đó|riêng|av dette|av disse|herav)\b",
    re.IGNORECASE,
)


def _phrase_before(sentence: str, start: int, words: int = 4) -> str:
    """The words before a figure, as the phrase of an "other" figure."""
    before = re.split(r"[;:,()]", sentence[:start])[-1]
    return " ".join(before.split()[-words:])


CONTEXT_SENTENCES = 3  # sentences before a figure's that may say what its article is about


def _carry_state(found: list[Figure], before: list[Figure], lang: str | None) -> list[Figure]:
    """A sentence that goes on from the one before ("Of the 14, six are ... worth $940
    million") takes its state where the one before is all pending or all adjusted and its own
    words name none."""
    states = {f.status for f in before}
    if len(states) != 1 or next(iter(states)) not in (Status.PENDING, Status.ADJUSTED):
        return found
    if found and (
        scopes.word_pattern("licensed_before").search(found[0].sentence)
        or scopes.word_pattern("not_fdi_money").search(found[0].sentence)
    ):
        return found  # "Of the 14, six were licensed in March": a state of their own
    state = next(iter(states))
    out = []
    for f in found:
        at = f.sentence.find(f.text)
        own = scopes.status_of(f.sentence, lang, at, at + len(f.text)) if at >= 0 else None
        out.append(
            dataclasses.replace(f, status=state) if f.status == Status.ACTUAL and own is None else f
        )
    return out


def _carry_measure(found: list[Figure], before: list[Figure]) -> list[Figure]:
    """Unnamed money in a sentence about a part of the total before it ("Of this, the FDI
    sector contributed VND3.4 trillion" after the budget's revenue) is of that total's
    measure."""
    whole = next((f.measure for f in before if f.kind == MONEY and f.measure != OTHER), None)
    if whole is None:
        return found

    def unnamed(f: Figure) -> bool:
        if not f.measure_text:
            return True  # "Of this, the FDI sector contributed VND3.4 trillion"
        group = scopes.word_pattern("foreign_group").search(f.sentence)
        return group is not None and f.measure_text in group.group(0)  # "khu vực doanh nghiệp"

    out = []
    for f in found:
        if f.kind == MONEY and f.measure in (OTHER, "fdi") and unnamed(f) and whole != "fdi":
            f = dataclasses.replace(f, measure=whole)
            group = scopes.word_pattern("foreign_group").search(f.sentence)
            if f.scope is None and group and group.end() <= f.sentence.find(f.text):
                text = group.group(0)  # "Of the total, the FDI sector contributed VND3.4
                f = dataclasses.replace(f, scope=text, scope_kind="group", scope_key=text.lower())
        out.append(f)  # trillion": the group's part of the budget, not FDI
    return out


def _carried_periods(previous: str | None, sentence: str, lang, reference) -> tuple | None:
    """The periods of the sentence before that a sentence takes where it names none: all of
    them where it goes on from that one ("Of this, ..."); where it only refers back to its
    period ("in the same period"), those that are not still to come ("by 2030": the same
    period of a plan does not make a result a target)."""
    if previous is None:
        return None
    if _CONTINUES.match(sentence):
        return tuple(find_periods(previous, lang, reference))
    if not _REFERS_BACK.search(sentence):
        return None
    return tuple(
        p for p in find_periods(previous, lang, reference) if not _is_target(p.period, reference)
    )


def figures_by_sentence(
    sentences: Sequence[str],
    lang: str | None,
    *,
    article: str = "",
    reference: dt.date | None = None,
    learned: bool = True,
) -> list[list[Figure]]:
    """The figures of each sentence of an article, in order. A sentence that goes on from the
    one before ("Of this, ...", "Trong đó, ...") or refers back to its period ("over the same
    nine months") and names no period takes the period of the one before. An amount of
    capital takes the capital measure the learned reading finds (:mod:`mtsum.measure_model`;
    ``learned=False``: the rules' alone, as that model is trained on)."""
    out: list[list[Figure]] = []
    previous: str | None = None
    before: list[str] = []  # the sentences before, whose words say what the article is about
    for sentence in sentences:
        carried = _carried_periods(previous, sentence, lang, reference)
        found = find_figures(
            sentence,
            lang,
            article=article,
            reference=reference,
            periods=carried,
            context=" ".join(before[-CONTEXT_SENTENCES:]),
        )
        read = found
        if out and scopes.word_pattern("goes_on").match(sentence):
            found = _carry_state(found, out[-1], lang)
        if out and scopes.word_pattern("of_the_total_lead").match(sentence):
            found = _carry_measure(found, out[-1])
        if learned:
            found = _learned_measures(found, [a.measure != b.measure for a, b in zip(read, found)])
        out.append(found)
        previous = sentence
        before.append(sentence)
    return out


def article_figures(
    sentences: Sequence[str],
    lang: str | None,
    *,
    article: str = "",
    reference: dt.date | None = None,
) -> list[Figure]:
    """Every figure of an article's sentences, each once (a repeated sentence adds none).

    Where the article gives one value of a measure both for a whole period ("in 2024") and up
    to a date inside it ("by the end of June 2024"), the whole-period reading is dropped: the
    value is the part of the period written most precisely (halfway through a year, "in 2024"
    is the year so far), never a whole year to compare with the year before."""
    seen, out = set(), []
    for figures in figures_by_sentence(sentences, lang, article=article, reference=reference):
        for figure in figures:
            key = (
                figure.kind,
                figure.value,
                figure.value_high,
                figure.unit,
                figure.period,
                figure.measure,
                figure.status,
                figure.scope_key,
            )
            if key not in seen:
                seen.add(key)
                out.append(figure)
    same: dict[tuple, list[Figure]] = {}
    for f in out:  # only figures of one value and measure can be one another's
        same.setdefault((f.kind, f.value, f.unit, f.measure, f.status, f.part), []).append(f)
    return [
        f
        for f in out
        if not any(
            _dated_inside(g, f)
            for g in same[(f.kind, f.value, f.unit, f.measure, f.status, f.part)]
        )
    ]


def _dated_inside(a: Figure, b: Figure) -> bool:
    """Whether ``a`` is ``b``'s value for a period that ends inside ``b``'s whole period, and
    starts within it or is open (up to a date)."""
    if (a.kind, a.value, a.unit, a.measure, a.target, a.part) != (
        b.kind,
        b.value,
        b.unit,
        b.measure,
        b.target,
        b.part,
    ):
        return False
    p, q = a.period, b.period
    if p is None or q is None or q.start is None or q.end is None or p.end is None:
        return False
    return (
        p.key() != q.key() and q.start <= p.end < q.end and (p.start is None or p.start >= q.start)
    )


# --- the same figure across articles ----------------------------------------------------------

SAME_VALUE = Decimal("0.025")  # values within 2.5% may be one quantity reported twice
NEAR_VALUE = Decimal("0.05")  # ... within 5% where one period lies inside the other's


def _close(a: Decimal, b: Decimal, within: Decimal) -> bool:
    high = max(abs(a), abs(b))
    return high != 0 and abs(a - b) / high <= within


def same_quantity(a: Figure, b: Figure) -> bool:
    """Whether two articles' figures report one quantity: same kind, unit, measure (never
    "other") and target, and periods that agree: equal, or one within the other's with
    values within 5%; with a period missing, values within 2.5%."""
    if a.article == b.article or a.kind != b.kind or a.measure != b.measure:
        return False
    if a.measure == OTHER or a.target != b.target or a.part != b.part:
        return False
    if (a.kind != COUNT or narrowed(a) or narrowed(b)) and a.unit.lower() != b.unit.lower():
        return False  # a count's measure names what it counts, unless its words narrow it
    if a.period is not None and b.period is not None:
        if a.period.key() == b.period.key() and a.period.key() != (None, None):
            return True
        if a.period.within(b.period) or b.period.within(a.period):
            return _close(a.value, b.value, NEAR_VALUE)
        return False
    return _close(a.value, b.value, SAME_VALUE)


def group_figures(figures: Sequence[Figure]) -> list[FigureGroup]:
    """Groups of figures from two or more articles that report the same quantity.

    Complete linkage: a figure joins a group only if it matches every member, so a chain of
    near values never merges unlike figures. Groups whose values differ are flagged
    (``agree`` is False), never averaged.
    """
    # Figures that same_quantity could pair share a kind, measure, target, part and unit:
    # each such bin is grouped alone, in input order, as one list of all figures would be.
    bins: dict[tuple, list[list[Figure]]] = {}
    made: list[list[Figure]] = []  # every group, in the order it was begun
    for figure in figures:
        if figure.measure == OTHER:
            continue  # never the same quantity as another figure
        unit = "" if figure.kind == COUNT and not narrowed(figure) else figure.unit.lower()
        members = bins.setdefault(
            (figure.kind, figure.measure, figure.target, figure.part, unit), []
        )
        for group in members:
            if all(same_quantity(figure, other) for other in group):
                group.append(figure)
                break
        else:
            members.append([figure])
            made.append(members[-1])
    groups = [FigureGroup(tuple(m)) for m in made if len({f.article for f in m}) > 1]
    return sorted(groups, key=lambda g: (g.kind != MONEY, -max(g.values)))


# --- the key figures table ----------------------------------------------------------------

# Counts that make key figures; other counts (countries, people, capacity) go with "other".
KEY_COUNTS = {"projects", "jobs", "visitors", "enterprises", "industrial_parks"}
_STATUS_ORDER = {Status.ACTUAL: 0, Status.ADJUSTED: 1, Status.PENDING: 2, Status.TARGET: 3}
# The whole a share is of, as its words say: the country's, or the province's.
_NATIONAL = re.compile(
    r"nationwide|national|the country|cả nước|toàn quốc|landsbasis|hele landet|\blandets\b|"
    r"\bVietnam(?:['’]s|s)?\b|\bViệt Nam\b|\bnasjonal",
    re.IGNORECASE,
)
# the names of a whole that "Share of national FDI" / "of the province's FDI" may stand for
# ("9 % av de totale investeringene på landsbasis"); any other measure named is another whole
_FDI_WHOLES = {
    "fdi",
    "investment",
    "total_investment",
    "registered_capital",
    "share",
    "plan_progress",
    OTHER,
}
# an average, not a total: "the national average of 29.4%", "mức bình quân chung của cả nước
# là 60,5%" is a rate of the country's, not the subject's share of it
_AVERAGE = re.compile(r"average|bình quân|trung bình|gjennomsnitt", re.IGNORECASE)
_AVERAGE_BEFORE = re.compile(
    r"(?:average|bình quân|trung bình|gjennomsnitt)\w*[^,;.]{0,30}$", re.IGNORECASE
)
_PROVINCIAL = re.compile(r"province|tỉnh|provins", re.IGNORECASE)


def _unit_key(f: Figure) -> tuple:
    if f.measure == OTHER:
        return (f.unit.lower(), f.value, f.value_high)  # never one row unless the same figure
    if f.kind == COUNT:
        return ("",)
    return (f.unit.upper(),)


def _period_key(f: Figure) -> tuple:
    """The key :func:`_same_period` compares: a target's end, else its start and end."""
    if f.period is None:
        return ("none",)
    return ("end", f.period.end) if f.status == Status.TARGET else f.period.key()


def _stock(p: Period | None) -> bool:
    return p is None or p.start is None


def _same_period(a: Figure, b: Figure) -> bool:
    p, q = a.period, b.period
    if p is None or q is None:
        return p is None and q is None
    if a.status == Status.TARGET:
        return p.end == q.end  # "by the end of 2024" and "in 2024": one target
    return p.key() == q.key()


def _joins(row: list[Figure], f: Figure) -> bool:
    """Whether a figure is one row's quantity: the same period, an article's own value stated
    again, or another article's value (shown as "sources differ" when it differs); a stock
    ("to date", no period) stated by several articles with the same value."""

    def same_value() -> bool:  # read only where it decides
        value = (f.value, f.value_high, f.qualifier)
        return all((g.value, g.value_high, g.qualifier) == value for g in row)

    if all(_same_period(g, f) for g in row):
        if all(g.period is None for g in row) and f.period is None:
            return same_value()
        return all(g.article != f.article or g.value == f.value for g in row)
    return _stock(f.period) and all(_stock(g.period) for g in row) and same_value()


_NEW_SUBJECT = re.compile(
    r",\s*(?:the|it|they|this|its|their|tỉnh|provinsen|den|det|de)\b", re.IGNORECASE
)


def _variant(f: Figure) -> str:
    """The kind of its measure a figure's own words or the words of its clause before it
    name ("investment outside the budget": ``non_budget``), or ""."""
    measure = measures().get(f.measure)
    if measure is None or not measure.variants:
        return ""
    start, end = _span_of(f)
    clause = max((e for _, e in f.neighbours if e <= start), default=0)
    new_subject = list(_NEW_SUBJECT.finditer(f.sentence, clause, start))
    clause = new_subject[-1].end() if new_subject else clause  # "Despite slow public
    # investment disbursement, the province attracted VND 50,000 billion": not public
    return (
        variant_of(f.measure, f.lang, f.measure_text)
        or variant_of(f.measure, f.lang, f.sentence[clause:start])
        or variant_of(f.measure, f.lang, _words_after(f.sentence, end, f.neighbours))
    )


# the words just after an amount that say what it is ("VND 75 trillion in total social
# investment", "70.000 tỷ đồng vốn đầu tư ngoài ngân sách"): up to the next figure or comma
_AFTER_KIND = re.compile(r"\s*(?:in|of|for|i|på|til|vốn|trong)?\s*[^,;.\d]{0,60}")
_JOINT = re.compile(r"\b(?:and|và|og|while|còn|mens|as well as)\b", re.IGNORECASE)


def _words_after(sentence: str, end: int, neighbours) -> str:
    """Up to the next figure, comma or joint ("3 tỷ USD vốn FDI và vốn đầu tư toàn xã hội đạt
    …": "vốn FDI" only)."""
    following = min((s for s, _ in neighbours if s >= end), default=len(sentence))
    m = _AFTER_KIND.match(sentence, end, following)
    words = m.group(0) if m else ""
    return _JOINT.split(words, maxsplit=1)[0]


def _kinds_named_after(figures: list[Figure], spans: list[tuple[int, int]]) -> list[Figure]:
    """An amount that the words just after it name as a kind of investment ("plans to attract
    US$3.5 billion in FDI and VND 105 trillion in total social investment"): investment, not
    the measure named before it."""
    out = list(figures)
    for k, f in enumerate(out):
        if f.kind != MONEY or f.measure not in ("fdi", "total_investment", OTHER):
            continue
        after = _words_after(f.sentence, spans[k][1], [s for j, s in enumerate(spans) if j != k])
        if variant_of("investment", f.lang, after):
            named = {m.key for *_, m in _measure_names(after, f.lang)}
            measure = "domestic_investment" if "domestic_investment" in named else "investment"
            out[k] = dataclasses.replace(f, measure=measure, measure_text="")
            # "60.000 tỷ đồng vốn đầu tư trong nước ngoài ngân sách": the domestic part
    return out


def _other_name(words: str, subject: str | None) -> bool:
    """Whether ``words`` name someone besides the subject: a capitalised word other than an
    acronym or the subject's own ("30% of Bac Ninh's FDI", "FDI in the Red River Delta")."""
    own = set(scopes.fold(subject).split()) if subject else set()
    return any(
        not w.isupper() and scopes.fold(w) not in own
        for w in re.findall(r"\b[A-ZĐÆØÅ][\w-]*", words)
    )


def _fdi_share(f: Figure, words: str, subject: str | None) -> str:
    """``share_national`` or ``share_province`` where the whole a share's words name is the
    country's or the subject's FDI, else "": a whole of other money is named as written."""
    named = {m.key for *_, m in _measure_names(words, f.lang)}
    if {k for k in named - _FDI_WHOLES if "money" in measures()[k].kinds}:
        return ""
    if _NATIONAL.search(words):
        return "share_national"
    own = subject is not None and scopes.fold(subject) in scopes.fold(words)
    if _PROVINCIAL.search(words) or own or ("fdi" in named and not _other_name(words, subject)):
        return "share_province"  # "of the FDI Quang Ninh attracted", "of the FDI attracted in
    return ""  # the first half"; not "of Bac Ninh's FDI"


def _share_label(f: Figure, subject: str | None = None) -> tuple[str, str]:
    """How a figure's measure is named where its words say more than the measure's name: a
    share of the national total, of the province's, or of the whole its words name ("of the
    total FDI capital"); a kind of investment its clause names ("investment outside the
    budget": ``non_budget``, see ``variants`` in measures.toml)."""
    if f.measure != "share":
        variant = _variant(f)
        return (variant, "") if variant else ("", "")
    at, end = _span_of(f)
    after = re.split(r"[,.;:]", f.sentence[end:])[0]
    whole = re.match(r"\s*(?:of|av|của|trong|tổng)\b", after, re.IGNORECASE)
    words = after.strip() if whole else ""
    words = words or f.measure_text
    if _AVERAGE.search(words) or _AVERAGE_BEFORE.search(f.sentence, max(0, at - 60), at):
        return "", ""  # "the national average of 29.4%": a rate, not a share of the whole
    kind = variant_of("investment", f.lang, words)
    if kind:
        return "share_kind", kind  # "8,4% tổng vốn ngoài ngân sách của tỉnh"
    fdi = _fdi_share(f, words, subject)
    if fdi:
        return fdi, words
    m = re.match(r"(?:(?:of|av|của|trong)\s+(?:the\s+|de\s+)?)?(.+)", words, re.IGNORECASE)
    return ("share_of", m.group(1)) if m and whole else ("", "")


# a plan's own word in the words after its share ("of the plan", "av planen", "kế hoạch"),
# and the words that may stand between it and the period it names ("av planen for årets
# første seks måneder", "kế hoạch năm 2024"): never "in" or "by", which say when
_PLAN_WORD = re.compile(
    r"\b(?:plans?|\w*planen|\w*plane[nr]|årsplan|targets?|goals?|\w*målet|mål|kế\s+hoạch|"
    r"chỉ\s+tiêu|mục\s+tiêu|dự\s+toán|estimate)(?!\w)",
    re.IGNORECASE,
)
# a plan for the year the figure's period is in ("21% of the annual plan", "đạt 52,5% kế
# hoạch năm", "80 % av årsplanen")
_ANNUAL_PLAN = re.compile(
    r"\b(?:annual|yearly|full-year|year['’]s)\s+(?:\w+\s+)?(?:plan|target|goal)|"
    r"\b(?:kế\s+hoạch|chỉ\s+tiêu|mục\s+tiêu)(?:\s+(?:vốn|giải\s+ngân|thu\s+hút))?\s+năm\b(?!\s+\d)|"
    r"\bårs(?:plan|mål)\w*",
    re.IGNORECASE,
)
# a plan for the first half of the figure's year ("105% of the half-year plan", "kế hoạch 6
# tháng")
_HALF_PLAN = re.compile(
    r"\b(?:half-year(?:ly)?|six-month|6-month|first-half)\s+(?:\w+\s+)?(?:plan|target|goal)|"
    r"\b(?:kế\s+hoạch|chỉ\s+tiêu)\s+(?:6|sáu)\s+tháng\b(?!\s+đầu\s+năm\s+\d)|"
    r"\bhalvårs(?:plan|mål)\w*",
    re.IGNORECASE,
)
# a plan exceeded by a share said just after it ("25 prosent over årsplanen", "12% above the
# annual target")
_OVER_PLAN_AFTER = re.compile(
    r"\s*(?:%|prosent|percent|per\s+cent)?\s*(?:over|above|higher\s+than|more\s+than)\s+"
    r"(?:the\s+|its\s+)?(?:annual\s+|year['’]s\s+)?(?:\w*plan\w*|target|goal|\w*målet)\b",
    re.IGNORECASE,
)
_PLAN_LINK = re.compile(
    r"\s*(?:(?:for|of|the|year'?s|årets|cho|của|năm|vốn|giải\s+ngân|thu\s+hút|capital|"
    r"disbursement|investment)\s+)*",
    re.IGNORECASE,
)
_PLAN_YEAR = re.compile(
    r"\b((?:19|20)\d{2})\s+(?:[\w-]+\s+){0,3}?(?:plans?|targets?|goals?)\b", re.IGNORECASE
)


# a plan exceeded by a share, said just before the share ("exceeding the annual target by
# 12%", "vượt 7% kế hoạch", "overgikk målet med 5 %")
_OVER_PLAN = re.compile(
    r"(?:\b(?:exceed\w*|surpass\w*|beat\w*|overgikk|overstiger|overstege)\s+(?:[\w'’-]+\s+){0,4}?"
    r"(?:targets?|plans?|goals?|målet|planen|mål)(?:\s+of\s+[^,;]{1,30}?)?\s+(?:by|with|med)\s+"
    r"(?:about\s+|nearly\s+|over\s+|more\s+than\s+|around\s+|roughly\s+|almost\s+|"
    r"approximately\s+|rundt\s+|nesten\s+|over\s+)?"
    r"|\bvượt\s+(?:mức\s+)?(?:hơn\s+|gần\s+|khoảng\s+|trên\s+)?)$",
    re.IGNORECASE,
)


def _bare_vuot(sentence: str, start: int) -> bool:
    """Whether "vượt" (exceeded) stands just before a figure at ``start``, with no other
    qualifier: the verb of "vượt 25% kế hoạch", not "over"."""
    return bool(re.search(r"\bvượt\s+(?:mức\s+)?$", sentence[:start], re.IGNORECASE))


def _over_plan(f: Figure) -> bool:
    """Whether a share of a plan is by how much the plan was exceeded ("exceeding the annual
    target by 12%", "25 prosent over årsplanen"); "hoàn thành vượt 125% kế hoạch" is 125% of
    it."""
    if f.measure != "plan_progress":
        return False
    start, end = _span_of(f)
    if _bare_vuot(f.sentence, start) and f.value >= 100:
        return False
    return bool(_OVER_PLAN.search(f.sentence, 0, start) or _OVER_PLAN_AFTER.match(f.sentence, end))


def _row_label(
    f: Figure, subject: str | None, of_plan: tuple[str, str, Period | None]
) -> tuple[str, str]:
    """(label, whole) of the row a figure is in (:class:`FigureRow`): how its measure is
    named, part of the key that makes rows, so that figures named differently are never one
    row."""
    of, _, plan = of_plan
    if _over_plan(f):
        return "plan_over", ""  # "exceeding the annual target by 12%": 12% more, not 12% of it
    if f.measure == "growth" and of:
        return "growth_of", ""  # "Total social investment: growth"
    if f.measure == "plan_progress" and (of or plan):
        return "plan_of", ""
    return _share_label(f, subject)


def _span_of(f: Figure) -> tuple[int, int]:
    if f.span is not None:
        return f.span
    at = max(f.sentence.find(f.text), 0)
    return at, at + len(f.text)


def plan_reference(
    f: Figure, others: Sequence[Figure], reference: dt.date | None
) -> tuple[str, str, Period | None]:
    """What a share of a plan is of and which plan: the measure of the amount before it in
    its sentence, or in the sentence before where this one points back to it ("over $832
    million in FDI, achieving 69.3% of the target": FDI), with the kind of investment it is
    ("public" for "giải ngân vốn đầu tư công …, đạt 75% kế hoạch năm", or for "68.5% of its
    2024 public investment plan"), and the period the plan's own words name ("141 % av planen
    for årets første seks måneder": the first half; "51,6 % av 2024-planen": 2024), never the
    period of the figure itself. ("", "", None) for any other figure, and each part empty
    where its words do not say. A growth gets what it is of, and no plan."""
    if f.measure not in ("plan_progress", "growth"):
        return "", "", None
    amount, following = _amount_before(f, others)
    start, end = _span_of(f)
    words = re.split(r"[,;()]", f.sentence[end:following])[0]
    of, kind = _of_what(f, amount, words)
    if f.measure == "growth":
        return of, kind, None  # "…, up 10% year-on-year": the growth of that amount
    over = _OVER_PLAN.search(f.sentence, 0, start)  # "exceeding the annual plan of … by 15.5%"
    own_year = _plan_of_its_year(f, over.group(0)) if over is not None else None
    return of, kind, own_year or _plan_period(f, words, reference)


def _of_what(f: Figure, amount: Figure | None, words: str) -> tuple[str, str]:
    """(measure, kind of investment) a share of a plan or a growth is of: the amount's before
    it, unless its own clause names another ("…, while exports grew 5%") or is another
    subject's ("…, and industrial production rose 12%"); else what the plan's words or, with
    no amount, the sentence before it name."""
    start, _ = _span_of(f)
    of, kind = (amount.measure, _variant(amount)) if amount is not None else ("", "")
    if amount is not None and amount.sentence == f.sentence:
        between = f.sentence[_span_of(amount)[1] : start]
        said = _money_named(between, f.lang)
        if said:  # "FDI reached $2 billion, up 10%, while exports grew 5%": exports'
            of, kind = said[-1], variant_of(said[-1], f.lang, between)
        elif _OWN_CLAUSE.search(between):  # "…, and industrial production rose 12%"
            of, kind = "", ""
    named = variant_of("investment", f.lang, words) or (
        "" if amount is not None else variant_of("investment", f.lang, f.sentence[:start])
    )  # "Giải ngân vốn đầu tư công đạt 68% kế hoạch năm 2025": public investment's plan
    if named and (not of or of == "investment"):
        return "investment", named  # "68.5% of its 2024 public investment plan"
    if not of:  # "41% of the province's FDI plan for the first half", "Exports reached 45%"
        money = _money_named(words, f.lang) + (
            _money_named(f.sentence[:start], f.lang) if amount is None else []
        )
        of = money[0] if money else ""
    return of, kind


def _money_named(text: str, lang: str | None) -> list[str]:
    """The measures of money a text names, in order (no share or plan)."""
    return [
        m.key
        for *_, m in _measure_names(text, lang)
        if "money" in m.kinds and m.key not in ("share", "plan_progress")
    ]


# a clause of its own between an amount and a share or growth after it: another subject
_OWN_CLAUSE = re.compile(
    r"\b(?:while|whereas|còn|trong khi|mens)\b|"
    r"\b(?:and|và|og)\s+(?:[\w-]+\s+){1,5}?(?:rose|grew|increased|reached|fell|declined|climbed|"
    r"jumped|gained|tăng|đạt|giảm|økte|steg|nådde|falt)\b",
    re.IGNORECASE,
)


def _amount_before(f: Figure, others: Sequence[Figure]) -> tuple[Figure | None, int]:
    """The nearest amount or count before ``f`` in its sentence, else the last of the
    sentence before where this one points back to it ("That equals 41.2% of the capital
    plan"), or None; and where the sentence's next figure after it starts."""

    def said(g: Figure) -> bool:
        return g.kind in ("money", "count") and g.measure not in (OTHER, "plan_progress", "share")

    start, end = _span_of(f)
    amount, nearest, following = None, -1, len(f.sentence)
    for g in others:
        if g.sentence != f.sentence or g is f:
            continue
        g_start, g_end = _span_of(g)
        if g_start >= end:
            following = min(following, g_start)
        elif said(g) and nearest < g_end <= start:
            nearest, amount = g_end, g
    if amount is None and scopes.word_pattern("points_back").match(f.sentence):
        first = next((k for k, g in enumerate(others) if g.sentence == f.sentence), 0)
        earlier = [g for g in others[:first] if said(g)]
        amount = earlier[-1] if earlier else None
    return amount, following


def _plan_period(f: Figure, words: str, reference: dt.date | None) -> Period | None:
    """The period a plan's words after its share name: "2024-planen", "the 2024 target",
    "kế hoạch năm 2024", "the plan for the first six months" (read in the whole sentence,
    whose year it is of); never one that says when ("in the first half")."""
    plan = _PLAN_WORD.search(words)
    if plan is None:
        return None
    year = _PLAN_YEAR.search(words)
    if year and year.end() >= plan.end():
        y = year.group(1)
        return Period(year.group(0), f"{y}-01-01", f"{y}-12-31")
    _, end = _span_of(f)
    for mention in find_periods(f.sentence, f.lang, reference):
        at, to = mention.start - end, mention.end - end
        if at < 0 or to > len(words) or mention.comparison or mention.period.end is None:
            continue
        covers = at <= plan.start() < to
        follows = at >= plan.end() and _PLAN_LINK.fullmatch(words[plan.end() : at])
        if covers or follows:
            return mention.period
    return _plan_of_its_year(f, words)


def _plan_of_its_year(f: Figure, words: str) -> Period | None:
    """The plan of the figure's own year (or its first half) that its words name: "the annual
    plan", "kế hoạch năm", "årsplanen", "the half-year plan"; None where they name none."""
    annual = _ANNUAL_PLAN.search(words)
    half = _HALF_PLAN.search(words)
    if (annual or half) and f.period is not None and f.period.end:
        y = f.period.end[:4]  # the year of the figure's own period
        if half:
            return Period(half.group(0), f"{y}-01-01", f"{y}-06-30")
        assert annual is not None
        return Period(annual.group(0), f"{y}-01-01", f"{y}-12-31")
    return None


def _period_of(row: FigureRow) -> Period:
    """The period of a row the comparison kept (every such row has one, with an end)."""
    assert row.period is not None and row.period.end is not None
    return row.period


def _dated_by(date: dt.date | None, end: str) -> bool:
    """Whether an article dated ``date`` was written when a period ending ``end`` had ended."""
    return date is not None and end <= date.isoformat()


def _months(p: Period) -> str | None:
    """A period's shape: its first month and its length ("1-12" a calendar year)."""
    if p.start is None or p.end is None:
        return None
    start, end = dt.date.fromisoformat(p.start), dt.date.fromisoformat(p.end)
    return f"{start.month}-{(end.year - start.year) * 12 + end.month - start.month + 1}"


def _changes(rows: list[FigureRow], dates: dict[str, dt.date | None]) -> list[FigureRow]:
    """Each row's change against the previous comparable period: actuals of the subject as
    a whole, one exact value (no "over", no range, nothing unclear), over periods of one
    shape (a year against a year, a half against a half) that had ended when their articles
    were written. Never a figure "to date" or "as of" a date: it may be a year so far."""

    def comparable(row: FigureRow) -> bool:
        period = row.period
        if period is None or period.end is None:
            return False
        end = period.end
        return (
            row.status == Status.ACTUAL
            and row.measure != "plan_progress"  # each a share of its own year's plan
            and row.scope is None
            and not row.part
            and not row.minor
            and row.agree
            and not row.unclear
            and _months(period) is not None
            and all(f.period == period for f in row.figures)
            and not any(f.qualifier or f.value_high is not None for f in row.figures)
            and all(_dated_by(dates.get(f.article), end) for f in row.figures)
        )

    series: dict[tuple, list[int]] = {}
    for k, row in enumerate(rows):
        if comparable(row):
            key = (
                row.measure,
                row.kind,
                row.unit,
                row.label,
                row.whole,
                _months(_period_of(row)),
            )
            series.setdefault(key, []).append(k)
    out = list(rows)
    for members in series.values():
        ends = [_period_of(rows[k]).end for k in members]
        if len(set(ends)) != len(ends):
            continue  # two rows for one period: no comparison
        members.sort(key=lambda k: _period_of(rows[k]).end or "")
        for before, after in zip(members, members[1:]):
            a, b = rows[before].figures[0].value, rows[after].figures[0].value
            if a == 0:
                continue
            diff = b - a
            percent = (
                (diff / abs(a) * 100).quantize(Decimal("0.1"))
                if rows[after].kind in (MONEY, COUNT)
                else None
            )
            out[after] = dataclasses.replace(
                rows[after], change=Change(a, diff, percent, _period_of(rows[before]))
            )
    return out


def resolve_scopes(reports: Sequence[Report], subject: str | None) -> list[Report]:
    """The reports with their figures' scopes settled against the briefing's subject
    (:func:`settle_scopes`), so that the table, the JSON and the glance read one scope."""
    out = []
    for r in reports:
        figures = tuple(settle_scopes(r.figures, subject))
        out.append(dataclasses.replace(r, figures=figures) if figures != r.figures else r)
    return out


def as_whole(f: Figure) -> Figure:
    """The figure as its subject's whole: no scope, no "of which" mark."""
    return dataclasses.replace(f, scope=None, scope_kind=None, scope_key=None, part=False)


def seen_by_model(figures: Sequence[Figure]) -> list[scope_model.Seen | None]:
    """Each figure as :mod:`mtsum.scope_model` sees it: its place in its sentence and its
    neighbours' as read (``span``, ``neighbours``: the same whether or not later steps dropped
    a repeated figure), the sentence's wire dateline blanked; None for a figure made without
    them whose words cannot be found in its sentence."""
    out: list[scope_model.Seen | None] = []
    at: dict[str, int] = {}
    for f in figures:
        span, neighbours = f.span, f.neighbours
        if span is None:  # a figure made elsewhere (tests, older caches): found by its words
            start = f.sentence.find(f.text, at.get(f.sentence, 0)) if f.text else -1
            if start < 0:
                out.append(None)
                continue
            at[f.sentence] = start + len(f.text)
            span = (start, start + len(f.text))
        out.append(
            scope_model.Seen(
                scopes.without_dateline(f.sentence), *span, tuple(neighbours), f.lang,
                f.measure, str(f.kind), str(f.status), f.scope,
                f.scope_kind if f.scope is not None else None, f.part,
            )
        )  # fmt: skip
    return out


def _learned_measures(figures: list[Figure], carried: Sequence[bool]) -> list[Figure]:
    """A sentence's amounts of capital, each with the capital measure the learned reading
    finds likeliest (:func:`mtsum.measure_model.measure`); its other figures, and those whose
    measure the sentence before gave them (``carried``), as they are."""
    capital = measure_model.classes()
    if not any(f.kind == Kind.MONEY and f.measure in capital for f in figures):
        return figures
    out = []
    for f, seen, kept in zip(figures, seen_by_model(figures), carried):
        # a kind of investment named ("vốn đầu tư ngoài ngân sách") is that aggregate, never
        # one project's capital: the rules' measure stays
        fixed = seen is None or kept or bool(_variant(f))
        learned = f.measure if fixed or seen is None else measure_model.measure(seen)
        out.append(f if learned == f.measure else _rescoped(f, learned))
    return out


def _rescoped(f: Figure, measure: str) -> Figure:
    """A figure under another measure, with the scope its rules find for that measure: a
    company's total investment is its project's, the same words as FDI a country's."""
    if f.span is None:
        return dataclasses.replace(f, measure=measure)
    found = scopes.scope_of(
        scopes.without_dateline(f.sentence),
        f.lang,
        *f.span,
        list(f.neighbours),
        measure=measure,
        is_part=f.part,
        measure_text=f.measure_text,
    )
    return dataclasses.replace(
        f,
        measure=measure,
        scope=found.text if found else None,
        scope_kind=found.kind if found else None,
        scope_key=found.key if found else None,
    )


def settle_scopes(figures: Sequence[Figure], subject: str | None) -> list[Figure]:
    """One article's figures with their scopes settled: a scope that names the subject
    ("Quang Ninh attracted ...") is its whole, "of which" mark and all; then the learned second
    reading (:mod:`mtsum.scope_model`) overrules the rules where it finds them wrong (surer
    before it makes a part the whole: :func:`mtsum.scope_model.overrules`): a figure it
    finds a part keeps the rules' words, or takes the words it is sure name the part, or else
    is marked a part unnamed (``part``); one it finds the whole loses the rules' scope and
    mark. Without the model's weights the rules' reading stands."""
    resolved = [
        as_whole(f) if f.scope is not None and scopes.resolve(f.scope_kind, f.scope_key, subject)
        else f
        for f in figures
    ]  # fmt: skip
    out = []
    for f, seen in zip(resolved, seen_by_model(resolved)):
        p = None if seen is None else scope_model.part_probability(seen, subject)
        rules_part = f.scope is not None or f.part
        if seen is not None and p is not None and scope_model.overrules(p, rules_part):
            f = as_whole(f) if rules_part else _as_part(f, seen, subject)
        out.append(f)
    return out


def _as_part(f: Figure, seen: scope_model.Seen, subject: str | None) -> Figure:
    """The figure as a part: named by the words the phrase model is sure of, else marked a part
    unnamed ("..., of which")."""
    phrase = scope_model.part_phrase(seen, subject)
    if phrase is None:
        return dataclasses.replace(f, part=True)
    kind, key = scopes.phrase_kind(phrase)
    return dataclasses.replace(f, scope=phrase, scope_kind=kind, scope_key=key)


def _near_figures(figures: Sequence[Figure]):
    """For each of an article's figures, the figures of its sentence and of the sentence
    before (all that a share of a plan or a growth reads, :func:`plan_reference`), found in
    constant time, so that a figure-dense article costs linear time."""
    by_sentence: dict[str, list[Figure]] = {}
    for g in figures:
        by_sentence.setdefault(g.sentence, []).append(g)
    order = list(by_sentence)
    before = dict(zip(order[1:], order))

    def near(f: Figure) -> list[Figure]:
        return by_sentence.get(before.get(f.sentence, ""), []) + by_sentence[f.sentence]

    return near


def figure_table(reports: Sequence, subject: str | None = None) -> list[FigureRow]:
    """The key figures table of a briefing, computed once: one row per measure, scope, status
    and period, citing every article that states it, in reading order (the measure's rank;
    the whole before its parts; actuals before adjusted, pending and targets; the newest
    period first). ``reports``: each with ``figures`` and ``article`` (its id and date);
    ``subject``: the place the briefing is about, so that a figure that names it is its
    whole."""
    dates = {r.article.id: r.article.date for r in reports}
    buckets: dict[tuple, dict[tuple, dict[int, list[Figure]]]] = {}
    made: list[list[Figure]] = []
    articles_in: dict[int, set[str]] = {}  # each row's articles, by id(row)
    # each row's plan share's plan and its label, by id(row)
    plans: dict[int, tuple[tuple[str, str, Period | None], tuple[str, str]]] = {}
    for r in reports:
        around = _near_figures(r.figures)
        for read in r.figures:
            f = read
            if scopes.resolve(f.scope_kind, f.scope_key, subject):
                f = dataclasses.replace(f, scope=None, scope_kind=None, scope_key=None)
            if f.part and f.scope is not None:
                f = dataclasses.replace(f, part=False)  # "of which Japan": its scope says it
            of_plan = plan_reference(read, around(read), r.article.date)
            of, kind, plan = of_plan
            named = _row_label(f, subject, of_plan)
            key = (
                f.measure,
                f.kind,
                _unit_key(f),
                f.status,
                f.scope_key,
                f.part,
                named,
                (of, kind, plan and (plan.start, plan.end)),
            )
            # the rows f may join, looked up, not scanned, so that a figure-dense article costs
            # linear time: rows of its period and value; rows of its period that other
            # articles' figures started (where this article has no figure yet: "sources
            # differ"); stocks of its value
            index = buckets.setdefault(key, {})
            period = _period_key(f)
            near = list(index.get(("value", period, f.value, f.value_high), {}).values())
            rows_at = index.get(period, {})
            if len(rows_at) > len(index.get(("article", period, f.article), {})):
                near += [r for r in rows_at.values() if f.article not in articles_in[id(r)]]
            if _stock(f.period):
                near += index.get(("stock", f.value, f.value_high, f.qualifier), {}).values()
            row = next((row for row in near if _joins(row, f)), None)
            if row is None:
                row = []
                made.append(row)
                articles_in[id(row)] = set()
                plans[id(row)] = (of_plan, named)
            if not any(g.article == f.article and g.value == f.value for g in row):
                row.append(f)
                articles_in[id(row)].add(f.article)
                for where in (
                    period,
                    ("value", period, f.value, f.value_high),
                    ("article", period, f.article),
                    *([("stock", f.value, f.value_high, f.qualifier)] if _stock(f.period) else []),
                ):
                    index.setdefault(where, {})[id(row)] = row
    table = []
    for members in made:
        f = members[0]
        periods = [g.period for g in members if g.period is not None]
        latest = max(periods, key=lambda p: (p.end or "", p.start or "")) if periods else None
        guessed = None
        if latest is None and f.status != Status.TARGET:
            known = [dates[g.article] for g in members if dates.get(g.article)]
            guessed = max(known) if known else None
        (of, kind, plan), (label, whole) = plans[id(members)]
        table.append(
            FigureRow(
                f.measure,
                f.kind,
                f.unit,
                f.status,
                f.scope,
                f.scope_kind,
                f.scope_key,
                latest,
                tuple(members),
                f.part,
                guessed,
                minor=f.measure == OTHER or (f.kind == COUNT and f.measure not in KEY_COUNTS),
                label=label,
                whole=whole,
                of=of,
                of_kind=kind,
                plan=plan,
            )
        )
    table = _changes(table, dates)

    def order(row: FigureRow) -> tuple:
        measure = measures().get(row.measure)
        when = (row.period.end if row.period else None) or (
            row.guessed.isoformat() if row.guessed else ""
        )
        newest = tuple(-ord(c) for c in when) if when else (1,)
        return (
            row.minor,
            measure.rank if measure else 999,
            row.measure,
            row.scope is not None,
            row.part,
            row.scope_key or "",
            _STATUS_ORDER[row.status],
            newest,
            str(row.kind),
            row.label,
            row.of,
            row.of_kind,
            [str(v) for v in row.values],
        )

    return sorted(table, key=order)


# The steps that read a sentence's figures together, after each has its own scope: changes
# and conversions take their figure's, projects and their capital share a state, percentages
# listed or said as portions take their measure, GRDP growth, kinds included in a count
# before are parts, other parts keep their whole's owner.
_SENTENCE_STEPS = (
    _changes_take_scope,
    _conversions_follow,
    _capital_shares_status,
    _listed_percents,
    _portions,
    _grdp_growth,
    _kinds_included,
    _parts_keep_owner,
    _towns_named_again,
    _parks_own_area,
    _parts_take_measure,
    _kinds_named_after,
)
