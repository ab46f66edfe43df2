"""How `chronicle serve` reaches its database: a pool of readers instead of one locked connection,
and a writer taken only while an ingest sends it batches.

DuckDB lets one process write a file, or many processes read it, never both; so the server opens
the file read-only (a notebook or an export may read it at the same time), hands every request its
own cursor of that one database instance (queries run in parallel, the cache is shared), and when
`chronicle ingest` finds the file held by the server it sends its batches here instead: the server
reopens the file for writing, stores them (readers keep reading through MVCC snapshots), fuses, and
goes back to read-only. PostgreSQL needs none of this: readers are a few pooled connections and
an ingest writes to the server directly.
"""
from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Iterator

from ..errors import StoreError
from ..store import Store, open_store
from ..store.backends import DuckDB, Postgres, is_postgres

IDLE_WRITER_SECONDS = 120     # an ingest that vanished without saying it was done gives the file back


class _SharedLock:
    """Many readers or one exclusive holder (used only to swap the DuckDB connection)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._exclusive = False

    @contextlib.contextmanager
    def shared(self) -> Iterator[None]:
        with self._cond:
            while self._exclusive:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        with self._cond:
            while self._exclusive:
                self._cond.wait()
            self._exclusive = True
            while self._readers:
                self._cond.wait()
        try:
            yield
        finally:
            with self._cond:
                self._exclusive = False
                self._cond.notify_all()


def prepare(db: str) -> None:
    """Bring the schema up to date once at start (the map reads columns added by migrations)."""
    from ..store import incidents

    try:
        with open_store(db) as store:
            incidents.migrate(store)
        return
    except StoreError as e:
        write_error = e
    with open_store(db, read_only=True) as store:     # e.g. a read-only file: fine if nothing is pending
        missing = [c for c, v in _wanted().items() if store.versions().get(c, 0) < v]
    if missing:
        raise StoreError(f"{db} needs a schema upgrade ({', '.join(missing)}) before it can be served, and it "
                         f"cannot be written now ({write_error}); run `chronicle ingest` into it once, or make "
                         f"it writable, then start `chronicle serve` again")


def _wanted() -> dict[str, int]:
    from ..store import incidents
    from ..store.schema import SERVE, SERVE_MIGRATIONS

    return {SERVE: len(SERVE_MIGRATIONS), incidents.COMPONENT: len(incidents.MIGRATIONS)}


class Database:
    """Readers for requests, a writer for ingests sent to the server."""

    def __init__(self, db: str, *, pool_size: int = 8):
        self.db = db
        self.postgres = is_postgres(db)
        self.pool_size = pool_size
        self.dialect = "postgresql" if self.postgres else "duckdb"
        self._swap = _SharedLock()
        self._write = threading.RLock()
        self._last_write = 0.0
        self.writable = False
        self._base = None
        self._pool: queue.LifoQueue = queue.LifoQueue()
        self._all: list = []
        self._tables: frozenset[str] | None = None
        prepare(db)
        self._open(write=False)

    # -- connections ----------------------------------------------------------------------
    def _open(self, *, write: bool) -> None:
        if self.postgres:
            self.writable = True
            return
        self._base = DuckDB(self.db, read_only=not write)
        self.writable = write

    def _close_all(self) -> None:
        while True:
            try:
                self._pool.get_nowait()
            except queue.Empty:
                break
        for r in self._all:
            with contextlib.suppress(Exception):
                r.close()
        self._all.clear()
        if self._base is not None:
            with contextlib.suppress(Exception):
                self._base.close()
            self._base = None

    def _new_reader(self):
        if self.postgres:
            r = Postgres(self.db, read_only=True)
        else:
            r = DuckDB.over(self._base.con.cursor(), self.db)
        self._all.append(r)
        return r

    @contextlib.contextmanager
    def reader(self) -> Iterator[DuckDB | Postgres]:
        """A reader of its own for one request (returned to the pool afterwards)."""
        self._maybe_release()
        with self._swap.shared():
            try:
                r = self._pool.get_nowait()
            except queue.Empty:
                r = self._new_reader()
            try:
                yield r
            finally:
                self._pool.put(r)

    @contextlib.contextmanager
    def writer(self) -> Iterator[Store]:
        """The store opened for writing (DuckDB: the file is reopened read-write while needed)."""
        with self._write:
            if self.postgres:
                with open_store(self.db) as store:
                    yield store
                self._tables = None
                return
            if not self.writable:
                with self._swap.exclusive():
                    self._close_all()
                    try:
                        self._open(write=True)
                    except StoreError as e:
                        self._open(write=False)
                        raise StoreError(f"chronicle serve cannot write {self.db}: {e}") from None
            self._last_write = time.monotonic()
            cursor = self._base.con.cursor()
            try:
                yield Store(self.db, backend=DuckDB.over(cursor, self.db))
            finally:
                cursor.close()
                self._tables = None
                self._last_write = time.monotonic()

    def tables(self, reader) -> frozenset[str]:
        """The database's tables (asked once; an ingest through the server asks again)."""
        if self._tables is None:
            self._tables = frozenset(reader.tables())
        return self._tables

    def release(self) -> None:
        """Give the file back (read-only again) so other processes can read it."""
        with self._write:
            if self.postgres or not self.writable:
                return
            with self._swap.exclusive():
                self._close_all()
                self._open(write=False)

    def _maybe_release(self) -> None:
        if self.writable and not self.postgres and time.monotonic() - self._last_write > IDLE_WRITER_SECONDS:
            if self._write.acquire(blocking=False):
                try:
                    if time.monotonic() - self._last_write > IDLE_WRITER_SECONDS:
                        self.release()
                finally:
                    self._write.release()

    def close(self) -> None:
        with self._swap.exclusive():
            self._close_all()
