"""Train the toponym candidate ranker (ranker.py) on the LGL and GeoWebNews development documents.

    python -m chronicle.geo.train_ranker [--out chronicle/geo/data/ranker_model.json] [--folds 5]
    python -m chronicle.geo.train_ranker --gate        # the recognition gate (gate.py) first

Each gold toponym with coordinates is one item: its candidates (the article's other recognised
names as context, as `chronicle eval geo` resolves gold spans) and 'none'. A candidate is right
when it has the gold GeoNames id, else when it lies within 161 km of the gold point; 'none' is
right when no candidate is. The gold toponyms recognised are items a second time, with the other
recognised names alone as context (as end to end). Each recognised name that overlaps no gold toponym ("KBR", "Metro") is
an item too, whose right answer is 'none'. The script prints document-level cross-validated accuracy (folds by a
hash of the document id, so a document's toponyms never straddle training and test) per corpus,
then fits on every document and writes the weights. event_location_dev has no coordinates, so it
cannot teach resolution; it trains the event-place model (train_place.py).
"""
from __future__ import annotations

import argparse
import json
import zlib
from pathlib import Path

from .logit import fit

FOLDS = 5
L2 = 1.0
STEPS = 600


def fold_of(doc_id: str, folds: int = FOLDS) -> int:
    """The cross-validation fold of a document (stable across runs and machines)."""
    return zlib.crc32(str(doc_id).encode()) % folds


def labels(group, gold) -> list[float]:
    """1/0 per candidate, then 1/0 for 'none' (see the module docstring)."""
    from .resolve import km

    cs = group.candidates
    if gold is None:                # a recognised name that is no toponym: none of these
        return [0.0] * len(cs) + [1.0]
    lab = [1.0 if gold.geonameid and c.place.geonameid == gold.geonameid else 0.0 for c in cs]
    if not any(lab):
        lab = [1.0 if km(c.place.lat, c.place.lon, gold.lat, gold.lon) <= 161 else 0.0 for c in cs]
    return lab + [0.0 if any(lab) else 1.0]


def gold_groups(doc, parsed, gaz):
    """[(group, gold toponym)] for the gold toponyms with coordinates, in the context of the
    article's other recognised names, and the groups of every mention (for resolving)."""
    from .recognize import Mention, recognize
    from .resolve import options

    found = recognize(parsed, gaz)
    gold = {(t.start, t.end): t for t in doc.toponyms}
    mentions = sorted([Mention(t.text, t.start, t.end, "entity") for t in doc.toponyms]
                      + [m for m in found if (m.start, m.end) not in gold], key=lambda m: m.start)
    groups = options(mentions, gaz, text=doc.text)
    pairs = [(g, gold[(g.mention.start, g.mention.end)]) for g in groups
             if (g.mention.start, g.mention.end) in gold and gold[(g.mention.start, g.mention.end)].lat is not None]
    return pairs, groups, found


def train(pairs) -> dict:
    """Weights from [(group, gold)] pairs."""
    groups = [g.features + [g.none] for g, _ in pairs]
    labs = [labels(g, t) for g, t in pairs]
    return {"weights": fit(groups, labs, l2=L2, steps=STEPS)}


GATE_MARGINS = (0.0, -0.25, -0.5, -0.75, -1.0)


def gate_items(docs, parsed, gaz) -> list[tuple[str, int, list]]:
    """Per document: (id, number of gold spans, [(gate features or None for a name that passes
    unjudged, is a gold span)]) of recognize()'s proposals."""
    from collections import Counter

    from .fold import fold
    from .gate import _TRUSTED, features
    from .recognize import recognize

    out = []
    for d, p in zip(docs, parsed):
        ms = recognize(p, gaz, gated=False)
        gold = {(t.start, t.end) for t in d.toponyms}
        counts = Counter(fold(m.text) for m in ms)
        out.append((d.id, len(gold), [(None if m.kind in _TRUSTED else features(p, m, counts, gaz),
                                       (m.start, m.end) in gold) for m in ms]))
    return out


def train_gate(items) -> dict[str, float]:
    from .gate import DROP

    items = [(f, y) for f, y in items if f is not None]
    return fit([[f, DROP] for f, _ in items], [[1.0 if y else 0.0, 0.0 if y else 1.0] for _, y in items],
               l2=L2, steps=400)


def cross_validate_gate(per_corpus: dict, folds: int = FOLDS) -> dict[float, dict[str, tuple[float, float, float]]]:
    """Recognition P/R/F1 per margin and corpus, each document gated by a gate trained on the other folds."""
    from ..eval import prf
    from .gate import DROP
    from .logit import score

    tally: dict[float, dict[str, list[int]]] = {mg: {} for mg in GATE_MARGINS}
    for k in range(folds):
        w = train_gate([it for rows in per_corpus.values() for did, _, ms in rows if fold_of(did, folds) != k
                        for it in ms])
        for name, rows in per_corpus.items():
            for did, n_gold, ms in rows:
                if fold_of(did, folds) != k:
                    continue
                for mg in GATE_MARGINS:
                    kept = [y for f, y in ms if f is None or score(f, w) >= score(DROP, w) + mg]
                    t = tally[mg].setdefault(name, [0, 0, 0])
                    t[0] += sum(kept)
                    t[1] += len(kept) - sum(kept)
                    t[2] += n_gold - sum(kept)
    return {mg: {n: prf(*v) for n, v in by.items()} for mg, by in tally.items()}


def main(argv=None) -> None:
    from ..config import Settings
    from ..eval.geo import read_gwn, read_lgl
    from ..nlp import load_model
    from .gazetteer import Gazetteer
    from .ranker import MODEL_PATH

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(MODEL_PATH))
    ap.add_argument("--folds", type=int, default=FOLDS)
    ap.add_argument("--docbins", help="folder with lgl.spacy and gwn.spacy: the corpora already parsed")
    ap.add_argument("--gate", action="store_true", help="train the recognition gate (gate.py) instead")
    args = ap.parse_args(argv)
    settings = Settings.from_env()
    base = settings.data_dir / "geoparsing"
    corpora = {"lgl": read_lgl(base / "lgl.xml"), "gwn": read_gwn(base / "GWN.xml")}
    nlp = load_model(settings.model)
    gaz = Gazetteer.load(settings)
    from ..eval.geo import cross_validated, parse_docs, run_docs

    if args.gate:
        from .gate import MODEL_PATH as GATE_PATH

        items = {name: gate_items(docs, parse_docs(docs, nlp, Path(args.docbins) / f"{name}.spacy"
                                                   if args.docbins else None), gaz)
                 for name, docs in corpora.items()}
        cv = cross_validate_gate(items, args.folds)
        for mg, by in cv.items():
            print(f"margin {mg:+.2f}: " + ", ".join(f"{n} P/R/F1 {p:.4f}/{r:.4f}/{f:.4f}" for n, (p, r, f) in by.items()))
        best = max(cv, key=lambda mg: sum(f for _, _, f in cv[mg].values()))
        model = {"weights": train_gate([it for rows in items.values() for _, _, ms in rows for it in ms]),
                 "margin": best, "trained_on": "LGL (588 articles) + GeoWebNews (200 articles): recognize() proposals"}
        out = GATE_PATH if args.out == str(MODEL_PATH) else Path(args.out)
        Path(out).write_text(json.dumps(model, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print(f"margin {best}, {len(model['weights'])} weights -> {out}")
        return
    per_doc = {}
    for name, docs in corpora.items():
        parsed = parse_docs(docs, nlp, Path(args.docbins) / f"{name}.spacy" if args.docbins else None)
        per_doc[name] = run_docs(docs, parsed, gaz)
    for name, v in cross_validated(per_doc, gaz, folds=args.folds).items():
        print(f"{name}: {args.folds}-fold document cross-validation: "
              + ", ".join(f"{k.split('_', 1)[1]} {x:.4f}" for k, x in v.items()))
    model = train([pg for runs in per_doc.values() for r in runs for pg in r.items()])
    model["trained_on"] = "LGL (588 articles) + GeoWebNews (200 articles) gold toponyms with coordinates"
    Path(args.out).write_text(json.dumps(model, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(model['weights'])} weights -> {args.out}")


if __name__ == "__main__":
    main()
