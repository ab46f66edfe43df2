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
    # "SA" after "South Africa", "DRC" after "Democratic Republic of the Congo": the country's initials
    by_initials = {_initials(cs[0].place.name): cs[0] for cs in cands
                   if cs and cs[0].place.precision == Precision.COUNTRY and " " in cs[0].place.name}
    for k, m in enumerate(mentions):
        if m.text.isupper() and 2 <= len(m.text) <= 4 and m.text in by_initials \
                and not (cands[k] and cands[k][0].place.precision == Precision.COUNTRY):
            cands[k] = [by_initials[m.text]]
    for k, m in enumerate(mentions):      # "Idlib province", "Borno state": the area, not its town
        if _AREA_AFTER.match(text[m.end:m.end + 16]) and cands[k]:
            areas = [c for c in cands[k] if c.place.precision in (Precision.ADMIN1, Precision.ADMIN2)]
            cands[k] = areas or cands[k]
        elif (_CITY_AFTER.match(text[m.end:m.end + 8]) or _CITY_BEFORE.search(text[max(0, m.start - 16):m.start])) \
                and cands[k]:             # "the city of Kherson", "Marib city": the town
            towns = [c for c in cands[k] if c.place.precision == Precision.PLACE]
            cands[k] = towns or cands[k]
    quals = [_qualifier(i, mentions, text, gazetteer) for i in range(len(mentions))]
    contain = _containment(mentions, cands)
    # pass 1: context from what is unambiguous enough (countries, provinces, demonyms, qualifiers)
    countries: Counter = Counter()
    # distinct names per country, without demonyms ("Irish pub" does not make a story Irish, and
    # "Jordan ... Jordan" is one name): which country dominates, for the foreign-namesake checks
    named_keys: dict[str, set[str]] = {}
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
            if m.kind != "demonym":
                named_keys.setdefault(top.place.country, set()).add(fold(m.text))
            voted[-1] = top.place.country
            if top.place.precision != Precision.COUNTRY and top.admin1_code:
                admin1s[(top.place.country, top.admin1_code)] += 1
    chosen = [(_best(cs, q, countries, admin1s, None, bonus) if cs else None)
              for cs, q, bonus in zip(cands, quals, contain)]
    # pass 2: the same with the article's first-pass places as neighbours
    points = [(c.place.lat, c.place.lon) for c in chosen if c is not None]
    countries2: Counter = Counter(countries)
    for c in chosen:
        if c is not None:
            countries2[c.place.country] += 0.5
            if c.admin1_code and c.place.precision != Precision.COUNTRY:
                admin1s[(c.place.country, c.admin1_code)] += 0.5
    out = []
    for m, cs, q, first, own, bonus in zip(mentions, cands, quals, chosen, voted, contain):
        best = None
        if cs:
            try:
                others = [p for p in points if first is None or p != (first.place.lat, first.place.lon)]
                best = _best(cs, q, countries2, admin1s, others, bonus)
            except Exception:
                best = first
        key = fold(m.text)        # what the other names say: "Auno ... Auno" does not vouch for itself
        rest = Counter({cc: len(ks - {key}) for cc, ks in named_keys.items() if ks - {key}})
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
    return k >= 2 and k / total >= 0.6 and c.place.country != cc and countries.get(c.place.country, 0) < 1


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


_AREA_AFTER = re.compile(r"^\s+(?:province|governorate|oblast|region|state|district|county|prefecture)\b")
_CITY_AFTER = re.compile(r"^\s+city\b")
_CITY_BEFORE = re.compile(r"\b(?:city|town) of\s+$")
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
    if m.kind == "capital" and m.country:
        c = gazetteer.capital(m.country)
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
    if not cands:
        cands = _inner_area(m.text, gazetteer)
    # a country name means the country: drop same-named towns, buildings and suburbs
    if cands and cands[0].place.precision == Precision.COUNTRY and fold(m.text) not in ("georgia",):
        return cands[:1]
    return cands[:60]


_INNER_SKIP = {"of", "the", "and", "for", "in", "on", "at", "de", "al", "new", "saint", "st", "great", "greater",
               "middle", "upper", "lower", "centre", "center", "national", "state", "city", "republic",
               *_DIRECTION_PREFIXES}


def _inner_area(text: str, gazetteer: Gazetteer) -> list[Candidate]:
    """A name no gazetteer holds that contains a country or a province, or a country's adjective:
    'Bank of Japan' → Japan, 'US Federal Reserve' → United States, 'Colorado State University' →
    Colorado, 'British Embassy' → United Kingdom. Towns inside names are not used ('Kabul Bank')."""
    words = [w.strip(".,'’()") for w in text.split()]
    if len(words) < 2:
        return []
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            part = " ".join(words[i:i + n])
            if not part or fold(part) in _INNER_SKIP or not part[:1].isupper():
                continue
            for c in gazetteer.lookup(part)[:3]:
                if c.place.precision in (Precision.COUNTRY, Precision.ADMIN1) and c.population > 0:
                    return [c]
            cc = gazetteer.demonym(part) if n == 1 else None
            c = gazetteer.country(cc) if cc else None
            if c is not None:
                return [c]
    return []


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


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


def _containment(mentions: Sequence[Mention], cands: list[list[Candidate]]) -> list[set[tuple[str, str]]]:
    """Per mention, the provinces (cc, admin1) that another name of the article pairs it with: a
    town candidate lying in a province another name may be ('Albany' ... 'Georgia'), or a province
    candidate holding a town another name may be. Names count once, whatever their repeats."""
    areas: dict[str, set] = {}
    towns: dict[str, set] = {}
    for m, cs in zip(mentions, cands):
        key = fold(m.text)
        for c in cs[:10]:
            if c.place.precision == Precision.ADMIN1 and c.admin1_code:
                areas.setdefault(key, set()).add((c.place.country, c.admin1_code))
        for c in cs:
            if c.place.precision in (Precision.PLACE, Precision.ADMIN2) and c.admin1_code and c.population >= 1000:
                towns.setdefault(key, set()).add((c.place.country, c.admin1_code))
    out = []
    for m in mentions:
        key = fold(m.text)
        other_areas = set().union(*(v for k, v in areas.items() if k != key)) if areas else set()
        other_towns = set().union(*(v for k, v in towns.items() if k != key)) if towns else set()
        out.append({("P",) + a for a in other_areas} | {("A",) + t for t in other_towns})
    return out


def _best(cands: list[Candidate], qual, countries: Counter, admin1s: Counter, others,
          bonus: set | frozenset = frozenset()) -> Candidate:
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
        if p.precision == Precision.ADMIN2:
            # district populations are summed from the towns assigned to them, often wrongly
            # (an Australian 'Cambridge' of 2.4M); a same-named town in that country is meant
            s -= 0.45
            if towns.get(p.country, 0) >= 0.02 * c.population:
                s -= 2.0
        if p.feature == "P.PPLC":
            s += 0.3
        if bonus and c.admin1_code and p.precision != Precision.COUNTRY:
            if p.precision == Precision.ADMIN1 and ("A", p.country, c.admin1_code) in bonus \
                    and towns.get(p.country, 0) < 0.1 * c.population:    # not over its own namesake city
                s += 1.5
            elif p.precision != Precision.ADMIN1 and ("P", p.country, c.admin1_code) in bonus:
                s += 2.0
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
