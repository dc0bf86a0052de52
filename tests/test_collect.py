"""``mtsum collect`` (issue 15) against a local HTTP server on 127.0.0.1 that the tests start:
feeds, real saved pages, a 404, a timeout, a redirect, a page that is not HTML, robots.txt,
a server error that passes, and a second run that fetches only what is new."""

import datetime as dt
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from mtsum.cli import cli
from mtsum.collect import Fetcher, FetchError, collect, feed_sources, slug
from mtsum.errors import UsageError
from mtsum.ingest import read_article

PAGES = Path(__file__).resolve().parent / "data" / "pages"


def rss(base, items):
    entries = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link><pubDate>{date}</pubDate></item>"
        for path, title, date in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Test news</title><link>{base}/</link>{entries}</channel></rss>"
    ).encode()


class Site:
    """What the server answers, and every path it was asked for."""

    def __init__(self):
        self.routes = {}
        self.hits = []
        self.flaky = {}  # path -> failures left before it answers

    def handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                site.hits.append((self.path, self.headers.get("User-Agent")))
                if site.flaky.get(self.path, 0) > 0:
                    site.flaky[self.path] -= 1
                    self.send_response(503)
                    self.end_headers()
                    return
                route = site.routes.get(self.path)
                if route is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                status, headers, body = route() if callable(route) else route
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


@pytest.fixture
def site():
    s = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), s.handler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    s.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield s
    server.shutdown()
    server.server_close()


HTML = {"Content-Type": "text/html; charset=utf-8"}


def page(name):
    return (200, HTML, (PAGES / name).read_bytes())


def fast(**kw):
    return Fetcher(timeout=kw.pop("timeout", 2), delay=0, backoff=0.01, **kw)


@pytest.fixture
def news(site):
    base = site.base
    site.routes.update(
        {
            "/robots.txt": (
                200,
                {"Content-Type": "text/plain"},
                b"User-agent: *\nDisallow: /private/\n",
            ),
            "/feed.xml": (
                200,
                {"Content-Type": "application/rss+xml"},
                rss(
                    base,
                    [
                        ("/japan.html", "Masks stolen", "Tue, 18 Feb 2020 10:00:00 GMT"),
                        ("/tine.html", "Fotballskole", "Wed, 07 Oct 2020 08:00:00 GMT"),
                        ("/gone.html", "Gone", "Wed, 07 Oct 2020 09:00:00 GMT"),
                        ("/old-address", "Moved", "Wed, 07 Oct 2020 10:00:00 GMT"),
                        ("/report.pdf", "A report", "Wed, 07 Oct 2020 11:00:00 GMT"),
                        ("/private/secret.html", "Secret", "Wed, 07 Oct 2020 12:00:00 GMT"),
                        (
                            "/japan-again.html",
                            "Masks stolen (syndicated)",
                            "Wed, 19 Feb 2020 10:00:00 GMT",
                        ),
                    ],
                ),
            ),
            "/japan.html": page("japantimes.co.jp.surgical.html"),
            "/japan-again.html": page("japantimes.co.jp.surgical.html"),
            "/tine.html": page("tine.no.fotballskole.html"),
            "/old-address": (301, {"Location": f"{base}/bbc.html"}, b""),
            "/bbc.html": page("bbc.com.52241221.html"),
            "/report.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4 ..."),
            "/private/secret.html": page("nhk.or.jp.k100.html"),
        }
    )
    return site


def test_a_feed_becomes_articles_brief_reads(news, tmp_path):
    into = tmp_path / "news"
    result = collect([f"{news.base}/feed.xml"], into, fetcher=fast())
    names = sorted(p.path.name for p in result.saved)
    assert names == [
        "2020-02-18_losing-face-6-000-surgical-masks-stolen-from-kobe-hospital.md",
        "2020-04-10_coronavirus-new-york-ramps-up-mass-burials-amid-outbreak.md",  # redirected
        "2020-10-07_nff-tine-fotballskole-viktig-for-barneidretten-gjennom.md",  # 60 chars
    ]
    problems = "\n".join(result.problems)
    assert f"page {news.base}/gone.html: HTTP 404" in problems
    assert f"page {news.base}/report.pdf: not a web page (application/pdf)" in problems
    assert (
        f"page {news.base}/private/secret.html: robots.txt asks robots not to fetch it" in problems
    )
    assert not any(path.startswith("/private/") for path, _ in news.hits)  # never asked for
    assert result.same == 1  # the syndicated copy: same text, another address, not saved
    # front matter that ingest reads: the page's own date and address
    text = (into / names[2]).read_text()
    meta = yaml.safe_load(text.split("---")[1])
    assert meta["date"] == dt.date(2020, 10, 7) and meta["language"] == "no"
    assert meta["feed"] == f"{news.base}/feed.xml" and meta["site"] == "TINE.no"
    article = read_article(into / names[2])
    assert article.date == dt.date(2020, 10, 7) and article.date_source == "metadata"
    assert article.title.startswith("NFF: TINE Fotballskole")
    assert article.paragraphs[0].startswith("En annerledes sesong")
    # every request said who it is
    assert all(agent and agent.startswith("mtsum/") for _, agent in news.hits)


def test_a_second_run_fetches_only_new_entries(news, tmp_path):
    into = tmp_path / "news"
    collect([f"{news.base}/feed.xml"], into, fetcher=fast())
    before = len(news.hits)
    second = collect([f"{news.base}/feed.xml"], into, fetcher=fast())
    asked = [path for path, _ in news.hits[before:]]
    # the feed, robots.txt, and only the pages that failed last time
    assert set(asked) == {"/feed.xml", "/robots.txt", "/gone.html", "/report.pdf"}
    assert not second.saved and second.known == 4  # 3 saved + the syndicated copy
    assert len(list(into.glob("*.md"))) == 3


def test_a_server_error_is_retried_and_a_timeout_named(site, tmp_path):
    site.flaky["/feed.xml"] = 2

    def slow():
        time.sleep(1.5)
        return page("bbc.com.52241221.html")

    site.routes.update(
        {
            "/feed.xml": (
                200,
                {"Content-Type": "application/rss+xml"},
                rss(site.base, [("/slow.html", "Slow", "Fri, 10 Apr 2020 10:00:00 GMT")]),
            ),
            "/slow.html": slow,
        }
    )
    fetcher = fast(timeout=0.5, retries=2)
    result = collect([f"{site.base}/feed.xml"], tmp_path / "n", fetcher=fetcher)
    assert [p for p, _ in site.hits].count("/feed.xml") == 3  # two 503s, then the feed
    assert result.problems == [f"page {site.base}/slow.html: no answer within 0.5 s"]
    assert [p for p, _ in site.hits].count("/slow.html") == 3


def test_a_feed_that_fails_is_named_and_the_others_go_on(news, tmp_path):
    news.routes["/notafeed"] = (200, HTML, b"<html><body><p>hello</p></body></html>")
    result = collect(
        [f"{news.base}/missing.xml", f"{news.base}/notafeed", f"{news.base}/feed.xml"],
        tmp_path / "n",
        fetcher=fast(),
    )
    assert f"feed {news.base}/missing.xml: HTTP 404 Not Found" in result.problems
    assert f"feed {news.base}/notafeed: not an RSS or Atom feed" in result.problems
    assert len(result.saved) == 3


def test_politeness_waits_between_requests_to_one_host(news):
    waits = []
    fetcher = Fetcher(delay=5, sleep=waits.append, clock=lambda: 100.0)
    fetcher.get(f"{news.base}/japan.html")
    fetcher.get(f"{news.base}/tine.html")
    assert waits == [5.0, 5.0]  # robots.txt, then each page: 5 s after the one before


def test_robots_that_cannot_be_read_stop_the_host(site):
    site.flaky["/robots.txt"] = 99
    site.routes["/a.html"] = page("bbc.com.52241221.html")
    with pytest.raises(FetchError, match="robots.txt could not be read"):
        fast(retries=0).get(f"{site.base}/a.html")
    assert "/a.html" not in [p for p, _ in site.hits]


def test_an_atom_feed_file_and_a_feed_list(news, tmp_path):
    atom = tmp_path / "saved-feed.atom"
    atom.write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
        f'<entry><title>Fotball</title><link href="{news.base}/tine.html"/>'
        "<updated>2020-10-07T08:00:00Z</updated><id>1</id></entry></feed>"
    )
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"# weekly\n{news.base}/feed.xml  # the main one\n\n{news.base}/feed.xml\n")
    assert feed_sources([str(listing), str(atom)]) == [f"{news.base}/feed.xml", str(atom)]
    # a feed file has no origin of its own: its link to 127.0.0.1 is an internal address
    result = collect(feed_sources([str(atom)]), tmp_path / "n", fetcher=fast())
    assert not result.saved and "is an internal address (127.0.0.1, loopback)" in str(
        result.problems
    )
    result = collect(feed_sources([str(atom)]), tmp_path / "n", fetcher=fast(allow_private=True))
    assert [s.path.name[:10] for s in result.saved] == ["2020-10-07"]


def test_a_feed_list_with_a_bad_line_is_a_usage_error(tmp_path):
    listing = tmp_path / "feeds.txt"
    listing.write_text("https://example.org/feed\nnot a url\n")
    result = CliRunner().invoke(cli, ["collect", str(listing), "--into", str(tmp_path / "n")])
    assert result.exit_code == 2 and "feeds.txt, line 2: 'not a url'" in result.output


def test_the_command_line_exits_3_naming_each_failure(news, tmp_path):
    result = CliRunner().invoke(
        cli,
        [
            "collect",
            f"{news.base}/feed.xml",
            "--into",
            str(tmp_path / "n"),
            "--delay",
            "0",
            "--timeout",
            "2",
        ],
    )
    assert result.exit_code == 3, result.output
    assert "gone.html: HTTP 404" in result.output and "3 saved" in result.output
    assert result.output.count(".md") == 3


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Quảng Ninh thu hút 3,1 tỷ USD vốn FDI", "quang-ninh-thu-hut-3-1-ty-usd-von-fdi"),
        ("Đầu tư: 5 dự án", "dau-tu-5-du-an"),
        ("武汉的声音", "fallback"),
    ],
)
def test_slugs_are_ascii(title, expected):
    assert slug(title, "fallback") == expected


def test_collected_articles_are_briefed_by_week(news, tmp_path):
    into = tmp_path / "news"
    collect([f"{news.base}/feed.xml"], into, fetcher=fast())
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        ["-q", "brief", str(into), "--week", "2020-W41", "--out", str(out), "--date", "2025-12-01"],
    )
    assert result.exit_code == 0, result.output
    index = (out / "index.json").read_text()
    assert '"briefing-2020-W41"' in index and '"articles": 1' in index
    assert "TINE Fotballskole" in (out / "briefing-2020-W41.html").read_text()


# --- issue 23: bounded and contained -------------------------------------------------------


class Drip:
    """A server on 127.0.0.1 that answers one byte at a time, ``pause`` seconds apart, for
    at most ``len(answer) * pause`` seconds; it records how much it sent before the client
    hung up."""

    def __init__(self, answer: bytes, pause: float):
        import socket

        self.answer, self.pause, self.sent = answer, pause, 0
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(10)
        self.base = f"http://127.0.0.1:{self.server.getsockname()[1]}"
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        try:
            conn, _ = self.server.accept()
        except OSError:
            return
        with conn:
            conn.recv(65536)
            head = self.answer.find(b"\r\n\r\n") + 4 if self.answer.startswith(b"HTTP/1.0") else 0
            conn.sendall(self.answer[:head])
            self.sent = head
            for byte in self.answer[head:]:
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return
                self.sent += 1
                time.sleep(self.pause)

    def close(self):
        self.thread.join(timeout=len(self.answer) * self.pause + 5)
        self.server.close()


BODY = b"<html><body>" + b"<p>slow words</p>" * 3 + b"</body></html>"


@pytest.mark.parametrize(
    "answer, message",
    [
        (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
            + f"Content-Length: {len(BODY)}\r\n\r\n".encode()
            + BODY,
            "within 1 s",
        ),
        (
            # headers at once, then the body drips; HTTP/1.0: http.client lets go of the
            # socket once it has the headers
            b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n"
            + f"Content-Length: {len(BODY)}\r\n\r\n".encode()
            + BODY,
            "answer not complete within 1 s",
        ),
        (b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"a" * 60 + b"\r\n\r\n", "no answer within 1 s"),
    ],
    ids=["body", "body-http-1.0", "headers"],
)
def test_a_server_that_drips_is_cut_at_the_timeout(answer, message):
    # issue 23: --timeout bounded each read, so one byte every 2 s kept collect for ever
    drip = Drip(answer, pause=0.1)
    try:
        with pytest.raises(FetchError, match=message):
            fast(timeout=1, retries=0).get(f"{drip.base}/slow.html", robots=False)
    finally:
        drip.close()
    assert drip.sent < len(answer)  # the client hung up before the answer was complete


@pytest.fixture
def other_site():
    """A second server on 127.0.0.1: another origin than ``site``'s (another port)."""
    s = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), s.handler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    s.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield s
    server.shutdown()
    server.server_close()


def test_a_redirect_to_ftp_is_not_followed(site):
    import socket

    listener = socket.create_server(("127.0.0.1", 0))
    listener.setblocking(False)
    ftp = f"ftp://127.0.0.1:{listener.getsockname()[1]}/pub/file"
    site.routes["/robots.txt"] = (200, {"Content-Type": "text/plain"}, b"")
    site.routes["/old"] = (302, {"Location": ftp}, b"")
    try:
        with pytest.raises(FetchError, match="not an http.s. address: not followed"):
            fast(retries=0).get(f"{site.base}/old")
        with pytest.raises(BlockingIOError):
            listener.accept()  # nobody connected (no USER/PASS sent)
    finally:
        listener.close()


def test_internal_addresses_are_refused_unless_the_feeds_own(site, other_site, tmp_path):
    # issue 23: an item linking to http://127.0.0.1:<port>/internal was fetched and saved
    other_site.routes["/internal"] = page("bbc.com.52241221.html")
    other_site.routes["/robots.txt"] = (200, {"Content-Type": "text/plain"}, b"")
    site.routes.update(
        {
            "/robots.txt": (200, {"Content-Type": "text/plain"}, b""),
            "/feed.xml": (
                200,
                {"Content-Type": "application/rss+xml"},
                rss(
                    site.base,
                    [
                        ("/tine.html", "Own host", "Wed, 07 Oct 2020 08:00:00 GMT"),
                        ("/moved", "Redirected inside", "Wed, 07 Oct 2020 09:00:00 GMT"),
                    ],
                )
                .replace(
                    b"</channel>",
                    f"<item><title>Inside</title><link>{other_site.base}/internal</link>"
                    "</item></channel>".encode(),
                )
                .replace(f"{site.base}/moved".encode(), f"{site.base}/moved".encode()),
            ),
            "/tine.html": page("tine.no.fotballskole.html"),
            "/moved": (302, {"Location": f"{other_site.base}/internal"}, b""),
        }
    )
    result = collect([f"{site.base}/feed.xml"], tmp_path / "n", fetcher=fast())
    # the feed's own host is allowed; another (internal) origin is not, nor a redirect to it
    assert [s.url for s in result.saved] == [f"{site.base}/tine.html"]
    refused = [p for p in result.problems if "is an internal address (127.0.0.1" in p]
    assert len(refused) == 2 and all("--allow-private" in p for p in refused)
    assert other_site.hits == []  # never asked, not even for robots.txt
    allowed = collect([f"{site.base}/feed.xml"], tmp_path / "n", fetcher=fast(allow_private=True))
    assert len(allowed.saved) == 1 and allowed.same == 1  # the redirect: the same page


def test_robots_txt_is_asked_for_a_redirects_target(site, other_site):
    site.routes["/robots.txt"] = (200, {"Content-Type": "text/plain"}, b"")
    site.routes["/moved"] = (301, {"Location": f"{other_site.base}/private/page.html"}, b"")
    other_site.routes["/robots.txt"] = (
        200,
        {"Content-Type": "text/plain"},
        b"User-agent: *\nDisallow: /private/\n",
    )
    other_site.routes["/private/page.html"] = page("bbc.com.52241221.html")
    with pytest.raises(FetchError, match="robots.txt asks robots not to fetch it"):
        fast(retries=0, allow_private=True).get(f"{site.base}/moved")
    assert [p for p, _ in other_site.hits] == ["/robots.txt"]


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_state_database_is_rebuilt_from_the_saved_files(news, tmp_path, caplog, damage):
    into = tmp_path / "news"
    first = collect([f"{news.base}/feed.xml"], into, fetcher=fast())
    state = into / ".mtsum-collect.sqlite"
    if damage == "garbage":
        state.write_bytes(b"this is not a database at all\n" * 100)
    else:
        data = state.read_bytes()
        state.write_bytes(data[: len(data) // 2])
    before = len(news.hits)
    with caplog.at_level("WARNING", logger="mtsum.collect"):
        second = collect([f"{news.base}/feed.xml"], into, fetcher=fast())
    warnings = [r.getMessage() for r in caplog.records if "mtsum-collect.sqlite" in r.getMessage()]
    assert len(warnings) == 1 and "rebuilt from 3 saved articles" in warnings[0], warnings
    assert list(into.glob(".mtsum-collect.sqlite.damaged*"))  # moved aside, not deleted
    assert not second.saved and len(list(into.glob("*.md"))) == len(first.saved) == 3
    asked = {path for path, _ in news.hits[before:]}
    assert "/tine.html" not in asked  # known again by its address


def test_a_feed_address_with_a_password_is_a_usage_error(tmp_path):
    listing = tmp_path / "feeds.txt"
    listing.write_text("http://user:secret@example.org/feed\n")
    with pytest.raises(UsageError, match="feeds.txt, line 1"):
        feed_sources([str(listing)])
    with pytest.raises(UsageError, match="not an http.s. address"):
        feed_sources(["http://"])


def test_an_address_in_another_script_is_fetched_percent_encoded(site):
    site.routes["/robots.txt"] = (200, {"Content-Type": "text/plain"}, b"")
    site.routes["/tin-t%E1%BB%A9c.html"] = page("bbc.com.52241221.html")
    reply = fast(retries=0).get(f"{site.base}/tin-tức.html")
    assert reply.status == 200 and site.hits[-1][0] == "/tin-t%E1%BB%A9c.html"


def test_a_saved_article_is_held_to_what_brief_reads(news, tmp_path, monkeypatch, caplog):
    import mtsum.collect

    monkeypatch.setattr(mtsum.collect, "TEXT_LIMIT", 3000)
    with caplog.at_level("WARNING", logger="mtsum.collect"):
        result = collect([f"{news.base}/feed.xml"], tmp_path / "n", fetcher=fast())
    assert result.saved
    for saved in result.saved:
        body = saved.path.read_text(encoding="utf-8").split("---\n\n", 1)[1]
        assert len(body.encode("utf-8")) <= 3000
    assert any("over the text limit" in r.getMessage() for r in caplog.records)
