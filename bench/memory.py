"""Memory of one long article: a brief of a single article of 100 KB to 2 MB (the size limit).

The article is real Vietnamese news (VietNews, ``../shared/eval/sds-vietnews``) joined into one
file of the size asked for; it is briefed on the embedded defaults (extractive summary, no
model) in a fresh process for each size, and the peak RSS and wall time of that process are
printed with the growth between sizes. Target: a 2 MB article briefs in well under 1 GB.

Then two figure-dense English articles of 2 MB written for the bench (every sentence has four
figures, numbers varied so that none repeats): one in ordinary sentences, and one "page"
with no full stop (a single 2 MB sentence). Target: each briefs in under 20 s.

    python -m bench.memory [--check] [--dense-only]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

from bench._common import child_json, eval_file, peak_rss_mb, read_jsonl, table  # noqa: E402

SIZES = [100_000, 500_000, 1_000_000, 1_990_000]
TARGET_MB = 1000
DENSE_SIZE = 1_990_000
TARGET_DENSE_S = 20.0
_COUNTRIES = ["Japan", "South Korea", "Singapore", "the US", "Hong Kong (China)", "Taiwan (China)"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August"]


def make_dense(size: int, folder: Path, run_on: bool) -> Path:
    """A figure-dense article: sentences in the style of provincial investment news, each
    with an amount, a share, a count and a period; ``run_on``: joined by commas, no full stop."""
    parts, total, k = [], 0, 0
    while total < size - 300:
        k += 1
        sentence = (
            f"In {_MONTHS[k % 8]} {2000 + k % 25}, investors from {_COUNTRIES[k % 6]} registered "
            f"US${k % 997 + 1}.{k % 89} million in {k % 53 + 2} new projects, "
            f"{k % 41 + 1}.{k % 7}% of the province's FDI, and created {k * 7 % 9000 + 10} jobs"
        )
        parts.append(sentence)
        total += len(sentence) + 2
    sep = ", " if run_on else ". "
    text = "Figures of the province\n\n"
    paragraphs = [
        sep.join(parts[i : i + 8]) + ("," if run_on else ".") for i in range(0, len(parts), 8)
    ]
    text += (" " if run_on else "\n\n").join(paragraphs)
    path = folder / f"dense-{'runon' if run_on else 'sentences'}.txt"
    path.write_text(text[:size] + "\n", encoding="utf-8")
    return path


def make_article(size: int, folder: Path) -> Path:
    rows = read_jsonl(eval_file("sds-vietnews/articles.jsonl"))
    parts, total = ["Tổng hợp tin tức"], 0
    for row in rows * 10:
        for paragraph in row["text"].split("\n"):
            if total > size - 2000:
                break
            parts.append(paragraph)
            total += len(paragraph.encode("utf-8")) + 2
    path = folder / f"long-{size}.txt"
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return path


def child(path: str) -> None:
    from mtsum.brief import make_briefing
    from mtsum.render import render_html, render_json
    from mtsum.settings import Settings

    start, cpu = time.perf_counter(), time.process_time()
    briefing = make_briefing(
        [path], Settings(date=dt.date(2025, 12, 1), use_cache=False, translate=False)
    )
    html, data = render_html(briefing), render_json(briefing)
    report = briefing.reports[0]
    print(
        json.dumps(
            {
                "seconds": time.perf_counter() - start,
                "cpu_seconds": time.process_time() - cpu,  # this process's own (threads too)
                "rss_mb": peak_rss_mb(),
                "sentences": len(report.english.sentences),
                "bytes": Path(path).stat().st_size,
                "out_mb": (len(html) + len(data)) / 1e6,
                "summary": len(report.summary.sentences),
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--dense-only", action="store_true", help="only the figure-dense articles")
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    parser_dense = args.dense_only
    rows, results = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for size in [] if parser_dense else SIZES:
            path = make_article(size, Path(tmp))
            result = child_json(__file__, ["--child", str(path)])
            results.append(result)
            growth = ""
            if len(results) > 1:
                a, b = results[-2], results[-1]
                growth = f"{(b['rss_mb'] - a['rss_mb']) / ((b['bytes'] - a['bytes']) / 1e6):.0f}"
            rows.append(
                [
                    f"{result['bytes'] / 1e6:.2f} MB",
                    result["sentences"],
                    f"{result['seconds']:.1f}",
                    f"{result['rss_mb']:.0f}",
                    growth,
                    f"{result['out_mb']:.1f}",
                ]
            )
    worst = results[-1]["rss_mb"] if results else 0.0
    if results:
        print("One long Vietnamese article, briefed on the embedded defaults (own process each):")
        print(
            table(
                rows,
                [
                    "article",
                    "sentences",
                    "time s",
                    "peak RSS MB",
                    "MB per extra MB of text",
                    "output MB",
                ],
            )
        )
        print(f"\n2 MB article: {worst:.0f} MB peak (target < {TARGET_MB} MB)")
    dense_rows, slowest = [], 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for run_on in (False, True):
            path = make_dense(DENSE_SIZE, Path(tmp), run_on)
            result = child_json(__file__, ["--child", str(path)])
            slowest = max(slowest, result["seconds"])
            dense_rows.append(
                [
                    "one 2 MB sentence (no full stop)" if run_on else "sentences",
                    f"{result['bytes'] / 1e6:.2f} MB",
                    result["sentences"],
                    f"{result['seconds']:.1f}",
                    f"{result['cpu_seconds']:.1f}",
                    f"{result['rss_mb']:.0f}",
                ]
            )
    print("\nA figure-dense English article (four figures a sentence), on the embedded defaults:")
    print(table(dense_rows, ["text", "article", "sentences", "time s", "CPU s", "peak RSS MB"]))
    print(f"\nslowest: {slowest:.1f} s (target < {TARGET_DENSE_S:.0f} s)")
    missed = worst >= TARGET_MB or slowest >= TARGET_DENSE_S
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
