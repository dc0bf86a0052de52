"""Stage 4, summarise: per-article summaries and the cross-article brief.

The embedded default needs no model weights: an extractive summariser that ranks sentences by
centrality in a TF-IDF similarity graph (PageRank, as LexRank/TextRank do), nudged towards the
start of each article (news puts the point first), and picks them with maximal marginal
relevance so no two chosen sentences say the same thing. The same engine, over the sentences of
many articles, writes the cross-article brief, and groups the sentences of other articles that
state the same thing under each point, so every point lists all its sources.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from mtsum.sentences import count_words, fold_marks, stopwords, words

DEFAULT_SENTENCES = 3
DEFAULT_BRIEF_POINTS = 7
REDUNDANT = 0.55  # cosine similarity above which two sentences say the same thing
SAME_FACT = 0.45  # similarity at which another article's sentence supports a brief point
MIN_WORDS = 5  # shorter sentences are headings, captions or fragments


@dataclass(frozen=True)
class Unit:
    """A sentence to rank: its text, the document it belongs to, its place in that document."""

    text: str
    doc: str = ""
    position: int = 0


@dataclass(frozen=True)
class Summary:
    sentences: tuple[str, ...]
    lang: str | None
    engine: str  # "extractive", or "abstractive" with the model id in ``model``
    model: str | None = None
    indices: tuple[int, ...] = ()  # the chosen source sentences (extractive)


@dataclass(frozen=True)
class BriefPoint:
    """One point of the cross-article brief, with every article that states it."""

    text: str
    article: str  # the article the representative sentence comes from
    sources: tuple[str, ...]  # all articles that state it, the representative's first
    score: float


# --- the ranking -----------------------------------------------------------------------------


def _vectors(units: Sequence[Unit], lang: str | None):
    import numpy as np

    stop = stopwords(lang)
    fold = lang == "en"  # "Quảng Ninh" and "Quang Ninh" are one name in English text
    bags = [
        Counter(w for w in words(fold_marks(u.text) if fold else u.text)
                if w not in stop and len(w) > 1)
        for u in units
    ]
    df = Counter(w for bag in bags for w in bag)
    vocab = {w: i for i, w in enumerate(sorted(df))}
    n = len(units)
    matrix = np.zeros((n, len(vocab)), dtype=np.float32)
    for row, bag in enumerate(bags):
        for w, tf in bag.items():
            matrix[row, vocab[w]] = (1 + math.log(tf)) * (math.log((1 + n) / (1 + df[w])) + 1)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def _pagerank(sim, damping: float = 0.85, iterations: int = 60):
    import numpy as np

    n = sim.shape[0]
    weights = sim.copy()
    np.fill_diagonal(weights, 0)
    out = weights.sum(axis=1, keepdims=True)
    transition = np.where(out > 0, weights / np.where(out == 0, 1, out), 1.0 / n)
    rank = np.full(n, 1.0 / n)
    for _ in range(iterations):
        new = (1 - damping) / n + damping * transition.T @ rank
        if np.abs(new - rank).sum() < 1e-9:
            break
        rank = new
    return rank


def rank(units: Sequence[Unit], lang: str | None, position_weight: float = 0.3):
    """Score every unit (higher is more central); returns (scores, similarity matrix)."""
    import numpy as np

    vectors = _vectors(units, lang)
    sim = vectors @ vectors.T
    centrality = _pagerank(sim)
    centrality = centrality / (centrality.max() or 1)
    position = np.array([1 / math.sqrt(1 + u.position) for u in units])
    return (1 - position_weight) * centrality + position_weight * position, sim


def select(
    units: Sequence[Unit],
    lang: str | None,
    *,
    sentences: int | None = DEFAULT_SENTENCES,
    max_words: int | None = None,
    position_weight: float = 0.3,
    redundancy: float = REDUNDANT,
) -> tuple[list[int], object, object]:
    """Pick units by maximal marginal relevance: best score, skipping near-repeats.

    Stops at ``sentences`` units or when ``max_words`` is reached. Returns the chosen indices
    in the order chosen, with the scores and similarity matrix used.
    """
    if not units:
        return [], None, None
    scores, sim = rank(units, lang, position_weight)
    candidates = [i for i, u in enumerate(units) if count_words(u.text) >= MIN_WORDS]
    if not candidates:
        candidates = list(range(len(units)))
    chosen: list[int] = []
    used = 0
    while candidates:
        if sentences is not None and len(chosen) >= sentences:
            break
        if max_words is not None and used >= max_words:
            break
        best = max(candidates, key=lambda i: (scores[i] - 0.5 * max((sim[i, j] for j in chosen),
                                                                    default=0.0), -i))
        candidates.remove(best)
        if chosen and max(sim[best, j] for j in chosen) >= redundancy:
            continue
        chosen.append(best)
        used += count_words(units[best].text)
    return chosen, scores, sim


def _cut_to_words(texts: list[str], max_words: int | None) -> list[str]:
    if max_words is None:
        return texts
    out, used = [], 0
    for text in texts:
        tokens = text.split()
        if used + len(tokens) > max_words:
            remaining = max_words - used
            if remaining > 0:
                out.append(" ".join(tokens[:remaining]) + " …")
            break
        out.append(text)
        used += len(tokens)
    return out


def summarize_sentences(
    sentences: Sequence[str],
    lang: str | None,
    *,
    n: int | None = DEFAULT_SENTENCES,
    max_words: int | None = None,
) -> Summary:
    """Extractive summary of one article: whole sentences of the source, in source order."""
    units = [Unit(s, "", i) for i, s in enumerate(sentences)]
    chosen, _, _ = select(units, lang, sentences=n, max_words=max_words)
    order = sorted(chosen)
    texts = _cut_to_words([sentences[i] for i in order], max_words)
    return Summary(tuple(texts), lang, "extractive", indices=tuple(order))


def brief_points(
    units: Sequence[Unit],
    lang: str | None = "en",
    *,
    points: int = DEFAULT_BRIEF_POINTS,
) -> list[BriefPoint]:
    """The cross-article brief: the most central, non-redundant statements across articles.

    Each point lists the other articles whose sentences say the same thing (cosine similarity
    of at least ``SAME_FACT``); points stated by several articles rank higher.
    """
    if not units:
        return []
    # Rank more candidates than needed, then prefer statements that several articles make,
    # and let no single article fill the brief while others have something to say.
    chosen, scores, sim = select(units, lang, sentences=points * 4, position_weight=0.2)
    docs = {u.doc for u in units}
    per_doc_cap = max(1, math.ceil(points / len(docs)) + 1)
    candidates = []
    for i in chosen:
        support = [units[i].doc]
        for j in sorted(range(len(units)), key=lambda j: -sim[i, j]):
            if sim[i, j] < SAME_FACT:
                break
            if units[j].doc not in support:
                support.append(units[j].doc)
        score = float(scores[i]) * (1 + 0.25 * (len(support) - 1))
        candidates.append(BriefPoint(units[i].text, units[i].doc, tuple(support), round(score, 6)))
    candidates.sort(key=lambda p: -p.score)
    result, taken = [], Counter()
    for point in candidates:
        if taken[point.article] < per_doc_cap:
            result.append(point)
            taken[point.article] += 1
        if len(result) == points:
            break
    return result
