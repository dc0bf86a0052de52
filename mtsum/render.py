"""Stage 6, render: the briefing as one bilingual HTML page and as JSON, and the folder's index.

Templates come from ``templates/`` (shipped inside the installed package as
``mtsum/templates``); a user's folder given with ``--templates`` is searched first (it is code:
Jinja runs it). The Jinja environment is built per call, autoescapes everything from the
articles, and displays the view objects of :mod:`mtsum.views` (one per language part), so
templates compute nothing. Each run writes its HTML and JSON and the folder's ``index.html``
and ``index.json`` (every briefing there, newest first) together (:mod:`mtsum.output`).
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

from mtsum import __version__
from mtsum.export import period_json, render_json
from mtsum.formats import PART_LANGS, format_span, labels
from mtsum.model import Briefing

INDEX = "index"


def template_dirs(extra: str | os.PathLike | None = None) -> list[Path]:
    """The user's folder (if any), then the packaged templates, then a checkout's."""
    here = Path(__file__).resolve().parent
    dirs = [Path(extra)] if extra else []
    dirs += [p for p in (here / "templates", here.parent / "templates") if p.is_dir()]
    return dirs


def environment(extra_templates: str | os.PathLike | None = None):
    """The Jinja environment for the packaged templates (and a user's folder first): one per
    process, so each template is compiled once, and its compiled code kept in mtsum's cache
    folder for the next run (checked against the template's text, so an edited template is
    compiled again)."""
    return _environment(str(extra_templates) if extra_templates else None)


@functools.cache
def _environment(extra_templates: str | None):
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    dirs = template_dirs(extra_templates)
    if not any((d / "briefing.html").is_file() for d in dirs):
        raise RuntimeError("mtsum's templates are missing from the installation")
    return Environment(
        loader=FileSystemLoader([str(d) for d in dirs]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(),
    )


def _bytecode_cache():
    """Compiled templates under ``<cache>/templates``; a folder that cannot be written or a
    damaged file only means compiling again."""
    from jinja2 import FileSystemBytecodeCache

    from mtsum.settings import default_cache_dir

    class Quiet(FileSystemBytecodeCache):
        def load_bytecode(self, bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # noqa: BLE001 - truncated or foreign: compiled again
                bucket.reset()

        def dump_bytecode(self, bucket) -> None:
            try:
                os.makedirs(self.directory, exist_ok=True)
                super().dump_bytecode(bucket)
            except OSError:
                pass

    return Quiet(str(default_cache_dir() / "templates"))


def check_templates(templates: str | os.PathLike | None = None) -> None:
    """Compile every template now, so a broken ``--templates`` folder is one line before any
    work is done, not a traceback after it (raises :class:`UsageError`)."""
    from jinja2 import TemplateError, TemplateSyntaxError

    from mtsum.errors import UsageError

    env = environment(templates)
    for name in env.list_templates(extensions=["html"]):
        try:
            env.get_template(name)
        except TemplateSyntaxError as exc:
            raise UsageError(
                f"template {exc.filename or name}, line {exc.lineno}: {exc.message}"
            ) from None
        except TemplateError as exc:
            raise UsageError(f"template {name}: {exc}") from None


def _render(env, name: str, extra: str | os.PathLike | None, **context) -> str:
    """Render template ``name``; an error raised in a template of the user's ``--templates``
    folder (a filter on the wrong type, a division by zero, a missing attribute) is one line
    naming the template and its line (:class:`UsageError`, exit 2), not a traceback. An error
    in mtsum's own templates is a bug, and keeps its traceback."""
    from mtsum.errors import UsageError

    template = env.get_template(name)
    try:
        return template.render(**context)
    except Exception as exc:
        where = _user_template_frame(exc, extra)
        if where is None:
            raise
        message = str(exc).splitlines()[0][:300] if str(exc) else ""
        raise UsageError(
            f"template {where[0]}, line {where[1]}: {type(exc).__name__}"
            + (f": {message}" if message else "")
            + "; nothing was written"
        ) from None


def _user_template_frame(exc: BaseException, extra) -> tuple[str, int] | None:
    """The innermost frame of ``exc`` that runs a template of the folder ``extra``."""
    if not extra:
        return None
    folder = Path(extra).resolve()
    found, tb = None, exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        try:
            inside = Path(filename).resolve().is_relative_to(folder)
        except (OSError, ValueError):
            inside = False
        if inside:
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def render_html(
    briefing: Briefing, templates: str | os.PathLike | None = None, *, previous: dict | None = None
) -> str:
    """The bilingual page. ``previous``: the index entry of the briefing before this one."""
    from mtsum.views import part_view

    env = environment(templates)
    parts = [part_view(briefing, lang) for lang in briefing.parts]
    return _render(
        env,
        "briefing.html",
        templates,
        parts=parts,
        version=__version__,
        previous=previous,
        index=f"{INDEX}.html",
        title=" · ".join(f"{p.heading} — {p.period}" for p in parts),
    )


def output_name(briefing: Briefing) -> str:
    """ "briefing", or "briefing-2024-W08" / "briefing-2024-02-01_2024-02-29" for a period,
    so weekly runs accumulate instead of overwriting each other."""
    return f"briefing-{briefing.selection.name}" if briefing.selection else "briefing"


def _entry(name: str, data: dict) -> dict:
    period = data.get("period") or {}
    return {
        "name": name,
        "html": f"{name}.html",
        "json": f"{name}.json",
        "start": period.get("start"),
        "end": period.get("end"),
        "selected": period.get("selected"),
        "generated": data.get("generated"),
        "articles": len(data.get("articles", [])),
    }


def index_entries(
    folder: Path, briefing: Briefing | None = None, name: str | None = None
) -> list[dict]:
    """Every briefing in ``folder`` (and ``briefing``, about to be written as ``name``),
    newest period first."""
    entries = {}
    if folder.is_dir():
        for path in sorted(folder.glob("briefing*.json")):
            try:
                entries[path.stem] = _entry(path.stem, json.loads(path.read_text("utf-8")))
            except (OSError, ValueError):
                continue  # not one of ours, or damaged: left out of the index
    if briefing is not None and name is not None:
        # what _entry reads of the JSON record, without making the whole record twice
        head = {
            "generated": briefing.generated.isoformat(),
            "period": period_json(briefing),
            "articles": briefing.reports,
        }
        entries[name] = _entry(name, head)
    return sorted(
        entries.values(), key=lambda e: (e["end"] or "", e["start"] or "", e["name"]), reverse=True
    )


def previous_entry(entries: list[dict], name: str) -> dict | None:
    """The briefing whose period ends before this one's starts (weekly briefings chain)."""
    this = next((e for e in entries if e["name"] == name), None)
    if this is None or not this["start"]:
        return None
    earlier = [e for e in entries if e["end"] and e["end"] < this["start"] and e["name"] != name]
    return max(earlier, key=lambda e: (e["end"], e["name"])) if earlier else None


def render_index(entries: list[dict], templates: str | os.PathLike | None = None) -> str:
    import datetime as dt

    from mtsum.formats import format_date as fmt

    rows = []
    for e in entries:
        start = dt.date.fromisoformat(e["start"]) if e["start"] else None
        end = dt.date.fromisoformat(e["end"]) if e["end"] else None
        rows.append(
            {
                **e,
                "span": {lang: format_span(start, end, lang) for lang in PART_LANGS},
                "prepared": {
                    lang: fmt(dt.date.fromisoformat(e["generated"]), lang) if e["generated"] else ""
                    for lang in PART_LANGS
                },
            }
        )
    env = environment(templates)
    return _render(env, "index.html", templates, entries=rows, labels=labels, version=__version__)


def write_briefing(
    briefing: Briefing,
    out_dir: str | os.PathLike,
    *,
    name: str | None = None,
    templates: str | os.PathLike | None = None,
) -> list[Path]:
    """Render the briefing's HTML and JSON and the folder's index, then replace them together
    (:mod:`mtsum.output`); returns the briefing's two paths."""
    from mtsum.output import check_writable, locked, write_together

    out = check_writable(out_dir)
    name = name or output_name(briefing)
    with locked(out):  # the index read and written by one run at a time
        entries = index_entries(out, briefing, name)
        html = render_html(briefing, templates, previous=previous_entry(entries, name))
        data = render_json(briefing)
        index = (
            json.dumps(
                {"mtsum_version": __version__, "briefings": entries}, ensure_ascii=False, indent=2
            )
            + "\n"
        )
        written = write_together(
            out,
            {
                f"{name}.html": html,
                f"{name}.json": data,
                f"{INDEX}.html": render_index(entries, templates),
                f"{INDEX}.json": index,
            },
        )
    return written[:2]
