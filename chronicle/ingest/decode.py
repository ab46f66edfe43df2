"""Bytes to text: what a file is (binary, empty, which format) and how to decode it.

UTF-8 first (with or without a BOM), then a declared charset (HTML meta, HTTP header), then
charset detection (charset_normalizer, cp1252 / latin-1 preferred for Western text). A file whose
best decoding is still mostly control characters is reported as undecodable, not guessed at.
"""
from __future__ import annotations

import codecs
import re

SNIFF_BYTES = 8192

# magic numbers of formats people drop into news folders by mistake, with what to do about them
_MAGIC = (
    (b"%PDF", "a PDF document; convert it to text (e.g. pdftotext) first"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx); unpack or convert it to text first"),
    (b"\x89PNG", "a PNG image; only text, HTML, JSONL, CSV, feeds and WARC are read"),
    (b"\xff\xd8\xff", "a JPEG image; only text, HTML, JSONL, CSV, feeds and WARC are read"),
    (b"GIF8", "a GIF image; only text, HTML, JSONL, CSV, feeds and WARC are read"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file; save it as text first"),
    (b"SQLite format 3", "a SQLite database; export the articles as JSONL first"),
    (b"PAR1", "a Parquet file; export the articles as JSONL first"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_WEIRD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")


class Undecodable(ValueError):
    """The bytes are not text in any encoding we can tell apart from noise."""


def binary_reason(head: bytes) -> str | None:
    """Why `head` (the first bytes of an input) is not text, or None when it may be text."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return f"is {what}"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or utf16_without_bom(head):
        return None
    if b"\x00" in head[:SNIFF_BYTES]:
        return "contains NUL bytes, so it is a binary file, not text"
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" / "utf-16-be" when `data` looks like UTF-16 text saved without a byte-order mark
    (mostly Latin text: every other byte is NUL, on one side only), else None."""
    sample = data[:SNIFF_BYTES]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if nul_odd >= 0.4 and nul_even <= 0.05:
        enc = "utf-16-le"
    elif nul_even >= 0.4 and nul_odd <= 0.05:
        enc = "utf-16-be"
    else:
        return None
    return enc if _plausible(sample.decode(enc, errors="replace")) else None


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The charset an HTTP header or an HTML <meta> declares, if Python knows it."""
    names = []
    if content_type:
        m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.\-]+)", content_type, re.I)
        if m:
            names.append(m.group(1))
    m = _META_CHARSET.search(data[:SNIFF_BYTES])
    if m:
        names.append(m.group(1).decode("ascii", "ignore"))
    for name in names:
        try:
            return codecs.lookup(name).name
        except LookupError:
            continue
    return None


def decode(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes to text; returns (text, encoding used). Raises Undecodable."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    utf16 = utf16_without_bom(data)
    if utf16:
        return data[: len(data) - len(data) % 2].decode(utf16, errors="replace"), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = e
    candidates: list[str] = []
    if declared and declared not in ("utf-8", "ascii"):
        candidates.append(declared)
    guess = _detect(data)
    if guess:
        candidates.append(guess)
    candidates += ["cp1252", "latin-1"]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if _plausible(text):
            return text, enc
    # mostly UTF-8 with a few bad bytes (a truncated download, a stray byte): keep it
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= max(3, len(text) // 1000) and _plausible(text.replace("\ufffd", "")):
        return text, "utf-8 (with replacements)"
    raise Undecodable(f"not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) and no other "
                      f"encoding gives readable text")


def _detect(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset_normalizer comes with requests
        return None
    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None
    enc = best.encoding
    # single-byte Western text is cp1252 far more often than the rarer code pages detection picks
    if enc in ("cp1250", "cp1254", "cp1257", "iso8859_2", "iso8859_9", "iso8859_15", "mac_roman",
               "latin_1", "iso8859_1"):
        try:
            data.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            pass
    return enc


def _plausible(text: str) -> bool:
    """Few control characters and replacement marks: what real text looks like."""
    if not text:
        return True
    sample = text[:100_000]
    return len(_WEIRD.findall(sample)) <= max(2, len(sample) // 200)
