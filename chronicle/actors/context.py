"""The article's main country: the state its place names, demonyms, capitals and named actors point
to most, the lead sentence counting double. Generic agents ("security forces", "villagers") take it.
"""
from __future__ import annotations

from collections import Counter

from .table import ActorTable, tokenize

__all__ = ["context_country", "country_votes"]

# entity labels whose text may name a state or a state-bound actor; PERSON is left out ("Jordan Peterson")
LABELS = {"GPE", "NORP", "ORG", "LOC", "FAC"}


def country_votes(doc, table: ActorTable, toponyms=None) -> Counter:
    """Votes per ISO alpha-3 code: a state mention 1, a named actor with a fixed country 0.5, a
    resolved place name (gazetteer toponym: "Mosul", "Borno") 1 unless the table already read it
    as a state, the first sentence's mentions twice."""
    votes: Counter = Counter()
    first_end = next(iter(doc.sents)).end if doc.has_annotation("SENT_START") and len(doc) else len(doc)
    first_char = doc[first_end - 1].idx + len(doc[first_end - 1]) if first_end else 0
    if toponyms:
        for tp in toponyms:
            place = getattr(tp, "place", None)
            iso3 = table.state_code(getattr(place, "country", None))
            if iso3 is None:
                continue
            if any(table.entries[h.entry].state for h in table.scan(tokenize(tp.text))):
                continue                        # "Iraq", "Baghdad": counted from the entities below
            votes[iso3] += 2.0 if tp.start < first_char else 1.0
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        weight = 2.0 if ent.start < first_end else 1.0
        for hit in table.scan(tokenize(ent.text)):
            e = table.entries[hit.entry]
            if e.country is None:
                continue
            votes[e.country] += weight * (1.0 if e.state or e.kind == "CVL" else 0.5)
    return votes


def context_country(doc, table: ActorTable, toponyms=None) -> str | None:
    """The article's main country (ISO alpha-3) or None when nothing points to one. `toponyms`
    (optional, `Analysis.toponyms`: records with text, start and a resolved `place.country` in ISO
    alpha-2) let towns outside the table vote ("Mosul", "Borno").

        >>> context_country(nlp("Gunmen attacked a checkpoint near Baghdad, Iraqi officials said."), table)
        'IRQ'
    """
    if doc is None:
        return None
    votes = country_votes(doc, table, toponyms)
    if not votes:
        return None
    (best, n), *rest = votes.most_common(2)
    if rest and rest[0][1] == n:            # a tie: the one named first wins
        tied = {best, rest[0][0]}
        for ent in doc.ents:
            if ent.label_ in LABELS:
                for hit in table.scan(tokenize(ent.text)):
                    c = table.entries[hit.entry].country
                    if c in tied:
                        return c
    return best
