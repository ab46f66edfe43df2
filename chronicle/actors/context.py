"""The article's main country: the state its place names, demonyms, capitals and named actors point
to most, the lead sentence counting double. Generic agents ("security forces", "villagers") take it.
"""
from __future__ import annotations

from collections import Counter

from .table import ActorTable, tokenize

__all__ = ["context_country", "country_votes"]

# entity labels whose text may name a state or a state-bound actor; PERSON is left out ("Jordan Peterson")
LABELS = {"GPE", "NORP", "ORG", "LOC", "FAC"}


def country_votes(doc, table: ActorTable) -> Counter:
    """Votes per ISO alpha-3 code: a state mention 1, a named actor with a fixed country 0.5, the
    first sentence's mentions twice."""
    votes: Counter = Counter()
    first_end = next(iter(doc.sents)).end if doc.has_annotation("SENT_START") and len(doc) else len(doc)
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


def context_country(doc, table: ActorTable) -> str | None:
    """The article's main country (ISO alpha-3) or None when nothing points to one.

        >>> context_country(nlp("Gunmen attacked a checkpoint near Baghdad, Iraqi officials said."), table)
        'IRQ'
    """
    if doc is None:
        return None
    votes = country_votes(doc, table)
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
