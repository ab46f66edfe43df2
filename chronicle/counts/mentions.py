"""Which quantity phrases count people, and in which category: read off the dependency parse.

A quantity counts people when it (or the noun it numbers) is the victim of a category verb
("12 people were killed", "killing 12", "detained 30 activists"), the subject of an intransitive one
("500,000 fled", "thousands marched"), a category noun ("30 arrests", "left 5 dead", "200
protesters"), or a death toll ("the death toll rose to 30").
"""
from __future__ import annotations

from dataclasses import dataclass

from ..knowledge import Knowledge, shipped
from ..knowledge.schema import MentionWords
from ..nlp.parse import lemma as _lemma
from ..records import Count
from .quantity import Quantity, find_quantities


@dataclass(frozen=True, slots=True)
class CountMention:
    """A count of people in a sentence: its category, its value, the token that gives the category."""

    category: str              # one of records.COUNT_FIELDS
    count: Count
    token: object              # spaCy Token: the verb or noun that names the category ("killed", "toll")
    number: object = None      # spaCy Token: the numeric token the count hangs on


def _anchor(doc, q: Quantity):
    core = doc[q.core]
    inside = range(q.start, q.end)
    if core.head.i not in inside or core.head.i == core.i:
        return core
    for t in doc[q.start:q.end]:
        if (t.head.i not in inside or t.head.i == t.i) and not t.is_punct:
            return t
    return core


def _not_people(doc, q: Quantity, sent, w: MentionWords) -> bool:
    """Years, dates, times, ages, money, percentages, calibres, distances, durations."""
    core = doc[q.core]
    if core.ent_type_ in ("MONEY", "PERCENT", "TIME", "ORDINAL", "QUANTITY"):
        return True
    prev = doc[q.start - 1] if q.start > sent.start else None
    nxt = doc[q.end] if q.end < sent.end else None
    nxt2 = doc[q.end + 1] if q.end + 1 < sent.end else None
    if prev is not None and (prev.lower_ in w.currency or prev.lower_ in w.months or prev.text.endswith("$")):
        return True
    if prev is not None and prev.lower_ in ("and", "or", "to", ",") and core.dep_ == "conj":
        # the second of a list the first number's word already ruled out: "aged 18 and 26"
        first = core.head
        before = doc[first.i - 1] if first.i > sent.start else None
        if first.like_num and before is not None and before.lower_ in w.currency:
            return True
    if nxt is not None:
        low = nxt.lower_
        if low in w.after_bad or low in w.months or nxt.text.startswith("-year") or low.startswith("year-"):
            return True
        if low == "-" and nxt2 is not None and _lemma(nxt2) in w.unit_nouns:
            return True   # "25-year-old", "3-day"
        if _lemma(nxt) in w.unit_nouns and nxt.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
            return True
    if ":" in core.text:
        return True
    txt = core.text
    if len(txt) == 4 and txt.isdigit() and 1800 <= int(txt) <= 2100 and q.end - q.start == 1:
        if nxt is None or not (nxt.pos_ == "NOUN" and _lemma(nxt) not in w.unit_nouns):
            return True
    return False


def _passive_participle(v) -> bool:
    if v.tag_ != "VBN":
        return False
    kids = {c.dep_ for c in v.children}
    if "dobj" in kids:
        return False
    return not any(c.dep_ == "aux" and _lemma(c) == "have" for c in v.children)


def _toll(t) -> bool:
    return _lemma(t) in ("toll", "tally")


def _has_child(v, deps, lemmas) -> bool:
    return any(c.dep_ in deps and (_lemma(c) in lemmas or c.lower_ in lemmas) for c in v.children)


def _verb_category(v, role: str, w: MentionWords):
    """Category of a verb for an argument in `role` (obj: object or passive subject; subj: active subject)."""
    lem = _lemma(v)
    low = v.lower_
    if role == "obj":
        cat = w.transitive.get(lem) or w.transitive.get(low)
        if cat:
            return cat
        if lem == "shoot" and _has_child(v, ("oprd", "advmod", "acomp", "xcomp", "dobj"), {"dead"}):
            return "killed"
        if lem in ("take", "hold") and _has_child(v, ("oprd", "dobj", "xcomp", "advmod", "npadvmod", "attr"), {"hostage", "captive"}):
            return "abducted"
        if lem == "take" and any(c.dep_ == "prep" and c.lower_ == "into" and any(_lemma(g) == "custody" for g in c.children) for c in v.children):
            return "arrested"
        if any(c.dep_ == "prep" and c.lower_ == "to" and any(_lemma(g) == "death" for g in c.children)
               for c in v.children):
            return "killed"          # "hacked to death", "beaten to death"
        if lem == "treat" and any(c.dep_ == "prep" and c.lower_ == "for" and any(
                _lemma(g) in ("injury", "wound", "burn") for g in c.children) for c in v.children):
            return "injured"
        if lem in ("round", "lock") and _has_child(v, ("prt",), {"up"}):
            return "arrested"
        if lem == "hold":
            return "arrested?"          # only when the counted thing is a person (checked by the caller)
        if lem in w.displacing_verbs:
            for c in v.children:
                if c.dep_ in ("xcomp", "advcl", "oprd", "ccomp") and w.intransitive.get(_lemma(c)) == "displaced":
                    return "displaced"
                if c.dep_ in ("prep", "prt", "advmod") and c.lower_ in ("from", "out"):
                    return "displaced"
            for c in v.children:
                if c.dep_ in ("xcomp", "advcl", "oprd") and w.intransitive.get(_lemma(c)) == "participants":
                    return "participants"
        for c in v.children:
            if c.dep_ in ("oprd", "acomp", "xcomp") and c.lower_ in ("dead", "injured", "wounded"):
                return w.nouns[c.lower_]      # "confirmed dead", "feared dead", "reported injured"
        if any(c.dep_ == "prep" and c.lower_ == "in" and any(_lemma(g) == "custody" for g in c.children)
               for c in v.children) and lem in ("have", "hold", "keep", "remain", "be", "place", "put"):
            return "arrested"               # "have three men in custody"
        if lem == "leave":
            for c in v.children:
                if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "advcl", "amod", "conj") and c.lower_ in w.nouns:
                    return w.nouns[c.lower_]
    else:
        cat = w.intransitive.get(lem)
        if cat:
            return cat
        if lem == "lose" and _has_child(v, ("dobj",), {"life", "lives"}):
            return "killed"
        if lem in ("seek", "take", "find") and _has_child(v, ("dobj",), {"refuge", "shelter", "sanctuary"}):
            return "displaced"
        if lem in ("attend", "join") and any(
                c.dep_ in ("dobj", "npadvmod", "attr") and _lemma(c) in w.protest_nouns or
                c.dep_ == "prep" and any(_lemma(g) in w.protest_nouns for g in c.children) for c in v.children):
            return "participants"
        if lem == "take" and any(c.dep_ == "prep" and any(_lemma(g) == "street" for g in c.children) for c in v.children):
            return "participants"
        if lem == "be":
            for c in v.children:
                if c.dep_ in ("acomp", "attr") and c.lower_ in ("dead", "injured", "wounded", "hurt"):
                    return w.nouns[c.lower_]
        if _passive_participle(v):
            return _verb_category(v, "obj", w)
    return None


def _classify(doc, q: Quantity, w: MentionWords, *, singular: bool = False):
    """(category, governing token) for a quantity, or None when it does not count people."""
    a = _anchor(doc, q)
    n = a
    if a.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod") and a.head.i != a.i and \
            a.head.pos_ in ("NOUN", "PROPN", "ADJ", "VERB", "NUM") and not (q.start <= a.head.i < q.end):
        n = a.head
    # the thing counted: "dozens of protesters" -> protesters
    thing = n
    if n is a:
        of = [c for c in a.children if c.dep_ == "prep" and c.lower_ == "of"]
        if of:
            objs = [c for c in of[0].children if c.dep_ == "pobj"]
            if objs:
                thing = objs[0]
    if thing is not a and thing.pos_ in ("NOUN", "PROPN") and _lemma(thing) in w.unit_nouns:
        return None
    if n.dep_ == "appos" and n.head.pos_ == "PROPN":
        return None   # "Ahmed, 25, ..." is an age
    pre = n
    # climb conjunctions: "12 soldiers and 3 civilians were killed"
    while n.dep_ == "conj" and n.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON", "ADJ") and n.head.i != n.i:
        n = n.head
        if n.dep_ == "nmod" and n.head.pos_ in ("NOUN", "PROPN"):
            n = n.head      # a misparse of "a jawan and seven civilians"
    # containers: "a crowd of 2,000 rallied", "a total of 30 were arrested", "a death toll of 30"
    if n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.i != n.head.i:
        holder = n.head.head
        if _toll(holder):
            return "killed", holder
        if _lemma(holder) in w.containers:
            n = holder
        elif _lemma(holder) in w.of_nouns:
            return w.of_nouns[_lemma(holder)], holder
        elif _lemma(holder) in w.protest_nouns:
            return "participants", holder
        elif holder.like_num or _lemma(holder) in ("one", "some", "many", "most", "all", "none"):
            return None
    if n.dep_ == "pobj" and n.head.lower_ in ("including",):
        return None
    if n.dep_ == "agent" or (n.dep_ == "pobj" and n.head.dep_ == "agent"):
        return None
    # "30 people killed in clashes", "12 killed", "2,000 people who had gathered"
    for noun in dict.fromkeys((pre, n)):
        for c in noun.children:
            if c.dep_ in ("acl", "relcl") and c.i > noun.i:
                role = "obj" if (c.tag_ == "VBN" and not any(x.dep_ == "nsubj" for x in c.children)) or any(
                    x.dep_ == "nsubjpass" for x in c.children) else "subj"
                cat = _held(_verb_category(c, role, w), thing, a, w)
                if cat:
                    return cat, c
    h, d = n.head, n.dep_
    if h.i == n.i:
        return _by_noun(a, thing, n, w)
    if _lemma(h) in w.no_count_verbs or any(
            x.dep_ == "xcomp" and _lemma(x) in w.no_count_verbs for x in h.children):
        return None
    cat = None
    if d in ("nsubjpass", "dobj", "oprd"):
        cat = _verb_category(h, "obj", w)
    elif d == "nsubj":
        cat = _verb_category(h, "subj", w)
    if cat is None and d in ("nsubj", "nsubjpass") and _lemma(h) in w.raising and any(
            c.dep_ == "auxpass" for c in h.children):
        # "20 villagers are believed to have been abducted", "15 are thought to have died"
        for x in h.children:
            if x.dep_ == "xcomp":
                passive = any(y.dep_ in ("auxpass", "nsubjpass") for y in x.children)
                cat = _held(_verb_category(x, "obj" if passive else "subj", w), thing, a, w)
                if cat:
                    return cat, x
    cat = _held(cat, thing, a, w)
    if cat:
        return cat, h
    if d == "pobj" and h.lower_ in ("to", "at", "of"):
        # "the death toll rose to 30", "bringing the death toll from the clashes to 302"
        v = h
        for _ in range(6):
            if v.head.i == v.i:
                break
            v = v.head
            if _toll(v) or any(_toll(c) for c in v.children if c.dep_ in ("nsubj", "dobj", "nsubjpass")):
                return "killed", v
            if v.pos_ in ("VERB", "AUX"):
                break
    if d in ("dobj", "attr") and (_lemma(h) in w.toll_verbs or _lemma(h) == "be") and any(
            _toll(c) for c in h.children if c.dep_ == "nsubj"):
        return "killed", h
    if d == "dobj" and _lemma(h) in ("draw", "attract", "bring", "mobilize", "mobilise"):
        subj = [c for c in h.children if c.dep_ == "nsubj"]
        if subj and subj[0].tag_ == "WDT" and h.dep_ == "relcl":
            subj = [h.head]
        if subj and _lemma(subj[0]) in w.protest_nouns:
            return "participants", h
    if d == "pobj" and h.lower_ == "by" and _lemma(h.head) in w.protest_nouns:
        return "participants", h.head
    # "protesters numbering more than 10,000", "numbering in the thousands"
    v = h.head if (d == "pobj" and h.dep_ == "prep") else h
    if _lemma(v) == "number":
        owner = v.head if v.dep_ == "acl" else next((c for c in v.children if c.dep_ == "nsubj"), None)
        if owner is not None and (owner.lower_ in w.nouns or _lemma(owner) in w.nouns):
            return w.nouns.get(owner.lower_) or w.nouns[_lemma(owner)], v
    if d == "compound" and (h.lower_ in w.nouns or _lemma(h) in w.nouns):
        return w.nouns.get(h.lower_) or w.nouns[_lemma(h)], h      # "took 18 soldiers hostage"
    return _by_noun(a, thing, n, w)


def _held(cat, thing, a, w: MentionWords):
    """"held" counts arrests only of people: "12 people were held", not "two meetings were held"."""
    if cat != "arrested?":
        return cat
    person = thing is a or _lemma(thing) in w.person_nouns or thing.ent_type_ == "NORP" or \
        _lemma(thing) in ("people", "persons", "others", "more") or thing.lower_ in w.nouns
    return "arrested" if person else None


def _by_noun(a, thing, n, w: MentionWords):
    """The counted noun names the category itself: "30 arrests", "5 dead", "200 protesters"."""
    for t in (thing, n):
        if t is not a and _lemma(t) == "body":
            verbs = [t.head] + [c for c in t.children if c.dep_ in ("acl", "relcl")]
            if not any(_lemma(v) in w.body_verbs for v in verbs):
                continue        # "eight other Muslim bodies" are organisations
        if t is not a and (t.lower_ in w.nouns or _lemma(t) in w.nouns):
            return w.nouns.get(t.lower_) or w.nouns[_lemma(t)], t
    return None


def _count(doc, q: Quantity) -> Count:
    span = doc[q.start:q.end]
    return Count(low=q.low, best=q.best, high=q.high, text=span.text,
                 start=span.start_char, end=span.end_char)


def _singular(doc, sent, w: MentionWords) -> list[Quantity]:
    """"a policeman", "an aid worker": one person, when the noun is singular and has "a"/"an"."""
    out = []
    for t in sent:
        if t.tag_ != "NN" or _lemma(t) not in w.person_nouns:
            continue
        det = [c for c in t.children if c.dep_ == "det" and c.lower_ in ("a", "an")]
        near = [t.head, t.head.head, t.head.head.head]
        if any(x.lower_ in ("among", "including", "of") for x in near):
            continue    # part of another count: "among them a journalist"
        if det and any(x.lower_ in ("among", "including") for x in doc[max(sent.start, det[0].i - 3):det[0].i]):
            continue
        if det and not any(c.like_num for c in t.children):
            out.append(Quantity(det[0].i, t.i + 1, 1, 1, 1, t.i))
    return out


def find_counts(sent, *, knowledge: Knowledge | None = None) -> list[CountMention]:
    """Counts of people in a sentence (a spaCy Span), in text order.

    >>> [(m.category, m.count.best) for m in find_counts(nlp("At least 12 people were killed.")[:])]
    [('killed', 12)]
    """
    kn = knowledge or shipped()
    w = kn.counts.mentions
    doc = sent.doc
    out = []
    for q in find_quantities(sent, knowledge=kn):
        if _not_people(doc, q, sent, w):
            continue
        found = _classify(doc, q, w)
        if found is None:
            continue
        cat, gov = found
        count = _count(doc, q)
        a = _anchor(doc, q)
        if (_lemma(gov) in w.exceeds and q.low == q.best == q.high and q.best is not None
                and a.dep_ == "dobj" and a.head.i == gov.i):
            count = Count(q.best + 1, q.best + 1, None, count.text, count.start, count.end)
        out.append(CountMention(cat, count, gov, a))
    for q in _singular(doc, sent, w):
        found = _classify(doc, q, w, singular=True)
        if found is not None and found[0] != "participants":
            span = doc[q.start:q.end]
            out.append(CountMention(found[0], Count(1, 1, 1, span.text, span.start_char, span.end_char),
                                    found[1], doc[q.core]))
    out.sort(key=lambda m: m.count.start)
    return out
