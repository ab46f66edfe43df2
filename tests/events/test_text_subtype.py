"""A short text's ACLED sub-type (chronicle.events.detect.text_subtype): a protest's sub-type is read
over the whole text, and clashes or violence at a protest make it a violent demonstration.
Texts written for these tests."""
from __future__ import annotations

import pytest

from chronicle.events import DetectStage
from chronicle.events.acled import protest_subtype
from chronicle.events.detect import main_event, text_subtype


@pytest.fixture(scope="module")
def detector():
    return DetectStage.from_resources(None).detector


def test_clashes_at_a_protest_are_a_violent_demonstration():
    assert protest_subtype({"protester", "clash", "police"}) == "Violent demonstration"
    assert protest_subtype({"protester", "violence"}) == "Violent demonstration"
    # soft policing alone stays an intervention, a quiet march stays peaceful
    assert protest_subtype({"protester", "tear", "gas", "disperse"}) == "Protest with intervention"
    assert protest_subtype({"protester", "march", "banner"}) == "Peaceful protest"


def test_a_protest_outcome_told_in_another_sentence_counts(nlp, detector):
    doc = nlp("Thousands of teachers rallied in the capital on Monday against the pay freeze. "
              "Later in the evening clashes broke out between riot police and the marchers near parliament.")
    evs, _ = detector.detect(doc, "t")
    assert text_subtype(evs, doc) == ("Riots", "Violent demonstration"), [
        (e.trigger.text, e.acled) for e in evs]


def test_text_subtype_leaves_other_events_as_the_main_event_reads_them(nlp, detector):
    doc = nlp("Rebels ambushed an army convoy near the border town on Tuesday, killing four soldiers. "
              "Residents later held a quiet vigil for the dead.")
    evs, _ = detector.detect(doc, "t")
    m = main_event([e for e in evs if e.acled], doc)
    assert m is not None and text_subtype(evs, doc) == m.acled
    assert text_subtype([], doc) is None
