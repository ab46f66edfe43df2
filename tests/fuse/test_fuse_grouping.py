"""Grouping: which reports become one incident and which stay apart."""
from __future__ import annotations

import datetime as dt

import pytest
from fusekit import KIRKUK, actor, art, ev, groups, offset, place

from chronicle.fuse import _item, candidate_pairs, explain, fuse, group


def test_reports_of_one_attack_become_one_incident():
    events = [ev("a1", "A", killed=(12, 12, None)), ev("b1", "B", killed=(15, 15, 15)),
              ev("c1", "C", killed=(None, 19, 20))]
    assert groups(fuse(events)) == {frozenset({"a1", "b1", "c1"})}


@pytest.mark.parametrize("other, why", [
    (dict(day="2025-03-11"), "same city, two days later"),
    (dict(loc=place(*KIRKUK)), "same day, a city 150 km away"),
    (dict(type="PROTEST"), "same place and day, another event type"),
    (dict(mode="abduct"), "a kidnapping is not a bombing"),
    (dict(acled=("Explosions/Remote violence", "Air/drone strike")), "air strike vs suicide bomb"),
    (dict(source=[actor("Islamic State", "REB")]), "two different named perpetrators"),
    (dict(loc=place(1, "Tehran", 35.69, 51.42, "IR", "26")), "another country"),
])
def test_distinct_incidents_stay_apart(other, why):
    base = ev("a1", "A", mode="suicide-attack", acled=("Explosions/Remote violence", "Suicide bomb"),
              source=[actor("al-Shabaab", "REB")])
    kw = dict(mode="suicide-attack", acled=("Explosions/Remote violence", "Suicide bomb"),
              source=[actor("al-Shabaab", "REB")])
    kw.update(other)
    assert len(fuse([base, ev("b1", "B", **kw)])) == 2, why


def test_a_march_reported_as_a_riot_is_one_incident():
    events = [ev("a1", "A", type="PROTEST", mode="demo", acled=("Protests", "Peaceful protest")),
              ev("b1", "B", type="PROTEST", mode="riot", acled=("Riots", "Violent demonstration"))]
    assert len(fuse(events)) == 1


def test_chain_of_links_is_followed():
    # A and C are 40 km apart (too far for a direct link, not far enough to be a conflict);
    # B lies between them, 20 km from each: A~B and B~C, so all three are one incident
    events = [ev("a1", "A", loc=offset(0, gid=10)), ev("b1", "B", loc=offset(20, gid=11)),
              ev("c1", "C", loc=offset(40, gid=12))]
    assert groups(fuse(events)) == {frozenset({"a1", "b1", "c1"})}


def test_vague_report_does_not_chain_two_distinct_incidents():
    nineveh = place(-1, "Nineveh", 36.2, 42.6, precision="admin1")
    events = [ev("a1", "A", day="2025-03-09"), ev("c1", "C", day="2025-03-12"),
              ev("b1", "B", day="2025-03-08", end="2025-03-14", precision="week", loc=nineveh)]
    got = groups(fuse(events))
    assert len(got) == 2
    assert not any({"a1", "c1"} <= g for g in got)


@pytest.mark.parametrize("a, b, same", [
    ([actor("gunmen")], [actor("al-Shabaab", "REB")], True),
    ([actor("suspected militants", "REB")], [actor("Islamic State", "REB")], True),
    ([actor("ISIS", "REB")], [actor("Islamic State group", "REB")], True),
    ([actor("RSF", "MIL_NS")], [actor("Rapid Support Forces", "MIL_NS")], True),
    ([actor("Sudanese army", "MIL")], [actor("SAF", "MIL")], True),
    ([actor("Sudanese army", "MIL")], [actor("Rapid Support Forces", "MIL_NS")], False),
    ([actor("Boko Haram", "REB")], [actor("ISWAP", "REB")], False),
])
def test_generic_and_named_actors(a, b, same):
    got = fuse([ev("a1", "A", source=a), ev("b1", "B", source=b)])
    assert (len(got) == 1) is same


def test_swapped_source_and_target_of_a_clash_are_one_incident():
    x, y = actor("444 Brigade", "MIL_NS"), actor("Radaa Deterrence Force", "MIL_NS")
    events = [ev("a1", "A", source=[x], target=[y]), ev("b1", "B", source=[y], target=[x])]
    assert len(fuse(events)) == 1


def test_pairs_across_a_week_boundary_are_compared():
    # Sunday 9 March and Monday 10 March 2025 fall in different ISO weeks
    a = ev("a1", "A", day="2025-03-09")
    b = ev("b1", "B", day="2025-03-10")
    assert dt.date(2025, 3, 9).isocalendar().week != dt.date(2025, 3, 10).isocalendar().week
    assert (0, 1) in candidate_pairs([_item(a, None), _item(b, None)])
    assert len(fuse([a, b])) == 1


def test_long_date_ranges_meet_events_in_every_week_they_cover():
    month = ev("m1", "M", day="2025-03-01", end="2025-03-31", precision="month")
    late = ev("l1", "L", day="2025-03-28")
    assert (0, 1) in candidate_pairs([_item(month, None), _item(late, None)])


def test_separate_passages_of_one_article_stay_apart():
    # one report, two bombings in the same city on the same day, with different tolls
    events = [ev("a1", "A", sentence=0, killed=(5, 5, 5)), ev("a2", "A", sentence=3, killed=(3, 3, 3)),
              ev("b1", "B", killed=(5, 5, 5))]
    got = groups(fuse(events))
    assert not any({"a1", "a2"} <= g for g in got)


def test_same_sentence_duplicates_of_one_article_merge():
    events = [ev("a1", "A", sentence=0, killed=(12, 12, None)), ev("a2", "A", sentence=0)]
    assert len(fuse(events)) == 1


def test_undated_and_unplaced_events_use_publication_date_and_named_actors():
    arts = {"A": art("A", "2025-03-10"), "B": art("B", "2025-03-10")}
    isis = [actor("Islamic State", "REB")]
    a = ev("a1", "A", source=isis)
    b = ev("b1", "B", day=None, loc=None, source=isis)
    assert len(fuse([a, b], articles=arts)) == 1
    # without a named actor in common, an unplaced report is not enough evidence to link
    c = ev("c1", "B", day=None, loc=None)
    assert len(fuse([ev("a1", "A"), c], articles=arts)) == 2


def test_flagged_events_are_left_out_unless_asked():
    events = [ev("a1", "A"), ev("b1", "B", negated=True)]
    assert groups(fuse(events)) == {frozenset({"a1"})}
    assert groups(fuse(events, include_flagged=True)) == {frozenset({"a1", "b1"})}


def test_group_is_independent_of_input_order():
    events = [ev("a1", "A"), ev("b1", "B", day="2025-03-10"), ev("c1", "C", day="2025-03-14"),
              ev("d1", "D", loc=place(*KIRKUK))]
    forward = {frozenset(events[i].id for i in g) for g in group(events)}
    rev = list(reversed(events))
    backward = {frozenset(rev[i].id for i in g) for g in group(rev)}
    assert forward == backward


@pytest.mark.parametrize("b, starts", [
    (dict(), "linked: score"),
    (dict(day="2025-03-12"), "conflict: 3 days apart"),
    (dict(loc=place(*KIRKUK)), "conflict: 150 km apart"),
    (dict(loc=None), "no direct link"),
])
def test_explain_says_why(b, starts):
    assert explain(ev("a1", "A"), ev("b1", "B", **b)).startswith(starts)
