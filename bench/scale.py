"""Scale: `mtsum brief` over 100, 1,000 and 10,000 synthetic articles on the embedded
defaults (no model anywhere: extractive summaries, non-English text marked untranslated).

Articles are assembled from real sentences, FLORES-200 devtest (../shared/eval/
langid-flores200/sentences.jsonl), languages mixed as the analysts' folders are (half English,
then Vietnamese, Norwegian, Japanese, Korean, Chinese, others): 6 to 14 consecutive sentences
of one language each, with a dateline spread over 2024 on most and none on some. Each brief
runs as a whole process; its wall time and peak RSS are the process's own (wait4).

    python -m bench.scale [--sizes 100,1000,10000] [--against OLD_CHECKOUT] [--check]

``--against`` runs the same folders with an older mtsum (a checkout, run with PYTHONPATH
pointing at it) in the same run, and prints the speed-up: these machines are noisy, so a
ratio measured in one run is the comparison that holds.

Targets: 10,000 articles in <= 40 s (issue 24; 150 s before) and <= 1 GB, at least 2x the
older code where given, time growing at most ~linearly (the exponent k in time ~ n^k, from the
two largest sizes, at most 1.15).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench._common import flores_sentences, table  # noqa: E402

TARGET_10K = 40  # seconds for 10,000 articles (issue 24)

MIX = {
    "en": 50,
    "vi": 15,
    "no": 8,
    "ja": 5,
    "ko": 5,
    "zh-cn": 5,
    "de": 3,
    "fr": 3,
    "ru": 3,
    "th": 3,
}


def make_articles(folder: Path, n: int, sentences: dict[str, list[str]], seed: int = 0) -> int:
    """Write ``n`` articles into ``folder``; returns the bytes written."""
    rng = random.Random(seed)
    langs = [lang for lang, weight in MIX.items() for _ in range(weight)]
    start = dt.date(2024, 1, 1)
    total = 0
    for i in range(n):
        lang = rng.choice(langs)
        pool = sentences[lang]
        k = rng.randint(6, 14)
        first = rng.randrange(len(pool) - k)
        body = pool[first : first + k]
        paragraphs = [" ".join(body[j : j + 3]) for j in range(0, len(body), 3)]
        date = start + dt.timedelta(days=rng.randrange(366))
        head = f"date {date.isoformat()}\n\n" if rng.random() < 0.85 else ""
        text = head + "\n\n".join(paragraphs) + "\n"
        (folder / f"{i:05d}_{lang}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


def which_mtsum(env: dict, cwd: Path) -> str:
    """The folder of the mtsum package a run with ``env`` from ``cwd`` imports."""
    return subprocess.run(
        [sys.executable, "-c", "import mtsum, os; print(os.path.dirname(mtsum.__file__))"],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def run_brief(
    folder: Path, out: Path, env: dict, cwd: Path, keep_copies: bool = True
) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit status) of one whole `mtsum brief` process."""
    command = [
        sys.executable,
        "-m",
        "mtsum",
        "-q",
        "brief",
        str(folder),
        "--out",
        str(out),
        "--date",
        "2026-11-22",
    ]
    if keep_copies:
        # The synthetic articles are windows over 500 sentences a language: many overlap, so
        # they are near-duplicates by construction. Every file is briefed here; the cost of
        # finding copies is measured by bench/dedup.py.
        command.append("--keep-copies")
    start = time.perf_counter()
    # cwd: a folder without an mtsum of its own ("python -m" looks in the current folder
    # first, before PYTHONPATH: run from a checkout, both runs would be that checkout's).
    process = subprocess.Popen(
        command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if process.returncode not in (0, 3):
        sys.exit(f"mtsum brief failed ({process.returncode}):\n{stderr[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, process.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--against", type=Path, help="an older mtsum checkout to compare")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    sentences = flores_sentences()

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = {
            **os.environ,
            "HF_HOME": str(tmp / "hf"),
            "HF_HUB_OFFLINE": "1",
            "MTSUM_CACHE_DIR": str(tmp / "cache"),
        }  # no model anywhere
        old_env = None
        if args.against:
            old_env = {**env, "PYTHONPATH": str(args.against.resolve())}
            old_env["MTSUM_CACHE_DIR"] = str(tmp / "cache-old")
        this, older = which_mtsum(env, tmp), old_env and which_mtsum(old_env, tmp)
        print(f"this mtsum: {this}" + (f"; older: {older}" if older else ""), file=sys.stderr)
        if older == this:
            sys.exit(f"--against {args.against} runs the same mtsum as this one ({this})")
        for n in sizes:
            folder = tmp / f"articles-{n}"
            folder.mkdir()
            size = make_articles(folder, n, sentences)
            out = tmp / f"out-{n}"
            seconds, rss, status = run_brief(folder, out, env, tmp)
            written = sum(p.stat().st_size for p in out.iterdir())
            old = None
            if old_env:
                has_flag = (
                    "--keep-copies"
                    in subprocess.run(
                        [sys.executable, "-m", "mtsum", "brief", "--help"],
                        env=old_env,
                        cwd=tmp,
                        capture_output=True,
                        text=True,
                    ).stdout
                )
                old = run_brief(folder, tmp / f"old-{n}", old_env, tmp, keep_copies=has_flag)[:2]
            results.append((n, size, seconds, rss, written, old))
            print(
                f"{n} articles: {seconds:.1f} s, {rss:.0f} MB"
                + (f"; older code {old[0]:.1f} s, {old[1]:.0f} MB" if old else ""),
                file=sys.stderr,
            )

    header = ["articles", "input MB", "seconds", "ms/article", "peak RSS MB", "output MB"]
    if args.against:
        header += ["older code s", "older MB", "speed-up"]
    rows = []
    for n, size, seconds, rss, written, old in results:
        row = [
            f"{n:,}",
            f"{size / 1e6:.1f}",
            f"{seconds:.1f}",
            f"{1000 * seconds / n:.1f}",
            f"{rss:.0f}",
            f"{written / 1e6:.1f}",
        ]
        if old:
            row += [f"{old[0]:.1f}", f"{old[1]:.0f}", f"{old[0] / seconds:.2f}x"]
        rows.append(row)
    print(table(rows, header))
    ok = True
    if len(results) >= 2:
        (n1, _, t1, *_), (n2, _, t2, *_) = results[-2], results[-1]
        exponent = math.log(t2 / t1) / math.log(n2 / n1)
        print(f"\ngrowth from {n1:,} to {n2:,} articles: time ~ n^{exponent:.2f} (target <= 1.15)")
        ok &= exponent <= 1.15
    largest = results[-1]
    if largest[0] >= 10_000:
        print(
            f"{largest[0]:,} articles: {largest[2]:.0f} s (target <= {TARGET_10K}), "
            f"{largest[3]:.0f} MB (target <= 1024)"
        )
        ok &= largest[2] <= TARGET_10K and largest[3] <= 1024
    if largest[5]:
        speedup = largest[5][0] / largest[2]
        print(f"speed-up over the older code at {largest[0]:,}: {speedup:.2f}x (target >= 2x)")
        ok &= speedup >= 2
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
