"""Train mtsum's learned readings of a figure, on the development part of the figure set:
which capital an amount is (:mod:`mtsum.measure_model`, ``mtsum/data/measure_model.json``)
and whose a figure is (:mod:`mtsum.scope_model`, ``mtsum/data/scope_model.json``).

    python -m bench.train_scope_model [--folds 5] [--check]

Only the development part is read: the ``dev-`` files of ``bench/data/figures/``, never a
``held-out-`` one. Each annotated figure that mtsum's rules find is one example: its
features as the model sees them at run time (the rules' scope settled against the set's
subject first), its label whole or part, and for a part its annotated phrase.

- ``measure``: an amount the rules read as one of :data:`CAPITAL` is one example, its label
  the annotated measure; one logistic regression a class (one against the rest), as
  ``part``. It is trained first, on the rules' measures alone; the scope model is then
  trained on the figures as they are read with it.

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
from collections import Counter, defaultdict
from pathlib import Path

from bench.eval_figures import DATA, _key, load  # noqa: E402
from mtsum import measure_model, scope, scope_model  # noqa: E402
from mtsum.figures import as_whole, figures_by_sentence, seen_by_model  # noqa: E402
from mtsum.scope import infer_subject, resolve  # noqa: E402
from mtsum.sentences import split_sentences  # noqa: E402

OUT = Path(scope_model.__file__).resolve().parent / "data" / "scope_model.json"
MEASURE_OUT = OUT.with_name("measure_model.json")
# the measures of capital the measure model chooses among (keys of mtsum/data/measures.toml)
CAPITAL = (
    "domestic_investment",
    "fdi",
    "fdi_disbursed",
    "investment",
    "registered_capital",
    "total_investment",
)
SEED = 0
PART_PASSES, PART_RATE, PART_L2 = 12, 0.2, 1e-5
PHRASE_PASSES = 6
KEEP = 1e-3  # weights nearer zero than this are left out of the file
MIN_COUNT = 2  # the part model learns only features seen in this many examples or more


def _matched(path: Path, rules_alone: bool):
    """Each annotated figure of the development part that mtsum finds, read as a briefing
    reads an article: (its entry, the subject, the figure as the models see it, its
    annotation). ``rules_alone``: as the measure model sees it (read without that model, its
    scope not settled against the subject); else as the scope model does."""
    entries = [e for e in load(path) if e.text is not None and not e.held_out]
    subject = infer_subject(e.text for e in entries)
    by_doc: dict[tuple, list] = defaultdict(list)
    for e in entries:
        by_doc[(e.doc, e.lang, e.reference)].append(e)
    for group in by_doc.values():
        pieces = [split_sentences(e.text, e.lang) or [e.text] for e in group]
        flat = figures_by_sentence(
            [p for ps in pieces for p in ps],
            group[0].lang,
            reference=group[0].reference,
            learned=not rules_alone,
        )
        own = infer_subject(e.text for e in group) if group[0].source == "shared" else subject
        at = 0
        for entry, ps in zip(group, pieces):
            found = [f for fs in flat[at : at + len(ps)] for f in fs]
            at += len(ps)
            if not rules_alone:
                found = [
                    f
                    if f.scope is None or not resolve(f.scope_kind, f.scope_key, own)
                    else as_whole(f)
                    for f in found
                ]
            pending = list(entry.gold)
            for f, seen in zip(found, seen_by_model(found)):
                key = _key(str(f.kind), f.value, f.unit)
                gold = next((g for g in pending if _key(g.kind, g.value, g.unit) == key), None)
                if gold is None:
                    continue
                pending.remove(gold)
                if seen is not None:
                    yield entry, own, seen, gold


def examples(path: Path = DATA) -> list[dict]:
    """The development part's annotated figures that the rules find, as the model sees them."""
    return [
        {
            "seen": seen,
            "subject": own,
            "part": gold.scope != "whole",
            "phrase": None if gold.scope == "whole" else gold.scope,
            "round": _round(entry.section),
        }
        for entry, own, seen, gold in _matched(path, rules_alone=False)
        if gold.scope is not None
    ]


def measure_examples(path: Path = DATA) -> list[dict]:
    """The development part's annotated amounts that the rules read as capital, with the
    rules' measure alone (the measure model off), as the measure model sees them."""
    return [
        {"seen": seen, "measure": gold.measure, "round": _round(entry.section)}
        for entry, _, seen, gold in _matched(path, rules_alone=True)
        if seen.kind == "money" and seen.measure in CAPITAL
    ]


def fit_measure(rows: list[dict]) -> dict:
    """One weight a class for each feature (a feature whose weights are all near zero left
    out), the classes in :data:`CAPITAL`'s order."""
    data = [measure_model.features(r["seen"]) for r in rows]
    tables = [
        train_part([(fs, int(r["measure"] == c)) for fs, r in zip(data, rows)]) for c in CAPITAL
    ]
    weights = {}
    for feature in sorted(set().union(*tables)):
        row = [round(t.get(feature, 0.0), 4) for t in tables]
        if any(abs(w) >= KEEP for w in row):
            weights[feature] = row
    support = Counter(f"{r['seen'].measure}|{scope._code(r['seen'].lang)}" for r in rows)
    return {"classes": list(CAPITAL), "support": dict(sorted(support.items())), "weights": weights}


def cross_validate_measure(rows: list[dict], folds: int) -> None:
    rounds = sorted({r["round"] for r in rows})
    fold_of = {name: k % folds for k, name in enumerate(rounds)}
    rules = model = 0
    for k in range(folds):
        weights = fit_measure([r for r in rows if fold_of[r["round"]] != k])
        for r in rows:
            if fold_of[r["round"]] == k:
                rules += r["seen"].measure == r["measure"]
                model += measure_model.measure(r["seen"], weights) == r["measure"]
    n = len(rows)
    print(
        f"{folds}-fold by round, {n} amounts the rules read as capital: measure right, rules "
        f"{100 * rules / n:.1f}%, rules and model {100 * model / n:.1f}%"
    )


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
    data = [(scope_model.features(r["seen"], r["subject"]), int(r["part"])) for r in rows]
    seen = Counter(f for fs, _ in data for f in fs)
    # a feature of one example only is left out: as accurate by cross-validation (94.37%
    # against 94.38%, 16,473 figures), half the weights
    part = train_part([({f for f in fs if seen[f] >= MIN_COUNT}, y) for fs, y in data])
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


def _measure_differ(stored: dict, fresh: dict, tolerance: float = 0.01) -> bool:
    """As :func:`_differ`, for the measure model's table (a list of weights a feature)."""
    if stored.get("classes") != fresh["classes"] or stored.get("support") != fresh["support"]:
        return True
    old, new = stored.get("weights", {}), fresh["weights"]
    zero = [0.0] * len(fresh["classes"])
    return any(
        abs(a - b) > tolerance
        for k in old.keys() | new
        for a, b in zip(old.get(k, zero), new.get(k, zero))
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
    measure_rows = measure_examples()
    print(
        f"{len(measure_rows)} annotated amounts of the development part the rules read as capital"
    )
    if args.folds:
        cross_validate_measure(measure_rows, args.folds)
    measures = fit_measure(measure_rows)
    print(f"measure weights: {len(measures['weights'])} features x {len(CAPITAL)} classes")
    stale_measure = False
    if args.check:
        stored = (
            json.loads(MEASURE_OUT.read_text(encoding="utf-8")) if MEASURE_OUT.is_file() else {}
        )
        stale_measure = _measure_differ(stored, measures)
        print(
            f"{MEASURE_OUT.name}: "
            f"{'STALE: run python -m bench.train_scope_model' if stale_measure else 'ok'}"
        )
    else:
        _write(MEASURE_OUT, measures)
        measure_model._weights.cache_clear()  # the scope model learns from figures read with it
    rows = examples()
    print(f"{len(rows)} annotated figures of the development part, subject {rows[0]['subject']!r}")
    if args.folds:
        cross_validate(rows, args.folds)
    weights = fit(rows)
    print(f"weights: part {len(weights['part'])}, phrase {len(weights['phrase'])}")
    if args.check:
        stale = not OUT.is_file() or _differ(json.loads(OUT.read_text(encoding="utf-8")), weights)
        print(f"{OUT.name}: {'STALE: run python -m bench.train_scope_model' if stale else 'ok'}")
        return 1 if stale or stale_measure else 0
    _write(OUT, weights)
    return 0


def _write(path: Path, table: dict) -> None:
    if "classes" in table:  # the measure model: a feature and its weights on each line
        rows = ",\n".join(
            f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v)}"
            for k, v in table["weights"].items()
        )
        head = (
            f'"classes": {json.dumps(table["classes"])},\n"support": {json.dumps(table["support"])}'
        )
        text = f'{{{head},\n"weights": {{\n{rows}\n}}}}\n'
    else:
        text = json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True) + "\n"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    print(f"wrote {path}")


if __name__ == "__main__":
    sys.exit(main())
