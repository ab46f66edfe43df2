"""Stored events out: ACLED-style CSV, PLOVER JSONL (the event records), GeoJSON (RFC 7946) and
Parquet (the events table with its column types).

    >>> from chronicle.export import export
    >>> from chronicle.store import open_store
    >>> with open_store("chronicle.duckdb", read_only=True) as store:
    ...     n = export(store, "geojson", "events.geojson")
    >>> n > 0
    True
"""
from __future__ import annotations

import csv
import json
from typing import IO

from ..errors import UsageError
from ..store import Store
from ..store.backends import arrow_schema
from ..store.schema import DEFAULT_OUTPUT, EVENTS
from . import acled

FORMATS = ("acled-csv", "plover-jsonl", "geojson", "parquet")
_DEFAULT = DEFAULT_OUTPUT


def _records(store: Store, *, include_all: bool = False, located: bool = False) -> list[dict]:
    """The stored records with their `article` (outlet, title, URL, publication date) joined back."""
    where = [] if include_all else [_DEFAULT.replace("judged_out", "e.judged_out")]
    if located:
        where.append("e.lat IS NOT NULL AND e.lon IS NOT NULL")
    sql = ("SELECT e.record, a.id AS aid, a.source, a.title, a.url, a.published FROM events e "
           "LEFT JOIN articles a ON a.id = e.article_id" + (" WHERE " + " AND ".join(where) if where else ""))
    sql += " ORDER BY e.event_date, e.article_id, e.id"
    out = []
    for r in store.query(sql).to_pylist():
        rec = json.loads(r["record"])
        if r["aid"] is not None:
            pub = r["published"]
            rec["article"] = {"id": r["aid"], "source": r["source"], "title": r["title"], "url": r["url"],
                              "published": pub.isoformat() if hasattr(pub, "isoformat") else pub}
        out.append(rec)
    return out


def write_acled_csv(store: Store, out: IO[str]) -> int:
    w = csv.DictWriter(out, fieldnames=acled.COLUMNS, lineterminator="\n")
    w.writeheader()
    n = 0
    for r in acled.rows(store):
        w.writerow(r)
        n += 1
    return n


def write_plover_jsonl(store: Store, out: IO[str], *, include_all: bool = False) -> int:
    recs = _records(store, include_all=include_all)
    for r in recs:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
    return len(recs)


def feature(rec: dict) -> dict:
    """An RFC 7946 Feature: a Point at [longitude, latitude], the event record as properties."""
    loc = rec["location"]
    return {"type": "Feature", "id": rec["id"],
            "geometry": {"type": "Point", "coordinates": [round(loc["lon"], 6), round(loc["lat"], 6)]},
            "properties": rec}


def write_geojson(store: Store, out: IO[str], *, include_all: bool = False) -> int:
    """Located events only: an event without a place has no point on a map."""
    feats = [feature(r) for r in _records(store, include_all=include_all, located=True)]
    json.dump({"type": "FeatureCollection", "features": feats}, out, ensure_ascii=False)
    out.write("\n")
    return len(feats)


def parquet_table(store: Store, *, include_all: bool = False):
    """The events table as Arrow, with the schema's column types (dates, ints, floats, booleans)."""
    sql = f"SELECT {', '.join(EVENTS.names)} FROM events"
    sql += "" if include_all else f" WHERE {_DEFAULT}"
    sql += " ORDER BY event_date, article_id, id"
    return store.query(sql).cast(arrow_schema(EVENTS))


def write_parquet(store: Store, path: str, *, include_all: bool = False) -> int:
    import pyarrow.parquet as pq

    t = parquet_table(store, include_all=include_all)
    pq.write_table(t, path)
    return t.num_rows


def export(store: Store, fmt: str, output: str | None, *, include_all: bool = False, stdout=None) -> int:
    """Write the stored events in a format to a file (or stdout for text formats); return the row count."""
    import sys

    if fmt not in FORMATS:
        raise UsageError(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not output:
            raise UsageError("--format parquet writes a binary file: give it a name with -o FILE.parquet")
        return write_parquet(store, output, include_all=include_all)
    import contextlib

    ctx = open(output, "w", encoding="utf-8", newline="") if output else contextlib.nullcontext(stdout or sys.stdout)
    with ctx as out:
        if fmt == "acled-csv":
            return write_acled_csv(store, out)
        if fmt == "plover-jsonl":
            return write_plover_jsonl(store, out, include_all=include_all)
        return write_geojson(store, out, include_all=include_all)
