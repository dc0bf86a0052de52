"""What each part of the briefing shows: one view object per language, built from a Briefing.

Templates only display these; every word in a part comes from its language's labels
(``data/labels/<lang>.toml``) or from the articles, and every piece of text in another
language carries its ``lang``. Machine-translated text is marked wherever it appears, with the
number check's flag beside the sentence it concerns; untranslated text is marked too.
"""

# Long on purpose (over 60 lines or cyclomatic complexity 20; tests/test_shape.py):
#   part_view: the part's view object, field by field

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field

from mtsum import __version__, languages
from mtsum.addresses import web_address
from mtsum.chart import Chart, charts
from mtsum.errors import model_name, printable
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
from mtsum.measures import measure_label, variant_label
from mtsum.model import OTHER, Briefing, Figure, Report, Status, Translation

PIVOT = "en"  # the part every other is made from


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
    glued: bool = False  # pieces of one sentence (a key figure said), not sentences


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
    measure: list[tuple[str, str | None]]  # (text, lang): "FDI attracted, of which Japan"
    tag: str | None  # the status, where it is not a result: "target", "pending", "adjusted"
    period: str
    value: list[tuple[str, str | None]]  # (text, lang): lang set on words kept as written
    differ: bool
    change: str | None
    sources: list[Source]
    quotes: list[Quote]
    written: bool = False  # the value is kept as its article wrote it (another language)
    written_lang: str | None = None
    unclear: bool = False  # the source garbles it: shown as written, marked


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
    above: str | None = None  # how many of its sentences are points above


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
    quiet: str | None = None  # a period asked for with no article in it: said so
    left_out: list[str] = field(default_factory=list)  # articles dated outside the period
    undated: list[str] = field(default_factory=list)  # articles with no date to place them

    @functools.cached_property
    def has_changes(self) -> bool:
        """Asked by every row of the table: worked out once (it was quadratic in the rows)."""
        return any(row.change for row in self.figures)


def _mark_for(status: str, lang: str) -> str | None:
    L = labels(lang)
    return {Status.TRANSLATED: L["mark_mt"], Status.UNTRANSLATED: L["mark_untranslated"]}.get(
        status
    )


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
    if translation.status == Status.UNTRANSLATED and translation.source_lang:
        text_lang = (
            translation.source_lang if languages.base(translation.source_lang) != lang else None
        )
    return [
        Line(
            s.text,
            text_lang,
            mark,
            _numbers(s, lang) if translation.status == Status.TRANSLATED else None,
            s.split,
        )
        for s in translation.sentences
    ]


def _title(report: Report, lang: str) -> tuple[str, str | None, str | None]:
    """(title, its language when not the part's, its mark)."""
    translation = report.titles.get(lang)
    if translation is None:
        text = report.display_title
        own = (
            report.detection.lang
            if lang == "en"
            else (report.detection.lang if not report.english_available else "en")
        )
        if lang in report.summaries and report.summaries[lang].status == Status.SOURCE:
            own = lang  # untitled, and written in this part's language
        other = own if own and languages.base(own) != lang else None
        return (
            text,
            other,
            labels(lang)["mark_untranslated"] if other and "en" not in (lang, own) else None,
        )
    shown = lines(translation, lang)
    text = " ".join(line.text for line in shown)
    return text, shown[0].lang if shown else None, _mark_for(translation.status, lang)


def _summary(report: Report, lang: str) -> tuple[list[Line], str]:
    if lang in report.summaries:
        return lines(report.summaries[lang], lang), report.summaries[lang].status
    status = report.english.status
    by_text = {s.text: s for s in report.english.sentences}
    mark = _mark_for(status, lang)
    text_lang = (
        report.detection.lang
        if status == Status.UNTRANSLATED
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
                _numbers(sentence, lang) if sentence and status == Status.TRANSLATED else None,
            )
        )
    return out, status


def _status(report: Report, lang: str) -> tuple[str, str]:
    L = labels(lang)
    translation = report.summaries.get(lang, report.english)
    source = report.detection.lang if lang == "en" or not report.english_available else "en"
    if translation.status == Status.SOURCE:
        return L["status_source"], Status.SOURCE
    name = language_name(
        source
        if translation.status == Status.TRANSLATED or lang == "en"
        else report.detection.lang,
        lang,
        in_sentence=True,
    )
    if translation.status == Status.TRANSLATED:
        return L["status_translated"].format(lang=name), Status.TRANSLATED
    return L["status_untranslated"].format(lang=name), Status.UNTRANSLATED


def _change(row, lang: str) -> str | None:
    """A row's change against the previous comparable period, in the part's words."""
    change = row.change
    if change is None:
        return None
    when = format_period(change.since, lang)
    if change.diff == 0:
        return labels(lang)["unchanged_since"].format(when=when)
    sign = "+" if change.diff >= 0 else "−"
    kind = str(row.kind)
    if kind == "money":
        amount = format_money(abs(change.diff), row.unit, lang)
    elif kind in ("percent", "pp"):
        amount = f"{format_number(abs(change.diff), lang)} {labels(lang)['pp']}"
    else:
        amount = format_number(abs(change.diff), lang)
    share = ""
    if change.percent is not None:
        share = f" ({sign}{format_number(abs(change.percent), lang)}%)"
    return labels(lang)["change_since"].format(change=f"{sign}{amount}{share}", when=when)


def _value_text(f: Figure, lang: str) -> list[tuple[str, str | None]]:
    """A figure's value as the part writes it, qualifier first ("hơn 3,1 tỷ USD"), as
    (text, lang) pieces: a count of things the lexicon cannot name in ``lang`` keeps its
    article's words, in a piece of the article's language ("hơn", "7 strategic plans"); a
    range is written with both ends, "16 out of 21" as 16 of 21, and a value its source
    garbles as written."""
    from mtsum.formats import count_unit

    own = f.lang if f.lang and languages.base(f.lang) != lang else None
    if f.unclear:
        return [(f.text, own)]
    L = labels(lang)
    before = qualifier(f.qualifier, lang)
    if f.estimate:  # "estimated about US$2.5 billion", "ước 42,6 nghìn tỷ VND"
        before = f"{L['q_estimate']} {before}".strip()
    lead = [(before + " ", None)] if before else []
    if f.total is not None:
        unit, written = count_unit(f, lang)
        said = L["out_of"].format(
            value=format_number(f.value, lang), total=format_number(f.total, lang)
        )
        return lead + [(said + " ", None), (unit, own if written else None)]
    if f.value_high is not None:
        high = dataclasses.replace(f, value=f.value_high, value_high=None)
        low = format_figure(dataclasses.replace(f, value_high=None), lang)
        if str(f.kind) == "count":
            low = format_number(f.value, lang)
        return lead + [(f"{low} – {format_figure(high, lang)}", None)]
    if str(f.kind) == "count" and count_unit(f, lang)[1]:
        return lead + [(f.text, f.lang)]
    return [(f"{before} {format_figure(f, lang)}".strip(), None)]


def _scope_text(row, lang: str) -> tuple[str, str | None]:
    """A row's scope in the part's language: a territory by its name in that language,
    anything else as written (with its language where it is not the part's)."""
    from mtsum.scope import territory_name

    if row.scope_kind == "territory" and row.scope_key:
        name = territory_name(row.scope_key, lang)
        if name:
            return name, None
    f = row.figures[0]
    return row.scope, (f.lang if f.lang and languages.base(f.lang) != lang else None)


def _plan_label(of: str, kind: str, plan, lang: str, over: bool = False) -> str:
    """A share of a plan, saying of what and which plan where its sentence does: "FDI
    attracted: share of the plan for H1 2024" / "Vốn FDI thu hút: tỷ lệ so với kế hoạch 6
    tháng đầu năm 2024"."""
    L = labels(lang)
    prefix = "plan_over" if over else "plan"
    which = (
        L[f"{prefix}_for"].format(plan=format_period(plan, lang))
        if plan
        else L["plan_over" if over else "plan_share"]
    )
    measure = (variant_label(of, kind, lang) if kind else None) or (
        measure_label(of, lang) if of else None
    )
    if measure:
        return L["plan_of"].format(measure=measure, plan=which)
    return which[:1].upper() + which[1:]


def _named(row, lang: str) -> list[tuple[str, str | None]]:
    """How a row's measure is named, before its scope: a share of what, a kind of investment,
    a plan's or a growth's measure, else the measure's own name."""
    L = labels(lang)
    f = row.figures[0]
    own = f.lang if f.lang and languages.base(f.lang) != lang else None
    if row.label in ("share_national", "share_province"):
        return [(L[row.label], None)]
    if row.label == "share_of":
        head, tail = L["share_of"].split("{whole}")
        return [(head, None), (row.whole, own), (tail, None)]
    if row.label == "share_kind":
        kind = variant_label("investment", row.whole, lang) or row.whole
        return [(L["share_of"].format(whole=kind[:1].lower() + kind[1:]), None)]
    kind = variant_label(row.measure, row.label, lang) if row.label else None
    if kind:
        return [(kind, None)]
    if row.label == "growth_of":
        measure = (variant_label(row.of, row.of_kind, lang) if row.of_kind else None) or (
            measure_label(row.of, lang)
        )
        return [(L["growth_of"].format(measure=measure), None)]
    if row.label in ("plan_of", "plan_over"):
        over = row.label == "plan_over"
        return [(_plan_label(row.of, row.of_kind, row.plan, lang, over), None)]
    return [(measure_label(row.measure, lang) if row.measure != OTHER else "", None)]


def _measure_pieces(row, lang: str) -> list[tuple[str, str | None]]:
    """What a row measures, of what: "Share of national FDI", "FDI attracted, of which Hong
    Kong (China)", as (text, lang) pieces."""
    L = labels(lang)
    pieces = _named(row, lang)
    if row.scope:
        scope, scope_lang = _scope_text(row, lang)
        template = {
            "place": L["scope_place"],
            "province": L["scope_place"],
            "named": L["scope_place"],
            "project": L["scope_project"],
        }.get(row.scope_kind, L["scope_part"])
        head, tail = template.split("{scope}")
        head = head.replace("{measure}", "")
        if not any(t for t, _ in pieces):  # an "other" figure: "of which urban areas"
            head = head.lstrip(",:; ")
        pieces = [*pieces, (head, None), (scope, scope_lang), (tail, None)]
    elif row.part:
        alone = not any(t for t, _ in pieces)  # an "other" figure, a part of an unnamed whole
        pieces = [
            *pieces,
            (L["figure_part_alone"] if alone else L["figure_part"].replace("{measure}", ""), None),
        ]
    return [(t, v) for t, v in pieces if t]


def _period_text(row, lang: str) -> str:
    L = labels(lang)
    if row.guessed is not None:
        return L["period_guessed"].format(date=format_date(row.guessed, lang))
    periods = sorted(row.periods, key=lambda p: (p.end or "", p.start or ""))
    texts = list(dict.fromkeys(format_period(p, lang) for p in periods))
    return " / ".join(t for t in texts if t)  # a period with no dates is not shown as " / "


def figure_rows(
    briefing: Briefing, lang: str, sources: dict[str, Source]
) -> tuple[list[FigureRow], list[FigureRow]]:
    """The key figures table (:attr:`Briefing.figures`, made once by
    :func:`mtsum.figures.figure_table`) in the part's words: main rows, and "other" figures
    (no measure, minor counts) apart."""
    L = labels(lang)
    main, other = [], []
    for row in briefing.figures:
        by_value: dict[tuple, list[Figure]] = {}
        for g in row.figures:
            by_value.setdefault((g.value, g.value_high, g.total), []).append(g)
        # a value one source calls an estimate is shown as one (as the JSON's row says)
        texts = [
            _value_text(next((g for g in gs if g.estimate), gs[0]), lang)
            for gs in by_value.values()
        ]
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
                for g in row.figures
                if g.article in sources
            }.values()
        )
        quotes = [_quote(g, lang, sources[g.article]) for g in row.figures if g.article in sources]
        status = str(row.status)
        view = FigureRow(
            _measure_pieces(row, lang),
            None if status == "actual" else L[f"status_{status}"],
            _period_text(row, lang),
            value,
            differ,
            _change(row, lang),
            sorted(row_sources, key=lambda s: s.number),
            quotes,
            written_lang is not None,
            written_lang,
            row.unclear,
        )
        (other if row.minor else main).append(view)
    return main, other


def _items(briefing: Briefing, lang: str, sources: dict[str, Source]):
    """(glance, points): "At a glance" as the brief chose it, then the key points that are
    not already in it."""

    def cited(ids) -> list[Source]:
        return [sources[a] for a in ids if a in sources]

    reports = {r.article.id: r for r in briefing.reports}

    def said(texts, shown: str, article: str) -> list[Line]:
        if lang in texts and lang != PIVOT:
            return lines(texts[lang], lang)
        return _pivot_lines(shown, reports.get(article), lang)

    glance = [
        Item(figure_sentence(g, lang), cited(g.sources), glued=True)
        if g.row
        else Item(said(g.texts, g.texts[PIVOT].text, g.sources[0]), cited(g.sources))
        for g in briefing.glance
    ]
    at_top = {
        " ".join(s.text for s in g.texts[PIVOT].sentences)
        for g in briefing.glance
        if g.kind == "statement"
    }
    points = []
    for entry in briefing.brief:
        shown = entry.shown or entry.point.text
        if any(shown in text for text in at_top):
            continue  # said at the top already
        points.append(
            Item(said(entry.texts, shown, entry.point.article), cited(entry.point.sources))
        )
    return glance, points


def _pivot_lines(text: str, report: Report | None, lang: str) -> list[Line]:
    """A point in English, the pivot, as its article gave it: machine-translated text is
    marked, with the number check's flags of the sentences it is made of."""
    english = report.english if report is not None else None
    if english is None or english.status != Status.TRANSLATED:
        return [Line(text)]
    bare = re.sub(r" \[\d{4}\]", "", text)  # without mtsum's resolved years
    made_of = [s for s in english.sentences if s.text and s.text in bare]
    flags = "; ".join(filter(None, (_numbers(s, lang) for s in made_of))) or None
    return [Line(text, None, _mark_for(english.status, lang), flags)]


def figure_sentence(point, lang: str) -> list[Line]:
    """A key figure said as a sentence in the part's language, from its row of the table
    alone (no model): "FDI attracted as of 25 November 2025: VND 19,659 billion", "Vốn FDI
    thu hút …: …, đạt 141% kế hoạch"; words kept as written keep their language."""
    L = labels(lang)
    row = point.row
    measure = _measure_pieces(row, lang)
    period = _period_text(row, lang)
    if period[:1].isdigit() or period[:1] in ("Q", "H") and period[1:2].isdigit():
        period = L["glance_period_bare"].format(period=period)  # "in 2023"
    value = _value_text(row.figures[0], lang)
    if point.plan is not None:
        plan = _value_text(point.plan.figures[0], lang)
        which = point.plan.plan
        template = L["glance_plan_for"] if which else L["glance_plan"]
        template = template.replace("{plan}", format_period(which, lang) if which else "")
        head, tail = template.split("{value}")
        value = [*value, (", " + head, None), *plan, (tail, None)]
    if str(row.status) != "actual":
        tag = L["glance_status"].format(status=L[f"status_{row.status}"])
        value = [*value, (" " + tag, None)]
    pattern = L["glance_figure"] if period else L["glance_figure_undated"]
    pieces: list[tuple[str, str | None]] = []
    for k, chunk in enumerate(pattern.split("{")):
        if k == 0:
            pieces.append((chunk, None))
            continue
        name, rest = chunk.split("}", 1)
        pieces += {"measure": measure, "period": [(period, None)], "value": value}[name]
        pieces.append((rest, None))
    shown: list[Line] = []
    for text, text_lang in pieces:
        if not text:
            continue
        if shown and shown[-1].lang == text_lang:
            shown[-1] = dataclasses.replace(shown[-1], text=shown[-1].text + text)
        else:
            shown.append(Line(text, text_lang))
    return shown


def _unused(briefing: Briefing, sources: dict[str, Source]) -> list[Source]:
    """The articles that no point of the glance, no key point and no key figure comes from,
    translated or not."""
    used = {a for g in briefing.glance for a in g.sources}
    used |= {a for item in briefing.brief for a in item.point.sources}
    used |= {f.article for r in briefing.reports for f in r.figures}
    return [sources[r.article.id] for r in briefing.timeline if r.article.id not in used]


def _notice_text(notice, lang: str) -> tuple[str, str | None]:
    L = labels(lang)["notice"]
    template = L.get(notice.kind, L["other"])
    fields = {  # a name's control characters escaped, as on stderr
        "model": notice.model or "",
        "path": printable(notice.path or ""),
        "n": notice.n,
        "detail": printable(notice.detail or notice.text),
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
        web_address(copy.source_url),  # never a script link (issue 23)
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
        + (
            " "
            + L["languages_count"].format(
                langs=", ".join(language_name(c, lang, in_sentence=True) for c in langs)
            )
            if langs
            else ""
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
                web_address(r.article.source_url),
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
                L["above"].format(n=format_number(r.above, lang)) if r.above else None,
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
        for t in (r.english, *r.summaries.values()):
            if t.status == Status.TRANSLATED and t.model:
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
            # a kind of investment ("outside the state budget") is never charted as all
            # investment, nor in one series with another kind
            [
                f
                for row in briefing.figures
                if not (row.label and variant_label(row.measure, row.label, lang))
                for f in row.figures
            ],
            lang,
            number,
            {r.article.id: r.article.date for r in briefing.reports},
        ),
        points=points,
        timeline=timeline,
        articles=articles,
        about=[L["about_how"].format(version=__version__, n=len(briefing.reports))]
        + (
            [
                L[
                    "about_subject_inferred" if briefing.subject_inferred else "about_subject"
                ].format(subject=briefing.subject)
            ]
            if briefing.subject
            else []
        ),
        models=models,
        notices=[_notice_text(n, lang) for n in briefing.notices],
        skipped=[(printable(s.path), skip.get(s.kind, skip["other"])) for s in briefing.skipped],
        excluded=_unused(briefing, sources),
        quiet=L["quiet"].format(period=period) if sel is not None and not reports else None,
        left_out=list(briefing.left_out),
        undated=list(briefing.undated),
    )
