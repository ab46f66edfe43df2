"""Time and memory of the gazetteer index: build, load from the cache, lookup, fuzzy lookup.

    python -m chronicle.geo.bench [--build]     # prints JSON; measures, never fails for being slow

--build builds the index from the embedded data in this process (into a temporary file, never the
shared cache), so its peak memory is the build's.
"""
from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

NAMES = ["Mosul", "Tikrīt", "Springfield", "Paris", "Al Fallūjah", "Nineveh", "Cobb County", "Manbij",
         "Rusape", "North Kivu", "Kota", "Washington", "Baidoa", "Nowhere Special", "the", "Georgia"]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None) -> None:
    from ..config import Settings
    from .fuzzy import fuzzy_candidates
    from .gazetteer import Gazetteer

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", action="store_true", help="build the index here instead of loading the cache")
    args = ap.parse_args(argv)
    out: dict[str, float] = {}
    t0 = time.perf_counter()
    if args.build:
        gaz = Gazetteer.build_embedded()
        out["build_s"] = round(time.perf_counter() - t0, 2)
        with tempfile.TemporaryDirectory() as tmp:
            t1 = time.perf_counter()
            gaz.save(Path(tmp) / "index.pickle")
            out["save_s"] = round(time.perf_counter() - t1, 2)
            out["index_mb"] = round((Path(tmp) / "index.pickle").stat().st_size / 1e6, 1)
        out["build_peak_rss_mb"] = round(_rss_mb())
    else:
        gaz = Gazetteer.load(Settings.from_env())
        out["load_s"] = round(time.perf_counter() - t0, 2)
        out["load_peak_rss_mb"] = round(_rss_mb())
    out["entries"] = len(gaz)
    out["keys"] = len(gaz.index)
    n = 20
    t1 = time.perf_counter()
    for _ in range(n):
        for name in NAMES:
            gaz.lookup(name)
    out["lookup_ms"] = round((time.perf_counter() - t1) * 1000 / (n * len(NAMES)), 4)
    t1 = time.perf_counter()
    fuzzy_candidates("Letpadn", gaz, ["MM"])
    out["fuzzy_first_ms"] = round((time.perf_counter() - t1) * 1000, 1)     # builds the per-country tables
    t1 = time.perf_counter()
    for name, cc in (("Bola", "BD"), ("Letpadn", "MM"), ("Mosull", "IQ"), ("Springfeld", "US")):
        fuzzy_candidates(name, gaz, [cc])
    out["fuzzy_ms"] = round((time.perf_counter() - t1) * 1000 / 4, 2)
    out["peak_rss_mb"] = round(_rss_mb())
    print(json.dumps(out))


if __name__ == "__main__":
    main()
