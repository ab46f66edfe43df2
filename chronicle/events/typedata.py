"""Labelled examples for the trained typing model: one candidate event per text, read from the
development corpora with the rules (their reading becomes features, the corpus label the target).

Splits (a model trained on a corpus never sees that corpus's held-out part):
- NGEC synthetic PLOVER stories: by headline (stories written from one headline stay together);
  fold = sha1(headline) % 5, fold 0 is the held-out fifth.
- CASE 2021 task 2 dev: chronicle.eval.events.case_split (ids with (id // 2) % 2 == 1 held out).
- cameo_class: chronicle.eval.events.cameo_split (odd rows held out).
"""
from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

NONE = "(none)"


@dataclass(frozen=True, slots=True)
class Example:
    """A candidate event (or a trigger-less text) with its rule reading and its gold labels."""

    corpus: str                 # ngec | case | cameo
    key: str                    # id within the corpus
    group: str                  # examples of one group share a fold (NGEC: the headline)
    split: str                  # "tune" (may be trained on) | "heldout"
    text: str                   # the event's sentence (the whole text when no trigger)
    trigger: str                # trigger lemma ("" when the rules found none)
    rule_type: str              # PLOVER type the rules read, NONE when no trigger
    rule_mode: str
    rule_acled: str             # ACLED sub-type the rules read, or NONE
    strength: int
    verb: bool
    rule_penta: int = -1        # the CAMEO penta-class rules (cameo only)
    type: str | None = None     # gold labels (None: this corpus does not label it)
    mode: str | None = None
    acled: str | None = None
    penta: int | None = None


def fold_of(group: str, k: int = 5) -> int:
    return int(hashlib.sha1(group.encode("utf-8")).hexdigest(), 16) % k


NGEC_MODES = {"SIEZE": "seize", "PRIMATIVE": "primitive"}     # the data's spellings -> PLOVER's


def read_ngec(path: Path) -> list[tuple[str, str, str, str, str]]:
    """(key, headline, lead text, type, mode) per story: title (placeholders dropped) + 2 sentences."""
    csv.field_size_limit(10 ** 8)
    out = []
    with path.open(encoding="utf-8") as f:
        rows = csv.DictReader(f)
        need = {"text", "title", "label", "mode"}
        if rows.fieldnames is None or not need <= set(rows.fieldnames):
            raise ValueError(f"{path}: expected columns {sorted(need)} (got {rows.fieldnames})")
        for n, row in enumerate(rows, 2):
            label = (row["label"] or "").strip().upper()
            if not label:
                raise ValueError(f"{path}: row {n} has no label; every story needs a PLOVER type")
            mode = (row["mode"] or "").strip().upper()
            mode = NGEC_MODES.get(mode, mode.lower()) or NONE
            title = re.sub(r"\s+", " ", re.sub(r"\{[^}]*\}", " ", row["title"] or "")).strip()
            lead = " ".join(re.split(r"(?<=[.!?])\s+", (row["text"] or "").strip())[:2])
            out.append((str(n), row["title"] or "", f"{title}. {lead}", label, mode))
    return out


def _reading(detector, doc, pick, key: str):
    """(sentence text, trigger lemma, type, mode, acled, strength, verb, event) of the picked event."""
    evs, _ = detector.detect(doc, key)
    m = pick(doc, [e for e in evs if not e.negated])
    if m is None:
        return doc.text, "", NONE, NONE, NONE, 0, False, None
    span = doc.char_span(m.trigger.start, m.trigger.end, alignment_mode="expand")
    root = span.root
    tr = _trigger_at(root.sent, m.trigger.start)
    lemma = tr.entry.lemma if tr is not None else root.lemma_.lower()
    return (root.sent.text, lemma, m.type, m.mode or NONE, m.acled[1] if m.acled else NONE,
            tr.strength if tr is not None else 2, root.pos_ in ("VERB", "AUX"), m)


def _trigger_at(sent, start: int):
    from .triggers import find_triggers

    return next((t for t in find_triggers(sent) if t.start == start), None)


def _main(doc, evs):
    from .detect import main_event

    return main_event(evs, doc)


def _case_pick(doc, evs):
    from .detect import main_event

    return main_event([e for e in evs if e.acled], doc) or main_event(evs, doc)


def ngec_examples(nlp, detector, path: Path) -> list[Example]:
    return ngec_rows_examples(nlp, detector, read_ngec(path))


def ngec_rows_examples(nlp, detector, rows) -> list[Example]:
    out = []
    for (key, head, text, typ, mode), doc in zip(rows, nlp.pipe([r[2] for r in rows], batch_size=64)):
        sent, lemma, rt, rm, ra, st, verb, _ = _reading(detector, doc, _main, f"ngec-{key}")
        out.append(Example("ngec", key, head, "heldout" if fold_of(head) == 0 else "tune", sent, lemma, rt, rm,
                           ra, st, verb, type=typ, mode=mode))
    return out


def case_examples(nlp, detector, data_dir: Path) -> list[Example]:
    from ..eval.events import case_split, read_case

    rows = read_case(data_dir)
    out = []
    for (cid, text, gold), doc in zip(rows, nlp.pipe([r[1] for r in rows], batch_size=64)):
        sent, lemma, rt, rm, ra, st, verb, _ = _reading(detector, doc, _case_pick, f"case-{cid}")
        out.append(Example("case", str(cid), str(cid), case_split(cid), sent, lemma, rt, rm, ra, st, verb,
                           acled=gold))
    return out


def cameo_examples(nlp, detector, data_dir: Path) -> list[Example]:
    from ..eval.events import cameo_split, clause_event, penta_class, read_cameo_class

    rows = read_cameo_class(data_dir)
    out = []
    for k, ((text, gold), doc) in enumerate(zip(rows, nlp.pipe([r[0] for r in rows], batch_size=64))):
        sent, lemma, rt, rm, ra, st, verb, m = _reading(detector, doc, clause_event, f"cameo-{k}")
        out.append(Example("cameo", str(k), str(k), cameo_split(k), sent, lemma, rt, rm, ra, st, verb,
                           rule_penta=penta_class(doc, m), penta=gold))
    return out
