"""A short text's ACLED sub-type (chronicle.events.detect.text_subtype): a protest's sub-type is read
over the whole text, and clashes or violence at a protest make it a violent demonstration.
Texts written for these tests."""
from __future__ import annotations

import pytest

from chronicle.events import DetectStage
from chronicle.events.acled import protest_subtype
from chronicle.events.detect import main_event, text_subtype


@pytest.fixture(scope="module")
def detector():
    return DetectStage.from_resources(None).detector


def test_clashes_at_a_protest_are_a_violent_demonstration():
    assert protest_subtype({"protester", "clash", "police"}) == "Violent demonstration"
    assert protest_subtype({"protester", "violence"}) == "Violent demonstration"
    # soft policing alone stays an intervention, a quiet march stays peaceful
    assert protest_subtype({"protester", "tear", "gas", "disperse"}) == "Protest with intervention"
    assert protest_subtype({"protester", "march", "banner"}) == "Peaceful protest"


def test_a_protest_outcome_told_in_another_sentence_counts(nlp, detector):
    doc = nlp("Thousands of teachers rallied in the capital on Monday against the pay freeze. "
              "Later in the evening clashes broke out between riot police and the marchers near parliament.")
    evs, _ = detector.detect(doc, "t")
    assert text_subtype(evs, doc) == ("Riots", "Violent demonstration"), [
        (e.trigger.text, e.acled) for e in evs]


def test_text_subtype_leaves_other_events_as_the_main_event_reads_them(nlp, detector):
    doc = nlp("Rebels ambushed an army convoy near the border town on Tuesday, killing four soldiers. "
              "Residents later held a quiet vigil for the dead.")
    evs, _ = detector.detect(doc, "t")
    m = main_event([e for e in evs if e.acled], doc)
    assert m is not None and text_subtype(evs, doc) == m.acled
    assert text_subtype([], doc) is None


def test_what_a_protest_mourns_is_not_what_happened_at_it(nlp, detector):
    doc = nlp("Thousands of nurses rallied outside the ministry on Friday to mourn colleagues killed "
              "by security forces last year.")
    evs, _ = detector.detect(doc, "t")
    assert text_subtype(evs, doc) == ("Protests", "Peaceful protest"), [(e.trigger.text, e.acled) for e in evs]
    # the same killing told as what happened at the rally is excessive force
    doc = nlp("Thousands of nurses rallied outside the ministry on Friday. Security forces opened fire "
              "and killed two of the protesters.")
    evs, _ = detector.detect(doc, "t")
    assert text_subtype(evs, doc) == ("Protests", "Excessive force against protesters")


def test_troop_reinforcement_is_a_change_to_group_activity(nlp, detector):
    evs, _ = detector.detect(nlp("The army reinforced its troops along the northern frontier on Monday."), "t")
    assert any(e.acled == ("Strategic developments", "Change to group/activity") for e in evs), [
        (e.trigger.text, e.type, e.mode, e.acled) for e in evs]


def test_gaining_control_of_a_base_is_a_change_of_territory(nlp, detector):
    doc = nlp("Insurgents gained control of the district base on Saturday after days of heavy fighting.")
    evs, _ = detector.detect(doc, "t")
    assert text_subtype(evs, doc) == ("Battles", "Non-state actor overtakes territory"), [
        (e.trigger.text, e.control, e.acled) for e in evs]


def test_weapons_inside_what_was_found_make_a_seizure(nlp, detector):
    doc = nlp("During a sweep of the valley the troops discovered a hidden depot containing rifles and ammunition.")
    evs, _ = detector.detect(doc, "t")
    assert text_subtype(evs, doc) == ("Strategic developments", "Disrupted weapons use"), [
        (e.trigger.text, e.type, e.acled) for e in evs]
    # finding people is no seizure of arms
    doc = nlp("Rescuers found two hikers sheltering in a cave near the ridge.")
    evs, _ = detector.detect(doc, "t")
    assert not any(e.type == "COERCE" for e in evs), [(e.trigger.text, e.type) for e in evs]


def test_barracks_inside_what_was_established_is_a_base(nlp, detector):
    doc = nlp("The army has established a number of barracks near the border crossing.")
    evs, _ = detector.detect(doc, "t")
    assert text_subtype(evs, doc) == ("Strategic developments", "Headquarters or base established"), [
        (e.trigger.text, e.type, e.acled) for e in evs]


def test_an_attack_with_poisonous_gas_is_a_chemical_weapon(nlp, detector):
    doc = nlp("At least forty people were killed in an attack with poisonous gas on the besieged town.")
    evs, _ = detector.detect(doc, "t")
    assert text_subtype(evs, doc) == ("Explosions/Remote violence", "Chemical weapon"), [
        (e.trigger.text, e.acled) for e in evs]


def test_what_happened_without_a_fight_is_no_fight(nlp, detector):
    evs, _ = detector.detect(nlp("The rebels entered the town on Friday without fighting after the garrison left."), "t")
    assert not any(e.trigger.text.lower() == "fighting" for e in evs), [(e.trigger.text, e.type) for e in evs]
    evs, _ = detector.detect(nlp("Fighting broke out in the town on Friday after the garrison left."), "t")
    assert any(e.trigger.text.lower() == "fighting" for e in evs)


def test_raids_by_choppers_are_air_strikes(nlp, detector):
    doc = nlp("The insurgents in the hills suffered heavy losses in raids by the army's choppers.")
    evs, _ = detector.detect(doc, "t")
    assert text_subtype(evs, doc) == ("Explosions/Remote violence", "Air/drone strike"), [
        (e.trigger.text, e.acled) for e in evs]
