"""What the map asks the API (TestClient over a DuckDB file of synthetic records; the PostgreSQL
parity of the same SQL is in tests/store/test_store_api.py and test_clusters_on_both_backends)."""
import gzip
import json

import pytest
from fastapi.testclient import TestClient

from chronicle.api import create_app
from chronicle.fuse.store import fuse_store
from chronicle.store import open_store, synthetic


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("api") / "chronicle.duckdb")
    with open_store(db) as store:
        store.save([synthetic.analysis(i, events=4) for i in range(30)])
        fuse_store(store)
    with TestClient(create_app(db)) as c:
        yield c


def _ids(c, path, **params):
    return {f["id"] for f in c.get(path, params=params).json()["features"]}


@pytest.mark.parametrize("params, check", [
    ({"type": ["ASSAULT", "PROTEST"]}, lambda p: p["type"] in ("ASSAULT", "PROTEST")),
    ({"acled": ["Battles", "Riots"]}, lambda p: p["acled"] in ("Battles", "Riots")),
    ({"sub": "Air/drone strike"}, lambda p: p["sub"] == "Air/drone strike"),
    ({"min_killed": 10}, lambda p: (p["killed"] or 0) >= 10),
    ({"certainty": ["confirmed"]}, lambda p: p["certainty"] == "confirmed"),
    ({"min_confidence": 0.5}, lambda p: p["confidence"] >= 0.5),
    ({"admin1": "Nineveh"}, lambda p: p["admin1"] == "Nineveh"),
    ({"bbox": "40,30,50,40"}, lambda p: p["country"] == "IQ"),
])
@pytest.mark.parametrize("layer", ["incidents", "events"])
def test_each_filter_narrows_both_layers(client, layer, params, check):
    every = client.get(f"/{layer}.geojson").json()
    got = client.get(f"/{layer}.geojson", params=params).json()
    n = got["in_view"] if "bbox" in params else got["total"]     # total ignores the view; in_view is inside it
    assert 0 < n < every["total"] and len(got["features"]) == n
    assert all(check(f["properties"]) for f in got["features"])


def test_outlet_filter_reads_the_articles(client):
    every = client.get("/events").json()["total"]
    assert every > 0 and client.get("/events", params={"outlet": "Example Wire"}).json()["total"] == every
    assert client.get("/incidents", params={"outlet": "Example Wire"}).json()["total"] > 0
    assert client.get("/events", params={"outlet": "Example"}).json()["total"] == 0   # outlets match whole


def test_actor_search_goes_through_the_aliases(client):
    by_name = client.get("/events", params={"actor": "Islamic State"}).json()["total"]
    assert by_name > 0 and client.get("/events", params={"actor": "ISIS"}).json()["total"] == by_name
    assert client.get("/events", params={"actor": "Daesh"}).json()["total"] == by_name


@pytest.mark.parametrize("actor", ["%", "_", "Islamic_State", "100%"])
def test_actor_wildcards_match_literally(client, actor):
    assert client.get("/events", params={"actor": actor}).json()["total"] == 0


@pytest.mark.parametrize("params, words", [
    ({"type": ""}, ["type= is empty"]),
    ({"country": ""}, ["country= is empty"]),
    ({"type": "ASSUALT"}, ["not a PLOVER event type"]),
    ({"certainty": "sure"}, ["not a certainty"]),
    ({"min_killed": "many"}, ["min_killed", "not a number"]),
    ({"min_confidence": "2"}, ["min_confidence", "out of range"]),
    ({"bbox": "1,2,3"}, ["bbox", "west,south,east,north"]),
    ({"offset": str(2**63)}, ["offset", "less than or equal"]),
    ({"limit": "0"}, ["limit"]),
    ({"since": "last June"}, ["YYYY-MM-DD"]),
])
@pytest.mark.parametrize("path", ["/events", "/incidents", "/incidents.geojson"])
def test_bad_parameters_are_400s_that_say_what_to_write(client, path, params, words):
    r = client.get(path, params=params)
    assert r.status_code == 400 and all(w in r.json()["detail"] for w in words), r.json()


def test_newest_first_by_default_with_the_true_total(client):
    got = client.get("/events", params={"limit": 5}).json()
    dates = [e["date"]["start"] for e in client.get("/events", params={"limit": 1000}).json()["events"]]
    negated = sum(e["negated"] for e in client.get("/events", params={"all": "true"}).json()["events"])
    assert dates == sorted(dates, reverse=True) and got["count"] == 5 and got["total"] == 120 - negated > 100
    assert client.get("/events", params={"limit": 5, "all": "true"}).json()["total"] == 120


def test_clusters_account_for_every_record_in_view(client):
    doc = client.get("/incidents.geojson", params={"zoom": 2, "bbox": "-180,-85,180,85"}).json()
    assert doc["clustered"]
    n = sum(f["properties"]["count"] if f["properties"].get("cluster") else 1 for f in doc["features"])
    assert n == doc["in_view"] == doc["total"] and len(doc["features"]) < 10
    stack = next(f for f in doc["features"] if f["properties"].get("cluster"))
    w, s, e, nn = stack["properties"]["bbox"]
    inside = client.get("/incidents.geojson", params={"bbox": f"{w},{s},{e},{nn}", "cluster": "false"}).json()
    assert inside["in_view"] >= stack["properties"]["count"]


def test_zoomed_in_far_enough_the_points_come_apart(client):
    z2 = client.get("/events.geojson", params={"zoom": 2}).json()
    z18 = client.get("/events.geojson", params={"zoom": 18}).json()
    assert len(z18["features"]) >= len(z2["features"])
    # every synthetic place is one point: at any zoom its records stay a stack to spiderfy
    assert all(f["properties"]["stack"] for f in z18["features"] if f["properties"].get("cluster"))


def test_bbox_across_the_antimeridian(client):
    assert client.get("/events.geojson", params={"bbox": "170,-90,190,90"}).json()["in_view"] == 0
    east = client.get("/events.geojson", params={"bbox": "-190,-90,50,90"}).json()["in_view"]     # Leaflet past -180
    assert east == client.get("/events.geojson", params={"bbox": "170,-90,410,90"}).json()["in_view"] > 0


def test_histogram_spans_everything_whatever_the_dates(client):
    a = client.get("/histogram").json()
    b = client.get("/histogram", params={"since": "2014-06-10"}).json()
    assert a == b and a["unit"] == "day" and sum(x[1] for x in a["bins"]) == client.get("/incidents").json()["total"]


def test_control_layer_and_who_holds_what(client):
    changes = client.get("/control.geojson").json()["features"]
    assert changes and all(f["properties"]["gained_by"] or f["properties"]["lost_by"] for f in changes)
    held = client.get("/control").json()["places"]
    assert {p["place"] for p in held} == {f["properties"]["place"] for f in changes}
    latest = max((f["properties"] for f in changes if f["properties"]["place"] == held[0]["place"]),
                 key=lambda p: (p["date"], p["confidence"]))
    assert held[0]["since"] == latest["date"]
    before = client.get("/control", params={"as_of": "2014-06-06"}).json()
    assert before["count"] == 0 and before["as_of"] == "2014-06-06"


def test_responses_are_gzipped_when_asked(client):
    r = client.get("/events", params={"limit": 100}, headers={"Accept-Encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip" and r.json()["count"] == 100
    raw = client.get("/events", params={"limit": 100}, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in raw.headers and raw.json() == r.json()


def test_csv_download_of_a_view(client):
    text = client.get("/events.csv", params={"country": "NG"}).text.splitlines()
    assert text[0].startswith("article_id,id,event_date") and "outlet" in text[0] and len(text) > 10
    assert all(",NG," in line for line in text[1:])


def test_event_by_feature_id_and_article(client):
    f = client.get("/events.geojson", params={"limit": 1}).json()["features"][0]
    rec = client.get(f"/events/{f['id']}").json()
    assert rec["id"] == f["properties"]["id"] and rec["article"]["source"] == "Example Wire"


def test_facets_and_place_labels(client):
    f = client.get("/facets").json()
    assert f["outlets"] == ["Example Wire"] and ["Nineveh", "IQ"] in f["admin1"]
    assert client.get("/places", params={"zoom": 2}).json()["places"]


def test_docs_work_offline(client):
    page = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    assert client.get("/openapi.json").json()["paths"]["/incidents.geojson"]


def test_unknown_records_are_404s(client):
    for path in ("/incidents/inc_nope", "/articles/nope", "/events/nope"):
        r = client.get(path)
        assert r.status_code == 404 and "nope" in r.json()["detail"]
