"""The web map as an analyst uses it (issue 14), in headless Chromium against a live server over a
small store: incidents by default, clusters and stacks, popups with the reports, chips, the time
histogram, control of territory, keyboard, a phone-width layout, nothing fetched from outside."""
from __future__ import annotations

import dataclasses
from urllib.parse import parse_qs, urlparse

import httpx
import pytest

from chronicle.api import STATIC
from chronicle.fuse.store import fuse_store
from chronicle.store import open_store, synthetic

from webmap import start_server

HOSTILE = 'Crowds chanted <img src=x onerror="document.title=1"> <b>loudly</b> in Lagos.'


def _hostile_analysis():
    """An article whose evidence sentence holds HTML: the page must show it, not run it."""
    a = synthetic.analysis(99, events=1, text=HOSTILE)
    return a.with_(events=(dataclasses.replace(a.events[0], id="hostile-e0"),))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("web") / "chronicle.duckdb")
    with open_store(db) as store:
        store.save([synthetic.analysis(i, events=4) for i in range(25)] + [_hostile_analysis()])
        fuse_store(store)
    url, stop = start_server(db)
    yield url
    stop()


def _markers(page):
    return page.page.eval_on_selector_all(
        ".leaflet-marker-pane .leaflet-marker-icon:not(.place-label)",
        "els => els.map(e => ({id: e.dataset.id || null, count: Number(e.dataset.count || 0)}))")


def _in_view(markers) -> int:
    return sum(m["count"] or 1 for m in markers)


def test_default_view_is_incidents_newest_first_with_the_true_total(server, open_page):
    p = open_page(server)
    total = httpx.get(server + "incidents").json()["total"]
    assert p.page.inner_text("#status").startswith(f"Showing {total} of {total} incidents")
    assert _in_view(_markers(p)) == total                      # clusters and points account for all
    dates = p.page.eval_on_selector_all("#list li .meta", "els => els.map(e => e.textContent.slice(0, 10))")
    assert dates and dates == sorted(dates, reverse=True)
    legend = p.page.inner_text("#legend")
    assert "Size: people killed" in legend and "province only" in legend and "shape" in legend
    assert all(u.startswith(server) for u in p.requests), [u for u in p.requests if not u.startswith(server)]


def test_one_geojson_request_per_view(server, open_page):
    p = open_page(server)
    geo = [u for u in p.requests if ".geojson" in u and "cluster=false" not in u]
    assert len(geo) == 1 and "zoom=" in geo[0] and "bbox=" in geo[0]
    assert not [u for u in p.requests if urlparse(u).path == "/events"]      # no second copy of the data


def test_incident_popup_lists_its_reports_with_outlet_date_and_link(server, open_page):
    best = max(httpx.get(server + "incidents").json()["incidents"], key=lambda i: i["n_articles"])
    p = open_page(server, f"#2/20/20&open=incidents:{best['id']}")
    p.page.wait_for_selector(".leaflet-popup-content .reports li")
    items = p.page.query_selector_all(".leaflet-popup-content .reports li")
    assert len(items) == len(best["event_ids"]) > 1
    first = items[0].inner_text()
    assert "Example Wire, 2014-06-11" in first and "Report " in first
    href = items[0].query_selector("a").get_attribute("href")
    assert href.startswith("https://news.example/")
    assert items[0].query_selector(".evidence mark")                       # the trigger, marked


def test_list_row_by_keyboard_opens_its_popup(server, open_page):
    p = open_page(server)
    first = p.page.query_selector("#list li")
    first.focus()
    p.page.keyboard.press("Enter")
    p.page.wait_for_selector(".leaflet-popup-content h3")
    assert first.get_attribute("data-id") == p.page.evaluate("document.body.dataset.popup")


def test_markers_are_reachable_by_tab_before_anything_else_on_the_map(server, open_page):
    p = open_page(server)
    p.page.focus("#map")
    p.page.keyboard.press("Tab")
    focused = p.page.evaluate("document.activeElement.className")
    assert "leaflet-marker-icon" in focused and "place-label" not in focused


def test_a_stack_spreads_out_and_the_list_follows_it(server, open_page):
    p = open_page(server, "#5/36.3/43.1")                     # Mosul: every synthetic record there shares a point
    stack = p.page.query_selector(".cluster.stack")
    assert stack
    n = int(stack.get_attribute("data-count"))
    stack.click()
    p.page.wait_for_selector(".spider")
    assert len(p.page.query_selector_all(".spider")) == min(n, 60)
    p.page.wait_for_function(f"document.getElementById('page').textContent.endsWith('of {n} in view')")


def test_a_cluster_zooms_in(server, open_page):
    p = open_page(server, "#2/20/20")
    cluster = p.page.query_selector(".cluster:not(.stack)")
    assert cluster
    cluster.click()
    p.page.wait_for_function("window.chronicle.map.getZoom() > 2")
    p.settle()


def test_chips_filter_without_reloading_and_keep_the_zoom(server, open_page):
    p = open_page(server, "#4/20/25")
    p.page.evaluate("window.notReloaded = true")
    p.page.select_option("#pick", "type=PROTEST")
    p.settle()
    assert parse_qs(urlparse(p.page.url).query)["type"] == ["PROTEST"]
    assert p.page.evaluate("window.notReloaded") and p.page.evaluate("window.chronicle.map.getZoom()") == 4
    protests = httpx.get(server + "incidents", params={"type": "PROTEST"}).json()["total"]
    assert p.page.inner_text("#status").endswith(f"of {protests} incidents") or f"of {protests} incidents" in p.page.inner_text("#status")
    p.page.select_option("#pick", "certainty=confirmed")
    p.settle()
    both = httpx.get(server + "incidents", params={"type": "PROTEST", "certainty": "confirmed"}).json()["total"]
    assert f"of {both} incidents" in p.page.inner_text("#status") and both < protests
    p.page.click("#chips button[data-filter=type]")            # remove a chip
    p.settle()
    assert "type" not in parse_qs(urlparse(p.page.url).query)
    assert [c.inner_text() for c in p.page.query_selector_all("#chips button")] == ["certainty: confirmed"]


def test_filters_in_the_url_fill_the_form_and_the_downloads(server, open_page):
    p = open_page(server, "?country=NG&min_killed=5&actor=ISIS")
    want = httpx.get(server + "incidents", params={"country": "NG", "min_killed": 5, "actor": "ISIS"}).json()["total"]
    assert want and f"of {want} incidents" in p.page.inner_text("#status")
    assert p.page.input_value("input[name=country]") == "NG" and p.page.input_value("input[name=actor]") == "ISIS"
    csv_href = p.page.get_attribute("#dl-csv", "href")
    assert csv_href.startswith("incidents.csv?") and "country=NG" in csv_href and "bbox=" in csv_href
    rows = httpx.get(server + csv_href).text.strip().splitlines()
    assert len(rows) - 1 == want


def test_histogram_presets_and_brush_set_the_dates(server, open_page):
    p = open_page(server)
    assert len(p.page.query_selector_all("#histogram rect.bin")) == 5      # five days of synthetic data
    p.page.click("button[data-days='7']")
    p.settle()
    q = parse_qs(urlparse(p.page.url).query)
    assert q["until"] == ["2014-06-11"] and q["since"] == ["2014-06-05"]
    p.page.click("button[data-days='0']")
    p.settle()
    box = p.page.query_selector("#histogram").bounding_box()
    p.page.mouse.move(box["x"] + box["width"] * 0.85, box["y"] + 20)
    p.page.mouse.down()
    p.page.mouse.move(box["x"] + box["width"] * 0.99, box["y"] + 20)
    p.page.mouse.up()
    p.settle()
    q = parse_qs(urlparse(p.page.url).query)
    assert q["since"] and q["since"][0] >= "2014-06-10"
    last = httpx.get(server + "incidents", params={"since": q["since"][0], "until": q["until"][0]}).json()["total"]
    assert f"of {last} incidents" in p.page.inner_text("#status")


def test_playback_steps_through_time(server, open_page):
    p = open_page(server, "?since=2014-06-07&until=2014-06-07")
    p.page.click("#play")
    p.page.wait_for_function("new URLSearchParams(location.search).get('since') > '2014-06-07'", timeout=10000)
    p.page.click("#play")                                      # pause
    p.settle()


def test_control_layer_draws_changes_and_who_holds_what(server, open_page):
    p = open_page(server, "?layer=control")
    held = httpx.get(server + "control").json()["places"]
    badges = p.page.query_selector_all(".badge")
    assert badges and all(b.inner_text().startswith(("▲", "▼")) for b in badges)
    rows = p.page.query_selector_all("#holders tbody tr")
    assert not p.page.query_selector("#holders").get_attribute("hidden") and len(rows) == len(held)
    assert rows[0].query_selector_all("td")[1].inner_text() == held[0]["holder"]


def test_reports_layer_fades_what_is_not_a_real_event(server, open_page):
    p = open_page(server, "?layer=events&all=true#6/36.3/43.1")
    flagged = [f["properties"]["id"] for f in httpx.get(server + "events.geojson", params={"all": "true"}).json()["features"]
               if f["properties"]["flag"]]
    assert flagged
    assert p.page.query_selector_all("#list .flag") or p.page.query_selector_all(".marker.flagged")


def test_event_text_is_shown_as_text_not_html(server, open_page):
    p = open_page(server, "?layer=events&all=true#2/20/20&open=events:art-00099/hostile-e0")
    p.page.wait_for_selector(".leaflet-popup-content .evidence")
    text = p.page.inner_text(".leaflet-popup-content")
    assert "<img src=x" in text and "<b>loudly</b>" in text
    assert not p.page.query_selector(".leaflet-popup-content img, .leaflet-popup-content b")
    assert p.page.title() != "1"


def test_bad_filter_shows_the_api_reason(server, open_page):
    p = open_page(server, "?since=last+June")
    assert p.page.evaluate("document.body.dataset.state") == "error"
    status = p.page.inner_text("#status")
    assert "since='last June'" in status and "YYYY-MM-DD" in status


def test_no_band_across_the_world_where_a_country_crosses_the_antimeridian(server, open_page):
    p = open_page(server)
    p.page.wait_for_function("window.chronicle.outline !== undefined", timeout=10000)
    width = p.page.evaluate("""Object.fromEntries(window.chronicle.outline.getLayers().map(l => {
        const b = l.getBounds(); return [l.feature.properties.name, b.getEast() - b.getWest()]; }))""")
    assert width["Russia"] < 200 and width["Fiji"] < 10 and width["United States of America"] < 200
    assert max(w for name, w in width.items() if name != "Antarctica") < 200   # a band would be ~360°


def test_phone_width_keeps_the_map_visible(server, open_page):
    p = open_page(server, width=414, height=800)
    m = p.page.query_selector("#map").bounding_box()
    assert m["width"] >= 400 and m["height"] >= 250 and m["y"] < 120
    assert not p.page.evaluate("document.getElementById('filterbox').open")      # filters folded below the map
    assert not p.page.evaluate("document.getElementById('legend').open")
    legend = p.page.query_selector("#legend").bounding_box()
    assert legend["width"] * legend["height"] < 0.15 * m["width"] * m["height"]


def test_static_assets_are_in_the_package():
    for rel in ("index.html", "app.js", "app.css", "favicon.svg", "vendor/leaflet/leaflet.js",
                "vendor/leaflet/leaflet.css", "vendor/topojson-client/topojson-client.min.js",
                "vendor/world-atlas/countries-110m.json", "vendor/swagger-ui/swagger-ui-bundle.js",
                "vendor/swagger-ui/swagger-ui.css"):
        assert (STATIC / rel).is_file(), rel
