"""The stages after detection, locating and dating that turn candidates into happenings:

- `judge`: every candidate gets P(happening) from the trained judge (judge.py); those under its
  threshold are kept out of the default output with the reason (`--all` prints them).
- `merge`: the candidates that are happenings are grouped into one record per happening
  (corefer.py); each record lists every mention and carries the article's reference; a record
  whose doer the role rules left empty gets the trained role model's, read at its main trigger
  (rolefill.py).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..actors.article import settle
from ..knowledge import of
from ..pipeline import Analysis
from ..records import ArticleRef
from .rolefill import RoleFill
from .corefer import CONFIDENCE_MODEL, Coreferencer, calibrated, merge
from .linear import LogisticModel
from .judge import Judge, article_context, features


def _published(a: Analysis):
    if a.article.published is not None:
        return a.article.published
    from ..time.dateline import dateline_date

    return dateline_date(a.article.text)


class JudgeStage:
    name = "judge"
    needs = frozenset({"doc", "events", "signals", "article.text", "article.published"})
    provides = frozenset({"events.happening", "events.judged_out"})

    def __init__(self, judge: Judge | None):
        self.judge = judge

    @classmethod
    def from_resources(cls, res) -> "JudgeStage":
        judge = res.extra.get("judge") if res is not None else None
        if judge is None:
            judge = Judge.load(knowledge=of(res))
            if res is not None:
                res.extra["judge"] = judge
        return cls(judge)

    def run(self, batch: Sequence[Analysis]) -> list[Analysis]:
        return [self.judge_analysis(a) for a in batch]

    def judge_analysis(self, a: Analysis) -> Analysis:
        if not a.events or a.doc is None or self.judge is None:
            return a
        ctx = article_context(a.doc, a.events, _published(a))
        out = []
        for e in a.events:
            if not e.default_output:       # negated, hypothetical, future, historical: out already
                out.append(e)
                continue
            p, reason = self.judge.decide(features(a.doc, e, a.signals.get(e.id), ctx, knowledge=self.judge.knowledge))
            out.append(replace(e, happening=p, judged_out=reason))
        return a.with_(events=tuple(out))


class MergeStage:
    name = "merge"
    needs = frozenset({"doc", "events", "article", "toponyms"})
    provides = frozenset({"events", "events.mentions", "events.source", "events.target", "events.article",
                          "events.confidence"})

    def __init__(self, coreferencer: Coreferencer, confidence: LogisticModel | None = None,
                 roles: "RoleFill | None" = None):
        self.coreferencer = coreferencer
        self.confidence = confidence
        self.roles = roles

    @classmethod
    def from_resources(cls, res) -> "MergeStage":
        cr = res.extra.get("coreferencer") if res is not None else None
        if cr is None:
            cr = Coreferencer.load(knowledge=of(res))
            if res is not None:
                res.extra["coreferencer"] = cr
        conf = LogisticModel.load(CONFIDENCE_MODEL) if CONFIDENCE_MODEL.exists() else None
        fill = res.extra.get("role_fill", False) if res is not None else False
        if fill is False:
            fill = RoleFill.load(knowledge=of(res))
            if res is not None:
                res.extra["role_fill"] = fill
        return cls(cr, conf, fill)

    def run(self, batch: Sequence[Analysis]) -> list[Analysis]:
        return [self.merge_analysis(a) for a in batch]

    def merge_analysis(self, a: Analysis) -> Analysis:
        ref = ArticleRef.of(a.article)
        if not a.events or a.doc is None:
            return a
        kn = self.coreferencer.knowledge
        live = settle([e for e in a.events if e.default_output], knowledge=kn)   # pronouns and group names first
        rest = [e for e in a.events if not e.default_output]
        groups = self.coreferencer.clusters(a.doc, live, published=_published(a))
        merged = [calibrated(e, self.confidence) for e in settle([merge([live[i] for i in g]) for g in groups],
                                                                  knowledge=kn)]
        if self.roles is not None:
            # after the confidence, which was fitted on the rules' roles; settled again only if one was filled
            filled = self.roles.fill(a.doc, merged, toponyms=a.toponyms)
            if any(x is not y for x, y in zip(filled, merged)):
                merged = settle(filled, knowledge=kn)
        merged += [merge([e]) for e in rest]
        merged.sort(key=lambda e: (e.trigger.start, e.id))
        return a.with_(events=tuple(replace(e, article=ref) for e in merged))
