"""Who says an event happened and how sure the text is: reporting verbs, "according to", hedges,
claims and allegations, negation, conditionals, modals and the future, read off the dependency
parse of the event's sentence. Pure rules: no model beyond the parse, microseconds per trigger.

    >>> doc = nlp("Police said gunmen killed 5 people.")
    >>> attribute(doc[:], doc[3], doc)
    Attribution(certainty='reported', attributed_to=('Police',), negated=False, hypothetical=False, future=False, cue='said')

Certainty (DESIGN.md): "confirmed" when the text says someone confirmed or verified it; "claimed"
for claims and claims of responsibility; "alleged" for "allegedly", "alleged", "accused of";
"unconfirmed" for "reportedly", "unconfirmed reports", "reports suggested", "could not be
(independently) verified", "if confirmed", "is believed/said to have"; "reported" otherwise (with or
without a named source). The cue nearest the trigger wins, except that a sentence-level
"unconfirmed"/"could not be verified"/"if confirmed" always makes the event unconfirmed.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..knowledge import Knowledge, shipped
from ..knowledge.schema import AttributionWords
from ..nlp.parse import ancestors as _ancestors, governed_by, lemma as _lemma

__all__ = ["Attribution", "attribute"]


@dataclass(frozen=True, slots=True)
class Attribution:
    certainty: str                      # one of records.CERTAINTIES
    attributed_to: tuple[str, ...]      # sources, as written, determiners trimmed
    negated: bool
    hypothetical: bool
    future: bool
    cue: str | None                     # the word(s) that decided the certainty


TRIM = {"det", "punct", "predet"}


def _event_verb(trigger, w: AttributionWords):
    """The verb whose auxiliaries and negation speak for the event: the trigger when it is a verb;
    for a noun, the light verb it is the object of ("launched an attack") or the verb it is the
    subject of when that verb only says the event happened ("the march will take place")."""
    if trigger.pos_ in ("VERB", "AUX"):
        return trigger
    h = trigger.head
    if h.i != trigger.i and trigger.dep_ in ("dobj", "nsubjpass") and _lemma(h) in w.light:
        return h
    if h.i != trigger.i and trigger.dep_ == "nsubj" and _lemma(h) in w.noun_verbs:
        return h
    if h.i != trigger.i and trigger.dep_ == "attr" and _lemma(h) == "be" and any(c.dep_ == "expl" for c in h.children):
        return h             # "there will be a protest"
    if h.i != trigger.i and trigger.dep_ == "pobj" and h.head.i != h.i and _lemma(h.head) in w.light:
        return h.head        # "carried out an attack" parses "out" as prep sometimes
    return trigger


def _xchain(v):
    """v and the verbs it is an open complement of: "attack" in "threatened to attack"."""
    chain = [v]
    while v.dep_ in ("xcomp", "conj", "advcl") and v.head.i != v.i and v.dep_ != "advcl":
        v = v.head
        chain.append(v)
    return chain


def _negated(trigger, ev, w: AttributionWords) -> str | None:
    for v in {trigger.i: trigger, ev.i: ev}.values():
        for c in v.children:
            if c.dep_ == "neg":
                return c.text
            if c.dep_ == "det" and c.lower_ == "no":
                return "no"
            if c.dep_ in ("nsubjpass", "nsubj") and v.pos_ == "VERB" and (
                    c.lower_ in ("nobody", "none", "noone") or
                    (c.lower_ == "one" and any(d.lower_ == "no" for d in c.children))):
                return "no one"
    # "denied attacking", "failed to capture", "did not try to attack"
    v = ev
    while v.dep_ in ("xcomp", "ccomp", "pcomp") and v.head.i != v.i:
        h = v.head
        if _lemma(h) in w.deny and v.dep_ in ("xcomp", "ccomp", "pcomp"):
            return h.text
        if _lemma(h) in w.fail and v.dep_ == "xcomp" and not any(c.dep_ == "neg" for c in h.children):
            return h.text
        if v.dep_ == "xcomp" and any(c.dep_ == "neg" for c in h.children):
            return "not"
        v = h
    if ev.dep_ == "pcomp" and ev.head.head.i != ev.head.i and _lemma(ev.head.head) in w.deny:
        return ev.head.head.text
    if _lemma(ev) in w.deny and ev is not trigger:
        return ev.text
    # "foiled an attack" (but not "failed to prevent the attack")
    if trigger.dep_ in ("dobj", "nsubjpass") and _lemma(trigger.head) in w.prevent:
        p = trigger.head
        if not any(c.dep_ == "neg" for c in p.children) and not (
                p.dep_ == "xcomp" and _lemma(p.head) in w.fail):
            return p.text
    return None


def _hypothetical(trigger, ev, w: AttributionWords) -> str | None:
    for c in trigger.children:
        if c.dep_ == "amod" and c.lower_ in w.hypo_amod:
            return c.text
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and _lemma(trigger.head.head) in w.hypo_heads:
        return trigger.head.head.text
    if governed_by(trigger, w.hypo_heads, deps=("compound",)):
        return trigger.head.text
    if governed_by(trigger, w.hypo_heads, deps=("acl", "relcl")):
        return trigger.head.text     # "a plot to bomb the embassy"
    if governed_by(trigger, w.threaten, deps=("dobj",)):
        return trigger.head.text     # "threatening a nationwide strike": the strike is not (yet) real
    for v in _xchain(ev):
        for c in v.children:
            if c.dep_ == "aux" and c.lower_ in w.modals:
                return c.text
            if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether", "lest"):
                return c.text
        if v is not ev and _lemma(v) in w.threaten | w.request:
            return v.text       # "threatened to storm"
    v = ev
    while v.head.i != v.i and (v.dep_ in ("xcomp", "ccomp") or (
            v.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children))):
        if _lemma(v.head) in w.request:
            return v.head.text  # "pressed parliament to declare", "demanded they stand trial"
        v = v.head
    return None


def _future(trigger, ev, w: AttributionWords) -> str | None:
    for c in trigger.children:
        if c.dep_ in ("amod", "compound") and c.lower_ in w.future_time:
            return c.text
    chain = _xchain(ev)
    for k, v in enumerate(chain):
        for c in v.children:
            if c.dep_ == "aux" and c.lower_ in w.future_aux:
                return c.text
            if c.dep_ in ("npadvmod", "advmod", "prep") and (c.lower_ in ("tomorrow", "later", "soon") or any(
                    g.lower_ in ("next", "coming", "tomorrow") for g in c.subtree)):
                return c.text
        # "planned to attack": the verb the event is an open complement of; not a verb it is merely
        # conjoined with ("set up a checkpoint and abducted passengers" is past)
        if v is not ev and chain[k - 1].dep_ == "xcomp" and _lemma(v) in w.future_verbs:
            if _lemma(v) == "go" and v.tag_ != "VBG":
                continue
            return v.text
    return None


def _source_texts(noun, w: AttributionWords) -> list[str]:
    """A source noun phrase as text: conjuncts split, determiners, appositions and clauses dropped."""
    heads = [noun] + [c for c in noun.subtree if c.dep_ == "conj" and c.head.i in (noun.i,) or (
        c.dep_ == "conj" and c.head.dep_ == "conj" and c.head.head.i == noun.i)]
    out = []
    for h in heads:
        if h.lower_ in w.pronouns or h.pos_ == "PRON":
            continue
        if _lemma(h) in ("report", "rumour", "rumor") and not any(
                c.dep_ in ("compound", "amod", "poss") and c.lower_ not in ("unconfirmed", "unverified")
                for c in h.children):
            continue      # "reports suggested": nobody in particular
        drop = set()
        for c in h.children:
            if c.dep_ == "appos" and c.i == h.i + 1:
                continue        # "group Jaish ul-Adl": a name right after its noun stays
            if c.dep_ in ("appos", "relcl", "acl", "conj", "cc", "punct", "advcl", "parataxis"):
                drop.update(t.i for t in c.subtree)
        toks = [t for t in h.subtree if t.i not in drop]
        while toks and (toks[0].dep_ in TRIM or toks[0].tag_ == "PRP$" or toks[0].lower_ in ("the", "a", "an")) \
                and toks[0].i != h.i:
            toks = toks[1:]
        if any(t.text == "(" for t in toks):      # "Commission (NCHRL": drop the parenthesis
            toks = toks[:next(k for k, t in enumerate(toks) if t.text == "(")]
        while toks and toks[-1].is_punct:
            toks = toks[:-1]
        if toks:
            doc = h.doc
            out.append(doc[toks[0].i:toks[-1].i + 1].text)
    return out


def _sources_of(verb, w: AttributionWords) -> list[str]:
    for c in verb.children:
        if c.dep_ in ("nsubj",):
            return _source_texts(c, w)
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return _source_texts(g, w)
    if verb.dep_ in ("conj",):
        return _sources_of(verb.head, w)
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return _source_texts(verb.head, w)     # misparse: "Top commander announced" as a noun phrase
    return []


def _report_kind(v, w: AttributionWords) -> str | None:
    lem = _lemma(v)
    subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and _lemma(subj) in ("report", "rumour", "rumor", "rumours") and lem in w.reported | w.hedged:
        return "unconfirmed"
    if lem in w.hedged:
        return "unconfirmed"
    if lem in w.confirmed:
        if any(c.dep_ == "neg" for c in v.children) or any(
                c.dep_ == "aux" and c.lower_ in w.modals for c in v.children):
            return "unconfirmed"
        return "confirmed"
    if lem in w.claimed:
        return "claimed"
    if lem in w.alleged:
        return "alleged"
    if lem in w.deny:
        return "reported"
    if lem in w.reported:
        if lem == "put" and not any(c.dep_ == "prep" and c.lower_ == "at" for c in v.children):
            return None
        if lem in ("find", "show", "count", "record", "document") and not any(c.dep_ in ("nsubj",) for c in v.children):
            return None
        return "reported"
    return None


def _sentence_hedge(sent) -> str | None:
    """Hedges that cover the whole sentence."""
    for t in sent:
        low = t.lower_
        if low in ("unconfirmed", "unverified", "uncorroborated"):
            return t.text
        if _lemma(t) in ("verify", "confirm", "corroborate") and (
                any(c.dep_ == "neg" for c in t.children) or any(
                    c.dep_ == "mark" and c.lower_ == "if" for c in t.children)):
            return " ".join(x.text for x in t.children if x.dep_ in ("neg", "mark")) + " " + t.text
        if _lemma(t) in ("unable",) and any(_lemma(c) in ("verify", "confirm") for c in t.subtree):
            return t.text
    return None


def attribute(sent, trigger, doc, *, knowledge: Knowledge | None = None) -> "Attribution":
    """Certainty, sources, negation, hypothetical and future for the event at `trigger`.

    >>> d = nlp("About 500,000 people fled, according to the International Organization for Migration.")
    >>> attribute(d[:], d[3], d).attributed_to
    ('International Organization for Migration',)
    """
    w = (knowledge or shipped()).attribution
    ev = _event_verb(trigger, w)
    negation = _negated(trigger, ev, w)
    hypo = _hypothetical(trigger, ev, w)
    future = _future(trigger, ev, w)

    # cues, innermost first: (certainty, cue text, sources)
    cues: list[tuple[str, str, list[str]]] = []
    chain = [trigger, *_ancestors(trigger)]
    for k, v in enumerate(chain):
        for c in v.children:
            if c.dep_ == "advmod" and c.lower_ in ("reportedly", "purportedly", "reputedly", "supposedly"):
                cues.append(("unconfirmed", c.text, []))
            elif c.dep_ in ("advmod", "amod") and c.lower_ in ("allegedly", "alleged"):
                cues.append(("alleged", c.text, []))
            elif c.dep_ == "amod" and c.lower_ in ("claimed",) and v is trigger:
                cues.append(("claimed", c.text, []))
            elif c.dep_ == "amod" and c.lower_ in ("confirmed",) and v is trigger:
                cues.append(("confirmed", c.text, []))
            elif c.dep_ == "prep" and c.lower_ == "according":
                cues.extend(_according(c, w))
        if k == 0:
            continue
        prev = chain[k - 1]
        if prev.dep_ in ("nsubj", "nsubjpass", "csubj") and _lemma(v) not in w.raising:
            continue        # the trigger is the subject of this verb, not reported by it
        if prev.dep_ == "conj":
            continue        # "accused X of Y and demanded Z": the accusation does not cover Z
        if _lemma(v) == "responsibility" or (v.dep_ == "dobj" and _lemma(v) == "responsibility"):
            continue
        kind = _report_kind(v, w)
        if _lemma(v) in w.raising and prev.dep_ in ("xcomp",) and any(
                c.dep_ == "auxpass" for c in v.children):
            cues.append(("unconfirmed", f"{v.text} to", []))   # "are believed to have been abducted"
            continue
        if kind:
            cues.append((kind, v.text, _sources_of(v, w)))
        if _lemma(v) == "accuse" and prev.dep_ in ("pcomp", "pobj", "prep"):
            cues.append(("alleged", v.text, _sources_of(v, w)))
    # "Gunmen killed 5, police said": a reporting verb hanging off the main clause
    for v in chain:
        for c in v.children:
            if c.dep_ in ("parataxis", "advcl", "conj") and c not in chain and _report_kind(c, w) and \
                    any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children) and \
                    _report_kind(c, w) != "unconfirmed" and not any(x.dep_ == "ccomp" for x in c.children):
                if c.dep_ == "conj" and c.i > trigger.i:
                    continue
                cues.append((_report_kind(c, w), c.text, _sources_of(c, w)))
    # claims of responsibility anywhere in the sentence
    for t in sent:
        if _lemma(t) == "responsibility" and t.head.i != t.i and _lemma(t.head) in w.claimed:
            cues.insert(0, ("claimed", f"{t.head.text} responsibility", _sources_of(t.head, w)))
            break
        if _lemma(t) == "responsibility" and t.head.i != t.i and _lemma(t.head) in w.deny and trigger in t.subtree:
            cues.insert(0, ("reported", f"{t.head.text} responsibility", _sources_of(t.head, w)))
            break

    hedge = _sentence_hedge(sent)
    sources: list[str] = []
    for _, _, src in cues:
        for s in src:
            if s not in sources:
                sources.append(s)
    if hedge:
        certainty, cue = "unconfirmed", hedge.strip()
    elif cues:
        certainty, cue = cues[0][0], cues[0][1]
    else:
        certainty, cue = "reported", None
    return Attribution(certainty=certainty, attributed_to=tuple(sources), negated=negation is not None,
                       hypothetical=hypo is not None, future=future is not None and hypo is None,
                       cue=cue)


def _according(prep, w: AttributionWords) -> list[tuple[str, str, list[str]]]:
    for to in prep.children:
        if to.dep_ == "prep" and to.lower_ == "to":
            for obj in to.children:
                if obj.dep_ == "pobj":
                    if _lemma(obj) in ("report", "rumour", "rumor") and not any(
                            c.dep_ in ("compound", "amod", "poss") and c.lower_ not in ("unconfirmed",)
                            for c in obj.children):
                        return [("unconfirmed", "according to reports", [])]
                    return [("reported", "according to", _source_texts(obj, w))]
    return []
