"""Ingest into a DuckDB file that `chronicle serve` holds: the batches go to the server, which
writes them (DuckDB allows one process to write a file, and the server must keep reading it).

`chronicle serve` leaves `<db>.serve.json` (mode 600: its loopback URL, a random token, its PID)
beside the file while it runs; `open_writer(db)` finds it when the file is in use and returns a
`RemoteStore` with the `save` of a local store. Rows are planned here (`plan_batch`) and written
there (`Store.apply`), so both paths store the same rows.

    >>> with open_writer("chronicle.duckdb") as store:     # a Store, or a RemoteStore when served
    ...     summary = store.save([])
    >>> summary.stored
    0
"""
from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from collections.abc import Iterable
from pathlib import Path

from ..errors import StoreError
from ..records import Rejected
from . import BatchPlan, PlannedArticle, SaveSummary, Store, open_store, plan_batch
from .backends import is_postgres
from .rows import Rows

TIMEOUT = 600.0      # fusing a large store can take minutes


def rendezvous_path(db: str) -> Path:
    return Path(f"{db}.serve.json")


def find_server(db: str) -> dict | None:
    """The running server that holds this DuckDB file ({"url", "token", "pid"}), if any."""
    if is_postgres(db):
        return None
    path = rendezvous_path(db)
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        os.kill(int(info["pid"]), 0)          # still running?
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return info


def open_writer(db: str) -> Store | "RemoteStore":
    """The store to write to: the file itself, or the `chronicle serve` that holds it."""
    try:
        return open_store(db)
    except StoreError as e:
        if "in use by another process" not in str(e):
            raise
        info = find_server(db)
        if info is None:
            raise
        return RemoteStore(db, info["url"], info["token"])


def plan_to_json(plan: BatchPlan) -> dict:
    return {"articles": [{"id": p.id, "digest": p.digest, "near_duplicate": p.near_duplicate, "events": p.events,
                          "rows": p.rows.to_json()} for p in plan.articles],
            "rejections": [r.to_json() for r in plan.rejections],
            "rejection_rows": plan.rejection_rows.to_json(), "repeated": plan.repeated}


def plan_from_json(data: dict, store: Store) -> BatchPlan:
    """The inverse of `plan_to_json`, typed by the store's declared tables; refuses unknown tables."""
    types: dict[str, dict[str, str]] = {}

    def typed(rows: dict) -> Rows:
        for name in rows:
            spec = store.table(name)
            if spec is None:
                raise StoreError(f"an ingest sent rows for table {name!r}, which this server does not know: "
                                 f"use the same Chronicle version for ingest and serve")
            types[name] = dict(spec.columns)
            unknown = set(rows[name]) - set(spec.names)
            if unknown:
                raise StoreError(f"an ingest sent columns {sorted(unknown)} of {name}, which this server does "
                                 f"not know: use the same Chronicle version for ingest and serve")
        return Rows.from_json(rows, types)

    arts = [PlannedArticle(a["id"], a["digest"], bool(a["near_duplicate"]), int(a["events"]), typed(a["rows"]))
            for a in data.get("articles", [])]
    rejections = [Rejected(**r) for r in data.get("rejections", [])]
    return BatchPlan(arts, rejections, typed(data.get("rejection_rows", {})), int(data.get("repeated", 0)))


class RemoteStore:
    """`Store.save` through a running `chronicle serve` (one HTTP request per batch, on loopback)."""

    def __init__(self, db: str, url: str, token: str):
        self.db, self.url, self.token = db, url.rstrip("/"), token
        self.name = f"{db} (through chronicle serve at {self.url})"

    def _post(self, path: str, body: dict) -> dict:
        req = urllib.request.Request(self.url + path, data=json.dumps(body).encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/json",
                                              "Authorization": f"Bearer {self.token}"})
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT) as r:
                return json.loads(r.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            try:
                detail = json.loads(e.read().decode("utf-8")).get("detail")
            except (ValueError, AttributeError):
                detail = e.reason
            raise StoreError(f"{self.name} refused a batch (HTTP {e.code}): {detail}") from None
        except (urllib.error.URLError, OSError) as e:
            raise StoreError(f"{self.name} did not answer ({e}): is it still running? Stop it or wait, then run "
                             f"the ingest again (stored batches are kept; the rest is redone)") from None

    def save(self, items: Iterable, *, batch_size: int = 64, on_batch=None) -> SaveSummary:
        total = SaveSummary()
        batch: list = []

        def send() -> None:
            plan = plan_batch(batch)
            got = self._post("/ingest/batch", plan_to_json(plan))
            part = SaveSummary(**{k: int(got.get(k, 0)) for k in
                                  ("stored", "replaced", "unchanged", "near_duplicates", "events", "rejected")},
                               rejections=list(plan.rejections))
            total.add(part)
            if on_batch:
                on_batch(total)

        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                send()
                batch = []
        if batch:
            send()
        return total

    save_all = save

    def fuse(self) -> int:
        """Ask the server to fuse the stored events into incidents; how many there are."""
        return int(self._post("/ingest/fuse", {}).get("incidents", 0))

    def done(self) -> None:
        self._post("/ingest/done", {})

    def close(self) -> None:
        try:
            self.done()
        except StoreError:
            pass

    def __enter__(self) -> "RemoteStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
