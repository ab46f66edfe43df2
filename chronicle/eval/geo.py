"""`chronicle eval geo` (LGL, GeoWebNews) and `chronicle eval event-location`.

geo: recognition P/R/F1 on exact character spans; resolution of the gold toponyms (the gold spans
are given, the article is the context) within 161 km, median km, exact GeoNames id, right country.
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


def score_corpus(docs: list[GoldDoc], nlp, gaz, *, prefix: str, skip_demonyms: bool) -> dict[str, float]:
    from ..geo.recognize import Mention, recognize
    from ..geo.resolve import km, resolve

    tp = fp = fn = 0
    dists: list[float] = []
    exact = exact_n = country_ok = country_n = 0
    for d, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=16)):
        found = recognize(doc, gaz)
        pred = {(m.start, m.end) for m in found if not (skip_demonyms and m.kind == "demonym")}
        gold = {(t.start, t.end) for t in d.toponyms}
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
        # resolution of the gold spans, with the article's other recognised places as context
        gold_m = [Mention(t.text, t.start, t.end, "entity") for t in d.toponyms]
        context = [m for m in found if (m.start, m.end) not in gold]
        allm = sorted(gold_m + context, key=lambda m: m.start)
        res = {(t.start, t.end): t for t in resolve(allm, gaz, text=d.text)}
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
            if g.country_id:
                c = gaz.by_id(g.country_id)
                gc = c.place.country if c else None
            elif g.geonameid:
                c = gaz.by_id(g.geonameid)
                gc = c.place.country if c else None
            if gc:
                country_n += 1
                country_ok += bool(p and p.country == gc)
    p, r, f = prf(tp, fp, fn)
    n = len(dists) or 1
    return {f"{prefix}_recognition_precision": p, f"{prefix}_recognition_recall": r,
            f"{prefix}_recognition_f1": f,
            f"{prefix}_acc161": sum(x <= 161 for x in dists) / n,
            f"{prefix}_median_km": statistics.median(dists) if dists else 0.0,
            f"{prefix}_exact_id": exact / (exact_n or 1),
            f"{prefix}_right_country": country_ok / (country_n or 1)}


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
    values = score_corpus(lgl, nlp, gaz, prefix="lgl", skip_demonyms=False)
    values |= score_corpus(gwn, nlp, gaz, prefix="gwn", skip_demonyms=False)
    n = sum(len(d.toponyms) for d in lgl + gwn)
    return Scores(values, n, data_files=[lgl_p, gwn_p],
                  notes=[f"{len(lgl)} LGL + {len(gwn)} GWN articles; resolution is of the gold spans"],
                  higher_is_better={"lgl_median_km": False, "gwn_median_km": False})


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
