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
