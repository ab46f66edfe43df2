"""Actors settled over the whole article, after its mentions have been merged into happenings:

- "the group", "the militants", "the insurgents" (and an unresolved "they") as the doer of violence
  are the armed group the article names, when it names one above the others;
- an unresolved "he"/"she" is the speaker of the happening just before, when that one is a person
  or a body;
- a generic actor ("protesters", "police", "civilians") belongs to the country of the place its
  happening was named at, not to the article's main country ("protesters in Manchester" in a story
  about Syria are British);
- media and page furniture are no actors and no sources ("Videos", "a statement", "Syria Map
  Middle East").
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ..records import Actor, Event
from .table import ActorTable, match_tokens, tokenize

ARMED = {"REB", "MIL_NS"}
# references to an armed group already named: "the group", "the militants", "they"
GROUP_WORDS = {"group", "militants", "militant", "insurgents", "insurgent", "jihadists", "jihadist",
               "extremists", "extremist", "terrorists", "terrorist", "fighters", "rebels", "organisation",
               "organization", "movement", "outfit", "militia", "militias", "they", "them", "it", "its", "their",
               "islamists", "jihadis", "faction"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
MEDIA = {"video", "videos", "footage", "image", "images", "photo", "photos", "picture", "pictures", "statement",
         "statements", "report", "reports", "correspondent", "correspondents", "tweet", "post", "map", "graphic",
         "headline", "headlines", "article", "story", "broadcast", "newsletter", "podcast", "clip"}
FURNITURE = {"map", "video", "videos", "watch", "live", "share", "subscribe", "advertisement", "photo", "photos",
             "image", "gallery", "click", "download", "app", "newsletter", "related", "read", "more", "sign",
             "menu", "skip", "cookie", "cookies", "copyright", "getty", "afp/getty", "reuters/"}
_DETS = {"the", "a", "an", "this", "that", "these", "those"}


def _words(text: str) -> list[str]:
    return [t.lower() for t in tokenize(text or "")]


def _content(text: str) -> list[str]:
    return [w for w in _words(text) if w not in _DETS and w != "'s"]


def _is_group_reference(a: Actor) -> bool:
    words = _content(a.text)
    return bool(words) and len(words) <= 3 and words[-1] in GROUP_WORDS and a.kind in ("UNK", "REB", "MIL_NS") \
        and (a.kind == "UNK" or a.name.startswith(("Rebels", "Militias")) or a.name == a.text)


def _is_media(a: Actor) -> bool:
    words = _content(a.text)
    return bool(words) and words[-1] in MEDIA and a.kind in ("UNK", "MED")


def _is_furniture(s: str) -> bool:
    words = _words(s)
    return bool(words) and (sum(w in FURNITURE for w in words) >= 1 and len(words) >= 3
                            or words[0] in FURNITURE)


def named_armed_group(records: Sequence[Event]) -> Actor | None:
    """The armed group the article names most (at least two thirds of the named armed mentions)."""
    tally: Counter = Counter()
    first: dict[str, Actor] = {}
    for e in records:
        for a in (*e.source, *e.target):
            if a.kind in ARMED and not _is_group_reference(a) and not a.name.startswith(("Rebels", "Militias")):
                tally[a.name] += 1
                first.setdefault(a.name, a)
        if e.control is not None:
            for a in (e.control.gained_by, e.control.lost_by):
                if a is not None and a.kind in ARMED and not _is_group_reference(a):
                    tally[a.name] += 1
                    first.setdefault(a.name, a)
    if not tally:
        return None
    name, n = tally.most_common(1)[0]
    return first[name] if n * 3 >= 2 * sum(tally.values()) else None


def _as(a: Actor, like: Actor) -> Actor:
    return Actor(text=a.text, name=like.name, kind=like.kind, country=like.country, start=a.start, end=a.end)


def _local(a: Actor, e: Event, table: ActorTable) -> Actor:
    """A generic actor re-read with the country of its happening's own place."""
    loc = e.location
    if loc is None or loc.start is None or not e.evidence or loc.place.country is None:
        return a
    if not any(s.start <= loc.start < s.end for s in e.evidence):
        return a
    iso3 = table.state_code(loc.place.country)
    if iso3 is None or iso3 == a.country:
        return a
    found = match_tokens(tokenize(a.text), table, country=None)
    if found is None or not found[0].generic or found[1] is not None:
        return a                      # a named actor, or a generic one whose own words name its country
    return table.actor_for(found[0], country=iso3, text=a.text, start=a.start, end=a.end)


def _police(e: Event, table: ActorTable) -> Actor:
    """The police of the happening's country, as the implied maker of an arrest ("was arrested")."""
    found = match_tokens(["police"], table)
    iso3 = table.state_code(e.location.place.country) if e.location is not None else None
    return table.actor_for(found[0], country=iso3, text="", start=None, end=None)


def settle(records: Sequence[Event], *, table: ActorTable | None = None) -> list[Event]:
    """The records with their actors settled over the article (see the module docstring)."""
    table = table or ActorTable.load()
    group = named_armed_group(records)
    out: list[Event] = []
    previous_speaker: Actor | None = None
    for e in sorted(records, key=lambda r: r.trigger.start):
        src = []
        for a in e.source:
            if _is_media(a):
                continue
            if group is not None and e.quad == "material conflict" and _is_group_reference(a):
                a = _as(a, group)
            elif _content(a.text) and _content(a.text)[0] in PERSON_PRONOUNS and a.name == a.text \
                    and previous_speaker is not None:
                a = _as(a, previous_speaker)
            src.append(_local(a, e, table))
        if not src and e.type == "COERCE" and e.mode == "arrest":
            src = [_police(e, table)]      # an arrest with no one named making it: the police
        tgt = [_local(a, e, table) for a in e.target if not _is_media(a)]
        attributed = tuple(x for x in e.attributed_to if not _is_furniture(x))
        control = e.control
        if control is not None and group is not None:
            gained = control.gained_by
            if gained is not None and _is_group_reference(gained):
                control = replace(control, gained_by=_as(gained, group))
        new = replace(e, source=tuple(src), target=tuple(tgt), attributed_to=attributed, control=control)
        if new.source and new.source[0].kind != "UNK" and new.source[0].name != new.source[0].text.lower():
            previous_speaker = new.source[0]
        out.append(new)
    return out
