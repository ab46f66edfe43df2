"""The store: pipeline records → a DuckDB file (default) or PostgreSQL (a `postgresql://` URL),
with the same schema on both. Idempotent (an unchanged article is skipped, a corrected one — same
id, different content hash — replaces its events), crash-safe (each batch of whole articles is one
transaction), versioned (numbered migrations per component; see `schema`).

    >>> from chronicle.store import open_store
    >>> from chronicle.run import Resources, analyse, read_articles
    >>> analyses = analyse(read_articles(["examples/borno_2020-02-10.txt"], settings=settings),
    ...                    resources=Resources(settings=settings, nlp=nlp))
    >>> with open_store("chronicle.duckdb") as store:
    ...     summary = store.save(analyses)          # Analysis and Rejected records
    ...     df = store.query_df("SELECT type, count(*) AS n FROM events GROUP BY type")
    >>> "ASSAULT" in set(df["type"])
    True

Other components add tables through migrations (`register_migrations`, or `Store.migrate` at use
time) and write rows with `Store.insert(table, columns)` inside `Store.transaction()`.
The ACLED export uses `incidents(id, …)` + `incident_events(incident_id, article_id, event_id)`
when both exist (one row per incident), else one row per event.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from ..errors import StoreError
from ..pipeline import Analysis
from ..records import Rejected
from . import schema as _schema
from .backends import connect, is_postgres
from .rows import Rows, add_analysis, add_rejection, content_hash
from .schema import ARTICLE_CHILDREN, ARTICLES, CORE, REJECTIONS, SCHEMA_VERSION, Migration, Table, register_migrations

__all__ = ["Migration", "SaveSummary", "Store", "StoreError", "Table", "open_store", "register_migrations"]


@dataclass
class SaveSummary:
    """What one `save` did; `ingest` prints it."""

    stored: int = 0          # new articles
    replaced: int = 0        # same id, changed content: old events replaced
    unchanged: int = 0       # already stored with the same content (duplicates of earlier ingests)
    near_duplicates: int = 0  # stored as links to their first copy, no events of their own
    events: int = 0          # events written by this save
    rejected: int = 0
    rejections: list[Rejected] = field(default_factory=list)
    incidents: int | None = None   # incidents in the database after fusing (None: not fused)

    def line(self) -> str:
        return (f"articles stored: {self.stored} new, {self.replaced} replaced; duplicates: "
                f"{self.unchanged} already stored, {self.near_duplicates} near-duplicates; "
                f"events: {self.events}; rejected: {self.rejected}"
                + (f"; incidents: {self.incidents}" if self.incidents is not None else ""))

    def __str__(self) -> str:
        return self.line()

    def add(self, other: "SaveSummary") -> None:
        for f in ("stored", "replaced", "unchanged", "near_duplicates", "events", "rejected"):
            setattr(self, f, getattr(self, f) + getattr(other, f))
        self.rejections.extend(other.rejections)


class Store:
    """A connection to one Chronicle database with its schema brought up to date."""

    def __init__(self, db: str, *, read_only: bool = False, backend=None):
        self.db = db
        self.read_only = read_only
        self.backend = backend if backend is not None else connect(db, read_only=read_only)
        self.name = self.backend.name
        self._tables: dict[str, Table] = {SCHEMA_VERSION.name: SCHEMA_VERSION}
        try:
            for component, migrations in _schema.registered().items():
                self.migrate(component, migrations)
        except Exception:
            self.backend.close()
            raise

    # -- schema ---------------------------------------------------------------------------
    def versions(self) -> dict[str, int]:
        """The schema version of each component in this database (empty for a new database)."""
        if SCHEMA_VERSION.name not in self.backend.tables():
            return {}
        t = self.backend.query("SELECT component, max(version) AS v FROM schema_version GROUP BY component")
        return dict(zip(t.column("component").to_pylist(), t.column("v").to_pylist()))

    def migrate(self, component: str, migrations: Sequence[Migration]) -> list[int]:
        """Apply the component's pending migrations in order, each in its own transaction."""
        self._tables.update(_schema.tables_of(migrations, self._tables))
        have = self.versions().get(component, 0)
        known = max((m.version for m in migrations), default=0)
        if have > known:
            raise StoreError(
                f"{self.name} has schema version {have} of {component!r}, newer than this Chronicle knows "
                f"({known}): it was written by a newer version; upgrade Chronicle (pip install -U chronicle) "
                f"or use another --db")
        pending = [m for m in sorted(migrations, key=lambda m: m.version) if m.version > have]
        if pending and self.read_only:
            if have == 0 and component == CORE:
                raise StoreError(f"{self.name} is not a Chronicle database (no schema_version table): "
                                 f"run `chronicle ingest INPUT... --db {self.db}` to create one")
            return []   # a reader does not change the schema; the next writer will
        applied = []
        for m in pending:
            try:
                with self.backend.transaction():
                    for stmt in SCHEMA_VERSION.ddl(self.backend.dialect) + m.statements(self.backend.dialect):
                        self.backend.execute(stmt)
                    self.backend.execute("INSERT INTO schema_version (component, version, name, applied_at) "
                                         "VALUES (?, ?, ?, ?)", [component, m.version, m.name, _now()])
            except StoreError:
                raise
            except Exception as e:
                raise _write_error(self.name, e, f"applying migration {component} {m.version} ({m.name})") from e
            applied.append(m.version)
        return applied

    def has_table(self, name: str) -> bool:
        return name in self.backend.tables()

    # -- writing --------------------------------------------------------------------------
    def transaction(self):
        """A transaction on the underlying database (commit on success, roll back on error)."""
        return self.backend.transaction()

    def table(self, name: str) -> Table | None:
        """The declared table (with every column the applied migrations add), or None."""
        return self._tables.get(name)

    def insert(self, table: str | Table, columns: dict[str, list]) -> None:
        """Bulk-insert column lists into a table declared by some migration."""
        spec = self._tables.get(table.name, table) if isinstance(table, Table) else self._tables.get(table)
        if spec is None:
            raise StoreError(f"table {table!r} is not declared by any migration: declare it with "
                             f"chronicle.store.Table in a Migration so both backends know its types")
        self.backend.insert(spec, columns)

    def save(self, items: Iterable[Analysis | Rejected], *, batch_size: int = 64,
             on_batch=None) -> SaveSummary:
        """Store analyses and rejections, one transaction per batch of whole articles."""
        total = SaveSummary()
        batch: list[Analysis | Rejected] = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                total.add(self._save_batch(batch))
                batch = []
                if on_batch:
                    on_batch(total)
        if batch:
            total.add(self._save_batch(batch))
            if on_batch:
                on_batch(total)
        return total

    save_all = save   # the name `make demo` calls

    def _save_batch(self, batch: list[Analysis | Rejected]) -> SaveSummary:
        return self.apply(plan_batch(batch))

    def apply(self, plan: "BatchPlan") -> SaveSummary:
        """Write a planned batch in one transaction: new articles stored, changed ones replaced,
        unchanged ones (same content hash) skipped. `chronicle serve` applies plans sent by an ingest."""
        out = SaveSummary(rejected=len(plan.rejections), unchanged=plan.repeated, rejections=list(plan.rejections))
        try:
            with self.backend.transaction():
                stored = self._hashes([p.id for p in plan.articles])
                rows = Rows()
                replace: list[str] = []
                for p in plan.articles:
                    if stored.get(p.id) == p.digest:
                        out.unchanged += 1
                        continue
                    if p.id in stored:
                        replace.append(p.id)
                        out.replaced += 1
                    else:
                        out.stored += 1
                    out.near_duplicates += p.near_duplicate
                    out.events += p.events
                    rows.extend(p.rows)
                # a rejection stored before with the same reason keeps its first time (a rerun changes nothing)
                kept = self._stored_rejections(plan.rejections)
                rows.extend(_without_rows(plan.rejection_rows, "rejections", kept))
                self._delete("articles", "id", replace)
                for t in ARTICLE_CHILDREN:
                    self._delete(t.name, "article_id", replace)
                new_ids = rows.of("articles").get("id", [])
                self._delete("rejections", "article_id",
                             new_ids + [r.article_id for r in plan.rejections
                                        if (r.article_id, r.stage, r.reason, r.detail) not in kept])
                for t in (ARTICLES, *ARTICLE_CHILDREN, REJECTIONS):
                    self.backend.insert(self._tables.get(t.name, t), rows.of(t.name))
        except StoreError:
            raise
        except Exception as e:
            raise _write_error(self.name, e, "storing a batch of articles") from e
        return out

    def unchanged(self, articles: Sequence[Any]) -> set[str]:
        """Ids of the articles stored already with the same content hash, whose first copy (for a
        near-duplicate) is stored too: `ingest` skips them before the NLP runs.

            >>> from chronicle.records import Article
            >>> from chronicle.run import read_articles
            >>> articles = list(read_articles(["examples/"], settings=settings))
            >>> articles.append(Article(id="new-1", text="A report never stored.", origin="t"))
            >>> with open_store("chronicle.duckdb", read_only=True) as store:
            ...     fresh = [a for a in articles if a.id not in store.unchanged(articles)]
            >>> [a.id for a in fresh]            # the examples are stored already
            ['new-1']
        """
        ids = [a.id for a in articles]
        firsts = [a.duplicate_of for a in articles if a.duplicate_of]
        stored = self._hashes(list(dict.fromkeys(ids + firsts)))
        return {a.id for a in articles
                if stored.get(a.id) == content_hash(a) and (a.duplicate_of is None or a.duplicate_of in stored)}

    def _hashes(self, ids: list[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for chunk in _chunks(ids, 500):
            t = self.backend.query(f"SELECT id, content_hash FROM articles WHERE id IN ({_marks(chunk)})", chunk)
            out.update(zip(t.column("id").to_pylist(), t.column("content_hash").to_pylist()))
        return out

    def _stored_rejections(self, rejections) -> set[tuple]:
        """(article_id, stage, reason, detail) of these rejections already stored as they are."""
        ids = sorted({r.article_id for r in rejections})
        found: set[tuple] = set()
        for chunk in _chunks(ids, 500):
            t = self.backend.query(f"SELECT article_id, stage, reason, detail FROM rejections "
                                   f"WHERE article_id IN ({_marks(chunk)})", chunk)
            found |= set(zip(*(t.column(c).to_pylist() for c in ("article_id", "stage", "reason", "detail"))))
        stored_ids = {k[0] for k in found}
        # an article whose set of rejections changed is rewritten whole
        changed = {r.article_id for r in rejections if (r.article_id, r.stage, r.reason, r.detail) not in found}
        return {k for k in found if k[0] in stored_ids - changed}

    def _delete(self, table: str, column: str, ids: list[str]) -> None:
        for chunk in _chunks(sorted(set(ids)), 500):
            self.backend.execute(f"DELETE FROM {table} WHERE {column} IN ({_marks(chunk)})", chunk)

    # -- reading --------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] = ()) -> pa.Table:
        """Run SQL written with `?` placeholders; an Arrow table with the same types on both backends."""
        return self.backend.query(sql, params)

    def query_df(self, sql: str, params: Sequence[Any] = ()):
        return self.query(sql, params).to_pandas(date_as_object=False)

    def count(self, table: str) -> int:
        return int(self.backend.query(f"SELECT count(*) AS n FROM {table}").column("n")[0].as_py())

    # -- lifecycle ------------------------------------------------------------------------
    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@dataclass
class PlannedArticle:
    """One article's rows, ready to write unless the store already has the same content hash."""

    id: str
    digest: str
    near_duplicate: bool
    events: int
    rows: Rows


@dataclass
class BatchPlan:
    """A batch turned into rows without touching a database (so another process can write it)."""

    articles: list[PlannedArticle]
    rejections: list[Rejected]
    rejection_rows: Rows
    repeated: int = 0          # the same article id twice in one batch: the later copy wins


def plan_batch(batch: Iterable[Analysis | Rejected]) -> BatchPlan:
    """Rows for a batch of analyses and rejections (the pure half of `Store.save`)."""
    now = _now()
    latest: dict[str, Analysis] = {}
    rejected: dict[tuple[str, str, str], Rejected] = {}
    rejections: list[Rejected] = []
    repeated = 0
    for item in batch:
        if isinstance(item, Rejected):
            rejected[(item.article_id, item.stage, item.reason)] = item
            rejections.append(item)
        else:
            if item.article.id in latest:
                repeated += 1
            latest[item.article.id] = item
    articles = []
    for aid, a in latest.items():
        rows = Rows()
        digest = content_hash(a.article)
        n = add_analysis(rows, a, digest=digest, now=now)
        articles.append(PlannedArticle(aid, digest, a.article.duplicate_of is not None, n, rows))
    rrows = Rows()
    for r in rejected.values():
        add_rejection(rrows, r, now=now)
    return BatchPlan(articles, rejections, rrows, repeated)


def open_store(db: str, *, read_only: bool = False) -> Store:
    """Open (creating and migrating if needed) a DuckDB file or a postgresql:// database."""
    return Store(db, read_only=read_only)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def _without_rows(rows: "Rows", table: str, keys: set[tuple]) -> "Rows":
    """`rows` less the rejection rows whose (article_id, stage, reason, detail) is in `keys`."""
    from .rows import Rows

    if not keys:
        return rows
    out = Rows()
    cols = rows.of(table)
    n = len(cols.get("article_id", []))
    for i in range(n):
        if (cols["article_id"][i], cols["stage"][i], cols["reason"][i], cols["detail"][i]) in keys:
            continue
        out.add(table, **{k: v[i] for k, v in cols.items()})
    for t, c in rows.tables.items():
        if t != table:
            for k, v in c.items():
                out.tables[t][k].extend(v)
    return out


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


def _chunks(xs: list, n: int) -> Iterator[list]:
    for i in range(0, len(xs), n):
        yield xs[i:i + n]


def _write_error(name: str, e: Exception, doing: str) -> StoreError:
    msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    low = msg.lower()
    if "read-only" in low or "read only" in low or "permission denied" in low or "readonly" in low:
        return StoreError(f"{name} is read-only ({msg}) while {doing}: make it writable or use another --db")
    if "lock timeout" in low or "could not obtain lock" in low:
        return StoreError(f"{name} is locked by another session ({msg}) while {doing}: wait for it to finish "
                          f"and run the command again")
    return StoreError(f"{name}: failed while {doing}: {msg}")


def is_database_url(db: str) -> bool:
    return is_postgres(db)
