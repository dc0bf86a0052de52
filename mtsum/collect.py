"""``mtsum collect``: news feeds (RSS, Atom) into a folder of articles that ``mtsum brief``
reads.

For each feed (a URL, or a feed file saved from one), each entry not fetched before has its
page fetched politely and read like a saved page (:mod:`mtsum.pages`), then saved as
``DIR/YYYY-MM-DD_<slug>.md`` with a front matter (title, date, url, feed, language, site,
author). What was fetched is remembered in ``DIR/.mtsum-collect.sqlite``, by address and by
content hash, so a weekly run fetches only new entries and the same story under a second
address is not saved twice.

The fetcher (:class:`Fetcher`) sends a User-Agent that names mtsum, times out, retries server
errors and timeouts with back-off (a 429's ``Retry-After`` is honoured), obeys robots.txt,
fetches one thing at a time and waits between requests to one host. Every problem names the
feed or the page and the run goes on.
"""

from __future__ import annotations

import calendar
import datetime as dt
import email.utils
import hashlib
import logging
import re
import socket
import sqlite3
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
import urllib.robotparser
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mtsum import __version__
from mtsum.errors import InputError, UsageError

log = logging.getLogger(__name__)

USER_AGENT = f"mtsum/{__version__} (news briefing tool; +https://pypi.org/project/mtsum/)"
STATE = ".mtsum-collect.sqlite"
MAX_BYTES = 10_000_000  # a page or a feed over 10 MB is not news
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("xml", "rss", "atom")


class FetchError(Exception):
    """A feed or a page that could not be fetched; the message says why, in a few words."""


@dataclass
class Response:
    url: str  # after redirects
    status: int
    content_type: str
    body: bytes


@dataclass
class Fetcher:
    """Polite HTTP GET: one request at a time, ``delay`` seconds between two requests to one
    host, robots.txt obeyed, ``retries`` more tries on timeouts and 5xx/429 with back-off."""

    user_agent: str = USER_AGENT
    timeout: float = 20.0
    retries: int = 2
    backoff: float = 2.0  # seconds before the first retry, doubled each time
    delay: float = 1.0
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | str] = field(default_factory=dict)
    requests: int = 0

    def get(self, url: str, *, robots: bool = True) -> Response:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError("not an http(s) address")
        if robots:
            self._check_robots(url)
        attempt = 0
        while True:
            try:
                return self._once(url)
            except _Retry as retry:
                if attempt >= self.retries:
                    raise FetchError(retry.reason) from None
                wait = retry.after if retry.after is not None else self.backoff * 2**attempt
                log.info("%s: %s; trying again in %.0f s", url, retry.reason, wait)
                self.sleep(wait)
                attempt += 1

    def _wait_for_host(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = self.delay - (self.clock() - last)
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()

    def _once(self, url: str) -> Response:
        host = urllib.parse.urlsplit(url).netloc.lower()
        self._wait_for_host(host)
        request = urllib.request.Request(
            url, headers={"User-Agent": self.user_agent, "Accept-Encoding": "identity"}
        )
        self.requests += 1
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as reply:
                body = reply.read(MAX_BYTES + 1)
                if len(body) > MAX_BYTES:
                    raise FetchError(f"over {MAX_BYTES // 1_000_000} MB")
                return Response(
                    reply.geturl(),
                    reply.status,
                    reply.headers.get_content_type(),
                    body,
                )
        except urllib.error.HTTPError as exc:
            if exc.code == 429 or exc.code >= 500:
                raise _Retry(f"HTTP {exc.code}", _retry_after(exc.headers)) from None
            raise FetchError(f"HTTP {exc.code} {exc.reason}".strip()) from None
        except TimeoutError:
            raise _Retry(f"no answer within {self.timeout:g} s") from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise _Retry(f"no answer within {self.timeout:g} s") from None
            if isinstance(reason, ConnectionRefusedError):
                raise _Retry("connection refused") from None
            raise FetchError(f"cannot connect ({reason})") from None
        except (ConnectionError, OSError) as exc:
            raise _Retry(f"connection failed ({exc})") from None

    def _check_robots(self, url: str) -> None:
        parts = urllib.parse.urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        rules = self._robots.get(root)
        if rules is None:
            rules = self._robots[root] = self._read_robots(root)
        if isinstance(rules, str):
            raise FetchError(rules)
        if not rules.can_fetch(self.user_agent, url):
            raise FetchError("robots.txt asks robots not to fetch it")

    def _read_robots(self, root: str):
        parser = urllib.robotparser.RobotFileParser(root + "/robots.txt")
        try:
            reply = self.get(root + "/robots.txt", robots=False)
        except FetchError as exc:
            text = str(exc)
            if text.startswith(("HTTP 401", "HTTP 403")):
                parser.disallow_all = True  # as urllib.robotparser reads them
            elif text.startswith("HTTP 4"):
                parser.allow_all = True  # no robots.txt: no rules
            else:
                return f"its robots.txt could not be read ({text}), so nothing was fetched"
            return parser
        parser.parse(reply.body.decode("utf-8", "replace").splitlines())
        return parser


class _Retry(Exception):
    def __init__(self, reason: str, after: float | None = None):
        super().__init__(reason)
        self.reason, self.after = reason, after


def _retry_after(headers) -> float | None:
    value = headers.get("Retry-After") if headers else None
    if not value:
        return None
    if value.strip().isdigit():
        return min(float(value), 300.0)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, min((when - dt.datetime.now(dt.timezone.utc)).total_seconds(), 300.0))


# --- what was fetched ------------------------------------------------------------------------


class State:
    """The addresses and content hashes a folder's articles came from (SQLite, committed after
    each article, so an interrupted run keeps what it saved)."""

    def __init__(self, folder: Path):
        self.db = sqlite3.connect(folder / STATE)
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS fetched (url TEXT PRIMARY KEY, sha256 TEXT, "
            "file TEXT, feed TEXT, fetched TEXT)"
        )
        self.db.execute("CREATE INDEX IF NOT EXISTS by_hash ON fetched (sha256)")
        self.db.commit()

    def known(self, url: str) -> bool:
        return self.db.execute("SELECT 1 FROM fetched WHERE url = ?", (url,)).fetchone() is not None

    def file_of(self, sha256: str) -> str | None:
        row = self.db.execute(
            "SELECT file FROM fetched WHERE sha256 = ? AND file IS NOT NULL", (sha256,)
        ).fetchone()
        return row[0] if row else None

    def remember(self, url: str, sha256: str | None, file: str | None, feed: str) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO fetched VALUES (?, ?, ?, ?, ?)",
            (
                url,
                sha256,
                file,
                feed,
                dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            ),
        )
        self.db.commit()

    def close(self) -> None:
        self.db.close()


# --- feeds -----------------------------------------------------------------------------------


@dataclass
class Entry:
    url: str
    title: str | None
    date: dt.date | None  # the feed's date for it (published, else updated)


@dataclass
class Saved:
    path: Path
    url: str
    title: str | None
    date: dt.date | None


@dataclass
class Collected:
    saved: list[Saved] = field(default_factory=list)
    known: int = 0  # entries fetched on an earlier run
    same: int = 0  # new addresses whose text was already saved
    problems: list[str] = field(default_factory=list)  # "FEED-OR-PAGE: why", one line each


def feed_sources(args: Sequence[str]) -> list[str]:
    """The feeds named by ``args``: URLs, feed files, and list files of URLs (one a line,
    ``#`` starts a comment)."""
    feeds: list[str] = []
    for arg in args:
        if re.match(r"^https?://", arg):
            feeds.append(arg)
            continue
        path = Path(arg)
        if not path.is_file():
            raise UsageError(f"{arg}: no such file, and not an http(s) address")
        head = path.read_bytes()[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
        if head.startswith(b"<"):
            feeds.append(str(path))  # a feed saved as a file
            continue
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:
            raise UsageError(f"{arg}: a feed list must be UTF-8 text, one address a line") from None
        for number, line in enumerate(lines, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if not re.match(r"^https?://\S+$", line):
                raise UsageError(f"{arg}, line {number}: {line!r} is not an http(s) address")
            feeds.append(line)
    return list(dict.fromkeys(feeds))


def read_feed(feed: str, fetcher: Fetcher) -> list[Entry]:
    """The entries of one feed, oldest first; :class:`FetchError` when it is none."""
    import feedparser

    if re.match(r"^https?://", feed):
        reply = fetcher.get(feed)
        data, base = reply.body, reply.url
    else:
        data, base = Path(feed).read_bytes(), None
    parsed = feedparser.parse(data, response_headers={"content-location": base} if base else None)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        raise FetchError("not an RSS or Atom feed")
    entries = []
    for item in parsed.entries:
        link = item.get("link") or next(
            (x.get("href") for x in item.get("links", []) if x.get("href")), None
        )
        if not link:
            continue
        link = urllib.parse.urljoin(base or "", link) if base else link
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        date = (
            dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.timezone.utc).date()
            if stamp
            else None
        )
        entries.append(Entry(urllib.parse.urldefrag(link)[0], item.get("title"), date))
    entries.sort(key=lambda e: (e.date or dt.date.max, e.url))
    return entries


# --- saving ----------------------------------------------------------------------------------


def slug(text: str | None, fallback: str, length: int = 60) -> str:
    """A file-name slug in ASCII ("Quảng Ninh thu hút 3,1 tỷ USD" ->
    "quang-ninh-thu-hut-3-1-ty-usd"); a title with no Latin letters (Chinese, Japanese,
    Korean) gives ``fallback``."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > length:
            break
        out = f"{out}-{word}" if out else word
    return out if len(out) >= 3 else fallback


def _yaml_value(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def article_markdown(page, *, url: str, feed: str, date: dt.date | None, lang: str | None) -> str:
    """An article file ``mtsum brief`` reads: front matter, then the paragraphs."""
    meta = [
        ("title", page.title),
        ("date", date.isoformat() if date else None),
        ("url", url),
        ("feed", feed),
        ("language", lang),
        ("site", page.site),
        ("author", page.author),
    ]
    head = "\n".join(
        f"{key}: {value if key == 'date' else _yaml_value(value)}" for key, value in meta if value
    )
    return f"---\n{head}\n---\n\n" + "\n\n".join(page.paragraphs) + "\n"


def _file_name(folder: Path, date: dt.date | None, title: str | None, url: str) -> str:
    host = urllib.parse.urlsplit(url).netloc.lower().removeprefix("www.")
    fallback = slug(host, "page") + "-" + hashlib.sha256(url.encode()).hexdigest()[:8]
    stem = f"{date.isoformat() if date else 'undated'}_{slug(title, fallback)}"
    name, n = f"{stem}.md", 2
    while (folder / name).exists():
        name, n = f"{stem}-{n}.md", n + 1
    return name


def collect(
    feeds: Iterable[str],
    into: str | Path,
    *,
    fetcher: Fetcher | None = None,
    limit: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> Collected:
    """Fetch the new entries of ``feeds`` into the folder ``into``."""
    from mtsum.detect import detect_language
    from mtsum.output import check_writable, write_together
    from mtsum.pages import read_page

    folder = check_writable(into, "--into")
    folder.mkdir(parents=True, exist_ok=True)
    fetcher = fetcher or Fetcher()
    state = State(folder)
    result = Collected()
    try:
        for feed in feeds:
            try:
                entries = read_feed(feed, fetcher)
            except (FetchError, OSError) as exc:
                result.problems.append(f"feed {feed}: {exc}")
                continue
            new = [e for e in entries if not state.known(e.url)]
            result.known += len(entries) - len(new)
            for entry in new[:limit] if limit else new:
                try:
                    reply = fetcher.get(entry.url)
                    if reply.content_type not in HTML_TYPES:
                        raise FetchError(f"not a web page ({reply.content_type})")
                    page = read_page(entry.url, reply.body)
                except (FetchError, InputError) as exc:
                    reason = exc.reason if isinstance(exc, InputError) else str(exc)
                    result.problems.append(f"page {entry.url}: {reason}")
                    continue
                text = "\n\n".join(page.paragraphs)
                digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
                if state.file_of(digest):
                    state.remember(entry.url, digest, None, feed)
                    result.same += 1
                    continue
                date = page.date or entry.date
                page.title = page.title or entry.title
                name = _file_name(folder, date, page.title, reply.url)
                lang = detect_language(text).lang
                write_together(
                    folder,
                    {
                        name: article_markdown(
                            page, url=page.url or reply.url, feed=feed, date=date, lang=lang
                        )
                    },
                )
                state.remember(entry.url, digest, name, feed)
                result.saved.append(Saved(folder / name, entry.url, page.title, date))
                if progress:
                    progress(name)
    finally:
        state.close()
    return result
