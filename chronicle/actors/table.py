"""The curated actor table (states, their organs, armed groups, IGOs, NGOs, generic agents) and a
fast longest-match lookup: aliases are folded to token tuples once, a span is matched by walking
token prefixes through a dict, never by a regex per alias.

    >>> table = ActorTable.load()
    >>> match_actor("Iraqi security forces", table)
    Actor(text='Iraqi security forces', name='Military Forces of Iraq', kind='MIL', country='IRQ', start=None, end=None)
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..knowledge import shipped
from ..knowledge.countries import Countries
from ..records import ACTOR_KINDS, Actor

__all__ = ["ActorTable", "Entry", "Hit", "fold", "tokenize", "match_actor", "match_tokens"]

DATA = Path(__file__).with_name("data")

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u2010": "-",
                         "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"})
_DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*(?![\w])|\w+(?:'\w+)*|[^\w\s]")
# quantifier heads that pass to their "of" phrase ("dozens of people", "tens of thousands of farmers")
_NUMBERISH = re.compile(r"\d+(?:[.,]\d+)*")
# the "X of Y" heads that take their actor from Y ("members of Hamas", "thousands of protesters")
_OF_HEADS = {"of", "from"}

# case constraints per alias token: 0 any case, 1 must start with a capital, 2 must be all capitals
ANY, CAP, UPPER = 0, 1, 2

# transnational IGOs and NGOs keep country null; a transnational armed group (Islamic State,
# al-Qaeda) takes the country it fights in (modifier or context), as ACLED's "Islamic State (Iraq)"
STATELESS_KINDS = {"IGO", "NGO", "JUD"}
# generic groups a member noun passes to ("members of the security forces", "leaders of the opposition")
MEMBER_OF_KINDS = {"MIL", "POL", "REB", "MIL_NS", "OPP", "PTY", "PRO", "GOV"}
GENERIC_NAMES = {"MIL": "Military Forces of {}", "POL": "Police Forces of {}", "GOV": "Government of {}"}


def fold(text: str) -> str:
    """Diacritics removed, typographic quotes and dashes made ASCII; case kept."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    return "".join(c for c in text if not unicodedata.combining(c))


def tokenize(text: str) -> list[str]:
    """Folded tokens, case kept: "U.S." -> "US", hyphens and apostrophes dropped, "'s" split off."""
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), fold(text))
    out: list[str] = []
    for t in _TOKEN.findall(text):
        if t in ("-", "'", '"', "/", "_"):
            continue
        if len(t) > 2 and t[-2:].lower() == "'s":
            out += [t[:-2], "'s"]
        else:
            out.append(t)
    return out


def _case(tok: str) -> int:
    if len(tok) >= 2 and tok.isupper() and any(c.isalpha() for c in tok):
        return UPPER
    return CAP if tok[:1].isupper() else ANY


def _fits(pattern: tuple[int, ...], toks: list[str]) -> bool:
    for need, tok in zip(pattern, toks):
        if need == UPPER and not tok.isupper():
            return False
        if need == CAP and not tok[:1].isupper():
            return False
    return True


@dataclass(frozen=True, slots=True)
class Entry:
    """One canonical actor. `generic` agents take their country from a modifier or the context;
    `state` marks a country's own entry (its bare name, capital, metonyms: its government)."""

    name: str
    kind: str
    country: str | None
    generic: bool = False
    state: bool = False


@dataclass(frozen=True, slots=True)
class Hit:
    start: int          # token index, inclusive
    end: int            # token index, exclusive
    entry: int          # index into ActorTable.entries


class ActorTable:
    """Entries and their folded aliases; build with `ActorTable.load()` (cached) or from rows."""

    def __init__(self, entries: list[Entry], aliases: list[tuple[str, int]], *,
                 country_names: dict[str, str] | None = None, capitals: set[str] | None = None,
                 countries: Countries | None = None):
        self.entries: tuple[Entry, ...] = tuple(entries)
        self.countries = countries if countries is not None else Countries.load()
        # folded token keys of capitals and metonyms ("kabul", "white house"): a city that may be a place
        self.capitals: set[tuple[str, ...]] = {tuple(t.lower() for t in tokenize(c)) for c in capitals or ()}
        self.country_names: dict[str, str] = dict(country_names or {})
        self.index: dict[tuple[str, ...], list[tuple[int, tuple[int, ...]]]] = {}
        self.prefixes: set[tuple[str, ...]] = set()
        self.conflicts: list[tuple[str, str, str]] = []    # alias, kept entry name, dropped entry name
        self.state_of: dict[str, int] = {}
        for i, e in enumerate(self.entries):
            if e.kind not in ACTOR_KINDS:
                raise ValueError(f"actor {e.name!r}: kind {e.kind!r} is not one of {ACTOR_KINDS}")
            if e.state and e.country:
                self.state_of[e.country] = i
        for alias, i in aliases:
            self._add(alias, i)
        self.max_len = max((len(k) for k in self.index), default=0)

    # --- building ---
    def _add(self, alias: str, i: int) -> None:
        toks = tokenize(alias)
        while toks and toks[0].lower() in ("the", "a", "an"):
            toks = toks[1:]
        if not toks:
            return
        generic = self.entries[i].generic
        variants = [toks]
        low = [t.lower() for t in toks]
        if "al" in low[:-1]:
            k = low.index("al")
            variants.append(toks[:k] + [toks[k] + toks[k + 1]] + toks[k + 2:])       # al Qaeda -> alQaeda
            if k == 0 and len(toks) > 1:
                variants.append(toks[1:])                                        # al-Shabaab -> Shabaab
        for v in variants:
            key = tuple(t.lower() for t in v)
            pattern = tuple(ANY for _ in v) if generic else tuple(_case(t) for t in v)
            if generic and len(v) == 1 and _case(v[0]) == UPPER:
                pattern = (UPPER,)              # IDPs, JTF: an acronym even among generics
            have = self.index.setdefault(key, [])
            for j, p in have:
                if p == pattern and j != i and self.entries[j] != self.entries[i]:
                    self.conflicts.append((alias, self.entries[j].name, self.entries[i].name))
                    break
            else:
                if all(j != i or p != pattern for j, p in have):
                    have.append((i, pattern))
            for n in range(1, len(key)):
                self.prefixes.add(key[:n])

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> "ActorTable":
        """The table shipped in the package, loaded once: the states of the one country table
        (chronicle/knowledge/countries.tsv) and chronicle/actors/data/actors.tsv."""
        return cls.from_files(Countries.load(), DATA / "actors.tsv")

    @classmethod
    def from_files(cls, countries: Countries, actors: Path) -> "ActorTable":
        """Each state of `countries` (its government and its civilians, named by its actor names,
        demonyms and metonyms), then the rows of the actors file."""
        entries: list[Entry] = []
        aliases: list[tuple[str, int]] = []
        names: dict[str, str] = {}
        plurals: list[tuple[str, int]] = []
        capital_names: set[str] = set()
        for c in countries.states():
            iso, name = c.alpha3, c.name
            names[iso] = name
            i = len(entries)
            entries.append(Entry(f"Government of {name}", "GOV", iso, state=True))
            people = len(entries)
            entries.append(Entry(f"Civilians ({name})", "CVL", iso))
            capital_names.update(c.metonyms)
            for a in [*c.actor_names, *c.actor_demonyms, *c.metonyms]:
                aliases.append((a, i))
            for d in c.actor_demonyms:
                if not d.endswith(("s", "sh", "ch", "ese", "x", "z")):
                    plurals.append((d + "s", people))
        for lineno, parts in _rows(actors, 4):
            name, kind, country, alts = parts
            if country not in ("-", "ctx") and not re.fullmatch(r"[A-Z]{3}", country):
                raise ValueError(f"line {lineno} of {actors}: country {country!r} is not ISO alpha-3, '-' or 'ctx'")
            i = len(entries)
            entries.append(Entry(name, kind, None if country in ("-", "ctx") else country,
                                 generic=country == "ctx"))
            aliases += [(a, i) for a in _split(alts)]
        taken = {tuple(t.lower() for t in tokenize(a)) for a, _ in aliases}
        aliases += [(a, i) for a, i in plurals if tuple(t.lower() for t in tokenize(a)) not in taken]
        return cls(entries, aliases, country_names=names, capitals=capital_names, countries=countries)

    # --- lookup ---
    def scan(self, toks: list[str]) -> list[Hit]:
        """Leftmost-longest, non-overlapping alias hits in a token list."""
        low = [t.lower() for t in toks]
        hits: list[Hit] = []
        i, n = 0, len(toks)
        while i < n:
            best: tuple[int, int] | None = None
            for L in range(1, min(self.max_len, n - i) + 1):
                key = tuple(low[i:i + L])
                for j, pattern in self.index.get(key, ()):
                    if _fits(pattern, toks[i:i + L]):
                        best = (L, j)
                        break
                if key not in self.prefixes:
                    break
            if best:
                hits.append(Hit(i, i + best[0], best[1]))
                i += best[0]
            else:
                i += 1
        return hits

    def country_name(self, iso3: str | None) -> str | None:
        return self.country_names.get(iso3) if iso3 else None

    def state_code(self, code: str | None) -> str | None:
        """The alpha-3 code of the table's state with this alpha-2 or alpha-3 code (a place's
        country, "IQ" -> "IRQ"), else None: the one country table says which is which."""
        c = self.countries.get(code)
        return c.alpha3 if c is not None and c.alpha3 in self.country_names else None

    def actor_for(self, entry: Entry, *, country: str | None, text: str, start: int | None = None,
                  end: int | None = None) -> Actor:
        """An Actor record for an entry; a generic one is named after its country when known."""
        if entry.generic:
            cname = self.country_name(country)
            if cname is None:
                country = None
                name = entry.name
            elif entry.kind in GENERIC_NAMES:
                name = GENERIC_NAMES[entry.kind].format(cname)
            else:
                name = f"{entry.name} ({cname})"
            return Actor(text=text, name=name, kind=entry.kind, country=country, start=start, end=end)
        if entry.country is None and entry.kind not in STATELESS_KINDS:
            return Actor(text=text, name=entry.name, kind=entry.kind, country=country, start=start, end=end)
        return Actor(text=text, name=entry.name, kind=entry.kind, country=entry.country,
                     start=start, end=end)


def _split(field: str) -> list[str]:
    return [a.strip() for a in field.split(";") if a.strip()]


def _rows(path: Path, width: int):
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != width:
            raise ValueError(f"line {lineno} of {path}: expected {width} tab-separated columns, got {len(parts)}")
        yield lineno, [p.strip() for p in parts]


def match_tokens(toks: list[str], table: ActorTable, *, country: str | None = None) -> tuple[Entry, str | None] | None:
    """The actor a noun phrase's tokens name, with its country: (entry, country) or None.

    The head of the phrase decides (tokens before the first preposition or clause); a named actor
    beats a generic one; a state named in the head ("Iraqi police", "Kenya's army") gives a generic
    its country; "X of Y" with no actor in X takes Y ("members of Hamas"). The words that cut the
    phrase are chronicle/knowledge/words/actors.toml [table]."""
    w = shipped().actors.table
    while toks and (toks[0].lower() in w.determiners or _NUMBERISH.fullmatch(toks[0])):
        toks = toks[1:]
    if not toks:
        return None
    hits = table.scan(toks)
    covered = set()
    for h in hits:
        covered.update(range(h.start, h.end))
    backer = next((k for k, t in enumerate(toks) if 0 < k < len(toks) - 1 and t.lower() in w.backed
                   and k not in covered and toks[k + 1].lower() not in w.stop), None)
    if backer is not None:            # "Turkish-backed rebels" are rebels, not Turkey
        return match_tokens(toks[backer + 1:], table, country=country)
    cut = next((k for k, t in enumerate(toks) if t.lower() in w.stop and k not in covered), len(toks))
    head = [h for h in hits if h.end <= cut]
    tail = [h for h in hits if h.start > cut]
    entries = table.entries
    states = [h for h in head if entries[h.entry].state]
    named = [h for h in head if not entries[h.entry].state and not entries[h.entry].generic]
    generic = [h for h in head if entries[h.entry].generic]
    if generic and not named and not states and cut < len(toks) and toks[cut].lower() in _OF_HEADS \
            and toks[cut - 1].lower() in w.members:
        inner = match_tokens(toks[cut + 1:], table, country=country)
        if inner is not None and not inner[0].state and (not inner[0].generic or inner[0].kind in MEMBER_OF_KINDS):
            return inner
    if named:
        e = entries[named[-1].entry]
        return e, e.country or (entries[states[-1].entry].country if states else country)
    if generic:
        g = next((h for h in generic if entries[h.entry].kind == "OPP"), generic[-1])   # "opposition Congress party"
        if states:
            return entries[g.entry], entries[states[-1].entry].country
        if cut < len(toks) and toks[cut].lower() in ("of", "in", "from"):
            tail_states = [h for h in tail if entries[h.entry].state]
            if tail_states:
                return entries[g.entry], entries[tail_states[0].entry].country
        return entries[g.entry], country
    if states:
        return entries[states[-1].entry], entries[states[-1].entry].country
    if cut < len(toks) and toks[cut].lower() in _OF_HEADS:
        return match_tokens(toks[cut + 1:], table, country=country)
    return None


def match_actor(text: str | None, table: ActorTable, *, country: str | None = None) -> Actor | None:
    """The canonical actor a mention names, or None; `country` (ISO alpha-3) is the context country
    given to generic agents ("security forces" in a story about Iraq).

        >>> match_actor("Daesh", ActorTable.load()).name
        'Islamic State'
    """
    if not text or not text.strip():
        return None
    found = match_tokens(tokenize(text), table, country=country)
    if found is None:
        return None
    entry, iso = found
    return table.actor_for(entry, country=iso, text=text.strip())
