from dataclasses import dataclass

import pytest

from chronicle.errors import PipelineError
from chronicle.pipeline import Analysis, Pipeline
from chronicle.records import Article, Rejected


@dataclass
class Upper:
    name: str = "upper"
    needs: frozenset = frozenset({"article.text"})
    provides: frozenset = frozenset({"notes"})

    def run(self, batch):
        out = []
        for a in batch:
            if "boom" in a.article.text:
                raise ValueError("cannot handle boom")
            out.append(a.with_(notes=(a.article.text.upper(),)))
        return out


@dataclass
class NeedsDoc:
    name: str = "needs_doc"
    needs: frozenset = frozenset({"doc"})
    provides: frozenset = frozenset({"events"})

    def run(self, batch):
        return list(batch)


def art(i, text):
    return Article(id=str(i), text=text, origin=f"t{i}")


def test_pipeline_checks_needs_before_the_first_article():
    with pytest.raises(PipelineError, match="needs_doc.*needs \\['doc'\\]"):
        Pipeline([NeedsDoc()])


def test_one_bad_article_becomes_rejected_and_the_batch_goes_on():
    out = list(Pipeline([Upper()]).run([art(1, "a"), art(2, "boom"), art(3, "c")]))
    assert [type(x).__name__ for x in out] == ["Analysis", "Rejected", "Analysis"]
    assert out[0].notes == ("A",) and out[2].notes == ("C",)
    assert out[1].article_id == "2" and out[1].stage == "upper" and "cannot handle boom" in out[1].detail


def test_rejected_inputs_pass_through_in_order():
    r = Rejected("x", "ingest", "empty", "x: empty")
    out = list(Pipeline([Upper()]).run([art(1, "a"), r]))
    assert out[1] is r


def test_near_duplicates_are_not_analysed_again():
    dup = Article(id="2", text="a", origin="t2", duplicate_of="1")
    out = list(Pipeline([Upper()]).run([art(1, "a"), dup]))
    assert out[0].notes == ("A",) and out[1].notes == ()
