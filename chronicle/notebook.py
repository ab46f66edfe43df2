"""The notebook API: a stored database as pandas DataFrames.

    >>> import chronicle
    >>> db = chronicle.open("chronicle.duckdb")          # or "postgresql://user@host/db"
    >>> df = db.events(country="IQ", since="2014-06-01", type="ASSAULT", actor="Islamic State")
    >>> sorted(set(df["location"]))
    ['Mosul', 'Tikrīt']
    >>> len(db.articles()) > 0, len(db.rejections())
    (True, 0)
"""
from __future__ import annotations

from collections.abc import Sequence

# The store (pyarrow, duckdb) is imported when a database is opened, so `import chronicle` stays light.


class Database:
    """Read-only views of a Chronicle database; every method returns a pandas DataFrame."""

    def __init__(self, db: str):
        from .store import open_store

        self.store = open_store(db, read_only=True)

    def events(self, *, country: str | Sequence[str] | None = None, since=None, until=None,
               type: str | Sequence[str] | None = None, actor: str | None = None, acled: str | None = None,
               include_all: bool = False, limit: int | None = None):
        """Events filtered by country (IQ/IRQ/Iraq), date range, PLOVER type, actor name (substring),
        ACLED event type; negated, hypothetical, historical and future events only with include_all."""
        from .store.queries import events_sql

        sql, params = events_sql(country=country, since=since, until=until, type=type, actor=actor,
                                 acled=acled, include_all=include_all, limit=limit)
        return self.store.query_df(sql, params)

    def records(self, **filters) -> list[dict]:
        """The same filters, as event records (the `chronicle extract` JSON)."""
        import json

        from .store.queries import events_sql

        sql, params = events_sql(columns=["record"], **filters)
        return [json.loads(r) for r in self.store.query(sql, params).column("record").to_pylist()]

    def articles(self, *, since=None, until=None, limit: int | None = None):
        """Stored articles (without their text), newest first."""
        from .store.queries import _date

        where, params = [], []
        for op, name, value in ((">=", "since", since), ("<=", "until", until)):
            if value is not None:
                where.append(f"published {op} ?")
                params.append(_date(name, value))
        sql = ("SELECT id, title, published, url, source, language, author, origin, duplicate_of, "
               "n_events, content_hash, stored_at FROM articles")
        sql += (" WHERE " + " AND ".join(where)) if where else ""
        sql += " ORDER BY published DESC NULLS LAST, id" + (f" LIMIT {int(limit)}" if limit else "")
        return self.store.query_df(sql, params)

    def rejections(self):
        """Inputs that could not be used, with the stage, a reason code and what to do."""
        return self.store.query_df("SELECT article_id, stage, reason, detail, rejected_at FROM rejections "
                                   "ORDER BY rejected_at, article_id")

    def incidents(self):
        """Incidents (events fused across articles), when the fuse stage has stored them."""
        if not self.store.has_table("incidents"):
            import pandas as pd

            return pd.DataFrame()
        return self.store.query_df("SELECT * FROM incidents")

    def sql(self, query: str, params: Sequence = ()):
        """Any SQL (with `?` placeholders) as a DataFrame."""
        return self.store.query_df(query, params)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open(db: str) -> Database:  # noqa: A001 - `chronicle.open(db)` is the documented name
    """Open a stored database for reading: a DuckDB path or a postgresql:// URL."""
    return Database(db)
