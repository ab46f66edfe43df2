"""Records → table rows (column lists, ready for a bulk insert)."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import defaultdict

from ..pipeline import Analysis
from ..records import COUNT_FIELDS, Article, Event, Rejected
from .schema import _HOST as _HOST_PATTERN

_HOST = re.compile(_HOST_PATTERN)


def content_hash(article: Article) -> str:
    """What makes a stored article "the same": its text and the metadata events are dated from."""
    key = json.dumps([article.text, article.title, article.published.isoformat() if article.published else None,
                      article.url, article.source, article.duplicate_of], ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


class Rows:
    """Column lists per table, filled article by article."""

    def __init__(self) -> None:
        self.tables: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))

    def add(self, table: str, **values) -> None:
        cols = self.tables[table]
        for k, v in values.items():
            cols[k].append(v)

    def of(self, table: str) -> dict[str, list]:
        return dict(self.tables.get(table, {}))

    def extend(self, other: "Rows") -> None:
        """Append another Rows' columns (both filled by the same writers, so the same columns)."""
        for table, cols in other.tables.items():
            mine = self.tables[table]
            for k, v in cols.items():
                mine[k].extend(v)

    def to_json(self) -> dict[str, dict[str, list]]:
        """Plain JSON (dates as ISO strings) for sending to `chronicle serve`."""
        return {t: {k: [x.isoformat() if isinstance(x, (dt.date, dt.datetime)) else x for x in v]
                    for k, v in cols.items()} for t, cols in self.tables.items()}

    @classmethod
    def from_json(cls, data: dict[str, dict[str, list]], types: dict[str, dict[str, str]]) -> "Rows":
        """The inverse of `to_json`, given each table's column types (logical: date, timestamp …)."""
        rows = cls()
        for t, cols in data.items():
            for k, v in cols.items():
                typ = types.get(t, {}).get(k)
                conv = (dt.date.fromisoformat if typ == "date" else dt.datetime.fromisoformat
                        if typ == "timestamp" else None)
                rows.tables[t][k] = [conv(x) if conv and x is not None else x for x in v]
        return rows


def outlet(source: str | None, url: str | None) -> str | None:
    """Who published an article: its `source` when given, else its URL's host without "www."."""
    if source and source.strip():
        return source.strip()
    m = _HOST.match(url or "")
    return re.sub(r"^www[.]", "", m.group(1)) if m else None


def _names(actors) -> str | None:
    return "; ".join(a.name for a in actors) or None


def _count(ev: Event, name: str) -> int | None:
    c = getattr(ev.counts, name)
    if c is None:
        return None
    return c.best if c.best is not None else c.low


def add_analysis(rows: Rows, a: Analysis, *, digest: str, now: dt.datetime) -> int:
    """Add an article with its events, actors, evidence and toponyms; return how many events."""
    art = a.article
    rows.add("articles", id=art.id, content_hash=digest, origin=art.origin, title=art.title,
             published=art.published, url=art.url, language=art.language, source=art.source,
             author=art.author, duplicate_of=art.duplicate_of, text=art.text, n_events=len(a.events),
             stored_at=now, outlet=outlet(art.source, art.url))
    for i, t in enumerate(a.toponyms):
        p = t.place
        rows.add("places", article_id=art.id, position=i, text=t.text, start_char=t.start, end_char=t.end,
                 geonameid=p.geonameid if p else None, name=p.name if p else None,
                 lat=p.lat if p else None, lon=p.lon if p else None, country=p.country if p else None,
                 admin1=p.admin1 if p else None, admin2=p.admin2 if p else None,
                 feature=p.feature if p else None, precision=p.precision.value if p else None,
                 score=float(t.score))
    seen: set[str] = set()
    for ev in a.events:
        if ev.id in seen:          # a stage that emits one id twice: keep the first
            continue
        seen.add(ev.id)
        add_event(rows, ev, article_id=art.id)
    return len(seen)


def add_event(rows: Rows, ev: Event, *, article_id: str | None = None) -> None:
    article_id = article_id or ev.article_id
    loc = ev.location
    p = loc.place if loc else None
    rows.add("events", id=ev.id, article_id=article_id, type=ev.type, mode=ev.mode, quad=ev.quad,
             contexts=";".join(ev.contexts) or None,
             acled_event_type=ev.acled[0] if ev.acled else None,
             acled_sub_event_type=ev.acled[1] if ev.acled else None,
             event_date=ev.date.start if ev.date else None, date_end=ev.date.end if ev.date else None,
             date_precision=ev.date.precision.value if ev.date else None,
             date_text=ev.date.text if ev.date else None,
             country=p.country if p else None, admin1=p.admin1 if p else None,
             admin2=p.admin2 if p else None, location=p.name if p else None,
             location_text=loc.text if loc else None, geonameid=p.geonameid if p else None,
             lat=p.lat if p else None, lon=p.lon if p else None,
             geo_precision=p.precision.value if p else None,
             location_relation=loc.relation if loc else None,
             source_actors=_names(ev.source), target_actors=_names(ev.target),
             attributed_to="; ".join(ev.attributed_to) or None,
             **{f: _count(ev, f) for f in COUNT_FIELDS},
             certainty=ev.certainty, negated=ev.negated, hypothetical=ev.hypothetical,
             historical=ev.historical, future=ev.future, confidence=float(ev.confidence),
             trigger_text=ev.trigger.text,
             control_gained_by=ev.control.gained_by.name if ev.control and ev.control.gained_by else None,
             control_lost_by=ev.control.lost_by.name if ev.control and ev.control.lost_by else None,
             happening=ev.happening, judged_out=ev.judged_out,
             record=json.dumps(_stored_record(ev), ensure_ascii=False, sort_keys=False))
    for i, m in enumerate(ev.mentions):
        rows.add("mentions", article_id=article_id, event_id=ev.id, position=i, text=m.text,
                 start_char=m.start, end_char=m.end, sentence_start=m.sentence_start, sentence_end=m.sentence_end)
    for role, actors in (("source", ev.source), ("target", ev.target)):
        for i, actor in enumerate(actors):
            rows.add("actors", article_id=article_id, event_id=ev.id, role=role, position=i,
                     text=actor.text, name=actor.name, kind=actor.kind, country=actor.country,
                     start_char=actor.start, end_char=actor.end)
    for i, s in enumerate(ev.evidence):
        rows.add("evidence", article_id=article_id, event_id=ev.id, position=i, text=s.text,
                 start_char=s.start, end_char=s.end)


def _stored_record(ev: Event) -> dict:
    """The record as stored: its `article` member lives in the articles table (the API and exports
    join it back), so an article's corrected title or outlet never disagrees with its events."""
    d = ev.to_json()
    d.pop("article", None)
    return d


def add_rejection(rows: Rows, r: Rejected, *, now: dt.datetime) -> None:
    rows.add("rejections", article_id=r.article_id, stage=r.stage, reason=r.reason, detail=r.detail,
             rejected_at=now)
