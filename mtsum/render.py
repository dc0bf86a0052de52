"""Stage 6, render: the briefing as one bilingual HTML page and as JSON.

Templates come from ``templates/`` (shipped inside the installed package as
``mtsum/templates``); a user's folder given with ``--templates`` is searched first. The Jinja
environment is built per call and autoescapes everything from the articles. Files are written
atomically: a failed run never leaves half a briefing or destroys the previous one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from mtsum import __version__
from mtsum.brief import Briefing, Report
from mtsum.translate import SOURCE, TRANSLATED, UNTRANSLATED, Translation

PART_LANGS = ("en", "vi")

LABELS = {
    "en": {
        "title": "Foreign investment briefing",
        "part": "English",
        "generated": "Generated",
        "period": "Period covered",
        "period_unknown": "dates unknown",
        "articles": "Articles",
        "brief": "Key points across articles",
        "brief_none": "No article is available in English for the cross-article brief.",
        "brief_excluded": "Not in the key points (no English text)",
        "sources": "Sources",
        "source": "Source",
        "date": "Date",
        "date_unknown": "unknown",
        "language": "Language",
        "language_unknown": "unknown",
        "unreliable": "uncertain",
        "mixed": "mixed",
        "summary": "Summary",
        "engine_extractive": "extractive summary (sentences of the article)",
        "engine_abstractive": "abstractive summary by {model}",
        "replaced": "{n} generated sentence(s) with a number not in the article replaced by "
                    "the article's own sentence",
        "engine_used": "Summaries",
        "figures": "Key figures",
        "figures_none": "No figures found.",
        "figure": "Figure",
        "kind": "Kind",
        "kind_money": "money",
        "kind_percent": "percent",
        "kind_count": "count",
        "as_written": "As written",
        "refers_to": "Refers to",
        "period_until": "up to {date}",
        "counts": "Counts",
        "same_figure": "Reported by several articles",
        "agree": "agree",
        "differ": "values differ",
        "chart": "Money figures over time",
        "chart_note": "{currency}, log scale; each point at the end of the period it refers to",
        "timeline": "Timeline",
        "date_guessed": "date guessed from {source}",
        "date_source_text": "the text",
        "date_source_title": "the title's year",
        "undated": "undated",
        "q_nearly": "nearly", "q_approx": "about", "q_over": "over", "q_under": "under",
        "q_at_least": "at least", "q_up_to": "up to",
        "week": "Week {week}, {year}",
        "outside": "{n} article(s) outside this period left out",
        "status_source": "Original text in English",
        "status_translated": "Machine-translated from {lang} with {model}",
        "status_untranslated": "NOT TRANSLATED: shown in {lang}",
        "untranslated_mark": "untranslated",
        "numbers_missing": "numbers not found in the translation",
        "skipped": "Files skipped",
        "notices": "Notices",
        "file": "File",
    },
    "vi": {
        "title": "Bản tin đầu tư nước ngoài",
        "part": "Tiếng Việt",
        "generated": "Ngày tạo",
        "period": "Khoảng thời gian",
        "period_unknown": "không rõ ngày",
        "articles": "Bài viết",
        "brief": "Điểm chính từ các bài viết",
        "brief_none": "Không có bài viết tiếng Anh nào cho phần tóm tắt chung.",
        "brief_excluded": "Không có trong điểm chính (không có bản tiếng Anh)",
        "sources": "Nguồn",
        "source": "Nguồn",
        "date": "Ngày",
        "date_unknown": "không rõ",
        "language": "Ngôn ngữ",
        "language_unknown": "không xác định",
        "unreliable": "không chắc chắn",
        "mixed": "nhiều ngôn ngữ",
        "summary": "Tóm tắt",
        "engine_extractive": "tóm tắt trích xuất (các câu của bài viết)",
        "engine_abstractive": "tóm tắt tóm lược bằng {model}",
        "replaced": "{n} câu sinh ra có số liệu không có trong bài đã được thay bằng câu gốc "
                    "của bài",
        "engine_used": "Tóm tắt",
        "figures": "Số liệu chính",
        "figures_none": "Không tìm thấy số liệu.",
        "figure": "Số liệu",
        "kind": "Loại",
        "kind_money": "tiền",
        "kind_percent": "tỷ lệ",
        "kind_count": "số lượng",
        "as_written": "Nguyên văn",
        "refers_to": "Thời kỳ",
        "period_until": "đến {date}",
        "counts": "Số lượng",
        "same_figure": "Được nhiều bài cùng nêu",
        "agree": "khớp nhau",
        "differ": "giá trị khác nhau",
        "chart": "Số liệu tiền theo thời gian",
        "chart_note": "{currency}, thang logarit; mỗi điểm đặt ở cuối thời kỳ số liệu đề cập",
        "timeline": "Dòng thời gian",
        "date_guessed": "ngày ước đoán từ {source}",
        "date_source_text": "nội dung bài",
        "date_source_title": "năm trong tiêu đề",
        "undated": "không rõ ngày",
        "q_nearly": "gần", "q_approx": "khoảng", "q_over": "hơn", "q_under": "dưới",
        "q_at_least": "ít nhất", "q_up_to": "lên đến",
        "week": "Tuần {week} năm {year}",
        "outside": "{n} bài ngoài khoảng thời gian này không được đưa vào",
        "status_source": "Nguyên văn tiếng Việt",
        "status_translated": "Máy dịch từ {lang} bằng {model}",
        "status_untranslated": "CHƯA DỊCH: giữ nguyên {lang}",
        "untranslated_mark": "chưa dịch",
        "numbers_missing": "số liệu không có trong bản dịch",
        "skipped": "Tệp bị bỏ qua",
        "notices": "Lưu ý",
        "file": "Tệp",
    },
}


# --- formatting, per language ---------------------------------------------------------------


def _babel_locale(lang: str) -> str:
    return {"no": "nb", "zh-cn": "zh_Hans", "zh-tw": "zh_Hant"}.get(lang, lang)


def format_date(value: dt.date | None, lang: str) -> str:
    from babel.dates import format_date as babel_date

    if value is None:
        return LABELS[lang]["date_unknown"]
    return babel_date(value, format="long", locale=_babel_locale(lang))


def format_percent(value: float, lang: str) -> str:
    from babel.numbers import format_percent as babel_percent

    return babel_percent(value, locale=_babel_locale(lang))


def format_number(value: float, lang: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_babel_locale(lang))


def _compact(value, lang: str) -> str:
    from babel.numbers import format_compact_decimal, format_decimal

    if abs(value) < 10**6:
        return format_decimal(value, locale=_babel_locale(lang))
    return format_compact_decimal(value, format_type="long", locale=_babel_locale(lang),
                                  fraction_digits=6)


def format_money(value, currency: str, lang: str) -> str:
    """ "US$3.1 billion" in English, "3,1 tỷ USD" in Vietnamese: no conversion, ever."""
    amount = _compact(value, lang)
    if lang == "en":
        return f"US${amount}" if currency == "USD" else f"{currency} {amount}"
    return f"{amount} {currency}"


def format_figure(figure, lang: str) -> str:
    from babel.numbers import format_decimal

    if figure.kind == "money":
        return format_money(figure.value, figure.unit, lang)
    if figure.kind == "percent":
        return format_decimal(figure.value, locale=_babel_locale(lang)) + "%"
    if figure.kind == "pp":
        return format_decimal(figure.value, locale=_babel_locale(lang)) + (
            " pp" if lang == "en" else " điểm phần trăm")
    return f"{format_decimal(figure.value, locale=_babel_locale(lang))} {figure.unit}"


def format_figure_period(period, lang: str) -> str:
    if period is None:
        return ""
    start = dt.date.fromisoformat(period.start) if period.start else None
    end = dt.date.fromisoformat(period.end) if period.end else None
    if start and end:
        return format_period((start, end), lang)
    if end:
        return LABELS[lang]["period_until"].format(date=format_date(end, lang))
    return ""


def format_selection(briefing: Briefing, lang: str) -> str:
    """The period in words: "Week 8, 2024 (19 February 2024 – 25 February 2024)"."""
    text = format_period(briefing.period, lang)
    sel = briefing.selection
    if sel is not None and sel.week:
        return LABELS[lang]["week"].format(week=sel.week[1], year=sel.week[0]) + f" ({text})"
    return text


def money_chart(briefing: Briefing, lang: str, width: int = 640, height: int = 260):
    """Points of the dated money figures in the most reported currency, for an inline SVG."""
    import math

    facts = [f for f in briefing.all_figures if f.kind == "money" and not f.target]
    dated = []
    for f in facts:
        when = (f.period.end or f.period.start) if f.period else None
        if when and f.value > 0:
            dated.append((dt.date.fromisoformat(when), f))
    if len(dated) < 2:
        return None
    currencies: dict[str, int] = {}
    for _, f in dated:
        currencies[f.unit] = currencies.get(f.unit, 0) + 1
    currency = max(sorted(currencies), key=lambda c: currencies[c])
    points = sorted(((d, f) for d, f in dated if f.unit == currency),
                    key=lambda p: (p[0], p[1].value))
    if len(points) < 2:
        return None
    left, right, top, bottom = 70, 20, 20, 40
    d0, d1 = points[0][0].toordinal(), points[-1][0].toordinal()
    lo = math.floor(math.log10(min(float(f.value) for _, f in points)))
    hi = math.ceil(math.log10(max(float(f.value) for _, f in points)))
    hi = max(hi, lo + 1)

    def x(d):
        return left + (width - left - right) * ((d.toordinal() - d0) / max(d1 - d0, 1))

    def y(v):
        return top + (height - top - bottom) * (1 - (math.log10(float(v)) - lo) / (hi - lo))

    ticks = [{"y": round(y(10**k), 1), "label": format_money(10**k, currency, lang)}
             for k in range(lo, hi + 1)]
    years = sorted({d.year for d, _ in points})
    xticks = [{"x": round(x(dt.date(yr, 1, 1)), 1), "label": str(yr)} for yr in years
              if d0 <= dt.date(yr, 1, 1).toordinal() <= d1]
    dots = [{"x": round(x(d), 1), "y": round(y(f.value), 1), "article": f.article,
             "label": f"{format_figure(f, lang)} · {format_date(d, lang)}"} for d, f in points]
    return {"width": width, "height": height, "left": left, "right": right, "top": top,
            "bottom": bottom, "ticks": ticks, "xticks": xticks, "dots": dots,
            "currency": currency}


def language_name(code: str | None, lang: str, *, in_sentence: bool = False) -> str:
    """The name of language ``code`` in language ``lang`` ("Norwegian", "tiếng Na Uy")."""
    from babel import Locale

    if code is None:
        return LABELS[lang]["language_unknown"]
    key = {"zh-cn": "zh_Hans", "zh-tw": "zh_Hant"}.get(code, code.replace("-", "_"))
    name = Locale.parse(_babel_locale(lang)).languages.get(key, code)
    if in_sentence and lang == "vi":
        return name[:1].lower() + name[1:]
    return name[:1].upper() + name[1:]


def format_period(period: tuple[dt.date | None, dt.date | None], lang: str) -> str:
    start, end = period
    if start is None:
        return LABELS[lang]["period_unknown"]
    if start == end:
        return format_date(start, lang)
    return f"{format_date(start, lang)} – {format_date(end, lang)}"


# --- what the template sees -----------------------------------------------------------------


@dataclass(frozen=True)
class ShownText:
    """Sentences for one part, with their translation status."""

    sentences: tuple
    status: str
    note: str  # the status in words, in the part's language
    model: str | None

    @property
    def untranslated(self) -> bool:
        return self.status == UNTRANSLATED


def shown(translation: Translation, lang: str, source_lang: str | None) -> ShownText:
    labels = LABELS[lang]
    name = language_name(source_lang, lang, in_sentence=True)
    if translation.status == SOURCE:
        note = labels["status_source"]
    elif translation.status == TRANSLATED:
        note = labels["status_translated"].format(lang=name, model=translation.model_label)
    else:
        note = labels["status_untranslated"].format(lang=name)
    return ShownText(tuple(translation.sentences), translation.status, note, translation.model)


def summary_for(report: Report, lang: str) -> ShownText:
    if lang == "vi":
        source = "en" if report.english_available else report.detection.lang
        if report.summary_vi.status == SOURCE:
            source = "vi"
        return shown(report.summary_vi, "vi", source)
    # English part: the summary was made from the English text, or from the original.
    from mtsum.translate import Sentence

    status = report.english.status
    by_text = {s.text: s for s in report.english.sentences}
    sentences = tuple(by_text.get(t) or Sentence(t, t) for t in report.summary.sentences)
    translation = Translation(report.detection.lang, "en", status, (sentences,),
                              model=report.english.model, reason=report.english.reason,
                              backend=report.english.backend)
    return shown(translation, "en", report.detection.lang)


def template_dirs(extra: str | os.PathLike | None = None) -> list[Path]:
    """The user's folder (if any), then the packaged templates, then a checkout's."""
    here = Path(__file__).resolve().parent
    dirs = [Path(extra)] if extra else []
    dirs += [p for p in (here / "templates", here.parent / "templates") if p.is_dir()]
    return dirs


def environment(extra_templates: str | os.PathLike | None = None):
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    dirs = template_dirs(extra_templates)
    if not any((d / "briefing.html").is_file() for d in dirs):
        raise RuntimeError("mtsum's templates are missing from the installation")
    env = Environment(loader=FileSystemLoader([str(d) for d in dirs]),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.globals.update(
        format_date=format_date, format_percent=format_percent, format_number=format_number,
        language_name=language_name, format_period=format_period, summary_for=summary_for,
        shown=shown, labels=LABELS, SOURCE=SOURCE, TRANSLATED=TRANSLATED,
        format_figure=format_figure, format_figure_period=format_figure_period,
        format_selection=format_selection, money_chart=money_chart,
    )
    return env


def render_html(briefing: Briefing, templates: str | os.PathLike | None = None) -> str:
    env = environment(templates)
    return env.get_template("briefing.html").render(
        briefing=briefing, parts=PART_LANGS, version=__version__)


# --- JSON -----------------------------------------------------------------------------------


def _translation_json(t: Translation) -> dict:
    return {
        "status": t.status,
        "model": t.model,
        "backend": t.backend,
        "reason": t.reason,
        "sentences": [s.text for s in t.sentences],
        "number_mismatches": [
            {"source": s.source, "translation": s.text, "missing": list(s.missing_numbers),
             "unexpected": list(s.unexpected_numbers)}
            for s in t.number_mismatches
        ],
    }


def _number(value):
    """A Decimal as a JSON number: an int when whole."""
    return int(value) if value == int(value) else float(value)


def figure_json(f) -> dict:
    return {
        "kind": str(f.kind), "value": _number(f.value), "unit": f.unit,
        "measure": f.measure, "measure_text": f.measure_text, "target": f.target,
        "period": ({"text": f.period.text, "start": f.period.start, "end": f.period.end,
                    "cumulative": f.period.cumulative} if f.period else None),
        "text": f.text, "qualifier": f.qualifier, "sentence": f.sentence,
        "article": f.article, "lang": f.lang,
    }


def summary_json(summary) -> dict:
    return {
        "sentences": list(summary.sentences), "engine": summary.engine,
        "model": summary.model, "chunks": summary.chunks, "rounds": summary.rounds,
        "note": summary.note,
        "replacements": [{"generated": r.generated, "numbers": list(r.numbers),
                          "replaced_by": r.replaced_by} for r in summary.replacements],
    }


def to_json(briefing: Briefing) -> dict:
    start, end = briefing.period
    reports = []
    for r in briefing.reports:
        a, d = r.article, r.detection
        reports.append({
            "id": a.id,
            "path": a.path,
            "title": a.title,
            "display_title": r.display_title,
            "date": a.date.isoformat() if a.date else None,
            "date_source": a.date_source,
            "date_precision": a.date_precision if a.date else None,
            "failure": r.failure,
            "source_url": a.source_url,
            "sha256": a.sha256,
            "language": {"code": d.lang, "confidence": d.confidence, "reliable": d.reliable,
                         "mixed": d.mixed, "reason": d.reason,
                         "paragraphs": list(d.paragraph_langs)},
            "paragraphs": list(a.paragraphs),
            "translation": {
                "en": {**_translation_json(r.english),
                       "paragraphs": [" ".join(s.text for s in p) for p in r.english.paragraphs]},
            },
            "facts": [figure_json(f) for f in r.figures],
            "summaries": {
                "en": {**summary_json(r.summary),
                       "lang": "en" if r.english_available else d.lang,
                       "status": r.english.status},
                "vi": _translation_json(r.summary_vi),
            },
        })
    return {
        "mtsum_version": __version__,
        "generated": briefing.generated.isoformat(),
        "period": {"start": start.isoformat() if start else None,
                   "end": end.isoformat() if end else None,
                   "selected": briefing.selection.name if briefing.selection else None},
        "engine": briefing.engine,
        "articles_outside_period": briefing.outside,
        "figures": [
            {"kind": str(g.kind), "unit": g.unit, "measure": g.measure, "agree": g.agree,
             "values": [_number(v) for v in g.values], "articles": g.articles,
             "facts": [figure_json(f) for f in g.figures]}
            for g in briefing.figures
        ],
        "brief": [
            {"text": item.point.text, "article": item.point.article,
             "sources": list(item.point.sources), "score": item.point.score,
             "group": [{"article": a, "sentence": t} for a, t in item.point.group],
             "vi": _translation_json(item.vi)}
            for item in briefing.brief
        ],
        "articles": reports,
        "skipped": [{"path": s.path, "reason": s.reason} for s in briefing.skipped],
        "undated": list(briefing.undated),
        "notices": list(briefing.notices),
    }


def render_json(briefing: Briefing) -> str:
    return json.dumps(to_json(briefing), ensure_ascii=False, indent=2) + "\n"


# --- writing --------------------------------------------------------------------------------


def write_atomic(path: Path, content: str) -> None:
    """Write one file so that it is replaced whole or not at all (see :mod:`mtsum.output`)."""
    from mtsum.output import write_together

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_together(path.parent, {path.name: content})


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
            raise UsageError(f"template {exc.filename or name}, line {exc.lineno}: "
                             f"{exc.message}") from None
        except TemplateError as exc:
            raise UsageError(f"template {name}: {exc}") from None


def output_name(briefing: Briefing) -> str:
    """ "briefing", or "briefing-2024-W08" / "briefing-2024-02-01_2024-02-29" for a period,
    so weekly runs accumulate instead of overwriting each other."""
    return f"briefing-{briefing.selection.name}" if briefing.selection else "briefing"


def write_briefing(briefing: Briefing, out_dir: str | os.PathLike, *, name: str | None = None,
                   templates: str | os.PathLike | None = None) -> list[Path]:
    """Render both files first, then replace them together (:mod:`mtsum.output`); returns
    the paths written."""
    from mtsum.output import check_writable, write_together

    out = check_writable(out_dir)
    name = name or output_name(briefing)
    html, data = render_html(briefing, templates), render_json(briefing)
    return write_together(out, {f"{name}.html": html, f"{name}.json": data})
