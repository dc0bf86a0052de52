"""Compiled regular expressions kept between runs.

Python compiles a pattern on its first use in each process: parsing it and generating its SRE
code is pure Python (``re._parser``, ``re._compiler``), and the figures', dates' and scope's
several hundred patterns (some of them long alternations of names) cost a brief of the five
seed articles about a sixth of its start. Within :func:`kept`, the code generated for each
pattern is kept in one file of mtsum's cache folder, and the next run makes the pattern from
it (``_sre.compile``, the call ``re._compiler.compile`` ends with) instead of parsing it again:
the same pattern object, since the file is named after the interpreter's exact version and
SRE's magic number, and ``_sre`` validates the code it is given. A file that cannot be read
or written, or an interpreter without ``re._compiler`` (Python 3.10), only means compiling
again. The file holds the patterns of the last run that compiled a new one, so patterns
built from an input's text cannot make it grow from run to run.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

try:  # Python 3.11+
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10: sre_compile, compiled each run
    _compiler = None

_lock = threading.Lock()
_active: list[_Kept] = []  # the table in use (a block inside another uses the outer's)


def cache_file(folder: Path) -> Path:
    tag = f"{sys.implementation.name}-{sys.hexversion:x}-{getattr(_sre, 'MAGIC', 0)}"
    return folder / "patterns" / f"{tag}.marshal"


class _Kept:
    """The code of the patterns compiled so far: loaded from ``path``, and what was used."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.table: dict = {}  # (source, flags) -> the arguments of _sre.compile after source
        self.literals: dict = {}  # (source, flags) -> what literals() gives
        self.used: dict = {}
        self.used_literals: dict = {}
        self.new = False
        try:
            kept = marshal.loads(path.read_bytes())
            if isinstance(kept.get("code"), dict) and isinstance(kept.get("literals"), dict):
                self.table, self.literals = kept["code"], kept["literals"]
        except (OSError, ValueError, EOFError, TypeError, AttributeError):
            pass  # none yet, or damaged: compiled again

    def compile(self, p, flags=0):
        if not isinstance(p, str) or flags & re.DEBUG:
            return _original(p, flags)
        key = (p, int(flags))
        entry = self.table.get(key)
        if entry is not None:
            try:
                pattern = _sre.compile(p, *entry)
            except Exception:  # noqa: BLE001 - not this interpreter's code: compiled again
                entry = None
            else:
                self.used[key] = entry
                return pattern
        try:
            entry = _made(p, flags)
            pattern = _sre.compile(p, *entry)
        except Exception:  # noqa: BLE001 - a bad pattern (re says why), or another re inside
            return _original(p, flags)
        self.used[key] = self.table[key] = entry
        self.new = True
        return pattern

    def save(self) -> None:
        if not self.new:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            try:
                kept = {"code": dict(self.used), "literals": dict(self.used_literals)}
                with open(tmp, "wb") as fh:
                    fh.write(marshal.dumps(kept))
                os.replace(tmp, self.path)  # whole or not at all: a reader never sees half
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except (OSError, ValueError):
            pass  # a folder that cannot be written: compiled again next time


_original = _compiler.compile if _compiler is not None else None


def _made(p: str, flags: int) -> tuple:
    """The arguments ``re._compiler.compile`` gives ``_sre.compile`` after the source."""
    parsed = _parser.parse(p, flags)
    code = [int(c) for c in _compiler._code(parsed, flags)]  # opcodes are int subclasses
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    groups = parsed.state.groups - 1
    return (flags | parsed.state.flags, code, groups, groupindex, tuple(indexgroup))


def _compile(p, flags=0):
    return _active[0].compile(p, flags) if _active else _original(p, flags)


@contextlib.contextmanager
def kept(folder: Path | None, *, save: bool = True) -> Iterator[None]:
    """Patterns compiled in this block (in any thread) made from the code kept under
    ``folder``, and the code of this block's patterns kept there for the next run (unless
    ``save`` is false). ``folder`` None: nothing kept."""
    if _compiler is None or folder is None or _active:  # in a block already: its table
        yield
        return
    table = _Kept(cache_file(Path(folder)))
    with _lock:
        _active.append(table)
        _compiler.compile = _compile
    try:
        yield
    finally:
        with _lock:
            _active.remove(table)
            if not _active:
                _compiler.compile = _original
        if save:
            table.save()


# --- literals every match contains ---------------------------------------------------------

_found: dict = {}  # (source, flags) -> literals(), for this process


def literals(pattern: re.Pattern) -> tuple[bool, tuple[str, ...]] | None:
    """(folded, strings): every match of ``pattern`` contains one of the strings, so a text
    that contains none of them (folded by :func:`folded` first where ``folded`` is true: the
    pattern ignores case) has no match, and searching it can be skipped with the same result.
    None where the pattern names no such strings (a match could be anything, or empty). Read
    from the pattern's parse tree: a run of literal characters, or an alternation whose every
    branch has one, in a part every match goes through."""
    key = (pattern.pattern, pattern.flags)
    table = _active[0] if _active else None
    if table is not None and key in table.literals:
        found = table.literals[key]
    elif key in _found:
        found = _found[key]
    else:
        found = _literals(pattern)
        if table is not None:
            table.new = True
    _found[key] = found
    if table is not None:
        table.used_literals[key] = found
    return found if found is None else (found[0], tuple(found[1]))


def _literals(pattern: re.Pattern):
    flags = pattern.flags
    if _compiler is None or not isinstance(pattern.pattern, str) or flags & (re.LOCALE | re.ASCII):
        return None
    parsed = _parser.parse(pattern.pattern, flags)
    ignore_case = bool(parsed.state.flags & re.IGNORECASE)
    found = _required(parsed, ignore_case)
    return None if found is None else (ignore_case, sorted(found))


def _required(sub, ignore_case: bool) -> frozenset[str] | None:
    """Strings one of which every match of the parsed sequence ``sub`` contains, else None."""
    from re import _constants as c  # type: ignore[attr-defined]

    choices: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in list(sub) + [(None, None)]:
        if op is c.LITERAL:
            run.append(chr(_fold_code(av)) if ignore_case else chr(av))
            continue
        if run:
            choices.append(frozenset(["".join(run)]))
            run = []
        inner = _required_by(op, av, ignore_case)
        if inner is _UNREAD:
            return None
        if inner:
            choices.append(inner)
    # the most selective: the longest shortest string, then the fewest strings
    return max(choices, key=lambda s: (min(map(len, s)), -len(s))) if choices else None


_UNREAD = frozenset(["(unread)"])  # the case rules change inside: nothing is read


def _required_by(op, av, ignore_case: bool) -> frozenset[str] | None:
    """What one element (not a literal) of a parsed sequence needs: strings one of which its
    every match contains; None where nothing; :data:`_UNREAD` where it cannot be read."""
    from re import _constants as c  # type: ignore[attr-defined]

    if op is c.BRANCH:
        branches = [_required(b, ignore_case) for b in av[1]]
        if all(b is not None for b in branches):
            return frozenset().union(*branches)  # type: ignore[arg-type]
    elif op is c.SUBPATTERN:
        _, add, remove, body = av
        if (add | remove) & (re.IGNORECASE | re.LOCALE | re.ASCII):
            return _UNREAD
        return _required(body, ignore_case)
    elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _required(av[2], ignore_case)
    elif op is c.ATOMIC_GROUP:
        return _required(av, ignore_case)
    elif op is c.IN and all(kind is c.LITERAL for kind, _ in av):  # a few: [年년], [/.-]
        return frozenset(chr(_fold_code(x) if ignore_case else x) for _, x in av)
    return None


def _fold_code(code: int) -> int:
    """A character as a pattern that ignores case sees it: its lower case (SRE's), and one
    of each group of characters SRE takes as the same letter (``re._casefix``: 'ſ' is 's')."""
    from re._casefix import _EXTRA_CASES

    lower = _sre.unicode_tolower(code)
    return min((lower, *_EXTRA_CASES.get(lower, ())))


class _Folding(dict):
    def __missing__(self, code: int) -> int:
        self[code] = folded_code = _fold_code(code)
        return folded_code


_FOLDING = _Folding()


def folded(text: str) -> str:
    """``text`` as :func:`literals`' folded strings are: each character as a pattern that
    ignores case compares it (ASCII: its lower case)."""
    return text.lower() if text.isascii() else text.translate(_FOLDING)


def could_match(found: tuple[bool, tuple[str, ...]] | None, text: str, text_folded: str) -> bool:
    """False where ``text`` contains none of the strings of ``found`` (:func:`literals`):
    then the pattern has no match in it."""
    if found is None:
        return True
    # map with the bound method: no generator frame per string (the dates' and periods' gates
    # make about 130 of these tests a sentence)
    return any(map((text_folded if found[0] else text).__contains__, found[1]))


class Gate:
    """:func:`could_match` for a list of patterns at once, the patterns a text may match found
    in one pass: each string of their :func:`literals` is looked for once, however many of
    the patterns name it (the dates' month names are six patterns' words), and the patterns
    none of whose strings are there are not visited at all."""

    def __init__(self, needs: list[tuple[bool, tuple[str, ...]] | None]) -> None:
        self.always = frozenset(k for k, found in enumerate(needs) if found is None)
        self.by_folded: dict[str, list[int]] = {}
        self.by_written: dict[str, list[int]] = {}
        for k, found in enumerate(needs):
            if found is not None:
                table = self.by_folded if found[0] else self.by_written
                for s in found[1]:
                    table.setdefault(s, []).append(k)
        self.folded_strings, self.written_strings = tuple(self.by_folded), tuple(self.by_written)

    def open(self, text: str, text_folded: str) -> list[int]:
        """The indices, in order, of the patterns :func:`could_match` lets search ``text``."""
        found = set(self.always)
        for s in filter(text_folded.__contains__, self.folded_strings):
            found.update(self.by_folded[s])
        for s in filter(text.__contains__, self.written_strings):
            found.update(self.by_written[s])
        return sorted(found)
