"""The briefing as JSON: every article, its translation, summaries and figures, the brief,
the figure groups and what the reader must know. Model names never show a local path."""

# Long on purpose (over 60 lines or cyclomatic complexity 20; tests/test_shape.py):
#   to_json: the JSON record's shape, one key per line

from __future__ import annotations

import dataclasses
import json

from mtsum import __version__
from mtsum.errors import model_name, printable
from mtsum.model import Briefing, Translation


def _translation_json(t: Translation | None) -> dict | None:
    if t is None:
        return None
    return {
        "status": t.status,
        "model": model_name(t.model) if t.model else None,
        "backend": t.backend,
        "reason": t.reason,
        "sentences": [s.text for s in t.sentences],
        "number_mismatches": [
            {
                "source": s.source,
                "translation": s.text,
                "missing": list(s.missing_numbers),
                "unexpected": list(s.unexpected_numbers),
            }
            for s in t.number_mismatches
        ],
    }


def _number(value):
    """A Decimal as a JSON number: an int when whole."""
    return int(value) if value == int(value) else float(value)


def _period_json(p) -> dict | None:
    if p is None:
        return None
    return {"text": p.text, "start": p.start, "end": p.end, "cumulative": p.cumulative}


def _values_json(row) -> list[dict]:
    """A row's distinct values, each with the articles that state it."""
    return [
        {
            "value": _number(v),
            "value_high": _number(h) if h is not None else None,
            "total": _number(t) if t is not None else None,
            "articles": list(
                dict.fromkeys(
                    f.article for f in row.figures if (f.value, f.value_high, f.total) == (v, h, t)
                )
            ),
        }
        for v, h, t in row.values
    ]


def row_json(row) -> dict:
    """One row of the key figures table (:class:`mtsum.figures.FigureRow`): the same rows,
    in the same order, as the page's table."""
    change = row.change
    return {
        "measure": row.measure,
        "label": row.label or None,
        "of": row.of or None,
        "of_kind": row.of_kind or None,
        "plan": _period_json(row.plan),
        "kind": str(row.kind),
        "unit": row.unit,
        "scope": row.scope,
        "scope_kind": row.scope_kind,
        "scope_key": row.scope_key,
        "status": str(row.status),
        "part": row.part,
        "period": _period_json(row.period),
        "periods": [_period_json(p) for p in row.periods],
        "period_guessed": row.guessed.isoformat() if row.guessed else None,
        "agree": row.agree,
        "unclear": row.unclear,
        "estimate": row.estimate,
        "minor": row.minor,
        "values": _values_json(row),
        "articles": row.articles,
        "change": (
            {
                "previous": _number(change.previous),
                "diff": _number(change.diff),
                "percent": _number(change.percent) if change.percent is not None else None,
                "since": _period_json(change.since),
            }
            if change
            else None
        ),
        "facts": [  # each article's figure as written (the full fact is under its article)
            {
                "article": f.article,
                "text": f.text,
                "qualifier": f.qualifier,
                "period": _period_json(f.period),
                "lang": f.lang,
            }
            for f in row.figures
        ],
    }


def figure_json(f) -> dict:
    return {
        "kind": str(f.kind),
        "value": _number(f.value),
        "value_high": _number(f.value_high) if f.value_high is not None else None,
        "total": _number(f.total) if f.total is not None else None,
        "unclear": f.unclear,
        "estimate": f.estimate,
        "unit": f.unit,
        "measure": f.measure,
        "measure_text": f.measure_text,
        "status": str(f.status),
        "scope": f.scope,
        "part": f.part,
        "period": (
            {
                "text": f.period.text,
                "start": f.period.start,
                "end": f.period.end,
                "cumulative": f.period.cumulative,
            }
            if f.period
            else None
        ),
        "text": f.text,
        "qualifier": f.qualifier,
        "sentence": f.sentence,
        "article": f.article,
        "lang": f.lang,
    }


def summary_json(summary) -> dict:
    return {
        "sentences": list(summary.sentences),
        "engine": summary.engine,
        "model": model_name(summary.model) if summary.model else None,
        "chunks": summary.chunks,
        "rounds": summary.rounds,
        "note": summary.note,
        "replacements": [
            {"generated": r.generated, "numbers": list(r.numbers), "replaced_by": r.replaced_by}
            for r in summary.replacements
        ],
    }


def _glance_json(point, parts) -> dict:
    """A point of "At a glance": a key figure said in each part's words (from its row, as
    the page says it), or a statement with each part's text and whether it was translated."""
    if point.row is not None:
        from mtsum.views import figure_sentence

        text = {lang: "".join(line.text for line in figure_sentence(point, lang)) for lang in parts}
        status = {lang: "source" for lang in parts}
    else:
        text = {lang: t.text for lang, t in point.texts.items()}
        status = {lang: str(t.status) for lang, t in point.texts.items()}
    return {
        "kind": point.kind,
        "text": text,
        "status": status,
        "sources": list(point.sources),
        "support": dict(point.support),
    }


def period_json(briefing: Briefing) -> dict:
    """The record's "period": its dates and the selection's name."""
    start, end = briefing.period
    return {
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "selected": briefing.selection.name if briefing.selection else None,
    }


def to_json(briefing: Briefing) -> dict:
    reports = []
    for r in briefing.reports:
        a, d = r.article, r.detection
        reports.append(
            {
                "id": a.id,
                "path": a.path,
                "title": a.title,
                "display_title": r.display_title,
                "titles": {part: _translation_json(r.titles.get(part)) for part in briefing.parts},
                "date": a.date.isoformat() if a.date else None,
                "date_source": a.date_source,
                "date_precision": a.date_precision if a.date else None,
                "failure": r.failure,
                "sentences_above": r.above,
                "source_url": a.source_url,
                "site": a.site,
                "author": a.author,
                "copies": [
                    {
                        "id": c.id,
                        "path": c.path,
                        "title": c.title,
                        "source_url": c.source_url,
                        "site": c.site,
                        "date": c.date.isoformat() if c.date else None,
                        "similarity": c.similarity,
                    }
                    for c in r.copies
                ],
                "sha256": a.sha256,
                "language": {
                    "code": d.lang,
                    "confidence": d.confidence,
                    "reliable": d.reliable,
                    "mixed": d.mixed,
                    "reason": d.reason,
                    "paragraphs": list(d.paragraph_langs),
                },
                "paragraphs": list(a.paragraphs),
                "translation": {
                    "en": {
                        **_translation_json(r.english),
                        "paragraphs": [" ".join(s.text for s in p) for p in r.english.paragraphs],
                    },
                },
                "facts": [figure_json(f) for f in r.figures],
                "summaries": {
                    "en": {
                        **summary_json(r.summary),
                        "lang": "en" if r.english_available else d.lang,
                        "status": r.english.status,
                    },
                    **{part: _translation_json(t) for part, t in r.summaries.items()},
                },
            }
        )
    return {
        "mtsum_version": __version__,
        "generated": briefing.generated.isoformat(),
        "period": period_json(briefing),
        "engine": briefing.engine,
        "articles_outside_period": briefing.outside,
        "subject": briefing.subject,
        "figures": [row_json(row) for row in briefing.figures],
        "brief": [
            {
                "text": item.point.text,
                "article": item.point.article,
                "sources": list(item.point.sources),
                "score": item.point.score,
                "group": [{"article": a, "sentence": t} for a, t in item.point.group],
                "support": dict(item.point.support),
                "shown": item.shown,
                **{part: _translation_json(t) for part, t in item.texts.items()},
            }
            for item in briefing.brief
        ],
        "glance": [_glance_json(g, briefing.parts) for g in briefing.glance],
        "articles": reports,
        "skipped": [{"path": s.path, "reason": s.reason, "kind": s.kind} for s in briefing.skipped],
        "undated": list(briefing.undated),
        "notices": [
            {
                k: printable(v) if k in ("text", "path", "detail") else v
                for k, v in dataclasses.asdict(n).items()
                if v not in (None, 0)
            }
            for n in briefing.notices
        ],
    }


def render_json(briefing: Briefing) -> str:
    return dumps(to_json(briefing)) + "\n"


# --- json.dumps(value, ensure_ascii=False, indent=2), faster -----------------------------------
# The standard library encodes indented JSON in Python generators (its C encoder knows no
# indent): 2.3 s of a 10,000-article briefing's JSON. These functions write the same text,
# character for character (tests/test_export.py compares them on generated values), with
# json's own C string encoder, into one list: about 3x faster.

_quote = json.encoder.encode_basestring  # the C encoder where there is one, as json uses
_INFINITY = float("inf")
_KEYS: dict[str, str] = {}  # a str key, quoted, with its ": "


def dumps(value) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``: the same text."""
    out: list[str] = []
    _encode(value, out, "\n")
    return "".join(out)


def _float(o: float) -> str:
    if o != o:
        return "NaN"
    if o == _INFINITY:
        return "Infinity"
    if o == -_INFINITY:
        return "-Infinity"
    return float.__repr__(o)


def _encode(o, out: list[str], newline: str) -> None:
    """``o`` appended to ``out``; ``newline`` is a line break and the indent of ``o``'s line."""
    kind = type(o)
    if kind is str:
        out.append(_quote(o))
    elif kind is list or kind is tuple:
        _encode_list(o, out, newline)
    elif kind is dict:
        _encode_dict(o, out, newline)
    else:
        out.append(_scalar(o, out, newline))


def _scalar(o, out: list[str], newline: str) -> str:
    """A value that is not a plain str, list, tuple or dict, as json.dumps checks it (a str
    or int subclass, such as a StrEnum, is written as its value); a container subclass is
    appended to ``out`` ("" returned)."""
    if isinstance(o, str):
        return _quote(o)
    if o is None:
        return "null"
    if o is True:
        return "true"
    if o is False:
        return "false"
    if isinstance(o, int):
        return int.__repr__(o)
    if isinstance(o, float):
        return _float(o)
    if isinstance(o, (list, tuple)):
        _encode_list(o, out, newline)
        return ""
    if isinstance(o, dict):
        _encode_dict(o, out, newline)
        return ""
    raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")


def _encode_list(items, out: list[str], newline: str) -> None:
    if not items:
        out.append("[]")
        return
    inner = newline + "  "
    separator = "[" + inner
    for item in items:
        if type(item) is str:
            out.append(separator + _quote(item))
        else:
            out.append(separator)
            _encode(item, out, inner)
        separator = "," + inner
    out.append(newline + "]")


def _key(key) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return _float(key)
    if key is True or key is False or key is None:
        return {True: "true", False: "false", None: "null"}[key]
    if isinstance(key, int):
        return int.__repr__(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")


def _encode_dict(items: dict, out: list[str], newline: str) -> None:
    if not items:
        out.append("{}")
        return
    inner = newline + "  "
    separator = "{" + inner
    for key, value in items.items():
        if type(key) is str:
            quoted = _KEYS.get(key)
            if quoted is None:
                quoted = _quote(key) + ": "
                if len(_KEYS) < 4096:  # the record's own keys, not every id in it
                    _KEYS[key] = quoted
        else:
            quoted = _quote(_key(key)) + ": "
        if type(value) is str:
            out.append(separator + quoted + _quote(value))
        elif value is None:
            out.append(separator + quoted + "null")
        else:
            out.append(separator + quoted)
            _encode(value, out, inner)
        separator = "," + inner
    out.append(newline + "}")
