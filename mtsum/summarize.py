"""Stage 4, summarise: per-article summaries and the cross-article brief.

The embedded default needs no model weights: an extractive summariser that ranks sentences by
centrality in a TF-IDF similarity graph (PageRank, as LexRank/TextRank do), nudged towards the
start of each article (news puts the point first), and picks them with maximal marginal
relevance so no two chosen sentences say the same thing. The same engine, over the sentences of
many articles, writes the cross-article brief, and groups the sentences of other articles that
state the same thing under each point, so every point lists all its sources.

The abstractive engine (a transformers seq2seq model, distilbart-cnn by default) summarises
English text. Input longer than the model's limit is never truncated: it is cut on sentence
boundaries into token-bounded chunks, each chunk is summarised, and the joined chunk summaries
are summarised again (map-reduce). Every generated sentence goes through a number guard: one
that contains a number its source does not is replaced by the closest source sentence.
"""

# Long on purpose (over 60 lines or cyclomatic complexity 20; tests/test_shape.py):
#   abstractive_summary: map-reduce summarisation with the number guard
#   brief_points: the cross-article ranking: graph, groups and sources
#   select: the extractive selection with its guards (budget, listing demotion, figure rule)

from __future__ import annotations

import functools
import json
import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace

from mtsum import languages
from mtsum.errors import ModelUnavailable
from mtsum.model import BriefPoint, Replacement, Summary  # noqa: F401 - re-exported
from mtsum.numbers import foreign_numbers, read_amounts
from mtsum.patterns import could_match, folded, literals
from mtsum.sentences import count_words, fold_marks, split_sentences, stopwords
from mtsum.settings import ENGINES

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


# --- the ranking -----------------------------------------------------------------------------


_TERM = re.compile(r"\w\w+", re.UNICODE)  # the words of sentences.words() longer than one letter


def _weights(units: Sequence[Unit], lang: str | None) -> tuple[list[dict[int, float]], int]:
    """Each unit's TF-IDF weights by term column (sublinear tf, smoothed idf); vocabulary size.
    A unit's terms are its words (:func:`mtsum.sentences.words`) of two letters or more
    that are no stopwords, in the order they first occur."""
    stop = stopwords(lang)
    fold = lang == "en"  # "Quảng Ninh" and "Quang Ninh" are one name in English text
    bags: list[dict[str, int]] = []
    for u in units:
        bag: dict[str, int] = {}
        for w in _TERM.findall((fold_marks(u.text) if fold else u.text).lower()):
            if w not in stop:
                bag[w] = bag.get(w, 0) + 1
        bags.append(bag)
    df = Counter(w for bag in bags for w in bag)
    n = len(units)
    # each term's column and idf, each tf's factor: the same operations as per entry
    columns = {w: (i, math.log((1 + n) / (1 + df[w])) + 1) for i, w in enumerate(sorted(df))}
    tfs: dict[int, float] = {}
    for bag in bags:
        for tf in bag.values():
            if tf not in tfs:
                tfs[tf] = 1 + math.log(tf)
    rows = []
    for bag in bags:
        row = {}
        for w, tf in bag.items():
            column, idf = columns[w]
            row[column] = tfs[tf] * idf
        rows.append(row)
    return rows, len(columns)


def _vectors(units: Sequence[Unit], lang: str | None):
    import numpy as np

    rows, size = _weights(units, lang)
    matrix = np.zeros((len(units), size), dtype=np.float32)
    for row, weights in enumerate(rows):
        for column, weight in weights.items():
            matrix[row, column] = weight
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def _sparse_vectors(units: Sequence[Unit], lang: str | None):
    """The same vectors as :func:`_vectors`, as a CSR matrix (rows L2-normalised)."""
    import numpy as np
    import scipy.sparse as sp

    rows, size = _weights(units, lang)
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    indices = np.fromiter((c for r in rows for c in r), dtype=np.int32, count=int(indptr[-1]))
    data = np.fromiter(
        (w for r in rows for w in r.values()), dtype=np.float32, count=int(indptr[-1])
    )
    matrix = sp.csr_matrix((data, indices, indptr), shape=(len(rows), size))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    return (sp.diags(1 / np.where(norms == 0, 1, norms)) @ matrix).astype(np.float32).tocsr()


def _pagerank(sim, damping: float = 0.85, iterations: int = 60):
    import numpy as np

    n = sim.shape[0]
    weights = sim.copy()
    np.fill_diagonal(weights, 0)
    out = weights.sum(axis=1, keepdims=True)
    transition = np.where(out > 0, weights / np.where(out == 0, 1, out), 1.0 / n)
    rank = np.full(n, 1.0 / n)
    scaled = damping * transition.T  # what "damping * transition.T @ rank" multiplies first
    teleport = (1 - damping) / n
    for _ in range(iterations):
        new = teleport + scaled @ rank
        if np.abs(new - rank).sum() < 1e-9:
            break
        rank = new
    return rank


DENSE_LIMIT = 2_000  # sentences; above it the cross-article step goes sparse
NEIGHBOURS = 20  # edges kept per sentence in the sparse similarity graph
COMMON_TERMS = 0.05  # terms in more sentences than this share are left out of the graph


def _sparse_centrality(
    vectors,
    neighbours: int = NEIGHBOURS,
    common: float = COMMON_TERMS,
    damping: float = 0.85,
    iterations: int = 60,
):
    """PageRank over a sparse neighbour graph: each sentence keeps its ``neighbours`` most
    similar sentences (by TF-IDF cosine, without terms in more than ``common`` of the
    sentences, which would link nearly everything and carry little weight). Memory and time
    grow with the number of sentences, not its square. With ``neighbours`` >= n and
    ``common`` = 1 it is exactly the dense graph's PageRank."""
    import numpy as np
    import scipy.sparse as sp

    n = vectors.shape[0]
    df = np.bincount(vectors.indices, minlength=vectors.shape[1])
    kept = vectors[:, np.flatnonzero(df <= max(50, common * n))] if common < 1 else vectors
    kept_t = kept.T.tocsr()
    rows, cols, vals = [], [], []
    for start in range(0, n, 256):
        block = (kept[start : start + 256] @ kept_t).tocsr()
        for r in range(block.shape[0]):
            lo, hi = block.indptr[r], block.indptr[r + 1]
            index, value = block.indices[lo:hi], block.data[lo:hi]
            keep = (index != start + r) & (value > 0)
            index, value = index[keep], value[keep]
            if len(value) > neighbours:
                top = np.argpartition(-value, neighbours)[:neighbours]
                index, value = index[top], value[top]
            rows.append(np.full(len(index), start + r, dtype=np.int64))
            cols.append(index)
            vals.append(value)
    graph = sp.csr_matrix(
        (
            np.concatenate(vals) if vals else np.zeros(0),
            (
                np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64),
                np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64),
            ),
        ),
        shape=(n, n),
        dtype=np.float64,
    )
    graph = graph.maximum(graph.T).tocsr()
    out = np.asarray(graph.sum(axis=1)).ravel()
    transition_t = (
        sp.diags(np.where(out > 0, 1 / np.where(out == 0, 1, out), 0)) @ graph
    ).T.tocsr()
    dangling = out == 0  # no edges: spreads its rank evenly, as the dense graph does
    rank = np.full(n, 1.0 / n)
    for _ in range(iterations):
        new = (1 - damping) / n + damping * (transition_t @ rank + rank[dangling].sum() / n)
        if np.abs(new - rank).sum() < 1e-9:
            break
        rank = new
    return rank


def _sparse_select(
    units: Sequence[Unit],
    lang: str | None,
    count: int | None,
    position_weight: float,
    position_decay: float = 0.5,
    redundancy: float = REDUNDANT,
    max_words: int | None = None,
    factors: Sequence[float] | None = None,
    shown: Collection[int] = (),
    **graph,
):
    """:func:`select` for many sentences: sparse centrality, then the same maximal marginal
    relevance, with similarities computed only against the sentences chosen. Memory grows
    with the number of sentences, not its square."""
    import numpy as np

    vectors = _sparse_vectors(units, lang)
    centrality = _sparse_centrality(vectors, **graph)
    centrality = centrality / (centrality.max() or 1)
    position = np.array([1 / (1 + u.position) ** position_decay for u in units])
    scores = (1 - position_weight) * centrality + position_weight * position
    if factors is not None:
        scores = scores * np.asarray(factors, dtype=float)
    available = np.array([count_words(u.text) >= MIN_WORDS for u in units])
    if not available.any():
        available[:] = True
    most_similar = np.zeros(len(units))  # to any sentence chosen so far
    for i in shown:  # shown elsewhere: never chosen, and what repeats them is not either
        available[i] = False
        most_similar = np.maximum(most_similar, (vectors @ vectors[i].T).toarray().ravel())
    chosen, sims, used = [], {}, 0
    while (count is None or len(chosen) < count) and available.any():
        if max_words is not None and used >= max_words:
            break
        value = np.where(available, scores - 0.5 * most_similar, -np.inf)
        best = int(np.argmax(value))  # ties: the first, as select() breaks them
        available[best] = False
        if (chosen or shown) and most_similar[best] >= redundancy:
            continue
        row = (vectors @ vectors[best].T).toarray().ravel()
        chosen.append(best)
        sims[best] = row
        used += count_words(units[best].text)
        most_similar = np.maximum(most_similar, row)
    return chosen, scores, sims


@functools.cache
def _data(name: str) -> dict:
    """A TOML file of ``mtsum/data``."""
    from importlib import resources

    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]

    return tomllib.loads(resources.files("mtsum").joinpath(f"data/{name}").read_text("utf-8"))


def _position(part: str) -> tuple[float, float]:
    entry = _data("summarizer.toml")[part]
    return float(entry["position_weight"]), float(entry["position_decay"])


# Weights of the position prior (mtsum/data/summarizer.toml), chosen by leave-one-set-out on
# the sets of bench/eval_summaries.py (``--loso``): one article leans on its first sentences
# (news puts the point first); across articles the prior is a gentle slope over each document
# (decay 0.1) that breaks ties among sentences many documents share.
SINGLE_POSITION = _position("single")  # (weight, decay): prior 1 / (1 + position) ** decay
MULTI_POSITION = _position("multi")
BRIEF_POSITION = _position("brief")  # the cross-article brief (not searched)
AGREEMENT = float(_data("summarizer.toml")["brief"]["agreement"])  # per other article stating it
LISTING_ROLES = int(_data("summarizer.toml")["listing"]["min_roles"])
LISTING_SHARE = float(_data("summarizer.toml")["listing"]["share"])
LISTING_PENALTY = float(_data("summarizer.toml")["listing"]["penalty"])


# --- what a sentence carries: names and titles, figures ----------------------------------------


def _alternation(terms: Iterable[str]) -> re.Pattern | None:
    terms = sorted({t.lower() for t in terms}, key=lambda t: (-len(t), t))
    if not terms:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, terms)) + r")(?!\w)", re.IGNORECASE)


@functools.cache
def _word_lists(lang: str | None) -> dict[str, re.Pattern | None]:
    """``lang``'s patterns of titles and roles, attendee-list cues and durations
    (``mtsum/data/roles.toml``; a language with ``also`` takes that language's words too)."""
    table = _data("roles.toml")
    entry = table.get(languages.base(lang) or "", {})
    merged: dict[str, set[str]] = {"roles": set(), "cues": set(), "durations": set()}
    for part in (entry, table.get(entry.get("also", ""), {})):
        for key, found in merged.items():
            found.update(part.get(key, ()))
    return {key: _alternation(found) for key, found in merged.items()}


@functools.cache
def _gated_word_lists(lang: str | None) -> list[tuple[re.Pattern | None, tuple | None]]:
    """The roles and cues of :func:`_word_lists`, each with the words one of which its every
    match has (:func:`mtsum.patterns.literals`)."""
    found = _word_lists(lang)
    return [(p, literals(p) if p is not None else None) for p in (found["roles"], found["cues"])]


_TOKEN = re.compile(r"\w+", re.UNICODE)
_DIGIT = re.compile(r"\d")  # what every number read_amounts finds starts at


def listing_share(sentence: str, lang: str | None) -> float:
    """How much of ``sentence`` is names and titles, 0..1: the share of its words that are in
    a title or form of address (``mtsum/data/roles.toml``) or capitalised (not the first word),
    for a sentence with at least ``LISTING_ROLES`` titles (an attendee-list cue, "Attending the
    conference were", counts as one); 0 for any other sentence. "Attending were Mr. X,
    Chairman of ..., Mr. Y, Vice Chairman of ..." is nearly 1; "Vice Chairman X said exports
    rose 12%" is 0."""
    (roles, roles_need), (cues, cues_need) = _gated_word_lists(lang)
    if roles is None:
        return 0.0
    lowered = folded(sentence)  # a sentence without any of the words has no match: not searched
    has_roles = could_match(roles_need, sentence, lowered)
    spans = [m.span() for m in roles.finditer(sentence)] if has_roles else []
    cued = cues is not None and could_match(cues_need, sentence, lowered) and cues.search(sentence)
    hits = len(spans) + (1 if cued else 0)
    if hits < LISTING_ROLES:
        return 0.0
    tokens = [m for m in _TOKEN.finditer(sentence) if not m.group().isdigit()]
    if not tokens:
        return 0.0
    named = sum(
        1
        for k, m in enumerate(tokens)
        if any(a <= m.start() < b for a, b in spans) or (k > 0 and m.group()[0].isupper())
    )
    return named / len(tokens)


def listing_factors(sentences: Sequence[str], lang: str | None) -> list[float]:
    """Each sentence's score factor: ``1 - LISTING_PENALTY`` for a list of names and titles
    (:func:`listing_share` at least ``LISTING_SHARE``), 1 for any other sentence. A list
    falls below every sentence of the article that says something, whatever its position."""
    return [
        1 - LISTING_PENALTY if listing_share(s, lang) >= LISTING_SHARE else 1.0 for s in sentences
    ]


def _amounts(sentence: str, lang: str | None):
    """:func:`read_amounts` (numbers written as words left out), read only where there is a
    digit: it finds a number at a digit only, and three sentences in four have none."""
    return read_amounts(sentence, lang) if _DIGIT.search(sentence) else ()


def carries_figure(sentence: str, lang: str | None) -> bool:
    """Whether ``sentence`` states a figure: an amount of money, a percentage (or percentage
    points), a number with a scale word ("1.4 billion products") or a count ("21 projects",
    "more than 60 delegations"). Years, dates, ranges, times of day, ordinals, codes ("20-NQ/TU")
    and durations ("the first 10 months") are not figures."""
    durations = _word_lists(lang)["durations"]
    for a in _amounts(sentence, lang):
        n = a.number
        if a.unit == "time" or n.word:
            continue
        if a.unit is not None:
            return True  # money, %, pp
        before, after = sentence[: n.start], sentence[n.span_end :]
        if re.match(r"\s*[-–/]\s*\d", after) or re.search(r"\d\s*[-–/]\s*$", before):
            continue  # a range or a date: "2021-2030", "25/11"
        if re.search(r"[^\W\d_]-$", before) or re.match(r"-[^\W\d_]", after) or n.suffix:
            continue  # "Covid-19", "20-NQ", "12-storey", "4th"
        if n.has_scale:
            return True
        if n.value != int(n.value) or n.value < 2:
            continue  # "2.5 times", "1 of"
        if len(re.sub(r"\D", "", n.text)) == 4 and 1900 <= n.value <= 2100:
            continue  # a year
        noun = re.match(r"\s+([^\W\d_]+)", after)
        if noun and (noun.group(1)[0].islower() or n.value > 31):  # not "17 November"
            if durations is None or not durations.match(after.lstrip()):
                return True  # a count: "21 projects"
    return False


def rank(
    units: Sequence[Unit],
    lang: str | None,
    position_weight: float = 0.3,
    position_decay: float = 0.5,
):
    """Score every unit (higher is more central); returns (scores, similarity matrix).

    The score mixes PageRank centrality in the TF-IDF cosine graph with a prior on the
    sentence's position in its document, ``1 / (1 + position) ** position_decay``.
    """
    import numpy as np

    centrality, sim = _graph(units, lang)
    position = np.array([1 / (1 + u.position) ** position_decay for u in units])
    return (1 - position_weight) * centrality + position_weight * position, sim


def _graph(units: Sequence[Unit], lang: str | None):
    """(centrality scaled to a maximum of 1, cosine similarity matrix): what :func:`rank` needs
    before the position prior (the benchmark's weight search computes it once per text)."""
    vectors = _vectors(units, lang)
    sim = vectors @ vectors.T
    centrality = _pagerank(sim)
    return centrality / (centrality.max() or 1), sim


def select(
    units: Sequence[Unit],
    lang: str | None,
    *,
    sentences: int | None = DEFAULT_SENTENCES,
    max_words: int | None = None,
    position_weight: float = 0.3,
    position_decay: float = 0.5,
    redundancy: float = REDUNDANT,
    factors: Sequence[float] | None = None,
    shown: Collection[int] = (),
) -> tuple[list[int], object, object]:
    """Pick units by maximal marginal relevance: best score, skipping near-repeats.

    Stops at ``sentences`` units or when ``max_words`` is reached. ``factors`` multiply the
    units' scores (:func:`listing_factors`); the units ``shown`` (already shown elsewhere) are
    never chosen and count as chosen for redundancy, so what repeats them is skipped too.
    Returns the chosen indices in the order chosen, with the scores and similarity matrix used.
    """
    if not units:
        return [], None, None
    if len(units) > DENSE_LIMIT:  # a very long article: no n x n matrix
        return _sparse_select(
            units,
            lang,
            sentences,
            position_weight,
            position_decay,
            redundancy,
            max_words=max_words,
            factors=factors,
            shown=shown,
        )
    scores, sim = rank(units, lang, position_weight, position_decay)
    if factors is not None:
        scores = scores * factors
    shown = sorted(set(shown))
    candidates = [
        i for i, u in enumerate(units) if count_words(u.text) >= MIN_WORDS and i not in shown
    ]
    if not candidates:
        candidates = [i for i in range(len(units)) if i not in shown]
    chosen: list[int] = []
    used = 0
    while candidates:
        if sentences is not None and len(chosen) >= sentences:
            break
        if max_words is not None and used >= max_words:
            break
        best = max(
            candidates,
            key=lambda i: (
                scores[i] - 0.5 * max((sim[i, j] for j in chosen + shown), default=0.0),
                -i,
            ),
        )
        candidates.remove(best)
        if (chosen or shown) and max(sim[best, j] for j in chosen + shown) >= redundancy:
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


def _same_text(text: str) -> str:
    return " ".join(text.split())


def summarize_sentences(
    sentences: Sequence[str],
    lang: str | None,
    *,
    n: int | None = DEFAULT_SENTENCES,
    max_words: int | None = None,
    exclude: Collection[str] = (),
    position: tuple[float, float] | None = None,
) -> Summary:
    """Extractive summary of one article: whole sentences of the source, in source order.

    Sentences that are mostly names and titles (an attendee list) are demoted
    (:func:`listing_factors`). A summary of ``n`` sentences (n >= 2) of an article with a figure
    in it (:func:`carries_figure`) has one: when no chosen sentence carries one, the best-ranked
    sentence that does replaces the last one chosen. A summary held only to ``max_words``
    (``n`` None) is not changed so: it is cut at the budget, often inside its second sentence;
    on the first 60 articles of two English ROUGE sets the swap cost 1.0-1.4 R-2.

    Sentences in ``exclude`` (texts already shown elsewhere, compared with their whitespace
    collapsed) are never chosen, nor are sentences that repeat them; the summary adds the
    next-best sentences instead, ``n`` of them. An excluded sentence of the article that
    carries a figure counts as the figure shown. ``position`` (weight, decay) overrides the
    prior's ``SINGLE_POSITION``.

    The last few summaries are kept: an article in a part's own language is summarised in it
    twice with the same sentences (its summary, and its part's), and costs one.
    """
    return _summarized(tuple(sentences), lang, n, max_words, frozenset(exclude), position)


@functools.lru_cache(maxsize=256)
def _summarized(
    sentences: tuple[str, ...],
    lang: str | None,
    n: int | None,
    max_words: int | None,
    exclude: frozenset[str],
    position: tuple[float, float] | None,
) -> Summary:
    units = [Unit(s, "", i) for i, s in enumerate(sentences)]
    weight, decay = position or SINGLE_POSITION
    hidden = {_same_text(t) for t in exclude}
    shown = [i for i, s in enumerate(sentences) if _same_text(s) in hidden]
    factors = listing_factors(sentences, lang)
    chosen, scores, sim = select(
        units,
        lang,
        sentences=n,
        max_words=max_words,
        position_weight=weight,
        position_decay=decay,
        factors=factors,
        shown=shown,
    )
    if chosen and n is not None:
        chosen = _with_figure(sentences, lang, chosen, shown, scores, sim, n, max_words)
    order = sorted(chosen)
    texts = _cut_to_words([sentences[i] for i in order], max_words)
    return Summary(tuple(texts), lang, "extractive", indices=tuple(order))


def _with_figure(sentences, lang, chosen, shown, scores, sim, n, max_words) -> list[int]:
    """``chosen`` with a sentence that carries a figure, if the article has one and neither
    ``chosen`` nor ``shown`` does: the best-scored one replaces the last chosen (a chosen
    sentence it repeats goes too). Under ``max_words`` the summary is then cut as before."""
    if any(carries_figure(sentences[i], lang) for i in [*chosen, *shown]):
        return chosen
    taken = set(chosen) | set(shown)
    figures = [
        i
        for i in range(len(sentences))
        if i not in taken
        and count_words(sentences[i]) >= MIN_WORDS
        and carries_figure(sentences[i], lang)
    ]
    if not figures:
        return chosen

    def similarity(i: int, j: int) -> float:
        if isinstance(sim, dict):  # the sparse path: rows of the chosen sentences only
            return float(sim[j][i]) if j in sim else 0.0
        return float(sim[i, j])

    best = max(figures, key=lambda i: (float(scores[i]), -i))
    kept = list(chosen)
    if len(kept) >= n or max_words is not None:
        if len(kept) < 2:
            return chosen  # the top sentence stays: a one-sentence summary has no room
        kept.pop()  # the last chosen: the least of the summary
    kept = [i for i in kept if similarity(best, i) < REDUNDANT]
    return [*kept, best]


def summarize_documents(
    documents: Sequence[Sequence[str]],
    lang: str | None,
    *,
    n: int | None = None,
    max_words: int | None = None,
    position: tuple[float, float] | None = None,
) -> Summary:
    """Extractive summary of several articles on one subject (multi-document).

    Sentences are ranked across all documents (what many documents say is central); the
    position prior counts from the start of each document; sentences that are mostly names and
    titles are demoted as in :func:`summarize_sentences`. The chosen sentences come out
    ordered by their position in their document, then by document. ``position`` (weight, decay)
    overrides the prior's ``MULTI_POSITION``.
    """
    units = [Unit(s, str(d), i) for d, doc in enumerate(documents) for i, s in enumerate(doc)]
    weight, decay = position or MULTI_POSITION
    chosen, _, _ = select(
        units,
        lang,
        sentences=n,
        max_words=max_words,
        position_weight=weight,
        position_decay=decay,
        factors=listing_factors([u.text for u in units], lang),
    )
    order = sorted(chosen, key=lambda k: (units[k].position, int(units[k].doc)))
    texts = _cut_to_words([units[i].text for i in order], max_words)
    return Summary(tuple(texts), lang, "extractive", indices=tuple(order))


def brief_points(
    units: Sequence[Unit],
    lang: str | None = "en",
    *,
    points: int = DEFAULT_BRIEF_POINTS,
    linked: Callable[[int], Iterable[int]] | None = None,
    recency: dict[str, float] | None = None,
    dense_limit: int = DENSE_LIMIT,
    position: tuple[float, float] = BRIEF_POSITION,
    agreement: float = AGREEMENT,
) -> list[BriefPoint]:
    """The cross-article brief: the most central, non-redundant statements across articles.

    Sentences of other articles that state the same thing join a point as its group: cosine
    similarity of at least ``SAME_FACT``, or ``linked(i)`` (the indices of units that report
    the same figure as unit ``i``). Groups rank by centrality, by how many articles agree, and
    by ``recency`` (0..1 per article, 1 the newest); no article fills the brief while others
    have something to say. Above ``dense_limit`` sentences the similarity graph is sparse
    (:func:`_sparse_centrality`); the groups are still found with exact similarities.
    """
    import numpy as np

    if not units:
        return []
    if len(units) > dense_limit:
        chosen, scores, rows = _sparse_select(units, lang, points * 4, *position)
    else:
        chosen, scores, sim = select(
            units,
            lang,
            sentences=points * 4,
            position_weight=position[0],
            position_decay=position[1],
        )
        rows = {i: sim[i] for i in chosen}
    docs = {u.doc for u in units}
    per_doc_cap = max(1, math.ceil(points / len(docs)) + 1)
    recency = recency or {}
    candidates = []
    for i in chosen:
        row = rows[i]
        near = set(np.flatnonzero(row >= SAME_FACT).tolist())
        if linked is not None:
            near.update(linked(i))
        members: dict[str, str] = {units[i].doc: units[i].text}
        for j in sorted(near, key=lambda j: (-row[j], j)):
            if units[j].doc not in members:
                members[units[j].doc] = units[j].text
        support = tuple(members)
        score = (
            float(scores[i])
            * (1 + agreement * (len(support) - 1))
            * (1 + 0.1 * recency.get(units[i].doc, 0.0))
        )
        candidates.append(
            BriefPoint(
                units[i].text, units[i].doc, support, round(score, 6), tuple(members.items())[1:]
            )
        )
    candidates.sort(key=lambda p: -p.score)
    result, taken = [], Counter()
    for point in candidates:
        if taken[point.article] < per_doc_cap:
            result.append(point)
            taken[point.article] += 1
        if len(result) == points:
            break
    return result


# --- abstractive ---------------------------------------------------------------------------

log = logging.getLogger(__name__)

WORDS_PER_SENTENCE = 25  # length target of an abstractive summary of n sentences
TOKENS_PER_WORD = 1.5
MAX_ROUNDS = 6


def chunk_sentences(
    sentences: Sequence[str], count_tokens: Callable[[list[str]], list[int]], limit: int
) -> list[list[str]]:
    """Consecutive sentences packed into chunks of at most ``limit`` tokens each; a sentence
    over the limit is first split to fit (:func:`mtsum.chunks.split_to_fit`)."""
    from mtsum.chunks import pack, split_to_fit

    pieces: list[str] = []
    for sentence in sentences:
        pieces.extend(split_to_fit(sentence, lambda t: count_tokens([t])[0] <= limit))
    if not pieces:
        return []
    lengths = dict(zip(range(len(pieces)), count_tokens(pieces)))
    overhead = count_tokens([""])[0]  # special tokens, counted once per chunk
    groups = pack(
        list(range(len(pieces))),
        lambda g: sum(lengths[i] - overhead + 1 for i in g) + overhead - 1 <= limit,
    )
    return [[pieces[i] for i in group] for group in groups]


def guard_numbers(
    generated: Sequence[str],
    source: Sequence[str],
    lang: str | None = "en",
) -> tuple[list[str], list[Replacement]]:
    """Keep generated sentences whose numbers all occur in the source (scaled value and unit:
    "US$478 billion" is not in a source that says "US$478 million").

    A sentence with a number the source lacks is replaced by the source sentence closest to it
    (TF-IDF cosine) that is not shown already; with none left, it is dropped.
    """
    kept: list[str] = []
    replacements: list[Replacement] = []
    vectors = None
    for k, sentence in enumerate(generated):
        foreign = foreign_numbers(sentence, list(source), lang)
        if not foreign:
            kept.append(sentence)
            continue
        if vectors is None:
            vectors = _sparse_vectors([Unit(t) for t in list(source) + list(generated)], lang)
        sims = (vectors[: len(source)] @ vectors[len(source) + k].T).toarray().ravel()
        closest = next(
            (
                source[i]
                for i in sorted(range(len(source)), key=lambda i: -sims[i])
                if source[i] not in kept and count_words(source[i]) >= MIN_WORDS
            ),
            None,
        )
        replacements.append(Replacement(sentence, tuple(foreign), closest))
        log.info(
            "summary sentence with number(s) %s not in the source replaced", ", ".join(foreign)
        )
        if closest is not None:
            kept.append(closest)
    return kept, replacements


def _length_bounds(n: int | None, max_words: int | None) -> tuple[int, int]:
    target_words = max_words or WORDS_PER_SENTENCE * (n or DEFAULT_SENTENCES)
    most = int(target_words * TOKENS_PER_WORD) + 8
    return max(8, most // 3), most


def abstractive_summary(
    sentences: Sequence[str],
    model,
    *,
    n: int | None = DEFAULT_SENTENCES,
    max_words: int | None = None,
    cache=None,
) -> Summary:
    """Summarise English sentences with ``model`` (a backend Summarizer), map-reduce when long."""
    from mtsum.cache import NoCache, cache_key

    cache = cache if cache is not None else NoCache()
    low, high = _length_bounds(n, max_words)
    limit = model.max_input_tokens
    params = {
        "limit": limit,
        "beam": getattr(model, "beam", None),
        "backend": getattr(model, "label", None),
    }
    # A chunk's summary must be much shorter than the chunk, or the reduce step never ends.
    map_high = max(8, min(high, limit // 3))
    map_low = min(low, map_high // 2)

    def generate(texts: list[str], low: int, high: int) -> list[str]:
        bounds = {**params, "min": low, "max": high}
        keys = [cache_key("summarize", model.model_id, model.revision, bounds, t) for t in texts]
        found = cache.get_many(keys)
        todo = [t for t, k in zip(texts, keys) if k not in found]
        if todo:
            outputs = model.summarize_batch(todo, min_tokens=low, max_tokens=high)
            fresh = {
                cache_key("summarize", model.model_id, model.revision, bounds, t): o
                for t, o in zip(todo, outputs)
            }
            cache.put_many({k: json.dumps(v, ensure_ascii=False) for k, v in fresh.items()})
            found = {**found, **{k: json.dumps(v, ensure_ascii=False) for k, v in fresh.items()}}
        return [json.loads(found[k]) for k in keys]

    current = [s for s in sentences if s.strip()]
    if not current:
        return Summary((), "en", "abstractive", model=model.model_id)
    chunks_first, rounds = 1, 0
    while True:
        rounds += 1
        chunks = chunk_sentences(current, model.count_tokens, limit)
        if rounds == 1:
            chunks_first = len(chunks)
        if len(chunks) == 1:
            outputs = generate([" ".join(chunks[0])], low, high)
        else:
            outputs = generate([" ".join(c) for c in chunks], map_low, map_high)
        if len(chunks) == 1 or rounds >= MAX_ROUNDS:
            text = " ".join(outputs)
            break
        current = [s for out in outputs for s in split_sentences(out, "en")]
    if chunks_first > 1:
        log.info(
            "input of %d sentences over %s's limit of %d tokens: summarised in %d chunks, "
            "%d rounds",
            len(sentences),
            model.model_id,
            limit,
            chunks_first,
            rounds,
        )
    generated = list(dict.fromkeys(split_sentences(text, "en")))
    kept, replacements = guard_numbers(generated, list(sentences), "en")
    if n is not None:
        kept = kept[:n]
    kept = _cut_to_words(kept, max_words)
    return Summary(
        tuple(kept),
        "en",
        "abstractive",
        model=model.model_id,
        chunks=chunks_first,
        rounds=rounds,
        replacements=tuple(replacements),
    )


class SummaryEngine:
    """Chooses the engine per text and loads the abstractive model lazily, once per run."""

    def __init__(self, settings, *, registry=None, cache=None, loader=None, backends=None):
        from mtsum.backends import Backends
        from mtsum.registry import Registry

        self.settings = settings
        self.registry = registry or Registry(settings.models)
        self.cache = cache
        self.loader = loader
        self.backends = backends or Backends.from_settings(settings)
        self._model = None
        self._unavailable: ModelUnavailable | None = None
        self.model_calls = 0

    @property
    def unavailable(self) -> ModelUnavailable | None:
        return self._unavailable

    def model(self):
        """The loaded abstractive model; raises ModelUnavailable (remembered for the run)."""
        if self._unavailable is not None:
            raise self._unavailable
        if self._model is None:
            spec = self.registry.summarizer()
            if spec is None:
                self._unavailable = ModelUnavailable("summarizer", "no summariser configured")
                raise self._unavailable
            try:
                log.info("loading %s", spec.model)
                if self.loader is not None:
                    self._model = self.loader(
                        spec, beam=self.settings.beam, download=self.settings.download
                    )
                else:
                    self._model = self.backends.summarizer(spec, beam=self.settings.beam)
            except ModelUnavailable as exc:
                self._unavailable = exc
                raise
        return self._model

    def summarize(
        self,
        sentences: Sequence[str],
        lang: str | None,
        *,
        engine: str | None = None,
        n: int | None = DEFAULT_SENTENCES,
        max_words: int | None = None,
        strict: bool = False,
    ) -> Summary:
        """Summarise one text's sentences with ``engine`` (default: the settings').

        ``auto`` uses the abstractive model for English when it can be loaded, else the
        extractive engine. ``abstractive`` falls back the same way with a note, unless
        ``strict``, where a missing model raises ModelUnavailable.
        """
        engine = engine or self.settings.engine
        if engine not in ENGINES:
            raise ValueError(f"unknown summary engine {engine!r}")
        note = None
        if engine != "extractive":
            if lang != "en":
                note = "the abstractive model summarises English only"
            else:
                try:
                    model = self.model()
                except ModelUnavailable as exc:
                    if strict and engine == "abstractive":
                        raise
                    note = f"abstractive model unavailable: {exc}"
                else:
                    self.model_calls += 1
                    return abstractive_summary(
                        sentences, model, n=n, max_words=max_words, cache=self.cache
                    )
        summary = summarize_sentences(sentences, lang, n=n, max_words=max_words)
        return replace(summary, note=note if engine == "abstractive" else None)
