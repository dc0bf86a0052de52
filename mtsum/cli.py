"""The command line: each command parses options, calls the library, formats the result."""

# Long on purpose (over 60 lines or cyclomatic complexity 20; tests/test_shape.py):
#   brief: the command's options passed to the settings (one per line)

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from mtsum import __version__
from mtsum.errors import EXIT_INTERRUPTED, EXIT_NO_MODEL, EXIT_SOME_SKIPPED, MtsumError, printable

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
            ctx.exit(EXIT_INTERRUPTED)
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
    "--subject",
    help="The place the figures are about (default: the place the articles name most).",
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
    subject,
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
    briefed (a period with no article in it is a short briefing that says so), 3 some files
    skipped, 4 none readable, 2 usage error.

    \b
    Example:
        mtsum brief seeds/ --out out/ --date 2024-03-01
        mtsum brief seeds/ --week latest
        mtsum brief seeds/ --since 2024-01-01 --until 2024-06-30 --engine extractive
    """
    from mtsum.patterns import kept

    settings = _settings(
        ctx,
        out_dir=Path(out_dir),
        date=date.date() if date else None,
        sentences=sentences,
        brief_points=brief_points,
        subject=subject,
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
    with kept(settings.resolved_cache_dir):  # from the imports on: their patterns too
        from mtsum.api import brief as run
        from mtsum.brief import Progress

        with _ProgressBar("Briefing", shown=not ctx.obj["quiet"]) as bar:
            result = run(
                inputs, settings, templates=templates, progress=Progress(bar.start, bar.advance)
            )
    for path in result.written:
        click.echo(str(path))
    if result.briefing.copies:
        log.warning(
            "%d file(s) are copies of other articles: each listed under its article, not "
            "briefed twice (--keep-copies briefs every file)",
            result.briefing.copies,
        )
    if result.problems:
        log.warning(
            "%d of %d files skipped or briefed without models",
            result.problems,
            len(result.briefing.skipped) + len(result.briefing.reports),
        )
    sys.exit(result.exit_code)


class _ProgressBar:
    """A progress bar on stderr when it is a terminal (and not -q), sized when the inputs
    are found; nothing otherwise."""

    def __init__(self, label: str, shown: bool):
        self.label = label
        self.shown = shown and sys.stderr.isatty()
        self.bar = None

    def start(self, total: int) -> None:
        if self.shown:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()

    def advance(self, _item: str) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


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
    help="Seconds a whole request may take (connect, headers and body together).",
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
@click.option(
    "--allow-private",
    is_flag=True,
    help="Fetch pages on loopback, private and link-local addresses too (by default only a "
    "feed's own host may be one).",
)
@click.pass_context
def collect(ctx, feeds, into, timeout, retries, delay, limit, allow_private):
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
    from mtsum.api import collect as run

    result = run(
        feeds,
        into,
        timeout=timeout,
        retries=retries,
        delay=delay,
        limit=limit,
        allow_private=allow_private,
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
    from mtsum.api import detect_exit_code, detect_files

    rows = detect_files(inputs, _settings(ctx))
    for row in rows:
        if row.error:
            log.warning("%s: %s", row.path, row.error)
    if as_json:
        click.echo(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
    else:
        for row in rows:
            if row.detection is None:
                continue
            d = row.detection
            flags = "" if d.reliable else f"  (unreliable: {d.reason})"
            if d.mixed:
                flags += f"  (mixed: {d.reason})"
            click.echo(f"{printable(row.path)}\t{d.lang or '?'}\t{d.confidence:.2f}{flags}")
    sys.exit(detect_exit_code(rows))


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
    from mtsum.api import summarize_files

    settings = _settings(
        ctx,
        engine=engine,
        download=True if download else None,
        models={"summarize": _model_option(model)} if model else None,
        **runtime,
    )
    done = summarize_files(inputs, settings, n=n, max_words=words, lang=lang)
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
    from mtsum.api import translate_file, translation_text, write_translation

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
    result = translate_file(source, target, settings, source_lang=source_lang, model=model)
    for s in result.number_mismatches:
        differ = ["missing " + ", ".join(s.missing_numbers)] if s.missing_numbers else []
        if s.unexpected_numbers:
            differ.append("not in the source " + ", ".join(s.unexpected_numbers))
        log.warning("numbers differ in the translation of %r: %s", s.source[:60], "; ".join(differ))
    if output == "-":
        click.echo(translation_text(result), nl=False)
    else:
        write_translation(result, output)


@cli.command()
@click.argument("source", type=click.Path(allow_dash=True, dir_okay=False))
@click.argument("translation", type=click.Path(allow_dash=True, dir_okay=False))
@click.option("--from", "source_lang", help="Language of SOURCE (default: detected).")
@click.option("--to", "target_lang", help="Language of TRANSLATION (default: detected).")
@click.option("--json", "as_json", is_flag=True, help="The result as JSON.")
@click.pass_context
def verify(ctx, source, translation, source_lang, target_lang, as_json):
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
    from mtsum.api import verify_exit_code, verify_files

    result = verify_files(
        source, translation, _settings(ctx), source_lang=source_lang, target_lang=target_lang
    )
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
    sys.exit(verify_exit_code(result))


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
        sys.exit(EXIT_NO_MODEL)
