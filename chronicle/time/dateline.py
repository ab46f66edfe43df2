"""The date in a wire-style dateline that opens a plain-text article:
"BAGHDAD, June 11, 2014 (Wire) —", "MOGADISHU, 14 March 2023 –", "KABUL, Afghanistan, Aug. 29, 2021:"."""
from __future__ import annotations

import datetime as dt
import re

from ..knowledge import shipped

_MON = (r"(?P<m>January|February|March|April|May|June|July|August|September|October|November|December|"
        r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_PLACE = r"[A-Z][A-Za-z'’.\-]*(?:[ \-][A-Z][A-Za-z'’.\-]*)*"
_DATE = (rf"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:{_MON}\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>\d{{4}})"
         rf"|(?P<d2>\d{{1,2}})\s+{_MON.replace('?P<m>', '?P<m2>')},?\s+(?P<y2>\d{{4}})"
         rf"|(?P<y3>\d{{4}})-(?P<m3>\d\d)-(?P<d3>\d\d))")
_DATELINE = re.compile(
    rf"^\s*(?-i:[A-Z][A-Z'’.\-]+(?:[ \-][A-Z][A-Z'’.\-]+)*)(?:\s*,\s*{_PLACE}){{0,2}}\s*,\s+{_DATE}"
    rf"\s*(?:\([^)\n]{{1,40}}\))?\s*(?:[-–—:|]|\.\s)")


def dateline_date(text: str) -> dt.date | None:
    """The date of the dateline opening `text` (within its first five lines), or None.

        >>> dateline_date("BAGHDAD, June 11, 2014 (Wire) — Militants ...")
        datetime.date(2014, 6, 11)
    """
    if not isinstance(text, str):
        raise TypeError(f"dateline_date needs the article text as a str, got {type(text).__name__}")
    lines = [ln for ln in text.lstrip().splitlines()[:5] if ln.strip()]
    for line in lines:
        m = _DATELINE.match(line)
        if not m:
            continue
        g = m.groupdict()
        try:
            if g["y1"]:
                return dt.date(int(g["y1"]), shipped().time.months[g["m"].lower()], int(g["d1"]))
            if g["y2"]:
                return dt.date(int(g["y2"]), shipped().time.months[g["m2"].lower()], int(g["d2"]))
            return dt.date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        except ValueError:
            return None        # "June 31": a dateline, but not a date
    return None


def dateline_span(text: str) -> tuple[int, int] | None:
    """Character offsets of the dateline opening `text` ("BAGHDAD, June 11, 2014 (Wire) —"), or None:
    its date is when the report was filed, not when what it reports happened."""
    offset = 0
    for n, line in enumerate(text.splitlines(keepends=True)):
        if n >= 12:
            break
        m = _DATELINE.match(line)
        if m:
            return offset, offset + m.end()
        offset += len(line)
    return None


# a wire dateline, with or without a year: "KHARTOUM, April 20 (Reuters) -", "BAGHDAD —"
_OPENING = re.compile(r"\s*(?-i:[A-Z][A-Z'’.\-]+(?:[ \-][A-Z][A-Z'’.\-]+)*)[^\n]{0,60}?\s[-–—]+\s")


def opening_dateline_end(text: str) -> int:
    """Where a wire dateline opening `text` ends (0 when there is none), year or not: the parse
    takes it into the first sentence, where it must not be read as an actor.

        >>> opening_dateline_end("KHARTOUM, April 20 - In Khartoum, the army ...")
        21
    """
    m = _OPENING.match(text[:200])
    return m.end() if m else 0
