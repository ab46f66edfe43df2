"""The store on both backends: idempotent saves, corrected articles, rejections, migrations."""
import json
from dataclasses import replace

import pytest

from chronicle.errors import StoreError
from chronicle.records import Rejected
from chronicle.store import Migration, Table, open_store, schema, synthetic

TABLES = ("articles", "events", "actors", "places", "evidence", "rejections")


def dump(store) -> dict:
    """Every row of every table, ordered, as plain Python values."""
    out = {}
    for t in TABLES:
        rows = store.query(f"SELECT * FROM {t}").to_pylist()
        out[t] = sorted(json.dumps(r, default=str, sort_keys=True) for r in rows)
    return out


def test_save_stores_articles_events_actors_places_evidence(store_db):
    items = [synthetic.analysis(i, events=3) for i in range(4)]
    with open_store(store_db) as store:
        s = store.save(items)
        assert (s.stored, s.events, s.rejected) == (4, 12, 0)
        assert store.count("articles") == 4 and store.count("events") == 12
        n_actors = sum(len(e.source) + len(e.target) for a in items for e in a.events)
        assert store.count("actors") == n_actors
        assert store.count("evidence") == 12 and store.count("places") == 8


def test_stored_record_is_the_event_json_less_its_article(store_db):
    a = synthetic.analysis(7, events=2)
    with open_store(store_db) as store:
        store.save([a])
        rows = store.query("SELECT id, record FROM events ORDER BY id").to_pylist()
    want = [{k: v for k, v in e.to_json().items() if k != "article"} for e in sorted(a.events, key=lambda e: e.id)]
    assert [json.loads(r["record"]) for r in rows] == want     # the article lives in the articles table


def test_saving_the_same_articles_twice_changes_nothing(store_db, monkeypatch):
    import datetime as dt

    import chronicle.store as store_mod

    items = [synthetic.analysis(i) for i in range(5)] + [Rejected("bad.txt", "ingest", "empty", "empty file")]
    with open_store(store_db) as store:
        store.save(items)
        before = dump(store)
        later = dt.datetime(2099, 1, 1)          # a rerun seconds (or years) later changes no timestamp
        monkeypatch.setattr(store_mod, "_now", lambda: later)
        again = store.save(items)
        assert (again.stored, again.replaced, again.unchanged, again.events) == (0, 0, 5, 0)
        assert dump(store) == before


def test_corrected_article_replaces_its_events(store_db):
    with open_store(store_db) as store:
        store.save([synthetic.analysis(1, events=4), synthetic.analysis(2, events=1)])
        fixed = synthetic.analysis(1, events=2, text="Report 1, corrected. Two events only. Nothing else.")
        s = store.save([fixed])
        assert (s.stored, s.replaced, s.events) == (0, 1, 2)
        ids = store.query("SELECT id FROM events WHERE article_id = ? ORDER BY id", ["art-00001"]).column("id").to_pylist()
        assert ids == ["art-00001-e0", "art-00001-e1"]
        assert store.count("evidence") == 3            # 2 for the corrected article + 1 for article 2
        text = store.query("SELECT text FROM articles WHERE id = ?", ["art-00001"]).column("text")[0].as_py()
        assert text.startswith("Report 1, corrected")


def test_same_article_twice_in_one_run_is_stored_once(store_db):
    with open_store(store_db) as store:
        s = store.save([synthetic.analysis(3), synthetic.analysis(3)])
        assert (s.stored, s.unchanged) == (1, 1)
        assert store.count("articles") == 1 and store.count("events") == 3


def test_near_duplicate_is_stored_as_a_link_without_events(store_db):
    first = synthetic.analysis(1)
    dup = first.with_(article=replace(synthetic.article(2), duplicate_of="art-00001"), events=())
    with open_store(store_db) as store:
        s = store.save([first, dup])
        assert (s.stored, s.near_duplicates) == (2, 1)
        row = store.query("SELECT duplicate_of, n_events FROM articles WHERE id = ?", ["art-00002"]).to_pylist()
        assert row == [{"duplicate_of": "art-00001", "n_events": 0}]


def test_rejection_is_stored_once_and_cleared_when_the_article_is_accepted(store_db):
    r = Rejected("art-00009", "clean", "no_text", "no text after cleaning")
    with open_store(store_db) as store:
        store.save([r])
        store.save([r])
        assert store.query("SELECT reason FROM rejections").column("reason").to_pylist() == ["no_text"]
        store.save([synthetic.analysis(9)])
        assert store.count("rejections") == 0


def test_schema_version_records_core_migrations(store_db):
    with open_store(store_db) as store:
        assert store.versions() == {"core": len(schema.CORE_MIGRATIONS), "serve": len(schema.SERVE_MIGRATIONS),
                                    "happenings": len(schema.HAPPENINGS_MIGRATIONS)}
    with open_store(store_db) as store:       # reopening applies nothing twice
        assert store.count("schema_version") == (len(schema.CORE_MIGRATIONS) + len(schema.SERVE_MIGRATIONS)
                                                 + len(schema.HAPPENINGS_MIGRATIONS))


def test_component_migrations_apply_in_order_and_only_once(store_db):
    steps = [
        Migration(1, "incidents", [Table("incidents", [("id", "text"), ("killed", "int")], primary_key=("id",))]),
        Migration(2, "incident notes", ["ALTER TABLE incidents ADD COLUMN notes TEXT"]),
    ]
    with open_store(store_db) as store:
        assert store.migrate("fuse", steps[:1]) == [1]
        assert store.migrate("fuse", steps) == [2]
        assert store.migrate("fuse", steps) == []
        with store.transaction():
            store.insert("incidents", {"id": ["i1", "i2"], "killed": [3, None]})
        store.backend.execute("UPDATE incidents SET notes = ? WHERE id = ?", ["n", "i1"])
        assert store.query("SELECT id, killed, notes FROM incidents ORDER BY id").to_pylist() == [
            {"id": "i1", "killed": 3, "notes": "n"}, {"id": "i2", "killed": None, "notes": None}]
        assert store.versions()["fuse"] == 2


def test_registered_migrations_are_applied_when_a_store_opens(store_db, monkeypatch):
    extra = [Migration(1, "notes", [Table("notes", [("id", "text")], primary_key=("id",))])]
    monkeypatch.setitem(schema._REGISTRY, "notes_component", extra)
    with open_store(store_db) as store:
        assert store.has_table("notes") and store.versions()["notes_component"] == 1


def test_migrations_must_be_numbered_without_gaps():
    with pytest.raises(ValueError, match="without gaps"):
        schema.register_migrations("x", [Migration(1, "a"), Migration(3, "c")])


def test_database_from_a_newer_schema_is_refused(store_db):
    with open_store(store_db) as store:
        store.backend.execute("INSERT INTO schema_version (component, version, name) VALUES ('core', 99, 'future')")
    with pytest.raises(StoreError, match="newer"):
        open_store(store_db)


def test_failed_batch_writes_nothing(store_db):
    class Boom(Exception):
        pass

    with open_store(store_db) as store:
        original = store.backend.insert

        def insert(table, columns):
            if table.name == "evidence":
                raise Boom("disk full")
            original(table, columns)

        store.backend.insert = insert
        with pytest.raises(StoreError, match="disk full"):
            store.save([synthetic.analysis(1)])
        store.backend.insert = original
        assert store.count("articles") == 0 and store.count("events") == 0


def test_a_happening_keeps_its_mentions_and_a_judged_out_candidate_stays_out(store_db):
    from dataclasses import replace

    from chronicle.records import Mention

    a = synthetic.analysis(3, events=2)
    first, second = a.events
    first = replace(first, mentions=(Mention("blast", 5, 10, 0, 40), Mention("attack", 50, 56, 41, 90)))
    second = replace(second, judged_out="not a happening (a label or modifier, not an event: label:modifier)",
                     happening=0.2)
    with open_store(store_db) as store:
        store.save([a.with_(events=(first, second))])
        mentions = store.query("SELECT text, sentence_start FROM mentions WHERE event_id = ? ORDER BY position",
                               [first.id]).to_pylist()
        kept = store.query(f"SELECT id FROM events WHERE {schema.DEFAULT_OUTPUT}").column("id").to_pylist()
    assert mentions == [{"text": "blast", "sentence_start": 0}, {"text": "attack", "sentence_start": 41}]
    assert first.id in kept and second.id not in kept
