import datetime as dt
import json

import pytest

from mtsum.brief import make_briefing
from mtsum.formats import format_date, language_name
from mtsum.render import render_html, template_dirs, write_briefing
from mtsum.settings import Settings


def test_templates_are_found():
    assert any((d / "briefing.html").is_file() for d in template_dirs())


def test_formats_per_language():
    assert format_date(dt.date(2024, 2, 24), "en") == "24 February 2024"
    assert format_date(dt.date(2024, 2, 24), "vi") == "24/02/2024"
    assert language_name("no", "en") == "Norwegian"
    assert language_name("no", "vi") == "Tiếng Na Uy"
    assert language_name("no", "vi", in_sentence=True) == "tiếng Na Uy"
    assert language_name("zh-tw", "en") == "Traditional Chinese"


def test_markup_in_articles_is_escaped(tmp_path):
    (tmp_path / "evil.txt").write_text(
        "<script>alert(1)</script> Headline\n\n"
        "The province said <b>investment</b> grew & <img src=x onerror=alert(2)> strongly "
        "this year, according to the report published by the provincial committee.\n"
    )
    html = render_html(make_briefing([tmp_path], Settings(date=dt.date(2024, 1, 1))))
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;investment&lt;/b&gt; grew &amp;" in html


def test_failed_render_keeps_previous_briefing(tmp_path, monkeypatch, seeds):
    briefing = make_briefing([seeds], Settings(date=dt.date(2024, 1, 1)))
    out = tmp_path / "out"
    write_briefing(briefing, out)
    before = (out / "briefing.json").read_text()

    def broken(_):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("mtsum.render.render_json", broken)
    with pytest.raises(RuntimeError):
        write_briefing(briefing, out)
    assert (out / "briefing.json").read_text() == before
    assert sorted(p.name for p in out.iterdir()) == [
        "briefing.html",
        "briefing.json",
        "index.html",
        "index.json",
    ]


def test_json_record(seeds):
    data = json.loads(
        __import__("mtsum.render", fromlist=["render_json"]).render_json(
            make_briefing([seeds], Settings(date=dt.date(2025, 12, 1)))
        )
    )
    by_id = {a["id"]: a for a in data["articles"]}
    no = by_id["004_0b46af3614b9e39e"]
    assert no["language"]["code"] == "no"
    assert no["translation"]["en"]["status"] == "untranslated"
    assert "opus-mt-tc-big-gmq-en" in no["translation"]["en"]["reason"]
    assert by_id["002_295cc0fe45c1e94b"]["source_url"].startswith("https://baoquangninh.vn/")
    assert by_id["001_5512d0028820d064"]["date"] == "2024-02-24"
    # Dates: the dateline, else the first date the text gives (a month is its last day; the
    # title's year completes "On November 17"); never the file's modification time.
    assert by_id["001_5512d0028820d064"]["date_source"] == "dateline"
    assert (
        by_id["002_295cc0fe45c1e94b"]["date"],
        by_id["002_295cc0fe45c1e94b"]["date_source"],
    ) == ("2025-11-25", "text")
    assert (no["date"], no["date_source"], no["date_precision"]) == ("2024-06-30", "text", "month")
    assert by_id["003_e6de39ec2e5e6275"]["date"] == "2023-11-17"
    assert data["period"]["start"] == "2023-06-30"
    assert data["period"]["end"] == "2025-11-25"
    assert all(set(p["sources"]) <= set(by_id) for p in data["brief"])
    assert 5 <= len(data["brief"]) <= 10
