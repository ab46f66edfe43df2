"""A near-duplicate whose first copy a stage rejected is analysed in its place, not stored as a copy
of nothing (issue 15, item 4)."""
from __future__ import annotations

import datetime as dt

from chronicle.clean import clean_all
from chronicle.dedup import adopt_orphans
from chronicle.pipeline import Analysis, Pipeline
from chronicle.records import RawDocument, Rejected
from chronicle.run import analyse_with
from chronicle.store.synthetic import CodeSynthetic

STORY = ("Gunmen on motorcycles attacked the weekly market in the town of Kadari on Sunday morning, killing "
         "at least eleven traders and wounding dozens more, local officials and witnesses said. The attackers "
         "set fire to stalls and stole cattle before fleeing towards the forest, a district official told "
         "reporters, adding that soldiers had been sent to the area and that the search was continuing.")


class FailOn:
    """A stage that raises on one article id, like the date stage did on published 0001-01-01."""

    name = "date"
    needs = frozenset({"article.text"})
    provides = frozenset({"events.date"})

    def __init__(self, bad_id: str):
        self.bad_id = bad_id

    def run(self, batch):
        if any(a.article.id == self.bad_id for a in batch):
            raise OverflowError("date value out of range")
        return list(batch)


def _copies():
    return [RawDocument(origin="a", id="wire-a", text=STORY, published="2023-05-07"),
            RawDocument(origin="b", id="site-b", text="Watch live\n" + STORY + " Read more on our site.", published="2023-05-07"),
            RawDocument(origin="c", id="site-c", text=STORY + " Comments are closed.", published="2023-05-07")]


def test_copies_are_linked_to_the_first_copy_when_it_is_fine():
    out = list(analyse_with(Pipeline([CodeSynthetic()]), clean_all(_copies())))
    assert [o.article.duplicate_of for o in out] == [None, "wire-a", "wire-a"]
    assert [len(o.events) for o in out] == [3, 0, 0]


def test_the_first_copy_rejected_in_a_stage_leaves_the_next_copy_analysed_in_its_place():
    out = list(analyse_with(Pipeline([FailOn("wire-a"), CodeSynthetic()]), clean_all(_copies())))
    assert isinstance(out[0], Rejected) and out[0].article_id == "wire-a"
    b, c = out[1:]
    assert isinstance(b, Analysis) and b.article.duplicate_of is None and len(b.events) == 3
    assert c.article.duplicate_of == "site-b" and not c.events


def test_when_the_stand_in_fails_too_the_next_copy_is_tried():
    out = list(analyse_with(Pipeline([FailOn("wire-a"), FailOn("site-b"), CodeSynthetic()]), clean_all(_copies())))
    assert [type(o).__name__ for o in out] == ["Rejected", "Rejected", "Analysis"]
    assert out[2].article.duplicate_of is None and len(out[2].events) == 3


def test_adopt_orphans_leaves_items_without_rejected_first_copies_alone():
    calls = []
    items = [Rejected("x", "ingest", "empty", "x: empty")]
    assert list(adopt_orphans(iter(items), lambda arts: calls.append(arts))) == items and not calls
