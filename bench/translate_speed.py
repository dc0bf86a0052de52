"""Translation speed and memory: the naive path against mtsum's paths, same model, same work.

Builds, offline, a random-weight Marian with the real opus-mt-en-vi architecture (d_model 512,
6+6 layers, 8 heads, ffn 2048, ~53k vocabulary: 71.8M parameters), takes 64 English
sentences of the seeds, and forces every output to exactly N tokens so that every variant does
the same work. Each variant runs in its own process, so its peak RSS (model, runtime and
imports) is its own. Prints sentences/s, tokens/s, peak RSS, and each variant's speed-up over
the naive path (transformers, one sentence at a time, greedy), all measured in this run.

    python -m bench.translate_speed [--sentences 64] [--tokens 48] [--threads 2] [--check]

Targets (printed): CTranslate2 greedy >= 16x naive, transformers batched greedy >= 4x,
CTranslate2 beam 4 >= 6x, CTranslate2 int8 peak RSS below 60% of transformers fp32.

--check is the guard CI runs: the naive path and mtsum's default greedy path only, the naive
one timed on every 8th sentence and scaled to all (it runs one sentence at a time, so its time
is the sum of theirs; about half a minute in all on 2 free cores), exit 1 unless the default path is >= 12x the naive one: a loose bound that a
regression like the 1.7x of per-cap batches fails, and a shared machine's noise does not.
It exits 0 with "skipped: ..." where torch, transformers, ctranslate2 or sentencepiece is
absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from bench._common import (  # noqa: E402
    Preloaded,
    child_json,
    forced,
    missing_modules,
    peak_rss_mb,
    table,
)

CHECK_BOUND = 12.0  # --check: default greedy vs naive (the tight target is 16x)
SAMPLE = 8  # --check: the naive path is timed on every SAMPLE-th sentence

# name: (label, backend, beam); backend None is the naive loop.
VARIANTS = {
    "naive": ("naive: transformers fp32, 1 sentence at a time, greedy", None, 1),
    "torch-greedy": ("mtsum --backend torch (fp32, batched), greedy", "torch", 1),
    "default-greedy": ("mtsum default (auto: CTranslate2 int8, batched), greedy", "auto", 1),
    "torch-beam4": ("mtsum --backend torch (fp32, batched), beam 4", "torch", 4),
    "default-beam4": ("mtsum default (auto: CTranslate2 int8, batched), beam 4", "auto", 4),
}


def seed_sentences(n: int) -> list[str]:
    from mtsum.ingest import read_article
    from mtsum.sentences import split_sentences
    from tests.tiny_models import SEEDS

    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        article = read_article(path)
        out += [s for p in article.paragraphs for s in split_sentences(p, "en")]
    english = [s for s in out if s.isascii() and len(s.split()) >= 5]
    return (english * (n // len(english) + 1))[:n]


def run_variant(
    name: str, folder: Path, cache: Path, sentences: list[str], tokens: int, threads: int
) -> dict:
    """One variant, in this (fresh) process: seconds for the translation alone."""
    _, backend, beam = VARIANTS[name]
    options = forced(tokens)
    if backend is None:
        import torch
        from transformers import MarianMTModel, MarianTokenizer

        from mtsum.backends.hf import quiet_transformers

        quiet_transformers()
        torch.set_num_threads(threads)
        tokenizer = MarianTokenizer.from_pretrained(folder)
        model = MarianMTModel.from_pretrained(folder).eval()
        start = time.perf_counter()
        with torch.inference_mode():
            for s in sentences:
                batch = tokenizer([f">>vie<< {s}"], return_tensors="pt")
                model.generate(**batch, num_beams=1, do_sample=False, **options)
        seconds = time.perf_counter() - start
    else:
        from mtsum.backends import Backends
        from mtsum.registry import ModelSpec
        from mtsum.settings import Settings
        from mtsum.translate import TranslationEngine

        settings = Settings(beam=beam, backend=backend, threads=threads, cache_dir=cache)
        runtime = Backends.from_settings(settings)
        spec = ModelSpec("translate", "en", "vi", str(folder), prefix=">>vie<<")
        model = runtime.translator(spec, beam=beam, generate_options=options)
        engine = TranslationEngine(settings, models=Preloaded(model))
        start = time.perf_counter()
        engine.translate(sentences, "en", "vi")
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "rss_mb": peak_rss_mb()}


def prepare(folder: Path, cache: Path) -> dict:
    """Build the model and convert it once, as a first real run would (timed apart)."""
    from transformers import MarianMTModel

    from mtsum.backends import Backends
    from mtsum.registry import ModelSpec
    from tests.tiny_models import build_marian

    build_marian(
        folder, d_model=512, layers=6, heads=8, ffn=2048, vocab_size=53_000, max_positions=512
    )
    params = sum(p.numel() for p in MarianMTModel.from_pretrained(folder).parameters())
    spec = ModelSpec("translate", "en", "vi", str(folder), prefix=">>vie<<")
    start = time.perf_counter()
    Backends("ct2", cache_dir=cache).translator(spec)
    return {"params": params, "conversion": time.perf_counter() - start}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=64)
    parser.add_argument("--tokens", type=int, default=48, help="forced output length")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument(
        "--naive-every",
        type=int,
        help="time the naive path on every N-th sentence only, scaled to all (--check: 8)",
    )
    parser.add_argument("--every", type=int, default=1, help=argparse.SUPPRESS)  # internal
    parser.add_argument("--variant", help=argparse.SUPPRESS)  # internal: run one variant
    parser.add_argument("--model", help=argparse.SUPPRESS)
    parser.add_argument("--cache", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.variant == "prepare":
        print(json.dumps(prepare(Path(args.model), Path(args.cache))))
        return 0
    if args.variant:
        print(
            json.dumps(
                run_variant(
                    args.variant,
                    Path(args.model),
                    Path(args.cache),
                    seed_sentences(args.sentences)[:: args.every],
                    args.tokens,
                    args.threads,
                )
            )
        )
        return 0

    # This process stays small and starts every step in a child: Linux keeps a parent's
    # peak RSS in a forked child's, so each variant's figure is its own only this way.
    every = args.naive_every or (SAMPLE if args.check else 1)

    def child(variant: str, folder: Path, cache: Path) -> dict:
        result = child_json(
            __file__,
            [
                "--variant",
                variant,
                "--model",
                str(folder),
                "--cache",
                str(cache),
                "--sentences",
                str(args.sentences),
                "--tokens",
                str(args.tokens),
                "--threads",
                str(args.threads),
                "--every",
                str(every if variant == "naive" else 1),
            ],
        )
        if variant == "naive" and every > 1:  # one sentence at a time: the sum of each's time
            sampled = len(seed_sentences(args.sentences)[::every])
            result["seconds"] *= args.sentences / sampled
        return result

    absent = missing_modules("torch", "transformers", "ctranslate2", "sentencepiece")
    if absent:
        print(f"skipped: {', '.join(absent)} not installed", file=sys.stderr)
        return 0
    produced = args.sentences * args.tokens
    variants = ["naive", "default-greedy"] if args.check else list(VARIANTS)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder, cache = Path(tmp) / "en-vi", Path(tmp) / "cache"
        made = child("prepare", folder, cache)
        print(
            f"model: random-weight Marian (opus-mt-en-vi shape), {made['params'] / 1e6:.1f}M "
            f"parameters; {args.sentences} sentences, {args.tokens} output tokens each, "
            f"{args.threads} threads; one-off CTranslate2 int8 conversion "
            f"{made['conversion']:.1f} s",
            file=sys.stderr,
        )
        for name in variants:
            results[name] = child(name, folder, cache)

    naive = results["naive"]["seconds"]
    rows = [
        [
            VARIANTS[n][0],
            f"{r['seconds']:.1f}",
            f"{args.sentences / r['seconds']:.2f}",
            f"{produced / r['seconds']:.0f}",
            f"{r['rss_mb']:.0f}",
            f"{naive / r['seconds']:.2f}x",
        ]
        for n, r in results.items()
    ]
    print(table(rows, ["variant", "seconds", "sentences/s", "tokens/s", "peak RSS MB", "vs naive"]))
    speedup = naive / results["default-greedy"]["seconds"]
    print(f"\nmtsum default (CTranslate2 int8) greedy vs naive: {speedup:.1f}x (target >= 16x)")
    if "torch-greedy" in results:
        torch_speedup = naive / results["torch-greedy"]["seconds"]
        beam = naive / results["default-beam4"]["seconds"]
        rss = results["default-greedy"]["rss_mb"] / results["torch-greedy"]["rss_mb"]
        print(f"mtsum --backend torch greedy vs naive: {torch_speedup:.1f}x (target >= 4x)")
        print(f"mtsum default beam 4 vs naive: {beam:.1f}x (target >= 6x)")
        print(f"peak RSS, CTranslate2 int8 / transformers fp32 (greedy): {rss:.0%} (target < 60%)")
    if args.check:
        verdict = "ok" if speedup >= CHECK_BOUND else "FAILED"
        print(f"check: default greedy >= {CHECK_BOUND:g}x naive: {verdict}")
        return 0 if speedup >= CHECK_BOUND else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
