"""Fit the happening judge and the within-article coreference model on the whole-article gold set's
tune and train documents (chronicle/eval/gold/articles; the held-out half is never read here).
Penalties and thresholds are chosen end to end by document-level cross-validation: for each
setting, the models are fitted on four fifths of the documents and the records they give on the
last fifth are scored as `chronicle eval articles` scores them (record precision, happening recall,
records per happening).

    python -m chronicle.events.train_judge            # writes model/judge.json and model/corefer.json
    python -m chronicle.events.train_judge --report   # cross-validated scores only, nothing written

Labels come from aligning each candidate (the pipeline's events before judging) with the gold
happenings: a candidate whose trigger overlaps a mention of a happening is one (label 1), a
candidate that overlaps nothing is not (label 0); candidates on `optional` happenings are left out
of the judge's fit. Pairs of candidates that are both on happenings are labelled by whether they
are on the same one.
"""
from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..config import Settings
from .corefer import CONFIDENCE_MODEL, MODEL as COREF_MODEL, cluster, confidence_features, linkable, merge, pair_features
from .judge import MODEL as JUDGE_MODEL, article_context, features
from .linear import LogisticModel, ece

JUDGE_L2 = (1.0, 3.0, 10.0)
COREF_L2 = (1.0, 3.0, 10.0)
JUDGE_TH = tuple(x / 100 for x in range(25, 71, 5))
COREF_TH = tuple(x / 100 for x in range(30, 91, 10))
FOLDS = 5
MAX_RPH = 1.15


@dataclass
class DocData:
    gold: object                                  # GoldDoc
    events: list                                  # candidates (Event), in pipeline order
    feats: list[dict]                             # judge features per candidate
    labels: list[int | None]                      # judge labels (None: optional happening)
    hits: list[int | None]                        # gold happening index per candidate
    pairs: dict[tuple[int, int], dict] = field(default_factory=dict)   # (i, j) i before j -> features


def candidate_analyses(docs, settings: Settings, resources=None):
    """{doc key: Analysis} with every candidate located and dated but not judged or merged."""
    from ..clean import clean
    from ..eval.goldarticles import read_source
    from ..pipeline import Analysis
    from ..records import RawDocument
    from ..run import Resources, pipeline

    resources = resources or Resources.load(settings)
    pipe = pipeline(resources=resources, skip=("judge", "merge"))
    arts = []
    for d in docs:
        src = read_source(d.key, settings.data_dir)
        arts.append(clean(RawDocument(origin=d.key, text=src.text, html=src.html, id=d.key, url=src.url),
                          published=d.published))
    return {item.article.id: item for item in pipe.run(arts) if isinstance(item, Analysis)}


def _overlaps(e, h) -> bool:
    return any(e.trigger.start < m.end and m.start < e.trigger.end for m in h.mentions)


def build(docs, analyses) -> list[DocData]:
    from .stages import _published

    out = []
    for d in docs:
        a = analyses.get(d.key)
        events = list(a.events) if a is not None else []
        dd = DocData(d, events, [], [], [])
        if events:
            pub = _published(a)
            ctx = article_context(a.doc, a.events, pub)
            sent_index = {s.start_char: k for k, s in enumerate(a.doc.sents)}
            for e in events:
                hit = next((j for j, h in enumerate(d.happenings) if _overlaps(e, h)), None)
                if hit is None:        # inside a mention's quoted words, as the evaluation matches it
                    hit = next((j for j, h in enumerate(d.happenings) if any(
                        e.trigger.start < m.context[1] and m.context[0] < e.trigger.end for m in h.mentions)), None)
                dd.hits.append(hit)
                # negated, hypothetical, future and historical candidates never reach the output: the
                # judge learns from (and decides) the others only
                opt = hit is not None and d.happenings[hit].optional
                dd.labels.append(None if opt or not e.default_output else int(hit is not None))
                dd.feats.append(features(a.doc, e, a.signals.get(e.id), ctx))
            order = sorted(range(len(events)), key=lambda i: (events[i].trigger.start, events[i].id))
            for x, y in itertools.combinations(order, 2):
                if events[x].default_output and events[y].default_output:
                    dd.pairs[(x, y)] = pair_features(a.doc, events[x], events[y], sent_index=sent_index,
                                                     published=pub)
        out.append(dd)
    return out


def _fold(key: str) -> int:
    return int(hashlib.sha1(key.encode()).hexdigest(), 16) % FOLDS


def judge_rows(data: Sequence[DocData]):
    xs, ys = [], []
    for dd in data:
        for f, y in zip(dd.feats, dd.labels):
            if y is not None:
                xs.append(f)
                ys.append(y)
    return xs, ys


def pair_rows(data: Sequence[DocData]):
    xs, ys = [], []
    for dd in data:
        for (i, j), f in dd.pairs.items():
            hi, hj = dd.hits[i], dd.hits[j]
            if hi is not None and hj is not None:
                xs.append(f)
                ys.append(int(hi == hj))
    return xs, ys


def records_for(dd: DocData, judge: LogisticModel, coref: LogisticModel, jth: float, cth: float):
    from ..actors.article import settle

    judged = []
    for e, f in zip(dd.events, dd.feats):
        p = judge.prob(f)
        judged.append(replace(e, happening=p, judged_out=None if p >= jth else "not a happening"))
    live_idx = [i for i, e in enumerate(judged) if e.default_output]
    live = [judged[i] for i in live_idx]

    def prob(a: int, b: int) -> float:
        if not linkable(live[a], live[b]):
            return 0.0
        x, y = live_idx[a], live_idx[b]
        key = (x, y) if (x, y) in dd.pairs else (y, x)
        return coref.prob(dd.pairs[key])

    groups = cluster(live, prob, cth)
    return settle([merge([live[i] for i in g]) for g in groups])


def cross_validate(data: Sequence[DocData], jl2: float, cl2: float, log=None) -> dict:
    """{(jth, cth): (precision, recall, rph, f1)} over all documents, each scored by models fitted
    without its fold."""
    from ..eval.articles import Tally, score_doc, summarize

    tallies = {(a, b): Tally() for a in JUDGE_TH for b in COREF_TH}
    for f in range(FOLDS):
        train = [dd for dd in data if _fold(dd.gold.key) != f]
        test = [dd for dd in data if _fold(dd.gold.key) == f]
        if not test:
            continue
        jx, jy = judge_rows(train)
        cx, cy = pair_rows(train)
        judge = LogisticModel.fit(jx, jy, l2=jl2)
        coref = LogisticModel.fit(cx, cy, l2=cl2)
        for (jth, cth), t in tallies.items():
            for dd in test:
                score_doc(dd.gold, records_for(dd, judge, coref, jth, cth), t)
    out = {}
    for key, t in tallies.items():
        s = summarize(t, "cv")
        out[key] = (s["cv_precision"], s["cv_recall"], s["cv_records_per_happening"], s["cv_f1"])
    return out


def confidence_rows(data: Sequence[DocData], jl2: float, cl2: float, jth: float, cth: float):
    """(features, label) of every record the chosen setting gives, each from models fitted without its
    document's fold; label 1 when the record is a gold happening with the right PLOVER type."""
    from ..eval.articles import match

    xs, ys = [], []
    for f in range(FOLDS):
        train = [dd for dd in data if _fold(dd.gold.key) != f]
        test = [dd for dd in data if _fold(dd.gold.key) == f]
        if not test:
            continue
        judge = LogisticModel.fit(*judge_rows(train), l2=jl2)
        coref = LogisticModel.fit(*pair_rows(train), l2=cl2)
        for dd in test:
            recs = records_for(dd, judge, coref, jth, cth)
            m = match(recs, dd.gold.happenings)
            for i, r in enumerate(recs):
                xs.append(confidence_features(r))
                ys.append(int(m[i] is not None and dd.gold.happenings[m[i]].type == r.type))
    return xs, ys


def cross_val_probs(xs, ys, _groups, l2: float = 1.0) -> list[float]:
    """Out-of-fold probabilities (folds by position) to report the calibration's ECE honestly."""
    out = [0.0] * len(xs)
    for f in range(FOLDS):
        tr = [i for i in range(len(xs)) if i % FOLDS != f]
        te = [i for i in range(len(xs)) if i % FOLDS == f]
        if tr and te:
            m = LogisticModel.fit([xs[i] for i in tr], [ys[i] for i in tr], l2=l2)
            for i in te:
                out[i] = m.prob(xs[i])
    return out


def objective(p: float, r: float, rph: float, f1: float) -> float:
    return f1 - max(0.0, rph - MAX_RPH)


def main(argv: list[str] | None = None) -> int:
    from ..eval.goldarticles import GOLD_DIR, load_all

    ap = argparse.ArgumentParser(prog="python -m chronicle.events.train_judge",
                                 description=__doc__.split("\n")[0])
    ap.add_argument("--report", action="store_true", help="cross-validate only; write nothing")
    args = ap.parse_args(argv)
    settings = Settings.from_env()
    docs = [d for d in load_all(GOLD_DIR, settings.data_dir) if d.split in ("tune", "train")]
    log = lambda s: print(s, file=sys.stderr)  # noqa: E731
    log(f"{len(docs)} tune and train documents")
    data = build(docs, candidate_analyses(docs, settings))
    best = None
    for jl2, cl2 in itertools.product(JUDGE_L2, COREF_L2):
        res = cross_validate(data, jl2, cl2)
        (jth, cth), (p, r, rph, f1) = max(res.items(), key=lambda kv: objective(*kv[1]))
        log(f"judge l2 {jl2:<4} coref l2 {cl2:<4}: best thresholds {jth:.2f}/{cth:.2f}: "
            f"P {p:.3f} R {r:.3f} records/happening {rph:.3f} F1 {f1:.3f}")
        if best is None or objective(p, r, rph, f1) > objective(*best[2]):
            best = ((jl2, cl2), (jth, cth), (p, r, rph, f1))
    (jl2, cl2), (jth, cth), (p, r, rph, f1) = best
    cv = {"cv_precision": round(p, 4), "cv_recall": round(r, 4), "cv_records_per_happening": round(rph, 4),
          "cv_f1": round(f1, 4), "documents": len(docs),
          "trained_on": "chronicle/eval/gold/articles tune+train splits; held-out documents never read"}
    jx, jy = judge_rows(data)
    cx, cy = pair_rows(data)
    judge = LogisticModel.fit(jx, jy, l2=jl2, meta={**cv, "l2": jl2, "threshold": jth, "n": len(jx),
                                                    "positives": int(sum(jy))})
    coref = LogisticModel.fit(cx, cy, l2=cl2, meta={**cv, "l2": cl2, "threshold": cth, "n": len(cx),
                                                    "positives": int(sum(cy))})
    kx, ky = confidence_rows(data, jl2, cl2, jth, cth)
    probe = cross_val_probs(kx, ky, [0] * len(kx))
    conf = LogisticModel.fit(kx, ky, l2=1.0, meta={"n": len(kx), "positives": int(sum(ky)),
                                                   "cv_ece": round(ece(probe, ky), 4),
                                                   "label": "record is a gold happening with the right type"})
    log(json.dumps({"judge": judge.meta, "corefer": coref.meta, "confidence": conf.meta}, indent=1))
    if not args.report:
        judge.save(JUDGE_MODEL)
        coref.save(COREF_MODEL)
        conf.save(CONFIDENCE_MODEL)
        log(f"wrote {JUDGE_MODEL}, {COREF_MODEL} and {CONFIDENCE_MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
