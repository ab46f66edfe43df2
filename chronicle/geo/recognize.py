"""Toponym recognition: spaCy GPE/LOC/FAC entities, demonyms (NORP) and gazetteer names the model missed.

    >>> mentions = recognize(doc, gazetteer)     # [Mention(text, start, end, kind)]
"""
from __future__ import annotations

from dataclasses import dataclass

from .fold import fold
from .abbrev import US_ABBR as _US_ABBR
from .gazetteer import Gazetteer

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# a capitalised word after these is a person, not a place ("Mr Jordan", "Gen. Sinai")
_TITLES = {"mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "col", "capt", "lt", "sgt", "president",
           "minister", "judge", "coach", "officer", "deputy", "chief", "pastor", "rev", "st.", "saint", "lord",
           "sir", "king", "queen", "prince", "general", "commander", "mayor", "senator", "sheriff"}
# words that are gazetteer names but in news almost always mean something else
_NOT_ALONE = {"university", "police", "army", "government", "parliament", "court", "hospital", "church",
              "god", "christ", "allah", "march", "may", "june", "july", "august", "april", "monday",
              "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "reuters", "ap",
              "internet", "mass", "media", "center", "central", "north", "south", "east", "west",
              "independence", "victoria", "mobile", "of", "republic", "city", "county", "state"}


# the last word of a group's name, never of a place ("White Helmets", "Syrian Democratic Forces")
_GROUP_WORDS = {"helmets", "forces", "guards", "brigades", "brigade", "fighters", "militias", "militia",
                "rebels", "troops", "battalion", "battalions", "units", "committees", "council", "movement",
                "front", "army", "party", "police", "services", "ministry", "agency", "group", "league"}


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


def recognize(doc, gazetteer: Gazetteer, *, demonyms: bool = True, gazetteer_match: bool = True) -> list[Mention]:
    """Place mentions in a parsed doc, in text order, non-overlapping."""
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
            if span is None or _after_title(span) or _is_group(span, gazetteer):
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
        elif ent.label_ in ("PERSON", "ORG", "NORP") and len(ent) <= 2:     # NORP: "in Samarra"
            maybe.append(ent)
        for t in range(ent.start, ent.end):
            taken[t] = True
    # a name the article also gives a person ("Michael Jordan ... Jordan scored") is that person,
    # unless a preposition of place says otherwise ("flew to Jordan")
    people = {fold(t.text) for e in doc.ents if e.label_ == "PERSON" for t in e}
    if people:
        out = [m for m in out if m.kind == "demonym" or fold(m.text) not in people
               or (m.tok_start > 0 and doc[m.tok_start - 1].lower_ in _PLACE_PREPS)]
    named = {fold(m.text) for m in out}
    for ent in maybe:
        if not _after_title(ent) and _looks_placed(ent, named) and gazetteer.has(ent.text):
            if any(c.population >= 5000 or c.place.precision.value != "place" for c in gazetteer.lookup(ent.text)):
                out.append(Mention(ent.text, ent.start_char, ent.end_char, "gazetteer",
                                   tok_start=ent.start, tok_end=ent.end))
    if gazetteer_match:
        out.extend(_missed(doc, gazetteer, taken))
    out.sort(key=lambda m: m.start)
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
    if k + 1 < len(doc) and doc[k + 1].lower_ in ("punishment", "gains", "markets", "market", "flight",
                                                   "investment", "expenditure", "spending", "controls"):
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
    return len(span) > 1 and span[-1].lower_ in _GROUP_WORDS and not gazetteer.has(span.text)


def _is_area(gazetteer: Gazetteer, text: str) -> bool:
    """The whole text names a country, a continent or region, or a province."""
    if fold(text) in _NOT_ALONE:
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
    return prev in _TITLES


def _missed(doc, gazetteer: Gazetteer, taken: list[bool]) -> list[Mention]:
    """Runs of capitalised proper nouns outside every entity that name a country, a province or a
    town of 1,000+ people, with a preposition of place or a comma-qualified place around them."""
    out: list[Mention] = []
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if taken[i] or not (tok.is_title or tok.is_upper and len(tok) > 3) or tok.pos_ != "PROPN":
            i += 1
            continue
        j = i
        while j < n and not taken[j] and (doc[j].is_title or doc[j].is_upper) and doc[j].pos_ == "PROPN" and j - i < 4:
            j += 1
        span = doc[i:j]
        key = fold(span.text)
        if key not in _NOT_ALONE and not _after_title(span) and _placey_context(span):
            cands = gazetteer.lookup(span.text)
            if cands and any(c.population >= 1000 or c.place.precision.value != "place" for c in cands):
                out.append(Mention(span.text, span.start_char, span.end_char, "gazetteer",
                                   tok_start=span.start, tok_end=span.end))
        i = j
    return out


_RESIDENT_NOUNS = {"woman", "man", "men", "women", "resident", "residents", "police", "officials", "native",
                   "area", "teen", "girl", "boy", "couple", "family", "firefighters", "schools", "mayor"}


def _looks_placed(ent, named: set[str]) -> bool:
    """A PERSON/ORG span used as a place: named as a place elsewhere in the article, after a place
    preposition, in a dateline or 'X, ST', or before 'woman', 'police', 'residents' ..."""
    if fold(ent.text) in named:
        return True
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if nxt is not None and nxt.lower_ in _RESIDENT_NOUNS:
        return True
    return _placey_context(ent)


_PLACE_PREPS = {"in", "near", "at", "from", "outside", "to", "of", "into", "across", "around", "toward",
                "towards", "through", "inside", "across", "between", "via"}


def _placey_context(span) -> bool:
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    if prev is not None and prev.lower_ in _PLACE_PREPS:
        return True
    if nxt is not None and nxt.lower_ in ("region", "province", "governorate", "oblast", "district"):
        return True                                   # "the central Hiraan region"
    if nxt is not None and nxt.text in ("—", "–", "--", "(") and (prev is None or prev.is_sent_start or prev.is_punct):
        return True                                   # a dateline: "ALEXANDRIA — ..."
    if nxt is not None and nxt.text == "," and span.end + 1 < len(doc):
        q = doc[span.end + 1].text.rstrip(".").lower().replace(".", " ").strip()
        if (doc[span.end + 1].is_upper and len(doc[span.end + 1]) == 2) or q in _US_ABBR:
            return True                               # "Alexandria, La." / "Long Beach, CA"
    if nxt is not None and nxt.text == "," and span.end + 1 < len(doc) and doc[span.end + 1].ent_type_ in PLACE_LABELS:
        return True
    return False
