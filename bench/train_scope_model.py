"""Train mtsum's learned reading of scope (:mod:`mtsum.scope_model`) on the development part
of the figure set, and write ``mtsum/data/scope_model.json``.

    python -m bench.train_scope_model [--folds 5] [--check]

Only the development part is read: the ``dev-`` files of ``bench/data/figures/``, never a
``held-out-`` one. Each annotated figure that mtsum's rules find is one example: its
features as the model sees them at run time (the rules' scope settled against the set's
subject first), its label whole or part, and for a part its annotated phrase.

- ``part``: logistic regression, Adagrad, L2, 12 passes in a seeded order.
- ``phrase``: an averaged perceptron ranking the candidate spans; an example counts where its
  annotated phrase is one of the candidates.

``--folds K`` first prints a K-fold cross-validation by annotation round (no round's figures
in its own training folds): the rules alone against rules and model. ``--check`` trains and
fails where the result differs from the stored file (the file is stale): a weight more
than 0.01 off.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

from bench.eval_figures import DATA, _key, load  # noqa: E402
from mtsum import scope_model  # noqa: E402
from mtsum.figures import as_whole, figures_by_sentence, seen_by_model  # noqa: E402
from mtsum.scope import infer_subject, resolve  # noqa: E402
from mtsum.sentences import split_sentences  # noqa: E402

OUT = Path(scope_model.__file__).resolve().parent / "data" / "scope_model.json"
SEED = 0
PART_PASSES, PART_RATE, PART_L2 = 12, 0.2, 1e-5
PHRASE_PASSES = 6
KEEP = 1e-3  # weights nearer zero than this are left out of the file


def examples(path: Path = DATA) -> list[dict]:
    """The development part's annotated figures that the rules find, as the model sees them."""
    entries = [e for e in load(path) if e.text is not None and not e.held_out]
    subject = infer_subject(e.text for e in entries)
    by_doc: dict[tuple, list] = defaultdict(list)
    for e in entries:
        by_doc[(e.doc, e.lang, e.reference)].append(e)
    out = []
    for group in by_doc.values():
        pieces = [split_sentences(e.text, e.lang) or [e.text] for e in group]
        flat = figures_by_sentence(
            [p for ps in pieces for p in ps], group[0].lang, reference=group[0].reference
        )
        own = infer_subject(e.text for e in group) if group[0].source == "shared" else subject
        at = 0
        for entry, ps in zip(group, pieces):
            found = [f for fs in flat[at : at + len(ps)] for f in fs]
            at += len(ps)
            found = [
                f if f.scope is None or not resolve(f.scope_kind, f.scope_key, own) else as_whole(f)
                for f in found
            ]
            pending = list(entry.gold)
            for f, seen in zip(found, seen_by_model(found)):
                key = _key(str(f.kind), f.value, f.unit)
                gold = next((g for g in pending if _key(g.kind, g.value, g.unit) == key), None)
                if gold is None:
                    continue
                pending.remove(gold)
                if gold.scope is None or seen is None:
                    continue
                out.append(
                    {
                        "seen": seen,
                        "subject": own,
                        "part": gold.scope != "whole",
                        "phrase": None if gold.scope == "whole" else gold.scope,
                        "round": _round(entry.section),
                    }
                )
    return out


def _round(section: str) -> str:
    """The annotation round a section's header names ("21A"), or the header itself."""
    m = re.search(r"round (\w+)", section)
    return m.group(1) if m else section


def train_part(data: list[tuple[set[str], int]], seed: int = SEED) -> dict[str, float]:
    w: dict[str, float] = {}
    g2: dict[str, float] = {}
    order = list(range(len(data)))
    rng = random.Random(seed)
    for _ in range(PART_PASSES):
        rng.shuffle(order)
        for i in order:
            fs, y = data[i]
            z = math.fsum(w.get(k, 0.0) for k in fs)
            g = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) - y
            for k in fs:
                wk = w.get(k, 0.0)
                gk = g + PART_L2 * wk
                g2[k] = g2.get(k, 0.0) + gk * gk
                w[k] = wk - PART_RATE * gk / math.sqrt(g2[k] + 1e-8)
    return w


def train_phrase(data: list[tuple[list[set[str]], int]], seed: int = SEED) -> dict[str, float]:
    """An averaged perceptron: each example is its candidates' features and the index of the
    annotated one."""
    w: dict[str, float] = defaultdict(float)
    total: dict[str, float] = defaultdict(float)  # the sum of every step's weights, lazily
    stamp: dict[str, int] = defaultdict(int)
    step = 0
    order = list(range(len(data)))
    rng = random.Random(seed)
    for _ in range(PHRASE_PASSES):
        rng.shuffle(order)
        for i in order:
            step += 1
            cands, gold = data[i]
            scores = [math.fsum(w.get(k, 0.0) for k in c) for c in cands]
            best = max(range(len(cands)), key=lambda j: (scores[j], -j))
            if best == gold:
                continue
            for k, delta in [*((k, 1.0) for k in cands[gold]), *((k, -1.0) for k in cands[best])]:
                total[k] += (step - stamp[k]) * w[k]
                stamp[k] = step
                w[k] += delta
    for k in w:
        total[k] += (step + 1 - stamp[k]) * w[k]
    return {k: v / (step + 1) for k, v in total.items()}


def _phrase_examples(rows: list[dict]) -> list[tuple[list[set[str]], int]]:
    out = []
    for r in rows:
        if not r["part"]:
            continue
        cands = scope_model.candidates(r["seen"], r["subject"])
        text = r["seen"].sentence
        gold = next((k for k, (a, b, _) in enumerate(cands) if text[a:b] == r["phrase"]), None)
        if gold is not None:
            out.append(([f for _, _, f in cands], gold))
    return out


def fit(rows: list[dict]) -> dict[str, dict[str, float]]:
    part = train_part(
        [(scope_model.features(r["seen"], r["subject"]), int(r["part"])) for r in rows]
    )
    phrase = train_phrase(_phrase_examples(rows))
    return {
        "part": {k: round(v, 4) for k, v in sorted(part.items()) if abs(v) >= KEEP},
        "phrase": {k: round(v, 4) for k, v in sorted(phrase.items()) if abs(v) >= KEEP},
    }


def cross_validate(rows: list[dict], folds: int) -> None:
    rounds = sorted({r["round"] for r in rows})
    fold_of = {name: k % folds for k, name in enumerate(rounds)}
    n = rules = model = part_as_whole = unnamed = shown = exact = near = 0
    for k in range(folds):
        weights = fit([r for r in rows if fold_of[r["round"]] != k])
        for r in rows:
            if fold_of[r["round"]] != k:
                continue
            seen, subject = r["seen"], r["subject"]
            n += 1
            said = seen.rule_scope is not None or seen.part
            rules += said == r["part"]
            p = scope_model.part_probability(seen, subject, weights)
            part = said != (p is not None and scope_model.overrules(p, said))
            model += part == r["part"]
            part_as_whole += r["part"] and not part
            if r["part"] and part and not said:
                unnamed += 1
                phrase = scope_model.part_phrase(seen, subject, weights)
                shown += phrase is not None
                exact += phrase is not None and phrase == r["phrase"]
                near += phrase is not None and (phrase in r["phrase"] or r["phrase"] in phrase)
    print(
        f"{folds}-fold by round, {n} figures: whole or part, rules {100 * rules / n:.1f}%, "
        f"rules and model {100 * model / n:.1f}% ({part_as_whole} parts read as the whole); "
        f"parts found by the model alone: {unnamed}, named for {shown} of them, "
        f"the annotated words exactly for {exact}, words within them or around them for {near}"
    )


def _differ(stored: dict, fresh: dict, tolerance: float = 0.01) -> bool:
    """Whether the stored weights are not what training gives now: a weight further than
    ``tolerance`` off, a missing one counted as 0 (another machine's floating point may move
    the last of the four decimals kept)."""
    for table in fresh:
        old, new = stored.get(table, {}), fresh[table]
        if any(abs(old.get(k, 0.0) - new.get(k, 0.0)) > tolerance for k in old.keys() | new):
            return True
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=0)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    rows = examples()
    print(f"{len(rows)} annotated figures of the development part, subject {rows[0]['subject']!r}")
    if args.folds:
        cross_validate(rows, args.folds)
    weights = fit(rows)
    text = json.dumps(weights, ensure_ascii=False, indent=0, sort_keys=True) + "\n"
    print(f"weights: part {len(weights['part'])}, phrase {len(weights['phrase'])}")
    if args.check:
        stale = not OUT.is_file() or _differ(json.loads(OUT.read_text(encoding="utf-8")), weights)
        print(f"{OUT.name}: {'STALE: run python -m bench.train_scope_model' if stale else 'ok'}")
        return 1 if stale else 0
    tmp = OUT.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(OUT)
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
