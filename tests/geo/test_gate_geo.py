"""The pinned floors of `chronicle eval geo` and `event-location` (subset), as CI runs them."""
from __future__ import annotations

import pytest

from chronicle.eval import run_eval


@pytest.mark.data
def test_geo_eval_meets_its_floors(settings, data_dir):
    assert run_eval(["geo", "event-location"], settings=settings, check=True, echo=lambda *a: None) == 0
