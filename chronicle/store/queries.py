"""The event filters shared by the notebook API (`chronicle.open`) and the REST API: one function
builds the SQL (with `?` placeholders, so it runs on DuckDB and PostgreSQL alike)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..errors import UsageError
from ..knowledge.countries import Countries
from .schema import EVENTS

EVENT_COLUMNS = [c for c in EVENTS.names if c != "record"]


def country_code(value: str) -> str:
    """ISO alpha-2 for an alpha-2 code, an alpha-3 code or a country name ("IQ", "IRQ", "Iraq"), from
    the one country table (chronicle.knowledge.countries)."""
    c = Countries.load().find(value.strip())
    if c is None:
        raise UsageError(f"country {value!r} is not an ISO 3166 code or country name: write e.g. IQ, IRQ or Iraq")
    return c.alpha2


def country_name(alpha2: str | None) -> str | None:
    """The English name of the country with this code (the code itself when the table lacks it)."""
    c = Countries.load().get(alpha2)
    return c.name if c else alpha2


def _date(name: str, value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise UsageError(f"{name}={value!r} is not a date: write it as YYYY-MM-DD, e.g. 2014-06-01") from None


def events_sql(*, country: str | Sequence[str] | None = None, since=None, until=None,
               type: str | Sequence[str] | None = None, actor: str | None = None,
               acled: str | Sequence[str] | None = None, include_all: bool = False, limit: int | None = None,
               offset: int = 0, columns: Sequence[str] = EVENT_COLUMNS, order: str = "oldest",
               **more) -> tuple[str, list]:
    """SELECT … FROM events WHERE <filters> ORDER BY event_date (oldest or newest first); with its
    parameters. `more` takes the other `Filters` (sub, min_killed, certainty, outlet, bbox …)."""
    from .filters import Filters, where_sql

    f = Filters.parse(country=country, since=since, until=until, type=type, actor=actor, acled=acled,
                      include_all=include_all, **more)
    clause, params = where_sql(f, "events")
    sql = f"SELECT {', '.join(columns)} FROM events{clause}"
    sql += " ORDER BY " + ORDER["events"][order]
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    if offset:
        sql += f" OFFSET {int(offset)}"
    return sql, params


ORDER = {
    "events": {"oldest": "event_date, article_id, id", "newest": "event_date DESC NULLS LAST, article_id, id"},
    "incidents": {"oldest": "event_date, id", "newest": "event_date DESC NULLS LAST, id"},
}
