"""Event detection and coding on sentences written for these tests."""
from __future__ import annotations

import pytest

from chronicle.events import SUBTYPES, DetectStage, Detector, acled_type, event_id, find_triggers
from chronicle.events.lexicon import QUADS


@pytest.fixture(scope="module")
def detector():
    return DetectStage.from_resources(None).detector


def events(nlp, detector, text):
    evs, notes = detector.detect(nlp(text), "t")
    return evs, notes


# one sentence per ACLED sub-type (written for this test), and what the rules must say
SUBTYPE_CASES = [
    ("Rebels and government troops clashed for hours near the border town.", "Armed clash"),
    ("The army retook the town of Maridi from the rebels on Friday.", "Government regains territory"),
    ("Militants overran the town of Kelo after a night of fighting.", "Non-state actor overtakes territory"),
    ("Helicopters dropped barrels of chlorine gas on the village, medics said.", "Chemical weapon"),
    ("A drone strike hit a compound in the valley on Monday.", "Air/drone strike"),
    ("A suicide bomber blew himself up at a checkpoint, killing four soldiers.", "Suicide bomb"),
    ("Government forces shelled the eastern districts throughout the night.", "Shelling/artillery/missile attack"),
    ("A roadside bomb exploded as a police convoy passed.", "Remote explosive/landmine/IED"),
    ("Unknown men threw a grenade into a crowded market stall.", "Grenade"),
    ("Soldiers raped two women in the camp, the report said.", "Sexual violence"),
    ("Gunmen shot dead three villagers on their farms.", "Attack"),
    ("Gunmen kidnapped a priest from his parish house on Sunday.", "Abduction/forced disappearance"),
    ("Thousands of teachers protested peacefully outside the ministry.", "Peaceful protest"),
    ("Police fired tear gas to disperse students protesting against fees.", "Protest with intervention"),
    ("Troops opened fire on protesters, killing at least nine of them.", "Excessive force against protesters"),
    ("Rioters hurled stones at the police and torched cars during the protest.", "Violent demonstration"),
    ("An angry mob lynched a man accused of theft.", "Mob violence"),
    ("The two militias signed a ceasefire agreement after talks.", "Agreement"),
    ("Police arrested twelve suspected gang members in a dawn operation.", "Arrests"),
    ("Two rebel factions merged and pledged allegiance to a new commander.", "Change to group/activity"),
    ("Soldiers defused a bomb planted near the bridge.", "Disrupted weapons use"),
    ("The army established a new base near the frontier village.", "Headquarters or base established"),
    ("Fighters looted shops and burned houses in the village.", "Looting/property destruction"),
    ("The rebels handed over the town to the army under the deal.", "Non-violent transfer of territory"),
    ("Authorities imposed a curfew on the city after the unrest.", "Other"),
]


def test_every_acled_subtype_is_in_the_table():
    assert {sub for _, sub in SUBTYPE_CASES} == set(SUBTYPES)


@pytest.mark.parametrize("text,subtype", SUBTYPE_CASES)
def test_each_acled_subtype_is_reachable(nlp, detector, text, subtype):
    evs, _ = events(nlp, detector, text)
    got = {e.acled[1] for e in evs if e.acled}
    assert subtype in got, [(e.type, e.trigger.text, e.acled) for e in evs]
    for e in evs:
        if e.acled:
            assert SUBTYPES[e.acled[1]] == e.acled[0]


@pytest.mark.parametrize("text", [
    "The foreign ministers met in Geneva to discuss trade.",
    "An earthquake killed 40 people and destroyed hundreds of homes.",
    "A boiler exploded at the chemical plant, injuring two workers.",
    "The president praised the agreement on fisheries.",
])
def test_out_of_scope_events_get_no_acled_type(nlp, detector, text):
    evs, _ = events(nlp, detector, text)
    assert all(e.acled is None for e in evs), [(e.type, e.trigger.text, e.acled) for e in evs]


def test_several_events_in_one_sentence(nlp, detector):
    evs, _ = events(nlp, detector, "The gunmen stormed the ministry, kidnapped two guards and set fire to the archive.")
    assert [e.trigger.text for e in evs] == ["stormed", "kidnapped", "set fire"]
    assert len({e.id for e in evs}) == 3


def test_no_trigger_no_event_and_a_note(nlp, detector):
    evs, notes = events(nlp, detector, "The weather in the capital was mild and the shops were busy.")
    assert evs == []
    assert notes and "no sentence has an event trigger" in notes[0]


@pytest.mark.parametrize("text", ["The minister released a statement on Tuesday.",
                                  "Workers fired the old kiln at dawn.",
                                  "She signed the visitors' book."])
def test_ambiguous_words_are_not_events_without_their_context(nlp, detector, text):
    evs, _ = events(nlp, detector, text)
    assert evs == [], [(e.type, e.trigger.text) for e in evs]


def test_negation_passes_through(nlp, detector):
    evs, _ = events(nlp, detector, "The rebels did not attack the convoy.")
    assert len(evs) == 1 and evs[0].negated and not evs[0].default_output


def test_control_of_territory(nlp, detector):
    [e] = [e for e in events(nlp, detector, "Insurgents seized control of Dara from government forces.")[0]
           if e.control]
    assert e.control.gained_by.text == "Insurgents"
    assert e.control.lost_by is not None and "government forces" in e.control.lost_by.text


def test_handed_over_sets_who_lost(nlp, detector):
    evs, _ = events(nlp, detector, "The militia handed over the port to the coast guard.")
    [e] = [e for e in evs if e.control]
    assert e.control.lost_by.text.endswith("militia")


def test_running_example_paraphrase(nlp, detector):
    """Our own paraphrase of DESIGN.md's Mosul example."""
    text = ("Jihadist fighters overran Mosul on Sunday night, stormed government offices and seized army "
            "vehicles. Some 500,000 residents fled the city, according to the International Organization "
            "for Migration. Unconfirmed reports suggested militants attacked police posts in Tikrit on Wednesday. "
            "Syria's foreign ministry condemned the takeover and offered Iraq its support. "
            "The prime minister pressed parliament to declare an emergency.")
    evs, _ = events(nlp, detector, text)
    by = {e.trigger.text: e for e in evs}
    assert by["overran"].type == "ASSAULT" and by["overran"].control.gained_by.text == "Jihadist fighters"
    assert by["overran"].acled == ("Battles", "Non-state actor overtakes territory")
    assert by["fled"].counts.displaced.best == 500_000
    assert by["fled"].attributed_to == ("International Organization for Migration",)
    assert by["attacked"].certainty == "unconfirmed"
    assert by["condemned"].type == "ACCUSE" and by["condemned"].acled is None
    sup = next(e for t, e in by.items() if t.endswith("support"))     # "offered Iraq its support"
    assert sup.type == "SUPPORT" and sup.trigger.text.startswith("offered")
    assert by["pressed"].type == "REQUEST" and by["pressed"].quad == "verbal conflict"


def test_counts_attach_to_their_event(nlp, detector):
    evs, _ = events(nlp, detector, "Gunmen attacked a bus, killing 7, and police later arrested 3 suspects.")
    by = {e.type: e for e in evs}
    assert by["ASSAULT"].counts.killed.best == 7
    assert by["COERCE"].counts.arrested.best == 3


def test_ids_are_stable_and_records_serialise(nlp, detector):
    a, _ = events(nlp, detector, "Protesters rallied in the square.")
    b, _ = events(nlp, detector, "Protesters rallied in the square.")
    assert [e.id for e in a] == [e.id for e in b]
    assert a[0].id == event_id("t", a[0].trigger.start, a[0].trigger.end, a[0].type)
    j = a[0].to_json()
    assert j["quad"] == QUADS[j["type"]] and j["location"] is None and j["date"] is None
    assert 0.0 <= j["confidence"] <= 1.0 and j["historical"] is False


def test_confidence_is_higher_for_a_clear_attack_than_a_weak_trigger(nlp, detector):
    strong, _ = events(nlp, detector, "Militants attacked an army base, killing five soldiers.")
    weak, _ = events(nlp, detector, "He was hurt.")
    assert strong[0].confidence > weak[0].confidence


def test_stage_fills_events_and_notes(nlp):
    from chronicle.pipeline import Analysis
    from chronicle.records import Article

    stage = DetectStage(Detector())
    arts = [Article(id="a1", text="Police detained four activists.", origin="x"),
            Article(id="a2", text="It rained all day.", origin="y")]
    out = stage.run([Analysis(a, doc=nlp(a.text)) for a in arts])
    assert [len(a.events) for a in out] == [1, 0]
    assert out[0].events[0].article_id == "a1" and out[1].notes
    assert stage.name == "detect" and stage.needs == {"doc", "toponyms", "article.id"} and "events" in stage.provides


def test_acled_mapping_is_null_for_talk():
    assert acled_type("CONSULT", None, cues={"meet"}, sent={"meet"}, trigger="meet") is None
    assert acled_type("ACCUSE", "disapprove", cues={"condemn"}, sent={"condemn"}, trigger="condemn") is None


def test_find_triggers_merges_one_event(nlp):
    doc = nlp("Twelve people were killed in a bomb blast.")
    trs = find_triggers(next(doc.sents))
    assert len(trs) == 1 and trs[0].type == "ASSAULT"
