"""ACLED-style CSV: ACLED's column names and value sets, one row per incident when the fuse stage
has stored `incidents` + `incident_events`, else one row per event. Only events ACLED would code
(an `acled` type) and only the default output (no negated, hypothetical, historical, future).
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from urllib.parse import urlparse

from ..store import Store
from ..knowledge.countries import Countries
from ..store.queries import country_name

COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
           "interaction", "civilian_targeting", "iso", "country", "admin1", "admin2", "admin3", "location",
           "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities"]

TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
STATE, REBELS, POLITICAL_MILITIA, IDENTITY_MILITIA, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = range(1, 9)
INTER = {"GOV": STATE, "MIL": STATE, "POL": STATE, "JUD": STATE, "REB": REBELS, "MIL_NS": POLITICAL_MILITIA,
         "PTY": POLITICAL_MILITIA, "OPP": POLITICAL_MILITIA, "CRM": POLITICAL_MILITIA, "UNK": POLITICAL_MILITIA,
         "PRO": PROTESTERS, "CVL": CIVILIANS, "REF": CIVILIANS, "MED": CIVILIANS, "IGO": EXTERNAL,
         "NGO": EXTERNAL, "BUS": EXTERNAL}
_IDENTITY = re.compile(r"\b(ethnic|tribal|tribe|clan|communal|vigilante)", re.I)
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Protests": "Demonstrations",
            "Riots": "Political violence; Demonstrations", "Strategic developments": "Strategic developments"}


def inter_code(actor: dict, *, event_type: str, country: str | None) -> int:
    """ACLED's actor class (inter code 1-8) for one of our actors in an event of this ACLED type."""
    kind = actor.get("kind") or "UNK"
    code = INTER.get(kind, POLITICAL_MILITIA)
    if event_type == "Protests" and code in (POLITICAL_MILITIA, CIVILIANS) and kind != "UNK":
        code = PROTESTERS
    if event_type == "Riots" and (code in (PROTESTERS, CIVILIANS, POLITICAL_MILITIA)):
        code = RIOTERS
    if code == POLITICAL_MILITIA and kind == "MIL_NS" and _IDENTITY.search(actor.get("name") or ""):
        code = IDENTITY_MILITIA
    own = Countries.load().get(actor.get("country"))
    if code == STATE and own is not None and country and own.alpha2 != country:
        code = EXTERNAL       # state forces acting outside their own country
    return code


def geo_precision(loc: dict | None) -> int | str:
    if not loc:
        return ""
    if loc.get("precision") == "place":
        return 2 if (loc.get("relation") or "").startswith(("near", "outside", "north", "south", "east", "west")) else 1
    if loc.get("precision") == "unresolved":      # a named place at its district's or province's point
        return 2 if loc.get("admin2") else 3
    return 2 if loc.get("precision") == "admin2" else 3


def _outlet(source: str | None, url: str | None) -> str:
    if source:
        return source
    host = urlparse(url or "").hostname or ""
    return host.removeprefix("www.")


def _count(counts: dict, name: str) -> int:
    c = (counts or {}).get(name)
    if not c:
        return 0
    return int(c.get("best") if c.get("best") is not None else (c.get("low") or 0))


def row(rec: dict, *, sources: list[str], fatalities: int | None = None, row_id: str | None = None,
        reports: int = 1) -> dict:
    """One ACLED row from an event record (the `chronicle extract` JSON)."""
    acled = rec["acled"]
    loc = rec.get("location") or {}
    country = loc.get("country")
    src, tgt = rec.get("source") or [], rec.get("target") or []
    inter1 = inter_code(src[0], event_type=acled["event_type"], country=country) if src else ""
    inter2 = inter_code(tgt[0], event_type=acled["event_type"], country=country) if tgt else ""
    if inter1 and inter2:
        interaction = int(f"{min(inter1, inter2)}{max(inter1, inter2)}")
    else:
        interaction = (inter1 or inter2 or 0) * 10 or ""
    date = rec.get("date") or {}
    start = date.get("start") or ""
    notes = " ".join(e["text"].strip() for e in rec.get("evidence") or [])
    if rec.get("certainty") in ("claimed", "alleged", "unconfirmed"):
        notes += f" [{rec['certainty']}]"
    if reports > 1:
        notes += f" [{reports} reports]"
    civilian = ("Civilian targeting" if inter2 == CIVILIANS and acled["event_type"] in
                ("Violence against civilians", "Explosions/Remote violence") else "")
    ident = (row_id or rec["id"]).encode()
    return {
        "event_id_cnty": f"{_alpha3(country)}{hashlib.sha1(ident).hexdigest()[:10].upper()}",
        "event_date": start, "year": start[:4],
        "time_precision": TIME_PRECISION.get(date.get("precision") or "", 3) if start else "",
        "disorder_type": DISORDER.get(acled["event_type"], ""),
        "event_type": acled["event_type"], "sub_event_type": acled["sub_event_type"],
        "actor1": src[0]["name"] if src else "", "assoc_actor_1": "; ".join(a["name"] for a in src[1:]),
        "inter1": inter1,
        "actor2": tgt[0]["name"] if tgt else "", "assoc_actor_2": "; ".join(a["name"] for a in tgt[1:]),
        "inter2": inter2, "interaction": interaction, "civilian_targeting": civilian,
        "iso": _isonum(country), "country": country_name(country) or "",
        "admin1": loc.get("admin1") or "", "admin2": loc.get("admin2") or "", "admin3": "",
        "location": loc.get("name") or "",
        "latitude": round(loc["lat"], 4) if loc.get("lat") is not None else "",
        "longitude": round(loc["lon"], 4) if loc.get("lon") is not None else "",
        "geo_precision": geo_precision(loc), "source": "; ".join(dict.fromkeys(s for s in sources if s)),
        "source_scale": "", "notes": notes.strip(),
        "fatalities": fatalities if fatalities is not None else _count(rec.get("counts"), "killed"),
    }


def _isonum(alpha2: str | None):
    """ACLED's `iso` column: the ISO 3166 numeric code as a number (0 for Kosovo, which has none)."""
    c = Countries.load().get(alpha2)
    return int(c.numeric or 0) if c else ""


def _alpha3(alpha2: str | None) -> str:
    c = Countries.load().get(alpha2)
    return c.alpha3 if c else "XXX"


_EVENTS = ("SELECT e.article_id, e.id, e.record, a.source, a.url, e.confidence FROM events e "
           "JOIN articles a ON a.id = e.article_id WHERE e.acled_event_type IS NOT NULL "
           "AND NOT (e.negated OR e.hypothetical OR e.historical OR e.future) AND e.judged_out IS NULL ORDER BY e.event_date, e.article_id, e.id")


def uses_incidents(store: Store) -> bool:
    return store.has_table("incidents") and store.has_table("incident_events")


def rows(store: Store) -> Iterator[dict]:
    """ACLED rows: one per incident when incidents are stored, else one per event."""
    events = store.query(_EVENTS).to_pylist()
    if not uses_incidents(store):
        for e in events:
            yield row(json.loads(e["record"]), sources=[_outlet(e["source"], e["url"])])
        return
    members: dict[str, list[dict]] = defaultdict(list)
    link_cols = set(store.query("SELECT * FROM incident_events LIMIT 0").column_names)
    qualified = "article_id" in link_cols
    links = store.query("SELECT incident_id, event_id" + (", article_id" if qualified else "") +
                        " FROM incident_events").to_pylist()
    by_key = {((e["article_id"], e["id"]) if qualified else e["id"]): e for e in events}
    linked = set()
    for link in links:
        e = by_key.get((link["article_id"], link["event_id"]) if qualified else link["event_id"])
        if e is not None:
            members[link["incident_id"]].append(e)
            linked.add((e["article_id"], e["id"]))
    cols = set(store.query("SELECT * FROM incidents LIMIT 0").column_names)
    extra = [c for c in ("killed", "record") if c in cols]
    info = {r["id"]: r for r in store.query(f"SELECT {', '.join(['id', *extra])} FROM incidents").to_pylist()}
    for inc_id in sorted(members):
        group = members[inc_id]
        best = max(group, key=lambda e: (e["confidence"] or 0, e["id"]))
        recs = [json.loads(e["record"]) for e in group]
        rec = json.loads(best["record"])
        stored = info.get(inc_id, {})
        if stored.get("record"):          # the fuse stage's reconciled incident: its fields win
            inc = json.loads(stored["record"])
            if not inc.get("acled"):
                continue
            rec = {**rec, **{k: inc[k] for k in ("acled", "location", "date", "source", "target", "counts",
                                                  "certainty") if k in inc}}
        fatalities = stored.get("killed")
        if fatalities is None:
            fatalities = max(_count(r.get("counts"), "killed") for r in recs)
        yield row(rec, sources=[_outlet(e["source"], e["url"]) for e in group],
                  fatalities=fatalities, row_id=f"incident:{inc_id}", reports=len({e["article_id"] for e in group}))
    for e in events:                     # events the fuse stage left out of every incident
        if (e["article_id"], e["id"]) not in linked:
            yield row(json.loads(e["record"]), sources=[_outlet(e["source"], e["url"])])
