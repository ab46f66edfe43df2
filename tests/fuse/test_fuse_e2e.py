"""The end-to-end fuse evaluation: plumbing through ingest and the pipeline, and plain notes when
stages are missing (no spaCy model needed: the stages are replaced)."""
from __future__ import annotations

import chronicle.run as run
from chronicle.eval.fuse import evaluate_end_to_end
from chronicle.fuse import goldset


class GoldEvents:
    """A stand-in events stage that emits the hand-coded gold events of each article."""

    name = "gold-events"
    needs = frozenset({"article.text"})
    provides = frozenset({"events", "events.location", "events.date", "events.counts"})

    def run(self, batch):
        by_article: dict[str, list] = {}
        for e, _ in goldset.load_events():
            by_article.setdefault(e.article_id, []).append(e)
        return [a.with_(events=tuple(by_article.get(a.article.id, ()))) for a in batch]


def _no_model(monkeypatch, stages):
    monkeypatch.setattr(run.Resources, "load", classmethod(lambda cls, settings, nlp=True: cls(settings=settings)))
    monkeypatch.setattr(run, "stages", lambda resources: stages)


def test_e2e_says_plainly_when_there_is_no_events_stage(monkeypatch, settings):
    _no_model(monkeypatch, [])
    scores = evaluate_end_to_end(settings, full=False)
    assert any("no stage provides 'events'" in n for n in scores.notes)
    assert scores.values["articles_with_events"] == 0.0 and scores.values["pair_recall"] == 0.0


def test_e2e_scores_articles_through_the_real_ingest(monkeypatch, settings):
    _no_model(monkeypatch, [GoldEvents()])
    scores = evaluate_end_to_end(settings, full=False)
    assert scores.n == len(goldset.load_articles())
    assert scores.values["articles_with_events"] == 1.0
    assert scores.values["pair_f1"] >= 0.95, scores.values
