"""Run the per-article pipeline on a Ray cluster (local or remote): one task per input shard,
each Ray worker process loading the resources once; results come back in input order, or are
written as one Parquet file per shard.

    >>> from chronicle.ray_engine import analyse_ray, plan_shards
    >>> plan_shards(["examples/mosul_2014-06-11.txt", "examples/wire_reports.jsonl"])
    [['examples/mosul_2014-06-11.txt'], ['examples/wire_reports.jsonl']]
    >>> # needs a Ray cluster to join ("auto"), so not run here; tests/bench/test_ray_engine.py starts one
    >>> items = list(analyse_ray(["corpus/"], settings=Settings(), address="auto"))  # doctest: +SKIP

A shard is an input file; a folder holding only `.jsonl`, `.parquet` or WARC files (a sharded
dataset) gives one shard per file, any other folder is one shard. The output equals `run.analyse(read_articles(inputs))`
with `Analysis.doc` set to None (a spaCy Doc is not worth shipping between processes).
"""
from __future__ import annotations

import collections
import datetime as dt
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from .config import Settings
from .errors import ResourceError
from .pipeline import Analysis
from .records import Rejected

SHARD_SUFFIXES = (".jsonl", ".parquet", ".warc", ".warc.gz")   # a folder of only these: one shard per file
_pipelines: dict = {}   # per Ray worker process: Settings → Pipeline, built on the first task


def plan_shards(inputs: Sequence[str]) -> list[list[str]]:
    """Split inputs into shards, each a list of paths that `read_articles` reads in one task."""
    shards: list[list[str]] = []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            files = [p for p in sorted(path.rglob("*")) if p.is_file()]
            if files and all(p.name.lower().endswith(SHARD_SUFFIXES) for p in files):
                shards.extend([str(p)] for p in files)
                continue
        shards.append([name])
    return shards


def _pipeline(settings: Settings):
    if settings not in _pipelines:
        from .run import pipeline

        _pipelines[settings] = pipeline(settings)
    return _pipelines[settings]


def _analyse_shard(paths: list[str], settings: Settings, published: dt.date | None) -> list[Analysis | Rejected]:
    from .run import analyse_with, read_articles

    items = analyse_with(_pipeline(settings), read_articles(paths, settings=settings, published=published))
    return [i.with_(doc=None) if isinstance(i, Analysis) else i for i in items]


def _write_shard(paths: list[str], settings: Settings, published: dt.date | None, out_dir: str,
                 index: int, include_all: bool) -> dict:
    import pyarrow as pa
    import pyarrow.parquet as pq

    items = _analyse_shard(paths, settings, published)
    events = [e for i in items if isinstance(i, Analysis) for e in i.events if include_all or e.default_output]
    rejected = [r for r in items if isinstance(r, Rejected)]
    table = pa.table({
        "id": [e.id for e in events], "article_id": [e.article_id for e in events],
        "type": [e.type for e in events], "quad": [e.quad for e in events],
        "certainty": [e.certainty for e in events],
        "confidence": pa.array([e.confidence for e in events], type=pa.float64()),
        "record": [json.dumps(e.to_json(), ensure_ascii=False) for e in events],
    })
    path = Path(out_dir) / f"events-{index:05d}.parquet"
    pq.write_table(table, path)
    return {"shard": paths, "path": str(path), "articles": sum(isinstance(i, Analysis) for i in items),
            "events": len(events), "rejected": [r.to_json() for r in rejected]}


def connect(address: str | None = None, *, num_cpus: int | None = None):
    """Join the Ray cluster at `address` ("auto", "ray://host:10001"), or start a local one."""
    try:
        import ray
    except ImportError:
        raise ResourceError("--engine ray needs the ray package: pip install ray==2.60.0") from None
    if not ray.is_initialized():
        if address:
            ray.init(address=address, log_to_driver=False)
        else:
            ray.init(num_cpus=num_cpus or os.cpu_count(), include_dashboard=False, log_to_driver=False)
    return ray


def _in_order(ray, submit, jobs: list, in_flight: int) -> Iterator:
    """Submit jobs with at most `in_flight` outstanding, yield their results in job order."""
    pending: collections.deque = collections.deque()
    for job in jobs:
        pending.append(submit(job))
        while len(pending) >= in_flight:
            yield ray.get(pending.popleft())
    while pending:
        yield ray.get(pending.popleft())


def analyse_ray(inputs: Sequence[str], *, settings: Settings, published: dt.date | None = None,
                address: str | None = None, in_flight: int | None = None) -> Iterator[Analysis | Rejected]:
    """`run.analyse(read_articles(inputs))` on Ray, one task per shard; same items, same order."""
    ray = connect(address, num_cpus=settings.workers if settings.workers > 1 else None)
    task = ray.remote(_analyse_shard)
    limit = in_flight or max(2, 2 * int(ray.cluster_resources().get("CPU", 1)))
    for items in _in_order(ray, lambda paths: task.remote(paths, settings, published), plan_shards(inputs), limit):
        yield from items


def extract_to_parquet(inputs: Sequence[str], out_dir: str, *, settings: Settings, published: dt.date | None = None,
                       address: str | None = None, include_all: bool = False) -> list[dict]:
    """Write one `events-NNNNN.parquet` per shard into `out_dir`; return a summary per shard.

    Each file has columns id, article_id, type, quad, certainty, confidence and `record` (the event's
    JSON record, DESIGN.md). Rejections come back in the summaries, not in the files.
    """
    ray = connect(address, num_cpus=settings.workers if settings.workers > 1 else None)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    task = ray.remote(_write_shard)
    limit = max(2, 2 * int(ray.cluster_resources().get("CPU", 1)))
    jobs = list(enumerate(plan_shards(inputs)))
    submit = lambda job: task.remote(job[1], settings, published, out_dir, job[0], include_all)  # noqa: E731
    return list(_in_order(ray, submit, jobs, limit))


def read_parquet_events(out_dir: str) -> list[dict]:
    """The event records of every shard in `out_dir`, in shard order."""
    import pyarrow.parquet as pq

    out: list[dict] = []
    for path in sorted(Path(out_dir).glob("events-*.parquet")):
        out.extend(json.loads(r) for r in pq.read_table(path, columns=["record"]).column("record").to_pylist())
    return out
