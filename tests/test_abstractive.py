"""The abstractive path on a tiny random-weight BART built offline (its output is noise: these
tests check chunking, the number guard, engine choice and fallback, never quality)."""

import json

import pytest
from click.testing import CliRunner

from mtsum.cli import cli
from mtsum.errors import ModelUnavailable
from mtsum.ingest import read_article
from mtsum.numbers import foreign_numbers
from mtsum.registry import ModelSpec
from mtsum.sentences import split_sentences
from mtsum.settings import Settings
from mtsum.summarize import SummaryEngine, abstractive_summary, chunk_sentences, guard_numbers
from tests.conftest import SEEDS, load_summarizer

ARTICLE = "001_5512d0028820d064.txt"


def _sentences(name=ARTICLE):
    article = read_article(SEEDS / name)
    return [s for p in article.paragraphs for s in split_sentences(p, "en")]


def _model(folder, **options):
    spec = ModelSpec("summarize", "en", None, str(folder), arch="bart")
    return load_summarizer(spec, beam=1, **options)


@pytest.mark.parametrize(
    "backend, runtime", [("torch", "BartForConditionalGeneration"), ("ct2", "Translator")]
)
def test_tiny_bart_loads_through_from_pretrained(tiny_bart, backend, runtime):
    model = _model(tiny_bart, backend=backend)
    assert model.backend == backend and type(model.model).__name__ == runtime
    assert model.max_input_tokens == 1024
    out = model.summarize_batch(
        ["Quang Ninh attracted 3.1 billion USD."], min_tokens=5, max_tokens=8
    )
    assert len(out) == 1 and out[0]  # min length forces some tokens out of random weights


def test_chunks_respect_the_limit_and_keep_every_sentence(tiny_bart):
    model = _model(tiny_bart)
    sentences = _sentences()
    chunks = chunk_sentences(sentences, model.count_tokens, 64)
    assert len(chunks) > 3
    assert all(model.count_tokens([" ".join(c)])[0] <= 64 for c in chunks)
    joined = " ".join(" ".join(c) for c in chunks).split()
    assert joined == " ".join(sentences).split()  # nothing dropped, nothing reordered


def test_long_input_is_map_reduced_not_truncated(tiny_bart):
    model = _model(tiny_bart)
    model.max_input_tokens = 64
    summary = abstractive_summary(_sentences(), model, n=3)
    assert summary.engine == "abstractive" and summary.model == str(tiny_bart)
    assert summary.chunks > 3 and summary.rounds >= 2
    short = abstractive_summary(_sentences()[:2], _model(tiny_bart), n=3)
    assert (short.chunks, short.rounds) == (1, 1)


def test_guard_replaces_a_sentence_with_a_foreign_number():
    source = _sentences()
    generated = [
        "Quang Ninh lured projects worth US$478 million in January.",
        "Foreign investment reached $9.7 billion last year.",
    ]
    kept, replacements = guard_numbers(generated, source, "en")
    assert kept[0] == generated[0]  # 478 million is in the source
    (r,) = replacements
    assert r.generated == generated[1] and r.numbers == ("$9.7 billion",)
    assert r.replaced_by in source and kept[1] == r.replaced_by
    assert "billion" in r.replaced_by  # the closest source sentence is about the same thing


def test_number_guard_on_real_generation(tiny_bart):
    """Force the tiny model to write a sentence with a number the article lacks."""
    forced = "Investment reached 2099 billion USD."
    model = _model(tiny_bart, backend="torch")  # steers generate()
    ids = model.tokenizer(forced, add_special_tokens=False)["input_ids"]
    target = [0] + ids + [2]  # <s> ... </s>

    def allowed(batch_id, prefix):
        step = len(prefix) - 1  # after the decoder start token
        return [target[step]] if step < len(target) else [2]

    model._generate_kwargs["prefix_allowed_tokens_fn"] = allowed
    summary = abstractive_summary(_sentences(), model, n=3)
    assert summary.replacements and summary.replacements[0].generated == forced
    assert summary.replacements[0].numbers == ("2099 billion USD",)
    for sentence in summary.sentences:  # whatever is shown carries only the source's numbers
        assert foreign_numbers(sentence, _sentences()) == []


def test_guard_catches_a_scale_swap():
    """US$478 billion for a source's US$478 million: a thousand times too much."""
    source = _sentences()
    kept, (r,) = guard_numbers(["The province lured US$478 billion in January."], source)
    assert r.numbers == ("US$478 billion",) and kept != [
        "The province lured US$478 billion in January."
    ]


def test_engine_choice_and_fallback(tiny_bart, tmp_path):
    sentences = _sentences()
    engine = SummaryEngine(Settings(engine="auto", models={"summarize": str(tiny_bart)}, beam=1))
    assert engine.summarize(sentences, "en").engine == "abstractive"
    assert engine.summarize(sentences, "no").engine == "extractive"  # English-only model
    assert engine.summarize(sentences, "en", engine="extractive").engine == "extractive"

    missing = SummaryEngine(Settings(models={"summarize": str(tmp_path / "none")}))
    auto = missing.summarize(sentences, "en", engine="auto")
    assert auto.engine == "extractive" and auto.note is None
    asked = missing.summarize(sentences, "en", engine="abstractive")
    assert asked.engine == "extractive" and "unavailable" in asked.note
    with pytest.raises(ModelUnavailable):
        missing.summarize(sentences, "en", engine="abstractive", strict=True)


def test_brief_uses_abstractive_model_and_says_so(seeds, tiny_bart, tmp_path):
    out = tmp_path / "out"
    (tmp_path / "mtsum.toml").write_text(
        f'[models]\nsummarize = "{tiny_bart}"\n[translate]\nbeam = 1\n'
    )
    result = CliRunner().invoke(
        cli,
        [
            "--config",
            str(tmp_path / "mtsum.toml"),
            "brief",
            str(seeds),
            "--out",
            str(out),
            "--date",
            "2024-03-01",
            "--engine",
            "auto",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads((out / "briefing.json").read_text())
    engines = {a["id"]: a["summaries"]["en"]["engine"] for a in data["articles"]}
    assert engines["001_5512d0028820d064"] == "abstractive"
    assert engines["004_0b46af3614b9e39e"] == "extractive"  # untranslated Norwegian
    assert "abstractive" in data["engine"]
    html = (out / "briefing.html").read_text()
    assert "written by a model" in html and tiny_bart.name in html
    assert str(tiny_bart) not in html  # a local model is named by its folder, never its path


def test_summarize_command(tiny_bart, tmp_path):
    runner = CliRunner()
    path = str(SEEDS / ARTICLE)
    result = runner.invoke(cli, ["summarize", path, "--engine", "extractive", "--sentences", "2"])
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 2 and all(line in _sentences() for line in lines)

    result = runner.invoke(
        cli, ["summarize", path, "--engine", "extractive", "--words", "30", "--json"]
    )
    data = json.loads(result.output)
    assert sum(len(s.replace(" …", "").split()) for s in data["sentences"]) <= 30

    result = runner.invoke(
        cli, ["summarize", "-", "--engine", "extractive"], input=(SEEDS / ARTICLE).read_text()
    )
    assert result.exit_code == 0 and result.output.strip()

    result = runner.invoke(
        cli, ["summarize", path, "--engine", "abstractive", "--model", str(tmp_path / "none")]
    )
    assert result.exit_code == 5 and "not available" in result.output

    result = runner.invoke(
        cli, ["summarize", path, "--engine", "abstractive", "--model", str(tiny_bart), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["engine"] == "abstractive"

    several = runner.invoke(
        cli,
        [
            "summarize",
            str(SEEDS / "000_146807e83baea55f.txt"),
            path,
            "--engine",
            "extractive",
            "--sentences",
            "3",
        ],
    )
    picked = several.output.strip().splitlines()
    assert len(picked) == 3
    assert set(picked) <= set(_sentences("000_146807e83baea55f.txt")) | set(_sentences())
