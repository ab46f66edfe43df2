"""Records that cross stage boundaries: frozen dataclasses, never loose dicts.

The JSON shape of `Event.to_json()` is the contract in DESIGN.md ("The event record"): field names
are never renamed, only added.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any


class Precision(str, Enum):
    """How exact a place is."""

    PLACE = "place"
    ADMIN2 = "admin2"
    ADMIN1 = "admin1"
    COUNTRY = "country"
    UNRESOLVED = "unresolved"   # a named place no gazetteer entry fits: no geonameid; the point of
                                # the area the text puts it in (admin1/admin2/country say which)


class DatePrecision(str, Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


CERTAINTIES = ("confirmed", "reported", "claimed", "alleged", "unconfirmed")
ACTOR_KINDS = ("GOV", "MIL", "POL", "REB", "MIL_NS", "PTY", "OPP", "CVL", "PRO", "REF", "IGO",
               "NGO", "MED", "JUD", "BUS", "CRM", "UNK")
COUNT_FIELDS = ("killed", "injured", "displaced", "arrested", "abducted", "participants")


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input item as read, before cleaning: exactly one of `text` / `html` is set."""

    origin: str                     # where it came from: "path", "path:line 3", "feed.xml item 2", "-"
    text: str | None = None
    html: str | None = None
    id: str | None = None           # the input's own id (JSONL "id"), if any
    published: str | None = None    # as given by the input (ISO date preferred)
    url: str | None = None
    title: str | None = None
    source: str | None = None       # outlet name
    author: str | None = None
    summary: str | None = None      # feed summary when the item has no content


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: every offset in later stages refers to `text`."""

    id: str
    text: str
    origin: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    language: str | None = None
    source: str | None = None
    author: str | None = None
    duplicate_of: str | None = None  # id of the first copy when this is a near-duplicate

    def to_json(self) -> dict[str, Any]:
        """The `chronicle clean` line of DESIGN.md (plus a few extra fields)."""
        return {
            "article_id": self.id,
            "title": self.title,
            "text": self.text,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "language": self.language,
            "source": self.source,
            "author": self.author,
            "duplicate_of": self.duplicate_of,
        }


@dataclass(frozen=True, slots=True)
class Rejected:
    """A per-article failure: reported, counted, stored; never an exception that kills a batch."""

    article_id: str          # the article's id when known, else its origin
    stage: str               # ingest | clean | nlp | detect | ...
    reason: str              # short code: empty, binary, too_large, encoding, json, no_text, language, ...
    detail: str              # a sentence for a person: what was wrong and what to do

    def message(self) -> str:
        return f"{self.article_id}: {self.detail} [{self.stage}/{self.reason}]"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the text that refers to a happening: its trigger words and their sentence."""

    text: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end,
                "sentence": {"start": self.sentence_start, "end": self.sentence_end}}


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """Where a reader can check an event: the article's id, outlet, title, URL and publication date."""

    id: str
    source: str | None = None
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None

    @classmethod
    def of(cls, article: "Article") -> "ArticleRef":
        return cls(article.id, article.source, article.title, article.url, article.published)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source, "title": self.title, "url": self.url,
                "published": self.published.isoformat() if self.published else None}


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Actor:
    text: str
    name: str
    kind: str                        # one of ACTOR_KINDS
    country: str | None = None       # ISO 3166 alpha-3
    start: int | None = None
    end: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "name": self.name, "kind": self.kind, "country": self.country,
                "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry chosen for a mention (or for an event); geonameid None when unresolved."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None               # ISO 3166 alpha-2
    precision: Precision
    admin1: str | None = None
    admin2: str | None = None
    feature: str | None = None        # GeoNames feature class.code, e.g. "P.PPLA"


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name found in the text, resolved (place set) or not (place None)."""

    text: str
    start: int
    end: int
    place: Place | None = None
    score: float = 0.0

    def to_json(self) -> dict[str, Any]:
        p = self.place
        return {"text": self.text, "start": self.start, "end": self.end,
                "geonameid": p.geonameid if p else None, "name": p.name if p else None,
                "lat": p.lat if p else None, "lon": p.lon if p else None,
                "country": p.country if p else None, "feature": p.feature if p else None,
                "precision": p.precision.value if p else None}


@dataclass(frozen=True, slots=True)
class Location:
    """The event's place: the mention it came from and the gazetteer entry."""

    text: str
    place: Place
    start: int | None = None
    end: int | None = None
    relation: str | None = None       # "in", "near", "north of", ...

    def to_json(self) -> dict[str, Any]:
        p = self.place
        return {"text": self.text, "name": p.name, "geonameid": p.geonameid, "lat": p.lat,
                "lon": p.lon, "country": p.country, "admin1": p.admin1, "admin2": p.admin2,
                "precision": p.precision.value, "relation": self.relation}


@dataclass(frozen=True, slots=True)
class EventDate:
    start: dt.date
    end: dt.date
    precision: DatePrecision
    text: str | None = None
    historical: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(),
                "precision": self.precision.value, "text": self.text}


@dataclass(frozen=True, slots=True)
class Count:
    low: int | None
    best: int | None
    high: int | None
    text: str
    start: int | None = None
    end: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"low": self.low, "best": self.best, "high": self.high, "text": self.text}


@dataclass(frozen=True, slots=True)
class Counts:
    killed: Count | None = None
    injured: Count | None = None
    displaced: Count | None = None
    arrested: Count | None = None
    abducted: Count | None = None
    participants: Count | None = None

    def to_json(self) -> dict[str, Any]:
        return {f: (getattr(self, f).to_json() if getattr(self, f) else None) for f in COUNT_FIELDS}


@dataclass(frozen=True, slots=True)
class Control:
    gained_by: Actor | None
    lost_by: Actor | None

    def to_json(self) -> dict[str, Any]:
        return {"gained_by": self.gained_by.to_json() if self.gained_by else None,
                "lost_by": self.lost_by.to_json() if self.lost_by else None}


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event; `to_json()` is the DESIGN.md contract."""

    id: str
    article_id: str
    type: str                                   # PLOVER type
    quad: str
    trigger: Span
    evidence: tuple[Span, ...]
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    acled: tuple[str, str] | None = None        # (event_type, sub_event_type)
    source: tuple[Actor, ...] = ()
    target: tuple[Actor, ...] = ()
    location: Location | None = None
    date: EventDate | None = None
    counts: Counts = field(default_factory=Counts)
    certainty: str = "reported"
    attributed_to: tuple[str, ...] = ()
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    future: bool = False
    control: Control | None = None
    confidence: float = 0.5
    mentions: tuple[Mention, ...] = ()         # every mention of the happening (the trigger's first)
    article: ArticleRef | None = None
    happening: float | None = None             # P(a specific, reported happening), from the trained judge
    judged_out: str | None = None              # why the judge kept this candidate out ("label: ..."), else None
    # the trained typing model's calibrated p(this record's PLOVER type) (None: no model); the lead's
    # record confidence combines it with p(real happening)
    type_prob: float | None = None

    @property
    def default_output(self) -> bool:
        """Negated, hypothetical, future and historical events, and candidates the judge found not
        to be a happening, are kept out of the default output."""
        return not (self.negated or self.hypothetical or self.future or self.historical or self.judged_out)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "type": self.type,
            "mode": self.mode,
            "contexts": list(self.contexts),
            "quad": self.quad,
            "acled": ({"event_type": self.acled[0], "sub_event_type": self.acled[1]}
                      if self.acled else None),
            "trigger": self.trigger.to_json(),
            "source": [a.to_json() for a in self.source],
            "target": [a.to_json() for a in self.target],
            "location": self.location.to_json() if self.location else None,
            "date": self.date.to_json() if self.date else None,
            "counts": self.counts.to_json(),
            "certainty": self.certainty,
            "attributed_to": list(self.attributed_to),
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "historical": self.historical,
            "future": self.future,
            "control": self.control.to_json() if self.control else None,
            "evidence": [s.to_json() for s in self.evidence],
            "mentions": [m.to_json() for m in self.mentions],
            "confidence": round(self.confidence, 3),
            "happening": round(self.happening, 3) if self.happening is not None else None,
            "judged_out": self.judged_out,
            "type_prob": round(self.type_prob, 3) if self.type_prob is not None else None,
            "article": self.article.to_json() if self.article else None,
        }
