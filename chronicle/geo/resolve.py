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
from dataclasses import dataclass, field

from ..knowledge import shipped
from ..records import Place, Precision, Toponym
from .fold import fold, variants
from .fuzzy import fuzzy_candidates
from .gazetteer import Candidate, Gazetteer
from .ranker import Evidence, decide, features, load_ranker, none_features
from .mentions import Mention

_RANK = {Precision.COUNTRY: 3.0, Precision.ADMIN1: 2.0, Precision.ADMIN2: 0.5, Precision.PLACE: 0.0}


def _words():
    """The words of resolution (chronicle/knowledge/words/geo.toml [resolve]), from the shipped knowledge."""
    return shipped().geo.resolve


_QUALIFIER_WORDS = (" region", " province", " governorate", " state", " county", " district", " parish")


@dataclass
class Options:
    """One mention's choice: its candidates with their features, and the 'none' option's."""

    mention: Mention
    candidates: list[Candidate]
    features: list[dict[str, float]] = field(default_factory=list)
    none: dict[str, float] = field(default_factory=dict)
    qualifier: tuple[str, str | None] | None = None
    holder: Candidate | None = None     # the area or town the text puts it in ("Rampura in Dhaka")
    allowed: list[bool] = field(default_factory=list)   # in a country the article names or implies
    implied: set[str] = field(default_factory=set)      # the countries the article names or implies


def resolve(mentions: Sequence[Mention], gazetteer: Gazetteer, *, text: str = "",
            country_hint: str | None = None, model: dict | None = None) -> list[Toponym]:
    """A Toponym per mention (place None when nothing fits).

    The candidate ranker (ranker.py) picks each mention's entry or 'none'; a name left unresolved
    keeps the area the text puts it in ("Jinwar, Hasakah province") as an `unresolved` place."""
    groups = options(mentions, gazetteer, text=text, country_hint=country_hint)
    return choose(groups, gazetteer, text=text, model=model)


def choose(groups: list[Options], gazetteer: Gazetteer, *, text: str = "", model: dict | None = None,
           strict: bool = True) -> list[Toponym]:
    """The ranker's pick (or none) for each mention's options, then the hosts of unresolved names.
    strict: only candidates in a country the article names or implies (Options.allowed)."""
    model = load_ranker() if model is None else model
    out = []
    for g in groups:
        m, best, score = g.mention, None, 0.0
        k, p = decide(g.features, g.none, model, allowed=g.allowed if strict else None)
        if k is not None:
            best, score = g.candidates[k], p
        out.append(Toponym(m.text, m.start, m.end, best.place if best else None,
                           score=round(score, 3) if best else 0.0))
    return _unresolved_hosts(out, groups, text, gazetteer)


def options(mentions: Sequence[Mention], gazetteer: Gazetteer, *, text: str = "",
            country_hint: str | None = None) -> list[Options]:
    """Every mention's candidates (exact, else fuzzy within the article's countries) with the
    ranker's features, computed against the article's other names."""
    cands: list[list[Candidate]] = []
    for m in mentions:
        cands.append(_candidates(m, gazetteer))
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
    named_countries: dict[str, set[str]] = {}       # countries named outright or by a demonym
    admin1s: Counter = Counter()
    if country_hint:
        countries[country_hint] += 2
    for m, cs, q in zip(mentions, cands, quals):
        if not cs:
            continue
        top = cs[0]
        if len({c.place.country for c in cs}) == 1 or q:     # a name that says which country
            countries[top.place.country] += 1
            if m.kind != "demonym":
                named_keys.setdefault(top.place.country, set()).add(fold(m.text))
            if top.place.precision != Precision.COUNTRY and top.admin1_code:
                admin1s[(top.place.country, top.admin1_code)] += 1
        if top.place.precision == Precision.COUNTRY and top.place.country and len(cs) == 1:
            named_countries.setdefault(top.place.country, set()).add(fold(m.text))
    # transliteration variants, only among the article's countries ("Bola" in a Bangladesh story is
    # Bhola, not Bol in Chad), for a name with no exact match there
    fuzzy: list[dict[int, int]] = [{} for _ in mentions]
    near = [cc for cc, _ in countries.most_common(3) if cc]
    if near:
        for k, m in enumerate(mentions):
            if m.kind in ("entity", "gazetteer") and m.text[:1].isupper() \
                    and not any(c.place.country in near for c in cands[k]):
                found = fuzzy_candidates(m.text, gazetteer, near)
                cands[k] = cands[k] + [c for c, _ in found]
                fuzzy[k] = {c.place.geonameid: d for c, d in found}
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
    holders = [_container(i, mentions, text, chosen) for i in range(len(mentions))]
    top_cc = countries2.most_common(1)[0][0] if countries2 else None
    article_implied = {cc for cc, v in countries.items() if v > 0 and cc} | set(named_countries)
    n_article = sum(1 for v in countries2.values() if v > 0)
    out = []
    for m, cs, q, first, bonus, fz, holder in zip(mentions, cands, quals, chosen, contain, fuzzy, holders):
        g = Options(m, cs, qualifier=q, holder=holder, implied=article_implied)
        out.append(g)
        if not cs:
            g.none = none_features(m.kind, [], article_countries=n_article)
            continue
        key = fold(m.text)        # what the other names say: "Auno ... Auno" does not vouch for itself
        rest = Counter({cc: len(ks - {key}) for cc, ks in named_keys.items() if ks - {key}})
        own = Counter(countries2)
        for cc, ks in named_keys.items():
            if key in ks:
                own[cc] -= 1      # its own vote does not support it
        total = sum(v for v in own.values() if v > 0) or 1.0
        named = {cc for cc, ks in named_countries.items() if ks - {key}}
        # what the article names or implies without this name: other names' countries, countries and
        # demonyms, a qualifier; empty when nothing else says where the story is
        implied = {cc for cc, v in own.items() if v > 0 and cc} | named
        others = [p for p in points if first is None or p != (first.place.lat, first.place.lon)]
        towns: dict[str, int] = {}
        for c in cs:
            if c.place.precision == Precision.PLACE:
                towns[c.place.country] = max(towns.get(c.place.country, 0), c.population)
        pops = [c.population for c in cs]
        pop_total = sum(pops) or 1
        top_i = max(range(len(cs)), key=pops.__getitem__)
        for i, c in enumerate(cs):
            p = c.place
            km_near = min((_km(p.lat, p.lon, la, lo) for la, lo in others), default=None)
            ev = Evidence(
                hand=_score(c, q, countries2, admin1s, km_near, bonus, towns), population=c.population,
                precision=p.precision, feature=c.feature, fuzzy=fz.get(p.geonameid, 0),
                name_match=fold(p.name) in variants(key) or key in variants(fold(p.name)),
                top_pop=i == top_i, pop_share=c.population / pop_total,
                country_share=max(own.get(p.country, 0), 0) / total, country_top=p.country == top_cc,
                country_named=p.country in named,
                admin1_share=(admin1s.get((p.country, c.admin1_code), 0) / (sum(admin1s.values()) or 1))
                if c.admin1_code and p.precision != Precision.COUNTRY else 0.0,
                qualifier=0 if q is None else (1 if p.country == q[0] and (q[1] is None or c.admin1_code == q[1])
                                               else -1),
                contained=bool(bonus and c.admin1_code and (("P", p.country, c.admin1_code) in bonus
                                                            or ("A", p.country, c.admin1_code) in bonus)),
                km=km_near, foreign_village=_foreign_village(c, q, rest), foreign_alias=_foreign_alias(c, m, q, rest),
                held=0 if holder is None else (1 if _inside(c, holder) else -1))
            g.features.append(features(ev))
            g.allowed.append(not implied or p.country in implied or not p.country
                             or p.precision == Precision.COUNTRY or ev.qualifier > 0)
        g.none = none_features(m.kind, g.features, article_countries=n_article)
    return out


def _unresolved_hosts(toponyms: list[Toponym], groups: list[Options], text: str,
                      gazetteer: Gazetteer) -> list[Toponym]:
    """A name left unresolved keeps the area that holds it, when the text gives one ('Jinwar, Hasakah',
    'Mahas in the central Hiraan region'), else the article's nearest earlier town in its main country
    (a street, a church, a neighbourhood of a local story): an `unresolved` place at that area's
    point, coarse but never a namesake abroad."""
    resolved = [t for t in toponyms if t.place is not None]
    main = Counter(t.place.country for t in resolved if t.place.country).most_common(1)
    main_cc = main[0][0] if main else None
    implied = groups[0].implied if groups else set()
    if implied and main_cc not in implied:
        main_cc = None            # the main country comes only from guesses ("Dublin" in an Ohio story)
    towns = [t for t in resolved if t.place.precision == Precision.PLACE and t.place.country == main_cc]
    out = []
    for k, (t, g) in enumerate(zip(toponyms, groups)):
        # "M23 rebels have captured ...": a name no entry fits that names an armed group is no place
        if t.place is None and not _named_actor(t.text):
            host = None
            if g.qualifier is not None:
                q = g.qualifier
                c = gazetteer.admin1(q[0], q[1]) if q[1] else gazetteer.country(q[0])
                host = c.place if c is not None else None
            if host is None and g.holder is not None:
                host = g.holder.place     # "Rampura in Dhaka", "Mahas in the central Hiraan region"
            if host is None and towns:
                before = [x for x in towns if x.start < t.start]
                host = (before[-1] if before else towns[0]).place
            if host is not None:
                t = Toponym(t.text, t.start, t.end, unresolved_in(t.text, host), score=0.1)
        out.append(t)
    return out


def _container(i: int, mentions: Sequence[Mention], text: str, chosen: list[Candidate | None]) -> Candidate | None:
    """The place the text puts mention i in: the next name after ', ' or ' in (the ...)' ('Rampura in
    Dhaka', 'Mahas in the central Hiraan region'); for a country followed by its province
    ("in Nepal's Rautahat district") the province."""
    m = mentions[i]
    j = i + 1
    if j >= len(mentions) or chosen[j] is None or mentions[j].start - m.end > 40 \
            or not _IN_AREA.match(text[m.end:mentions[j].start]) or mentions[j].kind == "demonym":
        return None
    holder = chosen[j]
    if holder.place.precision == Precision.COUNTRY and j + 1 < len(mentions) and chosen[j + 1] is not None \
            and re.match(r"^(?:'s|’s)\s+$", text[mentions[j].end:mentions[j + 1].start]) \
            and chosen[j + 1].place.country == holder.place.country:
        holder = chosen[j + 1]
    return holder


def _inside(c: Candidate, holder: Candidate) -> bool:
    """The candidate lies in the holder: its country, its province, or within 50 km of its town or district."""
    h = holder.place
    if c.place.country != h.country:
        return False
    if h.precision == Precision.COUNTRY:
        return True
    if h.precision == Precision.ADMIN1:
        return c.admin1_code == holder.admin1_code or c.place.geonameid == h.geonameid
    return _km(c.place.lat, c.place.lon, h.lat, h.lon) <= (50 if h.precision == Precision.PLACE else 100)


def _named_actor(name: str) -> bool:
    """The whole name is one the actor table holds for a named actor (an armed group, a party, an
    organisation: "M23", "Hezbollah"), so a name no gazetteer entry fits is that actor, not a place."""
    from ..actors.table import ActorTable, tokenize

    table = ActorTable.load()
    toks = tokenize(name)
    hits = table.scan(toks)
    return len(hits) == 1 and hits[0].end - hits[0].start == len(toks) and not table.entries[hits[0].entry].generic


def unresolved_in(name: str, host: Place) -> Place:
    """The named place no gazetteer entry fits, at the point of the area that holds it."""
    a1 = host.admin1 or (host.name if host.precision == Precision.ADMIN1 else None)
    a2 = host.admin2 or (host.name if host.precision == Precision.ADMIN2 else None)
    return Place(geonameid=None, name=name, lat=host.lat, lon=host.lon, country=host.country,
                 precision=Precision.UNRESOLVED, admin1=a1, admin2=a2, feature=None)


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
    if key in shipped().geo.us_states and m.text.endswith("."):             # "Ill.", "S.D.": a state
        c = gazetteer.admin1("US", shipped().geo.us_states[key])
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
        for d in _words().direction_prefixes:   # "north-east Nigeria", "southern Idlib": the area named
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
    # (tried: keeping towns of 1,000+ for the ranker — LGL cross-validated e2e +0.006, GWN -0.005,
    # more resolutions abroad: dropped)
    if cands and cands[0].place.precision == Precision.COUNTRY and fold(m.text) not in ("georgia",):
        return cands[:1]
    return cands[:60]


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
            if not part or fold(part) in _words().inner_skip or not part[:1].isupper():
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
    if key in shipped().geo.us_states and (word[:1].isupper()):
        return ("US", shipped().geo.us_states[key])
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
    """The hand-written choice (the first pass, and the ranker's 'hand' feature)."""
    towns: dict[str, int] = {}
    for c in cands:
        if c.place.precision == Precision.PLACE:
            towns[c.place.country] = max(towns.get(c.place.country, 0), c.population)
    def near(c: Candidate) -> float | None:
        return min((_km(c.place.lat, c.place.lon, la, lo) for la, lo in others), default=None) if others else None

    return max(cands, key=lambda c: _score(c, qual, countries, admin1s, near(c), bonus, towns))


def _score(c: Candidate, qual, countries: Counter, admin1s: Counter, d: float | None, bonus,
           towns: dict[str, int]) -> float:
    """Kind and population, the article's countries and provinces, a qualifier, nearby places.
    towns: per country, the largest same-named town among the candidates (a province and a big
    town of one name: "New York", "Gao", "Kirkuk" mean the town)."""
    total_c = sum(countries.values()) or 1
    total_a = sum(admin1s.values()) or 1
    p = c.place
    s = _RANK.get(p.precision, 0.0) + 0.45 * math.log10(c.population + 10)
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
    if d is not None:           # km to the nearest of the article's other places
        if d < 50:
            s += 1.0
        elif d < 200:
            s += 0.5
    return s


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


km = _km
