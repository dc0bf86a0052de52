"""ROUGE of mtsum's extractive summariser against baselines, on every set in ../shared/eval.

For each summarisation set (single-document ``sds-*``, multi-document ``mds-*``) it computes, in
this run and with the same word budget for every system (the set's mean reference length):

- mtsum: :func:`mtsum.summarize.summarize_sentences` (one article) or
  :func:`mtsum.summarize.summarize_documents` (a cluster of articles);
- brief (multi-document sets): :func:`mtsum.summarize.brief_points`, the cross-article step
  behind the briefing's "At a glance" and "Key points", its points in rank order;
- Lead-3 (single document: the first three sentences) or lead-of-each-document (multi-document:
  the first sentence of each document, then the second of each, ...), cut at the budget;
- TextRank: a plain TF-IDF cosine graph ranked with PageRank, best sentences until the budget,
  independent of mtsum's code.

ROUGE-1/2/L F1 (``rouge-score``; R-L is sentence-level LCS), max over a row's references,
averaged over rows. English uses rouge-score's tokenizer with the Porter stemmer; other
languages a Unicode ``\\w+`` tokenizer (rouge-score's own drops every letter outside a-z, i.e.
every Vietnamese letter with a diacritic). ``--check`` exits 1 unless mtsum's R-2 and the
brief's are at or above both baselines on every multi-document set, mtsum's is not behind them
on a single-document set (behind: lower, with the paired bootstrap's 95% interval of the
per-article difference wholly below zero), and none is below the scores stored in
``bench/data/summaries-baseline.json`` (the last release's; a drop fails).
``--save`` writes this run's scores there, as a release does.

``--loso`` chooses the summariser's position prior (weight, decay) by leave-one-set-out: for
each set, the grid's best weights on the *other* sets of its kind (single- or multi-document;
by default the weights whose smallest margin over a set's stronger baseline is largest, see
:func:`loso`) are scored on the left-out set, against Lead and TextRank, with
a paired bootstrap 95% interval of the per-row difference. It also prints the weights that are
best on all sets of each kind, the ones ``mtsum/data/summarizer.toml`` ships.

    python -m bench.eval_summaries [--check] [--save] [--limit N] [--sets sds-cnndm,mds-vims]
    python -m bench.eval_summaries --loso [--objective maximin|mean] [--limit N] [--sets ...]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter

from bench._common import ROOT, eval_dir, read_jsonl, table
from mtsum.sentences import split_sentences
from mtsum.summarize import Unit, brief_points, summarize_documents, summarize_sentences

BASELINE = ROOT / "bench" / "data" / "summaries-baseline.json"
TOLERANCE = 0.01  # R-2 points: the scores are deterministic, this only absorbs rounding

SETS = [
    "sds-cnndm",
    "sds-en-frank",
    "sds-en-writers",
    "sds-vietnews",
    "mds-multinews",
    "mds-multinews-sample",
    "mds-vims",
    "mds-vmds",
]
_WORD = re.compile(r"\w+", re.UNICODE)


class UnicodeTokenizer:
    """rouge-score tokenizer interface: lower-cased Unicode word tokens."""

    def tokenize(self, text: str) -> list[str]:
        return _WORD.findall(text.lower())


def scorer_for(lang: str):
    from rouge_score import rouge_scorer

    types = ["rouge1", "rouge2", "rougeL"]
    if lang == "en":
        return rouge_scorer.RougeScorer(types, use_stemmer=True)
    return rouge_scorer.RougeScorer(types, tokenizer=UnicodeTokenizer())


def documents_of(row: dict) -> list[list[str]]:
    """Each document as its sentences (paragraphs are its lines)."""
    docs = row.get("documents") or [{"text": row["text"]}]
    lang = row.get("lang", "en")
    return [
        [s for line in d["text"].splitlines() if line.strip() for s in split_sentences(line, lang)]
        for d in docs
    ]


def cut(sentences: list[str], budget: int) -> str:
    out, used = [], 0
    for s in sentences:
        tokens = s.split()
        if used + len(tokens) > budget:
            out.append(" ".join(tokens[: budget - used]))
            break
        out.append(s)
        used += len(tokens)
    return " ".join(t for t in out if t)


def lead(docs: list[list[str]], budget: int) -> str:
    if len(docs) == 1:
        return cut(docs[0][:3], budget)
    interleaved = [doc[i] for i in range(max(map(len, docs))) for doc in docs if i < len(doc)]
    return cut(interleaved, budget)


def textrank(docs: list[list[str]], budget: int) -> str:
    import numpy as np

    sentences = [s for doc in docs for s in doc]
    bags = [_WORD.findall(s.lower()) for s in sentences]
    vocab = {w: i for i, w in enumerate(sorted({w for b in bags for w in b}))}
    n = len(sentences)
    df = np.zeros(len(vocab))
    for b in bags:
        for w in set(b):
            df[vocab[w]] += 1
    m = np.zeros((n, len(vocab)))
    for r, b in enumerate(bags):
        for w in b:
            m[r, vocab[w]] += 1
    m *= np.log(n / np.maximum(df, 1)) + 1
    m /= np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-12)
    sim = m @ m.T
    np.fill_diagonal(sim, 0)
    out = sim.sum(axis=1, keepdims=True)
    trans = np.where(out > 0, sim / np.maximum(out, 1e-12), 1 / n)
    rank = np.full(n, 1 / n)
    for _ in range(50):
        rank = 0.15 / n + 0.85 * trans.T @ rank
    chosen, used = [], 0
    for i in sorted(range(n), key=lambda i: (-rank[i], i)):
        if used >= budget:
            break
        chosen.append(i)
        used += len(sentences[i].split())
    return cut([sentences[i] for i in sorted(chosen)], budget)


def mtsum_summary(
    docs: list[list[str]], lang: str, budget: int, position: tuple[float, float] | None = None
) -> str:
    if len(docs) == 1:
        summary = summarize_sentences(docs[0], lang, n=None, max_words=budget, position=position)
    else:
        summary = summarize_documents(docs, lang, n=None, max_words=budget, position=position)
    return cut([s.rstrip(" …") for s in summary.sentences], budget)


def brief_summary(docs: list[list[str]], lang: str, budget: int) -> str:
    units = [Unit(s, str(d), i) for d, doc in enumerate(docs) for i, s in enumerate(doc)]
    points = brief_points(units, lang, points=max(7, budget // 10))
    return cut([p.text for p in points], budget)


SYSTEMS = {"mtsum": mtsum_summary, "brief": brief_summary, "lead": lead, "textrank": textrank}
OURS = ("mtsum", "brief")


def evaluate(name: str, rows: list[dict]) -> dict:
    lang = rows[0].get("lang", "en")
    budget = round(statistics.mean(len(r.split()) for row in rows for r in row["references"]))
    scorer = scorer_for(lang)
    systems = [s for s in SYSTEMS if s != "brief" or name.startswith("mds-")]
    totals = {s: [0.0, 0.0, 0.0] for s in systems}
    seconds = {s: 0.0 for s in systems}
    rouge2: dict[str, list[float]] = {s: [] for s in systems}
    for row in rows:
        docs = [d for d in documents_of(row) if d]
        if not docs:
            continue
        for system in systems:
            fn = SYSTEMS[system]
            t0 = time.perf_counter()
            summary = fn(docs, lang, budget) if system in OURS else fn(docs, budget)
            seconds[system] += time.perf_counter() - t0
            best = [0.0, 0.0, 0.0]
            for ref in row["references"]:
                score = scorer.score(ref, summary)
                for k, key in enumerate(("rouge1", "rouge2", "rougeL")):
                    best[k] = max(best[k], score[key].fmeasure)
            for k in range(3):
                totals[system][k] += best[k]
            rouge2[system].append(100 * best[1])
    n = len(rows)
    return {
        "set": name,
        "lang": lang,
        "rows": n,
        "budget": budget,
        "scores": {s: [100 * v / n for v in t] for s, t in totals.items()},
        "seconds": seconds,
        "rouge2": rouge2,
    }


def behind(mine: list[float], theirs: list[float], resamples: int = 2000) -> bool:
    """Whether a system is behind a baseline: its mean R-2 lower and, on a single-document
    set, the paired bootstrap's 95% interval of the difference wholly below zero (a tie of a
    few hundredths over 500 articles is no regression)."""
    import numpy as np

    diff = np.array(mine) - np.array(theirs)
    if diff.mean() >= 0:
        return False
    rng = np.random.default_rng(0)
    means = diff[rng.integers(0, len(diff), (resamples, len(diff)))].mean(axis=1)
    return bool(np.quantile(means, 0.975) < 0)


# --- leave-one-set-out ---------------------------------------------------------------------

# The position prior's grid: weight of the prior in the score, and its decay with the position.
WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
DECAYS = {"single": (0.25, 0.5, 1.0, 1.5, 2.0), "multi": (0.1, 0.25, 0.5, 1.0)}


def kind_of(name: str) -> str:
    return "single" if name.startswith("sds-") else "multi"


def interval(diff: list[float], resamples: int = 2000) -> tuple[float, float]:
    """The paired bootstrap's 95% interval of the mean of per-row differences."""
    import numpy as np

    values = np.array(diff)
    rng = np.random.default_rng(0)
    means = values[rng.integers(0, len(values), (resamples, len(values)))].mean(axis=1)
    return float(np.quantile(means, 0.025)), float(np.quantile(means, 0.975))


class Rouge2:
    """ROUGE-2 F1 (x100, max over a row's references) as rouge-score computes it, with the
    references tokenised once: the weight search scores many summaries of one row."""

    def __init__(self, lang: str):
        if lang == "en":
            from rouge_score.tokenizers import DefaultTokenizer

            self.tokenizer = DefaultTokenizer(use_stemmer=True)
        else:
            self.tokenizer = UnicodeTokenizer()

    def bigrams(self, text: str) -> Counter:
        tokens = self.tokenizer.tokenize(text)
        return Counter(zip(tokens, tokens[1:]))

    def score(self, references: list[Counter], summary: str) -> float:
        mine = self.bigrams(summary)
        size = sum(mine.values())
        best = 0.0
        for ref in references:
            overlap = sum((mine & ref).values())
            total = sum(ref.values())
            if overlap and size and total:
                p, r = overlap / size, overlap / total
                best = max(best, 2 * p * r / (p + r))
        return 100 * best


def _last_call(fn):
    """``fn(items, lang)`` remembering its last answer (the items are compared as a tuple)."""
    last: list = [None, None]

    def wrapper(items, lang):
        key = (tuple(items), lang)
        if last[0] != key:
            last[:] = [key, fn(items, lang)]
        return last[1]

    return wrapper


def grid_scores(name: str, rows: list[dict]) -> dict:
    """Per-row R-2 of Lead, TextRank and mtsum under every weight pair of the set's grid."""
    from mtsum import summarize

    lang = rows[0].get("lang", "en")
    kind = kind_of(name)
    budget = round(statistics.mean(len(r.split()) for row in rows for r in row["references"]))
    rouge = Rouge2(lang)
    grid = [(w, d) for w in WEIGHTS for d in DECAYS[kind]]
    out: dict = {"lead": [], "textrank": [], "grid": {g: [] for g in grid}, "lang": lang}
    graph, listing = summarize._graph, summarize.listing_factors
    try:
        for row in rows:
            docs = [d for d in documents_of(row) if d]
            if not docs:  # scores 0 for every system, as in evaluate()
                for scores in [out["lead"], out["textrank"], *out["grid"].values()]:
                    scores.append(0.0)
                continue
            refs = [rouge.bigrams(r) for r in row["references"]]
            out["lead"].append(rouge.score(refs, lead(docs, budget)))
            out["textrank"].append(rouge.score(refs, textrank(docs, budget)))
            # one row's graph and listing factors, computed once for the whole grid
            summarize._graph = _last_call(graph)
            summarize.listing_factors = _last_call(listing)
            seen: dict[str, float] = {}
            for g in grid:
                text = mtsum_summary(docs, lang, budget, position=g)
                if text not in seen:
                    seen[text] = rouge.score(refs, text)
                out["grid"][g].append(seen[text])
    finally:
        summarize._graph, summarize.listing_factors = graph, listing
    return out


def loso(results: dict[str, dict], objective: str = "maximin") -> int:
    """Print the leave-one-set-out table; the weights best on all sets of each kind.

    ``maximin`` (the default) picks the weights whose smallest relative margin over the
    stronger baseline of each tuning set (mtsum / max(lead, textrank) - 1) is largest: the
    target is to be ahead on every set, so the weakest set decides. ``mean`` picks the highest
    mean of the sets' mean R-2 (the first objective tried; the sets with high scores weigh most).
    """
    from mtsum.summarize import MULTI_POSITION, SINGLE_POSITION

    def mean(values: list[float]) -> float:
        return statistics.mean(values) if values else 0.0

    def margin(name: str, g: tuple[float, float]) -> float:
        r = results[name]
        return mean(r["grid"][g]) / (max(mean(r["lead"]), mean(r["textrank"])) or 1) - 1

    def value(names: list[str], g: tuple[float, float]) -> float:
        if objective == "mean":
            return mean([mean(results[n]["grid"][g]) for n in names])
        return min(margin(n, g) for n in names)

    def best_on(names: list[str], kind: str) -> tuple[float, float]:
        grid = [(w, d) for w in WEIGHTS for d in DECAYS[kind]]
        return max(grid, key=lambda g: (value(names, g), -grid.index(g)))

    body = []
    for name, r in results.items():
        kind = kind_of(name)
        others = [n for n in results if n != name and kind_of(n) == kind]
        if not others:
            print(f"{name}: no other {kind}-document set to tune on", file=sys.stderr)
            continue
        chosen = best_on(others, kind)
        mine = r["grid"][chosen]
        row = [name, r["lang"], len(mine), f"{chosen[0]:g}/{chosen[1]:g}", f"{mean(mine):.2f}"]
        for baseline in ("lead", "textrank"):
            diff = [a - b for a, b in zip(mine, r[baseline])]
            lo, hi = interval(diff)
            row += [f"{mean(r[baseline]):.2f}", f"{mean(diff):+.2f} [{lo:+.2f}, {hi:+.2f}]"]
        body.append(row)
    header = ["left out", "lang", "rows", "w/decay", "mtsum", "lead", "mtsum-lead [95%]"]
    print(table(body, header + ["textrank", "mtsum-textrank [95%]"]))
    shipped = {"single": SINGLE_POSITION, "multi": MULTI_POSITION}
    for kind in ("single", "multi"):
        names = [n for n in results if kind_of(n) == kind]
        if not names:
            continue
        best = best_on(names, kind)
        scores = ", ".join(f"{n} {mean(results[n]['grid'][best]):.2f}" for n in names)
        print(
            f"{kind}-document ({objective}): best on all {len(names)} sets: weight "
            f"{best[0]:g}, decay {best[1]:g} ({scores}); mtsum/data/summarizer.toml ships "
            f"{shipped[kind][0]:g}/{shipped[kind][1]:g}"
        )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="exit 1 below a baseline or below the stored scores"
    )
    parser.add_argument(
        "--save",
        action="store_true",
        help=f"store this run's scores in {BASELINE.relative_to(ROOT)}",
    )
    parser.add_argument("--limit", type=int, help="only the first N rows of each set")
    parser.add_argument("--sets", help="comma-separated set names (default: all present)")
    parser.add_argument(
        "--loso", action="store_true", help="leave-one-set-out table of the position prior"
    )
    parser.add_argument(
        "--objective",
        choices=("maximin", "mean"),
        default="maximin",
        help="--loso: what the weights maximise on the tuning sets (see loso())",
    )
    args = parser.parse_args()
    base = eval_dir()
    if base is None:
        print("skipped: no evaluation data (../shared/eval or MTSUM_EVAL_DIR)", file=sys.stderr)
        return 0
    names = args.sets.split(",") if args.sets else SETS
    results, found = [], []
    for name in names:
        path = next(
            (
                base / name / f
                for f in ("articles.jsonl", "clusters.jsonl")
                if (base / name / f).is_file()
            ),
            None,
        )
        if path is None:
            print(f"skipped: {name} not found", file=sys.stderr)
            continue
        found.append(name)
        rows = read_jsonl(path)[: args.limit]
        t0 = time.perf_counter()
        results.append(grid_scores(name, rows) if args.loso else evaluate(name, rows))
        print(f"{name}: {len(rows)} rows, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    if args.loso:
        return loso(dict(zip(found, results)), args.objective)
    stored = json.loads(BASELINE.read_text()) if BASELINE.is_file() else {}
    body, failed, dropped, notes = [], [], [], []
    for r in results:
        for system in r["scores"]:
            r1, r2, rl = r["scores"][system]
            body.append(
                [
                    r["set"],
                    r["lang"],
                    r["rows"],
                    r["budget"],
                    system,
                    f"{r1:.2f}",
                    f"{r2:.2f}",
                    f"{rl:.2f}",
                    f"{1000 * r['seconds'][system] / max(r['rows'], 1):.1f}",
                ]
            )
        for system in OURS:
            if system not in r["scores"]:
                continue
            mine = r["scores"][system][1]
            multi = r["set"].startswith("mds-")
            for b in ("lead", "textrank"):
                if multi and mine < r["scores"][b][1]:  # strictly at or above on clusters
                    failed.append(f"{r['set']} ({system} < {b})")
                elif not multi and behind(r["rouge2"][system], r["rouge2"][b]):
                    failed.append(f"{r['set']} ({system} < {b}, 95% bootstrap)")
                elif mine < r["scores"][b][1]:
                    notes.append(
                        f"{r['set']}: {system} {mine:.2f} < {b} "
                        f"{r['scores'][b][1]:.2f}, within the paired bootstrap's 95%"
                    )
            before = stored.get(r["set"], {}).get(system)
            if (
                before is not None
                and r["rows"] == before["rows"]
                and mine < before["R-2"] - TOLERANCE
            ):
                dropped.append(f"{r['set']} ({system}: {mine:.2f} < {before['R-2']:.2f})")
    print(table(body, ["set", "lang", "rows", "words", "system", "R-1", "R-2", "R-L", "ms/row"]))
    print(
        "\nR-2 target (mtsum and the brief >= lead and >= textrank on every multi-document "
        "set; on single-document sets not behind them by a paired bootstrap's 95% interval): "
        + ("met" if not failed else "missed on " + ", ".join(failed))
    )
    for note in notes:
        print("  tie: " + note)
    if stored:
        print(
            "against the stored scores ("
            + str(BASELINE.relative_to(ROOT))
            + "): "
            + ("no drop" if not dropped else "dropped on " + ", ".join(dropped))
        )
    if args.save:
        for r in results:
            stored[r["set"]] = {
                s: {"rows": r["rows"], "R-2": round(r["scores"][s][1], 2)}
                for s in OURS
                if s in r["scores"]
            }
        BASELINE.write_text(json.dumps(stored, indent=1, sort_keys=True) + "\n")
        print(f"stored in {BASELINE.relative_to(ROOT)}")
    return 1 if args.check and (failed or dropped) else 0


if __name__ == "__main__":
    sys.exit(main())
