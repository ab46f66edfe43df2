"""The candidate ranker with 'none', unresolved places, fuzzy variants and the admin areas, on
sentences written for these tests."""
from __future__ import annotations

import gzip

import pytest

from chronicle.geo.fuzzy import edit_distance, fuzzy_candidates
from chronicle.geo.gazetteer import DATA
from chronicle.geo.logit import fit, score
from chronicle.geo.ranker import decide, load_ranker
from chronicle.geo.recognize import recognize
from chronicle.geo.resolve import options, resolve
from chronicle.records import Location, Precision


def toponyms(nlp, gaz, text):
    doc = nlp(text)
    return {t.text: t for t in resolve(recognize(doc, gaz), gaz, text=text)}


@pytest.mark.parametrize("a,b,d", [("letpadan", "letpandan", 1), ("bola", "bhola", 1), ("mosul", "mosul", 0),
                                   ("kirkuk", "karbala", 3)])
def test_edit_distance(a, b, d):
    assert edit_distance(a, b, 2) == min(d, 3)


def test_fuzzy_variants_only_in_the_articles_countries(gaz):
    assert [c.place.name for c, _ in fuzzy_candidates("Letpadan", gaz, {"MM"})][:1] == ["Letpandan"]
    assert fuzzy_candidates("Letpadan", gaz, {"US"}) == []


def test_a_transliteration_variant_is_a_candidate_and_no_namesake_abroad_wins(nlp, gaz):
    text = "Floods hit Bola district near Dhaka in Bangladesh."
    doc = nlp(text)
    groups = {g.mention.text: g for g in options(recognize(doc, gaz), gaz, text=text)}
    bola = groups["Bola"]
    assert "Bhola" in [c.place.name for c in bola.candidates]            # fuzzy, within Bangladesh
    assert any("fuzzy" in f for f in bola.features)
    t = toponyms(nlp, gaz, text)["Bola"]                                # Bhola, or unresolved in Bangladesh
    assert t.place.country == "BD" and (t.place.name == "Bhola" or t.place.precision == Precision.UNRESOLVED)


def test_an_unknown_village_stays_unresolved_in_the_area_the_text_names(nlp, gaz):
    t = toponyms(nlp, gaz, "The strikes hit Jinwar, Hasakah province, near the Turkish border in Syria.")["Jinwar"]
    assert t.place.precision == Precision.UNRESOLVED
    assert (t.place.geonameid, t.place.country, t.place.name) == (None, "SY", "Jinwar")
    assert t.place.admin1 is not None                   # the province's name, and its point


def test_a_neighbourhood_is_not_a_namesake_town_far_from_the_city_it_is_in(nlp, gaz):
    t = toponyms(nlp, gaz, "Clashes erupted in Rampura in Dhaka, Bangladesh.")["Rampura"]
    assert t.place is None or t.place.name != "Rangpur"
    assert t.place is None or t.place.country == "BD"


def test_no_candidate_in_a_country_the_article_does_not_name(nlp, gaz):
    text = ("Fighters of the Syrian Democratic Forces shelled Baghuz in Deir ez-Zor province. "
            "Officials in Washington welcomed the advance on Hajin and Baghuz.")
    for t in toponyms(nlp, gaz, text).values():
        if t.text == "Baghuz":
            assert t.place is None or t.place.country == "SY"


def test_none_wins_when_its_score_is_higher():
    model = {"weights": {"none:bias": 2.0, "logpop": 1.0}}
    assert decide([{"logpop": 0.5}], {"none:bias": 1.0}, model)[0] is None
    assert decide([{"logpop": 3.0}], {"none:bias": 1.0}, model)[0] == 0
    assert decide([{"logpop": 3.0}], {"none:bias": 1.0}, model, allowed=[False])[0] is None


def test_logit_learns_the_right_option():
    w = fit([[{"a": 1.0}, {"b": 1.0}]] * 5, [[1.0, 0.0]] * 5, steps=200)
    assert score({"a": 1.0}, w) > score({"b": 1.0}, w)


def test_ranker_file_is_a_trained_model():
    m = load_ranker()
    assert "LGL" in m["trained_on"] and len(m["weights"]) > 20
    assert {"hand", "logpop", "none:bias", "fuzzy"} <= set(m["weights"])


def test_admin_areas_carry_geonames_ids_and_points():
    with gzip.open(DATA / "admin.tsv.gz", "rt", encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        rows = [dict(zip(header, line.rstrip("\n").split("\t"))) for line in f]
    assert len(rows) > 40_000
    for r in rows:
        assert int(r["geonameid"]) > 0 and r["level"] in ("1", "2") and len(r["cc"]) == 2, r
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180, r


@pytest.mark.parametrize("name,cc,geonameid", [("Cobb County", "US", 4188547), ("Nineveh", "IQ", 92877),
                                               ("Rautahat", "NP", None)])
def test_districts_and_provinces_have_real_ids(gaz, name, cc, geonameid):
    top = next(c for c in gaz.lookup(name) if c.place.precision in (Precision.ADMIN1, Precision.ADMIN2))
    assert top.place.country == cc and top.place.geonameid > 0
    if geonameid:
        assert top.place.geonameid == geonameid


def test_an_unresolved_location_keeps_the_json_contract(nlp, gaz):
    t = toponyms(nlp, gaz, "The strikes hit Jinwar, Hasakah province, near the Turkish border in Syria.")["Jinwar"]
    j = Location(t.text, t.place, t.start, t.end).to_json()
    assert j["precision"] == "unresolved" and j["geonameid"] is None and j["country"] == "SY"
    assert set(j) >= {"text", "name", "geonameid", "lat", "lon", "country", "admin1", "admin2", "precision"}


def test_gate_keeps_what_clears_its_margin(nlp, gaz):
    from chronicle.geo.gate import gate, load_gate

    doc = nlp("Fighting spread from Mosul to the outskirts of Kirkuk, the Iraqi army said.")
    ms = recognize(doc, gaz, gated=False)
    keep_all = {"weights": {"gate:bias": 1.0}, "margin": 0.0}
    drop_all = {"weights": {"gate:drop": 1.0}, "margin": 0.0}
    assert gate(doc, ms, gaz, model=keep_all) == ms
    assert [m.kind for m in gate(doc, ms, gaz, model=drop_all)] == ["entity", "entity"]   # spaCy's places pass
    assert "Iraqi" in [m.text for m in ms]                                                  # a demonym is judged
    trained = load_gate()
    assert "LGL" in trained["trained_on"] and trained["margin"] <= 0 and len(trained["weights"]) > 30
    assert [m.text for m in recognize(doc, gaz)][:2] == ["Mosul", "Kirkuk"]


def test_kurdish_names_no_country(nlp, gaz):
    tops = toponyms(nlp, gaz, "Kurdish fighters pushed into Hajin in eastern Syria.")
    assert all(t.place is None or t.place.country == "SY" for t in tops.values())


def test_the_town_a_report_is_filed_from(gaz):
    from chronicle.geo.locate import dateline_place

    assert dateline_place("kochi: the league's leaders said on Wednesday ...", gaz).name == "Kochi"
    assert dateline_place("KANDAHAR, Afghanistan, Oct. 3 (Agency) -- Seven ...", gaz).country == "AF"
    assert dateline_place("Police said: the men were held.", gaz) is None
