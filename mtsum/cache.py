"""A content-addressed cache: the key is a hash of the text, the model and its settings.

Stored in one SQLite file in the user's cache folder. Each batch of results is committed as
soon as it is done, so an interrupted run keeps what it finished and a weekly re-run only
does new work.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path


def cache_key(kind: str, model: str, revision: str | None, params: dict, text: str) -> str:
    payload = json.dumps([kind, model, revision, params, text], sort_keys=True,
                         ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class Cache:
    def __init__(self, directory: Path):
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / "cache.sqlite3"
        self._db = sqlite3.connect(self.path, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT)")
        self._db.commit()

    def get_many(self, keys: Iterable[str]) -> dict[str, str]:
        keys = list(dict.fromkeys(keys))
        found: dict[str, str] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            rows = self._db.execute(
                f"SELECT key, value FROM entries WHERE key IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            found.update(rows)
        return found

    def put_many(self, items: dict[str, str]) -> None:
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)", items.items())

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]

    def close(self) -> None:
        self._db.close()


class NoCache:
    """Stands in for :class:`Cache` with ``--no-cache``: remembers nothing."""

    def get_many(self, keys: Iterable[str]) -> dict[str, str]:
        return {}

    def put_many(self, items: dict[str, str]) -> None:
        pass

    def close(self) -> None:
        pass
