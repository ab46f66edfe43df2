"""Ingest through the server: `chronicle ingest` sends batches here when `chronicle serve` holds
the DuckDB file (see chronicle.store.remote). Each call needs the token the server wrote beside the
file (`<db>.serve.json`, readable only by its owner); nothing else can write through the API."""
from __future__ import annotations

import hmac
import json

from fastapi import FastAPI, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from ..errors import StoreError
from .db import Database


def add_routes(app: FastAPI, database: Database, token: str) -> None:
    def check(request: Request) -> None:
        given = request.headers.get("authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            raise HTTPException(status_code=401, detail="ingest through the server needs its token (from "
                                "<db>.serve.json, written by chronicle serve): run `chronicle ingest --db` "
                                "on the same machine as the same user")

    async def body(request: Request) -> dict:
        try:
            return json.loads(await request.body())
        except ValueError as e:
            raise HTTPException(status_code=400, detail=f"the batch is not JSON ({e})") from None

    def store_batch(data: dict) -> dict:
        from ..store.remote import plan_from_json

        with database.writer() as store:
            s = store.apply(plan_from_json(data, store))
        return {k: getattr(s, k) for k in ("stored", "replaced", "unchanged", "near_duplicates", "events", "rejected")}

    def fuse() -> dict:
        from ..fuse.store import fuse_store

        with database.writer() as store:
            return {"incidents": len(fuse_store(store))}

    async def run(fn, *args):
        try:
            return await run_in_threadpool(fn, *args)
        except StoreError as e:
            raise HTTPException(status_code=409, detail=str(e)) from None

    @app.post("/ingest/batch", include_in_schema=False)
    async def ingest_batch(request: Request):
        check(request)
        return await run(store_batch, await body(request))

    @app.post("/ingest/fuse", include_in_schema=False)
    async def ingest_fuse(request: Request):
        check(request)
        return await run(fuse)

    @app.post("/ingest/done", include_in_schema=False)
    async def ingest_done(request: Request):
        check(request)
        await run(database.release)
        return {"status": "read-only again"}
