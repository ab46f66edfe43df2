"""Stable article ids and publication dates from what the input gives."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# query parameters that track a click, not name a page
TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_gl|ref|ref_src|"
                      r"ref_url|cmpid|cmp|smid|smtyp|ito|ocid|taid|sr_share|share|spm|at_medium|at_campaign|"
                      r"xtor|ns_mchannel|ns_campaign|ns_source|wt\.mc_id|mbid|rss|rssfeed|feed|from|source)$", re.I)


def canonical_url(url: str | None) -> str | None:
    """The URL without tracking parameters, fragment, default port, or trailing "?"; host lower-cased."""
    if not url or not url.strip():
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.scheme or not parts.netloc:
        return url
    host = parts.hostname or ""
    port = parts.port if parts.port and not (
        (parts.scheme == "http" and parts.port == 80) or (parts.scheme == "https" and parts.port == 443)) else None
    netloc = host + (f":{port}" if port else "")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k)])
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), netloc, path, query, ""))


def normalize_text(text: str) -> str:
    """Case, punctuation and whitespace folded: what a content hash is taken over."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", text))


def content_hash(text: str) -> str:
    """sha1 of the normalized text, first 16 hex digits."""
    return hashlib.sha1(normalize_text(text).encode("utf-8")).hexdigest()[:16]


def article_id(*, given: str | None, url: str | None, text: str) -> str:
    """The input's id, else the canonical URL, else a hash of the text."""
    if given and given.strip():
        return given.strip()
    return canonical_url(url) or content_hash(text)


# A publication date outside these is a placeholder ("0001-01-01" is Go's zero time, "9999-12-31" an
# open end), not a date: it counts as unknown, and date arithmetic near year 1 or 9999 overflows.
EARLIEST_PUBLISHED = dt.date(1800, 1, 1)
LATEST_PUBLISHED = dt.date(2199, 12, 31)


def plausible_published(day: dt.date | None) -> dt.date | None:
    """`day` when it can be a news report's publication date, else None."""
    if day is None or not EARLIEST_PUBLISHED <= day <= LATEST_PUBLISHED:
        return None
    return day


_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d/%m/%Y",
            "%Y/%m/%d", "%Y.%m.%d", "%d.%m.%Y", "%Y%m%d")


def parse_date(value: str | None) -> dt.date | None:
    """ISO 8601, RFC 2822 (feeds) or a few common written forms → a date; None if not a date or not
    a plausible publication date (a placeholder such as 0001-01-01)."""
    return plausible_published(_parse_date(value))


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    s = str(value).strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    if re.fullmatch(r"\d{9,11}(?:\.\d+)?", s):            # a Unix timestamp
        try:
            return dt.datetime.fromtimestamp(float(s), tz=dt.timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None
    try:
        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        pass
    s2 = re.sub(r"^(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+", "", s, flags=re.I)
    s2 = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", s2)
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(s2, fmt).date()
        except ValueError:
            continue
    return None
