"""The knowledge files load into one typed object, and every kind of mistake in them is an error
that names the file and line and says what to do (each kind has a test, on a copy of the files)."""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from chronicle.knowledge import ROOT, Knowledge, KnowledgeError, load, shipped
from chronicle.knowledge.schema import TriggerWords


@pytest.fixture
def copy(tmp_path) -> Path:
    dst = tmp_path / "knowledge"
    shutil.copytree(ROOT, dst, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return dst


def _edit(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace `old` (which must occur) and return the line it was on."""
    text = path.read_text()
    assert old in text, old
    line = text[:text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count))
    return line


def test_the_shipped_knowledge_loads_typed():
    kn = shipped()
    assert isinstance(kn, Knowledge) and isinstance(kn.triggers, TriggerWords)
    assert isinstance(kn.triggers.disaster, frozenset) and "earthquake" in kn.triggers.disaster
    assert kn.lexicon["attack"][0].type == "ASSAULT" and kn.plover.quad["ASSAULT"] == "material conflict"
    assert len(kn.trigger_rules) > 50 and len(kn.acled_rules) > 30


def test_every_rule_has_a_reason_an_example_and_a_counter_example():
    for book in (shipped().trigger_rules, shipped().acled_rules):
        for r in book:
            assert r.why and r.fires and r.spares, r.id


def test_a_class_reference_stands_for_the_words_of_that_class():
    w = shipped().triggers
    assert w.military_things < w.deployed_forces and w.diplomacy < w.ties


def test_an_unknown_word_class_is_named_with_its_line(copy):
    line = _edit(copy / "words" / "triggers.toml", "disaster = [", "disastre = [")
    with pytest.raises(KnowledgeError, match=rf"words/triggers.toml:{line}: unknown word class 'disastre'"):
        load(copy)


def test_a_missing_word_class_is_named(copy):
    text = (copy / "words" / "triggers.toml").read_text()
    (copy / "words" / "triggers.toml").write_text(re.sub(r"\nmonths = \[[^\]]*\]\n", "\n", text))
    with pytest.raises(KnowledgeError, match=r"words/triggers.toml: TriggerWords needs months"):
        load(copy)


def test_a_reference_to_an_unknown_class_is_named_with_its_line(copy):
    line = _edit(copy / "words" / "triggers.toml", '"@military_things"', '"@military_thing"')
    with pytest.raises(KnowledgeError, match=rf"words/triggers.toml:{line}: unknown word class '@military_thing'"):
        load(copy)


def test_a_word_listed_twice_is_named_with_its_line(copy):
    line = _edit(copy / "words" / "triggers.toml", 'months = ["March", "May"]', 'months = ["March", "May", "March"]')
    with pytest.raises(KnowledgeError, match=rf"words/triggers.toml:{line}: 'March' is listed twice in 'months'"):
        load(copy)


def test_a_duplicate_rule_id_is_named_with_its_line(copy):
    line = _edit(copy / "rules" / "triggers.toml", 'id = "label-as"', 'id = "set-up.needs-base"')
    with pytest.raises(KnowledgeError, match=rf"rules/triggers.toml:{line}: duplicate rule id 'set-up.needs-base' "
                                             r"\(first at rules/triggers.toml:\d+\)"):
        load(copy)


def test_a_rule_without_a_counter_example_is_refused(copy):
    path = copy / "rules" / "acled.toml"
    line = _edit(path, 'spares = ["A car bomb [exploded] near the market, killing six people."]', "")
    with pytest.raises(KnowledgeError, match=r"rules/acled.toml:\d+: needs at least one sentence"):
        load(copy)
    assert line


def test_an_example_must_mark_its_trigger(copy):
    _edit(copy / "rules" / "triggers.toml", "Officials described it as a terrorist [attack].",
          "Officials described it as a terrorist attack.")
    with pytest.raises(KnowledgeError, match=r"rules/triggers.toml:\d+: each example marks its trigger"):
        load(copy)


def test_a_rule_naming_an_unknown_class_or_type_is_refused(copy):
    _edit(copy / "rules" / "triggers.toml", 'lemmas = ["@soft_violence"]', 'lemmas = ["@soft_violent"]')
    with pytest.raises(KnowledgeError, match=r"rules/triggers.toml:\d+: unknown word class '@soft_violent' in rule 'disaster'"):
        load(copy)


def test_a_rule_without_a_condition_in_the_code_is_named(copy):
    from chronicle.events.triggers import TriggerFinder

    _edit(copy / "rules" / "triggers.toml", 'id = "label-as"', 'id = "label-as-such"')
    with pytest.raises(KnowledgeError, match=r"rules/triggers.toml:\d+: rule 'label-as-such' has no condition"):
        TriggerFinder(load(copy))


def test_a_bad_lexicon_row_is_named_with_its_line(copy):
    line = _edit(copy / "lexicon.tsv", "attack\t*\tASSAULT\t-\t3", "attack\t*\tASALT\t-\t3")
    with pytest.raises(KnowledgeError, match=rf"lexicon.tsv:{line}: unknown event type 'ASALT'"):
        load(copy)


def test_a_lexicon_mode_must_belong_to_its_type(copy):
    line = _edit(copy / "lexicon.tsv", "kill\tV\tASSAULT\t-\t3", "kill\tV\tASSAULT\tvisit\t3")
    with pytest.raises(KnowledgeError, match=rf"lexicon.tsv:{line}: ASSAULT has no mode 'visit'"):
        load(copy)


def test_a_duplicate_lexicon_row_is_named(copy):
    path = copy / "lexicon.tsv"
    path.write_text(path.read_text() + "attack\t*\tASSAULT\t-\t3\n")
    n = path.read_text().count("\n")
    with pytest.raises(KnowledgeError, match=rf"lexicon.tsv:{n}: duplicate row \(first at line \d+\)"):
        load(copy)


def test_a_file_that_is_not_toml_is_named(copy):
    (copy / "words" / "acled.toml").write_text("suicide = [\n")
    with pytest.raises(KnowledgeError, match=r"words/acled.toml: not valid TOML"):
        load(copy)


def test_every_date_word_the_patterns_match_has_a_value():
    """The date patterns stay in code (chronicle/time/expressions.py); the values they resolve to are
    data (words/time.toml): every word a pattern can match has one, and every relative day is found."""
    from chronicle.time import find_dates, resolve
    from chronicle.time import expressions as ex

    t = shipped().time
    assert {w.lower() for w in ex._WD_NAMES.split("|")} == set(t.weekdays)
    assert {w.lower() for w in ex._MON_NAMES.split("|")} <= set(t.months)
    assert set(ex._NUM.split(")")[0].split("|")[1:]) <= set(t.number_words)
    rel_day = next(p for name, p, _ in ex._PATTERNS if name == "rel_day")
    for phrase in t.relative_days:
        assert re.fullmatch(rel_day, phrase), phrase
        assert find_dates(phrase) and resolve(phrase, dt.date(2014, 6, 11)) is not None, phrase


def test_the_geo_words_are_validated_like_the_others(copy):
    """words/geo.toml (the place readers' words) is checked by the same loader: a word listed twice or
    an unknown class is named with its line."""
    line = _edit(copy / "words" / "geo.toml", 'titles = [\n    "mr", ', 'titles = [\n    "mr", "mr", ')
    with pytest.raises(KnowledgeError, match=rf"words/geo.toml:{line + 1}: 'mr' is listed twice in 'titles'"):
        load(copy)


def test_an_unknown_geo_class_is_named_with_its_line(copy):
    line = _edit(copy / "words" / "geo.toml", "noise = [", "noize = [")
    with pytest.raises(KnowledgeError, match=rf"words/geo.toml:{line}: unknown word class 'noize' for GazetteerWords"):
        load(copy)


def test_the_geo_words_keep_their_order_where_it_matters():
    g = shipped().geo
    assert g.resolve.direction_prefixes[:2] == ("north east", "north west")        # before "north"
    assert g.resolve.direction_prefixes.index("northern") < g.resolve.direction_prefixes.index("north")
    assert set(g.resolve.direction_prefixes) < g.resolve.inner_skip                # "@direction_prefixes"
    assert g.us_states["n y"] == "NY" and g.gazetteer.admin_words[0] == "governorate"
