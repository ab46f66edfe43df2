"""The REST API on both backends (FastAPI TestClient, no server): the same filters as the notebook
API, articles on every record, incidents with the events' filters, lean GeoJSON."""
import json

import geojson
import pytest
from fastapi.testclient import TestClient

import chronicle
from chronicle.api import create_app
from chronicle.fuse.store import fuse_store
from chronicle.store import open_store, synthetic


@pytest.fixture
def client(store_db):
    with open_store(store_db) as store:
        store.save([synthetic.analysis(i, events=4) for i in range(15)])
        fuse_store(store)
    with TestClient(create_app(store_db)) as c:
        yield c, store_db


@pytest.mark.parametrize("params, filters", [
    ({}, {}),
    ({"country": "IQ", "since": "2014-06-08"}, {"country": "IQ", "since": "2014-06-08"}),
    ({"type": ["ASSAULT", "PROTEST"]}, {"type": ["ASSAULT", "PROTEST"]}),
    ({"actor": "police", "all": "true"}, {"actor": "police", "include_all": True}),
])
def test_events_endpoint_matches_the_notebook_api(client, params, filters):
    c, db = client
    got = c.get("/events", params={**params, "order": "oldest"}).json()
    with chronicle.open(db) as cdb:
        want = cdb.records(**filters)
    assert got["count"] == got["total"] == len(want) > 0
    assert [{k: v for k, v in e.items() if k != "article"} for e in got["events"]] == want


def test_every_event_and_incident_carries_its_article(client):
    c, _ = client
    ev = c.get("/events", params={"limit": 1}).json()["events"][0]
    assert ev["article"] == {"id": ev["article_id"], "source": "Example Wire", "title": f"Report {int(ev['article_id'][4:])}",
                             "url": f"https://news.example/{int(ev['article_id'][4:])}", "published": "2014-06-11",
                             "language": "en"}
    inc = c.get("/incidents", params={"limit": 1}).json()["incidents"][0]
    assert [a["id"] for a in inc["articles"]] == inc["article_ids"] and inc["articles"][0]["source"] == "Example Wire"
    art = c.get(f"/articles/{ev['article_id']}").json()
    assert art["title"] == ev["article"]["title"] and ev["id"] in art["events"]


def test_incident_filters_and_geojson(client):
    c, _ = client
    every = c.get("/incidents").json()
    ng = c.get("/incidents", params={"country": "NG"}).json()
    assert 0 < ng["total"] < every["total"] and all(i["location"]["country"] == "NG" for i in ng["incidents"])
    doc = c.get("/incidents.geojson", params={"country": "NG"}).json()
    assert geojson.loads(json.dumps(doc)).is_valid and doc["total"] == ng["total"]
    assert {f["id"] for f in doc["features"]} == {i["id"] for i in ng["incidents"]}


def test_geojson_endpoint_is_valid_and_lean(client):
    c, _ = client
    doc = c.get("/events.geojson", params={"country": "NG"}).json()
    assert geojson.loads(json.dumps(doc)).is_valid
    assert doc["features"] and all(f["properties"]["country"] == "NG" for f in doc["features"])
    assert "evidence" not in doc["features"][0]["properties"]       # the record is one click away


def test_incidents_endpoint_lists_reports(client):
    c, _ = client
    inc = max(c.get("/incidents").json()["incidents"], key=lambda i: i["n_articles"])
    got = c.get(f"/incidents/{inc['id']}").json()
    assert len(got["reports"]) == len(inc["event_ids"]) and got["reports"][0]["article"]["source"] == "Example Wire"
    assert got["reports"][0]["evidence"][0]["text"]


def test_health(client):
    c, _ = client
    h = c.get("/health").json()
    assert h["status"] == "ok" and h["articles"] == 15 and h["events"] == 60 and h["schema"]["incidents"] == 2
