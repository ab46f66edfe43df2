"""`chronicle ingest` through the real pipeline (spaCy and whatever stages exist), then again."""
from chronicle.cli import main
from chronicle.store import open_store


def test_ingest_real_pipeline_twice_prints_summary_and_changes_nothing(tmp_path, capsys):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "n1", "published": "2020-10-13", "text": "Police fired on protesters in Lagos on Monday."}\n'
                    '{"id": "n2", "published": "2014-06-11", "text": "Militants seized Mosul on Tuesday, officials said."}\n'
                    '{"id": "n3", "text": ""}\n')
    db = str(tmp_path / "c.duckdb")
    assert main(["ingest", str(feed), "--db", db]) == 1          # n3 is rejected (empty)
    out = capsys.readouterr()
    assert "articles stored: 2 new" in out.out and "rejected: 1" in out.out and "n3" in out.err
    with open_store(db) as store:
        first = store.query("SELECT id, content_hash, n_events FROM articles ORDER BY id").to_pylist()
        events = store.count("events")
    main(["ingest", str(feed), "--db", db])
    assert "2 already stored" in capsys.readouterr().out
    with open_store(db) as store:
        assert store.query("SELECT id, content_hash, n_events FROM articles ORDER BY id").to_pylist() == first
        assert store.count("events") == events and store.count("rejections") == 1
