"""Attribution on the bundled table (chronicle/attribute/gold/attribution_gold.tsv), one test per row."""
import dataclasses

import pytest

from chronicle.attribute import Attribution, attribute
from chronicle.eval.counts import attribution_errors, load_attribution_gold

# held-out rows the rules get wrong (found after tuning stopped; kept as they were written)
KNOWN_MISSES = {
    29: "the trigger sits in 'a plot to bomb' under 'foiled'; the acl under 'plot' is not reached",
    61: "'Officials did not confirm' names officials as a source; the table says no one reported it",
}

CASES = load_attribution_gold()


@pytest.mark.parametrize("case", [
    pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[c.row])) if c.row in KNOWN_MISSES
    else c for c in CASES], ids=[f"{c.row}-{c.split}-{c.trigger}" for c in CASES])
def test_attribution_row(nlp, case):
    assert attribution_errors(nlp, case) == []


def test_attribution_is_frozen(nlp):
    doc = nlp("Police said gunmen killed 5 people.")
    a = attribute(doc[:], doc[3], doc)
    assert a == Attribution("reported", ("Police",), False, False, False, "said")
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.certainty = "confirmed"


def test_source_determiners_are_trimmed(nlp):
    doc = nlp("About 500,000 people fled, according to the International Organization for Migration.")
    assert attribute(doc[:], doc[3], doc).attributed_to == ("International Organization for Migration",)


def test_no_casualties_does_not_negate_the_attack(nlp):
    doc = nlp("The attack caused no casualties.")
    assert attribute(doc[:], doc[1], doc).negated is False


def test_threaten_event_itself_is_not_hypothetical(nlp):
    doc = nlp("The militia threatened to storm the parliament.")
    threatened, storm = doc[2], doc[4]
    assert attribute(doc[:], threatened, doc).hypothetical is False
    assert attribute(doc[:], storm, doc).hypothetical is True


@pytest.mark.parametrize("text, trigger, expected", [
    ("The prime minister pressed parliament to declare a state of emergency.", "declare", (False, True)),
    ("The prime minister pressed parliament to declare a state of emergency.", "pressed", (False, False)),
    ("The governor accused commanders of lying and demanded they stand trial.", "stand", (False, True)),
    ("Police prevented a march on the palace.", "march", (True, False)),
    ("Police failed to prevent a march on the palace.", "march", (False, False)),
])
def test_requested_and_prevented_events(nlp, text, trigger, expected):
    doc = nlp(text)
    a = attribute(doc[:], next(t for t in doc if t.text == trigger), doc)
    assert (a.negated, a.hypothetical) == expected


def test_accusation_does_not_cover_a_conjoined_demand(nlp):
    doc = nlp("The governor accused commanders of lying and demanded they stand trial.")
    assert attribute(doc[:], doc[5], doc).certainty == "alleged"       # lying
    assert attribute(doc[:], doc[10], doc).certainty == "reported"     # stand


def test_parenthesised_acronym_is_dropped_from_the_source(nlp):
    doc = nlp("Four civilians were killed, the National Commission for Human Rights (NCHR) said.")
    assert attribute(doc[:], doc[3], doc).attributed_to == ("National Commission for Human Rights",)
