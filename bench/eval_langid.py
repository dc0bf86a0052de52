"""Language-identification accuracy on FLORES-200 (../shared/eval/langid-flores200).

Prints, per language, the sentence accuracy of plain seeded langdetect (run through mtsum's
copy of its Detector, which gives the same probabilities: bench/detect_speed.py) and of
mtsum's detector (langdetect + script and spelling corrections), both computed in this run,
and the document accuracy on runs of 5 consecutive sentences of one language. ``--check`` exits 1 when a target
is missed (sentences >= 98.5% overall, no language below 95%, documents 100%).

    python -m bench.eval_langid [--check] [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter

from bench._common import flores_sentences, table
from mtsum.detect import _langdetect, detect_language

TARGET_OVERALL, TARGET_LANG, TARGET_DOCS, DOC_LEN = 0.985, 0.95, 1.0, 5


def plain(text: str) -> str | None:
    ranked = _langdetect(text)
    return ranked[0][0] if ranked else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--limit", type=int, default=0, help="sentences per language (0: all)")
    args = parser.parse_args()

    by_lang = flores_sentences(args.limit)

    start = time.perf_counter()
    out, total = [], Counter()
    confusions: dict[str, Counter] = {}
    for lang, texts in sorted(by_lang.items()):
        base = sum(plain(t) == lang for t in texts)
        guesses = [detect_language(t).lang for t in texts]
        ours = sum(g == lang for g in guesses)
        docs = [
            " ".join(texts[i : i + DOC_LEN]) for i in range(0, len(texts) - DOC_LEN + 1, DOC_LEN)
        ]
        doc_ok = sum(detect_language(d).lang == lang for d in docs)
        confusions[lang] = Counter(g for g in guesses if g != lang)
        total.update(n=len(texts), base=base, ours=ours, docs=len(docs), doc_ok=doc_ok)
        out.append(
            [
                lang,
                len(texts),
                f"{base / len(texts):.1%}",
                f"{ours / len(texts):.1%}",
                f"{doc_ok}/{len(docs)}",
                ", ".join(f"{k or '?'}:{v}" for k, v in confusions[lang].most_common(3)),
            ]
        )
    seconds = time.perf_counter() - start
    overall, overall_base = total["ours"] / total["n"], total["base"] / total["n"]
    doc_acc = total["doc_ok"] / total["docs"]
    print(table(out, ["lang", "sentences", "langdetect", "mtsum", "docs(5)", "mtsum errors"]))
    print(
        f"\noverall sentence accuracy: langdetect {overall_base:.2%}, mtsum {overall:.2%}; "
        f"documents of {DOC_LEN}: mtsum {doc_acc:.2%} ({total['doc_ok']}/{total['docs']}); "
        f"{seconds:.1f} s"
    )
    worst_lang, worst = min(
        ((r[0], float(r[3].rstrip("%")) / 100) for r in out), key=lambda x: x[1]
    )
    ok = overall >= TARGET_OVERALL and worst >= TARGET_LANG and doc_acc >= TARGET_DOCS
    print(
        f"targets (>= {TARGET_OVERALL:.1%} overall, every language >= {TARGET_LANG:.0%}, "
        f"documents {TARGET_DOCS:.0%}): {'met' if ok else 'MISSED'} "
        f"(lowest: {worst_lang} {worst:.1%})"
    )
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
