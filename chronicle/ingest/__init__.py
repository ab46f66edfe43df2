"""Read inputs — files, folders, standard input — into RawDocument records, or Rejected ones.

Formats: plain text, HTML, JSONL / JSON, CSV / TSV, RSS / Atom feeds, WARC (.warc, .warc.gz); by
suffix, else sniffed from the first bytes. A bad input never stops the batch: it becomes a
`Rejected` that names the input, says what is wrong and what to do.

    >>> [type(doc).__name__ for doc in read(["examples/borno_2020-02-10.txt", "examples/missing.txt"])]
    ['RawDocument', 'Rejected']
"""
from __future__ import annotations

import codecs
import io
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..config import DEFAULT_MAX_BYTES
from ..records import RawDocument, Rejected
from .decode import SNIFF_BYTES, Undecodable, binary_reason, declared_charset, decode, utf16_without_bom
from .feeds import fragment_text, read_feed, read_warc, read_warc_bytes
from .records import json_lines, read_csv, read_json, read_jsonl

__all__ = ["read", "sniff", "fragment_text", "DEFAULT_MAX_BYTES"]


SUFFIXES = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "csv", ".parquet": "parquet", ".pq": "parquet",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".warc": "warc", ".arc": "warc",
}


def read(inputs: Sequence[str], *, stdin=None, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | Rejected]:
    """Yield a RawDocument per article found in `inputs` ("-" is standard input), in order."""
    for name in inputs:
        name = str(name)
        if name == "-":
            yield from _guarded("-", _read_stdin(stdin, max_bytes))
            continue
        path = Path(name)
        if path.is_dir():
            yield from _read_folder(path, max_bytes)
        elif path.is_symlink() and not path.exists():
            yield _dangling(path)
        elif path.exists():
            yield from _guarded(name, _read_file(path, max_bytes))
        else:
            yield Rejected(name, "ingest", "missing",
                           f"{name}: no such file or folder; check the path (or pass - to read standard input)")


def _guarded(name: str, items: Iterator[RawDocument | Rejected]) -> Iterator[RawDocument | Rejected]:
    """A reader's items; an error no reader foresaw ends only this input, as a Rejected naming it."""
    n = 0
    try:
        for item in items:
            n += 1
            yield item
    except Exception as exc:   # noqa: BLE001 - the batch goes on with the next input
        label = "standard input" if name == "-" else name
        yield Rejected(name, "ingest", "internal_error",
                       f"{label}: reading stopped after {n} item(s) ({type(exc).__name__}: {exc}); the other "
                       f"inputs went on — please report it with this input")


def _dangling(path: Path) -> Rejected:
    return Rejected(str(path), "ingest", "unreadable",
                    f"{path}: a symbolic link to {os.readlink(path)!r}, which does not exist; fix or remove the link")


def _read_folder(folder: Path, max_bytes: int) -> Iterator[RawDocument | Rejected]:
    """Every file under `folder`, recursively, in sorted order (hidden files, READMEs and the like skipped)."""
    def walk_error(err: OSError) -> None:
        errors.append(err)

    errors: list[OSError] = []
    found = 0
    for root, dirs, files in os.walk(folder, onerror=walk_error, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if _not_an_article(f):
                continue
            found += 1
            p = Path(root) / f
            if p.is_symlink() and not p.exists():
                yield _dangling(p)
            elif (special := _special_file(p)) is not None:
                yield special
            else:
                yield from _guarded(str(p), _read_file(p, max_bytes))
    for err in errors:
        yield Rejected(str(err.filename or folder), "ingest", "unreadable",
                       f"{err.filename}: cannot list this folder ({err.strerror}); check its permissions")
    if not found and not errors:
        yield Rejected(str(folder), "ingest", "empty", f"{folder}: the folder has no files to read")


_SPECIAL = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
            (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def _special_file(path: Path) -> Rejected | None:
    """A folder's FIFO, socket or device is not an article, and opening a FIFO waits for a writer
    forever: name it instead of opening it. (A FIFO named on the command line is read, like -.)"""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None                          # _read_file reports why it cannot be read
    for test, what in _SPECIAL:
        if test(mode):
            return Rejected(str(path), "ingest", "not_a_file",
                            f"{path}: {what}, not a regular file, so it was not opened; move it out of the "
                            f"folder, or name it on the command line to read from it")
    return None


def _not_an_article(filename: str) -> bool:
    """Files a folder of articles commonly holds beside them: hidden files, READMEs, licences."""
    low = filename.lower()
    return (low.startswith((".", "readme", "license", "licence", "changelog", "~$"))
            or low.endswith((".md", ".rst", ".py", ".sh", ".lock", ".bak", "~")))


def kind_of(path: Path) -> str | None:
    """The format a file's name says it is (None: sniff the content)."""
    name = path.name.lower()
    if name.endswith((".warc.gz", ".arc.gz", ".warc.gzip")):
        return "warc"
    return SUFFIXES.get(path.suffix.lower())


def _read_file(path: Path, max_bytes: int) -> Iterator[RawDocument | Rejected]:
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        yield Rejected(name, "ingest", "unreadable", f"{name}: cannot read it ({e.strerror}); check the path and its permissions")
        return
    kind = kind_of(path)
    if kind == "parquet":                    # a container: streamed in row batches
        from .records import read_parquet

        yield from read_parquet(name, name)
        return
    if kind == "warc":                       # a container: streamed, each record limited on its own
        try:
            with open(path, "rb") as fh:
                yield from read_warc(name, fh, max_bytes=max_bytes)
        except OSError as e:
            yield Rejected(name, "ingest", "unreadable", f"{name}: cannot read it ({e.strerror}); check its permissions")
        return
    if size > max_bytes:                     # decided from the size alone: the file is never read
        yield Rejected(name, "ingest", "too_large",
                       f"{name}: {size:,} bytes is more than the limit of {max_bytes:,}; split it (e.g. into "
                       f"JSONL shards) or raise the limit with --max-bytes N (or CHRONICLE_MAX_BYTES)")
        return
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as e:
        yield Rejected(name, "ingest", "unreadable",
                       f"{name}: cannot read it ({e.strerror or e}); check its permissions")
        return
    if len(data) > max_bytes:                # grew after stat, or a special file
        yield Rejected(name, "ingest", "too_large", f"{name}: more than the limit of {max_bytes:,} bytes; split it "
                                                     f"or raise the limit with --max-bytes N (or CHRONICLE_MAX_BYTES)")
        return
    yield from _parse(name, data, kind)


def _read_stdin(stdin, max_bytes: int) -> Iterator[RawDocument | Rejected]:
    stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", sys.stdin)
    data = stream.read(max_bytes + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > max_bytes:
        yield Rejected("-", "ingest", "too_large",
                       f"standard input: more than the limit of {max_bytes:,} bytes; save it to files "
                       f"(e.g. JSONL shards) and pass those, or raise the limit with --max-bytes N "
                       f"(or CHRONICLE_MAX_BYTES)")
        return
    yield from _parse("-", data, None)


def sniff(data: bytes) -> str:
    """Guess the format from content: warc, jsonl, json, feed, html or text."""
    head = data[:SNIFF_BYTES]
    if head.startswith(b"\x1f\x8b"):
        import gzip
        import zlib

        try:
            inner = gzip.GzipFile(fileobj=io.BytesIO(head)).read(16)
        except (OSError, EOFError, zlib.error):
            inner = b""
        return "warc" if inner.startswith(b"WARC/") else "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    text = _head_text(head).lstrip().lower()
    if text.startswith("{"):
        import json

        first = data.lstrip().split(b"\n", 1)[0]
        try:
            json.loads(first.decode("utf-8-sig", errors="replace"))
            return "jsonl"                   # the first line is a whole object (one line is JSONL too)
        except RecursionError:
            return "jsonl"                   # one object on the line, too deep to read: its reader says so
        except ValueError:
            return "json"                    # a pretty-printed object
    if text.startswith("["):
        return "json"
    if text.startswith("<"):
        root = root_element(_head_text(data[:PROLOG_BYTES]))
        if root in FEED_ROOTS:
            return "feed"
        if root == "html":
            return "html"
        start = text[:2000]
        if "<rss" in start or "<feed" in start or "<rdf:rdf" in start:
            return "feed"
        return "html"
    if "<html" in text[:2000] or "<body" in text[:4000]:
        return "html"
    return "text"


PROLOG_BYTES = 256 * 1024     # how far to look past comments and a DOCTYPE for the root element
FEED_ROOTS = ("rss", "feed", "rdf:rdf")
_PROLOG = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!doctype(?:[^\[>]|\[.*?\])*>)", re.S | re.I)
_ROOT = re.compile(r"\s*<([a-z_][\w:.\-]*)", re.I)


def root_element(text: str) -> str | None:
    """The first element's name (lower case) after the XML declaration, comments, processing
    instructions and DOCTYPE, however long they are: a feed may open with kilobytes of them."""
    pos = 0
    while (m := _PROLOG.match(text, pos)) and m.end() > pos:
        pos = m.end()
    m = _ROOT.match(text, pos)
    return m.group(1).lower() if m else None


def _head_text(head: bytes) -> str:
    """The first bytes as text, good enough to recognise a format (UTF-8, or UTF-16 with or without BOM)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head[: len(head) - len(head) % 2].decode("utf-16", errors="replace")
    enc = utf16_without_bom(head)
    if enc:
        return head[: len(head) - len(head) % 2].decode(enc, errors="replace")
    return head.decode("utf-8-sig", errors="replace")


def _parse(name: str, data: bytes, kind: str | None) -> Iterator[RawDocument | Rejected]:
    label = "standard input" if name == "-" else name
    if not data.strip():
        yield Rejected(name, "ingest", "empty", f"{label}: empty (no text at all); remove it or check how it was saved")
        return
    sniffed = sniff(data)
    if sniffed == "warc" or kind == "warc":
        yield from read_warc_bytes(name, data, max_bytes=len(data) + 1)
        return
    why = ("is gzip-compressed; gunzip it first (only .warc.gz archives are read compressed)"
           if sniffed == "gzip" else binary_reason(data))
    if why:
        yield Rejected(name, "ingest", "binary", f"{label} {why}")
        return
    kind = kind or sniffed
    if kind == "feed" and sniffed == "html":
        kind = "html"                        # a .xml file that is really a web page
    if kind == "feed":
        yield from read_feed(name, data)
        return
    try:
        text, _encoding = decode(data, declared=declared_charset(data) if kind == "html" else None)
    except Undecodable as e:
        yield Rejected(name, "ingest", "encoding",
                       f"{label}: {e}; save it as UTF-8 (e.g. iconv -f <its encoding> -t utf-8)")
        return
    if not text.strip():
        yield Rejected(name, "ingest", "empty", f"{label}: empty (only whitespace); remove it or check how it was saved")
        return
    if kind == "jsonl":
        yield from read_jsonl(label if name != "-" else "standard input", json_lines(text))
    elif kind == "json":
        yield from read_json(label, text)
    elif kind == "csv":
        yield from read_csv(label, text)
    elif kind == "html":
        yield RawDocument(origin=name, html=text, id=None if name == "-" else name)
    else:
        yield RawDocument(origin=name, text=text, id=None if name == "-" else name)
