"""Date expressions in news text: find them (regular expressions over the text, character offsets)
and resolve each against a publication date into a start, an end and a precision.

The conventions are listed in the package docstring (chronicle/time/__init__.py).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..knowledge import shipped
from ..records import DatePrecision, EventDate

DAY, WEEK, MONTH, YEAR = DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.YEAR
HISTORICAL_DAYS = 365     # a past event whose date ends more than this long before publication



def _words():
    """The value tables of the date words (chronicle/knowledge/words/time.toml); the patterns below
    are compiled once per process, and the tables come from the same shipped knowledge."""
    return shipped().time

# --- regular-expression pieces (names and months must be capitalised: "may", "march" are words)
# lower-case too: wire copy and some archives are lower-cased ("on saturday night"); a weekday is
# never anything else, and a full month name other than March and May rarely is
_WD_NAMES = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_MON_NAMES = ("January|February|March|April|May|June|July|August|September|October|November|December|"
              "january|february|april|june|july|august|september|october|november|december|"
              "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec")
_PART = r"(?:morning|afternoon|evening|night|overnight)"


def _wd(name: str) -> str:
    return rf"(?-i:(?P<{name}>{_WD_NAMES}))\b"


def _mon(name: str) -> str:
    return rf"(?-i:(?P<{name}>{_MON_NAMES}))\b\.?"


def _day(name: str) -> str:
    return rf"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?\b"


def _year(name: str) -> str:
    return rf"(?<![\d,.])(?P<{name}>1[89]\d\d|20\d\d)\b(?![,.]\d)"


_FULL_MONTHS = _MON_NAMES.split("|Jan|")[0]
_PREP = r"(?:(?P<prep>in|on|during|since|by|until|over|at|from|of|around)\s+)?"
_WD_ANY = rf"(?-i:(?:{_WD_NAMES}))"
_TO = r"(?:\s+(?:and|to|until|till|through|thru)\s+|\s*[-–]\s*)"
_NUM = r"(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_MOD = (r"(?:(?P<mod>early|mid|late|earlier|later)[-\s]+|"
        r"(?:at\s+|by\s+|towards?\s+)?the\s+(?P<mod2>end|beginning|start|middle|first\s+half|second\s+half)"
        r"\s+of\s+)")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in text: `start`/`end` are character offsets into that text."""

    text: str
    start: int
    end: int
    kind: str
    groups: tuple[tuple[str, str], ...]

    @property
    def core(self) -> str:
        """The expression without a leading preposition ("on Tuesday" → "Tuesday")."""
        text = re.sub(r"^(?:in|on|during|by|at|of|around)\s+", "", self.text, flags=re.I)
        return re.sub(r"^the\s+(?=\d{4}\b)", "", text, flags=re.I)

    def resolve(self, published: dt.date | None, *, tense_past: bool = True) -> EventDate | None:
        """The dates this expression denotes, given the publication date (None: only absolute ones)."""
        g = {k: v for k, v in self.groups}
        got = _HANDLERS[self.kind](g, published, not tense_past)
        if got is None:
            return None
        start, end, precision = got
        if start > end:
            return None
        if published is not None and tense_past:
            if (g.get("prep") or g.get("rel") or "").lower() == "since" and start <= published:
                start, end, precision = start, published, None
            elif start <= published < end:
                end = published                       # a past event cannot end after publication
        if precision is None:
            precision = span_precision(start, end)
        historical = bool(published is not None and tense_past
                          and (published - end).days > HISTORICAL_DAYS)
        return EventDate(start, end, precision, self.core, historical)


def span_precision(start: dt.date, end: dt.date) -> DatePrecision:
    """Precision of an explicit range by its length: 1 day, up to 7 (week), 31 (month), more (year)."""
    days = (end - start).days + 1
    return DAY if days <= 1 else WEEK if days <= 7 else MONTH if days <= 31 else YEAR


# --- calendar helpers

def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def _month(name: str) -> int:
    return _words().months[name.lower().rstrip(".")]


def _weekday(pub: dt.date, wd: int, rel: str, future: bool) -> dt.date:
    if rel == "last":
        return pub - dt.timedelta(days=(pub.weekday() - wd - 1) % 7 + 1)
    if rel == "next":
        return pub + dt.timedelta(days=(wd - pub.weekday() - 1) % 7 + 1)
    if future:
        return pub + dt.timedelta(days=(wd - pub.weekday()) % 7)
    return pub - dt.timedelta(days=(pub.weekday() - wd) % 7)


def _infer_year(pub: dt.date, m: int, d: int, future: bool) -> dt.date | None:
    """The month-day on or before publication (past) or on or after it (future)."""
    for y in ((pub.year, pub.year + 1) if future else (pub.year, pub.year - 1)):
        day = _date(y, m, d) or (_date(y, m, 28) if (m, d) == (2, 29) else None)
        if day is not None and ((day >= pub) if future else (day <= pub)):
            return day if (m, d) != (2, 29) or day.day == 29 else None
    return None


def _month_year(pub: dt.date, m: int, future: bool, rel: str = "") -> int:
    if rel == "this":
        return pub.year
    if future or rel == "next":
        return pub.year if _month_end(pub.year, m) >= pub and rel != "next" or m > pub.month else pub.year + 1
    return pub.year if m <= pub.month else pub.year - 1


def _month_part(y: int, m: int, mod: str) -> tuple[dt.date, dt.date]:
    first, last = dt.date(y, m, 1), _month_end(y, m)
    mod = mod.lower().split()[0] if mod else ""
    if mod in ("early", "beginning", "start"):
        return first, dt.date(y, m, 10)
    if mod in ("mid", "middle"):
        return dt.date(y, m, 11), dt.date(y, m, 20)
    if mod in ("late", "end"):
        return dt.date(y, m, 21), last
    if mod == "first":
        return first, dt.date(y, m, 15)
    if mod == "second":
        return dt.date(y, m, 16), last
    return first, last


def _year_part(y: int, mod: str) -> tuple[dt.date, dt.date]:
    mod = mod.lower().split()[0] if mod else ""
    if mod in ("early", "beginning", "start"):
        return dt.date(y, 1, 1), dt.date(y, 4, 30)
    if mod in ("mid", "middle"):
        return dt.date(y, 5, 1), dt.date(y, 8, 31)
    if mod in ("late", "end"):
        return dt.date(y, 9, 1), dt.date(y, 12, 31)
    if mod == "first":
        return dt.date(y, 1, 1), dt.date(y, 6, 30)
    if mod == "second":
        return dt.date(y, 7, 1), dt.date(y, 12, 31)
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def _week_part(monday: dt.date, mod: str) -> tuple[dt.date, dt.date]:
    mod = mod.lower().split()[0] if mod else ""
    if mod in ("early", "beginning", "start"):
        return monday, monday + dt.timedelta(days=2)
    if mod in ("mid", "middle"):
        return monday + dt.timedelta(days=1), monday + dt.timedelta(days=3)
    if mod in ("late", "end"):
        return monday + dt.timedelta(days=3), monday + dt.timedelta(days=6)
    return monday, monday + dt.timedelta(days=6)


Resolved = tuple[dt.date, dt.date, DatePrecision | None] | None


# --- handlers: (groups, published, future) -> (start, end, precision or None for "by length")

def _iso(g, pub, future) -> Resolved:
    d = _date(int(g["y"]), int(g["m"]), int(g["d"]))
    return (d, d, DAY) if d else None


def _full(g, pub, future) -> Resolved:
    d = _date(int(g["y"]), _month(g["m"]), int(g["d"]))
    return (d, d, DAY) if d else None


def _month_day(g, pub, future) -> Resolved:
    if pub is None:
        return None
    d = _infer_year(pub, _month(g["m"]), int(g["d"]), future)
    return (d, d, DAY) if d else None


def _day_range(g, pub, future) -> Resolved:
    m1 = _month(g.get("m1") or g["m2"])
    m2 = _month(g.get("m2") or g["m1"])
    d1, d2 = int(g["d1"]), int(g["d2"])
    if g.get("y"):
        y = int(g["y"])
        start = _date(y if (m1, d1) <= (m2, d2) else y - 1, m1, d1)
        end = _date(y, m2, d2)
    else:
        if pub is None:
            return None
        start = _infer_year(pub, m1, d1, future)
        end = start and _date(start.year if (m1, d1) <= (m2, d2) else start.year + 1, m2, d2)
    if not start or not end:
        return None
    return start, end, None


def _month_year_h(g, pub, future) -> Resolved:
    y, m = int(g["y"]), _month(g["m"])
    s, e = _month_part(y, m, g.get("mod") or g.get("mod2") or "")
    return s, e, MONTH


def _month_only(g, pub, future) -> Resolved:
    if pub is None:
        return None
    m = _month(g["m"])
    rel = (g.get("rel") or "").lower()
    yrel = (g.get("yrel") or "").lower()
    if yrel:
        y = pub.year + {"last": -1, "next": 1}.get(yrel, 0)
    else:
        y = _month_year(pub, m, future, rel)
        if rel == "last" and y == pub.year and m == pub.month:
            y -= 1
    s, e = _month_part(y, m, g.get("mod") or g.get("mod2") or "")
    return s, e, MONTH


def _year_h(g, pub, future) -> Resolved:
    s, e = _year_part(int(g["y"]), g.get("mod") or g.get("mod2") or "")
    return s, e, YEAR


def _decade(g, pub, future) -> Resolved:
    y = int(g["dec"])
    first, last = {"early": (0, 3), "mid": (3, 6), "late": (7, 9)}.get((g.get("mod") or "").lower(), (0, 9))
    return dt.date(y + first, 1, 1), dt.date(y + last, 12, 31), YEAR


def _ago(g, pub, future) -> Resolved:
    if pub is None:
        return None
    n = int(g["n"]) if g["n"].isdigit() else _words().number_words[g["n"].lower()]
    unit = g["unit"].lower()
    if unit == "day":
        d = pub - dt.timedelta(days=n)
        return d, d, DAY
    if unit == "week":
        d = pub - dt.timedelta(days=7 * n)
        monday = d - dt.timedelta(days=d.weekday())
        return monday, monday + dt.timedelta(days=6), WEEK
    if unit == "month":
        y, m = _add_months(pub.year, pub.month, -n)
        return dt.date(y, m, 1), _month_end(y, m), MONTH
    return dt.date(pub.year - n, 1, 1), dt.date(pub.year - n, 12, 31), YEAR


def _year_range(g, pub, future) -> Resolved:
    y1, y2 = int(g["y1"]), int(g["y2"])
    if y2 <= y1:
        return None
    return dt.date(y1, 1, 1), dt.date(y2, 12, 31), YEAR


def _rolling(g, pub, future) -> Resolved:
    """"the past two days", "over the last three months": from that long before P up to P."""
    if pub is None:
        return None
    n = int(g["n"]) if g["n"].isdigit() else _words().number_words[g["n"].lower()]
    unit = g["unit"].lower()
    if unit == "hour":
        start = pub - dt.timedelta(days=max(1, -(-n // 24)))
    elif unit in ("day", "week"):
        start = pub - dt.timedelta(days=n * (7 if unit == "week" else 1))
    elif unit == "month":
        y, m = _add_months(pub.year, pub.month, -n)
        start = _date(y, m, min(pub.day, calendar.monthrange(y, m)[1]))
    else:
        start = _date(pub.year - n, pub.month, min(pub.day, 28))
    return start, pub, None


def _rel_day(g, pub, future) -> Resolved:
    if pub is None:
        return None
    d = pub + dt.timedelta(days=_words().relative_days[re.sub(r"\s+", " ", g["w"].lower())])
    return d, d, DAY


def _period(g, pub, future) -> Resolved:
    if pub is None:
        return None
    rel, unit = (g.get("rel") or "this").lower(), g["unit"].lower()
    mod = g.get("mod") or g.get("mod2") or ""
    step = {"last": -1, "next": 1}.get(rel, 0)
    if rel == "past":
        days = {"week": 6, "month": 29, "year": 364}[unit]
        return pub - dt.timedelta(days=days), pub, {"week": WEEK, "month": MONTH, "year": YEAR}[unit]
    if unit == "week":
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(days=7 * step)
        s, e = _week_part(monday, mod)
        p = WEEK
    elif unit == "month":
        y, m = _add_months(pub.year, pub.month, step)
        s, e = _month_part(y, m, mod)
        p = MONTH
    else:
        s, e = _year_part(pub.year + step, mod)
        p = YEAR
    if mod.lower() == "later" and step == 0:
        s = max(s, pub)
    return s, e, p


def _weekend(g, pub, future) -> Resolved:
    if pub is None:
        return None
    rel = g["rel"].lower()
    if future or rel == "next":
        sat = pub + dt.timedelta(days=(5 - pub.weekday()) % 7)
        if rel == "next" and pub.weekday() >= 5:
            sat += dt.timedelta(days=7)
    else:
        sat = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
        if rel in ("last", "past") and pub.weekday() >= 5:
            sat -= dt.timedelta(days=7)
    return sat, sat + dt.timedelta(days=1), WEEK


def _weekday_h(g, pub, future) -> Resolved:
    if pub is None:
        return None
    rel = (g.get("rel") or "").lower()
    d = _weekday(pub, _words().weekdays[g["wd"].lower()], rel, future)
    return d, d, DAY


def _weekday_range(g, pub, future) -> Resolved:
    if pub is None:
        return None
    weekdays = _words().weekdays
    w1, w2 = weekdays[g["wd1"].lower()], weekdays[g["wd2"].lower()]
    if future:
        start = _weekday(pub, w1, "", True)
        end = start + dt.timedelta(days=(w2 - w1) % 7)
    else:
        end = _weekday(pub, w2, "", False)
        start = end - dt.timedelta(days=(w2 - w1) % 7)
    return start, end, None


_HOLIDAYS = {"new year's eve": (12, 31), "new year's day": (1, 1), "christmas eve": (12, 24),
             "christmas day": (12, 25), "christmas": (12, 25), "may day": (5, 1)}


def _holiday(g, pub, future) -> Resolved:
    m, d = _HOLIDAYS[re.sub(r"\s+", " ", g["h"].lower()).replace("’", "'")]
    if g.get("y"):
        day = _date(int(g["y"]), m, d)
    elif pub is None:
        return None
    else:
        day = _infer_year(pub, m, d, future)
    return (day, day, DAY) if day else None


Handler = Callable[[dict, "dt.date | None", bool], Resolved]
_PATTERNS: list[tuple[str, str, Handler]] = [
    ("iso", rf"{_PREP}(?<![\d-])(?P<y>\d{{4}})-(?P<m>\d\d)-(?P<d>\d\d)(?![\d-])", _iso),
    ("mdy", rf"{_PREP}(?:{_WD_ANY},?\s+)?{_mon('m')}\s+{_day('d')},?\s+{_year('y')}", _full),
    ("dmy", rf"{_PREP}(?:{_WD_ANY},?\s+)?(?:the\s+)?{_day('d')}\s+(?:of\s+)?{_mon('m')},?\s+{_year('y')}", _full),
    ("range_dm", rf"(?:(?:between|from)\s+)?(?:the\s+)?{_day('d1')}{_TO}(?:the\s+)?{_day('d2')}\s+(?:of\s+)?"
                 rf"{_mon('m2')}(?:,?\s+{_year('y')})?", _day_range),
    ("range_dmdm", rf"(?:(?:between|from)\s+)?{_day('d1')}\s+{_mon('m1')}{_TO}{_day('d2')}\s+{_mon('m2')}"
                   rf"(?:,?\s+{_year('y')})?", _day_range),
    ("range_md", rf"(?:(?:between|from)\s+)?{_mon('m1')}\s+{_day('d1')}{_TO}(?:{_mon('m2')}\s+)?{_day('d2')}"
                 rf"(?:,?\s+{_year('y')})?", _day_range),
    ("md", rf"{_PREP}(?:the\s+(?:night|morning|evening)\s+of\s+)?{_mon('m')}\s+{_day('d')}", _month_day),
    ("dm", rf"{_PREP}(?:the\s+(?:night|morning|evening)\s+of\s+)?(?:the\s+)?{_day('d')}\s+(?:of\s+)?{_mon('m')}",
     _month_day),
    ("month_year", rf"{_PREP}{_MOD}?{_mon('m')},?\s+{_year('y')}", _month_year_h),
    ("month", rf"(?:(?P<rel>last|this|next|in|during|since|by|until|through|of)\s+)?{_MOD}?"
              rf"(?-i:(?P<m>{_FULL_MONTHS}))\b(?!\s*\d)(?:\s+of\s+(?P<yrel>this|last|next)\s+year\b)?",
     _month_only),
    ("year_range", rf"(?:(?P<prep>between|from|in|during)\s+)?{_year('y1')}{_TO}{_year('y2')}", _year_range),
    ("rolling", rf"{_PREP}(?:the\s+)?(?:past|last)\s+{_NUM}\s+(?P<unit>day|week|month|year|hour)s?\b", _rolling),
    ("earlier_in", rf"(?P<mod>earlier|later)\s+in\s+the\s+(?P<unit>week|month|year)\b", _period),
    ("year", rf"(?:(?P<prep>in|during|since|by|until|through|of)\s+)?(?:{_MOD}|(?P<the>(?:the|a|an)\s+(?=\d{{4}}\s+[a-z])))?"
             rf"{_year('y')}(?!\s*[-–]\s*\d)", _year_h),
    ("decade", rf"{_PREP}the\s+(?:(?P<mod>early|mid|late)[-\s]+)?(?P<dec>1[89]\d0|20\d0)['’]?s\b", _decade),
    ("ago", rf"{_NUM}\s+(?P<unit>day|week|month|year)s?\s+ago\b", _ago),
    ("rel_day", rf"{_PREP}(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|"
                rf"tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)|(?:earlier|later)\s+today)"
                rf"(?:\s+{_PART})?", _rel_day),
    ("period", rf"{_PREP}{_MOD}?(?P<rel>last|this|next|past)\s+(?P<unit>week|month|year)\b", _period),
    ("weekend", rf"(?:(?:over|at|during|on)\s+)?(?P<rel>the|this|last|past|next)\s+weekend\b", _weekend),
    ("weekday_range", rf"(?:(?:between|from)\s+)?{_wd('wd1')}(?:\s+{_PART})?{_TO}{_wd('wd2')}(?:\s+{_PART})?",
     _weekday_range),
    ("weekday", rf"(?:(?P<prep>on|by|since|until|from|over)\s+)?(?:(?P<rel>last|this|next|late|early)\s+)?"
                rf"{_wd('wd')}(?:['’]s)?(?:\s+{_PART})?", _weekday_h),
    ("holiday", rf"{_PREP}(?-i:(?P<h>New\s+Year['’]s\s+(?:Eve|Day)|Christmas(?:\s+(?:Eve|Day))?|May\s+Day))"
                rf"(?:,?\s+{_year('y')})?", _holiday),
]
_COMPILED = [(kind, re.compile(rf"\b{pat}" if not pat.startswith("(?<") else pat, re.I), fn)
             for kind, pat, fn in _PATTERNS]
_ANY = re.compile(rf"\d|day|night|week|month|year|today|tonight|tomorrow|ago|morning|afternoon|evening|"
                  rf"christmas|(?-i:{_MON_NAMES})", re.I)
_NEEDS_CUE = {"month": {"rel", "mod", "mod2", "yrel"}, "year": {"prep", "mod", "mod2", "the"}}
_HANDLERS = {kind: fn for kind, _, fn in _PATTERNS}


def find_mentions(text: str, *, offset: int = 0) -> list[DateMention]:
    """Every date expression in `text`, longest first on overlaps, in text order."""
    if not _ANY.search(text):
        return []          # most sentences: no digit, no day/week/month/year word, no month name
    found: list[DateMention] = []
    for kind, rx, _ in _COMPILED:
        for m in rx.finditer(text):
            if m.end() == m.start():
                continue
            if kind == "weekday" and _is_name(text, m):
                continue
            groups = tuple((k, v) for k, v in m.groupdict().items() if v is not None)
            if kind in _NEEDS_CUE and not _NEEDS_CUE[kind] & {k for k, _ in groups}:
                continue          # a bare month or year ("May", "2000 people") is not a date
            found.append(DateMention(m.group(0), m.start() + offset, m.end() + offset, kind, groups))
    found.sort(key=lambda x: (-(x.end - x.start), x.start))
    chosen: list[DateMention] = []
    for f in found:
        if all(f.end <= c.start or f.start >= c.end for c in chosen):
            chosen.append(f)
    return sorted(chosen, key=lambda x: x.start)


def _is_name(text: str, m: re.Match) -> bool:
    """"The Sunday Times", "Bloody Sunday": a weekday that is part of a name."""
    before = text[:m.start()].rstrip()
    after = text[m.end():]
    if re.match(r"\s+[A-Z][a-z]", after) and re.search(r"\bthe$", before, re.I):
        return True
    return bool(re.search(r"\b(?:Bloody|Black|Good|Holy|Palm|Easter|Super)$", before))
