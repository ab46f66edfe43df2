"""Event dates: date expressions in the text, resolved against the publication date.

    >>> import datetime as dt
    >>> resolve("Sunday night", dt.date(2014, 6, 11))
    EventDate(start=datetime.date(2014, 6, 8), end=datetime.date(2014, 6, 8), precision=<DatePrecision.DAY: 'day'>, text='Sunday night', historical=False)

Conventions (P = publication date; "past" events unless the text speaks of the future):

=================================================  ==============================================
expression                                          start – end, precision
=================================================  ==============================================
"on Tuesday", "Tuesday night", "Tuesday's attack"   the latest Tuesday on or before P (P itself when
                                                    P is a Tuesday), day; future: first on or after P
"last Tuesday" / "next Tuesday"                     strictly before / after P, day
"yesterday", "last night" / "today", "this morning" P-1 / P, day ("the day before yesterday" P-2)
"two days ago" / "a week ago" / "N months ago"      P-2 (day) / Mon–Sun week holding P-7 (week) /
                                                    that calendar month (month); "years ago" → year
"last week" / "this week", "earlier this week"      previous Mon–Sun / Mon–P, week
"over the weekend", "at the weekend"                latest Saturday on or before P – Sunday, week
"last month" / "earlier this month"                 previous calendar month / 1st–P, month
"early / mid / late <month>", "the end of ..."      1–10 / 11–20 / 21–end of that month, month
"last year", "late last year", "early this year"    the year / Sep–Dec / Jan–Apr (clipped), year
"in March", "on June 10" (no year)                  the latest one on or before P, month / day
"June 10, 2014", "10 June 2014", "2014-06-10"       that day, day (no P needed)
"June 2014" / "in 2003" / "the 1990s"               month / year / the decade as year precision
"between 5 and 7 June", "from Monday to Wednesday"  the range; precision by length: 1 day → day,
  "since Saturday" (→ P)                             ≤ 7 → week, ≤ 31 → month, else year
=================================================  ==============================================

A past event's range never ends after P ("in June" published 11 June → 1–11 June). Without P
only absolute expressions resolve; relative ones give None, never today. A past event whose date
ends more than 365 days before P is historical ("in 2003, US forces invaded" in a 2014 report).
For an event, the expression nearest its trigger in the dependency tree wins, else the
sentence's nearest; with none in the sentence the date is P at day precision (text None).
"""
from __future__ import annotations

import datetime as dt

from ..records import EventDate
from .attach import date_for_event, find_dates, pick_mention
from .dateline import dateline_date
from .expressions import DateMention, span_precision
from .stage import DateStage

__all__ = ["DateMention", "DateStage", "date_for_event", "dateline_date", "find_dates", "pick_mention",
           "resolve", "span_precision"]


def resolve(expr: str, published: dt.date | None, *, tense_past: bool = True) -> EventDate | None:
    """The dates a single expression denotes ("on Tuesday", "late last year", "10 June 2014"), or
    None when it is not a date expression or needs a publication date that is missing."""
    if not isinstance(expr, str):
        raise TypeError(f"resolve needs the date expression as a str, got {type(expr).__name__}")
    if not expr.strip():
        raise ValueError("resolve got an empty date expression; pass text such as 'on Tuesday'")
    if published is not None and not isinstance(published, dt.date):
        raise TypeError(f"published must be a datetime.date or None, got {published!r}")
    if isinstance(published, dt.datetime):
        published = published.date()
    mentions = find_dates(expr)
    if not mentions:
        return None
    longest = max(mentions, key=lambda m: m.end - m.start)
    return longest.resolve(published, tense_past=tense_past)
