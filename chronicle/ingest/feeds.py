"""RSS/Atom feeds and WARC archives → one RawDocument per item / HTML response record."""
from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator

from ..records import RawDocument, Rejected
from .decode import Undecodable, binary_reason, declared_charset, decode

_BLOCK = re.compile(r"(?is)<\s*(?:/p|br\s*/?|/div|/h[1-6]|/li|/blockquote|/tr)\s*>")


def fragment_text(html: str) -> str:
    """An HTML fragment (a feed item's content) as plain text, one paragraph per block element."""
    if "<" not in html:
        return _unescape(html).strip()
    import lxml.html

    marked = _BLOCK.sub(lambda m: m.group(0) + "\n\n", html)
    try:
        root = lxml.html.fragment_fromstring(marked, create_parent="div")
        for bad in root.xpath("//script|//style"):
            bad.drop_tree()
        text = root.text_content()
    except Exception:   # lxml raises several types on hopeless markup; fall back to stripping tags
        text = _unescape(re.sub(r"<[^>]+>", " ", html))
    paras = [re.sub(r"[ \t\r\f\v]+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paras if p)


def _unescape(s: str) -> str:
    import html

    return html.unescape(s)


def _date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            try:
                return dt.date(t.tm_year, t.tm_mon, t.tm_mday).isoformat()
            except ValueError:
                continue
    return entry.get("published") or entry.get("updated")


def read_feed(name: str, data: bytes) -> Iterator[RawDocument | Rejected]:
    """Each item of an RSS/Atom feed: its link, date, title and content (or summary)."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        why = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        yield Rejected(name, "ingest", "feed",
                       f"{name}: no items found in this RSS/Atom feed{why}; check that it is a complete "
                       f"feed file (an <rss> with <item>s or an Atom <feed> with <entry>s)")
        return
    source = parsed.feed.get("title") if parsed.get("feed") else None
    for i, e in enumerate(parsed.entries, 1):
        origin = f"{name} item {i}"
        content = ""
        if e.get("content"):
            content = "\n".join(c.get("value", "") for c in e.content if c.get("value"))
        summary = e.get("summary") or ""
        body = fragment_text(content) if content.strip() else ""
        summ = fragment_text(summary) if summary.strip() else ""
        link = e.get("link") or None
        if not body and not summ:
            title = e.get("title")
            yield Rejected(link or e.get("id") or origin, "ingest", "feed",
                           f"item {i} of {name}{f' ({title!r})' if title else ''}: no content or summary; "
                           f"the other items were read — fetch the linked page ({link or 'no link either'}) "
                           f"to get this article's text")
            continue
        yield RawDocument(origin=origin, text=body or summ, id=e.get("id") if not link else None,
                          published=_date(e), url=link, title=_plain(e.get("title")), source=source,
                          author=e.get("author") or None, summary=summ or None)


def _plain(title: str | None) -> str | None:
    if not title:
        return None
    return re.sub(r"\s+", " ", fragment_text(title)).strip() or None


HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(name: str, stream, *, max_bytes: int) -> Iterator[RawDocument | Rejected]:
    """HTML response records of a WARC (plain or gzipped), url from WARC-Target-URI; a truncated
    archive yields the records before the cut and one Rejected for the rest."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    iterator = None
    try:
        iterator = ArchiveIterator(stream)
        for record in iterator:
            n += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            origin = f"{name} record {n}"
            cut = _cut_headers(record)
            if cut:
                yield _truncated(name, n, url, origin, f"its WARC headers are incomplete ({cut})")
                return
            http = record.http_headers
            ctype = (http.get_header("Content-Type") if http else None) or ""
            status = http.get_statuscode() if http else "200"
            if (record.rec_type != "response" or not ctype.lower().startswith(HTML_TYPES)
                    or not str(status).startswith("2")):
                # images, scripts, redirects, metadata: not articles — but a cut in one (in its HTTP
                # headers, say) still ends what can be read, so check it reaches its declared length
                missing = _unread_bytes(record)
                if missing:
                    yield _truncated(name, n, url, origin, f"{missing} of its declared "
                                     f"{record.rec_headers.get_header('Content-Length')} bytes are missing")
                    return
                continue
            try:
                body = record.content_stream().read(max_bytes + 1)
            except Exception as exc:          # zlib/EOF errors inside a truncated record
                yield Rejected(url or origin, "ingest", "warc",
                               f"record {n} of {name} ({url}): its content cannot be read ({exc}); the "
                               f"archive looks truncated or corrupt — re-fetch or re-pack it")
                return
            length = record.rec_headers.get_header("Content-Length")
            for item in _warc_html(name, n, url, origin, body, ctype, length, record, max_bytes):
                yield item
                if isinstance(item, Rejected) and item.reason == "warc":
                    return                    # a truncated record is the end of what can be read
    except ArchiveLoadFailed as exc:
        yield Rejected(name if n == 0 else f"{name} record {n + 1}", "ingest", "warc",
                       f"{name}: record {n + 1} is not a valid WARC record ({exc}); the file looks "
                       f"truncated or is not a WARC — records before it were read")
        return
    except Exception as exc:   # warcio fails in several ways (EOFError, AttributeError...) on cut headers
        yield Rejected(f"{name} record {n + 1}", "ingest", "warc",
                       f"{name}: record {n + 1} cannot be read ({type(exc).__name__}: {exc}); the archive "
                       f"looks truncated or corrupt — the {n} records before it were read; re-fetch or re-pack it")
        return
    try:
        size = stream.seek(0, io.SEEK_END)
    except (OSError, AttributeError):
        return
    if iterator is not None and iterator.offset < size and stream_bytes_left(stream, iterator.offset):
        # warcio ends quietly when the last record's headers are cut off: bytes are left unparsed
        yield Rejected(f"{name} record {n + 1}", "ingest", "warc",
                       f"{name}: the archive ends in the middle of record {n + 1} (truncated download?); "
                       f"the {n} records before it were read — re-fetch or re-pack the archive")


def _cut_headers(record) -> str | None:
    """What a record's WARC headers lack when they were cut off (every WARC record has a type and a
    Content-Length), else None."""
    if not record.rec_type:
        return "no WARC-Type"
    length = (record.rec_headers.get_header("Content-Length") or "").strip()
    if not length.isdigit():
        return f"Content-Length {length!r}" if length else "no Content-Length"
    return None


def _unread_bytes(record) -> int:
    """Read a record's remaining bytes; how many of its declared length the archive lacks."""
    stream = record.raw_stream
    try:
        while stream.read(65536):
            pass
    except Exception:                         # zlib/EOF errors inside a truncated gzip member
        return max(1, int(getattr(stream, "limit", 0) or 0))
    return int(getattr(stream, "limit", 0) or 0)


def _truncated(name: str, n: int, url: str | None, origin: str, what: str) -> Rejected:
    return Rejected(url or origin, "ingest", "warc",
                    f"record {n} of {name}{f' ({url})' if url else ''}: {what} — the archive looks "
                    f"truncated or corrupt; the {n - 1} records before it were read; re-fetch or re-pack it")


def stream_bytes_left(stream, offset: int) -> bool:
    """Whether anything but blank lines follows `offset` in the stream."""
    stream.seek(offset)
    return bool(stream.read(4096).strip(b"\r\n\x00"))


def _warc_html(name, n, url, origin, body, ctype, length, record, max_bytes):
    if len(body) > max_bytes:
        yield Rejected(url or origin, "ingest", "too_large",
                       f"record {n} of {name} ({url}): page larger than {max_bytes:,} bytes; skipped (raise the "
                       f"limit with --max-bytes N or CHRONICLE_MAX_BYTES to read it)")
        return
    # a truncated archive ends with a record shorter than its declared Content-Length
    stream_len = record.raw_stream.limit if hasattr(record.raw_stream, "limit") else None
    if stream_len:
        yield Rejected(url or origin, "ingest", "warc",
                       f"record {n} of {name} ({url}): truncated — {stream_len} of {length} declared bytes "
                       f"are missing; re-fetch the page or re-pack the archive")
        return
    if not body.strip():
        yield Rejected(url or origin, "ingest", "empty", f"record {n} of {name} ({url}): empty response body")
        return
    why = binary_reason(body[:4096])
    if why:
        yield Rejected(url or origin, "ingest", "binary", f"record {n} of {name} ({url}) {why}")
        return
    try:
        html, _ = decode(body, declared=declared_charset(body, ctype))
    except Undecodable as exc:
        yield Rejected(url or origin, "ingest", "encoding", f"record {n} of {name} ({url}): {exc}")
        return
    yield RawDocument(origin=origin, html=html, url=url)


def read_warc_bytes(name: str, data: bytes, *, max_bytes: int) -> Iterator[RawDocument | Rejected]:
    yield from read_warc(name, io.BytesIO(data), max_bytes=max_bytes)
