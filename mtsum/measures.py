"""The measure vocabulary of provincial investment news (``mtsum/data/measures.toml``): what a
figure can measure ("FDI attracted", "projects"), its names in each language, its label in
each part, its rank in the key figures table, and the words that narrow a count ("12
Japanese investment projects" is not the province's projects). A library: the figures stage
reads figures with it, render names them with it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources

from mtsum import languages
from mtsum.model import OTHER, Figure, Kind


@dataclass(frozen=True)
class Measure:
    key: str
    labels: dict[str, str]
    kinds: frozenset[str]
    words: dict[str, tuple[str, ...]]
    context: dict[str, tuple[str, ...]] = field(default_factory=dict)
    becomes: str | None = None
    rank: int = 99  # its place in the key figures table
    # kinds of it that figures keep apart ("investment outside the state budget"): each with
    # its labels and its words, in the file's order
    variants: dict[str, Variant] = field(default_factory=dict)

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels["en"]


@dataclass(frozen=True)
class Variant:
    key: str
    labels: dict[str, str]
    words: dict[str, tuple[str, ...]]

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels["en"]


def _load_toml(text: str) -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    return tomllib.loads(text)


@functools.cache
def _measures_file() -> dict:
    return _load_toml(
        resources.files("mtsum").joinpath("data/measures.toml").read_text(encoding="utf-8")
    )


@functools.cache
def measures() -> dict[str, Measure]:
    """The measure vocabulary, in its file's order (the first listed wins a tie)."""
    out = {}
    for key, entry in _measures_file().items():
        if key.startswith("_"):
            continue  # not a measure (_broad, _narrowing)
        out[key] = Measure(
            key,
            {"en": entry["en"], "vi": entry["vi"]},
            frozenset(entry["kinds"]),
            {lang: tuple(ws) for lang, ws in entry.get("words", {}).items()},
            {lang: tuple(ws) for lang, ws in entry.get("context", {}).items()},
            entry.get("becomes"),
            entry.get("rank", 99),
            {
                name: Variant(
                    name,
                    {"en": v["en"], "vi": v["vi"]},
                    {lang: tuple(ws) for lang, ws in v.get("words", {}).items()},
                )
                for name, v in entry.get("variants", {}).items()
            },
        )
    return out


def variant_of(measure: str, lang: str | None, words: str) -> str:
    """The kind of ``measure`` that ``words`` name (``"non_budget"`` for "investment outside
    the budget"), or "" where they name none of its variants (or it has none)."""
    for key, pattern in _variant_patterns(measure, languages.base(lang) or "en"):
        if pattern.search(words):
            return key
    return ""


@functools.cache
def _variant_patterns(measure: str, code: str) -> tuple[tuple[str, re.Pattern], ...]:
    found = measures().get(measure)
    if found is None:
        return ()
    out = []
    for key, variant in found.variants.items():
        words = variant.words.get(code) or variant.words.get("en", ())
        if words:
            alternation = "|".join(_word_pattern(w, code) for w in words)
            out.append((key, re.compile(alternation, re.IGNORECASE)))
    return tuple(out)


def variant_label(measure: str, variant: str, lang: str) -> str | None:
    """A variant's name in ``lang`` ("Investment outside the state budget")."""
    found = measures().get(measure)
    kind = found.variants.get(variant) if found else None
    return kind.label(lang) if kind else None


@functools.cache
def _words_of(table: str) -> dict[str, frozenset[str]]:
    """A word list per language from measures.toml (``_broad``, ``_narrowing``)."""
    return {lang: frozenset(words) for lang, words in _measures_file()[table].items()}


def narrowed(figure: Figure) -> str:
    """The words by which a count of a known measure counts fewer things than its measure
    names ("Japanese" in "12 Japanese investment projects", "mới" in "8 dự án mới"); "" where
    its words only name the measure, or the field all this news is about ("17 FDI projects",
    "200 foreign-invested businesses"). Words before the measure's own word narrow it in
    English and Norwegian (words after are verbs and prepositions: "projects worth"); in
    Vietnamese the words after it, where they are known to narrow (units are cut at a few
    syllables). A narrowed count is shown as written and never taken for the measure's whole."""
    return _narrowing(figure.kind, figure.measure, figure.lang, figure.unit)


@functools.lru_cache(maxsize=4096)
def _narrowing(kind: str, measure: str, lang: str | None, unit: str) -> str:
    if kind != Kind.COUNT or measure == OTHER or measure not in measures():
        return ""
    code = languages.base(lang) or "en"
    unit = unit.lower()
    own = _measure_words_pattern(measure, code)
    found = own.search(unit) if own else None
    if found is None:
        return ""
    if code == "vi":
        after = re.findall(r"[\w'’]+", unit[found.end() :])
        narrowing = _words_of("_narrowing").get("vi", frozenset())
        return " ".join(w for w in after if w in narrowing)
    broad = _words_of("_broad").get(code, frozenset())
    before = re.findall(r"[\w'’]+", unit[: found.start()])
    return " ".join(w for w in before if w not in broad and not w.isdigit())


@functools.cache
def _measure_words_pattern(key: str, code: str) -> re.Pattern | None:
    names = _names(measures()[key], code)
    return re.compile(names, re.IGNORECASE) if names else None


def _names(m: Measure, code: str | None) -> str:
    """A measure's names in a language (else English) as one alternation, longest first;
    "" where it has none."""
    words = m.words.get(code) or m.words.get("en", ())
    return "|".join(_word_pattern(w, code) for w in sorted(words, key=len, reverse=True))


def measure_label(key: str, lang: str) -> str | None:
    """A measure's name in ``lang`` ("FDI attracted" / "Vốn FDI thu hút"); None for other."""
    found = measures().get(key)
    return found.label(lang) if found else None


_COMPOUNDING = {"no", "da", "sv", "de"}


def _word_pattern(word: str, lang: str) -> str:
    word, _, not_next = word.partition(" !")  # "khách !sạn": "khách", not "khách sạn"
    unless = (
        r"(?!\s+(?:"
        + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in not_next.split("|"))
        + r")(?![\w-]))"
        if not_next
        else ""
    )
    stem = word.endswith("*")
    body = re.escape(word.rstrip("*")).replace(r"\ ", r"\s+")
    if languages.base(lang) in _COMPOUNDING and len(word.rstrip("*")) >= 6:
        # inside compounds ("direkteinvesteringsprosjekter"); bounded, so that a long run of
        # letters costs linear time, not quadratic
        return rf"\w{{0,30}}{body}\w{{0,30}}{unless}"
    return rf"(?<![\w-]){body}" + (r"[\w-]*" if stem else r"(?![\w-])") + unless
