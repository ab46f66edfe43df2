"""The REST API over a stored database (`chronicle serve`): the notebook filters over HTTP.

    GET /events?country=IQ&since=2014-06-01&until=…&type=ASSAULT&actor=…&acled=…&all=false&limit=&offset=
    GET /events.geojson?…same filters…      an RFC 7946 FeatureCollection of the located events
    GET /events/{id}?article_id=…           one event record (its JSON)
    GET /incidents                          fused incidents (empty until the fuse stage stores them)
    GET /health                             schema versions and row counts
    GET /                                   the web map (static/index.html; assets under /static, offline)
"""
from __future__ import annotations

import contextlib
import json
import threading
from pathlib import Path

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from ..errors import ChronicleError
from ..export import feature
from ..store import open_store
from ..store.queries import events_sql

MAX_LIMIT = 10_000
STATIC = Path(__file__).resolve().parent / "static"


def create_app(db: str) -> FastAPI:
    """A FastAPI app reading one database (opened read-only once, queries serialised)."""
    store = open_store(db, read_only=True)
    lock = threading.Lock()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        store.close()

    app = FastAPI(title="Chronicle", summary="Geocoded, source-attributed political events", lifespan=lifespan)
    app.state.store = store

    def records(country, since, until, type, actor, acled, include_all, limit, offset, *, located=False):
        try:
            sql, params = events_sql(country=country or None, since=since, until=until, type=type or None,
                                     actor=actor, acled=acled, include_all=include_all,
                                     limit=min(limit, MAX_LIMIT), offset=offset, columns=["record"])
        except ChronicleError as e:
            raise HTTPException(status_code=400, detail=str(e)) from None
        if located:
            sql = sql.replace(" ORDER BY", (" AND" if " WHERE " in sql else " WHERE") +
                              " lat IS NOT NULL AND lon IS NOT NULL ORDER BY", 1)
        with lock:
            rows = store.query(sql, params).column("record").to_pylist()
        return [json.loads(r) for r in rows]

    @app.get("/events")
    def events(country: list[str] = Query(default=[]), since: str | None = None, until: str | None = None,
               type: list[str] = Query(default=[]), actor: str | None = None, acled: str | None = None,
               all: bool = False, limit: int = Query(default=1000, ge=1), offset: int = Query(default=0, ge=0)):
        """Event records (the `chronicle extract` JSON) matching the filters, oldest first."""
        recs = records(country, since, until, type, actor, acled, all, limit, offset)
        return {"count": len(recs), "offset": offset, "events": recs}

    @app.get("/events.geojson")
    def events_geojson(country: list[str] = Query(default=[]), since: str | None = None,
                       until: str | None = None, type: list[str] = Query(default=[]), actor: str | None = None,
                       acled: str | None = None, all: bool = False, limit: int = Query(default=1000, ge=1),
                       offset: int = Query(default=0, ge=0)):
        """The located events as a GeoJSON FeatureCollection ([longitude, latitude] points)."""
        recs = records(country, since, until, type, actor, acled, all, limit, offset, located=True)
        return {"type": "FeatureCollection", "features": [feature(r) for r in recs]}

    @app.get("/events/{event_id:path}")
    def event(event_id: str, article_id: str | None = None):
        """One event record by id (ids are unique within an article; `article_id` picks one when shared)."""
        sql = "SELECT article_id, record FROM events WHERE id = ?" + (" AND article_id = ?" if article_id else "")
        with lock:
            rows = store.query(sql, [event_id] + ([article_id] if article_id else [])).to_pylist()
        if not rows:
            raise HTTPException(status_code=404, detail=f"no event {event_id!r}"
                                + (f" in article {article_id!r}" if article_id else ""))
        if len(rows) > 1:
            raise HTTPException(status_code=409, detail=f"event id {event_id!r} occurs in several articles "
                                f"({', '.join(sorted(r['article_id'] for r in rows))}): add ?article_id=")
        return json.loads(rows[0]["record"])

    @app.get("/incidents")
    def incidents(limit: int = Query(default=1000, ge=1), offset: int = Query(default=0, ge=0)):
        """Incidents fused from events across articles, with their member events' ids."""
        with lock:
            if not store.has_table("incidents"):
                return {"count": 0, "incidents": []}
            rows = store.query(f"SELECT * FROM incidents ORDER BY id LIMIT {min(limit, MAX_LIMIT)} OFFSET {offset}").to_pylist()
            members: dict[str, list] = {}
            if store.has_table("incident_events") and rows:
                ids = [r["id"] for r in rows]
                links = store.query(f"SELECT * FROM incident_events WHERE incident_id IN "
                                    f"({', '.join('?' for _ in ids)})", ids).to_pylist()
                for link in links:
                    members.setdefault(link.pop("incident_id"), []).append(link)
        out = [{**{k: (json.loads(v) if k == "record" and v else v.isoformat() if hasattr(v, "isoformat") else v)
                   for k, v in r.items()}, "events": members.get(r["id"], [])} for r in rows]
        return {"count": len(out), "incidents": out}

    @app.get("/health")
    def health():
        with lock:
            return {"status": "ok", "schema": store.versions(),
                    "articles": store.count("articles"), "events": store.count("events")}

    @app.get("/", include_in_schema=False)
    def map_page():
        """The web map: filters, markers from /events.geojson, a table from /events."""
        return FileResponse(STATIC / "index.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
