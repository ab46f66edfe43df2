"""`chronicle ingest` as a library call: read inputs, run the pipeline, store what it gives."""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence

from ..config import Settings
from ..errors import StoreError, UsageError
from ..records import Article, Rejected
from . import SaveSummary
from .remote import RemoteStore, open_writer


def ingest(inputs: Sequence[str], *, db: str, settings: Settings, published: dt.date | None = None,
           batch_size: int = 64, pipeline: str | None = None, on_batch=None, workers: int | None = 1,
           engine: str = "local", ray_address: str | None = None, fuse: bool = True) -> SaveSummary:
    """Run the pipeline over the inputs and store everything; one transaction per batch.

    Articles already stored with the same content are skipped before the NLP runs (local engine).
    With `fuse` (the default) the stored events are then grouped into incidents across articles
    (chronicle.fuse) and the incidents table is rewritten; `summary.incidents` says how many.
    """
    if engine not in ("local", "ray"):
        raise UsageError(f"--engine {engine!r}: choose local or ray")
    _check_inputs(inputs, db)
    skipped = [0]
    # open first: a locked or newer database fails fast; a file held by `chronicle serve` is written through it
    with open_writer(db) as store:
        if engine == "ray" and not pipeline:
            from ..parallel import analyse_inputs

            items = analyse_inputs(inputs, settings=settings, published=published, workers=workers,
                                   engine=engine, ray_address=ray_address, progress=False)
        else:
            from ..run import analyse_with, read_articles

            articles = read_articles(inputs, settings=settings, published=published)
            if not isinstance(store, RemoteStore):
                articles = skip_unchanged(articles, store, skipped)
            if pipeline:
                from ..run import pipeline as assemble

                items = analyse_with(assemble(settings, ref=pipeline), articles)
            else:
                from ..parallel import analyse_parallel

                items = analyse_parallel(articles, settings, workers)
        summary = store.save(items, batch_size=batch_size, on_batch=on_batch)
        summary.unchanged += skipped[0]
        if fuse and isinstance(store, RemoteStore):
            summary.incidents = store.fuse()
        elif fuse and not (summary.stored or summary.replaced) and store.has_table("incidents"):
            summary.incidents = store.count("incidents")    # no event changed: the incidents stand
        elif fuse:
            from ..fuse.store import fuse_store

            try:
                summary.incidents = len(fuse_store(store))
            except StoreError as e:
                raise StoreError(f"{e}. The articles and events of this run are stored ({summary.line()}); only "
                                 f"the incidents were not regrouped — run the same `chronicle ingest` again: it "
                                 f"skips the stored articles and regroups") from None
        return summary


def _check_inputs(inputs: Sequence[str], db: str) -> None:
    """Every input path mistyped: a usage error before the database is created or opened."""
    missing = [i for i in inputs if i != "-" and not os.path.lexists(i)]
    if inputs and len(missing) == len(inputs):
        raise UsageError(f"no such file or folder: {', '.join(map(repr, missing))}; check the path (nothing was "
                         f"read, and {db} was not created or changed)")


def skip_unchanged(articles: Iterable[Article | Rejected], store, skipped: list[int], *,
                   chunk: int = 256) -> Iterator[Article | Rejected]:
    """Pass on the articles that are not stored already with the same content; count the others
    in skipped[0]. Looked up a chunk at a time, so the input still streams."""
    buffer: list[Article | Rejected] = []

    def flush() -> Iterator[Article | Rejected]:
        known = store.unchanged([a for a in buffer if isinstance(a, Article)])
        for a in buffer:
            if isinstance(a, Article) and a.id in known:
                skipped[0] += 1
            else:
                yield a
        buffer.clear()

    for item in articles:
        buffer.append(item)
        if len(buffer) >= chunk:
            yield from flush()
    yield from flush()
