"""mtsum.output: one briefing per output folder at a time, journals named per run."""

import fcntl
import json
import os
import subprocess
import sys
import threading

import pytest
from click.testing import CliRunner

from mtsum.cli import cli
from mtsum.output import LOCK, pending_journals, recover, write_together
from tests.conftest import ROOT, SEEDS

# Each run waits (at most 2 s) for the other just before it puts its journal in place (both
# have then finished their checks and recovery), and again once it has renamed its
# briefing.html; the first of the two to rename its HTML then waits a little before its
# briefing.json. Without a lock this orders the renames html A, html B, json B, json A: the
# folder ends with B's HTML beside A's JSON, and both runs exit 0.
_RACER = r"""
import os, pathlib, sys, time
marks, me, other = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
real = os.replace
def meet(step):
    first = not (marks / f"{step}-{other}").exists()
    (marks / f"{step}-{me}").touch()
    deadline = time.monotonic() + 2
    while not (marks / f"{step}-{other}").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    return first
def replace(src, dst):
    if "mtsum-pending" in str(dst):
        meet("journal")
    real(src, dst)
    if str(dst).endswith("briefing.html") and meet("html"):
        time.sleep(0.5)
os.replace = replace
from mtsum.cli import cli
cli.main(sys.argv[4:], prog_name="mtsum")
"""


def _racer(tmp_path, me, other, *args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", _RACER, str(tmp_path), me, other, *map(str, args)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_two_runs_at_once_leave_a_pair_from_one_run(tmp_path):
    out = tmp_path / "out"
    runs = [
        _racer(tmp_path, "a", "b", "-q", "brief", SEEDS, "--out", out, "--date", "2024-03-01"),
        _racer(tmp_path, "b", "a", "-q", "brief", SEEDS, "--out", out, "--date", "2024-04-01"),
    ]
    for run in runs:
        run.communicate(timeout=120)
        assert run.returncode == 0
    data = json.loads((out / "briefing.json").read_text())
    html = (out / "briefing.html").read_text()
    prepared = {"2024-03-01": "Prepared: 1 March 2024", "2024-04-01": "Prepared: 1 April 2024"}
    assert prepared[data["generated"]] in html  # the HTML is the JSON's run's
    assert not pending_journals(out) and not (out / LOCK).exists()


def _hold(folder, pid="4242"):
    """The lock as another process holds it (another open file: flock sees two owners)."""
    folder.mkdir(parents=True, exist_ok=True)
    fh = open(folder / LOCK, "a+")
    fcntl.flock(fh, fcntl.LOCK_EX)
    fh.write(pid)
    fh.flush()
    return fh


def test_a_second_run_waits_its_bound_then_exits_2_with_one_line(tmp_path, monkeypatch):
    out = tmp_path / "out"
    held = _hold(out)
    monkeypatch.setattr("mtsum.brief.make_briefing", lambda *a, **k: pytest.fail("worked"))
    (tmp_path / "mtsum.toml").write_text("[run]\nlock_wait = 0\n")
    result = CliRunner().invoke(
        cli, ["--config", str(tmp_path / "mtsum.toml"), "brief", str(SEEDS), "--out", str(out)]
    )
    held.close()
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "another mtsum run (pid 4242) is writing" in lines[0]
    assert str(out) in lines[0] and "lock_wait" in lines[0]


def test_a_second_writer_waits_for_the_first(tmp_path):
    out = tmp_path / "out"
    held = _hold(out)
    done = []
    writer = threading.Thread(target=lambda: done.append(write_together(out, {"a.txt": "b"})))
    writer.start()
    writer.join(0.5)
    assert not done and not (out / "a.txt").exists()  # waiting, not writing
    held.close()
    writer.join(30)
    assert done and (out / "a.txt").read_text() == "b"
    assert sorted(p.name for p in out.iterdir()) == ["a.txt"]  # the lock file is gone too


def test_a_failed_run_leaves_no_folder_and_no_lock(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("")
    result = CliRunner().invoke(
        cli, ["brief", str(tmp_path / "in"), "--out", str(tmp_path / "o" / "out")]
    )
    assert result.exit_code == 4
    assert not (tmp_path / "o").exists()


def test_journals_are_named_per_run_and_a_live_runs_journal_is_left_alone(tmp_path):
    write_together(tmp_path, {"a.html": "old"})
    (tmp_path / ".a.html.1-0badf00d.tmp").write_text("new")  # pid 1 is alive: a running writer
    live = tmp_path / ".mtsum-pending.1-0badf00d.json"
    live.write_text(json.dumps({"files": [[".a.html.1-0badf00d.tmp", "a.html"]]}))
    dead = tmp_path / ".mtsum-pending.999999-0badf00d.json"
    (tmp_path / ".a.json.999999-0badf00d.tmp").write_text("done")
    dead.write_text(json.dumps({"files": [[".a.json.999999-0badf00d.tmp", "a.json"]]}))
    recover(tmp_path)
    assert (tmp_path / "a.html").read_text() == "old" and live.exists()
    assert (tmp_path / "a.json").read_text() == "done" and not dead.exists()
    assert pending_journals(tmp_path) == [live]
