"""The learned reading of which capital an amount is (mtsum/measure_model.py), applied as the
figures are read (figures.figures_by_sentence)."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from mtsum import measure_model
from mtsum.figures import figures_by_sentence, seen_by_model

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

TABLE = {
    "classes": ["fdi", "total_investment"],
    "support": {"fdi|en": 50, "total_investment|en": 50},
    "weights": {
        "bias": [-1.0, 1.0],
        "b:en:increase": [3.0, -3.0],  # "a capital increase of US$60 million": FDI
    },
}


def _read(sentence: str, lang: str = "en", learned: bool = True) -> dict:
    figures = figures_by_sentence([sentence], lang, learned=learned)[0]
    return {f.text: f for f in figures}


@pytest.fixture
def table(monkeypatch):
    monkeypatch.setattr(measure_model, "_weights", lambda: TABLE)
    return TABLE


def test_the_highest_class_wins_and_only_capital_amounts_are_read(table):
    sentence = (
        "Sunrise Ceramics won approval for a capital increase of US$60 million and now "
        "employs 1,200 workers."
    )
    rules = _read(sentence, learned=False)
    assert rules["US$60 million"].measure in table["classes"]
    learned = _read(sentence)
    assert learned["US$60 million"].measure == "fdi"
    assert learned["1,200 workers"].measure == rules["1,200 workers"].measure  # not money
    # without the word the table weighs, the bias decides
    plain = _read("Sunrise Ceramics won approval for a plant worth US$60 million.")
    assert plain["US$60 million"].measure == "total_investment"


def test_a_measure_the_model_saw_too_rarely_stays_the_rules(table, monkeypatch):
    sentence = "Foreign investors poured US$60 million into the zone."
    rules = _read(sentence, learned=False)["US$60 million"].measure
    assert rules == "fdi"
    assert _read(sentence)["US$60 million"].measure == "total_investment"  # the table's bias
    rare = dict(table, support={"fdi|en": measure_model.MIN_SUPPORT - 1})
    monkeypatch.setattr(measure_model, "_weights", lambda: rare)
    assert _read(sentence)["US$60 million"].measure == rules
    # the stored model has seen the rules say "domestic investment" a handful of times only
    monkeypatch.undo()
    domestic = _read("Domestic investment totalled VND 41.3 trillion in 2024.")
    assert domestic["VND 41.3 trillion"].measure == "domestic_investment"


@pytest.mark.parametrize(
    "lang, sentences, amount",
    [
        (
            "vi",
            [
                "Thu ngân sách năm 2024 đạt 50.000 tỷ đồng.",
                "Trong đó, khu vực doanh nghiệp có vốn đầu tư nước ngoài đóng góp 3.400 tỷ đồng.",
            ],
            "3.400 tỷ đồng",
        ),
        (
            "en",
            [
                "Budget revenue reached VND 50 trillion in 2024.",
                "Of this, the FDI sector accounted for VND 3.4 trillion, up from VND 2.9 trillion.",
            ],
            "VND 2.9 trillion",
        ),
    ],
)
def test_a_part_of_the_total_before_keeps_that_totals_measure(lang, sentences, amount):
    """The FDI sector's share of the budget is budget revenue, not capital: the sentence
    takes the measure of the one before, and the model leaves a measure taken so alone (a
    newcomer's review found it turned into "FDI disbursed" and "total investment")."""
    rules = {f.text: f for f in figures_by_sentence(sentences, lang, learned=False)[1]}
    learned = {f.text: f for f in figures_by_sentence(sentences, lang)[1]}
    assert rules[amount].measure == learned[amount].measure == "budget_revenue"


def test_money_the_rules_read_as_no_capital_is_left_alone(table):
    sentence = "Exports rose to US$2.1 billion in 2024, after a capital increase of one exporter."
    rules = _read(sentence, learned=False)["US$2.1 billion"]
    assert rules.measure not in table["classes"]
    assert _read(sentence)["US$2.1 billion"].measure == rules.measure


def test_without_weights_the_rules_measure_stands(monkeypatch, tmp_path, caplog):
    sentence = "Texhong added US$80 million to its yarn project, bringing it to US$380 million."
    rules = {k: f.measure for k, f in _read(sentence, learned=False).items()}
    missing = tmp_path / "mtsum"
    missing.mkdir()
    monkeypatch.setattr(resources, "files", lambda _: missing)
    measure_model._weights.cache_clear()
    try:
        with caplog.at_level(logging.WARNING):
            assert measure_model.classes() == ()
            assert {k: f.measure for k, f in _read(sentence).items()} == rules
        assert "measures are the rules' alone" in caplog.text
    finally:
        measure_model._weights.cache_clear()


def test_a_malformed_table_is_no_table(monkeypatch, tmp_path, caplog):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "measure_model.json").write_text(json.dumps({"weights": {}}))
    monkeypatch.setattr(resources, "files", lambda _: tmp_path)
    measure_model._weights.cache_clear()
    try:
        with caplog.at_level(logging.WARNING):
            assert measure_model._weights() is None
        assert "lacks its classes" in caplog.text
    finally:
        measure_model._weights.cache_clear()


def test_the_stored_table_names_measures_that_exist():
    stored = json.loads(
        resources.files("mtsum").joinpath("data/measure_model.json").read_text(encoding="utf-8")
    )
    measures = tomllib.loads(
        resources.files("mtsum").joinpath("data/measures.toml").read_text(encoding="utf-8")
    )
    assert stored["classes"] and set(stored["classes"]) <= set(measures)
    assert all(len(row) == len(stored["classes"]) for row in stored["weights"].values())


@pytest.mark.parametrize(
    "lang, sentence, added, total",
    [
        (
            "vi",
            "Công ty Lite-On vừa được điều chỉnh tăng vốn thêm 50 triệu USD, nâng tổng vốn "
            "đầu tư lên 250 triệu USD.",
            "50 triệu USD",
            "250 triệu USD",
        ),
        (
            "en",
            "A Singaporean group has had its certificate adjusted, raising the investment in "
            "its logistics centre by US$60 million to US$210 million.",
            "US$60 million",
            "US$210 million",
        ),
    ],
)
def test_capital_added_to_a_project_is_fdi_and_its_new_total_the_projects(
    lang, sentence, added, total
):
    """The figure set's convention, learned: capital added to an existing foreign-invested
    project counts as FDI; the project's new total is its total investment (the rules alone
    read both alike)."""
    rules = _read(sentence, lang, learned=False)
    assert rules[added].measure == rules[total].measure
    learned = _read(sentence, lang)
    assert learned[added].measure == "fdi"
    assert learned[total].measure == "total_investment"


def _synthetic_rows():

    def row(sentence: str, measure: str) -> dict:
        figures = figures_by_sentence([sentence], "en", learned=False)[0]
        seen = next(s for f, s in zip(figures, seen_by_model(figures)) if f.kind == "money")
        return {"seen": seen, "measure": measure, "round": "t"}

    # labels against what the rules read (they say FDI for a capital increase and total
    # investment for a plant's worth), so that only learning can give them back
    n = measure_model.MIN_SUPPORT
    return row, [
        row(f"Firm {k} added a capital increase of US${k + 10} million.", "total_investment")
        for k in range(n)
    ] + [
        row(f"Firm {k} began building a plant worth US${k + 10} million.", "fdi") for k in range(n)
    ]


def test_training_learns_a_word_against_the_rules():
    from bench.train_scope_model import fit_measure

    row, rows = _synthetic_rows()
    table = fit_measure(rows)
    probe = row("Firm Z received a capital increase of US$99 million.", "?")["seen"]
    assert probe.measure == "fdi"  # the rules' reading
    assert measure_model.measure(probe, table) == "total_investment"
    probe = row("Firm Z began building a plant worth US$99 million.", "?")["seen"]
    assert probe.measure == "total_investment"
    assert measure_model.measure(probe, table) == "fdi"


def test_training_gives_the_same_table_under_any_hash_seed(tmp_path):
    """Python's hash seed orders sets of features; the weights must not depend on it."""
    root = Path(__file__).resolve().parent.parent  # tests run in a temporary home folder
    script = (
        f"import json, sys; sys.path.insert(0, {str(root)!r}); "
        "from tests.test_measure_model import _synthetic_rows; "
        "from bench.train_scope_model import fit_measure; "
        "print(json.dumps(fit_measure(_synthetic_rows()[1]), sort_keys=True))"
    )
    tables = []
    for seed in ("1", "7"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            env=env,
            cwd=root,
            check=True,
        )
        tables.append(done.stdout)
    assert tables[0] == tables[1] and json.loads(tables[0])["weights"]
