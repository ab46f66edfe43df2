"""A place name found in a document: what recognition proposes and resolution, attachment and the
gate read (its own module, so none of them imports another for the record alone)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name in the text. kind: entity (spaCy), demonym (a country's adjective), gazetteer,
    capital ("the Somali capital", "Iraq's capital": `country` is the country whose capital it is)."""

    text: str
    start: int          # character offsets
    end: int
    kind: str
    country: str | None = None   # for demonyms: the country it names
    tok_start: int = 0
    tok_end: int = 0
