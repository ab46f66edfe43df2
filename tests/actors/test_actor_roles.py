"""Source/target roles from the parse, and the article's context country (texts written here)."""
from __future__ import annotations

import pytest

from chronicle.actors import ActorTable, context_country, roles


@pytest.fixture(scope="module")
def table():
    return ActorTable.load()


def _roles(nlp, table, text, trigger, country=None):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    src, tgt = roles(doc, tok.sent, tok.i, table=table, country=country)
    return [a.text for a in src], [a.text for a in tgt], src, tgt


def test_active_clause_subject_is_source_and_object_is_target(nlp, table):
    s, t, src, tgt = _roles(nlp, table, "Iraqi troops attacked Islamic State fighters near Mosul.", "attacked")
    assert (s, t) == (["Iraqi troops"], ["Islamic State fighters"])
    assert (src[0].name, src[0].kind, tgt[0].name) == ("Military Forces of Iraq", "MIL", "Islamic State")


def test_passive_agent_is_source_and_subject_is_target(nlp, table):
    s, t, _, tgt = _roles(nlp, table, "Five soldiers were killed by al-Shabaab militants on Monday.", "killed",
                          country="SOM")
    assert s == ["al-Shabaab militants"]
    assert t == ["Five soldiers"]
    assert tgt[0].name == "Military Forces of Somalia"


def test_conjoined_subjects_are_separate_sources(nlp, table):
    s, t, src, _ = _roles(nlp, table, "Hamas and Islamic Jihad fired rockets at Israel.", "fired")
    assert s == ["Hamas", "Islamic Jihad"]
    assert [a.name for a in src] == ["Hamas", "Palestinian Islamic Jihad"]
    assert t == ["Israel"]


def test_conjoined_verb_inherits_the_subject(nlp, table):
    s, t, _, _ = _roles(nlp, table, "Gunmen stormed the village and abducted twenty students.", "abducted")
    assert s == ["Gunmen"]
    assert t == ["twenty students"]


def test_against_phrase_gives_the_target_of_an_event_noun_object(nlp, table):
    s, t, _, _ = _roles(nlp, table, "Russian forces launched a missile attack on Ukrainian positions.", "launched")
    assert s == ["Russian forces"]
    assert t == ["Ukrainian positions"]


def test_pronoun_subject_of_reported_clause_is_the_speaker(nlp, table):
    s, t, _, _ = _roles(nlp, table, "Kenya says it will not accept Somali refugees.", "accept")
    assert s == ["Kenya"]
    assert t == ["Somali refugees"]


def test_offsets_point_into_the_text(nlp, table):
    text = "On Sunday, Nigerian troops arrested three Boko Haram commanders."
    doc = nlp(text)
    tok = next(t for t in doc if t.text == "arrested")
    src, tgt = roles(doc, tok.sent, tok.i, table=table, country=None)
    for a in src + tgt:
        assert text[a.start:a.end] == a.text
    assert src[0].text == "Nigerian troops"


def test_generic_actor_takes_the_context_country(nlp, table):
    doc = nlp("Security forces fired on protesters in Baghdad, Iraqi officials said.")
    country = context_country(doc, table)
    assert country == "IRQ"
    src, tgt = roles(doc, doc[:], 2, table=table, country=country)
    assert src[0].name == "Military Forces of Iraq"
    assert tgt[0].name == "Protesters (Iraq)"


def test_an_unknown_actor_is_kept_as_unresolved(nlp, table):
    _, _, src, _ = _roles(nlp, table, "A shadowy outfit called Blue Dawn bombed the depot.", "bombed")
    assert src and src[0].kind == "UNK"


def test_a_trigger_outside_the_document_is_refused(nlp, table):
    doc = nlp("Police arrested him.")
    with pytest.raises(IndexError, match="outside the document"):
        roles(doc, doc[:], 99, table=table, country=None)


def test_missing_doc_gives_no_roles(table):
    assert roles(None, None, 0, table=table, country=None) == ((), ())


@pytest.mark.parametrize("text,country", [
    ("Militants attacked a convoy near Mogadishu on Sunday. Somali officials blamed al-Shabaab.", "SOM"),
    ("The Kremlin said its forces had advanced. Ukrainian officials denied it. Russia's army ...", "RUS"),
    ("Gunmen killed 12 villagers in Zamfara state, Nigerian police said.", "NGA"),
    ("It rained all day and nobody went out.", None),
])
def test_context_country_is_the_state_the_article_points_to(nlp, table, text, country):
    assert context_country(nlp(text), table) == country


def test_context_country_of_nothing_is_none(table):
    assert context_country(None, table) is None


@pytest.mark.parametrize("text,trigger,name", [
    ("Israeli airstrikes on Gaza killed 20 people.", "airstrikes", "Military Forces of Israel"),
    ("Russian shelling of Kharkiv killed three people.", "shelling", "Military Forces of Russia"),
])
def test_a_state_modifier_of_a_force_noun_trigger_is_that_force(nlp, table, text, trigger, name):
    _, _, src, _ = _roles(nlp, table, text, trigger)
    assert [a.name for a in src] == [name]


def test_the_act_an_actor_is_accused_of_stays_out_of_the_target_span(nlp, table):
    _, t, _, tgt = _roles(nlp, table, "Amnesty International accused the Nigerian military of killing civilians.",
                          "accused")
    assert t == ["the Nigerian military"]
    assert tgt[0].name == "Military Forces of Nigeria"


@pytest.mark.parametrize("text,trigger", [
    ("Syria's foreign ministry condemned the seizure of Mosul by militants.", "condemned"),
    ("Rebels captured Nyanzale after heavy fighting.", "captured"),
    ("Thousands of residents fled to Kabul.", "fled"),
])
def test_a_place_is_not_a_target(nlp, table, text, trigger):
    _, t, _, _ = _roles(nlp, table, text, trigger)
    assert t == []


def test_a_capital_spoken_to_is_its_government(nlp, table):
    _, t, _, tgt = _roles(nlp, table, "The Taliban issued an ultimatum to Washington.", "issued")
    assert [a.name for a in tgt] == ["Government of United States"]


@pytest.mark.parametrize("text,trigger", [
    ("Militants seized its consulate in the city.", "seized"),
    ("Police fired tear gas at the crowd.", "fired"),
])
def test_things_are_not_actors(nlp, table, text, trigger):
    _, t, _, tgt = _roles(nlp, table, text, trigger)
    assert all(a.kind != "UNK" for a in tgt), t
    assert "its consulate" not in t and "tear gas" not in t


def test_a_headline_and_dateline_stay_out_of_the_subject(nlp, table):
    text = "Rebels seize town\n\nGOMA, Congo, March 6, 2024 (Lakes Report) — M23 rebels captured Nyanzale."
    doc = nlp(text)
    tok = next(t for t in doc if t.text == "captured")
    src, _ = roles(doc, tok.sent, tok.i, table=table, country=None)
    assert [a.text for a in src] == ["M23 rebels"]
    assert src[0].name == "M23"


def test_they_is_the_doer_of_the_sentence_before_not_its_witness(nlp, table):
    text = ("Gunmen in pick-up trucks entered the city on Sunday, residents said. "
            "By Tuesday they had raided the police station.")
    s, _, src, _ = _roles(nlp, table, text, "raided", country="IRQ")
    assert s == ["they"]
    assert src[0].name == "Unidentified armed men (Iraq)"
    assert text[src[0].start:src[0].end] == "they"


def test_he_is_the_titled_person_before_it(nlp, table):
    _, _, src, _ = _roles(nlp, table, "The governor of Borno was killed hours after he accused the army of abuses.",
                          "accused", country="NGA")
    assert [a.name for a in src] == ["Government of Nigeria"]


def test_an_unresolvable_pronoun_is_left_out(nlp, table):
    s, _, _, _ = _roles(nlp, table, "It rained. They attacked the convoy.", "attacked")
    assert s == []


def test_a_name_split_at_its_and_is_one_actor(nlp, table):
    s, _, src, _ = _roles(nlp, table, "Fighters of the Islamic State of Iraq and the Levant (ISIS) have taken "
                          "control of Mosul.", "taken", country="IRQ")
    assert [a.name for a in src] == ["Islamic State"]
    assert s == ["Fighters of the Islamic State of Iraq and the Levant (ISIS)"]


def _toponym(doc, text, iso2):
    from chronicle.records import Place, Precision, Toponym

    start = doc.text.index(text)
    return Toponym(text, start, start + len(text),
                   Place(1, text, 0.0, 0.0, iso2, Precision.PLACE, feature="P.PPL"), 1.0)


def test_resolved_towns_vote_for_their_country(nlp, table):
    doc = nlp("Shelling in Donetsk and Bakhmut killed four people. Russian diplomats met in Moscow.")
    assert context_country(doc, table) == "RUS"
    tops = [_toponym(doc, "Donetsk", "UA"), _toponym(doc, "Bakhmut", "UA")]
    assert context_country(doc, table, toponyms=tops) == "UKR"


def test_unresolved_toponyms_and_unknown_codes_give_no_vote(nlp, table):
    from chronicle.records import Toponym

    doc = nlp("Gunmen attacked a checkpoint near Baghdad, Iraqi officials said.")
    tops = [Toponym("Baghdad", 34, 41, None, 0.0), _toponym(doc, "checkpoint", "ZZ")]
    assert context_country(doc, table, toponyms=tops) == "IRQ"
