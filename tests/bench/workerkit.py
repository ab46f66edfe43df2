"""Stages for the worker-pool fault tests, built in each worker by reference (`workerkit:crashing`):
synthetic events without spaCy, and articles that kill or hang the worker analysing them."""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from chronicle.store.synthetic import CodeSynthetic


class Faulty(CodeSynthetic):
    """Synthetic coding, except: an article whose text holds CRASH-ONCE kills its worker the first
    time any worker sees it (a marker file remembers), CRASH-ALWAYS every time, HANG-ME sleeps, and
    FAIL-ME raises (the pipeline rejects the article)."""

    name = "faulty"

    def __init__(self, marker_dir: str, delay: float):
        super().__init__(delay=delay)
        self.marker_dir = Path(marker_dir)

    def run(self, batch):
        for a in batch:
            text = a.article.text
            if "CRASH-ALWAYS" in text:
                os.kill(os.getpid(), signal.SIGKILL)
            if "CRASH-ONCE" in text:
                marker = self.marker_dir / f"crashed-{a.article.id}"
                if not marker.exists():
                    marker.write_text("once")
                    os.kill(os.getpid(), signal.SIGKILL)
            if "HANG-ME" in text:
                time.sleep(3600)
            if "FAIL-ME" in text:
                raise ValueError("simulated stage failure")
        return super().run(batch)


def faulty(settings):
    return [Faulty(os.environ["WORKERKIT_MARKERS"], float(os.environ.get("WORKERKIT_DELAY", "0.01")))]


def main(config: dict) -> dict:
    """Run `config["n"]` synthetic articles (markers at the given positions) through a 2-worker pool
    and report what came back; run in a subprocess with a timeout by the tests."""
    import json  # noqa: F401 - used by the caller's protocol

    from chronicle.config import Settings
    from chronicle.parallel import WorkerPool
    from chronicle.pipeline import Analysis
    from chronicle.store import synthetic

    from dataclasses import replace

    markers = {int(k): v for k, v in config.get("markers", {}).items()}
    copies = {int(k): int(v) for k, v in config.get("copies", {}).items()}   # i -> the article it copies
    articles = []
    for i in range(config["n"]):
        base = synthetic.article(i)
        articles.append(synthetic.article(i, text=base.text + (f" {markers[i]}" if i in markers else "")))
        if i in copies:
            first = articles[copies[i]]
            articles[i] = replace(first, id=base.id, text=first.text.replace(" FAIL-ME", ""),
                                  duplicate_of=first.id)
    settings = Settings(article_timeout=config.get("timeout", 300.0))
    start = time.monotonic()
    with WorkerPool(settings, 2, chunk_size=config.get("chunk", 4), stages="workerkit:faulty") as pool:
        pool.wait_ready()
        out = list(pool.analyse(articles))
        restarts = pool.restarts
    return {"seconds": time.monotonic() - start, "restarts": restarts,
            "items": [{"id": o.article.id, "events": len(o.events), "duplicate_of": o.article.duplicate_of}
                      if isinstance(o, Analysis)
                      else {"id": o.article_id, "rejected": f"{o.stage}/{o.reason}", "detail": o.detail}
                      for o in out]}


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(main(json.loads(sys.argv[1]))))
