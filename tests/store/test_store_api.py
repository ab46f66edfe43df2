"""The REST API (FastAPI TestClient, no server): same filters as the notebook API, GeoJSON, incidents."""
import geojson
import pytest
from fastapi.testclient import TestClient

import chronicle
from chronicle.api import create_app
from chronicle.store import Migration, Table, open_store, synthetic


@pytest.fixture
def client(store_db):
    with open_store(store_db) as store:
        store.save([synthetic.analysis(i, events=4) for i in range(15)])
        store.migrate("fuse", [Migration(1, "incidents", [
            Table("incidents", [("id", "text"), ("event_date", "date"), ("killed", "int")], primary_key=("id",)),
            Table("incident_events", [("incident_id", "text"), ("article_id", "text"), ("event_id", "text")],
                  primary_key=("incident_id", "article_id", "event_id"))])])
        with store.transaction():
            store.insert("incidents", {"id": ["i1"], "event_date": [synthetic.article(1).published], "killed": [7]})
            store.insert("incident_events", {"incident_id": ["i1", "i1"], "article_id": ["art-00001", "art-00002"],
                                             "event_id": ["art-00001-e0", "art-00002-e0"]})
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
    got = c.get("/events", params=params).json()
    with chronicle.open(db) as cdb:
        want = cdb.records(**filters)
    assert got["count"] == len(want) > 0 and got["events"] == want


def test_events_paging(client):
    c, _ = client
    first = c.get("/events", params={"limit": 5}).json()["events"]
    second = c.get("/events", params={"limit": 5, "offset": 5}).json()["events"]
    everything = c.get("/events").json()["events"]
    assert first + second == everything[:10]


def test_bad_filter_is_a_400_with_the_reason(client):
    c, _ = client
    r = c.get("/events", params={"since": "last June"})
    assert r.status_code == 400 and "YYYY-MM-DD" in r.json()["detail"]


def test_geojson_endpoint_is_valid(client):
    c, _ = client
    doc = c.get("/events.geojson", params={"country": "NG"}).json()
    assert geojson.loads(__import__("json").dumps(doc)).is_valid
    assert doc["features"] and all(f["properties"]["location"]["country"] == "NG" for f in doc["features"])


def test_incidents_endpoint_lists_members(client):
    c, _ = client
    got = c.get("/incidents").json()
    assert got["count"] == 1
    inc = got["incidents"][0]
    assert inc["killed"] == 7 and inc["event_date"] == "2014-06-11" and len(inc["events"]) == 2


def test_health(client):
    c, _ = client
    h = c.get("/health").json()
    assert h["status"] == "ok" and h["articles"] == 15 and h["events"] == 60 and h["schema"]["fuse"] == 1
