"""Transliteration variants: gazetteer names within a small edit distance of a name no entry holds,
searched only among the places of the article's countries ("Letpadan" → Letpandan, Myanmar;
"Bola" → Bhola, Bangladesh). The ranker weighs such a match with its own learned penalty.

    >>> [(c.place.name, d) for c, d in fuzzy_candidates("Letpadan", gaz, {"MM"})]
    [('Letpandan', 1)]
"""
from __future__ import annotations

from collections.abc import Iterable

from .fold import fold

MIN_LEN = 4           # shorter names have too many neighbours to guess from


def max_distance(key: str) -> int:
    """1 edit for names up to 8 letters, 2 beyond."""
    return 1 if len(key) <= 8 else 2


def _within_one(a: str, b: str) -> bool:
    """At most one insertion, deletion or substitution apart (linear time)."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or limit + 1 as soon as it must exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    if a == b:
        return 0
    if limit <= 1:
        return 1 if _within_one(a, b) else limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        lo = i
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            lo = min(lo, cur[j])
        if lo > limit:
            return limit + 1
        prev = cur
    return min(prev[-1], limit + 1)


def _keys_by_country(gazetteer) -> dict[str, dict[tuple[str, int], list[str]]]:
    """cc → (first letter, length) → keys naming a place there; built once per gazetteer."""
    table = getattr(gazetteer, "_fuzzy_keys", None)
    if table is None:
        table = {}
        cc_of = gazetteer.rows.cc
        for key, rows in gazetteer.index.items():
            if len(key) < MIN_LEN:
                continue
            for cc in {cc_of[i] for i in rows}:
                if cc:
                    table.setdefault(cc, {}).setdefault((key[0], len(key)), []).append(key)
        gazetteer._fuzzy_keys = table
    return table


def fuzzy_candidates(name: str, gazetteer, countries: Iterable[str], *, limit: int = 10):
    """[(candidate, distance)] in the given countries, nearest first; exact matches are not fuzzy."""
    key = fold(name)
    if len(key) < MIN_LEN or not key.isalpha():
        return []                 # one word: transliteration variants are names like "Letpadan", not phrases
    countries = set(countries)
    table = _keys_by_country(gazetteer)
    k = max_distance(key)
    out = []
    for cc in countries:
        by = table.get(cc, {})
        for n in range(len(key) - k, len(key) + k + 1):
            for other in by.get((key[0], n), ()):
                if other == key:
                    continue
                d = edit_distance(key, other, k)
                if d <= k:
                    for c in gazetteer.lookup(other):
                        if c.place.country == cc:
                            out.append((c, d))
    seen: set[int] = set()
    out = [(c, d) for c, d in sorted(out, key=lambda x: (x[1], -x[0].population))
           if not (c.place.geonameid in seen or seen.add(c.place.geonameid))]
    return out[:limit]
