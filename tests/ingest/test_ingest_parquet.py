"""Parquet input: articles as rows (the JSONL fields as columns), streamed; bad files are rejections."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq

from chronicle.ingest import read
from chronicle.ray_engine import plan_shards
from chronicle.records import RawDocument, Rejected

STORY = ("Police fired tear gas at hundreds of traders protesting against new market fees in Kano on "
         "Monday, witnesses said.")


def test_rows_become_articles_and_a_row_without_text_is_rejected(tmp_path):
    f = tmp_path / "part-000.parquet"
    pq.write_table(pa.table({"id": ["a1", "a2", "a3"], "text": [STORY, None, STORY + " Two were hurt."],
                             "published": ["2023-05-08", "2023-05-08", None]}), f)
    items = list(read([str(f)]))
    assert [type(i) for i in items] == [RawDocument, Rejected, RawDocument]
    assert items[0].id == "a1" and items[0].published == "2023-05-08" and items[0].text == STORY
    assert "row 2 of" in items[1].detail and "text" in items[1].detail


def test_a_parquet_without_a_text_column_says_which_columns_it_has(tmp_path):
    f = tmp_path / "wrong.parquet"
    pq.write_table(pa.table({"id": ["x"], "body_of_story": [STORY]}), f)
    [r] = list(read([str(f)]))
    assert isinstance(r, Rejected) and r.reason == "missing_field" and "body_of_story" in r.detail


def test_a_corrupt_parquet_is_a_rejection_not_a_crash(tmp_path):
    f = tmp_path / "broken.parquet"
    f.write_bytes(b"PAR1" + b"\x00garbage" * 20)
    good = tmp_path / "good.txt"
    good.write_text(STORY)
    items = list(read([str(f), str(good)]))
    assert isinstance(items[0], Rejected) and items[0].reason == "malformed" and "broken.parquet" in items[0].detail
    assert isinstance(items[1], RawDocument)


def test_a_folder_of_parquet_files_is_one_ray_shard_per_file(tmp_path):
    for n in range(2):
        pq.write_table(pa.table({"id": [f"a{n}"], "text": [STORY]}), tmp_path / f"part-{n}.parquet")
    assert plan_shards([str(tmp_path)]) == [[str(tmp_path / "part-0.parquet")], [str(tmp_path / "part-1.parquet")]]
