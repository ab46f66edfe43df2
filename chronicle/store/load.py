"""`chronicle ingest` as a library call: read inputs, run the pipeline, store what it gives."""
from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Sequence

from ..config import Settings
from ..errors import UsageError
from . import SaveSummary
from .remote import RemoteStore, open_writer


def stage_factory(ref: str) -> Callable:
    """`module:function` → the function (which takes Settings and returns a list of stages)."""
    mod, _, fn = ref.partition(":")
    try:
        return getattr(importlib.import_module(mod), fn or "stages")
    except (ImportError, AttributeError) as e:
        raise UsageError(f"--pipeline {ref!r}: {e}; write it as module:function, "
                         f"e.g. chronicle.store.synthetic:stages") from None


def ingest(inputs: Sequence[str], *, db: str, settings: Settings, published: dt.date | None = None,
           batch_size: int = 64, pipeline: str | None = None, on_batch=None, workers: int | None = 1,
           engine: str = "local", ray_address: str | None = None, fuse: bool = True) -> SaveSummary:
    """Run the pipeline over the inputs and store everything; one transaction per batch.

    With `fuse` (the default) the stored events are then grouped into incidents across articles
    (chronicle.fuse) and the incidents table is rewritten; `summary.incidents` says how many.
    """
    from ..pipeline import Pipeline
    from ..run import read_articles

    # open first: a locked or newer database fails fast; a file held by `chronicle serve` is written through it
    with open_writer(db) as store:
        if pipeline:
            articles = read_articles(inputs, settings=settings, published=published)
            items = Pipeline(stage_factory(pipeline)(settings)).run(articles)
        else:
            from ..parallel import analyse_inputs

            items = analyse_inputs(inputs, settings=settings, published=published, workers=workers,
                                   engine=engine, ray_address=ray_address, progress=False)
        summary = store.save(items, batch_size=batch_size, on_batch=on_batch)
        if fuse and isinstance(store, RemoteStore):
            summary.incidents = store.fuse()
        elif fuse:
            from ..fuse.store import fuse_store

            summary.incidents = len(fuse_store(store))
        return summary
