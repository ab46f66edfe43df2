"""Fuse what a store holds: read every stored event back as an `Event`, group them into incidents
and write the `incidents` and `incident_events` tables through the store's own writer
(`chronicle.store.incidents.save_incidents`).

    >>> from chronicle.store import open_store
    >>> from chronicle.fuse.store import fuse_store
    >>> with open_store("chronicle.duckdb") as store:
    ...     incidents = fuse_store(store)
    >>> len(incidents) > 0
    True
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..records import (Actor, Article, Control, Count, Counts, DatePrecision, Event, EventDate, Location, Mention,
                       Place, Precision, Span, COUNT_FIELDS)
from . import fuse
from .records import Incident


def _span(d: dict) -> Span:
    return Span(d.get("text") or "", d.get("start") or 0, d.get("end") or 0)


def _actor(d: dict) -> Actor:
    return Actor(text=d.get("text") or d.get("name") or "", name=d.get("name") or d.get("text") or "",
                 kind=d.get("kind") or "UNK", country=d.get("country"), start=d.get("start"), end=d.get("end"))


def _date(x: Any) -> dt.date:
    return x if isinstance(x, dt.date) else dt.date.fromisoformat(str(x)[:10])


def event_from_json(d: dict) -> Event:
    """The inverse of `Event.to_json()` (the stored `events.record` column)."""
    loc = d.get("location")
    location = None
    if loc and loc.get("lat") is not None and (loc.get("geonameid") is not None or loc.get("precision") == "unresolved"):
        gid = loc.get("geonameid")
        place = Place(geonameid=int(gid) if gid is not None else None, name=loc.get("name") or "", lat=float(loc["lat"]),
                      lon=float(loc["lon"]), country=loc.get("country"),
                      precision=Precision(loc.get("precision") or "place"),
                      admin1=loc.get("admin1"), admin2=loc.get("admin2"))
        location = Location(text=loc.get("text") or place.name, place=place, relation=loc.get("relation"))
    date = None
    if d.get("date"):
        date = EventDate(_date(d["date"]["start"]), _date(d["date"]["end"]),
                         DatePrecision(d["date"].get("precision") or "day"), d["date"].get("text"))
    counts = Counts(**{f: Count(c.get("low"), c.get("best"), c.get("high"), c.get("text") or "")
                       for f, c in (d.get("counts") or {}).items() if c and f in COUNT_FIELDS})
    control = None
    if d.get("control"):
        c = d["control"]
        control = Control(_actor(c["gained_by"]) if c.get("gained_by") else None,
                          _actor(c["lost_by"]) if c.get("lost_by") else None)
    acled = d.get("acled")
    return Event(
        id=d["id"], article_id=d["article_id"], type=d["type"], quad=d.get("quad") or "",
        trigger=_span(d.get("trigger") or {}), evidence=tuple(_span(s) for s in d.get("evidence") or ()),
        mode=d.get("mode"), contexts=tuple(d.get("contexts") or ()),
        acled=(acled["event_type"], acled["sub_event_type"]) if acled else None,
        source=tuple(_actor(a) for a in d.get("source") or ()),
        target=tuple(_actor(a) for a in d.get("target") or ()),
        location=location, date=date, counts=counts, certainty=d.get("certainty") or "reported",
        attributed_to=tuple(d.get("attributed_to") or ()), negated=bool(d.get("negated")),
        hypothetical=bool(d.get("hypothetical")), historical=bool(d.get("historical")),
        future=bool(d.get("future")), control=control, confidence=float(d.get("confidence") or 0.5),
        mentions=tuple(Mention(m["text"], m["start"], m["end"], m["sentence"]["start"], m["sentence"]["end"])
                       for m in d.get("mentions") or ()),
        happening=d.get("happening"), judged_out=d.get("judged_out"), type_prob=d.get("type_prob"),
    )


def stored_events(store) -> tuple[list[Event], dict[str, Article]]:
    """Every stored event and the articles they came from (id, publication date, outlet)."""
    rows = store.query("SELECT record FROM events ORDER BY article_id, id").column("record").to_pylist()
    events = [event_from_json(json.loads(r)) for r in rows if r]
    t = store.query("SELECT id, published, source FROM articles")
    articles = {aid: Article(id=aid, text="", origin=aid, published=pub, source=src)
                for aid, pub, src in zip(t.column("id").to_pylist(), t.column("published").to_pylist(),
                                         t.column("source").to_pylist())}
    return events, articles


def fuse_store(store, *, include_flagged: bool = False) -> list[Incident]:
    """Fuse every stored event and replace the stored incidents with the result."""
    from ..store.incidents import save_incidents

    events, articles = stored_events(store)
    incidents = fuse(events, articles=articles, include_flagged=include_flagged)
    save_incidents(store, incidents)
    return incidents
