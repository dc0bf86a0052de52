import io
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from mtsum import __version__
from mtsum.cli import cli
from tests.conftest import NORWEGIAN


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)), catch_exceptions=False)


def test_brief_seeds_end_to_end(seeds, tmp_path):
    out = tmp_path / "out"
    result = run("brief", seeds, "--out", out, "--date", "2024-03-01")
    assert result.exit_code == 0, result.output
    html = (out / "briefing.html").read_text()
    data = json.loads((out / "briefing.json").read_text())
    assert len(data["articles"]) == 5
    langs = {a["id"]: a["language"]["code"] for a in data["articles"]}
    assert langs.pop(NORWEGIAN) == "no" and set(langs.values()) == {"en"}
    assert 'id="part-en"' in html and 'id="part-vi"' in html
    assert "Not translated: shown in Norwegian" in html
    assert "Chưa dịch: giữ nguyên tiếng Na Uy" in html
    assert "Ngày lập: 01/03/2024" in html and "Prepared: 1 March 2024" in html  # pinned date
    assert "mtsum models pull Helsinki-NLP/opus-mt-tc-big-gmq-en" in result.stderr


def test_brief_is_deterministic(seeds, tmp_path):
    for name in ("a", "b"):
        assert (
            run("-q", "brief", seeds, "--out", tmp_path / name, "--date", "2024-03-01").exit_code
            == 0
        )
    for f in ("briefing.html", "briefing.json"):
        assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes()


def test_bad_files_are_named_and_the_rest_is_briefed(seeds, tmp_path):
    (seeds / "zz_empty.txt").write_text("")
    (seeds / "zz_binary.txt").write_bytes(b"\x00\xff" * 50)
    (seeds / "zz_latin1.txt").write_bytes("Bodø og Kvinesdal".encode("latin-1"))
    out = tmp_path / "out"
    result = run("brief", seeds, "--out", out)
    assert result.exit_code == 3
    for name, reason in [
        ("zz_empty.txt", "empty file"),
        ("zz_binary.txt", "binary"),
        ("zz_latin1.txt", "not UTF-8"),
    ]:
        lines = [line for line in result.stderr.splitlines() if name in line]
        assert len(lines) == 1 and reason in lines[0]
    data = json.loads((out / "briefing.json").read_text())
    assert len(data["articles"]) == 5 and len(data["skipped"]) == 3


def test_all_bad_is_exit_4_and_writes_nothing(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("")
    result = run("brief", tmp_path / "in", "--out", tmp_path / "out")
    assert result.exit_code == 4
    assert not (tmp_path / "out").exists()


def test_usage_errors_are_one_line_not_a_traceback(tmp_path):
    (tmp_path / "empty").mkdir()
    for target, message in [
        (tmp_path / "nope", "no such file or folder"),
        (
            tmp_path / "empty",
            "folder has no articles (.txt, .md, .html, .htm, .mhtml, .mht, .pdf, .docx files)",
        ),
    ]:
        result = run("brief", target)
        assert result.exit_code == 2
        assert message in result.stderr and "Traceback" not in result.stderr


def test_detect(seeds):
    result = run("detect", seeds / f"{NORWEGIAN}.txt", "--json")
    assert result.exit_code == 0
    (row,) = json.loads(result.stdout)
    assert row["lang"] == "no" and row["confidence"] > 0.9
    text = run("detect", seeds).stdout.splitlines()
    assert len(text) == 5 and all("\ten\t" in line for line in text if NORWEGIAN not in line)


def test_version_and_help():
    assert run("--version").stdout.strip() == f"mtsum, version {__version__}"
    assert "brief" in run("--help").stdout


def test_help_imports_no_torch_or_transformers():
    code = (
        "import sys; from mtsum.cli import cli\n"
        "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('torch', 'transformers', 'numpy') if m in sys.modules]\n"
        "print('HEAVY:' + ','.join(heavy))"
    )
    out = (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        .stdout.strip()
        .splitlines()[-1]
    )
    assert out == "HEAVY:"


def test_unknown_language_is_named_and_briefed(seeds, tmp_path):
    (seeds / "zz_short.txt").write_text("FDI 2024: 1,5 tỷ\n")
    result = run("brief", seeds, "--out", tmp_path / "o")
    assert result.exit_code == 0
    lines = [line for line in result.stderr.splitlines() if "zz_short.txt" in line]
    assert len(lines) == 1 and "language unknown (too short to tell" in lines[0]
    data = json.loads((tmp_path / "o" / "briefing.json").read_text())
    short = next(a for a in data["articles"] if a["id"] == "zz_short")
    assert short["language"]["code"] is None
    assert short["translation"]["en"]["status"] == "untranslated"


# --- issue 23: the last tracebacks, stdin held to the limit ------------------------------------


def _read_only(monkeypatch):
    """--out on a read-only mount: making a file there fails with EROFS, and so does removing
    one (even one never made)."""
    import builtins
    import errno
    import pathlib

    real_open, real_unlink = builtins.open, pathlib.Path.unlink

    def erofs(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    def open_(file, mode="r", *args, **kwargs):
        if "mtsum-probe" in str(file):
            erofs()
        return real_open(file, mode, *args, **kwargs)

    def unlink(self, missing_ok=False):
        if "mtsum-probe" in self.name:
            erofs()
        return real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr("mtsum.output.open", open_, raising=False)
    monkeypatch.setattr("pathlib.Path.unlink", unlink)


def test_out_on_a_read_only_mount_is_one_line(seeds, tmp_path, monkeypatch):
    (tmp_path / "ro").mkdir()
    _read_only(monkeypatch)
    result = run("brief", seeds, "--out", tmp_path / "ro")
    assert result.exit_code == 2
    assert "--out" in result.stderr and "Read-only file system" in result.stderr
    result = run("translate", seeds / f"{NORWEGIAN}.txt", "--to", "en", "-o", tmp_path / "ro" / "a")
    assert result.exit_code == 2
    assert "-o" in result.stderr and "Read-only file system" in result.stderr


def test_a_template_that_fails_at_run_time_is_exit_2_with_its_name_and_line(seeds, tmp_path):
    out = tmp_path / "out"
    assert run("-q", "brief", seeds, "--out", out, "--date", "2024-03-01").exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    mine = tmp_path / "templates"
    mine.mkdir()
    (mine / "briefing.html").write_text("<p>\n{% set n = parts | length %}{{ 1 // (n - n) }}\n")
    result = run("brief", seeds, "--out", out, "--templates", mine)
    assert result.exit_code == 2
    (line,) = [x for x in result.stderr.splitlines() if "briefing.html" in x]
    assert "line 2" in line and "ZeroDivisionError" in line
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # nothing replaced


class _Endless(io.BufferedIOBase):
    """A stdin that never ends (`yes | mtsum translate -`): it may be read in pieces only."""

    def __init__(self):
        self.given = 0

    def readable(self):
        return True

    def read(self, n=-1):
        if n is None or n < 0:
            raise AssertionError("stdin read whole")
        self.given += n
        return (b"Ord " * (n // 4 + 1))[:n]

    read1 = read


@pytest.mark.parametrize("command", [["translate", "-", "--to", "en"], ["summarize", "-"]])
def test_stdin_is_held_to_the_size_limit(tmp_path, command):
    (tmp_path / "mtsum.toml").write_text("[input]\nmax_bytes = 10000\n")
    stdin = _Endless()
    result = CliRunner().invoke(
        cli,
        ["--config", str(tmp_path / "mtsum.toml"), *command],
        input=stdin,
        catch_exceptions=False,
    )
    assert result.exit_code == 4
    assert "<stdin>: larger than 10,000 bytes" in result.stderr
    assert stdin.given <= 2 * 10000 + (1 << 20)


EVIL = "evil\nmtsum: all 7 articles briefed\x1b]0;pwned\x07\u202e.txt"


def test_control_characters_in_names_are_escaped_on_stderr_and_in_notices(seeds, tmp_path):
    (seeds / EVIL).write_text("")  # skipped: named on stderr
    (seeds / ("short" + EVIL)).write_text("FDI 2024: 1,5 tỷ\n")  # a notice: language unknown
    out = tmp_path / "out"
    result = run("brief", seeds, "--out", out)
    assert result.exit_code == 3
    assert all(line.startswith("mtsum: ") for line in result.stderr.splitlines())
    assert not any(line.startswith("mtsum: all 7") for line in result.stderr.splitlines())
    for bad in ("\x1b", "\x07", "\u202e"):
        assert bad not in result.stderr
    assert "evil\\nmtsum: all 7 articles briefed\\x1b]0;pwned\\x07\\u202e.txt" in result.stderr
    notices = json.loads((out / "briefing.json").read_text())["notices"]
    (unknown,) = [n for n in notices if n["kind"] == "language_unknown"]
    assert "\x1b" not in unknown["text"] and "\\x1b]0;pwned" in unknown["text"]
    assert "\x1b" not in unknown["path"]
    html = (out / "briefing.html").read_text()
    assert "evil\\nmtsum: all 7 articles briefed\\x1b]0;pwned" in html  # notice, skipped list
    rows = run("detect", seeds / ("short" + EVIL)).stdout
    assert "\x1b" not in rows and len(rows.strip().splitlines()) == 1


@pytest.mark.parametrize("command", [["translate", "--to", "en"], ["summarize"]])
def test_a_model_folder_that_is_not_there_names_the_path_checked(seeds, tmp_path, command):
    result = run(*command, seeds / f"{NORWEGIAN}.txt", "--model", "./nope")
    assert result.exit_code == 5
    assert f"model nope is not available: no folder {os.getcwd()}/nope" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
