"""Triggers read with the verb that governs them, and the CAMEO penta-class the eval derives from an
event (sentences written for these tests)."""
from __future__ import annotations

import pytest

from chronicle.eval.events import clause_event, penta_class
from chronicle.events import DetectStage


@pytest.fixture(scope="module")
def detector():
    return DetectStage.from_resources(None).detector


def types(nlp, detector, text):
    evs, _ = detector.detect(nlp(text), "t")
    return {(e.trigger.text.split()[0].lower(), e.type) for e in evs}


@pytest.mark.parametrize("text, want, unwanted", [
    ("The government lifted the curfew in the northern province on Monday.", ("lifted", "RETREAT"), "COERCE"),
    ("Washington eased sanctions on the island's banks.", ("eased", "RETREAT"), "SANCTION"),
    ("The dockworkers called off their strike after a pay offer.", ("called", "CONCEDE"), "PROTEST"),
    ("The donor suspended aid to the province after the theft of food.", ("suspended", "SANCTION"), "AID"),
    ("The minister cancelled a planned visit to the capital.", ("cancelled", "SANCTION"), "CONSULT"),
    ("The ministry sent tents, blankets and medicine to the flooded valley.", ("sent", "AID"), None),
    ("A court found the former mayor guilty of fraud.", ("found", "SANCTION"), None),
    ("The militia violated the ceasefire twice overnight.", ("violated", "ASSAULT"), "RETREAT"),
])
def test_the_governing_verb_is_the_event(nlp, detector, text, want, unwanted):
    got = types(nlp, detector, text)
    assert want in got, got
    if unwanted:
        assert not any(t == unwanted for _, t in got), got


@pytest.mark.parametrize("text", [
    "In late March, the council met to approve the budget.",         # a month, not a march
    "The governor denied charges that he had taken bribes.",          # denial of an accusation
    "The city is raising money to fight the epidemic.",               # fighting a disease
    "She said she agrees with the committee's recommendation.",        # an opinion
    "The agency sent a letter to the residents about the new rules.",  # a letter is not aid
    "The relief agency praised its aid workers.",
])
def test_not_an_event_of_that_kind(nlp, detector, text):
    got = types(nlp, detector, text)
    assert not any(t in ("PROTEST", "REJECT", "ASSAULT", "AGREE", "AID") for _, t in got), got


@pytest.mark.parametrize("text, cls", [
    ("The foreign minister urged both sides to show restraint.", 0),             # appeal
    ("The rebels claimed responsibility for the bombing of the depot.", 0),      # statement about an attack
    ("The two presidents held talks in the capital on Monday.", 1),
    ("The country is willing to withdraw its troops from the border zone.", 1),  # intent to yield
    ("The court released the two journalists on bail.", 2),
    ("Parliament expelled the ambassador over the spying affair.", 3),
    ("The opposition leader called for sanctions against the regime.", 3),      # a demand
    ("Gunmen killed four farmers in an ambush on the road.", 4),
])
def test_penta_class_from_the_main_clause_event(nlp, detector, text, cls):
    doc = nlp(text)
    evs, _ = detector.detect(doc, "t")
    assert penta_class(doc, clause_event(doc, [e for e in evs if not e.negated])) == cls


@pytest.mark.parametrize("text, want", [
    ("Police opened fire on the mob, killing two men.", {"FORCE", "KILL"}),
    ("They fired tear gas shells to disperse the rioters.", {"FORCE"}),                # no police word
    ("Two youths were shot dead by robbers near the Kurla police station.", set()),    # a place, not a force
    ("The mob set fire to a shop on the main road.", set()),                           # the mob acts
])
def test_ipe_labels_read_who_uses_force(nlp, detector, text, want):
    from chronicle.eval.events import ipe_labels

    assert ipe_labels(detector, nlp(text)) & {"FORCE", "KILL"} == want


@pytest.mark.parametrize("text, typ", [
    ("The ministry condemned the raid, describing it as a terrorist attack.", "ASSAULT"),   # only 'raid'
    ("The Front for Support of the Republic said it would take part in the vote.", "SUPPORT"),
    ("The neighbouring state, which backs the rebels, called for calm.", "SUPPORT"),
    ("The council promised to confront the threat.", "THREATEN"),
    ("Officials said the renewed violence threatened to undo the progress.", "THREATEN"),
])
def test_descriptions_and_names_are_not_new_events(nlp, detector, text, typ):
    evs, _ = detector.detect(nlp(text), "t")
    assert sum(e.type == typ for e in evs) <= (1 if "raid" in text else 0), [(e.trigger.text, e.type) for e in evs]


def test_a_threat_made_is_still_an_event(nlp, detector):
    got = types(nlp, detector, "The rebel commander threatened to attack the city if talks failed.")
    assert ("threatened", "THREATEN") in got
