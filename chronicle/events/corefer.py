"""Within-article event coreference: the mentions of one happening ("a car bomb exploded", "the
blast", "killing 12", "the group claimed responsibility") become one record.

Two candidates are compared with the same judgements the cross-article incident fusion uses
(chronicle.fuse.compare: kind, place, time, actors, counts) plus what only one article can tell
(sentence distance, a definite reference such as "the attack", the same trigger word, a lead
sentence that sums up what the body tells). A logistic model fitted on the whole-article gold set's
tune half (`model/corefer.json`) turns them into P(same happening); each candidate, in text order,
joins the earlier cluster it most likely belongs to when that is above one half and none of the
cluster's members clashes with it (different named perpetrators, places far apart, distinct days).

The merged record takes its type from its main mention, its actors, place and date from whichever
mention states them, its counts from all mentions, and lists every mention as evidence.

    >>> from chronicle.run import Resources, pipeline, read_articles
    >>> p = pipeline(resources=Resources(settings=settings, nlp=nlp), skip=("judge", "merge"))
    >>> [a] = p.run(read_articles(["examples/mosul_2014-06-11.txt"], settings=settings))
    >>> live = [e for e in a.events if e.default_output]
    >>> groups = Coreferencer.load().clusters(a.doc, live, published=dt.date(2014, 6, 11))
    >>> records = [merge([live[i] for i in g]) for g in groups]      # one record per happening
    >>> len(records) < len(live)
    True
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from ..fuse import compare as cmp
from ..records import (COUNT_FIELDS, Count, Counts, DatePrecision, Event, Location, Mention, Precision)
from ..knowledge import Knowledge, shipped
from .linear import LogisticModel

MODEL = Path(__file__).with_name("model") / "corefer.json"
THRESHOLD = 0.5

_PLACE_RANK = {Precision.PLACE: 0, Precision.ADMIN2: 1, Precision.ADMIN1: 2, Precision.COUNTRY: 3}
_DATE_RANK = {DatePrecision.DAY: 0, DatePrecision.WEEK: 1, DatePrecision.MONTH: 2, DatePrecision.YEAR: 3}


def _token(doc, e: Event):
    span = doc.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _own_place(e: Event) -> bool:
    """The place was named in the event's own sentence (not the article's focus or a neighbour's)."""
    loc = e.location
    if loc is None or loc.start is None or not e.evidence:
        return False
    return e.evidence[0].start <= loc.start < e.evidence[0].end


def _own_date(e: Event) -> bool:
    return e.date is not None and bool(e.date.text)


def pair_features(doc, a: Event, b: Event, *, sent_index: Mapping[int, int],
                  published: dt.date | None, tokens: Mapping[str, object] | None = None,
                  knowledge: Knowledge | None = None) -> dict[str, float]:
    """Features for "a (earlier) and b (later) are mentions of one happening" (`tokens`: the
    trigger token of each event id, when the caller has them)."""
    w = (knowledge or shipped()).events.corefer
    f: dict[str, float] = {}
    ta = tokens[a.id] if tokens is not None and a.id in tokens else _token(doc, a)
    tb = tokens[b.id] if tokens is not None and b.id in tokens else _token(doc, b)
    la = ta.lemma_.lower() if ta is not None else a.trigger.text.lower()
    lb = tb.lemma_.lower() if tb is not None else b.trigger.text.lower()
    sa = sent_index.get(a.evidence[0].start if a.evidence else -1, 0)
    sb = sent_index.get(b.evidence[0].start if b.evidence else -1, 0)
    gap = abs(sb - sa)
    f["dist:same_sentence"] = float(gap == 0)
    f["dist:adjacent"] = float(gap == 1)
    f["dist:near"] = float(2 <= gap <= 3)
    f["dist:far"] = float(gap > 6)
    f["dist:lead"] = float(min(sa, sb) == 0 and gap > 0)
    if a.type == b.type:
        f["kind:same_type"] = 1.0
    elif a.quad == b.quad:
        f["kind:same_quad"] = 1.0
    else:
        f["kind:other_quad"] = 1.0
    if {a.type, b.type} <= {"ASSAULT", "COERCE"} and a.type != b.type:
        f["kind:assault_coerce"] = 1.0
    if "SANCTION" in (a.type, b.type) and a.type != b.type:
        f["kind:sanction_other"] = 1.0
    kind = cmp.judge_kind(a, b)
    if a.type == b.type and kind.conflict:
        f["kind:mode_clash"] = 1.0
    if a.acled and b.acled and a.acled == b.acled:
        f["kind:same_acled"] = 1.0
    if la == lb:
        f["word:same_lemma"] = 1.0
    for lem, t, tag in ((lb, tb, "b"), (la, ta, "a")):
        if t is not None and t.pos_ in ("NOUN", "PROPN") and lem in w.event_nouns:
            dets = {c.lower_ for c in t.children if c.dep_ == "det"}
            if dets & {"the", "this", "that", "these", "those"} or any(c.dep_ == "poss" for c in t.children):
                f[f"word:{tag}_definite_event_noun"] = 1.0
            else:
                f[f"word:{tag}_event_noun"] = 1.0
        if lem in w.harm:
            f[f"word:{tag}_harm"] = 1.0
    if ta is not None and tb is not None:
        va, vb = ta.pos_ in ("VERB", "AUX"), tb.pos_ in ("VERB", "AUX")
        f[f"word:{'v' if va else 'n'}{'v' if vb else 'n'}"] = 1.0
        if va and vb and gap and all(any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON" for c in t.children)
                                     for t in (ta, tb)):
            f["word:two_clauses"] = 1.0      # two sentences, each with its own named doer
        if a.type == b.type and a.mode and b.mode and a.mode != b.mode:
            f["kind:other_mode"] = 1.0
    # place
    pa, pb = _own_place(a), _own_place(b)
    place = cmp.judge_place(a.location, b.location)
    if pa and pb:
        if place.conflict:
            f["place:own_conflict"] = 1.0
        elif a.location.place.geonameid == b.location.place.geonameid:
            f["place:own_same"] = 1.0
        elif place.ok:
            f["place:own_compatible"] = 1.0
        else:
            f["place:own_apart"] = 1.0
    elif pa or pb:
        f["place:one_own"] = 1.0
        if place.conflict:
            f["place:one_own_conflict"] = 1.0
    # time
    da, db = _own_date(a), _own_date(b)
    wa = cmp.when_of(a, published) if da else None
    wb = cmp.when_of(b, published) if db else None
    if wa and wb:
        t = cmp.judge_time(wa, wb)
        if t.conflict:
            f["time:own_conflict"] = 1.0
        elif (a.date.start, a.date.end) == (b.date.start, b.date.end):
            f["time:own_same"] = 1.0
        else:
            f["time:own_compatible"] = 1.0
    elif da or db:
        f["time:one_own"] = 1.0
    # actors
    actors = cmp.judge_actors(a, b)
    if actors.conflict:
        f["actor:source_clash"] = 1.0
    elif actors.closeness >= 0.8:
        f["actor:source_match"] = 1.0
    tgt = cmp._sets_clash(cmp._named(a.target), cmp._named(b.target))
    if tgt is False:
        f["actor:target_match"] = 1.0
    elif tgt is True:
        f["actor:target_clash"] = 1.0
    if cmp.counts_differ(a, b):
        f["count:differ"] = 1.0
    elif cmp.count_agreement(a, b) > 0.99:
        f["count:same"] = 1.0
    return f


def linkable(a: Event, b: Event) -> bool:
    """Mentions in different quads are not compared (2-3% of the gold set's pairs across quads are
    one happening; comparing them costs a third of the merge stage's time)."""
    return a.quad == b.quad


# hard reasons two mentions are never one happening, whatever the model says
def clash(a: Event, b: Event) -> bool:
    if _own_place(a) and _own_place(b) and (cmp.judge_place(a.location, b.location).conflict
                                            or _two_towns(a.location, b.location)):
        return True
    if _own_date(a) and _own_date(b):
        if cmp.judge_time(cmp.when_of(a, None), cmp.when_of(b, None)).conflict:
            return True
    if a.type == b.type and (cmp.judge_actors(a, b).conflict or a.type != "ASSAULT" and
                             cmp._sets_clash(_named(a.source), _named(b.source))):
        return True                   # two named doers; only a clash may swap them between reports
    if a.type == b.type and a.type in ("COERCE", "ASSAULT", "SANCTION") and _people_clash(a.target, b.target):
        return True                   # "X was arrested" ... "Y was arrested": two arrests
    return False


def _named(actors):
    """Named actors only: a body or state, or a capitalised name ("Chad Hull"), not "dozens"."""
    return cmp._named(tuple(a for a in actors if a.kind != "UNK" or a.text[:1].isupper()))


def _two_towns(a: Location, b: Location) -> bool:
    """Two different towns each named as where it happened ("in Tikrit" ... "in Samarra"): ACLED
    codes an event per place, so one article's two towns are two happenings."""
    pa, pb = a.place, b.place
    if pa.precision != Precision.PLACE or pb.precision != Precision.PLACE or pa.geonameid == pb.geonameid:
        return False
    offset = {"in", "at", "of", None, "sentence"}
    return a.relation in offset and b.relation in offset


def _people_clash(xs, ys) -> bool:
    """Both name specific people or bodies as the target and none of them match."""
    named_x = _named(xs)
    named_y = _named(ys)
    if not named_x or not named_y:
        return False
    return not any(cmp.same_actor(x, y) for x in named_x for y in named_y)


class Coreferencer:
    """P(two mentions are one happening) from a fitted model; without one, only mentions of the same
    type in one sentence are joined (what the old within-article rule did)."""

    def __init__(self, model: LogisticModel | None, *, knowledge: Knowledge | None = None):
        self.knowledge = knowledge or shipped()
        self.model = model
        self.threshold = float(model.meta.get("threshold", THRESHOLD)) if model else THRESHOLD

    @classmethod
    def load(cls, path: Path = MODEL, *, knowledge: Knowledge | None = None) -> "Coreferencer":
        return cls(LogisticModel.load(path) if path.exists() else None, knowledge=knowledge)

    def prob(self, feats: Mapping[str, float]) -> float:
        if self.model is None:
            return 1.0 if feats.get("dist:same_sentence") and feats.get("kind:same_type") else 0.0
        return self.model.prob(feats)

    def clusters(self, doc, events: Sequence[Event], *, published: dt.date | None) -> list[list[int]]:
        """Indices of `events` grouped into happenings (each group in text order)."""
        sent_index = {s.start_char: k for k, s in enumerate(doc.sents)}
        tokens = {e.id: _token(doc, e) for e in events}

        def prob(i: int, j: int) -> float:
            if not linkable(events[i], events[j]):
                return 0.0
            return self.prob(pair_features(doc, events[i], events[j], sent_index=sent_index, published=published,
                                           tokens=tokens, knowledge=self.knowledge))

        return cluster(events, prob, self.threshold)


def cluster(events: Sequence[Event], prob, threshold: float) -> list[list[int]]:
    """Each event, in text order, joins the earlier cluster holding its likeliest antecedent when
    `prob(i, j)` (i earlier than j) is above `threshold` and no member of that cluster clashes with it."""
    order = sorted(range(len(events)), key=lambda i: (events[i].trigger.start, events[i].id))
    cluster_of: dict[int, int] = {}
    groups: list[list[int]] = []
    for pos, j in enumerate(order):
        cands = sorted(((prob(i, j), i) for i in order[:pos]), reverse=True)
        best = None
        for p, i in cands:
            if p <= threshold:
                break
            g = cluster_of[i]
            if any(clash(events[m], events[j]) for m in groups[g]):
                continue
            best = g
            break
        if best is None:
            cluster_of[j] = len(groups)
            groups.append([j])
        else:
            cluster_of[j] = best
            groups[best].append(j)
    return groups


def _mention(e: Event) -> Mention:
    s = e.evidence[0] if e.evidence else None
    return Mention(e.trigger.text, e.trigger.start, e.trigger.end,
                   s.start if s else e.trigger.start, s.end if s else e.trigger.end)


def _salience(e: Event, type_votes: Mapping[str, int]) -> tuple:
    """The main mention: of the cluster's most common type, most likely a happening, with actors,
    a verb, then the earliest."""
    return (-type_votes.get(e.type, 0), -(e.happening or 0.0), -(bool(e.source) + bool(e.target)),
            e.trigger.start)


def _pick_actors(events: Sequence[Event], attr: str):
    named = [getattr(e, attr) for e in events if any(a.kind != "UNK" for a in getattr(e, attr))]
    if named:
        return named[0]
    anyone = [getattr(e, attr) for e in events if getattr(e, attr)]
    return anyone[0] if anyone else ()


def _pick_location(events: Sequence[Event]) -> Location | None:
    """A place named in a mention's own sentence, the most specific; else the main mention's."""
    own = [e.location for e in events if _own_place(e)]
    if own:
        top = min(_PLACE_RANK.get(loc.place.precision, 9) for loc in own)
        return next(loc for loc in own if _PLACE_RANK.get(loc.place.precision, 9) == top)
    return next((e.location for e in events if e.location is not None), None)


def _pick_date(events: Sequence[Event]):
    own = [e.date for e in events if _own_date(e)]
    if own:
        top = min(_DATE_RANK[d.precision] for d in own)
        return next(d for d in own if _DATE_RANK[d.precision] == top)
    return events[0].date


def _merge_counts(events: Sequence[Event]) -> Counts:
    fields = {}
    for f in COUNT_FIELDS:
        cs = [getattr(e.counts, f) for e in events if getattr(e.counts, f) is not None]
        if not cs:
            fields[f] = None
            continue
        if len(cs) == 1:
            fields[f] = cs[0]
            continue
        main = max(cs, key=lambda c: (c.best if c.best is not None else (c.low or 0)))
        lows = [c.low for c in cs if c.low is not None]
        highs = [c.high for c in cs if c.high is not None]
        low = min(lows) if lows else main.low
        high = max(highs) if highs else main.high
        if main.best is not None and low is not None and low > main.best:
            low = main.best
        fields[f] = Count(low, main.best, high, main.text, main.start, main.end)
    return Counts(**fields)


def merge(events: Sequence[Event]) -> Event:
    """One record for mentions of one happening (`events` in text order)."""
    if len(events) == 1:
        e = events[0]
        return replace(e, mentions=e.mentions or (_mention(e),))
    votes: dict[str, int] = {}
    for e in events:
        votes[e.type] = votes.get(e.type, 0) + 1
    main = min(events, key=lambda e: _salience(e, votes))
    rest = [main] + [e for e in events if e is not main]
    same_type = [e for e in rest if e.type == main.type]
    evidence = sorted({(s.start, s.end): s for e in events for s in e.evidence}.values(), key=lambda s: s.start)
    control = next((e.control for e in rest if e.control is not None), None)
    return replace(
        main,
        mode=main.mode or next((e.mode for e in same_type if e.mode), None),
        acled=main.acled or next((e.acled for e in same_type if e.acled), None),
        contexts=tuple(dict.fromkeys(c for e in rest for c in e.contexts)),
        source=_pick_actors(rest, "source"),
        target=_pick_actors(rest, "target"),
        location=_pick_location(rest),
        date=_pick_date(rest),
        counts=_merge_counts(events),
        # who reports it: the main mention's sources (a passing mention in another report, "since the
        # fighting began, according to the IOM", does not make the IOM a source of the capture)
        attributed_to=main.attributed_to or next((e.attributed_to for e in rest if e.attributed_to), ()),
        control=control,
        evidence=tuple(evidence),
        mentions=tuple(_mention(e) for e in events),
        happening=max((e.happening or 0.0) for e in events),
        confidence=max(e.confidence for e in events),
    )


CONFIDENCE_MODEL = Path(__file__).with_name("model") / "record_confidence.json"


def confidence_features(e: Event) -> dict[str, float]:
    """What the record's calibrated confidence is read from: how likely its mentions are a happening,
    the rules' confidence in its reading, how many mentions back it, its quad and what it names."""
    import math

    def logit(p: float) -> float:
        p = min(max(p, 1e-4), 1 - 1e-4)
        return math.log(p / (1 - p))

    f = {"happening": logit(e.happening if e.happening is not None else 0.5),
         "rule": logit(e.confidence), "mentions": min(len(e.mentions), 4) / 4.0,
         f"quad={e.quad}": 1.0}
    if e.certainty != "reported":
        f["hedged"] = 1.0
    if e.source:
        f["source"] = 1.0
    if e.location is not None and _own_place(e):
        f["own_place"] = 1.0
    if e.acled is not None:
        f["acled"] = 1.0
    if e.type_prob is not None:
        f["type_prob"] = logit(e.type_prob)
    return f


def calibrated(e: Event, model: LogisticModel | None) -> Event:
    """The record with its confidence = P(a real happening, rightly typed) from the fitted model."""
    if model is None:
        return e
    return replace(e, confidence=model.prob(confidence_features(e)))
