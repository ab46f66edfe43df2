"""A bounded load test of `chronicle serve` on loopback (issue 15): start the server as its own
process over a store, send requests from N concurrent clients until a count or a time runs out,
and print requests/s, p50/p95/max and errors per scenario; `/health` is timed while heavy GeoJSON
requests run. Only 127.0.0.1 is ever addressed.

    python -m chronicle.api.load --build 5000 --db /tmp/load.duckdb     # build a store of ~5,000 events
    python -m chronicle.api.load --db chronicle.duckdb --concurrency 20 --requests 400 --seconds 30
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

SCENARIOS = [
    ("/events?limit=100", "/events?limit=100"),
    ("/incidents.geojson (map view)", "/incidents.geojson?zoom=2&bbox=-180,-85,180,85"),
    ("/incidents.geojson (all points)", "/incidents.geojson?cluster=false"),
    ("/events.geojson (1000 points)", "/events.geojson?cluster=false&limit=1000"),
    ("/incidents?limit=1000", "/incidents?limit=1000"),
]
HEAVY = "/events.geojson?cluster=false&limit=5000&all=true"


def build_store(db: str, events: int) -> None:
    """About `events` synthetic events (4 per article, real record JSON), stored and fused."""
    from ..fuse.store import fuse_store
    from ..store import open_store, synthetic

    Path(db).unlink(missing_ok=True)
    with open_store(db) as store:
        store.save([synthetic.analysis(i, events=4) for i in range(events // 4)])
        n = len(fuse_store(store))
        print(f"built {db}: {store.count('articles')} articles, {store.count('events')} events, {n} incidents")


def _get(conn: http.client.HTTPConnection, path: str) -> tuple[int, int]:
    conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
    r = conn.getresponse()
    body = r.read()
    return r.status, len(body)


def hammer(port: int, path: str, *, concurrency: int, requests: int, seconds: float) -> dict:
    """Send `requests` GETs (at most `seconds`) from `concurrency` keep-alive clients."""
    lock = threading.Lock()
    times: list[float] = []
    errors: list[str] = []
    sent = [0]
    deadline = time.monotonic() + seconds

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.monotonic() < deadline:
            with lock:
                if sent[0] >= requests:
                    break
                sent[0] += 1
            t = time.perf_counter()
            try:
                status, _ = _get(conn, path)
                if status != 200:
                    raise RuntimeError(f"HTTP {status}")
            except Exception as e:  # noqa: BLE001 - every failure is counted and reported
                with lock:
                    errors.append(str(e))
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            with lock:
                times.append(time.perf_counter() - t)
        conn.close()

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t0
    return _stats(times, errors, wall)


def _stats(times: list[float], errors: list[str], wall: float) -> dict:
    times = sorted(times)
    pick = lambda q: round(times[min(len(times) - 1, int(len(times) * q))] * 1000, 1) if times else None  # noqa: E731
    return {"requests": len(times), "errors": len(errors), "req_per_s": round(len(times) / wall, 1) if wall else 0,
            "p50_ms": pick(0.5), "p95_ms": pick(0.95), "max_ms": round(times[-1] * 1000, 1) if times else None,
            "error_samples": sorted(set(errors))[:3]}


def health_under_load(port: int, *, concurrency: int, seconds: float) -> dict:
    """/health latency (one client, one request per 50 ms) while `concurrency` clients ask HEAVY."""
    stop = threading.Event()
    heavy = threading.Thread(target=lambda: hammer(port, HEAVY, concurrency=concurrency, requests=10**9,
                                                   seconds=seconds))
    heavy.start()
    time.sleep(0.5)
    times, errors = [], []
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    t0 = time.perf_counter()
    while heavy.is_alive() and not stop.is_set():
        t = time.perf_counter()
        try:
            status, _ = _get(conn, "/health")
            (times if status == 200 else errors).append(time.perf_counter() - t if status == 200 else f"HTTP {status}")
        except Exception as e:  # noqa: BLE001
            errors.append(str(e))
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        time.sleep(0.05)
    heavy.join()
    return _stats(times, errors, time.perf_counter() - t0)


def start_server(db: str) -> tuple[subprocess.Popen, int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "chronicle", "serve", "--db", db, "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"chronicle serve exited: {proc.stderr.read()[-2000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            if _get(conn, "/health")[0] == 200:
                return proc, port
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("chronicle serve did not answer within 60 s")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--build", type=int, default=0, help="First build a synthetic store of about this many events.")
    ap.add_argument("--concurrency", type=int, default=20)
    ap.add_argument("--requests", type=int, default=400, help="Per scenario (bounded).")
    ap.add_argument("--seconds", type=float, default=30.0, help="Per scenario (bounded).")
    ap.add_argument("--json", default=None, help="Also write the figures here.")
    args = ap.parse_args(argv)
    if args.build:
        build_store(args.db, args.build)
    proc, port = start_server(args.db)
    out: dict[str, dict] = {}
    try:
        for label, path in SCENARIOS:
            out[label] = hammer(port, path, concurrency=args.concurrency, requests=args.requests,
                                seconds=args.seconds)
            print(f"{label:34s} {json.dumps(out[label])}", flush=True)
        out["/health during heavy requests"] = health_under_load(port, concurrency=10,
                                                                 seconds=min(args.seconds, 15.0))
        print(f"{'/health during heavy requests':34s} {json.dumps(out['/health during heavy requests'])}")
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
    if args.json:
        Path(args.json).write_text(json.dumps({"db": os.path.abspath(args.db), "concurrency": args.concurrency,
                                               "results": out}, indent=1))
    return 1 if any(v["errors"] for v in out.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
