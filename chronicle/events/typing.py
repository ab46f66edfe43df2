"""Trained event typing: PLOVER type and mode, ACLED sub-type (or none) and CAMEO penta-class of a
candidate event, from its sentence (a sentence-encoder vector) and the rules' reading (type, mode, ACLED sub-type, trigger strength: features, not the
decision). Calibrated probabilities (temperature fitted on out-of-fold predictions).

    >>> from chronicle.models.static import StaticEncoder
    >>> model = TypingModel.load(StaticEncoder.load(settings.cache_dir))
    >>> rule = RuleReading(type="ASSAULT", mode="firearms", strength=2, verb=True)
    >>> r = model.type_event("Gunmen shot dead three police officers at a checkpoint.", "shoot", rule)
    >>> r.type, 0.0 < r.type_prob <= 1.0
    ('ASSAULT', True)

Trained by `make train` (chronicle/events/train.py) on the NGEC synthetic stories (type, mode), the CASE
2021 tune half (ACLED) and the cameo_class tune half (penta-class); weights in model/typing.json.gz.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..models import linear
from ..knowledge import shipped

MODEL = Path(__file__).with_name("model") / "typing.json.gz"
NONE = "(none)"
HEADS = ("type", "mode", "acled", "penta")


@dataclass(frozen=True, slots=True)
class RuleReading:
    """What the rules said about a candidate: features for the model."""

    type: str = NONE
    mode: str = NONE
    acled: str = NONE          # ACLED sub-type or NONE
    strength: int = 0          # 0 = no trigger
    verb: bool = False
    penta: int = -1            # the rules' CAMEO penta-class (-1 unknown)


@dataclass(frozen=True, slots=True)
class TypeReading:
    """The model's reading of one candidate event, with calibrated probabilities."""

    type: str
    type_prob: float
    mode: str | None
    mode_prob: float
    acled: tuple[str, str] | None
    acled_prob: float
    rule_type_prob: float       # p(the rules' type): how much the model agrees with the rules
    type_probs: tuple[tuple[str, float], ...] = ()     # p of every PLOVER type

    def prob_of(self, typ: str) -> float:
        """The calibrated p of a PLOVER type (0 for a type the model never saw)."""
        return dict(self.type_probs).get(typ, 0.0)

    @property
    def quad(self) -> str:
        return shipped().plover.quad[self.type]


class Featurizer:
    """Sentence vector (+ trigger vector when the model uses it) + one-hot rule reading, in a fixed layout."""

    def __init__(self, vocab: dict[str, list[str]]):
        self.vocab = vocab
        self.index = {k: {v: i for i, v in enumerate(vs)} for k, vs in vocab.items()}

    @classmethod
    def fitted(cls, rules: list[RuleReading]) -> "Featurizer":
        return cls({
            "type": [NONE] + sorted(shipped().plover.quad),
            "mode": sorted({r.mode for r in rules} | {NONE}),
            "acled": [NONE] + sorted(shipped().acled.subtypes),
            "strength": ["0", "1", "2", "3"],
            "penta": ["-1", "0", "1", "2", "3", "4"],
        })

    def onehots(self, r: RuleReading) -> np.ndarray:
        parts = []
        for field, value in (("type", r.type), ("mode", r.mode), ("acled", r.acled), ("strength", str(r.strength)),
                             ("penta", str(r.penta))):
            v = np.zeros(len(self.vocab[field]), dtype=np.float32)
            i = self.index[field].get(value)
            if i is not None:
                v[i] = 1.0
            parts.append(v)
        parts.append(np.asarray([float(r.verb)], dtype=np.float32))
        return np.concatenate(parts)

    def matrix(self, sent_vecs: np.ndarray, trig_vecs: np.ndarray, rules: list[RuleReading]) -> np.ndarray:
        oh = np.stack([self.onehots(r) for r in rules]) if rules else np.zeros((0, self.width_rules()), np.float32)
        return np.hstack([sent_vecs, trig_vecs, oh]).astype(np.float32)

    def width_rules(self) -> int:
        return sum(len(v) for v in self.vocab.values()) + 1


class TypingModel:
    """The heads over one feature layout; `encoder` turns texts into vectors (chronicle.models)."""

    def __init__(self, featurizer: Featurizer, heads: dict[str, linear.Softmax], encoder, meta: dict | None = None):
        self.featurizer = featurizer
        self.heads = heads
        self.encoder = encoder
        self.meta = meta or {}
        self._trig_cache: dict[str, np.ndarray] = {}
        self._sent_cache: dict[str, np.ndarray] = {}

    @property
    def trigger_vector(self) -> bool:
        # the trigger word's own vector measured no better in cross-validation (NGEC type 0.440 vs 0.441,
        # cameo penta 0.759 vs 0.764 without it), so the shipped layout leaves it out
        return bool(self.meta.get("trigger_vector", False))

    def features(self, texts: list[str], triggers: list[str], rules: list[RuleReading]) -> np.ndarray:
        sv = self.encoder.encode(list(texts))
        return self.featurizer.matrix(sv, self._trigger_vecs(triggers, sv.shape[0]), list(rules))

    def _trigger_vecs(self, triggers: list[str], n: int) -> np.ndarray:
        if not self.trigger_vector:
            return np.zeros((n, 0), np.float32)
        return np.stack([self._trigger_vec(t) for t in triggers]) if n else np.zeros((0, self.encoder.dim), np.float32)

    def _trigger_vec(self, lemma: str) -> np.ndarray:
        v = self._trig_cache.get(lemma)
        if v is None:
            v = self._trig_cache[lemma] = self.encoder.encode([lemma])[0] if lemma else np.zeros(
                self.encoder.dim, np.float32)
        return v

    def probs(self, head: str, X: np.ndarray) -> np.ndarray:
        return self.heads[head].probs(X)

    def read(self, X: np.ndarray, rules: list[RuleReading]) -> list[TypeReading]:
        """One TypeReading per feature row."""
        pt, pm, pa = (self.heads[h].probs(X) for h in ("type", "mode", "acled"))
        lt, lm, la = (self.heads[h].labels for h in ("type", "mode", "acled"))
        out = []
        subtypes = shipped().acled.subtypes
        for r in range(X.shape[0]):
            t = int(pt[r].argmax())
            typ = lt[t]
            # the mode among those of the chosen type (or none)
            ok = [j for j, m in enumerate(lm) if m == NONE or m.split(":", 1)[0] == typ]
            j = max(ok, key=lambda q: pm[r, q])
            mode = None if lm[j] == NONE else lm[j].split(":", 1)[1]
            a = int(pa[r].argmax())
            sub = la[a]
            rt = lt.index(rules[r].type) if rules[r].type in lt else None
            out.append(TypeReading(typ, float(pt[r, t]), mode, float(pm[r, j] / max(pm[r, ok].sum(), 1e-9)),
                                   None if sub == NONE else (subtypes[sub], sub), float(pa[r, a]),
                                   float(pt[r, rt]) if rt is not None else 0.0,
                                   tuple((lab, float(pt[r, q])) for q, lab in enumerate(lt))))
        return out

    def type_event(self, text: str, trigger: str, rule: RuleReading) -> TypeReading:
        """The reading of one candidate event (its sentence text, trigger lemma and the rules' reading)."""
        sv = self._sent_cache.get(text)
        if sv is None:                 # the triggers of one sentence share its vector
            if len(self._sent_cache) > 256:
                self._sent_cache.clear()
            sv = self._sent_cache[text] = self.encoder.encode([text])
        X = self.featurizer.matrix(sv, self._trigger_vecs([trigger], 1), [rule])
        return self.read(X, [rule])[0]

    def to_dict(self) -> dict:
        return {"vocab": self.featurizer.vocab, "heads": {k: h.to_dict() for k, h in self.heads.items()},
                "meta": self.meta}

    def save(self, path: Path = MODEL) -> None:
        linear.save(path, self.to_dict())

    @classmethod
    def load(cls, encoder, path: Path = MODEL) -> "TypingModel | None":
        """The shipped model with this encoder, or None when it has not been trained (`make train`)."""
        if not path.exists():
            return None
        d = linear.load(path)
        return cls(Featurizer(d["vocab"]), {k: linear.Softmax.from_dict(h) for k, h in d["heads"].items()},
                   encoder, d.get("meta"))
