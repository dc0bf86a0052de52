"""A learned second reading of which capital an amount is: FDI, total investment, registered,
disbursed, domestic or investment at large.

The rules of :mod:`mtsum.measures` tell an amount of capital from other money well; which
capital it is turns on wording they read less well: "48 projects with total capital of
US$1.2 billion" is FDI where the projects are foreign-invested and total investment where
they are one firm's plant; "capital increases of existing FDI projects" and "vốn đăng ký"
are FDI, registered capital or total investment by what owns them. The annotators of the
figure set (``bench/data/figures/``, the ``dev-`` files) read them by conventions written
in its header; this model learns those readings from them.

- It reads only an amount (``money``) whose rules' measure is one of the classes of its
  weights file (``mtsum/data/measure_model.json``): it never makes money capital, or capital
  other money.
- It leaves the rules' measure only where it was trained on :data:`MIN_SUPPORT` amounts or
  more that the rules read so in that language (``support`` in the file): the rules rarely
  say "domestic investment", and a handful of examples teach nothing.
- One logistic regression per class (one against the rest, Adagrad, seeded) over the words
  just before the figure (8) and just after it (3), its own words, and the rules' measure
  with the figure's status, language and whether it is a part; the highest score wins.
- It runs as the figures are read, after a sentence that goes on from the one before ("Of
  this, the FDI sector contributed ...") has taken that one's measure, and never on a figure
  whose measure was taken so (the rules read it as a part of that total: the budget's
  revenue stays the budget's); before the briefing's subject is known (the subject is not
  one of its features). The scope rules ran with the rules' measure: a figure whose measure
  the model changes keeps the rules' scope.

Trained by ``python -m bench.train_scope_model`` (which writes both learned readings), on
the rules' measures as they are without this model. Without the weights file the rules'
measure stands, and this is said once on the log.
"""

from __future__ import annotations

import functools
import logging
import math

from mtsum import scope as scopes
from mtsum.scope_model import Seen, _tokens, read_table

log = logging.getLogger(__name__)

BEFORE, AFTER = 8, 3  # words either side of the figure that the model reads
MIN_SUPPORT = 20  # training amounts of the rules' measure in its language the model needs


def features(seen: Seen) -> set[str]:
    """The measure model's features of one amount."""
    lang = scopes._code(seen.lang)
    tokens = _tokens(seen.sentence, None)
    before = [t for t in tokens if t.end <= seen.start]
    after = [t for t in tokens if t.start >= seen.end]
    part = seen.part or seen.rule_scope is not None
    out = {
        "bias",
        f"m={seen.measure}",
        f"m={seen.measure}|st={seen.status}",
        f"m={seen.measure}|l={lang}",
        f"part={part}",
    }
    out.update(f"b:{lang}:{t.norm}" for t in before[-BEFORE:])
    out.update(f"b2:{lang}:{t.norm}" for t in before[-2:])
    out.update(f"a:{lang}:{t.norm}" for t in after[:AFTER])
    out.update(f"f:{lang}:{t.norm}" for t in tokens if seen.start <= t.start < seen.end)
    return out


@functools.cache
def _weights() -> dict | None:
    """The stored weights (``classes``, and per feature one weight a class); None (said once,
    on the log) where the file is missing, unreadable or malformed: the rules' measure then
    stands."""
    path = "data/measure_model.json"
    table = read_table(path, "measures")
    if table is None:
        return None
    classes, weights = table.get("classes"), table.get("weights")
    if not classes or not isinstance(weights, dict):
        log.warning("mtsum: %s lacks its classes or weights; measures are the rules' alone", path)
        return None
    return table


def classes(weights: dict | None = None) -> tuple[str, ...]:
    """The measures the model chooses among (none without weights)."""
    table = weights if weights is not None else _weights()
    return tuple(table["classes"]) if table else ()


def measure(seen: Seen, weights: dict | None = None) -> str:
    """The capital measure the model finds likeliest for an amount the rules read as capital;
    the rules' measure for any other figure, or without weights. Sums are exact
    (``math.fsum``), so the hash seed's order of a set never moves a tie."""
    table = weights if weights is not None else _weights()
    if table is None or seen.kind != "money" or seen.measure not in table["classes"]:
        return seen.measure
    support = table.get("support", {}).get(f"{seen.measure}|{scopes._code(seen.lang)}", 0)
    if support < MIN_SUPPORT:
        return seen.measure
    names = table["classes"]
    rows = [table["weights"].get(f) for f in sorted(features(seen))]
    scores = [math.fsum(row[k] for row in rows if row) for k in range(len(names))]
    best = max(range(len(names)), key=lambda k: (scores[k], names[k] == seen.measure, -k))
    return str(names[best])
