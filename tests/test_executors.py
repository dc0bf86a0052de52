"""Past one machine (issue 14): batches across articles, the Ray executor (a local Ray with
2 CPUs) giving the same briefing as the local one, a worker that dies mid-run, workers that
keep dying, and --device."""

import datetime as dt
import json
import os
import shutil
import sqlite3

import pytest

from mtsum.brief import make_briefing
from mtsum.cache import Cache
from mtsum.executors import RayExecutor, Worker
from mtsum.export import render_json
from mtsum.settings import Settings
from mtsum.translate import TranslationEngine, sentence_paragraphs
from tests.conftest import SEEDS, FakeModels, Recorder

DATE = dt.date(2025, 12, 1)
CRASH_ONCE = "MTSUM_TEST_CRASH_ONCE"


class CrashingWorker(Worker):
    """A Ray worker that dies: with ``$MTSUM_TEST_CRASH_ONCE`` naming a folder, a worker that
    finds a file in it removes that file and exits (each file is one worker death)."""

    def translate(self, texts, limit):
        folder = os.environ.get(CRASH_ONCE)
        if folder and os.path.isdir(folder):
            for name in sorted(os.listdir(folder)):
                try:
                    os.remove(os.path.join(folder, name))
                except FileNotFoundError:  # another worker took it
                    continue
                os._exit(1)
        return super().translate(texts, limit)


def _on_crashing_ray(folder, settings):
    """The briefing of ``folder`` on Ray workers that die as the crash folder says."""
    engine = TranslationEngine(
        settings,
        cache=Cache(settings.cache_dir),
        executor=RayExecutor(settings, worker=CrashingWorker),
    )
    try:
        return make_briefing([folder], settings, engine=engine)
    finally:
        engine.cache.close()
        engine.close()


def _settings(tiny_marian, cache, **kw):
    return Settings(
        date=DATE,
        beam=1,
        cache_dir=cache,
        models={"no-en": str(tiny_marian), "en-vi": str(tiny_marian)},
        **kw,
    )


@pytest.fixture(scope="module")
def local_ray(tmp_path_factory):
    import ray

    crash = tmp_path_factory.mktemp("crash") / "tokens"
    crash.mkdir()
    os.environ[CRASH_ONCE] = str(crash)  # the workers inherit it: a token there kills one
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield crash
    ray.shutdown()
    del os.environ[CRASH_ONCE]


def _entries(cache):
    with sqlite3.connect(cache / "cache.sqlite3") as db:
        return dict(db.execute("SELECT key, value FROM entries"))


def test_sentences_of_many_articles_share_batches(tmp_path):
    for k in range(6):
        (tmp_path / f"{k}.txt").write_text(
            f"Artikkel {k}\n\nProvinsen tiltrakk seg {k + 1} milliarder dollar i 2024, sier "
            f"komiteen.\n\nDette er den {k}. saken om investeringer i Quang Ninh i år.\n"
        )
    runs = {}
    for window in (1, 32):
        model = _recorder()
        engine = TranslationEngine(Settings(), models=FakeModels(model))
        briefing = make_briefing([tmp_path], Settings(date=DATE, window=window), engine=engine)
        runs[window] = (model.batches, render_json(briefing))
    one, many = runs[1][0], runs[32][0]
    assert max(map(len, many)) > max(map(len, one))  # sentences of several articles together
    assert len(many) < len(one)
    assert runs[1][1] == runs[32][1]  # the same briefing either way


def test_this_process_batches_as_ray_workers_would(monkeypatch):
    """A sentence meets the same batch on either executor: padding and matrix shapes can
    move a near tie, so a different batch could give a different translation."""
    from mtsum import batching, executors
    from mtsum.batching import translate_pieces

    monkeypatch.setattr(batching, "CHUNK_SENTENCES", 10)
    texts = [" ".join(["ord"] * (1 + (k * 7) % 23)) + f" {k}." for k in range(57)]
    here = _recorder()
    done = {}
    for finished in executors.LocalExecutor().run(None, None, here, texts, 512, Settings()):
        done.update(finished)
    assert [done[i][0] for i in range(len(texts))] == [f"[{t}]" for t in texts]
    chunks = batching.chunks_of(texts)
    assert len(chunks) == 6 and sorted(i for c in chunks for i in c) == list(range(57))
    workers = _recorder()
    for chunk in chunks:  # what each worker is sent: one chunk, alone
        list(translate_pieces(workers, [texts[i] for i in chunk], 512, 32, 2048))
    # the same batches (decoded in another order: the costliest first, over all chunks)
    assert sorted(map(tuple, here.batches)) == sorted(map(tuple, workers.batches))
    assert max(map(len, here.batches)) <= 10  # no batch crosses a chunk


def test_key_points_are_translated_in_one_batch(tmp_path, monkeypatch):
    """The key points and the summaries made again without them go to each model in one
    call at the end, in batches: not one call per point, nor one call for the points and
    another for the summaries."""
    from mtsum import brief

    shutil.copytree(SEEDS, tmp_path / "s")
    model = _recorder()
    engine = TranslationEngine(Settings(), models=FakeModels(model))
    calls: list[list[str]] = []  # the texts of each call that sent work to a model
    run = engine.executor.run

    def recording(spec, info, loaded, texts, *args, **kwargs):
        if texts:
            calls.append(list(texts))
        return run(spec, info, loaded, texts, *args, **kwargs)

    engine.executor.run = recording
    redone: list[str] = []  # the sentences of the summaries made again
    summaries_without = brief._summaries_without

    def spy(*args, **kwargs):
        made = summaries_without(*args, **kwargs)
        redone.extend(s for summary in made.values() for s in summary.sentences)
        return made

    monkeypatch.setattr(brief, "_summaries_without", spy)
    briefing = make_briefing([tmp_path / "s"], Settings(date=DATE), engine=engine)
    points = {p.shown for p in briefing.brief}
    points |= {g.texts["en"].text for g in briefing.glance if g.kind == "statement"}
    assert len(points) >= 5
    assert set(redone) - points  # some summaries were made again, with new sentences
    # the last call: every point and every sentence of those summaries (into Vietnamese)
    sent = {s for p in sentence_paragraphs(sorted(points | set(redone)), "en") for s in p}
    assert set(calls[-1]) == sent
    last: list[str] = []  # the last call's batches: the model's last ones
    batches = 0
    for batch in reversed(model.batches):
        if len(last) >= len(calls[-1]):
            break
        last, batches = last + batch, batches + 1
    assert sorted(last) == sorted(calls[-1])
    assert batches < len(last)  # batched, not one text at a time


@pytest.mark.slow
def test_ray_gives_the_same_briefing_and_caches_what_came_back(tiny_marian, tmp_path, local_ray):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    local = make_briefing([folder], _settings(tiny_marian, tmp_path / "c1"))
    (local_ray / "crash-1").write_text("")  # one worker dies mid-run: Ray restarts it
    on_ray = _on_crashing_ray(folder, _settings(tiny_marian, tmp_path / "c2", executor="ray"))
    assert not list(local_ray.iterdir())  # the worker did die
    assert render_json(on_ray) == render_json(local)  # byte-identical
    assert any(r.english.status == "translated" for r in on_ray.reports)
    assert not any(r.failure for r in on_ray.reports)
    assert _entries(tmp_path / "c2") == _entries(tmp_path / "c1")  # every result was kept


@pytest.mark.slow
def test_workers_that_keep_dying_cost_only_their_articles(tiny_marian, tmp_path, local_ray):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    for k in range(200):  # more deaths than Ray's restarts: the workers are gone for good
        (local_ray / f"crash-{k}").write_text("")
    try:
        briefing = _on_crashing_ray(folder, _settings(tiny_marian, tmp_path / "c", executor="ray"))
    finally:
        for token in local_ray.iterdir():
            token.unlink()
    assert len(briefing.reports) == 5  # the run went on, every article in it
    norwegian = next(r for r in briefing.reports if r.detection.lang == "no")
    assert norwegian.english.status == "untranslated"
    assert "came back untranslated from Ray" in norwegian.failure  # marked as failed
    data = json.loads(render_json(briefing))
    assert all(a["failure"] for a in data["articles"])  # each one's summary into Vietnamese
    assert briefing.failed  # exit 3 from the command line


def test_device_cuda_without_a_gpu_is_said_before_any_work(tmp_path):
    from click.testing import CliRunner

    from mtsum.cli import cli

    result = CliRunner().invoke(
        cli, ["brief", str(SEEDS), "--out", str(tmp_path / "o"), "--device", "cuda"]
    )
    assert result.exit_code == 2
    assert "--device cuda: no CUDA device is visible" in result.output
    assert not (tmp_path / "o").exists()


def test_auto_device_takes_a_gpu_when_one_is_seen(monkeypatch, tiny_marian):
    from mtsum import backends
    from mtsum.registry import ModelSpec

    spec = ModelSpec("translate", "no", "en", str(tiny_marian))
    cpu = backends.Backends("ct2", device="auto").describe(spec)
    monkeypatch.setattr(backends, "cuda_devices", lambda kind: 1)
    gpu = backends.Backends("ct2", device="auto").describe(spec)
    assert (cpu.device, cpu.label) == ("cpu", "CTranslate2 int8")
    # on a GPU the compute type differs, so the cache key does too
    assert (gpu.device, gpu.label) == ("cuda", "CTranslate2 int8_float16")
    forced = backends.Backends("torch", device="cpu").describe(spec)
    assert (forced.device, forced.label) == ("cpu", "transformers")
    on_gpu = backends.Backends("torch", device="auto").describe(spec)
    assert (on_gpu.device, on_gpu.label) == ("cuda", "transformers (cuda)")


def test_ray_missing_is_one_line(monkeypatch):
    import sys

    from mtsum.errors import UsageError
    from mtsum.executors import make_executor

    monkeypatch.setitem(sys.modules, "ray", None)  # as if not installed
    with pytest.raises(UsageError, match=r"pip install 'mtsum\[ray\]'"):
        make_executor(Settings(executor="ray"))


@pytest.mark.slow
def test_an_unreachable_ray_address_fails_within_the_bound_in_one_line(tmp_path):
    """Ray retries an address that does not answer for minutes; mtsum gives up after
    ``[run] ray_connect_timeout`` seconds, with one line and exit 2 (a usage error)."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    pytest.importorskip("ray")
    (tmp_path / "mtsum.toml").write_text("[run]\nray_connect_timeout = 2\n")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "mtsum", "brief", str(SEEDS), "--out", str(out)]
    done = subprocess.run(
        command + ["--executor", "ray", "--ray-address", "127.0.0.1:1"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "mtsum: error: --ray-address 127.0.0.1:1: no Ray cluster answered within 2 s "
        "([run] ray_connect_timeout)"
    ]
    assert not out.exists()


def _recorder():
    """The tests' stand-in model, tagging its output "[text]", with room for a sentence."""
    return Recorder(lambda text: f"[{text}]", max_input_tokens=512)
