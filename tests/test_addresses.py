"""One rule for addresses that may be linked or fetched (issue 23): http(s) with a host."""

import pytest

from mtsum.addresses import internal_address, shown_address, web_address
from mtsum.ingest import parse_article


@pytest.mark.parametrize(
    "value, expected",
    [
        ("https://example.org/a?b=1#c", "https://example.org/a?b=1#c"),
        ("  http://example.org/  ", "http://example.org/"),
        ("HTTPS://Example.org/", "HTTPS://Example.org/"),
        ("javascript:alert(document.domain)", None),
        (" JavaScript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:msgbox", None),
        ("file:///etc/passwd", None),
        ("ftp://example.org/x", None),
        ("//example.org/x", None),
        ("/relative/path", None),
        ("http://", None),
        ("http:///path", None),
        ("http://user:secret@example.org/", None),
        ("http://example.org:port/", None),
        ("http://exa mple.org/", None),
        ("http://example.org/\nSet-Cookie: a", None),
        ("http://example.org\\@evil.test/", None),
        ("", None),
        (None, None),
        (42, None),
    ],
)
def test_only_http_and_https_addresses_may_be_links(value, expected):
    assert web_address(value) == expected


def test_an_address_kept_as_text_is_escaped_and_cut():
    assert shown_address("javascript:\x1b]0;x\x07") == "javascript:\\x1b]0;x\\x07"
    assert len(shown_address("http://a/" + "x" * 500)) == 120


@pytest.mark.parametrize(
    "ip, kind",
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.1", "private"),
        ("172.16.5.5", "private"),
        ("169.254.169.254", "link-local"),  # cloud metadata
        ("fe80::1", "link-local"),
        ("::ffff:127.0.0.1", "loopback"),
        ("0.0.0.0", "private"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "private"),
        ("100.64.0.1", "not public"),  # shared address space (carrier NAT)
        ("93.184.215.14", None),
        ("2606:4700::1111", None),
    ],
)
def test_internal_addresses_are_named(ip, kind):
    found = internal_address(ip)
    assert (found is None) == (kind is None)
    if kind and kind != "not public":
        assert found in (kind, "private", "reserved", "unspecified", "loopback")


def test_a_script_address_in_front_matter_is_a_note_not_a_link():
    text = "---\ntitle: A\nurl: javascript:alert(1)\n---\n\nFirst line of the article text.\n"
    article = parse_article(text, id="a", path="a.md", markdown=True)
    assert article.source_url is None
    assert any("javascript:alert(1)" in w and "not linked" in w for w in article.warnings)
    text = "Title\nSource: https://example.org/x\nThe article text, one line of it.\n"
    assert parse_article(text, id="b", path="b.txt").source_url == "https://example.org/x"


def test_a_source_name_with_a_colon_is_no_address():
    text = "---\ntitle: A\nsource: 'AP: Hanoi'\n---\n\nFirst line of the article text.\n"
    article = parse_article(text, id="a", path="a.md", markdown=True)
    assert article.source_url is None and not article.warnings
