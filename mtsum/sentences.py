"""Sentences and words: the one place that splits text, for every stage that needs it.

Sentence splitting is language-aware through ``sentencex`` (Wikimedia's segmenter, with
abbreviation lists for ~300 languages and fallbacks between related languages). Its cuts are
then mended where they would break a figure or a name: after an abbreviation of the language
("3 mill. kroner", "5 mrd. kroner", "TP. Hồ Chí Minh", "PGS. TS. Nguyễn Văn A"), after an
ordinal day ("27. november 2023"), and wherever the next piece starts in lower case, which a
sentence never does.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from mtsum import languages

_WORD = re.compile(r"\w+", re.UNICODE)


# Abbreviations that end with a full stop inside a sentence, per language (lower case).
@functools.cache
def _abbreviations(lang: str) -> frozenset[str]:
    """The abbreviations of ``lang`` (``mtsum/data/abbreviations.toml``)."""
    table = _abbreviation_table()
    entry = table.get(lang, {})
    words = set(entry.get("words", ()))
    if "also" in entry:
        words |= set(table[entry["also"]]["words"])
    return frozenset(words)


@functools.cache
def _abbreviation_table() -> dict:
    from importlib import resources

    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]

    text = resources.files("mtsum").joinpath("data/abbreviations.toml").read_text("utf-8")
    return tomllib.loads(text)


_LAST_WORD = re.compile(r"(?:^|[\s(\"'“‘])([^\W\d_][\w.]*?)\.\s*$", re.UNICODE)
_ORDINAL_END = re.compile(r"(?:^|\s)\d{1,2}\.\s*$")


def _continues(previous: str, following: str, lang: str | None) -> bool:
    """Whether a cut between ``previous`` and ``following`` falls inside one sentence."""
    first = following.lstrip()[:1]
    if not first:
        return False
    if first.isalpha() and first.islower():
        return True  # "3 mill. kroner", "27. november 2023"
    m = _LAST_WORD.search(previous)
    if m and m.group(1).lower() in _abbreviations(languages.base(lang)):
        return True  # "TP. Hồ Chí Minh", "nr. 20"
    return bool(_ORDINAL_END.search(previous) and first.isdigit())


def split_sentences(text: str, lang: str | None = "en") -> list[str]:
    """Split one paragraph into sentences, stripped, none empty."""
    return list(_split(text, lang))


@functools.lru_cache(maxsize=4096)
def _split(text: str, lang: str | None) -> tuple[str, ...]:
    """:func:`split_sentences`, kept for the paragraphs met lately: a brief splits an
    article's paragraphs for its translation, its summary and its summary in another part."""
    from sentencex import segment

    pieces = [s for s in segment(languages.segmenter(lang), text) if s.strip()]
    merged: list[str] = []
    for piece in pieces:
        if merged and _continues(merged[-1], piece, lang):
            merged[-1] = merged[-1] + piece
        else:
            merged.append(piece)
    return tuple(re.sub(r"\s+", " ", s).strip() for s in merged if s.strip())


def words(text: str) -> list[str]:
    """Lower-cased word tokens (Unicode-aware: Vietnamese diacritics and CJK stay)."""
    return _WORD.findall(text.lower())


def fold_marks(text: str) -> str:
    """Drop combining diacritics ("Quảng" -> "Quang"); for matching names in English text."""
    if text.isascii():
        return text  # nothing to drop (most English text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "d")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


@functools.cache
def _stopword_lists() -> dict[str, list[str]] | None:
    """stopwordsiso's data file, read without importing the package: its ``__init__`` asks
    importlib.metadata for its version, which parses its metadata with the email package
    (25 ms of every brief's start-up). None where the file is not where it is looked for."""
    import importlib.util
    import json
    from pathlib import Path

    spec = importlib.util.find_spec("stopwordsiso")
    for folder in (spec and spec.submodule_search_locations) or ():
        path = Path(folder, "stopwords-iso.json")
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    return None


@functools.cache
def stopwords(lang: str | None) -> frozenset[str]:
    """Stopwords from stopwordsiso; an empty set for languages it does not know."""
    code = languages.stopword_code(lang)
    lists = _stopword_lists()
    if lists is None:
        import stopwordsiso

        return frozenset(w.lower() for w in stopwordsiso.stopwords(code))
    return frozenset(w.lower() for w in lists.get(code.lower(), ()))


def content_words(text: str, lang: str | None) -> set[str]:
    """The words of ``text`` that carry its content: lower case, no stopwords, no digits
    alone, diacritics folded (so "Quảng Ninh" meets "Quang Ninh")."""
    stop = stopwords(lang)
    return {fold_marks(w) for w in words(text) if w not in stop and not w.isdigit()}
