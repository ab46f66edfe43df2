"""One incident from many reports: UCDP-style counts, representative fields, a stable id."""
from __future__ import annotations

import pytest
from fusekit import actor, art, ev, place

from chronicle.fuse import fuse
from chronicle.fuse.reconcile import reconcile_count
from chronicle.records import Count


@pytest.mark.parametrize("reports, expected", [
    # "at least 12", "15", "nearly 20": lowest low, lower median of bests, highest high
    ([(12, 12, None), (15, 15, 15), (17, 19, 20)], (12, 15, 20)),
    # two of three reports agree: the most-reported figure is the best estimate
    ([(9, 9, None), (11, 11, 11), (11, 11, 14)], (9, 11, 14)),
    # a single report keeps its own range
    ([(40, 40, None)], (40, 40, 40)),
    # a report with only an upper bound ("up to 40") still raises the high
    ([(24, 24, None), (None, None, 40)], (24, 24, 40)),
    # an even number of reports: the lower median, never an average nobody reported
    ([(3, 3, 3), (4, 4, 4)], (3, 3, 4)),
])
def test_counts_reconcile_like_ucdp(reports, expected):
    got = reconcile_count([Count(lo, best, hi, "t") for lo, best, hi in reports])
    assert (got.low, got.best, got.high) == expected
    assert got.low <= got.best <= got.high


def test_no_reports_no_count():
    assert reconcile_count([]) is None


def test_an_article_votes_once_per_count():
    # article A repeats its figure in two sentences; it must not outvote B and C
    events = [ev("a1", "A", killed=(10, 10, 10), sentence=0), ev("a2", "A", killed=(10, 10, 10), sentence=0),
              ev("b1", "B", killed=(20, 20, 20)), ev("c1", "C", killed=(30, 30, 30))]
    (inc,) = fuse(events)
    assert inc.counts.killed.best == 20
    assert inc.counts.killed.text.endswith("(3 reports)")


def test_incident_takes_most_specific_place_and_narrowest_date():
    nineveh = place(-1, "Nineveh", 36.2, 42.6, precision="admin1")
    events = [ev("a1", "A", loc=nineveh, day="2025-03-08", end="2025-03-14", precision="week"),
              ev("b1", "B"), ev("c1", "C", loc=nineveh)]
    (inc,) = fuse(events)
    assert inc.location.place.name == "Mosul"
    assert (inc.date.start.isoformat(), inc.date.precision.value) == ("2025-03-09", "day")


def test_actors_are_unioned_and_generic_labels_give_way_to_names():
    events = [ev("a1", "A", source=[actor("gunmen")]), ev("b1", "B", source=[actor("Islamic State", "REB")]),
              ev("c1", "C", source=[actor("ISIS", "REB")], target=[actor("Iraqi army", "MIL", "IRQ")])]
    (inc,) = fuse(events)
    assert [a.name for a in inc.source] == ["Islamic State"]
    assert [a.name for a in inc.target] == ["Iraqi army"]


def test_sources_counted_by_outlet_and_every_report_kept():
    arts = {"A": art("A", source="Wire"), "B": art("B", source="Wire"), "C": art("C", source="Daily")}
    (inc,) = fuse([ev("a1", "A"), ev("b1", "B"), ev("c1", "C")], articles=arts)
    assert inc.n_sources == 2 and inc.n_articles == 3
    assert inc.article_ids == ("A", "B", "C") and inc.event_ids == ("a1", "b1", "c1")
    assert inc.sources == ("Daily", "Wire")


def test_incident_id_survives_a_later_report():
    arts = {"A": art("A", "2025-03-09"), "B": art("B", "2025-03-10"), "C": art("C", "2025-03-12")}
    first = fuse([ev("b1", "B"), ev("a1", "A")], articles=arts)
    later = fuse([ev("c1", "C"), ev("a1", "A"), ev("b1", "B")], articles=arts)
    assert len(first) == len(later) == 1
    assert first[0].id == later[0].id
    assert later[0].anchor_event_id == "a1"      # the report published first


def test_incident_json_has_the_reconciled_fields():
    (inc,) = fuse([ev("a1", "A", killed=(12, 12, None)), ev("b1", "B", killed=(15, 15, 15))])
    j = inc.to_json()
    assert j["counts"]["killed"]["low"] == 12 and j["counts"]["killed"]["high"] == 15
    assert j["event_ids"] == ["a1", "b1"] and j["n_sources"] == 2 and j["id"].startswith("inc_")
