"""`chronicle.open(db)`: filters return the right events as DataFrames, the same on both backends."""
import datetime as dt

import pandas as pd
import pytest

import chronicle
from chronicle.errors import UsageError
from chronicle.store import open_store, synthetic


@pytest.fixture
def stored(store_db):
    items = [synthetic.analysis(i, events=4) for i in range(30)]
    with open_store(store_db) as store:
        store.save(items)
    events = [e for a in items for e in a.events]
    return store_db, events


def expected(events, pred):
    return sorted(e.id for e in events if e.default_output and pred(e))


def test_events_returns_a_dataframe_with_typed_columns(stored):
    db, events = stored
    with chronicle.open(db) as cdb:
        df = cdb.events()
    assert isinstance(df, pd.DataFrame) and len(df) == len(expected(events, lambda e: True))
    assert pd.api.types.is_datetime64_any_dtype(df["event_date"])
    assert pd.api.types.is_float_dtype(df["lat"]) and pd.api.types.is_bool_dtype(df["negated"])


@pytest.mark.parametrize("filters, pred", [
    ({"country": "IQ"}, lambda e: e.location.place.country == "IQ"),
    ({"country": "NGA"}, lambda e: e.location.place.country == "NG"),
    ({"since": "2014-06-09"}, lambda e: e.date.start >= dt.date(2014, 6, 9)),
    ({"since": "2014-06-08", "until": dt.date(2014, 6, 9)}, lambda e: dt.date(2014, 6, 8) <= e.date.start <= dt.date(2014, 6, 9)),
    ({"type": "assault"}, lambda e: e.type == "ASSAULT"),
    ({"type": ["PROTEST", "COERCE"]}, lambda e: e.type in ("PROTEST", "COERCE")),
    ({"actor": "islamic state"}, lambda e: any(a.name == "Islamic State" for a in e.source + e.target)),
    ({"acled": "Battles"}, lambda e: e.acled and e.acled[0] == "Battles"),
    ({"country": "Iraq", "type": "ASSAULT", "since": "2014-06-08"},
     lambda e: e.location.place.country == "IQ" and e.type == "ASSAULT" and e.date.start >= dt.date(2014, 6, 8)),
], ids=["alpha2", "alpha3", "since", "range", "type", "types", "actor", "acled", "combined"])
def test_event_filters(stored, filters, pred):
    db, events = stored
    with chronicle.open(db) as cdb:
        got = sorted(cdb.events(**filters)["id"])
    want = expected(events, pred)
    assert want and got == want


def test_include_all_adds_negated_events(stored):
    db, events = stored
    with chronicle.open(db) as cdb:
        assert len(cdb.events(include_all=True)) == len(events)
        assert len(cdb.records(include_all=True)) == len(events)


def test_bad_date_filter_says_how_to_write_it(stored):
    db, _ = stored
    with chronicle.open(db) as cdb, pytest.raises(UsageError, match="YYYY-MM-DD"):
        cdb.events(since="June 2014")


def test_articles_and_rejections(store_db):
    from chronicle.records import Rejected

    with open_store(store_db) as store:
        store.save([synthetic.analysis(1), synthetic.analysis(2), Rejected("x.txt", "ingest", "empty", "empty file")])
    with chronicle.open(store_db) as cdb:
        arts = cdb.articles(since="2014-01-01")
        assert sorted(arts["id"]) == ["art-00001", "art-00002"] and set(arts["n_events"]) == {3}
        assert cdb.rejections()[["article_id", "reason"]].values.tolist() == [["x.txt", "empty"]]
        assert cdb.incidents().empty
