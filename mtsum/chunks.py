"""Packing text under a model's limits: the one helper every model input goes through.

- :func:`split_to_fit` cuts a text that is too long for a model into pieces that each fit:
  at clause breaks, else between words, else into windows of characters, which also covers
  scripts written without spaces (Chinese, Japanese) and single long tokens (a URL). Every
  piece is checked to fit before it is returned; nothing is ever truncated.
- :func:`pack` groups consecutive items greedily while the group still fits (sentences into
  a chunk for the summariser, sentences of one length into a translation batch).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

_CLAUSE_BREAK = re.compile(r"(?<=[;:,\u2014\u2013)、，；：。])\s*")


class TooSmall(ValueError):
    """Not even one character fits the limit: the limit is wrong, not the text."""


def pack(items: Sequence[T], fits: Callable[[list[T]], bool]) -> list[list[T]]:
    """Consecutive items in groups, each as large as ``fits`` allows. An item that does not
    fit alone is a group of its own (split such items first with :func:`split_to_fit`)."""
    groups: list[list[T]] = []
    current: list[T] = []
    for item in items:
        if current and fits(current + [item]):
            current.append(item)
        elif current:
            groups.append(current)
            current = [item]
        else:
            current = [item]
    if current:
        groups.append(current)
    return groups


def _clauses(text: str) -> list[str]:
    return [p for p in _CLAUSE_BREAK.split(text) if p.strip()]


def _words(text: str) -> list[str]:
    return text.split()


def _windows(text: str, fits: Callable[[str], bool]) -> list[str]:
    """The longest prefixes that fit, one after the other (binary search on the length),
    never cutting a letter from its combining marks."""
    pieces, rest = [], text
    while rest:
        if fits(rest):
            pieces.append(rest)
            break
        low, high = 1, len(rest)
        if not fits(rest[:1]):
            raise TooSmall(f"not even one character fits the model's limit: {rest[:20]!r}")
        while low < high:  # the largest n with fits(rest[:n])
            mid = (low + high + 1) // 2
            if fits(rest[:mid]):
                low = mid
            else:
                high = mid - 1
        cut = low
        while cut > 1 and unicodedata.combining(rest[cut]):  # keep "ệ" whole
            cut -= 1
        pieces.append(rest[:cut])
        rest = rest[cut:]
    return pieces


def split_to_fit(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Pieces of ``text``, in order, each of which ``fits``: whole clauses where they fit,
    else words, else character windows. Raises :class:`TooSmall` only when a single
    character does not fit."""
    if fits(text):
        return [text]
    pieces: list[str] = []
    for part in _split_level(text, fits, 0):
        pieces.append(part)
    if not all(fits(p) for p in pieces):  # the guarantee, checked
        raise AssertionError("split_to_fit produced a piece that does not fit")
    return pieces


def _split_level(text: str, fits: Callable[[str], bool], level: int) -> list[str]:
    if fits(text):
        return [text]
    if level == 2:
        return _windows(text, fits)
    parts = (_clauses if level == 0 else _words)(text)
    if len(parts) <= 1:
        return _split_level(text, fits, level + 1)
    out: list[str] = []
    for group in pack(parts, lambda g: fits(" ".join(g))):
        joined = " ".join(group)
        if fits(joined):
            out.append(joined)
        else:  # one part alone is too long: the next level down
            out.extend(_split_level(joined, fits, level + 1))
    return out
