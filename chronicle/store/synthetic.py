"""Synthetic, deterministic records for store tests, exports and benchmarks — and a cheap stage
that codes them, so `chronicle ingest --pipeline chronicle.store.synthetic:stages` exercises the
whole store path without loading spaCy.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Sequence

from ..pipeline import Analysis
from ..records import (Actor, Article, Control, Count, Counts, DatePrecision, Event, EventDate, Location, Place,
                       Precision, Span, Toponym)

PLACES = [
    Place(99072, "Mosul", 36.335, 43.11889, "IQ", Precision.PLACE, "Nineveh", "Mosul District", "P.PPLA"),
    Place(98182, "Baghdad", 33.34058, 44.40088, "IQ", Precision.PLACE, "Baghdad", None, "P.PPLC"),
    Place(2332459, "Lagos", 6.45407, 3.39467, "NG", Precision.PLACE, "Lagos", None, "P.PPL"),
    Place(2565340, "Borno", 11.5, 13.0, "NG", Precision.ADMIN1, "Borno", None, "A.ADM1"),
    Place(163345, "Syria", 35.0, 38.0, "SY", Precision.COUNTRY, None, None, "A.PCLI"),
]
TYPES = [  # PLOVER type, quad, mode, ACLED (type, sub-type) or None
    ("ASSAULT", "material conflict", "firearms", ("Battles", "Armed clash")),
    ("ASSAULT", "material conflict", "aerial", ("Explosions/Remote violence", "Air/drone strike")),
    ("PROTEST", "material conflict", "demo", ("Protests", "Peaceful protest")),
    ("PROTEST", "material conflict", "riot", ("Riots", "Violent demonstration")),
    ("COERCE", "material conflict", "arrest", ("Strategic developments", "Arrests")),
    ("ACCUSE", "verbal conflict", None, None),
    ("SUPPORT", "verbal cooperation", None, None),
]
ACTORS = [
    Actor("militants", "Islamic State", "REB", None), Actor("Iraqi forces", "Iraqi Security Forces", "MIL", "IRQ"),
    Actor("police", "Nigeria Police Force", "POL", "NGA"), Actor("protesters", "Protesters (Nigeria)", "PRO", "NGA"),
    Actor("villagers", "Civilians (Iraq)", "CVL", "IRQ"), Actor("the UN", "United Nations", "IGO", None),
    Actor("US troops", "US Military", "MIL", "USA"), Actor("a militia", "Popular Mobilization Forces", "MIL_NS", "IRQ"),
]


def article(i: int, *, text: str | None = None, published: dt.date = dt.date(2014, 6, 11)) -> Article:
    """Article number i (its text says which, so its content hash is distinct)."""
    body = text or (f"Report {i}. Fighters attacked positions near the town on Sunday, officials said. "
                    f"At least {i % 17 + 1} people were killed.")
    return Article(id=f"art-{i:05d}", text=body, origin=f"synthetic:{i}", title=f"Report {i}",
                   published=published, url=f"https://news.example/{i}", language="en",
                   source="Example Wire")


def event(art: Article, j: int, *, n: int | None = None) -> Event:
    """The j-th event of an article: fields vary with (article, j) so every column is exercised."""
    k = int(hashlib.sha1(f"{art.id}/{j}".encode()).hexdigest()[:8], 16) if n is None else n
    typ, quad, mode, acled = TYPES[k % len(TYPES)]
    place = PLACES[(k // 7) % len(PLACES)]
    src = ACTORS[k % len(ACTORS)]
    tgt = ACTORS[(k // 3 + 1) % len(ACTORS)]
    start = (art.published or dt.date(2014, 6, 11)) - dt.timedelta(days=k % 5)
    prec = [DatePrecision.DAY, DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH][k % 4]
    sent = art.text.split(". ")[min(j, len(art.text.split(". ")) - 1)]
    s0 = max(art.text.find(sent), 0)
    killed = Count(k % 20, k % 20 + 1, k % 20 + 5, f"at least {k % 20}") if k % 3 else None
    return Event(
        id=f"{art.id}-e{j}", article_id=art.id, type=typ, quad=quad, mode=mode,
        trigger=Span(sent.split()[0], s0, s0 + len(sent.split()[0])),
        evidence=(Span(sent, s0, s0 + len(sent)),), contexts=("military",) if typ == "ASSAULT" else (),
        acled=acled, source=(src,) if k % 5 else (src, ACTORS[(k + 2) % len(ACTORS)]), target=(tgt,),
        location=Location(place.name, place, s0, s0 + len(place.name), "near" if k % 11 == 0 else "in"),
        date=EventDate(start, start + dt.timedelta(days=0 if prec is DatePrecision.DAY else 6), prec, "on Sunday"),
        counts=Counts(killed=killed, displaced=Count(None, 500000, None, "about 500,000") if k % 13 == 0 else None),
        certainty=["reported", "confirmed", "claimed", "unconfirmed"][k % 4],
        attributed_to=("officials",) if k % 2 else (), negated=k % 29 == 0, confidence=(k % 100) / 100,
        control=Control(src, tgt) if typ == "ASSAULT" and k % 3 == 0 else None,
    )


def analysis(i: int, *, events: int = 3, text: str | None = None) -> Analysis:
    art = article(i, text=text)
    toponyms = tuple(Toponym(p.name, 0, len(p.name), p, 0.9) for p in PLACES[:2])
    return Analysis(article=art, toponyms=toponyms, events=tuple(event(art, j) for j in range(events)))


class CodeSynthetic:
    """A stand-in for the real coding stages: a few synthetic events per article, optionally slow."""

    name = "synthetic"
    needs = frozenset({"article.text"})
    provides = frozenset({"events", "toponyms"})

    def __init__(self, *, events: int = 3, delay: float = 0.0):
        self.events = events
        self.delay = delay

    def run(self, batch: Sequence[Analysis]) -> list[Analysis]:
        out = []
        for a in batch:
            if self.delay:
                time.sleep(self.delay)
            out.append(a.with_(events=tuple(event(a.article, j) for j in range(self.events)),
                               toponyms=(Toponym(PLACES[0].name, 0, 5, PLACES[0], 0.9),)))
        return out


def stages(settings) -> list:
    """`--pipeline chronicle.store.synthetic:stages`: a cheap pipeline for store tests (no spaCy)."""
    return [CodeSynthetic(delay=0.01)]
