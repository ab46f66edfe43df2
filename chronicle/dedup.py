"""Near-duplicate articles: MinHash over word shingles with LSH banding (numpy, no extra dependency).

The same wire story run by ten sites differs in headline, furniture and a sentence or two; its word
5-shingles still overlap by far more than different stories on the same event do. An article whose
estimated Jaccard similarity to an earlier one is at least `threshold` is a duplicate of the first.

    >>> story = "Gunmen attacked a market in Maiduguri on Sunday, killing at least twelve traders, officials said. " * 3
    >>> index = NearDuplicates()
    >>> index.add("a", story) is None, index.add("b", "Watch live. " + story)    # b copies a
    (True, 'a')
"""
from __future__ import annotations

import re
import zlib
from collections import defaultdict

import numpy as np

_PRIME = (1 << 31) - 1          # Mersenne prime: a, x < 2^31 keep a*x + b inside uint64


def shingles(text: str, k: int = 5) -> set[int]:
    """32-bit stable hashes of the k-word shingles of `text` (case and punctuation folded)."""
    words = re.findall(r"\w+", text.casefold())
    if len(words) < k:
        return {zlib.crc32(" ".join(words).encode("utf-8"))} if words else set()
    return {zlib.crc32(" ".join(words[i:i + k]).encode("utf-8")) for i in range(len(words) - k + 1)}


class MinHasher:
    """`num_perm` universal hash functions (a*x + b) mod p, fixed seed so signatures are stable."""

    def __init__(self, num_perm: int = 128, seed: int = 1):
        rng = np.random.default_rng(seed)
        self.a = rng.integers(1, _PRIME, size=num_perm, dtype=np.uint64)
        self.b = rng.integers(0, _PRIME, size=num_perm, dtype=np.uint64)
        self.num_perm = num_perm

    def signature(self, hashes: set[int]) -> np.ndarray:
        if not hashes:
            return np.full(self.num_perm, _PRIME, dtype=np.uint32)
        x = np.fromiter(hashes, dtype=np.uint64, count=len(hashes)) % np.uint64(_PRIME)
        values = (x[:, None] * self.a + self.b) % np.uint64(_PRIME)
        return values.min(axis=0).astype(np.uint32)


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


class NearDuplicates:
    """An incremental LSH index: `add` returns the id of the first earlier near-copy, or None."""

    def __init__(self, *, threshold: float = 0.8, num_perm: int = 128, bands: int = 32, k: int = 5):
        if num_perm % bands:
            raise ValueError("num_perm must be a multiple of bands")
        self.threshold = threshold
        self.k = k
        self.rows = num_perm // bands
        self.bands = bands
        self.hasher = MinHasher(num_perm)
        self.buckets: list[dict[bytes, list[int]]] = [defaultdict(list) for _ in range(bands)]
        self.ids: list[str] = []
        self.signatures: list[np.ndarray] = []

    def similarity(self, sig_a: np.ndarray, sig_b: np.ndarray) -> float:
        """Estimated Jaccard similarity of two signatures."""
        return float(np.mean(sig_a == sig_b))

    def add(self, article_id: str, text: str) -> str | None:
        """Index one article; return the id of the earliest indexed article it near-duplicates."""
        sig = self.hasher.signature(shingles(text, self.k))
        keys = [sig[i * self.rows:(i + 1) * self.rows].tobytes() for i in range(self.bands)]
        candidates: set[int] = set()
        for band, key in zip(self.buckets, keys):
            candidates.update(band.get(key, ()))
        for j in sorted(candidates):
            if self.similarity(sig, self.signatures[j]) >= self.threshold:
                return self.ids[j]          # a copy: not indexed, so later copies point to the first
        n = len(self.ids)
        self.ids.append(article_id)
        self.signatures.append(sig)
        for band, key in zip(self.buckets, keys):
            band[key].append(n)
        return None


def adopt_orphans(items, reanalyse):
    """Pass analysed items through; a near-duplicate whose first copy was rejected is analysed in
    its place (it would otherwise be stored as a copy of nothing), and later copies point to it.

    `items` are Analysis / Rejected records in input order (a first copy always comes before its
    copies); `reanalyse(articles)` runs the pipeline on a list of articles and returns its results.

        >>> from chronicle.run import pipeline, read_articles
        >>> p = pipeline(settings, until="nlp")
        >>> items = list(adopt_orphans(p.run(read_articles(["examples/"], settings=settings)),
        ...                            lambda arts: list(p.run(arts))))
    """
    from dataclasses import replace

    from .records import Rejected

    stand_in: dict[str, str | None] = {}     # rejected first copy -> the copy analysed instead (None: none yet)
    for item in items:
        if isinstance(item, Rejected):
            stand_in.setdefault(item.article_id, None)
            yield item
            continue
        first = item.article.duplicate_of
        if first is None or first not in stand_in:
            yield item
            continue
        if stand_in[first] is not None:
            yield item.with_(article=replace(item.article, duplicate_of=stand_in[first]))
            continue
        (out,) = reanalyse([replace(item.article, duplicate_of=None)])
        if not isinstance(out, Rejected):
            stand_in[first] = out.article.id
        yield out
