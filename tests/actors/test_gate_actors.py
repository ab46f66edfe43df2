"""The pinned floors of `chronicle eval actors` (subset, needs ../shared/data) and `actor_names`."""
from __future__ import annotations

import pytest

from chronicle.eval import run_eval


def test_actor_names_eval_meets_its_floors(settings):
    assert run_eval(["actor_names"], settings=settings, check=True, echo=lambda *a: None) == 0


@pytest.mark.data
def test_actors_eval_meets_its_floors(settings, data_dir):
    assert run_eval(["actors"], settings=settings, check=True, echo=lambda *a: None) == 0


def test_conll_reader_names_a_bad_line(tmp_path):
    from chronicle.eval.actors import read_conll

    bad = tmp_path / "x.txt"
    bad.write_text("Police B-S\nfired X-Y\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2 of"):
        read_conll(bad)


def test_conll_reader_builds_spans(tmp_path):
    from chronicle.eval.actors import read_conll

    f = tmp_path / "x.txt"
    f.write_text("Kenyan B-S\npolice I-S\narrested O\ntwo B-T\nmen I-T\n. O\n\n", encoding="utf-8")
    (item,) = read_conll(f)
    assert item.spans["S"] == [(0, 2)] and item.spans["T"] == [(3, 5)]
