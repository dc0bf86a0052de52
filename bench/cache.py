"""The content-addressed cache on a weekly re-run: a model-backed brief of the seeds (tiny
offline-built Marian for vi-en, no-en and en-vi, default backend), run again unchanged, then
run after one new article arrives.

    python -m bench.cache [--check]

Measured in one process, after a warm-up brief without models (so language detection and date
parsing are loaded in every timed run), and again as whole `mtsum brief` processes. The
first run is a real first run: it imports torch and transformers and converts the model for
CTranslate2 once; with a tiny model that, not the translating, is most of its time. Targets:
the unchanged second run >= 20x faster than the first (in process), and the run after adding
one article sends only that article's text to a model.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NEW_ARTICLE = "004_0b46af3614b9e39e.txt"  # the Norwegian seed: needs no-en and en-vi


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args()

    from mtsum.brief import make_briefing
    from mtsum.cache import Cache
    from mtsum.ingest import read_article
    from mtsum.sentences import split_sentences
    from mtsum.settings import Settings
    from mtsum.translate import TranslationEngine
    from tests.tiny_models import SEEDS

    class Recording(TranslationEngine):
        """Remembers every text sent to a model."""

        sent: list[str]

        def translator(self, spec):
            model = super().translator(spec)
            engine = self

            class Proxy:
                def __getattr__(self, name):
                    return getattr(model, name)

                def translate_batch(self, texts, max_tokens=None):
                    out = model.translate_batch(texts, max_tokens=max_tokens)
                    engine.sent.extend(zip(texts, out))
                    return out

                def translate_batches(self, batches, max_tokens=None):
                    for texts, out in zip(
                        batches, model.translate_batches(batches, max_tokens=max_tokens)
                    ):
                        engine.sent.extend(zip(texts, out))
                        yield out

            return Proxy()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folder = tmp / "seeds"
        folder.mkdir()
        for path in SEEDS.glob("*.txt"):
            if path.name != NEW_ARTICLE:
                shutil.copy(path, folder / path.name)
        # Built in a child process: this one has imported neither torch nor transformers,
        # as a user's first run has not, so the first run pays what a real first run pays.
        model = tmp / "tiny-marian"
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from tests.tiny_models import build_marian; build_marian(sys.argv[1])",
                str(model),
            ],
            check=True,
            cwd=Path(__file__).resolve().parent.parent,
            capture_output=True,
        )
        settings = Settings(
            date=dt.date(2026, 11, 22),
            engine="extractive",
            cache_dir=tmp / "cache",
            out_dir=tmp / "out",
            models={p: str(model) for p in ("vi-en", "no-en", "en-vi")},
        )

        make_briefing([folder], settings.replace(translate=False))  # warm-up, no models

        def run(label: str) -> dict:
            engine = Recording(settings, cache=Cache(settings.resolved_cache_dir))
            engine.sent = []
            start = time.perf_counter()
            make_briefing([folder], settings, engine=engine)
            seconds = time.perf_counter() - start
            engine.cache.close()
            return {
                "label": label,
                "seconds": seconds,
                "sent": list(engine.sent),
                "loaded": engine.loaded_models,
            }

        first = run("first run (empty cache; converts the model)")
        second = run("second run, same folder")
        shutil.copy(SEEDS / NEW_ARTICLE, folder / NEW_ARTICLE)
        third = run("third run, one article added")

        # Whole processes, with a fresh cache of their own.
        env = {**os.environ, "MTSUM_CACHE_DIR": str(tmp / "cli-cache"), "HF_HUB_OFFLINE": "1"}
        config = tmp / "mtsum.toml"
        config.write_text(
            "[models]\n" + "".join(f'"{p}" = "{model}"\n' for p in ("vi-en", "no-en", "en-vi"))
        )
        mtsum = [
            sys.executable,
            "-m",
            "mtsum",
            "-q",
            "--config",
            str(config),
            "brief",
            str(folder),
            "--out",
            str(tmp / "cli-out"),
            "--date",
            "2026-11-22",
            "--engine",
            "extractive",
        ]
        process = []
        for _ in range(2):
            start = time.perf_counter()
            subprocess.run(mtsum, env=env, check=True, stdout=subprocess.DEVNULL)
            process.append(time.perf_counter() - start)

    new = read_article(SEEDS / NEW_ARTICLE)
    new_sentences = {s for p in new.paragraphs for s in split_sentences(p, "no")}
    print(f"{'run':<46}{'seconds':>9}{'sentences to a model':>22}  models loaded")
    for r in (first, second, third):
        print(
            f"{r['label']:<46}{r['seconds']:>9.3f}{len(r['sent']):>22}  "
            f"{', '.join(Path(m).name for m in r['loaded']) or '-'}"
        )
    ratio = first["seconds"] / second["seconds"]
    print(f"\nsecond run vs first, in process: {ratio:.0f}x faster (target >= 20x)")
    print(
        f"as whole `mtsum brief` processes: first {process[0]:.2f} s, second "
        f"{process[1]:.2f} s ({process[0] / process[1]:.1f}x; the second is start-up, "
        "reading and detection)"
    )

    def in_new(text: str) -> bool:  # a sentence of it, or a piece of a long one
        return any(text in sentence for sentence in new_sentences)

    from_new = [t for t, _ in third["sent"] if in_new(t)]
    english_of_new = " ".join(out for t, out in third["sent"] if in_new(t))
    of_new = [t for t, _ in third["sent"] if not in_new(t) and t in english_of_new]
    elsewhere = [t for t, _ in third["sent"] if not in_new(t) and t not in english_of_new]
    for text in elsewhere:
        print(f"  sent, not from the new article: {text[:100]!r}")
    print(
        f"after adding {NEW_ARTICLE}: {len(third['sent'])} sentences sent to a model: "
        f"{len(from_new)} sentences or pieces of its {len(new_sentences)} (no-en), {len(of_new)} of "
        f"their English translations (en-vi: its summary, brief points), {len(elsewhere)} "
        "from other articles"
    )
    ok = ratio >= 20 and not second["sent"] and from_new and not elsewhere
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
