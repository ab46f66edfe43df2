"""The one country table (countries.tsv beside this module): ISO 3166 alpha-2, alpha-3 and numeric
codes, the English name, other names, demonyms, the capital and the metonyms of each country or
territory. The gazetteer, the actor table, fusion and export all read it through `Countries`; no
other table of countries, and no other alpha-2 <-> alpha-3 converter, exists in the package.

    >>> countries = Countries.load()
    >>> countries.get("IQ").alpha3, countries.get("IRQ").alpha2, countries.get("iq").name
    ('IRQ', 'IQ', 'Iraq')
    >>> countries.find("Syrian Arab Republic").alpha2
    'SY'
    >>> countries.get("XX") is None
    True

A name or demonym written `place:X` names the territory only (the gazetteer reads it, the actor
table does not: "Gaza", "Scotland", native-language names); `actor:X` names the state only (the
actor table reads it: "Palestinian Authority", "Serb"). Validation errors name the file and line.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import ResourceError

PATH = Path(__file__).with_name("countries.tsv")
COLUMNS = ("alpha2", "alpha3", "numeric", "name", "kind", "lat", "lon", "names", "demonyms", "capital",
           "metonyms")
KINDS = ("state", "territory")
SCOPES = ("place", "actor")

__all__ = ["Countries", "Country", "CountryTableError", "PATH"]


class CountryTableError(ResourceError):
    """countries.tsv breaks a rule; the message names the file, the line and what to fix."""


@dataclass(frozen=True, slots=True)
class Country:
    """One row of countries.tsv. `names`/`demonyms` hold (text, scope) pairs, scope None for both
    uses, "place" or "actor" for one; the properties below give each use its list."""

    alpha2: str
    alpha3: str
    numeric: str                      # ISO 3166 numeric, zero-padded ("368"), or "" when none
    name: str                         # the English short name ("Government of {name}")
    kind: str                         # state | territory
    lat: float | None                 # a centre for the gazetteer's country entry (None: no entry)
    lon: float | None
    names: tuple[tuple[str, str | None], ...]
    demonyms: tuple[tuple[str, str | None], ...]
    capital: str                      # the GeoNames name of the seat of government ("" when none)
    metonyms: tuple[str, ...]         # names that stand for its government ("Kremlin", "Washington")
    line: int = 0                     # where it is written in countries.tsv

    @property
    def is_state(self) -> bool:
        return self.kind == "state"

    @property
    def place_names(self) -> list[str]:
        """Names of the territory: the English name first, then every name not scoped to the actor."""
        return [self.name] + [n for n, s in self.names if s != "actor"]

    @property
    def actor_names(self) -> list[str]:
        """Names of the state as an actor: the English name first, then every name not scoped to the place."""
        return [self.name] + [n for n, s in self.names if s != "place"]

    @property
    def place_demonyms(self) -> list[str]:
        return [d for d, s in self.demonyms if s != "actor"]

    @property
    def actor_demonyms(self) -> list[str]:
        return [d for d, s in self.demonyms if s != "place"]


def key(text: str) -> str:
    """How names are compared: diacritics and punctuation off, lower case ("Côte d'Ivoire" = "cote d ivoire")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.findall(r"[^\W_]+", text))


class Countries:
    """Every row of the table, looked up by alpha-2 or alpha-3 code (`get`) or by any name (`find`)."""

    def __init__(self, rows: list[Country], *, path: Path = PATH):
        self.rows: tuple[Country, ...] = tuple(rows)
        self.path = path
        self._by_code: dict[str, Country] = {}
        self._by_name: dict[str, Country] = {}
        for c in self.rows:
            for code in (c.alpha2, c.alpha3):
                if code in self._by_code:
                    other = self._by_code[code]
                    raise CountryTableError(f"line {c.line} of {path}: code {code} is already used on line "
                                            f"{other.line} ({other.name}); each code names one country")
                self._by_code[code] = c
        # one name, one country: a name or demonym on two rows is an error (scopes apart)
        seen: dict[tuple[str, str], Country] = {}
        for c in self.rows:
            texts = [(c.name, None), *c.names, *c.demonyms, (c.alpha3, None)]
            for text, scope in texts:
                for use in ((scope,) if scope else SCOPES):
                    k = (key(text), use)
                    other = seen.get(k)
                    if other is not None and other is not c:
                        raise CountryTableError(
                            f"line {c.line} of {path}: {text!r} ({use} name) already names {other.name} on line "
                            f"{other.line}; a name or demonym may name one country only — remove it from one "
                            f"row, or scope it with place:/actor: where the uses differ")
                    seen[k] = c
            self._by_name.setdefault(key(c.name), c)
        for c in self.rows:
            for text, _ in c.names:
                self._by_name.setdefault(key(text), c)

    def __iter__(self) -> Iterator[Country]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def get(self, code: str | None) -> Country | None:
        """The country with this ISO alpha-2 or alpha-3 code (any case), else None."""
        return self._by_code.get(code.strip().upper()) if code else None

    def find(self, text: str | None) -> Country | None:
        """The country with this code or name ("IQ", "IRQ", "Iraq", "Republic of Iraq"), else None."""
        if not text:
            return None
        return self.get(text) or self._by_name.get(key(text))

    def states(self) -> list[Country]:
        return [c for c in self.rows if c.is_state]

    @classmethod
    def load(cls, path: Path | None = None) -> "Countries":
        """The table at `path`, read and validated; without one, the table shipped beside this
        module, read once per process."""
        return _shipped() if path is None else cls(list(read(path)), path=path)


@cache
def _shipped() -> Countries:
    return Countries(list(read(PATH)), path=PATH)


def read(path: Path) -> Iterator[Country]:
    """Parse and validate countries.tsv row by row; CountryTableError names the line of any fault."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise CountryTableError(f"{path} cannot be read ({e}); it ships with the package — reinstall it") from e
    header = None
    for lineno, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            if tuple(cells) != COLUMNS:
                raise CountryTableError(f"line {lineno} of {path}: the header must be the columns "
                                        f"{' '.join(COLUMNS)} (tab-separated), not {' '.join(cells)}")
            header = cells
            continue
        yield _row(cells, lineno, path)
    if header is None:
        raise CountryTableError(f"{path}: no header line; the first line must name the columns {' '.join(COLUMNS)}")


def _row(cells: list[str], lineno: int, path: Path) -> Country:
    where = f"line {lineno} of {path}"
    if len(cells) != len(COLUMNS):
        raise CountryTableError(f"{where}: {len(cells)} tab-separated cells, expected {len(COLUMNS)} "
                                f"({' '.join(COLUMNS)})")
    r = dict(zip(COLUMNS, cells))
    for col in COLUMNS:
        if r[col] != r[col].strip():
            raise CountryTableError(f"{where}: {col} {r[col]!r} has spaces around it; remove them")
    if not re.fullmatch(r"[A-Z]{2}", r["alpha2"]):
        raise CountryTableError(f"{where}: alpha2 {r['alpha2']!r} is not two capital letters (ISO 3166-1 alpha-2)")
    if not re.fullmatch(r"[A-Z]{3}", r["alpha3"]):
        raise CountryTableError(f"{where}: alpha3 {r['alpha3']!r} is not three capital letters (ISO 3166-1 alpha-3)")
    if r["numeric"] and not re.fullmatch(r"\d{3}", r["numeric"]):
        raise CountryTableError(f"{where}: numeric {r['numeric']!r} is not three digits (ISO 3166-1 numeric) or empty")
    if not r["name"]:
        raise CountryTableError(f"{where}: the name is empty; give the English short name")
    if r["kind"] not in KINDS:
        raise CountryTableError(f"{where}: kind {r['kind']!r} is not one of {', '.join(KINDS)}")
    if bool(r["lat"]) != bool(r["lon"]):
        raise CountryTableError(f"{where}: give both lat and lon, or neither")
    try:
        lat = float(r["lat"]) if r["lat"] else None
        lon = float(r["lon"]) if r["lon"] else None
    except ValueError:
        raise CountryTableError(f"{where}: lat/lon {r['lat']!r}, {r['lon']!r} are not numbers") from None
    if lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise CountryTableError(f"{where}: lat/lon {lat}, {lon} lie outside -90..90, -180..180")
    return Country(alpha2=r["alpha2"], alpha3=r["alpha3"], numeric=r["numeric"], name=r["name"], kind=r["kind"],
                   lat=lat, lon=lon, names=_scoped(r["names"], "names", where),
                   demonyms=_scoped(r["demonyms"], "demonyms", where), capital=r["capital"],
                   metonyms=tuple(_items(r["metonyms"], "metonyms", where)), line=lineno)


def _items(cell: str, col: str, where: str) -> list[str]:
    out = []
    for item in cell.split(";") if cell else []:
        if not item or item != item.strip():
            raise CountryTableError(f"{where}: {col} has an empty item or spaces around {item!r}; write "
                                    f"items separated by ';' with no spaces around them")
        out.append(item)
    return out


def _scoped(cell: str, col: str, where: str) -> tuple[tuple[str, str | None], ...]:
    out: list[tuple[str, str | None]] = []
    seen: set[tuple[str, str | None]] = set()
    for item in _items(cell, col, where):
        scope, sep, text = item.partition(":")
        if sep and scope in SCOPES and text:
            entry: tuple[str, str | None] = (text, scope)
        elif sep and re.fullmatch(r"[a-z]+", scope):
            raise CountryTableError(f"{where}: {col} item {item!r} has the unknown scope {scope!r}; "
                                    f"use place: or actor: (or none, for both)")
        else:
            entry = (item, None)
        if entry in seen:
            raise CountryTableError(f"{where}: {col} lists {item!r} twice")
        seen.add(entry)
        out.append(entry)
    return tuple(out)
