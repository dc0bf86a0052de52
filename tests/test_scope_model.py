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
        ("Norske selskaper", "territory", "NO"),
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
    "sentence",
    [
        "Ha Long - the bay city - drew 3 million visitors.",
        "FDI rose 5% - a record.",
        "VINACOMIN - The group produced 40 million tonnes of coal in 2024.",
        "FDI - the engine of growth - rose 5%.",
    ],
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


def test_a_city_subject_goes_by_the_city_as_a_province_by_the_province():
    """The common nouns the subject goes by are one token too: "the city" for a centrally run
    city, "the province" for a province, so a city's own totals read as its whole."""
    a = "The province attracted US$3.5 billion in FDI in the first nine months."
    b = a.replace("province", "city")
    fa = [scope_model.features(s, "Quang Ninh") for s in seen_by_model(_read(a))]
    fb = [scope_model.features(s, "Hai Phong") for s in seen_by_model(_read(b))]
    assert fa == fb
    assert not _is_part(_settled(b, subject="Hai Phong")["US$3.5 billion"])
    vi = "Năm 2024, kim ngạch xuất khẩu của thành phố đạt 32 tỷ USD, tăng 12%."
    assert not _is_part(_settled(vi, "vi", subject="Hải Phòng")["32 tỷ USD"])
    # in a province's briefing "the city" is one of its towns, a word like any other
    as_province = scope_model.features(seen_by_model(_read(b))[0], "Quang Ninh")
    assert not any("<subjnoun>" in x for x in as_province)


def test_the_model_makes_a_part_the_whole_only_where_it_is_sure():
    """A part shown as the whole misleads; the whole shown as a part only moves a row."""
    assert scope_model.TO_WHOLE < 0.5 <= scope_model.TO_PART
    assert not scope_model.overrules(0.3, rules_part=True)
    assert scope_model.overrules(scope_model.TO_WHOLE, rules_part=True)
    assert not scope_model.overrules(scope_model.TO_PART - 0.01, rules_part=False)
    assert scope_model.overrules(scope_model.TO_PART, rules_part=False)
    assert not scope_model.overrules(0.99, rules_part=True)  # it agrees


def test_without_the_weights_the_rules_reading_stands(monkeypatch, tmp_path, caplog):
    from mtsum import figures

    monkeypatch.setattr(scope_model.resources, "files", lambda package: tmp_path)
    scope_model._weights.cache_clear()
    try:
        with caplog.at_level("WARNING"):
            assert scope_model._weights() is None
        assert "rules' alone" in caplog.text
        (tmp_path / "data").mkdir()
        (tmp_path / "data" / "scope_model.json").write_text('{"part": {}}')
        scope_model._weights.cache_clear()
        assert scope_model._weights() is None  # a table missing: not every scope dropped
        sentence = "Bac Ninh drew US$4.2 billion, while Quang Ninh drew US$3.1 billion."
        rules = {f.text: f for f in _read(sentence)}
        settled = {f.text: f for f in figures.settle_scopes(list(rules.values()), "Quang Ninh")}
        assert settled["US$4.2 billion"].scope == rules["US$4.2 billion"].scope is not None
    finally:
        scope_model._weights.cache_clear()


def test_a_figure_keeps_its_place_and_neighbours_through_deduplication():
    """The briefing settles an article's figures after a repeated one is dropped; the model
    must see each figure where it was read, with the neighbours it was read with."""
    from mtsum.figures import article_figures

    sentences = [
        "The province's export turnover reached US$8.2 billion in 2023.",
        "Export turnover rose from US$8.2 billion in 2023 to US$11.6 billion in 2024, with "
        "processed goods accounting for US$8.2 billion.",
    ]
    read = [f for fs in figures_by_sentence(sentences, "en") for f in fs]
    kept = article_figures(sentences, "en")
    assert len(kept) < len(read)  # the repeated US$8.2 billion of 2023 is dropped
    seen_read = dict(zip([(f.sentence, f.span) for f in read], seen_by_model(read)))
    for f, seen in zip(kept, seen_by_model(kept)):
        assert seen == seen_read[(f.sentence, f.span)]
    total = next(f for f in settle_scopes(kept, "Quang Ninh") if f.text == "US$11.6 billion")
    assert not _is_part(total)


def test_overlapping_figures_are_each_seen():
    sentence = "Cam Pha city attracted two projects totalling VND 1.25 trillion in 2024."
    assert all(s is not None for s in seen_by_model(_read(sentence)))


def test_a_phrase_never_runs_across_a_spaced_dash():
    sentence = "VINACOMIN - The group produced 40 million tonnes of coal in 2024."
    seen = seen_by_model(_read(sentence))[0]
    texts = [sentence[a:b] for a, b, _ in scope_model.candidates(seen, "Quang Ninh")]
    assert texts and not any(" - " in t for t in texts)
    hyphened = "Foreign-invested firms shipped US$1.8 billion abroad."
    seen = seen_by_model(_read(hyphened))[0]
    texts = [hyphened[a:b] for a, b, _ in scope_model.candidates(seen, "Quang Ninh")]
    assert "Foreign-invested firms" in texts


def test_marks_are_not_numbers_and_a_genitive_is_the_subject():
    tokens = [
        t.norm for t in scope_model._tokens("QUANG NINH, 6. mai: Quang Ninhs andel", "Quang Ninh")
    ]
    assert tokens == [
        "<subj>",
        "<subj>",
        ",",
        "<num>",
        ".",
        "mai",
        ":",
        "<subj>",
        "<subj>",
        "andel",
    ]


@pytest.mark.parametrize(
    ("sentence", "lang", "part"),
    [
        ("Around 65 percent of the province's FDI in the period went into manufacturing.", "en",
         "manufacturing"),
        ("About 65% of the FDI went to manufacturing in the first half.", "en", "manufacturing"),
        ("Rundt 65 prosent av provinsens FDI gikk til industri.", "no", "industri"),
    ],
)  # fmt: skip
def test_a_share_of_the_subjects_fdi_that_went_to_a_sector_is_the_sectors(sentence, lang, part):
    """Found rendering a briefing of my own: "Share of the province's FDI: about 65%" at the
    top of the page was manufacturing's share."""
    (share,) = settle_scopes(_read(sentence, lang), "Quang Ninh")
    assert share.scope == part and share.scope_kind == "sector"
