"""Questions asked of a spaCy dependency parse, answered in one place: a token's lemma, its
ancestors, the subject and objects of a verb, the phrase objects of prepositions, what governs a
token. The event, count, attribution and actor rules all read the parse through these.

    >>> doc = nlp("Militants stormed the town and seized weapons.")
    >>> [t.text for t in objects(doc[1])], [t.text for t in subject_phrase(doc[5])]
    (['town'], ['Militants'])
"""
from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

__all__ = ["ancestors", "governed_by", "lemma", "lemmas", "object_phrase", "objects", "pobjs", "subject",
           "subject_phrase"]

# what links a clause to the one above it when a subject is inherited ("stormed the town and seized")
CLAUSE_LINKS = ("conj", "xcomp", "advcl")


def lemma(t: Token) -> str:
    """The token's lemma, lower-cased."""
    return t.lemma_.lower()


def lemmas(tokens: Iterable[Token]) -> set[str]:
    """Every lemma and every lower-cased form of the tokens (rules match either)."""
    out = set()
    for t in tokens:
        out.add(t.lemma_.lower())
        out.add(t.lower_)
    return out


def ancestors(t: Token) -> list[Token]:
    """The heads above `t`, nearest first, up to the root (without `t`)."""
    out = []
    while t.head.i != t.i:
        t = t.head
        out.append(t)
    return out


def governed_by(t: Token, words, *, deps: Iterable[str] | None = None) -> bool:
    """Is `t` a dependent (with a relation in `deps`, when given) of a word whose lemma is in `words`?"""
    return t.head.i != t.i and (deps is None or t.dep_ in deps) and lemma(t.head) in words


def pobjs(head: Token, preps) -> list[Token]:
    """The objects of the prepositions (or passive "by") of `head` named in `preps`, dates and times left out."""
    out = []
    for c in head.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            out += [g for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")]
    return out


def objects(t: Token) -> list[Token]:
    """What a trigger acts on, as head tokens: direct objects and their conjuncts, passive subjects,
    attributes, 'of'/'over' objects, a particle's object, and the noun a participle describes
    ("weapons seized in the raid")."""
    out = []
    for c in t.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr"):
            out.append(c)
            out.extend(x for x in c.conjuncts)
        if c.dep_ == "prep" and c.lower_ in ("of", "over"):
            out.extend(g for g in c.children if g.dep_ == "pobj")
        if c.dep_ == "prt":
            for cc in c.children:
                if cc.dep_ == "pobj":
                    out.append(cc)
    if t.dep_ == "acl" and t.tag_ == "VBN":
        out.append(t.head)
    return out


def object_phrase(t: Token, preps: Iterable[str] | None = None) -> list[Token]:
    """Every token of what a trigger is done to or with: the subtrees of its objects (passive
    subjects, datives, prepositional objects), of the phrases of `preps` (default: the object
    prepositions of chronicle/knowledge/words/events.toml, "on", "against", "at" ...) and of its
    particle's object."""
    if preps is None:
        from ..knowledge import shipped

        preps = shipped().events.detect.object_preps
    out = []
    for c in t.children:
        if c.dep_ in ("dobj", "nsubjpass", "pobj", "attr", "dative"):
            out.extend(c.subtree)
        elif c.dep_ == "prep" and c.lower_ in preps:
            out.extend(x for g in c.children for x in g.subtree)
        elif c.dep_ == "prt":
            out.extend(x for g in c.children for x in g.subtree)
    return out


def subject(v: Token, *, through=CLAUSE_LINKS, steps: int = 3, agent: bool = False):
    """The subject of `v` (nsubj or csubj; with `agent`, also the passive "by" phrase, returned as
    the 'agent' token), inherited up to `steps` clauses through the links in `through`
    ("X stormed the town and seized ..."); None when there is none."""
    for _ in range(steps):
        for c in v.children:
            if c.dep_ in ("nsubj", "csubj") or agent and c.dep_ == "agent":
                return c
        if v.dep_ in through and v.head.i != v.i:
            v = v.head
        else:
            break
    return None


def subject_phrase(t: Token) -> list[Token]:
    """The tokens of the trigger's acting phrase: its subject (or passive agent) through
    xcomp/conj/advcl/acl heads; for a noun, its compound/possessive/adjective modifiers and its
    "by" phrase ("an ISIS attack", "attacks by militants")."""
    s = subject(t, through=("xcomp", "conj", "advcl", "acl"), agent=True)
    if s is not None:
        if s.dep_ == "agent":
            return [x for g in s.children for x in g.subtree]
        return list(s.subtree)
    if t.pos_ in ("NOUN", "PROPN"):
        out = []
        for c in t.children:
            if c.dep_ in ("compound", "poss", "amod") and c.pos_ in ("PROPN", "NOUN", "ADJ"):
                out.extend(c.subtree)
            if c.dep_ == "prep" and c.lower_ == "by":
                out.extend(x for g in c.children for x in g.subtree)
        return out
    return []
