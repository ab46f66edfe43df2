"""A small linear (softmax) classifier that re-reads an event's sentence and the rules' ACLED
reading and says which ACLED sub-type it is, or none (out of scope: disasters, crime, diplomacy).
Stacked on the rules: the rules' reading is one of its features. Trained on 222 events it chose the
sub-type worse than the rules alone, so the detector uses only its agreement with the rules
(p of the rules' reading) as a confidence feature.
Trained by `make train` (chronicle/events/train.py); weights ship in model/acled_classifier.json.gz.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path

MODEL = Path(__file__).with_name("model") / "acled_classifier.json.gz"
NONE = "(none)"


def featurize(sent, *, rule: str | None, typ: str, mode: str | None, trigger: str) -> list[str]:
    """Feature names for one event: sentence lemmas, the trigger, and the rules' reading."""
    out = {f"RULE={rule or NONE}", f"TYPE={typ}", f"MODE={mode}", f"TRIG={trigger}", "BIAS"}
    for t in sent:
        if t.is_alpha and not t.is_stop and len(t.text) > 2:
            out.add("w=" + t.lemma_.lower())
    return sorted(out)


class AcledClassifier:
    """p(sub-type | features) with a fixed vocabulary; unknown features are ignored."""

    def __init__(self, labels: list[str], vocab: dict[str, int], weights):
        import numpy as np

        self.labels = labels
        self.vocab = vocab
        self.W = np.asarray(weights, dtype=np.float32)       # (n_features, n_labels)

    def probs(self, feats: list[str]):
        import numpy as np

        idx = [self.vocab[f] for f in feats if f in self.vocab]
        z = self.W[idx].sum(axis=0) if idx else np.zeros(len(self.labels), dtype=np.float32)
        z = z - z.max()
        e = np.exp(z)
        return e / e.sum()

    def predict(self, feats: list[str]) -> tuple[str, float]:
        p = self.probs(feats)
        k = int(p.argmax())
        return self.labels[k], float(p[k])

    def prob_of(self, feats: list[str], label: str | None) -> float:
        """p(label) for these features (label None = out of scope); 0 for a label never seen."""
        label = label or NONE
        if label not in self.labels:
            return 0.0
        return float(self.probs(feats)[self.labels.index(label)])

    def save(self, path: Path = MODEL) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"labels": self.labels, "vocab": self.vocab,
                "weights": [[round(float(x), 4) for x in row] for row in self.W]}
        with gzip.open(path, "wt", encoding="utf-8") as f:
            json.dump(data, f, separators=(",", ":"))


def load_classifier(path: Path = MODEL) -> AcledClassifier | None:
    """The shipped classifier, or None when it has not been trained (`make train`)."""
    if not path.exists():
        return None
    with gzip.open(path, "rt", encoding="utf-8") as f:
        data = json.load(f)
    return AcledClassifier(data["labels"], data["vocab"], data["weights"])


def train(examples: list[tuple[list[str], str]], *, l2: float = 1.0, epochs: int = 400,
          lr: float = 0.5, min_count: int = 1) -> AcledClassifier:
    """Fit softmax regression (full-batch gradient descent, L2) on (features, label) pairs."""
    import numpy as np

    counts: dict[str, int] = {}
    for feats, _ in examples:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}
    labels = sorted({y for _, y in examples})
    lab = {y: i for i, y in enumerate(labels)}
    X = np.zeros((len(examples), len(vocab)), dtype=np.float64)
    for r, (feats, _) in enumerate(examples):
        for f in feats:
            if f in vocab:
                X[r, vocab[f]] = 1.0
    Y = np.zeros((len(examples), len(labels)))
    for r, (_, y) in enumerate(examples):
        Y[r, lab[y]] = 1.0
    W = np.zeros((len(vocab), len(labels)))
    n = len(examples)
    for _ in range(epochs):
        Z = X @ W
        Z -= Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        G = X.T @ (P - Y) / n + l2 * W / n
        W -= lr * G * 10
    return AcledClassifier(labels, vocab, W)
