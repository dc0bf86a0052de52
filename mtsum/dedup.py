"""Stage 2b, dedup: the same story twice (saved twice, or republished by another outlet) is
briefed once, and every copy is listed as a source of it.

Two articles are copies when they are in the same language and their texts share most of
their word 5-grams ("shingles"; character 5-grams for Chinese, Japanese and Korean, which
write no spaces): an estimated Jaccard similarity of at least :data:`THRESHOLD`. The
estimate is datasketch's MinHash (128 permutations), and candidates are found with its
locality-sensitive hashing index, so each article is compared with a few others, not with all:
time and memory grow linearly with the number of articles (a signature of 128 numbers each).
Identical texts are matched by their hash first. Translations of one story into different
languages are not copies: they are separate sources, and their figures group in the key
figures as any two articles' do.

The index is filled as articles stream through :func:`mtsum.brief.make_briefing`: the first
article of a story (in input order) is briefed, and a later copy is recorded against it.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass, field

THRESHOLD = 0.5  # estimated Jaccard of 5-gram shingles at which two texts are one story
SHINGLE = 5
PERMUTATIONS = 128
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_PERMUTATIONS: tuple | None = None


@dataclass(frozen=True)
class Copy:
    """An article found to be a copy of one that is briefed."""

    id: str
    path: str
    title: str | None
    source_url: str | None
    date: object  # datetime.date | None
    site: str | None
    similarity: float  # estimated Jaccard of their shingles (1.0: the same text)


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
    return np.unique(mixed)


def _identity(value):
    return value


def signature(text: str):
    """A datasketch MinHash of a text's shingles (the shingle hashes are already 32-bit
    numbers, so datasketch's per-item hash is the identity)."""
    from datasketch import LeanMinHash, MinHash

    global _PERMUTATIONS
    if _PERMUTATIONS is None:
        _PERMUTATIONS = MinHash(num_perm=PERMUTATIONS).permutations
    m = MinHash(
        num_perm=PERMUTATIONS, hashfunc=_identity, permutations=_PERMUTATIONS, scheme="affine32"
    )
    hashes = shingle_hashes(text)
    if len(hashes):
        m.update_batch(hashes.tolist())
    return LeanMinHash(m)


@dataclass
class CopyFinder:
    """The stories seen so far; :meth:`match` says whether a new article is a copy of one."""

    threshold: float = THRESHOLD
    _lsh: object = None
    _signatures: dict = field(default_factory=dict)
    _exact: dict = field(default_factory=dict)
    _langs: dict = field(default_factory=dict)

    def __post_init__(self):
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=self.threshold, num_perm=PERMUTATIONS)

    def match(self, key: str, text: str, lang: str | None) -> tuple[str, float] | None:
        """The key of the earlier story ``text`` is a copy of, with the similarity; else
        None, and ``text`` is indexed as a new story under ``key``."""
        normal = " ".join(text.lower().split())
        digest = hashlib.sha256(f"{lang}\n{normal}".encode()).hexdigest()
        if digest in self._exact:
            return self._exact[digest], 1.0
        sig = signature(normal)
        best = None
        for other in self._lsh.query(sig):
            if self._langs[other] != lang:
                continue
            similarity = sig.jaccard(self._signatures[other])
            if similarity >= self.threshold and (
                best is None or similarity > best[1] or (similarity == best[1] and other < best[0])
            ):
                best = (other, similarity)
        if best is not None:
            return best[0], round(best[1], 3)
        self._exact[digest] = key
        self._signatures[key] = sig
        self._langs[key] = lang
        self._lsh.insert(key, sig)
        return None
