"""Toponym recognition: spaCy GPE/LOC/FAC entities, demonyms (NORP) and gazetteer names the model missed.

    >>> doc = nlp("Gunmen attacked a checkpoint near Baghdad, Iraqi officials said.")
    >>> [(m.text, m.kind) for m in recognize(doc, gaz)]     # [Mention(text, start, end, kind, ...)]
    [('Baghdad', 'entity'), ('Iraqi', 'demonym')]
"""
from __future__ import annotations

from ..knowledge import shipped
from .fold import fold
from .gate import gate
from .gazetteer import Gazetteer
from .mentions import Mention

PLACE_LABELS = {"GPE", "LOC", "FAC"}


def _words():
    """The word classes of recognition (chronicle/knowledge/words/geo.toml [recognize]), from the shipped
    knowledge (loaded once per process)."""
    return shipped().geo.recognize


def recognize(doc, gazetteer: Gazetteer, *, demonyms: bool = True, gazetteer_match: bool = True,
              gated: bool = True) -> list[Mention]:
    """Place mentions in a parsed doc, in text order, non-overlapping; `gated`: only those the
    trained gate (gate.py) keeps."""
    out = _proposals(doc, gazetteer, demonyms=demonyms, gazetteer_match=gazetteer_match)
    if gated:
        out = gate(doc, out, gazetteer)
    return out


def _proposals(doc, gazetteer: Gazetteer, *, demonyms: bool, gazetteer_match: bool) -> list[Mention]:
    out: list[Mention] = []
    taken = [False] * len(doc)
    maybe = []                                        # PERSON/ORG spans that may be mislabelled places
    for ent in doc.ents:
        cap = _capital_phrase(ent, gazetteer) if demonyms and ent.label_ in ("NORP", "GPE") else None
        if cap is not None:
            span, cc = cap
            out.append(Mention(span.text, span.start_char, span.end_char, "capital", country=cc,
                               tok_start=span.start, tok_end=span.end))
            for t in range(span.start, span.end):
                taken[t] = True
            continue
        if ent.label_ in PLACE_LABELS:
            span = _trim(ent)
            if span is None or _after_title(span) or _is_group(span, gazetteer) or _names_a_body(span, gazetteer):
                continue
            out.append(Mention(span.text, span.start_char, span.end_char, "entity",
                               tok_start=span.start, tok_end=span.end))
        elif ent.label_ == "NORP" and demonyms and (gazetteer.demonym(ent.text) or _is_area(gazetteer, ent.text)):
            cc = gazetteer.demonym(ent.text)              # "Iraqi" → Iraq; "African" → Africa
            out.append(Mention(ent.text, ent.start_char, ent.end_char, "demonym", country=cc,
                               tok_start=ent.start, tok_end=ent.end))
        elif ent.label_ == "ORG" and _is_area(gazetteer, ent.text) and not _after_title(ent):
            # "EU", a state's name the model took for an organisation; never a PERSON ("Jordan")
            out.append(Mention(ent.text, ent.start_char, ent.end_char, "entity",
                               tok_start=ent.start, tok_end=ent.end))
        elif ent.label_ in _MAYBE_LABELS and len(ent) <= 2:     # NORP: "in Samarra"; PRODUCT: "of Manbij"
            maybe.append(ent)
        for t in range(ent.start, ent.end):
            taken[t] = True
    # a name the article also gives a person ("Michael Jordan ... Jordan scored") is that person,
    # unless a preposition of place says otherwise ("flew to Jordan")
    people = {fold(t.text) for e in doc.ents if e.label_ == "PERSON" for t in e}
    if people:
        out = [m for m in out if m.kind == "demonym" or fold(m.text) not in people
               or (m.tok_start > 0 and doc[m.tok_start - 1].lower_ in _words().place_preps)]
    named = {fold(m.text) for m in out}
    # a one-word 'person' never part of a longer person's name that is a country, a province or a city
    in_long = {fold(t.text) for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    for ent in maybe:
        if _LONE_PERSON and ent.label_ == "PERSON" and len(ent) == 1 and fold(ent.text) not in in_long and not _after_title(ent) \
                and fold(ent.text) not in _words().not_alone and any(
                    c.place.precision.value in ("country", "admin1") or c.population >= 200000
                    for c in gazetteer.lookup(ent.text)[:3]):
            out.append(Mention(ent.text, ent.start_char, ent.end_char, "gazetteer",
                               tok_start=ent.start, tok_end=ent.end))
            continue
        if not _after_title(ent) and _looks_placed(ent, named) and gazetteer.has(ent.text):
            if any(c.population >= 5000 or c.place.precision.value != "place" for c in gazetteer.lookup(ent.text)):
                out.append(Mention(ent.text, ent.start_char, ent.end_char, "gazetteer",
                                   tok_start=ent.start, tok_end=ent.end))
    if gazetteer_match:
        out.extend(_missed(doc, gazetteer, taken, {fold(m.text) for m in out}))
        used = [False] * len(doc)
        for m in out:
            for t in range(m.tok_start, m.tok_end):
                used[t] = True
        named = {fold(m.text) for m in out}
        for m in (_coordinated(doc) + _streets(doc) + _party_towns(doc) + _hyphenated(doc, gazetteer, demonyms)
                  + _modifiers(doc, gazetteer, demonyms, named)):
            if not any(used[m.tok_start:m.tok_end]):
                out.append(m)
                for t in range(m.tok_start, m.tok_end):
                    used[t] = True
    out.sort(key=lambda m: m.start)
    return out


_NAME_LABELS = {"ORG", "FAC", "PERSON", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"}
# entity labels a small model gives place names it does not know ("in the town of Manbij": PRODUCT)
_MAYBE_LABELS = {"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"}


def _modifiers(doc, gazetteer: Gazetteer, demonyms: bool, named: set[str]) -> list[Mention]:
    """A place naming a body, a building or an event: 'the Georgia Public Service Commission',
    'Butler County Sheriff's Office', 'the Russian Foreign Ministry' (kind 'modifier', or 'demonym').
    A town under 100k people or a district only before a local body ('Hopkinton Police') or when the article names
    it as a place elsewhere."""
    out: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in _NAME_LABELS and not (ent.label_ in PLACE_LABELS and _names_a_body(_trim(ent), gazetteer)):
            continue
        span = _trim(ent)
        if span is None or len(span) < 2 or _after_title(span):
            continue
        of = next((t.i for t in span if t.lower_ == "of"), None)
        if ent.label_ != "PERSON" and of is not None and span.end - of - 1 in (1, 2, 3):
            tail = doc[of + 1:span.end]              # 'Bank of Canada', 'University of Cincinnati'
            if all(t.is_title or t.is_upper for t in tail) and fold(tail.text) not in _words().not_alone and any(
                    c.place.precision.value in ("country", "admin1") or c.population >= _MODIFIER_POP
                    for c in gazetteer.lookup(tail.text)[:3]):
                out.append(Mention(tail.text, tail.start_char, tail.end_char, "modifier",
                                   tok_start=tail.start, tok_end=tail.end))
        for k in range(min(len(span) - 1, 4), 0, -1):
            head = span[:k]
            if not all(t.is_title or t.is_upper for t in head):
                continue
            key = fold(head.text)
            if key in _words().not_alone or key in _words().not_modifier:
                continue
            if head[-1].lower_ == "county" and k > 1:
                out.append(Mention(head.text, head.start_char, head.end_char, "modifier",
                                   tok_start=head.start, tok_end=head.end))
                break
            if ent.label_ == "PERSON":
                continue
            cc = gazetteer.demonym(head.text) if demonyms else None
            if cc is not None and not gazetteer.has(head.text):
                out.append(Mention(head.text, head.start_char, head.end_char, "demonym", country=cc,
                                   tok_start=head.start, tok_end=head.end))
                break
            cands = gazetteer.lookup(head.text)[:3]
            if any(c.place.precision.value in ("country", "admin1") or c.population >= _MODIFIER_POP
                   for c in cands) or cands and (key in named or span[k].lower_ in _words().local_bodies):
                out.append(Mention(head.text, head.start_char, head.end_char, "modifier",
                                   tok_start=head.start, tok_end=head.end))
                break
    return out


_MODIFIER_POP = 100000
_LONE_PERSON = True


def _names_a_body(span, gazetteer: Gazetteer) -> bool:
    """A place entity that is a body's or a building's name headed by a place, unless the gazetteer knows it."""
    return span is not None and len(span) > 1 and span[-1].lower_ in _words().body_end and not gazetteer.has(span.text)

_PARTIES = {"R", "D", "I", "DFL"}


def _coordinated(doc) -> list[Mention]:
    """Names sharing a plural place noun: 'Barrow, Jackson and Madison counties', 'Lakeview and
    Harrison streets', 'the Williams and Cranberry rivers'."""
    out: list[Mention] = []
    for tok in doc:
        kind = _words().plural_kinds.get(tok.lower_)
        if kind is None or tok.i == 0 or not doc[tok.i - 1].is_title:
            continue
        names, j, end = [], tok.i - 1, tok.i
        while j >= 0:
            if doc[j].is_title and doc[j].pos_ == "PROPN":
                j -= 1
                continue
            if j + 1 < end:
                names.append(doc[j + 1:end])
            if doc[j].text in (",", "and", "&") or doc[j].lower_ == "or":
                end = j
                j -= 1
                if doc[j + 1].text == "," and j >= 0 and doc[j].lower_ == "and":
                    end = j
                    j -= 1
                continue
            break
        else:
            if end > 0:
                names.append(doc[0:end])
        if len(names) >= 2:
            out.extend(Mention(sp.text, sp.start_char, sp.end_char, kind, tok_start=sp.start, tok_end=sp.end)
                       for sp in names if not _after_title(sp))
    return out


def _party_towns(doc) -> list[Mention]:
    """A legislator's home town: 'Barbara Lee, D-Oakland,' / 'R-Elbow Lake'."""
    out: list[Mention] = []
    n = len(doc)
    for i in range(1, n - 2):
        if doc[i].text in _PARTIES and doc[i + 1].text == "-" and doc[i - 1].text in (",", "(") and doc[i + 2].is_title:
            j = i + 2
            while j < n and j - i < 5 and doc[j].is_title:
                j += 1
            span = doc[i + 2:j]
            out.append(Mention(span.text, span.start_char, span.end_char, "gazetteer",
                               tok_start=span.start, tok_end=span.end))
    return out


def _streets(doc) -> list[Mention]:
    """'Clearview Drive', '420 Augusta St.', 'Royal Street': capitalised words and a street word."""
    out: list[Mention] = []
    for tok in doc:
        if tok.lower_ not in _words().street_words or not tok.is_title or tok.i == 0:
            continue
        i = tok.i
        while i > 0 and tok.i - i < 3 and doc[i - 1].is_title and doc[i - 1].pos_ == "PROPN" \
                and not doc[i - 1].is_sent_start:
            i -= 1
        if i == tok.i or _after_title(doc[i:tok.i]) or fold(doc[i].text) in _words().not_modifier:
            continue
        if doc[tok.i - 1].text.endswith(".") and len(doc[tok.i - 1]) <= 3:
            continue                                  # a person: "Virginia L. Lane", "Reverend Dr."
        span = doc[i:tok.i + 1]
        out.append(Mention(span.text, span.start_char, span.end_char, "street",
                           tok_start=span.start, tok_end=span.end))
    return out


def _capital_phrase(ent, gazetteer: Gazetteer):
    """'the Somali capital' / "Iraq's capital" (not 'capital city of ...' nor 'capital punishment'):
    the span from the country word to 'capital', and the country's code."""
    doc = ent.doc
    k = ent.end
    if k < len(doc) and doc[k].text in ("'s", "’s", "'"):
        k += 1
    if k >= len(doc) or doc[k].lower_ != "capital":
        return None
    if k + 1 < len(doc) and doc[k + 1].lower_ in _words().not_capital_city:
        return None
    cc = gazetteer.demonym(ent.text)
    if cc is None:
        c = next((c for c in gazetteer.lookup(ent.text)[:1] if c.place.precision.value == "country"), None)
        cc = c.place.country if c else None
    if cc is None or gazetteer.capital(cc) is None:
        return None
    return doc[ent.start:k + 1], cc


def _is_group(span, gazetteer: Gazetteer) -> bool:
    """An armed group's or a body's name ('White Helmets'), unless the gazetteer knows the whole name."""
    return len(span) > 1 and span[-1].lower_ in _words().group_words and not gazetteer.has(span.text)


def _is_area(gazetteer: Gazetteer, text: str) -> bool:
    """The whole text names a country, a continent or region, or a province."""
    if fold(text) in _words().not_alone:
        return False
    return any(c.place.precision.value in ("country", "admin1") and c.population > 0 or c.feature.startswith("L.")
               for c in gazetteer.lookup(text)[:3])


def _trim(span):
    """Drop a leading 'the' and trailing possessive from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in ("the", "a"):
        start += 1
    while end > start and doc[end - 1].text in ("'s", "’s", "'", "’"):
        end -= 1
    if start >= end or not any(c.isalpha() for c in doc[start:end].text):
        return None
    return doc[start:end]


def _after_title(span) -> bool:
    if span.start == 0:
        return False
    prev = span.doc[span.start - 1].lower_.rstrip(".")
    return prev in _words().titles


def _missed(doc, gazetteer: Gazetteer, taken: list[bool], named: set[str] = frozenset()) -> list[Mention]:
    """Runs of capitalised proper nouns outside every entity that name a country, a province or a
    town of 1,000+ people, with a preposition of place or a comma-qualified place around them."""
    out: list[Mention] = []
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if taken[i] or not (tok.is_title or tok.is_upper and len(tok) > 3):
            i += 1
            continue
        if tok.pos_ != "PROPN":
            # a name the tagger took for a common noun ("In Rusape, residents ..."): one capitalised
            # word inside a sentence right after a place preposition, naming a town of 10,000+ or an area
            if _untagged_town(doc, i, taken, gazetteer):
                out.append(Mention(tok.text, tok.idx, tok.idx + len(tok), "gazetteer", tok_start=i, tok_end=i + 1))
            i += 1
            continue
        j = i
        while j < n and not taken[j] and (doc[j].is_title or doc[j].is_upper) and doc[j].pos_ == "PROPN" and j - i < 4:
            j += 1
        span = doc[i:j]
        key = fold(span.text)
        if key not in _words().not_alone and not _after_title(span) and _looks_placed(span, named):
            cands = gazetteer.lookup(span.text)
            if cands and any(c.population >= 1000 or c.place.precision.value != "place" for c in cands):
                out.append(Mention(span.text, span.start_char, span.end_char, "gazetteer",
                                   tok_start=span.start, tok_end=span.end))
        i = j
    return out


def _untagged_town(doc, i: int, taken: list[bool], gazetteer: Gazetteer) -> bool:
    tok = doc[i]
    if tok.is_sent_start or i == 0 or doc[i - 1].lower_ not in _words().place_preps or not tok.is_title \
            or fold(tok.text) in _words().not_alone or (i + 1 < len(doc) and doc[i + 1].is_title and not taken[i + 1]):
        return False
    return any(c.population >= 10_000 or c.place.precision.value in ("country", "admin1")
               for c in gazetteer.lookup(tok.text)[:5])


def _looks_placed(ent, named: set[str]) -> bool:
    """A PERSON/ORG span used as a place: named as a place elsewhere in the article, after a place
    preposition, in a dateline or 'X, ST', or before 'woman', 'police', 'residents' ..."""
    if fold(ent.text) in named:
        return True
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if nxt is not None and nxt.lower_ in _words().resident_nouns:
        return True
    return _placey_context(ent)


def _hyphenated(doc, gazetteer: Gazetteer, demonyms: bool) -> list[Mention]:
    """Places joined by a hyphen: 'an EU-Israel summit', 'Israeli-Egyptian peace', 'Sligo-based'."""
    out: list[Mention] = []
    n = len(doc)
    for i in range(n - 2):
        if doc[i + 1].text != "-" or doc[i].whitespace_ or doc[i + 1].whitespace_:
            continue
        a, b = doc[i], doc[i + 2]
        if b.lower_ == "based" and (a.is_title or a.is_upper) and fold(a.text) not in _words().not_alone:
            if any(c.population >= 1000 or c.place.precision.value != "place" for c in gazetteer.lookup(a.text)):
                out.append(Mention(a.text, a.idx, a.idx + len(a), "gazetteer", tok_start=a.i, tok_end=a.i + 1))
            continue
        if not ((a.is_title or a.is_upper) and (b.is_title or b.is_upper)):
            continue
        for t in (a, b):
            m = _area_or_demonym(t, gazetteer, demonyms)
            if m is not None:
                out.append(m)
    return out


def _area_or_demonym(tok, gazetteer: Gazetteer, demonyms: bool) -> Mention | None:
    if fold(tok.text) in _words().not_alone:
        return None
    if _is_area(gazetteer, tok.text):
        return Mention(tok.text, tok.idx, tok.idx + len(tok), "entity", tok_start=tok.i, tok_end=tok.i + 1)
    cc = gazetteer.demonym(tok.text) if demonyms else None
    if cc is not None:
        return Mention(tok.text, tok.idx, tok.idx + len(tok), "demonym", country=cc, tok_start=tok.i, tok_end=tok.i + 1)
    return None


def _placey_context(span) -> bool:
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    if prev is not None and prev.lower_ in _words().place_preps:
        return True
    if nxt is not None and nxt.lower_ in ("region", "province", "governorate", "oblast", "district"):
        return True                                   # "the central Hiraan region"
    if nxt is not None and nxt.text in ("—", "–", "--", "(") and (prev is None or prev.is_sent_start or prev.is_punct):
        return True                                   # a dateline: "ALEXANDRIA — ..."
    if nxt is not None and nxt.text == "," and span.end + 1 < len(doc):
        q = doc[span.end + 1].text.rstrip(".").lower().replace(".", " ").strip()
        if (doc[span.end + 1].is_upper and len(doc[span.end + 1]) == 2) or q in shipped().geo.us_states:
            return True                               # "Alexandria, La." / "Long Beach, CA"
    if nxt is not None and nxt.text == "," and span.end + 1 < len(doc) and doc[span.end + 1].ent_type_ in PLACE_LABELS:
        return True
    return False
