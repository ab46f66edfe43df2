"""The place mention tied to an event's trigger in the dependency parse: "killed in X", "clashes
near X", "30 km south of X", "the outskirts of X" (a rule the place model of attach.py reads as one
feature; locate.py and the training script use it too).
"""
from __future__ import annotations

from collections.abc import Sequence

from ..knowledge import shipped
from .mentions import Mention


def _words():
    """The words that tie a place to an event word (chronicle/knowledge/words/geo.toml [ties]), from the
    shipped knowledge."""
    return shipped().geo.ties


_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj"}


def tied_mention(doc, trigger: int, mentions: Sequence[Mention], *, fallback_sentence: bool = True):
    """The mention tied to the trigger token, else (optionally) the first in its sentence, else None."""
    m, _ = tied_with_relation(doc, trigger, mentions, fallback_sentence=fallback_sentence)
    return m


def tied_with_relation(doc, trigger: int, mentions: Sequence[Mention], *,
                       fallback_sentence: bool = True) -> tuple[Mention | None, str | None]:
    at: dict[int, Mention] = {}
    mentions = [m for m in mentions if m.kind != "demonym"]     # "Syrian" is not where it happened
    for m in mentions:
        for t in range(m.tok_start, m.tok_end):
            at[t] = m
    if not at:
        return None, None
    tok = doc[trigger]
    heads = [tok]
    if tok.dep_ in _ARG_DEPS | {"xcomp", "ccomp", "advcl", "relcl", "acl"} and tok.head.i != tok.i:
        heads.append(tok.head)          # "clashes erupted in X": the place hangs on the verb
    for h in heads:
        found = _from_head(h, at)
        if found is not None:
            return found
        for arg in h.children:          # "killed five people in Baidoa": the place hangs on the object
            if arg.dep_ in ("dobj", "nsubjpass", "nsubj", "attr") and arg.i not in at:
                found = _from_head(arg, at)
                if found is not None:
                    return found
    if fallback_sentence:
        sent = tok.sent
        inside = [m for m in mentions if sent.start <= m.tok_start < sent.end
                  and not (m.tok_start > 0 and doc[m.tok_start - 1].lower_ in ("from", "by"))
                  and not (m.tok_end < len(doc) and doc[m.tok_end].text in ("-", "–") )]
        if inside:
            # the nearest one after the trigger, else the nearest before it
            after = [m for m in inside if m.tok_start > trigger]
            pick = after[0] if after else inside[-1]
            return pick, None
    return None, None


def _from_head(h, at: dict[int, Mention]):
    if h.i in at:                                    # the trigger is inside a place name ("Mosul attack")
        return None
    for child in h.children:
        if child.dep_ == "compound" and child.i in at:
            return at[child.i], None
        if child.dep_ in ("npadvmod", "advmod") and child.i in at:
            return at[child.i], None
        if child.dep_ in ("prep", "agent") and child.lower_ in _words().place_preps:
            rel = child.lower_
            for obj in child.children:
                if obj.dep_ != "pobj":
                    continue
                hit = _reach(obj, at, 0)
                if hit is not None:
                    return hit, rel
        # "north of X", "30 km south of X": an adverb/noun of direction with its own "of"
        if child.lower_ in _words().directions:
            for p in child.children:
                if p.dep_ == "prep" and p.lower_ in ("of", "from"):
                    for obj in p.children:
                        hit = _reach(obj, at, 0) if obj.dep_ == "pobj" else None
                        if hit is not None:
                            return hit, f"{child.lower_} {p.lower_}"
    return None


def _reach(tok, at: dict[int, Mention], depth: int):
    """A place at tok, or reached from it through 'of'/'in' area nouns, compounds and conjuncts."""
    if tok.i in at:
        return at[tok.i]
    for c in tok.children:
        if c.dep_ in ("compound", "nmod", "poss", "amod") and c.i in at:
            return at[c.i]
    if depth >= 2:
        return None
    area = tok.lower_ in _words().area_nouns or tok.lemma_.lower() in _words().area_nouns or bool(tok.ent_type_)
    for p in tok.children:
        # "the outskirts of X"; "a new clash ... near X" (any noun, but 'of' only after an area noun)
        if p.dep_ == "prep" and (p.lower_ in ("in", "near", "outside", "at") or (area and p.lower_ == "of")):
            for obj in p.children:
                if obj.dep_ == "pobj":
                    hit = _reach(obj, at, depth + 1)
                    if hit is not None:
                        return hit
    for c in tok.children:
        if c.dep_ == "conj":
            hit = _reach(c, at, depth + 1)
            if hit is not None:
                return hit
    return None
