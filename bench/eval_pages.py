"""Saved web pages: mtsum's reading (:func:`mtsum.pages.read_page`) against trafilatura's own
metadata, on trafilatura's evaluation corpus (real pages with annotated title, date, and text
segments that must be kept ("with") or dropped ("without")).

The corpus is not stored here (146 MB of third-party pages): point ``--corpus`` at the
``tests`` folder of a checkout of https://github.com/adbar/trafilatura (Apache-2.0), which holds
``evaldata.json``, ``eval/`` and ``cache/``. Without it the benchmark says so and exits 0.

    python -m bench.eval_pages --corpus ../trafilatura/tests [--limit N]

Prints, per system, on the pages whose annotation has the field: title exact (spaces and case
ignored), date exact, "with" segments kept, "without" segments dropped; and the pages where
mtsum and trafilatura differ on the date, so each change can be checked by eye.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import warnings
from pathlib import Path

from bench._common import table


def norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip().lower()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="trafilatura's tests/ folder")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--show", type=int, default=10, help="date differences to list")
    args = parser.parse_args()
    if args.corpus is None or not (args.corpus / "evaldata.json").is_file():
        print("skipped: no corpus (--corpus path/to/trafilatura/tests)", file=sys.stderr)
        return 0
    warnings.filterwarnings("ignore")
    import logging

    logging.disable(logging.WARNING)
    import trafilatura

    from mtsum.errors import InputError
    from mtsum.pages import read_page

    gold = json.loads((args.corpus / "evaldata.json").read_text(encoding="utf-8"))
    rows = []
    for url, item in gold.items():
        path = next(
            (
                args.corpus / d / item["file"]
                for d in ("eval", "cache")
                if (args.corpus / d / item["file"]).is_file()
            ),
            None,
        )
        if path is not None:
            rows.append((url, item, path))
    rows = rows[: args.limit]
    counts = {
        s: {"title": [0, 0], "date": [0, 0], "with": [0, 0], "without": [0, 0]}
        for s in ("mtsum", "trafilatura")
    }
    differ, failed, seconds = [], 0, 0.0
    for _, item, path in rows:
        data = path.read_bytes()
        t0 = time.perf_counter()
        try:
            page = read_page(path.name, data)
            ours = {
                "title": page.title,
                "date": str(page.date) if page.date else None,
                "text": "\n".join(page.paragraphs),
            }
        except InputError:
            ours = {"title": None, "date": None, "text": ""}
            failed += 1
        seconds += time.perf_counter() - t0
        doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False)
        theirs = {
            "title": doc.title if doc else None,
            "date": doc.date if doc else None,
            "text": (doc.text or "") if doc else "",
        }
        for system, got in (("mtsum", ours), ("trafilatura", theirs)):
            c = counts[system]
            if item.get("title"):
                c["title"][0] += norm(got["title"]) == norm(item["title"])
                c["title"][1] += 1
            if item.get("date"):
                c["date"][0] += got["date"] == item["date"]
                c["date"][1] += 1
            text = norm(got["text"])
            for segment in item.get("with", []):
                c["with"][0] += norm(segment) in text
                c["with"][1] += 1
            for segment in item.get("without", []):
                c["without"][0] += norm(segment) not in text
                c["without"][1] += 1
        if item.get("date") and ours["date"] != theirs["date"]:
            differ.append((item["file"], item["date"], ours["date"], theirs["date"]))
    body = []
    for system, c in counts.items():
        body.append(
            [system]
            + [
                f"{100 * k / max(n, 1):.1f} ({k}/{n})"
                for k, n in (c["title"], c["date"], c["with"], c["without"])
            ]
        )
    print(
        f"{len(rows)} pages ({failed} without article text for mtsum); "
        f"mtsum {1000 * seconds / max(len(rows), 1):.0f} ms a page"
    )
    print(table(body, ["system", "title exact", "date exact", "with kept", "without dropped"]))
    right = sum(1 for _, g, o, _ in differ if o == g)
    wrong = sum(1 for _, g, _, t in differ if t == g)
    print(
        f"\ndates that differ: {len(differ)}; mtsum right {right}, trafilatura right {wrong}, "
        f"neither {len(differ) - right - wrong}"
    )
    for name, g, o, t in differ[: args.show]:
        print(f"  {name}: annotated {g}, mtsum {o}, trafilatura {t}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
