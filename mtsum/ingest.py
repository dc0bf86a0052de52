"""Stage 1, ingest: read article files into :class:`Article` objects.

Reads ``.txt`` and ``.md`` files (UTF-8 with or without BOM; UTF-16 with a BOM), removes the
boilerplate that news pages leave in copied text (comment counters, dangling "Source" lines,
datelines), keeps the source URL and the date they carry, and splits the text into paragraphs.
Every problem with one file is an :class:`~mtsum.errors.InputError` naming the file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mtsum.errors import InputError, UsageError

SUFFIXES = (".txt", ".md")
DEFAULT_MAX_BYTES = 2_000_000  # a news article is tens of kilobytes; 2 MB is a mistake
TITLE_MAX_CHARS = 150


@dataclass(frozen=True)
class Article:
    """One source article, cleaned, in its own language."""

    id: str
    path: str
    paragraphs: tuple[str, ...]
    title: str | None = None
    source_url: str | None = None
    date: dt.date | None = None
    # How the date was obtained: "metadata" (front matter), "dateline" (a "date YYYY-MM-DD"
    # line), "text" (the first date its words give), "title" (the year in its title), or None
    # when the article is undated. Never the file's modification time.
    date_source: str | None = None
    date_precision: str = "day"  # "day", "month" (a month's last day) or "year"
    removed: tuple[str, ...] = field(default=(), compare=False)  # boilerplate lines dropped

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


# --- finding the files ---------------------------------------------------------------------


def collect_paths(inputs: Iterable[str | os.PathLike]) -> list[Path]:
    """Expand files and folders into the list of article files, in a stable order.

    A folder contributes its ``.txt`` and ``.md`` files (recursively, hidden ones skipped).
    A missing path or a folder with no articles is a :class:`UsageError`.
    """
    paths: list[Path] = []
    inputs = list(inputs)
    if not inputs:
        raise UsageError("no input given: name a folder or files of articles")
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and not p.is_dir()
            )
            if not found:
                raise UsageError(f"{path}: folder has no .txt or .md files")
            paths.extend(found)
        elif path.exists() or path.is_symlink():
            paths.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    seen: set[Path] = set()
    unique = []
    for p in paths:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def article_ids(paths: list[Path]) -> list[str]:
    """Ids from file stems, made unique with a numeric suffix where two stems collide."""
    ids, counts = [], {}
    for p in paths:
        stem = p.stem
        counts[stem] = counts.get(stem, 0) + 1
        ids.append(stem if counts[stem] == 1 else f"{stem}-{counts[stem]}")
    return ids


# --- reading one file ----------------------------------------------------------------------


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read and decode one file; raise :class:`InputError` with a plain reason otherwise."""
    try:
        if path.is_dir():
            raise InputError(path, "is a folder, not a text file")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                path, f"too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB)"
            )
        data = path.read_bytes()
    except InputError:
        raise
    except PermissionError:
        raise InputError(path, "cannot read it: permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read it: {exc.strerror or exc}") from None
    return decode(path, data)


def decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise InputError(path, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(path, "has a UTF-16 mark but is not valid UTF-16") from None
    else:
        if b"\x00" in data[:8192]:
            raise InputError(path, "binary file (contains NUL bytes), not text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(
                path,
                f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                "save it as UTF-8",
            ) from None
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if controls > max(3, len(text) // 100):
        raise InputError(path, f"not text ({controls} control characters)")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not any(c.isalpha() for c in text):
        raise InputError(path, "has no words (no letters in the file)")
    return text


# --- cleaning ------------------------------------------------------------------------------

_COMMENT_COUNTER = re.compile(
    r"^(comments?|kommentar(er)?|bình luận|kommentarer|コメント|댓글|评论)\s*[(\[]\s*\d+\s*[)\]]$",
    re.IGNORECASE,
)
_DANGLING_SOURCE = re.compile(r"^(source|sources|kilde|kilder|nguồn|quelle|källa)\s*:?$", re.I)
_SOURCE_URL = re.compile(
    r"^(source|kilde|nguồn|quelle|källa|fonte|fuente)\s*:\s*(?P<url>https?://\S+)\s*$", re.I
)
_DATE_LINE = re.compile(r"^date\s*:?\s*(?P<date>\d{4}-\d{2}-\d{2})\b.*$", re.IGNORECASE)
_FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?)\n---\n", re.DOTALL)


@dataclass
class _Cleaned:
    lines: list[str]
    removed: list[str] = field(default_factory=list)
    source_url: str | None = None
    date: dt.date | None = None
    date_source: str | None = None
    title: str | None = None


def _parse_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _front_matter(text: str, cleaned: _Cleaned) -> str:
    match = _FRONT_MATTER.match(text)
    if not match:
        return text
    import yaml

    try:
        meta = yaml.safe_load(match.group("body")) or {}
    except yaml.YAMLError:
        return text
    if not isinstance(meta, dict):
        return text
    meta = {str(k).lower(): v for k, v in meta.items()}
    if isinstance(meta.get("title"), str):
        cleaned.title = meta["title"].strip() or None
    for key in ("source", "url", "link", "source_url"):
        if isinstance(meta.get(key), str) and meta[key].startswith(("http://", "https://")):
            cleaned.source_url = meta[key].strip()
            break
    date = _parse_date(meta.get("date"))
    if date:
        cleaned.date, cleaned.date_source = date, "metadata"
    return text[match.end() :]


def clean(text: str) -> _Cleaned:
    """Strip boilerplate; pull out the source URL, dateline date and front-matter fields."""
    cleaned = _Cleaned(lines=[])
    text = _front_matter(text, cleaned)
    lines = [line.strip() for line in text.split("\n")]
    kept = []
    for line in lines:
        source = _SOURCE_URL.match(line)
        if source:
            cleaned.source_url = cleaned.source_url or source.group("url")
            cleaned.removed.append(line)
            continue
        date = _DATE_LINE.match(line)
        if date and not kept:
            parsed = _parse_date(date.group("date"))
            if parsed and cleaned.date is None:
                cleaned.date, cleaned.date_source = parsed, "dateline"
            cleaned.removed.append(line)
            continue
        if _COMMENT_COUNTER.match(line):
            cleaned.removed.append(line)
            continue
        kept.append(line)
    # A "Source"/"Kilde" label left dangling at the end, once its link was lost in copying.
    while kept and (not kept[-1] or _DANGLING_SOURCE.match(kept[-1])):
        if kept[-1]:
            cleaned.removed.append(kept[-1])
        kept.pop()
    cleaned.lines = kept
    return cleaned


def _hard_wrapped(lines: list[str]) -> bool:
    """A file wrapped at a fixed width has no line over ~100 characters and many near it."""
    long = [line for line in lines if len(line) >= 60]
    return bool(lines) and max(map(len, lines)) <= 100 and len(long) >= 5


def split_paragraphs(lines: list[str], markdown: bool) -> list[str]:
    """One paragraph per line, unless the text is Markdown or hard-wrapped: then per block."""
    if markdown or _hard_wrapped([line for line in lines if line]):
        paragraphs, block = [], []
        for line in lines + [""]:
            if line:
                block.append(line)
            elif block:
                paragraphs.append(" ".join(block))
                block = []
    else:
        paragraphs = [line for line in lines if line]
    return [re.sub(r"\s+", " ", p).strip() for p in paragraphs if p.strip()]


def _title_from(paragraphs: list[str], markdown: bool) -> tuple[str | None, list[str]]:
    """A short first line that is not a sentence is the title (a Markdown heading always is)."""
    if not paragraphs:
        return None, paragraphs
    first = paragraphs[0]
    if markdown and first.startswith("#"):
        return first.lstrip("#").strip() or None, paragraphs[1:]
    if len(paragraphs) > 1 and len(first) <= TITLE_MAX_CHARS and not first.endswith((".", ":")):
        return first, paragraphs[1:]
    return None, paragraphs


def parse_article(text: str, *, id: str, path: str, markdown: bool = False) -> Article:
    """Turn decoded text into an :class:`Article` (no file access: easy to test)."""
    cleaned = clean(text)
    paragraphs = split_paragraphs(cleaned.lines, markdown)
    if markdown:
        paragraphs = [re.sub(r"^#+\s*", "", p) if i else p for i, p in enumerate(paragraphs)]
    title, body = _title_from(paragraphs, markdown)
    title = cleaned.title or title
    if not body:
        raise InputError(path, "no article text after removing boilerplate")
    return Article(
        id=id,
        path=path,
        paragraphs=tuple(body),
        title=title,
        source_url=cleaned.source_url,
        date=cleaned.date,
        date_source=cleaned.date_source,
        removed=tuple(cleaned.removed),
    )


def read_article(path: str | os.PathLike, *, id: str | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    path = Path(path)
    text = read_text(path, max_bytes=max_bytes)
    return parse_article(
        text, id=id or path.stem, path=str(path), markdown=path.suffix.lower() == ".md"
    )


def read_articles(
    paths: list[Path], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | InputError]:
    """Yield each article, or the :class:`InputError` that stopped it, in order."""
    for path, article_id in zip(paths, article_ids(paths)):
        try:
            yield read_article(path, id=article_id, max_bytes=max_bytes)
        except InputError as exc:
            yield exc
