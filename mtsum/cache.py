"""A content-addressed cache: the key is a hash of the text, the model and its settings.

Stored in one SQLite file in the user's cache folder. Each batch of results is committed as
soon as it is done, so an interrupted run keeps what it finished and a weekly re-run only
does new work. Two runs may share it (SQLite's write-ahead log and a busy timeout).

The cache is optional, and it never costs a run: a cache folder that cannot be made is no
cache; a database that is corrupt is moved aside and a new one is started; a cache that
cannot be written (read-only, full disk) is used read-only. Each of these is said once on
stderr, naming the cache's path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger(__name__)

DB_NAME = "cache.sqlite3"
LOCKED_RETRIES = 8  # a new cache being made by another run: about 7 s of waiting in all


def cache_key(kind: str, model: str, revision: str | None, params: dict, text: str) -> str:
    payload = json.dumps([kind, model, revision, params, text], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class CacheUnavailable(Exception):
    """The cache cannot be used at all (its folder cannot be made or read)."""


class Cache:
    """The SQLite cache in ``directory``. Raises :class:`CacheUnavailable` when it cannot be
    used at all; repairs or degrades otherwise (see the module's docstring)."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.path = self.directory / DB_NAME
        self.writable = True
        self._warned: set[str] = set()
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CacheUnavailable(
                f"cannot make the cache folder {self.directory}: {exc.strerror or exc}"
            ) from None
        self._db = self._open()

    def _connect(self, read_only: bool = False) -> sqlite3.Connection:
        if read_only:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=30)
        else:
            db = sqlite3.connect(self.path, timeout=30)
        db.execute("PRAGMA busy_timeout = 30000")
        return db

    def _open(self) -> sqlite3.Connection:
        # Two runs starting at once: switching a new file to WAL takes a lock that SQLite's
        # busy timeout does not wait for, so "database is locked" is waited out here.
        for attempt in range(LOCKED_RETRIES + 1):
            db = None
            try:
                db = self._connect()
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT)")
                db.commit()
                db.execute("SELECT COUNT(*) FROM entries LIMIT 1").fetchone()
                return db
            except sqlite3.OperationalError as exc:
                if db is not None:
                    db.close()
                if "locked" in str(exc) and attempt < LOCKED_RETRIES:
                    time.sleep(min(0.05 * 2**attempt, 2.0))
                    continue
                return self._open_failed(exc)
            except sqlite3.DatabaseError as exc:
                if db is not None:
                    db.close()
                return self._open_failed(exc)
        raise AssertionError("unreachable")

    def _open_failed(self, exc: sqlite3.DatabaseError) -> sqlite3.Connection:
        if _is_corrupt(exc) and self.path.exists():
            return self._replace_corrupt(exc)
        return self._open_read_only(exc)

    def _replace_corrupt(self, exc: Exception) -> sqlite3.Connection:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{DB_NAME}.corrupt-{stamp}")
        try:
            self.path.rename(aside)
            for suffix in ("-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        except OSError as move:
            raise CacheUnavailable(
                f"the cache {self.path} is damaged ({exc}) and cannot be "
                f"moved aside: {move.strerror or move}"
            ) from None
        log.warning(
            "the cache %s was damaged (%s): moved aside to %s, a new one is started",
            self.path,
            exc,
            aside.name,
        )
        return self._open()

    def _open_read_only(self, exc: Exception) -> sqlite3.Connection:
        try:
            db = self._connect(read_only=True)
            db.execute("SELECT COUNT(*) FROM entries LIMIT 1").fetchone()
        except sqlite3.DatabaseError:
            raise CacheUnavailable(f"cannot use the cache {self.path}: {exc}") from None
        self.writable = False
        self._warn_once(
            "read-only",
            f"the cache {self.path} cannot be written ({exc}): it is "
            "read, and new work is not kept",
        )
        return db

    def _warn_once(self, key: str, message: str) -> None:
        if key not in self._warned:
            self._warned.add(key)
            log.warning("%s", message)

    def get_many(self, keys: Iterable[str]) -> dict[str, str]:
        keys = list(dict.fromkeys(keys))
        found: dict[str, str] = {}
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                rows = self._db.execute(
                    f"SELECT key, value FROM entries WHERE key IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
                found.update(rows)
        except sqlite3.DatabaseError as exc:
            self._warn_once(
                "read", f"the cache {self.path} cannot be read ({exc}): the work is done again"
            )
            return {}
        return found

    def put_many(self, items: dict[str, str]) -> None:
        if not self.writable or not items:
            return
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)", items.items())
        except sqlite3.DatabaseError as exc:  # disk full, read-only, locked for too long
            self.writable = False
            self._warn_once(
                "write",
                f"the cache {self.path} cannot be written ({exc}): new "
                "work is not kept for the rest of this run",
            )

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]

    def close(self) -> None:
        try:
            self._db.close()
        except sqlite3.Error:
            pass


def _is_corrupt(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return any(s in text for s in ("not a database", "malformed", "corrupt", "file is encrypted"))


class NoCache:
    """Stands in for :class:`Cache` with ``--no-cache``: remembers nothing."""

    writable = False

    def get_many(self, keys: Iterable[str]) -> dict[str, str]:
        return {}

    def put_many(self, items: dict[str, str]) -> None:
        pass

    def close(self) -> None:
        pass


def open_cache(settings) -> Cache | NoCache:
    """The settings' cache, or :class:`NoCache` when it is switched off or cannot be used
    (said once, naming its path): a cache problem never stops a run."""
    if not settings.use_cache:
        return NoCache()
    try:
        return Cache(settings.resolved_cache_dir)
    except CacheUnavailable as exc:
        log.warning("%s; running without a cache", exc)
        return NoCache()
