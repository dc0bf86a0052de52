"""Chunks that always fit (mtsum.chunks): a sentence too long for a model is split, never lost."""

import datetime as dt

import pytest
from click.testing import CliRunner

from mtsum.brief import make_briefing
from mtsum.chunks import TooSmall, pack, split_to_fit
from mtsum.cli import cli
from mtsum.settings import Settings
from mtsum.translate import TranslationEngine
from tests.conftest import FakeModels, Recorder

ARTICLE = (
    "Quang Ninh licensed five FDI projects worth US$120 million in January, the "
    "provincial investment agency said on Monday.\n"
)


def run(*args, **kw):
    return CliRunner().invoke(cli, [str(a) for a in args], **kw)


# --- 1. chunks that always fit ----------------------------------------------------------------


def test_a_long_url_and_a_cjk_sentence_are_split_to_fit():
    url = "https://example.com/" + "a" * 1200
    fits = lambda t: len(t) <= 50  # noqa: E731
    pieces = split_to_fit(f"Xem chi tiết tại {url} ngay hôm nay.", fits)
    assert all(fits(p) for p in pieces) and "".join(pieces).replace(
        " ", ""
    ) == f"Xem chi tiết tại {url} ngay hôm nay.".replace(" ", "")
    chinese = "广宁省吸引外国直接投资" * 30 + "。"
    pieces = split_to_fit(chinese, fits)
    assert all(fits(p) for p in pieces) and "".join(pieces) == chinese
    with pytest.raises(TooSmall):
        split_to_fit("abc", lambda t: False)


def test_pack_keeps_order_and_limits():
    groups = pack(list(range(10)), lambda g: sum(g) <= 10)
    assert [i for g in groups for i in g] == list(range(10))
    assert all(sum(g) <= 10 or len(g) == 1 for g in groups)


def test_a_1200_character_url_does_not_kill_the_brief(tiny_marian, tmp_path):
    """The real model path (CTranslate2, 256 positions): the article is translated in pieces."""
    (tmp_path / "in").mkdir()
    url = "https://baoquangninh.vn/" + "thu-hut-dau-tu-" * 80
    (tmp_path / "in" / "vi.txt").write_text(
        "Quảng Ninh thu hút đầu tư\n\nTỉnh Quảng Ninh thu hút 3,1 tỷ USD vốn FDI, xem tại "
        f"{url} để biết thêm chi tiết về các dự án đầu tư.\n",
        encoding="utf-8",
    )
    settings = Settings(
        date=dt.date(2025, 12, 1),
        beam=1,
        cache_dir=tmp_path / "c",
        models={"vi-en": str(tiny_marian), "en-vi": str(tiny_marian)},
    )
    briefing = make_briefing([tmp_path / "in"], settings)
    (report,) = briefing.reports
    assert report.english.status == "translated" and report.failure is None
    assert any(s.split for s in report.english.sentences)


def test_a_translation_does_not_depend_on_its_batch():
    """The output cap comes from the sentence alone, so the cache holds one answer."""
    short = "Første setning her."
    alone, mixed = Recorder(), Recorder()
    settings = Settings(use_cache=False)
    TranslationEngine(settings, models=FakeModels(alone)).translate([short], "no", "en")
    TranslationEngine(settings, models=FakeModels(mixed)).translate(
        [short + " " + " ".join(["ord"] * 40) + ".", short], "no", "en"
    )
    (cap_alone,) = alone.caps[0]  # each sentence comes with its own cap
    caps_mixed = {
        c for b, cs in zip(mixed.batches, mixed.caps) for t, c in zip(b, cs) if t == short
    }
    assert caps_mixed == {cap_alone}
