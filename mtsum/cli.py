"""The command line: each command parses options, calls the library, formats the result."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from mtsum import __version__
from mtsum.errors import EXIT_OK, EXIT_SOME_SKIPPED, MtsumError, printable

log = logging.getLogger("mtsum")


class _Handler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        # One line each, whatever a file name or a title holds (printable: escaped).
        click.echo(f"mtsum: {printable(record.getMessage())}", err=True)
        if record.exc_info and logging.getLogger("mtsum").level <= logging.INFO:
            import traceback

            click.echo("".join(traceback.format_exception(*record.exc_info)).rstrip(), err=True)


class _Boundary(click.Group):
    """The one error boundary: every command maps a problem the user can fix to one line on
    stderr and the exit code of README's table; Ctrl-C is one line and exit 130. Anything else
    is a bug and shows its traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except MtsumError as exc:
            click.echo(f"mtsum: error: {printable(exc)}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("mtsum: interrupted; nothing half-written was kept", err=True)
            ctx.exit(130)
        except BrokenPipeError:  # `mtsum detect ... | head`
            sys.stderr.close()
            ctx.exit(0)


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = (
        logging.ERROR
        if quiet
        else logging.INFO
        if verbose == 1
        else (logging.DEBUG if verbose > 1 else logging.WARNING)
    )
    root = logging.getLogger("mtsum")
    root.handlers[:] = [_Handler()]
    root.setLevel(level)
    root.propagate = False


@click.group(cls=_Boundary, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="mtsum")
@click.option("-v", "--verbose", count=True, help="More detail on stderr (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr; no progress bar.")
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    help="Settings file (default: ./mtsum.toml if present).",
)
@click.pass_context
def cli(ctx, verbose, quiet, config):
    """Translate and summarise multilingual news into one sourced briefing.

    \b
    Example:
        mtsum brief seeds/            # out/briefing.html and out/briefing.json
        mtsum detect seeds/ --json
        mtsum translate article.txt --to en
    """
    _setup_logging(verbose, quiet)
    ctx.obj = {"quiet": quiet, "config": config}


RUNTIME = ("backend", "quantization", "threads", "device", "executor", "ray_address")


def _runtime_options(command):
    """--backend, --quantization, --threads, --device, --executor and --ray-address, for
    every command that may run a model: the command gets them as one ``runtime`` dict of
    settings (None: not given)."""
    import functools

    from mtsum.settings import BACKENDS, DEVICES, EXECUTORS, QUANTIZATIONS

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        runtime = {key: kwargs.pop(key) for key in RUNTIME}
        return command(*args, runtime=runtime, **kwargs)

    options = [
        click.option(
            "--ray-address",
            help="Ray cluster to join (default: a running one, else a local Ray for the run).",
        ),
        click.option(
            "--executor",
            type=click.Choice(EXECUTORS),
            help="Where translation runs: local (default) or ray (pip install 'mtsum[ray]').",
        ),
        click.option(
            "--device",
            type=click.Choice(DEVICES),
            help="auto (a GPU when CTranslate2 or torch sees one; default), cpu or cuda.",
        ),
        click.option(
            "--threads",
            type=click.IntRange(1, 1024),
            help="CPU threads per model (default: all cores).",
        ),
        click.option(
            "--quantization",
            type=click.Choice(QUANTIZATIONS),
            help="CTranslate2 weights (default int8), converted once and cached.",
        ),
        click.option(
            "--backend",
            type=click.Choice(BACKENDS),
            help="Model runtime: auto (CTranslate2 where installed; default), ct2 or torch.",
        ),
    ]
    for option in options:
        wrapper = option(wrapper)
    return wrapper


def _settings(ctx, **overrides):
    from mtsum.settings import load_settings

    settings = load_settings(ctx.obj["config"], **overrides)
    if settings.device == "cuda":  # said before any work, not after the first model loads
        from mtsum.backends import check_device

        check_device(settings.device, settings.backend)
    return settings


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default="out",
    show_default=True,
    help="Folder for briefing.html and briefing.json.",
)
@click.option(
    "--date",
    "date",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Pin the briefing's date (YYYY-MM-DD) for reproducible output.",
)
@click.option("--sentences", type=click.IntRange(1, 20), help="Sentences per article summary.")
@click.option(
    "--points",
    "brief_points",
    type=click.IntRange(1, 20),
    help="Points in the cross-article brief.",
)
@click.option("--no-translate", is_flag=True, help="Never load a translation model.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the translation cache.")
@click.option(
    "--download",
    is_flag=True,
    help="Fetch missing models from the Hugging Face hub during the run.",
)
@click.option(
    "--templates",
    type=click.Path(file_okay=False, exists=True),
    help="A folder of templates searched before mtsum's own.",
)
@click.option(
    "--engine",
    type=click.Choice(["auto", "extractive", "abstractive"]),
    help="Summariser: abstractive model when it loads (auto), or one of them.",
)
@click.option("--week", help="Brief one ISO week only: 2024-W08, or 'latest'.")
@click.option(
    "--since", type=click.DateTime(["%Y-%m-%d"]), help="Brief articles dated on or after this day."
)
@click.option(
    "--until", type=click.DateTime(["%Y-%m-%d"]), help="Brief articles dated on or before this day."
)
@click.option(
    "--follow-links", is_flag=True, help="Follow links that lead outside the input folders."
)
@click.option(
    "--keep-copies",
    is_flag=True,
    help="Brief every file, even the same story twice (default: once, copies listed under it).",
)
@_runtime_options
@click.pass_context
def brief(
    ctx,
    inputs,
    out_dir,
    date,
    sentences,
    brief_points,
    no_translate,
    no_cache,
    download,
    templates,
    engine,
    week,
    since,
    until,
    follow_links,
    keep_copies,
    runtime,
):
    """Brief a folder (or files) of articles into one English + Vietnamese briefing.

    Writes OUT/briefing.html and OUT/briefing.json; with a period, the files are named by
    it (briefing-2024-W08.html) so weekly runs accumulate. Exit status: 0 all articles
    briefed, 3 some files skipped, 4 none readable (or none in the period), 2 usage error.

    \b
    Example:
        mtsum brief seeds/ --out out/ --date 2024-03-01
        mtsum brief seeds/ --week latest
        mtsum brief seeds/ --since 2024-01-01 --until 2024-06-30 --engine extractive
    """
    from mtsum.brief import Progress, make_briefing
    from mtsum.output import check_writable, locked
    from mtsum.render import check_templates, write_briefing

    settings = _settings(
        ctx,
        out_dir=Path(out_dir),
        date=date.date() if date else None,
        sentences=sentences,
        brief_points=brief_points,
        translate=False if no_translate else None,
        use_cache=False if no_cache else None,
        download=True if download else None,
        engine=engine,
        week=week,
        since=since.date() if since else None,
        until=until.date() if until else None,
        follow_links=True if follow_links else None,
        dedup=False if keep_copies else None,
        **runtime,
    )
    # What would fail at the end is checked before any article is read.
    check_writable(settings.out_dir)
    check_templates(templates)
    bar = None
    progress = Progress()
    if not ctx.obj["quiet"] and sys.stderr.isatty():
        from mtsum.ingest import find_inputs

        found = find_inputs(inputs, follow_links=settings.follow_links)
        bar = click.progressbar(length=len(found.sources), label="Briefing", file=sys.stderr)
        bar.__enter__()
        progress = Progress(article=lambda path: bar.update(1))
    try:
        # One run per output folder at a time: a second waits, at most [run] lock_wait.
        with locked(settings.out_dir, wait=settings.lock_wait):
            briefing = make_briefing(inputs, settings, progress=progress)
            written = write_briefing(briefing, settings.out_dir, templates=templates)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    for path in written:
        click.echo(str(path))
    if briefing.copies:
        log.warning(
            "%d file(s) are copies of other articles: each listed under its article, not "
            "briefed twice (--keep-copies briefs every file)",
            briefing.copies,
        )
    problems = len(briefing.skipped) + len(briefing.failed) + len(briefing.broken_models)
    if problems:
        log.warning(
            "%d of %d files skipped or briefed without models",
            problems,
            len(briefing.skipped) + len(briefing.reports),
        )
        sys.exit(EXIT_SOME_SKIPPED)
    sys.exit(EXIT_OK)


@cli.command()
@click.argument("feeds", nargs=-1, required=True)
@click.option(
    "--into",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder the articles are saved in (and what was fetched remembered).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(1, 300),
    default=20,
    show_default=True,
    help="Seconds to wait for a server.",
)
@click.option(
    "--retries",
    type=click.IntRange(0, 10),
    default=2,
    show_default=True,
    help="More tries after a timeout or a server error, with back-off.",
)
@click.option(
    "--delay",
    type=click.FloatRange(0, 600),
    default=1.0,
    show_default=True,
    help="Seconds between two requests to one host.",
)
@click.option("--limit", type=click.IntRange(1), help="At most N new entries per feed.")
@click.pass_context
def collect(ctx, feeds, into, timeout, retries, delay, limit):
    """Fetch the new entries of news feeds into a folder that `mtsum brief` reads.

    FEEDS are RSS or Atom feed addresses, feed files saved from them, or text files listing
    feed addresses (one a line, # for comments). Each new entry's page is fetched (robots.txt
    obeyed, one request at a time) and saved as DIR/YYYY-MM-DD_<slug>.md with its title,
    date, address, feed and language. Entries fetched before, and pages whose text was saved
    before under another address, are not fetched or saved again.

    Exit status: 0 all fetched, 3 some feeds or pages failed (one line each), 2 usage error.

    \b
    Example:
        mtsum collect feeds.txt --into news/ && mtsum brief news/ --week latest
    """
    from mtsum.collect import Fetcher, feed_sources
    from mtsum.collect import collect as run

    sources = feed_sources(feeds)
    fetcher = Fetcher(timeout=timeout, retries=retries, delay=delay)
    result = run(
        sources,
        into,
        fetcher=fetcher,
        limit=limit,
        progress=None if ctx.obj["quiet"] else lambda name: log.info("saved %s", name),
    )
    for saved in result.saved:
        click.echo(saved.path)
    for problem in result.problems:
        log.warning("%s", problem)
    log.warning(
        "%d saved, %d fetched before, %d the same text as a saved article, %d failed",
        len(result.saved),
        result.known,
        result.same,
        len(result.problems),
    )
    if result.problems:
        sys.exit(EXIT_SOME_SKIPPED)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file, as a list.")
@click.pass_context
def detect(ctx, inputs, as_json):
    """Print each file's language and confidence.

    Exit status: 0 every file read, 3 some could not be read, 4 none, 2 usage error.

    \b
    Example:
        mtsum detect seeds/
        mtsum detect seeds/004_0b46af3614b9e39e.txt --json
    """
    from mtsum.detect import detect_files
    from mtsum.errors import EXIT_ALL_FAILED

    settings = _settings(ctx)
    rows = detect_files(inputs, max_bytes=settings.max_bytes, follow_links=settings.follow_links)
    failed = [r for r in rows if r.error]
    for row in failed:
        log.warning("%s: %s", row.path, row.error)
    if as_json:
        click.echo(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
    else:
        for row in rows:
            if row.error:
                continue
            d = row.detection
            flags = "" if d.reliable else f"  (unreliable: {d.reason})"
            if d.mixed:
                flags += f"  (mixed: {d.reason})"
            click.echo(f"{printable(row.path)}\t{d.lang or '?'}\t{d.confidence:.2f}{flags}")
    if failed:
        sys.exit(EXIT_SOME_SKIPPED if len(failed) < len(rows) else EXIT_ALL_FAILED)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option(
    "--engine",
    type=click.Choice(["auto", "extractive", "abstractive"]),
    default="auto",
    show_default=True,
    help="auto: the abstractive model for English when it loads, else extractive.",
)
@click.option(
    "--sentences", "n", type=click.IntRange(1, 50), help="Summary length in sentences (default 3)."
)
@click.option(
    "--words",
    type=click.IntRange(1, 5000),
    help="Summary length in words: whole sentences, the last one may be cut.",
)
@click.option("--model", help="Hub id or local folder of the abstractive model.")
@click.option("--lang", help="Language of the input (default: detected).")
@click.option("--json", "as_json", is_flag=True, help="The summary and how it was made, as JSON.")
@click.option("--download", is_flag=True, help="Fetch a missing model from the hub.")
@_runtime_options
@click.pass_context
def summarize(ctx, inputs, engine, n, words, model, lang, as_json, download, runtime):
    """Summarise one article, or several (- for stdin) into one multi-document summary.

    Prints one sentence per line. Several files give one summary of them all, as the
    cross-article brief does. --engine abstractive fails (exit 5) when the model is missing.

    \b
    Example:
        mtsum summarize seeds/001_5512d0028820d064.txt --words 60
        mtsum summarize seeds/000_*.txt seeds/001_*.txt --engine extractive --json
    """
    from mtsum.summarize import summarize_files

    settings = _settings(
        ctx,
        engine=engine,
        download=True if download else None,
        models={"summarize": _model_option(model)} if model else None,
        **runtime,
    )
    done = summarize_files(
        inputs, settings, n=n, max_words=words, lang=lang, stdin=_stdin(settings.max_bytes)
    )
    result = done.summary
    if result.note:
        log.warning("%s", result.note)
    if done.unavailable:
        log.warning("%s; extractive summary used", done.unavailable)
    if as_json:
        from mtsum.export import summary_json

        click.echo(
            json.dumps(
                {**summary_json(result), "lang": result.lang, "inputs": list(done.inputs)},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for sentence in result.sentences:
            click.echo(sentence)
    if done.skipped:
        sys.exit(EXIT_SOME_SKIPPED)


class _Bounded:
    """stdin held to the size limit, as files are: read in pieces, and one byte over the limit
    is :class:`InputError` (too large), never a 300 MB read."""

    def __init__(self, stream, max_bytes: int):
        self.stream, self.max_bytes = stream, max_bytes

    def read(self, n: int = -1) -> bytes:
        from mtsum.errors import InputError

        chunks, size = [], 0
        while size <= self.max_bytes:
            chunk = self.stream.read(min(1 << 20, self.max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > self.max_bytes:
            raise InputError(
                "<stdin>", f"too large (over {self.max_bytes / 1e6:.1f} MB, the limit)", "too_large"
            )
        return b"".join(chunks)


def _model_option(model: str | None) -> str | None:
    """--model: a hub id, or a folder (relative to the working folder) that must be there;
    one that is not is one line with the path checked (exit 5: the model is not available),
    before the work, never an extractive summary instead of the model asked for."""
    if not model:
        return model
    from mtsum.errors import ModelUnavailable

    folder = Path(model).expanduser().resolve()
    if folder.is_dir():
        return str(folder)
    if model.startswith((".", "/", "~")) or "\\" in model or model.count("/") > 1:
        raise ModelUnavailable(model, f"no folder {folder} (--model)")
    return model


def _stdin(max_bytes: int | None = None):
    from mtsum.ingest import DEFAULT_MAX_BYTES

    return _Bounded(sys.stdin.buffer, max_bytes or DEFAULT_MAX_BYTES)


@cli.command()
@click.argument("source", type=click.Path(allow_dash=True))
@click.option(
    "--to",
    "target",
    type=click.Choice(["en", "vi"]),
    required=True,
    help="Language to translate into.",
)
@click.option("--from", "source_lang", help="Source language (default: detected).")
@click.option("--model", help="Hub id or local folder of the model for this pair.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    default="-",
    help="Write here instead of stdout.",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the translation cache.")
@click.option("--download", is_flag=True, help="Fetch a missing model from the hub.")
@_runtime_options
@click.pass_context
def translate(
    ctx,
    source,
    target,
    source_lang,
    model,
    output,
    no_cache,
    download,
    runtime,
):
    """Translate one article (a file, or - for stdin), keeping its paragraphs.

    \b
    Example:
        mtsum translate seeds/004_0b46af3614b9e39e.txt --to en
        mtsum translate article.txt --to vi --model ./models/opus-mt-en-vi -o article.vi.txt
    """
    from mtsum.errors import InputError, NothingToBrief, UsageError
    from mtsum.ingest import decode, parse_article, read_article
    from mtsum.translate import translate_document

    settings = _settings(
        ctx,
        use_cache=False if no_cache else None,
        download=True if download else None,
        **runtime,
    )
    model = _model_option(model)
    if output != "-":
        from mtsum.output import check_writable

        check_writable(Path(output).parent or Path("."), what="-o")
    try:
        if source == "-":
            data = _stdin(settings.max_bytes).read()
            article = parse_article(decode("<stdin>", data), id="stdin", path="<stdin>")
        elif not Path(source).exists():
            raise UsageError(f"{source}: no such file")
        else:
            article = read_article(source, max_bytes=settings.max_bytes)
    except InputError as exc:
        raise NothingToBrief(str(exc)) from None  # the one input cannot be used: exit 4
    paragraphs = ([article.title] if article.title else []) + list(article.paragraphs)
    with _engine(settings) as engine:
        result = translate_document(paragraphs, target, engine, source=source_lang, model=model)
    text = "\n\n".join(" ".join(s.text for s in p) for p in result.paragraphs) + "\n"
    for s in result.number_mismatches:
        log.warning(
            "numbers differ in the translation of %r: %s",
            s.source[:60],
            "; ".join(
                filter(
                    None,
                    [
                        "missing " + ", ".join(s.missing_numbers) if s.missing_numbers else "",
                        "not in the source " + ", ".join(s.unexpected_numbers)
                        if s.unexpected_numbers
                        else "",
                    ],
                )
            ),
        )
    if output == "-":
        click.echo(text, nl=False)
    else:
        from mtsum.output import write_together

        path = Path(output)
        write_together(path.parent, {path.name: text})


@cli.command()
@click.argument("source", type=click.Path(allow_dash=True, dir_okay=False))
@click.argument("translation", type=click.Path(allow_dash=True, dir_okay=False))
@click.option("--from", "source_lang", help="Language of SOURCE (default: detected).")
@click.option("--to", "target_lang", help="Language of TRANSLATION (default: detected).")
@click.option("--json", "as_json", is_flag=True, help="The result as JSON.")
def verify(source, translation, source_lang, target_lang, as_json):
    """Check that a translation has the same figures as its source.

    Paragraphs (separated by blank lines) are compared in order: every number of a source
    paragraph (value, scale, unit, percent) must be in its translation, and the other way
    round. Prints one line per paragraph that differs. Exit status: 0 all figures match,
    6 some differ, 2 usage error (e.g. different paragraph counts).

    \b
    Example:
        mtsum verify article.no.txt article.en.txt
        mtsum verify report.vi.txt agency-translation.en.txt --from vi --to en --json
    """
    from mtsum.detect import detect_article
    from mtsum.errors import EXIT_NUMBERS_DIFFER, UsageError
    from mtsum.settings import load_settings
    from mtsum.verify import paragraphs, verify_texts

    limit = load_settings(click.get_current_context().obj["config"]).max_bytes
    texts = [_read_input(path, limit) for path in (source, translation)]
    langs = [source_lang, target_lang]
    for i, text in enumerate(texts):
        if langs[i] is None:
            detection = detect_article(paragraphs(text))
            if not detection.known:
                raise UsageError(
                    f"{(source, translation)[i]}: cannot tell its language "
                    f"({detection.reason}); give --from/--to"
                )
            langs[i] = detection.lang
    result = verify_texts(texts[0], texts[1], langs[0], langs[1])
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        for m in result.mismatches:
            parts = []
            if m.missing:
                parts.append("missing " + ", ".join(m.missing))
            if m.unexpected:
                parts.append("not in the source " + ", ".join(m.unexpected))
            click.echo(f"paragraph {m.paragraph}: {'; '.join(parts)}")
    if not result.ok:
        log.warning(
            "%d of %d paragraph(s) differ in their figures",
            len(result.mismatches),
            result.paragraphs,
        )
        sys.exit(EXIT_NUMBERS_DIFFER)


def _read_input(path: str, max_bytes: int) -> str:
    """A file or stdin, decoded and checked as articles are (UTF-8/UTF-16, NFC)."""
    from mtsum.errors import InputError, NothingToBrief, UsageError
    from mtsum.ingest import decode, read_text

    try:
        if path == "-":
            return decode("<stdin>", _stdin(max_bytes).read())
        if not Path(path).exists():
            raise UsageError(f"{path}: no such file")
        return read_text(Path(path), max_bytes)
    except InputError as exc:
        raise NothingToBrief(str(exc)) from None


class _engine:
    """A TranslationEngine with the cache opened and closed around it."""

    def __init__(self, settings):
        self.settings = settings

    def __enter__(self):
        from mtsum.cache import open_cache
        from mtsum.translate import TranslationEngine

        self.engine = TranslationEngine(self.settings, cache=open_cache(self.settings))
        return self.engine

    def __exit__(self, *exc):
        self.engine.cache.close()
        self.engine.close()


@cli.group()
def models():
    """The models mtsum routes to, and fetching them for offline use."""


@models.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def models_list(ctx, as_json):
    """Show the model for every language pair: origin, presence, size, licence.

    \b
    Example:
        mtsum models list
    """
    from mtsum.models import converted_rows, model_rows

    settings = _settings(ctx)
    rows = model_rows(settings)
    converted = converted_rows(settings)
    if as_json:
        click.echo(
            json.dumps({"models": rows, "converted": converted}, ensure_ascii=False, indent=2)
        )
        return
    header = ["pair", "model", "from", "present", "size", "licence"]
    _table(
        [header]
        + [
            [r["pair"], r["model"], r["origin"], r["present_text"], r["size"], r["licence"]]
            for r in rows
        ]
    )
    if converted:
        click.echo(f"\nConverted for CTranslate2 (in {settings.resolved_cache_dir / 'ct2'}):")
        _table(
            [["model", "revision", "quantization", "size", "converted"]]
            + [
                [c["model"], c["revision"] or "-", c["quantization"], c["size"], c["converted"]]
                for c in converted
            ]
        )


def _table(rows: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())


@models.command("pull")
@click.argument("items", nargs=-1)
@click.pass_context
def models_pull(ctx, items):
    """Download models into the Hugging Face cache, for later offline runs.

    ITEMS are language pairs (no-en), "summarize", or model ids; none means every default.
    Copy the cache folder (HF_HOME, default ~/.cache/huggingface) to an air-gapped machine and
    run there with HF_HUB_OFFLINE=1.

    \b
    Example:
        mtsum models pull no-en en-vi
        mtsum models pull Helsinki-NLP/opus-mt-vi-en
    """
    from mtsum.backends import pull
    from mtsum.models import specs_for

    settings = _settings(ctx)
    specs = specs_for(items, settings)
    failed = 0
    for spec in specs:
        try:
            folder = pull(spec)
            click.echo(f"{spec.model}\t{folder}")
        except MtsumError as exc:
            log.error("%s", exc)
            failed += 1
    if failed:
        sys.exit(5)
