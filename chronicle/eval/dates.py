"""Event dates scored on the project's own gold table (chronicle/time/gold/dates_gold.tsv: invented
sentences with a publication date, an event trigger and the date it should get).

A row is right when start, end, precision and the historical flag all match (or both are None).
The whole table was written before the rules were tuned; every third row is held out (its errors
were not read while tuning). Accuracy is reported per split, overall and per gold precision
("none" = rows whose date must be None).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from . import Scores, evaluation

GOLD = Path(__file__).resolve().parent.parent / "time" / "gold" / "dates_gold.tsv"
PRECISIONS = ("day", "week", "month", "year", "none")


@dataclass(frozen=True)
class DateCase:
    row: int
    published: dt.date | None
    text: str
    trigger: str
    want: tuple | None            # (start, end, precision, historical) or None

    @property
    def split(self) -> str:
        return "heldout" if self.row % 3 == 2 else "dev"

    @property
    def precision(self) -> str:
        return self.want[2] if self.want else "none"


def _day(s: str, lineno: int, path: Path) -> dt.date:
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        raise ValueError(f"line {lineno} of {path}: {s!r} is not a YYYY-MM-DD date") from None


def load_gold(path: Path = GOLD) -> list[DateCase]:
    """The gold table; a malformed line raises ValueError naming the line."""
    out = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 7:
            raise ValueError(f"line {lineno} of {path}: expected 7 tab-separated columns, got {len(parts)}")
        pub, text, trig, start, end, prec, flags = parts
        if prec not in PRECISIONS[:4] and prec != "-":
            raise ValueError(f"line {lineno} of {path}: precision {prec!r} is not one of day/week/month/year/-")
        want = None if prec == "-" else (_day(start, lineno, path), _day(end, lineno, path), prec, "H" in flags)
        out.append(DateCase(len(out), None if pub == "-" else _day(pub, lineno, path), text, trig, want))
    return out


def trigger_index(doc, name: str) -> int:
    word, _, nth = name.partition("#")
    hits = [t.i for t in doc if t.text == word]
    k = int(nth) if nth else 1
    if len(hits) < k:
        raise ValueError(f"trigger {name!r} not found in {doc.text!r}")
    return hits[k - 1]


def predict(nlp, case: DateCase):
    from ..time import date_for_event

    doc = nlp(case.text)
    i = trigger_index(doc, case.trigger)
    got = date_for_event(doc, doc[i].sent, i, case.published)
    return None if got is None else (got.start, got.end, got.precision.value, got.historical)


def errors(nlp, cases) -> list[tuple[DateCase, tuple | None]]:
    return [(c, g) for c in cases if (g := predict(nlp, c)) != c.want]


@evaluation("dates")
def evaluate_dates(settings: Settings, *, full: bool) -> Scores:
    """Event dates on the bundled table (small: subset and full are the same)."""
    from ..nlp import load_model

    nlp = load_model(settings.model)
    gold = load_gold()
    wrong = {id(c) for c, _ in errors(nlp, gold)}
    values: dict[str, float] = {}

    def acc(cases) -> float:
        return sum(id(c) not in wrong for c in cases) / len(cases) if cases else 0.0

    values["accuracy"] = acc(gold)
    for split in ("dev", "heldout"):
        values[f"{split}_accuracy"] = acc([c for c in gold if c.split == split])
    for p in PRECISIONS:
        values[f"accuracy_{p}"] = acc([c for c in gold if c.precision == p])
    values["historical_accuracy"] = acc([c for c in gold if c.want and c.want[3]])
    notes = [f"{len(gold)} rows written by the dates author before tuning; "
             f"{sum(c.split == 'heldout' for c in gold)} (every third) held out, errors not read while tuning",
             "per-precision counts: " + ", ".join(
                 f"{p} {sum(c.precision == p for c in gold)}" for p in PRECISIONS)]
    return Scores(values=values, n=len(gold), data_files=[GOLD], notes=notes)
