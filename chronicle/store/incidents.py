"""Incident tables for the fuse stage: `incidents` (one row per incident, its JSON record) and
`incident_events` (which events each incident fused). The ACLED export writes one row per incident
when these exist.

    >>> from chronicle.fuse import fuse
    >>> from chronicle.store.incidents import save_incidents
    >>> save_incidents(store, fuse(events, articles=articles))     # replaces the stored incidents
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from . import Store
from .schema import Migration, Table

COMPONENT = "incidents"
INCIDENTS = Table("incidents", [
    ("id", "text"), ("type", "text"), ("acled_event_type", "text"), ("acled_sub_event_type", "text"),
    ("event_date", "date"), ("date_end", "date"), ("country", "text"), ("location", "text"),
    ("lat", "float"), ("lon", "float"), ("killed", "int"), ("n_sources", "int"), ("n_articles", "int"),
    ("confidence", "float"), ("record", "text"),
], primary_key=("id",), indexes=[("country", "event_date")])
INCIDENT_EVENTS = Table("incident_events", [("incident_id", "text"), ("event_id", "text")],
                        primary_key=("incident_id", "event_id"), indexes=[("event_id",)])
MIGRATIONS = [Migration(1, "incidents and their member events", [INCIDENTS, INCIDENT_EVENTS])]


def _killed(counts) -> int | None:
    c = getattr(counts, "killed", None)
    if c is None:
        return None
    return c.best if c.best is not None else c.low


def save_incidents(store: Store, incidents: Sequence[Any]) -> int:
    """Replace the stored incidents with these (fuse.Incident records), in one transaction."""
    store.migrate(COMPONENT, MIGRATIONS)
    cols: dict[str, list] = {c: [] for c in INCIDENTS.names}
    links: dict[str, list] = {"incident_id": [], "event_id": []}
    for inc in incidents:
        p = inc.location.place if inc.location else None
        row = {"id": inc.id, "type": inc.type,
               "acled_event_type": inc.acled[0] if inc.acled else None,
               "acled_sub_event_type": inc.acled[1] if inc.acled else None,
               "event_date": inc.date.start if inc.date else None, "date_end": inc.date.end if inc.date else None,
               "country": p.country if p else None, "location": p.name if p else None,
               "lat": p.lat if p else None, "lon": p.lon if p else None, "killed": _killed(inc.counts),
               "n_sources": inc.n_sources, "n_articles": inc.n_articles, "confidence": float(inc.confidence),
               "record": json.dumps(inc.to_json(), ensure_ascii=False)}
        for k, v in row.items():
            cols[k].append(v)
        for eid in dict.fromkeys(inc.event_ids):
            links["incident_id"].append(inc.id)
            links["event_id"].append(eid)
    with store.transaction():
        store.backend.execute("DELETE FROM incident_events")
        store.backend.execute("DELETE FROM incidents")
        store.insert(INCIDENTS, cols)
        store.insert(INCIDENT_EVENTS, links)
    return len(cols["id"])
