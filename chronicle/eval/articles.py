"""`chronicle eval articles`: whole real news reports against the project's hand-written gold set
(chronicle/eval/gold/articles, see its README): is each record a real happening (precision), is each
happening found (recall), how many records per happening, and on matched happenings how often the
type, ACLED sub-type, source, target, place, date and counts are right. Tune and held-out documents
are scored side by side; the held-out ones were never read to write rules or fit models.

A record matches a happening when one of its mentions (its trigger, or any merged mention) overlaps
one of the happening's bracketed mentions. A record that matches an `optional` happening is not a
false positive; an optional happening that is missed is not a miss.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..config import Settings
from ..records import Actor, Event
from . import Scores, evaluation
from .goldarticles import GOLD_DIR, GoldDoc, Happening, load_all, read_source

SPLITS = ("tune", "heldout")
FIELDS = ("type", "acled", "source", "target", "place", "date", "counts")


# ---------------------------------------------------------------- running the pipeline on the gold documents

def run_documents(docs: Sequence[GoldDoc], settings: Settings, *, resources=None, include_all: bool = False,
                  skip: Sequence[str] = ()):
    """{doc key: (Analysis or Rejected)} for the gold documents, through the real pipeline (less the
    stages named in `skip`, for experiments)."""
    from ..clean import clean
    from ..records import RawDocument, Rejected
    from ..run import Resources, pipeline

    def analyse(items, resources):
        return pipeline(resources=resources, skip=skip).run(items)

    resources = resources or Resources.load(settings)
    arts = []
    for d in docs:
        src = read_source(d.key, settings.data_dir)
        raw = RawDocument(origin=d.key, text=src.text, html=src.html, id=d.key, url=src.url)
        arts.append(clean(raw, published=d.published))
    out = {}
    for item in analyse(arts, resources=resources):
        key = item.article.id if not isinstance(item, Rejected) else item.article_id
        out[key] = item
    return out


# ---------------------------------------------------------------- matching

def _spans(e: Event) -> list[tuple[int, int]]:
    out = [(m.start, m.end) for m in e.mentions]
    return out or [(e.trigger.start, e.trigger.end)]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match(records: Sequence[Event], happenings: Sequence[Happening]) -> dict[int, int | None]:
    """record index -> happening index: the one whose bracketed triggers share most of the record's
    mentions (its main trigger first); failing any, the one whose quoted words hold the record's main
    trigger ("gave directives for a [ban]" when the annotator bracketed "directives")."""
    out: dict[int, int | None] = {}
    for i, r in enumerate(records):
        best, best_key = None, (0, 0)
        spans = _spans(r)
        main_span = (r.trigger.start, r.trigger.end)
        for j, h in enumerate(happenings):
            gold = [(m.start, m.end) for m in h.mentions]
            n = sum(1 for s in spans if any(_overlap(s, g) for g in gold))
            main = int(any(_overlap(main_span, g) for g in gold))
            key = (main, n)
            if n and key > best_key:
                best, best_key = j, key
        if best is None:
            best = next((j for j, h in enumerate(happenings)
                         if any(_overlap(main_span, m.context) for m in h.mentions)), None)
        out[i] = best
    return out


# ---------------------------------------------------------------- field scorers

def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'")
    s = re.sub(r"[^\w' ]+", " ", s)
    words = [w for w in s.split() if w not in ("the", "a", "an", "of", "'s", "s")]
    return " ".join(words)


def actor_matches(actor: Actor, alternatives: str) -> bool:
    """Does a record's actor name one of the gold alternatives ("Islamic State | ISIS | militants")?"""
    from ..fuse.compare import core_name, same_actor

    names = {_fold(actor.name or ""), _fold(actor.text or "")} - {""}
    for alt in (x.strip() for x in alternatives.split("|")):
        g = _fold(alt)
        if not g:
            continue
        for n in names:
            if n == g:
                return True
            gw, nw = set(g.split()), set(n.split())
            if gw and (gw <= nw or nw <= gw) and len(gw & nw) >= 1 and (
                    len(gw) > 1 or len(nw) > 1 or gw == nw):
                return True
        ga = core_name(Actor(text=alt, name=alt, kind=""))
        ra = core_name(actor)
        if ga is not None and ra is not None and same_actor(ga, ra):
            return True
    return False


def actors_right(got: Sequence[Actor], gold: Sequence[str]) -> bool:
    """Gold `[]`: right when the record names nobody (or only unidentified people); else right when
    a record actor names one of the gold actors."""
    from ..fuse.compare import core_name

    if not gold:
        return all(core_name(a) is None or a.kind == "UNK" for a in got)
    return any(actor_matches(a, alt) for a in got for alt in gold)


def _km(lat1, lon1, lat2, lon2) -> float:
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


def place_right(record: Event, gold: dict) -> bool:
    loc = record.location
    if loc is None or loc.place is None:
        return False
    p = loc.place
    prec = gold.get("precision", "place")
    if gold.get("geonameid") is not None and p.geonameid == gold["geonameid"]:
        return True
    if gold.get("country") and p.country and p.country != gold["country"]:
        return False
    pprec = getattr(p.precision, "value", p.precision)
    if prec == "country":
        return gold.get("country") == p.country
    same_name = _fold(p.name or "") == _fold(gold["name"]) or _fold(loc.text or "") == _fold(gold["name"])
    if prec == "admin1":
        return same_name or (p.admin1 is not None and _fold(p.admin1) in (_fold(gold["name"]),
                                                                             _fold(gold.get("admin1") or "")))
    if pprec == "country":
        return False
    if same_name:
        return True
    if gold.get("lat") is not None and p.lat is not None:
        return _km(p.lat, p.lon, gold["lat"], gold["lon"]) <= (50.0 if prec == "place" else 80.0)
    return False


def date_right(record: Event, gold: dict) -> bool:
    d = record.date
    if d is None:
        return False
    gs, ge = dt.date.fromisoformat(gold["start"]), dt.date.fromisoformat(gold["end"])
    return d.start >= gs - dt.timedelta(days=1) and d.end <= ge + dt.timedelta(days=1)


def counts_right(record: Event, gold: dict[str, tuple[int, int, int]]) -> bool | None:
    """None when neither side has a count; else every field either side gives must agree."""
    got = {f: getattr(record.counts, f) for f in ("killed", "injured", "displaced", "arrested", "abducted",
                                                  "participants")}
    got = {f: c for f, c in got.items() if c is not None}
    if not got and not gold:
        return None
    for f in set(got) | set(gold):
        if f not in got or f not in gold:
            return False
        c = got[f]
        lo, best, hi = gold[f]
        val = c.best if c.best is not None else c.low
        if val is None:
            return False
        top = hi if hi is not None else max(x for x in (lo, best) if x is not None) * 2
        bottom = lo if lo is not None else best
        # "more than 260": the project writes 261 (the lowest credible value), annotators 260
        if not (bottom <= val <= top) and not (best is not None and abs(val - best) <= 1):
            return False
    return True


# ---------------------------------------------------------------- scoring

@dataclass
class Tally:
    records: int = 0
    true_records: int = 0                  # matched to a happening (optional ones included)
    happenings: int = 0                    # non-optional gold happenings
    found: int = 0
    matched_happenings: int = 0            # happenings (optional too) with at least one record
    records_on_matched: int = 0
    fields: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    conf: list = field(default_factory=list)     # (confidence, real and rightly typed)
    errors: list = field(default_factory=list)

    def field(self, name: str, ok: bool | None) -> None:
        if ok is None:
            return
        self.fields[name][0] += int(ok)
        self.fields[name][1] += 1


def score_doc(doc: GoldDoc, records: Sequence[Event], t: Tally) -> None:
    hs = doc.happenings
    m = match(records, hs)
    t.records += len(records)
    t.happenings += sum(1 for h in hs if not h.optional)
    by_h: dict[int, list[int]] = defaultdict(list)
    for i, j in m.items():
        if j is not None:
            by_h[j].append(i)
            t.true_records += 1
        else:
            r = records[i]
            t.errors.append(f"{doc.key}: extra {r.type} {r.trigger.text!r} @{r.trigger.start}")
    for j, h in enumerate(hs):
        if j in by_h:
            t.matched_happenings += 1
            t.records_on_matched += len(by_h[j])
            if not h.optional:
                t.found += 1
        elif not h.optional:
            t.errors.append(f"{doc.key}: missed {h.id} {h.type} {h.mentions[0].quote!r}")
    for j, idx in by_h.items():
        h = hs[j]
        r = records[min(idx, key=lambda i: (-len([1 for s in _spans(records[i])
                                                   for g in h.mentions if _overlap(s, (g.start, g.end))]), i))]
        checks = {"type": (r.type == h.type, r.type, h.type),
                  "acled": ((r.acled[1] if r.acled else None) == h.acled, r.acled and r.acled[1], h.acled),
                  "source": (actors_right(r.source, h.source), [a.name for a in r.source], h.source),
                  "target": (actors_right(r.target, h.target), [a.name for a in r.target], h.target)}
        if h.place is not None:
            checks["place"] = (place_right(r, h.place), r.location and (r.location.place.name, r.location.place.country,
                                                                         r.location.place.precision.value), h.place)
        if h.date is not None:
            checks["date"] = (date_right(r, h.date), r.date and (str(r.date.start), str(r.date.end)), h.date)
        checks["counts"] = (counts_right(r, h.counts),
                            {f: c.best for f, c in zip(("killed", "injured", "displaced", "arrested", "abducted",
                                                        "participants"), (r.counts.killed, r.counts.injured,
                                                        r.counts.displaced, r.counts.arrested, r.counts.abducted,
                                                        r.counts.participants)) if c}, h.counts)
        for name, (ok, got, want) in checks.items():
            t.field(name, ok)
            if ok is False:
                t.errors.append(f"{doc.key}: {h.id} {name}: got {got!r}, gold {want!r}")
    for i, r in enumerate(records):
        j = m[i]
        t.conf.append((r.confidence, int(j is not None and hs[j].type == r.type)))


def summarize(t: Tally, prefix: str) -> dict[str, float]:
    from ..events.linear import ece

    out = {
        f"{prefix}_precision": t.true_records / t.records if t.records else 0.0,
        f"{prefix}_recall": t.found / t.happenings if t.happenings else 0.0,
        f"{prefix}_records_per_happening": (t.records_on_matched / t.matched_happenings
                                            if t.matched_happenings else 0.0),
    }
    p, r = out[f"{prefix}_precision"], out[f"{prefix}_recall"]
    out[f"{prefix}_f1"] = 2 * p * r / (p + r) if p + r else 0.0
    for name in FIELDS:
        ok, n = t.fields[name]
        out[f"{prefix}_{name}"] = ok / n if n else 0.0
    if t.conf:
        out[f"{prefix}_confidence_ece"] = ece([c for c, _ in t.conf], [y for _, y in t.conf])
    return out


def score(docs: Sequence[GoldDoc], results: dict) -> tuple[dict[str, float], dict[str, Tally]]:
    from ..pipeline import Analysis

    tallies = {s: Tally() for s in SPLITS}
    for d in docs:
        if d.split not in tallies:
            continue                      # "train" documents fit the models; they are not scored
        item = results.get(d.key)
        records = [e for e in item.events if e.default_output] if isinstance(item, Analysis) else []
        score_doc(d, records, tallies[d.split])
    values: dict[str, float] = {}
    for s in SPLITS:
        values.update(summarize(tallies[s], s))
    return values, tallies


@evaluation("articles")
def evaluate(settings: Settings, *, full: bool) -> Scores:
    """Whole-article precision, recall, records per happening and field accuracy (both splits)."""
    docs = [d for d in load_all(GOLD_DIR, settings.data_dir) if d.split in SPLITS]
    results = run_documents(docs, settings)
    values, tallies = score(docs, results)
    n_h = {s: tallies[s].happenings for s in SPLITS}
    notes = [f"{len([d for d in docs if d.split == s])} {s} documents, {n_h[s]} happenings, "
             f"{tallies[s].records} records" for s in SPLITS]
    files = sorted(GOLD_DIR.glob("*.json"))
    lower = {k: False for k in values if k.endswith("records_per_happening") or k.endswith("_ece")}
    return Scores(values=values, n=len(docs), data_files=files, notes=notes, higher_is_better=lower)


def main(argv: list[str]) -> int:
    """Print the tune half's errors (extra records, missed happenings, wrong fields) for reading.
    The held-out half is scored only: pass --heldout to see its numbers, never its errors."""
    import sys

    settings = Settings.from_env()
    docs = load_all(GOLD_DIR, settings.data_dir)
    only = [a for a in argv if not a.startswith("--")]
    if only:
        docs = [d for d in docs if d.key in only or d.path.name in only]
    skip = [a.split("=", 1)[1] for a in argv if a.startswith("--skip=")]
    results = run_documents(docs, settings, skip=skip)
    values, tallies = score(docs, results)
    for k, v in values.items():
        print(f"{k:<40} {v:.3f}")
    if "--heldout" not in argv:
        for e in tallies["tune"].errors:
            print(e)
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
