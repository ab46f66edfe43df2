"""The pinned floors of `chronicle eval extraction` and `furniture` (subset), as CI runs them."""
from __future__ import annotations

import pytest

from chronicle.eval import run_eval


def test_furniture_eval_meets_its_floors(settings):
    assert run_eval(["furniture"], settings=settings, check=True, echo=lambda *a: None) == 0


@pytest.mark.data
def test_extraction_eval_meets_its_floors(settings, data_dir):
    assert run_eval(["extraction"], settings=settings, check=True, echo=lambda *a: None) == 0
