"""Abstractive summary speed and memory: transformers fp32 against mtsum's default path.

Builds, offline, a random-weight BART with bart-large-cnn's shape (d_model 1024, 12+12
layers, 16 heads, ffn 4096, 50,264-token vocabulary: ~406M parameters), cuts documents of
~512 input tokens from the seeds, and forces every summary to exactly 128 tokens so that every
variant does the same work. Each variant runs in its own process (its own peak RSS). Prints
seconds per document and the ratio to transformers fp32 with the same beam, all from this run.

    python -m bench.summarize_speed [--documents 2] [--tokens 128] [--threads 2] [--check]

With --check it exits 1 unless mtsum's default path (beam 4, as `mtsum brief` runs it) is
>= 3x transformers fp32 per document.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from bench._common import child_json, peak_rss_mb, table  # noqa: E402

# name: (label, backend, beam); backend None is plain transformers generate().
VARIANTS = {
    "hf-beam4": ("transformers fp32, generate(), beam 4", None, 4),
    "default-beam4": ("mtsum default (CTranslate2 int8), beam 4", "auto", 4),
    "hf-greedy": ("transformers fp32, generate(), greedy", None, 1),
    "default-greedy": ("mtsum default (CTranslate2 int8), greedy", "auto", 1),
}


def documents(folder: Path, n: int, size: int = 512) -> list[str]:
    """``n`` different stretches of the seeds' English text, ~``size`` tokens each."""
    from tokenizers import Tokenizer

    from mtsum.ingest import read_article
    from tests.tiny_models import SEEDS

    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    words = " ".join(
        " ".join(read_article(p).paragraphs)
        for p in sorted(SEEDS.glob("*.txt"))
        if read_article(p).paragraphs[0].isascii()
    ).split()
    out, start = [], 0
    for _ in range(n):
        end = start + 50
        while end < len(words) and len(tokenizer.encode(" ".join(words[start:end]))) < size:
            end += 10
        out.append(" ".join(words[start:end]))
        start = end % max(len(words) - 400, 1)
    return out


def prepare(folder: Path, cache: Path) -> dict:
    from transformers import AutoTokenizer

    from mtsum.backends import Backends
    from mtsum.registry import ModelSpec
    from tests.tiny_models import build_bart

    start = time.perf_counter()
    build_bart(folder, d_model=1024, layers=12, heads=16, ffn=4096, model_vocab=50_264)
    AutoTokenizer.from_pretrained(folder).backend_tokenizer.save(str(folder / "tokenizer.json"))
    built = time.perf_counter() - start
    spec = ModelSpec("summarize", "en", None, str(folder), arch="bart")
    start = time.perf_counter()
    Backends("ct2", cache_dir=cache).summarizer(spec)
    converted = time.perf_counter() - start
    from safetensors import safe_open

    with safe_open(str(folder / "model.safetensors"), "np") as fh:
        params = sum(_numel(fh.get_slice(k).get_shape()) for k in fh.keys())
    return {"params": params, "built": built, "conversion": converted}


def _numel(shape) -> int:
    total = 1
    for d in shape:
        total *= d
    return total


def run_variant(
    name: str, folder: Path, cache: Path, docs: list[str], tokens: int, threads: int
) -> dict:
    _, backend, beam = VARIANTS[name]
    forced = {"min_new_tokens": tokens, "max_new_tokens": tokens}
    lengths = []
    if backend is None:
        import torch
        from transformers import AutoTokenizer, BartForConditionalGeneration

        from mtsum.backends.hf import quiet_transformers

        quiet_transformers()
        torch.set_num_threads(threads)
        tokenizer = AutoTokenizer.from_pretrained(folder)
        model = BartForConditionalGeneration.from_pretrained(folder).eval()
        start = time.perf_counter()
        with torch.inference_mode():
            for doc in docs:
                batch = tokenizer([doc], return_tensors="pt")
                lengths.append(int(batch["input_ids"].shape[1]))
                model.generate(
                    **batch,
                    num_beams=beam,
                    do_sample=False,
                    no_repeat_ngram_size=3,
                    length_penalty=2.0,
                    **forced,
                )
        seconds = time.perf_counter() - start
    else:
        from mtsum.backends import Backends
        from mtsum.registry import ModelSpec

        spec = ModelSpec("summarize", "en", None, str(folder), arch="bart")
        model = Backends(backend, threads=threads, cache_dir=cache).summarizer(
            spec, beam=beam, generate_options=forced
        )
        start = time.perf_counter()
        for doc in docs:
            lengths.append(model.count_tokens([doc])[0])
            model.summarize_batch([doc], min_tokens=tokens, max_tokens=tokens)
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "input_tokens": lengths, "rss_mb": peak_rss_mb()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2)
    parser.add_argument("--tokens", type=int, default=128, help="forced summary length")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--check", action="store_true", help="exit 1 if the target is missed")
    parser.add_argument("--variant", help=argparse.SUPPRESS)
    parser.add_argument("--model", help=argparse.SUPPRESS)
    parser.add_argument("--cache", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.variant == "prepare":
        print(json.dumps(prepare(Path(args.model), Path(args.cache))))
        return 0
    if args.variant:
        docs = documents(Path(args.model), args.documents)
        print(
            json.dumps(
                run_variant(
                    args.variant,
                    Path(args.model),
                    Path(args.cache),
                    docs,
                    args.tokens,
                    args.threads,
                )
            )
        )
        return 0

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
                "--documents",
                str(args.documents),
                "--tokens",
                str(args.tokens),
                "--threads",
                str(args.threads),
            ],
        )

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder, cache = Path(tmp) / "bart", Path(tmp) / "cache"
        made = child("prepare", folder, cache)
        for name in VARIANTS:
            results[name] = child(name, folder, cache)
    inputs = results["hf-beam4"]["input_tokens"]
    print(
        f"model: random-weight BART (bart-large-cnn shape), {made['params'] / 1e6:.0f}M "
        f"parameters; {args.documents} documents of {inputs} input tokens, {args.tokens} "
        f"output tokens each, {args.threads} threads; one-off CTranslate2 int8 conversion "
        f"{made['conversion']:.0f} s",
        file=sys.stderr,
    )
    rows = []
    for name, r in results.items():
        base = results["hf-beam4" if VARIANTS[name][2] == 4 else "hf-greedy"]["seconds"]
        rows.append(
            [
                VARIANTS[name][0],
                f"{r['seconds'] / args.documents:.1f}",
                f"{r['rss_mb']:.0f}",
                f"{base / r['seconds']:.2f}x",
            ]
        )
    print(table(rows, ["variant", "s/document", "peak RSS MB", "vs transformers fp32"]))
    speedup = results["hf-beam4"]["seconds"] / results["default-beam4"]["seconds"]
    print(
        f"\nmtsum default (beam 4) vs transformers fp32: {speedup:.1f}x per document (target >= 3x)"
    )
    return 1 if args.check and speedup < 3 else 0


if __name__ == "__main__":
    sys.exit(main())
