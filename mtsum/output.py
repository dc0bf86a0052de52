"""Writing output files: checked before the work, replaced together, never half-written.

A run's files (a briefing's HTML and JSON, the folder's index) are written to temporary names
beside them, then a small journal names the renames to come, then each is renamed into place,
then the journal is removed. A run killed before the journal leaves the previous files as they
were (and its temporary files are removed by the next run); a run killed between the renames
leaves the journal, and the next run (or :func:`recover`) completes them: the files of one run
are replaced together or not at all. Files get the user's umask (0644 typically), as any file
the user writes.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
from collections.abc import Mapping
from pathlib import Path

from mtsum.errors import OutputError, UsageError

log = logging.getLogger(__name__)

JOURNAL = ".mtsum-pending.json"
_TEMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)-[0-9a-f]{8}\.tmp$")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def recover(folder: str | os.PathLike) -> None:
    """Finish what a killed run left: complete the renames its journal names, and remove the
    temporary files of runs that are no longer running."""
    folder = Path(folder)
    journal = folder / JOURNAL
    if journal.is_file():
        try:
            pending = json.loads(journal.read_text(encoding="utf-8"))["files"]
            done = []
            for temp, final in pending:
                if (folder / temp).is_file():
                    os.replace(folder / temp, folder / final)
                    done.append(final)
            _fsync_dir(folder)
            journal.unlink()
            if done:
                log.warning("%s: completed the interrupted writing of %s", folder, ", ".join(done))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("%s: cannot complete an interrupted write (%s)", folder, exc)
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        m = _TEMP.match(path.name)
        if m and path.is_file() and not _alive(int(m.group("pid"))):
            path.unlink(missing_ok=True)


def check_writable(folder: str | os.PathLike, what: str = "--out") -> Path:
    """Make sure files can be written in ``folder`` before any work is done, without making
    it yet: raises :class:`UsageError` with one line otherwise."""
    folder = Path(folder)
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if existing.exists() and not existing.is_dir():
        raise UsageError(f"{what} {folder}: {existing} is a file, not a folder")
    if existing != folder:  # the folder will be made at the end: can it be?
        if not os.access(existing, os.W_OK | os.X_OK):
            raise UsageError(f"{what} {folder}: cannot make it in {existing}: permission denied")
        return folder
    probe = folder / f".mtsum-probe.{os.getpid()}-{secrets.token_hex(4)}.tmp"
    try:
        with open(probe, "x", encoding="utf-8") as fh:
            fh.write("mtsum")
    except OSError as exc:
        raise UsageError(f"{what} {folder}: cannot write there: {exc.strerror or exc}") from None
    finally:
        probe.unlink(missing_ok=True)
    recover(folder)
    return folder


def write_together(folder: str | os.PathLike, files: Mapping[str, str]) -> list[Path]:
    """Write ``files`` (name -> text) into ``folder``, replacing them together or not at all.
    Raises :class:`OutputError` when they cannot be written; the previous files stay."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot make this folder: {exc.strerror or exc}") from None
    recover(folder)
    token = f"{os.getpid()}-{secrets.token_hex(4)}"
    temps: dict[str, Path] = {}
    journal = folder / JOURNAL
    journal_temp = folder / f".{JOURNAL}.{token}.tmp"
    committed = False
    try:
        for name, content in files.items():
            temp = folder / f".{name}.{token}.tmp"
            temps[name] = temp
            with open(temp, "x", encoding="utf-8", newline="\n") as fh:
                fh.write(content)
                fh.flush()
                os.fsync(fh.fileno())
        with open(journal_temp, "x", encoding="utf-8") as fh:
            json.dump({"files": [[t.name, n] for n, t in temps.items()]}, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(journal_temp, journal)
        committed = True  # from here on the new files win, now or at the next run
        _fsync_dir(folder)
        for name, temp in temps.items():
            os.replace(temp, folder / name)
        _fsync_dir(folder)
        journal.unlink()
    except OSError as exc:
        if not committed:
            for temp in [*temps.values(), journal_temp]:
                temp.unlink(missing_ok=True)
            raise OutputError(
                f"{folder}: cannot write {', '.join(files)}: "
                f"{exc.strerror or exc}; the previous files are kept"
            ) from None
        recover(folder)
    except BaseException:  # Ctrl-C: before the journal, nothing changes
        if not committed:
            for temp in [*temps.values(), journal_temp]:
                temp.unlink(missing_ok=True)
        raise
    return [folder / name for name in files]
