"""The orchestrator (mtsum.brief): the parts a briefing has, and what a run owns."""

import datetime as dt
import json
from pathlib import Path

import pytest

from mtsum.brief import Run, make_briefing
from mtsum.errors import ModelUnavailable
from mtsum.export import to_json
from mtsum.render import render_html
from mtsum.settings import Settings
from tests.conftest import NORWEGIAN

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DATE = dt.date(2025, 12, 1)


def test_the_parts_come_from_settings_not_from_the_code():
    one = make_briefing([SEEDS], Settings(date=DATE, parts=("en",)))
    assert one.parts == ("en",)
    assert all(r.summaries == {} for r in one.reports)
    assert all(item.texts == {} for item in one.brief)
    html = render_html(one)
    assert 'id="part-en"' in html and 'id="part-vi"' not in html
    assert 'href="#part-' not in html  # no link to a part that is not there
    record = to_json(one)
    assert all(set(a["summaries"]) == {"en"} for a in record["articles"])


def test_an_article_in_a_parts_language_is_summarised_in_it_not_translated(tmp_path):
    (tmp_path / "vi.txt").write_text(
        "Quảng Ninh thu hút 1,5 tỷ USD vốn đầu tư trực tiếp nước ngoài trong năm 2024. "
        "Tỉnh cấp mới giấy chứng nhận đăng ký đầu tư cho 21 dự án. "
        "Các nhà đầu tư đến từ Nhật Bản, Hàn Quốc và Singapore.",
        encoding="utf-8",
    )
    two = make_briefing([tmp_path], Settings(date=DATE, use_cache=False))
    assert two.parts == ("en", "vi")
    (report,) = two.reports
    assert report.detection.lang == "vi"
    assert report.summaries["vi"].status == "source"
    assert report.summaries["vi"].sentences[0].text.startswith("Quảng Ninh thu hút")
    html = render_html(two)
    assert 'id="part-en"' in html and 'id="part-vi"' in html


class _Engine:
    def __init__(self):
        self.closed = 0
        self.cache = self
        self.backends = None

    def close(self):
        self.closed += 1


def test_a_run_closes_only_the_engine_it_opened(tmp_path):
    given = _Engine()
    with Run.open(Settings(date=DATE), engine=given) as run:
        assert run.engine is given and run.reference == DATE
    assert given.closed == 0
    with Run.open(Settings(date=DATE, cache_dir=tmp_path)) as run:
        opened = run.engine
        assert run.owns_engine
    assert opened.cache._conn is None if hasattr(opened.cache, "_conn") else True


def test_a_quiet_week_is_a_briefing_in_the_archive(tmp_path):
    from click.testing import CliRunner

    from mtsum.cli import cli

    out = tmp_path / "out"

    def brief(week):
        args = ["brief", str(SEEDS), "--week", week, "--out", str(out), "--date", "2025-12-01"]
        return CliRunner().invoke(cli, args)

    busy = brief("2024-W08")  # the seed of 24 February 2024
    assert busy.exit_code == 0, busy.output
    quiet = brief("2024-W10")
    assert quiet.exit_code == 0, quiet.output
    assert "no article is dated within 2024-W10" in quiet.output
    page = (out / "briefing-2024-W10.html").read_text()
    assert "No dated articles in Week 10, 2024" in page
    assert "Không có bài viết nào trong Tuần 10 năm 2024" in page
    assert "seeds/001_5512d0028820d064.txt" in page  # named: dated outside the week
    assert 'href="briefing-2024-W08.html"' in page  # the week before, nothing skipped
    record = json.loads((out / "briefing-2024-W10.json").read_text())
    assert record["articles"] == [] and record["period"]["selected"] == "2024-W10"
    index = json.loads((out / "index.json").read_text())
    names = [e["name"] for e in index["briefings"]]
    assert names == ["briefing-2024-W10", "briefing-2024-W08"]
    later = brief("2024-W11")
    assert later.exit_code == 0
    assert 'href="briefing-2024-W10.html"' in (out / "briefing-2024-W11.html").read_text()


def test_torch_missing_is_told_as_torch_missing_not_as_a_model(
    seeds, tiny_marian, monkeypatch, caplog
):
    def no_torch(why=""):
        raise ModelUnavailable(
            "torch", f"PyTorch is not installed{why}", fix="pip install torch (CPU only)"
        )

    monkeypatch.setattr("mtsum.backends._require_torch", no_torch)
    settings = Settings(date=dt.date(2024, 3, 1), backend="torch", models={"no-en": tiny_marian})
    briefing = make_briefing([seeds / f"{NORWEGIAN}.txt"], settings)
    (notice,) = [n for n in briefing.notices if "PyTorch" in n.text]
    assert notice.kind == "runtime_missing" and "model torch" not in notice.text
    html = render_html(briefing)
    assert "PyTorch is not installed on this machine" in html and "model torch" not in html
    assert "model torch" not in caplog.text


def test_an_article_dated_ahead_is_not_dated_again(tmp_path, monkeypatch, caplog):
    """Reading ahead dated each article with the briefing's date (mtsum.prepare); the
    briefing does not scan its text for dates a second time, and still warns of a date of
    its own after the briefing's."""
    import logging

    import mtsum.brief

    (tmp_path / "a.md").write_text(
        "---\ndate: 2030-01-01\n---\n\nQuang Ninh attracted US$3.1 billion of foreign "
        "investment in 2023, the most of any province in the north.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "Hai Phong drew US$2.5 billion in 2023 as new factories opened in its industrial "
        "zones, officials said on Monday.\n",
        encoding="utf-8",
    )

    def dated_again(*args, **kwargs):
        raise AssertionError("dated a second time")

    monkeypatch.setattr(mtsum.brief, "dated", dated_again)
    with caplog.at_level(logging.WARNING):
        briefing = make_briefing([tmp_path], Settings(date=dt.date(2025, 12, 1)))
    assert len(briefing.reports) == 2
    assert "is after the briefing's date 2025-12-01" in caplog.text


def _reading_processes(folder, monkeypatch, models, count):
    """What ``processes`` a brief of ``count`` articles asks :func:`mtsum.prepare.prepared`
    for (read in a thread here all the same)."""
    import mtsum.brief as brief_module
    from mtsum.translate import TranslationEngine

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir())]
    for k in range(count):
        (folder / f"{k:03d}.txt").write_text(texts[k % len(texts)], encoding="utf-8")
    asked = []
    original = brief_module.prepared

    def recording(*args, processes=None, **kwargs):
        asked.append(processes)
        return original(*args, processes=0, **kwargs)

    monkeypatch.setattr(brief_module, "prepared", recording)
    settings = Settings(date=DATE, use_cache=False, dedup=False, window=8)
    make_briefing([folder], settings, engine=TranslationEngine(settings, models=models))
    return asked


class _NoModels:
    def describe(self, spec):
        raise ModelUnavailable(f"no {spec.model} here")

    def translator(self, spec, **options):
        raise ModelUnavailable(f"no {spec.model} here")


def test_a_run_that_translates_here_reads_ahead_in_a_process(tmp_path, monkeypatch):
    """A run translating in this process, of more than one window, reads ahead in a worker
    process: the next window is read on the core a window's Python work leaves."""
    from tests.conftest import FakeModels, Recorder

    many = tmp_path / "many"
    many.mkdir()
    assert _reading_processes(many, monkeypatch, FakeModels(Recorder()), 9) == [1]
    few = tmp_path / "few"
    few.mkdir()
    assert _reading_processes(few, monkeypatch, FakeModels(Recorder()), 8) == [None]
    none = tmp_path / "none"
    none.mkdir()
    assert _reading_processes(none, monkeypatch, _NoModels(), 9) == [None]


def _spy_cross_article(monkeypatch, probe) -> list:
    """What ``probe()`` gives each time the briefing reaches its cross-article step."""
    from mtsum import brief

    seen = []
    original = brief.cross_article

    def spy(*args, **kwargs):
        seen.append(probe())
        return original(*args, **kwargs)

    monkeypatch.setattr(brief, "cross_article", spy)
    return seen


def test_full_collections_are_rarer_while_briefing_and_as_before_after(monkeypatch):
    """A briefing raises the collector's third threshold while it runs (its reports are
    walked by every full collection) and sets the thresholds back, also after an error."""
    import gc

    from mtsum import brief
    from mtsum.settings import Settings

    before = gc.get_threshold()
    seen = _spy_cross_article(monkeypatch, gc.get_threshold)
    brief.make_briefing([SEEDS], Settings(date=DATE, translate=False, use_cache=False))
    monkeypatch.undo()
    assert seen == [(before[0], before[1], max(before[2], brief.FULL_COLLECTION_EVERY))]
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), brief.fewer_full_collections(every=500):
        assert gc.get_threshold()[2] == max(before[2], 500)
        raise RuntimeError("stop")
    assert gc.get_threshold() == before


def test_reports_set_aside_from_full_collections_while_briefing_and_given_back(monkeypatch):
    """Inside the briefing's block, what is alive (the reports so far) is set aside from the
    full collections (gc.freeze); the outermost block gives it back, also after an error, and
    outside any block setting aside does nothing."""
    import gc

    from mtsum import brief
    from mtsum.settings import Settings

    assert gc.get_freeze_count() == 0
    brief.set_aside()
    assert gc.get_freeze_count() == 0
    frozen = _spy_cross_article(monkeypatch, gc.get_freeze_count)
    with brief.fewer_full_collections():
        brief.make_briefing([SEEDS], Settings(date=DATE, translate=False, use_cache=False))
        assert gc.get_freeze_count() > 0  # the inner block (the briefing's) kept them aside
    monkeypatch.undo()
    assert frozen and frozen[0] > 0
    assert gc.get_freeze_count() == 0
    with pytest.raises(RuntimeError), brief.fewer_full_collections():
        brief.set_aside()
        assert gc.get_freeze_count() > 0
        raise RuntimeError("stop")
    assert gc.get_freeze_count() == 0
