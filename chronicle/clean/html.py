"""A web page → its main text, title, author, publication date and canonical URL (trafilatura +
htmldate). The settings were measured on ../shared/data/extraction (`chronicle eval extraction`).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# measured on the 329 development pages (see chronicle/eval/extraction.py and the commit log)
SETTINGS = {
    "include_comments": False,     # reader comments are not the report
    "include_tables": True,        # casualty tables are story content
    "favor_precision": False,
    "favor_recall": False,
    "no_fallback": False,          # the readability/jusText fallbacks rescue odd layouts
}
DATE_PARAMS = {"extensive_search": True, "original_date": True}


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    title: str | None = None
    author: str | None = None
    date: dt.date | None = None
    url: str | None = None
    sitename: str | None = None


def extract(html: str, *, url: str | None = None, settings: dict | None = None,
            date_params: dict | None = None) -> Extracted:
    """Main text and metadata of one page; text is "" when no article body is found."""
    import trafilatura

    opts = {**SETTINGS, **(settings or {})}
    params = {**DATE_PARAMS, "max_date": dt.date.today().isoformat(), **(date_params or {})}
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, output_format="python",
                                          date_extraction_params=params, **opts)
    except (ValueError, TypeError, AttributeError):
        doc = None   # trafilatura trips on some malformed pages; the caller reports "no text"
    if doc is None:
        return Extracted(text="", date=_find_date(html, url, params))
    get = (lambda k: getattr(doc, k, None)) if not isinstance(doc, dict) else doc.get
    text = _tidy(get("text") or "")
    date = _iso_date(get("date")) or None
    sitename = _one_line(get("sitename"))
    title = strip_site_name(_one_line(get("title")), sitename=sitename, url=get("url") or url)
    return Extracted(text=text, title=title, author=_one_line(get("author")),
                     date=date, url=get("url") or None, sitename=sitename)


_SEP = re.compile(r"\s+[|\-–—·•:»]\s+|\s*\|\s*")


def _key(s: str) -> str:
    return re.sub(r"[^\w]", "", s.casefold())


def strip_site_name(title: str | None, *, sitename: str | None = None, url: str | None = None) -> str | None:
    """"Mosul falls | The Daily Wire" → "Mosul falls": drop a leading or trailing segment that is the
    site's name (from the page's metadata or its domain)."""
    if not title:
        return title
    names = {_key(sitename)} if sitename else set()
    if url:
        host = re.sub(r"^(?:https?://)?(?:www\d?\.)?", "", url).split("/", 1)[0].split(":", 1)[0]
        if host:
            names.add(_key(host.rsplit(".", 1)[0]))      # "california-globe.com" -> "californiaglobe"
    names.discard("")
    parts = _SEP.split(title)
    if len(parts) < 2:
        return title

    def is_site(seg: str) -> bool:
        k = _key(seg)
        return bool(k) and any(k == n or (len(k) >= 4 and (k in n or n in k)) for n in names)

    seps = _SEP.findall(title)
    while len(parts) > 1 and is_site(parts[-1]):
        parts, seps = parts[:-1], seps[:-1]
    while len(parts) > 1 and is_site(parts[0]):
        parts, seps = parts[1:], seps[1:]
    out = parts[0] + "".join(sep + part for sep, part in zip(seps, parts[1:]))
    return out.strip() or title


def _find_date(html: str, url: str | None, params: dict) -> dt.date | None:
    from htmldate import find_date

    try:
        return _iso_date(find_date(html, url=url, **params))
    except (ValueError, TypeError):   # what htmldate raises on input it cannot read: no date, as for a page without one
        return None


def _iso_date(value) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _one_line(value) -> str | None:
    if not value:
        return None
    return re.sub(r"\s+", " ", str(value)).strip() or None


def _tidy(text: str) -> str:
    """trafilatura's text: one paragraph per line; we separate paragraphs by a blank line."""
    paras = [re.sub(r"[ \t\u00a0]+", " ", p).strip() for p in text.splitlines()]
    return "\n\n".join(p for p in paras if p)
