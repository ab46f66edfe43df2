"""Aggregate tolls and background: "The decade-long insurgency has killed more than 30,000 people",
"The war has killed more than 100,000", "150 killings of social leaders so far this year",
"displaced since 2014". Such a sentence sums up a long conflict; it reports no new event, so the
event is flagged historical (kept out of the default output, like events dated long before the
report; the date stage only ORs its own verdict in).
"""
from __future__ import annotations

import re

from ..knowledge import Knowledge, shipped
from ..knowledge.schema import AggregateWords
from ..nlp.parse import subject as _subject

DURATION = re.compile(r"^(decades?|years?|months?)-(long|old)$|^long-running$|^protracted$|^lengthy$|"
                      r"^(\w+)-year$|^(\w+)-decade$|^(decade|year)s?-long$")
YEAR = re.compile(r"^(1[89]|20)\d\d$")


def _duration_mod(noun) -> bool:
    """'decade-long insurgency', 'five-year war', 'long-running conflict' (hyphenated words may be
    split by the tokenizer: read the text before the noun too)."""
    for c in noun.children:
        if c.dep_ in ("amod", "compound", "nummod", "npadvmod") and DURATION.match(c.lower_):
            return True
    before = noun.doc[max(noun.i - 4, noun.sent.start):noun.i].text.lower().replace(" - ", "-")
    return bool(re.search(r"(decades?|years?|months?)-(long|old)\b|long-running|protracted|\w+-year\b$", before))


def _path_up(x, top):
    """Tokens from x up to (not including) top."""
    out = []
    while x.i != top.i and x.head.i != x.i:
        out.append(x)
        x = x.head
    return out


def _span_cue(tokens, w: AggregateWords) -> str | None:
    """'since 2009', 'since the start of the war', 'since the insurgency began', 'over the past
    decade', 'in the last five years', 'so far this year', 'to date'."""
    for p in tokens:
        low = p.lower_
        if low == "since":
            objs = [g for g in p.children if g.dep_ in ("pobj", "pcomp")]
            for g in objs:
                if YEAR.match(g.text) or any(YEAR.match(x.text) for x in g.subtree):
                    return "since a year"
                if g.lemma_.lower() in w.starts and any(x.lemma_.lower() in w.long_conflict | {"year"} for x in g.subtree):
                    return "since the start of the conflict"
            # "since the insurgency began" (a clause under 'since')
            if p.dep_ == "mark" and p.head.lemma_.lower() in ("begin", "start", "erupt", "break"):
                subj = _subject(p.head)
                if subj is not None and subj.lemma_.lower() in w.long_conflict:   # not "since the fighting began"
                    return "since the conflict began"
        if low in ("over", "in", "during", "within", "for") and p.dep_ == "prep":
            for g in p.children:
                if g.dep_ == "pobj" and g.lower_ in w.span_units and any(
                        c.lower_ in ("past", "last", "previous") for c in g.children):
                    return "over the past years"
                if g.dep_ == "pobj" and g.lower_ in ("decades", "years") and any(
                        c.dep_ == "nummod" for c in g.children) and low in ("over", "in", "for"):
                    return "over years"
        if low == "far" and p.i > 0 and p.doc[p.i - 1].lower_ == "so" and p.i + 2 < len(p.doc) and \
                p.doc[p.i + 1].lower_ == "this" and p.doc[p.i + 2].lower_ == "year":
            return "so far this year"
        if low == "to" and p.i + 1 < len(p.doc) and p.doc[p.i + 1].lower_ == "date" and p.dep_ in ("prep", "aux"):
            return "to date"
    return None


def aggregate_cue(t, *, knowledge: Knowledge | None = None) -> str | None:
    """Why the event at trigger token `t` is an aggregate or background toll, or None.

    - its subject is a whole conflict with a duration ('the decade-long insurgency has killed'), or
      a long conflict with a perfect verb ('the war has killed more than 100,000');
    - its clause spans years: 'since 2009', 'since the start of the war', 'over the past decade',
      'so far this year', 'to date'.
    """
    w = (knowledge or shipped()).events.aggregate
    subj = _subject(t) if t.pos_ in ("VERB", "AUX") else None
    if subj is not None and subj.lower_ in ("that", "which") and t.dep_ == "relcl":
        subj = t.head                      # "a war that has killed 10,000"
    if subj is not None:
        head = subj.lemma_.lower()
        if head in w.conflict and _duration_mod(subj):
            return f"toll of a long conflict ('{subj.text}')"
        perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in t.children) or any(
            c.dep_ == "aux" and c.lemma_.lower() == "have" for c in t.head.children if t.dep_ == "conj")
        if head in w.long_conflict and perfect:
            return f"toll of a long conflict ('{subj.text}')"
    # the clause of the trigger: a verb's own phrases; a noun's phrases and its governing verb's
    # (relative clauses inside it tell about someone else: "accuse Rwanda of arming the M23, which
    # resumed fighting in 2021")
    scope = [x for x in t.subtree if not any(a.dep_ in ("relcl", "acl") and a.i != t.i
                                             for a in _path_up(x, t))]
    if t.pos_ in ("NOUN", "PROPN") and t.head.i != t.i:
        v = t.head
        while v.dep_ in ("prep", "pobj", "dobj", "nsubj", "nsubjpass", "attr") and v.head.i != v.i:
            v = v.head
        scope += [x for c in v.children if c.dep_ in ("prep", "npadvmod", "advmod") for x in c.subtree]
    elif t.dep_ == "conj" and t.head.i != t.i:   # "has killed ... and displaced ... since 2009"
        scope += [x for c in t.head.children if c.dep_ in ("prep", "npadvmod", "advmod", "advcl")
                  for x in c.subtree]
    return _span_cue(sorted(set(scope), key=lambda x: x.i), w)
