"""The library behind the commands: load resources once, build the pipeline, run it on inputs.

    >>> from chronicle.run import Resources, extract
    >>> res = Resources.load(Settings())
    >>> for item in extract(["examples/"], resources=res): ...
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import clean as clean_mod
from . import ingest
from .config import Settings
from .pipeline import Analysis, ParseStage, Pipeline, Stage
from .records import Article, Rejected


@dataclass
class Resources:
    """Everything heavy, loaded once per process and passed to the stages."""

    settings: Settings
    nlp: Any = None
    extra: dict[str, Any] = field(default_factory=dict)   # gazetteer, actor table, classifiers …

    @classmethod
    def load(cls, settings: Settings, *, nlp: bool = True) -> "Resources":
        from .nlp import allow_length, load_model

        model = allow_length(load_model(settings.model), settings.max_chars) if nlp else None
        return cls(settings=settings, nlp=model)


def read_articles(inputs: Sequence[str], *, settings: Settings, published: dt.date | None = None,
                  stdin=None) -> Iterator[Article | Rejected]:
    """ingest + clean: every input becomes an Article or a Rejected, in input order."""
    raws = ingest.read(inputs, stdin=stdin, max_bytes=settings.max_bytes)
    yield from clean_mod.clean_all(raws, published=published, max_chars=settings.max_chars)


def stages(resources: Resources) -> list[Stage]:
    """The stages that exist, in DESIGN.md order. Later issues append theirs here."""
    from .events import DetectStage
    from .events.stages import JudgeStage, MergeStage
    from .geo.stages import GeoparseStage, LocateStage
    from .time.stage import DateStage

    return [ParseStage(resources.nlp, prefilter=resources.settings.prefilter),
            GeoparseStage.from_resources(resources),
            DetectStage.from_resources(resources),
            LocateStage.from_resources(resources),
            DateStage.from_resources(resources),
            JudgeStage.from_resources(resources),
            MergeStage.from_resources(resources)]


def analyse(articles: Iterable[Article | Rejected], *, resources: Resources) -> Iterator[Analysis | Rejected]:
    """Run every built stage over the articles; near-duplicates pass through without analysis."""
    yield from analyse_with(Pipeline(stages(resources)), articles)


def analyse_with(pipeline: Pipeline, articles: Iterable[Article | Rejected]) -> Iterator[Analysis | Rejected]:
    """`pipeline.run(articles)`, with a near-duplicate of a rejected article analysed in its place."""
    from .dedup import adopt_orphans

    yield from adopt_orphans(pipeline.run(articles), lambda items: list(pipeline.run(items)))
