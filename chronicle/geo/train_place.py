"""Train the event-place model of attach.py on event_location_dev items 1500-5999.

    python -m chronicle.geo.train_place [--docbin PARSED.spacy] [--out chronicle/geo/data/place_model.json]

Items 0-1499 (the CI subset of `chronicle eval event-location`) and 6000- (held out) are never
trained on; the script prints accuracy on all three parts. L2-regularised logistic regression over
binary features, a softmax over each item's places and 'none' (numpy, full-batch gradient descent);
the margin 'none' must lose by maximises training accuracy.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

TRAIN = (1500, 6000)


def parse_items(items, nlp):
    from spacy.tokens import Doc

    docs = []
    for it in items:
        words = [t["text"] for t in it["tokens"]]
        spaces = [(i + 1 < len(it["tokens"]) and it["tokens"][i + 1]["start"] > t["end"])
                  for i, t in enumerate(it["tokens"])]
        docs.append(Doc(nlp.vocab, words=words, spaces=spaces))
    return list(nlp.pipe(docs, batch_size=64))


def item_rows(items, docs, gaz):
    """Per item: (gold spans, [(mention, features)])."""
    from .attach import candidates, features
    from .ties import tied_with_relation
    from .recognize import recognize

    out = []
    for it, doc in zip(items, docs):
        verb = next(s for s in it["spans"] if s["label"] == "VERB")
        gold = [(s["token_start"], s["token_end"] + 1) for s in it["spans"] if s["label"] == "LOCATION"]
        v = verb["token_start"]
        mentions = recognize(doc, gaz)
        cands = candidates(doc, v, mentions)
        rule, rel = tied_with_relation(doc, v, mentions, fallback_sentence=False)
        fb = None
        if rule is None:
            fb, _ = tied_with_relation(doc, v, mentions, fallback_sentence=True)
        rows = [(m, features(doc, v, m, cands, rule, rel, fb, gaz)) for m in cands]
        out.append((gold, rows))
    return out


def _hit(m, gold) -> bool:
    return any(m.tok_start < e and s < m.tok_end for s, e in gold)


def train(rows, *, l2: float = 1.0, steps: int = 1000, lr: float = 2.0) -> dict[str, float]:
    """Conditional logit (logit.fit): per item a softmax over its candidates and 'none' (features of
    attach.none_features); the item's gold is the candidates overlapping a gold span, else 'none' when
    it has no gold span. Items whose gold place no candidate covers teach nothing and are skipped."""
    from .attach import none_features
    from .logit import fit

    groups, labels = [], []
    for gold, rs in rows:
        groups.append([dict.fromkeys(fs, 1.0) for _, fs in rs] + [dict.fromkeys(none_features(rs), 1.0)])
        labels.append([1.0 if _hit(m, gold) else 0.0 for m, _ in rs] + [0.0 if gold else 1.0])
    return fit(groups, labels, l2=l2, steps=steps, lr=lr)


def accuracy(rows, model: dict, threshold: float = 0.0) -> float:
    from .attach import decide

    right = 0
    for gold, rs in rows:
        pick, _ = decide(rs, model, margin=threshold)
        right += (pick is not None and _hit(pick, gold)) or (pick is None and not gold)
    return right / (len(rows) or 1)


def main(argv=None) -> None:
    from ..config import Settings
    from ..nlp import load_model
    from .attach import MODEL_PATH
    from .gazetteer import Gazetteer

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docbin", help="the items already parsed (a DocBin of all items, in order)")
    ap.add_argument("--out", default=str(MODEL_PATH))
    ap.add_argument("--l2", type=float, default=1.0)
    args = ap.parse_args(argv)
    settings = Settings.from_env()
    path = settings.data_dir / "events" / "event_location_dev.json"
    items = json.loads(path.read_text(encoding="utf-8"))
    nlp = load_model(settings.model)
    if args.docbin:
        from spacy.tokens import DocBin

        docs = list(DocBin().from_disk(args.docbin).get_docs(nlp.vocab))
    else:
        docs = parse_items(items, nlp)
    gaz = Gazetteer.load(settings)
    rows = item_rows(items, docs, gaz)
    tr = rows[TRAIN[0]:TRAIN[1]]
    weights = train(tr, l2=args.l2)
    model = {"weights": weights, "threshold": 0.0,
             "trained_on": f"event_location_dev.json items {TRAIN[0]}-{TRAIN[1] - 1}"}
    best = max((accuracy(tr, model, t / 10), t / 10) for t in range(-10, 31))
    model["threshold"] = best[1]
    for name, part in (("subset 0-1499", rows[:TRAIN[0]]), ("train", tr), ("held-out", rows[TRAIN[1]:])):
        print(f"{name}: accuracy {accuracy(part, model, model['threshold']):.4f} ({len(part)} items)")
    print(f"threshold {model['threshold']}, {len(weights)} weights")
    Path(args.out).write_text(json.dumps(model, indent=0, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
