"""A small logistic model over named features, for decisions learnt from labelled data: is a
candidate a happening (judge.py), are two mentions one happening (corefer.py).

Weights are a JSON object {feature name: weight} plus a bias, so a model file can be read, diffed
and explained ("what pushed this candidate out"). Fitting is deterministic (Newton steps with an L2
penalty), so `make train` rebuilds the same bytes from the same data.

    >>> m = LogisticModel.fit([{"a": 1.0}, {"b": 1.0}], [1, 0], l2=1.0)
    >>> m.prob({"a": 1.0}) > 0.5 > m.prob({"b": 1.0})
    True
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

Features = Mapping[str, float]


@dataclass(frozen=True)
class LogisticModel:
    weights: Mapping[str, float]
    bias: float
    meta: Mapping[str, object]

    def score(self, x: Features) -> float:
        w = self.weights
        return self.bias + sum(v * w.get(k, 0.0) for k, v in x.items())

    def prob(self, x: Features) -> float:
        z = self.score(x)
        return 1.0 / (1.0 + math.exp(-z)) if z > -50 else 0.0

    def contributions(self, x: Features) -> list[tuple[str, float]]:
        """Each feature's push on the score, most negative first."""
        return sorted(((k, v * self.weights.get(k, 0.0)) for k, v in x.items()
                       if self.weights.get(k, 0.0)), key=lambda kv: kv[1])

    @classmethod
    def fit(cls, xs: Sequence[Features], ys: Sequence[int], *, l2: float = 1.0,
            sample_weight: Sequence[float] | None = None, iters: int = 50,
            meta: Mapping[str, object] | None = None) -> "LogisticModel":
        """L2-penalised logistic regression by Newton's method (numpy); the bias is not penalised."""
        import numpy as np

        names = sorted({k for x in xs for k in x})
        index = {k: i for i, k in enumerate(names)}
        X = np.zeros((len(xs), len(names) + 1))
        for r, x in enumerate(xs):
            for k, v in x.items():
                X[r, index[k]] = v
        X[:, -1] = 1.0
        y = np.asarray(ys, dtype=float)
        sw = np.ones(len(xs)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        reg = np.full(X.shape[1], float(l2))
        reg[-1] = 0.0
        w = np.zeros(X.shape[1])
        for _ in range(iters):
            z = np.clip(X @ w, -30, 30)
            p = 1.0 / (1.0 + np.exp(-z))
            g = X.T @ (sw * (p - y)) + reg * w
            h = (X * (sw * p * (1 - p))[:, None]).T @ X + np.diag(reg + 1e-9)
            step = np.linalg.solve(h, g)
            w -= step
            if float(np.abs(step).max()) < 1e-8:
                break
        weights = {k: round(float(w[i]), 6) for k, i in index.items() if abs(w[i]) > 1e-9}
        return cls(weights, round(float(w[-1]), 6), dict(meta or {}))

    def to_json(self) -> dict:
        return {"meta": dict(self.meta), "bias": self.bias,
                "weights": {k: self.weights[k] for k in sorted(self.weights)}}

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), indent=1, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> "LogisticModel":
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["weights"], float(data["bias"]), data.get("meta", {}))


def ece(probs: Sequence[float], ys: Sequence[int], *, bins: int = 10) -> float:
    """Expected calibration error with equal-width bins."""
    n = len(probs)
    if not n:
        return 0.0
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, p in enumerate(probs) if lo <= p < hi or (b == bins - 1 and p >= 1.0)]
        if idx:
            conf = sum(probs[i] for i in idx) / len(idx)
            acc = sum(ys[i] for i in idx) / len(idx)
            total += len(idx) / n * abs(conf - acc)
    return total
