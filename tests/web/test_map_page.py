"""The web map of `chronicle serve`, rendered by headless Chromium against a live server on loopback:
the DOM after the page's JavaScript ran must hold one table row per event and one marker per
located event, honour the filters in its URL, and show event text as text. Chromium runs with every
host but 127.0.0.1 unresolvable, so these pass only if the page needs nothing from outside."""
from __future__ import annotations

import dataclasses
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from urllib.parse import urljoin

import httpx
import lxml.html
import pytest
import uvicorn

from chronicle.api import STATIC, create_app
from chronicle.store import open_store, synthetic

HOSTILE = 'Crowds chanted <img src=x onerror="document.title=1"> <b>loudly</b> in Lagos.'


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    msg = "headless Chromium is not installed: apt-get install -y chromium (.ci/run does this)"
    pytest.fail(msg) if os.environ.get("CI") else pytest.skip(msg)


def _hostile_analysis():
    """An article whose evidence sentence holds HTML: the page must show it, not run it."""
    a = synthetic.analysis(99, events=1, text=HOSTILE)
    ev = dataclasses.replace(a.events[0], id="hostile-e0")
    return a.with_(events=(ev,))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`chronicle serve`'s app on a free loopback port over a DuckDB file with 61 stored events."""
    db = str(tmp_path_factory.mktemp("web") / "chronicle.duckdb")
    with open_store(db) as store:
        store.save([synthetic.analysis(i, events=4) for i in range(15)] + [_hostile_analysis()])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail(f"the API server did not start on 127.0.0.1:{port}")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def render(server):
    """render(query) → the page's DOM (lxml) after its scripts ran, as headless Chromium dumps it."""
    binary = _chromium()
    profile = tempfile.mkdtemp(prefix="chronicle-chromium-")

    seen: dict[str, str] = {}

    def go(query: str = ""):
        if query in seen:  # the page is read-only: one Chromium run per distinct URL keeps the file fast
            return lxml.html.fromstring(seen[query])
        cmd = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", f"--user-data-dir={profile}",
               "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--virtual-time-budget=10000",
               "--dump-dom", server + query]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        assert out.returncode == 0 and "<body" in out.stdout, f"chromium failed: {out.stderr[-2000:]}"
        dom = lxml.html.fromstring(out.stdout)
        state = dom.xpath("string(//body/@data-state)")
        assert state != "loading", f"the page was still loading when Chromium dumped it: {query!r}"
        seen[query] = out.stdout
        return dom

    yield go
    shutil.rmtree(profile, ignore_errors=True)


def _rows(dom) -> list:
    return dom.xpath("//table[@id='events']/tbody/tr")


def _marker_ids(dom) -> list[str]:
    return dom.xpath("//*[contains(concat(' ', @class, ' '), ' event-marker ')]/@data-event-id")


def test_page_draws_a_row_per_event_and_a_marker_per_located_event(server, render):
    dom = render()
    events = httpx.get(server + "events").json()["events"]
    located = httpx.get(server + "events.geojson").json()["features"]
    assert dom.xpath("string(//body/@data-state)") == "ready"
    assert [r.get("data-event-id") for r in _rows(dom)] == [e["id"] for e in events] and len(events) > 40
    assert sorted(_marker_ids(dom)) == sorted(f["id"] for f in located)
    assert dom.xpath("string(//p[@id='status'])").startswith(f"{len(events)} events, {len(located)} on the map")


def test_world_outline_is_drawn_from_the_bundled_file(render):
    dom = render()
    countries = dom.xpath("//div[contains(@class, 'leaflet-overlay-pane')]//path[contains(@class, 'country')]")
    assert len(countries) > 150  # 177 countries in world-atlas 110m (some off-screen ones are not drawn)


def test_row_shows_evidence_counts_and_attribution(server, render):
    dom = render()
    rec = next(e for e in httpx.get(server + "events").json()["events"]
               if e["counts"]["killed"] and e["attributed_to"])
    row = dom.xpath(f"//tr[@data-event-id='{rec['id']}']")[0]
    cells = [c.text_content() for c in row.xpath("td")]
    assert rec["evidence"][0]["text"] in cells[6]
    assert row.xpath("string(td[7]//mark)") == rec["trigger"]["text"]
    assert f"killed {rec['counts']['killed']['best']}" in cells[4]
    assert rec["certainty"] in cells[5] and "according to " + rec["attributed_to"][0] in cells[5]
    assert rec["location"]["name"] in cells[2] and rec["type"] in cells[1]


def test_json_link_returns_the_event_record(server, render):
    dom = render()
    row = _rows(dom)[3]
    href = row.xpath("string(.//a[@class='json']/@href)")
    got = httpx.get(urljoin(server, href))
    assert got.status_code == 200 and got.json()["id"] == row.get("data-event-id")


def test_event_in_the_url_hash_opens_its_popup_listing_the_others_there(server, render):
    located = [f["properties"] for f in httpx.get(server + "events.geojson").json()["features"]]
    rec = located[5]
    same = [r for r in located if (r["location"]["lat"], r["location"]["lon"]) ==
            (rec["location"]["lat"], rec["location"]["lon"])]
    popup = render(f"#event={rec['id']}").xpath("//div[@class='leaflet-popup-content']")
    assert len(popup) == 1 and rec["evidence"][0]["text"] in popup[0].text_content()
    assert popup[0].xpath("string(.//a/@href)").startswith(f"/events/{rec['id']}?")
    assert len(same) > 1 and popup[0].xpath("string(.//summary)") == f"{len(same) - 1} more events at this point"
    assert len(popup[0].xpath(".//details//li")) == len(same) - 1


@pytest.mark.parametrize("query, country", [("?country=NG", "NG"), ("?country=NG%2C+SY", None)])
def test_country_in_the_url_filters_rows_and_markers(server, render, query, country):
    dom = render(query)
    codes = ["NG", "SY"] if country is None else [country]
    want = httpx.get(server + "events", params={"country": codes}).json()["events"]
    assert [r.get("data-event-id") for r in _rows(dom)] == [e["id"] for e in want] and want
    assert {e["location"]["country"] for e in want} == set(codes)
    assert set(_marker_ids(dom)) <= {e["id"] for e in want}
    assert dom.xpath("string(//input[@name='country']/@value)") == query.split("=")[1].replace("%2C+", ", ")


def test_type_and_dates_filter_and_refill_the_form(server, render):
    dom = render("?type=PROTEST&type=COERCE&since=2014-06-09&until=2014-06-10&acled=")
    want = httpx.get(server + "events", params={"type": ["PROTEST", "COERCE"], "since": "2014-06-09",
                                                "until": "2014-06-10"}).json()["events"]
    assert [r.get("data-event-id") for r in _rows(dom)] == [e["id"] for e in want] and want
    assert {e["type"] for e in want} == {"PROTEST", "COERCE"}
    assert sorted(dom.xpath("//select[@name='type']//option[@selected]/text()")) == ["COERCE", "PROTEST"]
    assert dom.xpath("string(//input[@name='since']/@value)") == "2014-06-09"
    assert dom.xpath("//select[@name='acled']/option[@selected]/@value") in ([], [""])


def test_colour_by_quad_changes_the_legend(render):
    acled = render().xpath("//div[@id='legend']/div/text()")
    quad = render("?color=quad").xpath("//div[@id='legend']/div/text()")
    assert any(t.startswith("Battles") for t in acled) and not any(t.startswith("Battles") for t in quad)
    assert any(t.startswith("material conflict") for t in quad)


def test_bad_filter_shows_the_api_reason(render):
    dom = render("?since=last+June")
    assert dom.xpath("string(//body/@data-state)") == "error"
    status = dom.xpath("string(//p[@id='status'])")
    assert "since='last June'" in status and "YYYY-MM-DD" in status and not _rows(dom)


def test_event_text_is_shown_as_text_not_html(render):
    dom = render("?all=true")
    row = dom.xpath("//tr[@data-event-id='hostile-e0']")[0]
    assert "<img src=x" in row.text_content() and "<b>loudly</b>" in row.text_content()
    assert not row.xpath(".//img | .//b") and dom.xpath("string(//title)") != "1"


def test_static_assets_are_in_the_package():
    for rel in ("index.html", "app.js", "app.css", "vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css",
                "vendor/topojson-client/topojson-client.min.js", "vendor/world-atlas/countries-110m.json"):
        assert (STATIC / rel).is_file(), rel


def test_no_matching_event_says_so(render):
    dom = render("?country=US")
    assert dom.xpath("string(//body/@data-state)") == "ready" and not _rows(dom) and not _marker_ids(dom)
    assert dom.xpath("string(//p[@id='status'])") == "0 events, 0 on the map — no event matches these filters"
