"""Hand-built events for the fuse tests (no model, no gazetteer)."""
from __future__ import annotations

import datetime as dt
import math

from chronicle.records import (Actor, Article, Count, Counts, DatePrecision, Event, EventDate, Location,
                               Place, Precision, Span)

MOSUL = (99072, "Mosul", 36.335, 43.11889, "IQ", "15")
KIRKUK = (94787, "Kirkuk", 35.46806, 44.39222, "IQ", "13")


def place(gid=MOSUL[0], name=MOSUL[1], lat=MOSUL[2], lon=MOSUL[3], country="IQ", admin1="15",
          precision="place", relation=None) -> Location:
    return Location(text=name, place=Place(gid, name, lat, lon, country, Precision(precision), admin1=admin1),
                    relation=relation)


def offset(km_east: float, base=MOSUL, gid=1) -> Location:
    """A place `km_east` kilometres east of `base` (same admin1)."""
    lat = base[2]
    lon = base[3] + km_east / (111.32 * math.cos(math.radians(lat)))
    return place(gid, f"{km_east:g} km east", lat, lon, base[4], base[5])


def actor(name, kind="UNK", country=None) -> Actor:
    return Actor(text=name, name=name, kind=kind, country=country)


def ev(eid, article, *, day="2025-03-09", end=None, precision="day", loc="mosul", type="ASSAULT",
       mode=None, acled=None, source=(), target=(), killed=None, sentence=0, **flags) -> Event:
    if loc == "mosul":
        loc = place()
    start = dt.date.fromisoformat(day) if day else None
    date = None if day is None else EventDate(start, dt.date.fromisoformat(end) if end else start,
                                             DatePrecision(precision))
    counts = Counts(killed=Count(*killed, str(killed)) if killed else None)
    span = Span("s", sentence * 100, sentence * 100 + 90)
    return Event(id=eid, article_id=article, type=type, quad="material conflict", trigger=span,
                 evidence=(span,), mode=mode, acled=acled, source=tuple(source), target=tuple(target),
                 location=loc, date=date, counts=counts, **flags)


def art(aid, published="2025-03-10", source=None) -> Article:
    return Article(id=aid, text="x", origin=aid, published=dt.date.fromisoformat(published), source=source)


def groups(incidents) -> set[frozenset[str]]:
    return {frozenset(i.event_ids) for i in incidents}
