"""Ray's cost on one machine, and what it would take on N: the same brief with
``--executor ray`` (a local Ray started for the run, 2 CPUs) and ``--executor local``.

The articles, the model and the forced output length are those of bench/brief_throughput.py
(200 ViMs articles, a random Marian of opus-mt's size, CTranslate2 int8, beam 1, no cache).
Three variants, each in its own process:

- driver: the brief with translation off (reading, detection, summaries, figures, render);
- local: ``--executor local``;
- ray: ``--executor ray``, Ray started by the run (its start and the workers' model loading
  are in the wall time, as a user sees it).

The scaling model written from them: translation time = local - driver, per article, per
sentence and per chunk (a task: up to 128 sentences of similar length); Ray's overhead = ray -
local - its start, per task. The driver sends one piece of work at a time (a window's
sentences for one model: c chunks), so N workers of 2 threads take ceil(c / N) rounds of it:
projected wall time = driver + Ray's start + sum over pieces of ceil(c / N) x (chunk time +
per-task overhead). The driver's own work (reading, detection, summaries, figures, rendering)
is not spread.

    python -m bench.ray_overhead [--articles 200] [--tokens 16]

Target: ray's wall time within 1.3x of local on one machine.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from bench._common import child_json, forced, forced_models, table  # noqa: E402
from bench.brief_throughput import prepare, settings_for, write_articles  # noqa: E402

VARIANTS = {
    "driver": "driver only (translation off)",
    "local": "--executor local",
    "ray": "--executor ray (local Ray, 2 CPUs, started by the run)",
}


def run_variant(name: str, base: Path, tokens: int, threads: int) -> dict:
    from mtsum.brief import make_briefing
    from mtsum.export import render_json
    from mtsum.render import render_html
    from mtsum.translate import TranslationEngine

    options = {"translate": False} if name == "driver" else {"executor": name}
    settings = settings_for(base / "model", base / "cache", tokens, threads, **options)
    start = time.perf_counter()
    executor = None
    if name == "ray":  # a Ray executor starts Ray here; its workers force the lengths too
        from mtsum.executors import RayExecutor

        executor = RayExecutor(settings, options={"generate_options": forced(tokens)})
    engine = TranslationEngine(settings, models=forced_models(settings, tokens), executor=executor)
    started = time.perf_counter() - start
    briefing = make_briefing([base / "articles"], settings, engine=engine)
    render_html(briefing)
    out = render_json(briefing)
    engine.close()
    seconds = time.perf_counter() - start
    chunks = getattr(engine.executor, "tasks", 0)
    return {
        "seconds": seconds,
        "start": started,
        "sentences": engine.model_calls,
        "tasks": chunks,
        "calls": getattr(engine.executor, "calls", []),
        "json": __import__("hashlib").sha256(out.encode()).hexdigest(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--tokens", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--variant", help=argparse.SUPPRESS)
    parser.add_argument("--dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.variant:
        base = Path(args.dir)
        if args.variant == "prepare":
            print(json.dumps(prepare(base / "model", base / "cache")))
        else:
            print(json.dumps(run_variant(args.variant, base, args.tokens, args.threads)))
        return 0
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        write_articles(Path(tmp) / "articles", args.articles)
        common = ["--dir", tmp, "--tokens", str(args.tokens), "--threads", str(args.threads)]
        child_json(__file__, ["--variant", "prepare", *common])
        for name in VARIANTS:
            results[name] = child_json(__file__, ["--variant", name, *common])
            print(f"{name}: {results[name]['seconds']:.0f} s", file=sys.stderr)
    rows = [
        [VARIANTS[n], f"{r['seconds']:.1f}", f"{r['start']:.1f}", r["sentences"], r["tasks"]]
        for n, r in results.items()
    ]
    print(f"{args.articles} articles, {args.tokens} tokens per output, {args.threads} threads")
    print(table(rows, ["variant", "wall s", "executor start s", "sentences", "Ray tasks"]))
    driver, local, ray = (results[n]["seconds"] for n in ("driver", "local", "ray"))
    same = results["local"]["json"] == results["ray"]["json"]
    translation = local - driver
    overhead = ray - local
    start = results["ray"]["start"]
    tasks = max(results["ray"]["tasks"], 1)
    per_task = max(overhead - start, 0) / tasks
    calls = results["ray"]["calls"]
    per_chunk = translation / max(sum(calls), 1)
    print(f"\nray / local: {ray / local:.2f}x (target <= 1.3x); same JSON: {same}")
    print(
        f"translation {translation:.1f} s ({1000 * translation / args.articles:.0f} ms an "
        f"article, {1000 * translation / max(results['local']['sentences'], 1):.1f} ms a "
        f"sentence); driver {driver:.1f} s; Ray's start {start:.1f} s; its other overhead "
        f"{max(overhead - start, 0):.1f} s over {tasks} tasks ({1000 * per_task:.0f} ms a task)"
    )
    print(
        f"{len(calls)} pieces of work (a window's sentences for one model), {sum(calls)} "
        f"chunks: {per_chunk:.2f} s a chunk; chunks per piece {min(calls)}-{max(calls)}"
    )
    rows = []
    for n in (1, 2, 4, 8, 16, 32):
        rounds = sum(-(-c // n) for c in calls)
        wall = driver + start + rounds * (per_chunk + per_task)
        rows.append([n, rounds, f"{wall:.0f}", f"{local / wall:.1f}x"])
    print("\nprojected, same articles, N workers of 2 threads (driver work not spread):")
    print(table(rows, ["workers", "rounds of chunks", "wall s", "vs local"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
