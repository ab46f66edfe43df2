"""Dates that head a section of a report (a police blotter, a live blog) and lower-cased weekdays.
Texts written for these tests."""
from __future__ import annotations

import datetime as dt

from chronicle.time.expressions import find_mentions
from chronicle.time.stage import section_dates


def test_a_date_heading_a_line_dates_the_lines_below_it():
    text = ("CARTERVILLE — The following are arrest reports.\n\nMarch 2: ARRESTS – A man, 31, was arrested for "
            "theft.\n\nA woman, 29, was arrested for trespassing.\n\nMarch 5 — ARRESTS – A man was arrested.")
    heads = section_dates(text)
    assert [h.text for h in heads] == ["March 2", "March 5"]
    assert heads[0].resolve(dt.date(2023, 3, 9)).start == dt.date(2023, 3, 2)


def test_a_date_inside_a_sentence_heads_nothing():
    assert section_dates("Police said on March 2: we arrested him.\n") == []


def test_lower_cased_weekdays_and_months_are_dates():
    assert [m.kind for m in find_mentions("the mob struck on saturday night")] == ["weekday"]
    assert [m.kind for m in find_mentions("clashes since february 3")] == ["md"]
    assert find_mentions("they will march in may") == []       # the verb and the modal stay words
