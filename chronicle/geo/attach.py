"""Which place in the trigger's sentence is where the event happened, if any: a small logistic model
over (trigger, place mention) pairs.

The parse rules of locate.py ("killed in X", "north of X", "clashes near X") are one feature among
others: where the mention sits in the tree relative to the trigger (path length, clause edges crossed,
inside the subject), the word before it ("from", "by", "'s" after it), what kind of place it is
(country / province / town), and the distance in words. The best-scoring mention is chosen when its
probability clears a threshold, else none ("the United States never succeeded ..." is no place of
"bombed"). Weights: chronicle/geo/data/place_model.json, trained by `python -m chronicle.geo.train_place`
on event_location_dev items 1500-5999 (items 0-1499 are the CI subset, 6000- are held out).

    >>> from chronicle.geo.recognize import recognize
    >>> doc = nlp("Gunmen killed five people in Baidoa on Sunday.")
    >>> m, rel, p = choose_place(doc, 1, recognize(doc, gaz), gazetteer=gaz)     # 1: "killed"
    >>> m.text, rel
    ('Baidoa', 'in')
"""
from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from ..knowledge import shipped
from ..nlp import doc_text
from ..records import Precision
from .mentions import Mention
from .ties import tied_with_relation

MODEL_PATH = Path(__file__).with_name("data") / "place_model.json"


def _words():
    """The words behind the place model's features (chronicle/knowledge/words/geo.toml [attach]; the
    model was fitted with them), from the shipped knowledge."""
    return shipped().geo.attach


_CLAUSE_DEPS = {"relcl", "advcl", "ccomp", "xcomp", "acl", "conj", "parataxis", "csubj", "pcomp"}


def _bucket(x: int, edges: Sequence[int]) -> str:
    for e in edges:
        if x <= e:
            return str(e)
    return f">{edges[-1]}"


def _root(doc, m: Mention):
    span = doc[m.tok_start:m.tok_end]
    return span.root if len(span) else doc[m.tok_start]


def _path(a, b):
    """Tokens on the tree path from a to b (excluding a and b), and the dep labels crossed."""
    anc_a = [a] + list(a.ancestors)
    ids_a = {t.i: k for k, t in enumerate(anc_a)}
    up_b = [b]
    for t in b.ancestors:
        if t.i in ids_a:
            break
        up_b.append(t)
    else:
        return None, None           # different sentences / trees
    meet = up_b[-1].head if up_b[-1].i not in ids_a else up_b[-1]
    if b.i in ids_a:
        meet = b
        up_b = []
    k = ids_a[meet.i]
    side_a = anc_a[:k]               # from a up to (not incl.) meet
    deps = [t.dep_ for t in side_a] + [t.dep_ for t in up_b]
    inner = side_a[1:] + ([meet] if meet.i not in (a.i, b.i) else []) + up_b[1:]
    return inner, deps


def features(doc, trigger: int, m: Mention, mentions: Sequence[Mention], rule: Mention | None,
             rule_rel: str | None, fallback: Mention | None, gazetteer=None) -> list[str]:
    """Binary feature names of one (trigger, mention) pair."""
    tok = doc[trigger]
    root = _root(doc, m)
    f = ["bias"]
    if rule is not None and rule.start == m.start:
        g = "direct" if rule_rel is None else (_words().rel_groups.get(rule_rel, "dir" if " " in rule_rel else "other"))
        f.append(f"rule={g}")
    elif rule is not None:
        f.append("rule=other_tied")
    elif fallback is not None and fallback.start == m.start:
        f.append("fb")
    prev = doc[m.tok_start - 1].lower_ if m.tok_start > 0 else "<s>"
    pv = prev if prev in _words().prev_words else "X"
    f.append(f"prev={pv}")
    prev2 = doc[m.tok_start - 2].lower_ if m.tok_start > 1 else "<s>"
    if prev in ("the", "northern", "southern", "eastern", "western", "central"):
        f.append(f"prev2={prev2 if prev2 in _words().prev_words else 'X'}")
    nxt = doc[m.tok_end] if m.tok_end < len(doc) else None
    if nxt is None:
        f.append("next=</s>")
    elif nxt.text in ("'s", "’s", "'"):
        f.append("next='s")
    elif nxt.is_punct:
        f.append(f"next={nxt.text if nxt.text in ',.-(' else 'P'}")
    elif nxt.pos_ in ("NOUN", "PROPN"):
        f.append("next=noun")
    f.append(f"dep={root.dep_}")
    f.append(f"headpos={root.head.pos_}")
    after = m.tok_start > trigger
    d = (m.tok_start - trigger) if after else (trigger - m.tok_end + 1)
    f.append(f"dist={'+' if after else '-'}{_bucket(d, (2, 5, 10, 20))}")
    inner, deps = _path(tok, root)
    if inner is None:
        f.append("path=none")
    else:
        f.append(f"plen={_bucket(len(inner), (0, 1, 2, 3, 5))}")
        verbs = sum(1 for t in inner if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"))
        f.append(f"pverbs={min(verbs, 2)}")
        clause = sum(1 for x in deps if x in _CLAUSE_DEPS)
        f.append(f"pclause={min(clause, 2)}")
        if root.is_ancestor(tok):
            f.append("m_dominates_t")
        if tok.is_ancestor(root):
            f.append("t_dominates_m")
            if any(t.dep_ in ("nsubj", "nsubjpass") and t.head.i == tok.i for t in [root, *root.ancestors]):
                f.append("in_subject")
        if any(x in ("nsubj", "nsubjpass") for x in deps[-3:]):
            f.append("subj_edge")
    f.append(f"tpos={tok.pos_}")
    f.append(f"tdep={tok.dep_ if tok.dep_ in ('ROOT', 'conj', 'advcl', 'relcl', 'xcomp', 'ccomp', 'acl', 'pobj', 'dobj', 'nsubj', 'nsubjpass', 'compound', 'amod') else 'X'}")
    ent = doc[m.tok_start].ent_type_ or "none"
    f.append(f"ent={ent}:{m.kind}")
    prec = "none"
    if gazetteer is not None:
        cs = gazetteer.lookup(m.text)[:1] if m.kind != "demonym" else []
        if cs:
            p = cs[0].place.precision
            prec = ("country" if p == Precision.COUNTRY and not cs[0].feature.startswith("L.")
                    else "region" if cs[0].feature.startswith("L.") else p.value)
    f.append(f"prec={prec}")
    same = [x for x in mentions if x.kind != "demonym"]
    f.append(f"nm={min(len(same), 3)}")
    near = min(same, key=lambda x: abs(x.tok_start - trigger)) if same else None
    if near is not None and near.start == m.start:
        f.append("nearest")
    if same and same[0].start == m.start:
        f.append("first")
    # conjunctions of the strongest cues
    r = next((x for x in f if x.startswith("rule=") or x == "fb"), "norule")
    f.append(f"{r}&prec={prec}")
    f.append(f"{r}&prev={pv}")
    f.append(f"prec={prec}&dep={root.dep_}")
    f.append(f"{next(x for x in f if x.startswith('dist='))}&{r}")
    if inner is not None:
        f.append(f"{next(x for x in f if x.startswith('plen='))}&{next(x for x in f if x.startswith('pclause='))}")
    # the event verb: 'demonstrated' / 'captured' (a title, a picture) name a place less often than 'killed'
    lem = tok.lemma_.lower()
    lem = lem if lem in _words().event_lemmas else "X"
    f.append(f"lem={lem}&{r}")
    f.append(f"lem={lem}&prec={prec}")
    # other verbs or a clause break (';', ':') between trigger and place
    a, b = sorted((trigger, m.tok_start))
    f.append(f"vbetween={min(sum(1 for t in doc[a + 1:b] if t.pos_ == 'VERB'), 2)}")
    if any(t.text in (";", ":") for t in doc[a + 1:b]):
        f.append("semicolon_between")
    return f


@lru_cache(maxsize=2)
def load_model(path: str = str(MODEL_PATH)) -> dict:
    from ..errors import ResourceError

    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ResourceError(f"place model {path} cannot be read ({e}); retrain it with "
                            f"`python -m chronicle.geo.train_place`") from e


def _score(feats: Sequence[str], model: dict) -> float:
    w = model["weights"]
    return sum(w.get(x, 0.0) for x in feats)


def none_features(rows) -> list[str]:
    """Features of the option 'no place in this sentence is where it happened'."""
    f = ["none:bias", f"none:nm={min(len(rows), 3)}"]
    for _, fs in rows:
        for x in fs:
            if x.startswith(("rule=", "fb", "tpos=", "tdep=")) or (x.startswith("prec=") and "&" not in x):
                f.append("none:" + x)
            elif x.startswith("lem="):
                f.append("none:" + x.split("&")[0])
    return sorted(set(f))


def decide(rows, model: dict, *, margin: float | None = None):
    """(mention or None, probability) from [(mention, features)]: softmax over the places and 'none'."""
    if not rows:
        return None, 0.0
    margin = model.get("threshold", 0.0) if margin is None else margin
    zs = [_score(fs, model) for _, fs in rows]
    zn = _score(none_features(rows), model) + margin
    top = max(range(len(zs)), key=zs.__getitem__)
    mx = max(max(zs), zn)
    tot = sum(math.exp(z - mx) for z in zs) + math.exp(zn - mx)
    p = math.exp(zs[top] - mx) / tot
    return (rows[top][0], p) if zs[top] > zn else (None, p)


def candidates(doc, trigger: int, mentions: Sequence[Mention]) -> list[Mention]:
    """The place mentions of the trigger's sentence that could be where it happened (no demonyms)."""
    sent = doc[trigger].sent
    return [m for m in mentions if m.kind != "demonym" and sent.start <= m.tok_start < sent.end
            and not (m.tok_start <= trigger < m.tok_end) and not _dateline(doc, m)]


def _dateline(doc, m: Mention) -> bool:
    """'BAGHDAD, June 11 (Wire) —': where the report was filed, not where anything happened."""
    text = doc_text(doc)
    before = text[max(0, m.start - 2):m.start]
    return m.text.isupper() and len(m.text) > 2 and (m.start == 0 or "\n" in before) \
        and text[m.end:m.end + 1] in (",", " ")


def choose_place(doc, trigger: int, mentions: Sequence[Mention], *, gazetteer=None,
                 margin: float | None = None) -> tuple[Mention | None, str | None, float]:
    """(mention, parse relation or None, probability) of the trigger's place in its sentence, or
    (None, None, p) when 'none' wins."""
    cands = candidates(doc, trigger, mentions)
    if not cands:
        return None, None, 0.0
    rule, rel = tied_with_relation(doc, trigger, mentions, fallback_sentence=False)
    fb = None
    if rule is None:
        fb, _ = tied_with_relation(doc, trigger, mentions, fallback_sentence=True)
    rows = [(m, features(doc, trigger, m, cands, rule, rel, fb, gazetteer)) for m in cands]
    model = load_model()
    m, p = decide(rows, model, margin=margin)
    if m is None:
        return None, None, p
    return m, (rel if rule is not None and rule.start == m.start else None), p


def ranked(doc, trigger: int, mentions: Sequence[Mention], *, gazetteer=None) -> list[Mention]:
    """The sentence's candidate places, likeliest first (for a fallback when 'none' won)."""
    cands = candidates(doc, trigger, mentions)
    if not cands:
        return []
    rule, rel = tied_with_relation(doc, trigger, mentions, fallback_sentence=False)
    fb = None if rule is not None else tied_with_relation(doc, trigger, mentions, fallback_sentence=True)[0]
    model = load_model()
    rows = [(m, _score(features(doc, trigger, m, cands, rule, rel, fb, gazetteer), model)) for m in cands]
    return [m for m, _ in sorted(rows, key=lambda r: -r[1])]
