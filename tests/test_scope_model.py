"""The learned second reading of scope (mtsum/scope_model.py), applied by
figures.settle_scopes once the briefing's subject is known."""

from __future__ import annotations

import dataclasses
import math

import pytest

from mtsum import scope_model
from mtsum.figures import figures_by_sentence, seen_by_model, settle_scopes
from mtsum.scope import phrase_kind


def _read(sentence: str, lang: str = "en") -> list:
    return [f for fs in figures_by_sentence([sentence], lang) for f in fs]


def _settled(sentence: str, lang: str = "en", subject: str = "Quang Ninh") -> dict:
    return {f.text: f for f in settle_scopes(_read(sentence, lang), subject)}


def _is_part(f) -> bool:
    return f.scope is not None or f.part


def test_the_subject_is_one_token_whatever_its_name():
    """Nothing learned is tied to one province: the same sentence about another subject,
    with that subject set, is seen alike."""
    a = "Quang Ninh attracted US$640 million of FDI in 2024, of which US$200 million in parks."
    b = a.replace("Quang Ninh", "Thai Binh")
    fa = [scope_model.features(s, "Quang Ninh") for s in seen_by_model(_read(a))]
    fb = [scope_model.features(s, "Thai Binh") for s in seen_by_model(_read(b))]
    assert fa == fb
    assert any("b:en:<subj>" in f for f in fa)
    # with the other subject set, the first sentence's place is a word like any other
    other = [scope_model.features(s, "Thai Binh") for s in seen_by_model(_read(a))]
    assert not any("b:en:<subj>" in f for f in other)


def test_a_part_the_rules_leave_whole_is_a_part():
    sentence = (
        "Seafood output in Quang Ninh is estimated at 58,400 tonnes for the first four months "
        "of the year, including 36,900 tonnes from aquaculture and 21,500 tonnes from "
        "offshore fishing."
    )
    rules = {f.text: f for f in _read(sentence)}
    assert not _is_part(rules["36,900 tonnes"])  # what the rules alone say
    settled = _settled(sentence)
    assert not _is_part(settled["58,400 tonnes"])
    assert _is_part(settled["36,900 tonnes"])
    assert _is_part(settled["21,500 tonnes"])


def test_the_whole_stays_whole_and_a_named_part_keeps_its_words():
    settled = _settled(
        "Quang Ninh attracted US$3.12 billion in FDI in 2024, with South Korea the largest "
        "investor at US$1.1 billion."
    )
    assert not _is_part(settled["US$3.12 billion"])
    part = settled["US$1.1 billion"]
    assert _is_part(part) and part.scope_kind == "territory" and part.scope_key == "KR"


def test_the_subject_named_as_a_scope_is_the_whole():
    settled = _settled("Bac Ninh drew US$4.2 billion, while Quang Ninh drew US$3.1 billion.")
    assert _is_part(settled["US$4.2 billion"])
    assert not _is_part(settled["US$3.1 billion"])


def test_a_phrase_is_shown_only_where_the_model_is_sure():
    sentence = (
        "Seafood output in Quang Ninh is estimated at 58,400 tonnes, including 36,900 tonnes "
        "from aquaculture."
    )
    seen = [s for s in seen_by_model(_read(sentence)) if s is not None][1]
    assert scope_model.part_phrase(seen, "Quang Ninh", sure=math.inf) is None
    loose = scope_model.part_phrase(seen, "Quang Ninh", sure=-math.inf)
    assert loose is not None and loose in sentence
    assert "Quang Ninh" not in loose  # the subject is never a part's name


def test_candidates_cross_no_figure_comma_or_subject():
    sentence = "In Quang Ninh, Japan invested US$120 million, and Korea US$80 million."
    seen = seen_by_model(_read(sentence))[0]
    texts = [sentence[a:b] for a, b, _ in scope_model.candidates(seen, "Quang Ninh")]
    assert "Japan invested" in texts and "Korea" in texts
    assert not any("," in t or "Quang" in t or "US$" in t or "120" in t for t in texts)


def test_figures_of_one_sentence_with_the_same_words_get_their_own_places():
    sentence = "Exports rose 12% and imports rose 12% in 2024."
    seen = seen_by_model(_read(sentence))
    assert [s.start for s in seen] == [sentence.find("12%"), sentence.rfind("12%")]
    assert seen[0].others == ((seen[1].start, seen[1].end),)


@pytest.mark.parametrize(
    ("phrase", "kind", "key"),
    [
        ("South Korea", "territory", "KR"),
        ("Hàn Quốc", "territory", "KR"),
        ("Hai Phong", "place", "hai phong"),
        ("Hải Phòng", "place", "hai phong"),
        ("aquaculture", "part", "aquaculture"),
    ],
)
def test_a_learned_phrase_gets_its_kind(phrase, kind, key):
    assert phrase_kind(phrase) == (kind, key)


def test_training_is_seeded():
    from bench.train_scope_model import train_part, train_phrase

    data = [({"bias", "a"}, 1), ({"bias", "b"}, 0), ({"bias", "a", "c"}, 1)]
    assert train_part(data) == train_part(data)
    ranked = [([{"x"}, {"y"}], 1), ([{"y", "z"}, {"x"}], 0)]
    w = train_phrase(ranked)
    assert w == train_phrase(ranked) and w["y"] > w["x"]


@pytest.mark.parametrize(
    "sentence",
    [
        "HA LONG, May 6, 2024 - Seafood output in Quang Ninh is estimated at 58,400 tonnes.",
        "HẠ LONG, 6/5/2024 - Quảng Ninh thu hút 640 triệu USD vốn FDI.",
        "HANOI (Reuters) - Quang Ninh drew US$640 million of FDI.",
    ],
)
def test_a_datelines_town_is_not_whose_the_figures_are(sentence):
    from mtsum.scope import without_dateline

    blanked = without_dateline(sentence)
    assert len(blanked) == len(sentence) and blanked.startswith("  ")
    assert blanked.lstrip() == sentence[len(sentence) - len(blanked.lstrip()) :]
    assert all(
        not _is_part(f)
        for f in settle_scopes(_read(sentence, "vi" if "ạ" in sentence else "en"), "Quang Ninh")
    )


@pytest.mark.parametrize(
    "sentence", ["Ha Long - the bay city - drew 3 million visitors.", "FDI rose 5% - a record."]
)
def test_a_sentence_that_is_no_dateline_is_kept(sentence):
    from mtsum.scope import without_dateline

    assert without_dateline(sentence) == sentence


def test_an_other_figure_that_is_a_part_of_no_named_whole_says_so():
    from mtsum.figures import figure_table
    from mtsum.views import _measure_pieces

    figure = _read("Seafood output reached 58,400 tonnes, including 36,900 tonnes from ponds.")[1]
    assert figure.measure == "other"
    unnamed = dataclasses.replace(
        figure, part=True, scope=None, scope_kind=None, scope_key=None, article="a"
    )
    row = figure_table([_Report((unnamed,))])[0]
    assert [t for t, _ in _measure_pieces(row, "en")] == ["part of a larger total"]
    assert [t for t, _ in _measure_pieces(row, "vi")] == ["một phần của một tổng lớn hơn"]
    named = dataclasses.replace(row, scope="ponds", scope_kind="part", part=False)
    assert "".join(t for t, _ in _measure_pieces(named, "en")) == "of which ponds"


class _Article:
    id = "a"
    date = None


class _Report:
    article = _Article()

    def __init__(self, figures):
        self.figures = figures
