"""``mtsum verify``: check the figures of an existing translation against its source.

The translation may be mtsum's own, another engine's or a translation agency's. Paragraphs
(separated by blank lines) are compared in order; every number of a source paragraph (value,
scale, unit, percent) must be in its translation and every number of the translation in its
source (:func:`mtsum.numbers.check_numbers`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mtsum.errors import UsageError
from mtsum.numbers import check_numbers


@dataclass(frozen=True)
class ParagraphMismatch:
    paragraph: int  # 1-based
    missing: tuple[str, ...]  # in the source, not in the translation
    unexpected: tuple[str, ...]  # in the translation, not in the source
    source: str
    translation: str


@dataclass(frozen=True)
class Verification:
    paragraphs: int
    mismatches: tuple[ParagraphMismatch, ...]

    @property
    def ok(self) -> bool:
        return not self.mismatches

    def to_json(self) -> dict:
        return {
            "paragraphs": self.paragraphs,
            "mismatches": [
                {
                    "paragraph": m.paragraph,
                    "missing": list(m.missing),
                    "unexpected": list(m.unexpected),
                }
                for m in self.mismatches
            ],
        }


def paragraphs(text: str) -> list[str]:
    """Paragraphs: blocks separated by blank lines, inner whitespace collapsed."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    return [" ".join(b.split()) for b in blocks if b.strip()]


def verify_texts(
    source: str, translation: str, source_lang: str | None, target_lang: str | None
) -> Verification:
    """Compare the numbers of ``source`` and ``translation`` paragraph by paragraph.

    Raises :class:`UsageError` when the two have different numbers of paragraphs."""
    src, tgt = paragraphs(source), paragraphs(translation)
    if len(src) != len(tgt):
        raise UsageError(
            f"the source has {len(src)} paragraph(s) and the translation "
            f"{len(tgt)}: they are compared in order, so the counts must match "
            "(paragraphs are separated by blank lines)"
        )
    mismatches = []
    for k, (a, b) in enumerate(zip(src, tgt), 1):
        check = check_numbers(a, source_lang, b, target_lang)
        if not check.ok:
            mismatches.append(ParagraphMismatch(k, check.missing, check.unexpected, a, b))
    return Verification(len(src), tuple(mismatches))
