"""One record per happening (issue 10): the judge's features and reasons, within-article
coreference, actors settled over the article, the linear model. Texts written for these tests."""
from __future__ import annotations

import datetime as dt

import pytest

from chronicle.config import Settings
from chronicle.events.judge import article_context, features
from chronicle.events.linear import LogisticModel
from chronicle.pipeline import Analysis, Pipeline
from chronicle.records import Article


@pytest.fixture(scope="module")
def pipeline(nlp):
    from chronicle.run import Resources, stages

    res = Resources(settings=Settings.from_env(), nlp=nlp)
    return Pipeline(stages(res)), Pipeline([s for s in stages(res) if s.name not in ("judge", "merge")])


def run(pipeline, text, *, published=dt.date(2021, 3, 10), raw=False):
    full, candidates = pipeline
    art = Article(id="t", text=text, origin="t", published=published)
    [a] = list((candidates if raw else full).run([art]))
    assert isinstance(a, Analysis)
    return a


def feats_of(a, word):
    ctx = article_context(a.doc, a.events, a.article.published)
    e = next(e for e in a.events if e.trigger.text.lower().startswith(word))
    return features(a.doc, e, a.signals.get(e.id), ctx)


def test_a_modifier_is_marked_as_a_label(pipeline):
    a = run(pipeline, "The men were taken to two cramped detention centres outside the city.", raw=True)
    assert "label:modifier" in feats_of(a, "detention")


def test_a_habit_is_marked_generic(pipeline):
    a = run(pipeline, "In the province, 35 members of the security forces are killed every day.", raw=True)
    f = feats_of(a, "killed")
    assert "generic:habit_word" in f


def test_a_definite_reference_is_marked(pipeline):
    a = run(pipeline, "A car bomb exploded at the gate of the base on Sunday. The government condemned the attack.",
            raw=True)
    f = feats_of(a, "attack")
    assert "ref:definite" in f and "ref:gov_reference" in f


def test_mentions_of_one_bombing_are_one_record(pipeline):
    a = run(pipeline, "A car bomb exploded at a checkpoint in Mogadishu on Sunday, killing 12 people. "
                      "The blast also wounded 30 others, police said. Al-Shabaab claimed responsibility "
                      "for the attack.")
    live = [e for e in a.events if e.default_output and e.type == "ASSAULT"]
    assert len(live) == 1, [(e.trigger.text, [m.text for m in e.mentions]) for e in live]
    e = live[0]
    assert len(e.mentions) >= 3 and e.counts.killed.best == 12 and e.counts.injured.best == 30
    assert e.location is not None and e.location.place.name == "Mogadishu"
    assert any(x.name == "Al-Shabaab" for x in e.source)
    assert len(e.evidence) >= 2


def test_distinct_happenings_stay_distinct(pipeline):
    a = run(pipeline, "A roadside bomb killed four soldiers in Logar province on Sunday. "
                      "On Monday, gunmen attacked a police post in Wardak province, killing two officers.")
    live = [e for e in a.events if e.default_output and e.type == "ASSAULT"]
    places = {e.location.place.admin1 or e.location.place.name for e in live if e.location}
    assert len(live) == 2 and len(places) == 2, [(e.trigger.text, e.location and e.location.place.name) for e in live]


def test_two_people_arrested_apart_are_two_arrests(pipeline):
    a = run(pipeline, "Chad Hull, 37, was arrested for violating an order of protection. "
                      "Amanda Miller, 32, was arrested for criminal trespassing.")
    arrests = [e for e in a.events if e.default_output and e.type == "COERCE"]
    assert len(arrests) == 2
    assert all(any(s.kind == "POL" for s in e.source) for e in arrests)   # no one named: the police


def test_every_record_carries_its_article(pipeline):
    a = run(pipeline, "Police arrested 20 protesters in Nairobi on Tuesday.")
    assert a.events and all(e.article is not None and e.article.published == dt.date(2021, 3, 10) for e in a.events)


def test_backed_forces_are_not_their_backer(pipeline):
    a = run(pipeline, "Turkish-backed rebels attacked the town of Afrin on Sunday.")
    e = next(e for e in a.events if e.type == "ASSAULT")
    assert e.source and all(s.country != "TUR" and s.kind != "GOV" for s in e.source), e.source


def test_a_claim_of_responsibility_names_the_doer(pipeline):
    a = run(pipeline, "A suicide bombing in Kabul, claimed by the Islamic State, killed 16 people.")
    e = next(e for e in a.events if e.type == "ASSAULT" and e.default_output)
    assert any(s.name == "Islamic State" for s in e.source)


def test_protesters_abroad_are_of_the_country_they_march_in(pipeline):
    a = run(pipeline, "Thousands of protesters marched in London against the war in Syria on Saturday.")
    e = next(e for e in a.events if e.type == "PROTEST")
    assert any(s.country == "GBR" for s in e.source), e.source


def test_a_deed_someone_says_will_be_done_is_a_threat(pipeline):
    a = run(pipeline, "The police commissioner said rioters would be arrested on sight.", raw=True)
    assert [e.type for e in a.events if e.default_output] == ["THREATEN"]


def test_the_judge_gives_a_reason_when_it_keeps_a_candidate_out(pipeline):
    a = run(pipeline, "The report describes the battle trucks and the detention centres of the past decade.")
    out = [e for e in a.events if e.judged_out]
    assert all(e.judged_out.startswith("not a happening (") and e.happening < 0.5 for e in out)


def test_a_fitted_model_is_the_same_twice_and_explains_itself():
    xs = [{"a": 1.0}, {"a": 1.0, "b": 1.0}, {"b": 1.0}, {"c": 1.0}]
    ys = [1, 1, 0, 0]
    m1, m2 = LogisticModel.fit(xs, ys, l2=1.0), LogisticModel.fit(xs, ys, l2=1.0)
    assert m1.to_json() == m2.to_json()
    assert m1.prob({"a": 1.0}) > 0.5 > m1.prob({"c": 1.0})
    assert m1.contributions({"a": 1.0, "c": 1.0})[0][0] == "c"
