"""Turn a group of events into one `Incident`: counts reconciled the way UCDP does, the most
specific place and narrowest date, actors unioned, every report kept as evidence.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence

from ..records import (CERTAINTIES, COUNT_FIELDS, Actor, Article, Count, Counts, DatePrecision, Event,
                       EventDate, Location, Precision)
from .compare import core_name
from .records import Incident

_PLACE_RANK = {Precision.PLACE: 0, Precision.ADMIN2: 1, Precision.UNRESOLVED: 1, Precision.ADMIN1: 2,
               Precision.COUNTRY: 3}
_DATE_RANK = {DatePrecision.DAY: 0, DatePrecision.WEEK: 1, DatePrecision.MONTH: 2, DatePrecision.YEAR: 3}


def reconcile_count(reports: Sequence[Count]) -> Count | None:
    """UCDP-style: low = the lowest low, best = the value most reports give (when two or more
    agree and no other value ties it) else the lower median of the bests, high = the highest high.

    >>> reconcile_count([Count(12, 12, None, "at least 12"), Count(15, 15, 15, "15"),
    ...                  Count(17, 19, 20, "nearly 20")])
    Count(low=12, best=15, high=20, text='12-20 (3 reports)', start=None, end=None)
    """
    if not reports:
        return None
    bests = [c.best for c in reports if c.best is not None]
    lows = [c.low for c in reports if c.low is not None] or bests
    highs = [c.high for c in reports if c.high is not None] + bests
    if not bests:
        bests = lows or [c.high for c in reports if c.high is not None]
    if not bests:
        return None
    tally = Counter(bests).most_common()
    if tally[0][1] >= 2 and (len(tally) == 1 or tally[1][1] < tally[0][1]):
        best = tally[0][0]
    else:
        best = statistics.median_low(bests)
    low = min(min(lows), best) if lows else best
    high = max(max(highs), best) if highs else best
    span = f"{low}" if low == high else f"{low}-{high}"
    return Count(low, best, high, f"{span} ({len(reports)} report{'s' if len(reports) != 1 else ''})")


def reconcile_counts(events: Sequence[Event]) -> Counts:
    """One report per article and field (an article's largest figure), then `reconcile_count`."""
    fields = {}
    for f in COUNT_FIELDS:
        per_article: dict[str, Count] = {}
        for ev in events:
            c = getattr(ev.counts, f)
            if c is None:
                continue
            prev = per_article.get(ev.article_id)
            if prev is None or _size(c) > _size(prev):
                per_article[ev.article_id] = c
        fields[f] = reconcile_count([per_article[k] for k in sorted(per_article)])
    return Counts(**fields)


def _size(c: Count) -> int:
    return max(x for x in (c.best, c.low, c.high, -1) if x is not None)


def _most_common(values: list, order: list) -> object:
    """The value most reports give; ties go to the one reported first (its position in `order`)."""
    tally = Counter(values)
    return min(tally, key=lambda v: (-tally[v], order.index(v)))


def pick_location(events: Sequence[Event]) -> Location | None:
    """The most specific place; among equally specific ones, the one most reports give."""
    locs = [e.location for e in events if e.location is not None]
    if not locs:
        return None
    top = min(_PLACE_RANK[loc.place.precision] for loc in locs)
    cands = [loc for loc in locs if _PLACE_RANK[loc.place.precision] == top]
    ids = [loc.place.geonameid for loc in cands]
    gid = _most_common(ids, ids)
    return next(loc for loc in cands if loc.place.geonameid == gid)


def pick_date(events: Sequence[Event]) -> EventDate | None:
    """The narrowest date; among equally narrow ones, the one most reports give, then the earliest."""
    dates = [e.date for e in events if e.date is not None]
    if not dates:
        return None
    top = min(_DATE_RANK[d.precision] for d in dates)
    cands = [d for d in dates if _DATE_RANK[d.precision] == top]
    keys = sorted({(d.start, d.end) for d in cands})
    key = _most_common([(d.start, d.end) for d in cands], keys)
    return next(d for d in cands if (d.start, d.end) == key)


def union_actors(groups: Sequence[tuple[Actor, ...]]) -> tuple[Actor, ...]:
    """Every distinct actor; generic labels ("gunmen") are dropped once a named actor is present."""
    seen: dict[str, Actor] = {}
    generic: dict[str, Actor] = {}
    for actors in groups:
        for a in actors:
            name = core_name(a)
            if name is None:
                generic.setdefault((a.name or a.text).lower(), a)
            elif name.core not in seen:
                seen[name.core] = a
    return tuple(seen.values()) if seen else tuple(generic.values())


def report_order(event: Event, published: dt.date | None) -> tuple:
    """Sort key: the report published first, then article id, position in the text, event id."""
    return (published or dt.date.max, event.article_id, event.trigger.start, event.id)


def incident_id(anchor_event_id: str) -> str:
    return "inc_" + hashlib.sha256(anchor_event_id.encode("utf-8")).hexdigest()[:16]


def build_incident(events: Sequence[Event], *, articles: Mapping[str, Article] | None = None) -> Incident:
    """One incident from events already judged to be the same happening."""
    articles = articles or {}

    def published(e: Event) -> dt.date | None:
        a = articles.get(e.article_id)
        return a.published if a is not None else None

    ordered = sorted(events, key=lambda e: report_order(e, published(e)))
    anchor = ordered[0]
    types = [e.type for e in ordered]
    typ = _most_common(types, types)
    modes = [e.mode for e in ordered if e.mode]
    acleds = [e.acled for e in ordered if e.acled]
    article_ids = sorted({e.article_id for e in ordered})
    outlets = sorted({articles[a].source for a in article_ids
                      if a in articles and articles[a].source})
    n_sources = len(outlets) + sum(1 for a in article_ids if a not in articles or not articles[a].source)
    certainty = min((e.certainty for e in ordered),
                    key=lambda c: CERTAINTIES.index(c) if c in CERTAINTIES else len(CERTAINTIES))
    attributed = tuple(dict.fromkeys(x for e in ordered for x in e.attributed_to))
    miss = 1.0
    for e in ordered:
        miss *= 1.0 - max(0.0, min(1.0, e.confidence))
    return Incident(
        id=incident_id(anchor.id),
        anchor_event_id=anchor.id,
        type=typ,
        quad=next(e.quad for e in ordered if e.type == typ),
        event_ids=tuple(sorted(e.id for e in ordered)),
        article_ids=tuple(article_ids),
        n_sources=n_sources,
        n_articles=len(article_ids),
        mode=_most_common(modes, modes) if modes else None,
        acled=_most_common(acleds, acleds) if acleds else None,
        location=pick_location(ordered),
        date=pick_date(ordered),
        source=union_actors([e.source for e in ordered]),
        target=union_actors([e.target for e in ordered]),
        counts=reconcile_counts(ordered),
        certainty=certainty,
        attributed_to=attributed,
        sources=tuple(outlets),
        confidence=1.0 - miss,
    )
