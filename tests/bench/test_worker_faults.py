"""A worker that dies or hangs costs at most its chunk: the pool notices, runs the chunk again or
rejects the article that kills it, and never waits forever (issue 15, item 1). Each scenario runs
in a subprocess with a timeout, so a pool that hangs fails the test instead of hanging the suite."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def scenario(tmp_path, **config) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), str(ROOT)]),
           "WORKERKIT_MARKERS": str(tmp_path)}
    done = subprocess.run([sys.executable, str(HERE / "workerkit.py"), json.dumps(config)], env=env,
                          cwd=tmp_path, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])


def test_a_worker_killed_mid_chunk_is_replaced_and_its_chunk_runs_again(tmp_path):
    out = scenario(tmp_path, n=40, chunk=4, markers={"13": "CRASH-ONCE"})
    assert [i["id"] for i in out["items"]] == [f"art-{i:05d}" for i in range(40)]      # all, in order
    assert all(i.get("events") == 3 for i in out["items"])
    assert out["restarts"] == 1


def test_an_article_that_kills_every_worker_is_rejected_and_the_rest_are_analysed(tmp_path):
    out = scenario(tmp_path, n=40, chunk=4, markers={"13": "CRASH-ALWAYS"})
    items = out["items"]
    assert [i["id"] for i in items] == [f"art-{i:05d}" for i in range(40)]
    bad = [i for i in items if "rejected" in i]
    assert [(b["id"], b["rejected"]) for b in bad] == [("art-00013", "worker/crashed")]
    assert "killed by SIGKILL" in bad[0]["detail"] and "--workers 1" in bad[0]["detail"]
    assert all(i.get("events") == 3 for i in items if "rejected" not in i)
    assert out["restarts"] == 3          # the chunk twice, then the article alone


def test_an_article_that_hangs_is_stopped_at_its_deadline_and_rejected(tmp_path):
    out = scenario(tmp_path, n=24, chunk=4, timeout=2, markers={"6": "HANG-ME"})
    items = out["items"]
    assert [i["id"] for i in items] == [f"art-{i:05d}" for i in range(24)]
    assert [(i["id"], i["rejected"]) for i in items if "rejected" in i] == [("art-00006", "worker/timeout")]
    assert "--article-timeout" in next(i for i in items if "rejected" in i)["detail"]
    assert out["seconds"] < 60           # chunk deadline (4 x 2 s) + the article alone (2 s), not an hour


def test_a_copy_of_an_article_a_stage_rejected_is_analysed_in_its_place_across_workers(tmp_path):
    # art-5 fails in a stage; art-20 and art-33 are near-copies of it, in other chunks (other workers)
    out = scenario(tmp_path, n=40, chunk=4, markers={"5": "FAIL-ME"}, copies={"20": 5, "33": 5})
    items = {i["id"]: i for i in out["items"]}
    assert items["art-00005"]["rejected"] == "faulty/internal_error"
    assert items["art-00020"]["events"] == 3 and items["art-00020"]["duplicate_of"] is None
    assert items["art-00033"]["events"] == 0 and items["art-00033"]["duplicate_of"] == "art-00020"
    assert [i["id"] for i in out["items"]] == [f"art-{i:05d}" for i in range(40)]


def _workers_of(pid: int) -> list[psutil.Process]:
    """The pool's worker processes under `pid`: children of its forkserver, i.e. grandchildren."""
    try:
        main = psutil.Process(pid)
        return [p for p in main.children(recursive=True) if p.ppid() != pid]
    except psutil.NoSuchProcess:
        return []


@pytest.mark.slow
def test_kill_9_of_a_worker_during_extract_loses_nothing_and_ends(tmp_path):
    from chronicle.bench import corpus

    feed = corpus.write(corpus.build(80, seed=3), tmp_path / "feed.jsonl")
    proc = subprocess.Popen([sys.executable, "-m", "chronicle", "extract", str(feed), "--workers", "2", "--explain",
                             "-o", str(tmp_path / "events.jsonl")], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    killed = None
    watchdog = threading.Timer(600, proc.kill)   # a hung pool fails the test instead of hanging it
    watchdog.start()
    try:
        explained = []
        for line in proc.stderr:                  # one "<id>: N event(s) printed" line per article
            if "event(s) printed" in line or "near-duplicate of" in line:
                explained.append(line.split(": ", 1)[0])
            if killed is None and len(explained) >= 4:
                workers = _workers_of(proc.pid)
                assert len(workers) >= 2, workers
                killed = workers[0].pid
                os.kill(killed, signal.SIGKILL)
        rc = proc.wait(timeout=600)
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
    assert killed is not None
    assert rc == 0
    assert len(set(explained)) == 80
