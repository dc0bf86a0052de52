"""mtsum's use cases, one function each: what the command line does, callable from Python.

Each takes plain values and a :class:`~mtsum.settings.Settings`, runs the stages in order and
returns plain data; none prints (progress and warnings go through :mod:`logging`, under the
``mtsum`` logger). Errors a user can cause are :class:`~mtsum.errors.MtsumError`\\s with the
exit code of README's table. The CLI (:mod:`mtsum.cli`) only parses options, calls these and
prints what they return::

    from mtsum import api
    from mtsum.settings import load_settings

    result = api.brief(["seeds/"], load_settings(None, date=datetime.date(2025, 12, 1)))
    print(result.written, result.exit_code)
"""

# Long on purpose (over 60 lines or cyclomatic complexity 20; tests/test_shape.py):
#   summarize_files: read, detect, split, summarise, with each file's errors

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Union

from mtsum.errors import (
    EXIT_ALL_FAILED,
    EXIT_NUMBERS_DIFFER,
    EXIT_OK,
    EXIT_SOME_SKIPPED,
    InputError,
    NothingToBrief,
    UsageError,
)
from mtsum.model import Article, Briefing, Detection, Summary, Translation
from mtsum.settings import Settings

log = logging.getLogger("mtsum")

STDIN = "-"
PathArg = Union[str, "os.PathLike[str]"]  # a path as callers give it


# --- reading one input ---------------------------------------------------------------------


def read_input(path: PathArg, settings: Settings, stdin: IO[bytes] | None = None) -> Article:
    """One article from a file or from ``stdin`` (``-``), decoded, cleaned and held to the
    text limit as a file in a folder is. A missing path is a usage error (exit 2); an input
    that cannot be used is :class:`InputError` naming it."""
    from mtsum.ingest import decode, parse_article, read_article

    if str(path) == STDIN:
        data = (stdin or _stdin()).read(settings.max_bytes + 1)
        if len(data) > settings.max_bytes:
            raise InputError("<stdin>", f"larger than {settings.max_bytes:,} bytes", "too_large")
        return parse_article(decode("<stdin>", data), id="stdin", path="<stdin>")
    if not Path(path).exists():
        raise UsageError(f"{path}: no such file")
    return read_article(path, max_bytes=settings.max_bytes)


def _stdin() -> IO[bytes]:
    import sys

    return sys.stdin.buffer


def _only_input(path: PathArg, settings: Settings, stdin: IO[bytes] | None) -> Article:
    """The one input of a command that has no other: unusable, it is exit 4."""
    try:
        return read_input(path, settings, stdin)
    except InputError as exc:
        raise NothingToBrief(str(exc)) from None


# --- brief ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Briefed:
    briefing: Briefing
    written: tuple[Path, ...]  # the files written, the briefing's HTML and JSON first

    @property
    def problems(self) -> int:
        """Files skipped, or briefed without models after an error or a broken model."""
        b = self.briefing
        return len(b.skipped) + len(b.failed) + len(b.broken_models)

    @property
    def exit_code(self) -> int:
        return EXIT_SOME_SKIPPED if self.problems else EXIT_OK


def brief(
    inputs: Sequence[PathArg],
    settings: Settings,
    *,
    templates: PathArg | None = None,
    progress=None,
) -> Briefed:
    """``mtsum brief``: brief the articles of ``inputs`` (files and folders) and write the
    briefing's HTML and JSON into ``settings.out_dir``. What would fail at the end (an
    output folder that cannot be written, a broken template folder) fails before any article
    is read. ``progress`` is a :class:`mtsum.brief.Progress`."""
    from mtsum.brief import fewer_full_collections, make_briefing, set_aside
    from mtsum.output import check_writable, locked
    from mtsum.patterns import kept
    from mtsum.render import check_templates, write_briefing

    check_writable(settings.out_dir)
    check_templates(templates)
    # One run per output folder at a time: a second waits, at most [run] lock_wait, then
    # stops (exit 2) before reading any article.
    with (
        locked(settings.out_dir, wait=settings.lock_wait),
        kept(settings.resolved_cache_dir),
        fewer_full_collections(),  # the briefing, and its rendering
    ):
        briefing = make_briefing(list(inputs), settings, progress=progress)
        set_aside()  # the briefing: rendered, never garbage before the end
        written = write_briefing(briefing, settings.out_dir, templates=templates)
    return Briefed(briefing, tuple(written))


# --- detect --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DetectedFile:
    """One file's language, or why it could not be read."""

    path: str
    detection: Detection | None
    error: str | None = None

    def to_json(self) -> dict:
        if self.detection is None:
            return {"path": self.path, "error": self.error}
        d = self.detection
        return {
            "path": self.path,
            "lang": d.lang,
            "confidence": d.confidence,
            "reliable": d.reliable,
            "mixed": d.mixed,
            "reason": d.reason,
        }


def detect_files(inputs: Sequence[PathArg], settings: Settings) -> list[DetectedFile]:
    """``mtsum detect``: the language of every article file of ``inputs`` (files and
    folders), in order; files that cannot be read carry their reason."""
    from mtsum.detect import detect_article
    from mtsum.ingest import find_inputs, read_sources

    found = find_inputs(inputs, follow_links=settings.follow_links)
    rows = [DetectedFile(str(p.path), None, p.reason) for p in found.problems]
    for item in read_sources(found.sources, settings.max_bytes):
        if isinstance(item, InputError):
            rows.append(DetectedFile(str(item.path), None, item.reason))
        else:
            rows.append(DetectedFile(item.path, detect_article(item.paragraphs)))
    return rows


def detect_exit_code(rows: Sequence[DetectedFile]) -> int:
    failed = sum(1 for r in rows if r.error)
    if not failed:
        return EXIT_OK
    return EXIT_SOME_SKIPPED if failed < len(rows) else EXIT_ALL_FAILED


# --- summarise -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SummarizedFiles:
    summary: Summary
    inputs: tuple[str, ...]  # the files summarised
    skipped: tuple[tuple[str, str], ...]  # (path, reason) of those that could not be read
    unavailable: str | None = None  # why the abstractive model was not used, under auto


def summarize_files(
    inputs: Sequence[PathArg],
    settings: Settings,
    *,
    n: int | None = None,
    max_words: int | None = None,
    lang: str | None = None,
    stdin: IO[bytes] | None = None,
) -> SummarizedFiles:
    """``mtsum summarize``: one article, or several into one multi-document summary. ``-``
    reads ``stdin``. Raises :class:`UsageError` for a missing path, :class:`NothingToBrief`
    when no input can be read, and :class:`ModelUnavailable` for ``engine = abstractive``
    without its model."""
    from mtsum.detect import detect_article
    from mtsum.sentences import split_sentences
    from mtsum.summarize import SummaryEngine, summarize_documents

    if n is not None and max_words is not None:
        raise UsageError("give --sentences or --words, not both")
    if n is None and max_words is None:
        n = settings.sentences
    for item in inputs:
        if str(item) != STDIN and not Path(item).exists():
            raise UsageError(f"{item}: no such file")
    documents, skipped = [], []
    for item in inputs:
        try:
            article = read_input(item, settings, stdin)
        except InputError as exc:
            log.warning("%s", exc)
            skipped.append((str(exc.path), exc.reason))
            continue
        code = lang or detect_article(article.paragraphs).lang
        sentences = [s for p in article.paragraphs for s in split_sentences(p, code)]
        documents.append((article, code, sentences))
    if not documents:
        raise NothingToBrief(f"none of the {len(inputs)} input(s) could be read")
    langs = {code for _, code, _ in documents}
    code = langs.pop() if len(langs) == 1 else None
    engine = SummaryEngine(settings)
    if len(documents) > 1 and settings.engine == "extractive":
        result = summarize_documents([d[2] for d in documents], code, n=n, max_words=max_words)
    else:
        sentences = [s for d in documents for s in d[2]]
        strict = settings.engine == "abstractive"
        result = engine.summarize(sentences, code, n=n, max_words=max_words, strict=strict)
    unavailable = (
        str(engine.unavailable)
        if engine.unavailable is not None and settings.engine == "auto"
        else None
    )
    return SummarizedFiles(result, tuple(d[0].path for d in documents), tuple(skipped), unavailable)


# --- translate -----------------------------------------------------------------------------


def translate_file(
    source: PathArg,
    target: str,
    settings: Settings,
    *,
    source_lang: str | None = None,
    model: str | None = None,
    stdin: IO[bytes] | None = None,
) -> Translation:
    """``mtsum translate``: one article (its title first, then its paragraphs) into
    ``target``. The source language is detected unless given; into Vietnamese from another
    language it goes through English unless ``model`` names a model for the pair. Raises
    :class:`ModelUnavailable` when a model it needs is missing."""
    from mtsum.cache import open_cache
    from mtsum.translate import TranslationEngine, translate_document

    article = _only_input(source, settings, stdin)
    paragraphs = ([article.title] if article.title else []) + list(article.paragraphs)
    if source_lang is None:
        source_lang = _language_of(paragraphs, str(source), "--from")
    engine = TranslationEngine(settings, cache=open_cache(settings))
    try:
        return translate_document(paragraphs, target, engine, source=source_lang, model=model)
    finally:
        engine.cache.close()
        engine.close()


def write_translation(result: Translation, output: PathArg) -> Path:
    """The translation as text, paragraphs apart, written atomically to ``output``."""
    from mtsum.output import write_together

    path = Path(output)
    return write_together(path.parent, {path.name: translation_text(result)})[0]


def translation_text(result: Translation) -> str:
    return "\n\n".join(" ".join(s.text for s in p) for p in result.paragraphs) + "\n"


def _language_of(paragraphs: Sequence[str], what: str, option: str) -> str:
    from mtsum.detect import detect_article

    detection = detect_article(list(paragraphs))
    if detection.lang is None:
        raise UsageError(f"{what}: cannot tell its language ({detection.reason}); give {option}")
    return detection.lang


# --- verify --------------------------------------------------------------------------------


def verify_files(
    source: PathArg,
    translation: PathArg,
    settings: Settings,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    stdin: IO[bytes] | None = None,
):
    """``mtsum verify``: the figures of a translation checked against its source, paragraph
    by paragraph (:class:`mtsum.verify.Verification`)."""
    from mtsum.ingest import decode, read_text
    from mtsum.verify import paragraphs, verify_texts

    texts, langs = [], [source_lang, target_lang]
    for i, path in enumerate((source, translation)):
        try:
            if str(path) == STDIN:
                data = (stdin or _stdin()).read(settings.max_bytes + 1)
                if len(data) > settings.max_bytes:
                    raise InputError("<stdin>", f"larger than {settings.max_bytes:,} bytes")
                text = decode("<stdin>", data)
            elif not Path(path).exists():
                raise UsageError(f"{path}: no such file")
            else:
                text = read_text(Path(path))
        except InputError as exc:
            raise NothingToBrief(str(exc)) from None
        texts.append(text)
        if langs[i] is None:
            langs[i] = _language_of(paragraphs(text), str(path), ("--from", "--to")[i])
    return verify_texts(texts[0], texts[1], langs[0], langs[1])


def verify_exit_code(result) -> int:
    return EXIT_OK if result.ok else EXIT_NUMBERS_DIFFER


# --- collect -------------------------------------------------------------------------------


def collect(
    feeds: Sequence[str],
    into: PathArg,
    *,
    timeout: float = 20,
    retries: int = 2,
    delay: float = 1.0,
    limit: int | None = None,
    allow_private: bool = False,
    progress: Callable[[str], None] | None = None,
):
    """``mtsum collect``: the new entries of ``feeds`` saved into ``into`` as articles that
    :func:`brief` reads (:class:`mtsum.collect.Collected`). Addresses on loopback, private,
    link-local or reserved networks are fetched only from the feed's own origin, or with
    ``allow_private``."""
    from mtsum.collect import Fetcher, feed_sources
    from mtsum.collect import collect as run

    fetcher = Fetcher(timeout=timeout, retries=retries, delay=delay, allow_private=allow_private)
    return run(feed_sources(feeds), Path(into), fetcher=fetcher, limit=limit, progress=progress)
