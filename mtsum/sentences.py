"""Sentences and words: the one place that splits text, for every stage that needs it.

Sentence splitting is language-aware through ``sentencex`` (Wikimedia's segmenter, with
abbreviation lists for ~300 languages and fallbacks between related languages).
"""

from __future__ import annotations

import functools
import re
import unicodedata

_WORD = re.compile(r"\w+", re.UNICODE)

# langdetect codes -> the codes sentencex and stopwordsiso use.
_LANG_ALIASES = {"no": "nb", "nn": "nb", "zh-cn": "zh", "zh-tw": "zh"}


def base_lang(lang: str | None) -> str:
    return _LANG_ALIASES.get(lang or "en", lang or "en")


def split_sentences(text: str, lang: str | None = "en") -> list[str]:
    """Split one paragraph into sentences, stripped, none empty."""
    from sentencex import segment

    return [s.strip() for s in segment(base_lang(lang), text) if s.strip()]


def words(text: str) -> list[str]:
    """Lower-cased word tokens (Unicode-aware: Vietnamese diacritics and CJK stay)."""
    return _WORD.findall(text.lower())


def fold_marks(text: str) -> str:
    """Drop combining diacritics ("Quảng" -> "Quang"); for matching names in English text."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "d")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


@functools.cache
def stopwords(lang: str | None) -> frozenset[str]:
    """Stopwords from stopwordsiso; an empty set for languages it does not know."""
    import stopwordsiso

    code = base_lang(lang)
    if code == "nb":
        code = "no"
    return frozenset(w.lower() for w in stopwordsiso.stopwords(code))  # empty when unknown
