"""The pinned floors of `chronicle eval events` (subset), as CI runs them."""
from __future__ import annotations

import pytest

from chronicle.eval import run_eval


@pytest.mark.data
def test_events_eval_meets_its_floors(settings, data_dir):
    assert run_eval(["events"], settings=settings, check=True, echo=lambda *a: None) == 0
