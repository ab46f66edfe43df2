"""Fuse: events from many articles → incidents. Many outlets report one happening with different
counts, place names and dates; `fuse` groups their events and reconciles them.

    >>> from chronicle.fuse import fuse
    >>> from chronicle.fuse.goldset import load_events
    >>> events = [e for e, _ in load_events()]          # hand-coded events of the fuse gold set
    >>> incidents = fuse(events)
    >>> len(events), len(incidents)
    (76, 27)

How: events are blocked by (country, PLOVER type, ISO week), each event entering every week its
date range touches (±1 day), so pairs across a week boundary meet; within a block, pairs that are
the same kind, near in place and time and without clashing actors become candidate links
(`compare`). Links are taken best first and two groups are joined only when no pair across them
has a hard conflict, so chains (A~B, B~C) are followed but cannot join two distinct incidents
through one vague report. Each group becomes an `Incident` (`reconcile`).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..records import Article, Event
from . import compare as cmp
from .reconcile import build_incident, report_order
from .records import Incident

__all__ = ["Incident", "Link", "conflict", "explain", "fuse", "group", "link_score"]


@dataclass(frozen=True, slots=True)
class _Item:
    event: Event
    when: cmp.When | None
    country: str | None
    sentences: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Link:
    """A candidate link between events i and j (indices into the input), with its score."""

    score: float
    i: int
    j: int


def _item(event: Event, published: dt.date | None) -> _Item:
    spans = tuple((s.start, s.end) for s in event.evidence) or ((event.trigger.start, event.trigger.end),)
    country = event.location.place.country if event.location else None
    return _Item(event, cmp.when_of(event, published), country, spans)


def _same_sentence(a: _Item, b: _Item) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a.sentences for s2, e2 in b.sentences)


def conflict(a: _Item, b: _Item) -> str | None:
    """Why two events can never be one incident, or None."""
    ea, eb = a.event, b.event
    for j in (cmp.judge_kind(ea, eb), cmp.judge_place(ea.location, eb.location),
              cmp.judge_time(a.when, b.when), cmp.judge_actors(ea, eb)):
        if j.conflict:
            return j.reason
    if ea.article_id == eb.article_id and not _same_sentence(a, b):
        # one article, two passages: the same happening only if nothing tells them apart
        same_place = (ea.location is None or eb.location is None
                      or ea.location.place.geonameid == eb.location.place.geonameid)
        same_date = ea.date is None or eb.date is None or (ea.date.start, ea.date.end) == (eb.date.start, eb.date.end)
        if not (same_place and same_date) or cmp.counts_differ(ea, eb):
            return "separate passages of one article"
    return None


def link_score(a: _Item, b: _Item) -> float | None:
    """How alike two events are, or None when they should not be linked directly."""
    ea, eb = a.event, b.event
    if ea.article_id == eb.article_id:
        return 1.0 if _same_sentence(a, b) and ea.type == eb.type and conflict(a, b) is None else None
    kind = cmp.judge_kind(ea, eb)
    place = cmp.judge_place(ea.location, eb.location)
    when = cmp.judge_time(a.when, b.when)
    actors = cmp.judge_actors(ea, eb)
    if not (kind.ok and place.ok and when.ok and actors.ok):
        return None
    # positive evidence beyond "nothing clashes": both placed, or one named actor in common
    if (ea.location is None or eb.location is None) and actors.closeness < 1.0:
        return None
    return (0.35 * place.closeness + 0.25 * when.closeness + 0.15 * kind.closeness
            + 0.15 * actors.closeness + 0.10 * cmp.count_agreement(ea, eb))


def explain(a: Event, b: Event, *, articles: Mapping[str, Article] | None = None) -> str:
    """Why two events would or would not be linked directly, for a person reading the output.

    >>> from dataclasses import replace
    >>> from chronicle.fuse.goldset import load_events
    >>> a = load_events()[0][0]
    >>> explain(a, replace(a, date=replace(a.date, start=a.date.start + dt.timedelta(days=9),
    ...                                    end=a.date.end + dt.timedelta(days=9))))
    'conflict: ...'
    """
    articles = articles or {}

    def pub(e: Event) -> dt.date | None:
        return articles[e.article_id].published if e.article_id in articles else None

    ia, ib = _item(a, pub(a)), _item(b, pub(b))
    why = conflict(ia, ib)
    if why:
        return f"conflict: {why}"
    score = link_score(ia, ib)
    if score is None:
        parts = [j.reason for j in (cmp.judge_kind(a, b), cmp.judge_place(a.location, b.location),
                                    cmp.judge_time(ia.when, ib.when), cmp.judge_actors(a, b)) if not j.ok]
        if a.article_id == b.article_id:
            parts.append("two passages of one article are linked only through other reports")
        return "no direct link: " + ("; ".join(parts) or "no place and no named actor in common")
    return f"linked: score {score:.2f}"


def _weeks(when: cmp.When | None) -> list[dt.date | None]:
    """Monday of every ISO week the range touches, widened by the day slack; None when undated."""
    if when is None:
        return [None]
    slack = cmp.INFERRED_SLACK if when.inferred else cmp.DAY_SLACK
    start = when.start - dt.timedelta(days=slack)
    end = when.end + dt.timedelta(days=slack)
    monday = start - dt.timedelta(days=start.weekday())
    out = []
    while monday <= end:
        out.append(monday)
        monday += dt.timedelta(days=7)
    return out


def candidate_pairs(items: Sequence[_Item]) -> set[tuple[int, int]]:
    """Pairs sharing a (country, type, week) block; events with no country or no date meet every
    block of their type (and week) so they are not lost, at the cost of more comparisons."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for idx, it in enumerate(items):
        for week in _weeks(it.when):
            blocks[(it.country, it.event.type, week)].append(idx)
    by_type_week: dict[tuple, list[tuple]] = defaultdict(list)
    by_country_type: dict[tuple, list[tuple]] = defaultdict(list)
    for key in blocks:
        by_type_week[(key[1], key[2])].append(key)
        by_country_type[(key[0], key[1])].append(key)
    pairs: set[tuple[int, int]] = set()

    def add(xs: list[int], ys: list[int]) -> None:
        for x in xs:
            for y in ys:
                if x != y:
                    pairs.add((min(x, y), max(x, y)))

    for (country, typ, week), members in blocks.items():
        add(members, members)
        if country is None:            # placeless: every country's block of this type and week
            for other in by_type_week[(typ, week)]:
                add(members, blocks[other])
        if week is None:               # undated: every week of this country and type
            for other in by_country_type[(country, typ)]:
                add(members, blocks[other])
    return pairs


def group(events: Sequence[Event], *, articles: Mapping[str, Article] | None = None) -> list[list[int]]:
    """Indices of `events` grouped into incidents (each group sorted, groups by first index)."""
    articles = articles or {}
    items = [_item(e, articles[e.article_id].published if e.article_id in articles else None)
             for e in events]
    links = []
    for i, j in candidate_pairs(items):
        s = link_score(items[i], items[j])
        if s is not None:
            links.append(Link(s, i, j))
    links.sort(key=lambda l: (-l.score, events[l.i].id, events[l.j].id))

    parent = list(range(len(items)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(items))}
    conflicts: dict[tuple[int, int], bool] = {}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def clash(x: int, y: int) -> bool:
        key = (min(x, y), max(x, y))
        if key not in conflicts:
            conflicts[key] = conflict(items[x], items[y]) is not None
        return conflicts[key]

    for link in links:
        ra, rb = find(link.i), find(link.j)
        if ra == rb:
            continue
        if any(clash(x, y) for x in members[ra] for y in members[rb]):
            continue
        if len(members[ra]) < len(members[rb]):
            ra, rb = rb, ra
        parent[rb] = ra
        members[ra].extend(members.pop(rb))
    return sorted((sorted(m) for m in members.values()), key=lambda g: g[0])


def fuse(events: Iterable[Event], *, articles: Mapping[str, Article] | None = None,
         include_flagged: bool = False) -> list[Incident]:
    """Group events into incidents, earliest-reported first.

    Negated, hypothetical, future and historical events are left out unless `include_flagged`.
    `articles` (id → Article) supplies publication dates (for undated events and for choosing the
    anchor that fixes each incident's id) and outlet names (for `n_sources`).
    """
    evs = [e for e in events if include_flagged or e.default_output]
    articles = articles or {}
    incidents = [build_incident([evs[i] for i in g], articles=articles)
                 for g in group(evs, articles=articles)]

    by_id = {e.id: e for e in evs}

    def first_report(inc: Incident) -> tuple:
        anchor = by_id[inc.anchor_event_id]
        art = articles.get(anchor.article_id)
        return report_order(anchor, art.published if art else None)

    return sorted(incidents, key=first_report)
