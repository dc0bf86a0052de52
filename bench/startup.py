"""Start-up: whole-process wall time of `mtsum --help` and of `mtsum brief seeds/` on the
embedded defaults (no model anywhere: extractive summaries, non-English text marked
untranslated), median of 5 runs each, with the installed `mtsum` command.

    python -m bench.startup [--runs 5] [--check]

Targets: `mtsum --help` <= 0.3 s; `mtsum brief seeds/` <= 0.7 s. Also reports whether --help
imported torch or transformers (it must not).
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
TARGETS = {"mtsum --help": 0.3, "mtsum brief seeds/": 0.7}


def mtsum_command() -> list[str]:
    found = shutil.which("mtsum", path=str(Path(sys.executable).parent)) or shutil.which("mtsum")
    return [found] if found else [sys.executable, "-m", "mtsum"]


def timed(command: list[str], env: dict, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
        )
        times.append(time.perf_counter() - start)
    return times


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
        commands = {
            "mtsum --help": mtsum + ["--help"],
            "mtsum brief seeds/": mtsum
            + ["-q", "brief", str(ROOT / "seeds"), "--out", f"{tmp}/out", "--date", "2026-11-22"],
        }
        results = {name: timed(cmd, env, args.runs) for name, cmd in commands.items()}
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
    print(f"{'command':<22}{'median s':>10}{'min s':>8}{'max s':>8}{'target s':>10}")
    for name, times in results.items():
        median = statistics.median(times)
        missed |= median > TARGETS[name]
        print(
            f"{name:<22}{median:>10.2f}{min(times):>8.2f}{max(times):>8.2f}{TARGETS[name]:>10.1f}"
        )
    print(f"\nheavy modules imported by `mtsum --help`: {heavy}")
    return 1 if args.check and (missed or heavy != "[]") else 0


if __name__ == "__main__":
    sys.exit(main())
