"""Shared by the benchmark scripts: where the evaluation data is, and how to print a table."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def eval_dir() -> Path | None:
    """``$MTSUM_EVAL_DIR``, else ``../shared/eval`` beside the checkout; None when absent."""
    env = os.environ.get("MTSUM_EVAL_DIR")
    candidates = [Path(env)] if env else [ROOT.parent / "shared" / "eval", ROOT / "shared" / "eval"]
    return next((p for p in candidates if p.is_dir()), None)


def eval_file(relative: str) -> Path:
    """The data file, or exit 0 with a note: benchmarks skip cleanly where the data is absent."""
    base = eval_dir()
    path = base / relative if base else None
    if path is None or not path.is_file():
        print(
            f"skipped: evaluation data {relative} not found (set MTSUM_EVAL_DIR)", file=sys.stderr
        )
        sys.exit(0)
    return path


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def flores_sentences(limit: int = 0) -> dict[str, list[str]]:
    """FLORES-200 devtest sentences per language, in order (at most ``limit`` each, 0: all);
    the benchmark exits cleanly where ../shared/eval is absent (:func:`eval_file`)."""
    out: dict[str, list[str]] = {}
    for row in read_jsonl(eval_file("langid-flores200/sentences.jsonl")):
        texts = out.setdefault(row["lang"], [])
        if not limit or len(texts) < limit:
            texts.append(row["text"])
    return out


def table(rows: list[list], header: list[str]) -> str:
    cells = [header] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def peak_rss_mb() -> float:
    """This process's peak resident memory (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_json(script: str, arguments: list[str]) -> dict:
    """Run ``script`` with ``arguments`` in a fresh process; its last stdout line, as JSON.

    Benchmarks run each variant this way from a small parent: Linux carries a parent's peak
    RSS into a forked child's, so only then is each variant's figure its own.
    """
    module = f"bench.{Path(script).stem}"  # run as a module, from the root, like its parent
    out = subprocess.run(
        [sys.executable, "-m", module, *arguments], capture_output=True, text=True, cwd=ROOT
    )
    if out.returncode:
        sys.exit(f"{Path(script).name} {' '.join(arguments[:2])} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def forced(tokens: int) -> dict:
    """generate() options that force every output to ``tokens`` tokens: every variant of a
    benchmark then does the same work."""
    return {"min_new_tokens": tokens, "max_new_tokens": tokens}


def forced_models(settings, tokens: int):
    """mtsum's backends for ``settings`` (a TranslationEngine's ``models=``), with every
    translation forced to ``tokens`` tokens."""
    from mtsum.backends import Backends

    class Forced(Backends):
        def translator(self, spec, **options):
            return super().translator(spec, **options, generate_options=forced(tokens))

    return Forced.from_settings(settings)


class Preloaded:
    """A TranslationEngine's ``models=`` that serves one model loaded beforehand."""

    def __init__(self, model):
        self.model = model

    def describe(self, spec):
        return self.model.info

    def translator(self, spec, **options):
        return self.model


def missing_modules(*names: str) -> list[str]:
    """Which of the modules ``names`` cannot be imported here."""
    import importlib.util

    return [n for n in names if importlib.util.find_spec(n) is None]
