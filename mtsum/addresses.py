"""Which addresses may become a link in a briefing or be fetched by ``mtsum collect``.

One rule for every source of an address (an MHTML file's headers, a page's canonical and
``og:url`` tags, an article's front matter or "Source:" line, a feed's links, the target of a
redirect): an absolute ``http`` or ``https`` address with a host, and nothing else. A
``javascript:``, ``data:``, ``file:`` or ``ftp:`` address is never an ``href`` and never
fetched; where it came from a file, it is kept as text in a note.

:func:`internal_address` says whether an IP address is one ``mtsum collect`` refuses unless
asked (loopback, private, link-local, reserved, multicast: anything not globally routable).
"""

from __future__ import annotations

import ipaddress
import re
import urllib.parse

SCHEMES = ("http", "https")
MAX_CHARS = 2048  # longer is not an article's address
_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def web_address(value: object) -> str | None:
    """``value`` as an address that may be linked to or fetched, or None.

    Surrounding white space is dropped; any space or control character left inside, a scheme
    other than http(s), a missing host, credentials in the address ("http://user:pw@host")
    or a port that is not a number make it None.
    """
    if not isinstance(value, str):
        return None
    address = value.strip()
    if not address or len(address) > MAX_CHARS or _CONTROL.search(address):
        return None
    try:
        parts = urllib.parse.urlsplit(address)
        port = parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        return None
    del port
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        return None
    if parts.username is not None or parts.password is not None:
        return None
    if "\\" in parts.netloc:
        return None  # browsers read "http://a\\b" as "http://a/b": not worth the doubt
    return address


def shown_address(value: str, limit: int = 120) -> str:
    """An address that is not linked, as text for a note: control characters escaped, cut."""
    text = value.strip().encode("unicode_escape").decode("ascii")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def origin(address: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of an http(s) address, the port made explicit."""
    parts = urllib.parse.urlsplit(address)
    if parts.scheme not in SCHEMES or not parts.hostname:
        return None
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return None
    return parts.scheme, parts.hostname.lower(), port


def internal_address(ip: str) -> str | None:
    """Why ``ip`` is an internal address ("loopback", "private", ...), or None when it is a
    public one. An IPv6 address that carries an IPv4 one is judged by the IPv4 address."""
    try:
        address = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    if isinstance(address, ipaddress.IPv6Address):
        mapped = address.ipv4_mapped or address.sixtofour
        if mapped is not None:
            address = mapped
    for kind in ("loopback", "private", "link_local", "multicast", "reserved", "unspecified"):
        if getattr(address, f"is_{kind}"):
            return kind.replace("_", "-")
    if not address.is_global:
        return "not public"
    return None
