"""Translation speed and memory: the naive path against mtsum's paths, same model, same work.

Builds, offline, a random-weight Marian with the real opus-mt-en-vi architecture (d_model 512,
6+6 layers, 8 heads, ffn 2048, ~53k vocabulary: 71.8M parameters), takes 64 English
sentences of the seeds, and forces every output to exactly N tokens so that every variant does
the same work. Each variant runs in its own process, so its peak RSS (model, runtime and
imports) is its own. Prints sentences/s, tokens/s, peak RSS, and each variant's speed-up over
the naive path (transformers, one sentence at a time, greedy), all measured in this run.

    python bench/translate_speed.py [--sentences 64] [--tokens 48] [--threads 2] [--check]

With --check it exits 1 unless mtsum's default path is >= 15x the naive path (greedy) and
the CTranslate2 int8 peak RSS is below 60% of transformers fp32.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _common import child_json, peak_rss_mb, table  # noqa: E402

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
    forced = {"min_new_tokens": tokens, "max_new_tokens": tokens}
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
                model.generate(**batch, num_beams=1, do_sample=False, **forced)
        seconds = time.perf_counter() - start
    else:
        from mtsum.backends import Backends
        from mtsum.registry import ModelSpec
        from mtsum.settings import Settings
        from mtsum.translate import TranslationEngine

        settings = Settings(beam=beam, backend=backend, threads=threads, cache_dir=cache)
        runtime = Backends.from_settings(settings)
        spec = ModelSpec("translate", "en", "vi", str(folder), prefix=">>vie<<")
        model = runtime.translator(spec, beam=beam, generate_options=forced)
        engine = TranslationEngine(settings, loader=lambda *a, **k: model)
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
                    seed_sentences(args.sentences),
                    args.tokens,
                    args.threads,
                )
            )
        )
        return 0

    # This process stays small and starts every step in a child: Linux keeps a parent's
    # peak RSS in a forked child's, so each variant's figure is its own only this way.
    def child(variant: str, folder: Path, cache: Path) -> dict:
        return child_json(
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
            ],
        )

    produced = args.sentences * args.tokens
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
        for name in VARIANTS:
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
    rss = results["default-greedy"]["rss_mb"] / results["torch-greedy"]["rss_mb"]
    print(f"\nmtsum default greedy vs naive: {speedup:.1f}x (target >= 15x)")
    print(f"peak RSS, CTranslate2 int8 / transformers fp32 (greedy): {rss:.0%} (target < 60%)")
    if args.check and (speedup < 15 or rss >= 0.6):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
