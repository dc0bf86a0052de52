"""Caches and models that repair themselves (mtsum.cache, converted model copies)."""

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtsum.cache import Cache, open_cache
from mtsum.cli import cli
from mtsum.settings import Settings
from tests.conftest import SEEDS

ARTICLE = (
    "Quang Ninh licensed five FDI projects worth US$120 million in January, the "
    "provincial investment agency said on Monday.\n"
)


def run(*args, **kw):
    return CliRunner().invoke(cli, [str(a) for a in args], **kw)


# --- 6. caches and models that repair themselves -----------------------------------------------


def test_a_corrupt_cache_is_moved_aside(tmp_path, caplog):
    (tmp_path / "cache.sqlite3").write_bytes(os.urandom(4096))
    cache = Cache(tmp_path)
    cache.put_many({"k": "v"})
    assert cache.get_many(["k"]) == {"k": "v"}
    assert any(p.name.startswith("cache.sqlite3.corrupt-") for p in tmp_path.iterdir())
    assert "moved aside" in caplog.text and str(tmp_path) in caplog.text


def test_a_cache_path_that_is_a_file_means_no_cache(tmp_path, caplog):
    (tmp_path / "file").write_text("x")
    cache = open_cache(Settings(cache_dir=tmp_path / "file"))
    assert cache.get_many(["k"]) == {} and "running without a cache" in caplog.text


def test_a_full_disk_turns_the_cache_read_only(tmp_path, caplog):
    cache = Cache(tmp_path)
    cache.put_many({"a": "1"})

    class Full:
        def __init__(self, db):
            self.db = db

        def execute(self, *args):
            return self.db.execute(*args)

        def executemany(self, *args):
            raise sqlite3.OperationalError("database or disk is full")

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    cache._db = Full(cache._db)
    cache.put_many({"b": "2"})
    cache.put_many({"c": "3"})
    assert cache.get_many(["a", "b"]) == {"a": "1"}
    assert caplog.text.count("cannot be written") == 1 and str(tmp_path) in caplog.text


def test_two_runs_share_one_cache(tmp_path):
    script = (
        "import sys; from pathlib import Path; from mtsum.cache import Cache\n"
        "c = Cache(Path(sys.argv[1]))\n"
        "for i in range(200): c.put_many({f'{sys.argv[2]}-{i}': 'x' * 100})\n"
        "print(len(c.get_many([f'{sys.argv[2]}-{i}' for i in range(200)])))"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(tmp_path), tag],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for tag in "ab"
    ]
    assert [p.communicate(timeout=60)[0].strip() for p in procs] == ["200", "200"]
    db = sqlite3.connect(tmp_path / "cache.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 400


@pytest.fixture
def broken_marian(tiny_marian, tmp_path):
    folder = tmp_path / "broken-marian"
    shutil.copytree(tiny_marian, folder)
    weights = folder / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:1000])  # truncated
    return folder


def test_a_corrupt_model_leaves_its_articles_untranslated_with_exit_3(
    seeds, broken_marian, tmp_path
):
    config = tmp_path / "mtsum.toml"
    config.write_text(f'[models]\n"no-en" = "{broken_marian}"\n')
    result = run(
        "--config", config, "brief", seeds, "--out", tmp_path / "o", "--date", "2025-12-01"
    )
    assert result.exit_code == 3, result.output
    lines = [x for x in result.stderr.splitlines() if "broken-marian is not available" in x]
    assert len(lines) == 1 and "cannot load it" in lines[0] and "fix:" in lines[0]
    assert "Traceback" not in result.stderr
    single = run(
        "translate", SEEDS / "004_0b46af3614b9e39e.txt", "--to", "en", "--model", broken_marian
    )
    assert single.exit_code == 5 and "Traceback" not in single.stderr


def test_a_damaged_converted_copy_is_converted_again(tiny_marian, tmp_path):
    from mtsum.registry import ModelSpec
    from tests.conftest import load_translator

    spec = ModelSpec("translate", "en", "vi", str(tiny_marian), prefix=">>vie<<")
    first = load_translator(spec, backend="ct2", cache_dir=tmp_path, beam=1)
    meta = first.path / "mtsum-conversion.json"
    for damage in (lambda: meta.write_text('{"model": "trunc'), meta.unlink):
        damage()
        again = load_translator(spec, backend="ct2", cache_dir=tmp_path, beam=1)
        assert again.converted_now and again.translate_batch(["Quang Ninh."])
    scratch = tmp_path / "ct2" / f".{first.path.name}.999999.tmp"
    scratch.mkdir()  # left by a killed conversion
    load_translator(spec, backend="ct2", cache_dir=tmp_path, beam=1)
    assert not scratch.exists()
