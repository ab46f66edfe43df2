"""The trigger lexicon (lexicon.tsv) and the PLOVER ontology it names (plover.toml)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from .loader import KnowledgeError, Source, where


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon row: a word (or word + required child) that may report an event."""

    lemma: str
    child: str | None      # required child lemma ("fire" in "open+fire"), or None
    pos: str               # "V", "N" or "*"
    type: str
    mode: str | None
    strength: int


@dataclass(frozen=True)
class Plover:
    quad: Mapping[str, str]                  # type -> quad
    modes: Mapping[str, frozenset[str]]      # type -> its modes


def load_plover(path: Path) -> Plover:
    src = Source(path)
    quad, modes = src.data.get("quad"), src.data.get("modes")
    if not isinstance(quad, dict) or not isinstance(modes, dict):
        raise src.error(None, "needs a [quad] table (type = quad) and a [modes] table (type = [modes])")
    quads = {"verbal cooperation", "material cooperation", "verbal conflict", "material conflict"}
    for t, q in quad.items():
        if q not in quads:
            raise src.error(f"quad.{t}", f"unknown quad {q!r}; one of {sorted(quads)}")
    if set(modes) != set(quad):
        odd = sorted(set(modes) ^ set(quad))[0]
        raise src.error(f"modes.{odd}" if odd in modes else f"quad.{odd}", f"type {odd!r} must be in both tables")
    return Plover(MappingProxyType(dict(quad)), MappingProxyType({t: frozenset(m) for t, m in modes.items()}))


def load_lexicon(path: Path, plover: Plover) -> Mapping[str, tuple[Entry, ...]]:
    """lemma -> its rows in file order. Rows: words, pos (V N *), TYPE, mode or -, strength 1..3."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot read the lexicon ({exc})") from exc
    out: dict[str, list[Entry]] = {}
    seen: dict[tuple, int] = {}
    header = False
    for n, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split("\t") if "\t" in line else line.split()
        if not header:
            if parts != ["words", "pos", "type", "mode", "strength"]:
                raise KnowledgeError(f"{where(path, n)}: the first row must be the header "
                                     "words<TAB>pos<TAB>type<TAB>mode<TAB>strength")
            header = True
            continue

        def bad(what: str) -> KnowledgeError:
            return KnowledgeError(f"{where(path, n)}: {what} in {raw.strip()!r}")

        if len(parts) != 5:
            raise bad("a row has 5 tab-separated columns: words pos type mode strength")
        words, pos, typ, mode, strength = (p.strip() for p in parts)
        if pos not in ("V", "N", "*"):
            raise bad(f"pos {pos!r} is not V, N or *")
        if typ not in plover.quad:
            raise bad(f"unknown event type {typ!r} (plover.toml lists {', '.join(plover.quad)})")
        if mode != "-" and mode not in plover.modes[typ]:
            raise bad(f"{typ} has no mode {mode!r} (plover.toml: {', '.join(sorted(plover.modes[typ])) or 'none'})")
        if strength not in ("1", "2", "3"):
            raise bad(f"strength {strength!r} is not 1, 2 or 3")
        key = (words, pos, typ, mode)
        if key in seen:
            raise bad(f"duplicate row (first at line {seen[key]})")
        seen[key] = n
        lemma, _, child = words.partition("+")
        out.setdefault(lemma, []).append(Entry(lemma, child or None, pos, typ, None if mode == "-" else mode,
                                               int(strength)))
    return MappingProxyType({k: tuple(v) for k, v in out.items()})
