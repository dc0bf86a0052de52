"""Stage 1, ingest: read article files into :class:`Article` objects.

Reads ``.txt`` and ``.md`` files (UTF-8 with or without BOM; UTF-16 with a BOM), removes the
boilerplate that news pages leave in copied text (comment counters, dangling "Source" lines,
datelines), keeps the source URL and the date they carry, and splits the text into paragraphs.
Saved web pages (``.html``, ``.htm``, ``.mhtml``) are read by :mod:`mtsum.pages`. Every
problem with one file is an :class:`~mtsum.errors.InputError` naming the file.
"""

# Long on purpose (over 60 lines or cyclomatic complexity 20; tests/test_shape.py):
#   _walk: the iterative folder walk with its link, loop and depth checks

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mtsum.addresses import shown_address, web_address
from mtsum.documents import DOCUMENT_SUFFIXES, is_document, unreadable
from mtsum.errors import InputError, UsageError
from mtsum.model import Article  # noqa: F401 - re-exported
from mtsum.pages import PAGE_SIZE_FACTOR, PAGE_SUFFIXES, is_page

SUFFIXES = (".txt", ".md", *PAGE_SUFFIXES, *DOCUMENT_SUFFIXES)
DEFAULT_MAX_BYTES = 2_000_000  # a news article is tens of kilobytes; 2 MB is a mistake
TITLE_MAX_CHARS = 150
TITLE_LIMIT = 300  # a title is cut here (a page's 100 KB <title> is not a headline)


# --- finding the files ---------------------------------------------------------------------


def display_path(path: str | os.PathLike) -> str:
    """A path as text for messages and output, whatever bytes its name holds: a name that is
    not valid UTF-8 shows its odd bytes as escapes ("caf\\xe9.txt")."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def shown_path(path: Path, base: Path | None = None) -> str:
    """How an input file is named in messages and outputs, never as an absolute local path:
    "seeds/001.txt" for a file found in the folder ``seeds``, a named file's own name."""
    if base is not None:
        try:
            relative = path.relative_to(base)
        except ValueError:
            relative = Path(path.name)
        name = base.resolve().name if base.name in ("", ".", "..") else base.name
        return display_path(Path(name) / relative) if name else display_path(relative)
    return display_path(path if not path.is_absolute() else path.name)


@dataclass(frozen=True)
class Source:
    """One article file to read, with its id: unique in the input set, the same on every pass."""

    path: Path
    id: str
    shown: str = ""  # its name in messages and outputs (see :func:`shown_path`)

    @property
    def display(self) -> str:
        return self.shown or display_path(self.path)


@dataclass(frozen=True)
class Inputs:
    sources: tuple[Source, ...]
    problems: tuple[InputError, ...]  # paths that cannot be articles, each with its reason


def _inside(path: Path, roots: list[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def _kind(mode: int) -> str | None:
    """Why a file of this mode cannot be read as an article, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a file: not read"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file: not read"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file: not read"
    return "not a regular file: not read"


def _check_link(path: Path, roots: list[Path], follow_links: bool) -> InputError | Path:
    """A symbolic link's target, or the reason it is not followed."""
    try:
        target = path.resolve(strict=True)
    except RuntimeError:
        return InputError(path, "a symbolic link loop: not read", "link_loop")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return InputError(path, "a symbolic link loop: not read", "link_loop")
        return InputError(
            path, "a dangling symbolic link (its target is missing): not read", "link_dangling"
        )
    if not follow_links and not _inside(target, roots):
        what = "folder" if target.is_dir() else "file"
        return InputError(
            path,
            f"a symbolic link to a {what} outside the input "
            "folders: not followed (use --follow-links)",
            "link_outside",
        )
    return target


def _entries(folder: Path, problems: list[InputError]) -> list[os.DirEntry]:
    try:
        return sorted(os.scandir(folder), key=lambda e: os.fsencode(e.name))
    except PermissionError:
        problems.append(
            InputError(folder, "cannot read this folder: permission denied", "unreadable")
        )
    except OSError as exc:
        problems.append(
            InputError(folder, f"cannot read this folder: {exc.strerror or exc}", "unreadable")
        )
    return []


def _assets_folder(path: Path) -> bool:
    """A folder a browser saved beside a page for its images and scripts ("page_files" next
    to "page.html"): its images are not articles nor worth a line each."""
    stem = path.name.removesuffix("_files")
    return stem != path.name and any(
        (path.parent / f"{stem}{suffix}").exists() for suffix in (".html", ".htm")
    )


def _walk(
    folder: Path,
    roots: list[Path],
    follow_links: bool,
    suffixes: tuple[str, ...],
    found: list[Path],
    problems: list[InputError],
    seen: set[Path],
) -> None:
    """The files of ``folder`` and its folders, depth first in name order. A stack, not
    recursion: a folder nested a thousand deep is read like any other."""
    stack = [(iter(_entries(folder, problems)), _assets_folder(folder))]
    while stack:
        entry = next(stack[-1][0], None)
        if entry is None:
            stack.pop()
            continue
        in_assets = stack[-1][1]
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_symlink():
            target = _check_link(path, roots, follow_links)
            if isinstance(target, InputError):
                if (
                    path.suffix.lower() in suffixes
                    or "loop" in target.reason
                    or "outside" in target.reason
                    and "folder" in target.reason
                ):
                    problems.append(target)
                continue
            if target.is_dir():
                if follow_links and target not in seen:
                    seen.add(target)
                    stack.append((iter(_entries(path, problems)), _assets_folder(path)))
                continue  # a link to a folder inside the input: its files are read there
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            real = path.resolve()
            if real not in seen:
                seen.add(real)
                stack.append((iter(_entries(path, problems)), _assets_folder(path)))
            continue
        if path.suffix.lower() not in suffixes:
            why = unreadable(path.name)
            if why and not in_assets and suffixes == SUFFIXES:
                problems.append(InputError(path, why, "unsupported"))
            continue
        try:
            reason = _kind(os.stat(path).st_mode)
        except OSError as exc:
            reason = f"cannot read it: {exc.strerror or exc}"
        if reason:
            problems.append(
                InputError(path, reason, "unreadable" if reason.startswith("cannot") else "special")
            )
        else:
            found.append(path)


def find_inputs(
    inputs: Iterable[str | os.PathLike],
    *,
    follow_links: bool = False,
    suffixes: tuple[str, ...] = SUFFIXES,
) -> Inputs:
    """The article files of files and folders, in a stable order, each with a unique id.

    A folder contributes its article files (recursively; hidden ones skipped). Only regular
    files are read: symbolic link loops, dangling links, links that resolve outside the
    input folders (unless ``follow_links``), unreadable folders, FIFOs and devices are
    ``problems``, each with its reason. A missing path, or a folder with no article files and
    no problems, is a :class:`UsageError`.
    """
    inputs = list(inputs)
    if not inputs:
        raise UsageError("no input given: name a folder or files of articles")
    found: list[Path] = []
    problems: list[InputError] = []
    roots: list[Path] = []
    shown: dict[Path, str] = {}
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            root = path.resolve()
            roots.append(root)
            before_found, before_problems = len(found), len(problems)
            _walk(path, [root], follow_links, suffixes, found, problems, {root})
            if len(found) == before_found and len(problems) == before_problems:
                names = ", ".join(suffixes)
                raise UsageError(f"{display_path(path)}: folder has no articles ({names} files)")
            for p in found[before_found:]:
                shown[p] = shown_path(p, path)
            for problem in problems[before_problems:]:
                problem.path = shown_path(Path(problem.path), path)
        elif path.is_symlink() and not path.exists():  # a loop or a dangling link
            problem = _check_link(path, [], True)
            if not isinstance(problem, InputError):
                problem = InputError(path, "cannot be read", "unreadable")
            problem.path = shown_path(path)
            problems.append(problem)
        elif path.exists():
            reason = _kind(os.stat(path).st_mode)
            if reason:
                problems.append(InputError(shown_path(path), reason, "special"))
            else:
                found.append(path)  # a file named on the command line is read where it is
                shown[path] = shown_path(path)
        else:
            raise UsageError(f"{display_path(path)}: no such file or folder")
    unique, seen = [], set()
    for p in found:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    ids = article_ids(unique, roots)
    return Inputs(tuple(Source(p, i, shown[p]) for p, i in zip(unique, ids)), tuple(problems))


def collect_paths(inputs: Iterable[str | os.PathLike], **options) -> list[Path]:
    """The article files of ``inputs`` (see :func:`find_inputs`), problems left out."""
    return [s.path for s in find_inputs(inputs, **options).sources]


def _relative(path: Path, roots: list[Path]) -> str:
    real = path.resolve()
    for root in roots:
        if root in real.parents:
            return real.relative_to(root).as_posix()
    return path.as_posix()


def article_ids(paths: list[Path], roots: list[Path] | None = None) -> list[str]:
    """Ids that are unique in the set and depend on the set alone, never on the order of
    reading: the file's stem; where stems collide, its name with the suffix; where those
    collide, its path inside its input folder ("a/news.txt"); then its full path."""
    roots = roots or []
    levels = [
        lambda p: display_path(p.stem),
        lambda p: display_path(p.name),
        lambda p: display_path(_relative(p, roots)),
        lambda p: display_path(p),
    ]
    level = {p: 0 for p in paths}
    while True:
        ids = {p: levels[level[p]](p) for p in paths}
        counts: dict[str, int] = {}
        for value in ids.values():
            counts[value] = counts.get(value, 0) + 1
        clashing = [p for p in paths if counts[ids[p]] > 1 and level[p] < len(levels) - 1]
        if not clashing:
            break
        for p in clashing:
            level[p] += 1
    out, used = [], set()
    for p in paths:  # paths given twice the same way (only possible at the last level)
        value, n = ids[p], 2
        while value in used:
            value, n = f"{ids[p]}-{n}", n + 1
        used.add(value)
        out.append(value)
    return out


# --- reading one file ----------------------------------------------------------------------


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A regular file's bytes, at most ``max_bytes`` (checked on what is read, not on the
    size the file reports); never blocks on a FIFO."""
    name = display_path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:
        raise InputError(name, "is a folder, not a text file", "special") from None
    except PermissionError:
        raise InputError(name, "cannot read it: permission denied", "unreadable") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(name, "a symbolic link loop: not read", "link_loop") from None
        raise InputError(name, f"cannot read it: {exc.strerror or exc}", "unreadable") from None
    try:
        reason = _kind(os.fstat(fd).st_mode)
        if reason:
            raise InputError(name, reason, "special")
        chunks, size = [], 0
        while size <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except InputError:
        raise
    except OSError as exc:
        raise InputError(name, f"cannot read it: {exc.strerror or exc}", "unreadable") from None
    finally:
        os.close(fd)
    if size > max_bytes:
        raise InputError(name, f"too large (over {max_bytes / 1e6:.1f} MB, the limit)", "too_large")
    return b"".join(chunks)


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read and decode one file; raise :class:`InputError` with a plain reason otherwise."""
    return decode(display_path(path), read_bytes(Path(path), max_bytes))


# Unicode's control characters (category Cc: U+0000-U+001F and U+007F-U+009F), but for the
# line breaks, tabs and form feeds of plain text: found by one scan, not a lookup a character.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def decode(path: str | Path, data: bytes) -> str:
    """Bytes as text (UTF-8 with or without BOM, UTF-16 with a BOM), NFC-normalised, with
    newlines made uniform; the same for files and stdin."""
    if not data.strip():
        raise InputError(path, "empty file", "empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(
                path, "has a UTF-16 mark but is not valid UTF-16", "encoding"
            ) from None
    else:
        if b"\x00" in data[:8192]:
            raise InputError(path, "binary file (contains NUL bytes), not text", "binary")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(
                path,
                f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8",
                "encoding",
            ) from None
    controls = len(_CONTROLS.findall(text))
    if controls > max(3, len(text) // 100):
        raise InputError(path, f"not text ({controls} control characters)", "binary")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not any(c.isalpha() for c in text):
        raise InputError(path, "has no words (no letters in the file)", "no_words")
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
    warnings: list[str] = field(default_factory=list)  # named on stderr and in the briefing


def _parse_date(value: object) -> dt.date | None:
    """An ISO calendar date ("2024-02-24", "2024-02-24T10:00"), or None: "2024-02-30" and
    "0000-01-01" are no dates."""
    if isinstance(value, str):
        try:
            date = dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
        return date if date.year >= 1900 else None
    return None


def _front_matter(text: str, cleaned: _Cleaned) -> str:
    """Title, date and source URL from a YAML front-matter block. Values are read as plain
    strings (so "date: 0000-01-01" is a bad date, not a crash); a block that is not valid
    YAML is dropped with a warning, never shown as the article's title."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text
    import yaml

    try:
        meta = yaml.load(match.group("body"), Loader=yaml.BaseLoader) or {}
    except yaml.YAMLError as exc:
        problem = str(getattr(exc, "problem", None) or exc).splitlines()[0]
        cleaned.warnings.append(f"its front matter is not valid YAML ({problem}): ignored")
        return text[match.end() :]
    if not isinstance(meta, dict):
        cleaned.warnings.append("its front matter is not a list of 'key: value' lines: ignored")
        return text[match.end() :]
    meta = {str(k).lower(): v for k, v in meta.items()}
    if isinstance(meta.get("title"), str):
        cleaned.title = meta["title"].strip() or None
    for key in ("source", "url", "link", "source_url"):
        value = meta.get(key)
        if not isinstance(value, str) or not value.strip():
            continue
        if web_address(value):
            cleaned.source_url = web_address(value)
            break
        if re.match(r"^\s*[a-z][a-z0-9+.-]*:(?!\s)", value, re.I):  # an address of another kind
            cleaned.warnings.append(
                f"its front matter {key} {shown_address(value)!r} is not an http(s) address: "
                "kept as text, not linked"
            )
    if "date" in meta:
        date = _parse_date(meta["date"])
        if date:
            cleaned.date, cleaned.date_source = date, "metadata"
        else:
            cleaned.warnings.append(
                f"its front matter date {str(meta['date'])[:40]!r} is not "
                "a calendar date (YYYY-MM-DD): ignored"
            )
    return text[match.end() :]


def clean(text: str) -> _Cleaned:
    """Strip boilerplate; pull out the source URL, dateline date and front-matter fields."""
    cleaned = _Cleaned(lines=[])
    text = _front_matter(text, cleaned)
    lines = [line.strip() for line in text.split("\n")]
    kept = []
    for line in lines:
        source = _SOURCE_URL.match(line)
        if source and web_address(source.group("url")):
            cleaned.source_url = cleaned.source_url or web_address(source.group("url"))
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


_SENTENCE_END = re.compile(r"[.!?:;…\"”’»)\]]$")


def _hard_wrapped(lines: list[str]) -> bool:
    """A file wrapped at a fixed width has no line over ~100 characters, many near it, and
    most of its lines end in the middle of a sentence (one paragraph per line ends them)."""
    long = [line for line in lines if len(line) >= 60]
    if not lines or max(map(len, lines)) > 100 or len(long) < 5:
        return False
    open_ended = sum(1 for line in long if not _SENTENCE_END.search(line))
    return open_ended >= 0.6 * len(long)


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
    title = short_title(cleaned.title or title)
    if not body:
        raise InputError(path, "no article text after removing boilerplate", "no_words")
    return Article(
        id=id,
        path=path,
        paragraphs=tuple(body),
        title=title,
        source_url=cleaned.source_url,
        date=cleaned.date,
        date_source=cleaned.date_source,
        removed=tuple(cleaned.removed),
        warnings=tuple(cleaned.warnings),
    )


def read_article(
    path: str | os.PathLike,
    *,
    id: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    shown: str | None = None,
) -> Article:
    """One article file; ``shown`` is the name it goes by in messages and outputs."""
    path = Path(path)
    name = shown or display_path(path)
    why = unreadable(path.name)
    if why:
        raise InputError(name, why, "unsupported")
    page, document = is_page(path.name), is_document(path.name)
    try:
        data = read_bytes(
            path, max_bytes=max_bytes * PAGE_SIZE_FACTOR if page or document else max_bytes
        )
    except InputError as exc:
        exc.path = name
        raise
    if page:
        return page_article(data, id=id or display_path(path.stem), path=name, max_bytes=max_bytes)
    if document:
        return document_article(
            data, id=id or display_path(path.stem), path=name, max_bytes=max_bytes
        )
    return parse_article(
        decode(name, data),
        id=id or display_path(path.stem),
        path=name,
        markdown=path.suffix.lower() == ".md",
    )


def held(paragraphs: list[str], max_bytes: int) -> tuple[list[str], str | None]:
    """``paragraphs`` held to the text limit: the first ones whose text (UTF-8) fits in
    ``max_bytes``, and a note saying how many were left out; a first paragraph over the limit
    alone is cut at a sentence or word end."""
    kept, size = [], 0
    for paragraph in paragraphs:
        cost = len(paragraph.encode("utf-8")) + 2
        if size + cost > max_bytes:
            break
        kept.append(paragraph)
        size += cost
    if len(kept) == len(paragraphs):
        return paragraphs, None
    if not kept:
        head = paragraphs[0].encode("utf-8")[:max_bytes].decode("utf-8", "ignore")
        end = max(head.rfind(". "), head.rfind(" "))
        kept = [head[: end + 1].strip() if end > 0 else head]
    total = sum(len(p.encode("utf-8")) + 2 for p in paragraphs)
    return kept, (
        f"its text ({size_text(total)}) is over the text limit ({size_text(max_bytes)}): "
        f"cut after paragraph {len(kept)} of {len(paragraphs)}"
    )


def size_text(size: int) -> str:
    """A size in bytes for a note: "1.8 MB", "240 KB"."""
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size / 1e3:.0f} KB"


def short_title(title: str | None) -> str | None:
    """A title cut to :data:`TITLE_LIMIT` characters at a word's end, marked with "…"."""
    if title is None:
        return None
    title = re.sub(r"\s+", " ", title).strip()
    if len(title) <= TITLE_LIMIT:
        return title or None
    cut = title[: TITLE_LIMIT - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > TITLE_LIMIT // 2 else cut).rstrip() + "…"


def page_article(data: bytes, *, id: str, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """A saved web page as an :class:`Article` (see :mod:`mtsum.pages`), its text held to
    the text limit (cut on a paragraph boundary, and noted)."""
    from mtsum.pages import read_page

    page = read_page(path, data, max_chars=max_bytes)
    paragraphs, note = held(page.paragraphs, max_bytes)
    if page.trimmed and note:
        note = (
            f"its text is over the text limit ({size_text(max_bytes)}; the page is "
            f"{size_text(len(data))}): cut after paragraph {len(paragraphs)}"
        )
    return Article(
        id=id,
        path=path,
        paragraphs=tuple(paragraphs),
        title=short_title(page.title),
        source_url=page.url,
        date=page.date,
        date_source=page.date_source,
        author=page.author,
        site=page.site,
        warnings=tuple(page.warnings) + ((note,) if note else ()),
    )


def document_article(
    data: bytes, *, id: str, path: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> Article:
    """A PDF or Word file as an :class:`Article` (see :mod:`mtsum.documents`), its text held
    to the text limit like a page's."""
    from mtsum.documents import read_document

    document = read_document(path, data, max_chars=max_bytes)
    paragraphs, note = held(document.paragraphs, max_bytes)
    return Article(
        id=id,
        path=path,
        paragraphs=tuple(paragraphs),
        title=short_title(document.title),
        date=document.date,
        date_source=document.date_source,
        warnings=tuple(document.warnings) + ((note,) if note else ()),
    )


def read_sources(
    sources: Iterable[Source], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | InputError]:
    """Yield each article, or the :class:`InputError` that stopped it, in order."""
    for source in sources:
        try:
            yield read_article(source.path, id=source.id, max_bytes=max_bytes, shown=source.display)
        except InputError as exc:
            yield exc


def read_articles(
    paths: list[Path], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | InputError]:
    """Yield each article of ``paths`` (ids from :func:`article_ids`), or its error."""
    ids = article_ids(list(paths))
    yield from read_sources((Source(Path(p), i) for p, i in zip(paths, ids)), max_bytes)
