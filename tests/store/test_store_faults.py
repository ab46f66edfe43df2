"""`chronicle ingest`, `export` and `serve` against faults (issue 15, items 4, 8 and 11): a damaged
database, a disk that fills up while incidents are written, a taken port, a mistyped path, and
re-ingesting what is stored already."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from chronicle.cli import main
from chronicle.config import Settings
from chronicle.records import Rejected
from chronicle.store import open_store, synthetic
from chronicle.store.load import ingest

ROOT = Path(__file__).resolve().parents[2]
SYNTHETIC = "chronicle.store.synthetic:stages"


def _feed(path: Path, n: int) -> Path:
    with path.open("w") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"a{i:03d}", "published": "2014-06-11",
                                "text": f"Report {i}. Fighters attacked a post near the town. {i} people died."}) + "\n")
    return path


# -- a damaged database ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def truncated_db(tmp_path_factory) -> str:
    """A real store cut short, as a copy interrupted half-way leaves it: it opens, then the first
    query reads past the end."""
    d = tmp_path_factory.mktemp("damaged")
    whole = d / "whole.duckdb"
    with open_store(str(whole)) as store:
        store.save([synthetic.analysis(i) for i in range(200)])
    data = whole.read_bytes()
    assert len(data) > 1_500_000
    cut = d / "cut.duckdb"
    cut.write_bytes(data[:1_000_000])
    return str(cut)


@pytest.mark.parametrize("command", [
    ["export", "--format", "plover-jsonl", "-o", os.devnull],
    ["export", "--format", "acled-csv", "-o", os.devnull],
    ["ingest", "FEED", "--pipeline", SYNTHETIC],
    ["serve", "--port", "0"],
], ids=["export-jsonl", "export-acled", "ingest", "serve"])
def test_a_truncated_database_is_a_clear_message_not_a_traceback(truncated_db, tmp_path, capsys, command):
    feed = _feed(tmp_path / "feed.jsonl", 3)
    args = [str(feed) if a == "FEED" else a for a in command]
    if command[0] == "serve":
        args[args.index("0")] = str(_free_port())
    assert main([*args, "--db", truncated_db]) == 1
    err = capsys.readouterr().err
    assert "is not a DuckDB database or is damaged" in err and "Could not read enough bytes" in err
    assert "Traceback" not in err


def test_a_damaged_block_found_by_a_later_query_is_a_store_error(tmp_path):
    from chronicle.errors import StoreError

    db = tmp_path / "c.duckdb"
    with open_store(str(db)) as store:
        store.save([synthetic.analysis(i) for i in range(200)])
    data = db.read_bytes()
    at_query = []
    for block in range(1, len(data) // 262144):        # damage one data block after another
        bad = tmp_path / f"b{block}.duckdb"
        start = block * 262144 + 1000
        bad.write_bytes(data[:start] + os.urandom(2000) + data[start + 2000:])
        try:
            store = open_store(str(bad), read_only=True)
        except StoreError:
            continue                                   # found when opening: the connect path
        with store:
            try:
                for table in ("events", "articles", "actors", "evidence", "places"):
                    store.query(f"SELECT * FROM {table}")
            except StoreError as e:
                at_query.append(str(e))
    assert at_query, "no damaged block was found by a query after opening"
    assert all("is not a DuckDB database or is damaged" in m for m in at_query)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_FSIZE simulates a full disk on Linux")
def test_a_write_failure_while_incidents_are_stored_says_what_is_intact(tmp_path):
    feed = _feed(tmp_path / "feed.jsonl", 300)
    db = tmp_path / "c.duckdb"
    ingest([str(feed)], db=str(db), settings=Settings(), pipeline=SYNTHETIC, fuse=False)
    # the second run stores nothing new, then fuses: its incident transaction cannot be written
    code = textwrap.dedent(f"""
        import resource, signal, sys
        from chronicle.cli import main
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))
        sys.exit(main(["ingest", {str(feed)!r}, "--db", {str(db)!r}, "--pipeline", {SYNTHETIC!r}]))
    """)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr[-2000:]
    assert "writing failed" in out.stderr and "File too large" in out.stderr
    assert "only the incidents were not regrouped" in out.stderr
    with open_store(str(db), read_only=True) as store:
        assert store.count("articles") == 300 and store.count("events") == 900


# -- serve -----------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_on_a_taken_port_exits_1_with_advice(tmp_path, capsys):
    db = tmp_path / "c.duckdb"
    with open_store(str(db)) as store:
        store.save([synthetic.analysis(1)])
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        assert main(["serve", "--db", str(db), "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert f"port {port} on 127.0.0.1 is already in use" in err and "--port" in err


def test_serve_with_a_host_that_is_not_here_is_a_usage_error(tmp_path, capsys):
    assert main(["serve", "--db", str(tmp_path / "none.duckdb"), "--host", "no-such-host.invalid"]) == 2
    assert "--host" in capsys.readouterr().err


# -- inputs ----------------------------------------------------------------------------------------

def test_a_mistyped_input_path_creates_no_database(tmp_path, capsys):
    db = tmp_path / "new.duckdb"
    assert main(["ingest", str(tmp_path / "artcles"), "--db", str(db), "--pipeline", SYNTHETIC]) == 2
    assert not db.exists()
    assert "no such file or folder" in capsys.readouterr().err


def test_one_missing_input_among_others_is_rejected_and_the_rest_stored(tmp_path, capsys):
    feed = _feed(tmp_path / "feed.jsonl", 3)
    db = tmp_path / "c.duckdb"
    assert main(["ingest", str(feed), str(tmp_path / "typo.jsonl"), "--db", str(db), "--pipeline", SYNTHETIC]) == 1
    assert "typo.jsonl" in capsys.readouterr().err
    with open_store(str(db)) as store:
        assert store.count("articles") == 3 and store.count("rejections") == 1


def test_reingesting_unchanged_articles_skips_the_pipeline(tmp_path, monkeypatch):
    from chronicle.store.synthetic import CodeSynthetic

    seen: list[str] = []
    run = CodeSynthetic.run
    monkeypatch.setattr(CodeSynthetic, "run", lambda self, batch: seen.extend(a.article.id for a in batch) or run(self, batch))
    feed = _feed(tmp_path / "feed.jsonl", 50)
    db = str(tmp_path / "c.duckdb")
    first = ingest([str(feed)], db=db, settings=Settings(), pipeline=SYNTHETIC)
    assert first.stored == 50 and len(seen) == 50
    seen.clear()
    again = ingest([str(feed)], db=db, settings=Settings(), pipeline=SYNTHETIC)
    assert again.unchanged == 50 and again.stored == 0 and seen == []
    # one changed article, one new: only those two are analysed
    lines = feed.read_text().splitlines()
    lines[7] = json.dumps({"id": "a007", "published": "2014-06-11", "text": "Report 7, corrected. Gunmen shot two guards."})
    lines.append(json.dumps({"id": "a050", "published": "2014-06-12", "text": "Report 50. Troops shelled a village."}))
    feed.write_text("\n".join(lines) + "\n")
    third = ingest([str(feed)], db=db, settings=Settings(), pipeline=SYNTHETIC)
    assert sorted(seen) == ["a007", "a050"]
    assert (third.unchanged, third.replaced, third.stored) == (49, 1, 1)


STORY = ("Gunmen on motorcycles attacked the weekly market in the town of Kadari on Sunday morning, killing "
         "at least eleven traders and wounding dozens more, local officials and witnesses said. The attackers "
         "set fire to stalls and stole cattle before fleeing towards the forest, a district official told "
         "reporters, adding that soldiers had been sent to the area and that the search was continuing.")


def test_a_copy_stored_as_a_duplicate_of_a_rejected_article_is_repaired_by_a_rerun(tmp_path, monkeypatch):
    from chronicle.pipeline import Analysis
    from chronicle.run import read_articles
    from chronicle.store.synthetic import CodeSynthetic

    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "wire", "published": "2023-05-07", "text": STORY}) + "\n"
                    + json.dumps({"id": "copy", "published": "2023-05-07", "text": STORY + " Comments are closed."}) + "\n")
    db = str(tmp_path / "c.duckdb")
    # what an earlier version stored: the first copy rejected, the second a copy of it with no events
    first, copy = read_articles([str(feed)], settings=Settings())
    assert copy.duplicate_of == "wire"
    with open_store(db) as store:
        store.save([Rejected("wire", "date", "internal_error", "OverflowError"), Analysis(copy)])
    run = CodeSynthetic.run

    def failing(self, batch):
        if any(a.article.id == "wire" for a in batch):
            raise OverflowError("date value out of range")
        return run(self, batch)

    monkeypatch.setattr(CodeSynthetic, "run", failing)
    summary = ingest([str(feed)], db=db, settings=Settings(), pipeline=SYNTHETIC)
    assert summary.replaced == 1
    with open_store(db) as store:
        (row,) = store.query("SELECT id, duplicate_of, n_events FROM articles").to_pylist()
        assert row == {"id": "copy", "duplicate_of": None, "n_events": 3}
        assert store.count("rejections") == 1
