"""Every docstring example under chronicle/ runs as a doctest (an example that no longer works
fails here). Examples may use these names, and nothing else they do not define: `nlp` (the session's
spaCy model), `gaz` (the gazetteer), `table` (the actor table), `settings`; they run in a scratch
folder that holds `examples/` and `chronicle.duckdb` (the bundled examples, ingested).
"""
from __future__ import annotations

import doctest
import importlib
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(
    ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for p in (ROOT / "chronicle").rglob("*.py") if ">>>" in p.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def workdir(tmp_path_factory, settings, nlp):
    from chronicle.store.load import ingest

    d = tmp_path_factory.mktemp("doctests")
    (d / "examples").symlink_to(ROOT / "examples")
    here = os.getcwd()
    os.chdir(d)                      # article ids are the paths as given: "examples/..."
    try:
        ingest(["examples"], db="chronicle.duckdb", settings=settings, workers=1)
    finally:
        os.chdir(here)
    return d


@pytest.fixture(scope="module")
def names(settings, nlp):
    from chronicle.actors.table import ActorTable
    from chronicle.geo.gazetteer import Gazetteer

    return {"nlp": nlp, "gaz": Gazetteer.load(settings), "table": ActorTable.load(), "settings": settings}


def test_every_module_with_examples_is_found():
    assert len(MODULES) >= 40 and "chronicle.run" in MODULES and "chronicle.knowledge.countries" in MODULES


@pytest.mark.slow
@pytest.mark.parametrize("module", MODULES)
def test_docstring_examples_run(module, workdir, names, monkeypatch):
    monkeypatch.chdir(workdir)
    tests = [t for t in doctest.DocTestFinder(exclude_empty=True).find(importlib.import_module(module)) if t.examples]
    assert tests, f"{module} has '>>>' but no example doctest finds"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []
    for t in tests:
        t.globs.update(names)
        runner.run(t, out=report.append)
    assert runner.failures == 0, "".join(report)
