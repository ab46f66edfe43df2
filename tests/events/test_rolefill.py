"""The trained role model fills a record's empty source after the merge (chronicle/events/rolefill.py),
but never with whoever only reports or talks about a deed. Texts written for these tests."""
from __future__ import annotations

import datetime as dt

import pytest

from chronicle.config import Settings
from chronicle.pipeline import Analysis, Pipeline
from chronicle.records import Article


@pytest.fixture(scope="module")
def pipes(nlp):
    from chronicle.run import Resources, stages

    res = Resources(settings=Settings.from_env(), nlp=nlp)
    full = Pipeline(stages(res))
    merge = next(s for s in full.stages if s.name == "merge")
    assert merge.roles is not None, \
        "the trained role model ships (make train writes chronicle/actors/model/roles.json.gz)"
    return full, merge


def records(pipes, text, *, fill=True):
    full, merge = pipes
    kept, merge.roles = merge.roles, (merge.roles if fill else None)
    try:
        [a] = list(full.run([Article(id="t", text=text, origin="t", published=dt.date(2023, 4, 20))]))
    finally:
        merge.roles = kept
    assert isinstance(a, Analysis)
    return [e for e in a.events if e.default_output]


def record(recs, word):
    return next(e for e in recs if e.trigger.text.lower().startswith(word))


TEXT = ("Fighting went on in the capital for a fifth day. In Khartoum, the army carried out air strikes on RSF "
        "positions in the south of the capital on Wednesday, residents said.")


def test_a_missing_doer_is_filled_from_the_role_model(pipes):
    before = record(records(pipes, TEXT, fill=False), "air strike")
    after = record(records(pipes, TEXT), "air strike")
    assert not before.source, f"the role rules name {before.source[0].name}: the example no longer tests the fill"
    assert [a.name for a in after.source] and "army" in after.source[0].text.lower()
    assert after.confidence == before.confidence          # the confidence was fitted on the rules' roles


def test_the_one_who_reports_a_deed_is_not_its_doer(pipes):
    recs = records(pipes, "GENEVA, April 20 - The UN refugee agency said on Thursday that more than 576,000 "
                          "people had been displaced in the north-west since the end of March.")
    e = record(recs, "displaced")
    assert not any("refugee" in a.text.lower() or a.name == "UNHCR" for a in e.source), e.source


def test_the_one_who_condemns_a_deed_is_not_its_doer(pipes):
    recs = records(pipes, "YANGON, April 20 - Several ethnic armed groups have condemned the crackdown on "
                          "protesters in Mandalay.")
    for e in recs:
        if e.trigger.text.lower().startswith("crackdown"):
            assert not e.source, e.source


def test_a_dateline_is_never_the_doer(pipes):
    recs = records(pipes, "KHARTOUM, April 20 - In Khartoum, the army carried out air strikes on RSF positions "
                          "in the south of the capital on Wednesday, residents said.")
    e = record(recs, "air strike")
    assert not any(a.start is not None and a.start < 20 for a in e.source), e.source
