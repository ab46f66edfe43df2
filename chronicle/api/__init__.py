"""The REST API over a stored database (`chronicle serve`) and the web map it serves.

Every list and map endpoint takes the same filters (see /docs): country, since, until, type, acled,
sub, actor (aliases too: ISIS = Islamic State), min_killed, certainty, min_confidence, outlet,
admin1, bbox=west,south,east,north, all (events only: negated, hypothetical, historical, future too).

    GET /incidents, /events                  records, newest first (order=oldest), with their articles; limit/offset
    GET /incidents.geojson, /events.geojson  lean GeoJSON; with zoom= (and bbox=) grid clusters of the view
    GET /incidents.csv, /events.csv          the same rows as CSV (a download of the current view)
    GET /incidents/{id}, /events/{id}        one record; an incident with each report (outlet, date, evidence)
    GET /articles/{id}                       outlet, title, URL, publication date, and its events
    GET /histogram?layer=…                   counts per day / week / month over the whole span
    GET /control.geojson, /control?as_of=…   changes of territorial control; who holds what as of a date
    GET /facets?layer=…                      outlets, provinces, ACLED sub-types present (for the filter chips)
    GET /health                              schema versions and row counts
    GET /, /docs                             the web map; the API's own documentation (both offline)
"""
from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import secrets
import threading
import time
from pathlib import Path

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from ..errors import ChronicleError, UsageError
from ..store import mapquery
from ..store.filters import Filters, where_sql
from ..store.queries import ORDER
from .db import Database
from .respond import bad_parameters, dumps, send, send_json

MAX_LIMIT = 10_000
MAX_POINTS = 100_000
MAX_OFFSET = 10**9
STATIC = Path(__file__).resolve().parent / "static"
LAYER = Query(default="incidents", pattern="^(incidents|events)$", description="incidents (fused) or events (raw)")


def filters(country: list[str] = Query(default=[], description="ISO alpha-2/alpha-3 codes or English names; "
                                       "repeat or separate with commas"),
            since: str | None = Query(default=None, description="YYYY-MM-DD"),
            until: str | None = Query(default=None, description="YYYY-MM-DD"),
            type: list[str] = Query(default=[], description="PLOVER event types, e.g. ASSAULT"),
            acled: list[str] = Query(default=[], description="ACLED event types, e.g. Battles"),
            sub: list[str] = Query(default=[], description="ACLED sub-event types, e.g. Armed clash"),
            actor: str | None = Query(default=None, description="source or target actor (name or alias)"),
            min_killed: str | None = Query(default=None, description="at least this many killed"),
            certainty: list[str] = Query(default=[], description="confirmed, reported, claimed, alleged, unconfirmed"),
            min_confidence: str | None = Query(default=None, description="0..1"),
            outlet: list[str] = Query(default=[], description="the articles' outlet (source or web host)"),
            admin1: list[str] = Query(default=[], description="first-level administrative division"),
            bbox: str | None = Query(default=None, description="west,south,east,north in degrees"),
            all: bool = Query(default=False, description="events only: also negated, hypothetical, "
                              "historical and future events")) -> Filters:
    try:
        return Filters.parse(country=country, since=since, until=until, type=type, acled=acled, sub=sub,
                             actor=actor, min_killed=min_killed, certainty=certainty,
                             min_confidence=min_confidence, outlet=outlet, admin1=admin1, bbox=bbox,
                             include_all=all)
    except UsageError as e:
        raise HTTPException(status_code=400, detail=str(e)) from None


def _order(order: str) -> str:
    if order not in ("newest", "oldest"):
        raise HTTPException(status_code=400, detail=f"order={order!r}: use newest or oldest")
    return order


def create_app(db: str, *, token: str | None = None, pool_size: int = 8) -> FastAPI:
    """A FastAPI app reading one database through a pool of readers (see chronicle.api.db);
    with `token`, `chronicle ingest` may write through it (chronicle.api.ingest)."""
    database = Database(db, pool_size=pool_size)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        from .places import _cities

        threading.Thread(target=_cities, daemon=True).start()    # the labels' table, loaded once (~1 s)
        yield
        database.close()

    app = FastAPI(title="Chronicle", summary="Geocoded, source-attributed political events", lifespan=lifespan,
                  docs_url=None, redoc_url=None)
    app.state.database = database
    app.add_exception_handler(RequestValidationError, bad_parameters)
    limit_q = Query(default=1000, ge=1, le=MAX_LIMIT)
    offset_q = Query(default=0, ge=0, le=MAX_OFFSET)

    def reading(fn):
        """Run fn(reader) with a pooled reader; store errors become 503s that say what happened."""
        try:
            with database.reader() as r:
                return fn(r)
        except ChronicleError as e:
            raise HTTPException(status_code=503, detail=str(e)) from None

    # -- records ------------------------------------------------------------------------------
    def event_records(r, f: Filters, limit: int, offset: int, order: str) -> bytes:
        # the page is chosen on narrow columns first, then its records are read with their articles
        clause, params = where_sql(f, "events")
        outer = "e.event_date, e.article_id, e.id" if order == "oldest" else \
            "e.event_date DESC NULLS LAST, e.article_id, e.id"
        page = f"FROM events{clause} ORDER BY {ORDER['events'][order]} LIMIT {limit} OFFSET {offset}"
        art = ("a.outlet, a.source, a.title, a.url, a.published, a.language FROM {src} "
               "LEFT JOIN articles a ON a.id = e.article_id")
        if r.dialect == "duckdb":
            sql = (f"SELECT e.article_id, e.record, {art.format(src='events e')} "
                   f"WHERE e.rowid IN (SELECT rowid {page}) ORDER BY {outer}")
        else:
            sql = (f"SELECT e.article_id, e.record, "
                   f"{art.format(src=f'(SELECT article_id, id, event_date, record {page}) AS e')} ORDER BY {outer}")
        rows = r.query(sql, params).to_pylist()
        recs = [mapquery.with_member(x["record"], "article", mapquery.article_json({**x, "id": x["article_id"]}))
                for x in rows]
        total = mapquery.counts(r, f, "events")["total"]
        head = dumps({"count": len(recs), "total": total, "offset": offset})[:-1]
        return head + b',"events":[' + ",".join(recs).encode("utf-8") + b"]}"

    @app.get("/events")
    def events(request: Request, f: Filters = Depends(filters), limit: int = limit_q, offset: int = offset_q,
               order: str = "newest"):
        """Event records (the `chronicle extract` JSON with its `article`), newest first."""
        return send(request, reading(lambda r: event_records(r, f, limit, offset, _order(order))))

    def incident_records(r, f: Filters, limit: int, offset: int, order: str) -> bytes:
        if "incidents" not in database.tables(r):
            return dumps({"count": 0, "total": 0, "offset": offset, "incidents": []})
        clause, params = where_sql(f, "incidents")
        texts = [x for x in r.query(f"SELECT record FROM incidents{clause} ORDER BY {ORDER['incidents'][order]} "
                                    f"LIMIT {limit} OFFSET {offset}", params).column("record").to_pylist() if x]
        ids = [json.loads(t).get("article_ids") or [] for t in texts]
        arts = mapquery.articles(r, [a for x in ids for a in x])
        recs = [mapquery.with_member(t, "articles", [arts.get(a) or {"id": a} for a in x]) for t, x in zip(texts, ids)]
        total = mapquery.counts(r, f, "incidents")["total"]
        head = dumps({"count": len(recs), "total": total, "offset": offset})[:-1]
        return head + b',"incidents":[' + ",".join(recs).encode("utf-8") + b"]}"

    @app.get("/incidents")
    def incidents(request: Request, f: Filters = Depends(filters), limit: int = limit_q, offset: int = offset_q,
                  order: str = "newest"):
        """Incidents (events fused across reports), newest first, each with the articles that reported it."""
        return send(request, reading(lambda r: incident_records(r, f, limit, offset, _order(order))))

    # -- map ----------------------------------------------------------------------------------
    def geojson(request: Request, layer: str, f: Filters, zoom: int | None, limit: int, cluster: bool,
                offset: int = 0):
        def run(r):
            if layer == "incidents" and "incidents" not in database.tables(r):
                return {"type": "FeatureCollection", "layer": layer, "total": 0, "located": 0, "in_view": 0,
                        "clustered": False, "truncated": False}, []
            return mapquery.features(r, f, layer, zoom=zoom, limit=limit, offset=offset, cluster=cluster)
        meta, feats = reading(run)
        return send(request, mapquery.collection_bytes(meta, feats), media_type="application/geo+json")

    zoom_q = Query(default=None, ge=0, le=mapquery.MAX_ZOOM, description="the map's zoom: records sharing a "
                   f"{mapquery.CELL_PX}-pixel cell of the view become one cluster")
    points_q = Query(default=MAX_POINTS, ge=1, le=MAX_POINTS)

    @app.get("/incidents.geojson")
    def incidents_geojson(request: Request, f: Filters = Depends(filters), zoom: int | None = zoom_q,
                       limit: int = points_q, offset: int = offset_q, cluster: bool = True):
        """Located incidents as lean GeoJSON (full records at /incidents/{id}); clusters with zoom=."""
        return geojson(request, "incidents", f, zoom, limit, cluster, offset)

    @app.get("/events.geojson")
    def events_geojson(request: Request, f: Filters = Depends(filters), zoom: int | None = zoom_q,
                       limit: int = points_q, offset: int = offset_q, cluster: bool = True):
        """Located events as lean GeoJSON (full records at /events/{id}); clusters with zoom=."""
        return geojson(request, "events", f, zoom, limit, cluster, offset)

    def csv_rows(layer: str, f: Filters) -> bytes:
        cols = (["id", "event_date", "date_end", "type", "acled_event_type", "acled_sub_event_type", "location",
                 "admin1", "country", "lat", "lon", "geo_precision", "killed", "killed_low", "killed_high",
                 "certainty", "confidence", "n_sources", "n_articles", "outlets", "source_actors", "target_actors"]
                if layer == "incidents" else
                ["article_id", "id", "event_date", "date_end", "type", "mode", "acled_event_type",
                 "acled_sub_event_type", "location", "admin1", "country", "lat", "lon", "geo_precision", "killed",
                 "injured", "displaced", "arrested", "certainty", "confidence", "source_actors", "target_actors",
                 "attributed_to", "negated", "hypothetical", "trigger_text"])

        def run(r):
            if layer == "incidents" and "incidents" not in database.tables(r):
                return [], []
            clause, params = where_sql(f, layer)
            sel = ", ".join(f"{layer}.{c}" for c in cols)
            if layer == "events":
                sel += ", articles.outlet, articles.title, articles.url, articles.published"
                src = "events LEFT JOIN articles ON articles.id = events.article_id"
                clause = clause.replace("article_id IN", "events.article_id IN")
            else:
                src = "incidents"
            t = r.query(f"SELECT {sel} FROM {src}{clause} ORDER BY {ORDER[layer]['newest']} "
                        f"LIMIT {MAX_POINTS}", params)
            return t.column_names, t.to_pylist()
        names, rows = reading(run)
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(names or cols)
        for row in rows:
            w.writerow(["" if v is None else v for v in row.values()])
        return out.getvalue().encode("utf-8")

    @app.get("/incidents.csv")
    def incidents_csv(request: Request, f: Filters = Depends(filters)):
        """The incidents matching the filters (and bbox) as CSV, newest first (at most 100,000)."""
        return send(request, csv_rows("incidents", f), media_type="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="incidents.csv"'})

    @app.get("/events.csv")
    def events_csv(request: Request, f: Filters = Depends(filters)):
        """The events matching the filters (and bbox) as CSV with their outlet, title and URL."""
        return send(request, csv_rows("events", f), media_type="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="events.csv"'})

    @app.get("/histogram")
    def histogram(request: Request, f: Filters = Depends(filters), layer: str = LAYER):
        """Records per day, week or month over the whole span (since/until are ignored: the brush sets them)."""
        def run(r):
            if layer == "incidents" and "incidents" not in database.tables(r):
                return {"unit": "day", "first": None, "last": None, "bins": []}
            return mapquery.histogram(r, f, layer)
        return send_json(request, {"layer": layer, **reading(run)})

    @app.get("/control.geojson")
    def control_geojson(request: Request, f: Filters = Depends(filters), limit: int = points_q):
        """Located events that changed control of their place (gained_by / lost_by), newest first."""
        feats = reading(lambda r: mapquery.control_changes(r, f, limit=limit))
        meta = {"type": "FeatureCollection", "layer": "control", "count": len(feats)}
        return send(request, mapquery.collection_bytes(meta, feats), media_type="application/geo+json")

    @app.get("/control")
    def control(request: Request, f: Filters = Depends(filters), as_of: str | None = None):
        """Who holds what: per place, the last change of control on or before `as_of` (default: until, or now)."""
        try:
            day = Filters.parse(until=as_of).until
        except UsageError as e:
            raise HTTPException(status_code=400, detail=str(e).replace("until=", "as_of=")) from None
        rows = reading(lambda r: mapquery.holders(r, f, as_of=day))
        return send_json(request, {"as_of": (day or f.until).isoformat() if (day or f.until) else None,
                                   "count": len(rows), "places": rows})

    @app.get("/facets")
    def facets(request: Request, layer: str = LAYER):
        """Values present in the store for the filter chips: outlets, provinces, ACLED sub-types, types."""
        def run(r):
            if layer == "incidents" and "incidents" not in database.tables(r):
                layer_ = "events"
            else:
                layer_ = layer
            q = lambda sql: r.query(sql).to_pylist()  # noqa: E731
            return {
                "outlets": [x["outlet"] for x in q("SELECT outlet, count(*) AS n FROM articles WHERE outlet IS NOT NULL "
                                                   "GROUP BY outlet ORDER BY n DESC, outlet LIMIT 500")],
                "admin1": [[x["admin1"], x["country"]] for x in q(
                    f"SELECT admin1, country, count(*) AS n FROM {layer_} WHERE admin1 IS NOT NULL "
                    f"GROUP BY admin1, country ORDER BY n DESC, admin1 LIMIT 500")],
                "sub": [[x["a"], x["s"]] for x in q(
                    f"SELECT acled_event_type AS a, acled_sub_event_type AS s, count(*) AS n FROM {layer_} "
                    f"WHERE acled_sub_event_type IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2")],
                "types": [x["type"] for x in q(f"SELECT DISTINCT type FROM {layer_} ORDER BY type")],
            }
        return send_json(request, {"layer": layer, **reading(run)})

    # -- one record ---------------------------------------------------------------------------
    @app.get("/events/{event_id:path}")
    def event(request: Request, event_id: str, article_id: str | None = None):
        """One event record by id (ids are unique within an article; `article_id` picks one when shared)."""
        if "/" in event_id and article_id is None:      # the GeoJSON feature id: article_id/event_id
            a, _, e = event_id.rpartition("/")
            found = reading(lambda r: r.query("SELECT 1 AS x FROM events WHERE article_id = ? AND id = ?",
                                              [a, e]).num_rows)
            if found:
                article_id, event_id = a, e
        sql = "SELECT article_id, record FROM events WHERE id = ?" + (" AND article_id = ?" if article_id else "")
        rows = reading(lambda r: r.query(sql, [event_id] + ([article_id] if article_id else [])).to_pylist())
        if not rows:
            raise HTTPException(status_code=404, detail=f"no event {event_id!r}"
                                + (f" in article {article_id!r}" if article_id else ""))
        if len(rows) > 1:
            raise HTTPException(status_code=409, detail=f"event id {event_id!r} occurs in several articles "
                                f"({', '.join(sorted(r['article_id'] for r in rows))}): add ?article_id=")
        rec = json.loads(rows[0]["record"])
        arts = reading(lambda r: mapquery.articles(r, [rows[0]["article_id"]]))
        rec["article"] = arts.get(rows[0]["article_id"]) or {"id": rows[0]["article_id"]}
        return send_json(request, rec)

    @app.get("/incidents/{incident_id}")
    def incident(request: Request, incident_id: str):
        """One incident with each report of it: outlet, title, URL, date, evidence sentence, counts."""
        def run(r):
            if "incidents" not in database.tables(r):
                return None
            got = r.query("SELECT record FROM incidents WHERE id = ?", [incident_id]).column("record").to_pylist()
            if not got or not got[0]:
                return None
            rec = json.loads(got[0])
            ids = list(rec.get("event_ids") or ())
            members = r.query(f"SELECT e.article_id, e.record FROM events e WHERE e.id IN "
                              f"({', '.join('?' for _ in ids)})", ids).to_pylist() if ids else []
            want = set(rec.get("article_ids") or ())
            members = [m for m in members if not want or m["article_id"] in want]
            arts = mapquery.articles(r, [m["article_id"] for m in members] + list(want))
            rec["articles"] = [arts.get(a) or {"id": a} for a in rec.get("article_ids", ())]
            reports = []
            for m in members:
                ev = json.loads(m["record"])
                reports.append({"event_id": ev["id"], "article": arts.get(m["article_id"]) or {"id": m["article_id"]},
                                **{k: ev.get(k) for k in ("type", "mode", "date", "location", "counts", "certainty",
                                                          "attributed_to", "trigger", "evidence", "source", "target")}})
            reports.sort(key=lambda x: ((x["article"].get("published") or "9999"), x["article"]["id"], x["event_id"]))
            rec["reports"] = reports
            return rec
        rec = reading(run)
        if rec is None:
            raise HTTPException(status_code=404, detail=f"no incident {incident_id!r}: ids come from /incidents")
        return send_json(request, rec)

    @app.get("/articles/{article_id:path}")
    def article(request: Request, article_id: str):
        """An article's outlet (source), title, URL and publication date, and the ids of its events."""
        def run(r):
            rows = r.query("SELECT id, outlet, source, title, url, published, language, n_events, duplicate_of "
                           "FROM articles WHERE id = ?", [article_id]).to_pylist()
            if not rows:
                return None
            out = mapquery.article_json(rows[0])
            out["n_events"], out["duplicate_of"] = rows[0]["n_events"], rows[0]["duplicate_of"]
            out["events"] = r.query("SELECT id FROM events WHERE article_id = ? ORDER BY id",
                                    [article_id]).column("id").to_pylist()
            return out
        got = reading(run)
        if got is None:
            raise HTTPException(status_code=404, detail=f"no article {article_id!r}: article ids are in each "
                                "event's and incident's `article` / `articles`")
        return send_json(request, got)

    @app.get("/places")
    def places(request: Request, bbox: str | None = None, zoom: int = Query(default=2, ge=0, le=mapquery.MAX_ZOOM)):
        """Labels for the base map: the largest GeoNames places in view for the zoom (offline)."""
        from ..store.filters import parse_bbox
        from .places import labels

        try:
            box = parse_bbox(bbox)
        except UsageError as e:
            raise HTTPException(status_code=400, detail=str(e)) from None
        return send_json(request, {"places": labels(box, zoom)}, headers={"Cache-Control": "max-age=3600"})

    health_cache: dict = {}

    @app.get("/health")
    async def health(request: Request):
        """Schema versions and row counts. Answered on the event loop from figures at most a second
        old, so it stays quick while heavy requests keep the worker threads busy."""
        def run(r):
            tables = database.tables(r)
            n = {t: int(r.query(f"SELECT count(*) AS n FROM {t}").column("n")[0].as_py())
                 for t in ("articles", "events", "incidents") if t in tables}
            v = r.query("SELECT component, max(version) AS v FROM schema_version GROUP BY component").to_pylist()
            return {"status": "ok", "schema": {x["component"]: x["v"] for x in v}, **n}
        now = time.monotonic()
        if now - health_cache.get("at", -1e9) > 1.0 or health_cache.get("tables") is not database._tables:
            health_cache["body"] = await run_in_threadpool(reading, run)
            health_cache["at"], health_cache["tables"] = time.monotonic(), database._tables
        return send_json(request, {**health_cache["body"], "writable": database.writable})

    # -- pages --------------------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    def map_page():
        """The web map (static/index.html; every asset under /static, nothing from outside)."""
        return FileResponse(STATIC / "index.html")

    @app.get("/docs", include_in_schema=False)
    def docs():
        """Swagger UI from the vendored swagger-ui-dist (offline), reading /openapi.json."""
        return get_swagger_ui_html(openapi_url=app.openapi_url, title="Chronicle API",
                                   swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")

    if token:
        from .ingest import add_routes

        add_routes(app, database, token)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def serve(db: str, *, host: str = "127.0.0.1", port: int = 8000, log_level: str = "info") -> None:
    """Run the API and map; while it runs `chronicle ingest --db` into the same DuckDB file goes
    through it (the token is in `<db>.serve.json`, readable only by this user)."""
    import uvicorn

    from ..store.remote import rendezvous_path

    token = secrets.token_urlsafe(32)
    app = create_app(db, token=token)
    path = None if "://" in db else rendezvous_path(db)
    if path is not None:
        near = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"url": f"http://{near}:{port}", "token": token, "pid": os.getpid()}, fh)
    try:
        uvicorn.run(app, host=host, port=port, log_level=log_level)
    finally:
        if path is not None:
            with contextlib.suppress(OSError):
                path.unlink()
