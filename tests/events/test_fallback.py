"""The no-trigger fallback: a bag-of-words PLOVER guess (sentences written for these tests)."""
from __future__ import annotations

import pytest

from chronicle.events import fallback


def test_words_are_unigrams_and_bigrams_without_stop_words():
    assert fallback.words("The army shelled the town") == ["army", "shelled", "town", "army_shelled", "shelled_town"]


def test_train_learns_a_tiny_task_and_round_trips(tmp_path):
    ex = [("troops shelled the village", "ASSAULT"), ("gunmen shelled a market", "ASSAULT"),
          ("artillery shelled the base", "ASSAULT"), ("ministers signed a trade pact", "AGREE"),
          ("leaders signed a peace pact", "AGREE"), ("the parties signed a border pact", "AGREE")]
    fb = fallback.train(ex, min_df=2, steps=200)
    assert fb.predict("rebels shelled the camp")[0] == "ASSAULT"
    assert fb.predict("they signed a pact")[0] == "AGREE"
    path = tmp_path / "fb.json.gz"
    fb.save(path)
    again = fallback.load_fallback(path)
    assert again.predict("rebels shelled the camp")[0] == "ASSAULT"
    assert abs(sum(again.probs("anything at all").values()) - 1.0) < 1e-6


def test_missing_model_is_none(tmp_path):
    assert fallback.load_fallback(tmp_path / "absent.json.gz") is None


def test_stories_without_a_label_column_are_named(tmp_path):
    bad = tmp_path / "stories.csv"
    bad.write_text("text,title\nsome text,some title\n", encoding="utf-8")
    with pytest.raises(ValueError, match="stories.csv"):
        fallback.read_stories(bad)


def test_shipped_model_reads_clear_sentences():
    fb = fallback.load_fallback()
    if fb is None:
        pytest.skip("no fallback model shipped (run make train)")
    typ, _ = fb.predict("The government released 200 prisoners as part of the amnesty.")
    assert typ in ("CONCEDE", "RETREAT", "COOPERATE", "AID"), typ          # material cooperation
    typ, p = fb.predict("Rebels attacked an army convoy and killed ten soldiers.")
    assert typ == "ASSAULT" and p >= fallback.THRESHOLD, (typ, p)
    assert fb.predict("Thousands of teachers went on strike demanding higher pay.")[0] == "PROTEST"
