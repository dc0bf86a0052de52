"""Start-up: whole-process wall time of `mtsum --help` and of `mtsum brief seeds/` on the
embedded defaults (no model anywhere: extractive summaries, non-English text marked
untranslated), median of 5 runs each: `--help` with the installed `mtsum` command, the
briefs with a copy of this checkout's package (``python -m mtsum``).

    python -m bench.startup [--runs 5] [--check]

Each brief variant's runs share a new, empty mtsum cache folder: its first run starts cold
(no compiled templates kept) and is also printed on its own; the others find what it kept.
A brief is timed twice: with Python's bytecode kept, as an installed package has it (pip
compiles a wheel's modules when it installs them; a checkout writes its ``__pycache__`` on
its first run), and without (``PYTHONDONTWRITEBYTECODE``, which the development machines
set: mtsum's modules are then compiled from source on every run).

Targets: `mtsum --help` <= 0.3 s; `mtsum brief seeds/` <= 0.7 s (bytecode kept, as
installed). Also reports whether --help imported torch or transformers (it must not).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NO_BYTECODE = "  without bytecode"
TARGETS = {"mtsum --help": 0.3, "mtsum brief seeds/": 0.7, NO_BYTECODE: 0.7}
CHECKED = ("mtsum --help", "mtsum brief seeds/")  # --check: as installed


def mtsum_command() -> list[str]:
    found = shutil.which("mtsum", path=str(Path(sys.executable).parent)) or shutil.which("mtsum")
    return [found] if found else [sys.executable, "-m", "mtsum"]


def timed(command: list[str], env: dict, runs: int, cwd: str | None = None) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            command,
            env=env,
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        times.append(time.perf_counter() - start)
    return times


def package_copy(folder: Path) -> Path:
    """This checkout's mtsum and templates copied into ``folder`` without any bytecode: a
    brief of it then starts as a new install does (or, without bytecode, as every run does)."""
    shutil.copytree(ROOT / "mtsum", folder / "mtsum", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "templates", folder / "templates")
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args()
    mtsum = mtsum_command()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "HF_HOME": f"{tmp}/hf",
            "MTSUM_CACHE_DIR": f"{tmp}/cache",
            "HF_HUB_OFFLINE": "1",
        }  # no model anywhere: the embedded defaults
        brief = ["-q", "brief", str(ROOT / "seeds"), "--out", f"{tmp}/out", "--date", "2026-11-22"]
        kept = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
        this = [sys.executable, "-m", "mtsum"]  # run from tmp: the copy's mtsum, not the cwd's
        results = {
            "mtsum --help": timed(mtsum + ["--help"], env, args.runs),
            "mtsum brief seeds/": timed(
                this + brief,
                {
                    **kept,
                    "PYTHONPATH": str(package_copy(Path(tmp, "kept"))),
                    "MTSUM_CACHE_DIR": f"{tmp}/cache-kept",
                },
                args.runs,
                cwd=tmp,
            ),
            NO_BYTECODE: timed(
                this + brief,
                {
                    **env,
                    "PYTHONDONTWRITEBYTECODE": "1",
                    "PYTHONPATH": str(package_copy(Path(tmp, "none"))),
                    "MTSUM_CACHE_DIR": f"{tmp}/cache-none",
                },
                args.runs,
                cwd=tmp,
            ),
        }
        probe = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from mtsum.cli import cli\n"
                "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
                "print(sorted(m for m in ('torch', 'transformers', 'ctranslate2', 'numpy') "
                "if m in sys.modules), file=sys.stderr)",
            ],
            env=env,
            capture_output=True,
            text=True,
        )
    heavy = probe.stderr.strip().splitlines()[-1] if probe.stderr.strip() else "?"
    missed = False
    print(f"{'command':<22}{'median s':>10}{'min s':>8}{'max s':>8}{'first s':>9}{'target s':>10}")
    for name, times in results.items():
        median = statistics.median(times)
        missed |= name in CHECKED and median > TARGETS[name]
        print(
            f"{name:<22}{median:>10.2f}{min(times):>8.2f}{max(times):>8.2f}{times[0]:>9.2f}"
            f"{TARGETS[name]:>10.1f}"
        )
    print(f"\nheavy modules imported by `mtsum --help`: {heavy}")
    return 1 if args.check and (missed or heavy != "[]") else 0


if __name__ == "__main__":
    sys.exit(main())
