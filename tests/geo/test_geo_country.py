"""Right country, capitals, group names and reporting places, on sentences written for these tests."""
from __future__ import annotations

from chronicle.geo.recognize import Mention, recognize
from chronicle.geo.resolve import resolve
from chronicle.geo.stages import LocateStage
from chronicle.pipeline import Analysis
from chronicle.records import Article, Event, Precision, Span


def geoparse(nlp, gaz, text):
    doc = nlp(text)
    return doc, resolve(recognize(doc, gaz), gaz, text=text)


def given(gaz, text, *names):
    """Resolve the given names (the spans a gold file would give) in the text."""
    ms, at = [], 0
    for n in names:
        i = text.index(n, at)
        ms.append(Mention(n, i, i + len(n), "entity"))
        at = i + len(n)
    return resolve(ms, gaz, text=text)


def test_the_somali_capital_is_mogadishu(nlp, gaz):
    _, tops = geoparse(nlp, gaz, "A car bomb exploded near a checkpoint in the Somali capital on Sunday.")
    cap = next(t for t in tops if "capital" in t.text)
    assert cap.place.name == "Mogadishu" and cap.place.precision == Precision.PLACE


def test_capital_punishment_is_no_place(nlp, gaz):
    _, tops = geoparse(nlp, gaz, "Iraqi capital punishment laws were debated by lawmakers.")
    assert not any(t.place is not None and t.place.name == "Baghdad" for t in tops)


def test_a_group_named_like_a_place_is_not_a_place(nlp, gaz):
    _, tops = geoparse(nlp, gaz, "Rescuers from the White Helmets pulled two children from the rubble in Idlib.")
    assert not any("Helmets" in t.text for t in tops)


def test_a_town_and_its_state_vouch_for_each_other(gaz):
    text = "Police in Albany arrested a man on Friday. The Georgia Bureau of Investigation took over the case."
    albany, georgia = given(gaz, text, "Albany", "Georgia")
    assert (albany.place.country, georgia.place.country) == ("US", "US")
    assert georgia.place.precision == Precision.ADMIN1


def test_a_country_alone_is_still_the_country(gaz):
    text = "Troops crossed into Georgia on Friday, officials in Tbilisi said."
    georgia, _ = given(gaz, text, "Georgia", "Tbilisi")
    assert georgia.place.country == "GE" and georgia.place.precision == Precision.COUNTRY


def test_province_and_city_words_choose_the_area_or_the_town(gaz):
    text = "Fighting spread across Kherson region, and troops pressed towards the city of Kherson."
    area, town = given(gaz, text, "Kherson", "Kherson")
    assert area.place.precision == Precision.ADMIN1 and town.place.precision == Precision.PLACE


def test_initials_and_names_inside_names(gaz):
    text = "South Africa has vast reserves. That SA holds them is known, and the Bank of Japan agreed."
    _, sa, boj = given(gaz, text, "South Africa", "SA", "Bank of Japan")
    assert sa.place.country == "ZA" and boj.place.country == "JP"


def test_a_demonym_does_not_make_a_local_town_foreign(gaz):
    text = "The Irish pub in Rock Hill hosted a party, and Rock Hill police closed Main Street."
    rock = given(gaz, text, "Rock Hill")[0]
    assert rock.place is not None and rock.place.country == "US"


def _locate(nlp, gaz, text, trigger):
    doc = nlp(text)
    tops = tuple(resolve(recognize(doc, gaz), gaz, text=text))
    start = text.index(trigger)
    ev = Event(id="e1", article_id="a1", type="ASSAULT", quad="material conflict",
               trigger=Span(trigger, start, start + len(trigger)), evidence=())
    a = Analysis(Article(id="a1", text=text, origin="test"), doc=doc, toponyms=tops, events=(ev,))
    return LocateStage(gaz).run([a])[0].events[0].location


def test_where_it_was_said_abroad_is_not_where_it_happened(nlp, gaz):
    text = ("Government forces pressed on in Syria, where Syrian troops shelled Idlib. "
            "In Geneva, the UN human rights chief said on Monday that strikes on markets might amount to war crimes.")
    loc = _locate(nlp, gaz, text, "strikes")
    assert loc is not None and loc.place.country == "SY"


def test_a_speaker_inside_the_story_area_still_places_the_event(nlp, gaz):
    text = ("Iraqi forces fought in Iraq for a week. A police officer in Samarra said at least 12 members of the "
            "security forces had been killed in clashes overnight.")
    loc = _locate(nlp, gaz, text, "killed")
    assert loc.text == "Samarra"
