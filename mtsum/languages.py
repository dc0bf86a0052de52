"""Language codes: the one table that maps langdetect's codes to every other library's.

mtsum names languages by langdetect's codes ("en", "vi", "no", "zh-cn"...). Babel, sentencex,
stopwordsiso, dateparser, NLLB and the model registry each spell some of them differently;
every such mapping lives here.
"""

from __future__ import annotations

# code -> (Babel locale, sentencex, stopwordsiso, dateparser, NLLB)
_TABLE: dict[str, tuple[str, str, str, str, str | None]] = {
    "en": ("en", "en", "en", "en", "eng_Latn"),
    "vi": ("vi", "vi", "vi", "vi", "vie_Latn"),
    "no": ("nb", "nb", "no", "nb", "nob_Latn"),
    "nb": ("nb", "nb", "no", "nb", "nob_Latn"),
    "nn": ("nn", "nb", "no", "nn", "nno_Latn"),
    "da": ("da", "da", "da", "da", "dan_Latn"),
    "sv": ("sv", "sv", "sv", "sv", "swe_Latn"),
    "de": ("de", "de", "de", "de", "deu_Latn"),
    "fr": ("fr", "fr", "fr", "fr", "fra_Latn"),
    "es": ("es", "es", "es", "es", "spa_Latn"),
    "ja": ("ja", "ja", "ja", "ja", "jpn_Jpan"),
    "ko": ("ko", "ko", "ko", "ko", "kor_Hang"),
    "zh-cn": ("zh_Hans", "zh", "zh", "zh", "zho_Hans"),
    "zh-tw": ("zh_Hant", "zh", "zh", "zh-Hant", "zho_Hant"),
    "zh": ("zh_Hans", "zh", "zh", "zh", "zho_Hans"),
    "ru": ("ru", "ru", "ru", "ru", "rus_Cyrl"),
}

# Languages that read numbers, scale words and dates like another ("nn" like "no").
_FAMILY = {"nb": "no", "nn": "no", "zh-cn": "zh", "zh-tw": "zh"}


def _row(code: str | None) -> tuple[str, str, str, str, str | None] | None:
    return _TABLE.get((code or "en").lower())


def base(code: str | None) -> str:
    """The code that routing and word tables use: "nb"/"nn" are "no", "zh-cn"/"zh-tw" "zh"."""
    code = (code or "en").lower().replace("_", "-")
    if code in ("nob", "nno"):
        return "no"
    return _FAMILY.get(code, code)


def babel_locale(code: str | None) -> str:
    row = _row(code)
    return row[0] if row else (code or "en").replace("-", "_")


def babel_name(code: str) -> str:
    """The key of Babel's language names ("no" is "Norwegian", "zh-tw" "zh_Hant")."""
    return {"zh-cn": "zh_Hans", "zh-tw": "zh_Hant"}.get(code, code.replace("-", "_"))


def segmenter(code: str | None) -> str:
    """sentencex's code."""
    row = _row(code)
    return row[1] if row else (code or "en")


def stopword_code(code: str | None) -> str:
    row = _row(code)
    return row[2] if row else (code or "en")


def dateparser_code(code: str | None) -> str | None:
    row = _row(code)
    return row[3] if row else None


def nllb(code: str | None) -> str | None:
    row = _row(code)
    return row[4] if row else None
