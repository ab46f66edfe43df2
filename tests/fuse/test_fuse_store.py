"""Fusing what a store holds writes incidents and their member events through the store's API."""
from __future__ import annotations

from chronicle.fuse import fuse, goldset
from chronicle.fuse.store import event_from_json, fuse_store
from chronicle.pipeline import Analysis
from chronicle.store import open_store


def _gold_analyses():
    by_article: dict[str, list] = {}
    for e, _ in goldset.load_events():
        by_article.setdefault(e.article_id, []).append(e)
    return [Analysis(a.article(), events=tuple(by_article.get(a.id, ()))) for a in goldset.load_articles()]


def test_event_survives_its_stored_json():
    for e, _ in goldset.load_events()[:10]:
        assert event_from_json(e.to_json()).to_json() == e.to_json()


def test_fuse_store_writes_incidents_and_links(store_db):
    with open_store(store_db) as store:
        store.save(_gold_analyses())
        incidents = fuse_store(store)
        expected = fuse([e for e, _ in goldset.load_events()],
                        articles={a.id: a.article() for a in goldset.load_articles()})
        assert sorted(i.id for i in incidents) == sorted(i.id for i in expected)
        assert store.count("incidents") == len(expected)
        assert store.count("incident_events") == len(goldset.load_events())
        # running it again replaces, never duplicates
        fuse_store(store)
        assert store.count("incidents") == len(expected)
        t = store.query("SELECT incident_id FROM incident_events WHERE event_id = ?", ["a02-e1"])
        (inc_id,) = t.column("incident_id").to_pylist()
        assert inc_id == next(i.id for i in expected if "a01-e1" in i.event_ids)
