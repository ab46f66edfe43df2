"""Trained source/target roles: every noun phrase of the trigger's sentence is a candidate, scored
source / target / neither by a softmax over its parse path to the trigger, voice, preposition,
entity type, actor-table kind, position and length, with the role rules' answer as a feature (not
the decision). The chosen spans are still named by the actor table (chronicle.actors.roles.
actor_for_span), so "the Iraqi army" stays Military Forces of Iraq.

    >>> from chronicle.actors import roles
    >>> model = RoleModel.load()
    >>> roles_fn = TrainedRoles(model, rules=roles)          # same call as chronicle.actors.roles
    >>> doc = nlp("Iraqi troops shelled the militants in Tikrit.")
    >>> sources, targets = roles_fn(doc, doc[:], 2, table=table, country="IRQ")
    >>> [a.name for a in sources]
    ['Military Forces of Iraq']

Trained by `make train` on cameo_ner (every sentence but the held-out quarter, k % 4 == 3);
weights in model/roles.json.gz.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from ..models import linear
from ..records import Actor

MODEL = Path(__file__).with_name("model") / "roles.json.gz"
LABELS = ["none", "S", "T"]
NOUNISH = {"NOUN", "PROPN", "PRON"}


def candidates(sent, trigger) -> list[tuple[int, int, object]]:
    """(start, end, head token) of each noun phrase in the sentence outside the trigger: the rules'
    phrase of every noun/pronoun head that heads its own phrase, and its conjuncts one by one."""
    from .roles import phrase

    out, seen = [], set()
    for t in sent:
        if t.pos_ not in NOUNISH or t.i == trigger.i:
            continue
        if t.dep_ == "compound" or (t.dep_ in ("amod", "nmod", "poss") and t.head.pos_ in NOUNISH):
            continue            # part of a bigger phrase
        lo, hi = phrase(t)
        spans = [(lo, hi)]
        cut = [c.i for c in t.children if c.dep_ in ("prep", "acl", "relcl") and c.i > t.i]
        if cut and min(cut) < hi:          # also the phrase without its trailing modifiers ("positions near X")
            spans.append((lo, min(cut)))
        for lo, hi in spans:
            if lo <= trigger.i < hi or (lo, hi) in seen:
                continue
            seen.add((lo, hi))
            out.append((lo, hi, t))
    return out


def _path(a, b) -> tuple[list[str], list[str]]:
    """Dependency labels from a up to the lowest common ancestor and from b up to it."""
    up_a = [a] + list(a.ancestors)
    ids = {t.i for t in [b] + list(b.ancestors)}
    lca = next((t for t in up_a if t.i in ids), None)
    pa, pb = [], []
    t = a
    while lca is not None and t.i != lca.i and len(pa) < 6:
        pa.append(t.dep_ + (":" + t.lower_ if t.dep_ in ("prep", "agent") else ""))
        t = t.head
    t = b
    while lca is not None and t.i != lca.i and len(pb) < 6:
        pb.append(t.dep_ + (":" + t.lower_ if t.dep_ in ("prep", "agent") else ""))
        t = t.head
    return pa, pb


def features(doc, trigger, lo: int, hi: int, head, *, rule: str, table=None, country=None) -> list[str]:
    """Feature names of one candidate span for one trigger."""
    from .table import match_tokens, tokenize

    pa, pb = _path(head, trigger)
    passive = any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in trigger.children)
    tpos = "V" if trigger.pos_ in ("VERB", "AUX") else "N"
    before = hi <= trigger.i
    dist = min(abs(trigger.i - lo), abs(trigger.i - (hi - 1)))
    prep = next((p.split(":", 1)[1] for p in pa if p.startswith(("prep:", "agent:"))), "-")
    f = [
        "bias", f"rule={rule}", f"tpos={tpos}", f"passive={passive}", f"before={before}",
        f"dist={dist if dist < 4 else ('mid' if dist < 8 else 'far')}",
        f"up={'/'.join(pa[:3])}", f"down={len(pb)}", f"first={pa[0] if pa else '-'}",
        f"firstv={pa[0] if pa else '-'}|{passive}|{tpos}", f"prep={prep}", f"prep|tpos={prep}|{tpos}",
        f"path={'/'.join(pa[:3])}|{'/'.join(pb[:2])}", f"ent={head.ent_type_ or '-'}", f"hpos={head.pos_}",
        f"len={min(hi - lo, 6)}", f"rule|before={rule}|{before}", f"up|passive={'/'.join(pa[:2])}|{passive}",
    ]
    if doc[lo].pos_ == "DET":
        f.append(f"det={doc[lo].lower_}")
    if table is not None:
        found = match_tokens(tokenize(doc[lo:hi].text), table, country=country)
        f.append(f"kind={found[0].kind if found else '-'}")
    if hi - lo > 1 and any(t.dep_ == "cc" for t in doc[lo:hi]):
        f.append("has_cc")
    if any(t.dep_ == "prep" and t.head.i == head.i for t in doc[lo:hi]):
        f.append("has_prep")
    if hi < len(doc) and doc[hi].dep_ == "prep" and doc[hi].head.i == head.i:
        f.append(f"cut_before={doc[hi].lower_}")
    return f


class RoleModel:
    """p(none | S | T) for a candidate span from its feature names."""

    def __init__(self, vocab: dict[str, int], head: linear.Softmax, thresholds: dict[str, float],
                 meta: dict | None = None):
        self.vocab = vocab
        self.head = head
        self.thresholds = thresholds
        self.meta = meta or {}

    def matrix(self, feats: list[list[str]]) -> np.ndarray:
        X = np.zeros((len(feats), len(self.vocab)), dtype=np.float32)
        for r, fs in enumerate(feats):
            for f in fs:
                j = self.vocab.get(f)
                if j is not None:
                    X[r, j] = 1.0
        return X

    def probs(self, feats: list[list[str]]) -> np.ndarray:
        return self.head.probs(self.matrix(feats)) if feats else np.zeros((0, len(LABELS)), np.float32)

    def choose(self, spans: list[tuple[int, int]], P: np.ndarray) -> tuple[list[tuple[int, int, float]],
                                                                         list[tuple[int, int, float]]]:
        """The best source span and the best target span above their thresholds (never the same span)."""
        si, ti = LABELS.index("S"), LABELS.index("T")
        src: list = []
        tgt: list = []
        if not spans:
            return src, tgt
        s = int(P[:, si].argmax())
        if P[s, si] >= self.thresholds["S"]:
            src.append((*spans[s], float(P[s, si])))
        order = [k for k in np.argsort(-P[:, ti]) if not src or k != s]
        if order and P[order[0], ti] >= self.thresholds["T"]:
            k = int(order[0])
            tgt.append((*spans[k], float(P[k, ti])))
        return src, tgt

    def save(self, path: Path = MODEL) -> None:
        linear.save(path, {"vocab": sorted(self.vocab, key=self.vocab.get), "head": self.head.to_dict(),
                           "thresholds": self.thresholds, "meta": self.meta})

    @classmethod
    def load(cls, path: Path = MODEL) -> "RoleModel | None":
        """The shipped model, or None when it has not been trained (`make train`)."""
        if not path.exists():
            return None
        d = linear.load(path)
        return cls({f: i for i, f in enumerate(d["vocab"])}, linear.Softmax.from_dict(d["head"]),
                   d["thresholds"], d.get("meta"))


def rule_label(lo: int, hi: int, rule_src, rule_tgt) -> str:
    """S / T when the rules chose a span with this span's bounds (or overlapping its head), else none."""
    for label, actors in (("S", rule_src), ("T", rule_tgt)):
        for a in actors:
            if a.start is not None and a.start == lo and a.end == hi:
                return label
    for label, actors in (("S", rule_src), ("T", rule_tgt)):
        for a in actors:
            if a.start is not None and a.start < hi and lo < a.end:
                return label + "~"
    return "none"


class TrainedRoles:
    """A drop-in for chronicle.actors.roles: the rules' answer becomes a feature; the model picks
    the spans; the actor table names them (pronouns resolved as the rules resolve them)."""

    def __init__(self, model: RoleModel, *, rules: Callable, fill_only: bool | None = None):
        self.model = model
        self.rules = rules
        # fill_only: the model names only a role the rules left empty (the shipped model's meta says
        # which measured better on cameo_ner held-out)
        self.fill_only = model.meta.get("fill_only", False) if fill_only is None else fill_only

    def __call__(self, doc, sent, trigger_token_i: int, *, table, country: str | None
                 ) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
        from ..knowledge import shipped
        from .roles import _is_pronoun, actor_for_span, resolve_pronoun

        rs, rt = self.rules(doc, sent, trigger_token_i, table=table, country=country)
        trig = doc[trigger_token_i]
        cands = candidates(sent, trig)
        if not cands:
            return rs, rt
        chars = [(doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)) for lo, hi, _ in cands]
        feats = [features(doc, trig, lo, hi, h, rule=rule_label(cs, ce, rs, rt), table=table, country=country)
                 for (lo, hi, h), (cs, ce) in zip(cands, chars)]
        src, tgt = self.model.choose([(lo, hi) for lo, hi, _ in cands], self.model.probs(feats))

        def named(picked, rule_actors):
            out = []
            for lo, hi, _ in picked:
                cs, ce = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
                same = next((a for a in rule_actors if a.start == cs and a.end == ce), None)
                a = same or actor_for_span(doc, lo, hi, table=table, country=country)
                if a is None and _is_pronoun(doc[lo:hi].root, shipped().actors.roles) and hi - lo <= 2:
                    a = resolve_pronoun(doc, doc[lo:hi].root, table=table, country=country)
                if a is not None:          # None: a place, a thing or an event ("a car bomb"), no actor
                    out.append(a)
            return tuple(out)

        src, tgt = named(src, rs + rt), named(tgt, rt + rs)
        if self.fill_only:
            src, tgt = rs or src, rt or tgt
            tgt = tuple(a for a in tgt if (a.start, a.end) not in {(b.start, b.end) for b in src})
        return src, tgt
