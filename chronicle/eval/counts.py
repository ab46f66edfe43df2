"""Counts scored on the project's own gold table (chronicle/counts/gold/counts_gold.tsv: invented
sentences with event triggers and the counts each trigger should get).

A found count is right when its trigger, category, low, best and high all match a gold count.
The rows alternate a dev half (the rules were tuned on it) and a held-out half (not looked at
while tuning); both are reported, and the gate pins both.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from . import Scores, evaluation, prf

GOLD = Path(__file__).resolve().parent.parent / "counts" / "gold" / "counts_gold.tsv"


@dataclass(frozen=True)
class GoldSentence:
    row: int                     # 0-based data row
    text: str
    triggers: tuple[str, ...]    # "word" or "word#2"
    counts: frozenset            # {(trigger, category, low, best, high)}

    @property
    def split(self) -> str:
        return "dev" if self.row % 2 == 0 else "heldout"


def _value(s: str) -> int | None:
    return None if s == "-" else int(s)


def load_gold(path: Path = GOLD) -> list[GoldSentence]:
    """The gold table; a malformed line raises ValueError naming the line."""
    out = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise ValueError(f"line {lineno} of {path}: expected 3 tab-separated columns, got {len(parts)}")
        text, trig, counts = parts
        items = set()
        for c in filter(None, counts.split(";")):
            f = c.split(":")
            if len(f) != 5:
                raise ValueError(f"line {lineno} of {path}: count {c!r} is not trigger:category:low:best:high")
            items.add((f[0], f[1], _value(f[2]), _value(f[3]), _value(f[4])))
        out.append(GoldSentence(len(out), text, tuple(trig.split("|")), frozenset(items)))
    return out


def trigger_tokens(sent, names) -> list:
    """The tokens named "word" (first occurrence) or "word#k" (k-th) in a parsed sentence."""
    toks = []
    for name in names:
        word, _, nth = name.partition("#")
        hits = [t for t in sent if t.text == word]
        k = int(nth) if nth else 1
        if len(hits) < k:
            raise ValueError(f"trigger {name!r} not found in {sent.text!r}")
        toks.append(hits[k - 1])
    return toks


def predict(nlp, item: GoldSentence) -> set:
    from ..counts import counts_for_events
    from ..records import COUNT_FIELDS

    doc = nlp(item.text)
    sent = doc[:]
    found = set()
    for name, counts in zip(item.triggers, counts_for_events(sent, trigger_tokens(sent, item.triggers))):
        for cat in COUNT_FIELDS:
            c = getattr(counts, cat)
            if c is not None:
                found.add((name, cat, c.low, c.best, c.high))
    return found


def score(nlp, items) -> tuple[float, float, float, list]:
    tp = fp = fn = 0
    errors = []
    for item in items:
        got = predict(nlp, item)
        tp += len(got & item.counts)
        fp += len(got - item.counts)
        fn += len(item.counts - got)
        if got != item.counts:
            errors.append((item, sorted(got - item.counts, key=str), sorted(item.counts - got, key=str)))
    p, r, f = prf(tp, fp, fn)
    return p, r, f, errors


@evaluation("counts")
def evaluate_counts(settings: Settings, *, full: bool) -> Scores:
    """Counts per trigger on the bundled gold table (small: subset and full are the same)."""
    from ..nlp import load_model

    nlp = load_model(settings.model)
    gold = load_gold()
    values = {}
    for split in ("dev", "heldout"):
        items = [g for g in gold if g.split == split]
        p, r, f, _ = score(nlp, items)
        values.update({f"{split}_precision": p, f"{split}_recall": r, f"{split}_f1": f})
    notes = ["gold written by the counts author; rules tuned on the dev half only, the held-out half "
             "was scored but its errors not read while tuning"]
    return Scores(values=values, n=len(gold), data_files=[GOLD], notes=notes)


ATTRIBUTION_GOLD = Path(__file__).resolve().parent.parent / "attribute" / "gold" / "attribution_gold.tsv"


@dataclass(frozen=True)
class AttributionCase:
    row: int
    text: str
    trigger: str
    certainty: str
    attributed_to: tuple[str, ...]
    negated: bool
    hypothetical: bool
    future: bool

    @property
    def split(self) -> str:
        return "dev" if self.row % 2 == 0 else "heldout"


def load_attribution_gold(path: Path = ATTRIBUTION_GOLD) -> list[AttributionCase]:
    """The attribution table; a malformed line raises ValueError naming the line."""
    out = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 5:
            raise ValueError(f"line {lineno} of {path}: expected 5 tab-separated columns, got {len(parts)}")
        text, trig, cert, src, flags = parts
        out.append(AttributionCase(len(out), text, trig, cert, tuple(filter(None, src.split("|"))),
                                   "N" in flags, "H" in flags, "F" in flags))
    return out


def attribution_of(nlp, case: AttributionCase):
    from ..attribute import attribute

    doc = nlp(case.text)
    return attribute(doc[:], trigger_tokens(doc[:], [case.trigger])[0], doc)


def attribution_errors(nlp, case: AttributionCase) -> list[str]:
    """What the attribution gets wrong on one case (empty when all five fields match)."""
    got = attribution_of(nlp, case)
    errs = []
    for name in ("certainty", "attributed_to", "negated", "hypothetical", "future"):
        want, have = getattr(case, name), getattr(got, name)
        if want != have:
            errs.append(f"{name}: expected {want!r}, got {have!r}")
    return errs


@evaluation("attribute")
def evaluate_attribution(settings: Settings, *, full: bool) -> Scores:
    """Attribution on the bundled table: a case is right when certainty, sources, negated,
    hypothetical and future all match; certainty accuracy alone is reported too."""
    from ..nlp import load_model

    nlp = load_model(settings.model)
    gold = load_attribution_gold()
    values = {}
    for split in ("dev", "heldout"):
        cases = [c for c in gold if c.split == split]
        exact = cert = 0
        for c in cases:
            got = attribution_of(nlp, c)
            cert += got.certainty == c.certainty
            exact += (got.certainty, got.attributed_to, got.negated, got.hypothetical, got.future) == (
                c.certainty, c.attributed_to, c.negated, c.hypothetical, c.future)
        values[f"{split}_exact"] = exact / len(cases)
        values[f"{split}_certainty"] = cert / len(cases)
    notes = ["table written by the attribution author; rules tuned on the dev half only"]
    return Scores(values=values, n=len(gold), data_files=[ATTRIBUTION_GOLD], notes=notes)
