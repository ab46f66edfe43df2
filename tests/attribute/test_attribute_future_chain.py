"""Future comes from a verb the event is an open complement of, not from a verb it is conjoined with."""
import pytest

from chronicle.attribute import attribute


@pytest.mark.parametrize("text, trigger, future", [
    ("Gunmen set up a checkpoint on the road and abducted 12 passengers.", "abducted", False),
    ("The rebels vowed to attack and destroy the base.", "destroy", True),
    ("Parliament is expected to vote on Thursday.", "vote", True),
    ("Troops stormed the village and arrested the headman.", "arrested", False),
])
def test_future_follows_open_complements_only(nlp, text, trigger, future):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    assert attribute(tok.sent, tok, doc).future is future
