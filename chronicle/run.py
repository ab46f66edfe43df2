"""The library behind the commands: load resources once, assemble the pipeline (here and nowhere
else: `pipeline()`), run it on inputs.

    >>> import io
    >>> res = Resources.load(Settings())
    >>> report = io.BytesIO(b"MOGADISHU, March 14, 2023 - Al-Shabaab fighters killed 12 soldiers in Mogadishu on Monday.")
    >>> [item] = analyse(read_articles(["-"], settings=res.settings, stdin=report), resources=res)
    >>> [(e.type, e.location.place.name, str(e.date.start)) for e in item.events if e.default_output]
    [('ASSAULT', 'Mogadishu', '2023-03-13')]
"""
from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import clean as clean_mod
from . import ingest
from .config import Settings
from .errors import UsageError
from .pipeline import Analysis, ParseStage, Pipeline, Stage
from .records import Article, Rejected

if TYPE_CHECKING:
    from .geo.gazetteer import Gazetteer
    from .knowledge.countries import Countries


@dataclass
class Resources:
    """Everything heavy, loaded once per process and passed to the stages."""

    settings: Settings
    nlp: Any = None
    # the events stages' trained parts (detector, judge, coreferencer), until they become typed fields
    extra: dict[str, Any] = field(default_factory=dict)
    _gazetteer: "Gazetteer | None" = field(default=None, repr=False)   # give one to skip loading (tests)

    @classmethod
    def load(cls, settings: Settings, *, nlp: bool = True) -> "Resources":
        from .nlp import allow_length, load_model

        model = allow_length(load_model(settings.model), settings.max_chars) if nlp else None
        return cls(settings=settings, nlp=model)

    @property
    def gazetteer(self) -> "Gazetteer":
        """The gazetteer, loaded on first use (the cached index: once per process)."""
        if self._gazetteer is None:
            from .geo.gazetteer import Gazetteer

            self._gazetteer = Gazetteer.load(self.settings)
        return self._gazetteer

    @property
    def countries(self) -> "Countries":
        """The one country table (chronicle/knowledge/countries.tsv)."""
        from .knowledge.countries import Countries

        return Countries.load()


def read_articles(inputs: Sequence[str], *, settings: Settings, published: dt.date | None = None,
                  stdin=None) -> Iterator[Article | Rejected]:
    """ingest + clean: every input becomes an Article or a Rejected, in input order."""
    raws = ingest.read(inputs, stdin=stdin, max_bytes=settings.max_bytes)
    yield from clean_mod.clean_all(raws, published=published, max_chars=settings.max_chars)


def stages(resources: Resources, *, prefilter: bool | None = None) -> list[Stage]:
    """The stages that exist, in DESIGN.md order (`pipeline()` assembles them). `prefilter`: parse
    only the sentences that may hold an event (default: the settings')."""
    from .events import DetectStage
    from .events.stages import JudgeStage, MergeStage
    from .geo.stages import GeoparseStage, LocateStage
    from .time.stage import DateStage

    parse = resources.settings.prefilter if prefilter is None else prefilter
    return [ParseStage(resources.nlp, prefilter=parse),
            GeoparseStage.from_resources(resources),
            DetectStage.from_resources(resources),
            LocateStage.from_resources(resources),
            DateStage.from_resources(resources),
            JudgeStage.from_resources(resources),
            MergeStage.from_resources(resources)]


def stage_factory(ref: str) -> Callable:
    """`module:function` → the function (which takes Settings and returns a list of stages)."""
    mod, _, fn = ref.partition(":")
    try:
        return getattr(importlib.import_module(mod), fn or "stages")
    except (ImportError, AttributeError) as e:
        raise UsageError(f"--pipeline {ref!r}: {e}; write it as module:function, "
                         f"e.g. chronicle.store.synthetic:stages") from None


def pipeline(settings: Settings | None = None, *, resources: Resources | None = None, ref: str | None = None,
             until: str | None = None, skip: Sequence[str] = (), prefilter: bool | None = None) -> Pipeline:
    """The one place a pipeline is assembled: the built stages (`stages()`, with `resources` or
    resources loaded for `settings`), or the stages that the `module:function` reference `ref`
    returns for the settings (tests, experiments); cut after the stage named `until`, without the
    stages named in `skip`. Every command, worker, engine, benchmark and evaluation calls this."""
    if ref:
        built = stage_factory(ref)((resources.settings if resources is not None else settings) or Settings())
    else:
        resources = resources if resources is not None else Resources.load(settings or Settings())
        built = stages(resources) if prefilter is None else stages(resources, prefilter=prefilter)
    names = [s.name for s in built]
    for name in [*skip, *([until] if until else [])]:
        if name not in names:
            raise UsageError(f"no stage named {name!r}: the stages are {', '.join(names)}")
    if until:
        built = built[:names.index(until) + 1]
    return Pipeline([s for s in built if s.name not in skip])


def analyse(articles: Iterable[Article | Rejected], *, resources: Resources) -> Iterator[Analysis | Rejected]:
    """Run every built stage over the articles; near-duplicates pass through without analysis."""
    yield from analyse_with(pipeline(resources=resources), articles)


def analyse_with(pipeline: Pipeline, articles: Iterable[Article | Rejected]) -> Iterator[Analysis | Rejected]:
    """`pipeline.run(articles)`, with a near-duplicate of a rejected article analysed in its place."""
    from .dedup import adopt_orphans

    yield from adopt_orphans(pipeline.run(articles), lambda items: list(pipeline.run(items)))
