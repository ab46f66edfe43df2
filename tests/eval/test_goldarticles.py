"""The whole-article gold set's format: quotes are found once in the text, fields are checked, and
every committed gold file is valid against ../shared/data. Bad gold inputs are written here."""
from __future__ import annotations

import json

import pytest

from chronicle.eval.goldarticles import GOLD_DIR, GoldError, load, load_all, locate

TEXT = "Gunmen attacked a checkpoint on Sunday. The attack killed 12 soldiers.\n\nThe attack was condemned."


def test_a_quote_gives_the_offsets_of_its_bracketed_trigger():
    m = locate("The attack [killed] 12", TEXT)
    assert TEXT[m.start:m.end] == "killed" and TEXT[m.context[0]:m.context[1]] == "The attack killed 12"


def test_case_spaces_and_curly_quotes_do_not_matter():
    m = locate("gunmen   [ATTACKED] a", "Gunmen attacked a post. It’s done.")
    assert (m.start, m.end) == (7, 15)


@pytest.mark.parametrize("quote, says", [
    ("The [attack]", "add words"),                     # twice in the text
    ("a [bombing] happened", "is not in the text"),
    ("The attack killed 12", "exactly one [trigger]"),
    ("The [] attack", "are empty"),
])
def test_a_bad_quote_says_what_to_fix(quote, says):
    with pytest.raises(GoldError, match=says.replace("[", r"\[").replace("]", r"\]")):
        locate(quote, TEXT)


def _write(tmp_path, doc: dict, name: str = "wikievents__road_ied_8.json"):
    p = tmp_path / name
    p.write_text(json.dumps(doc), encoding="utf-8")
    return p


BASE = {"doc": "wikievents/road_ied_8", "split": "tune", "published": "2020-08-19"}


@pytest.mark.data
@pytest.mark.parametrize("happening, says", [
    ({"mentions": ["Roadside IED [kills] Russian"], "type": "BOMB"}, "not a PLOVER type"),
    ({"mentions": ["Roadside IED [kills] Russian"], "type": "ASSAULT", "acled": "Car bomb"}, "not an ACLED"),
    ({"mentions": [], "type": "ASSAULT"}, "at least one mention"),
    ({"mentions": ["Roadside IED [kills] Russian"], "type": "ASSAULT", "date": {"start": "2020-08-19",
                                                                              "end": "2020-08-01"}}, "end not before"),
    ({"mentions": ["Roadside IED [kills] Russian"], "type": "ASSAULT", "counts": {"dead": 2}}, "unknown count"),
    ({"mentions": ["Roadside IED [kills] Russian"], "type": "ASSAULT", "place": {"name": "X", "country": "SYR"}},
     "alpha-2"),
    ({"mentions": ["Roadside IED [kills] Russian"], "type": "ASSAULT", "who": "me"}, "unknown field"),
])
def test_a_bad_gold_file_names_the_file_and_the_field(tmp_path, data_dir, happening, says):
    p = _write(tmp_path, {**BASE, "happenings": [happening]})
    with pytest.raises(GoldError, match=says) as e:
        load(p, data_dir)
    assert p.name in str(e.value)


@pytest.mark.data
def test_a_file_named_for_another_document_is_refused(tmp_path, data_dir):
    with pytest.raises(GoldError, match="named"):
        load(_write(tmp_path, {**BASE, "happenings": []}, name="wikievents__other.json"), data_dir)


@pytest.mark.data
def test_every_committed_gold_file_is_valid(data_dir):
    docs = load_all(GOLD_DIR, data_dir)
    assert len(docs) >= 111
    assert {d.split for d in docs} == {"tune", "heldout", "train"}
    assert sum(len(d.happenings) for d in docs if d.split in ("tune", "heldout")) >= 300
