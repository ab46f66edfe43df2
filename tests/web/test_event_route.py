"""GET /events/{id} (the page's per-event JSON link) and GET / with its static assets, without a browser."""
import dataclasses

import pytest
from fastapi.testclient import TestClient

from chronicle.api import create_app
from chronicle.store import open_store, synthetic


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("route") / "chronicle.duckdb")
    shared = [synthetic.analysis(i, events=2) for i in (1, 2)]
    shared = [a.with_(events=(dataclasses.replace(a.events[0], id="same-id"),)) for a in shared]
    with open_store(db) as store:
        store.save([synthetic.analysis(i, events=3) for i in range(3, 6)] + shared)
    with TestClient(create_app(db)) as c:
        yield c


def test_event_by_id_is_its_record(client):
    want = next(e for e in client.get("/events", params={"all": "true"}).json()["events"] if e["id"] != "same-id")
    assert client.get(f"/events/{want['id']}").json() == want


def test_unknown_event_is_a_404_naming_it(client):
    r = client.get("/events/art-09999-e7")
    assert r.status_code == 404 and "art-09999-e7" in r.json()["detail"]


def test_id_shared_by_two_articles_asks_for_the_article(client):
    r = client.get("/events/same-id")
    assert r.status_code == 409 and "art-00001, art-00002" in r.json()["detail"] and "article_id" in r.json()["detail"]
    one = client.get("/events/same-id", params={"article_id": "art-00002"})
    assert one.status_code == 200 and one.json()["article_id"] == "art-00002"


def test_root_serves_the_map_page_and_its_assets(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'id="map"' in page.text
    for asset in ("static/app.js", "static/app.css", "static/vendor/leaflet/leaflet.js"):
        assert f'"{asset}"' in page.text and client.get("/" + asset).status_code == 200, asset
    assert client.get("/static/vendor/world-atlas/countries-110m.json").json()["type"] == "Topology"


def test_geojson_route_is_not_taken_for_an_event_id(client):
    assert client.get("/events.geojson").json()["type"] == "FeatureCollection"
