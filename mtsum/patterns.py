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
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - Python 3.10: sre_compile, compiled each run
    _compiler = None  # type: ignore[assignment]

_lock = threading.Lock()
_active: list[_Kept] = []  # the table in use (a block inside another uses the outer's)


def cache_file(folder: Path) -> Path:
    tag = f"{sys.implementation.name}-{sys.hexversion:x}-{getattr(_sre, 'MAGIC', 0)}"
    return folder / "patterns" / f"{tag}.marshal"


class _Kept:
    """The code of the patterns compiled so far: loaded from ``path``, and what was used."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.table: dict = {}
        self.used: dict = {}
        self.new = False
        try:
            table = marshal.loads(path.read_bytes())
            if isinstance(table, dict):
                self.table = table
        except (OSError, ValueError, EOFError, TypeError):
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
        parsed = _parser.parse(p, flags)
        code = [int(c) for c in _compiler._code(parsed, flags)]  # opcodes are int subclasses
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry = (
            flags | parsed.state.flags,
            code,
            parsed.state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
        self.used[key] = self.table[key] = entry
        self.new = True
        return _sre.compile(p, *entry)

    def save(self) -> None:
        if not self.new:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            try:
                with open(tmp, "wb") as fh:
                    fh.write(marshal.dumps(dict(self.used)))
                os.replace(tmp, self.path)  # whole or not at all: a reader never sees half
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except (OSError, ValueError):
            pass  # a folder that cannot be written: compiled again next time


_original = _compiler.compile if _compiler is not None else None


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
