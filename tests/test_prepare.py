"""mtsum.prepare: reading ahead, each article held to its time budget."""

import datetime as dt
import json
import os
import time

import pytest
from click.testing import CliRunner

from mtsum import prepare as prep
from mtsum.cli import cli
from mtsum.errors import InputError
from mtsum.ingest import find_inputs
from mtsum.settings import Settings

TEXT = (
    "The provincial committee said on Monday that investment grew by 12 percent to "
    "3.1 billion dollars in the first half of the year, led by electronics and textiles.\n\n"
    "Officials expect the growth to continue as new factories open near the port.\n"
)


def runaway(source, settings, reference):
    """The article b.txt never finishes (a pattern that backtracks for ever)."""
    if source.path.name == "b.txt":
        while True:
            pass
    return prep.prepare(source, settings, reference)


def stalled(source, settings, reference):
    """The article b.txt waits 1.5 s without working, as on a machine busy with other work."""
    if source.path.name == "b.txt":
        time.sleep(1.5)
    return prep.prepare(source, settings, reference)


def _folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(TEXT)
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("processes", [0, 2])
def test_an_article_past_its_budget_is_skipped_and_named_and_the_rest_go_on(
    tmp_path, monkeypatch, processes
):
    monkeypatch.setattr(prep, "GUARD_FROM", 0)  # every article in the guarded worker
    sources = find_inputs([_folder(tmp_path)]).sources
    settings = Settings(seconds_per_100kb=1)
    got = list(
        prep.prepared(sources, settings, dt.date(2024, 3, 1), processes=processes, work=runaway)
    )
    assert [g.source.path.name for g in got] == ["a.txt", "b.txt", "c.txt"]
    late = got[1].item
    assert isinstance(late, InputError) and late.kind == "too_slow"
    assert "time budget of 1 s" in late.reason and "seconds_per_100kb" in late.reason
    for ready in (got[0], got[2]):
        assert not isinstance(ready.item, InputError) and ready.detection.lang == "en"
        assert ready.figures  # read in the worker, as in a thread
    assert got[0].figures == prep.prepare(sources[0], settings, dt.date(2024, 3, 1)).figures


@pytest.mark.slow
def test_a_runaway_article_costs_its_budget_not_the_run(tmp_path, monkeypatch):
    monkeypatch.setattr(prep, "GUARD_FROM", 0)
    monkeypatch.setattr(prep, "prepare", runaway)  # what the guarded worker runs
    folder = _folder(tmp_path)
    (tmp_path / "mtsum.toml").write_text("[input]\nseconds_per_100kb = 1\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        [
            "--config",
            str(tmp_path / "mtsum.toml"),
            "brief",
            str(folder),
            "--out",
            str(out),
            "--keep-copies",
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 3
    (line,) = [x for x in result.stderr.splitlines() if "b.txt" in x]
    assert "time budget" in line
    data = json.loads((out / "briefing.json").read_text())
    assert sorted(a["id"] for a in data["articles"]) == ["a", "c"]
    assert data["skipped"][0]["kind"] == "too_slow"


def test_the_budget_grows_with_the_size_and_stops_at_the_size_limit(tmp_path):
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    small.write_text("x" * 1000)
    big.write_bytes(b"x" * 450_000)
    settings = Settings(seconds_per_100kb=4, max_bytes=300_000)
    sources = find_inputs([small, big]).sources
    assert [prep.budget(s, settings) for s in sources] == [4, 12]  # one unit at least


def test_a_worker_that_dies_costs_its_article_only(tmp_path, monkeypatch):
    monkeypatch.setattr(prep, "GUARD_FROM", 0)
    sources = find_inputs([_folder(tmp_path)]).sources
    got = list(prep.prepared(sources, Settings(), dt.date(2024, 3, 1), processes=0, work=dies))
    assert [type(g.item).__name__ for g in got] == ["Article", "InputError", "Article"]
    assert got[1].item.kind == "failed" and "worker process" in got[1].item.reason


def dies(source, settings, reference):
    if source.path.name == "b.txt":
        os._exit(9)  # killed: the out-of-memory killer, a crash in a parser
    return prep.prepare(source, settings, reference)


def test_where_no_worker_can_start_large_articles_are_read_as_before(tmp_path, monkeypatch):
    def refuse(self):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(prep, "GUARD_FROM", 0)
    monkeypatch.setattr("multiprocessing.context.SpawnProcess.start", refuse)
    sources = find_inputs([_folder(tmp_path)]).sources
    got = list(prep.prepared(sources, Settings(), dt.date(2024, 3, 1), processes=0))
    assert [type(g.item).__name__ for g in got] == ["Article"] * 3


@pytest.mark.slow
def test_the_budget_is_processor_time_so_a_busy_machine_costs_no_article(tmp_path, monkeypatch):
    monkeypatch.setattr(prep, "GUARD_FROM", 0)
    sources = find_inputs([_folder(tmp_path)]).sources
    settings = Settings(seconds_per_100kb=1)  # 1 s of processor time, 3 s on the clock
    got = list(prep.prepared(sources, settings, dt.date(2024, 3, 1), processes=0, work=stalled))
    assert [type(g.item).__name__ for g in got] == ["Article"] * 3


def test_a_prepared_article_carries_its_split_which_the_briefing_does_not_make_again(
    tmp_path, monkeypatch
):
    """The sentences read for the figures come with the article (split in the detected
    language, as translation splits them); kept in the briefing's process
    (:func:`mtsum.translate.keep_split`), they are what it would have split, and it splits
    that text no more. The kept splits are bounded."""
    from mtsum import translate

    sources = find_inputs([_folder(tmp_path) / "a.txt"]).sources
    (ready,) = prep.prepared(sources, Settings(), dt.date(2024, 3, 1))
    paragraphs, lang = ready.item.paragraphs, ready.detection.lang
    translate._SPLITS.clear()
    assert [list(p) for p in ready.sentences] == translate.sentence_paragraphs(paragraphs, lang)
    translate._SPLITS.clear()
    translate.keep_split(paragraphs, lang, ready.sentences)
    calls = []
    monkeypatch.setattr(translate, "split_sentences", lambda *a: calls.append(a) or [])
    assert translate.sentence_paragraphs(paragraphs, lang) == [list(p) for p in ready.sentences]
    assert not calls
    assert translate.sentence_paragraphs(["Another text."], lang) == [[]] and calls
    monkeypatch.setattr(translate, "SPLITS_KEPT", 2)
    for k in range(5):
        translate.keep_split([f"Text {k}."], "en", [[f"Text {k}."]])
    assert len(translate._SPLITS) == 2
    assert ("en", ("Text 4.",)) in translate._SPLITS
