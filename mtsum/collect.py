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

# Long on purpose (over 60 lines or cyclomatic complexity 20; tests/test_shape.py):
#   _once: one HTTP exchange under a deadline: connect, redirects, robots, size and type checks
#   collect: a feed at a time: entries, pages, saved files and state, each failure named

from __future__ import annotations

import calendar
import datetime as dt
import email.utils
import hashlib
import http.client
import logging
import os
import re
import socket
import sqlite3
import threading
import time
import unicodedata
import urllib.parse
import urllib.robotparser
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mtsum import __version__, addresses
from mtsum.addresses import internal_address, shown_address, web_address
from mtsum.errors import InputError, UsageError

log = logging.getLogger(__name__)

USER_AGENT = f"mtsum/{__version__} (news briefing tool; +https://pypi.org/project/mtsum/)"
STATE = ".mtsum-collect.sqlite"
MAX_BYTES = 10_000_000  # a page or a feed over 10 MB is not news
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("xml", "rss", "atom")
MAX_REDIRECTS = 5
TEXT_LIMIT = 1_990_000  # of a saved article's text: with its front matter, under brief's 2 MB


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
    host, robots.txt obeyed, ``retries`` more tries on timeouts and 5xx/429 with back-off.

    Bounded and contained: ``timeout`` is a deadline for each request as a whole (connect,
    headers and body together, however slowly a server drips them); redirects are followed
    only to http(s) addresses (:func:`mtsum.addresses.web_address`), at most
    ``MAX_REDIRECTS``, each target checked again, robots.txt included; an address whose host
    resolves to a loopback, private, link-local or reserved network is refused unless it has
    the feed's own origin (``get(..., origin=)``) or ``allow_private``. The connection goes to
    the address that was checked, never to a second lookup of the name. Proxies named in the
    environment are not used."""

    user_agent: str = USER_AGENT
    timeout: float = 20.0
    retries: int = 2
    backoff: float = 2.0  # seconds before the first retry, doubled each time
    delay: float = 1.0
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    allow_private: bool = False
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | str] = field(default_factory=dict)
    requests: int = 0

    def get(self, url: str, *, robots: bool = True, origin: str | None = None) -> Response:
        """The answer to a GET of ``url``; ``origin`` is the feed it came from (an address,
        or a feed file's path): the feed's own host may be an internal one."""
        address = web_address(url)
        if address is None:
            raise FetchError("not an http(s) address")
        if origin is None:  # an address the user named: its own host is allowed
            home = addresses.origin(address)
        else:  # a feed's entry: the feed's host is allowed (a feed file has none)
            home = addresses.origin(web_address(origin) or "")
        return self._get(address, robots, home)

    def _get(self, address: str, robots: bool, home) -> Response:
        attempt = 0
        while True:
            try:
                return self._follow(address, robots, home)
            except _Retry as retry:
                if attempt >= self.retries:
                    raise FetchError(retry.reason) from None
                wait = retry.after if retry.after is not None else self.backoff * 2**attempt
                log.info("%s: %s; trying again in %.0f s", address, retry.reason, wait)
                self.sleep(wait)
                attempt += 1

    def _follow(self, url: str, robots: bool, home) -> Response:
        for _ in range(MAX_REDIRECTS + 1):
            if robots:
                self._check_robots(url, home)
            reply = self._once(url, home)
            if not isinstance(reply, _Redirect):
                return reply
            target = urllib.parse.urljoin(url, reply.location)
            following = web_address(target)
            if following is None:
                raise FetchError(
                    f"redirected to {shown_address(target)!r}, not an http(s) address: not followed"
                )
            url = urllib.parse.urldefrag(following)[0]
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")

    def _wait_for_host(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = self.delay - (self.clock() - last)
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()

    def _addresses(self, url: str, home) -> list[str]:
        """The IP addresses ``url``'s host resolves to, all of them allowed; else FetchError."""
        parts = urllib.parse.urlsplit(url)
        host, port = parts.hostname or "", addresses.origin(url)[2]
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError, OSError) as exc:
            raise FetchError(f"cannot connect ({getattr(exc, 'strerror', None) or exc})") from None
        ips = list(dict.fromkeys(info[4][0] for info in infos))
        if not ips:
            raise FetchError("cannot connect (the name has no address)")
        if self.allow_private or addresses.origin(url) == home:
            return ips
        for ip in ips:
            kind = internal_address(ip)
            if kind:
                raise FetchError(
                    f"refused: {host} is an internal address ({ip}, {kind}); "
                    "use --allow-private to fetch it"
                )
        return ips

    def _once(self, url: str, home) -> Response | _Redirect:
        parts = urllib.parse.urlsplit(url)
        self._wait_for_host(parts.netloc.lower())
        ips = self._addresses(url, home)
        port = addresses.origin(url)[2]
        try:
            host = parts.hostname.encode("idna").decode("ascii")  # "bộ.vn" as DNS writes it
        except UnicodeError:
            raise FetchError("not a valid host name") from None
        if parts.scheme == "https":
            import ssl

            connection = http.client.HTTPSConnection(
                host, port, timeout=self.timeout, context=ssl.create_default_context()
            )
        else:
            connection = http.client.HTTPConnection(host, port, timeout=self.timeout)

        sockets: list[socket.socket] = []  # what the deadline shuts, held here: http.client
        # lets go of its socket once it has an answer that closes the connection

        def connect(_address, timeout=None, source_address=None):
            error: OSError = ConnectionRefusedError("no address")
            for ip in ips:
                try:
                    sock = socket.create_connection((ip, port), timeout, source_address)
                except OSError as exc:
                    error = exc
                    continue
                sockets.append(sock)
                return sock
            raise error

        connection._create_connection = connect  # to the address checked, not a new lookup
        expired = threading.Event()

        def cut() -> None:  # the deadline: whatever the connection is waiting for ends now
            expired.set()
            for sock in [*sockets, connection.sock]:
                if sock is not None:
                    try:
                        socket.socket.shutdown(sock, socket.SHUT_RDWR)
                    except OSError:
                        pass

        timer = threading.Timer(self.timeout, cut)
        timer.daemon = True
        self.requests += 1
        headers_read = False
        path = urllib.parse.quote(  # a path in Vietnamese or Chinese, percent-encoded
            urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, "")),
            safe="/%:@!$&'()*+,;=?~",
        )
        timer.start()
        try:
            connection.connect()
            sockets.append(connection.sock)  # over TLS: the wrapped socket
            if expired.is_set():
                raise TimeoutError
            connection.request(
                "GET",
                path,
                headers={"User-Agent": self.user_agent, "Accept-Encoding": "identity"},
            )
            reply = connection.getresponse()
            headers_read = True
            if expired.is_set():
                raise TimeoutError
            status = reply.status
            if status in (301, 302, 303, 307, 308) and reply.getheader("Location"):
                return _Redirect(reply.getheader("Location"))
            if status == 429 or status >= 500:
                raise _Retry(f"HTTP {status}", _retry_after(reply.headers))
            if status >= 400:
                raise FetchError(f"HTTP {status} {reply.reason}".strip())
            if not 200 <= status < 300:
                raise FetchError(f"HTTP {status} {reply.reason}".strip())
            chunks, size = [], 0
            while True:
                chunk = reply.read(65536)
                if expired.is_set():
                    raise TimeoutError
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if size > MAX_BYTES:
                    raise FetchError(f"over {MAX_BYTES // 1_000_000} MB")
            return Response(url, status, reply.headers.get_content_type(), b"".join(chunks))
        except TimeoutError:
            raise _Retry(self._late(headers_read)) from None
        except (http.client.HTTPException, OSError) as exc:
            if expired.is_set():
                raise _Retry(self._late(headers_read)) from None
            if isinstance(exc, ConnectionRefusedError):
                raise _Retry("connection refused") from None
            if exc.__class__.__module__ == "ssl":
                raise FetchError(f"cannot connect ({exc})") from None
            raise _Retry(f"connection failed ({exc})") from None
        finally:
            timer.cancel()
            connection.close()

    def _late(self, headers_read: bool) -> str:
        if headers_read:
            return f"answer not complete within {self.timeout:g} s"
        return f"no answer within {self.timeout:g} s"

    def _check_robots(self, url: str, home=None) -> None:
        parts = urllib.parse.urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        rules = self._robots.get(root)
        if rules is None:
            rules = self._robots[root] = self._read_robots(root, home)
        if isinstance(rules, str):
            raise FetchError(rules)
        if not rules.can_fetch(self.user_agent, url):
            raise FetchError("robots.txt asks robots not to fetch it")

    def _read_robots(self, root: str, home=None):
        parser = urllib.robotparser.RobotFileParser(root + "/robots.txt")
        try:
            reply = self._get(root + "/robots.txt", False, home)
        except FetchError as exc:
            text = str(exc)
            if text.startswith(("HTTP 401", "HTTP 403")):
                parser.disallow_all = True  # as urllib.robotparser reads them
            elif text.startswith("HTTP 4"):
                parser.allow_all = True  # no robots.txt: no rules
            elif text.startswith("refused:"):
                return text
            else:
                return f"its robots.txt could not be read ({text}), so nothing was fetched"
            return parser
        parser.parse(reply.body.decode("utf-8", "replace").splitlines())
        return parser


@dataclass
class _Redirect:
    location: str


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
    each article, so an interrupted run keeps what it saved). A damaged database (not a
    database, truncated, another schema) is moved aside and rebuilt from the saved articles'
    front matter, with one warning."""

    def __init__(self, folder: Path):
        path = folder / STATE
        try:
            self.db = self._open(path)
        except sqlite3.DatabaseError as exc:
            self.db = self._repair(folder, path, exc)

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path)
        try:
            rows = db.execute("PRAGMA quick_check").fetchall()
            if rows != [("ok",)]:
                raise sqlite3.DatabaseError(str(rows[0][0]) if rows else "quick_check failed")
            db.execute(
                "CREATE TABLE IF NOT EXISTS fetched (url TEXT PRIMARY KEY, sha256 TEXT, "
                "file TEXT, feed TEXT, fetched TEXT)"
            )
            db.execute("CREATE INDEX IF NOT EXISTS by_hash ON fetched (sha256)")
            db.execute("SELECT url, sha256, file, feed, fetched FROM fetched LIMIT 1").fetchall()
            db.commit()
        except BaseException:
            db.close()
            raise
        return db

    def _repair(self, folder: Path, path: Path, error: Exception) -> sqlite3.Connection:
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
        aside = path.with_name(f"{STATE}.damaged-{stamp}")
        os.replace(path, aside)
        for extra in ("-journal", "-wal", "-shm"):
            leftover = path.with_name(STATE + extra)
            if leftover.exists():
                os.replace(leftover, aside.with_name(aside.name + extra))
        self.db = self._open(path)
        count = 0
        for saved in sorted(folder.glob("*.md")):
            known = _saved_article(saved)
            if known is None:
                continue
            addresses_, digest, feed = known
            for address in addresses_:
                self.remember(address, digest, saved.name, feed)
            count += 1
        log.warning(
            "%s was damaged (%s): moved aside to %s and rebuilt from %d saved articles",
            path,
            str(error).splitlines()[0] if str(error) else type(error).__name__,
            aside.name,
            count,
        )
        return self.db

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


def _saved_article(path: Path) -> tuple[list[str], str, str] | None:
    """The addresses (entry and page), text hash and feed of an article this module saved,
    from its front matter; None for any other file."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    match = re.match(r"\A---\n(?P<head>.*?)\n---\n\n(?P<body>.*)\Z", text, re.DOTALL)
    if not match:
        return None
    try:
        meta = yaml.load(match.group("head"), Loader=yaml.BaseLoader)
    except yaml.YAMLError:
        return None
    if not isinstance(meta, dict):
        return None
    found = [web_address(meta.get(key)) for key in ("entry_url", "url")]
    found = [a for a in dict.fromkeys(found) if a]
    if not found:
        return None
    body = match.group("body").removesuffix("\n")
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    return found, digest, str(meta.get("feed") or "")


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
        if re.match(r"^https?://", arg, re.I):
            if web_address(arg) is None:
                raise UsageError(f"{shown_address(arg)}: not an http(s) address mtsum fetches")
            feeds.append(web_address(arg))
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
            if not re.match(r"^https?://\S+$", line) or web_address(line) is None:
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


def article_markdown(
    page,
    *,
    url: str,
    feed: str,
    date: dt.date | None,
    lang: str | None,
    entry_url: str | None = None,
) -> str:
    """An article file ``mtsum brief`` reads: front matter, then the paragraphs. ``entry_url``
    (the feed's link, when the page names another address) lets a damaged state database be
    rebuilt from the files."""
    meta = [
        ("title", page.title),
        ("date", date.isoformat() if date else None),
        ("url", url),
        ("entry_url", entry_url if entry_url != url else None),
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
    from mtsum.ingest import DEFAULT_MAX_BYTES, held
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
                    reply = fetcher.get(entry.url, origin=feed)
                    if reply.content_type not in HTML_TYPES:
                        raise FetchError(f"not a web page ({reply.content_type})")
                    page = read_page(entry.url, reply.body, max_chars=DEFAULT_MAX_BYTES)
                    page.paragraphs, note = held(page.paragraphs, TEXT_LIMIT)
                    if note:  # saved, as much as `mtsum brief` reads
                        log.warning("page %s: %s", entry.url, note)
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
                            page,
                            url=page.url or reply.url,
                            feed=feed,
                            date=date,
                            lang=lang,
                            entry_url=entry.url,
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
