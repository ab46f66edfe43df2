"""Actors: a curated table of who acts in political events, canonical names and kinds for mentions,
the article's main country, and source/target roles read off the dependency parse.

    >>> table = ActorTable.load()
    >>> match_actor("al-Shabab fighters", table).name
    'Al-Shabaab'
    >>> doc = nlp("Kenyan police arrested two al-Shabaab suspects in Mombasa.")
    >>> src, tgt = roles(doc, doc[:], 2, table=table, country=context_country(doc, table))
    >>> src[0].name, tgt[0].name
    ('Police Forces of Kenya', 'Al-Shabaab')
"""
from .context import context_country
from .roles import roles
from .table import ActorTable, match_actor

__all__ = ["ActorTable", "context_country", "match_actor", "roles"]
