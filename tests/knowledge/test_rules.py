"""Generated from the rule records (chronicle/knowledge/rules/*.toml), one set per rule id: each
rule decides the sentences written for it; its near misses reach it (or an earlier rule takes them)
and it leaves them alone; and it matters — switched off, each of its sentences comes out differently.
A condition without a record, or a record without a condition, fails too (such a rule never runs)."""
from __future__ import annotations

import pytest

from chronicle.events import DetectStage
from chronicle.events.acled import CONDITIONS as ACLED_CONDITIONS, AcledCoder
from chronicle.events.trigger_rules import CONDITIONS as TRIGGER_CONDITIONS
from chronicle.events.triggers import TriggerFinder
from chronicle.knowledge import shipped, split_example
from chronicle.nlp.parse import lemma

KN = shipped()
TRIGGER_IDS = [r.id for r in KN.trigger_rules]
ACLED_IDS = [r.id for r in KN.acled_rules]
_docs: dict = {}


def _parse(nlp, sentence):
    if sentence not in _docs:
        text, start, _ = split_example(sentence)
        _docs[sentence] = (nlp(text), start)
    return _docs[sentence]


def _trigger_decision(nlp, finder: TriggerFinder, sentence: str):
    """(reading or None, deciding rule id, ids of the rules asked) for the bracketed word."""
    doc, start = _parse(nlp, sentence)
    tok = next(t for t in doc if t.idx == start)
    sent_lemmas = {lemma(t) for t in tok.sent} | {t.lower_ for t in tok.sent}
    entries = finder.lexicon.get(lemma(tok)) or finder.lexicon.get(tok.lower_)
    assert entries, f"{sentence!r}: {tok.text!r} is not in the lexicon"
    trace: list = []
    got = finder.decide(tok, entries, sent_lemmas, trace)
    reading = None if got[0] is None else (got[1], got[2], got[3], tuple(x.i for x in got[4]))
    return reading, got[-1], trace


@pytest.fixture(scope="module")
def finder():
    return TriggerFinder(KN)


@pytest.fixture(scope="module")
def detector():
    return DetectStage.from_resources(None).detector


def _acled_input(nlp, detector, sentence):
    """What the ACLED mapping read for the event whose trigger is the bracketed word."""
    doc, start = _parse(nlp, sentence)
    decided: dict = {}
    events, _ = detector.detect(doc, "rule-test", decided=decided)
    ev = next((e for e in events if e.trigger.start <= start < e.trigger.end), None)
    assert ev is not None, f"{sentence!r}: no event at the bracketed word; found {[e.trigger.text for e in events]}"
    return decided[ev.id].acled_input


def test_every_trigger_condition_has_a_record():
    assert set(TRIGGER_CONDITIONS) == set(TRIGGER_IDS)


def test_every_acled_condition_has_a_record():
    assert set(ACLED_CONDITIONS) == set(ACLED_IDS)


@pytest.mark.parametrize("rule_id", TRIGGER_IDS)
def test_trigger_rule_decides_its_sentences(nlp, finder, rule_id):
    for sentence in KN.trigger_rules.by_id[rule_id].fires:
        reading, by, _ = _trigger_decision(nlp, finder, sentence)
        assert by == rule_id, f"{sentence!r} was decided by {by} ({reading}), not {rule_id}"


@pytest.mark.parametrize("rule_id", TRIGGER_IDS)
def test_trigger_rule_spares_its_near_misses(nlp, finder, rule_id):
    for sentence in KN.trigger_rules.by_id[rule_id].spares:
        _, by, trace = _trigger_decision(nlp, finder, sentence)
        assert by != rule_id, f"{rule_id} decided its counter-example {sentence!r}"
        assert rule_id in trace or by in KN.trigger_rules.by_id, \
            f"{sentence!r} never reached {rule_id} (asked: {trace}); write a nearer miss"


@pytest.mark.parametrize("rule_id", TRIGGER_IDS)
def test_switching_off_a_trigger_rule_changes_its_sentences(nlp, finder, rule_id):
    off = TriggerFinder(KN.without_rule("trigger_rules", rule_id))
    for sentence in KN.trigger_rules.by_id[rule_id].fires:
        on_reading, _, _ = _trigger_decision(nlp, finder, sentence)
        off_reading, by, _ = _trigger_decision(nlp, off, sentence)
        assert off_reading != on_reading, f"without {rule_id}, {by} reads {sentence!r} the same: the rule is redundant"


@pytest.mark.parametrize("rule_id", ACLED_IDS)
def test_acled_rule_decides_its_sentences(nlp, detector, rule_id):
    coder = AcledCoder(KN)
    for sentence in KN.acled_rules.by_id[rule_id].fires:
        got, by = coder.code(_acled_input(nlp, detector, sentence))
        assert by == rule_id, f"{sentence!r} was decided by {by} ({got}), not {rule_id}"


@pytest.mark.parametrize("rule_id", ACLED_IDS)
def test_acled_rule_spares_its_near_misses(nlp, detector, rule_id):
    coder = AcledCoder(KN)
    for sentence in KN.acled_rules.by_id[rule_id].spares:
        trace: list = []
        got, by = coder.code(_acled_input(nlp, detector, sentence), trace)
        assert by != rule_id, f"{rule_id} decided its counter-example {sentence!r} ({got})"
        assert rule_id in trace or by in KN.acled_rules.by_id, \
            f"{sentence!r} never reached {rule_id} (asked: {trace}); write a nearer miss"


@pytest.mark.parametrize("rule_id", ACLED_IDS)
def test_switching_off_an_acled_rule_changes_its_sentences(nlp, detector, rule_id):
    on, off = AcledCoder(KN), AcledCoder(KN.without_rule("acled_rules", rule_id))
    for sentence in KN.acled_rules.by_id[rule_id].fires:
        x = _acled_input(nlp, detector, sentence)
        (got, _), (got_off, by) = on.code(x), off.code(x)
        assert got_off != got, f"without {rule_id}, {by} codes {sentence!r} the same ({got}): the rule is redundant"


def test_a_detector_uses_the_knowledge_it_is_given(nlp, detector):
    """The knowledge is handed to the engines, not read from a module: a detector given knowledge
    without a rule no longer applies it."""
    from chronicle.events.detect import Detector

    doc = nlp("The president declared his candidacy on Monday.")
    assert not detector.detect(doc, "k")[0]
    off = Detector(knowledge=KN.without_rule("trigger_rules", "declare.needs-measure"))
    assert [e.type for e in off.detect(doc, "k")[0]] == ["COERCE"]
