"""The date of an event in a parsed sentence (the expression tied to its trigger), the DateStage,
and the gate on the bundled gold table."""
from __future__ import annotations

import datetime as dt

import pytest

from chronicle.eval import run_eval
from chronicle.eval.dates import load_gold
from chronicle.pipeline import Analysis, check
from chronicle.records import Article, DatePrecision, Event, EventDate, Span
from chronicle.time import DateStage, date_for_event

PUB = dt.date(2014, 6, 11)   # Wednesday


def event_date(nlp, text, trigger, published=PUB):
    doc = nlp(text)
    i = next(t.i for t in doc if t.text == trigger)
    return date_for_event(doc, doc[i].sent, i, published)


@pytest.mark.parametrize("trigger, start, historical", [
    ("attacked", "2014-06-10", False),
    ("seized", "2003-01-01", True),
])
def test_each_trigger_gets_the_date_in_its_own_clause(nlp, trigger, start, historical):
    text = "The group seized the town in 2003 and attacked it again on Tuesday."
    got = event_date(nlp, text, trigger)
    assert (got.start.isoformat(), got.historical) == (start, historical)


def test_a_relative_clause_keeps_its_date_to_itself(nlp):
    text = "The militia, which was founded in 2012, attacked the convoy on Sunday."
    assert event_date(nlp, text, "attacked").start == dt.date(2014, 6, 8)
    assert event_date(nlp, text, "founded").precision is DatePrecision.YEAR


def test_sentence_without_date_falls_back_to_publication_day(nlp):
    got = event_date(nlp, "Militants raided government buildings.", "raided")
    assert got == EventDate(PUB, PUB, DatePrecision.DAY, None, False)


def test_no_publication_date_gives_none_not_today(nlp):
    assert event_date(nlp, "Militants raided government buildings.", "raided", None) is None
    assert event_date(nlp, "Militants raided the town on Tuesday.", "raided", None) is None


def test_absolute_date_needs_no_publication_date(nlp):
    got = event_date(nlp, "Gunmen abducted 20 passengers on 10 June 2014.", "abducted", None)
    assert got.start == dt.date(2014, 6, 10) and got.precision is DatePrecision.DAY


def test_future_events_look_forward(nlp):
    got = event_date(nlp, "The two parties will meet on Thursday to discuss the deal.", "meet")
    assert got.start == dt.date(2014, 6, 12)


def test_trigger_outside_the_document_is_named(nlp):
    doc = nlp("Gunmen attacked.")
    with pytest.raises(ValueError, match="trigger token index 9"):
        date_for_event(doc, doc[:], 9, PUB)


def make_event(text, word, i=0):
    start = text.index(word)
    return Event(id=f"e{i}", article_id="a1", type="ASSAULT", quad="material conflict",
                 trigger=Span(word, start, start + len(word)), evidence=(Span(text, 0, len(text)),))


def test_date_stage_dates_every_event_and_flags_historical(nlp):
    text = "In 2003, US forces invaded the country. Militants attacked a checkpoint on Tuesday."
    events = (make_event(text, "invaded", 0), make_event(text, "attacked", 1))
    a = Analysis(Article(id="a1", text=text, origin="t", published=PUB), doc=nlp(text), events=events)
    out = DateStage.from_resources(None).run([a])[0]
    invaded, attacked = out.events
    assert invaded.historical and invaded.date.start == dt.date(2003, 1, 1)
    assert not attacked.historical and attacked.date.start == dt.date(2014, 6, 10)
    assert attacked.to_json()["date"] == {"start": "2014-06-10", "end": "2014-06-10",
                                          "precision": "day", "text": "Tuesday"}


def test_date_stage_uses_the_dateline_when_no_publication_date(nlp):
    text = "MOGADISHU, 14 March 2023 – Gunmen stormed a hotel on Sunday."
    a = Analysis(Article(id="a1", text=text, origin="t"), doc=nlp(text), events=(make_event(text, "stormed"),))
    assert DateStage().run([a])[0].events[0].date.start == dt.date(2023, 3, 12)


def test_date_stage_declares_what_it_needs():
    stage = DateStage()
    assert stage.name == "date" and stage.provides == {"events.date", "events.historical"}
    check([stage], given=("article", "doc", "events"))
    with pytest.raises(Exception, match="needs"):
        check([stage], given=("article", "doc"))


def test_gold_table_is_large_varied_and_split():
    gold = load_gold()
    assert len(gold) >= 150
    assert {c.precision for c in gold} == {"day", "week", "month", "year", "none"}
    assert sum(c.split == "heldout" for c in gold) >= 50
    assert any(c.published is None for c in gold)


def test_gold_line_with_wrong_columns_is_named(tmp_path):
    bad = tmp_path / "gold.tsv"
    bad.write_text("# header\n2014-06-11\tonly three\tcolumns\n")
    with pytest.raises(ValueError, match="line 2"):
        load_gold(bad)


def test_dates_eval_keeps_its_floors(settings):
    assert run_eval(["dates"], settings=settings, check=True, echo=lambda *a: None) == 0


def test_a_simple_past_trigger_is_never_read_as_future(nlp):
    # "set" is a future verb in "set to"; here it is only the first of two past-tense verbs
    text = "In December, gunmen set up a checkpoint on the road and abducted several passengers."
    got = event_date(nlp, text, "abducted", dt.date(2020, 2, 10))
    assert (got.start, got.end) == (dt.date(2019, 12, 1), dt.date(2019, 12, 31))
