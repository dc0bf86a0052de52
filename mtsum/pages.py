"""Saved web pages (``.html``, ``.htm``, and ``.mhtml`` as browsers save them): the article's
main text, title, date, author, site and address, for :mod:`mtsum.ingest`.

The main text comes from `trafilatura <https://trafilatura.readthedocs.io>`_ (no navigation,
ads, comments or related links), the metadata from the page's own tags through trafilatura
and `htmldate`. Two things are checked against what a reader sees, because a page's tags and
heuristics are often wrong in ways that matter to a briefing:

- the **headline** is the page's main ``<h1>`` when it has one that the page's title also
  names (not "New York ramps up mass burials amid virus outbreak | Site" but the headline as
  printed), else the title without the site's name;
- the **date** printed under the headline ("Written: 2023-11-07", "[06月24日 11時30分]") wins
  over a date htmldate found elsewhere on the page (a sidebar's newest video is not the
  article's date); without one, htmldate's date is used.

The page's language attribute is kept for information only: mtsum's detector decides.
"""

# Long on purpose (over 60 lines or cyclomatic complexity 20; tests/test_shape.py):
#   read_page: one saved page read top to bottom, each part checked

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from mtsum.addresses import shown_address, web_address
from mtsum.errors import InputError

PAGE_SUFFIXES = (".html", ".htm", ".mhtml", ".mht")
PAGE_SIZE_FACTOR = 10  # pages carry markup, scripts and styles: ten times a text's limit
BYLINE_CHARS = 300  # how much text after the headline may hold its date
_SEPARATORS = re.compile(r"\s+[|\-–—:·•»]\s+|\s*[|｜]\s*|(?<=[^\x00-\x7f])\s*[-–—_]\s*")


@dataclasses.dataclass
class Page:
    """What a saved page gives an article."""

    paragraphs: list[str]
    title: str | None = None
    url: str | None = None
    date: dt.date | None = None
    date_source: str | None = None  # "byline" (under the headline) or "page" (its tags)
    author: str | None = None
    site: str | None = None
    declared_lang: str | None = None
    trimmed: bool = False  # over twice the text limit: read from its first part only
    warnings: list[str] = dataclasses.field(default_factory=list)  # named, the page briefed


def is_page(name: str) -> bool:
    return name.lower().endswith(PAGE_SUFFIXES)


def html_of_mhtml(path: str, data: bytes) -> tuple[bytes | str, str | None]:
    """The HTML part of an MHTML archive (what Chrome's "Save as single file" writes) and
    the address it was saved from."""
    from email import message_from_bytes, policy  # here: 10 ms of every run's start-up

    message = message_from_bytes(data, policy=policy.default)
    url = message.get("Snapshot-Content-Location")
    for part in message.walk():
        if part.get_content_type() == "text/html":
            url = url or part.get("Content-Location")
            try:
                return part.get_content(), url
            except (LookupError, ValueError):  # an unknown charset: the raw bytes
                return part.get_payload(decode=True) or b"", url
    raise InputError(path, "an MHTML file with no HTML part", "no_words")


def read_page(path: str, data: bytes, max_chars: int | None = None) -> Page:
    """The article of one saved page; :class:`InputError` when it has none. A page over twice
    ``max_chars`` (the text limit) is trimmed before it is read (:func:`_trimmed`), so a
    20 MB page costs what a page of a few MB does."""
    if not data.strip():
        raise InputError(path, "empty file", "empty")
    url = None
    html: bytes | str = data
    if path.lower().endswith((".mhtml", ".mht")) or data[:200].lstrip().lower().startswith(
        (b"from:", b"mime-version:", b"snapshot-content-location:")
    ):
        html, url = html_of_mhtml(path, data)
    head = html[:8192] if isinstance(html, bytes) else html[:8192].encode("utf-8", "replace")
    if b"\x00" in head:
        raise InputError(path, "binary file (contains NUL bytes), not a web page", "binary")
    if b"<" not in head:
        raise InputError(path, "not a web page (no HTML markup at its start)", "no_words")

    import trafilatura
    from lxml import html as lxml_html

    trimmed = max_chars is not None and len(html) > 2 * max_chars
    if trimmed:
        html = _trimmed(html, max_chars)

    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True
    )
    text = (document.text or "").strip() if document is not None else ""
    if not _enough(text):
        raise InputError(
            path,
            "no article text found in the page (a list of links, or a page that needs "
            "JavaScript to show its text)",
            "no_words",
        )
    try:
        tree = lxml_html.document_fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        tree = None
    meta_title = document.title
    heading, headline = _main_heading(tree, meta_title) if tree is not None else (None, None)
    title = headline or _without_site(meta_title, document.sitename, document.hostname)
    paragraphs = [_tidy(line) for line in text.split("\n")]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs and title and _same(paragraphs[0], title):
        paragraphs = paragraphs[1:]  # the headline repeated as the first line
    below = _text_below(tree, heading)
    lead = _tidy(document.description or "")
    if lead and below.startswith(lead[:80]) and not any(lead[:80] in p for p in paragraphs):
        paragraphs.insert(0, lead)  # the lead printed under the headline, which the
        # extractor took for page furniture
    if not paragraphs:
        raise InputError(path, "no article text found in the page beyond its title", "no_words")
    published = _published_date(tree) if tree is not None else None
    page_date = published or _iso_date(document.date)
    if published is None and page_date is not None and (page_date.month, page_date.day) == (1, 1):
        page_date = _confirmed(html, page_date)  # "Link 1995" in a menu is no 1 January
    declared = tree.get("lang") if tree is not None else None
    date, source = _byline_date(below, declared, page_date), "byline"
    if published is not None and date != published:
        date = None  # the page's publication date wins over an "Updated ..." line
    if date is None and page_date is not None:
        date, source = page_date, "page"
    author = document.author if document.author and document.author != "No Author" else None
    address, warnings = page_address(document.url, url)
    return Page(
        paragraphs=paragraphs,
        title=title,
        url=address,
        date=date,
        date_source=source if date else None,
        author=author,
        site=document.sitename or document.hostname,
        declared_lang=(declared or "").split("-")[0].lower() or None,
        trimmed=trimmed,
        warnings=warnings,
    )


def page_address(*candidates: str | None) -> tuple[str | None, list[str]]:
    """The first of a page's addresses (its canonical tag, then the address it was saved
    from) that may be linked (:func:`mtsum.addresses.web_address`), and a note for each one
    that may not: kept as text, never as a link."""
    notes = []
    for candidate in candidates:
        if not candidate or not candidate.strip():
            continue
        address = web_address(candidate)
        if address:
            return address, notes
        notes.append(
            f"its address {shown_address(candidate)!r} is not an http(s) address: "
            "kept as text, not linked"
        )
    return None, notes


MIN_WORDS = 10  # fewer is a menu or a caption, not an article
TRIM_TEXT_FACTOR = 1.5  # a trimmed page keeps this many times the text limit of text


def _trimmed(html: bytes | str, max_chars: int) -> bytes | str:
    """A large page without its scripts, styles and comments, and without what follows its
    first ``TRIM_TEXT_FACTOR`` times ``max_chars`` of text: its article text is held to the
    text limit anyway, and the extractor's work grows faster than the page. Parsing is linear;
    a page that cannot be parsed is returned as it is."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        tree = lxml_html.document_fromstring(html)
    except (ValueError, etree.ParserError):
        return html
    for node in list(tree.iter("script", "style", "noscript", "template", "svg", etree.Comment)):
        if node.tag == "script" and "ld+json" in (node.get("type") or ""):
            continue  # structured data: the page's dates
        if node.getparent() is not None:
            node.drop_tree()  # its tail kept
    budget = int(TRIM_TEXT_FACTOR * max_chars)
    for node in tree.iter():
        budget -= len(node.text or "") + len(node.tail or "")
        if budget < 0:
            while node is not None and node.getparent() is not None:  # drop what follows
                parent = node.getparent()
                for later in list(node.itersiblings()):
                    parent.remove(later)
                node = parent
            break
    return lxml_html.tostring(tree, encoding="unicode")


def _enough(text: str) -> bool:
    """At least ``MIN_WORDS`` words (a CJK character counts as a third of one)."""
    from mtsum.sentences import words

    cjk = len(re.findall(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", text))
    return len(words(text)) + cjk / 3 >= MIN_WORDS


def _tidy(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _same(a: str, b: str) -> bool:
    def norm(s):
        return re.sub(r"\W+", "", s).lower()

    return norm(a) == norm(b)


def _iso_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


_ARTICLE_TYPES = re.compile(r"article|posting|report|news", re.I)


def _published_date(tree) -> dt.date | None:
    """The page's publication date from its structured data: JSON-LD ``datePublished`` (of
    an article, else of anything), ``article:published_time``, ``itemprop="datePublished"``.
    A modification date is never one."""
    import json

    found: list[tuple[bool, dt.date]] = []

    def walk(node, article: bool) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item, article)
        elif isinstance(node, dict):
            kind = node.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            here = article or any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds)
            value = node.get("datePublished")
            date = _iso_date(value) if isinstance(value, str) else None
            if date is not None:
                found.append((here, date))
            for key, item in node.items():
                if key != "datePublished" and isinstance(item, (dict, list)):
                    walk(item, here)

    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            walk(json.loads(script.text or "", strict=False), False)
        except (ValueError, RecursionError):
            continue
    if found:
        return next((d for article, d in found if article), found[0][1])
    for node in tree.iter("meta", "time"):
        name = node.get("property") or node.get("itemprop") or node.get("name") or ""
        if name.strip().lower() in ("article:published_time", "datepublished"):
            date = _iso_date(node.get("content") or node.get("datetime"))
            if date is not None:
                return date
    return None


def _confirmed(html: bytes | str, date: dt.date) -> dt.date | None:
    """A 1 January that htmldate found only by searching the page's words (a bare year:
    "Link 1995", "© 2019") is no date; one its markup gives is kept."""
    try:
        from htmldate import find_date

        strict = find_date(html, extensive_search=False, original_date=True)
    except Exception:  # htmldate on odd markup: no confirmation
        return None
    return date if strict and _iso_date(strict) == date else None


def _visible_text(element) -> str:
    """An element's text as a reader sees it: ruby readings (``<rt>``) and scripts left out."""
    parts = []
    for node in element.iter():
        if node.tag in ("rt", "rp", "script", "style") or not isinstance(node.tag, str):
            if node is not element and node.tail:
                parts.append(node.tail)
            continue
        if node.text:
            parts.append(node.text)
        if node is not element and node.tail:
            parts.append(node.tail)
    return _tidy("".join(parts))


def _main_heading(tree, meta_title: str | None):
    """The page's main ``<h1>``: of those with words, the one whose words the page's title
    shares most (a logo's "KBS WORLD" is an ``<h1>`` too), else the first."""
    headings = [(h, _visible_text(h)) for h in tree.iter("h1")]
    headings = [(h, text) for h, text in headings if len(text) >= 8]
    if not headings:
        return None, None
    if len(headings) == 1 or not meta_title:
        return headings[0]
    title_words = set(re.findall(r"\w+", meta_title.lower()))

    def shared(item):
        words = set(re.findall(r"\w+", item[1].lower()))
        return (len(title_words & words), item[1] in meta_title)

    return max(headings, key=shared)


def _without_site(title: str | None, site: str | None, host: str | None) -> str | None:
    """A page title without the site's name ("Losing face | The Japan Times" -> "Losing
    face", "武汉的声音-新华网" -> "武汉的声音")."""
    if not title:
        return None
    pieces = [p for p in _SEPARATORS.split(title) if p.strip()]
    if len(pieces) < 2:
        return title.strip()
    names = {n.lower() for n in (site, host) if n}
    names |= {n.removeprefix("www.").split(".")[0] for n in names}

    def is_site(piece: str) -> bool:
        low = piece.strip().lower()
        return any(low == n or n in low.replace(" ", "") for n in names if n) or len(low) <= 6

    while len(pieces) > 1 and is_site(pieces[-1]):
        pieces.pop()
    while len(pieces) > 1 and is_site(pieces[0]):
        pieces.pop(0)
    head = title.strip()
    # keep the original separators inside what remains ("Coronavirus: New York ...")
    first, last = pieces[0].strip(), pieces[-1].strip()
    start, end = head.find(first), head.rfind(last) + len(last)
    return head[start:end].strip() if start >= 0 and end > start else first


def _text_below(tree, heading) -> str:
    """The first words a reader sees under the headline (the byline, its date, the lead)."""
    if heading is None:
        return ""
    inside = set(heading.iter())
    after, size = [heading.tail or ""], len((heading.tail or "").strip())
    started = False
    for node in tree.iter():
        if node is heading:
            started = True
        if not started or node in inside or not isinstance(node.tag, str):
            continue
        if node.tag in ("script", "style", "rt", "rp", "noscript"):
            after.append(node.tail or "")
            continue
        after += [node.text or "", node.tail or ""]
        size += len((node.text or "").strip()) + len((node.tail or "").strip())
        if size >= BYLINE_CHARS:
            break
    return _tidy(" ".join(after))


def _byline_date(below: str, lang: str | None, page_date: dt.date | None) -> dt.date | None:
    """The date printed just under the headline: the page's own date when the byline also
    prints it (a byline may show "published" and "updated"), else its first date that reads
    one way only ("04/05/2020" could be April or May: left to the page's tags). A date without
    its year takes the page's year."""
    from mtsum.dates import find_dates

    code = (lang or "en").split("-")[0].lower()
    found = [
        d
        for d in find_dates(below[:BYLINE_CHARS], code, year=page_date.year if page_date else None)
        if d.precision == "day"
    ]
    if page_date is not None and any(d.date == page_date for d in found):
        return page_date
    plain = [d for d in found if not d.ambiguous]
    return plain[0].date if plain else None
