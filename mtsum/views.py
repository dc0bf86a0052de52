"""What each part of the briefing shows: one view object per language, built from a Briefing.

Templates only display these; every word in a part comes from its language's labels
(``data/labels/<lang>.toml``) or from the articles, and every piece of text in another
language carries its ``lang``. Machine-translated text is marked wherever it appears, with the
number check's flag beside the sentence it concerns; untranslated text is marked too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from mtsum import __version__, languages
from mtsum.brief import Briefing, Report
from mtsum.chart import Chart, charts
from mtsum.errors import model_name, printable
from mtsum.figures import OTHER, Figure, measure_label, narrowed
from mtsum.formats import (
    format_date,
    format_figure,
    format_money,
    format_number,
    format_period,
    format_span,
    labels,
    language_name,
    qualifier,
)
from mtsum.translate import SOURCE, TRANSLATED, UNTRANSLATED, Translation

GLANCE_POINTS = 5  # at most, in "At a glance"
GLANCE_WORDS = 40  # a point longer than this is left to "Key points"


@dataclass
class Line:
    """One sentence as a part shows it."""

    text: str
    lang: str | None = None  # set when it is not in the part's language
    mark: str | None = None  # "machine-translated", "not translated"
    numbers: str | None = None  # the number check's finding, in words
    split: bool = False


@dataclass
class Source:
    number: int
    article: str  # its anchor
    title: str


@dataclass
class Item:
    """A point of the glance or of the key points: its sentences and its sources."""

    lines: list[Line]
    sources: list[Source]


@dataclass
class Quote:
    """The sentence behind a figure, with the figure as written marked in it."""

    figure: str  # as the part writes it
    before: str
    text: str  # as written
    after: str
    lang: str | None
    source: Source


def _quote(g: Figure, lang: str, source: Source) -> Quote:
    at = g.sentence.find(g.text)
    before, after = (
        (g.sentence[:at], g.sentence[at + len(g.text) :]) if at >= 0 else (g.sentence + " (", ")")
    )
    return Quote(
        format_figure(g, lang),
        before,
        g.text,
        after,
        g.lang if g.lang and languages.base(g.lang) != lang else None,
        source,
    )


@dataclass
class FigureRow:
    measure: str
    target: bool
    period: str
    value: list[tuple[str, str | None]]  # (text, lang): lang set on words kept as written
    differ: bool
    change: str | None
    sources: list[Source]
    quotes: list[Quote]
    written: bool = False  # the value is kept as its article wrote it (another language)
    written_lang: str | None = None


@dataclass
class TimelineEntry:
    date: str
    number: int
    anchor: str
    title: str
    title_lang: str | None  # set when the title is not in the part's language
    guessed: bool  # the date was read from the text


@dataclass
class CopyView:
    """Another file with the same story: listed as a source of the article, not briefed."""

    title: str
    title_lang: str | None
    url: str | None
    where: str  # its site and date, or its file


@dataclass
class ArticleView:
    number: int
    anchor: str
    title: str
    title_lang: str | None
    title_mark: str | None
    url: str | None
    date: str
    date_guessed: bool
    language: str
    status: str
    status_kind: str  # source, translated, untranslated
    summary_kind: str
    summary: list[Line]
    replaced: bool
    failure: bool
    site: str | None = None
    copies: list[CopyView] = field(default_factory=list)


@dataclass
class PartView:
    lang: str
    L: dict
    heading: str
    period: str
    meta: list[str]
    glance: list[Item]
    figures: list[FigureRow]
    other_figures: list[FigureRow]
    charts: list[Chart]
    points: list[Item]
    timeline: list[TimelineEntry]
    articles: list[ArticleView]
    about: list[str]
    models: list[str]
    notices: list[tuple[str, str | None]]  # (sentence, how to fix)
    skipped: list[tuple[str, str]]
    excluded: list[Source] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return any(row.change for row in self.figures)


def _mark_for(status: str, lang: str) -> str | None:
    L = labels(lang)
    return {TRANSLATED: L["mark_mt"], UNTRANSLATED: L["mark_untranslated"]}.get(status)


def _numbers(sentence, lang: str) -> str | None:
    L = labels(lang)
    parts = []
    if sentence.missing_numbers:
        parts.append(L["mark_numbers_missing"].format(numbers=", ".join(sentence.missing_numbers)))
    if getattr(sentence, "unexpected_numbers", ()):
        parts.append(
            L["mark_numbers_unexpected"].format(numbers=", ".join(sentence.unexpected_numbers))
        )
    return L["mark_numbers"].format(detail="; ".join(parts)) if parts else None


def lines(translation: Translation, lang: str) -> list[Line]:
    """A translation's sentences as a part shows them, each with its marks."""
    mark = _mark_for(translation.status, lang)
    text_lang = None
    if translation.status == UNTRANSLATED and translation.source_lang:
        text_lang = (
            translation.source_lang if languages.base(translation.source_lang) != lang else None
        )
    return [
        Line(
            s.text,
            text_lang,
            mark,
            _numbers(s, lang) if translation.status == TRANSLATED else None,
            s.split,
        )
        for s in translation.sentences
    ]


def _title(report: Report, lang: str) -> tuple[str, str | None, str | None]:
    """(title, its language when not the part's, its mark)."""
    translation = report.title_en if lang == "en" else report.title_vi
    if translation is None:
        text = report.display_title
        own = (
            report.detection.lang
            if lang == "en"
            else (report.detection.lang if not report.english_available else "en")
        )
        if not report.article.title and lang == "vi" and report.summary_vi.status == SOURCE:
            own = "vi"
        other = own if own and languages.base(own) != lang else None
        return (
            text,
            other,
            labels(lang)["mark_untranslated"] if other and lang == "vi" and own != "en" else None,
        )
    shown = lines(translation, lang)
    text = " ".join(line.text for line in shown)
    return text, shown[0].lang if shown else None, _mark_for(translation.status, lang)


def _summary(report: Report, lang: str) -> tuple[list[Line], str]:
    if lang == "vi":
        return lines(report.summary_vi, "vi"), report.summary_vi.status
    status = report.english.status
    by_text = {s.text: s for s in report.english.sentences}
    mark = _mark_for(status, lang)
    text_lang = (
        report.detection.lang
        if status == UNTRANSLATED
        and report.detection.lang
        and languages.base(report.detection.lang) != "en"
        else None
    )
    out = []
    for text in report.summary.sentences:
        sentence = by_text.get(text)
        out.append(
            Line(
                text,
                text_lang,
                mark,
                _numbers(sentence, lang) if sentence and status == TRANSLATED else None,
            )
        )
    return out, status


def _status(report: Report, lang: str) -> tuple[str, str]:
    L = labels(lang)
    translation = report.english if lang == "en" else report.summary_vi
    source = report.detection.lang if lang == "en" or not report.english_available else "en"
    if translation.status == SOURCE:
        return L["status_source"], SOURCE
    name = language_name(
        source if translation.status == TRANSLATED or lang == "en" else report.detection.lang,
        lang,
        in_sentence=True,
    )
    if translation.status == TRANSLATED:
        return L["status_translated"].format(lang=name), TRANSLATED
    return L["status_untranslated"].format(lang=name), UNTRANSLATED


def _row_key(f: Figure) -> tuple:
    """Measure, kind, unit and period: a count of a known measure is keyed by its measure
    ("12 projects" and "12 Japanese investment projects" are one row if their periods agree)."""
    period = f.period.key() + (f.period.cumulative,) if f.period else (None, None, False)
    unit = "" if str(f.kind) == "count" and f.measure != OTHER and not narrowed(f) else f.unit
    return (f.measure, str(f.kind), unit, f.target, f.part) + period


def _change(prev: list[Figure], cur: list[Figure], prev_period: str, lang: str) -> str | None:
    """The change against the previous period's figure, where both are single, exact values
    (no "nearly", no "over": an approximate figure is never subtracted)."""
    if len({f.value for f in prev}) != 1 or len({f.value for f in cur}) != 1:
        return None
    if any(f.qualifier for f in prev + cur):
        return None
    a, b = prev[0].value, cur[0].value
    if a == 0:
        return None
    diff = b - a
    if diff == 0:
        return labels(lang)["unchanged_since"].format(when=prev_period)
    sign = "+" if diff >= 0 else "−"
    kind = str(cur[0].kind)
    if kind == "money":
        amount = format_money(abs(diff), cur[0].unit, lang)
    elif kind in ("percent", "pp"):
        amount = f"{format_number(abs(diff), lang)} {labels(lang)['pp']}"
    else:
        amount = format_number(abs(diff), lang)
    share = ""
    if kind in ("money", "count"):
        share = f" ({sign}{format_number(round(abs(diff) / a * 100, 1), lang)}%)"
    return labels(lang)["change_since"].format(change=f"{sign}{amount}{share}", when=prev_period)


# Counts that make key figures; other counts (countries, people, capacity) go with "other".
KEY_COUNTS = {"projects", "jobs", "visitors", "enterprises", "industrial_parks"}


def _value_text(f: Figure, lang: str) -> list[tuple[str, str | None]]:
    """A figure's value as the part writes it, qualifier first ("hơn 3,1 tỷ USD"), as
    (text, lang) pieces: a count of things the lexicon cannot name in ``lang`` keeps its
    article's words, in a piece of the article's language ("hơn", "7 strategic plans")."""
    from mtsum.formats import count_unit

    before = qualifier(f.qualifier, lang)
    if str(f.kind) == "count" and count_unit(f, lang)[1]:
        return ([(before + " ", None)] if before else []) + [(f.text, f.lang)]
    return [(f"{before} {format_figure(f, lang)}".strip(), None)]


def _rows_of(figs: list[Figure]) -> list[list[Figure]]:
    """Figures of one measure and period, as rows: figures of different articles share a row
    when they report one quantity (:func:`mtsum.figures.same_quantity`, so their values may
    differ and are shown as such); an article's own different values are different rows."""
    from mtsum.figures import same_quantity

    rows: list[list[Figure]] = []
    for f in figs:
        for row in rows:
            if all(
                (m.article == f.article and m.value == f.value) or same_quantity(m, f) for m in row
            ):
                row.append(f)
                break
        else:
            rows.append([f])
    return rows


def _complete(f: Figure, briefing: Briefing) -> bool:
    """Whether a figure's period had ended when its article was written (a year still
    running is no year to compare). An undated article's periods are not known to have
    ended: no change is worked out from them."""
    if f.period is None or f.period.end is None:
        return False
    report = next((r for r in briefing.reports if r.article.id == f.article), None)
    date = report.article.date if report else None
    return date is not None and f.period.end <= date.isoformat()


def figure_rows(
    briefing: Briefing, lang: str, sources: dict[str, Source]
) -> tuple[list[FigureRow], list[FigureRow]]:
    """One row per measure and period (targets apart), sources that differ shown plainly,
    and the change against the previous period of the same measure; "other" figures and
    minor counts apart."""
    L = labels(lang)
    groups: dict[tuple, list[Figure]] = {}
    for f in briefing.all_figures:
        groups.setdefault(_row_key(f), []).append(f)
    main, other = [], []
    previous: dict[tuple, tuple[list[Figure], str, tuple]] = {}
    counts: dict[tuple, int] = {}  # rows per series and period: two rows make no comparison
    for group in groups.values():
        rows = _rows_of(group)
        f = group[0]
        key = (
            f.measure,
            str(f.kind),
            f.unit,
            f.target,
            f.part,
            _series_shape(f),
            f.period.key() if f.period else None,
        )
        counts[key] = counts.get(key, 0) + len(rows)

    def order(item):
        key, figs = item
        f = figs[0]
        end = f.period.end if f.period and f.period.end else "9999"
        start = f.period.start if f.period and f.period.start else ""
        return (
            f.measure == OTHER,
            f.measure,
            str(f.kind),
            f.unit,
            f.target,
            f.part,
            end,
            start,
            str(key),
        )

    for _, group in sorted(groups.items(), key=order):
        for figs in _rows_of(group):
            f = figs[0]
            period = format_period(f.period, lang)
            by_value: dict[Decimal, list[Figure]] = {}
            for g in figs:
                by_value.setdefault(g.value, []).append(g)
            texts = [_value_text(gs[0], lang) for gs in by_value.values()]
            differ = len(by_value) > 1
            if differ:
                head, tail = L["sources_differ"].split("{values}")
                value = [(head, None)]
                for k, pieces in enumerate(texts):
                    value += ([(" / ", None)] if k else []) + pieces
                value.append((tail, None))
            else:
                value = texts[0]
            value = [(t, v) for t, v in value if t]
            written_lang = next((v for _, v in value if v), None)
            row_sources = list(
                {
                    sources[g.article].number: sources[g.article]
                    for g in figs
                    if g.article in sources
                }.values()
            )
            quotes = [_quote(g, lang, sources[g.article]) for g in figs if g.article in sources]
            minor = f.measure == OTHER or (str(f.kind) == "count" and f.measure not in KEY_COUNTS)
            series = (f.measure, str(f.kind), f.unit, f.target, f.part, _series_shape(f))
            change = None
            this_period = f.period.key() if f.period else None
            single = counts.get(series + (this_period,), 0) == 1
            if not minor and single and all(_complete(g, briefing) for g in figs):
                if series in previous and previous[series][2] != this_period:
                    prev, when, _ = previous[series]
                    change = _change(prev, figs, when, lang)
                stock = f.period is not None and f.period.start is None
                previous[series] = (
                    figs,
                    format_date(dt.date.fromisoformat(f.period.end), lang) if stock else period,
                    this_period,
                )
            elif series in previous and previous[series][2] != this_period:
                del previous[series]  # an ambiguous period breaks the chain
            name = measure_label(f.measure, lang) if f.measure != OTHER else ""
            if f.part:
                name = L["figure_part"].format(measure=name)
            row = FigureRow(
                name,
                f.target,
                period,
                value,
                differ,
                change,
                sorted(row_sources, key=lambda s: s.number),
                quotes,
                written_lang is not None,
                written_lang,
            )
            (other if minor else main).append(row)
    return main, other


def _series_shape(f: Figure) -> str:
    p = f.period
    if p is None:
        return "none"
    if p.start is None:
        return "cumulative" if p.cumulative else "as of"
    start, end = dt.date.fromisoformat(p.start), dt.date.fromisoformat(p.end) if p.end else None
    if end is None:
        return "open"
    return f"{start.month}-{(end.year - start.year) * 12 + end.month - start.month}"


def _items(briefing: Briefing, lang: str, sources: dict[str, Source]):
    """(glance, points): the cross-article brief, its shortest strong points first."""
    items = []
    for entry in briefing.brief:
        point = entry.point
        if lang == "en":
            shown = [Line(point.text)]
        else:
            shown = lines(entry.vi, "vi")
        items.append((point, Item(shown, [sources[a] for a in point.sources if a in sources])))
    short = [item for point, item in items if len(point.text.split()) <= GLANCE_WORDS]
    glance = short[:GLANCE_POINTS]
    if len(glance) < 3:  # the shortest of the rest, in the brief's order
        rest = sorted(
            (item for point, item in items if item not in glance),
            key=lambda item: sum(len(line.text.split()) for line in item.lines),
        )
        chosen = glance + rest[: 3 - len(glance)]
        glance = [item for _, item in items if item in chosen]
    return glance, [item for _, item in items if item not in glance]


def _notice_text(notice, lang: str) -> tuple[str, str | None]:
    L = labels(lang)["notice"]
    template = L.get(notice.kind, L["other"])
    fields = {
        "model": notice.model or "",
        "path": notice.path or "",
        "n": notice.n,
        "detail": notice.detail or notice.text,
    }
    return template.format(**fields), notice.fix


def _copy_view(copy, report: Report, lang: str) -> CopyView:
    where = (
        ", ".join(x for x in (copy.site, format_date(copy.date, lang) if copy.date else None) if x)
        or copy.path
    )
    title = copy.title or copy.path
    own = report.detection.lang
    return CopyView(
        title,
        own if copy.title and own and languages.base(own) != lang else None,
        copy.source_url,
        where,
    )


def part_view(briefing: Briefing, lang: str) -> PartView:
    L = labels(lang)
    reports = briefing.timeline
    number = {r.article.id: k for k, r in enumerate(reports, 1)}
    sources = {}
    for r in reports:
        title, _, _ = _title(r, lang)
        sources[r.article.id] = Source(number[r.article.id], f"{lang}-{r.article.id}", title)
    period = format_span(*briefing.period, lang)
    sel = briefing.selection
    if sel is not None and sel.week:
        period = L["week"].format(week=sel.week[1], year=sel.week[0]) + f" · {period}"
    langs = sorted({r.detection.lang for r in briefing.reports if r.detection.lang})
    meta = [
        f"{L['generated']}: {format_date(briefing.generated, lang)}",
        L["articles_count"].format(n=format_number(len(briefing.reports), lang))
        + (
            " "
            + L.get(
                "copies_count_one" if briefing.copies == 1 else "copies_count", L["copies_count"]
            ).format(n=format_number(briefing.copies, lang))
            if briefing.copies
            else ""
        )
        + " "
        + L["languages_count"].format(
            langs=", ".join(language_name(c, lang, in_sentence=True) for c in langs)
        ),
    ]
    glance, points = _items(briefing, lang, sources)
    main, other = figure_rows(briefing, lang, sources)
    articles = []
    for r in reports:
        title, title_lang, title_mark = _title(r, lang)
        summary, _ = _summary(r, lang)
        status, status_kind = _status(r, lang)
        d = r.detection
        language = language_name(d.lang, lang)
        if d.lang and not d.reliable:
            language += f" ({L['unreliable']})"
        if d.mixed:
            language += f" ({L['mixed']})"
        articles.append(
            ArticleView(
                number[r.article.id],
                f"{lang}-{r.article.id}",
                title,
                title_lang,
                title_mark,
                r.article.source_url,
                format_date(r.article.date, lang),
                r.article.date_source in ("text", "title"),
                language,
                status,
                status_kind,
                L["summary_abstractive"]
                if r.summary.engine == "abstractive"
                else L["summary_extractive"],
                summary,
                bool(r.summary.replacements),
                bool(r.failure),
                r.article.site,
                [_copy_view(c, r, lang) for c in r.copies],
            )
        )
    timeline = [
        TimelineEntry(
            format_date(r.article.date, lang),
            a.number,
            a.anchor,
            a.title,
            a.title_lang,
            a.date_guessed,
        )
        for r, a in zip(reports, articles)
    ]
    models = []
    seen = set()
    for r in briefing.reports:
        for t in (r.english, r.summary_vi):
            if t.status == TRANSLATED and t.model:
                pair = f"{t.source_lang}→{t.target_lang}"
                label = L["about_model_used"].format(
                    what=L["about_translation"].format(pair=pair),
                    model=model_name(t.model) + (f" ({t.backend})" if t.backend else ""),
                )
                if label not in seen:
                    seen.add(label)
                    models.append(label)
    summaries = {r.summary.model for r in briefing.reports if r.summary.model}
    models.append(
        L["about_model_used"].format(
            what=L["about_summaries"],
            model=", ".join(model_name(m) for m in sorted(summaries)) or L["about_extractive"],
        )
    )
    skip = L["skip"]
    return PartView(
        lang=lang,
        L=L,
        heading=L["title"],
        period=period,
        meta=meta,
        glance=glance,
        figures=main,
        other_figures=other,
        charts=charts(
            briefing.all_figures,
            lang,
            number,
            {r.article.id: r.article.date for r in briefing.reports},
        ),
        points=points,
        timeline=timeline,
        articles=articles,
        about=[L["about_how"].format(version=__version__, n=len(briefing.reports))],
        models=models,
        notices=[_notice_text(n, lang) for n in briefing.notices],
        skipped=[(printable(s.path), skip.get(s.kind, skip["other"])) for s in briefing.skipped],
        excluded=[sources[r.article.id] for r in briefing.brief_excluded],
    )


def value_text(value: Decimal, lang: str) -> str:
    return format_number(value, lang)
