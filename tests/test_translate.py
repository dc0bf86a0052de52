"""The translation engine on offline-built tiny models and on a recording stand-in."""

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from mtsum.batching import make_batches
from mtsum.brief import make_briefing
from mtsum.cache import Cache
from mtsum.chunks import split_to_fit as split_long
from mtsum.cli import cli
from mtsum.errors import ModelUnavailable
from mtsum.registry import ModelSpec, Registry
from mtsum.settings import Settings, load_settings
from mtsum.translate import (
    SOURCE,
    TRANSLATED,
    UNTRANSLATED,
    TranslationEngine,
    translate_document,
)
from tests.conftest import NORWEGIAN, FakeModels, Recorder, load_translator


def engine_with(recorder, tmp_path=None, **settings):
    cache = Cache(tmp_path / "cache") if tmp_path else None
    return TranslationEngine(Settings(**settings), cache=cache, models=FakeModels(recorder))


# --- routing ---------------------------------------------------------------------------------


def test_routing_defaults():
    registry = Registry()
    assert registry.translation("en", "en") is None
    assert registry.translation("vi", "en").model == "Helsinki-NLP/opus-mt-vi-en"
    en_vi = registry.translation("en", "vi")
    assert en_vi.model == "Helsinki-NLP/opus-mt-en-vi" and en_vi.prefix == ">>vie<<"
    for code in ("no", "nb", "nn"):
        assert registry.translation(code, "en").model == "Helsinki-NLP/opus-mt-tc-big-gmq-en"
    fallback = registry.translation("pl", "en")
    assert fallback.model == "facebook/m2m100_418M" and fallback.source == "pl"
    assert registry.translation("zh-tw", "en").model == "Helsinki-NLP/opus-mt-zh-en"
    assert all(not s.opt_in and "NC" not in s.licence for s in registry.all_specs())


def test_override_from_config_file(tmp_path, tiny_marian):
    (tmp_path / "mtsum.toml").write_text(
        f'[models]\n"no-en" = "{tiny_marian}"\n[translate]\nbeam = 2\n'
    )
    settings = load_settings(tmp_path / "mtsum.toml")
    assert settings.beam == 2
    assert Registry(settings.models).translation("no", "en").model == str(tiny_marian)


def test_english_needs_no_model():
    recorder = Recorder()
    result = engine_with(recorder).translate(["Already English."], "en", "en")
    assert result.status == SOURCE and recorder.batches == []


# --- chunking, batching, paragraphs ------------------------------------------------------


def test_paragraphs_kept():
    recorder = Recorder()
    result = engine_with(recorder).translate(
        ["Første setning. Andre setning.", "Tredje avsnitt her."], "no", "en"
    )
    assert result.status == TRANSLATED
    assert [len(p) for p in result.paragraphs] == [2, 1]
    assert result.text == "EN[Første setning.] EN[Andre setning.]\n\nEN[Tredje avsnitt her.]"


def test_batches_sorted_by_length_under_budget():
    lengths = [5, 50, 7, 48, 6, 3]
    batches = make_batches(lengths, batch_size=3, batch_tokens=100)
    assert sorted(i for b in batches for i in b) == list(range(6))
    for batch in batches:
        assert len(batch) <= 3 and max(lengths[i] for i in batch) * len(batch) <= 100
    assert batches[0] == [5, 0, 4]  # the shortest together


def test_long_sentence_is_split_not_truncated():
    sentence = (
        "Quang Ninh attracted investors from Japan, Korea, China, Singapore and the US; "
        "the projects cover processing, manufacturing, logistics and energy, and " * 3
    )
    pieces = split_long(sentence.strip(), lambda t: len(t.split()) <= 12)
    assert all(len(p.split()) <= 12 for p in pieces)
    assert " ".join(pieces).split() == sentence.split()


def test_engine_reports_split_sentences():
    recorder = Recorder()
    engine = engine_with(recorder, max_input_tokens=10)
    long = " ".join(f"word{i}" for i in range(30)) + "."
    result = engine.translate([long], "no", "en")
    (sentence,) = result.sentences
    assert sentence.split and engine.split_sentences == 1
    assert all(len(t.split()) + 1 <= 10 for batch in recorder.batches for t in batch)
    assert sentence.text.count("EN[") == len([t for b in recorder.batches for t in b])


# --- cache ---------------------------------------------------------------------------------


def test_second_run_makes_no_model_calls(tmp_path):
    paragraphs = ["Første setning. Andre setning.", "Tredje avsnitt her."]
    first = engine_with(Recorder(), tmp_path)
    a = first.translate(paragraphs, "no", "en")
    first.cache.close()
    recorder = Recorder()
    second = engine_with(recorder, tmp_path)
    b = second.translate(paragraphs + ["Et nytt avsnitt."], "no", "en")
    assert first.model_calls == 3
    assert recorder.batches == [["Et nytt avsnitt."]]  # only the new sentence
    assert b.paragraphs[:2] == a.paragraphs


def test_cache_key_includes_generation_settings(tmp_path):
    engine_with(Recorder(), tmp_path, beam=4).translate(["Første setning."], "no", "en")
    recorder = Recorder()
    engine_with(recorder, tmp_path, beam=1).translate(["Første setning."], "no", "en")
    assert recorder.batches == [["Første setning."]]


# --- number check --------------------------------------------------------------------------


def _english(t):
    return t.replace("millioner", "million").replace("dollar", "dollars")


@pytest.mark.parametrize(
    "change, missing, unexpected",
    [
        (lambda t: _english(t).replace("1 543", "1,543"), (), ()),  # reformatted: fine
        (lambda t: _english(t).replace("1 543 million", "1.543 billion"), (), ()),  # rescaled
        (
            lambda t: _english(t).replace("1 543", "1,534"),
            ("1 543 millioner dollar",),
            ("1,534 million dollars",),
        ),  # changed
        (lambda t: _english(t).replace("1 543 ", ""), ("1 543 millioner dollar",), ()),  # dropped
        (
            lambda t: _english(t).replace("million", "billion"),
            ("1 543 millioner dollar",),
            ("1 543 billion dollars",),
        ),  # a thousand times too much
    ],
)
def test_number_check_marks_mismatches(change, missing, unexpected):
    engine = engine_with(Recorder(change))
    result = engine.translate(["Økningen var 1 543 millioner dollar i 2024."], "no", "en")
    assert result.sentences[0].missing_numbers == missing
    assert result.sentences[0].unexpected_numbers == unexpected


# --- real loading code on the tiny Marian --------------------------------------------------


def test_tiny_marian_through_from_pretrained(tiny_marian):
    spec = ModelSpec("translate", "en", "vi", str(tiny_marian), prefix=">>vie<<")
    translator = load_translator(spec, beam=2, backend="torch")
    calls = []
    generate = translator.model.generate

    def spy(**kwargs):
        calls.append(kwargs["input_ids"])
        return generate(**kwargs)

    translator.model.generate = spy
    out = translator.translate_batch(["Quang Ninh attracted investors.", "Short one."])
    assert len(out) == 2 and all(isinstance(t, str) for t in out)
    first_tokens = translator.tokenizer.convert_ids_to_tokens(calls[0][:, 0].tolist())
    assert first_tokens == [">>vie<<", ">>vie<<"]


def test_missing_model_is_immediate_and_names_the_fix(tmp_path):
    spec = Registry().translation("no", "en")
    with pytest.raises(ModelUnavailable) as info:
        load_translator(spec)
    assert info.value.fix == "mtsum models pull Helsinki-NLP/opus-mt-tc-big-gmq-en"
    with pytest.raises(ModelUnavailable, match="folder not found"):
        load_translator(ModelSpec("translate", "no", "en", str(tmp_path / "nothing")))


def test_brief_with_local_models(seeds, tiny_marian, tmp_path):
    settings = Settings(
        date=dt.date(2024, 3, 1),
        beam=1,
        engine="extractive",
        models={"no-en": str(tiny_marian), "en-vi": str(tiny_marian)},
    )
    briefing = make_briefing([seeds], settings)
    by_id = {r.article.id: r for r in briefing.reports}
    norwegian = by_id[NORWEGIAN]
    assert norwegian.english.status == TRANSLATED
    assert norwegian.english.model == str(tiny_marian)
    assert len(norwegian.english.paragraphs) == len(norwegian.article.paragraphs)
    english = by_id["000_146807e83baea55f"]
    assert english.english.status == SOURCE and english.english.model is None
    assert english.summaries["vi"].status == TRANSLATED
    assert all(item.texts["vi"].status == TRANSLATED for item in briefing.brief)
    assert not briefing.notices


def test_brief_missing_model_completes_and_says_so_once(seeds, tmp_path):
    result = CliRunner().invoke(cli, ["brief", str(seeds), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0
    lines = [line for line in result.stderr.splitlines() if "opus-mt-tc-big-gmq-en" in line]
    assert len(lines) == 1 and "mtsum models pull" in lines[0]
    data = json.loads((tmp_path / "o" / "briefing.json").read_text())
    statuses = {a["id"]: a["translation"]["en"]["status"] for a in data["articles"]}
    assert statuses[NORWEGIAN] == UNTRANSLATED


def test_translate_command_with_local_model(seeds, tiny_marian, tmp_path):
    out = tmp_path / "no.en.txt"
    result = CliRunner().invoke(
        cli,
        [
            "translate",
            str(seeds / f"{NORWEGIAN}.txt"),
            "--to",
            "en",
            "--model",
            str(tiny_marian),
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert len(out.read_text().strip().split("\n\n")) == 8  # the article's 8 paragraphs


def test_translate_command_missing_model_exit_5(seeds):
    result = CliRunner().invoke(cli, ["translate", str(seeds / f"{NORWEGIAN}.txt"), "--to", "en"])
    assert result.exit_code == 5
    assert "mtsum models pull Helsinki-NLP/opus-mt-tc-big-gmq-en" in result.stderr
    assert result.stdout == ""


def test_translate_to_vietnamese_pivots_through_english(tiny_marian):
    recorder = Recorder()
    engine = TranslationEngine(Settings(), models=FakeModels(recorder))
    result = translate_document(["Første setning her."], "vi", engine, source="no")
    assert result.status == TRANSLATED and result.source_lang == "en"
    assert result.text == "EN[EN[Første setning her.]]"


def test_models_list_with_no_models():
    result = CliRunner().invoke(cli, ["models", "list", "--json"])
    rows = json.loads(result.stdout)["models"]
    assert rows and not any(r["present"] for r in rows)
    assert all(r["present_text"].startswith("no: mtsum models pull ") for r in rows)
    assert {"vi-en", "en-vi", "no-en", "summarize"} <= {r["pair"] for r in rows}


def test_models_list_sees_a_local_folder(tiny_marian, tmp_path):
    (tmp_path / "mtsum.toml").write_text(f'[models]\n"no-en" = "{tiny_marian}"\n')
    result = CliRunner().invoke(
        cli, ["--config", str(tmp_path / "mtsum.toml"), "models", "list", "--json"]
    )
    row = next(r for r in json.loads(result.stdout)["models"] if r["pair"] == "no-en")
    assert row["present"] and row["origin"] == "local folder"


def test_models_pull_offline_is_a_clear_failure():
    result = CliRunner().invoke(cli, ["models", "pull", "no-en"])
    assert result.exit_code == 5 and "HF_HUB_OFFLINE" in result.stderr


def test_tiny_marian_chunking_and_cache(tiny_marian, tmp_path):
    """The real model path: a small input limit forces splitting; a re-run is all cache."""
    settings = Settings(beam=1, max_input_tokens=8, models={"no-en": str(tiny_marian)})
    paragraphs = [
        "Quang Ninh er nummer tre på landsbasis når det gjelder registrerte "
        "utenlandske investeringer, etter Bac Ninh og Ba Ria-Vung Tau.",
        "Kort.",
    ]
    first = TranslationEngine(settings, cache=Cache(tmp_path / "c"))
    a = first.translate(paragraphs, "no", "en")
    first.cache.close()
    assert a.status == TRANSLATED and first.split_sentences == 1 and a.sentences[0].split
    assert [len(p) for p in a.paragraphs] == [1, 1]
    second = TranslationEngine(settings, cache=Cache(tmp_path / "c"))
    b = second.translate(paragraphs, "no", "en")
    assert second.model_calls == 0 and b == a
