"""The trained typing model: feature layout, readings with calibrated probabilities, the file, and
the corpus readers' errors (toy encoder and data written for these tests; the shipped model where it
exists)."""
from __future__ import annotations

import numpy as np
import pytest

from chronicle.events import typedata
from chronicle.events.typing import NONE, Featurizer, RuleReading, TypeReading, TypingModel
from chronicle.models import linear

KEYWORDS = ["shell", "sign", "march", "army"]


class KeywordEncoder:
    """A stand-in sentence encoder: one dimension per keyword present."""

    dim = len(KEYWORDS)

    def encode(self, texts):
        out = np.zeros((len(texts), self.dim), np.float32)
        for r, t in enumerate(texts):
            for k, w in enumerate(KEYWORDS):
                out[r, k] = float(w in t.lower())
        return out


TOY = [("the army shelled the town", "shell", "ASSAULT", "ASSAULT:heavy-weapons", "Shelling/artillery/missile attack"),
       ("rebels shelled a base", "shell", "ASSAULT", "ASSAULT:heavy-weapons", "Shelling/artillery/missile attack"),
       ("ministers signed a pact", "sign", "AGREE", NONE, NONE),
       ("the parties signed a deal", "sign", "AGREE", NONE, NONE),
       ("thousands marched in the capital", "march", "PROTEST", "PROTEST:demo", "Peaceful protest"),
       ("students marched on parliament", "march", "PROTEST", "PROTEST:demo", "Peaceful protest")] * 3


def _toy_model() -> TypingModel:
    rules = [RuleReading(t, NONE, NONE, 2, True) for _, _, t, _, _ in TOY]
    fz = Featurizer.fitted(rules)
    model = TypingModel(fz, {}, KeywordEncoder())
    X = model.features([s for s, *_ in TOY], [w for _, w, *_ in TOY], rules)
    for head, col in (("type", 2), ("mode", 3), ("acled", 4)):
        model.heads[head] = linear.fit(X, [row[col] for row in TOY], l2=1.0)
    return model


def test_one_hot_layout_is_fixed_and_ignores_unknown_values():
    fz = Featurizer.fitted([RuleReading("ASSAULT", "firearms")])
    a = fz.onehots(RuleReading("ASSAULT", "firearms", NONE, 2, True))
    b = fz.onehots(RuleReading("ASSAULT", "no-such-mode", NONE, 2, True))
    assert a.shape == b.shape == (fz.width_rules(),)
    assert a.sum() == b.sum() + 1


def test_reading_gives_a_type_its_mode_and_probabilities():
    model = _toy_model()
    r = model.type_event("gunmen shelled the village", "shell", RuleReading("ASSAULT", NONE, NONE, 2, True))
    assert isinstance(r, TypeReading)
    assert (r.type, r.mode, r.quad) == ("ASSAULT", "heavy-weapons", "material conflict")
    assert r.acled == ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert 0.5 < r.type_prob <= 1.0 and 0.0 <= r.acled_prob <= 1.0


def test_a_mode_never_belongs_to_another_type():
    model = _toy_model()
    r = model.type_event("delegates signed an accord", "sign", RuleReading("AGREE", NONE, NONE, 2, True))
    assert r.type == "AGREE" and r.mode is None and r.acled is None


def test_model_file_round_trips_and_absent_is_none(tmp_path):
    model = _toy_model()
    path = tmp_path / "typing.json.gz"
    model.save(path)
    again = TypingModel.load(KeywordEncoder(), path)
    rule = RuleReading("PROTEST", NONE, NONE, 2, True)
    assert again.type_event("crowds marched", "march", rule).type == "PROTEST"
    model.save(tmp_path / "again.json.gz")
    assert (tmp_path / "again.json.gz").read_bytes() == path.read_bytes()
    assert TypingModel.load(KeywordEncoder(), tmp_path / "absent.json.gz") is None


def test_stories_without_a_mode_column_are_named(tmp_path):
    bad = tmp_path / "stories.csv"
    bad.write_text("text,title,label\nsome text,some title,ASSAULT\n", encoding="utf-8")
    with pytest.raises(ValueError, match="stories.csv.*mode"):
        typedata.read_ngec(bad)


def test_a_story_without_a_label_is_named_by_row(tmp_path):
    bad = tmp_path / "stories.csv"
    bad.write_text("text,title,label,mode\nsome text,some title,,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="row 2"):
        typedata.read_ngec(bad)


def test_headlines_keep_their_stories_in_one_fold():
    assert typedata.fold_of("{country_1} teachers strike") == typedata.fold_of("{country_1} teachers strike")
    assert {typedata.fold_of(f"headline {k}") for k in range(50)} == {0, 1, 2, 3, 4}


def test_detector_gives_events_the_models_type_probability(nlp):
    from chronicle.events import DetectStage
    from chronicle.events.typing import MODEL

    if not MODEL.exists():
        pytest.skip("no typing model shipped (run make train)")
    det = DetectStage.from_resources(None).detector
    evs, _ = det.detect(nlp("Rebels attacked an army convoy and killed ten soldiers on Monday."), "t")
    assert evs and all(e.type_prob is not None and 0.0 <= e.type_prob <= 1.0 for e in evs)
    assault = next(e for e in evs if e.type == "ASSAULT")
    assert assault.type_prob > 0.5
