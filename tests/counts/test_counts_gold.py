"""The bundled counts and attribution gold tables, and their evaluation gate."""
import pytest

from chronicle.eval import run_eval
from chronicle.eval.counts import load_attribution_gold, load_gold


def test_counts_gold_is_large_enough_and_split():
    gold = load_gold()
    assert sum(len(g.counts) for g in gold) >= 150
    assert {g.split for g in gold} == {"dev", "heldout"}
    assert any(not g.counts for g in gold)          # sentences whose numbers are not counts


def test_gold_line_with_wrong_columns_is_named(tmp_path):
    bad = tmp_path / "gold.tsv"
    bad.write_text("# header\nonly one column\n")
    with pytest.raises(ValueError, match="line 2"):
        load_gold(bad)


def test_attribution_table_has_sixty_cases():
    assert len(load_attribution_gold()) >= 60


def test_counts_and_attribute_evals_keep_their_floors(settings):
    assert run_eval(["counts", "attribute"], settings=settings, check=True, echo=lambda *a: None) == 0
