"""langdetect against mtsum's copy of its Detector (mtsum.detect: the same algorithm with
faster loops), on FLORES-200 (../shared/eval/langid-flores200): the same answers, and the time.

Two sets: every sentence alone, and "articles" of 10 consecutive sentences of one language
(about the length of a news article's text). Each detector runs ``--repeat`` times over a
set, alternately; each keeps its fastest run. Every probability of every text must be the
same, bit for bit (so `bench/eval_langid.py`'s figures hold for both).

    python -m bench.detect_speed [--repeat 2] [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import time

from bench._common import flores_sentences, table


def run(detector_class, factory, texts: list[str]) -> tuple[float, list]:
    from langdetect.lang_detect_exception import LangDetectException

    out = []
    start = time.perf_counter()
    for text in texts:
        detector = detector_class(factory)
        detector.append(text)
        try:
            out.append([(p.lang, p.prob) for p in detector.get_probabilities()])
        except LangDetectException as exc:
            out.append(str(exc))
    return time.perf_counter() - start, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="sentences per language (0: all)")
    args = parser.parse_args()

    from langdetect.detector import Detector

    from mtsum.detect import _detector_class, _factory

    by_lang = flores_sentences(args.limit)
    sentences = [s for texts in by_lang.values() for s in texts]
    articles = [
        " ".join(texts[i : i + 10]) for texts in by_lang.values() for i in range(0, len(texts), 10)
    ]
    factory = _factory()
    fast = _detector_class()
    run(fast, factory, sentences[:50])  # its per-character tables warm up, as in a run
    results = []
    for name, texts in (("sentences", sentences), ("articles of 10 sentences", articles)):
        best = {"langdetect": float("inf"), "mtsum": float("inf")}
        answers = {}
        for _ in range(args.repeat):
            for label, cls in (("langdetect", Detector), ("mtsum", fast)):
                seconds, answers[label] = run(cls, factory, texts)
                best[label] = min(best[label], seconds)
        same = sum(a == b for a, b in zip(answers["langdetect"], answers["mtsum"]))
        results.append((name, len(texts), best, same))
        print(
            f"{name}: langdetect {best['langdetect']:.1f} s, mtsum {best['mtsum']:.1f} s",
            file=sys.stderr,
        )
    rows_out = [
        [
            name,
            f"{n:,}",
            f"{best['langdetect']:.1f}",
            f"{best['mtsum']:.1f}",
            f"{1000 * best['mtsum'] / n:.2f}",
            f"{best['langdetect'] / best['mtsum']:.2f}x",
            f"{same:,}/{n:,}",
        ]
        for name, n, best, same in results
    ]
    header = ["texts", "count", "langdetect s", "mtsum s", "mtsum ms each", "speed-up", "same"]
    print(table(rows_out, header))
    identical = all(same == n for _, n, _, same in results)
    print(f"\nevery probability the same: {identical}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
