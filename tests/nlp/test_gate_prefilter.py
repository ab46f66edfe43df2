"""The pinned floors of `chronicle eval prefilter` (subset), as CI runs them."""
import pytest

from chronicle.eval import run_eval


@pytest.mark.data
def test_prefilter_eval_meets_its_floors(settings, data_dir):
    assert run_eval(["prefilter"], settings=settings, check=True, echo=lambda *a: None) == 0
