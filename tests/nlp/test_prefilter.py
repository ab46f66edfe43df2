"""The sentence prefilter: chunks cover the text exactly, event sentences get the parse, others do not."""
from __future__ import annotations

from pathlib import Path

import pytest

from chronicle.nlp import is_parsed, parse_filtered
from chronicle.nlp.prefilter import may_hold_event, split_chunks
from chronicle.pipeline import Analysis, ParseStage
from chronicle.records import Article

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

TEXT = ("KABUL, Aug. 3 — Gunmen attacked a checkpoint in Ghazni province on Tuesday, killing four police officers, "
        "Mr. Ahmadi said. The weather was mild and the markets were busy.\n\n"
        "Gen. Stone visited the U.S. embassy. The road is 40 km long.")


def test_chunks_rejoin_to_the_text_and_respect_abbreviations():
    chunks = split_chunks(TEXT)
    assert "".join(chunks) == TEXT
    assert not any(c.rstrip().endswith(("Mr.", "Gen.", "U.S.", "Aug.")) for c in chunks)
    assert [c.strip()[:8] for c in chunks] == ["KABUL, A", "The weat", "Gen. Sto", "The road"]


@pytest.mark.parametrize("sentence, expected", [
    ("Gunmen attacked a checkpoint, killing four.", True),
    ("Thousands marched through the capital.", True),
    ("Police detained 40 demonstrators.", True),
    ("More than 2,000 families fled their homes.", True),
    ("The two foreign ministers met in Doha.", True),
    ("Militants overran the town.", True),
    ("The weather was mild and the markets were busy.", False),
    ("The bank said its profits rose by 4 percent.", False),     # "ban" only as a whole word
    ("The deadline is a long way off.", False),
])
def test_may_hold_event(sentence, expected):
    assert may_hold_event(sentence) is expected


def test_parse_filtered_keeps_offsets_and_marks_skipped_sentences(nlp):
    [(doc, parsed, total)] = list(parse_filtered(nlp, [TEXT]))
    assert doc.text == TEXT
    assert (parsed, total) == (2, 4)
    flags = {s.text.strip()[:8]: is_parsed(s) for s in doc.sents}
    assert flags["KABUL, A"] and flags["Gen. Sto"]
    assert not flags["The weat"] and not flags["The road"]
    assert {e.text for e in doc.ents} >= {"Ahmadi", "Tuesday", "four"}
    assert not [e for e in doc.ents if e.start_char > TEXT.index("The weather") and e.end_char < TEXT.index("Gen.")]


def test_parse_stage_with_prefilter_equals_full_parse_on_event_sentences(nlp):
    from chronicle.clean import clean
    from chronicle.ingest import read

    [raw] = list(read([str(EXAMPLES / "mosul_2014-06-11.txt")]))
    a = Analysis(clean(raw))
    [full] = ParseStage(nlp).run([a])
    [filtered] = ParseStage(nlp, prefilter=True).run([a])
    assert filtered.doc.text == full.doc.text
    # parsed alone or in context, an event sentence gets (nearly) the same lemmas and entities
    agree = total = 0
    for s in filtered.doc.sents:
        if is_parsed(s) and may_hold_event(s.text):
            ref = full.doc.char_span(s.start_char, s.end_char, alignment_mode="expand")
            total += len(s)
            agree += sum(a.lemma_ == b.lemma_ for a, b in zip(s, ref))
    assert total > 200 and agree / total > 0.97
    ents = lambda d: {(e.start_char, e.label_) for e in d.ents}  # noqa: E731
    assert len(ents(filtered.doc) & ents(full.doc)) > 0.8 * len(ents(full.doc))


def test_empty_text_gives_an_empty_doc(nlp):
    [(doc, parsed, total)] = list(parse_filtered(nlp, [""]))
    assert doc.text == "" and (parsed, total) == (0, 0)


# Lexicon triggers that are everyday verbs: they report an event only with an object or particle that
# the prefilter's own stems catch ("took control", "called for", "aid"), so their bare lemma is not a stem.
CONTEXTUAL = {"ask", "back", "block", "blow", "call", "cut", "declare", "discover", "drop", "ease", "end",
              "establish", "find", "free", "gain", "give", "go", "gun", "hack", "hand", "hold", "host",
              "hunger", "join", "lift", "martial", "mass", "merge", "open", "phone", "press", "provide",
              "pull", "receive", "recover", "reduce", "return", "round", "seek", "send", "set", "step",
              "strengthen", "take", "talk", "tear", "train", "execute", "air"}


def test_every_specific_lexicon_trigger_passes_the_prefilter():
    """The detector can only find a trigger in a parsed sentence: its specific words must be stems."""
    from chronicle.events.lexicon import LEXICON

    missed = sorted(w for w in LEXICON if w not in CONTEXTUAL and not may_hold_event(w.replace("+", " ")))
    assert missed == [], f"add these trigger words to chronicle/knowledge/words/prefilter.toml: {missed}"
