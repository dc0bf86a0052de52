"""Killed mid-run: a brief that translates, stopped with SIGKILL at several points.

A folder of Vietnamese news (VietNews, ``../shared/eval``; 60 articles) is briefed once with
a tiny offline-built Marian (vi-en, en-vi; transformers, so it takes a few seconds) into
``out/`` with a cache; then 30 articles are added and the brief is run again and killed with
SIGKILL at 10%...95% of that run's time (each kill from a copy of the first run's cache and
output). After each kill it checks, and prints:

- the output folder holds a whole briefing pair: the previous run's HTML and JSON, or the new
  run's (never one of each), byte for byte;
- ``PRAGMA integrity_check`` of the cache is ok, and how many entries the killed run committed;
- a re-run completes the brief, reuses every committed entry (it prints how many sentences it
  sent to the model and how many the cache held), leaves no temporary file, and writes what
  an uninterrupted run writes.

    python -m bench.interrupt [--check]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench._common import eval_file, read_jsonl, table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIRST, ADDED = 60, 30
KILL_AT = [0.1, 0.3, 0.5, 0.7, 0.9, 0.95]


def write_articles(folder: Path, rows: list[dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for k, row in enumerate(rows):
        (folder / f"vn-{k:03d}.md").write_text(
            f"---\ntitle: {row['id']}\ndate: 2025-11-{1 + k % 28:02d}\n---\n\n{row['text']}\n",
            encoding="utf-8",
        )


def entries(cache: Path) -> tuple[int, str]:
    db = sqlite3.connect(cache / "cache.sqlite3")
    try:
        return (
            db.execute("SELECT COUNT(*) FROM entries").fetchone()[0],
            db.execute("PRAGMA integrity_check").fetchone()[0],
        )
    finally:
        db.close()


def temp_files(folder: Path) -> list[str]:
    return sorted(
        p.name
        for p in folder.iterdir()
        if p.name.endswith(".tmp") or p.name == ".mtsum-pending.json"
    )


def pair(folder: Path) -> tuple[bytes, bytes]:
    return ((folder / "briefing.html").read_bytes(), (folder / "briefing.json").read_bytes())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a check fails")
    args = parser.parse_args()
    import logging

    logging.getLogger("mtsum").setLevel(logging.ERROR)  # the re-runs' split notes
    rows = read_jsonl(eval_file("sds-vietnews/articles.jsonl"))[: FIRST + ADDED]
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        model = tmp / "tiny-marian"
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from tests.tiny_models import build_marian; build_marian(sys.argv[1])",
                str(model),
            ],
            check=True,
            cwd=ROOT,
            capture_output=True,
        )
        config = tmp / "mtsum.toml"
        config.write_text(
            f'[models]\n"vi-en" = "{model}"\n"en-vi" = "{model}"\n'
            '[translate]\nbeam = 1\n[runtime]\nbackend = "torch"\n'
        )
        folder = tmp / "news"
        write_articles(folder, rows[:FIRST])

        def brief(out: Path, cache: Path, *, wait: bool = True):
            command = [
                sys.executable,
                "-m",
                "mtsum",
                "-q",
                "--config",
                str(config),
                "brief",
                str(folder),
                "--out",
                str(out),
                "--date",
                "2025-12-01",
                "--engine",
                "extractive",
            ]
            env = {
                **os.environ,
                "MTSUM_CACHE_DIR": str(cache),
                "HF_HUB_OFFLINE": "1",
                "PYTHONPATH": str(ROOT),
            }
            proc = subprocess.Popen(
                command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
            )
            if wait:
                _, err = proc.communicate()
                if proc.returncode not in (0, 3):
                    sys.exit(f"brief failed ({proc.returncode}):\n{err[-2000:]}")
            return proc

        brief(tmp / "out0", tmp / "cache0")  # the first run: the state every kill starts from
        old = pair(tmp / "out0")
        write_articles(folder, rows)  # 30 articles arrive
        shutil.copytree(tmp / "cache0", tmp / "cache-ref")
        start = time.perf_counter()
        brief(tmp / "out-ref", tmp / "cache-ref")  # uninterrupted: what the run should write
        seconds = time.perf_counter() - start
        new = pair(tmp / "out-ref")
        total, _ = entries(tmp / "cache-ref")
        before, _ = entries(tmp / "cache0")
        print(
            f"first run: {FIRST} articles, {before} cache entries; second run after "
            f"{ADDED} more: {seconds:.1f} s, {total} entries"
        )
        table_rows = []
        for fraction in KILL_AT:
            out, cache = tmp / f"out-{fraction}", tmp / f"cache-{fraction}"
            shutil.copytree(tmp / "out0", out)
            shutil.copytree(tmp / "cache0", cache)
            proc = brief(out, cache, wait=False)
            time.sleep(seconds * fraction)
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
            proc.wait()
            state = pair(out)
            which = "previous" if state == old else "new" if state == new else "MIXED"
            committed, integrity = entries(cache)
            left = temp_files(out)
            # the re-run, in process, counting what it sends to the model
            from mtsum.brief import make_briefing
            from mtsum.cache import Cache
            from mtsum.render import write_briefing
            from mtsum.settings import load_settings
            from mtsum.translate import TranslationEngine

            settings = load_settings(
                config,
                date=__import__("datetime").date(2025, 12, 1),
                engine="extractive",
                cache_dir=cache,
            )
            engine = TranslationEngine(settings, cache=Cache(cache))
            briefing = make_briefing([folder], settings, engine=engine)
            write_briefing(briefing, out)
            engine.cache.close()
            after, _ = entries(cache)
            rerun_ok = pair(out) == new and not temp_files(out)
            table_rows.append(
                [
                    f"{fraction:.0%}",
                    "yes" if proc.returncode else "no (done)",
                    which,
                    integrity,
                    committed - before,
                    engine.model_calls,
                    after - committed,
                    ", ".join(left) or "-",
                    "yes" if rerun_ok else "NO",
                ]
            )
            if which == "MIXED" or integrity != "ok" or not rerun_ok or after != total:
                failures.append(
                    f"{fraction:.0%}: {which}, {integrity}, re-run ok {rerun_ok}, "
                    f"{after}/{total} entries"
                )
    print(
        table(
            table_rows,
            [
                "killed at",
                "killed",
                "out/ holds",
                "integrity",
                "entries committed",
                "sent to model on re-run",
                "entries added on re-run",
                "temp files after kill",
                "re-run = uninterrupted, no temp files",
            ],
        )
    )
    print("\nchecks: " + ("all passed" if not failures else "FAILED: " + "; ".join(failures)))
    return 1 if args.check and failures else 0


if __name__ == "__main__":
    sys.exit(main())
