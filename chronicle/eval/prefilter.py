"""How much the sentence prefilter (chronicle.nlp.prefilter) skips, and what it would lose.

recall_*: the share of gold event sentences the filter keeps for the parse (an event in a skipped
sentence is lost for good): IndiaPoliceEvents dev sentences labelled KILL/ARREST/FORCE, WikiEvents
dev sentences holding an attack or death trigger, CASE 2021 dev snippets with an in-scope ACLED
type, GloCon protest sentences. words_parsed_*: the share of words that still get the full parse,
on real news documents (GloCon) — lower is faster.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

from ..config import Settings
from . import Scores, evaluation, require

OUT_OF_SCOPE = {"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"}


def _ipe(path: Path, limit: int | None) -> list[str]:
    from .events import read_ipe

    out = [text for text, labels in read_ipe(path) if labels & {"KILL", "ARREST", "FORCE"}]
    return out[:limit] if limit else out


def _wikievents(path: Path, limit: int | None) -> list[str]:
    out = []
    for line in path.open(encoding="utf-8"):
        d = json.loads(line)
        for ev in d["event_mentions"]:
            if ev["event_type"].startswith(("Conflict.Attack", "Life.Die", "Life.Injure")):
                s = d["sentences"][ev["trigger"]["sent_idx"]]
                out.append(s[1] if isinstance(s[1], str) else " ".join(t[0] for t in s[0]))
    return out[:limit] if limit else out


def _case(path: Path, limit: int | None) -> list[str]:
    out = []
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["SubType"] not in OUT_OF_SCOPE:
                out.append(row["EventSnippet"])
    return out[:limit] if limit else out


def _glocon_sentences(path: Path, limit: int | None) -> list[str]:
    out = [d["sentence"] for d in map(json.loads, path.open(encoding="utf-8")) if d.get("label") == 1]
    return out[:limit] if limit else out


def _glocon_docs(path: Path, limit: int) -> list[str]:
    out = []
    for line in path.open(encoding="utf-8"):
        out.append(json.loads(line)["text"])
        if len(out) >= limit:
            break
    return out


@evaluation("prefilter")
def evaluate(settings: Settings, *, full: bool = False) -> Scores:
    from ..nlp.prefilter import may_hold_event, split_chunks

    ev = settings.data_dir / "events"
    files = {
        "ipe": require(ev / "conflibert" / "IndiaPoliceEvents_sents" / "dev.tsv", "IndiaPoliceEvents dev"),
        "wikievents": require(ev / "wikievents" / "dev.jsonl", "WikiEvents dev"),
        "case": require(ev / "case2021_task2_dev.tsv", "CASE 2021 task 2 dev"),
        "glocon": require(ev / "glocon_sample" / "sentence" / "Sabinet.json", "GloCon sentences"),
    }
    docs_path = require(ev / "glocon_sample" / "document" / "Sabinet_R.json", "GloCon documents")
    limit = None if full else 200
    readers = {"ipe": _ipe, "wikievents": _wikievents, "case": _case, "glocon": _glocon_sentences}
    values: dict[str, float] = {}
    n = 0
    for name, reader in readers.items():
        sents = reader(files[name], limit)
        values[f"recall_{name}"] = sum(map(may_hold_event, sents)) / len(sents) if sents else 0.0
        n += len(sents)
    words = kept = 0
    for text in _glocon_docs(docs_path, 10_000 if full else 200):
        for chunk in split_chunks(text):
            w = len(chunk.split())
            words += w
            kept += w if may_hold_event(chunk) else 0
    values["words_parsed_glocon_docs"] = kept / words if words else 0.0
    return Scores(values, n=n, data_files=[*files.values(), docs_path],
                  higher_is_better={"words_parsed_glocon_docs": False},
                  notes=["recall = gold event sentences kept for the parse; words_parsed = share of words "
                         "still parsed on real news (a ceiling: lower is faster)"])
