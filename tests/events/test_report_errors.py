"""Errors an analyst would reject on real reports (issue 3): offered support, the purpose of help,
gunfire near vehicles, people burned to death, contexts near the event. Texts written for these tests."""
from __future__ import annotations

import pytest

from chronicle.events import DetectStage


@pytest.fixture(scope="module")
def detector():
    return DetectStage.from_resources(None).detector


def detect(nlp, detector, text):
    evs, _ = detector.detect(nlp(text), "t")
    return evs


def test_offered_support_is_support_from_giver_to_receiver(nlp, detector):
    evs = detect(nlp, detector, "The ministry said Ankara stood ready to offer Baghdad its support in "
                                "fighting what it called a shared enemy.")
    sup = [e for e in evs if e.type == "SUPPORT"]
    assert len(sup) == 1, [(e.trigger.text, e.type) for e in evs]
    assert "support" in sup[0].trigger.text
    assert {a.country for a in sup[0].source} == {"TUR"}, sup[0].source
    assert {a.country for a in sup[0].target} == {"IRQ"}, sup[0].target
    # the fight is what the support is for, not a battle that happened
    assert not any(e.type == "ASSAULT" for e in evs), [(e.trigger.text, e.type) for e in evs]


def test_a_real_fight_is_still_an_assault(nlp, detector):
    evs = detect(nlp, detector, "Government troops were fighting the rebels near the river crossing on Sunday.")
    assert any(e.type == "ASSAULT" for e in evs)


def test_gunfire_near_trucks_and_a_roadside_is_no_ied(nlp, detector):
    evs = detect(nlp, detector, "The raiders came at night in pickup trucks and opened fire on travellers "
                                "sleeping by the roadside.")
    fire = [e for e in evs if e.type == "ASSAULT" and e.acled]
    assert fire and all(e.acled[1] != "Remote explosive/landmine/IED" for e in fire), \
        [(e.trigger.text, e.acled) for e in fire]


def test_a_roadside_bomb_is_still_an_ied(nlp, detector):
    evs = detect(nlp, detector, "A roadside bomb killed four soldiers on the highway north of the town.")
    assert any(e.acled and e.acled[1] == "Remote explosive/landmine/IED" for e in evs), \
        [(e.trigger.text, e.acled) for e in evs]


def test_people_burned_to_death_are_attacked_not_property(nlp, detector):
    evs = detect(nlp, detector, "Several passengers were burned to death inside the bus, a witness said.")
    burn = [e for e in evs if e.trigger.text.lower().startswith("burn")]
    assert burn and burn[0].acled == ("Violence against civilians", "Attack"), [(e.trigger.text, e.acled) for e in evs]


def test_burned_houses_are_property_destruction(nlp, detector):
    evs = detect(nlp, detector, "Gunmen burned dozens of houses in the village overnight.")
    assert any(e.acled and e.acled[1] == "Looting/property destruction" for e in evs), \
        [(e.trigger.text, e.acled) for e in evs]


def test_contexts_come_from_near_the_event_or_strong_document_evidence(nlp, detector):
    text = ("Rebels attacked an army base outside the town on Monday, killing six soldiers.\n\n"
            "Troops returned fire and the army said it had killed several attackers.\n\n"
            "Separately, parliament is due to vote on the budget next month.")
    evs = detect(nlp, detector, text)
    attack = next(e for e in evs if e.trigger.text.lower().startswith("attack"))
    assert "military" in attack.contexts                 # army/troops throughout the article
    assert "election" not in attack.contexts             # a lone 'vote' two paragraphs away
    assert "legislative" not in attack.contexts
    later = [e for e in evs if e.evidence[0].start >= text.index("Separately")]
    assert all("legislative" in e.contexts for e in later)


def test_demonstrators_setting_fire_is_a_violent_demonstration(nlp, detector):
    evs = detect(nlp, detector, "In the market town, protesters set fire to a tax office, police said.")
    fire = [e for e in evs if e.type == "ASSAULT"]
    assert fire and fire[0].acled == ("Riots", "Violent demonstration"), [(e.trigger.text, e.acled) for e in evs]


def test_strikes_that_hit_a_market_are_from_the_air(nlp, detector):
    evs = detect(nlp, detector, "The strikes hit a crowded market in the northern town on Tuesday.")
    assert [(e.type, e.acled[1] if e.acled else None) for e in evs] == [("ASSAULT", "Air/drone strike")]


def test_a_workers_strike_is_still_a_protest(nlp, detector):
    evs = detect(nlp, detector, "Dock workers went on strike over unpaid wages.")
    assert any(e.type == "PROTEST" for e in evs)


def test_support_inside_a_group_name_is_no_event(nlp, detector):
    evs = detect(nlp, detector, "The Front to Support Peace and Justice is active in the area.")
    assert not any(e.type == "SUPPORT" for e in evs)


def test_raiders_on_motorcycles_are_no_car_bomb(nlp, detector):
    evs = detect(nlp, detector, "Gunmen riding motorcycles and a pick-up truck attacked the army post at dawn.")
    att = [e for e in evs if e.acled]
    assert att and all(e.acled[1] != "Remote explosive/landmine/IED" for e in att), [(e.trigger.text, e.acled) for e in att]


def test_who_condemns_an_attack_is_not_its_source(nlp, detector):
    evs = detect(nlp, detector, "The United Nations condemned the killings of aid workers in the province.")
    kill = [e for e in evs if e.type == "ASSAULT"]
    assert kill and not any("United Nations" in a.name for e in kill for a in e.source), \
        [(e.trigger.text, e.source) for e in kill]


def test_an_attack_launched_keeps_its_source(nlp, detector):
    evs = detect(nlp, detector, "Al-Shabaab fighters launched an attack on the army base near the town.")
    att = [e for e in evs if e.type == "ASSAULT"]
    assert att and any(a.name == "Al-Shabaab" for e in att for a in e.source), [(e.trigger.text, e.source) for e in att]


def test_an_attack_on_security_forces_near_a_home_town_is_a_clash(nlp, detector):
    evs = detect(nlp, detector, "Militants attacked police officers in Baiji, the home town of a former "
                                "governor, on Wednesday.")
    [e] = [e for e in evs if e.trigger.text == "attacked"]
    assert e.acled == ("Battles", "Armed clash"), e.acled


def test_an_attack_on_villagers_is_still_violence_against_civilians(nlp, detector):
    evs = detect(nlp, detector, "Gunmen attacked villagers in their homes near Baiji on Wednesday.")
    [e] = [e for e in evs if e.trigger.text == "attacked"]
    assert e.acled == ("Violence against civilians", "Attack"), e.acled
