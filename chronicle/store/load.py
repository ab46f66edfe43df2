"""`chronicle ingest` as a library call: read inputs, run the pipeline, store what it gives."""
from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Sequence

from ..config import Settings
from ..errors import UsageError
from . import SaveSummary, open_store


def stage_factory(ref: str) -> Callable:
    """`module:function` → the function (which takes Settings and returns a list of stages)."""
    mod, _, fn = ref.partition(":")
    try:
        return getattr(importlib.import_module(mod), fn or "stages")
    except (ImportError, AttributeError) as e:
        raise UsageError(f"--pipeline {ref!r}: {e}; write it as module:function, "
                         f"e.g. chronicle.store.synthetic:stages") from None


def ingest(inputs: Sequence[str], *, db: str, settings: Settings, published: dt.date | None = None,
           batch_size: int = 64, pipeline: str | None = None, on_batch=None) -> SaveSummary:
    """Run the pipeline over the inputs and store everything; one transaction per batch."""
    from ..pipeline import Pipeline
    from ..run import Resources, analyse, read_articles

    with open_store(db) as store:       # open first: a locked or newer database fails fast
        articles = read_articles(inputs, settings=settings, published=published)
        if pipeline:
            items = Pipeline(stage_factory(pipeline)(settings)).run(articles)
        else:
            items = analyse(articles, resources=Resources.load(settings))
        return store.save(items, batch_size=batch_size, on_batch=on_batch)
