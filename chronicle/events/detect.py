"""From a parsed document to Event records: triggers per sentence, PLOVER type/mode/quad, ACLED
type, actors (chronicle.actors when present), counts, attribution, control, confidence; plus notes
that say why a document produced no events.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ..knowledge import Knowledge, shipped
from ..knowledge.schema import DetectWords
from ..nlp import doc_text as _doc_text, is_parsed
from ..nlp.parse import lemmas, object_phrase, subject_phrase
from ..records import Actor, Control, Counts, Event, Span
from .acled import AcledCoder, AcledInput, protest_subtype
from .aggregate import aggregate_cue
from .contexts import ContextIndex
from .triggers import Trigger, TriggerFinder

RolesFn = Callable[..., tuple[tuple[Actor, ...], tuple[Actor, ...]]]


def event_id(article_id: str, start: int, end: int, typ: str) -> str:
    """Stable id: the same article, trigger offsets and type give the same id."""
    return hashlib.sha1(f"{article_id}|{start}|{end}|{typ}".encode()).hexdigest()[:16]


def _np_actor(tokens, kind: str = "UNK") -> Actor | None:
    if not tokens:
        return None
    toks = sorted(tokens, key=lambda x: x.i)
    while toks and toks[0].dep_ in ("det", "punct"):
        toks = toks[1:]
    if not toks:
        return None
    doc = toks[0].doc
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    text = _doc_text(doc)[start:end]
    return Actor(text=text, name=text, kind=kind, country=None, start=start, end=end)


def _control(tr: Trigger, source: tuple[Actor, ...], target: tuple[Actor, ...]) -> Control | None:
    if tr.control is None:
        return None
    subj = source[0] if source else _np_actor(subject_phrase(tr.token))
    # who else took part: the "from X" (gain) / "to X" (loss) phrase, else an actor-like target
    frm = [g for c in tr.token.children if c.dep_ == "prep" and c.lower_ in ("from", "to")
           for g in c.children if g.ent_type_ not in ("GPE", "LOC", "FAC")]
    other = _np_actor(list(frm[0].subtree)) if frm else None
    if other is None:
        other = next((a for a in target if a.kind not in ("UNK",)), None)
    if tr.control == "gain":
        return Control(gained_by=subj, lost_by=other)
    return Control(gained_by=other, lost_by=subj)


@dataclass(frozen=True, slots=True)
class Decided:
    """Which rules decided one candidate event: the trigger rule (chronicle/knowledge/rules/triggers.toml)
    and the ACLED rule (rules/acled.toml), with what the ACLED mapping read (for --explain and the tests)."""

    trigger_rule: str
    acled_rule: str
    acled_input: AcledInput

    def describe(self) -> str:
        return f"trigger rule {self.trigger_rule}, ACLED rule {self.acled_rule}"


class Detector:
    """Detects and codes events in parsed documents. Resources (actor table, classifier,
    calibration) are passed in once; `detect(doc, article_id)` is cheap."""

    def __init__(self, *, roles: RolesFn | None = None, actor_table=None, country_fn=None,
                 confidence=None, classifier=None, typing=None, knowledge: Knowledge | None = None):
        self.knowledge = knowledge or shipped()
        self.triggers = TriggerFinder(self.knowledge)
        self.acled = AcledCoder(self.knowledge)
        self.words = self.knowledge.events.detect
        self.roles = roles
        self.actor_table = actor_table
        self.country_fn = country_fn
        self.confidence = confidence
        self.classifier = classifier
        self.typing = typing            # chronicle.events.typing.TypingModel (issue 12) or None

    def detect(self, doc, article_id: str, *, toponyms=(), signals: dict | None = None,
               decided: dict | None = None) -> tuple[list[Event], list[str]]:
        """Every candidate event in the document (flagged ones included) and notes for --explain.
        `toponyms` (resolved places from the geoparse stage) let towns vote for the context country;
        `signals`, when given, receives the rules' signals per event id (for the judge); `decided`
        receives which rules decided each event (a `Decided` per event id)."""
        from ..attribute import attribute
        from ..counts import counts_for_events

        notes: list[str] = []
        events: list[Event] = []
        if len(doc) == 0:
            return [], ["the article has no text to read"]
        country = None
        if self.country_fn is not None and self.actor_table is not None:
            try:
                country = self.country_fn(doc, self.actor_table, toponyms=toponyms or None)
            except Exception as exc:       # actors are an enrichment: record, go on
                notes.append(f"country from context failed: {exc}")
        contexts = None
        n_sents = 0
        for sent in doc.sents:
            n_sents += 1
            if not is_parsed(sent):        # the prefilter found no event word: no parse to read
                continue
            triggers = [t for t in self.triggers.find(sent) if not _without(t.token)]
            if not triggers:
                continue
            if contexts is None:
                contexts = ContextIndex(doc, knowledge=self.knowledge)
            counts = counts_for_events(sent, [t.token for t in triggers], knowledge=self.knowledge)
            slem = lemmas(sent)
            for tr, cnt in zip(triggers, counts):
                ev = self._event(doc, sent, tr, cnt, slem, article_id, country, contexts, signals, decided)
                events.append(ev)
        if not events:
            notes.append(f"no sentence has an event trigger ({n_sents} sentence(s) read)")
        return events, notes

    def _as_threat(self, ev: Event, tr: Trigger, att) -> Event | None:
        """A coercive or violent deed that someone says will (or would) be done is a THREATEN that
        happened (PLOVER: a statement of intent to use force, arrest, expel or sanction)."""
        if not (att.future or att.hypothetical) or att.negated or tr.type not in ("ASSAULT", "COERCE", "SANCTION"):
            return None
        w = self.words
        if not _modal_deed(tr.token, w) or not att.attributed_to:
            return None               # a modal with nobody saying it is speculation, not a threat
        mode = w.threat_modes.get(f"{tr.type} {tr.mode or '-'}") or ("restrict" if tr.type == "COERCE" else
                                                         "violence" if tr.type == "ASSAULT" else "relations")
        source = ev.source
        if att.attributed_to and self.actor_table is not None:
            from ..actors.table import match_actor

            speaker = match_actor(att.attributed_to[0], self.actor_table)
            source = (speaker,) if speaker is not None else source
        return replace(ev, id=event_id(ev.article_id, ev.trigger.start, ev.trigger.end, "THREATEN"),
                       type="THREATEN", quad="verbal conflict", mode=mode, acled=None, source=source,
                       future=False, hypothetical=False, counts=Counts(), control=None)

    def _event(self, doc, sent, tr: Trigger, cnt: Counts, slem: set, article_id: str,
               country: str | None, contexts, signals: dict | None = None, decided: dict | None = None) -> Event:
        from ..attribute import attribute

        w = self.words
        source: tuple[Actor, ...] = ()
        target: tuple[Actor, ...] = ()
        if self.roles is not None:
            # a noun trigger whose governing verb is part of it ("offer Iraq its support"): the verb's
            # subject and recipient are the event's actors
            at = tr.token.head if (tr.token.pos_ in ("NOUN", "PROPN") and tr.token.head in tr.tokens
                                   and tr.token.head.pos_ in ("VERB", "AUX")) else tr.token
            source, target = self.roles(doc, sent, tr.token.i, table=self.actor_table, country=country)
            if at is not tr.token:
                vs, vt = self.roles(doc, sent, at.i, table=self.actor_table, country=country)
                source, target = vs or source, vt or target
            if source and tr.quad == "material conflict" and tr.token.pos_ in ("NOUN", "PROPN") and _talked_about(
                    tr.token, w):
                # "the UN condemned the killings": whoever talks about an event did not do it
                lo = min(x.idx for x in tr.token.subtree)
                hi = max(x.idx + len(x.text) for x in tr.token.subtree)
                source = tuple(a for a in source if a.start is not None and lo <= a.start and a.end <= hi)
        subj = lemmas(subject_phrase(tr.token))
        objs = lemmas(object_phrase(tr.token, w.object_preps))
        coded = AcledInput(tr.type, tr.mode, cues=tr.cues, sent=slem, trigger=tr.entry.lemma,
                           subject=subj, objects=objs,
                           source_kinds={a.kind for a in source}, target_kinds={a.kind for a in target},
                           control=None if _purpose(tr.token, w) else tr.control,
                           talked_about=_talked_about(tr.token, w))
        acled, acled_rule = self.acled.code(coded)
        cls_prob = None
        if self.classifier is not None and (acled is not None or tr.type in w.open_types):
            from .classify import featurize

            # the classifier measured worse than the rules at choosing the sub-type (CASE tune half,
            # out-of-fold 0.58 vs 0.64), so it only says how much it agrees with the rules' reading
            cls_prob = self.classifier.prob_of(featurize(
                sent, rule=acled[1] if acled else None, typ=tr.type, mode=tr.mode, trigger=tr.entry.lemma),
                acled[1] if acled else None)
        acled, reading = self._typed(sent, tr, acled)
        att = attribute(sent, tr.token, doc, knowledge=self.knowledge)
        control = _control(tr, source, target)
        if control is not None and source:
            pass
        features = {"strength": tr.strength, "has_source": bool(source or subj), "has_target": bool(target or objs),
                    "acled": acled is not None, "verb": tr.token.pos_ in ("VERB", "AUX"),
                    "n_cues": len(tr.cues), "certainty": att.certainty, "type": tr.type,
                    "cls_prob": cls_prob}
        conf = self.confidence(features) if self.confidence else _prior(features)
        trig = Span(_doc_text(doc)[tr.start:tr.end], tr.start, tr.end)
        ev = Event(
            id=event_id(article_id, tr.start, tr.end, tr.type),
            article_id=article_id, type=tr.type, quad=tr.quad, trigger=trig,
            evidence=(Span(sent.text, sent.start_char, sent.end_char),),
            mode=tr.mode, contexts=contexts.near(sent) if contexts is not None else (), acled=acled, source=source, target=target,
            counts=cnt, certainty=att.certainty, attributed_to=att.attributed_to,
            negated=att.negated, hypothetical=att.hypothetical, future=att.future,
            historical=aggregate_cue(tr.token, knowledge=self.knowledge) is not None,
            control=control, confidence=conf, type_prob=reading.prob_of(tr.type) if reading else None,
        )
        threat = self._as_threat(ev, tr, att)
        if threat is not None:
            ev = replace(threat, type_prob=reading.prob_of("THREATEN")) if reading else threat
        if signals is not None:
            signals[ev.id] = {"strength": float(tr.strength), "n_cues": float(len(tr.cues)),
                              "talked_about": float(_talked_about(tr.token, w)), "purpose": float(_purpose(tr.token, w)),
                              "aggregate": float(ev.historical), "rule_conf": float(conf),
                              "backgrounded": float(backgrounded(doc, ev, knowledge=self.knowledge))}
        if decided is not None:
            decided[ev.id] = Decided(tr.rule, acled_rule, coded)
        return ev

    def _typed(self, sent, tr: Trigger, acled):
        """The trained typing model's reading (issue 12; its calibrated p of each type gives the record's
        type_prob), and the ACLED sub-type from the model where it measured better than the rules."""
        if self.typing is None:
            return acled, None
        from .typing import NONE, RuleReading

        rule = RuleReading(tr.type, tr.mode or NONE, acled[1] if acled else NONE, tr.strength,
                           tr.token.pos_ in ("VERB", "AUX"))
        reading = self.typing.type_event(sent.text, tr.entry.lemma, rule)
        if self.typing.meta.get("decide", {}).get("acled") == "model":
            acled = reading.acled
        return acled, reading


def _modal_deed(t, w: DetectWords) -> bool:
    """A deed spoken of with a modal or future auxiliary ("will be arrested", "would take action"), in a
    clause someone says or as the main clause — not under a request or threat verb, which are events
    of their own."""
    v = t if t.pos_ in ("VERB", "AUX") else (t.head if t.head.pos_ in ("VERB", "AUX") else t)
    if not any(c.dep_ == "aux" and c.lower_ in w.modal_aux for c in v.children):
        return False
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for x in (v, *v.children)
           for c in x.children):
        return False
    return v.dep_ in ("ROOT", "ccomp", "conj") and (v.dep_ != "ccomp" or v.head.lemma_.lower() in w.say)


def _without(t) -> bool:
    """'entered without fighting', 'withdrew without firing a shot': what did not happen is no event."""
    return t.dep_ in ("pobj", "pcomp") and t.head.lower_ == "without"


def _talked_about(t, w: DetectWords) -> bool:
    """A violent word that is only the topic of talk: "accused Iran of bombing", "sanctions over ..."."""
    v = t
    for _ in range(3):
        if v.head.i == v.i:
            return False
        v = v.head
        if v.lemma_.lower() in w.talk:
            # "claimed responsibility for the attack": a claim names the doer of a real attack
            return not (v.lemma_.lower() in ("responsibility", "responsible") and
                        v.head.lemma_.lower() in ("claim", "accept", "admit", "acknowledge"))
    return False


def _purpose(t, w: DetectWords) -> bool:
    """An aim, not a deed: "an attack to capture the positions", "an offensive to free Anbar"."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
        return False
    return t.dep_ in ("acl", "advcl") or t.dep_ == "xcomp" and t.head.lemma_.lower() in w.aim


def _prior(f: dict) -> float:
    """Uncalibrated fallback when no calibration is shipped: strength-based."""
    return {1: 0.35, 2: 0.55, 3: 0.7}.get(f["strength"], 0.5)


def backgrounded(doc, event: Event, *, knowledge: Knowledge | None = None) -> bool:
    """The event's trigger sits (within three steps up the parse) under 'after/following/amid/
    despite/since/before/during' or is what something ended: it is the backdrop, not the news."""
    w = (knowledge or shipped()).events.detect
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None:
        return False
    t = span.root
    for _ in range(3):
        if t.dep_ == "pobj" and t.head.lower_ in w.background_preps:
            return True
        if t.dep_ == "dobj" and t.head.lemma_.lower() in w.ending:
            return True
        if t.head.i == t.i:
            break
        t = t.head
    return False


def main_event(events: Sequence[Event], doc=None, *, knowledge: Knowledge | None = None) -> Event | None:
    """The event a short text is mostly about: material conflict first, then confidence, then order.
    With the parsed `doc`, events that are only the backdrop of another ("after days of fighting")
    give way when anything else is there (CASE tune half weighted F1 +0.008)."""
    live = [e for e in events if not e.negated]
    if not live:
        return None
    if doc is not None:
        live = [e for e in live if not backgrounded(doc, e, knowledge=knowledge)] or live
    rank = {"material conflict": 0, "material cooperation": 1, "verbal conflict": 2, "verbal cooperation": 3}
    return min(enumerate(live), key=lambda p: (rank[p[1].quad], -p[1].confidence, p[0]))[1]


def _grievance(doc, w: DetectWords) -> set[int]:
    """Token indices inside what a protest is against: the objects of mourn/decry/condemn... and the
    'against/over' phrase of a protest word."""
    out: set[int] = set()
    for t in doc:
        low = t.lemma_.lower()
        if low in w.grievance_verbs and t.pos_ == "VERB":
            for c in t.children:
                if c.dep_ in ("dobj", "ccomp"):
                    out.update(x.i for x in c.subtree)
        elif t.dep_ == "prep" and t.lower_ in ("against", "over") and t.head.lemma_.lower() in w.protest_heads:
            out.update(x.i for x in t.subtree)
    return out


def text_subtype(events: Sequence[Event], doc, *, knowledge: Knowledge | None = None) -> tuple[str, str] | None:
    """The ACLED (event_type, sub_event_type) of a short text (a snippet, a headline and lead): its
    main ACLED-coded event's; a protest's sub-type is read over the whole text, since what happened at
    it is often told in another sentence ("... rallies across the country. Clashes erupted between police
    and protesters"). Per-event records keep their own sentence's reading; this is for texts of a few
    sentences about one event (CASE 2021 held-out half weighted F1 0.680 -> 0.692 with it)."""
    kn = knowledge or shipped()
    w = kn.events.detect
    m = main_event([e for e in events if e.acled], doc, knowledge=kn)
    if m is None:
        return None
    if m.acled[1] in w.protest_subtypes:
        grievance = _grievance(doc, w)
        sub = protest_subtype(lemmas(t for t in doc if t.i not in grievance), kn.acled)
        return kn.acled.subtypes[sub], sub
    return m.acled
