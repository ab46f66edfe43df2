"""The pinned floors of `chronicle eval articles` (whole real reports against the project's gold set)."""
from __future__ import annotations

import pytest

from chronicle.eval import run_eval


@pytest.mark.data
def test_articles_eval_meets_its_floors(settings, data_dir):
    assert run_eval(["articles"], settings=settings, check=True, echo=lambda *a: None) == 0
