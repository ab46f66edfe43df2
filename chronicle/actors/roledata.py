"""Labelled candidate spans for the trained role model, from cameo_ner (CoNLL tokens tagged B/I-S
source, B/I-T target): each sentence is parsed on its gold tokens, its main-clause event is found as
`chronicle eval events` finds it (else the main verb), and every candidate noun phrase gets the gold
role whose span it matches exactly (else none). Held out: sentences k % 4 == 3 (the actors eval's
"heldout" quarter); the rest may be trained on.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SpanExample:
    sentence: int                  # index in cameo_ner
    split: str                     # tune | heldout
    lo: int
    hi: int
    feats: tuple[str, ...]
    label: str                     # none | S | T


def split_of(k: int) -> str:
    return "heldout" if k % 4 == 3 else "tune"


def trigger_of(doc, detector, key: str):
    """The token the pipeline would type: the main-clause event's trigger root, else the main verb."""
    from ..eval.actors import pick_trigger
    from ..eval.events import clause_event

    evs, _ = detector.detect(doc, key)
    m = clause_event(doc, [e for e in evs if not e.negated])
    if m is not None:
        span = doc.char_span(m.trigger.start, m.trigger.end, alignment_mode="expand")
        if span is not None:
            return span.root
    return doc[pick_trigger(doc)]


def examples(nlp, rows, *, detector, table, rules) -> tuple[list[SpanExample], dict]:
    """Span examples for every sentence, and how many gold S/T spans a candidate covers exactly."""
    from spacy.tokens import Doc

    from ..actors import context_country
    from ..eval.events import _bio_spans
    from .rolemodel import candidates, features, rule_label

    out: list[SpanExample] = []
    cover = {"S": [0, 0], "T": [0, 0]}
    docs = nlp.pipe((Doc(nlp.vocab, words=list(w)) for w, _ in rows), batch_size=64)
    for k, ((words, tags), doc) in enumerate(zip(rows, docs)):
        gold = {(s, e): r for r, s, e in _bio_spans(list(tags)) if r in ("S", "T")}
        trig = trigger_of(doc, detector, f"ner-{k}")
        country = context_country(doc, table)
        rs, rt = rules(doc, trig.sent, trig.i, table=table, country=country)
        cands = candidates(trig.sent, trig)
        spans = {(lo, hi) for lo, hi, _ in cands}
        for (s, e), r in gold.items():
            cover[r][1] += 1
            cover[r][0] += (s, e) in spans
        for lo, hi, h in cands:
            cs, ce = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
            f = features(doc, trig, lo, hi, h, rule=rule_label(cs, ce, rs, rt), table=table, country=country)
            out.append(SpanExample(k, split_of(k), lo, hi, tuple(f), gold.get((lo, hi), "none")))
    return out, cover
