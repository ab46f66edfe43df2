"""The map's and API's filters as one typed record, and the SQL WHERE clause they make on the
`events` or `incidents` table (with `?` placeholders, so it runs on DuckDB and PostgreSQL alike).

    >>> f = Filters.parse(country=["IQ"], type=["ASSAULT"], actor="ISIS", min_killed=1)
    >>> clauses, params = where(f, "incidents")

Bad values raise UsageError with what was wrong and how to write it (the API turns that into a 400).
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..errors import UsageError
from ..records import CERTAINTIES
from .schema import DEFAULT_OUTPUT

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
LAYERS = ("incidents", "events")
FLAGGED = DEFAULT_OUTPUT


@dataclass(frozen=True, slots=True)
class BBox:
    """An area on the map: west, south, east, north in degrees; west > east crosses the antimeridian."""

    west: float
    south: float
    east: float
    north: float

    @property
    def crosses(self) -> bool:
        return self.west > self.east

    @property
    def whole_width(self) -> bool:
        return self.west == -180.0 and self.east == 180.0


@dataclass(frozen=True, slots=True)
class Filters:
    country: tuple[str, ...] = ()          # ISO alpha-2
    since: dt.date | None = None
    until: dt.date | None = None
    type: tuple[str, ...] = ()             # PLOVER types
    acled: tuple[str, ...] = ()            # ACLED event types
    sub: tuple[str, ...] = ()              # ACLED sub-event types
    actor: tuple[str, ...] = ()            # the text asked for and the canonical names it is an alias of
    min_killed: int | None = None
    certainty: tuple[str, ...] = ()
    min_confidence: float | None = None
    outlet: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    bbox: BBox | None = None
    include_all: bool = False              # events only: also negated, hypothetical, historical, future

    @classmethod
    def parse(cls, *, country=None, since=None, until=None, type=None, acled=None, sub=None, actor=None,
              min_killed=None, certainty=None, min_confidence=None, outlet=None, admin1=None, bbox=None,
              include_all: bool = False) -> "Filters":
        """Validate what a user typed (query parameters or keyword arguments) into Filters."""
        from .queries import country_code

        types = tuple(t.strip().upper() for t in _given("type", type))
        for t in types:
            if t not in PLOVER_TYPES:
                raise UsageError(f"type={t!r} is not a PLOVER event type: use one of {', '.join(PLOVER_TYPES)}")
        certs = tuple(c.strip().lower() for c in _given("certainty", certainty))
        for c in certs:
            if c not in CERTAINTIES:
                raise UsageError(f"certainty={c!r} is not a certainty: use one of {', '.join(CERTAINTIES)}")
        return cls(
            country=tuple(dict.fromkeys(country_code(c) for c in _given("country", country))),
            since=_date("since", since), until=_date("until", until), type=types,
            acled=_given("acled", acled), sub=_given("sub", sub), actor=actor_terms(_one("actor", actor)),
            min_killed=_number("min_killed", min_killed, int, 0, 10**9),
            certainty=certs, min_confidence=_number("min_confidence", min_confidence, float, 0.0, 1.0),
            outlet=_given("outlet", outlet), admin1=_given("admin1", admin1), bbox=parse_bbox(bbox),
            include_all=bool(include_all))


def _many(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _given(name: str, value) -> tuple[str, ...]:
    """A list parameter; an empty value is a mistake worth naming (`type=` would otherwise match nothing)."""
    out = []
    for v in _many(value):
        parts = [p.strip() for p in str(v).split(",")] if name == "country" else [str(v).strip()]
        for p in parts:
            if not p:
                raise UsageError(f"{name}= is empty: give a value (e.g. {_EXAMPLES.get(name, 'one')}) "
                                 f"or leave the parameter out")
            out.append(p)
    return tuple(dict.fromkeys(out))


_EXAMPLES = {"country": "country=IQ", "type": "type=ASSAULT", "acled": "acled=Battles",
             "sub": "sub=Armed clash", "certainty": "certainty=confirmed", "outlet": "outlet=Reuters",
             "admin1": "admin1=Nineveh", "actor": "actor=ISIS"}


def _one(name: str, value) -> str | None:
    if value is None:
        return None
    v = str(value).strip()
    if not v:
        raise UsageError(f"{name}= is empty: give a value (e.g. {_EXAMPLES.get(name, 'one')}) or leave it out")
    return v


def _date(name: str, value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise UsageError(f"{name}={value!r} is not a date: write it as YYYY-MM-DD, e.g. 2014-06-01") from None


def _number(name: str, value, kind, low, high):
    if value is None or value == "":
        return None
    try:
        x = kind(value)
    except (TypeError, ValueError):
        raise UsageError(f"{name}={value!r} is not a number: write e.g. {name}={kind(low) if kind is int else 0.5}") from None
    if not (low <= x <= high) or (isinstance(x, float) and math.isnan(x)):
        raise UsageError(f"{name}={value!r} is out of range: use a value from {low} to {high}")
    return x


def parse_bbox(value) -> BBox | None:
    """"west,south,east,north" (Leaflet's toBBoxString); longitudes beyond ±180 are wrapped."""
    if value is None or value == "":
        return None
    try:
        w, s, e, n = (float(x) for x in str(value).split(","))
    except ValueError:
        raise UsageError(f"bbox={value!r}: write west,south,east,north in degrees, e.g. bbox=38,29,49,38") from None
    if any(math.isnan(x) or math.isinf(x) for x in (w, s, e, n)) or not (-90 <= s <= n <= 90) or e < w:
        raise UsageError(f"bbox={value!r}: need -90 <= south <= north <= 90 and west <= east "
                         f"(write west,south,east,north)")
    if e - w >= 360:
        return BBox(-180.0, s, 180.0, n)
    wrap = lambda x: ((x + 180.0) % 360.0) - 180.0  # noqa: E731
    w2, e2 = wrap(w), wrap(e)
    if e2 == -180.0 and e > w:
        e2 = 180.0
    return BBox(w2, s, e2, n)


@lru_cache(maxsize=1024)
def actor_terms(text: str | None) -> tuple[str, ...]:
    """What an actor search matches: the text itself and the canonical name it is an alias of
    in the actor table ("ISIS" → also "Islamic State")."""
    if not text:
        return ()
    from ..actors.table import ActorTable, match_actor

    found = match_actor(text, ActorTable.load())
    names = [text] + ([found.name] if found and found.name else [])
    return tuple(dict.fromkeys(names))


def like_escape(text: str) -> str:
    """A LIKE pattern that matches `text` literally (with ESCAPE '\\')."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(column: str, values: Sequence[str]) -> tuple[str, list]:
    """column ILIKE '%value%' for any value, matching % and _ literally."""
    clause = " OR ".join(f"{column} ILIKE ? ESCAPE '\\'" for _ in values)
    return f"({clause})", [f"%{like_escape(v)}%" for v in values]


def _in(column: str, values: Sequence) -> tuple[str, list]:
    return f"{column} IN ({', '.join('?' for _ in values)})", list(values)


def where(f: Filters, layer: str, *, dates: bool = True, area: bool = True) -> tuple[list[str], list]:
    """The WHERE clauses (ANDed) and parameters for a layer ("events" or "incidents").

    `dates=False` leaves since/until out (the histogram shows the whole span), `area=False` the bbox.
    """
    if layer not in LAYERS:
        raise UsageError(f"layer={layer!r}: use one of {', '.join(LAYERS)}")
    clauses: list[str] = []
    params: list = []

    def add(clause: str, ps: Sequence = ()) -> None:
        clauses.append(clause)
        params.extend(ps)

    if f.country:
        add(*_in("country", f.country))
    if dates and f.since is not None:
        add("event_date >= ?", [f.since])
    if dates and f.until is not None:
        add("event_date <= ?", [f.until])
    if f.type:
        add(*_in("type", f.type))
    if f.acled:
        add(*_in("acled_event_type", f.acled))
    if f.sub:
        add(*_in("acled_sub_event_type", f.sub))
    if f.actor:
        a, pa_ = contains("source_actors", f.actor)
        b, pb = contains("target_actors", f.actor)
        add(f"({a} OR {b})", pa_ + pb)
    if f.min_killed is not None:
        add("coalesce(killed, 0) >= ?", [f.min_killed])
    if f.certainty:
        add(*_in("certainty", f.certainty))
    if f.min_confidence is not None:
        add("confidence >= ?", [f.min_confidence])
    if f.outlet:
        if layer == "events":
            c, ps = _in("outlet", f.outlet)
            add(f"article_id IN (SELECT id FROM articles WHERE {c})", ps)
        else:
            add("(" + " OR ".join("('; ' || outlets || '; ') LIKE ? ESCAPE '\\'" for _ in f.outlet) + ")",
                [f"%; {like_escape(o)}; %" for o in f.outlet])
    if f.admin1:
        add(*_in("admin1", f.admin1))
    if area and f.bbox is not None:
        b = f.bbox
        add("lat BETWEEN ? AND ?", [b.south, b.north])
        if not b.whole_width:
            if b.crosses:
                add("(lon >= ? OR lon <= ?)", [b.west, b.east])
            else:
                add("lon BETWEEN ? AND ?", [b.west, b.east])
    if layer == "events" and not f.include_all:
        add(FLAGGED)
    return clauses, params


def where_sql(f: Filters, layer: str, **kw) -> tuple[str, list]:
    clauses, params = where(f, layer, **kw)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params
