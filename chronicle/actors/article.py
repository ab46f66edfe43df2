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

from ..knowledge import Knowledge, shipped
from ..knowledge.schema import ArticleWords
from ..records import Actor, Event
from .table import ActorTable, match_tokens, tokenize

ARMED = {"REB", "MIL_NS"}


def _words(text: str) -> list[str]:
    return [t.lower() for t in tokenize(text or "")]


def _content(text: str, aw: ArticleWords) -> list[str]:
    return [w for w in _words(text) if w not in aw.determiners and w != "'s"]


def _is_group_reference(a: Actor, aw: ArticleWords) -> bool:
    words = _content(a.text, aw)
    return bool(words) and len(words) <= 3 and words[-1] in aw.group_words and a.kind in ("UNK", "REB", "MIL_NS") \
        and (a.kind == "UNK" or a.name.startswith(("Rebels", "Militias")) or a.name == a.text)


def _is_media(a: Actor, aw: ArticleWords) -> bool:
    words = _content(a.text, aw)
    return bool(words) and words[-1] in aw.media and a.kind in ("UNK", "MED")


def _is_furniture(s: str, aw: ArticleWords) -> bool:
    words = _words(s)
    return bool(words) and (sum(w in aw.furniture for w in words) >= 1 and len(words) >= 3
                            or words[0] in aw.furniture)


def named_armed_group(records: Sequence[Event], *, knowledge: Knowledge | None = None) -> Actor | None:
    """The armed group the article names most (at least two thirds of the named armed mentions)."""
    aw = (knowledge or shipped()).actors.article
    tally: Counter = Counter()
    first: dict[str, Actor] = {}
    for e in records:
        for a in (*e.source, *e.target):
            if a.kind in ARMED and not _is_group_reference(a, aw) and not a.name.startswith(("Rebels", "Militias")):
                tally[a.name] += 1
                first.setdefault(a.name, a)
        if e.control is not None:
            for a in (e.control.gained_by, e.control.lost_by):
                if a is not None and a.kind in ARMED and not _is_group_reference(a, aw):
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


def settle(records: Sequence[Event], *, table: ActorTable | None = None,
           knowledge: Knowledge | None = None) -> list[Event]:
    """The records with their actors settled over the article (see the module docstring)."""
    table = table or ActorTable.load()
    kn = knowledge or shipped()
    aw = kn.actors.article
    group = named_armed_group(records, knowledge=kn)
    out: list[Event] = []
    previous_speaker: Actor | None = None
    for e in sorted(records, key=lambda r: r.trigger.start):
        src = []
        for a in e.source:
            if _is_media(a, aw):
                continue
            if group is not None and e.quad == "material conflict" and _is_group_reference(a, aw):
                a = _as(a, group)
            elif _content(a.text, aw) and _content(a.text, aw)[0] in aw.person_pronouns and a.name == a.text \
                    and previous_speaker is not None:
                a = _as(a, previous_speaker)
            src.append(_local(a, e, table))
        if not src and e.type == "COERCE" and e.mode == "arrest":
            src = [_police(e, table)]      # an arrest with no one named making it: the police
        tgt = [_local(a, e, table) for a in e.target if not _is_media(a, aw)]
        attributed = tuple(x for x in e.attributed_to if not _is_furniture(x, aw))
        control = e.control
        if control is not None and group is not None:
            gained = control.gained_by
            if gained is not None and _is_group_reference(gained, aw):
                control = replace(control, gained_by=_as(gained, group))
        new = replace(e, source=tuple(src), target=tuple(tgt), attributed_to=attributed, control=control)
        if new.source and new.source[0].kind != "UNK" and new.source[0].name != new.source[0].text.lower():
            previous_speaker = new.source[0]
        out.append(new)
    return out
