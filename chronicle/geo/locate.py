"""The event's place: the toponym tied to the trigger in the parse ("in", "near", "outside",
"north of" X), else one in the trigger's sentence, else the article's focus.
Never a capital by default: the focus is the town the article is about, else a province or a country,
never a capital standing in for its country.
"""
from __future__ import annotations

import re

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ..knowledge import shipped
from ..records import Location, Place, Precision, Toponym
from .attach import choose_place, ranked
from .mentions import Mention

def mentions_from_toponyms(doc, toponyms: Sequence[Toponym], *, gazetteer=None) -> list[Mention]:
    out = []
    for t in toponyms:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        kind = "demonym" if gazetteer is not None and not gazetteer.has(t.text) and gazetteer.demonym(t.text) else "entity"
        out.append(Mention(t.text, t.start, t.end, kind, tok_start=span.start, tok_end=span.end))
    return out


# the town an article is about: named at least twice, at least half of the mentions of towns in its
# main area. Measured with `chronicle eval articles`, place on matched happenings, tune / held-out:
# without it 0.573 / 0.583; share 0.5 (chosen on tune) 0.598 / 0.597; 0.4 the same; 0.6 0.585 / 0.597;
# 0.8 0.573 / 0.597. Tried and left: the town as the focus area itself (tune 0.602 / held-out 0.630)
# also moves the previous event's place and the merge's place clashes (counts and dates shift).
TOWN_MENTIONS = 2
TOWN_SHARE = 0.5


def focus_town(toponyms: Sequence[Toponym], area: Place | None) -> Place | None:
    """The town the article is about, when one dominates the towns of its main area (named at least
    twice, at least half of their mentions): where an event whose own sentences name no place is put,
    rather than the whole area. A capital is it only when the article is about the capital, never as
    the stand-in for its country."""
    if area is None:
        return None
    places = [t.place for t in toponyms if t.place is not None and t.place.precision == Precision.PLACE
              and _within(t.place, area)]
    towns = Counter(p.geonameid for p in places)
    if not towns:
        return None
    gid, k = towns.most_common(1)[0]
    if k >= TOWN_MENTIONS and k >= TOWN_SHARE * sum(towns.values()):
        return next(p for p in places if p.geonameid == gid)
    return None


def focus(toponyms: Sequence[Toponym]) -> Place | None:
    """The article's main area at a coarse precision: its most named province if one dominates,
    else its most named country; never a city (so never a capital by default; see focus_town)."""
    places = [t.place for t in toponyms if t.place is not None]
    if not places:
        return None
    countries = Counter(p.country for p in places if p.country)
    if not countries:
        return None
    cc, _ = countries.most_common(1)[0]
    country = next((p for p in places if p.country == cc and p.precision == Precision.COUNTRY), None)
    admin = Counter((p.admin1 or (p.name if p.precision == Precision.ADMIN1 else None))
                    for p in places if p.country == cc and p.precision != Precision.COUNTRY)
    admin.pop(None, None)
    if admin:
        name, k = admin.most_common(1)[0]
        if k >= 2 and k >= 0.6 * sum(admin.values()):
            a1 = next((p for p in places if p.precision == Precision.ADMIN1 and p.name == name), None)
            if a1 is not None:
                return a1
    return country


def located_mentions(doc, toponyms: Sequence[Toponym], *, gazetteer=None) -> list[tuple[Mention, Toponym]]:
    """(mention, toponym) for every resolved toponym: computed once per article, not per event."""
    resolved = [t for t in toponyms if t.place is not None]
    mentions = mentions_from_toponyms(doc, resolved, gazetteer=gazetteer)
    by_start = {t.start: t for t in resolved}
    return [(m, by_start[m.start]) for m in mentions]


def locate_event(event, doc, toponyms: Sequence[Toponym], *, article_focus: Place | None, gazetteer=None,
                 previous: Location | None = None, mentions: list[tuple[Mention, Toponym]] | None = None,
                 article_town: Place | None = None):
    """The event with its `location` set (dataclasses.replace), or unchanged when nothing fits.

    The place of the trigger's sentence chosen by attach.choose_place; when none is (no place, or
    only places that are not where it happened: "Humvees supplied by the United States"), the
    sentence's likeliest place inside the article's focus area and finer than it; else the place of
    the event just before it (`previous`, from this or the two sentences before) if it lies in the
    focus; else the focus itself."""
    if not toponyms and article_focus is None and previous is None:
        return event
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None:
        return event
    pairs = mentions if mentions is not None else located_mentions(doc, toponyms, gazetteer=gazetteer)
    sent = span.root.sent           # only the trigger's sentence's places can be chosen below
    pairs = [(m, t) for m, t in pairs if sent.start <= m.tok_start < sent.end]
    mentions = [m for m, _ in pairs]
    by_start = {m.start: t for m, t in pairs}
    # where it was said, far from the story ("In Geneva, the UN rights chief said air strikes ..."),
    # is not where it happened; a speaker inside the story's area usually is ("In Kyiv, the mayor said")
    mentions = [m for m in mentions if article_focus is None or _within(by_start[m.start].place, article_focus)
                or not reporting_place(doc, span.root.i, m)]
    m, rel, _ = choose_place(doc, span.root.i, mentions, gazetteer=gazetteer)
    if m is not None:
        t = by_start[m.start]
        return replace(event, location=Location(t.text, t.place, t.start, t.end, relation=rel))
    if article_focus is not None:
        # the sentence's own place inside the article's area ("A police officer in Samarra said ...
        # killed in clashes on the city's outskirts") before the previous event's or the focus
        for c in ranked(doc, span.root.i, mentions, gazetteer=gazetteer):
            t = by_start[c.start]
            if _within(t.place, article_focus) and _finer(t.place, article_focus):
                return replace(event, location=Location(t.text, t.place, t.start, t.end, relation="sentence"))
    if previous is not None and previous.place is not None and previous.start is not None \
            and _near_before(doc, previous.start, span.root.i) \
            and (article_focus is None or _within(previous.place, article_focus)):
        return replace(event, location=Location(previous.text, previous.place, None, None, relation="context"))
    if article_town is not None:
        return replace(event, location=Location(article_town.name, article_town, None, None, relation=None))
    if article_focus is not None:
        return replace(event, location=Location(article_focus.name, article_focus, None, None, relation=None))
    return event


def reporting_place(doc, trigger: int, m: Mention) -> bool:
    """The place where something was said, not where the reported event happened: "In Geneva, the
    UN rights chief said air strikes on markets ... might amount to war crimes" (Geneva hangs on
    'said'; the strikes sit in its reported clause)."""
    tok = doc[trigger]
    child = tok
    for anc in tok.ancestors:
        if anc.lemma_.lower() in shipped().geo.locate.report_verbs and child.dep_ in ("ccomp", "parataxis", "xcomp"):
            inside = {t.i for t in child.subtree}
            if any(i in inside for i in range(m.tok_start, m.tok_end)):
                return False
            speech = {t.i for t in anc.subtree}
            return all(i in speech for i in range(m.tok_start, m.tok_end))
        child = anc
    return False


def _near_before(doc, char: int, trigger: int, back: int = 2) -> bool:
    """The character offset lies in the trigger's sentence or the `back` sentences before it."""
    sent = doc[trigger].sent
    start = sent.start
    for _ in range(back):
        if start > 0:
            start = doc[start - 1].sent.start
    return doc[start].idx <= char < sent.end_char


_ORDER = {Precision.COUNTRY: 0, Precision.ADMIN1: 1, Precision.ADMIN2: 2, Precision.UNRESOLVED: 3, Precision.PLACE: 3}


def _finer(place: Place, area: Place) -> bool:
    return _ORDER[place.precision] > _ORDER[area.precision]


def _within(place: Place, area: Place) -> bool:
    """The place is the area or lies inside it (same country; same province when the area is one)."""
    if place.country != area.country:
        return False
    if area.precision == Precision.ADMIN1:
        return place.admin1 == area.name or place.name == area.name
    return True


_DATELINE_PLACE = re.compile(
    r"^\s*(?:This story is from [A-Za-z]+ \d{1,2}, \d{4}\s+)?"       # an archive's own date line
    r"(?P<name>[A-Za-z][A-Za-z'’.\-]*(?:[ \-][A-Za-z][A-Za-z'’.\-]*){0,2})"
    r"\s*(?::|,\s+(?=[A-Z][a-z]+\.? \d|[A-Z][a-z]+,|[A-Z]{2})|\s+\(|\s+[\u2014\u2013]|\s+--)")


def dateline_place(text: str, gazetteer, area: Place | None = None) -> Place | None:
    """The town a report is filed from: the name opening it before a colon, a comma and a date or
    country, or the outlet in brackets ("new delhi: ...", "KANDAHAR, Afghanistan, Oct. 3 (Xinhua)").
    Only a town of the article's area (when it has one) of at least 10,000 people counts."""
    if gazetteer is None:
        return None
    m = _DATELINE_PLACE.match(text[:200])
    if not m:
        return None
    best = None
    for c in gazetteer.lookup(m.group("name")):
        p = c.place
        if p.precision != Precision.PLACE or c.population < 10_000:
            continue
        if area is not None and p.country != area.country:
            continue
        best = p
        break
    return best
