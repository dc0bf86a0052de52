"""Stage 2b, dedup: the same story twice (saved twice, or republished by another outlet) is
briefed once, and every copy is listed as a source of it.

Two articles are copies when they are in the same language and their texts share most of
their word 5-grams ("shingles"; character 5-grams for Chinese, Japanese and Korean, which
write no spaces): a Jaccard similarity of at least :data:`THRESHOLD`. Each text gets a
MinHash signature (128 universal hash functions), and candidates are found by
locality-sensitive hashing over its bands (25 bands of 5 rows, the split datasketch's
MinHashLSH chooses for this threshold and size), so each article is compared with a few
others, not with all: time and memory grow linearly with the number of articles (a signature
of 128 numbers and the shingle hashes of each story). A candidate whose estimate is near the
threshold or above is then measured exactly on the two shingle sets, so sampling noise in the
estimate never makes a copy. Identical texts are matched by their hash first.

It is the textbook method (Broder 1997; Leskovec, Rajaraman and Ullman, *Mining of Massive
Datasets*, ch. 3) in some 40 lines of numpy rather than datasketch: datasketch's package
import pulls in scipy.integrate (0.45 s on these machines), which every ``mtsum brief`` would
pay. Translations of one story into different languages are not copies: they are separate
sources, and their figures group in the key figures as any two articles' do.

The index is filled as articles stream through :func:`mtsum.brief.make_briefing`: the first
article of a story (in input order) is briefed, and a later copy is recorded against it.
"""

from __future__ import annotations

import functools
import hashlib
import re
import zlib
from dataclasses import dataclass, field
from importlib import resources

from mtsum.model import Copy  # noqa: F401 - re-exported

THRESHOLD = 0.5  # Jaccard similarity of 5-gram shingles at which two texts are one story
SHINGLE = 5
PERMUTATIONS = 128
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def shingle_hashes(text: str):
    """The 32-bit hashes of a text's shingles (numpy array; empty for a text too short)."""
    import numpy as np

    from mtsum.sentences import words

    if len(_CJK.findall(text)) > 0.3 * max(len(text.replace(" ", "")), 1):
        tokens = [c for c in text.lower() if not c.isspace()]  # no spaces: characters
    else:
        tokens = words(text)
    vocabulary = {t: zlib.crc32(t.encode("utf-8")) for t in set(tokens)}
    ids = np.fromiter(map(vocabulary.__getitem__, tokens), dtype=np.uint64, count=len(tokens))
    if len(ids) < SHINGLE:
        return ids  # a very short text: its words are its shingles
    mixed = np.zeros(len(ids) - SHINGLE + 1, dtype=np.uint64)
    for k in range(SHINGLE):  # a polynomial hash of each window of SHINGLE tokens
        mixed = (mixed * np.uint64(1_000_003) + ids[k : len(ids) - SHINGLE + 1 + k]) & np.uint64(
            0xFFFFFFFF
        )
    mixed.sort()  # np.unique's result (sorted, each once) without its import of numpy.ma
    return mixed[np.concatenate(([True], mixed[1:] != mixed[:-1]))]


PRIME = (1 << 31) - 1  # a Mersenne prime: (a * x + b) mod PRIME with a, b, x below it
BANDS, ROWS = 25, 5  # BANDS x ROWS = PERMUTATIONS
MARGIN = 0.15  # candidates estimated this close below the threshold, or above, are measured


@functools.cache
def _permutations():
    """The hash functions (a * x + b) mod PRIME, a universal family: a and b drawn below the
    prime, x reduced below it, so a * x + b < 2**63 never overflows and every value is mixed
    over the whole range (a small x is no small value). Drawn once (numpy's default_rng(1))
    and kept in ``data/minhash.toml``."""
    import numpy as np

    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]

    drawn = tomllib.loads(resources.files("mtsum").joinpath("data/minhash.toml").read_text("utf-8"))
    a = np.array(drawn["a"], dtype=np.uint64)
    b = np.array(drawn["b"], dtype=np.uint64)
    return a[:, None], b[:, None]


def signature(text: str):
    """The MinHash signature of a text's shingles: for each hash function, the smallest value
    it gives a shingle (128 numbers; equal positions estimate the Jaccard similarity)."""
    return signature_of(shingle_hashes(text))


def signature_of(shingles):
    import numpy as np

    hashes = shingles.astype(np.uint64) % np.uint64(PRIME)
    if not len(hashes):
        return np.full(PERMUTATIONS, PRIME, dtype=np.uint64)
    a, b = _permutations()
    values = (a * hashes[None, :] + b) % np.uint64(PRIME)
    return values.min(axis=1)


def similarity(x, y) -> float:
    """The Jaccard similarity two signatures estimate."""
    return float((x == y).mean())


def jaccard(x, y) -> float:
    """The Jaccard similarity of two sets of shingle hashes (sorted, unique)."""
    import numpy as np

    shared = len(np.intersect1d(x, y, assume_unique=True))
    return shared / max(len(x) + len(y) - shared, 1)


@dataclass
class CopyFinder:
    """The stories seen so far; :meth:`match` says whether a new article is a copy of one."""

    threshold: float = THRESHOLD
    _bands: dict = field(default_factory=dict)  # (band, its values) -> keys
    _signatures: dict = field(default_factory=dict)
    _shingles: dict = field(default_factory=dict)  # key -> its shingle hashes (uint32)
    _exact: dict = field(default_factory=dict)
    _langs: dict = field(default_factory=dict)

    def match(self, key: str, text: str, lang: str | None) -> tuple[str, float] | None:
        """The key of the earlier story ``text`` is a copy of, with the similarity; else
        None, and ``text`` is indexed as a new story under ``key``."""
        normal = " ".join(text.lower().split())
        digest = hashlib.sha256(f"{lang}\n{normal}".encode()).hexdigest()
        if digest in self._exact:
            return self._exact[digest], 1.0
        shingles = shingle_hashes(normal).astype("uint32")
        sig = signature_of(shingles)
        bands = [(k, sig[k * ROWS : (k + 1) * ROWS].tobytes()) for k in range(BANDS)]
        candidates = {other for band in bands for other in self._bands.get(band, ())}
        best = None
        for other in sorted(candidates):
            if self._langs[other] != lang:
                continue
            if similarity(sig, self._signatures[other]) < self.threshold - MARGIN:
                continue  # far below: the estimate is enough
            exact = jaccard(shingles, self._shingles[other])  # near or above: measured
            if exact >= self.threshold and (best is None or exact > best[1]):
                best = (other, exact)
        if best is not None:
            return best[0], round(best[1], 3)
        self._exact[digest] = key
        self._signatures[key] = sig
        self._shingles[key] = shingles
        self._langs[key] = lang
        for band in bands:
            self._bands.setdefault(band, []).append(key)
        return None
