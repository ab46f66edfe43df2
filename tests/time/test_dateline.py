"""Dateline dates opening plain-text articles."""
from __future__ import annotations

import datetime as dt

import pytest

from chronicle.time import dateline_date


@pytest.mark.parametrize("text, want", [
    ("BAGHDAD, June 11, 2014 (Wire) — Militants overran the city.", dt.date(2014, 6, 11)),
    ("MOGADISHU, 14 March 2023 – Gunmen stormed a hotel.", dt.date(2023, 3, 14)),
    ("KABUL, Afghanistan, Aug. 29, 2021: A rocket hit a house.", dt.date(2021, 8, 29)),
    ("PORT-AU-PRINCE, Haiti, Wednesday, Oct. 19, 2022 (Wire) - Gangs blocked the port.", dt.date(2022, 10, 19)),
    ("NEW DELHI, 2018-05-25 — Police detained dozens.", dt.date(2018, 5, 25)),
    ("\n\nKHARTOUM, 3 June 2019 (Wire) -- Security forces stormed a sit-in.", dt.date(2019, 6, 3)),
    ("Protest in the capital\nLA PAZ, November 12, 2019 – Crowds marched.", dt.date(2019, 11, 12)),
])
def test_dateline_dates(text, want):
    assert dateline_date(text) == want


@pytest.mark.parametrize("text", [
    "BAGHDAD, June 11 (Wire) — no year, so no date.",
    "Militants overran the city on June 11, 2014, officials said.",      # a date, not a dateline
    "BAGHDAD — Militants overran the city.",
    "BAGHDAD, June 31, 2014 — not a day of the calendar.",
    "",
    "one\ntwo\nthree\nfour\nfive\nsix\nBAGHDAD, June 11, 2014 — too deep to be a dateline.",
])
def test_no_dateline_gives_none(text):
    assert dateline_date(text) is None


def test_dateline_of_a_non_string_is_a_clear_error():
    with pytest.raises(TypeError, match="article text as a str"):
        dateline_date(None)
