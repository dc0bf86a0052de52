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


def row_json(row) -> dict:
    """One row of the key figures table (:class:`mtsum.figures.FigureRow`): the same rows,
    in the same order, as the page's table."""
    change = row.change
    return {
        "measure": row.measure,
        "label": row.label or None,
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
        "minor": row.minor,
        "values": [
            {
                "value": _number(v),
                "value_high": _number(h) if h is not None else None,
                "total": _number(t) if t is not None else None,
                "articles": list(
                    dict.fromkeys(
                        f.article
                        for f in row.figures
                        if (f.value, f.value_high, f.total) == (v, h, t)
                    )
                ),
            }
            for v, h, t in row.values
        ],
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


def to_json(briefing: Briefing) -> dict:
    start, end = briefing.period
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
        "period": {
            "start": start.isoformat() if start else None,
            "end": end.isoformat() if end else None,
            "selected": briefing.selection.name if briefing.selection else None,
        },
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
    return json.dumps(to_json(briefing), ensure_ascii=False, indent=2) + "\n"
