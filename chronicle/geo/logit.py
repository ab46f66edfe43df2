"""A conditional logit (a softmax over each item's options) over named features, in numpy.

Shared by the event-place model (attach.py) and the toponym candidate ranker (ranker.py): each item
is a list of options (feature dicts name → value, binary features as 1.0) with one or more right
ones; the fit maximises the probability of the right options, L2-regularised, by full-batch
gradient descent.

    >>> w = fit([[{"a": 1.0}, {"b": 1.0}]] * 20, [[1.0, 0.0]] * 20)   # 20 items: "a" is the right option
    >>> score({"a": 1.0}, w) > score({"b": 1.0}, w)
    True

(With one item, L2 counts as much as the data and the full-batch steps diverge: fit on many.)
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence


def fit(groups: Sequence[Sequence[Mapping[str, float]]], labels: Sequence[Sequence[float]], *,
        l2: float = 1.0, steps: int = 1000, lr: float = 2.0) -> dict[str, float]:
    """Weights per feature name; items whose labels are all 0 teach nothing and are skipped."""
    import numpy as np

    keep = [(g, lab) for g, lab in zip(groups, labels) if sum(lab) > 0]
    names = sorted({f for g, _ in keep for opt in g for f in opt})
    idx = {n: i for i, n in enumerate(names)}
    rows = sum(len(g) for g, _ in keep)
    A = np.zeros((rows, len(names)))
    y = np.zeros(rows)
    gid = np.zeros(rows, dtype=int)
    r = 0
    for k, (g, lab) in enumerate(keep):
        for opt, yl in zip(g, lab):
            for f, v in opt.items():
                A[r, idx[f]] = v
            y[r] = yl
            gid[r] = k
            r += 1
    G = len(keep) or 1
    w = np.zeros(len(names))
    for _ in range(steps):
        z = A @ w
        zmax = np.full(G, -np.inf)
        np.maximum.at(zmax, gid, z)
        e = np.exp(z - zmax[gid])
        tot = np.bincount(gid, weights=e, minlength=G)
        pos = np.bincount(gid, weights=e * y, minlength=G)
        p = e / tot[gid]                      # the model's probability of each option
        q = e * y / np.maximum(pos[gid], 1e-300)   # the posterior over the right options
        grad = A.T @ (p - q) / G + l2 * w / G
        w -= lr * grad
    return {nm: round(float(x), 4) for nm, x in zip(names, w) if abs(x) > 1e-4}


def score(features: Mapping[str, float], weights: Mapping[str, float]) -> float:
    """The option's linear score."""
    return sum(weights.get(f, 0.0) * v for f, v in features.items())
