"""Incidents stored with `save_incidents` (the fuse stage's records) make the ACLED CSV one row per
incident, using the incident's reconciled fields; the REST API lists them with their members."""
import csv
import io

from chronicle.export import export
from chronicle.fuse.records import Incident
from chronicle.records import Count, Counts
from chronicle.store import open_store, synthetic
from chronicle.store.incidents import save_incidents


def incident(inc_id, members, *, killed):
    first = members[0]
    return Incident(id=inc_id, anchor_event_id=first.id, type=first.type, quad=first.quad,
                    event_ids=tuple(sorted(e.id for e in members)),
                    article_ids=tuple(sorted({e.article_id for e in members})), n_sources=len(members),
                    n_articles=len(members), acled=first.acled, location=first.location, date=first.date,
                    source=first.source, target=first.target,
                    counts=Counts(killed=Count(killed - 2, killed, killed + 3, f"{killed} killed")), confidence=0.9)


def test_acled_csv_uses_saved_incidents(store_db):
    items = [synthetic.analysis(i, events=2) for i in range(10)]
    events = [e for a in items for e in a.events if e.acled and e.default_output]
    groups = [events[0:3], events[3:5]]
    with open_store(store_db) as store:
        store.save(items)
        assert save_incidents(store, [incident("inc_a", groups[0], killed=31), incident("inc_b", groups[1], killed=4)]) == 2
        assert save_incidents(store, [incident("inc_a", groups[0], killed=31), incident("inc_b", groups[1], killed=4)]) == 2
        assert store.count("incidents") == 2 and store.count("incident_events") == 5
    with open_store(store_db, read_only=True) as store:
        buf = io.StringIO()
        n = export(store, "acled-csv", None, stdout=buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert n == len(rows) == len(events) - 5 + 2
    a = next(r for r in rows if r["fatalities"] == "31")
    assert a["event_type"] == groups[0][0].acled[0] and a["location"] == groups[0][0].location.place.name
    assert "[3 reports]" in a["notes"]
