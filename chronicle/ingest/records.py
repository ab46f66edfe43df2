"""Structured inputs (JSONL, JSON, CSV) → RawDocument: field names matched sensibly, bad rows
become Rejected records that name the row and say what each row needs.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..records import RawDocument, Rejected

# accepted names for each RawDocument field, case-insensitive, first match wins
FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "doc_id", "docid", "guid", "uid", "uuid"),
    "text": ("text", "body", "content", "article", "article_text", "full_text", "fulltext",
             "maintext", "story", "plain_text"),
    "html": ("html", "raw_html", "html_content"),
    "published": ("published", "date", "pubdate", "pub_date", "publish_date", "published_at",
                  "publication_date", "date_published", "datetime", "timestamp", "time", "seendate"),
    "url": ("url", "link", "href", "source_url", "article_url", "canonical_url", "uri"),
    "title": ("title", "headline", "heading"),
    "source": ("source", "outlet", "publisher", "site", "sitename", "domain", "media", "source_name"),
    "author": ("author", "authors", "byline", "creator", "writer"),
}

HOW_JSONL = 'each line must be one JSON object with an "id" and a "text" (or "html") field'
TOO_DEEP = "nested too deeply to read (more than ~1,000 levels of [ or {)"


def json_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) pairs of a JSON Lines text, split on "\\n" only: a JSON string may hold
    raw U+2028, U+2029 or U+0085 (json.dumps(..., ensure_ascii=False) writes them), which
    str.splitlines() would take for line ends."""
    return enumerate(text.split("\n"), 1)


def pick_columns(names: Iterable[str]) -> dict[str, str]:
    """Map RawDocument fields to the input's own column names (case-insensitive)."""
    lower = {}
    for n in names:
        if n is not None:
            lower.setdefault(str(n).strip().lower().replace(" ", "_").replace("-", "_"), n)
    out = {}
    for fld, aliases in FIELDS.items():
        for a in aliases:
            if a in lower:
                out[fld] = lower[a]
                break
    return out


def _value(obj: Mapping[str, Any], col: str | None) -> str | None:
    if col is None:
        return None
    v = obj.get(col)
    if v is None:
        return None
    if isinstance(v, list):               # authors: ["A", "B"]
        v = ", ".join(str(x) for x in v if x is not None)
    elif isinstance(v, dict):
        return None
    v = str(v).strip()
    return v or None


def document(obj: Mapping[str, Any], *, origin: str, where: str, how: str) -> RawDocument | Rejected:
    """One record (a JSON object or a CSV row) → RawDocument, or Rejected when it has no text."""
    cols = pick_columns(obj.keys())
    text, html = _value(obj, cols.get("text")), _value(obj, cols.get("html"))
    aid = _value(obj, cols.get("id"))
    if not text and not html:
        found = ", ".join(sorted(str(k) for k in obj.keys())[:12]) or "none"
        return Rejected(aid or origin, "ingest", "missing_field",
                        f"{where}: no \"text\" or \"html\" field with content (fields found: {found}); {how}")
    return RawDocument(origin=origin, text=None if html and not text else text,
                       html=html if not text else None, id=aid,
                       published=_value(obj, cols.get("published")), url=_value(obj, cols.get("url")),
                       title=_value(obj, cols.get("title")), source=_value(obj, cols.get("source")),
                       author=_value(obj, cols.get("author")))


def read_jsonl(name: str, lines: Iterable[tuple[int, str]]) -> Iterator[RawDocument | Rejected]:
    """(line number, line) pairs → one RawDocument per line; a bad line is a Rejected, the rest go on."""
    for n, line in lines:
        if not line.strip():
            continue
        where = f"line {n} of {name}"
        origin = f"{name}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield Rejected(origin, "ingest", "json",
                           f"{where}: not valid JSON ({e.msg} at column {e.colno}); {HOW_JSONL}")
            continue
        except RecursionError:
            yield Rejected(origin, "ingest", "json", f"{where}: {TOO_DEEP}; {HOW_JSONL}")
            continue
        if not isinstance(obj, dict):
            yield Rejected(origin, "ingest", "json",
                           f"{where}: a JSON {type(obj).__name__}, not an object; {HOW_JSONL}")
            continue
        yield _document_or_reject(obj, origin=origin, where=where, how=HOW_JSONL)


def _document_or_reject(obj: Mapping[str, Any], *, origin: str, where: str, how: str) -> RawDocument | Rejected:
    """`document`, with any surprise in one record's values turned into that record's Rejected."""
    try:
        return document(obj, origin=origin, where=where, how=how)
    except (RecursionError, ValueError, TypeError) as e:
        return Rejected(origin, "ingest", "malformed",
                        f"{where}: its fields cannot be read ({type(e).__name__}: {e}); {how}")


def read_json(name: str, text: str) -> Iterator[RawDocument | Rejected]:
    """A .json file: one article object, or a list of them (or JSON Lines misnamed .json)."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        if e.msg == "Extra data":        # several objects, one per line
            yield from read_jsonl(name, json_lines(text))
            return
        yield Rejected(name, "ingest", "json",
                       f"{name}: not valid JSON ({e.msg} at line {e.lineno}, column {e.colno}); "
                       f"write one article object, a list of them, or JSON Lines ({HOW_JSONL})")
        return
    except RecursionError:
        yield Rejected(name, "ingest", "json", f"{name}: {TOO_DEEP}; write one article object, a list of "
                                               f"them, or JSON Lines ({HOW_JSONL})")
        return
    items = obj if isinstance(obj, list) else [obj]
    how = 'each article must be a JSON object with an "id" and a "text" (or "html") field'
    for i, item in enumerate(items, 1):
        origin = name if len(items) == 1 and not isinstance(obj, list) else f"{name}:item {i}"
        where = name if origin == name else f"item {i} of {name}"
        if not isinstance(item, dict):
            yield Rejected(origin, "ingest", "json", f"{where}: a JSON {type(item).__name__}, not an object; {how}")
        else:
            yield _document_or_reject(item, origin=origin, where=where, how=how)


def read_csv(name: str, text: str) -> Iterator[RawDocument | Rejected]:
    """A CSV/TSV file with a header row: one article per row, columns matched by name."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    sample = text[:20_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel_tab if name.lower().endswith(".tsv") else csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    header = reader.fieldnames or []
    cols = pick_columns(header)
    if "text" not in cols and "html" not in cols:
        yield Rejected(name, "ingest", "missing_field",
                       f"{name}: no text column (columns found: {', '.join(map(str, header)) or 'none'}); "
                       f"name the article text column one of: {', '.join(FIELDS['text'][:5])} (or html)")
        return
    how = f"every row needs the article in its {cols.get('text') or cols.get('html')!r} column"
    try:
        for row in reader:
            n = reader.line_num
            yield document(row, origin=f"{name}:{n}", where=f"row ending on line {n} of {name}", how=how)
    except csv.Error as e:
        yield Rejected(f"{name}:{reader.line_num}", "ingest", "csv",
                       f"line {reader.line_num} of {name}: {e}; check its quoting (rows before it were read)")


HOW_PARQUET = 'each row needs an "id" and a "text" (or "html") column, like the JSONL input'


def read_parquet(name: str, source) -> Iterator[RawDocument | Rejected]:
    """A Parquet file of articles (the JSONL fields as columns), streamed in row batches so a large
    shard never sits in memory whole; a row without text is a Rejected, the rest go on."""
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(source)
    except Exception as e:            # pyarrow raises several types for a bad file
        yield Rejected(name, "ingest", "malformed",
                       f"{name}: not a readable Parquet file ({e}); re-export it, or write the articles as JSONL")
        return
    cols = pick_columns(pf.schema_arrow.names)
    if "text" not in cols and "html" not in cols:
        yield Rejected(name, "ingest", "missing_field",
                       f"{name}: no text or html column (columns: {', '.join(pf.schema_arrow.names[:12])}); {HOW_PARQUET}")
        return
    row = 0
    try:
        for batch in pf.iter_batches(batch_size=256, columns=sorted(set(cols.values()))):
            for obj in batch.to_pylist():
                row += 1
                yield document(obj, origin=f"{name}:{row}", where=f"row {row} of {name}", how=HOW_PARQUET)
    except Exception as e:
        yield Rejected(f"{name}:{row + 1}", "ingest", "malformed",
                       f"{name}: unreadable after row {row} ({e}); the rows before it were read")
