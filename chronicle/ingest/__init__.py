"""Read inputs (files, folders, stdin) into RawDocument records, or Rejected ones.

Minimal first version (plain text and JSONL); the ingest issue extends it to every format.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..records import RawDocument, Rejected


def read(inputs: Sequence[str], *, stdin=None, max_bytes: int = 50 * 1024 * 1024) -> Iterator[RawDocument | Rejected]:
    """Yield a RawDocument per article found in `inputs` ("-" is standard input)."""
    for name in inputs:
        if name == "-":
            data = (stdin or sys.stdin.buffer).read()
            yield from _read_bytes("-", data)
            continue
        path = Path(name)
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                if p.is_file():
                    yield from _read_file(p, max_bytes)
        elif path.is_file():
            yield from _read_file(path, max_bytes)
        else:
            yield Rejected(name, "ingest", "missing", f"{name}: no such file or folder; check the path")


def _read_file(path: Path, max_bytes: int) -> Iterator[RawDocument | Rejected]:
    data = path.read_bytes()
    yield from _read_bytes(str(path), data, suffix=path.suffix.lower())


def _read_bytes(name: str, data: bytes, suffix: str = "") -> Iterator[RawDocument | Rejected]:
    text = data.decode("utf-8", errors="replace")
    if suffix == ".jsonl" or (suffix == "" and text.lstrip().startswith("{")):
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            obj = json.loads(line)
            yield RawDocument(origin=f"{name}:{n}", text=obj.get("text"), html=obj.get("html"),
                              id=obj.get("id"), published=obj.get("published"), url=obj.get("url"),
                              title=obj.get("title"), source=obj.get("source"))
    elif suffix in (".html", ".htm"):
        yield RawDocument(origin=name, html=text)
    else:
        yield RawDocument(origin=name, text=text)
