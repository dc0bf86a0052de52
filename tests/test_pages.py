"""Saved web pages (issue 15): real news pages from trafilatura's evaluation corpus
(tests/data/pages/README.md), read for title, date, main text kept and page furniture dropped;
MHTML; pages with no article; a folder of saved pages briefed."""

import json
import re
import shutil
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtsum.cli import cli
from mtsum.detect import detect_language
from mtsum.errors import InputError
from mtsum.ingest import find_inputs, read_article

PAGES = Path(__file__).resolve().parent / "data" / "pages"
ANNOTATIONS = json.loads((PAGES / "annotations.json").read_text(encoding="utf-8"))
LANGUAGE = {
    "bbc.com.52241221.html": "en",
    "japantimes.co.jp.surgical.html": "en",
    "nhk.or.jp.k100.html": "ja",
    "tine.no.fotballskole.html": "no",
    "world.kbs.co.kr-Temperatures.html": "en",
    "xinhuanet.com.c_1125597921.html": "zh-cn",
}


def _norm(text):
    return " ".join(text.split()).lower()


@pytest.mark.parametrize("name", sorted(ANNOTATIONS))
def test_a_saved_news_page_reads_as_its_article(name):
    gold = ANNOTATIONS[name]
    article = read_article(PAGES / name)
    text = _norm(article.text)
    assert _norm(article.title) == _norm(gold["title"])  # the headline, without the site
    assert article.date.isoformat() == gold["date"]
    assert article.date_source in ("byline", "page")
    for segment in gold["with"]:
        assert _norm(segment) in text, segment  # the main text is kept
    for segment in gold["without"]:
        assert _norm(segment) not in text, segment  # menus, teasers, footers are not
    assert not text.startswith(_norm(article.title))  # the headline is not repeated as text
    # its language is mtsum's detector's, from the text
    assert detect_language(article.text).lang == LANGUAGE[name]


def test_the_date_under_the_headline_wins_over_a_sidebar_date():
    # htmldate reads this page's date as 2023-11-03 (a sidebar video); the page prints
    # "Written: 2023-11-07" under the headline
    article = read_article(PAGES / "world.kbs.co.kr-Temperatures.html")
    assert article.date.isoformat() == "2023-11-07" and article.date_source == "byline"


def test_ruby_readings_are_not_part_of_a_japanese_title():
    article = read_article(PAGES / "nhk.or.jp.k100.html")
    assert (
        article.title == "子どもへの体罰を禁止する法律ができる"
    )  # not 子こどもへの体罰たいばつ...


def test_the_lead_under_the_headline_is_kept():
    # trafilatura drops TINE's preface; it is printed under the headline, so it is the lead
    article = read_article(PAGES / "tine.no.fotballskole.html")
    assert article.paragraphs[0].startswith("En annerledes sesong med TINE Fotballskole")


def test_metadata_of_the_page_becomes_the_articles():
    article = read_article(PAGES / "bbc.com.52241221.html")
    assert article.source_url == ANNOTATIONS["bbc.com.52241221.html"]["url"]
    assert article.site == "BBC News"


def test_an_mhtml_archive_reads_like_the_page(tmp_path):
    html = (PAGES / "japantimes.co.jp.surgical.html").read_text(encoding="utf-8")
    message = MIMEMultipart("related")
    message["Snapshot-Content-Location"] = "https://example.org/saved"
    part = MIMEText(html, "html", "utf-8")
    part["Content-Location"] = "https://example.org/saved"
    message.attach(part)
    (tmp_path / "saved.mhtml").write_bytes(message.as_bytes())
    from_mhtml = read_article(tmp_path / "saved.mhtml")
    from_html = read_article(PAGES / "japantimes.co.jp.surgical.html")
    assert from_mhtml.paragraphs == from_html.paragraphs
    assert from_mhtml.title == from_html.title and from_mhtml.date == from_html.date


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty file"),
        (b"\x00\x01<html>" + bytes(range(256)) * 10, "binary"),
        (b"Just some text saved with the wrong name.\n", "not a web page"),
        (
            b"<html><body><nav><a href='/a'>Home</a> <a href='/b'>News</a></nav></body></html>",
            "no article text found in the page",
        ),
    ],
)
def test_a_page_with_no_article_is_one_clear_error(tmp_path, content, reason):
    path = tmp_path / "page.html"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_article(path)
    assert reason in str(info.value) and "page.html" in str(info.value)


def test_a_folder_of_saved_pages_is_briefed(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    for name in ("bbc.com.52241221.html", "tine.no.fotballskole.html"):
        shutil.copy(PAGES / name, folder)
    (folder / "broken.htm").write_bytes(b"<html><body><nav>Home</nav></body></html>")
    inputs = find_inputs([folder])
    assert len(inputs.sources) == 3
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["brief", str(folder), "--out", str(out), "--date", "2025-12-01"]
    )
    assert result.exit_code == 3, result.output  # briefed, one page skipped and named
    assert "broken.htm: no article text found in the page" in result.output
    briefing = json.loads((out / "briefing.json").read_text())
    dates = {a["id"]: (a["date"], a["date_source"], a["site"]) for a in briefing["articles"]}
    assert dates["bbc.com.52241221"] == ("2020-04-10", "byline", "BBC News")
    assert dates["tine.no.fotballskole"] == ("2020-10-07", "page", "TINE.no")
    assert "Hart Island" in (out / "briefing.html").read_text()


def _without_address(path):
    """The page without its canonical and og:url addresses (the MHTML header's is used)."""
    html = path.read_text(encoding="utf-8")
    return re.sub(r"<(link|meta)[^>]*(canonical|og:url)[^>]*>", "", html)


def _mhtml(html: str, snapshot: str, part: str | None = None) -> bytes:
    message = MIMEMultipart("related")
    message["Snapshot-Content-Location"] = snapshot
    body = MIMEText(html, "html", "utf-8")
    body["Content-Location"] = part or snapshot
    message.attach(body)
    return message.as_bytes()


def test_a_script_address_in_an_mhtml_file_never_becomes_a_link(tmp_path):
    # issue 23: Snapshot-Content-Location "javascript:..." was put in <a href> twice
    folder = tmp_path / "in"
    folder.mkdir()
    seed = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))[0]
    shutil.copy(seed, folder)
    html = _without_address(PAGES / "japantimes.co.jp.surgical.html")
    (folder / "saved.mhtml").write_bytes(_mhtml(html, "javascript:alert(document.domain)"))
    (folder / "part.mhtml").write_bytes(
        _mhtml(
            _without_address(PAGES / "bbc.com.52241221.html"),
            " JavaScript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
        )
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["brief", str(folder), "--out", str(out), "--date", "2025-12-01"]
    )
    assert result.exit_code == 0, result.output
    html_out = (out / "briefing.html").read_text(encoding="utf-8")
    assert "Kobe hospital" in html_out  # the page is briefed
    assert not re.search(r'href="\s*(javascript|data|vbscript)', html_out, re.I)
    briefing = json.loads((out / "briefing.json").read_text(encoding="utf-8"))
    urls = [a.get("source_url") for a in briefing["articles"]]
    assert not any(u and not u.startswith(("http://", "https://")) for u in urls), urls
    # the address is kept as text, named in a note, never as a link
    assert "javascript:alert(document.domain)" in result.output


def test_a_web_address_in_an_mhtml_file_is_kept():
    html = (PAGES / "japantimes.co.jp.surgical.html").read_text(encoding="utf-8")
    from mtsum.pages import read_page

    page = read_page("saved.mhtml", _mhtml(html, "https://example.org/saved"))
    assert page.url in ("https://example.org/saved", page.url) and page.url.startswith("https://")


def test_a_page_title_of_100_kb_is_cut(tmp_path):
    html = (PAGES / "japantimes.co.jp.surgical.html").read_text(encoding="utf-8")
    long = "Masks stolen " * 8000  # ~100 KB
    html = re.sub(r"<title>.*?</title>", f"<title>{long}</title>", html, flags=re.S)
    html = re.sub(r"<h1[^>]*>.*?</h1>", f"<h1>{long}</h1>", html, flags=re.S)
    (tmp_path / "long.html").write_text(html, encoding="utf-8")
    article = read_article(tmp_path / "long.html")
    assert len(article.title) <= 300 and article.title.endswith("…")


@pytest.mark.parametrize("limit", [150_000, 30_000], ids=["read whole", "trimmed first"])
def test_the_text_of_a_page_is_held_to_the_text_limit(tmp_path, limit):
    # issue 23: a 19.5 MB page (ten times the text limit) kept all its text; a page over
    # twice the limit is trimmed before the extractor reads it
    paragraphs = "".join(
        f"<p>Paragraph {i} of a very long page, with words enough to count as text.</p>"
        for i in range(3000)
    )
    html = f"<html><head><title>Long</title></head><body><article><h1>Long page</h1>{paragraphs}</article></body></html>"
    (tmp_path / "long.html").write_text(html, encoding="utf-8")
    article = read_article(tmp_path / "long.html", max_bytes=limit)
    assert limit * 0.9 < len(article.text.encode("utf-8")) <= limit
    assert article.paragraphs[0].startswith("Paragraph 0 ")  # its beginning, in order
    assert article.paragraphs[-1].startswith("Paragraph ")  # cut between paragraphs
    assert article.paragraphs[-1].endswith("text.")
    (note,) = [w for w in article.warnings if "over the text limit" in w]
    assert f"cut after paragraph {len(article.paragraphs)}" in note


_BODY = (
    "<p>" + " ".join(["The harbour authority said ships waited for days to unload."] * 3) + "</p>"
)


def _dated_page(head: str, byline: str = "", nav: str = "") -> bytes:
    return (
        f"<html><head><title>Ships wait at the harbour</title>{head}</head><body>{nav}"
        f"<article><h1>Ships wait at the harbour</h1>{byline}{_BODY}{_BODY}</article>"
        "</body></html>"
    ).encode()


LD = (
    '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
    '{"@type": "WebPage", "dateModified": "2020-01-20T10:00:00Z"}, '
    '{"@type": "NewsArticle", "dateModified": "2020-01-20T10:00:00Z", '
    '"datePublished": "2020-01-19T08:00:00Z"}]}</script>'
)


@pytest.mark.parametrize(
    "head, byline",
    [
        (LD, ""),
        (LD, "<p>Updated January 20, 2020</p>"),
        (
            '<meta property="article:modified_time" content="2020-01-20T08:00:00Z">'
            '<meta property="article:published_time" content="2020-01-19T08:00:00Z">',
            '<p><time datetime="2020-01-20">Updated 20 January 2020</time></p>',
        ),
    ],
    ids=["json-ld graph", "json-ld and an updated line", "meta and an updated line"],
)
def test_the_publication_date_wins_over_the_modification_date(head, byline):
    # issue 23: datePublished 2020-01-19, dateModified 2020-01-20: dated the 20th
    from mtsum.pages import read_page

    page = read_page("a.html", _dated_page(head, byline))
    assert page.date.isoformat() == "2020-01-19"


def test_a_year_in_the_menu_never_dates_a_page_to_a_day():
    # issue 23: "Link 1995" in the navigation dated the article 1 January 1995
    from mtsum.pages import read_page

    page = read_page("a.html", _dated_page("", nav='<nav><a href="/x">Link 1995</a></nav>'))
    assert page.date is None
    dated = _dated_page('<meta property="article:published_time" content="2021-01-01">')
    assert read_page("b.html", dated).date.isoformat() == "2021-01-01"  # a real 1 January
