"""Writing output files: checked before the work, replaced together, never half-written.

A run's files (a briefing's HTML and JSON, the folder's index) are written to temporary names
beside them, then a small journal names the renames to come, then each is renamed into place,
then the journal is removed. A run killed before the journal leaves the previous files as they
were (and its temporary files are removed by the next run); a run killed between the renames
leaves the journal, and the next run (or :func:`recover`) completes them: the files of one run
are replaced together or not at all. Files get the user's umask (0644 typically), as any file
the user writes.

One writer per folder at a time: :func:`locked` holds an advisory lock (``flock`` on
:data:`LOCK` in the folder) for a whole ``mtsum brief`` run, for :func:`write_together` and for
the reading of the folder's index, so two runs started together never publish a briefing's
HTML from one and its JSON from the other: the second waits for the first, at most its bound,
then stops with one line (exit 2). Journals are named per run and :func:`recover` completes
only those of runs that are gone, so even where ``flock`` is not honoured (some network file
systems) a running writer's journal is never taken over.
"""

# Long on purpose (over 60 lines or cyclomatic complexity 20; tests/test_shape.py):
#   locked: the output folder's lock: take, wait, report the holder, release and clean

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from mtsum.errors import OutputError, UsageError

log = logging.getLogger(__name__)

JOURNAL = ".mtsum-pending.json"  # the journal of mtsum 0.x (one name for every run)
_JOURNAL = re.compile(r"^\.mtsum-pending(?:\.(?P<pid>\d+)-[0-9a-f]{8})?\.json$")
_TEMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)-[0-9a-f]{8}\.tmp$")
LOCK = ".mtsum-lock"
WAIT = 60.0  # seconds a writer waits for another run's lock (``[run] lock_wait``)


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


def pending_journals(folder: str | os.PathLike) -> list[Path]:
    """The journals in ``folder`` (each run's own, and the single one of mtsum 0.x), oldest
    first."""
    folder = Path(folder)
    try:
        found = [p for p in folder.iterdir() if _JOURNAL.match(p.name)]
    except OSError:
        return []

    def age(path: Path) -> tuple[float, str]:
        try:
            return (path.stat().st_mtime, path.name)
        except OSError:
            return (0.0, path.name)

    return sorted(found, key=age)


def recover(folder: str | os.PathLike) -> None:
    """Finish what a killed run left: complete the renames its journal names, and remove the
    temporary files of runs that are no longer running. A running writer's journal and files
    are left alone."""
    folder = Path(folder)
    for journal in pending_journals(folder):
        pid = _JOURNAL.match(journal.name).group("pid")
        if pid is not None and int(pid) != os.getpid() and _alive(int(pid)):
            continue  # a run that is writing now (where the lock is not honoured)
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


_held = threading.local()  # folder -> [fd, depth] of the locks this thread holds


def _holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        pid = ""
    return f"another mtsum run (pid {pid})" if pid.isdigit() else "another mtsum run"


@contextmanager
def locked(
    folder: str | os.PathLike, *, wait: float | None = None, what: str = "--out"
) -> Iterator[Path]:
    """Hold ``folder``'s lock (making the folder if need be), then :func:`recover` it.

    Another process holding it is waited for, at most ``wait`` seconds (:data:`WAIT` when
    None), then :class:`UsageError` says who holds it (exit 2). Held again by the same thread
    it is not waited for. On release the lock file is removed, and the folder too if this
    lock made it and nothing was written in it.
    """
    import fcntl

    folder = Path(folder)
    key = os.path.realpath(folder)
    held = _held.__dict__.setdefault("folders", {})
    if key in held:
        held[key][1] += 1
        try:
            yield folder
        finally:
            held[key][1] -= 1
        return
    made = []  # the folders this lock makes, deepest first: removed again if left empty
    parent = folder
    while not parent.exists() and parent != parent.parent:
        made.append(parent)
        parent = parent.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot make this folder: {exc.strerror or exc}") from None
    path = folder / LOCK
    bound = WAIT if wait is None else wait
    deadline = time.monotonic() + bound
    said = False
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise OutputError(f"{what} {folder}: cannot lock it: {exc.strerror or exc}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if time.monotonic() >= deadline:
                who = _holder(fd)
                os.close(fd)
                raise UsageError(
                    f"{what} {folder}: {who} is writing there; waited {bound:g} s "
                    "([run] lock_wait), nothing was done"
                ) from None
            if not said:
                log.info(
                    "%s: %s is writing there; waiting (at most %g s)", folder, _holder(fd), bound
                )
                said = True
            os.close(fd)
            time.sleep(0.05)
            continue
        except OSError:  # ENOLCK: the file system has no locks; journals still keep runs apart
            pass
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except OSError:
            same = False
        if same:
            break
        os.close(fd)  # the holder removed it as we opened it: take the new one
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
    except OSError:
        pass
    held[key] = [fd, 1]
    try:
        recover(folder)
        yield folder
    finally:
        del held[key]
        try:
            path.unlink(missing_ok=True)  # while still held: a waiter re-checks the inode
        except OSError:
            pass
        os.close(fd)
        for empty in made:
            try:
                empty.rmdir()  # only when empty: a run that wrote nothing leaves nothing
            except OSError:
                break


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
        try:
            probe.unlink(missing_ok=True)
        except OSError:  # a read-only mount answers the unlink of a file never made
            pass
    return folder


def write_together(folder: str | os.PathLike, files: Mapping[str, str]) -> list[Path]:
    """Write ``files`` (name -> text) into ``folder``, replacing them together or not at all.
    Raises :class:`OutputError` when they cannot be written; the previous files stay."""
    with locked(folder) as folder:
        return _write_together(folder, files)


def _write_together(folder: Path, files: Mapping[str, str]) -> list[Path]:
    token = f"{os.getpid()}-{secrets.token_hex(4)}"
    temps: dict[str, Path] = {}
    journal = folder / f".mtsum-pending.{token}.json"
    journal_temp = folder / f".mtsum-pending.json.{token}.tmp"
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
