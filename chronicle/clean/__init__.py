"""RawDocument → Article: the text every later offset refers to, with title, date, language and id.

HTML pages go through trafilatura/htmldate (main text, title, author, date); plain text loses its
page-furniture lines; non-English articles and pages without an article become Rejected records;
`clean_all` also links near-duplicates to their first copy.

    >>> for article in clean_all(ingest.read(["examples/"])): print(article.id, article.title)
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import replace

from ..records import Article, RawDocument, Rejected
from .furniture import strip_furniture
from .ids import article_id, canonical_url, content_hash, parse_date

__all__ = ["clean", "clean_all", "strip_furniture", "canonical_url", "content_hash"]

MIN_CHARS = 15          # less than this (or no line of 5+ words: a menu) is not even one sentence
DUPLICATE_THRESHOLD = 0.8


def _tidy(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def page_text(extracted: str) -> str:
    """An HTML extractor's main text, less furniture lines it let through (judged line by line:
    the extractor has already cut the page's header and footer)."""
    return _tidy(strip_furniture(extracted, context=False)) if extracted else ""


def dateline_date(text: str) -> dt.date | None:
    from ..time.dateline import dateline_date as find

    return find(text)


def clean(raw: RawDocument, *, published: dt.date | None = None) -> Article | Rejected:
    """One RawDocument → Article (or Rejected with the reason)."""
    label = "standard input" if raw.origin == "-" else raw.origin
    url = canonical_url(raw.url)
    title, author, found_date = raw.title, raw.author, None
    if raw.html is not None:
        from .html import extract

        ex = extract(raw.html, url=raw.url)
        text = page_text(ex.text)
        title = title or ex.title
        author = author or ex.author
        found_date = ex.date
        url = url or canonical_url(ex.url)
        what = "page"
    else:
        text = _tidy(strip_furniture(raw.text or ""))
        what = "text"
    rid = raw.id or url or raw.origin
    if len(text) < MIN_CHARS or not any(len(line.split()) >= 5 for line in text.splitlines()):
        hint = ("no article body found in the HTML (an index, login or error page?); pass the story "
                "as text or check the page" if raw.html is not None else
                "no article text left (empty, or only page furniture); check the input")
        return Rejected(rid, "clean", "no_text", f"{label}: {hint}")
    from .language import detect

    code, name, confidence, reliable = detect(text)
    if reliable and code != "en":
        return Rejected(rid, "clean", "language",
                        f"{label}: the {what} is in {name} (confidence {confidence:.2f}), not English; "
                        f"Chronicle codes English reports — translate it first or leave it out")
    language = code if reliable or code == "en" else None
    # a wire dateline ("BAGHDAD, June 11, 2014 (Wire) —") dates a plain-text report that says nothing else
    pub = published or parse_date(raw.published) or found_date or dateline_date(text)
    aid = article_id(given=raw.id, url=url, text=text)
    return Article(id=aid, text=text, origin=raw.origin, title=title, published=pub, url=url,
                   language=language, source=raw.source, author=author)


def clean_all(raws: Iterable[RawDocument | Rejected], *, published: dt.date | None = None,
              threshold: float = DUPLICATE_THRESHOLD) -> Iterator[Article | Rejected]:
    """Clean every document in order; a near-duplicate gets `duplicate_of` = its first copy's id."""
    from ..dedup import NearDuplicates

    index = NearDuplicates(threshold=threshold)
    for raw in raws:
        if isinstance(raw, Rejected):
            yield raw
            continue
        try:
            item = clean(raw, published=published)
        except Exception as exc:   # a library bug on one odd page must not end the batch
            item = Rejected(raw.id or raw.origin, "clean", "internal_error",
                            f"{raw.origin}: cleaning failed ({type(exc).__name__}: {exc}); the rest of the "
                            f"batch went on — please report it with this input")
        if isinstance(item, Article):
            first = index.add(item.id, item.text)
            if first is not None and first != item.id:
                item = replace(item, duplicate_of=first)
        yield item
