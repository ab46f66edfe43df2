"""Date expressions resolved against a publication date: each family, no publication date,
ranges, precision, the historical flag and bad input. Pure rules: no spaCy model needed."""
from __future__ import annotations

import datetime as dt

import pytest

from chronicle.records import DatePrecision
from chronicle.time import find_dates, resolve, span_precision

WED = dt.date(2014, 6, 11)          # a Wednesday
SUN = dt.date(2021, 8, 29)          # a Sunday
MON_JAN = dt.date(2019, 1, 7)       # a Monday at a year boundary


def span(expr, pub, **kw):
    got = resolve(expr, pub, **kw)
    assert got is not None, f"{expr!r} did not resolve"
    return got.start.isoformat(), got.end.isoformat(), got.precision.value


@pytest.mark.parametrize("expr, start, end", [
    ("on Tuesday", "2014-06-10", "2014-06-10"),
    ("on Wednesday", "2014-06-11", "2014-06-11"),          # the publication weekday is that day
    ("Thursday", "2014-06-05", "2014-06-05"),
    ("Sunday night", "2014-06-08", "2014-06-08"),
    ("Tuesday's attack", "2014-06-10", "2014-06-10"),
    ("last Wednesday", "2014-06-04", "2014-06-04"),        # "last" is strictly before
    ("by Monday evening", "2014-06-09", "2014-06-09"),
])
def test_weekdays_are_the_latest_on_or_before_publication(expr, start, end):
    assert span(expr, WED) == (start, end, "day")


@pytest.mark.parametrize("expr, start", [
    ("on Thursday", "2014-06-12"), ("on Wednesday", "2014-06-11"), ("next Wednesday", "2014-06-18"),
])
def test_future_weekdays_are_on_or_after_publication(expr, start):
    assert span(expr, WED, tense_past=False)[0] == start


@pytest.mark.parametrize("expr, days_back", [
    ("yesterday", 1), ("last night", 1), ("yesterday afternoon", 1), ("the day before yesterday", 2),
    ("this morning", 0), ("today", 0), ("earlier today", 0), ("tonight", 0),
    ("two days ago", 2), ("4 days ago", 4),
])
def test_relative_days(expr, days_back):
    d = (WED - dt.timedelta(days=days_back)).isoformat()
    assert span(expr, WED) == (d, d, "day")


@pytest.mark.parametrize("expr, pub, want", [
    ("last week", WED, ("2014-06-02", "2014-06-08", "week")),
    ("last week", MON_JAN, ("2018-12-31", "2019-01-06", "week")),
    ("earlier this week", WED, ("2014-06-09", "2014-06-11", "week")),
    ("next week", WED, ("2014-06-16", "2014-06-22", "week")),
    ("a week ago", WED, ("2014-06-02", "2014-06-08", "week")),
    ("over the weekend", WED, ("2014-06-07", "2014-06-08", "week")),
    ("at the weekend", SUN, ("2021-08-28", "2021-08-29", "week")),
    ("last weekend", SUN, ("2021-08-21", "2021-08-22", "week")),
])
def test_weeks_and_weekends(expr, pub, want):
    assert span(expr, pub) == want


@pytest.mark.parametrize("expr, pub, want", [
    ("last month", WED, ("2014-05-01", "2014-05-31", "month")),
    ("last month", MON_JAN, ("2018-12-01", "2018-12-31", "month")),
    ("earlier this month", WED, ("2014-06-01", "2014-06-11", "month")),
    ("late last month", WED, ("2014-05-21", "2014-05-31", "month")),
    ("at the end of last month", WED, ("2014-05-21", "2014-05-31", "month")),
    ("in March", WED, ("2014-03-01", "2014-03-31", "month")),
    ("in October", WED, ("2013-10-01", "2013-10-31", "month")),     # the most recent past October
    ("in mid-July", SUN, ("2021-07-11", "2021-07-20", "month")),
    ("in early June", WED, ("2014-06-01", "2014-06-10", "month")),
    ("June 2014", WED, ("2014-06-01", "2014-06-11", "month")),       # clipped at publication
    ("in August 2013", WED, ("2013-08-01", "2013-08-31", "month")),
    ("two months ago", WED, ("2014-04-01", "2014-04-30", "month")),
])
def test_months(expr, pub, want):
    assert span(expr, pub) == want


@pytest.mark.parametrize("expr, want", [
    ("last year", ("2013-01-01", "2013-12-31", "year")),
    ("late last year", ("2013-09-01", "2013-12-31", "year")),
    ("early this year", ("2014-01-01", "2014-04-30", "year")),
    ("earlier this year", ("2014-01-01", "2014-06-11", "year")),
    ("in 2003", ("2003-01-01", "2003-12-31", "year")),
    ("in late 2012", ("2012-09-01", "2012-12-31", "year")),
    ("ten years ago", ("2004-01-01", "2004-12-31", "year")),
    ("in the 1990s", ("1990-01-01", "1999-12-31", "year")),
    ("in 1995 and 1996", ("1995-01-01", "1996-12-31", "year")),
])
def test_years(expr, want):
    assert span(expr, WED) == want


@pytest.mark.parametrize("expr", ["on June 10", "June 10, 2014", "10 June 2014", "2014-06-10",
                                  "Tuesday, June 10, 2014", "the night of June 10", "Jun. 10, 2014",
                                  "10th of June 2014"])
def test_explicit_days(expr):
    assert span(expr, WED) == ("2014-06-10", "2014-06-10", "day")


def test_month_day_without_year_is_the_latest_past_one():
    assert span("on December 28", MON_JAN) == ("2018-12-28", "2018-12-28", "day")
    assert span("on December 28", MON_JAN, tense_past=False) == ("2019-12-28", "2019-12-28", "day")


@pytest.mark.parametrize("expr, want", [
    ("between 5 and 7 June", ("2014-06-05", "2014-06-07", "week")),
    ("from Monday to Wednesday", ("2014-06-09", "2014-06-11", "week")),
    ("on Sunday and Monday", ("2014-06-08", "2014-06-09", "week")),
    ("between August 10 and August 12, 2013", ("2013-08-10", "2013-08-12", "week")),
    ("from 1 to 15 May", ("2014-05-01", "2014-05-15", "month")),
    ("from 28 May to 2 June", ("2014-05-28", "2014-06-02", "week")),
    ("since Saturday", ("2014-06-07", "2014-06-11", "week")),
    ("over the past two days", ("2014-06-09", "2014-06-11", "week")),
])
def test_ranges_take_their_precision_from_their_length(expr, want):
    assert span(expr, WED) == want


def test_span_precision_thresholds():
    d = dt.date(2020, 1, 1)
    assert [span_precision(d, d + dt.timedelta(days=n)) for n in (0, 1, 6, 7, 30, 31)] == [
        DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.WEEK, DatePrecision.MONTH,
        DatePrecision.MONTH, DatePrecision.YEAR]


@pytest.mark.parametrize("expr", ["on Tuesday", "yesterday", "last week", "earlier this month",
                                  "late last year", "in March", "on June 10", "two days ago",
                                  "over the weekend", "this morning", "from Monday to Wednesday"])
def test_relative_expressions_without_publication_date_are_none(expr):
    assert resolve(expr, None) is None


@pytest.mark.parametrize("expr, start", [
    ("10 June 2014", "2014-06-10"), ("2014-06-10", "2014-06-10"), ("in 2003", "2003-01-01"),
    ("May 2017", "2017-05-01"), ("between 5 and 7 June 2014", "2014-06-05"),
])
def test_absolute_expressions_resolve_without_publication_date(expr, start):
    got = resolve(expr, None)
    assert got is not None and got.start.isoformat() == start and not got.historical


@pytest.mark.parametrize("expr, historical", [
    ("in 2003", True), ("in August 2013", False), ("in May 2013", True), ("late last year", False),
    ("last year", False), ("the 1990s", True), ("ten years ago", True), ("yesterday", False),
])
def test_historical_means_ending_over_a_year_before_publication(expr, historical):
    assert resolve(expr, WED).historical is historical


def test_future_events_are_never_historical():
    assert resolve("in 2003", WED, tense_past=False).historical is False


@pytest.mark.parametrize("text", ["The Sunday Times reported it.", "Bloody Friday was remembered.",
                                  "The blast killed 2,000 people.", "Police seized 1500 rifles.",
                                  "Officials said the fighting may spread.", "They march on the capital.",
                                  "By Jun Ji-hye", "a 25-year-old man", "for three days"])
def test_things_that_look_like_dates_are_not(text):
    assert find_dates(text) == []


def test_the_text_is_the_expression_without_its_preposition():
    assert resolve("on Sunday night", WED).text == "Sunday night"


def test_find_dates_reports_offsets_into_the_text():
    text = "Gunmen attacked the town on Sunday night, and again last week."
    found = find_dates(text, offset=100)
    assert [(m.text, text[m.start - 100:m.end - 100]) for m in found] == [
        ("on Sunday night", "on Sunday night"), ("last week", "last week")]


def test_impossible_dates_do_not_resolve():
    assert resolve("30 February 2014", WED) is None
    assert resolve("2014-13-40", WED) is None


def test_leap_day_without_year_finds_a_leap_year():
    assert span("on February 29", dt.date(2020, 3, 1)) == ("2020-02-29", "2020-02-29", "day")


def test_a_datetime_publication_counts_as_its_day():
    assert span("yesterday", dt.datetime(2014, 6, 11, 23, 59)) == ("2014-06-10", "2014-06-10", "day")


@pytest.mark.parametrize("expr", ["banana", "the town", "12 people", "!!!"])
def test_garbage_is_not_a_date(expr):
    assert resolve(expr, WED) is None


@pytest.mark.parametrize("expr", ["", "   \n"])
def test_empty_expression_is_a_clear_error(expr):
    with pytest.raises(ValueError, match="empty date expression"):
        resolve(expr, WED)


def test_wrong_types_are_named():
    with pytest.raises(TypeError, match="as a str"):
        resolve(20140611, WED)
    with pytest.raises(TypeError, match="published must be a datetime.date"):
        resolve("yesterday", "2014-06-11")
