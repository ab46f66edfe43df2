"""An event at an unresolved place (a named village no gazetteer entry fits, at its province's point,
no geonameid) goes through the store, the exports, incident fusion and the API."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from chronicle.api import create_app
from chronicle.export import export
from chronicle.fuse.store import fuse_store, stored_events
from chronicle.records import Location, Place, Precision, Toponym
from chronicle.store import open_store, synthetic

VILLAGE = Place(geonameid=None, name="Jinwar", lat=36.5, lon=40.9, country="SY", precision=Precision.UNRESOLVED,
                admin1="Al Hasakah")


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "u.duckdb")
    items = []
    for i in range(3):
        a = synthetic.analysis(i, events=2)
        e0 = replace(a.events[0], location=Location("Jinwar", VILLAGE, 0, 6, relation="in"))
        items.append(a.with_(events=(e0,) + a.events[1:],
                             toponyms=a.toponyms + (Toponym("Jinwar", 0, 6, VILLAGE, 0.1),)))
    with open_store(path) as store:
        store.save(items)
    return path


def test_store_keeps_the_unresolved_location(db):
    with open_store(db) as store:
        rows = store.query("SELECT record FROM events").to_pylist()
    locs = [json.loads(r["record"])["location"] for r in rows]
    village = [loc for loc in locs if loc and loc["precision"] == "unresolved"]
    assert len(village) == 3 and all(loc["geonameid"] is None and loc["name"] == "Jinwar" for loc in village)


def test_exports_take_the_unresolved_location(db, tmp_path):
    with open_store(db) as store:
        out = io.StringIO()
        export(store, "acled-csv", None, stdout=out)
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        gj = io.StringIO()
        export(store, "geojson", None, stdout=gj)
    assert any(r["location"] == "Jinwar" and r["geo_precision"] == "3" for r in rows)
    feats = json.loads(gj.getvalue())["features"]
    assert any(f["properties"]["location"]["precision"] == "unresolved" for f in feats)


def test_fusion_reads_and_groups_unresolved_places(db):
    with open_store(db) as store:
        events, _ = stored_events(store)
        assert any(e.location and e.location.place.precision == Precision.UNRESOLVED for e in events)
        incidents = fuse_store(store)
    assert incidents


def test_api_serves_the_unresolved_location(db):
    with TestClient(create_app(db)) as c:
        r = c.get("/events.geojson")
        assert r.status_code == 200 and '"unresolved"' in r.text      # full or lean properties: its precision
        assert c.get("/events").status_code == 200
