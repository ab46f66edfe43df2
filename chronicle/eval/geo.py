"""`chronicle eval geo` (LGL, GeoWebNews) and `chronicle eval event-location`.

geo: recognition P/R/F1 on exact character spans; resolution of the gold toponyms (the gold spans
are given, the article is the context) within 161 km, median km, exact GeoNames id, right country;
end to end (`e2e_acc161`): of the gold toponyms the system recognised, those it resolved within 161
km (a recognised name left unresolved is a miss); `foreign`: the system's resolutions in a country the
article neither names (a country name or demonym it resolves) nor holds a gold place in. The
candidate ranker ships trained on every document, so `--full` also scores each document with a
ranker trained on the other folds (`*_cv`: 5-fold, by document; train_ranker.py): the honest numbers.
LGL gold = every annotated toponym; GWN gold = the toponyms it gives coordinates for (literal,
metonymic, mixed, modifiers ...), so our demonym mentions are left out of GWN precision.
event-location: for each sentence x event-verb item, the place chosen for the verb (geo.attach.choose_place,
whose model is trained on items 1500-5999: the subset 0-1499 is untrained, `--full` includes trained
items) is right when it overlaps a gold LOCATION span, or when there is none and none is chosen.
"""
from __future__ import annotations

import json
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from . import Scores, evaluation, prf, require

SUBSET_LGL, SUBSET_GWN, SUBSET_EVLOC = 80, 40, 1500
HELD_OUT_FROM = 6000        # event-location items the place model never saw (it trains on 1500-5999)


@dataclass
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    country_id: int | None = None


@dataclass
class GoldDoc:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


def read_lgl(path: Path) -> list[GoldDoc]:
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        d = GoldDoc(art.get("docid"), art.findtext("text") or "")
        for t in art.iter("toponym"):
            g = t.find("gaztag")
            gt = GoldToponym(int(t.findtext("start")), int(t.findtext("end")), t.findtext("phrase") or "")
            if g is not None and g.findtext("lat"):
                gt.lat, gt.lon = float(g.findtext("lat")), float(g.findtext("lon"))
                gt.geonameid = int(g.get("geonameid")) if g.get("geonameid") else None
                c = g.find("country")
                gt.country_id = int(c.get("geonameid")) if c is not None and c.get("geonameid") else None
            d.toponyms.append(gt)
        docs.append(d)
    return docs


def read_gwn(path: Path) -> list[GoldDoc]:
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        d = GoldDoc(art.get("file"), art.findtext("text") or "")
        for t in art.iter("toponym"):
            if t.find("latitude") is None or not t.findtext("latitude"):
                continue
            gid = t.findtext("geonamesID")
            d.toponyms.append(GoldToponym(int(t.findtext("start")), int(t.findtext("end")),
                                          t.findtext("extractedName") or "", float(t.findtext("latitude")),
                                          float(t.findtext("longitude")), int(gid) if gid else None))
        docs.append(d)
    return docs


def parse_docs(docs: list[GoldDoc], nlp, cache: Path | None = None) -> list:
    """The parsed articles; from a DocBin when `cache` exists (train_ranker --docbins), written there otherwise."""
    if cache is not None and cache.exists():
        from spacy.tokens import DocBin

        parsed = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(parsed) == len(docs) and all(p.text == d.text for p, d in zip(parsed, docs)):
            return parsed
    parsed = list(nlp.pipe((d.text for d in docs), batch_size=16))
    if cache is not None:
        from spacy.tokens import DocBin

        cache.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=parsed).to_disk(cache)
    return parsed


@dataclass
class DocRun:
    """One article's recognised mentions and the ranker's options, for gold spans and end to end."""

    doc: GoldDoc
    found: list
    pairs: list             # [(Options, GoldToponym)] of the gold spans (training items)
    gold_groups: list       # options of gold spans + other recognised names
    e2e_groups: list        # options of the recognised names alone
    negatives: list = field(default_factory=list)   # recognised names overlapping no gold toponym
    e2e_pairs: list = field(default_factory=list)   # [(Options, GoldToponym)] of gold toponyms recognised exactly

    def items(self) -> list:
        """Training items of the ranker: gold spans in both contexts, and non-toponyms ('none')."""
        return self.pairs + self.e2e_pairs + [(g, None) for g in self.negatives]


def run_docs(docs: list[GoldDoc], parsed: list, gaz) -> list[DocRun]:
    from ..geo.resolve import options
    from ..geo.train_ranker import gold_groups

    runs = []
    for d, p in zip(docs, parsed):
        pairs, groups, found = gold_groups(d, p, gaz)
        e2e = options(found, gaz, text=d.text)
        spans = [(t.start, t.end) for t in d.toponyms]
        neg = [g for g in e2e if g.candidates and not any(s < g.mention.end and g.mention.start < e for s, e in spans)]
        gold = {(t.start, t.end): t for t in d.toponyms if t.lat is not None}
        pos = [(g, gold[(g.mention.start, g.mention.end)]) for g in e2e if (g.mention.start, g.mention.end) in gold]
        runs.append(DocRun(d, found, pairs, groups, e2e, neg, pos))
    return runs


def measure(runs: list[DocRun], gaz, *, prefix: str, model_for=None, recognition: bool = True) -> dict[str, float]:
    """Recognition P/R/F1; resolution of the gold spans (acc@161, median km, exact id, right country);
    end to end: of the gold toponyms recognised (exact span), those resolved within 161 km (a
    recognised name left unresolved is a miss); and `foreign`: resolved names in a country the
    article neither names (a country name or demonym it resolves) nor holds a gold place in."""
    from ..geo.resolve import choose, km

    tp = fp = fn = 0
    dists: list[float] = []
    exact = exact_n = country_ok = country_n = 0
    e2e_n = e2e_hit = foreign = 0
    for run in runs:
        d = run.doc
        model = model_for(run) if model_for else None
        pred = {(m.start, m.end) for m in run.found}
        gold = {(t.start, t.end) for t in d.toponyms}
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
        res = {(t.start, t.end): t for t in choose(run.gold_groups, gaz, text=d.text, model=model)}
        gold_cc: set[str] = set()
        for g in d.toponyms:
            if g.lat is None:
                continue
            t = res.get((g.start, g.end))
            p = t.place if t else None
            dists.append(km(p.lat, p.lon, g.lat, g.lon) if p else 20038.0)
            if g.geonameid:
                exact_n += 1
                exact += bool(p and p.geonameid == g.geonameid)
            gc = None
            c = gaz.by_id(g.country_id or g.geonameid) if (g.country_id or g.geonameid) else None
            gc = c.place.country if c else None
            if gc:
                gold_cc.add(gc)
                country_n += 1
                country_ok += bool(p and p.country == gc)
        e2e = choose(run.e2e_groups, gaz, text=d.text, model=model)
        by_span = {(t.start, t.end): t for t in e2e}
        for g in d.toponyms:
            t = by_span.get((g.start, g.end))
            if g.lat is None or t is None:
                continue
            e2e_n += 1
            e2e_hit += bool(t.place and km(t.place.lat, t.place.lon, g.lat, g.lon) <= 161)
        named = {t.place.country for t, m in zip(e2e, run.found) if t.place and
                 (m.kind == "demonym" or t.place.precision.value == "country")}
        foreign += sum(1 for t in e2e if t.place and t.place.country and t.place.country not in named | gold_cc)
    p, r, f = prf(tp, fp, fn)
    n = len(dists) or 1
    out = {f"{prefix}_acc161": sum(x <= 161 for x in dists) / n,
           f"{prefix}_median_km": statistics.median(dists) if dists else 0.0,
           f"{prefix}_exact_id": exact / (exact_n or 1),
           f"{prefix}_right_country": country_ok / (country_n or 1),
           f"{prefix}_e2e_acc161": e2e_hit / (e2e_n or 1),
           f"{prefix}_foreign": float(foreign)}
    if recognition:
        out = {f"{prefix}_recognition_precision": p, f"{prefix}_recognition_recall": r,
               f"{prefix}_recognition_f1": f} | out
    return out


def cross_validated(per_doc: dict[str, list[DocRun]], gaz, *, folds: int | None = None) -> dict[str, dict[str, float]]:
    """Resolution scores per corpus, each document resolved by a ranker trained on the other folds'
    documents of every corpus (document-level cross-validation)."""
    from ..geo.train_ranker import FOLDS, fold_of, train

    folds = folds or FOLDS
    models = {k: train([pg for runs in per_doc.values() for r in runs if fold_of(r.doc.id, folds) != k
                        for pg in r.items()]) for k in range(folds)}
    return {name: measure(runs, gaz, prefix=name, recognition=False,
                          model_for=lambda r: models[fold_of(r.doc.id, folds)])
            for name, runs in per_doc.items()}


@evaluation("geo")
def geo_eval(settings, *, full: bool) -> Scores:
    from ..geo.gazetteer import Gazetteer
    from ..nlp import load_model

    base = settings.data_dir / "geoparsing"
    lgl_p = require(base / "lgl.xml", "LGL corpus")
    gwn_p = require(base / "GWN.xml", "GeoWebNews corpus")
    lgl, gwn = read_lgl(lgl_p), read_gwn(gwn_p)
    if not full:
        lgl, gwn = lgl[:SUBSET_LGL], gwn[:SUBSET_GWN]
    nlp = load_model(settings.model)
    gaz = Gazetteer.load(settings)
    per_doc = {"lgl": run_docs(lgl, parse_docs(lgl, nlp), gaz), "gwn": run_docs(gwn, parse_docs(gwn, nlp), gaz)}
    values: dict[str, float] = {}
    for name, runs in per_doc.items():
        values |= measure(runs, gaz, prefix=name)
    if full:       # the shipped ranker saw every document: the cross-validated numbers are the honest ones
        for name, v in cross_validated(per_doc, gaz).items():
            values |= {f"{k}_cv": x for k, x in v.items() if k.endswith(("acc161", "foreign", "right_country"))}
    n = sum(len(d.toponyms) for d in lgl + gwn)
    return Scores(values, n, data_files=[lgl_p, gwn_p],
                  notes=[f"{len(lgl)} LGL + {len(gwn)} GWN articles; acc161/median/exact/country: the gold spans "
                         f"resolved; e2e: the recognised ones; *_cv: 5-fold document cross-validation (--full)"],
                  higher_is_better={k: False for k in values if k.endswith(("median_km", "foreign", "foreign_cv"))})


@evaluation("event-location")
def event_location_eval(settings, *, full: bool) -> Scores:
    from ..geo.gazetteer import Gazetteer
    from ..geo.attach import choose_place
    from ..geo.recognize import recognize
    from ..nlp import load_model

    path = require(settings.data_dir / "events" / "event_location_dev.json", "event location data")
    items = json.loads(path.read_text(encoding="utf-8"))
    if not full:
        items = items[:SUBSET_EVLOC]
    nlp = load_model(settings.model)
    gaz = Gazetteer.load(settings)
    from ..geo.train_place import parse_items

    docs = parse_items(items, nlp)            # the items' own tokens, parsed as the place model saw them
    right = n_gold = right_gold = predicted = predicted_right = 0
    held = held_right = 0
    for k, (it, doc) in enumerate(zip(items, docs)):
        verb = next(s for s in it["spans"] if s["label"] == "VERB")
        gold = [(s["token_start"], s["token_end"] + 1) for s in it["spans"] if s["label"] == "LOCATION"]
        mentions = recognize(doc, gaz)
        m, _, _ = choose_place(doc, verb["token_start"], mentions, gazetteer=gaz)
        hit = m is not None and any(m.tok_start < e and s < m.tok_end for s, e in gold)
        if gold:
            n_gold += 1
            right_gold += hit
        if m is not None:
            predicted += 1
            predicted_right += hit
        right += hit or (not gold and m is None)
        if k >= HELD_OUT_FROM:
            held += 1
            held_right += hit or (not gold and m is None)
    n = len(items) or 1
    extra = {"heldout_accuracy": held_right / held} if held else {}
    return Scores({"accuracy": right / n, "located_recall": right_gold / (n_gold or 1),
                   "located_precision": predicted_right / (predicted or 1)} | extra, len(items), data_files=[path],
                  notes=["right = the chosen place overlaps a gold LOCATION span, or neither exists"])
