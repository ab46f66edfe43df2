"""Counts of people in a sentence — killed, injured, displaced, arrested, abducted, participants —
as low / best / high estimates, attached to the event triggers they belong to.

Conventions (UCDP-like: `best` is the most likely figure, `low`/`high` the bounds the text allows,
None where it gives none):

=========================================  ===========================================
text                                        low, best, high
=========================================  ===========================================
"12", "twelve", "a dozen", "1.2 million"    12, 12, 12 (exact)
"at least 12", "no fewer than 12"           12, 12, None
"more than 100", "over 100"                 101, 101, None
"fewer than 50", "less than 50", "under"    None, 49, 49
"nearly 50", "almost 50", "close to 50"     None, 50, 50
"about/around/some/roughly/an estimated N"  None, N, None
"up to 20", "as many as 20", "at most 20"   None, 20, 20
"between 5 and 7", "5 to 7", "5-7", "5 or 6" 5, 5, 7 (best is the lower bound, as UCDP does)
"12 or more"                                12, 12, None
"a couple (of)"                             2, 2, 2
"a few"                                     2, 3, 5
"a handful"                                 3, 4, 6
"several"                                   3, 5, 9
"dozens"                                    24, 36, 99
"scores"                                    40, 60, 199
"hundreds"                                  200, 300, 999
"thousands"                                 2000, 3000, 9999
"tens of thousands"                         20000, 30000, 99999
"hundreds of thousands"                     200000, 300000, 999999
"millions"                                  2000000, 3000000, 9999999
"several dozen", "a few hundred"            the vague range times 12 / 100 / 1000
"no one", "nobody", "none"                  0, 0, 0
=========================================  ===========================================

A modifier on a vague quantity keeps its range and drops the bound it contradicts ("at least
dozens" → 24, 36, None). Counts joined by "and" under one verb add up ("12 soldiers and 3
civilians were killed" → 15); otherwise the largest best estimate for a category wins. Counts
introduced by "including" or "among" are parts of another count and are not reported. Years,
dates, times, ages, money, percentages, calibres, distances, durations and numbers of things
(vehicles, houses, rockets) are not counts of people.
"""
from __future__ import annotations

from .attach import counts_for_events
from .mentions import CountMention, find_counts
from .quantity import Quantity, find_quantities

__all__ = ["CountMention", "Quantity", "counts_for_events", "find_counts", "find_quantities"]
