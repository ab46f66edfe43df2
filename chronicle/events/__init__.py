"""Event detection and coding: triggers from a project-written lexicon read through the parse,
PLOVER type / mode / quad / contexts, ACLED type and sub-type, actors, counts, attribution,
control of territory and a calibrated confidence.

    >>> from chronicle.pipeline import Analysis
    >>> from chronicle.records import Article
    >>> from chronicle.run import Resources
    >>> stage = DetectStage.from_resources(Resources(settings=settings, nlp=nlp))
    >>> text = "Police detained four activists in Nairobi on Tuesday."
    >>> [a] = stage.run([Analysis(Article(id="a", text=text, origin="t"), doc=nlp(text))])   # a.events, a.notes
    >>> [(e.type, e.mode) for e in a.events]
    [('COERCE', 'arrest')]
"""
from __future__ import annotations

from collections.abc import Sequence

from .acled import SUBTYPES, acled_type
from .detect import Detector, event_id, main_event
from .lexicon import LEXICON, QUADS
from .triggers import Trigger, find_triggers

__all__ = ["DetectStage", "Detector", "LEXICON", "QUADS", "SUBTYPES", "Trigger", "acled_type",
           "event_id", "find_triggers", "main_event"]


def _actor_api():
    """chronicle.actors: the actor table, the context country and the role rules (a broken import
    fails loudly here rather than silently leaving every event without actors)."""
    from ..actors import ActorTable, context_country, roles

    return ActorTable.load(), context_country, roles


def _trained(res, roles):
    """The trained typing model (with its sentence encoder) and the trained roles wrapped around the
    role rules, each when its weights ship (`make train`); loaded once per process with the stage."""
    from ..config import Settings
    from .typing import MODEL, TypingModel

    typing = None
    if MODEL.exists():
        from ..models.static import StaticEncoder

        settings = res.settings if res is not None else Settings.from_env()
        typing = TypingModel.load(StaticEncoder.load(settings.cache_dir))
    if roles is not None:
        from ..actors.rolemodel import RoleModel, TrainedRoles

        model = RoleModel.load()
        # off at detection (meta "pipeline"): filling roles the rules leave empty split happenings
        # (chronicle eval articles held-out records/happening 1.139 -> 1.222, precision 0.636 -> 0.593);
        # it fills a record's empty source after the merge instead (events/rolefill.py)
        if model is not None and model.meta.get("pipeline", False):
            roles = TrainedRoles(model, rules=roles)
    return typing, roles


class DetectStage:
    """Pipeline stage "detect": fills Analysis.events and, when none are found, Analysis.notes."""

    name = "detect"
    needs = frozenset({"doc", "toponyms", "article.id"})
    # the candidates with their actors, counts and attribution (read inside the detector), notes, signals
    provides = frozenset({"events", "events.source", "events.target", "events.counts", "events.certainty",
                          "events.attributed_to", "events.control", "notes", "signals"})

    def __init__(self, detector: Detector):
        self.detector = detector

    @classmethod
    def from_resources(cls, res) -> "DetectStage":
        det = res.extra.get("event_detector") if res is not None else None
        if det is None:
            from functools import partial

            from ..knowledge import of
            from .calibrate import load_confidence
            from .classify import load_classifier

            kn = of(res)
            table, country_fn, roles = _actor_api()
            if roles is not None:
                roles = partial(roles, knowledge=kn)
            typing, roles = _trained(res, roles)
            det = Detector(roles=roles, actor_table=table, country_fn=country_fn,
                           confidence=load_confidence(), classifier=load_classifier(), typing=typing, knowledge=kn)
            if res is not None:
                res.extra["event_detector"] = det
        return cls(det)

    def run(self, batch: Sequence) -> list:
        out = []
        for a in batch:
            signals: dict = {}
            decided: dict = {}
            events, notes = self.detector.detect(a.doc, a.article.id, toponyms=a.toponyms, signals=signals,
                                                 decided=decided)
            notes += [f"{e.type} {e.trigger.text!r} at {e.trigger.start}-{e.trigger.end}: {decided[e.id].describe()}"
                      for e in events if e.id in decided]
            out.append(a.with_(events=tuple(events), notes=tuple(a.notes) + tuple(notes), signals=signals))
        return out
