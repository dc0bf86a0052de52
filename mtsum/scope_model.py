"""A learned second reading of a figure's scope: whether it is the briefing subject's whole
or a part, and, for a part the rules left unnamed, the words that name it.

The rules of :mod:`mtsum.scope` read the clause shapes they know; the long tail of ways a
reporter says that a figure is one country's, one sector's or one firm's share ("including
36,900 tonnes from aquaculture", "hvorav to avtaler med norske partnere på til sammen ...")
is learned from the figure set's development part (the ``dev-`` files of
``bench/data/figures/``), annotated from the texts alone by people who never saw the code.

- ``part``: a logistic regression over the words around the figure (by distance, before and
  after it, and between it and its neighbouring figures), its own words, its measure, kind
  and status, and the rules' answer (their kind of scope and its words). Mentions of the
  briefing's subject are one token, ``<subj>``, so nothing learned is tied to one province.
- ``phrase``: a linear ranking of the word spans near the figure (its words, first and last
  word, the words either side, side and distance), trained on the annotated scope phrases.

Both are sums of weights looked up in ``data/scope_model.json``, which
``python -m bench.train_scope_model`` writes (seeded: the same data gives the same file).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from mtsum import scope as scopes

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"\w+(?:[.,'’]\w+)*|[^\w\s]")
_NUMBER = re.compile(r"\d[\d.,]*")
SUBJECT = "<subj>"
SUBJECT_NOUN = "<subjnoun>"
PHRASE_LONGEST = 6  # words in a scope phrase the ranking considers
PHRASE_REACH = 14  # words either side of the figure where a phrase may lie
# the score a phrase needs to be shown: on rounds 20A and 20C, with a model trained without
# them, the best spans above it were nearly all the annotated phrase, those below it mostly not
PHRASE_SURE = 12.0
# The part model's probability at which it overrules the rules: a part they read becomes the
# whole only at TO_WHOLE or less (a part shown as the whole misleads a reader), a whole they
# read becomes a part at TO_PART or more (the other error only moves a row). Cross-validated by
# round on the development part: (0.2, 0.5) 94.43%, 317 parts read as the whole; even odds both
# ways 93.88%, 332; (0.4, 0.6) 94.40%, 368.
TO_WHOLE, TO_PART = 0.2, 0.5
_BREAKS = frozenset(',;:()[]"“”–—')


@dataclass(frozen=True)
class Seen:
    """A figure as the model sees it: where it is in its sentence and what the rules said."""

    sentence: str
    start: int
    end: int
    others: tuple[tuple[int, int], ...]  # the sentence's other figures' spans
    lang: str | None
    measure: str
    kind: str
    status: str
    rule_scope: str | None  # the rules' scope, None for the subject's whole
    rule_kind: str | None
    part: bool  # the rules' "of which" mark


@dataclass(frozen=True)
class _Token:
    text: str
    norm: str
    start: int
    end: int


@functools.lru_cache(maxsize=256)
def _tokens(sentence: str, subject: str | None) -> tuple[_Token, ...]:
    """The sentence's words and marks, once for all its figures: the subject's name and the
    common nouns it goes by are :data:`SUBJECT` and :data:`SUBJECT_NOUN`, numbers ``<num>``."""
    spans = _subject_spans(sentence, subject)
    nouns = _subject_nouns(subject)
    out = []
    for m in _TOKEN.finditer(sentence):
        word = m.group(0)
        if any(a <= m.start() < b for a, b in spans):
            norm = SUBJECT
        elif _NUMBER.fullmatch(word):
            norm = "<num>"
        else:
            norm = word.lower()
        out.append(_Token(word, norm, m.start(), m.end()))
    for k in range(len(out)):  # "tỉnh", "the province"; "thành phố" where it is a city
        for noun in nouns:
            if tuple(w.norm for w in out[k : k + len(noun)]) == noun:
                for j in range(k, k + len(noun)):
                    out[j] = dataclasses.replace(out[j], norm=SUBJECT_NOUN)
    return tuple(out)


@functools.lru_cache(maxsize=64)
def _subject_pattern(subject: str) -> re.Pattern | None:
    bare = scopes._bare_place(scopes.fold(subject))
    if not bare:
        return None
    words = r"\s+".join(map(re.escape, bare.split()))
    return re.compile(r"(?<!\w)" + words + r"(?=s?(?!\w))")  # "Quang Ninhs andel"


def _subject_spans(sentence: str, subject: str | None) -> list[tuple[int, int]]:
    pattern = _subject_pattern(subject) if subject else None
    if pattern is None:
        return []
    return [m.span() for m in pattern.finditer(scopes._fold_in_place(sentence))]


@functools.lru_cache(maxsize=64)
def _subject_nouns(subject: str | None) -> tuple[tuple[str, ...], ...]:
    """The common nouns the subject goes by (scope.toml's ``model_subject_nouns``), as word
    sequences: a centrally run city's "the city", any other subject's "the province"."""
    table = scopes._table()["model_subject_nouns"]
    cities = {scopes.fold(c) for c in table["cities"]}
    kind = "city" if subject and scopes.fold(subject) in cities else "province"
    return tuple(tuple(noun.lower().split()) for noun in table[kind])


def _bucket(distance: int, edges: Sequence[int]) -> int:
    return next((k for k, edge in enumerate(edges) if distance <= edge), len(edges))


_FAR = 64  # distances in words looked up, not counted: the features are made for every figure
_BEFORE = tuple(_bucket(d, (2, 5, 10, 20)) for d in range(_FAR))
_AFTER = tuple(_bucket(d, (2, 6, 15)) for d in range(_FAR))


def features(seen: Seen, subject: str | None) -> set[str]:
    """The part model's features of one figure."""
    lang = scopes._code(seen.lang)
    tokens = _tokens(seen.sentence, subject)
    before = [t for t in tokens if t.end <= seen.start]
    after = [t for t in tokens if t.start >= seen.end]
    rule = seen.rule_kind or "none"
    out = {
        "bias",
        f"lang={lang}",
        f"measure={seen.measure}",
        f"kind={seen.kind}",
        f"status={seen.status}",
        f"rule={rule}",
        f"rule={rule}|lang={lang}",
        f"rule={rule}|measure={seen.measure}",
        f"rulefired={seen.rule_scope is not None}",
        "pos_" + ("start" if len(before) <= 3 else "early" if len(before) <= 10 else "late"),
    }
    if seen.part:
        out.add("partflag")
    if seen.rule_scope:
        out.update(f"rw:{lang}:{t.norm}" for t in _tokens(seen.rule_scope, subject))
    out.update(f"fig:{lang}:{t.norm}" for t in tokens if seen.start <= t.start < seen.end)
    out |= _words_around(before, after, lang)
    out |= _neighbours(seen, before, after, lang)
    return out


def _words_around(before: Sequence[_Token], after: Sequence[_Token], lang: str) -> set[str]:
    """The words either side of a figure, by distance; the subject's and capitalised names'
    nearness."""
    out = set()
    for d, t in enumerate(reversed(before), 1):
        b = _BEFORE[min(d, _FAR - 1)]
        out.add(f"b{b}:{lang}:{t.norm}")
        out.add(f"b:{lang}:{t.norm}")
        if d <= 3 and d < len(before):
            out.add(f"bb{b}:{lang}:{before[-d - 1].norm}_{t.norm}")
    for d, t in enumerate(after, 1):
        b = _AFTER[min(d, _FAR - 1)]
        out.add(f"a{b}:{lang}:{t.norm}")
        if d <= 3 and d < len(after):
            out.add(f"aa{b}:{lang}:{t.norm}_{after[d].norm}")
    subject_before = [k for k, t in enumerate(before) if t.norm == SUBJECT]
    if subject_before:
        out.add("subj_before_" + _nearness(len(before) - subject_before[-1] - 1))
    else:
        out.add("subj_before_none")
    if any(t.norm == SUBJECT for t in after):
        out.add("subj_after")
    caps = [k for k, t in enumerate(before) if k and t.text[:1].isupper() and t.norm != SUBJECT]
    if caps:
        out.add("cap_before_" + _nearness(len(before) - caps[-1] - 1))
    return out


def _nearness(gap: int) -> str:
    return "near" if gap <= 4 else "mid" if gap <= 12 else "far"


def _neighbours(
    seen: Seen, before: Sequence[_Token], after: Sequence[_Token], lang: str
) -> set[str]:
    """The words between the figure and the figures before and after it in its sentence."""
    out = set()
    previous = [o for o in seen.others if o[1] <= seen.start]
    following = [o for o in seen.others if o[0] >= seen.end]
    if previous:
        between = [t for t in before if t.start >= max(o[1] for o in previous)]
        out.add("has_prev")
        out.add(f"prev_gap_{min(len(between), 8)}")
        out.update(f"seg:{lang}:{t.norm}" for t in between[:12])
    else:
        out.add("first_fig")
    if following:
        nearest = min(o[0] for o in following)
        out.add("has_next")
        out.update(f"segn:{lang}:{t.norm}" for t in [t for t in after if t.end <= nearest][:6])
    return out


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def read_table(path: str, what: str) -> dict | None:
    """A learned reading's stored table (``path`` in the package); None, said on the log,
    where the file is missing or unreadable: ``what`` are then the rules' alone."""
    try:
        table = json.loads(resources.files("mtsum").joinpath(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        log.warning("mtsum: %s cannot be read (%s); %s are the rules' alone", path, e, what)
        return None
    return table if isinstance(table, dict) else {}


@functools.cache
def _weights() -> dict[str, dict[str, float]] | None:
    """The stored weights; None (said once, on the log) where the file is missing, unreadable
    or lacks a table: the rules' reading then stands alone."""
    path = "data/scope_model.json"
    table = read_table(path, "scopes")
    if table is None:
        return None
    if not all(table.get(k) for k in ("part", "phrase")):
        log.warning("mtsum: %s lacks a table; scopes are the rules' alone", path)
        return None
    return table


def part_probability(seen: Seen, subject: str | None, weights: dict | None = None) -> float | None:
    """The learned probability that the figure is a part (or another place's), not the
    subject's whole; None without weights. Summed exactly (``math.fsum``), so that the order
    of a set of features, which Python's hash seed sets, never moves it."""
    table = weights or _weights()
    if table is None:
        return None
    w = table["part"]
    return _sigmoid(math.fsum(w.get(f, 0.0) for f in features(seen, subject)))


def overrules(p: float, rules_part: bool) -> bool:
    """Whether the part model's probability ``p`` overrules the rules' reading (a part or the
    whole): :data:`TO_WHOLE` and :data:`TO_PART`."""
    return p <= TO_WHOLE if rules_part else p >= TO_PART


def candidates(seen: Seen, subject: str | None) -> list[tuple[int, int, set[str]]]:
    """The word spans near the figure that may name its part, with their features: runs of
    up to :data:`PHRASE_LONGEST` words in the figure's clause that cross no figure, no comma
    or bracket, and no mention of the subject."""
    tokens = _tokens(seen.sentence, subject)
    spans = [(seen.start, seen.end), *seen.others]
    first = next((k for k, t in enumerate(tokens) if t.start >= seen.start), len(tokens))
    last = next((k for k, t in enumerate(tokens) if t.start >= seen.end), len(tokens))
    lo, hi = _reach(seen, tokens, first, last)
    out = []
    for i in range(lo, hi):
        if not tokens[i].text[:1].isalnum():
            continue
        for j in range(i + 1, min(hi, i + PHRASE_LONGEST) + 1):
            t = tokens[j - 1]
            if (
                t.text in _BREAKS
                or (t.text == "-" and " " in seen.sentence[t.start - 1 : t.end + 1])  # "TKV - "
                or t.norm in (SUBJECT, "<num>")
                or any(a < t.end and t.start < b for a, b in spans)
            ):
                break
            out.append((tokens[i].start, t.end, _span_features(seen, tokens, i, j, first, last)))
    return out


def _reach(seen: Seen, tokens: Sequence[_Token], first: int, last: int) -> tuple[int, int]:
    """The tokens a phrase may come from: :data:`PHRASE_REACH` either side of the figure,
    within its clause (not a dateline's town: "HA LONG, May 6 - ...")."""
    lo, hi = max(0, first - PHRASE_REACH), min(len(tokens), last + PHRASE_REACH)
    clause = scopes.clause_bounds(seen.sentence, seen.lang, seen.start, seen.end)
    while lo < first and tokens[lo].start < clause[0]:
        lo += 1
    while hi > last and tokens[hi - 1].end > clause[1]:
        hi -= 1
    return lo, hi


def _span_features(
    seen: Seen, tokens: Sequence[_Token], i: int, j: int, first: int, last: int
) -> set[str]:
    lang = scopes._code(seen.lang)
    words = tokens[i:j]
    side = "b" if j <= first else "a"
    distance = first - j if side == "b" else i - last
    prev = tokens[i - 1].norm if i else "<s>"
    nxt = tokens[j].norm if j < len(tokens) else "</s>"
    f = {
        f"side={side}",
        f"d{side}={_bucket(distance, (0, 1, 3, 6, 10))}",
        f"len={len(words)}",
        f"first:{lang}:{words[0].norm}",
        f"last:{lang}:{words[-1].norm}",
        f"prev:{lang}:{prev}",
        f"next:{lang}:{nxt}",
        f"prev{side}:{lang}:{prev}",
        f"cap={words[0].text[:1].isupper()}",
        f"allcap={all(w.text[:1].isupper() for w in words)}",
        f"measure={seen.measure}|side={side}",
    }
    f.update(f"w:{lang}:{w.norm}" for w in words)
    return f


def part_phrase(
    seen: Seen, subject: str | None, weights: dict | None = None, sure: float = PHRASE_SURE
) -> str | None:
    """The words, as written, that most likely name the figure's part; None where no span
    near it scores ``sure`` or more (below it, the best spans were mostly wrong: "or",
    "Hiện", "first half")."""
    table = weights or _weights()
    if table is None:
        return None
    w = table["phrase"]
    best, best_score = None, -math.inf
    for a, b, f in candidates(seen, subject):
        score = math.fsum(w.get(x, 0.0) for x in f)
        if score > best_score:
            best, best_score = (a, b), score
    return seen.sentence[best[0] : best[1]] if best and best_score >= sure else None
