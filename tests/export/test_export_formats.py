"""Round trips for every export format, on both backends: what goes in comes back out."""
import csv
import io
import json

import geojson
import pyarrow.parquet as pq
import pytest

from chronicle.cli import main
from chronicle.export import acled, export, parquet_table
from chronicle.store import Migration, Table, open_store, synthetic
from chronicle.store.backends import arrow_schema
from chronicle.store.schema import EVENTS

ACLED_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}


@pytest.fixture
def stored(store_db):
    items = [synthetic.analysis(i, events=4) for i in range(25)]
    with open_store(store_db) as store:
        store.save(items)
    return store_db, [e for a in items for e in a.events]


def run_export(db, fmt, tmp_path):
    out = tmp_path / f"out.{fmt}"
    assert main(["export", "--db", db, "--format", fmt, "-o", str(out)]) == 0
    return out


def test_plover_jsonl_round_trips_the_event_records(stored, tmp_path):
    db, events = stored
    lines = run_export(db, "plover-jsonl", tmp_path).read_text().splitlines()
    want = {e.id: e.to_json() for e in events if e.default_output}
    got = {r["id"]: r for r in map(json.loads, lines)}
    assert all(r["article"]["id"] == r["article_id"] for r in got.values())      # joined from the articles table
    assert {k: {f: v for f, v in r.items() if f != "article"} for k, r in got.items()} == \
        {k: {f: v for f, v in r.items() if f != "article"} for k, r in want.items()}


def test_acled_csv_has_acled_columns_and_value_sets(stored, tmp_path):
    db, events = stored
    rows = list(csv.DictReader(run_export(db, "acled-csv", tmp_path).open()))
    assert list(rows[0]) == acled.COLUMNS
    assert len(rows) == sum(1 for e in events if e.acled and e.default_output)
    for r in rows:
        assert r["sub_event_type"] in ACLED_TYPES[r["event_type"]]
        assert r["time_precision"] in {"1", "2", "3"} and r["geo_precision"] in {"1", "2", "3"}
        assert r["inter1"] in {str(i) for i in range(1, 9)} and r["inter2"] in {"", *map(str, range(1, 9))}
        codes = sorted(int(x) for x in (r["inter1"], r["inter2"]) if x)
        assert int(r["interaction"]) == (int(f"{codes[0]}{codes[1]}") if len(codes) == 2 else codes[0] * 10)
        assert r["year"] == r["event_date"][:4] and r["event_id_cnty"][:3].isalpha()
        assert int(r["fatalities"]) >= 0


def test_acled_row_values_for_one_event(stored, tmp_path):
    db, events = stored
    rows = list(csv.DictReader(run_export(db, "acled-csv", tmp_path).open()))
    ev = next(e for e in events if e.acled and e.default_output and e.date.precision.value == "week"
              and e.counts.killed is not None)
    r = next(r for r in rows if r["event_id_cnty"] == acled.row(ev.to_json(), sources=[])["event_id_cnty"])
    assert r["event_date"] == ev.date.start.isoformat() and r["time_precision"] == "2"
    assert (r["event_type"], r["sub_event_type"]) == ev.acled
    assert r["actor1"] == ev.source[0].name and r["actor2"] == ev.target[0].name
    assert float(r["latitude"]) == pytest.approx(ev.location.place.lat, abs=1e-4)
    assert float(r["longitude"]) == pytest.approx(ev.location.place.lon, abs=1e-4)
    assert r["fatalities"] == str(ev.counts.killed.best) and r["source"] == "Example Wire"
    assert r["country"] in {"Iraq", "Nigeria", "Syria"} and ev.evidence[0].text in r["notes"]


@pytest.mark.parametrize("actor, event_type, country, code", [
    ({"kind": "MIL", "country": "IRQ"}, "Battles", "IQ", 1),
    ({"kind": "MIL", "country": "USA"}, "Battles", "IQ", 8),
    ({"kind": "REB"}, "Battles", "IQ", 2),
    ({"kind": "MIL_NS", "name": "Popular Mobilization Forces"}, "Battles", "IQ", 3),
    ({"kind": "MIL_NS", "name": "Fulani ethnic militia"}, "Battles", "NG", 4),
    ({"kind": "PRO"}, "Riots", "NG", 5),
    ({"kind": "PRO"}, "Protests", "NG", 6),
    ({"kind": "CVL"}, "Violence against civilians", "NG", 7),
    ({"kind": "REF"}, "Violence against civilians", "NG", 7),
    ({"kind": "IGO"}, "Strategic developments", "NG", 8),
])
def test_actor_kinds_map_to_acled_inter_codes(actor, event_type, country, code):
    assert acled.inter_code(actor, event_type=event_type, country=country) == code


def test_geojson_is_valid_rfc7946(stored, tmp_path):
    db, events = stored
    text = run_export(db, "geojson", tmp_path).read_text()
    obj = geojson.loads(text)
    assert obj.is_valid, obj.errors()
    doc = json.loads(text)
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    by_id = {e.id: e for e in events if e.default_output and e.location}
    assert {f["id"] for f in doc["features"]} == set(by_id)
    for f in doc["features"]:
        assert set(f) == {"type", "id", "geometry", "properties"} and f["type"] == "Feature"
        lon, lat = f["geometry"]["coordinates"]
        place = by_id[f["id"]].location.place
        assert (lon, lat) == (pytest.approx(place.lon), pytest.approx(place.lat))   # lon, lat order
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        props = {k: v for k, v in f["properties"].items() if k != "article"}
        assert props == {k: v for k, v in by_id[f["id"]].to_json().items() if k != "article"}
        assert f["properties"]["article"]["id"] == f["properties"]["article_id"]


def test_parquet_reads_back_with_the_same_types(stored, tmp_path):
    db, events = stored
    t = pq.read_table(run_export(db, "parquet", tmp_path))
    assert t.schema.remove_metadata() == arrow_schema(EVENTS)
    with open_store(db, read_only=True) as store:
        assert t.to_pylist() == parquet_table(store).to_pylist()
    assert sorted(t.column("id").to_pylist()) == sorted(e.id for e in events if e.default_output)
    assert str(t.schema.field("event_date").type) == "date32[day]" and str(t.schema.field("negated").type) == "bool"


def test_parquet_needs_an_output_file(stored, capsys):
    db, _ = stored
    assert main(["export", "--db", db, "--format", "parquet"]) == 2
    assert "-o FILE.parquet" in capsys.readouterr().err


def test_acled_csv_is_one_row_per_incident_when_incidents_exist(stored):
    db, events = stored
    coded = sorted((e for e in events if e.acled and e.default_output), key=lambda e: (e.id[-1], e.id))
    assert len({e.article_id for e in coded[:5]}) == 5     # five reports from five articles
    with open_store(db) as store:
        store.migrate("fuse", [Migration(1, "incidents", [
            Table("incidents", [("id", "text"), ("killed", "int")], primary_key=("id",)),
            Table("incident_events", [("incident_id", "text"), ("article_id", "text"), ("event_id", "text")],
                  primary_key=("incident_id", "article_id", "event_id"))])])
        with store.transaction():
            store.insert("incidents", {"id": ["inc-a", "inc-b"], "killed": [42, None]})
            store.insert("incident_events", {"incident_id": ["inc-a"] * 3 + ["inc-b"] * 2,
                                             "article_id": [e.article_id for e in coded[:5]],
                                             "event_id": [e.id for e in coded[:5]]})
    with open_store(db, read_only=True) as store:
        buf = io.StringIO()
        export(store, "acled-csv", None, stdout=buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert len(rows) == len(coded) - 5 + 2
    inc_a = [r for r in rows if r["fatalities"] == "42"]
    assert len(inc_a) == 1 and "[3 reports]" in inc_a[0]["notes"]
