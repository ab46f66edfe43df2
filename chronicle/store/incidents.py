"""Incident tables for the fuse stage: `incidents` (one row per incident, its JSON record) and
`incident_events` (which events each incident fused). The ACLED export writes one row per incident
when these exist.

    >>> from chronicle.fuse import fuse
    >>> from chronicle.fuse.store import stored_events
    >>> from chronicle.store import open_store
    >>> from chronicle.store.incidents import save_incidents
    >>> with open_store("chronicle.duckdb") as store:
    ...     events, articles = stored_events(store)
    ...     n = save_incidents(store, fuse(events, articles=articles))     # replaces the stored incidents
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from . import Store
from .schema import AddColumns, Migration, Table

COMPONENT = "incidents"
INCIDENTS = Table("incidents", [
    ("id", "text"), ("type", "text"), ("acled_event_type", "text"), ("acled_sub_event_type", "text"),
    ("event_date", "date"), ("date_end", "date"), ("country", "text"), ("location", "text"),
    ("lat", "float"), ("lon", "float"), ("killed", "int"), ("n_sources", "int"), ("n_articles", "int"),
    ("confidence", "float"), ("record", "text"),
], primary_key=("id",), indexes=[("country", "event_date")])
INCIDENT_EVENTS = Table("incident_events", [("incident_id", "text"), ("event_id", "text")],
                        primary_key=("incident_id", "event_id"), indexes=[("event_id",)])
# Version 2 (issue 14): what the map filters and draws, as columns (filled from each incident's record).
ADDED = AddColumns("incidents", [
    ("quad", "text"), ("mode", "text"), ("admin1", "text"), ("geo_precision", "text"),
    ("killed_low", "int"), ("killed_high", "int"), ("certainty", "text"), ("source_actors", "text"),
    ("target_actors", "text"), ("outlets", "text"),
], indexes=[("event_date",)])
MIGRATIONS = [Migration(1, "incidents and their member events", [INCIDENTS, INCIDENT_EVENTS]),
              Migration(2, "incident columns the map filters on", [ADDED])]
TABLE = Table("incidents", [*INCIDENTS.columns, *ADDED.columns], INCIDENTS.primary_key, INCIDENTS.indexes)


def _best(c: dict | None) -> int | None:
    if not c:
        return None
    return c.get("best") if c.get("best") is not None else c.get("low")


def row_of(rec: dict) -> dict[str, Any]:
    """The incidents row for an incident record (`Incident.to_json()`)."""
    loc = rec.get("location") or {}
    date = rec.get("date") or {}
    acled = rec.get("acled") or {}
    killed = (rec.get("counts") or {}).get("killed") or {}
    names = lambda xs: "; ".join(dict.fromkeys(a.get("name") or a.get("text") or "" for a in xs or ())) or None  # noqa: E731
    return {"id": rec["id"], "type": rec.get("type"), "acled_event_type": acled.get("event_type"),
            "acled_sub_event_type": acled.get("sub_event_type"),
            "event_date": _day(date.get("start")), "date_end": _day(date.get("end")),
            "country": loc.get("country"), "location": loc.get("name"), "lat": loc.get("lat"), "lon": loc.get("lon"),
            "killed": _best(killed), "n_sources": rec.get("n_sources"), "n_articles": rec.get("n_articles"),
            "confidence": float(rec.get("confidence") or 0.0), "record": json.dumps(rec, ensure_ascii=False),
            "quad": rec.get("quad"), "mode": rec.get("mode"), "admin1": loc.get("admin1"),
            "geo_precision": loc.get("precision"), "killed_low": killed.get("low"), "killed_high": killed.get("high"),
            "certainty": rec.get("certainty"), "source_actors": names(rec.get("source")),
            "target_actors": names(rec.get("target")), "outlets": "; ".join(rec.get("sources") or ()) or None}


def _day(x):
    import datetime as dt

    return dt.date.fromisoformat(str(x)[:10]) if x else None


def write_records(store: Store, records: Sequence[dict]) -> int:
    """Replace the stored incidents with these records (one transaction)."""
    store.migrate(COMPONENT, MIGRATIONS)
    cols: dict[str, list] = {c: [] for c in TABLE.names}
    links: dict[str, list] = {"incident_id": [], "event_id": []}
    for rec in records:
        for k, v in row_of(rec).items():
            cols[k].append(v)
        for eid in dict.fromkeys(rec.get("event_ids") or ()):
            links["incident_id"].append(rec["id"])
            links["event_id"].append(eid)
    with store.transaction():
        store.backend.execute("DELETE FROM incident_events")
        store.backend.execute("DELETE FROM incidents")
        store.insert(TABLE, cols)
        store.insert(INCIDENT_EVENTS, links)
    return len(cols["id"])


def save_incidents(store: Store, incidents: Sequence[Any]) -> int:
    """Replace the stored incidents with these (fuse.Incident records), in one transaction."""
    return write_records(store, [inc.to_json() for inc in incidents])


def migrate(store: Store) -> list[int]:
    """Bring the incident tables up to date; incidents stored before version 2 get its columns
    filled from their records (so an older database serves every filter without re-fusing)."""
    applied = store.migrate(COMPONENT, MIGRATIONS)
    if 2 in applied and 1 not in applied and store.has_table("incidents"):
        cols = set(store.query("SELECT * FROM incidents LIMIT 0").column_names)
        if "record" in cols:
            recs = [json.loads(r) for r in store.query("SELECT record FROM incidents WHERE record IS NOT NULL")
                    .column("record").to_pylist()]
            if recs:
                write_records(store, recs)
    return applied
