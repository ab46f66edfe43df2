"""Multinomial logistic regression in numpy (standardised inputs, L2, full-batch Adam, fixed steps:
the same data gives the same weights), temperature calibration, and a byte-reproducible file format.

    >>> import numpy as np
    >>> X = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9]])
    >>> head = fit(X, ["a", "a", "b", "b"], labels=["a", "b"])
    >>> head.probs(X).shape, bool(np.allclose(head.probs(X).sum(axis=1), 1.0))     # (n, 2), rows sum to 1
    ((4, 2), True)
"""
from __future__ import annotations

import gzip
import io
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass
class Softmax:
    """p(label | x) = softmax(((x - mu) / sd) @ W + b) / T)."""

    labels: list[str]
    mu: np.ndarray
    sd: np.ndarray
    W: np.ndarray               # (d, k)
    b: np.ndarray               # (k,)
    T: float = 1.0              # temperature, fitted on out-of-fold predictions

    def logits(self, X: np.ndarray) -> np.ndarray:
        return ((np.asarray(X, dtype=np.float32) - self.mu) / self.sd) @ self.W + self.b

    def probs(self, X: np.ndarray) -> np.ndarray:
        return softmax(self.logits(X) / self.T)

    def to_dict(self) -> dict:
        return {"labels": self.labels, "T": round(float(self.T), 4), "mu": _r(self.mu), "sd": _r(self.sd),
                "W": _r(self.W), "b": _r(self.b)}

    @classmethod
    def from_dict(cls, d: dict) -> "Softmax":
        f = np.float32
        return cls(list(d["labels"]), np.asarray(d["mu"], f), np.asarray(d["sd"], f), np.asarray(d["W"], f),
                   np.asarray(d["b"], f), float(d["T"]))


def _r(a: np.ndarray) -> list:
    # 4 significant decimals: what the file keeps, so a refit on the same data writes the same bytes
    return np.round(np.asarray(a, dtype=np.float64), 4).tolist()


def softmax(Z: np.ndarray) -> np.ndarray:
    Z = Z - Z.max(axis=1, keepdims=True)
    E = np.exp(Z)
    return E / E.sum(axis=1, keepdims=True)


def fit(X: np.ndarray, y: list[str], *, labels: list[str] | None = None, l2: float = 1.0,
        sample_weight: np.ndarray | None = None, balanced: bool = False, steps: int = 300,
        lr: float = 0.05, scale: np.ndarray | None = None) -> Softmax:
    """Fit on rows X (n, d) with string labels y; `balanced` weighs classes by 1/frequency; `scale`
    (d,) multiplies standardised columns, so a column scaled by c is penalised c² times less."""
    X = np.asarray(X, dtype=np.float64)
    labels = sorted(set(y)) if labels is None else list(labels)
    idx = {lab: i for i, lab in enumerate(labels)}
    n, d = X.shape
    k = len(labels)
    Y = np.zeros((n, k))
    Y[np.arange(n), [idx[v] for v in y]] = 1.0
    w = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    if balanced:
        freq = (Y * w[:, None]).sum(0)
        w = w * (Y @ (freq.sum() / np.maximum(freq, 1e-9) / k))
    w = w / w.sum()
    mu = X.mean(0)
    sd = X.std(0)
    sd[sd < 1e-6] = 1.0
    if scale is not None:
        sd = sd / np.asarray(scale, dtype=np.float64)
    Xs = (X - mu) / sd
    W = np.zeros((d, k))
    b = np.zeros(k)
    mW, vW, mb, vb = np.zeros_like(W), np.zeros_like(W), np.zeros_like(b), np.zeros_like(b)
    b1, b2 = 0.9, 0.999
    for t in range(1, steps + 1):
        P = softmax(Xs @ W + b)
        G = (P - Y) * w[:, None]
        gW = Xs.T @ G + l2 * W / n
        gb = G.sum(0)
        mW = b1 * mW + (1 - b1) * gW
        vW = b2 * vW + (1 - b2) * gW * gW
        mb = b1 * mb + (1 - b1) * gb
        vb = b2 * vb + (1 - b2) * gb * gb
        c1, c2 = 1 - b1 ** t, 1 - b2 ** t
        W -= lr * (mW / c1) / (np.sqrt(vW / c2) + 1e-8)
        b -= lr * (mb / c1) / (np.sqrt(vb / c2) + 1e-8)
    f = np.float32
    return Softmax(labels, mu.astype(f), sd.astype(f), W.astype(f), b.astype(f))


def fit_temperature(logits: np.ndarray, y_idx: np.ndarray) -> float:
    """The temperature that minimises the log loss of out-of-fold logits (grid search, 0.25..5)."""
    best, best_t = np.inf, 1.0
    for t in np.arange(0.25, 5.001, 0.05):
        P = softmax(logits / t)
        loss = -np.log(np.maximum(P[np.arange(len(y_idx)), y_idx], 1e-12)).mean()
        if loss < best - 1e-12:
            best, best_t = loss, float(round(t, 2))
    return best_t


def save(path: Path, payload: dict) -> None:
    """gzip'd JSON with mtime 0 and sorted keys: the same payload always writes the same bytes."""
    raw = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as f:
        f.write(raw)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())


def load(path: Path) -> dict:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)
