"""Attach counts to event triggers in the same sentence, through the dependency tree."""
from __future__ import annotations

from collections.abc import Sequence

from ..knowledge import Knowledge, shipped
from ..knowledge.schema import AttachWords
from ..nlp import doc_text as _doc_text
from ..nlp.parse import ancestors as _ancestors, lemma as _lemma
from ..records import COUNT_FIELDS, Count, Counts
from .mentions import CountMention, find_counts


def _path_len(a, b) -> int:
    up_a = [a, *_ancestors(a)]
    up_b = [b, *_ancestors(b)]
    idx_b = {t.i: k for k, t in enumerate(up_b)}
    for k, t in enumerate(up_a):
        if t.i in idx_b:
            return k + idx_b[t.i]
    return 99


def _historical(t, w: AttachWords) -> bool:
    """An event noun the text marks as another event: "last year's attack", "a separate raid",
    "the 2019 bombing", "an earlier attack"."""
    for c in t.subtree:
        low = c.lower_
        if c.dep_ in ("amod", "det", "advmod") and low in w.other_event and low != "last":
            return True
        if low in ("year", "month", "week") and any(x.lower_ in ("last", "previous") for x in c.children):
            return True
        if c.like_num and len(c.text) == 4 and c.text.isdigit() and c.dep_ in ("nummod", "compound", "pobj", "amod"):
            return True
    return False


def _owner(m: CountMention, triggers: Sequence, w: AttachWords) -> int | None:
    """Index of the trigger a count belongs to, or None."""
    if not triggers:
        return None
    gov = m.token
    ids = {t.i: k for k, t in enumerate(triggers)}
    if gov.i in ids:
        return ids[gov.i]
    # a trigger below the governing word: "12 killed in clashes", "killed by the blast"
    below = [k for k, t in enumerate(triggers) if _under(t, gov, w) and not _historical(t, w)]
    if below:
        return min(below, key=lambda k: _path_len(gov, triggers[k]))
    # climb from the governing word: a trigger above it, or a trigger that is the subject of a verb
    # on the way ("the raid led to 30 arrests", "the blast killed 12")
    chain = [gov, *_ancestors(gov)]
    for v in chain:
        if v.i in ids and v is not gov:
            return ids[v.i]
        if v.dep_ == "relcl" and v.head.i not in ids and v.head.pos_ in ("NOUN", "PROPN") and \
                _lemma(v.head) not in w.event_nouns:
            return None     # "the building where 39 migrants were held": about the building
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass", "csubj") and c.i in ids:
                return ids[c.i]
        # a subject event noun that is not a trigger owns the count when it is marked as another event
        subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj and _lemma(subj[0]) in w.event_nouns and subj[0].i not in ids and _historical(subj[0], w):
            return None
        if _historical_clause(v):
            return None
    if len(triggers) == 1:
        return 0
    return min(range(len(triggers)), key=lambda k: (_path_len(gov, triggers[k]), abs(triggers[k].i - gov.i)))


def _under(t, gov, w: AttachWords) -> bool:
    """t hangs below gov through phrases or adverbial clauses, not through a new main clause."""
    while t.head.i != t.i:
        if t.dep_ in ("conj", "ccomp", "parataxis", "relcl", "acl"):
            return False
        t = t.head
        if _lemma(t) in w.time_nouns:
            return False    # "on the third day of demonstrations" dates the count, it does not own it
        if t.i == gov.i:
            return True
    return False


def _historical_clause(v) -> bool:
    """A verb whose own modifiers place it in another time ("killed 40 last year", "in 2019")."""
    if v.pos_ not in ("VERB", "AUX"):
        return False
    for c in v.children:
        if c.dep_ in ("npadvmod", "advmod") and c.lower_ in ("year", "month") and any(
                x.lower_ in ("last", "previous") for x in c.children):
            return True
        if c.dep_ == "prep" and c.lower_ == "in" and any(
                g.like_num and len(g.text) == 4 for g in c.children):
            return True
    return False


def _breakdown_total(group: list[CountMention]) -> Count | None:
    """The first count, when the others after it break it down ("12 people, seven women and five
    men": 12, not 24); None otherwise ("12 soldiers, 3 police and 9 civilians" add up)."""
    if len(group) < 3 or any(m.count.best is None or m.count.start is None for m in group):
        return None
    first, *rest = sorted(group, key=lambda m: m.count.start)
    return first.count if first.count.best == sum(m.count.best for m in rest) else None


def _combine(ms: list[CountMention]) -> Count:
    """One count from several of the same category for one event: conjoined counts add up
    ("12 soldiers and 3 civilians were killed"); otherwise the largest best estimate wins."""
    if len(ms) == 1:
        return ms[0].count
    by_gov: dict[int, list[CountMention]] = {}
    for m in ms:
        by_gov.setdefault(m.token.i, []).append(m)
    sums = []
    for group in by_gov.values():
        if len(group) == 1:
            sums.append(group[0].count)
            continue
        total = _breakdown_total(group)
        if total is not None:             # "12 people, seven women and five men": 12, not 24
            sums.append(total)
            continue
        doc = group[0].token.doc
        start = min(m.count.start for m in group)
        end = max(m.count.end for m in group)

        def add(vals):
            return None if any(v is None for v in vals) else sum(vals)

        sums.append(Count(low=add([m.count.low for m in group]), best=add([m.count.best for m in group]),
                          high=add([m.count.high for m in group]), text=_doc_text(doc)[start:end],
                          start=start, end=end))
    return max(sums, key=lambda c: c.best or c.low or c.high or 0)


def counts_for_events(sent, triggers: Sequence, *, knowledge: Knowledge | None = None) -> list[Counts]:
    """One `Counts` per trigger token, from the counts found in the sentence.

    >>> s = nlp("Gunmen attacked a market, killing 12, while a raid led to 30 arrests.")[:]
    >>> [c.to_json()["killed"] for c in counts_for_events(s, [s[1], s[11]])][0]["best"]
    12
    """
    kn = knowledge or shipped()
    w = kn.counts.attach
    triggers = list(triggers)
    found: list[list[CountMention]] = [[] for _ in triggers]
    for m in find_counts(sent, knowledge=kn):
        k = _owner(m, triggers, w)
        if k is not None:
            found[k].append(m)
    out = []
    for t, ms in zip(triggers, found):
        fields = {}
        for cat in COUNT_FIELDS:
            same = [m for m in ms if m.category == cat]
            if same:
                fields[cat] = _combine(same)
        for cat, c in implicit_counts(t, knowledge=kn).items():
            fields.setdefault(cat, c)
        out.append(Counts(**fields))
    return out


def _one_person(t, w: AttachWords) -> int:
    """1 for a singular person noun or name heading a phrase with no number; 0 otherwise."""
    if t.tag_ not in ("NN", "NNP") or any(c.dep_ == "nummod" and c.i < t.i for c in t.children):
        return 0                                   # "Miller, 46," is one man; "12 people" a count
    if t.ent_type_ == "PERSON" or _lemma(t) in w.named_people:
        return 1
    return 0


def implicit_counts(t, *, knowledge: Knowledge | None = None) -> dict[str, Count]:
    """Counts a sentence gives without a number: the victims of "killed", "arrested", "abducted"
    named one by one ("a soldier was killed" is 1 killed; "Hull and Miller were arrested", 2), and a
    body "found dead"; ACLED counts such victims. Only the trigger's own patient counts ("among
    those killed" gives none)."""
    w = (knowledge or shipped()).counts.attach
    cat = w.implicit.get(_lemma(t))
    if cat is None and _lemma(t) == "find" and any(c.lower_ == "dead" for c in t.children):
        cat = "killed"
    if cat is None or t.pos_ not in ("VERB", "AUX"):
        return {}
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
    if _lemma(t) == "find":                        # "hunter found dead": a headline's passive
        heads = [c for c in t.children if c.dep_ in ("nsubjpass", "nsubj")]
    else:
        heads = [c for c in t.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
    if not heads:
        return {}
    people = []
    for h in heads:
        people += [h, *(c for c in h.conjuncts)]
    n = sum(_one_person(p, w) for p in people)
    if n == 0 or n != len(people):
        return {}
    text = _doc_text(t.doc)[heads[0].left_edge.idx:heads[0].right_edge.idx + len(heads[0].right_edge.text)]
    return {cat: Count(n, n, n, text, heads[0].left_edge.idx, heads[0].right_edge.idx + len(heads[0].right_edge.text))}
