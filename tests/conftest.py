"""Shared fixtures: the spaCy model and other heavy resources are loaded once per test session."""
from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def nlp():
    from chronicle.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def settings():
    from chronicle.config import Settings

    return Settings.from_env()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not DATA.exists():
        pytest.skip(f"development data not found at {DATA} (a fresh clone has no ../shared/data)")
    return DATA


def pytest_collection_modifyitems(config, items):
    """Tests marked `data` skip with a clear reason when ../shared/data is absent."""
    if DATA.exists():
        return
    skip = pytest.mark.skip(reason=f"needs the development data at {DATA}, which is absent")
    for item in items:
        if "data" in item.keywords:
            item.add_marker(skip)


def _postgres_bin() -> Path | None:
    """The directory holding pg_ctl and initdb (Debian keeps them out of PATH)."""
    for d in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (d / "pg_ctl").exists():
            return d
    found = shutil.which("pg_ctl")
    return Path(found).parent if found else None


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL server for this session: initdb into a temp dir, loopback, a free port,
    run as the `postgres` user when we are root (PostgreSQL refuses root). Yields a function that
    returns the URL of a new, empty database; the server is stopped and deleted afterwards."""
    bindir = _postgres_bin()
    if bindir is None:
        msg = "PostgreSQL is not installed: apt-get install -y postgresql (.ci/run does this)"
        pytest.fail(msg) if os.environ.get("CI") else pytest.skip(msg)
    import psycopg

    tmp = Path(tempfile.mkdtemp(prefix="chronicle-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data, log = tmp / "data", tmp / "server.log"
    opts = (f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off "
            f"-c full_page_writes=off -c synchronous_commit=off")
    try:
        subprocess.run([*as_user, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                        "-E", "UTF8", "--no-sync"], check=True, capture_output=True)
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60",
                        "-o", opts, "start"], check=True, capture_output=True)
        admin = f"postgresql://postgres@127.0.0.1:{port}"
        names = itertools.count()

        def new_database() -> str:
            name = f"chronicle_test_{next(names)}"
            with psycopg.connect(f"{admin}/postgres", autocommit=True) as con:
                con.execute(f"CREATE DATABASE {name}")
            return f"{admin}/{name}"

        yield new_database
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(params=["duckdb", "postgresql"])
def store_db(request, tmp_path) -> str:
    """A fresh, empty database on each backend: a DuckDB path or a postgresql:// URL."""
    if request.param == "duckdb":
        return str(tmp_path / "chronicle.duckdb")
    return request.getfixturevalue("postgres")()
