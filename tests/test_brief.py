"""The orchestrator (mtsum.brief): the parts a briefing has, and what a run owns."""

import datetime as dt
from pathlib import Path

from mtsum.brief import Run, make_briefing
from mtsum.export import to_json
from mtsum.render import render_html
from mtsum.settings import Settings

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
