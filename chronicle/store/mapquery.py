"""What the map asks a store: lean GeoJSON built inside the database, grid clusters for a view,
counts ("showing X of Y"), a date histogram, control-of-territory changes and holders, and the
article each record came from. Every function takes a reader (anything with `query(sql, params)`
and `dialect`) and `Filters`, so the same code runs on DuckDB and PostgreSQL.

    >>> from chronicle.api.db import Database
    >>> with Database("chronicle.duckdb").reader() as reader:
    ...     members, feats = features(reader, Filters.parse(country="IQ"), "incidents", zoom=5)
    >>> members["type"], len(feats) > 0
    ('FeatureCollection', True)
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from .filters import Filters, where_sql
from .queries import ORDER

CELL_PX = 80            # grid cell, in screen pixels at the asked zoom
MAX_ZOOM = 18


def _obj(dialect: str, pairs: list[tuple[str, str]]) -> str:
    fn = "json_object" if dialect == "duckdb" else "json_build_object"
    return f"{fn}(" + ", ".join(f"'{k}', {v}" for k, v in pairs) + ")"


def _arr(dialect: str, items: list[str]) -> str:
    return ("json_array(" if dialect == "duckdb" else "json_build_array(") + ", ".join(items) + ")"


def _text(dialect: str, expr: str) -> str:
    return f"CAST({expr} AS {'VARCHAR' if dialect == 'duckdb' else 'text'})"


def _round(dialect: str, expr: str, n: int) -> str:
    return f"round({expr}, {n})" if dialect == "duckdb" else f"round(CAST({expr} AS numeric), {n})"


def feature_sql(dialect: str, layer: str) -> str:
    """A lean RFC 7946 Feature per row, as JSON text: what a marker, a list row and a filter need;
    the full record is one click away (/incidents/{id}, /events/{id})."""
    props = [("id", "id"), ("layer", f"'{layer[:-1]}'"), ("type", "type"), ("acled", "acled_event_type"),
             ("sub", "acled_sub_event_type"), ("date", "event_date"), ("end", "date_end"),
             ("precision", "geo_precision"), ("place", "location"), ("admin1", "admin1"), ("country", "country"),
             ("killed", "killed"), ("certainty", "certainty"), ("confidence", _round(dialect, "confidence", 2))]
    if layer == "incidents":
        props += [("killed_low", "killed_low"), ("killed_high", "killed_high"), ("sources", "n_sources"),
                  ("articles", "n_articles")]
    else:
        props += [("article_id", "article_id"), ("gained_by", "control_gained_by"), ("lost_by", "control_lost_by"),
                  ("flag", "CASE WHEN negated THEN 'negated' WHEN hypothetical THEN 'hypothetical' "
                           "WHEN historical THEN 'historical' WHEN future THEN 'future' END")]
    geometry = _obj(dialect, [("type", "'Point'"), ("coordinates", _arr(dialect, [_round(dialect, "lon", 5), _round(dialect, "lat", 5)]))])
    fid = "id" if layer == "incidents" else "article_id || '/' || id"
    return _text(dialect, _obj(dialect, [("type", "'Feature'"), ("id", fid), ("geometry", geometry),
                                         ("properties", _obj(dialect, props))]))


def _key(layer: str) -> str:
    return "id" if layer == "incidents" else "article_id || chr(31) || id"


def counts(reader, f: Filters, layer: str) -> dict[str, int]:
    """total (matching the filters anywhere), located, in_view (inside the bbox, when one is given)."""
    base, params = where_sql(f, layer, area=False)
    area, aparams = where_sql(Filters(bbox=f.bbox), layer, area=True)
    area = area.replace(" WHERE ", "", 1) or "TRUE"
    sql = (f"SELECT count(*) AS total, count(*) FILTER (WHERE lat IS NOT NULL AND lon IS NOT NULL) AS located, "
           f"count(*) FILTER (WHERE lat IS NOT NULL AND lon IS NOT NULL AND {area}) AS in_view "
           f"FROM {layer}{base}")
    row = reader.query(sql, aparams + params).to_pylist()[0]
    return {k: int(row[k] or 0) for k in ("total", "located", "in_view")}


def points(reader, f: Filters, layer: str, *, limit: int, offset: int = 0, order: str = "newest") -> list[str]:
    """Lean features (JSON text) of the located records matching the filters, newest first. The
    page is chosen first and only its rows are turned into JSON (late materialisation)."""
    clause, params = where_sql(f, layer)
    clause += (" AND " if clause else " WHERE ") + "lat IS NOT NULL AND lon IS NOT NULL"
    sql = (f"SELECT {feature_sql(reader.dialect, layer)} AS f FROM (SELECT * FROM {layer}{clause} "
           f"ORDER BY {ORDER[layer][order]} LIMIT {int(limit)} OFFSET {int(offset)}) AS page "
           f"ORDER BY {ORDER[layer][order]}")
    return reader.query(sql, params).column("f").to_pylist()


def clusters(reader, f: Filters, layer: str, *, zoom: int) -> list[dict]:
    """Grid clusters of the located records in view at a zoom: one feature per occupied cell of
    CELL_PX screen pixels (a single record stays a point). A cluster says how many, how many killed,
    the box its members span, and `stack` when they all sit on one point (spiderfied by the map)."""
    z = max(0, min(int(zoom), MAX_ZOOM))
    scale = 256.0 * 2 ** z / CELL_PX
    clause, params = where_sql(f, layer)
    clause += (" AND " if clause else " WHERE ") + "lat IS NOT NULL AND lon IS NOT NULL"
    lon = "lon"
    lparams: list = []
    if f.bbox is not None and f.bbox.crosses:       # a view across the antimeridian: one continuous x axis
        lon, lparams = "CASE WHEN lon < ? THEN lon + 360.0 ELSE lon END", [f.bbox.west]
    x = f"floor((({lon}) + 180.0) / 360.0 * {scale})"
    y = (f"floor((0.5 - ln(tan(pi() / 4 + radians(greatest(least(lat, 85.0), -85.0)) / 2)) / (2 * pi())) "
         f"* {scale})")
    sql = (f"SELECT {x} AS cx, {y} AS cy, count(*) AS n, avg(lat) AS lat, avg(lon) AS lon, min(lat) AS s, "
           f"max(lat) AS nn, min(lon) AS w, max(lon) AS e, sum(coalesce(killed, 0)) AS killed, "
           f"min({_key(layer)}) AS one FROM {layer}{clause} GROUP BY 1, 2")
    cells = reader.query(sql, lparams + params).to_pylist()
    singles = [c["one"] for c in cells if c["n"] == 1]
    out: list[dict] = []
    if singles:
        ph = ", ".join("?" for _ in singles)
        rows = reader.query(f"SELECT {feature_sql(reader.dialect, layer)} AS f FROM {layer} "
                            f"WHERE {_key(layer)} IN ({ph})", singles).column("f").to_pylist()
        out.extend(json.loads(r) for r in rows)
    for c in cells:
        if c["n"] == 1:
            continue
        out.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [round(c["lon"], 5), round(c["lat"], 5)]},
                    "properties": {"cluster": True, "count": int(c["n"]), "killed": int(c["killed"] or 0),
                                   "bbox": [c["w"], c["s"], c["e"], c["nn"]],
                                   "stack": c["w"] == c["e"] and c["s"] == c["nn"]}})
    return out


def features(reader, f: Filters, layer: str, *, zoom: int | None = None, limit: int = 100_000,
             offset: int = 0, cluster: bool = True) -> tuple[dict[str, Any], list[str]]:
    """The map's one request: (the collection's members, its features as JSON texts) — with a zoom,
    one feature per occupied grid cell of the view (a lone record stays a point, records that share
    a cell or a point become a cluster); without one (or `cluster=False`) every point, newest first —
    with `total` / `located` / `in_view` counts beside `features` (RFC 7946 foreign members)."""
    n = counts(reader, f, layer)
    clustered = cluster and zoom is not None
    if clustered:
        feats = [json.dumps(c, separators=(",", ":")) for c in clusters(reader, f, layer, zoom=zoom)]
    else:
        feats = points(reader, f, layer, limit=limit, offset=offset)
    meta = {"type": "FeatureCollection", "layer": layer, **n, "clustered": clustered,
            "offset": 0 if clustered else offset,
            "truncated": (not clustered) and n["in_view"] > offset + limit}
    return meta, feats


def collection_bytes(meta: dict, feats: list[str]) -> bytes:
    """The FeatureCollection as UTF-8 JSON without parsing the features the database wrote."""
    head = json.dumps(meta, ensure_ascii=False, separators=(",", ":"))[:-1]
    return (head + ',"features":[' + ",".join(feats) + "]}").encode("utf-8")


def histogram(reader, f: Filters, layer: str) -> dict[str, Any]:
    """Counts (and killed) per day, week or month — whichever gives at most a few hundred bars — over
    the whole span of the other filters (the brush on it sets since/until)."""
    clause, params = where_sql(f, layer, dates=False)
    clause += (" AND " if clause else " WHERE ") + "event_date IS NOT NULL"
    row = reader.query(f"SELECT min(event_date) AS lo, max(event_date) AS hi FROM {layer}{clause}", params).to_pylist()[0]
    if row["lo"] is None:
        return {"unit": "day", "first": None, "last": None, "bins": []}
    span = (row["hi"] - row["lo"]).days
    unit = "day" if span <= 180 else "week" if span <= 5 * 365 else "month"
    sql = (f"SELECT CAST(date_trunc('{unit}', event_date) AS DATE) AS b, count(*) AS n, "
           f"sum(coalesce(killed, 0)) AS k FROM {layer}{clause} GROUP BY 1 ORDER BY 1")
    bins = [[r["b"].isoformat(), int(r["n"]), int(r["k"] or 0)] for r in reader.query(sql, params).to_pylist()]
    return {"unit": unit, "first": row["lo"].isoformat(), "last": row["hi"].isoformat(), "bins": bins}


CONTROL = "(control_gained_by IS NOT NULL OR control_lost_by IS NOT NULL)"


def control_changes(reader, f: Filters, *, limit: int = 5000) -> list[str]:
    """Lean features of located events that changed control of their place, newest first."""
    clause, params = where_sql(f, "events")
    clause += (" AND " if clause else " WHERE ") + f"lat IS NOT NULL AND lon IS NOT NULL AND {CONTROL}"
    sql = (f"SELECT {feature_sql(reader.dialect, 'events')} AS f FROM events{clause} "
           f"ORDER BY {ORDER['events']['newest']} LIMIT {int(limit)}")
    return reader.query(sql, params).column("f").to_pylist()


def holders(reader, f: Filters, *, as_of: dt.date | None = None) -> list[dict]:
    """Who holds what: for each place, the last reported change of control on or before `as_of`
    (last change wins; ties go to the more confident report)."""
    g = Filters(**{**{k: getattr(f, k) for k in f.__slots__}, "until": as_of or f.until, "since": None})
    clause, params = where_sql(g, "events")
    clause += (" AND " if clause else " WHERE ") + CONTROL
    place = f"coalesce({_text(reader.dialect, 'geonameid')}, location, location_text)"
    sql = (f"SELECT * FROM (SELECT {place} AS place_key, location, location_text, country, admin1, lat, lon, "
           f"control_gained_by AS holder, control_lost_by AS taken_from, event_date AS since, id AS event_id, "
           f"article_id, certainty, confidence, row_number() OVER (PARTITION BY {place} "
           f"ORDER BY event_date DESC NULLS LAST, confidence DESC, article_id, id) AS r FROM events{clause}) AS t "
           f"WHERE r = 1 ORDER BY country, location")
    out = []
    for r in reader.query(sql, params).to_pylist():
        r.pop("r")
        r.pop("place_key")
        r["since"] = r["since"].isoformat() if r["since"] else None
        r["place"] = r.pop("location") or r.pop("location_text")
        r.pop("location_text", None)
        out.append(r)
    return out


def articles(reader, ids) -> dict[str, dict]:
    """The article objects (id, source = outlet, title, url, published) of these ids."""
    ids = list(dict.fromkeys(i for i in ids if i is not None))
    out: dict[str, dict] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        rows = reader.query(f"SELECT id, outlet, source, title, url, published, language FROM articles "
                            f"WHERE id IN ({', '.join('?' for _ in chunk)})", chunk).to_pylist()
        for r in rows:
            out[r["id"]] = article_json(r)
    return out


def with_member(record: str, key: str, value) -> str:
    """A record's JSON text with one more top-level member, spliced without parsing the record;
    a record that already has the member (written by a newer extractor) is left as it is."""
    if f', "{key}": ' in record or record.startswith(f'{{"{key}": '):
        return record
    tail = json.dumps(value, ensure_ascii=False)
    return record[:-1].rstrip() + (f', "{key}": ' if record.strip() != "{}" else f'"{key}": ') + tail + "}"


def article_json(r: dict) -> dict:
    pub = r.get("published")
    return {"id": r["id"], "source": r.get("outlet") or r.get("source"), "title": r.get("title"),
            "url": r.get("url"), "published": pub.isoformat() if hasattr(pub, "isoformat") else pub,
            "language": r.get("language")}

