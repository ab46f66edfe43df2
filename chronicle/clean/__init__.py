"""RawDocument → Article: the text every later offset refers to, with title, date, language and id.

HTML pages go through trafilatura/htmldate (main text, title, author, date); plain text loses its
page-furniture lines; non-English articles and pages without an article become Rejected records;
`clean_all` also links near-duplicates to their first copy.

    >>> from chronicle import ingest
    >>> [a.id for a in clean_all(ingest.read(["examples/mosul_2014-06-11.txt"]))]
    ['examples/mosul_2014-06-11.txt']
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import replace

from ..records import Article, RawDocument, Rejected
from .furniture import strip_furniture
from ..config import DEFAULT_MAX_CHARS
from .ids import article_id, canonical_url, content_hash, parse_date, plausible_published

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


def clean(raw: RawDocument, *, published: dt.date | None = None,
          max_chars: int = DEFAULT_MAX_CHARS) -> Article | Rejected:
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
    from .language import detect, main_script, word_count

    if len(text) < MIN_CHARS or not any(word_count(line) >= 5 for line in text.splitlines()):
        hint = ("no article body found in the HTML (an index, login or error page?); pass the story "
                "as text or check the page" if raw.html is not None else
                "no article text left (empty, or only page furniture); check the input")
        return Rejected(rid, "clean", "no_text", f"{label}: {hint}")
    if len(text) > max_chars:
        return Rejected(rid, "clean", "too_large",
                        f"{label}: the {what}'s text has {len(text):,} characters, more than the limit of "
                        f"{max_chars:,} for one article; split it into articles, or raise the limit with "
                        f"--max-chars N (or CHRONICLE_MAX_CHARS) — spaCy needs roughly 1 GB of memory per "
                        f"100,000 characters it parses at once")
    code, name, confidence, reliable = detect(text)
    if reliable and code != "en":
        return Rejected(rid, "clean", "language",
                        f"{label}: the {what} is in {name} (confidence {confidence:.2f}), not English; "
                        f"Chronicle codes English reports — translate it first or leave it out")
    script, share = main_script(text)
    if not reliable and script not in ("Latin", "none") and share >= 0.5:
        return Rejected(rid, "clean", "language",
                        f"{label}: the {what} is written mostly in {script} script ({share:.0%} of its "
                        f"letters), not English; Chronicle codes English reports — translate it first or "
                        f"leave it out")
    language = code if reliable or code == "en" else None
    # a wire dateline ("BAGHDAD, June 11, 2014 (Wire) —") dates a plain-text report that says nothing else
    pub = (published or parse_date(raw.published) or plausible_published(found_date)
           or plausible_published(dateline_date(text)))
    aid = article_id(given=raw.id, url=url, text=text)
    return Article(id=aid, text=text, origin=raw.origin, title=title, published=pub, url=url,
                   language=language, source=raw.source, author=author)


def clean_all(raws: Iterable[RawDocument | Rejected], *, published: dt.date | None = None,
              threshold: float = DUPLICATE_THRESHOLD, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article | Rejected]:
    """Clean every document in order; a near-duplicate gets `duplicate_of` = its first copy's id."""
    from ..dedup import NearDuplicates

    index = NearDuplicates(threshold=threshold)
    for raw in raws:
        if isinstance(raw, Rejected):
            yield raw
            continue
        try:
            item = clean(raw, published=published, max_chars=max_chars)
        except Exception as exc:   # a library bug on one odd page must not end the batch
            item = Rejected(raw.id or raw.origin, "clean", "internal_error",
                            f"{raw.origin}: cleaning failed ({type(exc).__name__}: {exc}); the rest of the "
                            f"batch went on — please report it with this input")
        if isinstance(item, Article):
            first = index.add(item.id, item.text)
            if first is not None and first != item.id:
                item = replace(item, duplicate_of=first)
        yield item
