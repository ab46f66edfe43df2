"""Turn RawDocument records into cleaned Articles (text, title, date, language, id).

Minimal first version; the clean issue adds HTML extraction, furniture removal, language and
near-duplicate detection.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator

from ..records import Article, RawDocument, Rejected


def clean(raw: RawDocument, *, published: dt.date | None = None) -> Article | Rejected:
    """One RawDocument → Article (or Rejected with the reason)."""
    text = (raw.text or "").strip()
    if not text:
        return Rejected(raw.id or raw.origin, "clean", "no_text", f"{raw.origin}: no article text found")
    pub = published or (dt.date.fromisoformat(raw.published[:10]) if raw.published else None)
    aid = raw.id or raw.origin or hashlib.sha1(text.encode()).hexdigest()[:16]
    return Article(id=str(aid), text=text, origin=raw.origin, title=raw.title, published=pub,
                   url=raw.url, language="en", source=raw.source)


def clean_all(raws: Iterable[RawDocument | Rejected], *, published: dt.date | None = None) -> Iterator[Article | Rejected]:
    for raw in raws:
        yield raw if isinstance(raw, Rejected) else clean(raw, published=published)
