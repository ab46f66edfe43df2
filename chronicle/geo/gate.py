"""Which recognised names are toponyms: a small logistic gate over recognize()'s own proposals.

recognize() proposes spaCy's place entities (which pass), demonyms, and names the model missed or
mislabelled (gazetteer names after a place preposition, places heading a body's name, streets,
legislators' home towns ...); the gate weighs each of the latter by how it was found (kind, entity
label), its shape (words, capitals, digits, a plural demonym), what the gazetteer holds for it (kind and population of its best entry, how many), its
neighbours (a place preposition before, a noun after, a sentence start) and whether the article names
it again. Weights: data/gate_model.json, trained by `python -m chronicle.geo.train_ranker --gate` on
the LGL and GeoWebNews development documents; the margin a name must clear is the one with the best
5-fold document cross-validated F1 (printed).

    >>> from chronicle.geo.recognize import recognize
    >>> doc = nlp("Clashes were reported in Tikrit, residents told Reuters.")
    >>> kept = gate(doc, recognize(doc, gaz, gated=False), gaz)     # what recognize() does by default
    >>> [m.text for m in kept]
    ['Tikrit']
"""
from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from ..knowledge import shipped
from .fold import fold
from .logit import score
from .resolve import _candidates

MODEL_PATH = Path(__file__).with_name("data") / "gate_model.json"


def _words():
    """The words behind the gate's features (chronicle/knowledge/words/geo.toml [gate]; the model was
    fitted with them), from the shipped knowledge."""
    return shipped().geo.gate


DROP = {"gate:drop": 1.0}          # the other option of each item: a logistic regression as a 2-way softmax
# spaCy's own place entities pass: gating them too gains recognition F1 (LGL 0.797 -> 0.804, GWN 0.804 ->
# 0.808, cross-validated) but loses the event's place (event_location held-out 0.726 -> 0.715); and "the
# Somali capital" passes (rare in the training news, kept by rule)
_TRUSTED = {"entity", "capital"}


def features(doc, m, counts: Counter, gazetteer) -> dict[str, float]:
    """The mention's feature values."""
    span = doc[m.tok_start:m.tok_end]
    label = doc[m.tok_start].ent_type_ or "none"
    f = {"gate:bias": 1.0, f"kind={m.kind}": 1.0, f"label={label}": 1.0, f"kind={m.kind}&label={label}": 1.0,
         "ntok=" + str(min(len(span), 4)): 1.0}
    text = m.text
    if text.isupper() and len(text) > 1:
        f["allcaps"] = 1.0
        f[f"allcaps&len={min(len(text), 5)}"] = 1.0
    if any(ch.isdigit() for ch in text):
        f["digit"] = 1.0
    if m.kind == "demonym" and text.endswith("s"):
        f["demonym_plural"] = 1.0
    prev = doc[m.tok_start - 1] if m.tok_start > 0 else None
    nxt = doc[m.tok_end] if m.tok_end < len(doc) else None
    f["prev=" + ("<s>" if prev is None or doc[m.tok_start].is_sent_start else "prep" if prev.lower_ in _words().preps
                 else "the" if prev.lower_ == "the" else "punct" if prev.is_punct else "title" if prev.is_title
                 else "other")] = 1.0
    f["next=" + ("</s>" if nxt is None else "'s" if nxt.text in ("'s", "’s") else "," if nxt.text == ","
                 else "punct" if nxt.is_punct else "title" if nxt.is_title else "noun" if nxt.pos_ in ("NOUN", "PROPN")
                 else "other")] = 1.0
    if counts[fold(text)] > 1:
        f["repeated"] = 1.0
    cands = _candidates(m, gazetteer)[:20]    # what resolution will weigh: demonyms, capitals, 'north-east X'

    if not cands:
        f["gaz=none"] = 1.0
    elif cands:
        top = max(cands, key=lambda c: c.population)
        kind = "region" if top.feature.startswith("L.") else top.place.precision.value
        f[f"gaz={kind}"] = 1.0
        f["gaz_logpop"] = math.log10(top.population + 10) / 7.0
        f["gaz_n=" + ("1" if len(cands) == 1 else "5" if len(cands) <= 5 else "many")] = 1.0
        f[f"kind={m.kind}&gaz={kind}"] = 1.0
    return f


def gate(doc, mentions: Sequence, gazetteer, *, model: dict | None = None) -> list:
    """The mentions the gate keeps (all of them when no gate model is shipped)."""
    model = load_gate() if model is None else model
    if not model:
        return list(mentions)
    counts = Counter(fold(m.text) for m in mentions)
    w = model["weights"]
    bar = score(DROP, w) + model.get("margin", 0.0)
    out = []
    for m in mentions:
        if m.kind in _TRUSTED:
            out.append(m)
            continue
        if score(features(doc, m, counts, gazetteer), w) >= bar:
            out.append(m)
    return out


@lru_cache(maxsize=2)
def load_gate(path: str = str(MODEL_PATH)) -> dict:
    from ..errors import ResourceError

    if not Path(path).exists():
        return {}
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ResourceError(f"toponym gate {path} cannot be read ({e}); retrain it with "
                            f"`python -m chronicle.geo.train_ranker --gate`") from e
