"""The numpy softmax regression, its temperature and its byte-reproducible file."""
from __future__ import annotations

import numpy as np

from chronicle.models import linear


def _toy(seed=0):
    rng = np.random.default_rng(seed)
    X = np.vstack([rng.normal(-2, 1, size=(40, 3)), rng.normal(2, 1, size=(40, 3))])
    y = ["a"] * 40 + ["b"] * 40
    return X, y


def test_fit_separates_two_clusters():
    X, y = _toy()
    h = linear.fit(X, y)
    pred = [h.labels[k] for k in h.probs(X).argmax(1)]
    assert sum(p == t for p, t in zip(pred, y)) >= 78
    assert np.allclose(h.probs(X).sum(1), 1.0, atol=1e-5)


def test_strong_l2_shrinks_towards_the_prior():
    X, y = _toy()
    weak, strong = linear.fit(X, y, l2=0.1), linear.fit(X, y, l2=1e5)
    assert np.abs(strong.W).max() < np.abs(weak.W).max() / 10


def test_scaled_columns_are_penalised_less():
    X, y = _toy()
    plain = linear.fit(X, y, l2=300.0)
    scaled = linear.fit(X, y, l2=300.0, scale=np.array([10.0, 1.0, 1.0]))
    assert abs(scaled.W[0, 1] - scaled.W[0, 0]) * 10 > abs(plain.W[0, 1] - plain.W[0, 0])


def test_temperature_softens_overconfident_logits():
    logits = np.array([[8.0, 0.0]] * 10)
    y = np.array([0] * 6 + [1] * 4)           # right only 60% of the time
    assert linear.fit_temperature(logits, y) > 2.0


def test_saved_file_is_byte_identical_for_the_same_fit(tmp_path):
    X, y = _toy()
    a, b = tmp_path / "a.json.gz", tmp_path / "b.json.gz"
    linear.save(a, {"head": linear.fit(X, y).to_dict()})
    linear.save(b, {"head": linear.fit(X, y).to_dict()})
    assert a.read_bytes() == b.read_bytes()
    again = linear.Softmax.from_dict(linear.load(a)["head"])
    assert again.labels == ["a", "b"] and again.probs(X[:1]).shape == (1, 2)
