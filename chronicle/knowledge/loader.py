"""Read the knowledge files (TOML word classes and rule records, the TSV lexicon) into typed,
validated records. Every mistake is a `KnowledgeError` that names the file and line and says what
to do: an unknown or missing word class, a word listed twice, a reference to a class that does not
exist, a value of the wrong kind, a duplicate id.
"""
from __future__ import annotations

import dataclasses
import re
import tomllib
import types
import typing
from collections.abc import Mapping
from pathlib import Path

from ..errors import ResourceError


class KnowledgeError(ResourceError):
    """A knowledge file that does not validate; the message names the file and line."""


def where(path: Path, line: int | None) -> str:
    name = f"{path.parent.name}/{path.name}"
    return f"{name}:{line}" if line else name


class Source:
    """A TOML file with the line of each key, so errors can point at it."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise KnowledgeError(f"{path}: cannot read the knowledge file ({exc}); reinstall chronicle "
                                 "or restore the file from git") from exc
        try:
            self.data = tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as exc:
            raise KnowledgeError(f"{where(path, None)}: not valid TOML ({exc}); fix the line it names") from exc
        self.lines = self.text.splitlines()
        self._keys = self._index()

    def _index(self) -> dict[str, int]:
        """'table.key' -> line number (1-based); '[[table]]' entries are numbered table#0, table#1 ..."""
        out: dict[str, int] = {}
        table, counts = "", {}
        for n, raw in enumerate(self.lines, 1):
            line = raw.strip()
            m = re.match(r"^\[\[\s*([\w.-]+)\s*\]\]", line)
            if m:
                k = counts[m.group(1)] = counts.get(m.group(1), -1) + 1
                table = f"{m.group(1)}#{k}"
                out.setdefault(table, n)
                continue
            m = re.match(r"^\[\s*([\w.\"-]+)\s*\]", line)
            if m:
                table = m.group(1).replace('"', "")
                out.setdefault(table, n)
                continue
            m = re.match(r'^("?[\w.@ /-]+"?)\s*=', line)
            if m:
                key = m.group(1).strip().strip('"')
                out.setdefault(f"{table}.{key}" if table else key, n)
        return out

    def line(self, key: str) -> int | None:
        """The line of `key`, else of the nearest enclosing table that is in the file."""
        while key:
            if key in self._keys:
                return self._keys[key]
            key = key.rsplit(".", 1)[0] if "." in key else ""
        return None

    def line_of_word(self, key: str, word: str, nth: int = 2) -> int | None:
        """The line of the nth occurrence of "word" in the value that starts at `key`."""
        start = self.line(key)
        if start is None:
            return None
        seen = 0
        for n in range(start, len(self.lines) + 1):
            seen += self.lines[n - 1].count(f'"{word}"')
            if seen >= nth:
                return n
        return start

    def error(self, key: str | None, message: str) -> KnowledgeError:
        return KnowledgeError(f"{where(self.path, self.line(key) if key else None)}: {message}")


# --- word tables: a frozen dataclass declares the classes; a TOML table supplies them ---------------

def _words(src: Source, key: str, value, classes: Mapping[str, object], *, ordered: bool, depth: int = 0):
    """An array of strings; "@name" stands for the words of the class `name` in the same table."""
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise src.error(key, "a word class is an array of strings")
    out: list[str] = []
    seen: set[str] = set()
    literal: set[str] = set()
    for w in value:
        if w.startswith("@"):
            ref = w[1:]
            if ref not in classes or not isinstance(classes[ref], list) or depth > 8:
                raise src.error(key, f"unknown word class {w!r}: no array {ref!r} in this table; fix the name "
                                     "or define it")
            words = list(_words(src, f"{key.rsplit('.', 1)[0]}.{ref}" if "." in key else ref, classes[ref],
                                classes, ordered=True, depth=depth + 1))
        else:
            if w in literal:
                raise KnowledgeError(f"{where(src.path, src.line_of_word(key, w))}: {w!r} is listed twice in "
                                     f"{key.rsplit('.', 1)[-1]!r}; remove one")
            literal.add(w)
            words = [w]
        for x in words:
            if x not in seen:
                seen.add(x)
                out.append(x)
    return tuple(out) if ordered else frozenset(out)


def _convert(src: Source, key: str, value, tp, classes):
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is str:
        if not isinstance(value, str):
            raise src.error(key, f"expected a string, got {value!r}")
        return value
    if tp is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise src.error(key, f"expected a whole number, got {value!r}")
        return value
    if tp is float:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise src.error(key, f"expected a number, got {value!r}")
        return float(value)
    if origin is frozenset:
        return _words(src, key, value, classes, ordered=False)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        if args[0] is str:
            return _words(src, key, value, classes, ordered=True)
        if not isinstance(value, list):
            raise src.error(key, f"expected an array, got {value!r}")
        return tuple(_convert(src, key, v, args[0], classes) for v in value)
    if origin is tuple:
        if not isinstance(value, list) or len(value) != len(args):
            raise src.error(key, f"expected an array of {len(args)} values, got {value!r}")
        return tuple(_convert(src, key, v, a, classes) for v, a in zip(value, args))
    if origin in (dict, Mapping) or origin is getattr(typing, "Mapping", None) or (
            origin is not None and isinstance(origin, type) and issubclass(origin, Mapping)):
        if not isinstance(value, dict):
            raise src.error(key, f"expected a table of name = value, got {value!r}")
        return types.MappingProxyType({k: _convert(src, f"{key}.{k}", v, args[1], classes) for k, v in value.items()})
    if origin is types.UnionType or origin is typing.Union:
        if value is None or value == "":
            return None
        return _convert(src, key, value, next(a for a in args if a is not type(None)), classes)
    if dataclasses.is_dataclass(tp):
        return table(src, tp, value, prefix=key)
    raise TypeError(f"no conversion for {tp!r}")


def table(src: Source, cls, data: Mapping | None = None, *, prefix: str = ""):
    """Fill the frozen dataclass `cls` from a TOML table: every field must be given, no other key."""
    data = src.data if data is None else data
    hints = typing.get_type_hints(cls)
    fields = [f.name for f in dataclasses.fields(cls)]
    unknown = [k for k in data if k not in hints]
    if unknown:
        k = unknown[0]
        raise src.error(f"{prefix}.{k}" if prefix else k,
                        f"unknown word class {k!r} for {cls.__name__}; known: {', '.join(sorted(fields))} "
                        f"(add a field to {cls.__name__} in chronicle/knowledge/schema.py to introduce one)")
    missing = [f for f in fields if f not in data]
    if missing:
        raise KnowledgeError(f"{where(src.path, src.line(prefix) if prefix else None)}: "
                             f"{cls.__name__} needs {', '.join(missing)}; add them")
    values = {}
    for name in fields:
        key = f"{prefix}.{name}" if prefix else name
        values[name] = _convert(src, key, data[name], hints[name], data)
    return cls(**values)


def load_table(path: Path, cls):
    return table(Source(path), cls)
