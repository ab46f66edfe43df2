"""Run the pipeline over many processes: each worker loads the resources once, articles stream
through in chunks with a bounded number in flight, and results come back in input order, exactly
as `chronicle.run.analyse` would give them in one process (except that `Analysis.doc` is None).

    >>> from chronicle.parallel import analyse_parallel
    >>> for item in analyse_parallel(read_articles(["examples/"], settings=s), s, workers=2): ...
"""
from __future__ import annotations

import collections
import datetime as dt
import itertools
import multiprocessing as mp
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import IO

from .config import Settings
from .errors import UsageError
from .pipeline import Analysis
from .records import Article, Rejected

_worker_pipeline = None   # one per worker process, built by _init_worker
_worker_error: BaseException | None = None  # why it could not be built (raised on the first chunk)


def default_workers() -> int:
    """The default --workers: one process per core."""
    return os.cpu_count() or 1


def _context():
    # fork would copy the parent's loaded model and threads; forkserver/spawn start clean workers
    methods = mp.get_all_start_methods()
    return mp.get_context("forkserver" if "forkserver" in methods else "spawn")


def _init_worker(settings: Settings) -> None:
    # an exception here would make multiprocessing restart the worker forever: keep it for later
    global _worker_pipeline, _worker_error
    from .pipeline import Pipeline
    from .run import Resources, stages

    try:
        _worker_pipeline = Pipeline(stages(Resources.load(settings)))
    except Exception as exc:  # noqa: BLE001 - re-raised in the parent by _analyse_chunk
        _worker_error = exc


def _analyse_chunk(chunk: list[Article | Rejected]) -> list[Analysis | Rejected]:
    if _worker_error is not None:
        raise _worker_error
    out = list(_worker_pipeline.run(chunk))
    # a spaCy Doc pickles slowly and large (vocab, vectors): send back only what callers use
    return [o.with_(doc=None) if isinstance(o, Analysis) else o for o in out]


def _ping(delay: float) -> int:
    time.sleep(delay)
    return os.getpid()


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class WorkerPool:
    """A pool of worker processes, each holding its own resources and pipeline.

    Use as a context manager; `analyse()` may be called several times on the same pool.
    """

    def __init__(self, settings: Settings, workers: int, *, chunk_size: int = 8, in_flight: int | None = None):
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        self.settings = settings
        self.workers = workers
        self.chunk_size = chunk_size
        self.in_flight = in_flight or 2 * workers   # chunks queued or running at once: bounds memory
        self._pool = None

    def __enter__(self) -> "WorkerPool":
        self._pool = _context().Pool(self.workers, initializer=_init_worker, initargs=(self.settings,))
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            if exc[0] is None:
                self._pool.close()
            else:
                self._pool.terminate()
            self._pool.join()
            self._pool = None

    def pids(self) -> list[int]:
        """Process ids of the workers (for memory measurement)."""
        return [p.pid for p in self._pool._pool]  # noqa: SLF001 - multiprocessing keeps them there

    def wait_ready(self, *, timeout: float = 300.0) -> None:
        """Block until every worker has loaded its resources (the initializer runs before tasks)."""
        deadline = time.monotonic() + timeout
        seen: set[int] = set()
        while len(seen) < self.workers and time.monotonic() < deadline:
            seen |= set(self._pool.map(_ping, [0.2] * self.workers, chunksize=1))

    def analyse(self, articles: Iterable[Article | Rejected]) -> Iterator[Analysis | Rejected]:
        """Yield an Analysis (doc=None) or Rejected per input item, in input order."""
        pending: collections.deque = collections.deque()
        for chunk in _chunks(articles, self.chunk_size):
            pending.append(self._pool.apply_async(_analyse_chunk, (chunk,)))
            while len(pending) >= self.in_flight:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def analyse_parallel(articles: Iterable[Article | Rejected], settings: Settings, workers: int | None = None, *,
                     chunk_size: int = 8, progress: bool = False, total: int | None = None) -> Iterator[Analysis | Rejected]:
    """`run.analyse` over `workers` processes (default: one per core); same items, same order.

    Each worker builds `run.stages(Resources.load(settings))` once. What comes back is the article,
    its toponyms, events and notes; `Analysis.doc` is None because a spaCy Doc pickles slowly and
    big — callers that need the parse (rare outside the nlp stage) run `run.analyse` in-process.
    With workers == 1, or fewer than two chunks per worker in the input, this runs in the calling
    process and keeps the Doc. Scripts that call it must guard their top level with
    `if __name__ == "__main__":`, since workers start fresh interpreters (forkserver/spawn).

        >>> items = list(analyse_parallel(read_articles(["examples/"], settings=s), s, workers=2))
    """
    workers = workers or default_workers()
    articles = iter(articles)
    head = list(itertools.islice(articles, 2 * workers * chunk_size))
    if workers == 1 or len(head) < 2 * workers * chunk_size:
        # one process; also for small inputs, where starting workers costs more than it saves
        from .run import Resources, analyse

        items = analyse(itertools.chain(head, articles), resources=Resources.load(settings))
        yield from (with_progress(items, total=total) if progress else items)
        return
    with WorkerPool(settings, workers, chunk_size=chunk_size) as pool:
        items = pool.analyse(itertools.chain(head, articles))
        yield from (with_progress(items, total=total) if progress else items)


def analyse_inputs(inputs: Sequence[str], *, settings: Settings, published: dt.date | None = None,
                   workers: int | None = None, engine: str = "local", ray_address: str | None = None,
                   progress: bool = True, stdin=None) -> Iterator[Analysis | Rejected]:
    """read_articles + analyse for a command: in this process, over worker processes, or on Ray.

        >>> for item in analyse_inputs(["examples/"], settings=s, workers=2): ...
    """
    if engine == "ray":
        if "-" in inputs:
            raise UsageError("--engine ray reads files, not standard input: give paths (sharded JSONL works best)")
        from .ray_engine import analyse_ray

        items = analyse_ray(inputs, settings=settings, published=published, address=ray_address)
        yield from (with_progress(items) if progress else items)
        return
    if engine != "local":
        raise UsageError(f"--engine {engine!r}: choose local or ray")
    from .run import read_articles

    yield from analyse_parallel(read_articles(inputs, settings=settings, published=published, stdin=stdin),
                                settings, workers, progress=progress)


def with_progress(items: Iterable, *, total: int | None = None, stream: IO[str] | None = None,
                  every: float = 0.5) -> Iterator:
    """Pass items through, drawing articles/s and ETA on stderr when it is a terminal (quiet in pipes)."""
    stream = stream or sys.stderr
    if not (hasattr(stream, "isatty") and stream.isatty()):
        yield from items
        return
    start = last = time.monotonic()
    n = 0
    for item in items:
        n += 1
        yield item
        now = time.monotonic()
        if now - last >= every:
            last = now
            stream.write("\r" + _progress_line(n, total, now - start))
            stream.flush()
    stream.write("\r" + _progress_line(n, total, time.monotonic() - start) + "\n")
    stream.flush()


def _progress_line(n: int, total: int | None, elapsed: float) -> str:
    rate = n / elapsed if elapsed > 0 else 0.0
    if total:
        eta = (total - n) / rate if rate > 0 else 0.0
        return f"{n}/{total} articles  {rate:.1f} articles/s  ETA {int(eta // 60)}:{int(eta % 60):02d}  "
    return f"{n} articles  {rate:.1f} articles/s  "
