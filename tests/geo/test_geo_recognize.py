"""Toponym recognition beyond spaCy's place entities: places naming a body, legislators' home towns,
streets; on sentences written for these tests."""
from __future__ import annotations

import pytest

from chronicle.geo.recognize import recognize


def found(nlp, gaz, text):
    """The recogniser's proposals (before the trained gate, tested in test_geo_ranker.py)."""
    return {m.text: m.kind for m in recognize(nlp(text), gaz, gated=False)}


def test_a_state_heading_a_body_is_a_place(nlp, gaz):
    got = found(nlp, gaz, "If approved by the Georgia Public Service Commission, the rate rises in May.")
    assert got.get("Georgia") == "modifier"
    assert "Georgia Public Service Commission" not in got


def test_a_county_heading_a_sheriff_office(nlp, gaz):
    got = found(nlp, gaz, "The driver failed to yield, according to the Butler County Sheriff's Office on Monday.")
    assert "Butler County" in got


def test_a_small_town_only_before_a_local_body(nlp, gaz):
    got = found(nlp, gaz, "Anyone with information is asked to call the Hopkinton Police Department.")
    assert "Hopkinton" in got
    # a small namesake heading a company's name is not a place
    got = found(nlp, gaz, "He found Anthem Blue Cross offering a cheaper plan.")
    assert "Anthem" not in got


def test_a_demonym_heading_a_ministry(nlp, gaz):
    got = found(nlp, gaz, "The Russian Foreign Ministry said the talks would go on.")
    assert got.get("Russian") == "demonym"


def test_a_legislators_home_town(nlp, gaz):
    got = found(nlp, gaz, "The bill was filed by Rep. Barbara Lee, D-Oakland, on Tuesday.")
    assert "Oakland" in got
    assert not any(t.startswith("D-") for t in got)


def test_streets_but_not_people_named_lane(nlp, gaz):
    got = found(nlp, gaz, "A motorcycle wreck on Rivers Avenue killed a passenger, police said.")
    assert got.get("Rivers Avenue") == "street" and "Rivers" not in got
    got = found(nlp, gaz, "In the Honda, driver Virginia L. Lane, 77, was hurt.")
    assert not any(k == "street" for k in got.values())


def test_places_joined_by_a_hyphen(nlp, gaz):
    got = found(nlp, gaz, "The Czech presidency would hold an EU-Israel summit, as planned before.")
    assert "Israel" in got and "EU-Israel" not in got
    got = found(nlp, gaz, "The Sligo-based mother has written to the minister.")
    assert "Sligo" in got


def test_a_lone_person_that_is_a_big_city_unless_a_longer_name_holds_it(nlp, gaz):
    doc = nlp("Once again, Alexandria is a finalist for the award.")
    ents = {e.text: e.label_ for e in doc.ents}
    got = {m.text for m in recognize(doc, gaz)}
    assert "Alexandria" in got or ents.get("Alexandria") != "PERSON"
    got = found(nlp, gaz, "Alexandria Smith won the race. Alexandria thanked her coach.")
    assert "Alexandria" not in got


def test_a_jail_named_after_a_county_is_the_county(nlp, gaz):
    got = found(nlp, gaz, "Moore was taken to the Butler County Jail where she was later released.")
    assert "Butler County" in got and "Butler County Jail" not in got


def test_names_sharing_a_plural_place_noun(nlp, gaz):
    got = found(nlp, gaz, "School boards in Barrow, Jackson and Madison counties voted to cut jobs.")
    assert {"Barrow", "Jackson", "Madison"} <= set(got)
    got = found(nlp, gaz, "A water main broke at the corner of Lakeview and Harrison streets.")
    assert "Lakeview" in got and got.get("Harrison") == "street"


def test_a_country_after_of_in_a_body_name(nlp, gaz):
    got = found(nlp, gaz, "David Dodge, a former Bank of Canada governor, spoke on Monday.")
    assert got.get("Canada") == "modifier"


@pytest.mark.parametrize("text,name", [("In Rusape, angry residents barricaded roads after the shooting.", "Rusape"),
                                       ("A car bomb exploded in the town of Manbij on Sunday.", "Manbij")])
def test_a_town_the_model_missed_after_a_place_preposition(nlp, gaz, text, name):
    assert name in [m.text for m in recognize(nlp(text), gaz)]


@pytest.mark.parametrize("text", ["In Parliament, members voted on the budget.",
                                  "The case was heard in Court on Tuesday.",
                                  "She said in March that talks would resume."])
def test_common_capitalised_words_after_in_stay_out(nlp, gaz, text):
    assert recognize(nlp(text), gaz) == []
