"""A DuckDB file that is locked, read-only or corrupt gives a clear StoreError, not a traceback."""
import os
import subprocess
import sys
import time

import pytest

from chronicle.cli import main
from chronicle.errors import StoreError
from chronicle.store import open_store, synthetic


def test_locked_database_names_the_other_process(tmp_path):
    db = tmp_path / "locked.duckdb"
    with open_store(str(db)) as store:
        store.save([synthetic.analysis(1)])
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); time.sleep(60)", str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match=rf"in use by another process \(PID {holder.pid}\)"):
            open_store(str(db))
    finally:
        holder.kill()
        holder.wait()


def test_read_only_database_says_so(tmp_path):
    db = tmp_path / "ro.duckdb"
    with open_store(str(db)) as store:
        store.save([synthetic.analysis(1)])
    db.chmod(0o444)
    code = ("import sys\nfrom chronicle.store import open_store\nfrom chronicle.errors import StoreError\n"
            "try:\n    open_store(sys.argv[1])\nexcept StoreError as e:\n    print(e)\n"
            "with open_store(sys.argv[1], read_only=True) as s:\n    print('events', s.count('events'))\n")
    cmd = [sys.executable, "-c", code, str(db)]
    if os.geteuid() == 0:   # root ignores file modes: drop the capabilities that let it
        cmd = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--", *cmd]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert "is read-only" in out.stdout and "chmod u+w" in out.stdout, out.stderr
    assert "events 3" in out.stdout     # and a read-only database can still be read


@pytest.mark.parametrize("content", [b"this is not a database\n" * 200, os.urandom(9000)], ids=["text", "random"])
def test_corrupt_file_is_reported_as_not_a_database(tmp_path, content):
    db = tmp_path / "bad.duckdb"
    db.write_bytes(content)
    with pytest.raises(StoreError, match="not a DuckDB database or is damaged"):
        open_store(str(db))


def test_cli_turns_store_errors_into_a_message_and_exit_1(tmp_path, capsys):
    db = tmp_path / "bad.duckdb"
    db.write_bytes(b"garbage" * 1000)
    f = tmp_path / "a.txt"
    f.write_text("Militants attacked a checkpoint.")
    code = main(["ingest", str(f), "--db", str(db), "--pipeline", "chronicle.store.synthetic:stages"])
    err = capsys.readouterr().err
    assert code == 1 and "not a DuckDB database" in err and "Traceback" not in err


def test_reading_a_missing_database_says_to_ingest_first(tmp_path):
    with pytest.raises(StoreError, match="run `chronicle ingest"):
        open_store(str(tmp_path / "none.duckdb"), read_only=True)


def test_cannot_reach_postgres_is_a_clear_message():
    t = time.monotonic()
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL at postgresql://u:\\*\\*\\*@127.0.0.1:9/x"):
        open_store("postgresql://u:secret@127.0.0.1:9/x")
    assert time.monotonic() - t < 15


def test_read_only_postgres_database_says_so(postgres):
    url = postgres()
    with open_store(url) as store:
        store.backend.execute(f"ALTER DATABASE {url.rsplit('/', 1)[1]} SET default_transaction_read_only = on")
    with open_store(url) as store, pytest.raises(StoreError, match="is read-only"):
        store.save([synthetic.analysis(1)])
