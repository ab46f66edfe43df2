"""Find event triggers in a parsed sentence: lexicon look-up, then rules that read the parse to
disambiguate ("strike" by workers or from the air, "seized a town" or "seized weapons",
"released a statement" is no event), then merging of triggers that report the same event
("killed in a blast" is one event; "raided ... and captured ..." stays two).

The lexicon, the word classes and the rule records (ids, order, examples) are data in
chronicle/knowledge; the rules' conditions are in trigger_rules.py. `TriggerFinder(knowledge)` is
built once per knowledge; `find_triggers(sent)` uses the shipped knowledge.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..knowledge import Entry, Knowledge, shipped
from ..nlp.parse import lemma, objects
from .trigger_rules import CONDITIONS, NOUN_POS, REJECT, VERB_POS, Ctx, kind_of_object

LEXICON_RULE = "lexicon"            # no rule fired: the lexicon's strongest reading stands
PHRASE_RULE = "lexicon.phrase"      # a phrase entry ("open+fire") matched


@dataclass(slots=True)
class Trigger:
    """A candidate event at a token: its lexicon reading and what the rules learned."""

    token: object                 # spaCy Token (the head word of the trigger)
    entry: Entry
    type: str
    mode: str | None
    strength: int
    tokens: list = field(default_factory=list)     # all trigger tokens (phrase words, merged words)
    cues: set = field(default_factory=set)         # lemmas of merged triggers, used by ACLED mapping
    control: str | None = None                     # "gain" | "loss" when territory changes hands
    quad: str = ""                                 # the PLOVER quad of `type`
    rule: str = LEXICON_RULE                       # the id of the rule that decided the reading

    @property
    def start(self) -> int:
        return min(t.idx for t in self.tokens)

    @property
    def end(self) -> int:
        return max(t.idx + len(t.text) for t in self.tokens)


def _pos_ok(entry: Entry, t) -> bool:
    if entry.pos == "V":
        return t.pos_ in VERB_POS
    if entry.pos == "N":
        return t.pos_ in NOUN_POS
    return t.pos_ in VERB_POS or t.pos_ in NOUN_POS


class TriggerFinder:
    """The trigger engine for one `Knowledge`: lexicon look-up, the ordered disambiguation rules
    (the first that fires decides), merging."""

    def __init__(self, knowledge: Knowledge | None = None):
        kn = knowledge or shipped()
        self.knowledge = kn
        self.lexicon = kn.lexicon
        self.w = kn.triggers
        self.quads = kn.plover.quad
        kn.trigger_rules.check_code(CONDITIONS, "chronicle/events/trigger_rules.py")
        rules = [(r, CONDITIONS[r.id]) for r in kn.trigger_rules]
        self._phrase = [(r, f) for r, f in rules if r.scope == "phrase"]
        words = [(r, f) for r, f in rules if r.scope == "word"]
        # per lemma, the rules asked about it, in order (rules with no lemmas are asked about every word)
        named = set().union(*(r.lemmas for r, _ in words))
        self._generic = [(r, f) for r, f in words if not r.lemmas]
        self._by_lemma = {w: [(r, f) for r, f in words if not r.lemmas or w in r.lemmas] for w in named}

    def _child_match(self, entry: Entry, t):
        """The token that completes a phrase entry ("fire" for "open+fire"), or None."""
        for c in t.children:
            if entry.child in self.w.particles and not 0 < c.i - t.i <= 3:
                continue                # "On Nov. 2, X called Y": a fronted "on" is no "call on"
            if lemma(c) == entry.child or c.lower_ == entry.child:
                return c
            for g in c.children:           # "set up a base": up is prt, base dobj — both children
                if c.dep_ == "prep" and (lemma(g) == entry.child):
                    return g
        h = t.head
        if h.i != t.i and (lemma(h) == entry.child or h.lower_ == entry.child) and t.dep_ in ("compound", "amod", "nmod"):
            return h
        return None

    def decide(self, t, entries, sent_lemmas: set, trace: list | None = None):
        """(entry, type, mode, strength, extra tokens, rule id) for a token, or (None, rule id) when it
        is no event here. `trace`, when given, receives the id of every rule asked, in order."""
        phrase = [(e, c) for e in entries if e.child and _pos_ok(e, t) and (c := self._child_match(e, t)) is not None]
        if phrase:
            e, c = max(phrase, key=lambda x: x[0].strength)
            ctx = Ctx(t, e, self.w, sent_lemmas, self.lexicon)
            for r, cond in self._phrase:
                if (r.lemmas and ctx.low not in r.lemmas) or (r.types and e.type not in r.types):
                    continue
                if trace is not None:
                    trace.append(r.id)
                if cond(ctx) is not None:
                    return None, r.id
            return e, e.type, e.mode, e.strength, [c], PHRASE_RULE
        plain = [e for e in entries if not e.child and _pos_ok(e, t)]
        if not plain:
            return None, None
        e = max(plain, key=lambda x: x.strength)
        ctx = Ctx(t, e, self.w, sent_lemmas, self.lexicon)
        for r, cond in self._by_lemma.get(ctx.low, self._generic):
            if r.types and e.type not in r.types:
                continue
            if trace is not None:
                trace.append(r.id)
            out = cond(ctx)
            if out is None:
                continue
            if out is REJECT:
                return None, r.id
            return (*out, r.id)
        return e, e.type, e.mode, e.strength, [], LEXICON_RULE

    def control(self, t, typ: str) -> str | None:
        """"gain" / "loss" when the event changes who controls a place."""
        w = self.w
        low = lemma(t)
        if typ == "ASSAULT" and low in w.control_gain:
            if low in ("take", "gain", "wrest"):  # "took control of", "took over", "gained ground"
                return "gain"
            okinds = {kind_of_object(o, w) for o in objects(t)}
            if "place" in okinds or low in w.retaking:
                return "gain"
        if typ == "RETREAT" and low in w.control_loss:
            okinds = {kind_of_object(o, w) for o in objects(t)}
            frm = [g for c in t.children if c.dep_ == "prep" and c.lower_ == "from" for g in c.children]
            if "place" in okinds or any(kind_of_object(g, w) == "place" for g in frm) or low == "cede":
                return "loss"
        return None

    def _rank(self, tr: Trigger) -> tuple:
        specific = tr.mode is not None and tr.mode not in ("demo",)
        return (tr.strength, tr.entry.lemma not in self.w.agent_nouns, specific, tr.token.pos_ in VERB_POS)

    def find(self, sent) -> list[Trigger]:
        """Event triggers in one sentence (a spaCy Span), one per event, in text order."""
        lex = self.lexicon
        lemmas = {lemma(t) for t in sent} | {t.lower_ for t in sent}
        found: list[Trigger] = []
        used: set[int] = set()
        for t in sent:
            if t.lower_ in ("sit", "die") and t.i + 2 < sent.end and t.nbor(1).text == "-" and t.nbor(2).lower_ == "in":
                e = lex["sit-in"][0]
                found.append(Trigger(t, e, e.type, e.mode, 3, tokens=[t, t.nbor(1), t.nbor(2)], cues={"sit-in"},
                                     quad=self.quads[e.type]))
                used.update((t.i, t.i + 1, t.i + 2))
                continue
            if t.i in used or t.is_stop and lemma(t) not in lex:
                continue
            if t.text in self.w.months and (t.ent_type_ == "DATE" or t.pos_ == "PROPN"):
                continue                # "in late March" is a date, not a march
            entries = lex.get(lemma(t)) or lex.get(t.lower_)
            if not entries:
                continue
            got = self.decide(t, entries, lemmas)
            if got[0] is None:
                continue
            e, typ, mode, strength, extra, rule_id = got
            if any(x.i in used for x in extra):
                continue
            tr = Trigger(t, e, typ, mode, strength, tokens=[t, *extra], cues={lemma(t)}, quad=self.quads[typ],
                         rule=rule_id)
            tr.control = self.control(t, typ)
            used.update(x.i for x in tr.tokens)
            found.append(tr)
        # agent nouns ("protesters") only stand for an event when nothing else in the sentence does
        agent_nouns = self.w.agent_nouns
        if any(f.entry.lemma not in agent_nouns for f in found):
            agents = [f for f in found if f.entry.lemma in agent_nouns]
            found = [f for f in found if f.entry.lemma not in agent_nouns]
            for a in agents:
                best = min(found, key=lambda f: _dist(a.token, f.token)[0])
                best.cues.add(a.entry.lemma)
        return self._merge(found)

    def _mergeable(self, a: Trigger, b: Trigger) -> bool:
        d, through_conj = _dist(a.token, b.token)
        if through_conj or d > 2:
            return False
        if a.type == b.type:
            return True
        if min(a.strength, b.strength) == 1:
            return True
        return a.type in self.w.material_types and b.type in self.w.material_types

    def _merge(self, found: list[Trigger]) -> list[Trigger]:
        merged = True
        while merged and len(found) > 1:
            merged = False
            for i in range(len(found)):
                for j in range(i + 1, len(found)):
                    a, b = found[i], found[j]
                    if self._mergeable(a, b):
                        keep, drop = (a, b) if self._rank(a) >= self._rank(b) else (b, a)
                        keep.cues |= drop.cues
                        if keep.mode is None and drop.mode is not None and drop.type == keep.type:
                            keep.mode = drop.mode
                        keep.control = keep.control or drop.control
                        found = [f for f in found if f is not drop]
                        merged = True
                        break
                if merged:
                    break
        return sorted(found, key=lambda f: f.token.i)


def find_triggers(sent, *, knowledge: Knowledge | None = None) -> list[Trigger]:
    """Event triggers in one sentence (a spaCy Span), one per event, in text order."""
    return TriggerFinder(knowledge).find(sent)


def _dist(a, b) -> tuple[int, bool]:
    """Tree distance between two tokens and whether the path goes through a conjunction."""
    up_a = [a]
    while up_a[-1].head.i != up_a[-1].i:
        up_a.append(up_a[-1].head)
    up_b = [b]
    while up_b[-1].head.i != up_b[-1].i:
        up_b.append(up_b[-1].head)
    idx_b = {t.i: k for k, t in enumerate(up_b)}
    for k, t in enumerate(up_a):
        if t.i in idx_b:
            path = up_a[:k] + up_b[:idx_b[t.i]]
            return k + idx_b[t.i], any(x.dep_ in ("conj", "parataxis", "ccomp", "relcl") for x in path)
    return 99, True
