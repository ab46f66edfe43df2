"""The tiny dialect layer: one class per database with the same five verbs (execute, query,
insert, transaction, tables). SQL is written once with `?` placeholders; bulk inserts go through
Arrow (DuckDB) or COPY (PostgreSQL), never row-at-a-time executemany.
"""
from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..errors import StoreError
from .schema import Table

ARROW = {"text": pa.string(), "int": pa.int32(), "bigint": pa.int64(), "float": pa.float64(),
         "bool": pa.bool_(), "date": pa.date32(), "timestamp": pa.timestamp("us")}


def arrow_schema(table: Table, columns: Sequence[str] | None = None) -> pa.Schema:
    types = dict(table.columns)
    return pa.schema([(c, ARROW[types[c]]) for c in (columns or table.names)])


def is_postgres(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


def redact(db: str) -> str:
    """A database URL without its password, for messages."""
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", db)


class DuckDB:
    dialect = "duckdb"

    def __init__(self, path: str, *, read_only: bool = False):
        import duckdb

        self.name = path
        p = Path(path)
        if read_only and not p.exists():
            raise StoreError(f"no database at {path}: run `chronicle ingest INPUT... --db {path}` first")
        if not read_only and p.exists() and not os.access(p, os.W_OK):
            raise StoreError(f"{path} is read-only: make it writable (chmod u+w {path}) or ingest into "
                             f"another --db; exports and queries can still read it")
        try:
            self.con = duckdb.connect(path, read_only=read_only)
        except duckdb.Error as e:
            raise _duckdb_error(path, e) from None
        self._n = 0

    @classmethod
    def over(cls, con, name: str) -> "DuckDB":
        """A backend over an open DuckDB connection or cursor (a server's pool of readers)."""
        self = cls.__new__(cls)
        self.name, self.con, self._n = name, con, 0
        return self

    @contextlib.contextmanager
    def _damage_is_a_store_error(self) -> Iterator[None]:
        """A damaged or truncated file, or a failed write (disk full), found by any statement: a
        StoreError that says so; other errors (SQL, constraints) pass through unchanged."""
        import duckdb

        try:
            yield
        except duckdb.Error as e:
            err = _duckdb_damage(self.name, e)
            if err is None:
                raise
            raise err from None

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self._damage_is_a_store_error():
            self.con.execute(sql, list(params))

    def query(self, sql: str, params: Sequence[Any] = ()) -> pa.Table:
        with self._damage_is_a_store_error():
            t = self.con.sql(sql, params=list(params) or None).to_arrow_table()
        return _plain_strings(t)

    def insert(self, table: Table, columns: dict[str, list]) -> None:
        if not columns or not len(next(iter(columns.values()))):
            return
        names = list(columns)
        data = pa.table(columns, schema=arrow_schema(table, names))
        self._n += 1
        view = f"_chronicle_insert_{self._n}"
        self.con.register(view, data)
        try:
            with self._damage_is_a_store_error():
                self.con.execute(f"INSERT INTO {table.name} ({', '.join(names)}) SELECT {', '.join(names)} FROM {view}")
        finally:
            self.con.unregister(view)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            with contextlib.suppress(Exception):   # a failed COMMIT or a lost file leaves nothing to roll back
                self.con.execute("ROLLBACK")
            raise
        with self._damage_is_a_store_error():
            self.con.execute("COMMIT")

    def tables(self) -> set[str]:
        rows = self.con.execute("SELECT table_name FROM information_schema.tables "
                                "WHERE table_schema = current_schema()").fetchall()
        return {r[0] for r in rows}

    def close(self) -> None:
        self.con.close()


_WRITE_FAILED = ("no space left", "file too large", "could not write", "disk quota", "failed to commit")
_DAMAGED = ("corrupt", "checksum", "not a valid duckdb database", "could not read enough bytes")


def _duckdb_damage(path: str, e: Exception) -> StoreError | None:
    """A StoreError for an error that means the file is damaged or cannot be written, else None."""
    msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    low = msg.lower()
    if any(w in low for w in _WRITE_FAILED):
        return StoreError(f"{path}: writing failed ({msg}): the disk is full or the file hit a size limit; "
                          f"free space (or raise the limit) and run the command again — each transaction "
                          f"either committed whole or left nothing, so what was stored is intact")
    if any(w in low for w in _DAMAGED):
        return StoreError(f"{path} is not a DuckDB database or is damaged ({msg}): it may be truncated or "
                          f"overwritten; move it aside and ingest again (or restore a copy), or point --db "
                          f"at the right file")
    return None


def _duckdb_error(path: str, e: Exception) -> StoreError:
    msg = str(e)
    if "Could not set lock" in msg or "Conflicting lock" in msg:
        pid = re.search(r"PID (\d+)", msg)
        who = f" (PID {pid.group(1)})" if pid else ""
        return StoreError(f"{path} is in use by another process{who}: DuckDB allows one writer at a time; "
                          f"wait for it to finish, stop it, or use another --db")
    if "Permission denied" in msg or "read-only" in msg.lower():
        return StoreError(f"{path} cannot be opened for writing (permission denied): make it writable "
                          f"or use another --db")
    if "not a valid DuckDB database" in msg or "Corrupt" in msg or "checksum" in msg.lower():
        return StoreError(f"{path} is not a DuckDB database or is damaged ({msg.splitlines()[0]}): "
                          f"move it aside and ingest again, or point --db at the right file")
    return StoreError(f"cannot open the DuckDB database {path}: {msg.splitlines()[0]}")


class Postgres:
    dialect = "postgresql"

    def __init__(self, url: str, *, read_only: bool = False):
        import psycopg

        self.name = redact(url)
        try:
            self.con = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as e:
            raise StoreError(f"cannot connect to PostgreSQL at {self.name}: {str(e).strip().splitlines()[-1]}; "
                             f"check the server is running and the URL (user, password, database)") from None
        # a table locked by another session fails after a while instead of hanging the ingest
        self.con.execute("SET lock_timeout = '60s'")
        if read_only:
            self.con.execute("SET default_transaction_read_only = on")

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.con.execute(self._sql(sql), list(params) or None)

    def query(self, sql: str, params: Sequence[Any] = ()) -> pa.Table:
        cur = self.con.execute(self._sql(sql), list(params) or None)
        names = [d.name for d in cur.description]
        rows = cur.fetchall()
        cols = list(zip(*rows)) if rows else [[] for _ in names]
        arrays = []
        for d, col in zip(cur.description, cols):
            typ = _PG_ARROW.get(d.type_code)
            arrays.append(pa.array(list(col), type=typ) if typ is not None else pa.array(list(col)))
        return pa.table(arrays, names=names)

    def insert(self, table: Table, columns: dict[str, list]) -> None:
        if not columns or not len(next(iter(columns.values()))):
            return
        names = list(columns)
        with self.con.cursor() as cur:
            with cur.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as cp:
                for row in zip(*columns.values()):
                    cp.write_row(row)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        with self.con.transaction():
            yield

    def tables(self) -> set[str]:
        rows = self.con.execute("SELECT table_name FROM information_schema.tables "
                                "WHERE table_schema = current_schema()").fetchall()
        return {r[0] for r in rows}

    def close(self) -> None:
        self.con.close()


# PostgreSQL type OIDs → Arrow, so both backends hand back the same Arrow types.
_PG_ARROW = {25: pa.string(), 1043: pa.string(), 23: pa.int32(), 21: pa.int32(), 20: pa.int64(),
             701: pa.float64(), 700: pa.float64(), 16: pa.bool_(), 1082: pa.date32(),
             1114: pa.timestamp("us")}


def _plain_strings(t: pa.Table) -> pa.Table:
    fields = [pa.field(f.name, pa.string()) if pa.types.is_large_string(f.type) or pa.types.is_string_view(f.type)
              else f for f in t.schema]
    return t.cast(pa.schema(fields)) if fields != list(t.schema) else t


def connect(db: str, *, read_only: bool = False) -> DuckDB | Postgres:
    """A backend for a DuckDB path or a postgresql:// URL."""
    return Postgres(db, read_only=read_only) if is_postgres(db) else DuckDB(db, read_only=read_only)
