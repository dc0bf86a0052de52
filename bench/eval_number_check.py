"""The number check on real translations: false alarms, and mutated figures caught.

FLORES-200 (``../shared/eval/langid-flores200``) gives the same sentence in English, Vietnamese
and Norwegian (line N in each). For every pair (en->vi, en->no, vi->en, no->en) whose source has
a number:

- false alarms: the share of real, human translations that :func:`mtsum.numbers.check_numbers`
  flags (target <= 5%);
- mutations caught: each translation that passes is mutated once per kind, and the share the
  check flags (target >= 98%): a digit of one number changed, one number dropped, and a scale
  word swapped (million<->billion, triệu<->tỷ, millioner<->milliarder) where there is one.

FLORES has few scale words, so the same mutations are also made to the investment news
sentences of ``bench/data/figures/`` (en, vi, no; each checked against itself mutated),
where they are common.

    python -m bench.eval_number_check [--check] [--show N]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import defaultdict

from bench._common import eval_file, read_jsonl, table  # noqa: E402
from mtsum.numbers import check_numbers, find_numbers  # noqa: E402

PAIRS = [("en", "vi"), ("en", "no"), ("vi", "en"), ("no", "en")]
SWAPS = {
    "en": [("million", "billion"), ("billion", "million"), ("bn", "m"), ("m", "bn")],
    "vi": [("triệu", "tỷ"), ("tỷ", "triệu"), ("nghìn", "triệu")],
    "no": [
        ("millioner", "milliarder"),
        ("milliarder", "millioner"),
        ("million", "milliard"),
        ("milliard", "million"),
        ("mill.", "mrd."),
        ("mrd.", "mill."),
    ],
}
TARGETS = {"false alarms": 5.0, "caught": 98.0}


def mutations(text: str, lang: str, rng: random.Random) -> dict[str, str]:
    """One mutated copy of ``text`` per kind that applies to it."""
    numbers = [n for n in find_numbers(text, lang)]
    out: dict[str, str] = {}
    if numbers:
        n = rng.choice(numbers)
        digits = [i for i in range(n.start, n.end) if text[i].isdigit()]
        i = rng.choice(digits)
        new = str((int(text[i]) + rng.randint(1, 9)) % 10)
        if i == n.start and new == "0" and len(digits) > 1:
            new = "9"  # a leading zero would read as the same number
        out["digit changed"] = text[:i] + new + text[i + 1 :]
        out["number dropped"] = (text[: n.start] + text[n.span_end :]).replace("  ", " ")
    for a, b in SWAPS.get(lang, []):
        m = re.search(rf"(?<=\d)\s?(?:{re.escape(a)})(?!\w)", text)
        if m:
            glue = " " if m.group(0).startswith(" ") else ""
            out["scale swapped"] = text[: m.start()] + glue + b + text[m.end() :]
            break
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--show", type=int, default=0, help="print N false alarms and misses")
    args = parser.parse_args()
    rows = read_jsonl(eval_file("langid-flores200/sentences.jsonl"))
    text: dict[str, dict[int, str]] = defaultdict(dict)
    for row in rows:
        text[row["lang"]][int(row["id"].rsplit("-", 1)[1])] = row["text"]
    rng = random.Random(0)
    stats: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    shown: list[str] = []
    for src, tgt in PAIRS:
        name = f"{src}->{tgt}"
        for line, source in sorted(text[src].items()):
            if not find_numbers(source, src):
                continue
            translation = text[tgt][line]
            stats[name]["pairs"] += 1
            check = check_numbers(source, src, translation, tgt)
            if not check.ok:
                stats[name]["alarms"] += 1
                if len(shown) < args.show:
                    shown.append(
                        f"ALARM {name} {line}: missing {check.missing} unexpected "
                        f"{check.unexpected}\n  {source}\n  {translation}"
                    )
                continue
            for kind, mutated in mutations(translation, tgt, rng).items():
                stats[name][f"{kind} tried"] += 1
                if not check_numbers(source, src, mutated, tgt).ok:
                    stats[name][f"{kind} caught"] += 1
                elif len(shown) < args.show:
                    shown.append(f"MISSED {kind} {name} {line}:\n  {source}\n  {mutated}")
    kinds = ["digit changed", "number dropped", "scale swapped"]
    out, total = [], defaultdict(int)
    for name, s in stats.items():
        for key, value in s.items():
            total[key] += value
        out.append(
            [name, s["pairs"], f"{100 * s['alarms'] / s['pairs']:.1f}"]
            + [f"{s[k + ' caught']}/{s[k + ' tried']}" for k in kinds]
        )
    alarms = 100 * total["alarms"] / total["pairs"]
    tried = sum(total[k + " tried"] for k in kinds)
    caught = sum(total[k + " caught"] for k in kinds)
    out.append(
        ["all", total["pairs"], f"{alarms:.1f}"]
        + [f"{total[k + ' caught']}/{total[k + ' tried']}" for k in kinds]
    )
    print("Number check on FLORES-200 (pairs whose source has a number):")
    print(table(out, ["pair", "pairs", "false alarms %"] + [k + " caught" for k in kinds]))
    print(
        f"\nfalse alarms: {alarms:.1f}% of {total['pairs']} pairs (target <= "
        f"{TARGETS['false alarms']}%); mutations caught: {100 * caught / tried:.1f}% of "
        f"{tried} (target >= {TARGETS['caught']}%)"
    )
    news = news_mutations(rng)
    print("\nThe same mutations in investment news sentences (bench/data/figures/):")
    print(
        table(
            [
                [lang] + [f"{s[k + ' caught']}/{s[k + ' tried']}" for k in kinds]
                for lang, s in news.items()
            ],
            ["lang"] + [k + " caught" for k in kinds],
        )
    )
    news_tried = sum(s[k + " tried"] for s in news.values() for k in kinds)
    news_caught = sum(s[k + " caught"] for s in news.values() for k in kinds)
    print(f"caught: {100 * news_caught / news_tried:.1f}% of {news_tried}")
    if shown:
        print("\n" + "\n".join(shown))
    missed = (
        alarms > TARGETS["false alarms"]
        or 100 * caught / tried < TARGETS["caught"]
        or 100 * news_caught / news_tried < TARGETS["caught"]
    )
    return 1 if args.check and missed else 0


def news_mutations(rng: random.Random) -> dict[str, dict[str, int]]:
    """Mutations of the annotated news sentences, each checked against the original."""
    from bench.eval_figures import load

    stats: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for entry in load():
        if entry.text is None or not find_numbers(entry.text, entry.lang):
            continue
        for kind, mutated in mutations(entry.text, entry.lang, rng).items():
            stats[entry.lang][f"{kind} tried"] += 1
            stats[entry.lang][f"{kind} caught"] += not check_numbers(
                entry.text, entry.lang, mutated, entry.lang
            ).ok
    return stats


if __name__ == "__main__":
    sys.exit(main())
