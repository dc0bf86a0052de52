"""Translation speed: the naive path against mtsum's path, same model, same forced length.

Builds, offline, a random-weight Marian with the real opus-mt-en-vi architecture (d_model 512,
6+6 layers, 8 heads, ffn 2048, ~53k vocabulary), takes 64 English sentences of the seeds, and
forces every output to exactly N tokens so that every variant does the same work. Prints
sentences/s, tokens/s and the ratio to the naive path (transformers, one sentence at a time),
all measured in this run.

    python bench/translate_speed.py [--sentences 64] [--tokens 48] [--threads 2]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _common import table  # noqa: E402

from mtsum.ingest import read_article  # noqa: E402
from mtsum.registry import ModelSpec  # noqa: E402
from mtsum.sentences import split_sentences  # noqa: E402
from mtsum.settings import Settings  # noqa: E402
from mtsum.translate import TranslationEngine  # noqa: E402
from tests.tiny_models import SEEDS, build_marian  # noqa: E402


def seed_sentences(n: int) -> list[str]:
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        article = read_article(path)
        out += [s for p in article.paragraphs for s in split_sentences(p, "en")]
    english = [s for s in out if s.isascii() and len(s.split()) >= 5]
    return (english * (n // len(english) + 1))[:n]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=64)
    parser.add_argument("--tokens", type=int, default=48, help="forced output length")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    import torch
    from transformers import MarianMTModel, MarianTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    torch.set_num_threads(args.threads)
    sentences = seed_sentences(args.sentences)
    forced = {"min_new_tokens": args.tokens, "max_new_tokens": args.tokens}
    produced = len(sentences) * args.tokens

    with tempfile.TemporaryDirectory() as tmp:
        folder = build_marian(Path(tmp) / "en-vi", d_model=512, layers=6, heads=8, ffn=2048,
                              vocab_size=53_000, max_positions=512)
        params = sum(p.numel() for p in MarianMTModel.from_pretrained(folder).parameters())
        print(f"model: random-weight Marian, {params / 1e6:.1f}M parameters; "
              f"{len(sentences)} sentences, {args.tokens} output tokens each, "
              f"{args.threads} threads", file=sys.stderr)

        results = []

        # Naive: transformers, one sentence at a time, greedy.
        tokenizer = MarianTokenizer.from_pretrained(folder)
        model = MarianMTModel.from_pretrained(folder).eval()
        start = time.perf_counter()
        with torch.inference_mode():
            for s in sentences:
                batch = tokenizer([f">>vie<< {s}"], return_tensors="pt")
                model.generate(**batch, num_beams=1, do_sample=False, **forced)
        results.append(("naive: transformers, 1 sentence at a time, greedy",
                        time.perf_counter() - start))
        del model

        # mtsum: the engine's sentence batching, as `mtsum brief` runs it.
        spec = ModelSpec("translate", "en", "vi", str(folder), prefix=">>vie<<")
        for beam in (1, 4):
            from mtsum.backends.hf import TransformersTranslator

            settings = Settings(beam=beam)
            translator = TransformersTranslator(spec, folder, beam=beam,
                                                generate_options=forced)
            engine = TranslationEngine(settings, loader=lambda *a, t=translator, **k: t)
            start = time.perf_counter()
            engine.translate(sentences, "en", "vi")
            label = (f"mtsum torch path, batch {settings.batch_size}, "
                     f"{'greedy' if beam == 1 else f'beam {beam}'}")
            results.append((label, time.perf_counter() - start))

    naive = results[0][1]
    rows = [[label, f"{seconds:.1f}", f"{len(sentences) / seconds:.2f}",
             f"{produced / seconds:.0f}", f"{naive / seconds:.2f}x"]
            for label, seconds in results]
    print(table(rows, ["variant", "seconds", "sentences/s", "tokens/s", "vs naive"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
