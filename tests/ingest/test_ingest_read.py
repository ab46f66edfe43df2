"""chronicle.ingest.read: every format, and every kind of bad input as a Rejected that names it."""
from __future__ import annotations

import builtins
import gzip
import io
import os
from pathlib import Path

import pytest

from chronicle.ingest import read, sniff
from chronicle.records import RawDocument, Rejected

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"
STORY = ("Police said 14 people were arrested in the city centre on Thursday evening after a crowd threw "
         "stones at a patrol vehicle, and that two officers were hurt.")


def docs(items):
    return [i for i in items if isinstance(i, RawDocument)]


def rejects(items):
    return [i for i in items if isinstance(i, Rejected)]


def test_txt_file_is_one_document_with_its_path_as_id():
    (doc,) = list(read([str(FIX / "story.txt")]))
    assert doc.text.startswith("Watch Harbour") and doc.id == str(FIX / "story.txt")


def test_html_file_is_read_as_html():
    (doc,) = list(read([str(FIX / "page.html")]))
    assert doc.html and "<article>" in doc.html and doc.text is None


def test_jsonl_bad_line_names_its_line_and_other_lines_are_read():
    out = list(read([str(FIX / "lines.jsonl")]))
    assert [d.id for d in docs(out)] == ["j1", "j4"]
    bad = {r.reason: r for r in rejects(out)}
    assert "line 2 of" in bad["json"].detail and "not valid JSON" in bad["json"].detail
    assert "line 3 of" in bad["missing_field"].detail and '"text"' in bad["missing_field"].detail


def test_jsonl_html_field_and_published_are_kept():
    j1, j4 = docs(read([str(FIX / "lines.jsonl")]))
    assert j1.published == "2023-05-06" and j4.html.startswith("<html>") and j4.url == "https://example.org/highway#top"


def test_csv_columns_are_matched_case_insensitively():
    out = docs(read([str(FIX / "articles.csv")]))
    assert [d.id for d in out] == ["csv-1", "csv-2"]
    assert out[0].title == "Market fire destroys stalls" and out[0].published == "2023-04-01"
    assert out[0].url == "https://example.org/market-fire" and out[1].url is None


def test_csv_without_text_column_is_rejected_with_the_columns_it_has(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("id,headline\n1,Something\n")
    (r,) = list(read([str(f)]))
    assert r.reason == "missing_field" and "headline" in r.detail and "text" in r.detail


def test_feed_items_become_documents_and_a_broken_item_is_rejected_alone():
    out = list(read([str(FIX / "feed.xml")]))
    good = docs(out)
    assert [d.title for d in good] == ["Bridge reopens after landslide", "Council votes to close two clinics"]
    assert good[0].published == "2023-06-05" and good[0].url.startswith("https://valleycourier.example/news/bridge")
    assert "Residents said" in good[1].text and "<p>" not in good[1].text
    (bad,) = rejects(out)
    assert "item 2 of" in bad.detail and "no content or summary" in bad.detail


def _warc(n: int = 2, gz: bool = False) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    for i in range(n):
        body = f"<html><body><article><p>{STORY} Report {i}.</p></article></body></html>".encode()
        h = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(f"https://example.org/news/{i}", "response",
                                            payload=io.BytesIO(body), http_headers=h))
    img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record("https://example.org/logo.png", "response",
                                        payload=io.BytesIO(b"\x89PNG...."), http_headers=img))
    return buf.getvalue()


@pytest.mark.parametrize("gz", [False, True])
def test_warc_html_responses_become_documents_with_target_uri(tmp_path, gz):
    f = tmp_path / ("a.warc.gz" if gz else "a.warc")
    f.write_bytes(_warc(2, gz))
    out = list(read([str(f)]))
    assert [d.url for d in out] == ["https://example.org/news/0", "https://example.org/news/1"]
    assert all("Report" in d.html for d in out)


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_warc_keeps_earlier_records_and_rejects_the_cut_one(tmp_path, gz):
    data = _warc(3, gz)
    f = tmp_path / ("t.warc.gz" if gz else "t.warc")
    f.write_bytes(data[: int(len(data) * 0.6)])
    out = list(read([str(f)]))
    assert len(docs(out)) >= 1
    (bad,) = rejects(out)
    assert bad.reason == "warc" and "truncated" in bad.detail and str(f) in bad.detail


@pytest.mark.parametrize("content,kind", [
    (b'{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}\n', "jsonl"),
    (b'{\n  "id": "a",\n  "text": "x"\n}\n', "json"),
    (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    (b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "feed"),
    (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', "feed"),
    (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
    (b"Gunmen attacked a village on Sunday.", "text"),
])
def test_sniff_tells_formats_apart(content, kind):
    assert sniff(content) == kind


def test_stdin_is_sniffed_and_never_gets_a_path_id():
    (doc,) = list(read(["-"], stdin=io.BytesIO(STORY.encode())))
    assert doc.text == STORY and doc.id is None and doc.origin == "-"
    out = docs(read(["-"], stdin=io.BytesIO(b'{"id": "s1", "text": "hello there"}\n')))
    assert [d.id for d in out] == ["s1"]


def test_stdin_warc_is_read(tmp_path):
    out = docs(read(["-"], stdin=io.BytesIO(_warc(1, gz=True))))
    assert [d.url for d in out] == ["https://example.org/news/0"]


def test_folder_is_read_recursively_skipping_readmes(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "sub" / "b.txt").write_text(STORY + " More.")
    (tmp_path / "README.md").write_text("# about these files")
    out = list(read([str(tmp_path)]))
    assert sorted(Path(d.origin).name for d in out) == ["a.txt", "b.txt"]


@pytest.mark.parametrize("content,reason,words", [
    (b"", "empty", "empty"),
    (b"  \n\n ", "empty", "empty"),
    (b"abc\x00\x01\x02" * 50, "binary", "NUL"),
    (b"%PDF-1.7 ....", "binary", "PDF"),
])
def test_bad_file_is_rejected_with_a_reason(tmp_path, content, reason, words):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    (r,) = list(read([str(f)]))
    assert r.reason == reason and words in r.detail and str(f) in r.detail


def test_file_above_max_bytes_is_rejected_from_its_size_without_reading(tmp_path, monkeypatch):
    f = tmp_path / "big.txt"
    with open(f, "wb") as fh:           # a sparse 100 MB file: no disk or memory used
        fh.truncate(100 * 1024 * 1024)
    opened = []
    real_open = builtins.open
    monkeypatch.setattr(builtins, "open", lambda p, *a, **k: opened.append(p) or real_open(p, *a, **k))
    (r,) = list(read([str(f)], max_bytes=1000))
    assert r.reason == "too_large" and "104,857,600 bytes" in r.detail and "split" in r.detail
    assert str(f) not in map(str, opened)


def test_small_max_bytes_rejects_only_the_big_file(tmp_path):
    (tmp_path / "a.txt").write_text("x" * 50)
    (tmp_path / "b.txt").write_text("y" * 5000)
    out = list(read([str(tmp_path)], max_bytes=1000))
    assert len(docs(out)) == 1 and rejects(out)[0].reason == "too_large"


def test_cp1252_text_is_decoded(tmp_path):
    f = tmp_path / "legacy.txt"
    f.write_bytes("The minister’s “plan” costs €5m — café owners said.".encode("cp1252"))
    (doc,) = list(read([str(f)]))
    assert doc.text == "The minister’s “plan” costs €5m — café owners said."


def test_latin1_html_with_meta_charset_is_decoded(tmp_path):
    f = tmp_path / "old.html"
    f.write_bytes('<html><head><meta charset="iso-8859-1"></head><body><p>Ça a été déclaré à Genève.</p></body></html>'.encode("latin-1"))
    (doc,) = list(read([str(f)]))
    assert "Ça a été déclaré à Genève." in doc.html


def test_undecodable_file_is_rejected(tmp_path):
    f = tmp_path / "noise.txt"
    import random

    rnd = random.Random(1)                           # random high bytes: no encoding makes text of them
    f.write_bytes(bytes(rnd.randrange(0x80, 0x100) for _ in range(3000)))
    (r,) = list(read([str(f)]))
    assert r.reason == "encoding" and "UTF-8" in r.detail


def test_missing_path_is_rejected_and_the_batch_goes_on(tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    out = list(read([str(tmp_path / "nope.txt"), str(tmp_path / "a.txt")]))
    assert out[0].reason == "missing" and "no such file" in out[0].detail and isinstance(out[1], RawDocument)


def test_unreadable_file_in_folder_is_rejected_and_others_read(tmp_path, monkeypatch):
    # tests run as root, which reads chmod 000 files anyway: simulate the permission error instead
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "secret.txt").write_text(STORY)
    real_open = builtins.open

    def fake_open(p, *a, **k):
        if str(p).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", str(p))
        return real_open(p, *a, **k)

    monkeypatch.setattr(builtins, "open", fake_open)
    out = list(read([str(tmp_path)]))
    assert len(docs(out)) == 1
    (r,) = rejects(out)
    assert r.reason == "unreadable" and "Permission denied" in r.detail and "secret.txt" in r.detail


def test_dangling_symlink_in_folder_is_rejected(tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    os.symlink(tmp_path / "gone.txt", tmp_path / "link.txt")
    out = list(read([str(tmp_path)]))
    (r,) = rejects(out)
    assert r.reason == "unreadable" and "does not exist" in r.detail


def test_gzip_that_is_not_warc_is_rejected_with_advice(tmp_path):
    f = tmp_path / "x.gz"
    f.write_bytes(gzip.compress(STORY.encode()))
    (r,) = list(read([str(f)]))
    assert r.reason == "binary" and "gunzip" in r.detail
