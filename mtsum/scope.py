"""Whose a figure is and what state it is in: its scope and its status.

- **Scope**: None when the figure is about the briefing's subject as a whole (the province the
  articles are about); otherwise the words, as written, that name what it is about: a part (a
  country or territory of origin, a sector, a group of enterprises, one project, an "of which"
  share) or another place (the country as a whole, another province).
- **Status**: ``actual``, ``target`` (plans, aims), ``pending`` (applying, under review) or
  ``adjusted`` (capital added to existing projects).

The words are per language in ``data/scope.toml``; territories come from Babel's names in
English, Vietnamese and Norwegian, and the file's own list ("the US", "Hong Kong (China)").
"""

# Long on purpose (over 60 lines or cyclomatic complexity 20; tests/test_shape.py):
#   _project_scope: the clause shapes that name one project or company, in order

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

from mtsum import languages
from mtsum.patterns import could_match, folded, literals

ACTUAL, TARGET, PENDING, ADJUSTED = "actual", "target", "pending", "adjusted"


def _load_toml(text: str) -> dict:
    import tomllib

    return tomllib.loads(text)


@functools.cache
def _table() -> dict:
    return _load_toml(
        resources.files("mtsum").joinpath("data/scope.toml").read_text(encoding="utf-8")
    )


@functools.cache
def word_pattern(name: str) -> re.Pattern:
    """A word pattern by its name in scope.toml's ``[words]`` (every language at once)."""
    return re.compile(_table()["words"][name])


def _code(lang: str | None) -> str:
    code = languages.base(lang) or "en"
    return code if code in ("en", "vi", "no") else "en"


@functools.cache
def _patterns(path: str, lang: str | None, flags: int = re.IGNORECASE) -> tuple[re.Pattern, ...]:
    """The patterns at a dotted path of scope.toml for a language (English's where it has
    none)."""
    entry = _table()
    for part in path.split("."):
        entry = entry.get(part, {})
    code = _code(lang)
    found = entry.get(code) or entry.get("en") or []
    return tuple(re.compile(p, flags) for p in found)


def _any(patterns: Iterable[re.Pattern], text: str) -> re.Match | None:
    best = None
    for p in patterns:
        m = p.search(text)
        if m and (best is None or m.start() < best.start()):
            best = m
    return best


_FOLDED: dict[int, str] = {ord("đ"): "d", ord("Đ"): "D"}  # each character's, as met


def fold(text: str) -> str:
    """Lower case without diacritics ("Quảng Ninh" -> "quang ninh"): each character
    decomposed, its combining marks dropped (a table filled as characters are met)."""
    if text.isascii():
        return text.lower()
    for c in set(text).difference(_MET):  # the characters not met before, looked at once
        if ord(c) not in _FOLDED and not c.isascii():
            decomposed = unicodedata.normalize("NFD", c)
            _FOLDED[ord(c)] = "".join(d for d in decomposed if not unicodedata.combining(d))
        _MET.add(c)
    return text.translate(_FOLDED).lower()


_MET: set[str] = set()  # the characters fold() has looked at


@functools.lru_cache(maxsize=256)
def _fold_in_place(text: str) -> str:
    """:func:`fold` with the offsets of ``text`` (character by character where folding the
    whole would move them: decomposed accents)."""
    folded = fold(text)
    if len(folded) == len(text):
        return folded
    for c in set(text):
        if ord(c) not in _FOLDED_ONE:
            one = fold(c)
            _FOLDED_ONE[ord(c)] = one if len(one) == 1 else c
    return text.translate(_FOLDED_ONE)


_FOLDED_ONE: dict[int, str] = {}  # each character folded to one character, or kept


# --- clauses -----------------------------------------------------------------------------

WINDOW = 300  # characters either side of a figure that its clause may span: bounded work


def without_dateline(sentence: str) -> str:
    """The sentence with a wire dateline that opens it ("HA LONG, May 6, 2024 - Seafood
    output ...") blanked out, every offset kept: the town a story was filed from is not
    whose its figures are."""
    m = word_pattern("dateline").match(sentence)
    if m is None or not m.group("place").isupper():
        return sentence
    return " " * m.end() + sentence[m.end() :]


@functools.lru_cache(maxsize=256)
def clause_bounds(sentence: str, lang: str | None, start: int, end: int) -> tuple[int, int, bool]:
    """(start, end, after a part marker) of the clause a figure at ``start``-``end`` is in:
    its sentence cut at ";" and at "of which" / "trong đó" / "herav". Kept for the figures
    met lately: a figure's status and its scope each ask for its clause."""
    lo, hi = max(0, start - WINDOW), min(len(sentence), end + WINDOW)
    semi_before = sentence.rfind(";", lo, start)
    if semi_before >= 0:
        lo = semi_before + 1
    semi_after = sentence.find(";", end, hi)
    if semi_after >= 0:
        hi = semi_after
    part = False
    for m in word_pattern("clause_break").finditer(sentence, lo, hi):  # "..., while Bac Ninh"
        if m.end() <= start:
            lo = max(lo, m.end())
        elif m.start() >= end:
            hi = min(hi, m.start())
    for p in _patterns("part_markers", lang):
        for m in p.finditer(sentence, lo, hi):
            if m.end() <= start and m.end() > lo:
                lo, part = m.end(), True
            elif m.start() >= end and m.start() < hi:
                hi = m.start()
    return lo, hi, part


# --- status ------------------------------------------------------------------------------


def status_of(
    sentence: str, lang: str | None, start: int, end: int, others: Sequence[tuple[int, int]] = ()
) -> str | None:
    """``adjusted``, ``pending`` or ``target`` as the words around a figure say, else None
    (the caller decides on ``target`` from the period too, then ``actual``). The words after
    it stop where the next figure's begin ("cấp mới 43 dự án, điều chỉnh tăng vốn 71 lượt
    dự án": the 43 are new)."""
    lo, hi, part = clause_bounds(sentence, lang, start, end)
    hi = _own_words_end(sentence, end, hi, others)
    early = _status_said_outright(sentence, lang, lo, start, end, hi)
    if early is not None:
        return early
    nearest, target = _words_before(sentence, lang, lo, start, end)
    if nearest == ADJUSTED and word_pattern("brings_total_to").search(sentence, lo, start):
        return ACTUAL  # "..., nâng tổng vốn FDI thu hút của quý lên 498,5 triệu USD"
    if nearest is not None:
        return nearest
    after = _status_said_after(sentence, lang, lo, start, end, sentence[end:hi])
    if after is not None:
        return after
    if target:
        return TARGET
    return _status_of_what_it_belongs_to(sentence, lang, start, lo, hi, part)


def _own_words_end(sentence: str, end: int, hi: int, others: Sequence[tuple[int, int]]) -> int:
    """Where the words after a figure stop being its own: at the next figure's clause, or
    where another subject begins ("..., while many others ...")."""
    nxt = min((o[0] for o in others if o[0] >= end), default=hi)
    if nxt < hi:  # a new clause before the next figure: its words are that figure's
        tail = word_pattern("and_then").search(sentence, end, nxt)
        hi = tail.start() if tail else hi
    other_subject = word_pattern("other_subject").search(sentence, end, hi)
    return other_subject.start() if other_subject else hi


def _status_said_outright(sentence, lang, lo, start, end, hi) -> str | None:
    """A state the words just around a figure settle before any nearer cue: a target's
    amount, new and added capital together, applying for an increase, a comparison's base."""
    if word_pattern("target_amount_before").search(sentence, max(lo, start - 90), start) or (
        word_pattern("target_name_before").search(sentence, max(lo, start - 20), start)
        and word_pattern("set_after").match(sentence, end)
    ):
        return TARGET  # "bằng 40,3% kế hoạch năm 2025 là 3,5 tỷ USD", "vượt mục tiêu 11% đề ra"
    if word_pattern("new_and_additional_before").search(sentence, lo, start):
        return ACTUAL  # "total new and additional capital of US$3.1 billion"
    if word_pattern("applying_for_increase").search(sentence, lo, hi):
        return PENDING  # "2 dự án khác đang xin điều chỉnh tăng vốn tổng cộng 140 triệu USD"
    if (
        _any(_patterns("status.actual.before", lang), sentence[max(lo, start - 60) : start])
        or word_pattern("new_and_adjusted").match(sentence, end)
        or (
            word_pattern("change_from").search(sentence, max(lo, start - 12), start)
            and word_pattern("change_to").match(sentence, end)
            and not word_pattern("change_of_target").search(sentence, max(lo, start - 60), start)
        )
    ):
        return ACTUAL  # "up from 29.5 million tonnes", "2,1 milliarder dollar i nye og justerte",
        # "raise the capital ... from $150 million to $420 million": the base of a change
    return None


def _status_said_after(sentence, lang, lo, start, end, after) -> str | None:
    """Adjusted or pending as the words after a figure (or past an aside) say; a count that
    says itself new is not made adjusted by the next count's words."""
    joint = max(
        (m.end() for m in re.finditer(r"(?i),|;|\band\b|\bvà\b|\bog\b", sentence[:start])),
        default=0,
    )
    said_new = word_pattern("says_new").search(sentence, max(lo, start - 12, joint), end)
    for status in (ADJUSTED, PENDING):
        if status == ADJUSTED and said_new:
            continue  # "licensed 13 new projects and adjusted capital for another 17"
        if _any(_patterns(f"status.{status}.after", lang), after) or _any(
            _patterns(f"status.{status}.after", lang), _past_aside(sentence, end)
        ):
            return status
    return None


def _status_of_what_it_belongs_to(sentence, lang, start, lo, hi, part) -> str | None:
    """The state of an item of a list ("Các dự án đang được thẩm định gồm: A (75 triệu USD);
    B (40 triệu USD)"), of a figure's words after it ("seven investors ... plan to invest"),
    or of the whole a part is of ("phấn đấu đón 21 triệu lượt khách, trong đó 3 triệu ...")."""
    listed = _list_head(sentence, lo)
    for status in (ADJUSTED, PENDING, TARGET) if listed else ():
        if _any(_patterns(f"status.{status}.before", lang), listed):
            return status
    if _any(_patterns("status.target.after", lang), sentence[start:hi]):
        return TARGET
    whole = sentence[max(0, sentence.rfind(";", 0, lo) + 1, lo - WINDOW) : lo] if part else ""
    for status in (ADJUSTED, PENDING, TARGET) if part else ():
        if _any(_patterns(f"status.{status}.before", lang), _without_references(whole, lang)):
            return status
    return None


def _words_before(sentence, lang, lo, start, end) -> tuple[str | None, bool]:
    """(adjusted or pending where their words stand nearer the figure than a target's, whether
    a target's words stand before it). The figure's own words count ("21 existing projects"),
    and a word's look-ahead may read on ("expect eight projects ... to be licensed"); "venter å
    dele ut lisens ..., og målet er at ... skal passere 3 milliarder dollar": a target."""
    own = sentence[lo:]
    # "newly registered and adjusted FDI": the whole of new and added capital, no state
    whole = [(m.start(), m.end()) for m in word_pattern("new_and_adjusted_words").finditer(own)]
    cues = [
        (m.end(), status)
        for status in (ADJUSTED, PENDING)
        for p in _patterns(f"status.{status}.before", lang)
        # matches come in order of their start: none after the first past the figure counts
        for m in itertools.takewhile(lambda m: m.start() < end - lo, p.finditer(own))
        if not any(a <= m.start() and m.end() <= b for a, b in whole)
    ]
    before = _without_references(sentence[lo:start], lang)
    target = [m.end() for p in _patterns("status.target.before", lang) for m in p.finditer(before)]
    nearest = max(cues, default=(-1, None))
    if nearest[1] is not None and nearest[0] >= max(target, default=-1):
        return nearest[1], bool(target)
    return None, bool(target)


def _past_aside(sentence: str, end: int) -> str:
    """The words after a figure past an aside ("US$1.65 billion, including a US$1.2 billion
    plant in Hai Ha, are under appraisal", "Three more projects – a $95 million glass factory
    and a $60 million hub – are under appraisal"), or after the dashes the figure stands
    between: "" where there is none."""
    m = word_pattern("aside").match(sentence, end)
    if m:
        return sentence[m.end() : m.end() + 120]
    dashes = [d.start() for d in re.finditer(r"\s[–—-]\s", sentence)]
    opening = [d for d in dashes if end - 160 < d < end]
    if not opening and word_pattern("aside_dash").match(sentence, end):
        opening, dashes = dashes[:1], dashes[1:]  # the aside opens just after the figure
    closing = [d for d in dashes if end <= d < end + 160]
    if opening and closing:
        return sentence[closing[0] + 3 : closing[0] + 123]
    return ""


def _list_head(sentence: str, lo: int) -> str:
    """The words before a colon that open a list of items cut at ";", for an item after the
    first ("Các dự án đang được thẩm định gồm: ...; ...")."""
    colon = sentence.rfind(":", 0, lo)
    if colon < 0 or ";" not in sentence[colon:lo]:
        return ""
    return sentence[max(0, colon - WINDOW) : colon]


def _without_references(text: str, lang: str | None) -> str:
    """The words before a figure with a target named only as what is measured against it
    ("exceeding its target by 5%", "vượt kế hoạch") blanked out."""
    for p in _patterns("status.target.reference", lang):
        text = p.sub(lambda m: " " * len(m.group(0)), text)
    return text


def plan_reference(sentence: str, lang: str | None, start: int, end: int) -> bool:
    """Whether the period written at ``start``-``end`` is a plan's name ("2024-planen",
    "kế hoạch năm 2024", "the plan for the first six months"), not a figure's period."""
    before = sentence[max(0, start - 30) : start]
    after = sentence[end : end + 12]
    inside = sentence[start:end]
    return bool(
        _any(_patterns("plan_reference.before", lang), before)
        or _any(_patterns("plan_reference.after", lang), after)
        or _any(_patterns("plan_reference.inside", lang), inside)
    )


# --- territories -------------------------------------------------------------------------


@functools.cache
def territories() -> dict[str, str]:
    """Names of countries and territories as written -> their code (Babel's names in en,
    vi and nb, and scope.toml's own)."""
    from babel import Locale

    names: dict[str, str] = {}
    for loc in ("en", "vi", "nb"):
        for code, name in Locale.parse(loc).territories.items():
            if code.isalpha() and len(code) == 2 and code not in ("ZZ", "QO", "XA", "XB"):
                names.setdefault(name, code)
    for name in _table().get("not_territories", {}).get("names", []):
        names.pop(name, None)
    names.update(_table().get("territories", {}))
    return names


@functools.cache
def _territory_pattern() -> re.Pattern:
    names = sorted(territories(), key=len, reverse=True)
    body = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?<![\w-])(?:{body})(?=s?(?![\w$-]))")  # "Vietnams FDI"


def territory_name(code: str, lang: str) -> str | None:
    """A territory's name in a part's language (Babel's, the short form for Hong Kong and
    Macau)."""
    from babel import Locale

    short = {"HK": {"en": "Hong Kong (China)", "vi": "Hồng Kông (Trung Quốc)"},
             "TW": {"en": "Taiwan (China)", "vi": "Đài Loan (Trung Quốc)"},
             "MO": {"en": "Macau (China)", "vi": "Ma Cao (Trung Quốc)"},
             "US": {"en": "the US"}}  # fmt: skip
    if code in short and lang in short[code]:
        return short[code][lang]
    try:
        return Locale.parse(languages.babel_locale(lang) or lang).territories.get(code)
    except Exception:  # noqa: BLE001 - an unknown locale: no name
        return None


def phrase_kind(phrase: str) -> tuple[str, str]:
    """The kind and key of a scope phrase found whole ("South Korea" -> territory KR, "Hai
    Phong" -> place, "aquaculture" -> part)."""
    code = territories().get(phrase)
    if code is None and _territory_pattern().fullmatch(phrase):
        code = territories().get(phrase.rstrip("s"))
    if code is None and phrase.split():
        code = demonym(phrase.split()[0])  # "Norske selskaper": Norway's, as the rules read it
    if code:
        return "territory", code
    if _places().fullmatch(_fold_in_place(phrase)):
        return "place", fold(phrase)
    return "part", fold(phrase)


def demonym(word: str) -> str | None:
    return _table().get("demonyms", {}).get(word.lower())


# --- scope -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """What a figure is about when it is not the subject as a whole."""

    text: str  # the words as written ("Hong Kong (China)", "the foreign-invested sector")
    kind: str  # "territory", "group", "place", "project", "part"
    key: str  # one key for one scope written several ways: a territory code, else folded text


def _clause_start(text: str) -> int:
    """Where a clause's own words begin: after a lead-in ("Of this, ", "In 2023, ")."""
    m = re.match(r"\s*(?:[^,]{0,60},\s+)?", text)
    return m.end() if m else 0


_JOINER = re.compile(r"\s*(?:,|\band\b|\bog\b|\bvà\b)\s*(?:the\s+)?")


def _listed(sentence: str, start: int, end: int) -> bool:
    """Whether a territory at start-end is one of a list ("the US, China and Taiwan"): another
    territory next to it, across a comma or "and"."""
    for ms, me, _ in _territory_matches(sentence):
        if ms >= end and _JOINER.fullmatch(sentence, end, ms):
            return True
        if me <= start and _JOINER.fullmatch(sentence, me, start):
            return True
    return False


# Groups that name the field a foreign-investment briefing is about: for its own measures they
# are the whole ("Foreign investors registered 12 projects"), for others a part.
FDI_FIELD = {"fdi", "fdi_disbursed", "registered_capital", "projects", "enterprises", "investment"}
_FOREIGN = re.compile(r"foreign|fdi|nước ngoài|utenlandsk", re.IGNORECASE)


# Measures whose figures a country of origin or destination divides ("Japan's FDI", "exports
# to the EU"); for others (people, crime, prices) a country named is where, not whose.
ORIGIN_MEASURES = FDI_FIELD | {
    "total_investment",
    "domestic_investment",
    "share",
    "plan_progress",
    "exports",
    "imports",
    "trade",
    "visitors",  # "South Korea came second with 96,000 visitors": visitors from there
}
_TO_PLACE = re.compile(r"(?:\bto|\bfrom|\bsang|\btừ|\btil|\bfra)\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class _At:
    """A figure in its sentence, as the scope rules read it."""

    sentence: str
    lang: str | None
    start: int
    end: int
    others: Sequence[tuple[int, int]]
    measure: str
    narrowing: str
    is_part: bool
    measure_text: str
    lo: int  # the figure's clause
    hi: int
    part: bool  # after "of which"
    lead: int  # where the clause's own words begin, from lo

    @property
    def clause(self) -> str:
        return self.sentence[self.lo : self.hi]

    @property
    def origin(self) -> bool:
        return self.measure in ORIGIN_MEASURES


_WHOLE = Scope("", "whole", "")  # a rule's answer that the figure is the subject's whole


def scope_of(
    sentence: str,
    lang: str | None,
    start: int,
    end: int,
    others: Sequence[tuple[int, int]] = (),
    *,
    measure: str = "",
    narrowing: str = "",
    is_part: bool = False,
    measure_text: str = "",
) -> Scope | None:
    """The scope of a figure at ``start``-``end`` of ``sentence`` (None: the subject's
    whole): the first of the rules (``_RULES``, in their order of precedence) that names one.
    ``others``: the spans of the sentence's other figures; ``narrowing``: the words by which
    a count counts fewer things than its measure ("Japanese")."""
    lo, hi, part = clause_bounds(sentence, lang, start, end)
    at = _At(
        sentence, lang, start, end, others, measure, narrowing, is_part, measure_text,
        lo, hi, part, _clause_start(sentence[lo:hi]),
    )  # fmt: skip
    for rule in _RULES:
        found = rule(at)
        if found is not None:
            return None if found is _WHOLE else found
    if part or lo > 0:  # "Cả nước ... thu hút 38,4 tỷ USD, trong đó vốn giải ngân đạt 27,6
        # tỷ USD"; "Trên phạm vi cả nước, ... 10,2 tỷ USD; vốn FDI giải ngân ước đạt 5,3 tỷ USD"
        start_of_whole = max(0, sentence.rfind(";", 0, lo) + 1) if part else 0
        end_of_whole = lo if part else _first_clause_end(sentence, lang, lo)
        whole = _place_before(
            sentence,
            lang,
            end_of_whole,
            start_of_whole,
            _clause_start(sentence[start_of_whole:end_of_whole]),
        )
        if isinstance(whole, Scope) and whole.kind in ("place", "province"):
            return whole
    return None


def _first_clause_end(sentence: str, lang: str | None, lo: int) -> int:
    """Where a sentence's first clause ends, before a clause that starts at ``lo``."""
    ends = [sentence.find(";", 0, lo)]
    ends += [m.start() for m in word_pattern("clause_break").finditer(sentence, 0, lo)]
    ends = [e for e in ends if e > 0]
    return min(ends) if ends else 0


def _in_parentheses(at: _At) -> Scope | None:
    """ "Nhật Bản (196 triệu USD), Singapore (130 triệu USD)", "manufacturing (62%)"."""
    return _named_before_parenthesis(at.sentence, at.lang, at.start, at.end, at.lo)


def _trade_of(at: _At) -> Scope | None:
    """Trade between two places, or of a province or city ("Mong Cai's two-way trade with
    China": Mong Cai's, not China's)."""
    if at.measure not in ("trade", "exports", "imports"):
        return None
    for p in _patterns("scope.sector", at.lang):  # "Quang Ninh eksporterte sjømat for 186
        for m in p.finditer(at.sentence, at.lo, at.start):  # millioner dollar": the sector's
            if word_pattern("export_verb_before").search(
                at.sentence, max(at.lo, m.start() - 20), m.start()
            ) and word_pattern("worth_then_figure").fullmatch(at.sentence, m.end(), at.start):
                if any(at.lo <= t[0] < m.start() for t in _territory_matches(at.sentence)):
                    break  # "Vietnam eksporterte sjømat for ...": the country's, first
                return Scope(m.group(0), "sector", fold(m.group(0)))
    found = _between_scope(at.sentence, at.lang, at.lo, at.start)
    owners = _owner_places(at.sentence, at.lang, at.start, at.lo, at.lead)
    return found or (owners[-1][1] if owners else None)


def _unnamed_amount_of_a_project(at: _At) -> Scope | None:
    """An amount no measure names, just before a project's word: "a $95 million data
    centre"."""
    if at.measure in ("fdi", OTHER_MONEY) and not at.measure_text:
        if _project_next(at.sentence, at.lang, at.end, at.hi):
            return _project_scope(at.sentence, at.lang, at.start, at.end, at.lo, at.hi, at.others)
    return None


def _origin(at: _At) -> Scope | None:
    """The investors' country: a people's group ("Three Japanese companies ... worth $210m")
    or a territory, the nearer to the figure."""
    if not (at.origin or at.measure == OTHER_MONEY):
        return _workers_of(at) or _from_territory_after(at)  # "44 prosent fra Kina og Hongkong"
    if (
        at.measure == "total_investment" and _project_next(at.sentence, at.lang, at.end, at.hi)
    ) or _project_before(at) is not None:
        return None  # "Swedish investor Autoliv ... a $154 million ... factory": the factory's
    s, lo, start = at.sentence, at.lo, at.start
    found = _people_or_territory(at)
    if found and _subject_owns_between(s, at.lang, s.rfind(found.text, lo, start), start):
        return _WHOLE  # "Vietnams FDI nådde 38 milliarder dollar, og provinsens 3 milliarder"
    owners = _owner_places(s, at.lang, start, lo, at.lead)
    if found and owners and owners[-1][0] > s.rfind(found.text, lo, start):
        return owners[-1][1]  # "Vietnam attracted $20bn, with Quang Ninh accounting for $2bn"
    if found and found.kind == "territory" and found.key == _table().get("home_country"):
        if at.measure == "visitors":
            return None  # "Vietnam as a whole welcomed ...": for the place rules
        return Scope(found.text, "place", fold(found.text))  # the country, not an origin
    return found or _one_origin_after(at)


def _people_or_territory(at: _At) -> Scope | None:
    """A people's group or a territory before a figure, the nearer to it ("... Singaporean
    investors with $520m and Hong Kong with $315m": Hong Kong's)."""
    s, lo, start = at.sentence, at.lo, at.start
    group = _demonym_group(s, at.lang, start, at.end, lo, at.hi)
    place = None
    if at.origin:
        place = _territory_scope(
            s, at.lang, start, at.end, at.others, lo, at.hi, at.part, at.measure
        )
    if group and place and s.rfind(place.text, lo, start) > s.rfind(group.text, lo, start):
        return place
    return group or place


def _one_origin_after(at: _At) -> Scope | None:
    """Money said to come from one country or two after it ("hvorav 900 millioner dollar kom
    fra Singapore"); not a list of all the origins ("10 prosjekter fra USA, Sør-Korea, Kina og
    Taiwan": where all of them are from)."""
    after = _from_territory_after(at)
    if after is not None and after.key == fold(after.text) and after.text.count(",") >= 1:
        return None
    return after


_PEOPLES_MEASURES = {"fdi", "fdi_disbursed", "investment", "registered_capital", "exports"}


def _measure_of_people(at: _At) -> Scope | None:
    """A people's adjective or a country just around the measure's own words ("Japanese FDI
    reached $2 billion", "Vốn FDI của Nhật Bản đạt 2 tỷ USD", "Kinas investeringer")."""
    if not at.measure_text or at.measure not in _PEOPLES_MEASURES:
        return None
    where = at.sentence.lower().rfind(at.measure_text.lower(), at.lo, at.start)
    if where < 0:
        return None
    before = re.search(r"([\w-]+(?:\s[\w-]+)?)\s+$", at.sentence[at.lo : where])
    for words in [before.group(1), before.group(1).split()[-1]] if before else []:
        code = demonym(words)
        if code and code != _table().get("home_country"):
            return Scope(words, "territory", code)
    end = where + len(at.measure_text)
    for ms, me, name in _territory_matches(at.sentence):
        if (
            ms >= end
            and word_pattern("of_country").fullmatch(at.sentence, end, ms)
            and me <= at.start
        ):
            code = territories()[name]
            if code != _table().get("home_country"):
                return Scope(name, "territory", code)
        if me <= where and re.fullmatch(r"s?\s+", at.sentence[me:where]) and at.lo <= ms:
            code = territories()[name]  # "Kinas investeringer"
            if code != _table().get("home_country") and at.sentence[me : me + 1] == "s":
                return Scope(name, "territory", code)
    return None


def _company(at: _At) -> Scope | None:
    """A company named as the subject of the figure's clause ("Lotus Industrial Development is
    building a $150 million industrial park", "Norske Nordvik Aqua har 85 ansatte", "Công ty
    TNHH Sunwoo Vina ... có tổng vốn đầu tư 320 triệu USD"): its figure, for the measures of
    one firm."""
    if at.measure not in COMPANY_MEASURES and at.measure != OTHER_MONEY:
        return None
    masked = _masked(at.sentence, at.others)
    for p in _patterns("scope.company", at.lang, 0):
        for m in p.finditer(masked, at.lo, at.start):
            at_lead = m.start() - at.lo <= at.lead + 1
            if not (at_lead or m.groupdict().get("marked")):
                continue
            name = m.group("name").strip()
            if word_pattern("said_after").match(masked, m.end()) or word_pattern(
                "subject_total"
            ).search(at.sentence, m.end(), at.start):
                continue  # "Nguyen Van Thang said ...", "..., raising the province's total to"
            if (
                at.measure == OTHER_MONEY
                and not word_pattern("invest_verb").search(masked, m.end(), at.start)
                and not word_pattern("firm_business").search(masked, m.end(), at.start)
            ):
                continue  # "Marcus Coleman paid $1,000": money a firm invests, not anyone's
            if not _no_company(at, masked, m, name):
                passed = [e for b, e in at.others if m.end() <= b and e <= at.start]
                listed = _named_since(at, masked, max(passed)) if passed else None
                if listed is not None:  # "A led with X, followed by B with Y and C with Z"
                    return listed
                name = word_pattern("company_descriptor").sub("", name, count=1) or name
                return Scope(name, "project", fold(name))
    return None


def _named_since(at: _At, masked: str, lo: int) -> Scope | None:
    """The last name of a firm or a facility written between ``lo`` (the end of the figure
    before) and the figure ("…, followed by Bac Tien Phong Industrial Park with 410 million
    USD"): the figure's own, not the clause's first name's."""
    found = None
    patterns = [
        *_patterns("scope.company", at.lang, 0),
        *_patterns("scope.facility", at.lang),
        _CAPITALISED,  # "Mong Cai Border Gate Economic Zone"
    ]
    for m in (m for p in patterns for m in p.finditer(masked, lo, at.start)):
        text = m.groupdict().get("name") or m.group(0)
        first = re.search(r"(?-i:[A-ZĐÆØÅ])", text)  # from its first capital
        if first is None:
            continue
        text = text[first.start() :].strip(" ,")
        start = m.start() + max(m.group(0).find(text), 0)
        listed = _LIST_BEFORE.fullmatch(at.sentence, lo, start) and _LIST_AFTER.fullmatch(
            at.sentence, start + len(text), at.start
        )  # "…, followed by B with", "… and C for": an item of a list, its own name
        key = (start + len(text), -start)  # the nearest to the figure, the longest
        if listed and len(text.split()) >= 2 and (found is None or key > found[0]):
            found = (key, text)
    return Scope(found[1], "project", fold(found[1])) if found else None


_CAPITALISED = re.compile(r"[A-ZĐÆØÅ][\w-]*(?:\s+[A-ZĐÆØÅ][\w-]*){1,7}")
_LIST_BEFORE = re.compile(
    r"[^.;]{0,24}?\b(?:followed by|then|and|while|và|tiếp theo là|sau đó là|og|mens|fulgt av)"
    r"\s+(?:by\s+)?(?:the\s+)?",
    re.IGNORECASE,
)
_LIST_AFTER = re.compile(
    r"\s*(?:with|for|at|on|:|–|—|-|,|với|là|med|på)?\s*(?:about|around|nearly|over|some|"
    r"khoảng|gần|hơn|trên|rundt|nesten|over)?\s*",
    re.IGNORECASE,
)


def _no_company(at: _At, masked: str, m: re.Match, name: str) -> bool:
    """Whether a name a company's pattern found is no company: a title, a month or an adverb
    first, a measure's acronym, a facility's name ("Song Khoai industrial park"), a place, a
    territory or the subject's own words."""
    first = name.split()[0].split("-")[0]
    facility = [
        f.end()
        for p_ in _patterns("scope.facility", at.lang)
        if (f := p_.match(masked, m.start(), at.start))
    ]
    return bool(
        word_pattern("not_company").fullmatch(first)
        or any(word_pattern("not_company_word").match(w) for w in name.split())
        or any(e > m.end() for e in facility)
        or _places().match(_fold_in_place(name))
        or name in territories()
        or _any(_patterns("subject", at.lang), name)
    )


# Measures of one firm: what a company named as a clause's subject owns.
COMPANY_MEASURES = {
    "total_investment", "jobs", "capacity", "area", "fdi", "registered_capital", "investment",
    "people", "exports", "revenue", "projects", "other",
}  # fmt: skip


def _workers_of(at: _At) -> Scope | None:
    """Workers or people of one country's firms ("Các doanh nghiệp Hàn Quốc ... sử dụng
    19.000 lao động", "Japanese firms employ 8,000 people")."""
    if at.measure not in ("jobs", "people"):
        return None
    group = _demonym_group(at.sentence, at.lang, at.start, at.end, at.lo, at.hi)
    for ms, me, name in _territory_matches(at.sentence) if group is None else ():
        head = word_pattern("group_noun_before").search(at.sentence, max(at.lo, ms - 20), ms)
        if head and at.lo <= ms and me <= at.start:
            group = Scope(at.sentence[head.start() : me], "territory", territories()[name])
    return group


def _from_territory_after(at: _At) -> Scope | None:
    """A share from a country or countries named just after it ("44 prosent fra Kina og
    Hongkong samlet", "19% from Singapore")."""
    m = word_pattern("from_after").match(at.sentence, at.end, at.hi)
    if m is None:
        return None
    names = [t for t in _territory_matches(at.sentence) if t[0] >= m.end()]
    if not names or names[0][0] != m.end():
        return None
    last = names[0]
    for nxt in names[1:]:  # "Kina og Hongkong": the countries together
        if not _JOINER.fullmatch(at.sentence, last[1], nxt[0]):
            break
        last = nxt
    text = at.sentence[names[0][0] : last[1]]
    code = territories()[names[0][2]] if last is names[0] else fold(text)
    return Scope(text, "territory", code)


def _people_abroad(at: _At) -> Scope | None:
    """People or jobs counted in another country ("15,000 Vietnamese people working in
    Japan"): that country's, a place, not the subject's."""
    if at.measure not in ("people", "jobs"):
        return None
    for ms, _, name in _territory_matches(at.sentence):
        gap = at.sentence[at.end : ms]
        if (
            at.end <= ms < at.hi
            and len(gap.split()) <= 4
            and word_pattern("in_place").search(at.sentence, at.start, ms)
        ):
            code = territories()[name]
            if code != _table().get("home_country"):
                return Scope(name, "place", code)
    return None


def _one_project(at: _At) -> Scope | None:
    """A project's investment, capacity or area: that project's ("a 1,200 MW power plant");
    the projects the subject licensed: its whole."""
    if at.measure == "total_investment" or (
        at.measure in (OTHER_MONEY, "capacity", "area")
        and _project_next(at.sentence, at.lang, at.end, at.hi)
    ):
        found = _project_scope(at.sentence, at.lang, at.start, at.end, at.lo, at.hi, at.others)
        if (found is None or found.key == "project") and _licensed(at.sentence, at.lang, at.lo):
            owner = _place_before(at.sentence, at.lang, at.start, at.lo, at.lead)
            return owner if isinstance(owner, Scope) else _WHOLE  # "TP Hạ Long thu hút 19 dự
            # án ... với tổng vốn 24.600 tỷ đồng": the projects of the town that licensed them
        if found is not None and found.key == "project" and _many_projects(at):
            return None  # no project named, and many said ("Fourteen proposals with a
            # combined capital of $2.3 billion"): for the other rules, not one project's
        return found
    return None


def _many_projects(at: _At) -> bool:
    """Whether the figure's clause counts something before it ("Fourteen proposals with a
    combined capital of", "11 nhà đầu tư ..., tổng vốn dự kiến"): capital of many, not of one
    project."""
    return any(at.lo <= a < at.start for a, _ in at.others)


def _project_before(at: _At) -> Scope | None:
    """A project's word just before its amount or capacity ("et datasenter til 120 millioner
    dollar", "en havvindpark på 800 MW", "a plant worth $50 million"): that project's."""
    if at.measure not in ("other money", "investment", "total_investment", "capacity", "area"):
        return None
    link = word_pattern("project_amount").search(at.sentence, at.lo, at.start)
    if link is None:
        return None
    for p in _patterns("scope.project", at.lang):
        m = next(reversed(list(p.finditer(at.sentence, at.lo, link.start()))), None)
        one = m is not None and re.search(
            r"(?i)\b(?:a|an|the|its|et|en|ei|den|det|một)\s+(?:[\w-]+\s+){0,3}$",
            at.sentence[max(at.lo, m.start() - 40) : m.start()],
        )  # "et datasenter", "a $50 million plant": one project, not the province's many
        if m is not None and m.end() == link.start() and one:
            text = m.group(0).strip()
            return Scope(text, "project", fold(text))
    return None


def _sector_or_kind(at: _At) -> Scope | None:
    """A sector that narrows the measure ("Seafood exports"), else a kind of what is counted
    ("international arrivals")."""
    found = None
    if not _own_indicator(at):
        found = _sector_scope(at.sentence, at.lang, at.start, at.end, at.lo, at.measure_text)
        named = at.sentence.find(found.text, at.lo, at.start) if found else -1
        if found and named >= 0 and _hands_on(at, named + len(found.text)):
            return None  # "Real estate and tourism helped the province attract $700 million"
    if found is None and at.measure not in FDI_FIELD:
        found = _kind_scope(at.sentence, at.lang, at.start, at.end, at.lo, at.hi)
        country = _countries_before(at.sentence, at.lang, at.start, at.lo, at.lead)
        if found is not None and country:  # "Vietnam as a whole welcomed 15.4 million
            return country[0][1]  # international arrivals": the country's, a kind of its
    return found


def _own_indicator(at: _At) -> bool:
    """Whether the figure is of a province-wide indicator whose name holds a sector's word:
    the tourism sector's own measures, or the growth of one ("ngành du lịch đón 10,2 triệu lượt
    khách, tăng 9%", "the index of industrial production rose 10.8%")."""
    if at.measure in ("visitors", "tourism_revenue"):
        return True
    if at.measure not in ("growth", "revenue", "share", "plan_progress", "other"):
        return False
    # after "of which" the index is the whole's ("IIP ... tăng 9,12%, trong đó ngành khai
    # khoáng tăng 3,4%"): only the part's own clause counts
    near = at.lo if at.part else min(at.lo, max(0, at.start - 80))
    if any(  # "..., with processing and manufacturing up 19.2% and mining down 1.5%"
        word_pattern("sector_moved").fullmatch(at.sentence, m.end(), at.start)
        and not word_pattern("own_indicator").search(at.sentence, max(0, m.start() - 30), m.end())
        and not word_pattern("production_whole").match(m.group(0))
        for p in _patterns("scope.sector", at.lang)
        for m in p.finditer(at.sentence, near, at.start)
    ):
        return False
    return bool(word_pattern("own_indicator").search(at.sentence, near, at.start))


def _in_sector_after(at: _At) -> Scope | None:
    """Counts said after to be in a sector ("19 of the 27 newly licensed projects were in
    processing and manufacturing", "Ni av ti nye prosjekter er innen høyteknologi")."""
    m = word_pattern("are_in").search(at.sentence, at.end, at.hi)
    if m is None or len(at.sentence[at.end : m.start()].split()) > 10:
        return None
    return _sector_from(at, m)


def _in_sector_just_after(at: _At) -> Scope | None:
    """A sector named just after a figure with "in" ("12,000 people work | in seafood
    processing", "95 millioner dollar i fornybar energi i provinsen"), when no owner was named
    before it."""
    m = word_pattern("in_just_after").match(at.sentence, at.end, at.hi)
    return _sector_from(at, m) if m else None


def _sector_from(at: _At, m: re.Match) -> Scope | None:
    if word_pattern("of_the_total").search(at.sentence, at.lo, at.start):
        return None  # "Two thirds of the 30 projects were in manufacturing": the total's whole
    for p in _patterns("scope.sector", at.lang):
        found = p.match(at.sentence, m.end(), at.hi)
        if found:
            rest = re.match(
                r"[^,.;]*?(?=\s+(?:in|i|tại|ở)\s+(?:the\s+)?(?:province|provinsen|tỉnh)\b|[,.;]|$)",
                at.sentence[found.start() : at.hi],
            )
            text = (rest.group(0) if rest else found.group(0)).strip()
            return Scope(text, "sector", fold(text))
    return None


def _share_owner(at: _At) -> Scope | None:
    """A share whose owner begins its clause ("Reker sto for 61 prosent av
    sjømateksporten", "Processing and manufacturing accounted for 67% of the total"): the
    owner's, or the subject's whole when the owner is the subject's own words."""
    if str(at.measure) not in ("share", "other"):
        return None
    first = at.lo + at.lead if at.lo + at.lead < at.start else at.lo  # no lead-in past the
    for m in word_pattern("share_verb").finditer(at.sentence, first, at.start):  # figure
        owner = at.sentence[first : m.start()].strip(" ,")
        owner = word_pattern("of_which_split").split(owner)[-1]  # "...; trong đó vốn ngoài
        # nhà nước chiếm 55%": the part after the clause's "of which"
        last = word_pattern("clause_joint").split(owner)[-1].strip()  # "..., while state-owned
        # coal and power companies contributed 16%", "..., og selskaper med ... sto for"
        if not word_pattern("left_out_subject").fullmatch(last):  # not "..., and accounted
            owner = word_pattern("owner_with").sub("", last)  # for 52%", "..., som utgjør"
        between = at.sentence[m.end() : at.start]
        if len(between.split()) > 4 or not owner or len(owner.split()) > 7:
            return None
        if _any(_patterns("subject", at.lang), owner) or _places().fullmatch(fold(owner)):
            return None  # the subject's own share, or a place's, for the place rules
        owner = re.sub(word_pattern("so_lead").pattern, "", owner).strip()
        if _any(_patterns("subject", at.lang), owner) or _places().fullmatch(fold(owner)):
            return None  # "như vậy Quảng Ninh chiếm khoảng 6,1%"
        if (
            word_pattern("no_owner").match(owner)
            or re.search(r"\d", owner)
            or word_pattern("measure_only_owner").match(owner)
        ):
            return None  # "trong đó vốn FDI chiếm 31%": another measure, not a part
        text = re.sub(r"^(?:the|den|det)\s+", "", owner, flags=re.IGNORECASE)
        return Scope(text, "part", fold(text))
    return None


def _owner_inverted(at: _At) -> Scope | None:
    """Norwegian puts the verb before a share's or a leader's owner ("Av dette står sjømat
    for bare 2 prosent", "..., eiendom for 14 prosent", "I januar–april ledet Sør-Korea med
    210 millioner dollar"): that owner's, unless it is the subject's own words."""
    if _code(at.lang) != "no":
        return None
    m = word_pattern("owner_inverted").search(at.sentence, at.lo, at.start)
    if m is None:
        return None
    owner = next(g for g in m.groups() if g)
    owner = re.sub(r"^(?:den|det|de)\s+", "", owner.strip(), flags=re.IGNORECASE)
    if not owner or _any(_patterns("subject", at.lang), owner):
        return None
    if _places().fullmatch(fold(owner)):
        return Scope(owner, "province", fold(owner))  # "og Mong Cai for 25 prosent"
    code = territories().get(owner)
    if code:
        return Scope(owner, "territory", code)
    sector = any(p.fullmatch(owner) for p in _patterns("scope.sector", at.lang))
    name = owner[:1].isupper() and len(owner.split()) <= 3 and " " not in owner.strip("()")
    if word_pattern("no_owner").match(owner) or not (sector or name):
        return None  # "og Quang Ninh sto dermed for", "... i dag for"
    return Scope(owner, "part", fold(owner))


def _places_together(at: _At) -> Scope | None:
    """Two or more places named together as the clause's subject ("Hai Phong and Quang Ninh
    together drew 31%", "Uông Bí và Đông Triều đang kêu gọi"): theirs, not one's."""
    folded = _fold_in_place(at.sentence)
    m = _places().match(folded, at.lo + at.lead)
    if m is None or not at.sentence[m.start() : m.start() + 1].isupper():
        return None
    end = m.end()
    while True:
        joined = re.match(r"\s*(?:,|and\b|và\b|og\b)\s*", at.sentence[end:])
        nxt = _places().match(folded, end + joined.end()) if joined else None
        if nxt is None:
            break
        end = nxt.end()
    if end == m.end() or end > at.start:
        return None
    text = at.sentence[m.start() : end]
    return Scope(text, "place", fold(text))


def _went_to(at: _At) -> Scope | None:
    """Money that went to a sector or to the industrial parks ("$1.3 billion went to the
    province's industrial parks", "gikk 1,48 milliarder dollar til bearbeidende industri")."""
    m = word_pattern("went_to").match(at.sentence, at.end, at.hi)
    if m is None:
        return None
    for p in (*_patterns("scope.sector", at.lang), word_pattern("parks")):
        found = p.match(at.sentence, m.end(), at.hi)
        if found:
            text = found.group(0).strip()
            return Scope(text, "sector", fold(text))
    for ms, _end, name in _territory_matches(at.sentence):  # "Av dette gikk 41 millioner
        if ms == m.end() and at.measure in ("exports", "trade", OTHER_MONEY, "other"):  # dollar
            return Scope(name, "territory", territories()[name])  # til Japan"
    return None


def _into_parks_before(at: _At) -> Scope | None:
    """Investment said to go into the parks or zones before its figure ("tổng vốn FDI vào các
    KCN và KKT của tỉnh đạt 10,4 tỷ USD", "FDI into the province's industrial parks reached"):
    theirs."""
    for m in word_pattern("into_parks").finditer(at.sentence, at.lo, at.start):
        text = m.group("what").strip()
        return Scope(text, "part", fold(text))
    return None


def _into_country(at: _At) -> Scope | None:
    """Money into the country as a whole, said in the figure's clause before it or just after
    it ("Foreign investors poured US$28.54 billion into Vietnam", "Utenlandske
    direkteinvesteringer til Vietnam som helhet steg til 38,4 milliarder dollar")."""
    if at.measure in ("share", "plan_progress"):
        return None
    m = word_pattern("into_country").search(at.sentence, at.lo, at.start)
    after = word_pattern("into_country").match(at.sentence, at.end + 1, at.hi)
    found = after or m
    if found is None:
        return None
    return Scope(found.group("what"), "place", fold(found.group("what")))


def _led_by(at: _At) -> Scope | None:
    """A part said to lead a total before its own figure ("the index rose 10.8 percent, led by
    electricity generation, up 14 percent", "dẫn đầu là ..., tăng 14%"): that part's."""
    m = word_pattern("led_by").search(at.sentence, max(0, at.start - 80), at.start)
    if m is None:
        return None
    text = m.group("what").strip()
    return Scope(text, "part", fold(text))


def _with_part(at: _At) -> Scope | None:
    """A part named after "with" just before its own figure, after a total ("Export turnover
    reached US$2.41 billion, with coal bringing in US$620 million", "..., with development
    investment taking VND 7.3 trillion of it"): that part's, unless it is the subject."""
    m = word_pattern("with_part").search(at.sentence, max(at.lo, at.start - 80), at.start)
    if m is None or m.end() != at.start:
        return None
    text = m.group("what").strip()
    if _any(_patterns("subject", at.lang), text) or word_pattern("not_with_part").search(text):
        return None  # "with total proposed capital estimated at": the total's own words
    place = _places().fullmatch(fold(text))
    return Scope(text, "province" if place else "part", fold(text))


def _group(at: _At) -> Scope | None:
    """A group of enterprises or a sector as the clause's subject, or after "to", "from"
    (and "for", of jobs): "The foreign-invested sector has contributed ..."."""
    if _own_indicator(at) and at.measure not in ("visitors", "tourism_revenue"):
        return None  # "Ngành du lịch đón 10,2 triệu lượt khách, tăng 9%"
    for p in _patterns("scope.group", at.lang):
        for m in p.finditer(at.clause):
            if _group_owns(at, m):
                text = m.group(0).strip()
                text = text[0].lower() + text[1:] if re.match(r"(?:The|Den) ", text) else text
                return Scope(text, "group", fold(text))
    return None


def _group_owns(at: _At, m: re.Match) -> bool:
    """Whether a group named in a figure's clause (``m``, on the clause) owns the figure."""
    s, lo, start, end = at.sentence, at.lo, at.start, at.end
    where = lo + m.start()
    before_figure = m.end() + lo <= start
    after_from = where >= end and bool(
        _TO_PLACE.search(s[max(lo, where - 8) : where])
        or (
            at.measure in ("jobs", "people")
            and word_pattern("for_group").search(s[max(lo, where - 30) : where])
        )
    )  # "90,000 people work for the province's 252 FDI enterprises"
    if after_from and word_pattern("another_part_after").search(s, end, where):
        after_from = False  # "exports rose 5.8% to $620 million, with electronics from
        # foreign-invested firms making up 71%": another figure's part
    if not (before_figure or after_from):
        return False
    if before_figure and word_pattern("subject_owns_next").search(s, m.end() + lo, start):
        return False  # "... the FDI sector ..., 68% of the province's total exports of"
    if word_pattern("mainly").search(s, max(lo, where - 25), where):
        return False  # "Vốn FDI, chủ yếu vào ngành chế biến": where the whole went
    if (
        not after_from
        and at.measure not in ("jobs", "people")
        and any(o[0] < m.end() + lo and m.start() + lo < o[1] for o in at.others)
    ):
        return False  # the words another figure counts ("200 foreign-invested businesses");
        # the workers of those counted are theirs ("215 FDI enterprises employ 68,000")
    if _FOREIGN.search(m.group(0)) and at.measure in FDI_FIELD:
        return False  # "Foreign investors registered 12 projects": the field itself
    # "Ngành du lịch ... doanh thu": the tourism sector's own measure
    return not (
        at.measure in ("visitors", "tourism_revenue") and word_pattern("tourism").search(m.group(0))
    )


def _facility_at_lead(p: re.Pattern, masked: str, at: _At, stop: int) -> re.Match | None:
    """A facility at the clause's own start, or after a Norwegian verb in second place ("I
    juli håndterte Cai Lan-havnen 3,4 millioner tonn")."""
    own = p.match(masked, at.lead, stop) if at.lead < stop else None
    v2 = word_pattern("v2_before_facility").match(masked, 0, stop) if own is None else None
    return p.match(masked, v2.end(), stop) if v2 and at.lang == "no" else own


def _facility_near_lead(p: re.Pattern, masked: str, at: _At, stop: int) -> re.Match | None:
    """The first facility that starts within a few characters of the clause's own words, not
    one joined to what comes after "of which" ("of which $1.5 billion went to the X Zone, and
    disbursed FDI came to"). Matches come in order of their start: the search stops at the
    first past the lead, as none after it can be (the clause's rest is not scanned)."""
    for m in p.finditer(masked, 0, stop):
        if m.start() > at.lead + 4:
            return None
        if not (at.part and word_pattern("joint_after_facility").search(masked, m.end(), stop)):
            return m
    return None


def _facility_first(at: _At) -> Scope | None:
    """A facility at the clause's start ("Van Don airport handled 1.2m passengers", "The
    $2bn Song Khoai industrial park will create 25,000 jobs")."""
    masked = _masked(at.sentence, at.others)[at.lo : at.hi]
    lead_in = masked[: at.lead]
    named = word_pattern("subject_noun").search(lead_in)
    if named and len(lead_in[: named.start()].split()) <= 2:
        return None  # "The northern province, home to Ha Long Bay, welcomed": the province
    if at.lead and word_pattern("source_lead").match(lead_in):
        masked = masked[:0] + " " * at.lead + masked[at.lead :]  # "Theo Ban Quản lý ..., "
    stop = max(0, at.start - at.lo)
    before, before_folded = masked[:stop], folded(masked[:stop])
    for p in _patterns("scope.facility", at.lang):
        if not could_match(literals(p), before, before_folded):
            continue  # none of the words every facility has before the figure: none there
            # (the same answer; the patterns, up to six words before a facility's word, cost)
        own = _facility_at_lead(p, masked, at, stop)
        m = own or _facility_near_lead(p, masked, at, stop)  # before a lead-in's ("Located in
        # X Zone, the complex")
        if m and (
            word_pattern("agency_head").match(m.group(0).strip())
            or word_pattern("source_lead").match(m.group(0))
        ):
            continue  # "Styret for industriparkene regner med", "Ifølge styret for": a source
        if m and _hands_on(at, at.lo + m.end()):
            return None  # "The company said the province attracted $2.1 billion"
        if m and not _any(_patterns("subject", at.lang), m.group(0)):
            passed = [e for b, e in at.others if at.lo + m.end() <= b and e <= at.start]
            listed = (
                _named_since(at, _masked(at.sentence, at.others), max(passed)) if passed else None
            )
            if listed is not None:  # "A accounts for X and Mong Cai Border Gate Economic
                return listed  # Zone for Y": Y is Mong Cai's
            text = _name_only(at.clause[m.start() : m.end()].strip(), at.lang)
            return Scope(text, "project", fold(text))  # not "Provinsen utvidet havnen"
    return None


def _hands_on(at: _At, after: int) -> bool:
    """Whether a name at a clause's start hands the figure on to another owner before it: a
    reporting or causing verb followed by the subject's words or a place ("The company said
    the province attracted", "Dự án này góp phần đưa tổng vốn FDI của tỉnh lên", "Utvidelsen
    gjør at Quang Ninh nå har")."""
    verb = word_pattern("hands_on").search(at.sentence, after, at.start)
    if verb is None:
        return False
    if _names_subject(at.sentence, at.lang, verb.end(), at.start):
        return True
    for m in _places().finditer(_fold_in_place(at.sentence), verb.end(), at.start):
        own = re.search(r"(?i)\b(?:its|their|sin|sitt|sine|của nó)\s+$", at.sentence[: m.start()])
        if not own and not re.match(r"\s+(?:[A-Z]|I{1,3}\b|\d)", at.sentence[m.end() :]):
            return True  # not "its Quang Ninh II park": a name of its own
    return False


def _facility_of(at: _At) -> Scope | None:
    """A park, zone or plant named as whose the measure is, before the figure ("tỷ lệ lấp đầy
    của Khu công nghiệp Đông Mai đạt 68%", "the occupancy rate of Dong Mai park reached")."""
    for of in word_pattern("of_owner").finditer(at.sentence, at.lo, at.start):
        for p in _patterns("scope.facility", at.lang):
            m = p.match(at.sentence, of.end(), at.start)
            if (
                m
                and not _any(_patterns("subject", at.lang), m.group(0))
                and not re.search(r"\d", m.group(0))  # "Of the 19 industrial parks, 13 ..."
            ):
                text = _name_only(m.group(0).strip(), at.lang)
                return Scope(text, "project", fold(text))
    return None


def _subject_with_verb_left_out(at: _At) -> Scope | None:
    """The subject's own words just before a figure, its verb left out ("..., and the province
    $3 billion in total"): the subject's whole."""
    for p in _patterns("subject", at.lang):
        for m in p.finditer(at.sentence, at.lo, at.start):
            if word_pattern("place_then_figure").fullmatch(at.sentence, m.end(), at.start) and (
                re.search(r"(?:,|\band|\bog|\bvà)\s*(?:the\s+)?$", at.sentence[at.lo : m.start()])
            ):
                return _WHOLE
    return None


def _genitive_part(at: _At) -> Scope | None:
    """A part named after a place's genitive ("Quang Ninh's industrial parks attracted $1.3
    billion"): the part's, not the place's, nor the province's whole."""
    folded = _fold_in_place(at.sentence)
    owners = list(_places().finditer(folded, at.lo, at.start))
    owners += list(word_pattern("subject_genitive").finditer(at.sentence, at.lo, at.start))
    for m in owners:  # "Quang Ninh's industrial parks", "the province's industrial parks"
        part = word_pattern("part_after_genitive").match(at.sentence, m.end())
        if (
            part
            and part.end() <= at.start
            and not re.search(r"\d", part.group(0))  # "the province's 11 industrial parks"
            and not _subject_owns_between(at.sentence, at.lang, part.end(), at.start)
            and not word_pattern("subject_total").search(at.sentence, part.end(), at.start)
        ):  # not "..., and the province $3 billion in total", "of the provincial total of"
            text = at.sentence[m.end() : part.end()].lstrip("'’s").strip()
            return Scope(text, "part", fold(text))
    return None


def _firm_genitive(at: _At) -> Scope | None:
    """A firm named in the genitive in the figure's clause, before it ("Nordic Aqua Van Don's
    $22 million hatchery ... employs 140 local workers"): the firm's, for the measures of one
    firm. Places, countries and the subject's own words are for other rules."""
    if at.measure not in COMPANY_MEASURES - {"other", "people"}:  # "Falcao's four goals"
        return None
    for m in word_pattern("firm_genitive").finditer(at.sentence, at.lo, at.start):
        name = m.group("name")
        first = name.split()[0]
        if (
            word_pattern("not_company").fullmatch(first)
            or _places().match(_fold_in_place(name))
            or name in territories()
            or _any(_patterns("subject", at.lang), name)
            or word_pattern("said_after").match(at.sentence, m.end())
        ):
            continue
        return Scope(name, "project", fold(name))
    return None


def _named_project(at: _At) -> Scope | None:
    """A project named at the clause's start ("Dự án điện gió ngoài khơi Cô Tô được điều chỉnh
    tăng vốn thêm 250 triệu USD"): the words after "dự án" up to the end of its name."""
    m = word_pattern("project_word").match(at.sentence, at.lo + at.lead)
    if m is None:
        return None
    words = at.sentence[m.end() : at.start].split()
    for k, w in enumerate(words[:8]):
        if w[:1].isupper() and not word_pattern("not_company_word").fullmatch(w.strip(",.")):
            name = words[: k + 1]
            for w2 in words[k + 1 : k + 4]:
                if not w2[:1].isupper():
                    break
                name.append(w2)
            text = " ".join(name).strip(",.")
            return Scope(text, "project", fold(text))
    return None


def _place_first(at: _At) -> Scope | None:
    """The nearest place before the figure in its clause; the subject's own words make it
    the whole."""
    found = _place_before(at.sentence, at.lang, at.start, at.lo, at.lead)
    if found is None:
        return None
    return found or _WHOLE


def _place_in_after(at: _At) -> Scope | None:
    """A province or city named just after a figure with "in" ("mot 1,76 milliarder dollar i
    Quang Ninh", "against more than 85% in Bac Ninh"): that place's, or the subject's whole."""
    m = word_pattern("in_after").match(at.sentence, at.end, at.hi)
    if m is None and (at.origin or at.measure in ("area", "capacity")):  # a few words on:
        # "Nine projects are awaiting investment licences at Hai Ha"; not where people met
        m = word_pattern("in_later").match(at.sentence, at.end, at.hi)
    if m is None:
        return None
    if any(p.match(at.sentence, m.end()) for p in _patterns("subject", at.lang)):
        return _WHOLE  # "mot 1,76 milliarder dollar i provinsen"
    place = _places().match(_fold_in_place(at.sentence), m.end())
    if place is None or not at.sentence[place.start() : place.start() + 1].isupper():
        return None
    if re.match(r"[\w-]", at.sentence[place.end() : place.end() + 1]):
        return None
    text = at.sentence[place.start() : place.end()]
    return Scope(text, "province", fold(text))


def _demonym_after(at: _At) -> Scope | None:
    """A count said after to be of one people's ("Kun tre av de 212 prosjektene er norske")."""
    m = word_pattern("is_of_people").match(at.sentence, at.end, at.hi)
    code = demonym(m.group("who")) if m else None
    return Scope(m.group("who"), "territory", code) if m and code else None


def _place_just_after(at: _At) -> Scope | None:
    """The country as a whole named just after the figure ("the US$38.4 billion registered
    nationwide"), whatever its clause named before."""
    against = word_pattern("set_against").search(at.sentence, max(at.lo, at.start - 30), at.start)
    if at.measure in ("share", "plan_progress") and not against:
        return None  # "vốn FDI của tỉnh chiếm 6,1% cả nước": the share's whole, not its owner
    found = _place_after(at.sentence, at.lang, at.end, at.hi)
    if found is None and (
        at.measure not in ("share", "plan_progress")
        or word_pattern("set_against").search(at.sentence, max(at.lo, at.start - 30), at.start)
    ):
        m = word_pattern("country_owner_after").match(at.sentence, at.end)
        if m:
            text = m.group(0).split(None, 1)[1]
            found = Scope(text, "place", fold(text))
    return found


def _place_or_facility_after(at: _At) -> Scope | None:
    """ "US$20 billion nationwide", "6,000 workers at the plant"."""
    return _place_after(at.sentence, at.lang, at.end, at.hi) or _facility_after(
        at.sentence, at.lang, at.end, at.hi
    )


def _narrowed(at: _At) -> Scope | None:
    """A count narrowed by its own words ("12 Japanese investment projects")."""
    if not (at.narrowing and at.origin):
        return None
    code = next((demonym(w) for w in [at.narrowing, *at.narrowing.split()] if demonym(w)), None)
    if code:
        return Scope(at.narrowing, "territory", code)
    if not set(fold(at.narrowing).split()) <= set(_table()["not_narrowing"]["words"]):
        return Scope(at.narrowing, "part", fold(at.narrowing))
    return None


def _project_kind(at: _At) -> Scope | None:
    """A count of projects of one kind ("ba dự án điện gió ngoài khơi", "six are renewable
    energy projects", "tre vindkraftprosjekter"): those, a part."""
    if at.measure != "projects":
        return None
    for p in _patterns("scope.project_kind", at.lang):
        m = p.match(at.sentence, at.start, at.hi)
        if m:
            text = m.group("what").strip()
            return Scope(text, "part", fold(text))
    return None


def _measure_part(at: _At) -> Scope | None:
    """Words of the measure that name a part of it ("import-export duties" of budget revenue,
    "thu nội địa"): that part."""
    text = at.measure_text.strip()
    if at.sentence.find(text, at.lo, at.start) < 0:
        return None  # the words of a part said after a total ("..., trong đó thu nội địa")
    if text and any(p.fullmatch(text) for p in _patterns("scope.measure_part", at.lang)):
        return Scope(text, "part", fold(text))
    return None


def _sector_after_measure(at: _At) -> Scope | None:
    """A sector named just after the measure's words ("Xuất khẩu thủy sản của tỉnh đạt 412
    triệu USD", "exports of seafood reached"): that sector's."""
    text = at.measure_text.strip()
    where = at.sentence.find(text, at.lo, at.start) if text else -1
    if where < 0:
        return None
    after = re.match(r"\s+(?:of\s+|av\s+|hàng\s+|mặt hàng\s+)?", at.sentence[where + len(text) :])
    if after is None:
        return None
    begin = where + len(text) + after.end()
    for p in _patterns("scope.sector", at.lang):
        found = p.match(at.sentence, begin, at.start)
        if found:
            return Scope(found.group(0), "sector", fold(found.group(0)))
    return None


def _lead_in_place(at: _At) -> Scope | None:
    """A place said where a clause of the sentence begins, the nearest before the figure ("In
    Hai Phong, by contrast, FDI ... reached US$2.1 billion", "I Bac Ninh ble det registrert
    ... 1,2 milliarder dollar, og i Hai Phong for 610 millioner dollar"): that place's (the
    subject's whole when it is the subject)."""
    folded = _fold_in_place(at.sentence)
    found: list[tuple[int, Scope]] = []
    for m in _places().finditer(folded, 0, at.start):
        if at.sentence[m.start() : m.start() + 1].isupper():
            text = at.sentence[m.start() : m.end()]
            found.append((m.start(), Scope(text, "province", fold(text))))
    for m in word_pattern("country_place").finditer(at.sentence, 0, at.start):
        name = m.group("name") or m.group(0)
        found.append((m.start(), Scope(name, "place", fold(name))))
    for p in _patterns("scope.sector", at.lang):  # "I energisektoren registrerte provinsen"
        for m in p.finditer(at.sentence, 0, min(at.start, 40)):
            found.append((m.start(), Scope(m.group(0), "sector", fold(m.group(0)))))
    for start, scope in sorted(found, key=lambda f: -f[0]):
        if not word_pattern("locative_lead").search(at.sentence[:start]):
            continue
        if scope.kind != "sector" and _subject_owns_between(at.sentence, at.lang, start, at.start):
            return None  # "In Hai Phong and the province, ..."; the province's sector is a part
        return scope
    return None


def _of_which(at: _At) -> Scope | None:
    """A part after "of which", named by the words before it ("of which international
    arrivals 3.2 million"), or after it ("hvorav 82 000 tonn fra oppdrett")."""
    if not at.part:
        return None
    words = at.sentence[at.lo : at.start].strip(" ,:")
    after = word_pattern("part_after").match(at.sentence, at.end, at.hi)
    bare = not re.sub(
        r"(?i)\b(?:có|hơn|over|about|nearly|some|gần|khoảng|nesten|om lag|var|er|là|was|were|"
        r"is|are|ble|og|and|gikk|kom|went|came)\b",
        "",
        words,
    ).strip()
    if bare and after:
        text = after.group("what").strip()  # "trong đó hơn 60% là lao động nữ"
        if _any(_patterns("status.adjusted.before", at.lang), text):
            return None  # "hvorav 380 millioner dollar er tilleggskapital": a state, not a part
        return Scope(text, "part", fold(text))
    if bare:
        return None  # "av dette var 1,3 milliarder dollar tilleggskapital"
    if not at.is_part or _any(_patterns("status.adjusted.before", at.lang), words):
        return None  # "trong đó vốn điều chỉnh tăng là 603 triệu USD": a state, not a part
    if at.measure_text and at.measure_text.lower() in words.lower():
        return None  # "trong đó vốn FDI đạt 3,05 tỷ USD": another measure, not a part
    if (
        words
        and not _any(_patterns("subject", at.lang), words)
        and len(words.split()) <= 5
        and not re.search(r"\d", words)
    ):
        return Scope(words, "part", fold(words))
    return None


def _through_place(at: _At) -> Scope | None:
    """Where nothing else named an owner: a measure said of what passes through or happens at
    a named place before the figure ("Container throughput at Cai Lan fell 6%", "hàng hóa qua
    cảng Cái Lân đạt 2,6 triệu tấn", "handelen over grensen ved Mong Cai falt med 21
    prosent"): that place's."""
    found = None
    for m in word_pattern("through_place").finditer(at.sentence, at.lo, at.start):
        found = m
    if found is None or _names_subject(at.sentence, at.lang, found.end(), at.start):
        return None
    text = found.group("what").strip()
    if _any(_patterns("subject", at.lang), text) or not any(c.islower() for c in text):
        return None  # "estimated at VND 38,500 billion": a currency, not a place
    if word_pattern("event").search(at.sentence, at.lo, min(at.start, found.end() + 12)):
        return None  # "Hội nghị ... tại TP Hồ Chí Minh thu hút 400 đại biểu": where people met
    place = _places().fullmatch(fold(text))
    return Scope(text, "province" if place else "facility", fold(text))


def _respectively(at: _At) -> Scope | None:
    """Figures listed "respectively" after a list of as many places: each its place's
    ("Bac Giang and Hai Phong drew $1.3 billion and $1.05 billion respectively")."""
    s = at.sentence
    if word_pattern("respectively").search(s, at.lo, at.hi) is None:
        return None
    spans = sorted(o for o in {*at.others, (at.start, at.end)} if at.lo <= o[0] < at.hi)
    runs: list[list[tuple[int, int]]] = []  # lists of figures: "$2bn and $1bn", "5% and 7%"
    for span in spans:
        if runs and word_pattern("list_joiner").fullmatch(s, runs[-1][-1][1], span[0]):
            runs[-1].append(span)
        else:
            runs.append([span])
    mine = next(r for r in runs if (at.start, at.end) in r)
    names = _names_listed(at, mine[0][0])
    if len(names) != len(mine):  # "Dong Mai Industrial Park and Song Khoai Industrial Park"
        names = _names_written_as_a_list(at, mine[0][0])
    if len(names) != len(mine) or any(
        not word_pattern("list_joiner").fullmatch(s, a[1], b[0]) for a, b in zip(names, names[1:])
    ):
        return None
    text = s[slice(*names[mine.index((at.start, at.end))])]
    if any(p.fullmatch(text) for p in _patterns("scope.place", at.lang)):
        return Scope(text, "place", fold(text))
    if _any(_patterns("subject", at.lang), text):
        return _WHOLE
    code = territories().get(text)
    if code and code != _table().get("home_country"):
        return Scope(text, "territory", code)
    return Scope(text, "province", fold(text))


def _names_written_as_a_list(at: _At, first: int) -> list[tuple[int, int]]:
    """The capitalised names of the last list before ``first`` ("Dong Mai Industrial Park and
    Song Khoai Industrial Park", "KCN Sông Khoai và KCN Đông Mai", "Industriparkene Song Khoai
    og Dong Mai"), in their order; none where no such list stands there."""
    s = at.sentence
    found = None
    for m in word_pattern("names_list").finditer(s, at.lo, first):
        found = m
    if found is None:
        return []
    names = []
    for n in word_pattern("list_name").finditer(s, found.start(), found.end()):
        names.append((n.start(), n.end()))
    return names


def _names_listed(at: _At, first: int) -> list[tuple[int, int]]:
    """The places, territories and the country as a whole named in a clause before ``first``,
    in their order ("Quảng Ninh và cả nước tăng trưởng lần lượt 11% và 6%")."""
    s = at.sentence
    names = [(m.start(), m.end()) for m in _places().finditer(_fold_in_place(s), at.lo, first)]
    names = [n for n in names if s[n[0] : n[0] + 1].isupper()]
    names += [(ms, me) for ms, me, _ in _territory_matches(s) if at.lo <= ms and me <= first]
    places = [
        (m.start(), m.end())
        for p in _patterns("scope.place", at.lang)
        for m in p.finditer(s, at.lo, first)
    ]
    return sorted(set(names) | set(places))  # "Taiwan (China) and the Netherlands"


def _list_item(at: _At) -> Scope | None:
    """An item of a list that leaves its verb out ("..., with electronic components making up
    US$2.1 billion, garments US$640 million and frozen seafood US$85 million"): the item's
    words before the figure, where the list's item before it ended in a figure or the list's
    opener stands just before ("gồm linh kiện điện tử 2,7 tỷ USD"), and the figure ends its
    item. Not an item whose words include a verb, a qualifier or a function word, nor one that
    names the figure's measure ("xuất khẩu 3 tỷ USD, nhập khẩu 930 triệu USD")."""
    s, lo = at.sentence, at.lo
    if not re.match(r"\s*(?:[,;.)]|$|(?:and|và|og)\b)", s[at.end : at.end + 6]):
        return None
    table = _table()["list_item"]
    strong = list(re.finditer(table["strong"], s[lo : at.start]))
    weak = list(re.finditer(table["weak"], s[lo : at.start]))
    cuts = sorted(strong[-1:] + weak[-1:], key=lambda m: m.end())  # the strong cut first:
    # "sợi và hàng may mặc 820 triệu"
    for sep in cuts:
        item = s[lo + sep.end() : at.start].strip()
        if _list_item_words(item, at) and (
            re.search(table["opener"], s[lo : lo + sep.end()])
            or any(
                b <= lo + sep.start() and not s[b : lo + sep.start()].strip(" .,")
                for _, b in at.others
            )
        ):
            return Scope(item, "part", fold(item))
    return None


def _list_item_words(item: str, at: _At) -> bool:
    """Whether ``item`` reads as a list item's name (see :func:`_list_item`)."""
    words = item.split()
    if not 1 <= len(words) <= 6 or re.search(r"[\d()%$€£¥]", item):
        return False
    if words[0].lower() in ("and", "và", "og", "or", "hoặc", "eller"):
        return False
    not_words = _list_item_not_words(_code(at.lang))
    if {w.strip(".,-–").lower() for w in words} & not_words:
        return False
    if _any(_patterns("status.target.before", at.lang), item):
        return False
    return not (at.measure_text and at.measure_text.lower() in item.lower())


@functools.cache
def _list_item_not_words(code: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _table()["list_item"]["not_words"].get(code, []))


def _collector(at: _At) -> Scope | None:
    """Revenue an office collects ("Quang Ninh Customs Department collected VND 11.9 trillion
    last year, down 4.1%", "Chi cục Hải quan khu vực VIII thu ngân sách 12.480 tỷ đồng"): the
    office's, a part of the province's revenue."""
    if at.measure not in (
        "budget_revenue",
        "imports",
        "exports",
        "trade",
        OTHER_MONEY,
        "growth",
        "plan_progress",
        "other",
    ):
        return None
    found = None
    for p in _patterns("collector", at.lang, 0):
        for m in p.finditer(at.sentence, at.lo, at.start):
            found = m
    table = _table()["collector"]
    if (
        found is None
        or re.search(
            table["source_before"], at.sentence[max(0, found.start() - 20) : found.start()]
        )
        or re.search(table["source_after"], at.sentence[found.end() : found.end() + 30])
        or not re.search(table["collect_verb_after"], at.sentence[found.end() : at.start])
    ):
        return None  # "According to the provincial Tax Department, ...", "... said revenue reached"
    text = found.group(0).strip()
    return Scope(text, "part", fold(text))


def _parks_together(at: _At) -> Scope | None:
    """The industrial parks taken together, as the clause's subject ("Tính đến hết tháng
    9/2025, các KCN trên địa bàn tỉnh đã thu hút 162 dự án") or as where a figure's projects
    are ("cấp mới cho 8 đến 10 dự án FDI tại các khu công nghiệp", "129 projects ... are
    located in industrial parks and economic zones"): theirs, a part of the province's."""
    if at.measure == "industrial_parks":
        return None  # "13 khu công nghiệp": the province's count of its parks
    parks = word_pattern("parks_together")
    for m in parks.finditer(at.sentence, at.lo, at.start):
        if re.search(r"\d\s*$", at.sentence[max(0, m.start() - 4) : m.start()]):
            continue  # "Of the 19 industrial parks planned, 13 ...": a count's noun
        placed = (
            any(  # "8 đến 10 dự án FDI tại các khu công nghiệp, với tổng vốn ...": theirs
                b <= m.start() and word_pattern("parks_after").match(at.sentence[b : m.start()])
                for _, b in at.others
            )
            and word_pattern("parks_capital").fullmatch(at.sentence[m.end() : at.start])
        )
        if m.start() - at.lo <= at.lead + 1 or placed:
            text = m.group(0).strip()
            return Scope(text, "part", fold(text))
    m = parks.search(at.sentence, at.end, min(at.hi, at.end + 80))
    if m and word_pattern("parks_after").match(at.sentence[at.end : m.start()]):
        text = m.group(0).strip()
        return Scope(text, "part", fold(text))
    return None


def _town_in_subject(at: _At) -> Scope | None:
    """A town named with "i" inside the Norwegian noun phrase before a figure ("Turistinntektene
    i Uong Bi kom i fjor opp i 3 900 milliarder dong", "nådde handelen over grenseovergangene
    i Mong Cai 1,26 milliarder dollar"): the town's."""
    if at.lang != "no":
        return None
    m = word_pattern("town_in_subject").search(at.sentence, at.lo, at.start)
    if m is None or m.end() != at.start:
        return None
    place = _places().match(_fold_in_place(at.sentence), m.start("place"))
    if place is None or place.end() != m.end("place"):
        return None
    text = m.group("place")
    return Scope(text, "province", fold(text))


# The scope rules in their order of precedence: the first that names a scope (or says the
# figure is the subject's whole) decides.
_RULES = (
    _in_parentheses,
    _collector,
    _respectively,
    _measure_part,
    _trade_of,
    _unnamed_amount_of_a_project,
    _origin,
    _measure_of_people,
    _company,
    _firm_genitive,
    _people_abroad,
    _one_project,
    _project_before,
    _sector_or_kind,
    _in_sector_after,
    _sector_after_measure,
    _share_owner,
    _owner_inverted,
    _places_together,
    _went_to,
    _into_parks_before,
    _into_country,
    _led_by,
    _with_part,
    _group,
    _narrowed,
    _project_kind,
    _subject_with_verb_left_out,
    _genitive_part,
    _facility_first,
    _facility_of,
    _named_project,
    _parks_together,
    _place_just_after,
    _place_in_after,
    _demonym_after,
    _lead_in_place,
    _town_in_subject,
    _place_first,
    _place_or_facility_after,
    _in_sector_just_after,
    _of_which,
    _through_place,
    _list_item,
)


OTHER_MONEY = "other money"  # an amount of money no measure names (the caller's probe)


def _masked(sentence: str, others: Sequence[tuple[int, int]]) -> str:
    """The sentence with its other figures written as words of the same length, so that a
    name around one ("The $2bn Song Khoai industrial park") reads as words."""
    if not others:
        return sentence
    chars = list(sentence)
    for a, b in others:
        for i in range(a, min(b, len(chars))):
            if not chars[i].isspace():
                chars[i] = "x"
    return "".join(chars)


def _project_next(sentence: str, lang: str | None, end: int, hi: int) -> bool:
    """Whether a project's word follows an amount closely ("$95 million data centre")."""
    for p in _patterns("scope.project", lang):
        m = p.search(sentence, end, hi)
        if (
            m
            and len(sentence[end : m.start()].split()) <= 4
            and "," not in sentence[end : m.start()]
            and not any(
                _STOP.match(w) or word_pattern("amount_then_verb").fullmatch(w)
                for w in sentence[end : m.start()].split()
            )
        ):
            return True
    return False


def _licensed(sentence: str, lang: str | None, lo: int) -> bool:
    """Whether the clause is about projects the subject licensed or attracted (its own
    measure: the whole), as its subject's words say."""
    return any(
        not _any(
            _patterns("scope.not_owner_before", lang), sentence[max(lo, m.start() - 25) : m.start()]
        )
        for p in _patterns("subject", lang)
        for m in p.finditer(sentence, lo)
    )  # not "67% tổng vốn FDI của tỉnh": the whole a share is of


def _name_only(text: str, lang: str | None) -> str:
    """A Vietnamese facility's words up to its name's end: "Khu công nghiệp Sông Khoai"
    from "Khu công nghiệp Sông Khoai rộng"."""
    if _code(lang) != "vi":
        return text
    words = text.split()
    for k in range(len(words) - 1, 0, -1):
        if words[k][:1].isupper():
            return " ".join(words[: k + 1])
    return text


def _sector_scope(sentence, lang, start, end, lo, measure_text) -> Scope | None:
    """A sector named as what a figure is about: before the measure's own words ("Seafood
    exports reached", "Giá trị sản xuất công nghiệp tăng"), after them ("FDI in
    manufacturing"), or just before the figure ("far behind industry at 71%")."""
    before = sentence[lo:start]
    named_at = before.lower().rfind(measure_text.lower()) if measure_text else -1
    for p in _patterns("scope.sector", lang):  # just before the figure: "industry at 71%",
        # or with its verb: "công nghiệp chế biến, chế tạo thu hút 1,02 tỷ USD"
        for m in p.finditer(sentence, lo, start):
            exported = word_pattern("export_verb_before").search(
                sentence, max(lo, m.start() - 20), m.start()
            ) and word_pattern("worth_then_figure").fullmatch(sentence, m.end(), start)
            if (
                word_pattern("sector_then_figure").fullmatch(sentence, m.end(), start)
                or word_pattern("sector_draws").fullmatch(sentence, m.end(), start)
                or exported  # "Quang Ninh eksporterte sjømat for 186 millioner dollar"
            ):
                text = _sectors_joined(sentence, lang, lo, m)
                return Scope(text, "sector", fold(text))
    for p in _patterns("scope.sector", lang):
        for m in p.finditer(sentence, lo, start):
            if named_at >= 0:
                name_start, name_end = lo + named_at, lo + named_at + len(measure_text)
                if m.start() < name_end and name_start < m.end():
                    continue  # the measure's own words ("Tourism revenue")
                next_to = m.end() <= name_start and re.fullmatch(
                    r"[\s-]*(?:\w+\s+)?", sentence[m.end() : name_start]
                )
                after = m.start() >= name_end and re.fullmatch(
                    r"\s+(?:in|of|from|by|over|via|through|trong|của|từ|qua|i|fra|innen|av)"
                    r"\s+(?:the\s+|các\s+)?",
                    sentence[name_end : m.start()],
                )
                if next_to or after:
                    return Scope(m.group(0).strip(), "sector", fold(m.group(0).strip()))
            if m.start() - lo <= _clause_start(sentence[lo:start]) + 4:
                return Scope(m.group(0).strip(), "sector", fold(m.group(0).strip()))
    return None


def _sectors_joined(sentence: str, lang: str | None, lo: int, m: re.Match) -> str:
    """A sector's words with the sectors joined to it before ("real estate and tourism",
    "du lịch, dịch vụ")."""
    begin = m.start()
    found = True
    while found:
        found = False
        for p in _patterns("scope.sector", lang):
            for e in p.finditer(sentence, lo, begin):
                if e.end() < begin and re.fullmatch(
                    r"\s*(?:,|and|và|og)\s*", sentence[e.end() : begin]
                ):
                    begin, found = e.start(), True
    text = sentence[begin : m.end()].strip()
    return re.sub(r"^(?:lĩnh vực|ngành)\s*,\s*", "", text)


def _named_before_parenthesis(sentence, lang, start, end, lo) -> Scope | None:
    """A figure in parentheses straight after a name is that name's: a territory
    ("Japan (260 millioner dollar)") or a sector ("manufacturing (62%)")."""
    if not re.match(r"\s*\)", sentence[end : end + 3]):
        return None
    before = sentence[max(lo, start - 45) : start]
    m = word_pattern("paren_name").search(before)
    if m is None:
        return None
    words = re.split(
        r"(?:,|:|;|\band\b|\bvà\b|\bog\b|\bforan\b|\bfollowed by\b|\blà\b|\bso với\b|\bthan\b"
        r"|\bcompared with\b|\bmot\b|\benn\b)\s*",
        m.group(1),
    )
    name = words[-1].strip()
    if not name or len(name.split()) > 4:
        return None
    names = territories()
    ends = [t for t in _territory_matches(name) if t[1] == len(name)]
    if ends:  # "ahead of Japan", "mainland China"
        return Scope(name if name in names else ends[-1][2], "territory", names[ends[-1][2]])
    if any(p.fullmatch(name) for p in _patterns("scope.sector", lang)):
        return Scope(name, "sector", fold(name))
    place = _places().match(_fold_in_place(name))
    if place and place.end() == len(name) and name[:1].isupper():  # "so với Hải Phòng (3,2 tỷ USD)"
        return Scope(name, "province", fold(name))
    if len(re.findall(r"[^\W\d][\w'’ .-]{0,40}?\s*\(\s*[^()]*\d[^()]*\)", sentence)) >= 2:
        name = re.sub(r"^(?:the|den|det|các)\s+", "", name, flags=re.IGNORECASE)
        return Scope(name, "part", fold(name))  # one of a list: "..., and renewable energy (11%)"
    return None


def _between_scope(sentence, lang, lo, start) -> Scope | None:
    """Trade between two places ("Handelen mellom Vietnam og Norge"): theirs."""
    m = word_pattern("between").search(sentence, lo, start)
    if m is None:
        return None
    pair = [t for t in _territory_matches(sentence) if m.end() <= t[0] < start]
    if len(pair) >= 2 and _JOINER.fullmatch(sentence, pair[0][1], pair[1][0]):
        text = sentence[pair[0][0] : pair[1][1]]
        return Scope(text, "place", fold(text))
    return None


def _kind_scope(sentence, lang, start, end, lo, hi) -> Scope | None:
    """A kind of the thing counted ("3.2 million international arrivals", "khách quốc
    tế", "utenlandske turister"), in the figure's own words or its clause's before it."""
    region_end = min(hi, end + 30)
    for p in _patterns("scope.kind", lang):
        for m in p.finditer(sentence, lo, region_end):
            if m.start() >= end and not re.fullmatch(r"[\s\w]{0,12}", sentence[end : m.start()]):
                continue
            if m.end() <= start and "," in sentence[m.end() : start]:
                continue  # "..., including 4.1 million international arrivals, earning ..."
            text = m.group(0).strip()
            return Scope(text, "part", fold(text))
    return None


def _facility_after(sentence, lang, end, hi) -> Scope | None:
    """One facility just after a figure, named or singular ("6,000 workers at the plant",
    "46 projects ... in the Song Khoai and Texhong Hai Ha industrial parks", "15 dự án thuộc
    lĩnh vực công nghiệp"), not the subject's many ("to its industrial parks")."""
    for p in _patterns("scope.facility_after", lang, 0):
        m = p.search(sentence, end, hi)
        if (
            m is None
            or len(sentence[end : m.start()].split()) > 6
            or "," in sentence[end : m.start()]
        ):
            continue
        text = m.group("what").strip()
        return Scope(text, "project", fold(text))
    return None


@functools.cache
def _demonym_pattern(lang: str | None) -> re.Pattern:
    names = sorted(_table().get("demonyms", {}), key=len, reverse=True)
    groups = _table().get("group_nouns", {}).get(_code(lang)) or _table()["group_nouns"]["en"]
    return re.compile(
        r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")\s+(?:" + "|".join(groups) + r")",
        re.IGNORECASE,
    )


def _demonym_group(sentence, lang, start, end, lo, hi) -> Scope | None:
    """Investors of one country before a figure ("from South Korean investors", "Three
    Japanese companies"): that country's."""
    best = None
    for m in _demonym_pattern(lang).finditer(sentence, lo, start):
        best = m
    if best is None:
        return None
    code = demonym(best.group(1))
    return Scope(best.group(0), "territory", code) if code else None


@functools.lru_cache(maxsize=64)
def _territory_matches(sentence: str) -> tuple[tuple[int, int, str], ...]:
    """The territory names of a sentence, found once for all its figures; not one that is part
    of another name or a source ("Vietnam News", "Norges ambassade")."""
    after = word_pattern("territory_name_after")
    return tuple(
        (m.start(), m.end(), m.group(0))
        for m in _territory_pattern().finditer(sentence)
        if not after.match(sentence, m.end() + (1 if sentence[m.end() : m.end() + 1] == "s" else 0))
    )


def _owns_what_follows(sentence, lang, lo, ms, me, part, measure) -> bool:
    """Whether a territory before a figure is its owner: not in a company's name ("Autoliv
    Vietnam"), nor where something is ("in Japan"), unless a part, trade to it, or a ranking
    ("fulgt av Singapore", "toppet Hongkong (Kina) listen") says so."""
    before = sentence[max(lo, ms - 20) : ms]
    if re.search(r"(?<![.!?]\s)\b[A-Z][\w-]+\s+$", before) and not re.search(
        r"\b(?:The|In|By|From|Of|And|With|Across|For|To|At|Like|Unlike|Besides)\s+$", before
    ):
        return False  # "Autoliv Vietnam", "Foxconn Singapore": a company's name
    trade = measure in ("exports", "imports", "trade") and _TO_PLACE.search(before)
    ranked = word_pattern("followed_by").search(before) or word_pattern("tops_the_list").match(
        sentence, me
    )
    return not _any(_patterns("scope.not_owner_before", lang), before) or bool(
        part or trade or ranked
    )


def _territory_scope(sentence, lang, start, end, others, lo, hi, part, measure="") -> Scope | None:
    """A territory as the origin of a figure: the last one before it in its clause that owns
    what follows ("Japan with over $2.34 billion"), else one just after it that it comes from
    ("12 projects ... from Japan"), or any in an "of which" clause."""
    names = territories()
    best = None
    for ms, me, name in _territory_matches(sentence):
        if ms < lo or me > hi:
            continue
        if _listed(sentence, ms, me):
            continue
        if me <= start:
            if _owns_what_follows(sentence, lang, lo, ms, me, part, measure):
                best = Scope(name, "territory", names[name])
        elif ms >= end:
            if best is None:
                before = sentence[max(lo, ms - 30) : ms]
                between = [o for o in others if end <= o[0] and o[1] <= ms]
                if (part or _any(_patterns("scope.origin_after", lang), before)) and not between:
                    best = Scope(name, "territory", names[name])
            break
    return best


_NEW_SUBJECT = re.compile(
    r"[,;]\s+(?:(?:meaning|which means|so|and|while|whereas|with|nghĩa là|og|mens)\s+)?"
    r"([A-ZĐ][\w]+(?: [A-ZĐ][\w]+){1,2})\s+(?=[a-zđ])"
)


def _place_before(sentence, lang, start, lo, lead) -> Scope | bool | None:
    """The nearest place named before a figure in its clause: the country as a whole (at
    the clause's start), another province ("Bac Ninh province attracted"), or the subject's own
    words ("the province"), which make the figure the subject's: False. None: none named."""
    found: list[tuple[int, Scope | bool]] = []
    found += _countries_before(sentence, lang, start, lo, lead)
    found += _other_places_before(sentence, lang, start, lo)
    owners = _owner_places(sentence, lang, start, lo, lead)
    for p in _patterns("subject", lang):
        for m in p.finditer(sentence, lo, start):
            if re.match(r"['’]s\s+[\w-]+(?:\s+[\w-]+)?,", sentence[m.end() : start]):
                continue  # "Hai Phong, the province's neighbour, led": a description of another
            if word_pattern("local_area").fullmatch(m.group(0)) and any(
                o < m.start() for o, _ in owners
            ):
                continue  # "thành phố Móng Cái thu ngân sách trên địa bàn": the town's area
            if not word_pattern("ranked_in").search(sentence, max(lo, m.start() - 20), m.start()):
                found.append((m.start(), False))
    found.extend(owners)
    for m in _NEW_SUBJECT.finditer(sentence, lo, start):  # ", Quảng Ninh chiếm 8,5%"
        if word_pattern("agency_head").match(sentence, m.start(1)):
            continue  # "Tháng 10/2025, Ban Quản lý các khu kinh tế cấp mới ...": the licensing body
        name = m.group(1)
        found.append((m.start(1), Scope(name, "named", fold(name))))
    if not found:
        return None
    return max(found, key=lambda f: f[0])[1]


def _countries_before(sentence, lang, start, lo, lead) -> list[tuple[int, Scope | bool]]:
    """The country as a whole named before a figure as its owner: at the clause's start, just
    before the figure, or with "của" ("kim ngạch xuất khẩu của cả nước đạt"); not a share's
    denominator ("chiếm 9% vốn FDI của cả nước", "trong tổng vốn FDI cả nước")."""
    found: list[tuple[int, Scope | bool]] = []
    for p in _patterns("scope.place", lang):
        for m in p.finditer(sentence, lo, start):
            before = sentence[max(lo, m.start() - 25) : m.start()]
            share = word_pattern("share_of_country").search(sentence, lo, m.start()) or (
                word_pattern("rank_verb").search(sentence, max(lo, m.start() - 30), m.start())
            )  # "rangerte som nummer fire på landsbasis": where it is ranked
            owner = (
                re.search(r"\bcủa\s+$", before)
                and not share
                and not word_pattern("comparison_before").search(before)
            ) or word_pattern("average_of").fullmatch(sentence, m.end(), start)
            if word_pattern("country_total_of").fullmatch(sentence, m.end(), start):
                found.append((m.start(), Scope(m.group(0), "place", fold(m.group(0)))))
                continue  # "8.2% of the national total of US$38.2 billion": the country's
            if (_any(_patterns("scope.not_owner_before", lang), before) and not owner) or share:
                continue
            near = (
                len(sentence[m.end() : start].split()) <= 3 and "," not in sentence[m.end() : start]
            )
            if m.start() - lo <= lead + 4 or near:
                found.append((m.start(), Scope(m.group(0), "place", fold(m.group(0)))))
    return found


def _other_places_before(sentence, lang, start, lo) -> list[tuple[int, Scope | bool]]:
    """Another province named with its kind before a figure ("Bac Ninh province attracted")."""
    found: list[tuple[int, Scope | bool]] = []
    for p in _patterns("scope.other_place", lang, 0):
        for m in p.finditer(sentence, lo, start):
            before = sentence[max(lo, m.start() - 25) : m.start()]
            if _any(_patterns("scope.not_owner_before", lang), before):
                continue
            words = m.group(1).split()
            kept = list(itertools.takewhile(lambda w: w[:1].isupper(), words))
            if not kept:
                continue
            name = " ".join(kept)
            text = (
                m.group(0)[: m.group(0).find(name) + len(name)]
                if m.start(1) == m.start() + len(m.group(0)) - len(m.group(1))
                else m.group(0)
            )
            found.append((m.start(), Scope(text.strip(), "province", fold(name))))
    return found


def _subject_owns_between(sentence: str, lang: str | None, lo: int, hi: int) -> bool:
    """Whether the subject's own words stand as an owner between ``lo`` (a name found before a
    figure) and ``hi`` (the figure): not "in the province", "của tỉnh"."""
    if lo < 0:
        return False
    for p in _patterns("subject", lang):
        for m in p.finditer(sentence, lo, hi):
            before = sentence[max(lo, m.start() - 25) : m.start()]
            aside = re.search(r",\s*(?:[\w-]+\s+){0,2}(?:the\s+)?$", before) and re.match(
                r"[^,;]{0,40},", sentence[m.end() : hi]
            )  # "Japanese investors, long the province's biggest partner, hold"
            if (
                _any(_patterns("scope.not_owner_before", lang), before)
                or word_pattern("is_subjects").search(before)
                or re.search(r",\s*(?:the\s+)?$", before)
                or aside
            ):
                continue  # "Hong Kong (China) is now the province's leading source", "Singapore,
                # the province's largest investor, has 40 projects"
            return True
    return False


def _names_subject(sentence: str, lang: str | None, lo: int, hi: int) -> bool:
    """Whether the subject's own words stand between ``lo`` and ``hi`` as an owner (not as
    what a part is ranked in: "dẫn đầu toàn tỉnh")."""
    return any(
        not word_pattern("ranked_in").search(sentence, max(lo, m.start() - 20), m.start())
        and not word_pattern("local_area").fullmatch(m.group(0))  # the place's own area
        for p in _patterns("subject", lang)
        for m in p.finditer(sentence, lo, hi)
    )


def _owner_places(sentence, lang, start, lo, lead) -> list[tuple[int, Scope]]:
    """Vietnam's provinces and cities named as a figure's owner: at its clause's start
    ("Hải Phòng thu hút"), or with "'s" ("Mong Cai's two-way trade")."""
    found = []
    for m in _places().finditer(_fold_in_place(sentence), lo, start):
        head = sentence[m.start() : m.end()]
        if _owns(sentence, lang, m, start, lo, lead):
            found.append((m.start(), Scope(head, "province", fold(head))))
    return found


def _owns(sentence, lang, m: re.Match, start, lo, lead) -> bool:
    """Whether the place at ``m`` owns the figure at ``start``: named with "'s", with its verb
    left out, ranked after another, accounting for it, or at its clause's start."""
    head = sentence[m.start() : m.end()]
    owner = re.match(r"['’]?s\b", sentence[m.end() : m.end() + 2])
    if owner and (
        word_pattern("part_after_genitive").match(sentence, m.end())
        or word_pattern("measure_after_genitive").match(sentence, m.end())
    ):
        return False  # "Quang Ninh's industrial parks attracted": the parks' figure
    if not head[:1].isupper() or _listed_place(sentence, m):
        return False
    before = sentence[max(lo, m.start() - 25) : m.start()]
    apposition = re.match(r"(?:\s+(?:City|Town|city|town))?,[^,]{1,90},", sentence[m.end() : start])
    after_name = m.end() + apposition.end() if apposition else m.end()  # neighbour,"
    person = (
        word_pattern("honorific").search(before)
        and not word_pattern("admin_before").search(before)
        and not word_pattern("time_before_place").fullmatch(sentence, lo + lead, m.start())
    )  # "Mr Vinh", not "Neighbouring Hai Phong", "Tỉnh Bắc Ninh", "quý I Hải Phòng"
    if person or _names_subject(sentence, lang, after_name, start):
        return False  # "Mr Vinh said", "Through Hai Phong ..., the province exported"
    return _named_as_owner(sentence, lang, m, start, lo, lead, before, bool(owner))


def _at_clause_start(sentence, lang, m: re.Match, lo, lead, before) -> bool:
    """Whether the place at ``m`` begins its clause's own words: after a lead-in, a speaker,
    an administrative word or a time; in Norwegian, after the verb that comes second ("I
    samme periode lå Hai Phong på 3,2 milliarder", "I årets første åtte måneder hentet Bac
    Ninh")."""
    return (
        m.start() - lo <= lead + 4
        or bool(word_pattern("said_before").search(sentence, max(lo, m.start() - 25), m.start()))
        or bool(word_pattern("admin_before").search(before))
        or bool(word_pattern("participle_subject").search(before))
        or bool(word_pattern("admin_before").search(sentence[lo + lead : m.start()]))
        or bool(word_pattern("time_before_place").fullmatch(sentence, lo + lead, m.start()))
        or (_code(lang) == "no" and len(sentence[lo : m.start()].split()) <= 4)
        or (
            _code(lang) == "no"
            and bool(word_pattern("v2_before_place").match(sentence, lo, m.start()))
        )
    )


def _named_as_owner(sentence, lang, m: re.Match, start, lo, lead, before, owner) -> bool:
    """The shapes that make a place a figure's owner: "'s", a relative clause of its own,
    its verb left out, ranked after another, accounting for it, or at its clause's start."""
    at_start = _at_clause_start(sentence, lang, m, lo, lead, before)
    via = (
        word_pattern("via").search(before)
        or word_pattern("followed_by").search(before)
        or word_pattern("owner_before_place").search(before)  # "trên địa bàn Vân Đồn"
        or _ranked_behind(sentence, m, start, lo, before)
        or (  # "..., followed by Hai Phong with $2.2 billion and Quang Ninh with $1.12 billion"
            word_pattern("ranked_with").fullmatch(sentence, m.end(), start)
            and word_pattern("followed_by_any").search(sentence, lo, m.start())
        )
    )
    elliptic = word_pattern("place_then_figure").fullmatch(sentence, m.end(), start) and re.search(
        r"(?:,|\band|\bog|\bvà)\s*$", before
    )  # "Ha Long drew $400 million and Cam Pha $300 million"
    accounts = word_pattern("accounts_after").match(sentence, m.end())  # "Quang Ninh accounting"
    rel = word_pattern("relative_after").match(sentence, m.end())
    relative = rel is not None and "," not in sentence[rel.end() : start]  # "Together with Hai
    # Phong, which drew $3 billion, ...": the figure is said in the place's own clause
    return bool(
        owner
        or relative
        or elliptic
        or via  # "Grensehandelen over Mong Cai", "followed by Bac Ninh with 30 projects"
        or accounts
        or (at_start and not _any(_patterns("scope.not_owner_before", lang), before))
    )


def _ranked_behind(sentence: str, m: re.Match, start: int, lo: int, before: str) -> bool:
    """A place with its own figure just after it, that the subject is ranked behind ("behind
    Hai Phong with US$2.95 billion", "xếp sau Bắc Ninh (2,35 tỷ USD)") or one of several
    places listed with "in" ("i Bac Ninh med 6 prosent, i Hai Phong med 10,2 prosent")."""
    if not word_pattern("figure_just_after").fullmatch(sentence, m.end(), start):
        return False
    return bool(word_pattern("behind").search(before)) or bool(
        word_pattern("in_place_with").search(before)
        and len(word_pattern("in_places_listed").findall(sentence, lo)) > 1
    )


@functools.cache
def _places() -> re.Pattern:
    """Vietnam's provinces and cities (scope.toml's ``places``), matched on folded text."""
    names = sorted({fold(n) for n in _table().get("places", {}).get("vn", [])}, key=len)
    body = "|".join(re.escape(n) for n in reversed(names))
    return re.compile(
        rf"(?<![\w-])(?:{body})(?=s?(?![\w-])|-(?:bukta|byen|området|regionen)\b)"
    )  # "Quang Ninhs andel", "Ha Long-bukta"


def _listed_place(sentence: str, m: re.Match) -> bool:
    """A place one of two or more ("Hai Phong and Quang Ninh together", "After visiting Hanoi
    and Hai Phong"): not one's own; "Bac Ninh, the leader in the north, drew" is one."""
    after = sentence[m.end() : m.end() + 30]
    joined = re.match(r"\s*(?:,|and\b|và\b|og\b)\s*", after)
    if joined and _places().match(_fold_in_place(after), joined.end()):
        return True
    before = re.search(r"(?:,|\band|\bvà|\bog)\s*$", sentence[max(0, m.start() - 6) : m.start()])
    return bool(
        before
        and any(
            p.end() == m.start() - len(before.group(0))
            for p in _places().finditer(_fold_in_place(sentence), 0, m.start())
        )
    )


def _place_after(sentence, lang, end, hi) -> Scope | None:
    """The country as a whole just after a figure ("US$20 billion nationwide"), not the whole
    a share is of ("9 % av de totale investeringene på landsbasis")."""
    for p in _patterns("scope.place", lang):
        for m in p.finditer(sentence, end, hi):
            between = sentence[end : m.start()]
            if (
                len(between.split()) <= 3
                and "," not in between
                and not re.search(
                    r"\b(?:of|av|của|in|i|trong|than|enn|so với)\b", between, re.IGNORECASE
                )
                and not word_pattern("rank_word").search(between)  # "ranking fifth nationwide"
            ):
                return Scope(m.group(0), "place", fold(m.group(0)))
    return None


def resolve(scope_kind: str | None, scope_key: str | None, subject: str | None) -> bool:
    """Whether a figure's scope is the subject itself ("Quang Ninh province" in a briefing on
    Quang Ninh): then the figure is the subject's whole."""
    if scope_kind == "named" and not subject:
        return True  # a name after a comma, with no subject known: nothing says it is another
    if scope_kind not in ("province", "named") or not scope_key or not subject:
        return False
    return _bare_place(scope_key) == _bare_place(fold(subject))


def _bare_place(name: str) -> str:
    """A folded place name without its kind's words ("quang ninh province" -> "quang
    ninh"), so that "Vinh" is never "Vinh Phuc"."""
    return " ".join(word_pattern("place_words").sub(" ", name).split())


_STOP = re.compile(
    r"^(?:a|an|the|of|for|to|in|at|with|and|by|from|on|its|their|this|these|building|"
    r"các|của|cho|tại|và|với|en|et|av|for|til|i|med|og)$",
    re.IGNORECASE,
)


def _project_scope(sentence, lang, start, end, lo, hi, others=()) -> Scope | None:
    """The words naming the project(s) a project's investment is of: the nearest project
    word before the figure, else after it, with the words that name it ("automobile safety
    component factory", "two factories")."""
    before = after = None
    located = ""  # "two factories in Song Khoai Industrial Park": the factories, located
    for p in _patterns("scope.project", lang):
        for m in p.finditer(sentence, lo, hi):
            if m.end() <= start and (before is None or m.start() > before.start()):
                if before is not None and word_pattern("located").fullmatch(
                    sentence, before.end(), m.start()
                ):
                    located = sentence[before.end() : m.end()]
                    continue
                before, located = m, ""
            elif m.start() >= end and (after is None or m.start() < after.start()):
                after = m
    if before is None and after is None:
        if word_pattern("aggregate_investment").search(sentence, lo, hi):
            return None  # "Totalinvesteringene i samfunnet ...": all investment, no project
        return Scope("project", "project", "project")  # named by the measure alone
    between = sentence[end : after.start()] if after is not None else ""
    near_after = after is not None and len(between.split()) <= 5 and "," not in between
    if before is None and not near_after:
        return None  # no project named near the figure ("proposals with a combined ...")
    if after is not None and (before is None or near_after):
        best, words = after, re.findall(r"[\w'’()-]+", between)
    else:
        best = before
        words = re.findall(r"[\w'’()-]+", sentence[max(lo, best.start() - 80) : best.start()])
        kept: list[str] = []
        for w in reversed(words):
            if _STOP.match(w) or w.startswith("(") or len(kept) >= 7:
                break
            kept.insert(0, w)
        words = kept
    if best is before and located:
        words = [w for w in words if not re.fullmatch(r"(?:the|its|this|these)", w, re.I)]
        phrase = " ".join([*words, best.group(0)]) + located
        return Scope(phrase, "project", fold(phrase))
    counted = any(
        o[0] <= best.start() < o[1]  # "5 dự án FDI mới với tổng vốn": the projects counted
        or (o[1] <= best.start() and len(sentence[o[1] : best.start()].split()) <= 3)
        for o in others
    )
    plural = r"(?:s|er)$" if _code(lang) == "no" else r"s$"
    if counted or (best is before and re.search(plural, best.group(0))):
        return None  # "42 new projects worth $987 million": what the province licensed
    if _code(lang) == "vi" and not re.match(r"\s+[A-ZĐ]", sentence[best.end() : best.end() + 3]):
        return None  # "dự án" with no name after it: one or many, unsaid
    words = [w for w in words if not re.fullmatch(r"[\d.,]+|US\$?|USD|million|billion|worth", w)]
    while words and re.fullmatch(r"(?:the|its|this)|projects?['’]s?", words[0], re.IGNORECASE):
        words = words[1:]  # "the project's photovoltaic cell technology complex"
    phrase = " ".join([*words, best.group(0)])
    return Scope(phrase, "project", fold(phrase))


# --- the subject -------------------------------------------------------------------------

_PLACE_OF = re.compile(
    r"\b([A-ZĐ][\w]+(?: [A-ZĐ][\w]+){1,2})(?=[ -](?:province|city|provinsen)\b)"
    r"|(?:\btỉnh|\bprovince of|\bprovinsen|\bthành phố|\bTP\.?) ([A-ZĐ][\w]+(?: [A-ZĐ][\w]+){0,2})"
)


def infer_subject(texts: Iterable[str]) -> str | None:
    """The place the articles name most: among the names written with "province", "tỉnh" or
    "-provinsen" somewhere, and Vietnam's provinces and cities, the one written most often
    (diacritics aside), as most often written."""
    # A text written several times (an article's own, and as each part shows it: 46,000 texts,
    # 8,000 of them different, for bench.scale's 10,000 articles) is read once and counted as
    # often as it is written; taken in the order first written, the names first met are too.
    times = Counter(texts)
    texts = list(times)
    places: set[str] = set()
    folded = [_fold_in_place(text) for text in texts]
    for text in texts:
        for m in _PLACE_OF.finditer(text):
            places.add(fold(m.group(1) or m.group(2)))
    if not places:  # no "province" written: Vietnam's provinces and cities, by name
        for text, low in zip(texts, folded):
            for m in _places().finditer(low):
                if text[m.start() : m.start() + 1].isupper():
                    places.add(m.group(0))
    if not places:
        return None
    counts: Counter[str] = Counter()
    written: dict[str, Counter[str]] = {}
    alternation = re.compile(
        r"(?<!\w)(" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in places) + r")(?!\w)"
    )
    for text, low in zip(texts, folded):
        for m in alternation.finditer(low):
            key = m.group(1)
            counts[key] += times[text]
            written.setdefault(key, Counter())[text[m.start() : m.end()]] += times[text]
    if not counts:
        return None
    key = max(sorted(counts), key=lambda k: counts[k])
    return written[key].most_common(1)[0][0]
