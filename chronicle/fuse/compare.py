"""Pairwise judgements between two events: can they be the same incident, must they be different,
and how alike are they. Pure functions over records; `fuse` does the grouping.

A *link* is a direct reason to join two events (same kind, near in place and time, no actor clash,
positive evidence). A *conflict* is a reason they can never share an incident (different type,
clashing modes or actors, places or dates too far apart); two linked groups are joined only when no
cross pair conflicts, so a vague report ("northern Iraq", "this week") can join one incident but
cannot chain two distinct ones together.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import cache

from ..knowledge.countries import Countries
from ..records import Actor, Count, DatePrecision, Event, EventDate, Location, Place, Precision

# -- place -------------------------------------------------------------------------------------

LINK_KM = {Precision.PLACE: 25.0, Precision.ADMIN2: 60.0,   # max distance for a direct link
           Precision.UNRESOLVED: 60.0}   # a named place no entry fits, at the point of its area
NEAR_EXTRA_KM = 25.0          # "near", "outside", "40 km north of": the place named is a reference
CONFLICT_KM = 100.0           # two points farther apart than this are different incidents
ADMIN1_KM = 250.0             # admin1 vs point when admin1 codes are missing


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


_SAME_ID_CLOSENESS = {Precision.PLACE: 1.0, Precision.ADMIN2: 0.8, Precision.ADMIN1: 0.5,
                      Precision.COUNTRY: 0.3}


def _is_point(p: Place) -> bool:
    return p.precision in (Precision.PLACE, Precision.ADMIN2, Precision.UNRESOLVED)


def _is_offset(loc: Location) -> bool:
    return bool(loc.relation) and loc.relation.lower() not in ("in", "at", "of")


def _threshold(loc: Location) -> float:
    km = LINK_KM.get(loc.place.precision, 0.0)
    return km + NEAR_EXTRA_KM if _is_offset(loc) else km


@dataclass(frozen=True, slots=True)
class Judgement:
    """One dimension's verdict: compatible at all, hard conflict, and a closeness in 0..1."""

    ok: bool
    conflict: bool
    closeness: float
    reason: str = ""


def judge_place(a: Location | None, b: Location | None) -> Judgement:
    """Same geonameid, or within a distance that depends on precision, or the same admin1/country."""
    if a is None or b is None:
        return Judgement(True, False, 0.0, "place unknown")
    pa, pb = a.place, b.place
    if pa.geonameid is not None and pa.geonameid == pb.geonameid:
        return Judgement(True, False, _SAME_ID_CLOSENESS[pa.precision])
    if pa.country and pb.country and pa.country != pb.country:
        return Judgement(False, True, 0.0, f"countries {pa.country}/{pb.country}")
    if _is_point(pa) and _is_point(pb):
        d = haversine_km(pa.lat, pa.lon, pb.lat, pb.lon)
        limit = max(_threshold(a), _threshold(b))
        if d <= limit:
            return Judgement(True, False, 1.0 - 0.5 * d / limit)
        conflict_at = CONFLICT_KM + (limit - LINK_KM[Precision.PLACE])
        return Judgement(False, d > conflict_at, 0.0, f"{d:.0f} km apart")
    coarse_loc, fine_loc = (a, b) if _rank(pa.precision) >= _rank(pb.precision) else (b, a)
    coarse, fine = coarse_loc.place, fine_loc.place
    if coarse.precision == Precision.COUNTRY:
        if coarse.country and fine.country:
            return Judgement(True, False, 0.3)
        return Judgement(True, False, 0.1, "country unknown")
    # coarse is admin1; "20 km west of Mandalay" may lie in the next province, so offsets from a
    # reference place are judged by distance, not by the reference's admin1
    if coarse.admin1 and fine.admin1 and not _is_offset(fine_loc):
        if coarse.admin1 == fine.admin1:
            return Judgement(True, False, 0.5)
        return Judgement(False, True, 0.0, f"admin1 {coarse.admin1}/{fine.admin1}")
    d = haversine_km(pa.lat, pa.lon, pb.lat, pb.lon)
    if d <= ADMIN1_KM:
        return Judgement(True, False, 0.4)
    return Judgement(False, True, 0.0, f"{d:.0f} km from the province")


_PRECISION_RANK = {Precision.PLACE: 0, Precision.ADMIN2: 1, Precision.UNRESOLVED: 1, Precision.ADMIN1: 2,
                   Precision.COUNTRY: 3}


def _rank(p: Precision) -> int:
    return _PRECISION_RANK[p]


# -- time --------------------------------------------------------------------------------------

DAY_SLACK = 1                 # overnight attacks and time zones: "Sunday night" vs "Monday"
INFERRED_SLACK = 3            # a date guessed from the publication date is only a hint


@dataclass(frozen=True, slots=True)
class When:
    """An event's date range; `inferred` when it was guessed from the article's publication date."""

    start: dt.date
    end: dt.date
    precision: DatePrecision
    inferred: bool = False


def when_of(event: Event, published: dt.date | None) -> When | None:
    if event.date is not None:
        d: EventDate = event.date
        return When(d.start, max(d.start, d.end), d.precision)
    if published is not None:
        return When(published - dt.timedelta(days=2), published, DatePrecision.WEEK, inferred=True)
    return None


def judge_time(a: When | None, b: When | None) -> Judgement:
    """Date ranges overlap, allowing a day either side; dates guessed from publication never conflict."""
    if a is None or b is None:
        return Judgement(True, False, 0.0, "date unknown")
    gap = max((max(a.start, b.start) - min(a.end, b.end)).days, 0)
    if a.inferred or b.inferred:
        ok = gap <= INFERRED_SLACK
        return Judgement(ok, False, 0.2 if ok else 0.0, "" if ok else f"{gap} days apart")
    if gap > DAY_SLACK:
        return Judgement(False, True, 0.0, f"{gap} days apart")
    width = max((max(a.end, b.end) - min(a.start, b.start)).days, 0)
    closeness = (1.0 if gap == 0 else 0.7) / (1.0 + width / 7.0)
    return Judgement(True, False, closeness)


# -- kind --------------------------------------------------------------------------------------

# PLOVER modes that reports of one incident can disagree on (a car bomb called a suicide attack, a
# shelling called an air strike); modes in different groups describe different happenings.
_MODE_GROUPS = [
    {"explosives", "suicide-attack", "unconventional", "firearms", "targeted", "heavy-weapons",
     "aerial", "drone", "destroy", "primitive"},
    {"abduct"}, {"sexual"}, {"beat", "torture", "crowd-control"},
    {"demo", "riot", "strike", "obstruct", "vandalize", "boycott"},   # a march that turned violent
    {"hunger"},
]
_MODE_GROUP = {m: i for i, g in enumerate(_MODE_GROUPS) for m in g}
# within the violent group, these pairs are never the same happening
_MODE_CLASH = {frozenset({"aerial", "firearms"}), frozenset({"drone", "firearms"}),
               frozenset({"aerial", "suicide-attack"}), frozenset({"drone", "suicide-attack"})}

# ACLED event types whose reports commonly disagree about the same incident
_ACLED_COMPATIBLE = [
    {"Battles", "Violence against civilians"},
    {"Protests", "Riots"},
    {"Explosions/Remote violence", "Violence against civilians"},
    {"Battles", "Explosions/Remote violence"},      # complex attacks: a car bomb, then gunmen
]
_SUBTYPE_CLASH = {
    frozenset({"Air/drone strike", "Suicide bomb"}),
    frozenset({"Air/drone strike", "Remote explosive/landmine/IED"}),
    frozenset({"Air/drone strike", "Grenade"}),
    frozenset({"Abduction/forced disappearance", "Attack"}),
    frozenset({"Abduction/forced disappearance", "Sexual violence"}),
    frozenset({"Chemical weapon", "Suicide bomb"}),
}


def judge_kind(a: Event, b: Event) -> Judgement:
    """Same PLOVER type; modes and ACLED sub-types that reports of one incident could give."""
    if a.type != b.type:
        return Judgement(False, True, 0.0, f"types {a.type}/{b.type}")
    score = 0.5
    if a.mode and b.mode:
        if a.mode == b.mode:
            score += 0.25
        elif (_MODE_GROUP.get(a.mode, -1) != _MODE_GROUP.get(b.mode, -2)
              or frozenset({a.mode, b.mode}) in _MODE_CLASH):
            return Judgement(False, True, 0.0, f"modes {a.mode}/{b.mode}")
    if a.acled and b.acled:
        if a.acled == b.acled:
            score += 0.25
        elif frozenset({a.acled[1], b.acled[1]}) in _SUBTYPE_CLASH:
            return Judgement(False, True, 0.0, f"ACLED {a.acled[1]}/{b.acled[1]}")
        elif a.acled[0] != b.acled[0] and not any({a.acled[0], b.acled[0]} <= g for g in _ACLED_COMPATIBLE):
            return Judgement(False, True, 0.0, f"ACLED {a.acled[0]}/{b.acled[0]}")
    return Judgement(True, False, score)


# -- actors ------------------------------------------------------------------------------------

GENERIC_WORDS = frozenset("""
a an the of and in from by with suspected alleged unknown unidentified armed heavily masked several
some local group groups men man people gunman gunmen militant militants attacker attackers assailant
assailants insurgent insurgents fighter fighters jihadist jihadists islamist islamists extremist
extremists terrorist terrorists rebel rebels bandit bandits militia militias militiaman militiamen
kurdish arab european central south
paramilitary paramilitaries force forces security soldier soldiers troops troop army military
police policeman policemen officer officers government authorities authority junta regime
protester protesters demonstrator demonstrators crowd crowds mob youths residents resident
civilians civilian villagers worker workers students warplane warplanes jet jets aircraft plane
planes drone drones helicopter helicopters gunship gunships artillery kidnapper kidnappers
abductor abductors bomber bombers suicide car motorcycle pro anti backed aligned iran turkey us
linked affiliated loyal loyalists allied factions faction rival rivals outlaw agent agents member
members cell cells element elements movement units unit personnel agents gang gangs criminals
""".split())
STATE_WORDS = frozenset("""army military soldiers soldier troops troop police policemen security
government junta regime authorities forces force""".split())
_STATE_KINDS = frozenset({"GOV", "MIL", "UNK", ""})

# The words that mark a country's state in an actor's name ("Sudanese army", "SAF" and an army coded
# SDN are all state:SDN). Which country each names comes from the one country table; this is only the
# choice of words. It is not every country word of the table: the within-article coreference model was
# fitted with these, and the table's full set measured worse until it is refitted (issue 11 report).
# "congo" alone is the DR Congo here; the table leaves bare "Congo" to no state actor.
_STATE_WORDS = frozenset("""
afghan afghanistan algerian american angolan bangladesh bangladeshi beninese british burkina
burkinabe burmese cameroonian chadian chinese colombian congolese egyptian emirati eritrean
ethiopian filipino french ghanaian haitian indian iranian iraq iraqi israel israeli ivorian
kenya kenyan lebanese libya libyan mali malian mexican mozambican myanmar nigeria nigerian
nigerien pakistan pakistani palestinian peruvian russia russian rwandan saudi somali somalia
sudan sudanese syria syrian turkish uganda ugandan ukraine ukrainian venezuelan yemen yemeni
""".split())


@cache
def _demonyms(countries: Countries) -> dict[str, str]:
    """The state words, lower case -> ISO alpha-3 of the table's state they name."""
    out = {"congo": countries.get("CD").alpha3}
    for c in countries.states():
        for n in [*c.actor_names, *c.actor_demonyms]:
            w = _words(n)
            if len(w) == 1 and w[0] in _STATE_WORDS:
                out[w[0]] = c.alpha3
    missing = _STATE_WORDS - set(out)
    if missing:
        raise ValueError(f"fuse state words {sorted(missing)} name no state of the country table "
                         f"{countries.path}: add them there as a name or demonym, or drop them here")
    return out


# names with aliases that share no word (the events stage should canonicalise names; this catches
# the common ones when it has not); "state:XXX" is a country's state forces
_ALIASES = {
    "isis": "islamic state", "isil": "islamic state", "is": "islamic state", "daesh": "islamic state",
    "islamic state group": "islamic state", "islamic state of iraq and the levant": "islamic state",
    "islamic state in iraq and syria": "islamic state",
    "ansar allah": "houthi", "houthis": "houthi", "houthi movement": "houthi",
    "islamic emirate": "taliban", "islamic emirate of afghanistan": "taliban",
    "harakat al shabaab al mujahideen": "al shabaab", "shabaab": "al shabaab",
    "jama at nusrat al islam wal muslimin": "jnim", "group for the support of islam and muslims": "jnim",
    "jamaat nusrat al islam wal muslimin": "jnim",
    "tatmadaw": "state:MMR", "fama": "state:MLI", "fardc": "state:COD", "saf": "state:SDN",
    "idf": "state:ISR", "sna": "state:SOM",
}


def _words(name: str) -> list[str]:
    return re.sub(r"[^\w]+", " ", name.lower().replace("\u2019", " ").replace("'", " ")).split()


def _singular(w: str) -> str:
    return w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w


@dataclass(frozen=True, slots=True)
class Name:
    """A named actor: its distinctive words ("al shabaab") or "state:ISO3" for a country's forces,
    the initials of its full name (for acronyms), and the state it belongs to, if any."""

    core: str
    initials: str
    state: str | None = None        # ISO alpha-3 when the actor is a government or its forces


def core_name(actor: Actor) -> Name | None:
    """The actor's distinctive name, or None for a generic label ("suspected gunmen").

    A government's forces are named by their country: "Sudanese army", "SAF" and an army coded
    country=SDN are all state:SDN, which clashes with a named rebel group but not with each other;
    "police" with no country matches any state's forces."""
    words = _words(actor.name or actor.text)
    joined = " ".join(words)
    initials = "".join(w[0] for w in words if w not in ("of", "and", "the", "for", "al"))
    kind = actor.kind or ""
    named = _demonyms(Countries.load())
    demonyms = [named[w] for w in words if w in named]
    country = actor.country or (demonyms[0] if demonyms else None)
    state = country if kind in ("GOV", "MIL") else None
    alias = _ALIASES.get(joined)
    if alias and alias.startswith("state:"):
        return Name(alias, initials, alias[6:])
    if alias:
        return Name(alias, initials, state)
    core = [_singular(w) for w in words if w not in GENERIC_WORDS and w not in named]
    if (set(words) & STATE_WORDS) and (kind in ("GOV", "MIL") or (kind in _STATE_KINDS and not core)):
        return Name(f"state:{country or '?'}", initials, country)   # "Sindh police", "Iraqi army"
    if core:
        joined = " ".join(core)
        return Name(_ALIASES.get(joined, joined), initials, state)
    if demonyms and kind in _STATE_KINDS:          # "Russia", "the Syrian government"
        return Name(f"state:{country}", initials, country)
    return None


def same_actor(a: Name, b: Name) -> bool:
    """Two names for one actor: equal, one's words inside the other's, or an acronym of it."""
    sa, sb = a.core.startswith("state:"), b.core.startswith("state:")
    if sa and sb:
        return a.core == b.core or "state:?" in (a.core, b.core)
    if sa or sb:
        state, other = (a, b) if sa else (b, a)
        if other.state and (state.core == f"state:{other.state}" or state.core == "state:?"):
            return True                           # "Taliban" coded as Afghanistan's government
        return " " not in other.core and other.core == state.initials   # "SAF"
    if a.core == b.core:
        return True
    wa, wb = set(a.core.split()), set(b.core.split())
    if wa <= wb or wb <= wa:
        return True
    if " " not in a.core and len(a.core) >= 2 and a.core == b.initials:
        return True
    if " " not in b.core and len(b.core) >= 2 and b.core == a.initials:
        return True
    return False


def _named(actors: tuple[Actor, ...]) -> list[Name]:
    return [n for n in (core_name(x) for x in actors) if n]


def _sets_clash(xs: list[Name], ys: list[Name]) -> bool | None:
    """None when either side has no named actor; else True when no name matches."""
    if not xs or not ys:
        return None
    return not any(same_actor(x, y) for x in xs for y in ys)


def judge_actors(a: Event, b: Event) -> Judgement:
    """Named source actors must not clash (reports may swap source and target in a clash);
    a generic label ("gunmen") is compatible with any named group."""
    clash = _sets_clash(_named(a.source), _named(b.source))
    if clash is None:
        return Judgement(True, False, 0.3)
    if not clash:
        return Judgement(True, False, 1.0)
    # "army clashed with militants" vs "militants attacked the army"
    swapped = _sets_clash(_named(a.source), _named(b.target))
    swapped_back = _sets_clash(_named(a.target), _named(b.source))
    if swapped is False or swapped_back is False:
        return Judgement(True, False, 0.8)
    return Judgement(False, True, 0.0, "different named actors")


# -- counts ------------------------------------------------------------------------------------

def _best(c: Count | None) -> int | None:
    if c is None:
        return None
    return c.best if c.best is not None else (c.low if c.low is not None else c.high)


def count_agreement(a: Event, b: Event) -> float:
    """1 when reported counts are close, 0 when far apart or absent (a soft signal, never a veto)."""
    scores = []
    for f in ("killed", "injured", "abducted", "arrested", "displaced"):
        x, y = _best(getattr(a.counts, f)), _best(getattr(b.counts, f))
        if x is None or y is None:
            continue
        hi, lo = max(x, y), min(x, y)
        scores.append(1.0 if hi == 0 else lo / hi)
    return sum(scores) / len(scores) if scores else 0.0


def counts_differ(a: Event, b: Event) -> bool:
    """True when both report a number for the same field and the numbers differ."""
    for f in ("killed", "injured", "abducted", "arrested", "displaced"):
        x, y = _best(getattr(a.counts, f)), _best(getattr(b.counts, f))
        if x is not None and y is not None and x != y:
            return True
    return False
