"""The stage contract is honest: every stage declares real Analysis fields, reads only what it
declares, and writes only what it provides (the pipeline refuses a stage that writes more)."""
from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pytest

from chronicle.errors import PipelineError, UsageError
from chronicle.pipeline import Analysis, Pipeline, check, field_names
from chronicle.records import Article

ROOT = Path(__file__).resolve().parent.parent
MOSUL = (ROOT / "examples" / "mosul_2014-06-11.txt").read_text(encoding="utf-8")
FIELDS = {"article", "doc", "toponyms", "events", "notes", "signals"}


class Reading(Analysis):
    """An Analysis that records which of its fields a stage reads (outside `with_`)."""

    __slots__ = ()
    reads: list[str] = []
    quiet = [False]

    def __getattribute__(self, name):
        if name in FIELDS and not Reading.quiet[0]:
            Reading.reads.append(name)
        return object.__getattribute__(self, name)

    def with_(self, **changes):
        Reading.quiet[0] = True
        try:
            return replace(self, **changes)
        finally:
            Reading.quiet[0] = False


@pytest.fixture(scope="module")
def built(nlp, settings):
    from chronicle.run import Resources, stages

    return stages(Resources(settings=settings, nlp=nlp))


def test_the_built_stages_declare_real_fields_in_an_order_that_fits(built):
    check(built)
    known = field_names()
    for s in built:
        assert set(s.needs) | set(s.provides) <= known, s.name


def test_each_built_stage_reads_only_what_it_declares(built):
    a = Reading(Article(id="mosul", text=MOSUL, origin="examples/mosul_2014-06-11.txt"))
    for stage in built:
        Reading.reads.clear()
        [out] = stage.run([a])
        declared = {n.split(".", 1)[0] for n in stage.needs | stage.provides}
        assert set(Reading.reads) <= declared, (stage.name, set(Reading.reads) - declared)
        a = out if isinstance(out, Reading) else Reading(**{f: getattr(out, f) for f in FIELDS})
    assert any(e.location is not None for e in a.events)      # it ran the whole way


class Sneaky:
    name = "sneaky"
    needs = frozenset({"article.text"})
    provides = frozenset({"notes"})

    def run(self, batch):
        return [a.with_(notes=("x",), toponyms=("not declared",)) for a in batch]


def test_a_stage_that_writes_an_undeclared_field_stops_the_run():
    with pytest.raises(PipelineError, match="'sneaky' changed \\['toponyms'\\].*declares only \\['notes'\\]"):
        list(Pipeline([Sneaky()]).run([Article(id="a", text="x", origin="t")]))


@pytest.mark.parametrize("needs,provides,message", [
    ({"text"}, set(), r"declares \['text'\], which are no fields"),
    ({"article.text"}, {"locations"}, r"declares \['locations'\]"),
    ({"article.text"}, {"events.place"}, r"declares \['events.place'\]"),
])
def test_a_declared_name_that_is_no_field_is_refused(needs, provides, message):
    class Stage:
        name = "odd"

    Stage.needs, Stage.provides = frozenset(needs), frozenset(provides)
    with pytest.raises(PipelineError, match=message):
        check([Stage()])


def test_a_field_of_the_events_must_be_provided_before_it_is_needed():
    class Reads:
        name, needs, provides = "reads", frozenset({"events.location"}), frozenset()

    class Places:
        name, needs, provides = "places", frozenset({"events"}), frozenset({"events.location"})

    class Events:
        name, needs, provides = "events", frozenset({"article.text"}), frozenset({"events"})

    check([Events(), Places(), Reads()])
    with pytest.raises(PipelineError, match="'reads' needs \\['events.location'\\]"):
        check([Events(), Reads(), Places()])


def test_the_pipeline_is_assembled_in_one_place():
    """Only chronicle/run.py (and pipeline.py, which defines it) builds a Pipeline or calls stages()."""
    offenders = []
    for path in sorted((ROOT / "chronicle").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel in ("chronicle/run.py", "chronicle/pipeline.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                fn = node.func
                name = fn.id if isinstance(fn, ast.Name) else fn.attr if isinstance(fn, ast.Attribute) else ""
                if name in ("Pipeline", "stages", "stage_factory"):
                    offenders.append(f"{rel}:{node.lineno} {name}()")
    assert offenders == []


def test_a_cut_or_skipped_stage_must_exist(nlp, settings):
    from chronicle.run import Resources, pipeline

    res = Resources(settings=settings, nlp=nlp)
    assert [s.name for s in pipeline(resources=res, until="geoparse").stages] == ["nlp", "geoparse"]
    assert "judge" not in [s.name for s in pipeline(resources=res, skip=("judge", "merge")).stages]
    with pytest.raises(UsageError, match="no stage named 'jduge'"):
        pipeline(resources=res, skip=("jduge",))
