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
class Migration:
    """One step of a component's schema: tables to create and/or SQL that runs on both dialects."""

    version: int
    name: str
    steps: Sequence[Table | str] = field(default_factory=tuple)

    def statements(self, dialect: str) -> list[str]:
        out: list[str] = []
        for step in self.steps:
            out.extend(step.ddl(dialect) if isinstance(step, Table) else [step])
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

# Tables that hang off an article: replaced together when the article's text changes.
ARTICLE_CHILDREN = (EVENTS, ACTORS, PLACES, EVIDENCE)

CORE = "core"
CORE_MIGRATIONS = [
    Migration(1, "articles, events, actors, places, evidence, rejections",
              [ARTICLES, EVENTS, ACTORS, PLACES, EVIDENCE, REJECTIONS]),
]

_REGISTRY: dict[str, list[Migration]] = {CORE: list(CORE_MIGRATIONS)}


def register_migrations(component: str, migrations: Sequence[Migration]) -> None:
    """Declare a component's migrations (numbered 1, 2, … without gaps); applied when a store opens."""
    ordered = sorted(migrations, key=lambda m: m.version)
    if [m.version for m in ordered] != list(range(1, len(ordered) + 1)):
        raise ValueError(f"migrations of {component!r} must be numbered 1..n without gaps, "
                         f"got {[m.version for m in ordered]}")
    _REGISTRY[component] = ordered


def registered() -> dict[str, list[Migration]]:
    return {k: list(v) for k, v in _REGISTRY.items()}


def tables_of(migrations: Sequence[Migration]) -> dict[str, Table]:
    return {s.name: s for m in migrations for s in m.steps if isinstance(s, Table)}
