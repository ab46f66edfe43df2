"""Serving and ingesting one DuckDB file at once (issue 15 item 10): `chronicle serve` holds the file
read-only; `chronicle ingest --db` into it finds the server and writes through it; the map sees the
new records at once and the file is read-only again (others may read it) when the ingest is done.
Also: an older database gains the map's columns when opened for writing."""
import json
import os
import signal
import socket
import subprocess
import sys
import time

import duckdb
import httpx
import pytest

from chronicle.store import open_store, synthetic
from chronicle.store.remote import find_server, rendezvous_path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _feed(path, first, n):
    path.write_text("".join(json.dumps({"id": f"live-{i}", "text": f"Report {i}. Fighters attacked the town.",
                                        "published": "2014-06-11", "url": f"https://www.wire.example/{i}"}) + "\n"
                            for i in range(first, first + n)))
    return str(path)


@pytest.fixture
def served(tmp_path):
    db = str(tmp_path / "live.duckdb")
    with open_store(db) as store:
        store.save([synthetic.analysis(i, events=2) for i in range(3)])
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "chronicle", "serve", "--db", db, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(url + "/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            pytest.fail(f"chronicle serve did not start: {proc.stdout.read()[-2000:]}")
        time.sleep(0.2)
    yield db, url, proc
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_ingest_while_serving_goes_through_the_server(served, tmp_path):
    db, url, proc = served
    info = find_server(db)
    assert info and info["pid"] == proc.pid and oct(os.stat(rendezvous_path(db)).st_mode)[-3:] == "600"
    before = httpx.get(url + "/health").json()
    out = subprocess.run([sys.executable, "-m", "chronicle", "ingest", _feed(tmp_path / "a.jsonl", 0, 5), "--db", db,
                          "--pipeline", "chronicle.store.synthetic:stages"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "articles stored: 5 new" in out.stdout and "incidents:" in out.stdout
    after = httpx.get(url + "/health").json()
    assert after["articles"] == before["articles"] + 5 and after["events"] == before["events"] + 15
    assert after["writable"] is False                        # the file is read-only again
    art = httpx.get(url + "/articles/live-3").json()
    assert art["source"] == "wire.example" and art["url"] == "https://www.wire.example/3"   # outlet from the URL
    with duckdb.connect(db, read_only=True) as con:          # another reader may open it now
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 8


def test_a_wrong_token_cannot_write(served):
    _, url, _ = served
    r = httpx.post(url + "/ingest/batch", json={"articles": []}, headers={"Authorization": "Bearer guess"})
    assert r.status_code == 401 and "token" in r.json()["detail"]


def test_the_rendezvous_file_goes_when_the_server_stops(served):
    db, _, proc = served
    proc.send_signal(signal.SIGINT)
    proc.wait(20)
    assert not rendezvous_path(db).exists() and find_server(db) is None


def test_an_older_database_gains_the_map_columns(tmp_path):
    db = str(tmp_path / "old.duckdb")
    with open_store(db) as store:
        store.save([synthetic.analysis(i, events=3) for i in range(4)])
        store.backend.execute("DELETE FROM schema_version WHERE component = 'serve'")
        for table, drop in (("articles", {"outlet"}), ("events", {"control_gained_by", "control_lost_by"})):
            keep = [c for c in store.query(f"SELECT * FROM {table} LIMIT 0").column_names if c not in drop]
            store.backend.execute(f"CREATE TABLE old_{table} AS SELECT {', '.join(keep)} FROM {table}")
            store.backend.execute(f"DROP TABLE {table}")
            store.backend.execute(f"ALTER TABLE old_{table} RENAME TO {table}")
    with open_store(db) as store:
        assert store.versions()["serve"] == 1
        assert set(store.query("SELECT outlet FROM articles").column("outlet").to_pylist()) == {"Example Wire"}
        gained = store.query("SELECT control_gained_by FROM events WHERE control_gained_by IS NOT NULL").num_rows
        recs = [json.loads(r) for r in store.query("SELECT record FROM events").column("record").to_pylist()]
        assert gained == sum(1 for r in recs if r.get("control")) > 0
