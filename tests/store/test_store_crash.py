"""kill -9 in the middle of `chronicle ingest`, then run it again: every article stored exactly once,
each with all of its events, actors and evidence (one transaction per batch of whole articles)."""
import json
import signal
import subprocess
import sys
from pathlib import Path

from chronicle.store import open_store

ROOT = Path(__file__).resolve().parents[2]
N = 200


def ingest_cmd(feed: Path, db: str) -> list[str]:
    return [sys.executable, "-m", "chronicle", "ingest", str(feed), "--db", db, "--batch-size", "5",
            "--progress", "--pipeline", "chronicle.store.synthetic:stages"]


def test_kill_9_mid_ingest_then_rerun_stores_every_article_once(store_db, tmp_path):
    feed = tmp_path / "feed.jsonl"
    with feed.open("w") as f:
        for i in range(N):
            f.write(json.dumps({"id": f"a{i:03d}", "published": "2014-06-11",
                                "text": f"Report {i}. Fighters attacked a post near the town. {i} people died."}) + "\n")
    proc = subprocess.Popen(ingest_cmd(feed, store_db), cwd=ROOT, stderr=subprocess.PIPE, text=True)
    progress = 0
    for line in proc.stderr:
        progress += line.startswith("progress:")
        if progress >= 3:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    with open_store(store_db) as store:
        partial = store.count("articles")
        assert 15 <= partial < N                       # killed in the middle, after whole batches
        assert store.count("events") == 3 * partial     # no article without its events

    done = subprocess.run(ingest_cmd(feed, store_db), cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"{N - partial} new" in done.stdout and f"{partial} already stored" in done.stdout
    with open_store(store_db) as store:
        assert store.count("articles") == N
        per_article = store.query("SELECT article_id, count(*) AS n FROM events GROUP BY article_id").to_pylist()
        assert len(per_article) == N and {r["n"] for r in per_article} == {3}
        assert store.count("evidence") == 3 * N
        ids = store.query("SELECT count(DISTINCT article_id || '/' || id) AS n FROM events").column("n")[0].as_py()
        assert ids == 3 * N
