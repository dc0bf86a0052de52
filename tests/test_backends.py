"""The CTranslate2 and transformers backends on offline-built tiny models: the same greedy
output, conversion into the cache and reuse, backend choice and fallback."""

import datetime as dt
import json
import logging

import pytest
from click.testing import CliRunner

from mtsum import backends as backends_module
from mtsum.backends import Backends, ct2, memory
from mtsum.brief import make_briefing
from mtsum.cache import Cache
from mtsum.cli import cli
from mtsum.errors import ConfigError, UsageError
from mtsum.registry import ModelSpec
from mtsum.render import write_briefing
from mtsum.sentences import split_sentences
from mtsum.settings import Settings, load_settings
from mtsum.translate import TRANSLATED, TranslationEngine
from tests.conftest import NORWEGIAN, SEEDS, load_summarizer, load_translator

MIN_MATCH = 0.9  # share of inputs whose greedy output must agree token for token


@pytest.fixture(scope="session")
def varied_marian(tmp_path_factory):
    """A tiny Marian whose output depends on its input (see build_marian's init_std)."""
    from tests.tiny_models import build_marian

    return build_marian(tmp_path_factory.mktemp("varied-marian"), init_std=0.3)


@pytest.fixture(scope="session")
def varied_bart(tmp_path_factory):
    from tests.tiny_models import build_bart

    return build_bart(tmp_path_factory.mktemp("varied-bart"), init_std=0.3)


def seed_sentences(limit=40):
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            out += [s for s in split_sentences(line, "en") if 3 < len(s.split()) < 40]
    return out[:limit]


def _agreement(a: list[str], b: list[str]) -> tuple[float, list[tuple[str, str]]]:
    differ = [(x, y) for x, y in zip(a, b) if x != y]
    return 1 - len(differ) / len(a), differ


@pytest.mark.parametrize("kind", ["translate", "summarize"])
def test_ct2_float32_greedy_matches_transformers(kind, varied_marian, varied_bart, tmp_path):
    texts = seed_sentences()
    # Random weights rarely say </s>; transformers then forces it as the last of
    # max_new_tokens, where CTranslate2 stops after its last real token: one more for torch.
    torch_options = dict(beam=1, generate_options={"max_new_tokens": 21})
    ct2_options = dict(
        beam=1,
        generate_options={"max_new_tokens": 20},
        cache_dir=tmp_path,
        backend="ct2",
        quantization="float32",
    )
    if kind == "translate":
        spec = ModelSpec("translate", "en", "vi", str(varied_marian), prefix=">>vie<<")
        torch_model = load_translator(spec, backend="torch", **torch_options)
        ct2_model = load_translator(spec, **ct2_options)
        run = [m.translate_batch for m in (torch_model, ct2_model)]
    else:
        spec = ModelSpec("summarize", "en", None, str(varied_bart), arch="bart")
        torch_model = load_summarizer(spec, backend="torch", **torch_options)
        ct2_model = load_summarizer(spec, **ct2_options)
        run = [
            lambda t, m=m, n=n: m.summarize_batch(t, min_tokens=0, max_tokens=n)
            for m, n in ((torch_model, 21), (ct2_model, 20))
        ]
    assert (torch_model.backend, ct2_model.backend) == ("torch", "ct2")
    reference, converted = (f(texts) for f in run)
    assert len(set(reference)) > len(texts) // 2  # the outputs really depend on the input
    agree, differ = _agreement(reference, converted)
    print(f"{kind}: {agree:.0%} of {len(texts)} identical; differing: {differ[:3]}")
    assert agree >= MIN_MATCH


def test_conversion_is_cached_by_model_revision_and_quantization(tiny_marian, tmp_path):
    spec = ModelSpec("translate", "en", "vi", str(tiny_marian), prefix=">>vie<<")
    first = load_translator(spec, backend="ct2", cache_dir=tmp_path)
    assert first.converted_now and (first.path / "model.bin").is_file()
    stamp = (first.path / "model.bin").stat().st_mtime_ns
    again = load_translator(spec, backend="ct2", cache_dir=tmp_path)
    assert not again.converted_now and again.path == first.path
    assert (again.path / "model.bin").stat().st_mtime_ns == stamp
    other = load_translator(spec, backend="ct2", quantization="float32", cache_dir=tmp_path)
    assert other.converted_now and other.path != first.path
    copies = ct2.converted_copies(tmp_path)
    assert sorted(c["quantization"] for c in copies) == ["float32", "int8"]
    assert {c["model"] for c in copies} == {str(tiny_marian)}
    # Same id, another revision: another copy.
    assert ct2.converted_dir(tmp_path, "org/m", "abc", "int8") != ct2.converted_dir(
        tmp_path, "org/m", "def", "int8"
    )


def test_a_changed_local_model_is_converted_again(tiny_marian, tmp_path):
    import shutil

    folder = tmp_path / "model"
    shutil.copytree(tiny_marian, folder)
    spec = ModelSpec("translate", "en", "vi", str(folder), prefix=">>vie<<")
    first = load_translator(spec, backend="ct2", cache_dir=tmp_path / "cache")
    config = json.loads((folder / "config.json").read_text())
    config["max_length"] = 100
    (folder / "config.json").write_text(json.dumps(config))
    second = load_translator(spec, backend="ct2", cache_dir=tmp_path / "cache")
    assert second.converted_now and second.path != first.path
    assert second.revision != first.revision


def test_models_list_shows_converted_copies(tiny_marian, tmp_path, monkeypatch):
    monkeypatch.setenv("MTSUM_CACHE_DIR", str(tmp_path))
    spec = ModelSpec("translate", "en", "vi", str(tiny_marian), prefix=">>vie<<")
    load_translator(spec, backend="ct2")
    result = CliRunner().invoke(cli, ["models", "list", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [(c["model"], c["quantization"]) for c in data["converted"]] == [
        (str(tiny_marian), "int8")
    ]
    text = CliRunner().invoke(cli, ["models", "list"]).stdout
    assert "CTranslate2" in text and "int8" in text and str(tiny_marian) in text


def test_backend_choice(tiny_marian, tmp_path):
    spec = ModelSpec("translate", "en", "vi", str(tiny_marian), prefix=">>vie<<")
    chosen = {
        name: type(load_translator(spec, backend=name, cache_dir=tmp_path)).__name__
        for name in ("auto", "ct2", "torch")
    }
    assert chosen == {
        "auto": "Ct2Translator",
        "ct2": "Ct2Translator",
        "torch": "TransformersTranslator",
    }
    assert Backends("auto").describe(spec).label == "CTranslate2 int8"
    assert Backends("torch").describe(spec).label == "transformers"
    with pytest.raises(ValueError):
        Backends("onnx")


def test_falls_back_to_transformers_when_ctranslate2_is_missing(
    tiny_marian, tmp_path, monkeypatch, caplog
):
    monkeypatch.setattr(ct2, "available", lambda: False)
    spec = ModelSpec("translate", "en", "vi", str(tiny_marian), prefix=">>vie<<")
    runtime = Backends("ct2", cache_dir=tmp_path)
    with caplog.at_level(logging.WARNING, logger="mtsum"):
        models = [runtime.translator(spec), runtime.translator(spec)]
    assert [m.backend for m in models] == ["torch", "torch"]
    said = [r.getMessage() for r in caplog.records if "not installed" in r.getMessage()]
    assert len(said) == 1 and runtime.notes == said  # said once, kept for the briefing
    assert not (tmp_path / "ct2").exists()


def test_falls_back_for_an_unsupported_model_type(tiny_marian, tmp_path, monkeypatch):
    monkeypatch.setattr(ct2, "SUPPORTED", frozenset({"bart"}))
    spec = ModelSpec("translate", "en", "vi", str(tiny_marian), prefix=">>vie<<")
    runtime = Backends("auto", cache_dir=tmp_path)
    assert runtime.translator(spec).backend == "torch"
    assert runtime.notes and "'marian'" in runtime.notes[0]


def test_runtime_settings_from_toml_and_options(tmp_path):
    (tmp_path / "mtsum.toml").write_text(
        '[runtime]\nbackend = "torch"\nquantization = "float32"\nthreads = 3\n'
    )
    settings = load_settings(tmp_path / "mtsum.toml")
    assert (settings.backend, settings.quantization, settings.threads) == ("torch", "float32", 3)
    assert load_settings(tmp_path / "mtsum.toml", backend="ct2").backend == "ct2"
    runtime = Backends.from_settings(settings)
    assert (runtime.backend, runtime.threads) == ("torch", 3)
    assert Backends.from_settings(Settings()).threads == backends_module.default_threads()
    (tmp_path / "bad.toml").write_text('[runtime]\nbackend = "onnx"\n')
    with pytest.raises(ConfigError, match="backend"):
        load_settings(tmp_path / "bad.toml")
    with pytest.raises(UsageError):
        Settings(threads=0)
    result = CliRunner().invoke(cli, ["brief", str(SEEDS), "--backend", "onnx"])
    assert result.exit_code == 2


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["ct2", "torch"])
def test_whole_brief_runs_on_either_backend(backend, seeds, tiny_marian, tmp_path):
    settings = Settings(
        date=dt.date(2024, 3, 1),
        beam=1,
        engine="extractive",
        backend=backend,
        models={"no-en": str(tiny_marian), "en-vi": str(tiny_marian)},
    )
    briefing = make_briefing([seeds], settings)
    norwegian = briefing.report(NORWEGIAN)
    label = "CTranslate2 int8" if backend == "ct2" else "transformers"
    assert norwegian.english.status == TRANSLATED and norwegian.english.backend == label
    english = next(r for r in briefing.reports if r.detection.lang == "en")
    assert english.summaries["vi"].status == TRANSLATED and english.summaries["vi"].backend == label
    written = write_briefing(briefing, tmp_path / "out")
    data = json.loads(next(p for p in written if p.suffix == ".json").read_text())
    assert label in next(p for p in written if p.suffix == ".html").read_text()
    assert any(a["translation"]["en"]["backend"] == label for a in data["articles"])


def test_a_rerun_served_from_the_cache_loads_no_model(seeds, tiny_marian, tmp_path):
    settings = Settings(
        date=dt.date(2024, 3, 1),
        beam=1,
        engine="extractive",
        models={"no-en": str(tiny_marian), "en-vi": str(tiny_marian)},
    )
    runs = []
    for _ in range(2):
        engine = TranslationEngine(settings, cache=Cache(tmp_path / "cache"))
        briefing = make_briefing([seeds], settings, engine=engine)
        runs.append((engine.loaded_models, engine.model_calls, briefing))
        engine.cache.close()
    (first_loaded, first_calls, first), (second_loaded, second_calls, second) = runs
    assert first_loaded and first_calls > 0
    assert second_loaded == [] and second_calls == 0
    assert second.report(NORWEGIAN).english == first.report(NORWEGIAN).english


@pytest.mark.parametrize("kind", ["marian", "bart"])
def test_converted_copy_tokenizes_as_transformers_does(kind, tiny_marian, tiny_bart, tmp_path):
    """The converted copy runs without transformers: its tokenizer must agree with it."""
    from transformers import AutoTokenizer

    folder, arch = (tiny_marian, "marian") if kind == "marian" else (tiny_bart, "bart")
    spec = ModelSpec(
        "translate",
        "en",
        "vi",
        str(folder),
        arch=arch,
        prefix=">>vie<<" if kind == "marian" else "",
    )
    model = load_translator(spec, backend="ct2", cache_dir=tmp_path)
    assert type(model.tokenizer).__name__ == (
        "_MarianTokens" if kind == "marian" else "_FastTokens"
    )
    reference = AutoTokenizer.from_pretrained(str(folder))
    texts = [
        line
        for path in sorted(SEEDS.glob("*.txt"))  # en, vi, no: every seed
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    texts += ["Ωμέγα 漢字 😀 — “quoted” 1 543,5 tỷ", "  spaced   out  "]
    texts = model._prefixed(texts)
    expected = [reference.convert_ids_to_tokens(ids) for ids in reference(texts)["input_ids"]]
    assert model.tokenizer.tokens(texts) == expected
    assert model.tokenizer.texts(expected) == reference.batch_decode(
        reference(texts)["input_ids"], skip_special_tokens=True
    )


def test_finds_a_model_in_the_hub_cache_by_its_layout(tiny_marian, monkeypatch, tmp_path):
    """models--org--name/refs/main -> snapshots/<commit>, as huggingface_hub lays it out."""
    import shutil

    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path))
    repo = tmp_path / "models--Helsinki-NLP--opus-mt-en-vi"
    shutil.copytree(tiny_marian, repo / "snapshots" / "abc123")
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("abc123")
    spec = ModelSpec("translate", "en", "vi", "Helsinki-NLP/opus-mt-en-vi", prefix=">>vie<<")
    info = Backends("torch").describe(spec)
    assert info.where == repo / "snapshots" / "abc123" and info.revision == "abc123"
    assert (
        backends_module.local_path(
            ModelSpec("translate", "en", "vi", "Helsinki-NLP/opus-mt-en-vi", revision="zzz")
        )
        is None
    )


@pytest.mark.parametrize("backend", ["ct2", "torch"])
def test_pairs_routed_to_one_folder_share_its_weights(backend, tiny_marian, tmp_path):
    runtime = Backends(backend, cache_dir=tmp_path)
    to_vi = runtime.translator(
        ModelSpec("translate", "en", "vi", str(tiny_marian), prefix=">>vie<<")
    )
    to_en = runtime.translator(ModelSpec("translate", "no", "en", str(tiny_marian)))
    assert to_vi.model is to_en.model  # loaded once
    assert to_vi.count_tokens(["Quang Ninh"])[0] == to_en.count_tokens(["Quang Ninh"])[0] + 1
    other = Backends(backend, cache_dir=tmp_path).translator(to_en.spec)
    assert other.model is not to_en.model  # per run, not per process


def test_a_failed_conversion_runs_on_transformers_under_auto(tiny_marian, tmp_path, monkeypatch):
    def broken(folder):
        raise KeyError("a layer the converter does not know")

    monkeypatch.setattr(ct2, "_converter", broken)
    spec = ModelSpec("translate", "en", "vi", str(tiny_marian), prefix=">>vie<<")
    with pytest.raises(ct2.ConversionFailed, match="conversion failed"):
        Backends("ct2", cache_dir=tmp_path).translator(spec)
    assert not list((tmp_path / "ct2").iterdir())  # no half-written copy left behind
    settings = Settings(beam=1, cache_dir=tmp_path, models={"en-vi": str(tiny_marian)})
    engine = TranslationEngine(settings, cache=Cache(tmp_path / "cache"))
    result = engine.translate(["Quang Ninh attracted investors."], "en", "vi")
    assert result.status == TRANSLATED and result.backend == "transformers"
    assert any("conversion failed" in note for note in engine.backends.notes)
    engine.cache.close()


@pytest.fixture(scope="module")
def long_marian(tmp_path_factory):
    """A tiny Marian that can decode thousands of tokens, converted for CTranslate2 once."""
    from tests.tiny_models import build_marian

    folder = build_marian(tmp_path_factory.mktemp("long-marian"), max_positions=3072)
    return folder, folder.parent / "ct2-cache"


def _long_decoding(long_marian, beam, tokens):
    """A CTranslate2 translator whose every output is forced to ``tokens`` tokens (seconds a
    batch), and sentences for it."""
    folder, cache = long_marian
    spec = ModelSpec("translate", "en", "vi", str(folder), prefix=">>vie<<")
    model = load_translator(
        spec,
        backend="ct2",
        cache_dir=cache,
        beam=beam,
        threads=1,
        generate_options={"min_new_tokens": tokens, "max_new_tokens": tokens},
    )
    return model, seed_sentences(16)


@pytest.mark.parametrize("beam, tokens", [(1, 3000), (2, 2500)])  # seconds a batch, either way
def test_ctrl_c_during_decoding_gives_up_the_batches_in_flight(long_marian, beam, tokens, request):
    """Ctrl-C is taken while a batch decodes, not when it is done: a translator whose
    batches are still decoding is left to the process's end (so the interpreter does not wait
    for it on the way out), greedy or beam search alike."""
    import _thread
    import signal
    import threading

    model, texts = _long_decoding(long_marian, beam, tokens)
    # Python's own handler, as in a terminal: interrupt_main does nothing where SIGINT is
    # ignored, as it is for a job started in the background by a non-interactive shell.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    request.addfinalizer(lambda: signal.signal(signal.SIGINT, previous))
    timer = threading.Timer(0.3, _thread.interrupt_main)
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        list(model.translate_batches([texts[:8], texts[8:]], max_tokens=[[64] * 8] * 2))
    timer.cancel()
    assert not model._outstanding
    assert model.model in ct2._ABANDONED


_HEAP_OR_MAPPING = """
import ctypes, json, sys
from mtsum.backends.memory import keep_freed_memory

class Info(ctypes.Structure):  # glibc's struct mallinfo2
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]

libc = ctypes.CDLL(None)
libc.mallinfo2.restype = Info
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
kept = keep_freed_memory() if sys.argv[1] == "keep" else None
mapped = libc.mallinfo2().hblks
block = libc.malloc(8 << 20)  # a batch's logits: 8 MiB
mapped_after = libc.mallinfo2().hblks
libc.free(block)
free_after = libc.mallinfo2().fordblks
print(json.dumps({"kept": kept, "own_mapping": mapped_after - mapped, "free": free_after}))
"""


@pytest.mark.skipif(
    not memory.glibc() or not hasattr(__import__("ctypes").CDLL(None), "mallinfo2"),
    reason="glibc's setting (elsewhere it does nothing), read with mallinfo2 (glibc 2.33 on)",
)
def test_freed_model_buffers_stay_with_the_allocator_for_the_next_step():
    """What bench/brief_throughput measured: under glibc's defaults an 8 MiB block gets a
    mapping of its own, unmapped when freed and faulted in again next time; with
    keep_freed_memory it comes from the heap and stays there, free, after it is freed."""
    import os
    import subprocess
    import sys

    env = {  # the allocator as glibc sets it by default, whatever this shell set
        k: v
        for k, v in os.environ.items()
        if k != memory.ENVIRONMENT and k != "GLIBC_TUNABLES" and not k.startswith("MALLOC_")
    }

    def run(mode):
        done = subprocess.run(
            [sys.executable, "-c", _HEAP_OR_MAPPING, mode],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        return json.loads(done.stdout)

    default, kept = run("default"), run("keep")
    assert default["own_mapping"] == 1  # the default: a mapping of its own
    assert kept["kept"] is True
    assert kept["own_mapping"] == 0  # from the heap
    assert kept["free"] >= 8 << 20  # and kept there once freed
    assert default["free"] < 8 << 20


def test_keep_freed_memory_can_be_turned_off_and_is_set_once(monkeypatch, request):
    calls = []
    memory.keep_freed_memory.cache_clear()
    request.addfinalizer(memory.keep_freed_memory.cache_clear)
    monkeypatch.setattr(memory, "_apply", lambda: calls.append(1) or True)
    assert memory.keep_freed_memory() and memory.keep_freed_memory()
    assert calls == [1]
    monkeypatch.undo()
    memory.keep_freed_memory.cache_clear()
    monkeypatch.setenv(memory.ENVIRONMENT, "0")
    assert memory.keep_freed_memory() is False
    memory.keep_freed_memory.cache_clear()
    monkeypatch.delenv(memory.ENVIRONMENT)
    monkeypatch.setenv("GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=65536")
    assert memory.keep_freed_memory() is False  # the operator's own setting stays


def test_a_cpu_model_is_loaded_with_the_allocator_set_to_keep_freed_memory(
    tiny_marian, tmp_path, monkeypatch
):
    calls = []
    monkeypatch.setattr(memory, "keep_freed_memory", lambda: calls.append(1) or True)
    spec = ModelSpec("translate", "en", "vi", str(tiny_marian))
    Backends("ct2", cache_dir=tmp_path, device="cpu").translator(spec)
    assert calls == [1]
