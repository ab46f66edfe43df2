"""The Ray engine on a local 2-CPU cluster gives what one process gives (articles split into shards)."""
import json

import pytest

from chronicle.bench import corpus as corpus_mod
from chronicle.pipeline import Analysis
from chronicle.run import Resources, analyse, read_articles

ray = pytest.importorskip("ray", reason="ray==2.60.0 is a pinned dependency; install the project")

from chronicle import ray_engine  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def shards(tmp_path_factory):
    rows = [r for r in corpus_mod.build(20, seed=1) if "text" in r][:5]
    rows[2] = {"id": "empty-one", "text": ""}          # a rejection must come back in its place
    folder = tmp_path_factory.mktemp("shards")
    corpus_mod.write(rows[:3], folder / "part-000.jsonl")
    corpus_mod.write(rows[3:], folder / "part-001.jsonl")
    return folder


def _key(item):
    if isinstance(item, Analysis):
        return ("analysis", item.article, item.events, item.toponyms, item.notes)
    return ("rejected", item)


def test_a_folder_of_jsonl_files_is_one_shard_per_file(shards, tmp_path):
    (tmp_path / "a.txt").write_text("x")
    assert ray_engine.plan_shards([str(shards)]) == [[str(shards / "part-000.jsonl")], [str(shards / "part-001.jsonl")]]
    assert ray_engine.plan_shards([str(tmp_path)]) == [[str(tmp_path)]]


def test_ray_gives_the_same_items_in_the_same_order_as_one_process(cluster, shards, settings, nlp):
    one = [_key(i) for i in analyse(read_articles([str(shards)], settings=settings),
                                    resources=Resources(settings=settings, nlp=nlp))]
    on_ray = [_key(i) for i in ray_engine.analyse_ray([str(shards)], settings=settings)]
    assert on_ray == one and len(one) == 5 and one[2][0] == "rejected"


def test_ray_writes_one_parquet_file_per_shard(cluster, shards, settings, nlp, tmp_path):
    summary = ray_engine.extract_to_parquet([str(shards)], str(tmp_path), settings=settings)
    assert [s["path"].rsplit("/", 1)[1] for s in summary] == ["events-00000.parquet", "events-00001.parquet"]
    assert sum(s["articles"] for s in summary) == 4 and [r["article_id"] for r in summary[0]["rejected"]] == ["empty-one"]
    expected = [e.to_json() for i in analyse(read_articles([str(shards)], settings=settings),
                                             resources=Resources(settings=settings, nlp=nlp))
                if isinstance(i, Analysis) for e in i.events if e.default_output]
    assert ray_engine.read_parquet_events(str(tmp_path)) == json.loads(json.dumps(expected))


def test_cli_extract_on_ray_writes_parquet_shards_equal_to_jsonl(cluster, shards, tmp_path, capsys):
    from chronicle.cli import main

    assert main(["extract", str(shards)]) == 1                     # the empty article is rejected
    jsonl = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert main(["extract", str(shards), "--engine", "ray", "--parquet-dir", str(tmp_path / "pq")]) == 1
    err = capsys.readouterr().err
    assert "empty-one" in err and "events-00001.parquet" in err
    assert ray_engine.read_parquet_events(str(tmp_path / "pq")) == jsonl and jsonl


def test_cli_ingest_on_ray_stores_what_one_process_stores(cluster, shards, tmp_path):
    from chronicle.cli import main

    assert main(["ingest", str(shards), "--db", str(tmp_path / "one.duckdb")]) == 1
    assert main(["ingest", str(shards), "--db", str(tmp_path / "ray.duckdb"), "--engine", "ray"]) == 1
    import chronicle

    one = chronicle.open(str(tmp_path / "one.duckdb")).events(include_all=True)
    on_ray = chronicle.open(str(tmp_path / "ray.duckdb")).events(include_all=True)
    assert len(one) > 0 and sorted(one["id"]) == sorted(on_ray["id"])


def test_parquet_dir_needs_the_ray_engine(shards, tmp_path, capsys):
    from chronicle.cli import main

    assert main(["extract", str(shards), "--parquet-dir", str(tmp_path)]) == 2
    assert "--engine ray" in capsys.readouterr().err
