"""The database schema as data: tables declared once in Python, turned into DDL for DuckDB or
PostgreSQL, and applied by numbered migrations recorded in `schema_version`.

Each part of Chronicle owns a *component* with its own version line, so engineers add tables
without renumbering each other's migrations:

    from chronicle.store import Migration, Table, register_migrations
    register_migrations("fuse", [
        Migration(1, "incidents", [
            Table("incidents", [("id", "text"), ("event_date", "date"), ("killed", "int")], primary_key=("id",)),
            Table("incident_events", [("incident_id", "text"), ("article_id", "text"), ("event_id", "text")],
                  primary_key=("incident_id", "article_id", "event_id")),
        ]),
    ])

Migrations are applied in version order when a store opens (or by `Store.migrate(component,
migrations)` at use time). A database whose version of a component is newer than the code knows
is refused with a StoreError rather than written to.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

# Logical column types and their spelling in each dialect.
TYPES = {
    "text": {"duckdb": "VARCHAR", "postgresql": "TEXT"},
    "int": {"duckdb": "INTEGER", "postgresql": "INTEGER"},
    "bigint": {"duckdb": "BIGINT", "postgresql": "BIGINT"},
    "float": {"duckdb": "DOUBLE", "postgresql": "DOUBLE PRECISION"},
    "bool": {"duckdb": "BOOLEAN", "postgresql": "BOOLEAN"},
    "date": {"duckdb": "DATE", "postgresql": "DATE"},
    "timestamp": {"duckdb": "TIMESTAMP", "postgresql": "TIMESTAMP"},
}


@dataclass(frozen=True, slots=True)
class Table:
    """A table: columns as (name, logical type) pairs, a primary key, and indexes (column tuples)."""

    name: str
    columns: Sequence[tuple[str, str]]
    primary_key: tuple[str, ...] = ()
    indexes: Sequence[tuple[str, ...]] = ()

    def __post_init__(self) -> None:
        for col, typ in self.columns:
            if typ not in TYPES:
                raise ValueError(f"table {self.name}: column {col} has type {typ!r}; use one of {sorted(TYPES)}")

    @property
    def names(self) -> list[str]:
        return [c for c, _ in self.columns]

    def ddl(self, dialect: str) -> list[str]:
        cols = [f"{c} {TYPES[t][dialect]}" for c, t in self.columns]
        if self.primary_key:
            cols.append(f"PRIMARY KEY ({', '.join(self.primary_key)})")
        out = [f"CREATE TABLE IF NOT EXISTS {self.name} ({', '.join(cols)})"]
        for idx in self.indexes:
            out.append(f"CREATE INDEX IF NOT EXISTS {self.name}_{'_'.join(idx)}_idx ON {self.name} ({', '.join(idx)})")
        return out


@dataclass(frozen=True, slots=True)
class AddColumns:
    """Columns added to an existing table (`ALTER TABLE … ADD COLUMN IF NOT EXISTS`, both dialects)."""

    table: str
    columns: Sequence[tuple[str, str]]
    indexes: Sequence[tuple[str, ...]] = ()

    def __post_init__(self) -> None:
        for col, typ in self.columns:
            if typ not in TYPES:
                raise ValueError(f"table {self.table}: column {col} has type {typ!r}; use one of {sorted(TYPES)}")

    def ddl(self, dialect: str) -> list[str]:
        out = [f"ALTER TABLE {self.table} ADD COLUMN IF NOT EXISTS {c} {TYPES[t][dialect]}" for c, t in self.columns]
        for idx in self.indexes:
            out.append(f"CREATE INDEX IF NOT EXISTS {self.table}_{'_'.join(idx)}_idx ON {self.table} ({', '.join(idx)})")
        return out


@dataclass(frozen=True, slots=True)
class Sql:
    """One statement spelled for each dialect (a backfill that needs JSON or regex functions)."""

    duckdb: str
    postgresql: str

    def ddl(self, dialect: str) -> list[str]:
        return [getattr(self, dialect)]


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of a component's schema: tables to create and/or SQL that runs on both dialects."""

    version: int
    name: str
    steps: Sequence[Table | AddColumns | Sql | str] = field(default_factory=tuple)

    def statements(self, dialect: str) -> list[str]:
        out: list[str] = []
        for step in self.steps:
            out.extend([step] if isinstance(step, str) else step.ddl(dialect))
        return out


ARTICLES = Table("articles", [
    ("id", "text"), ("content_hash", "text"), ("origin", "text"), ("title", "text"),
    ("published", "date"), ("url", "text"), ("language", "text"), ("source", "text"),
    ("author", "text"), ("duplicate_of", "text"), ("text", "text"), ("n_events", "int"),
    ("stored_at", "timestamp"),
], primary_key=("id",))

EVENTS = Table("events", [
    ("id", "text"), ("article_id", "text"), ("type", "text"), ("mode", "text"), ("quad", "text"),
    ("contexts", "text"), ("acled_event_type", "text"), ("acled_sub_event_type", "text"),
    ("event_date", "date"), ("date_end", "date"), ("date_precision", "text"), ("date_text", "text"),
    ("country", "text"), ("admin1", "text"), ("admin2", "text"), ("location", "text"),
    ("location_text", "text"), ("geonameid", "bigint"), ("lat", "float"), ("lon", "float"),
    ("geo_precision", "text"), ("location_relation", "text"),
    ("source_actors", "text"), ("target_actors", "text"), ("attributed_to", "text"),
    ("killed", "int"), ("injured", "int"), ("displaced", "int"), ("arrested", "int"),
    ("abducted", "int"), ("participants", "int"),
    ("certainty", "text"), ("negated", "bool"), ("hypothetical", "bool"), ("historical", "bool"),
    ("future", "bool"), ("confidence", "float"), ("trigger_text", "text"), ("record", "text"),
], primary_key=("article_id", "id"), indexes=[("country", "event_date"), ("event_date",), ("type",)])

ACTORS = Table("actors", [
    ("article_id", "text"), ("event_id", "text"), ("role", "text"), ("position", "int"),
    ("text", "text"), ("name", "text"), ("kind", "text"), ("country", "text"),
    ("start_char", "int"), ("end_char", "int"),
], primary_key=("article_id", "event_id", "role", "position"), indexes=[("name",)])

PLACES = Table("places", [
    ("article_id", "text"), ("position", "int"), ("text", "text"), ("start_char", "int"),
    ("end_char", "int"), ("geonameid", "bigint"), ("name", "text"), ("lat", "float"),
    ("lon", "float"), ("country", "text"), ("admin1", "text"), ("admin2", "text"),
    ("feature", "text"), ("precision", "text"), ("score", "float"),
], primary_key=("article_id", "position"))

EVIDENCE = Table("evidence", [
    ("article_id", "text"), ("event_id", "text"), ("position", "int"), ("text", "text"),
    ("start_char", "int"), ("end_char", "int"),
], primary_key=("article_id", "event_id", "position"))

REJECTIONS = Table("rejections", [
    ("article_id", "text"), ("stage", "text"), ("reason", "text"), ("detail", "text"),
    ("rejected_at", "timestamp"),
], primary_key=("article_id", "stage", "reason"))

SCHEMA_VERSION = Table("schema_version", [
    ("component", "text"), ("version", "int"), ("name", "text"), ("applied_at", "timestamp"),
], primary_key=("component", "version"))

# Every mention of a happening (issue 10: one record per happening, evidence from all its mentions).
MENTIONS = Table("mentions", [
    ("article_id", "text"), ("event_id", "text"), ("position", "int"), ("text", "text"),
    ("start_char", "int"), ("end_char", "int"), ("sentence_start", "int"), ("sentence_end", "int"),
], primary_key=("article_id", "event_id", "position"))

# Tables that hang off an article: replaced together when the article's text changes.
ARTICLE_CHILDREN = (EVENTS, ACTORS, PLACES, EVIDENCE, MENTIONS)

CORE = "core"
CORE_MIGRATIONS = [
    Migration(1, "articles, events, actors, places, evidence, rejections",
              [ARTICLES, EVENTS, ACTORS, PLACES, EVIDENCE, REJECTIONS]),
]

# What the map and API read (issue 14): the article's outlet (its `source`, else the URL's host) and
# who gained / lost control of an event's place, as columns so both can be filtered and indexed.
# A component of its own so its numbering never collides with core's.
SERVE = "serve"
_HOST = r"^[A-Za-z][A-Za-z0-9+.-]*://([A-Za-z0-9.-]+)"   # no '?': the PostgreSQL layer binds it
SERVE_MIGRATIONS = [
    Migration(1, "articles.outlet; events.control_gained_by / control_lost_by", [
        AddColumns("articles", [("outlet", "text")], indexes=[("outlet",)]),
        AddColumns("events", [("control_gained_by", "text"), ("control_lost_by", "text")]),
        Sql(duckdb=f"UPDATE articles SET outlet = coalesce(nullif(trim(source), ''), "
                   f"nullif(regexp_replace(regexp_extract(url, '{_HOST}', 1), '^www[.]', ''), '')) "
                   f"WHERE outlet IS NULL",
            postgresql=f"UPDATE articles SET outlet = coalesce(nullif(trim(source), ''), "
                       f"regexp_replace(substring(url from '{_HOST}'), '^www[.]', '')) "
                       f"WHERE outlet IS NULL"),
        Sql(duckdb="UPDATE events SET control_gained_by = json_extract_string(record, '$.control.gained_by.name'), "
                   "control_lost_by = json_extract_string(record, '$.control.lost_by.name') "
                   "WHERE record LIKE '%\"control\": {%'",
            postgresql="UPDATE events SET control_gained_by = record::json #>> '{control,gained_by,name}', "
                       "control_lost_by = record::json #>> '{control,lost_by,name}' "
                       "WHERE record LIKE '%\"control\": {%'"),
    ]),
]

# Records that are happenings (issue 10): P(happening) and the judge's reason for keeping a candidate
# out, as columns the default filters read; every mention of a happening in its own table. Records
# stored before have no mentions rows; their `judged_out` is null, so they stay in the output.
HAPPENINGS = "happenings"
HAPPENINGS_MIGRATIONS = [
    Migration(1, "events.happening / judged_out; mentions", [
        AddColumns("events", [("happening", "float"), ("judged_out", "text")]),
        MENTIONS,
    ]),
]

# a stored event in the default output: not negated, hypothetical, historical or future, and not kept
# out by the happening judge
DEFAULT_OUTPUT = "(NOT (negated OR hypothetical OR historical OR future) AND judged_out IS NULL)"

_REGISTRY: dict[str, list[Migration]] = {CORE: list(CORE_MIGRATIONS), SERVE: list(SERVE_MIGRATIONS),
                                         HAPPENINGS: list(HAPPENINGS_MIGRATIONS)}


def register_migrations(component: str, migrations: Sequence[Migration]) -> None:
    """Declare a component's migrations (numbered 1, 2, … without gaps); applied when a store opens."""
    ordered = sorted(migrations, key=lambda m: m.version)
    if [m.version for m in ordered] != list(range(1, len(ordered) + 1)):
        raise ValueError(f"migrations of {component!r} must be numbered 1..n without gaps, "
                         f"got {[m.version for m in ordered]}")
    _REGISTRY[component] = ordered


def registered() -> dict[str, list[Migration]]:
    return {k: list(v) for k, v in _REGISTRY.items()}


def tables_of(migrations: Sequence[Migration], known: dict[str, Table] | None = None) -> dict[str, Table]:
    """The tables these migrations declare, with columns that later steps add (to `known` tables too)."""
    out: dict[str, Table] = {}
    for m in migrations:
        for s in m.steps:
            if isinstance(s, Table):
                out[s.name] = s
            elif isinstance(s, AddColumns):
                base = out.get(s.table) or (known or {}).get(s.table)
                if base is not None:
                    have = set(base.names)
                    out[s.table] = Table(base.name, [*base.columns, *[c for c in s.columns if c[0] not in have]],
                                         base.primary_key, base.indexes)
    return out
