"""Calibrated confidence: a logistic model over an event's features (trigger strength, whether it
has a subject and an object, whether it got an ACLED type, verb or noun trigger, certainty), fitted
by `make train` on events labelled automatically as right or wrong (CASE 2021 tune half: the main
event is right when its ACLED sub-type equals the gold one, or when an out-of-scope snippet gets
none). Weights ship as model/confidence.json.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

MODEL = Path(__file__).with_name("model") / "confidence.json"
CERTAINTY = ("confirmed", "reported", "claimed", "alleged", "unconfirmed")


def features(f: dict) -> list[float]:
    """The feature vector (bias last) for one event's feature dict."""
    return [
        float(f["strength"] == 1), float(f["strength"] == 2), float(f["strength"] == 3),
        float(f["has_source"]), float(f["has_target"]), float(f["acled"]), float(f["verb"]),
        min(f["n_cues"], 4) / 4.0,
        float(f["certainty"] in ("unconfirmed", "alleged", "claimed")),
        float(f["type"] in ("ASSAULT", "PROTEST", "COERCE")),
        f["cls_prob"] if f.get("cls_prob") is not None else 0.5,
        1.0,
    ]


class Confidence:
    """p(event is right | features) from a fitted logistic model."""

    def __init__(self, weights: list[float]):
        self.weights = weights

    def __call__(self, f: dict) -> float:
        z = sum(w * x for w, x in zip(self.weights, features(f)))
        return 1.0 / (1.0 + math.exp(-z))


def load_confidence(path: Path = MODEL) -> Confidence | None:
    """The shipped calibration, or None when it has not been trained (`make train`)."""
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    return Confidence(data["weights"])


def fit(xs: list[list[float]], ys: list[int], *, l2: float = 0.5, steps: int = 3000, lr: float = 0.1) -> list[float]:
    """Logistic regression by gradient descent (numpy), L2 on all but the bias."""
    import numpy as np

    X = np.asarray(xs, dtype=float)
    y = np.asarray(ys, dtype=float)
    w = np.zeros(X.shape[1])
    reg = np.ones_like(w) * l2
    reg[-1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-X @ w))
        g = X.T @ (p - y) / len(y) + reg * w / len(y)
        w -= lr * g * 10
    return [float(v) for v in w]


def ece(probs: list[float], ys: list[int], *, bins: int = 10) -> float:
    """Expected calibration error with equal-width bins."""
    n = len(probs)
    if not n:
        return 0.0
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, p in enumerate(probs) if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if idx:
            conf = sum(probs[i] for i in idx) / len(idx)
            acc = sum(ys[i] for i in idx) / len(idx)
            total += len(idx) / n * abs(conf - acc)
    return total
