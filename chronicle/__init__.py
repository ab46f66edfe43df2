"""Chronicle: news reports in; geocoded, deduplicated, source-attributed political events out.

    >>> import chronicle
    >>> for event in chronicle.extract(["examples/nairobi_2024-06-26.txt"]):
    ...     print(event.type, event.location and event.location.place.name)
    REQUEST Nairobi
    COERCE Nairobi
    ...
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence

from .config import Settings
from .errors import ChronicleError
from .notebook import open  # noqa: A004 - chronicle.open(db): a stored database as DataFrames
from .pipeline import Analysis, Pipeline
from .records import (Actor, Article, Count, Counts, Event, EventDate, Location, Place, RawDocument,
                      Rejected, Sentence, Span, Toponym)

__version__ = "0.1.0"


def extract(inputs: Sequence[str], *, settings: Settings | None = None, include_all: bool = False) -> Iterator[Event]:
    """Events from files, folders or "-" (the library form of `chronicle extract`)."""
    from .run import Resources, analyse, read_articles

    settings = settings or Settings.from_env()
    resources = Resources.load(settings)
    for item in analyse(read_articles(inputs, settings=settings), resources=resources):
        if isinstance(item, Analysis):
            for ev in item.events:
                if include_all or ev.default_output:
                    yield ev


__all__ = [
    "Actor", "Analysis", "Article", "ChronicleError", "Count", "Counts", "Event", "EventDate",
    "Location", "Pipeline", "Place", "RawDocument", "Rejected", "Sentence", "Settings", "Span",
    "Toponym", "extract", "open",
]
