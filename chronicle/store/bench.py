"""Is a big database still responsive? Generate N synthetic events straight into a DuckDB file
(bulk Arrow inserts, the real schema and indexes) and time the notebook/API `events(...)` queries.

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


def generate(n: int, *, seed: int = 0, chunk: int = 200_000):
    """Yield Arrow tables of synthetic events (all EVENTS columns) in chunks."""
    rng = np.random.default_rng(seed)
    day0 = dt.date(2010, 1, 1)
    schema = pa.schema([(c, {"text": pa.string(), "int": pa.int32(), "bigint": pa.int64(), "float": pa.float64(),
                             "bool": pa.bool_(), "date": pa.date32(), "timestamp": pa.timestamp("us")}[t])
                        for c, t in EVENTS.columns])
    for start in range(0, n, chunk):
        m = min(chunk, n - start)
        idx = np.arange(start, start + m)
        days = rng.integers(0, 15 * 365, m)
        dates = [day0 + dt.timedelta(days=int(d)) for d in days]
        country = np.array(COUNTRIES)[rng.integers(0, len(COUNTRIES), m)]
        typ = np.array(TYPES)[rng.integers(0, len(TYPES), m)]
        src = np.array(ACTORS)[rng.integers(0, len(ACTORS), m)]
        tgt = np.array(ACTORS)[rng.integers(0, len(ACTORS), m)]
        lat = rng.uniform(-40, 50, m)
        lon = rng.uniform(-100, 120, m)
        killed = rng.integers(0, 30, m).astype("int32")
        ids = [f"e{i}" for i in idx]
        arts = [f"a{i // 3}" for i in idx]
        cols = {c: pa.nulls(m, schema.field(c).type) for c in EVENTS.names}
        cols.update({
            "id": pa.array(ids), "article_id": pa.array(arts), "type": pa.array(typ),
            "quad": pa.array(["material conflict"] * m), "event_date": pa.array(dates, pa.date32()),
            "date_end": pa.array(dates, pa.date32()), "date_precision": pa.array(["day"] * m),
            "country": pa.array(country), "location": pa.array([f"Place {c}" for c in country]),
            "lat": pa.array(lat), "lon": pa.array(lon), "geo_precision": pa.array(["place"] * m),
            "source_actors": pa.array(src), "target_actors": pa.array(tgt), "killed": pa.array(killed),
            "certainty": pa.array(["reported"] * m),
            "negated": pa.array(rng.random(m) < 0.03), "hypothetical": pa.array(np.zeros(m, bool)),
            "historical": pa.array(np.zeros(m, bool)), "future": pa.array(np.zeros(m, bool)),
            "confidence": pa.array(rng.random(m)),
            "record": pa.array([json.dumps({"id": i, "type": t, "country": c}) for i, t, c in zip(ids, typ, country)]),
        })
        yield pa.table([cols[c] for c in EVENTS.names], schema=schema)


def build(db: str, n: int) -> float:
    from . import open_store

    Path(db).unlink(missing_ok=True)
    t0 = time.perf_counter()
    with open_store(db) as store:
        for table in generate(n):
            with store.transaction():
                store.backend.con.register("_bench", table)
                store.backend.execute(f"INSERT INTO events SELECT * FROM _bench")
                store.backend.con.unregister("_bench")
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


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", default="bench-store.duckdb")
    ap.add_argument("--reuse", action="store_true", help="Query an existing bench database without rebuilding.")
    args = ap.parse_args(argv)
    if not args.reuse:
        secs = build(args.db, args.events)
        print(f"built {args.events:,} events in {secs:.1f} s ({args.events / secs:,.0f} rows/s) → {args.db} "
              f"({Path(args.db).stat().st_size / 1e6:.0f} MB)")
    for label, rows, secs in run(args.db):
        print(f"{label:40s} {rows:>8,} rows  {secs * 1000:8.1f} ms (median of 5)")


if __name__ == "__main__":
    main()
