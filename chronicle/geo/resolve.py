"""Toponym resolution with the article as context: which gazetteer entry each mention means.

A country name is the country (never a building or a suburb); otherwise candidates are scored by
their kind and population, the article's countries and provinces, a qualifier ("Baidoa, Bay
region", "Long Beach, CA") and closeness to the other places in the article.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from ..records import Precision, Toponym
from .fold import fold, variants
from .gazetteer import Candidate, Gazetteer
from .abbrev import US_ABBR as _US_ABBR
from .recognize import Mention

_RANK = {Precision.COUNTRY: 3.0, Precision.ADMIN1: 2.0, Precision.ADMIN2: 0.5, Precision.PLACE: 0.0}
_DIRECTION_PREFIXES = ("north east", "north west", "south east", "south west", "northeast", "northwest",
                       "southeast", "southwest", "northern", "southern", "eastern", "western", "central",
                       "north", "south", "east", "west", "upper", "lower")
_QUALIFIER_WORDS = (" region", " province", " governorate", " state", " county", " district", " parish")


def resolve(mentions: Sequence[Mention], gazetteer: Gazetteer, *, text: str = "",
            country_hint: str | None = None) -> list[Toponym]:
    """A Toponym per mention (place None when nothing fits); one bad mention never drops the rest."""
    cands: list[list[Candidate]] = []
    for m in mentions:
        try:
            cands.append(_candidates(m, gazetteer))
        except Exception:           # a broken entry must not empty the document
            cands.append([])
    quals = [_qualifier(i, mentions, text, gazetteer) for i in range(len(mentions))]
    # pass 1: context from what is unambiguous enough (countries, provinces, demonyms, qualifiers)
    countries: Counter = Counter()
    admin1s: Counter = Counter()
    if country_hint:
        countries[country_hint] += 2
    voted: list[str | None] = []
    for m, cs, q in zip(mentions, cands, quals):
        voted.append(None)
        if not cs:
            continue
        top = cs[0]
        if len({c.place.country for c in cs}) == 1 or q:     # a name that says which country
            countries[top.place.country] += 1
            voted[-1] = top.place.country
            if top.place.precision != Precision.COUNTRY and top.admin1_code:
                admin1s[(top.place.country, top.admin1_code)] += 1
    chosen = [(_best(cs, q, countries, admin1s, None) if cs else None) for cs, q in zip(cands, quals)]
    # pass 2: the same with the article's first-pass places as neighbours
    points = [(c.place.lat, c.place.lon) for c in chosen if c is not None]
    countries2: Counter = Counter(countries)
    for c in chosen:
        if c is not None:
            countries2[c.place.country] += 0.5
            if c.admin1_code and c.place.precision != Precision.COUNTRY:
                admin1s[(c.place.country, c.admin1_code)] += 0.5
    out = []
    # what the other names of the article say: a repeated name ("Auno ... Auno") does not vouch for itself
    by_key: dict[str, Counter] = {}
    for m, own in zip(mentions, voted):
        if own:
            by_key.setdefault(fold(m.text), Counter())[own] += 1
    for m, cs, q, first, own in zip(mentions, cands, quals, chosen, voted):
        best = None
        if cs:
            try:
                others = [p for p in points if first is None or p != (first.place.lat, first.place.lon)]
                best = _best(cs, q, countries2, admin1s, others)
            except Exception:
                best = first
        rest = countries - by_key.get(fold(m.text), Counter())
        if best is not None and (_foreign_village(best, q, rest) or _foreign_alias(best, m, q, rest)):
            best = None                   # "Auno" in a Nigerian story is not a French village
        out.append(Toponym(m.text, m.start, m.end, best.place if best else None,
                           score=round(best_score(best), 3) if best else 0.0))
    return _inherit_town(out, text)


def _foreign_village(c: Candidate, qual, countries: Counter) -> bool:
    """A small place outside the article's dominant country, with nothing in the text pointing there."""
    if c.place.precision != Precision.PLACE or c.population >= 100_000 or qual is not None:
        return False
    total = sum(countries.values())
    if not total:
        return False
    cc, k = countries.most_common(1)[0]
    return k / total >= 0.6 and c.place.country != cc and countries.get(c.place.country, 0) < 1


def _foreign_alias(c: Candidate, m: Mention, qual, countries: Counter) -> bool:
    """A town matched only through one of its alternate names ("Auno" for Aulnoy-lez-Valenciennes,
    "Mahas" for Māḩiş), in a country nothing else in the article names, while the article does name
    other countries: more likely an unknown local place than that town."""
    if c.place.precision != Precision.PLACE or c.population >= 3_000_000 or qual is not None:
        return False
    if not countries or countries.get(c.place.country, 0) >= 1:
        return False
    key = fold(m.text)
    return key not in variants(fold(c.place.name)) and fold(c.place.name) not in variants(key)


_IN_AREA = re.compile(r"^(?:,\s*|\s+in\s+(?:the\s+)?)(?:[a-z-]+\s+){0,2}$")


def _inherit_town(toponyms: list[Toponym], _text: str | None = None) -> list[Toponym]:
    """A name no gazetteer holds (a street, a church, a neighbourhood) is placed in the article's
    nearest earlier town (else its first town), with a low score: coarse, but not nowhere."""
    towns = [t for t in toponyms if t.place is not None and t.place.precision == Precision.PLACE]
    if not towns:
        return toponyms
    out = []
    for k, t in enumerate(toponyms):
        if t.place is None:
            before = [x for x in towns if x.start < t.start]
            host = before[-1] if before else towns[0]
            nxt = next((x for x in toponyms[k + 1:] if x.place is not None), None)
            if nxt is not None and nxt.start - t.end <= 40 and nxt.place.precision != Precision.COUNTRY \
                    and _text is not None and _IN_AREA.match(_text[t.end:nxt.start]):
                host = nxt                # "Mahas in the central Hiraan region": inside the area named next
            t = Toponym(t.text, t.start, t.end, host.place, score=0.1)
        out.append(t)
    return out


def best_score(c: Candidate) -> float:
    return 1.0 if c.place.precision == Precision.COUNTRY else 0.5


def _candidates(m: Mention, gazetteer: Gazetteer) -> list[Candidate]:
    if m.kind == "demonym" and m.country:
        c = gazetteer.country(m.country)
        return [c] if c else []
    key = fold(m.text)
    if key in _US_ABBR and m.text.endswith("."):             # "Ill.", "S.D.": a state
        c = gazetteer.admin1("US", _US_ABBR[key])
        if c is not None:
            return [c]
    cands = gazetteer.lookup(m.text)
    if not cands or cands[0].population < 1_000_000:
        cc = gazetteer.demonym(m.text)            # an adjective: "German" is Germany, not San Germán
        c = gazetteer.country(cc) if cc else None
        if c is not None:
            return [c]
    if not cands:
        low = fold(m.text)
        for d in _DIRECTION_PREFIXES:       # "north-east Nigeria", "southern Idlib": the area named
            if low.startswith(d + " ") and len(low) > len(d) + 2:
                cands = [c for c in gazetteer.lookup(low[len(d) + 1:]) if c.place.precision != Precision.PLACE
                         or c.population >= 100_000]
                if cands:
                    return cands[:1] if cands[0].place.precision == Precision.COUNTRY else cands[:60]
        for w in _QUALIFIER_WORDS:          # "Bay region" → "Bay", "Anbar province" → "Anbar"
            if low.endswith(w):
                cands = [c for c in gazetteer.lookup(m.text[: -len(w)])
                         if c.place.precision != Precision.PLACE]
                break
    # a country name means the country: drop same-named towns, buildings and suburbs
    if cands and cands[0].place.precision == Precision.COUNTRY and fold(m.text) not in ("georgia",):
        return cands[:1]
    return cands[:60]


def _qualifier(i: int, mentions: Sequence[Mention], text: str, gazetteer: Gazetteer) -> tuple[str, str | None] | None:
    """(cc, admin1 code or None) from 'X, Y' where Y is a state, province or country."""
    m = mentions[i]
    rest = text[m.end:m.end + 40]
    if not rest.startswith(","):
        return None
    after = rest[1:].lstrip()
    # an abbreviation right after the comma ("CA", "Calif.", "N.Y.")
    word = after.split(" ")[0].rstrip(",;:)")
    key = fold(word)
    if word.isupper() and len(word) == 2 and (("US", word) in gazetteer.admin1_names):
        return ("US", word)
    if key in _US_ABBR and (word[:1].isupper()):
        return ("US", _US_ABBR[key])
    if i + 1 < len(mentions) and mentions[i + 1].start - m.end <= 3:
        cs = _candidates(mentions[i + 1], gazetteer)
        for c in cs:
            if c.place.precision == Precision.COUNTRY:
                return (c.place.country, None)
            if c.place.precision == Precision.ADMIN1:
                return (c.place.country, c.admin1_code)
    return None


def _best(cands: list[Candidate], qual, countries: Counter, admin1s: Counter, others) -> Candidate:
    total_c = sum(countries.values()) or 1
    total_a = sum(admin1s.values()) or 1
    best, best_s = None, -1e9
    # a province and a big town of the same name in one country ("New York", "Gao", "Kirkuk"): the town
    towns = {}
    for c in cands:
        if c.place.precision == Precision.PLACE:
            towns[c.place.country] = max(towns.get(c.place.country, 0), c.population)
    for c in cands:
        p = c.place
        s = _RANK[p.precision] + 0.45 * math.log10(c.population + 10)
        if p.precision == Precision.ADMIN1 and towns.get(p.country, 0) >= 0.1 * c.population:
            s -= 2.5
        if p.feature == "P.PPLC":
            s += 0.3
        if c.population >= 1_000_000 and p.precision == Precision.PLACE:
            s += 1.0                      # a world city is meant even in another country's story
        if qual is not None:
            if p.country == qual[0] and (qual[1] is None or c.admin1_code == qual[1]):
                s += 6.0
            else:
                s -= 2.0
        s += 3.0 * countries.get(p.country, 0) / total_c
        if c.admin1_code and p.precision != Precision.COUNTRY:
            s += 2.0 * admin1s.get((p.country, c.admin1_code), 0) / total_a
        if others:
            d = min(_km(p.lat, p.lon, la, lo) for la, lo in others)
            if d < 50:
                s += 1.0
            elif d < 200:
                s += 0.5
        if s > best_s:
            best, best_s = c, s
    return best


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


km = _km
