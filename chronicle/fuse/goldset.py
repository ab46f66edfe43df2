"""The fuse gold set (written for this project): 67 short news reports of 27 invented incidents in
real places, each labelled with its incident, plus hand-coded events for them.

`gold/articles.txt` holds the reports ("### id | incident | outlet | published | title", then the
text); `gold/events.jsonl` codes each report's events as a careful human coder would (type, place,
date, actors, counts), each with the incident it belongs to and a quote that anchors it in the text;
`gold/places.json` is the small gazetteer those codes use.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..records import (Actor, Article, Count, Counts, DatePrecision, Event, EventDate, Location, Place,
                       Precision, Span)

GOLD = Path(__file__).with_name("gold")
ARTICLES = GOLD / "articles.txt"
EVENTS = GOLD / "events.jsonl"
PLACES = GOLD / "places.json"

QUADS = {
    "AGREE": "verbal cooperation", "CONSULT": "verbal cooperation", "SUPPORT": "verbal cooperation",
    "CONCEDE": "verbal cooperation", "COOPERATE": "material cooperation", "AID": "material cooperation",
    "RETREAT": "material cooperation", "REQUEST": "verbal conflict", "ACCUSE": "verbal conflict",
    "REJECT": "verbal conflict", "THREATEN": "verbal conflict", "PROTEST": "material conflict",
    "SANCTION": "material conflict", "MOBILIZE": "material conflict", "COERCE": "material conflict",
    "ASSAULT": "material conflict",
}


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    incident: str
    source: str
    published: dt.date
    title: str
    text: str

    def article(self) -> Article:
        return Article(id=self.id, text=self.text, origin=f"{ARTICLES.name}:{self.id}", title=self.title,
                       published=self.published, source=self.source, language="en")

    def jsonl(self) -> str:
        """One line of `chronicle extract` JSONL input."""
        return json.dumps({"id": self.id, "text": self.text, "published": self.published.isoformat(),
                           "title": self.title, "source": self.source})


@lru_cache(maxsize=1)
def load_articles() -> tuple[GoldArticle, ...]:
    out = []
    for chunk in re.split(r"^### ", ARTICLES.read_text(encoding="utf-8"), flags=re.M)[1:]:
        head, _, body = chunk.partition("\n")
        aid, inc, source, published, title = (x.strip() for x in head.split("|", 4))
        out.append(GoldArticle(aid, inc, source, dt.date.fromisoformat(published), title, body.strip()))
    return tuple(out)


def _place(key: str, places: dict) -> Place:
    p = places[key]
    return Place(geonameid=p["geonameid"], name=p["name"], lat=p["lat"], lon=p["lon"], country=p["country"],
                 precision=Precision(p["precision"]), admin1=p.get("admin1"))


def _actors(rows: list) -> tuple[Actor, ...]:
    return tuple(Actor(text=name, name=name, kind=kind, country=country) for name, kind, country in rows)


def _paragraph(text: str, start: int) -> Span:
    a = text.rfind("\n\n", 0, start)
    a = 0 if a < 0 else a + 2
    b = text.find("\n\n", start)
    b = len(text) if b < 0 else b
    return Span(text[a:b], a, b)


@lru_cache(maxsize=1)
def load_events() -> tuple[tuple[Event, str], ...]:
    """Every hand-coded event with its gold incident label."""
    places = json.loads(PLACES.read_text(encoding="utf-8"))
    texts = {a.id: a.text for a in load_articles()}
    out: list[tuple[Event, str]] = []
    seen: dict[str, int] = {}
    for n, line in enumerate(EVENTS.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        text = texts[row["a"]]
        start = text.find(row["q"])
        if start < 0:
            raise ValueError(f"line {n} of {EVENTS.name}: quote {row['q']!r} is not in article {row['a']}")
        seen[row["a"]] = seen.get(row["a"], 0) + 1
        start_d, end_d, prec = row["date"]
        counts = Counts(**{f: Count(lo, best, hi, txt) for f, (lo, best, hi, txt) in row["counts"].items()})
        place = _place(row["place"], places)
        out.append((Event(
            id=f"{row['a']}-e{seen[row['a']]}",
            article_id=row["a"],
            type=row["type"],
            quad=QUADS[row["type"]],
            trigger=Span(row["q"], start, start + len(row["q"])),
            evidence=(_paragraph(text, start),),
            mode=row.get("mode"),
            acled=tuple(row["acled"]) if row.get("acled") else None,
            source=_actors(row["src"]),
            target=_actors(row["tgt"]),
            location=Location(text=place.name, place=place, relation=row.get("rel")),
            date=EventDate(dt.date.fromisoformat(start_d), dt.date.fromisoformat(end_d), DatePrecision(prec)),
            counts=counts,
            certainty=row.get("cert", "reported"),
        ), row["inc"]))
    return tuple(out)


def files() -> list[Path]:
    return [ARTICLES, EVENTS, PLACES]
