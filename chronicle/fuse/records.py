"""The `Incident` record: one real-world happening, with every report of it kept as evidence.

Kept here rather than in chronicle/records.py so the fuse stage owns its record; it reuses the
shared records (Actor, Location, EventDate, Counts) for its fields.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..records import Actor, Counts, EventDate, Location


@dataclass(frozen=True, slots=True)
class Incident:
    """Events from one or many articles judged to report the same happening.

    `id` is "inc_" + 16 hex digits of sha256 over the anchor event id, where the anchor is the
    member reported first (earliest publication date, then article id, then trigger offset,
    then event id). A later report joining the incident does not change its id; when two
    incidents merge, the one reported first keeps its id.
    """

    id: str
    anchor_event_id: str
    type: str                                   # PLOVER type shared by every member
    quad: str
    event_ids: tuple[str, ...]                  # every member event, sorted
    article_ids: tuple[str, ...]                # every article that reported it, sorted
    n_sources: int                              # distinct outlets (article.source), else articles
    n_articles: int
    mode: str | None = None                     # the mode most reports give
    acled: tuple[str, str] | None = None
    location: Location | None = None            # the most specific place reported
    date: EventDate | None = None               # the narrowest date reported
    source: tuple[Actor, ...] = ()              # actors unioned over the reports
    target: tuple[Actor, ...] = ()
    counts: Counts = field(default_factory=Counts)   # UCDP-style low / best / high across reports
    certainty: str = "reported"                 # the most certain any report is
    attributed_to: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()               # outlet names, when the articles say
    confidence: float = 0.5                     # 1 - prod(1 - confidence) over the reports

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "anchor_event_id": self.anchor_event_id,
            "type": self.type,
            "mode": self.mode,
            "quad": self.quad,
            "acled": ({"event_type": self.acled[0], "sub_event_type": self.acled[1]}
                      if self.acled else None),
            "location": self.location.to_json() if self.location else None,
            "date": self.date.to_json() if self.date else None,
            "source": [a.to_json() for a in self.source],
            "target": [a.to_json() for a in self.target],
            "counts": self.counts.to_json(),
            "certainty": self.certainty,
            "attributed_to": list(self.attributed_to),
            "event_ids": list(self.event_ids),
            "article_ids": list(self.article_ids),
            "n_sources": self.n_sources,
            "n_articles": self.n_articles,
            "sources": list(self.sources),
            "confidence": round(self.confidence, 3),
        }
