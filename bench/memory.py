"""Memory of one long article: a brief of a single article of 100 KB to 2 MB (the size limit).

The article is real Vietnamese news (VietNews, ``../shared/eval/sds-vietnews``) joined into one
file of the size asked for; it is briefed on the embedded defaults (extractive summary, no
model) in a fresh process for each size, and the peak RSS and wall time of that process are
printed with the growth between sizes. Target: a 2 MB article briefs in well under 1 GB.

    python bench/memory.py [--check]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import child_json, eval_file, peak_rss_mb, read_jsonl, table  # noqa: E402

SIZES = [100_000, 500_000, 1_000_000, 1_990_000]
TARGET_MB = 1000


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

    start = time.perf_counter()
    briefing = make_briefing(
        [path], Settings(date=dt.date(2025, 12, 1), use_cache=False, translate=False)
    )
    html, data = render_html(briefing), render_json(briefing)
    report = briefing.reports[0]
    print(
        json.dumps(
            {
                "seconds": time.perf_counter() - start,
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
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    rows, results = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
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
    worst = results[-1]["rss_mb"]
    print(f"\n2 MB article: {worst:.0f} MB peak (target < {TARGET_MB} MB)")
    return 1 if args.check and worst >= TARGET_MB else 0


if __name__ == "__main__":
    sys.exit(main())
