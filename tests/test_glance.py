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
