"""mtsum.settings: every value of mtsum.toml checked, one line for each problem (exit 2)."""

import pytest
from click.testing import CliRunner

from mtsum.cli import cli
from mtsum.errors import ConfigError
from mtsum.settings import load_settings
from tests.conftest import SEEDS


def _brief(config, tmp_path):
    return CliRunner().invoke(
        cli,
        ["--config", str(config), "brief", str(SEEDS), "--out", str(tmp_path / "o")],
        catch_exceptions=False,
    )


@pytest.mark.parametrize(
    "toml, message",
    [
        ("[input]\nfollow_links = 1\n", "[input] follow_links: must be true or false"),
        ("[cache]\nenabled = 0\n", "[cache] enabled: must be true or false"),
        ("[runtime]\nbackend = 1\n", "[runtime] backend: must be one of 'auto'"),
        ("[cache]\ndir = 1\n", "[cache] dir: must be a text"),
        ("[run]\nray_address = 1\n", "[run] ray_address: must be a text"),
        ("[runtime]\nbackend = [1, 2]\n", "[runtime] backend: must be one of 'auto'"),
        ('[runtime]\nthreads = "4"\n', "[runtime] threads: must be an integer from 1"),
    ],
)
def test_a_value_of_the_wrong_type_is_one_line(tmp_path, toml, message):
    config = tmp_path / "mtsum.toml"
    config.write_text(toml)
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_settings(config)
    result = _brief(config, tmp_path)
    assert result.exit_code == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_config_that_is_not_utf8_is_one_line(tmp_path):
    config = tmp_path / "mtsum.toml"
    config.write_bytes(b"[brief]\nsentences = 3  # caf\xe9\n")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_settings(config)
    result = _brief(config, tmp_path)
    assert result.exit_code == 2 and str(config) in result.stderr and "not UTF-8" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_typo_in_a_models_key_is_named(tmp_path):
    config = tmp_path / "mtsum.toml"
    config.write_text('[models]\n"no_en" = "Helsinki-NLP/opus-mt-tc-big-gmq-en"\n')
    with pytest.raises(ConfigError, match=r"\[models\] no_en: .*did you mean 'no-en'"):
        load_settings(config)
    assert _brief(config, tmp_path).exit_code == 2


def test_models_keys_that_are_pairs_or_summarize_are_taken(tmp_path):
    config = tmp_path / "mtsum.toml"
    config.write_text(
        '[models]\n"no-en" = "org/a"\n"ZH-EN" = "org/b"\nsummarize = "org/c"\n"nb-vi" = "org/d"\n'
    )
    assert load_settings(config).models == {
        "no-en": "org/a",
        "ZH-EN": "org/b",
        "summarize": "org/c",
        "nb-vi": "org/d",
    }


def test_a_model_folder_that_does_not_exist_names_the_path_checked(tmp_path):
    config = tmp_path / "conf" / "mtsum.toml"
    config.parent.mkdir()
    config.write_text('[models]\n"no-en" = "./dir"\n')
    with pytest.raises(ConfigError) as info:
        load_settings(config)
    assert str(tmp_path / "conf" / "dir") in str(info.value)
    result = _brief(config, tmp_path)
    assert result.exit_code == 2 and str(tmp_path / "conf" / "dir") in result.stderr


def test_a_relative_model_folder_is_read_beside_its_config_not_as_a_hub_id(tmp_path, monkeypatch):
    conf = tmp_path / "conf"
    (conf / "models" / "opus").mkdir(parents=True)
    config = conf / "mtsum.toml"
    config.write_text('[models]\n"no-en" = "models/opus"\n"en-vi" = "Helsinki-NLP/opus-mt-en-vi"\n')
    monkeypatch.chdir(tmp_path)  # not the config's folder
    models = load_settings(config).models
    assert models["no-en"] == str((conf / "models" / "opus").resolve())
    assert models["en-vi"] == "Helsinki-NLP/opus-mt-en-vi"  # no such folder: a hub id
