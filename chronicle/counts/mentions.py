"""Which quantity phrases count people, and in which category: read off the dependency parse.

A quantity counts people when it (or the noun it numbers) is the victim of a category verb
("12 people were killed", "killing 12", "detained 30 activists"), the subject of an intransitive one
("500,000 fled", "thousands marched"), a category noun ("30 arrests", "left 5 dead", "200
protesters"), or a death toll ("the death toll rose to 30").
"""
from __future__ import annotations

from dataclasses import dataclass

from ..records import Count
from .quantity import Quantity, find_quantities

# transitive verbs: the victim is the object (active) or the subject (passive)
TRANSITIVE = {
    "kill": "killed", "murder": "killed", "slay": "killed", "massacre": "killed",
    "execute": "killed", "behead": "killed", "assassinate": "killed", "slaughter": "killed",
    "wound": "injured", "injure": "injured", "hurt": "injured", "maim": "injured",
    "hospitalise": "injured", "hospitalize": "injured", "hospitalised": "injured",
    "hospitalized": "injured",
    "displace": "displaced", "uproot": "displaced", "evacuate": "displaced",
    "arrest": "arrested", "detain": "arrested", "jail": "arrested", "imprison": "arrested",
    "apprehend": "arrested", "nab": "arrested",
    "kidnap": "abducted", "abduct": "abducted", "snatch": "abducted",
}
# intransitive verbs: the subject is counted
INTRANSITIVE = {
    "die": "killed", "perish": "killed", "drown": "killed",
    "flee": "displaced",
    "protest": "participants", "demonstrate": "participants", "march": "participants",
    "rally": "participants", "gather": "participants", "assemble": "participants",
    "converge": "participants",
}
# nouns and adjectives that carry a category themselves: "30 arrests", "5 dead", "200 protesters"
NOUNS = {
    "dead": "killed", "death": "killed", "fatality": "killed", "body": "killed",
    "corpse": "killed", "killing": "killed", "fatalities": "killed", "deaths": "killed",
    "bodies": "killed",
    "injured": "injured", "wounded": "injured", "injury": "injured", "injuries": "injured",
    "hurt": "injured",
    "displaced": "displaced", "refugee": "displaced", "refugees": "displaced", "idp": "displaced",
    "idps": "displaced", "evacuee": "displaced", "homeless": "displaced",
    "displacement": "displaced",
    "arrest": "arrested", "arrests": "arrested", "detainee": "arrested", "detainees": "arrested",
    "detention": "arrested", "detentions": "arrested", "arrested": "arrested",
    "detained": "arrested",
    "hostage": "abducted", "hostages": "abducted", "abductee": "abducted", "captive": "abducted",
    "captives": "abducted", "abduction": "abducted", "kidnapping": "abducted",
    "abducted": "abducted", "kidnapped": "abducted",
    "protester": "participants", "protesters": "participants", "protestor": "participants",
    "protestors": "participants", "demonstrator": "participants",
    "demonstrators": "participants", "marcher": "participants", "marchers": "participants",
    "participant": "participants", "striker": "participants", "strikers": "participants",
    "rioter": "participants", "rioters": "participants",
}
# nouns whose "of"-object is counted in their category: "the deaths of 12", "the arrest of 30"
OF_NOUNS = {"death": "killed", "killing": "killed", "murder": "killed", "massacre": "killed",
            "arrest": "arrested", "detention": "arrested", "abduction": "abducted",
            "kidnapping": "abducted", "displacement": "displaced", "evacuation": "displaced",
            "exodus": "displaced", "injury": "injured", "wounding": "injured"}
PROTEST_NOUNS = {"protest", "rally", "demonstration", "march", "strike", "sit-in", "vigil",
                 "gathering", "procession"}
# verbs whose objects are people already held: freeing or trading them is not a new count
NO_COUNT_VERBS = {"release", "free", "exchange", "swap", "pardon", "sentence", "convict", "try",
                  "charge", "acquit", "deport", "repatriate", "return", "rescue", "train", "recruit",
                  "deploy", "send"}
RAISING = {"believe", "think", "say", "report", "fear", "presume", "feared", "thought", "expect",
           "understand", "know", "estimate", "confirm", "claim", "allege", "suspect"}
CONTAINERS = {"crowd", "total", "group", "throng"}
TOLL_VERBS = {"rise", "climb", "reach", "stand", "jump", "increase", "bring", "mount", "grow",
              "hit", "top", "exceed", "pass", "put", "soar", "surge", "raise"}
# nouns that are never people: a number on one is not a count of people
UNIT_NOUNS = {
    "year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "night",
    "am", "pm", "a.m.", "p.m.", "gmt", "o'clock", "km", "kilometre", "kilometer", "mile", "metre",
    "meter", "mm", "cm", "kg", "tonne", "ton", "pound", "dollar", "euro", "rupee", "naira", "yuan",
    "percent", "%", "cent", "vehicle", "car", "truck", "tank", "round", "rocket", "missile",
    "shell", "bomb", "house", "home", "building", "village", "time", "calibre", "caliber",
    "kilogram", "litre", "acre", "hectare", "point", "seat", "vote", "page", "million", "billion",
    "barrel", "dinar", "shekel", "rouble", "ruble", "pound", "mortar", "drone", "aircraft",
    "plane", "helicopter", "boat", "gun", "rifle", "weapon", "mile", "floor", "storey", "story",
    "district", "province", "town", "city", "country", "state", "school", "hospital", "mosque",
    "church", "shop", "store", "office", "checkpoint", "base", "position", "post", "incident",
    "attack", "strike", "raid", "blast", "explosion", "clash", "case", "count", "charge",
    "sentence", "term", "article", "resolution", "route", "highway", "brigade", "battalion",
}
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
          "sep", "sept", "oct", "nov", "dec"}
CURRENCY = {"$", "us$", "€", "£", "¥", "rs", "rs.", "usd", "eur", "aged", "age", "ages", "no.",
            "number", "route", "article", "resolution", "chapter", "flight", "section", "brigade",
            "unit", "room", "platform", "gate", "apartment", "page", "version", "phase", "season"}
AFTER_BAD = {"%", "percent", "per", "mm", "km", "cm", "kg", "am", "pm", "a.m.", "p.m.", "gmt",
             "o'clock", "bn", "m", "mn", "k", "th", "st", "nd", "rd"}


@dataclass(frozen=True, slots=True)
class CountMention:
    """A count of people in a sentence: its category, its value, the token that gives the category."""

    category: str              # one of records.COUNT_FIELDS
    count: Count
    token: object              # spaCy Token: the verb or noun that names the category ("killed", "toll")
    number: object = None      # spaCy Token: the numeric token the count hangs on


def _lemma(t) -> str:
    return t.lemma_.lower()


def _anchor(doc, q: Quantity):
    core = doc[q.core]
    inside = range(q.start, q.end)
    if core.head.i not in inside or core.head.i == core.i:
        return core
    for t in doc[q.start:q.end]:
        if (t.head.i not in inside or t.head.i == t.i) and not t.is_punct:
            return t
    return core


def _not_people(doc, q: Quantity, sent) -> bool:
    """Years, dates, times, ages, money, percentages, calibres, distances, durations."""
    core = doc[q.core]
    if core.ent_type_ in ("MONEY", "PERCENT", "TIME", "ORDINAL", "QUANTITY"):
        return True
    prev = doc[q.start - 1] if q.start > sent.start else None
    nxt = doc[q.end] if q.end < sent.end else None
    nxt2 = doc[q.end + 1] if q.end + 1 < sent.end else None
    if prev is not None and (prev.lower_ in CURRENCY or prev.lower_ in MONTHS or prev.text.endswith("$")):
        return True
    if nxt is not None:
        low = nxt.lower_
        if low in AFTER_BAD or low in MONTHS or nxt.text.startswith("-year") or low.startswith("year-"):
            return True
        if low == "-" and nxt2 is not None and _lemma(nxt2) in UNIT_NOUNS:
            return True   # "25-year-old", "3-day"
        if _lemma(nxt) in UNIT_NOUNS and nxt.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
            return True
    if ":" in core.text:
        return True
    txt = core.text
    if len(txt) == 4 and txt.isdigit() and 1800 <= int(txt) <= 2100 and q.end - q.start == 1:
        if nxt is None or not (nxt.pos_ == "NOUN" and _lemma(nxt) not in UNIT_NOUNS):
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


def _verb_category(v, role: str):
    """Category of a verb for an argument in `role` (obj: object or passive subject; subj: active subject)."""
    lem = _lemma(v)
    low = v.lower_
    if role == "obj":
        cat = TRANSITIVE.get(lem) or TRANSITIVE.get(low)
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
        if lem in ("force", "drive", "chase", "push", "send", "compel", "prompt", "cause"):
            for c in v.children:
                if c.dep_ in ("xcomp", "advcl", "oprd", "ccomp") and INTRANSITIVE.get(_lemma(c)) == "displaced":
                    return "displaced"
                if c.dep_ in ("prep", "prt", "advmod") and c.lower_ in ("from", "out"):
                    return "displaced"
            for c in v.children:
                if c.dep_ in ("xcomp", "advcl", "oprd") and INTRANSITIVE.get(_lemma(c)) == "participants":
                    return "participants"
        for c in v.children:
            if c.dep_ in ("oprd", "acomp", "xcomp") and c.lower_ in ("dead", "injured", "wounded"):
                return NOUNS[c.lower_]      # "confirmed dead", "feared dead", "reported injured"
        if any(c.dep_ == "prep" and c.lower_ == "in" and any(_lemma(g) == "custody" for g in c.children)
               for c in v.children) and lem in ("have", "hold", "keep", "remain", "be", "place", "put"):
            return "arrested"               # "have three men in custody"
        if lem == "leave":
            for c in v.children:
                if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "advcl", "amod", "conj") and c.lower_ in NOUNS:
                    return NOUNS[c.lower_]
    else:
        cat = INTRANSITIVE.get(lem)
        if cat:
            return cat
        if lem == "lose" and _has_child(v, ("dobj",), {"life", "lives"}):
            return "killed"
        if lem in ("seek", "take", "find") and _has_child(v, ("dobj",), {"refuge", "shelter", "sanctuary"}):
            return "displaced"
        if lem in ("attend", "join") and any(
                c.dep_ in ("dobj", "npadvmod", "attr") and _lemma(c) in PROTEST_NOUNS or
                c.dep_ == "prep" and any(_lemma(g) in PROTEST_NOUNS for g in c.children) for c in v.children):
            return "participants"
        if lem == "take" and any(c.dep_ == "prep" and any(_lemma(g) == "street" for g in c.children) for c in v.children):
            return "participants"
        if lem == "be":
            for c in v.children:
                if c.dep_ in ("acomp", "attr") and c.lower_ in ("dead", "injured", "wounded", "hurt"):
                    return NOUNS[c.lower_]
        if _passive_participle(v):
            return _verb_category(v, "obj")
    return None


def _classify(doc, q: Quantity, *, singular: bool = False):
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
    if thing is not a and thing.pos_ in ("NOUN", "PROPN") and _lemma(thing) in UNIT_NOUNS:
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
        if _lemma(holder) in CONTAINERS:
            n = holder
        elif _lemma(holder) in OF_NOUNS:
            return OF_NOUNS[_lemma(holder)], holder
        elif _lemma(holder) in PROTEST_NOUNS:
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
                cat = _held(_verb_category(c, role), thing, a)
                if cat:
                    return cat, c
    h, d = n.head, n.dep_
    if h.i == n.i:
        return _by_noun(a, thing, n)
    if _lemma(h) in NO_COUNT_VERBS or any(
            x.dep_ == "xcomp" and _lemma(x) in NO_COUNT_VERBS for x in h.children):
        return None
    cat = None
    if d in ("nsubjpass", "dobj", "oprd"):
        cat = _verb_category(h, "obj")
    elif d == "nsubj":
        cat = _verb_category(h, "subj")
    if cat is None and d in ("nsubj", "nsubjpass") and _lemma(h) in RAISING and any(
            c.dep_ == "auxpass" for c in h.children):
        # "20 villagers are believed to have been abducted", "15 are thought to have died"
        for x in h.children:
            if x.dep_ == "xcomp":
                passive = any(y.dep_ in ("auxpass", "nsubjpass") for y in x.children)
                cat = _held(_verb_category(x, "obj" if passive else "subj"), thing, a)
                if cat:
                    return cat, x
    cat = _held(cat, thing, a)
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
    if d in ("dobj", "attr") and (_lemma(h) in TOLL_VERBS or _lemma(h) == "be") and any(
            _toll(c) for c in h.children if c.dep_ == "nsubj"):
        return "killed", h
    if d == "dobj" and _lemma(h) in ("draw", "attract", "bring", "mobilize", "mobilise"):
        subj = [c for c in h.children if c.dep_ == "nsubj"]
        if subj and subj[0].tag_ == "WDT" and h.dep_ == "relcl":
            subj = [h.head]
        if subj and _lemma(subj[0]) in PROTEST_NOUNS:
            return "participants", h
    if d == "pobj" and h.lower_ == "by" and _lemma(h.head) in PROTEST_NOUNS:
        return "participants", h.head
    # "protesters numbering more than 10,000", "numbering in the thousands"
    v = h.head if (d == "pobj" and h.dep_ == "prep") else h
    if _lemma(v) == "number":
        owner = v.head if v.dep_ == "acl" else next((c for c in v.children if c.dep_ == "nsubj"), None)
        if owner is not None and (owner.lower_ in NOUNS or _lemma(owner) in NOUNS):
            return NOUNS.get(owner.lower_) or NOUNS[_lemma(owner)], v
    if d == "compound" and (h.lower_ in NOUNS or _lemma(h) in NOUNS):
        return NOUNS.get(h.lower_) or NOUNS[_lemma(h)], h      # "took 18 soldiers hostage"
    return _by_noun(a, thing, n)


BODY_VERBS = {"find", "recover", "discover", "pull", "retrieve", "dump", "wash", "lie", "bury",
              "exhume", "identify", "collect", "count", "see", "litter", "strew", "return", "hand",
              "bring", "take", "remove", "dig", "unearth", "receive", "send", "transport"}


def _held(cat, thing, a):
    """"held" counts arrests only of people: "12 people were held", not "two meetings were held"."""
    if cat != "arrested?":
        return cat
    person = thing is a or _lemma(thing) in PERSON_NOUNS or thing.ent_type_ == "NORP" or \
        _lemma(thing) in ("people", "persons", "others", "more") or thing.lower_ in NOUNS
    return "arrested" if person else None


def _by_noun(a, thing, n):
    """The counted noun names the category itself: "30 arrests", "5 dead", "200 protesters"."""
    for t in (thing, n):
        if t is not a and _lemma(t) == "body":
            verbs = [t.head] + [c for c in t.children if c.dep_ in ("acl", "relcl")]
            if not any(_lemma(v) in BODY_VERBS for v in verbs):
                continue        # "eight other Muslim bodies" are organisations
        if t is not a and (t.lower_ in NOUNS or _lemma(t) in NOUNS):
            return NOUNS.get(t.lower_) or NOUNS[_lemma(t)], t
    return None


def _count(doc, q: Quantity) -> Count:
    span = doc[q.start:q.end]
    return Count(low=q.low, best=q.best, high=q.high, text=span.text,
                 start=span.start_char, end=span.end_char)


PERSON_NOUNS = {
    "person", "man", "woman", "child", "boy", "girl", "civilian", "soldier", "policeman",
    "policewoman", "officer", "militant", "fighter", "rebel", "insurgent", "gunman", "student",
    "journalist", "reporter", "activist", "protester", "demonstrator", "villager", "resident",
    "worker", "farmer", "teacher", "doctor", "nurse", "engineer", "driver", "trader",
    "shopkeeper", "teenager", "youth", "pilgrim", "worshipper", "passenger", "guard", "official",
    "politician", "lawmaker", "judge", "priest", "imam", "cleric", "tourist", "bystander",
    "passer-by", "suspect", "migrant", "refugee", "commander", "leader", "member", "trooper",
    "peacekeeper", "contractor", "employee", "volunteer", "medic", "paramedic", "fisherman",
    "herder", "herdsman", "soldier", "marine", "sailor", "pilot", "businessman", "lawyer",
    "blogger", "photographer", "opposition", "dissident", "militiaman", "jihadist", "combatant",
}
EXCEEDS = {"pass", "exceed", "top", "surpass"}


def _singular(doc, sent) -> list[Quantity]:
    """"a policeman", "an aid worker": one person, when the noun is singular and has "a"/"an"."""
    out = []
    for t in sent:
        if t.tag_ != "NN" or _lemma(t) not in PERSON_NOUNS:
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


def find_counts(sent) -> list[CountMention]:
    """Counts of people in a sentence (a spaCy Span), in text order.

    >>> [(m.category, m.count.best) for m in find_counts(nlp("At least 12 people were killed.")[:])]
    [('killed', 12)]
    """
    doc = sent.doc
    out = []
    for q in find_quantities(sent):
        if _not_people(doc, q, sent):
            continue
        found = _classify(doc, q)
        if found is None:
            continue
        cat, gov = found
        count = _count(doc, q)
        a = _anchor(doc, q)
        if (_lemma(gov) in EXCEEDS and q.low == q.best == q.high and q.best is not None
                and a.dep_ == "dobj" and a.head.i == gov.i):
            count = Count(q.best + 1, q.best + 1, None, count.text, count.start, count.end)
        out.append(CountMention(cat, count, gov, a))
    for q in _singular(doc, sent):
        found = _classify(doc, q, singular=True)
        if found is not None and found[0] != "participants":
            span = doc[q.start:q.end]
            out.append(CountMention(found[0], Count(1, 1, 1, span.text, span.start_char, span.end_char),
                                    found[1], doc[q.core]))
    out.sort(key=lambda m: m.count.start)
    return out
