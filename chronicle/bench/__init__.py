"""`chronicle bench`: time the whole pipeline (read_articles + analyse, with whatever stages
`run.stages()` builds today) and, on the same cleaned texts in the same run, a bare spaCy
`nlp.pipe` of the same model; optionally again over N worker processes.

    >>> from chronicle.bench import run_bench
    >>> report = run_bench(None, settings=settings, articles=6, workers=(1,), echo=lambda line: None)
    >>> report["stages"], report["runs"][0]["articles"]
    (['nlp', 'geoparse', 'detect', 'locate', 'date', 'judge', 'merge'], 6)
"""
from __future__ import annotations

import json
import os
import platform
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from ..config import Settings
from ..errors import InputError
from ..pipeline import Analysis
from ..records import Article, Rejected
from . import corpus as corpus_mod

MB = 1024 * 1024


class MemorySampler:
    """Peak resident memory (RSS) per process, sampled every `interval` seconds in a thread."""

    def __init__(self, pids: Sequence[int] = (), *, interval: float = 0.05):
        self.pids = [os.getpid(), *pids]
        self.interval = interval
        self.peak: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _sample(self) -> None:
        import psutil

        for pid in self.pids:
            try:
                rss = psutil.Process(pid).memory_info().rss
            except psutil.Error:
                continue
            self.peak[pid] = max(self.peak.get(pid, 0), rss)

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> "MemorySampler":
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def report(self) -> dict:
        main, *workers = self.pids
        return {"main_mb": round(self.peak.get(main, 0) / MB, 1),
                "workers_mb": [round(self.peak.get(p, 0) / MB, 1) for p in workers]}


def _rate(n: float, seconds: float) -> float:
    return round(n / seconds, 2) if seconds > 0 else 0.0


def _count(items) -> dict:
    """Drain the pipeline's output, keeping only counts (bounded memory on big corpora)."""
    c = {"articles": 0, "words": 0, "rejected": 0, "duplicates": 0, "events": 0}
    for item in items:
        if isinstance(item, Rejected):
            c["rejected"] += 1
            continue
        art = item.article if isinstance(item, Analysis) else item
        c["articles"] += 1
        c["words"] += len(art.text.split())
        c["duplicates"] += art.duplicate_of is not None
        c["events"] += len(getattr(item, "events", ()))
    return c


def run_bench(corpus: str | None, *, settings: Settings, articles: int = 300, workers: Sequence[int] = (1,),
              json_out: str | None = None, echo: Callable[[str], None] = print, seed: int = 0) -> dict:
    """Time bare spaCy and the pipeline on one corpus; print a table, return (and write) the numbers."""
    from ..parallel import WorkerPool
    from ..run import Resources, analyse_with, pipeline, read_articles

    with tempfile.TemporaryDirectory(prefix="chronicle-bench-") as tmp:
        if corpus is None:
            path = corpus_mod.write(corpus_mod.build(articles, seed=seed), Path(tmp) / "bench.jsonl")
            label = f"bundled examples + generated variations ({articles} articles, seed {seed})"
        else:
            path, label = Path(corpus), corpus
            if not path.exists():
                raise InputError(f"bench corpus {corpus!r} does not exist: pass a JSONL file or a folder of "
                                 f"articles, or no corpus to use the bundled examples and their variations")
        inputs = [str(path)]

        items = list(read_articles(inputs, settings=settings))       # untimed: texts for bare spaCy
        texts = [a.text for a in items if isinstance(a, Article)]
        if not texts:
            raise InputError(f"bench corpus {label!r} holds no readable article: "
                             f"{sum(isinstance(a, Rejected) for a in items)} inputs were rejected")
        words = sum(len(t.split()) for t in texts)

        t0 = time.perf_counter()
        resources = Resources.load(settings)
        pipe = pipeline(resources=resources)
        load_s = time.perf_counter() - t0
        nlp = resources.nlp
        for _ in nlp.pipe(texts[:4]):                                    # warm-up, untimed
            pass
        _count(analyse_with(pipe, items[:4]))
        del items

        with MemorySampler() as mem:
            t0 = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=32):
                pass
            spacy_s = time.perf_counter() - t0
        spacy = {"seconds": round(spacy_s, 3), "articles": len(texts), "words": words,
                 "articles_per_s": _rate(len(texts), spacy_s), "words_per_s": _rate(words, spacy_s),
                 "peak_rss": mem.report()}
        del texts

        runs = []
        for n in workers:
            if n == 1:
                with MemorySampler() as mem:
                    t0 = time.perf_counter()
                    counts = _count(analyse_with(pipe, read_articles(inputs, settings=settings)))
                    secs = time.perf_counter() - t0
            else:
                with WorkerPool(settings, n) as pool:
                    pool.wait_ready()                                    # model loading is not timed
                    with MemorySampler(pool.pids()) as mem:
                        t0 = time.perf_counter()
                        counts = _count(pool.analyse(read_articles(inputs, settings=settings)))
                        secs = time.perf_counter() - t0
            runs.append({"workers": n, "seconds": round(secs, 3), **counts,
                         "articles_per_s": _rate(counts["articles"], secs),
                         "words_per_s": _rate(counts["words"], secs),
                         "ratio_to_spacy": round(secs / spacy_s, 2) if spacy_s else None,
                         "peak_rss": mem.report()})

    base = next((r for r in runs if r["workers"] == 1), None)
    for r in runs:
        r["speedup_vs_1"] = round(base["seconds"] / r["seconds"], 2) if base and r["seconds"] else None
    import spacy as spacy_pkg

    report = {
        "corpus": label, "model": settings.model, "load_seconds": round(load_s, 2),
        "stages": [s.name for s in pipe.stages], "spacy": spacy, "runs": runs,
        "machine": {"cpu_count": os.cpu_count(), "python": platform.python_version(),
                    "spacy": spacy_pkg.__version__, "platform": platform.platform()},
    }
    _print(report, echo)
    if json_out:
        Path(json_out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        echo(f"wrote {json_out}")
    return report


def _print(r: dict, echo: Callable[[str], None]) -> None:
    s = r["spacy"]
    echo(f"corpus: {r['corpus']}: {s['articles']} articles, {s['words']:,} words")
    echo(f"model:  {r['model']} (resources loaded in {r['load_seconds']} s)")
    echo(f"stages: {', '.join(r['stages'])}")
    echo(f"{'run':<22}{'seconds':>9}{'articles/s':>12}{'words/s':>10}{'× spaCy time':>14}{'speed-up':>10}  peak RSS MB")
    echo(f"{'bare spaCy nlp.pipe':<22}{s['seconds']:>9.2f}{s['articles_per_s']:>12.2f}{s['words_per_s']:>10,.0f}"
         f"{'1.00':>14}{'':>10}  {s['peak_rss']['main_mb']}")
    for run in r["runs"]:
        mem = f"{run['peak_rss']['main_mb']}"
        if run["peak_rss"]["workers_mb"]:
            mem += " (workers " + ", ".join(str(m) for m in run["peak_rss"]["workers_mb"]) + ")"
        name = f"pipeline, {run['workers']} worker" + ("s" if run["workers"] > 1 else "")
        speed = f"{run['speedup_vs_1']:.2f}×" if run["speedup_vs_1"] else ""
        echo(f"{name:<22}{run['seconds']:>9.2f}{run['articles_per_s']:>12.2f}{run['words_per_s']:>10,.0f}"
             f"{run['ratio_to_spacy']:>14.2f}{speed:>10}  {mem}")
        extra = [f"{run[k]} {k}" for k in ("rejected", "duplicates") if run[k]]
        if extra:
            echo(f"{'':<22}({', '.join(extra)}; {run['events']} events)")
