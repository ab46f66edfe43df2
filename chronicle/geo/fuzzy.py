"""Transliteration variants: gazetteer names within a small edit distance of a name no entry holds,
searched only among the places of the article's countries ("Letpadan" → Letpandan, Myanmar;
"Bola" → Bhola, Bangladesh). The ranker weighs such a match with its own learned penalty.

    >>> [(c.place.name, d) for c, d in fuzzy_candidates("Letpadan", gaz, {"MM"})]
    [('Letpandan', 1)]
"""
from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz.distance import Levenshtein

from .fold import fold

MIN_LEN = 4           # shorter names have too many neighbours to guess from


def max_distance(key: str) -> int:
    """1 edit for names up to 8 letters, 2 beyond."""
    return 1 if len(key) <= 8 else 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or limit + 1 when it exceeds `limit` (rapidfuzz's bounded C++ search:
    the pure-Python table cost ~9% of the pipeline's time on the bench corpus)."""
    return Levenshtein.distance(a, b, score_cutoff=limit)


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
