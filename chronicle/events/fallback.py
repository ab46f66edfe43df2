"""No-trigger fallback: a small linear (softmax) model over a sentence's bag of words that guesses a
PLOVER type when the trigger lexicon finds nothing. Trained by `make train` on the NGEC synthetic
PLOVER stories (../shared/data/training/ngec_synthetic_plover_stories.csv: 4,500 machine-written
stories with a PLOVER label; their facts are invented, so they are training signal only). Weights
ship as model/fallback.json.gz; nothing is downloaded.

    >>> fb = load_fallback()
    >>> label, p = fb.predict("The two countries resumed grain shipments across the border.")
    >>> label, round(p, 2)
    ('SUPPORT', 0.15)

The model has no "no event" class: `predict` gives the best type and its probability, and the
caller decides (with a threshold fitted on data it may tune on) whether that is an event at all.
"""
from __future__ import annotations

import csv
import gzip
import json
import math
import re
from collections import Counter
from pathlib import Path

from ..knowledge import Knowledge, shipped

MODEL = Path(__file__).with_name("model") / "fallback.json.gz"
# below this probability a trigger-less sentence stays "no event": the best of 0, .2 ... .9 on the
# cameo_class tune half's no-trigger sentences (62 of 138 right vs 52 for always "no event")
THRESHOLD = 0.2
_WORD = re.compile(r"[a-z][a-z'-]+")


def words(text: str, *, knowledge: Knowledge | None = None) -> list[str]:
    """Lower-cased word features: unigrams (no stop words) and adjacent-word bigrams."""
    stop = (knowledge or shipped()).events.fallback.stop_words
    toks = _WORD.findall(text.lower())
    uni = [t for t in toks if t not in stop]
    return uni + [f"{a}_{b}" for a, b in zip(uni, uni[1:])]


class Fallback:
    """p(PLOVER type | sentence words) from a multinomial logistic model."""

    def __init__(self, labels: list[str], vocab: dict[str, int], weights: list[list[float]], bias: list[float], *,
                 knowledge: Knowledge | None = None):
        self.knowledge = knowledge or shipped()
        self.labels = labels
        self.vocab = vocab
        self.weights = weights          # one row per vocabulary word, one column per label
        self.bias = bias

    def probs(self, text: str) -> dict[str, float]:
        z = list(self.bias)
        feats = {self.vocab[w] for w in words(text, knowledge=self.knowledge) if w in self.vocab}
        for i in feats:
            row = self.weights[i]
            for k in range(len(z)):
                z[k] += row[k]
        m = max(z)
        ex = [math.exp(v - m) for v in z]
        s = sum(ex)
        return {lab: e / s for lab, e in zip(self.labels, ex)}

    def predict(self, text: str) -> tuple[str, float]:
        p = self.probs(text)
        lab = max(p, key=p.get)
        return lab, p[lab]

    def save(self, path: Path = MODEL, **meta) -> None:
        data = {"labels": self.labels, "vocab": self.vocab, "bias": [round(b, 4) for b in self.bias],
                "weights": [[round(v, 4) for v in row] for row in self.weights], **meta}
        raw = json.dumps(data, separators=(",", ":")).encode("utf-8")
        with open(path, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0) as f:   # byte-reproducible
            f.write(raw)


def load_fallback(path: Path = MODEL) -> Fallback | None:
    """The shipped model, or None when it has not been trained (`make train`)."""
    if not path.exists():
        return None
    with gzip.open(path, "rt", encoding="utf-8") as f:
        d = json.load(f)
    return Fallback(d["labels"], d["vocab"], d["weights"], d["bias"])


def read_stories(path: Path) -> list[tuple[str, str]]:
    """(lead text, PLOVER label) per NGEC story: the title (placeholders dropped) and the first two
    sentences, the part of a story closest to a single reported sentence."""
    csv.field_size_limit(10 ** 8)
    out = []
    with path.open(encoding="utf-8") as f:
        rows = csv.DictReader(f)
        if rows.fieldnames is None or not {"text", "title", "label"} <= set(rows.fieldnames):
            raise ValueError(f"{path}: expected columns text, title, label (got {rows.fieldnames})")
        for n, row in enumerate(rows, 2):
            label = (row["label"] or "").strip().upper()
            if not label:
                raise ValueError(f"{path}: row {n} has no label")
            title = re.sub(r"\{[^}]*\}", " ", row["title"] or "")
            lead = " ".join(re.split(r"(?<=[.!?])\s+", (row["text"] or "").strip())[:2])
            out.append((f"{title}. {lead}", label))
    return out


def train(examples: list[tuple[str, str]], *, min_df: int = 3, l2: float = 1.0, steps: int = 300,
          lr: float = 0.5, knowledge: Knowledge | None = None) -> Fallback:
    """Fit the softmax model (numpy, full-batch gradient descent, L2 on the weights)."""
    import numpy as np

    labels = sorted({lab for _, lab in examples})
    kn = knowledge or shipped()
    df = Counter(w for text, _ in examples for w in set(words(text, knowledge=kn)))
    vocab = {w: i for i, w in enumerate(sorted(w for w, c in df.items() if c >= min_df))}
    X = np.zeros((len(examples), len(vocab)), dtype=np.float32)
    for r, (text, _) in enumerate(examples):
        for w in set(words(text, knowledge=kn)):
            if w in vocab:
                X[r, vocab[w]] = 1.0
    Y = np.zeros((len(examples), len(labels)), dtype=np.float32)
    for r, (_, lab) in enumerate(examples):
        Y[r, labels.index(lab)] = 1.0
    W = np.zeros((len(vocab), len(labels)), dtype=np.float32)
    b = np.zeros(len(labels), dtype=np.float32)
    n = len(examples)
    for _ in range(steps):
        Z = X @ W + b
        Z -= Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        G = P - Y
        W -= lr * (X.T @ G / n + l2 * W / n)
        b -= lr * G.mean(axis=0)
    return Fallback(labels, vocab, W.tolist(), b.tolist(), knowledge=kn)
