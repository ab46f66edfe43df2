"""Run the pipeline over many processes: each worker loads the resources once, articles stream
through in chunks with a bounded number in flight, and results come back in input order, exactly
as `chronicle.run.analyse` would give them in one process (except that `Analysis.doc` is None).

A worker that dies (kill -9, the out-of-memory killer, a crash in native code) or overruns its
deadline is replaced and its chunk runs again; an article that kills its worker even alone becomes
a `Rejected` (worker/crashed or worker/timeout). The parent never waits on a dead worker.

    >>> from chronicle.parallel import analyse_parallel
    >>> from chronicle.run import read_articles
    >>> items = list(analyse_parallel(read_articles(["examples/"], settings=settings), settings, workers=2))
    >>> len(items)                   # 13 articles: too few to start workers, so analysed in this process
    13
"""
from __future__ import annotations

import collections
import contextlib
import datetime as dt
import itertools
import multiprocessing as mp
import multiprocessing.connection as mp_connection
import os
import pickle
import signal
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from .config import Settings
from .errors import ChronicleError, ResourceError, UsageError
from .pipeline import Analysis
from .records import Article, Rejected

def default_workers() -> int:
    """The default --workers: one process per core."""
    return os.cpu_count() or 1


def _context():
    # fork would copy the parent's loaded model and threads; forkserver/spawn start clean workers
    methods = mp.get_all_start_methods()
    return mp.get_context("forkserver" if "forkserver" in methods else "spawn")


def build_pipeline(settings: Settings, stages: str | None = None):
    """The pipeline a worker runs (`run.pipeline`): the built stages, or the stages that the
    `module:function` reference `stages` returns for `settings` (tests, experiments)."""
    from .run import pipeline

    return pipeline(settings, ref=stages)


def _portable(exc: BaseException) -> BaseException:
    """`exc` if it survives pickling (to travel from a worker to the parent), else a ChronicleError."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001 - any exception can fail to pickle
        return ChronicleError(f"{type(exc).__name__}: {exc}")


def _worker_main(settings: Settings, stages: str | None, conn) -> None:
    """A worker process: build the pipeline once, then analyse each chunk the parent sends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)     # Ctrl-C is the parent's to handle: it stops us
    try:
        pipeline = build_pipeline(settings, stages)
    except BaseException as exc:  # noqa: BLE001 - sent to the parent, which raises it
        conn.send(("init_error", None, _portable(exc)))
        return
    conn.send(("ready", None, os.getpid()))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):                  # the parent is gone
            return
        if message is None:
            return
        task_id, items = message
        try:
            out = [o.with_(doc=None) if isinstance(o, Analysis) else o for o in pipeline.run(items)]
        except BaseException as exc:  # noqa: BLE001 - a PipelineError and the like stop the run
            conn.send(("error", task_id, _portable(exc)))
            continue
        # a spaCy Doc pickles slowly and large (vocab, vectors): only what callers use goes back
        conn.send(("done", task_id, out))


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass
class _Task:
    """Articles lo..hi of chunk `chunk`, sent to one worker; `deaths`: workers that died running them."""

    id: int
    chunk: int
    lo: int
    hi: int
    deaths: int = 0


@dataclass
class _Worker:
    process: Any
    conn: Any
    ready: bool = False
    task: _Task | None = None
    deadline: float = 0.0

    def alive(self) -> bool:
        return self.process.is_alive()


class WorkerPool:
    """A pool of worker processes, each holding its own resources and pipeline.

    Use as a context manager; `analyse()` may be called several times on the same pool. A worker that
    dies (kill -9, out of memory, a crash in native code) or overruns its time is replaced, and its
    chunk runs again on another worker; a chunk that kills two workers is split and run article by
    article, and an article that kills a worker on its own as well is rejected with the reason
    (`worker/crashed` or `worker/timeout`). Nothing waits forever: each chunk has a deadline of
    `settings.article_timeout` seconds per article.
    """

    def __init__(self, settings: Settings, workers: int, *, chunk_size: int = 8, in_flight: int | None = None,
                 stages: str | None = None, load_timeout: float = 600.0):
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        self.settings = settings
        self.workers = workers
        self.chunk_size = chunk_size
        self.in_flight = in_flight or 2 * workers   # chunks queued or running at once: bounds memory
        self.stages = stages
        self.load_timeout = load_timeout
        self.restarts = 0                            # workers replaced after dying or overrunning
        self.retried = 0                             # tasks run again because their worker died
        self._ctx = _context()
        self._workers: list[_Worker] = []
        self._failed_starts = 0
        self._task_ids = itertools.count()          # unique across analyse() calls on this pool

    # -- lifecycle ------------------------------------------------------------------------
    def __enter__(self) -> "WorkerPool":
        self._workers = [self._spawn() for _ in range(self.workers)]
        return self

    def __exit__(self, *exc) -> None:
        self.close(wait=exc[0] is None)

    def close(self, *, wait: bool = True) -> None:
        """Stop the workers: ask them to finish (wait=True), else kill them at once."""
        for w in self._workers:
            if wait and w.task is None:
                with contextlib.suppress(OSError, ValueError):
                    w.conn.send(None)
        deadline = time.monotonic() + (5.0 if wait else 0.0)
        for w in self._workers:
            w.process.join(max(0.0, deadline - time.monotonic()))
            if w.process.is_alive():
                w.process.kill()
                w.process.join(5.0)
            w.conn.close()
        self._workers = []

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(target=_worker_main, args=(self.settings, self.stages, child),
                                    name="chronicle-worker", daemon=True)
        process.start()
        child.close()        # only the worker holds its end: its death is an EOF here, not a hang
        return _Worker(process, parent, deadline=time.monotonic() + self.load_timeout)

    def pids(self) -> list[int]:
        """Process ids of the workers (for memory measurement, and tests that kill one)."""
        return [w.process.pid for w in self._workers]

    def wait_ready(self, *, timeout: float = 300.0) -> None:
        """Block until every worker has loaded its resources; raise why one could not."""
        run = _Run(self)
        end = time.monotonic() + timeout
        while not all(w.ready for w in self._workers) and time.monotonic() < end:
            run.pump(min(1.0, max(0.0, end - time.monotonic())))

    # -- running --------------------------------------------------------------------------
    def analyse(self, articles: Iterable[Article | Rejected]) -> Iterator[Analysis | Rejected]:
        """Yield an Analysis (doc=None) or Rejected per input item, in input order."""
        from .dedup import adopt_orphans

        run = _Run(self)
        yield from adopt_orphans(run.ordered(articles), run.analyse_now)


class _Run:
    """One `analyse` call's chunks on the pool's workers: submit, pump messages, collect in order."""

    def __init__(self, pool: WorkerPool):
        self.pool = pool
        self.chunks: dict[int, list] = {}            # chunk number -> its input items
        self.results: dict[int, list] = {}           # chunk number -> output slots (None: not back yet)
        self.missing: dict[int, int] = {}            # chunk number -> slots still empty
        self.queue: collections.deque[_Task] = collections.deque()
        self.tasks: dict[int, _Task] = {}            # sent or queued, by id
        self.next_chunk = 0

    # -- submitting and collecting -------------------------------------------------------
    def submit(self, items: list, *, urgent: bool = False) -> int:
        no = self.next_chunk
        self.next_chunk += 1
        self.chunks[no] = items
        self.results[no] = [None] * len(items)
        self.missing[no] = len(items)
        task = self._task(no, 0, len(items))
        self.queue.appendleft(task) if urgent else self.queue.append(task)
        return no

    def _task(self, chunk: int, lo: int, hi: int, deaths: int = 0) -> _Task:
        task = _Task(next(self.pool._task_ids), chunk, lo, hi, deaths)
        self.tasks[task.id] = task
        return task

    def take(self, no: int) -> list:
        del self.chunks[no], self.missing[no]
        return self.results.pop(no)

    def ordered(self, articles: Iterable[Article | Rejected]) -> Iterator[Analysis | Rejected]:
        source = _chunks(articles, self.pool.chunk_size)
        order: collections.deque[int] = collections.deque()
        exhausted = False
        while True:
            while not exhausted and len(order) < self.pool.in_flight:
                chunk = next(source, None)
                if chunk is None:
                    exhausted = True
                else:
                    order.append(self.submit(chunk))
            while order and self.missing[order[0]] == 0:
                yield from self.take(order.popleft())
                if not exhausted:
                    break                            # read ahead again before waiting
            if not order:
                if exhausted:
                    return
                continue
            if self.missing[order[0]]:
                self.pump()

    def analyse_now(self, items: list) -> list:
        """Run `items` ahead of the queue and wait for them (chunks already sent keep running)."""
        no = self.submit(items, urgent=True)
        while self.missing[no]:
            self.pump()
        return self.take(no)

    # -- the event loop -------------------------------------------------------------------
    def pump(self, timeout: float | None = None) -> None:
        """Send queued tasks to idle workers, then handle what happens next: a result, a death, an
        overrun deadline; wait at most until the nearest deadline (or `timeout`)."""
        self._assign()
        workers = self.pool._workers
        now = time.monotonic()
        wake = min((w.deadline for w in workers if w.task is not None or not w.ready), default=now + 60.0)
        wait = max(0.0, wake - now) if timeout is None else min(timeout, max(0.0, wake - now))
        handles = [w.conn for w in workers] + [w.process.sentinel for w in workers]
        ready = mp_connection.wait(handles, timeout=wait)
        for w in list(workers):
            if w.conn in ready:
                self._receive(w)
        for w in list(self.pool._workers):
            if w.process.sentinel in ready and not w.alive():
                self._replace(w, why=_death(w.process.exitcode))
        now = time.monotonic()
        for w in list(self.pool._workers):
            if w.deadline and now > w.deadline and (w.task is not None or not w.ready):
                w.process.kill()
                w.process.join(5.0)
                if not w.ready:
                    raise ResourceError(f"a worker process did not load its resources within "
                                        f"{self.pool.load_timeout:g} s; check memory and the model "
                                        f"({self.pool.settings.model}), or run with --workers 1")
                self._replace(w, why="timeout")

    def _assign(self) -> None:
        for w in self.pool._workers:
            while w.ready and w.task is None and self.queue:
                task = self.queue.popleft()
                if task.id not in self.tasks:
                    continue
                items = self.chunks[task.chunk][task.lo:task.hi]
                try:
                    w.conn.send((task.id, items))
                except (OSError, ValueError):          # it died since its last message
                    self.queue.appendleft(task)
                    break
                w.task = task
                timeout = self.pool.settings.article_timeout
                w.deadline = time.monotonic() + timeout * (task.hi - task.lo)

    def _receive(self, w: _Worker) -> None:
        try:
            kind, task_id, payload = w.conn.recv()
        except (EOFError, OSError):
            w.process.join(5.0)
            self._replace(w, why=_death(w.process.exitcode))
            return
        if kind == "ready":
            w.ready = True
            w.deadline = 0.0
            self.pool._failed_starts = 0
        elif kind == "init_error":
            raise payload
        elif kind == "error":
            w.task = None
            raise payload
        elif kind == "done":
            task = w.task
            w.task = None
            w.deadline = 0.0
            if task is None or task.id != task_id or self.tasks.get(task.id) is not task:
                return                               # a task of an earlier analyse() call: dropped
            del self.tasks[task.id]
            self._fill(task, payload)

    def _fill(self, task: _Task, out: list) -> None:
        if task.chunk not in self.results:
            return
        slots = self.results[task.chunk]
        for i, item in zip(range(task.lo, task.hi), out):
            if slots[i] is None:
                self.missing[task.chunk] -= 1
            slots[i] = item

    def _replace(self, w: _Worker, *, why: str) -> None:
        """A worker died or overran: start another in its place; run its task again, split it, or
        reject its article."""
        pool = self.pool
        if w not in pool._workers:
            return
        index = pool._workers.index(w)
        with contextlib.suppress(OSError):
            w.conn.close()
        if not w.ready:
            pool._failed_starts += 1
            if pool._failed_starts >= 3:
                raise ResourceError(f"worker processes keep dying while loading their resources ({why}); "
                                    f"check memory (each needs ~500 MB) or run with --workers 1")
        pool._workers[index] = pool._spawn()
        pool.restarts += 1
        task = w.task
        if task is None or self.tasks.get(task.id) is not task:
            return
        del self.tasks[task.id]
        self._after_death(task, why)

    def _after_death(self, task: _Task, why: str) -> None:
        deaths = task.deaths + 1
        size = task.hi - task.lo
        self.pool.retried += 1
        if size > 1 and why == "timeout":
            # one slow article stops its chunk: give each its own deadline, once
            self.queue.extendleft(reversed([self._task(task.chunk, i, i + 1, 1) for i in range(task.lo, task.hi)]))
        elif deaths < 2:
            self.queue.appendleft(self._task(task.chunk, task.lo, task.hi, deaths))
        elif size > 1:
            # it killed two workers: find the article that does, one at a time
            self.queue.extendleft(reversed([self._task(task.chunk, i, i + 1, 1) for i in range(task.lo, task.hi)]))
        else:
            item = self.chunks[task.chunk][task.lo]
            self._fill(task, [item if isinstance(item, Rejected) else _rejection(item, why, self.pool.settings)])


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exited with code {exitcode}" if exitcode is not None else "died"


def _rejection(article: Article, why: str, settings: Settings) -> Rejected:
    if why == "timeout":
        return Rejected(article.id, "worker", "timeout",
                        f"analysing it took more than {settings.article_timeout:g} s, so its worker process was "
                        f"stopped and the rest went on; raise the limit with --article-timeout S (or "
                        f"CHRONICLE_ARTICLE_TIMEOUT), or split the article")
    return Rejected(article.id, "worker", "crashed",
                    f"the worker process analysing it died ({why}) each time it was tried, the last time with "
                    f"only this article; the rest went on. If memory ran out, run with fewer --workers; "
                    f"otherwise run it alone with --workers 1 to see the error, and please report it")


def analyse_parallel(articles: Iterable[Article | Rejected], settings: Settings, workers: int | None = None, *,
                     chunk_size: int = 8, progress: bool = False, total: int | None = None) -> Iterator[Analysis | Rejected]:
    """`run.analyse` over `workers` processes (default: one per core); same items, same order.

    Each worker builds `run.pipeline(settings)` once. What comes back is the article,
    its toponyms, events and notes; `Analysis.doc` is None because a spaCy Doc pickles slowly and
    big — callers that need the parse (rare outside the nlp stage) run `run.analyse` in-process.
    With workers == 1, or fewer than two chunks per worker in the input, this runs in the calling
    process and keeps the Doc. Scripts that call it must guard their top level with
    `if __name__ == "__main__":`, since workers start fresh interpreters (forkserver/spawn).

        >>> from chronicle.run import read_articles
        >>> items = list(analyse_parallel(read_articles(["examples/"], settings=settings), settings, workers=2))
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

        >>> sum(len(a.events) for a in analyse_inputs(["examples/"], settings=settings, workers=2)) > 0
        True
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
