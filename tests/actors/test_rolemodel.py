"""The trained role model: candidate spans, their features, and the drop-in roles function (texts and a
hand-weighted model written for these tests; the shipped model where it exists)."""
from __future__ import annotations

import numpy as np
import pytest

from chronicle.actors import ActorTable, roles
from chronicle.actors.rolemodel import LABELS, RoleModel, TrainedRoles, candidates, features, rule_label
from chronicle.models import linear
from chronicle.records import Actor


@pytest.fixture(scope="module")
def table():
    return ActorTable.load()


def _trigger(doc, word):
    return next(t for t in doc if t.text == word)


def test_candidates_are_the_noun_phrases_outside_the_trigger(nlp):
    doc = nlp("The Iraqi army shelled rebel positions near the town.")
    t = _trigger(doc, "shelled")
    spans = {doc[lo:hi].text for lo, hi, _ in candidates(t.sent, t)}
    assert {"The Iraqi army", "rebel positions"} <= spans
    assert not any("shelled" in s for s in spans)


def test_features_name_the_path_voice_and_rule(nlp, table):
    doc = nlp("Five soldiers were killed by militants.")
    t = _trigger(doc, "killed")
    lo, hi, h = next(c for c in candidates(t.sent, t) if doc[c[0]:c[1]].text == "militants")
    f = features(doc, t, lo, hi, h, rule="S", table=table)
    assert "rule=S" in f and "passive=True" in f and "prep=by" in f


def test_rule_label_matches_exact_then_overlapping_spans():
    a = Actor(text="the army", name="x", kind="MIL", country=None, start=0, end=8)
    assert rule_label(0, 8, (a,), ()) == "S"
    assert rule_label(4, 8, (), (a,)) == "T~"
    assert rule_label(20, 30, (a,), ()) == "none"


def _hand_model(threshold=0.5) -> RoleModel:
    """A model that believes the rules: rule=S -> source, rule=T -> target."""
    vocab = {"bias": 0, "rule=S": 1, "rule=T": 2}
    W = np.zeros((3, 3), np.float32)
    W[0, 0] = 2.0
    W[1, 1] = W[2, 2] = 6.0
    head = linear.Softmax(LABELS, np.zeros(3, np.float32), np.ones(3, np.float32), W, np.zeros(3, np.float32))
    return RoleModel(vocab, head, {"S": threshold, "T": threshold})


def test_trained_roles_keep_the_actor_table_names(nlp, table):
    doc = nlp("Iraqi troops attacked Islamic State fighters near Mosul.")
    t = _trigger(doc, "attacked")
    src, tgt = TrainedRoles(_hand_model(), rules=roles)(doc, t.sent, t.i, table=table, country=None)
    assert [a.name for a in src] == ["Military Forces of Iraq"]
    assert [a.name for a in tgt] == ["Islamic State"]


def test_nothing_above_the_threshold_gives_no_roles(nlp, table):
    doc = nlp("Iraqi troops attacked Islamic State fighters near Mosul.")
    t = _trigger(doc, "attacked")
    src, tgt = TrainedRoles(_hand_model(threshold=0.999), rules=roles)(doc, t.sent, t.i, table=table, country=None)
    assert (src, tgt) == ((), ())


def test_model_file_round_trips_and_absent_is_none(tmp_path):
    m = _hand_model()
    m.save(tmp_path / "r.json.gz")
    again = RoleModel.load(tmp_path / "r.json.gz")
    assert again.vocab == m.vocab and again.thresholds == m.thresholds
    assert RoleModel.load(tmp_path / "absent.json.gz") is None


@pytest.mark.parametrize("text,trigger,source,target", [
    ("Police arrested dozens of protesters on Tuesday.", "arrested", "Police", "dozens of protesters"),
    ("Two journalists were detained by soldiers at a checkpoint.", "detained", "soldiers", "Two journalists"),
])
def test_shipped_model_reads_plain_sentences(nlp, table, text, trigger, source, target):
    model = RoleModel.load()
    if model is None:
        pytest.skip("no role model shipped (run make train)")
    doc = nlp(text)
    t = _trigger(doc, trigger)
    src, tgt = TrainedRoles(model, rules=roles)(doc, t.sent, t.i, table=table, country="KEN")
    assert [a.text for a in src] == [source]
    assert [a.text for a in tgt] == [target]
