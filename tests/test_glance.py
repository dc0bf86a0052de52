"""The top of the page (mtsum.glance): what is said first, and what it may cite."""

import datetime as dt
import re
from pathlib import Path

import pytest

from mtsum import glance
from mtsum.brief import fallback_report, make_briefing
from mtsum.model import Article, BriefPoint, Detection
from mtsum.settings import Settings

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DATE = dt.date(2025, 12, 1)
BACK = re.compile(r"^\W*(this|these|it|among these|đây|dette|disse)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def briefing():
    return make_briefing([SEEDS], Settings(date=DATE, use_cache=False))


def _report(article_id, sentences, date=dt.date(2024, 2, 1)):
    article = Article(article_id, f"{article_id}.txt", (" ".join(sentences),), date=date)
    return fallback_report(article, Detection("en", 1.0, True), Settings(), "test")


def test_the_glance_of_the_seeds_stands_on_its_own(briefing):
    statements = [g for g in briefing.glance if g.kind == "statement"]
    assert 1 <= len(statements) <= 3
    for g in briefing.glance:
        for text in (t.text for t in g.texts.values()):
            assert not BACK.match(text), text
        assert set(g.support) >= set(g.sources)
    # at most one statement from each article, and never who met where
    assert len({g.sources[0] for g in statements}) == len(statements)
    assert not any("Exhibition Palace" in g.texts["en"].text for g in statements)


def test_relative_time_words_in_points_show_their_year(briefing):
    january = [i.shown for i in briefing.brief if "In January" in i.point.text]
    assert january == [
        "In January [2024] alone, the province lured eight foreign-invested projects with "
        "a total registered capital of US$478 million."
    ]
    for item in briefing.brief:
        for words in ("this year", "last year", "In January"):
            if words in item.point.text:
                assert re.search(re.escape(words) + r" \[\d{4}\]", item.shown), item.shown


def test_a_statement_that_points_back_takes_its_antecedent_along():
    report = _report(
        "a",
        [
            "Quang Ninh licensed 21 new FDI projects worth US$500 million in 2024.",
            "These projects are mostly in processing and manufacturing.",
        ],
    )
    point = BriefPoint(report.english.sentences[1].text, "a", ("a",), 1.0)
    (statement,) = glance.statements([point], {"a": report})
    assert statement.antecedent == report.english.sentences[0].text
    assert statement.text.startswith("Quang Ninh licensed 21")
    lone = _report("b", ["These projects are mostly in processing and manufacturing."])
    alone = BriefPoint(lone.english.sentences[0].text, "b", ("b",), 1.0)
    assert glance.statements([alone], {"b": lone}) == []  # nothing to lean on: passed over


def test_a_source_is_cited_only_for_what_it_states():
    own = _report("a", ["FDI reached US$13.91 billion with 172 projects by 2023."])
    partly = _report("b", ["Nearly 200 foreign businesses invested nearly $14 billion."])
    fully = _report("c", ["By 2023 the province had 172 projects and US$13.91 billion of FDI."])
    point = BriefPoint(own.english.sentences[0].text, "a", ("a", "b", "c"), 1.0)
    kept = glance.supported(point, {"a": own, "b": partly, "c": fully})
    assert kept.sources == ("a", "c")
    assert kept.support["c"] == fully.english.sentences[0].text


def test_news_ranks_above_the_setting_and_goals():
    event = "On November 17, at the Exhibition Palace, the province met investors from Japan."
    goal = "The province aims to attract US$3 billion of FDI."
    result = "The province attracted US$1.5 billion of FDI in the first half of 2024."
    ranked = sorted(
        [event, goal, result],
        key=lambda t: -glance.importance(BriefPoint(t, "a", ("a",), 1.0), 0, 3),
    )
    assert ranked == [result, goal, event]


def test_key_figures_are_said_from_their_table_rows_in_both_languages(briefing):
    from mtsum.export import to_json
    from mtsum.render import render_html
    from mtsum.views import figure_rows, figure_sentence, part_view
    from tests.test_document import part_text

    figures = [g for g in briefing.glance if g.kind == "figure"]
    assert 3 <= len(figures) <= 5
    for g in figures:
        assert g.row in briefing.figures  # a row of the one table, not a figure of its own
        assert g.row.agree and not g.row.unclear  # only rows a sentence cannot misstate
        assert set(g.sources) == set(g.row.articles)
        assert all(g.support[f.article] == f.sentence for f in g.row.figures[:1])
    measures = [g.row.measure for g in figures]
    assert len(set(measures)) == len(measures)  # one sentence per measure
    assert any("004_0b46af3614b9e39e" in g.sources for g in figures)  # the Norwegian article
    for lang in ("en", "vi"):
        view = part_view(briefing, lang)
        table = figure_rows(briefing, lang, {})[0]
        shown = [
            ("".join(t for t, _ in row.measure), "".join(t for t, _ in row.value)) for row in table
        ]
        for g, item in zip(figures, view.glance):
            said = "".join(line.text for line in figure_sentence(g, lang))
            assert "".join(line.text for line in item.lines) == said
            # the measure and the value exactly as the table's row writes them
            assert any(said.startswith(m) and v in said for m, v in shown), said
    record = to_json(briefing)
    assert [p["kind"] for p in record["glance"]][: len(figures)] == ["figure"] * len(figures)
    assert all(p["text"]["vi"] and p["text"]["en"] for p in record["glance"])
    vi = part_text(render_html(briefing), "vi")
    glance_vi = vi[vi.index("Tóm tắt nhanh") : vi.index("Số liệu chính")]
    for english in (" as of ", " by the end of ", " nearly ", " projects", "FDI attracted"):
        assert english not in glance_vi


def test_the_glance_the_points_and_the_summaries_do_not_repeat_one_another(briefing):
    points = {item.point.text for item in briefing.brief}
    assert points
    marked = 0
    for r in briefing.reports:
        assert not points & set(r.summary.sentences), r.article.id
        own = points & {s.text for s in r.english.sentences}
        assert r.above == len(own)
        marked += r.above
    assert marked  # some articles do say that their sentences are above
    statements = {g.texts["en"].text for g in briefing.glance if g.kind == "statement"}
    from mtsum.views import part_view

    keyed = {
        " ".join(line.text for line in item.lines) for item in part_view(briefing, "en").points
    }
    assert not statements & keyed


def test_no_key_figure_at_the_top_is_of_after_the_briefings_date():
    early = make_briefing([SEEDS], Settings(date=dt.date(2024, 3, 1), use_cache=False))
    figures = [g for g in early.glance if g.kind == "figure"]
    assert figures
    for g in figures:
        end = g.row.period.end if g.row.period else None
        assert end is None or end <= "2024-03-01", (g.row.measure, end)
        assert g.row.guessed is None or g.row.guessed <= dt.date(2024, 3, 1)
    # the November 2025 figure is still in the table below, as written
    assert any(r.period and r.period.end == "2025-11-25" for r in early.figures)


def test_a_statement_does_not_repeat_a_key_figure_said_above_it():
    early = make_briefing([SEEDS], Settings(date=dt.date(2024, 3, 1), use_cache=False))
    figure_sentences = {s for g in early.glance if g.kind == "figure" for s in g.support.values()}
    assert any("In January alone" in s for s in figure_sentences)
    for g in early.glance:
        if g.kind == "statement":
            text = re.sub(r" \[\d{4}\]", "", g.texts["en"].text)  # without mtsum's years
            assert not any(s in text for s in figure_sentences), text


def test_a_period_with_no_dates_leaves_no_stray_slash_in_the_table():
    from mtsum.render import render_html

    early = make_briefing([SEEDS], Settings(date=dt.date(2024, 3, 1), use_cache=False))
    html = render_html(early)
    assert not re.search(r"<td[^>]*>\s*/ ", html)


def test_a_figure_at_the_top_names_the_plan_it_reached():
    """Of two shares of a plan in its sentence, the top of the page says the one whose plan
    ends when the figure's period does, and names that plan."""
    from mtsum.figures import figure_table
    from mtsum.views import figure_sentence

    report = _report(
        "a",
        [
            "Quang Ninh attracted US$1.5 billion in FDI in the first half of 2024, or 51.6% of "
            "the 2024 plan and 141% of the plan for the first six months."
        ],
        date=dt.date(2024, 7, 15),
    )
    rows = figure_table([report], subject="Quang Ninh")
    (point,) = [p for p in glance.key_figures(rows) if p.row.measure == "fdi"]
    assert point.plan.values[0][0] == 141 and point.plan.plan.end == "2024-06-30"
    said = {
        lang: "".join(line.text for line in figure_sentence(point, lang))
        for lang in "en vi".split()
    }
    assert said["en"].endswith("US$1.5 billion, 141% of the plan for H1 2024")
    assert said["vi"].endswith("1,5 tỷ USD, đạt 141% kế hoạch 6 tháng đầu năm 2024")
