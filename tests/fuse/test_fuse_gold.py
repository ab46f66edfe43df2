"""The fuse gold set is well formed, and grouping its hand-coded events keeps its floor."""
from __future__ import annotations

from collections import Counter

from chronicle.eval import run_eval
from chronicle.eval.fuse import exact_share, pairwise
from chronicle.fuse import fuse, goldset


def test_gold_set_has_enough_short_overlapping_reports():
    arts = goldset.load_articles()
    assert len(arts) >= 60
    assert all(80 <= len(a.text.split()) <= 200 for a in arts), [a.id for a in arts
                                                                   if not 80 <= len(a.text.split()) <= 200]
    per_incident = Counter(a.incident for a in arts)
    assert sum(1 for n in per_incident.values() if n >= 3) >= 20     # 20 incidents, 3+ reports each
    assert len({a.source for a in arts}) >= 20


def test_every_article_has_an_event_of_its_own_incident():
    labels = {}
    for e, inc in goldset.load_events():
        labels.setdefault(e.article_id, set()).add(inc)
    for a in goldset.load_articles():
        assert a.incident in labels.get(a.id, set()), a.id


def test_pairwise_scores_a_clustering():
    assert pairwise({"a": 1, "b": 1, "c": 2, "d": 2}, {"a": 1, "b": 1, "c": 2, "d": 3}) == (1.0, 0.5, 2 / 3)
    assert exact_share({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "y"}) == 1.0


def test_grouping_gold_events_keeps_its_floor():
    labelled = goldset.load_events()
    articles = {a.id: a.article() for a in goldset.load_articles()}
    incidents = fuse([e for e, _ in labelled], articles=articles)
    predicted = {eid: i.id for i in incidents for eid in i.event_ids}
    p, r, f = pairwise({e.id: inc for e, inc in labelled}, predicted)
    assert p >= 0.95 and r >= 0.90 and f >= 0.93, (p, r, f)


def test_fuse_eval_passes_its_baseline(settings):
    assert run_eval(["fuse"], settings=settings, check=True, echo=lambda *a: None) == 0
