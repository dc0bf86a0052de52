from decimal import Decimal

import pytest

from mtsum.facts import find_numbers, missing_numbers


@pytest.mark.parametrize("text, lang, value, scaled", [
    ("1 543 millioner amerikanske dollar", "no", "1543", "1543000000"),
    ("51,6 % av planen", "no", "51.6", None),
    ("US$478 million", "en", "478", "478000000"),
    ("1,543 projects", "en", "1543", None),
    ("3,1 tỷ USD", "vi", "3.1", "3100000000"),
    ("352,62 triệu USD", "vi", "352.62", "352620000"),
    ("VND 19,659 billion", "en", "19659", "19659000000000"),
    ("13.91 billion USD", "en", "13.91", "13910000000"),
])
def test_numbers_read_with_each_languages_separators(text, lang, value, scaled):
    (number,) = find_numbers(text, lang)
    assert number.value == Decimal(value)
    assert number.scaled == (Decimal(scaled) if scaled else None)


@pytest.mark.parametrize("source, target, missing", [
    ("økning på 1 543 millioner dollar", "an increase of 1,543 million dollars", []),
    ("økning på 1 543 millioner dollar", "an increase of 1.543 billion dollars", []),
    ("51,6 % av planen", "51.6% of the plan", []),
    ("51,6 % av planen", "52% of the plan", ["51,6"]),
    ("1 543 millioner og 141 %", "1,543 million", ["141"]),
    ("1 543 millioner dollar", "1,534 million dollars", ["1 543"]),
])
def test_number_check_between_languages(source, target, missing):
    assert missing_numbers(source, "no", target, "en") == missing


# --- key figures (issue 5) -------------------------------------------------------------------

import datetime as dt  # noqa: E402
import json  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from mtsum.brief import make_briefing, select_period  # noqa: E402
from mtsum.errors import UsageError  # noqa: E402
from mtsum.facts import article_facts, find_facts, find_period, group_facts  # noqa: E402
from mtsum.ingest import read_article  # noqa: E402
from mtsum.render import format_fact, format_money  # noqa: E402
from mtsum.sentences import split_sentences  # noqa: E402
from mtsum.settings import Settings  # noqa: E402
from tests.conftest import NORWEGIAN, SEEDS  # noqa: E402


def _seed_facts(name, lang):
    article = read_article(SEEDS / f"{name}.txt")
    sentences = [s for p in article.paragraphs for s in split_sentences(p, lang)]
    return article_facts(sentences, lang, article=article.id, reference=article.date)


def _one(facts, text, end=None):
    found = [f for f in facts if f.text == text
             and (end is None or (f.period and f.period.end == end))]
    assert found, [f.text for f in facts]
    return found[0]


def test_golden_figures_of_the_seeds():
    no = _seed_facts(NORWEGIAN, "no")
    fdi = _one(no, "1 543 millioner amerikanske dollar", end="2024-06-30")
    assert (fdi.kind, fdi.value, fdi.unit) == ("money", 1_543_000_000, "USD")
    assert fdi.article == NORWEGIAN and fdi.period.end == "2024-06-30"
    assert "innen utgangen av juni 2024" in fdi.period.text
    assert _one(no, "3 milliarder amerikanske dollar").value == 3_000_000_000
    pct = _one(no, "141 %")
    assert (pct.kind, pct.value, pct.unit) == ("percent", 141, "%")
    assert _one(no, "51,6 %").value == Decimal("51.6")
    en = _seed_facts("001_5512d0028820d064", "en")
    assert _one(en, "US$478 million").value == 478_000_000
    jobs = _one(en, "43,000 local jobs")
    assert (jobs.kind, jobs.value, jobs.unit, jobs.qualifier) == ("count", 43000, "local jobs",
                                                                  "nearly")
    vnd = _one(_seed_facts("002_295cc0fe45c1e94b", "en"), "VND 19,659 billion")
    assert (vnd.value, vnd.unit, vnd.period.end) == (19_659_000_000_000, "VND", "2025-11-25")
    first_half = _one(_seed_facts("000_146807e83baea55f", "en"), "17 FDI projects")
    assert first_half.period.text == "the first half of the year"
    countries = _one(_seed_facts("003_e6de39ec2e5e6275", "en"), "20 countries")
    assert countries.kind == "count"


def test_dates_ranges_and_resolution_numbers_are_not_figures():
    no = _seed_facts(NORWEGIAN, "no")
    texts = " ".join(f.text for f in no)
    assert "20" not in [f.text.split()[0] for f in no if f.kind != "count"]
    assert all(f.value not in (20, 2021, 2030, 2023, 27) or f.kind == "count" and f.value == 20
               for f in no)
    assert "NQ" not in texts
    for sentence in ["Under Resolution No. 20-NQ/TU for the period 2021-2030, dated "
                     "27 November 2023, the plan runs to 2030.",
                     "Theo Nghị quyết số 20-NQ/TU giai đoạn 2021-2030 ngày 25/11/2025."]:
        assert find_facts(sentence, "en") == [] and find_facts(sentence, "vi") == []


@pytest.mark.parametrize("text, lang, value, unit", [
    ("Vốn FDI đạt 3,1 tỷ USD.", "vi", Decimal("3100000000"), "USD"),
    ("Tổng vốn 352,62 triệu USD.", "vi", Decimal("352620000"), "USD"),
    ("Kapitalen var 3 milliarder amerikanske dollar.", "no", Decimal("3000000000"), "USD"),
    ("It drew US$478 million.", "en", Decimal("478000000"), "USD"),
    ("It reached VND 19,659 billion.", "en", Decimal("19659000000000"), "VND"),
    ("Tăng 69,3% so với cùng kỳ.", "vi", Decimal("69.3"), "%"),
    ("Growth was 69.3%.", "en", Decimal("69.3"), "%"),
])
def test_figures_in_each_language(text, lang, value, unit):
    (fact,) = find_facts(text, lang)
    assert (fact.value, fact.unit) == (value, unit)


def test_periods():
    ref = dt.date(2024, 2, 24)
    assert find_period("in the first quarter of this year", "en", ref).key() == (
        "2024-01-01", "2024-03-31")
    assert find_period("as of November 25, 2025, it reached", "en").key() == (None, "2025-11-25")
    assert find_period("trong 6 tháng đầu năm 2024", "vi").key() == ("2024-01-01", "2024-06-30")
    assert find_period("innen utgangen av juni 2024", "no").key() == (None, "2024-06-30")
    assert find_period("no period here", "en") is None


def test_same_quantity_grouped_across_articles_and_disagreement_flagged():
    facts = [f for name, lang in [("001_5512d0028820d064", "en"),
                                  ("003_e6de39ec2e5e6275", "en"), (NORWEGIAN, "no")]
             for f in _seed_facts(name, lang)]
    groups = group_facts(facts)
    (cumulative,) = [g for g in groups if Decimal("13910000000") in g.values]
    assert set(cumulative.articles) == {"001_5512d0028820d064", "003_e6de39ec2e5e6275",
                                        NORWEGIAN}
    assert not cumulative.agree and cumulative.values == [Decimal("13910000000"),
                                                          Decimal("14000000000")]
    # $3 billion (2024 target) never merges with 3.1 billion USD (2023) through a chain
    assert not any({Decimal("3000000000"), Decimal("3100000000")} <= set(g.values)
                   for g in groups)


amounts = st.builds(lambda m, e: Decimal(m) * 10**e, st.integers(1, 999_999),
                    st.sampled_from([0, 3, 6, 9]))


@settings(max_examples=200, deadline=None)
@given(value=amounts, lang=st.sampled_from(["en", "vi"]),
       currency=st.sampled_from(["USD", "VND", "EUR"]))
def test_money_format_round_trips(value, lang, currency):
    text = format_money(value, currency, lang)
    (fact,) = find_facts(f"Capital: {text}.", lang)
    assert (fact.kind, fact.value, fact.unit) == ("money", value, currency), text


@settings(max_examples=200, deadline=None)
@given(value=st.decimals(min_value=0, max_value=1000, places=1), lang=st.sampled_from(["en", "vi"]))
def test_percent_format_round_trips(value, lang):
    from mtsum.facts import Fact

    text = format_fact(Fact("percent", value, "%", "", ""), lang)
    (fact,) = find_facts(f"Growth: {text}.", lang)
    assert fact.value == value, text


def test_week_selection():
    sel = select_period("2024-W08")
    assert (sel.start, sel.end, sel.name) == (dt.date(2024, 2, 19), dt.date(2024, 2, 25),
                                              "2024-W08")
    assert select_period("latest", dates=[dt.date(2024, 2, 24), dt.date(2023, 6, 30)]).name \
        == "2024-W08"
    assert select_period(since=dt.date(2024, 1, 1)).contains(dt.date(2024, 2, 24))
    assert not select_period(until=dt.date(2023, 12, 31)).contains(dt.date(2024, 2, 24))
    assert select_period() is None
    with pytest.raises(UsageError):
        select_period("2024-W60")
    with pytest.raises(UsageError):
        select_period("week 8")


def test_brief_one_week_names_output_by_period(seeds, tmp_path):
    from click.testing import CliRunner

    from mtsum.cli import cli

    (seeds / "extra.md").write_text("---\ntitle: Earlier news\ndate: 2024-02-01\n---\n\n"
                                    "Quang Ninh licensed five FDI projects worth US$120 million "
                                    "in January, the provincial investment agency said.\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["brief", str(seeds), "--week", "2024-W08", "--out",
                                      str(out), "--date", "2024-03-01"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["briefing-2024-W08.html",
                                                     "briefing-2024-W08.json"]
    data = json.loads((out / "briefing-2024-W08.json").read_text())
    assert [a["id"] for a in data["articles"]] == ["001_5512d0028820d064"]
    assert data["period"] == {"start": "2024-02-19", "end": "2024-02-25",
                              "selected": "2024-W08"}
    html = (out / "briefing-2024-W08.html").read_text()
    assert "Week 8, 2024" in html and "Tuần 8 năm 2024" in html
    result = CliRunner().invoke(cli, ["brief", str(seeds), "--since", "2024-01-01", "--until",
                                      "2024-02-10", "--out", str(out), "--date", "2024-03-01"])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "briefing-2024-01-01_2024-02-10.json").read_text())
    assert [a["id"] for a in data["articles"]] == ["extra"]
    assert data["articles"][0]["date_source"] == "metadata"
    assert (out / "briefing-2024-W08.json").exists()  # the earlier run's files are kept
    empty = CliRunner().invoke(cli, ["brief", str(seeds), "--week", "2001-W01", "--out",
                                     str(out)])
    assert empty.exit_code == 4 and "none of the" in empty.output


def test_briefing_shows_key_figures_in_both_languages(seeds):
    from mtsum.render import render_html, to_json

    briefing = make_briefing([seeds], Settings(date=dt.date(2024, 3, 1)))
    html = render_html(briefing)
    assert "US$1.543 billion" in html and "1,543 tỷ USD" in html
    assert "Key figures" in html and "Số liệu chính" in html
    assert "<svg" in html and "<script" not in html
    data = to_json(briefing)
    no = next(a for a in data["articles"] if a["id"] == NORWEGIAN)
    fact = next(f for f in no["facts"] if f["text"] == "1 543 millioner amerikanske dollar")
    assert fact == {**fact, "kind": "money", "value": 1543000000, "unit": "USD",
                    "article": NORWEGIAN}
    assert fact["sentence"] in " ".join(no["paragraphs"])
    assert any(not g["agree"] and NORWEGIAN in g["articles"] for g in data["figures"])
