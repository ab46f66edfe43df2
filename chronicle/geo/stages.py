"""Pipeline stages: `geoparse` fills Analysis.toponyms, `locate` sets each event's place."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..pipeline import Analysis
from ..records import Location, Precision
from .gazetteer import Gazetteer
from .locate import dateline_place, focus, focus_town, locate_event, located_mentions
from .recognize import recognize
from .resolve import resolve


class _GazetteerStage:
    """A stage given a gazetteer, or the resources to take it from on its first batch (loaded once
    per process: Resources.gazetteer)."""

    def __init__(self, gazetteer: Gazetteer | None = None, *, resources=None):
        self._gaz = gazetteer
        self._res = resources

    @classmethod
    def from_resources(cls, res):
        return cls(resources=res)

    @property
    def gazetteer(self) -> Gazetteer | None:
        if self._gaz is None and self._res is not None:
            self._gaz = self._res.gazetteer
        return self._gaz


class GeoparseStage(_GazetteerStage):
    """Recognise and resolve the place names of each parsed article."""

    name = "geoparse"
    needs = frozenset({"doc", "article.text"})
    provides = frozenset({"toponyms"})

    def run(self, batch: Sequence[Analysis]) -> list[Analysis]:
        gaz = self.gazetteer
        out = []
        for a in batch:
            mentions = recognize(a.doc, gaz)
            out.append(a.with_(toponyms=tuple(resolve(mentions, gaz, text=a.article.text))))
        return out


class LocateStage(_GazetteerStage):
    """Give each event the place tied to its trigger, else its sentence's, else the article focus."""

    name = "locate"
    needs = frozenset({"doc", "events", "toponyms", "article.text"})
    provides = frozenset({"events.location"})

    def run(self, batch: Sequence[Analysis]) -> list[Analysis]:
        out = []
        for a in batch:
            if not a.events:
                out.append(a)
                continue
            f = focus(a.toponyms)
            town = focus_town(a.toponyms, f)
            filed = dateline_place(a.article.text, self.gazetteer, f)
            mentions = located_mentions(a.doc, a.toponyms, gazetteer=self.gazetteer)
            located = {}
            previous = None                # the last place named for an earlier event, in text order
            for i in sorted(range(len(a.events)), key=lambda i: a.events[i].trigger.start):
                # an error here is a bug: the pipeline turns it into this article's Rejected (stage locate)
                e = locate_event(a.events[i], a.doc, a.toponyms, article_focus=f, gazetteer=self.gazetteer,
                                 previous=previous, mentions=mentions, article_town=town)
                if e.location is not None and e.location.start is not None:
                    previous = e.location
                elif filed is not None and e.quad.startswith("verbal") and (
                        e.location is None or e.location.place.precision != Precision.PLACE):
                    # a statement with no place of its own was made where the report was filed
                    e = replace(e, location=Location(filed.name, filed, None, None, relation="dateline"))
                located[i] = e
            out.append(a.with_(events=tuple(located[i] for i in range(len(a.events)))))
        return out
