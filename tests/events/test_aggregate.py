"""Aggregate tolls and background (issue 3), ACLED sub-type fixes read on the CASE tune half, and the
snippet's main event: sentences written for these tests."""
from __future__ import annotations

import pytest

from chronicle.events import DetectStage, main_event
from chronicle.events.aggregate import aggregate_cue
from chronicle.events.detect import backgrounded
from chronicle.events.triggers import find_triggers


@pytest.fixture(scope="module")
def detector():
    return DetectStage.from_resources(None).detector


def _flags(nlp, text):
    doc = nlp(text)
    return {t.token.text: aggregate_cue(t.token) for s in doc.sents for t in find_triggers(s)}


@pytest.mark.parametrize("text,word", [
    ("The decade-long insurgency has killed more than 30,000 people and spread to neighbouring Niger.", "killed"),
    ("The war has killed more than 100,000 people, according to monitors.", "killed"),
    ("Boko Haram has killed thousands of people since 2009.", "killed"),
    ("Clashes have killed 40 people over the past decade.", "killed"),
    ("The group said it had recorded more than 150 killings of social leaders so far this year.", "killings"),
    ("More than 2 million people have been displaced since the start of the war.", "displaced"),
    ("Insurgents attacked a base in the latest escalation of a war that has killed 10,000.", "killed"),
])
def test_aggregate_tolls_are_flagged(nlp, text, word):
    assert _flags(nlp, text)[word] is not None


@pytest.mark.parametrize("text,word", [
    ("Fighting killed 12 people in the town on Tuesday.", "killed"),
    ("Militants killed 30 villagers in Borno on Sunday.", "killed"),
    ("Some 3,000 families have been displaced by the fighting in the district since Friday.", "displaced"),
    ("About 5,000 people have fled the city since the fighting began.", "fled"),
    ("Officials accuse the neighbours of arming the rebels, who resumed their rebellion in late 2021.", "accuse"),
])
def test_new_events_are_not_flagged(nlp, text, word):
    assert _flags(nlp, text)[word] is None


def test_detector_marks_the_toll_historical_and_keeps_it_out_of_default_output(nlp, detector):
    evs, _ = detector.detect(nlp("Gunmen killed nine farmers in Gwoza on Monday. The decade-long insurgency "
                                 "has killed more than 30,000 people."), "t")
    by = {e.evidence[0].text.split()[1]: e for e in evs if e.type == "ASSAULT"}
    assert by["killed"].historical is False and by["killed"].default_output
    assert by["decade-long"].historical is True and not by["decade-long"].default_output


def _sub(nlp, detector, text):
    doc = nlp(text)
    evs, _ = detector.detect(doc, "t")
    m = main_event([e for e in evs if e.acled], doc)
    return m.acled[1] if m else None


@pytest.mark.parametrize("text,sub", [
    ("Rebels captured the town without a fight after the garrison left.", "Non-violent transfer of territory"),
    ("Soldiers destroyed dozens of rockets and machine guns found in a cave.", "Disrupted weapons use"),
    ("Police seized rifles and ammunition during raids on two hostels.", "Disrupted weapons use"),
    ("Troops detained 14 men in a series of raids across the district.", "Arrests"),
    ("Three men torched two police patrol cars outside the station.", "Looting/property destruction"),
    ("A mob lynched two men accused of theft as a riot broke out in the town.", "Mob violence"),
    ("Security forces violently dispersed a protest in the northern city.", "Excessive force against protesters"),
    ("Two kamikaze attackers blew themselves up near the bus station.", "Suicide bomb"),
    ("The militants were killed in raids by army choppers in the hills.", "Air/drone strike"),
])
def test_case_subtype_fixes(nlp, detector, text, sub):
    assert _sub(nlp, detector, text) == sub


def test_backdrop_fighting_is_not_the_main_event(nlp, detector):
    doc = nlp("Militants captured the base after days of heavy fighting with the army.")
    evs, _ = detector.detect(doc, "t")
    fighting = [e for e in evs if e.trigger.text == "fighting"]
    assert fighting and backgrounded(doc, fighting[0])
    m = main_event([e for e in evs if e.acled], doc)
    assert m is not None and m.trigger.text != "fighting"


def test_an_aim_is_not_a_capture(nlp, detector):
    assert _sub(nlp, detector, "The militants' attack to capture the army positions near the airbase was "
                               "repelled by soldiers.") not in ("Non-state actor overtakes territory",
                                                                "Government regains territory")
