"""Is a candidate event a happening? A trained decision over what the parse and the article say
about each trigger: tense, aspect and modality, determiners and plurality, whether it is a label or
modifier ("detention centres"), generic or habitual ("are killed every day"), background (dated long
before the report), what governs it ("condemned the attack" refers to one, "launched an attack"
reports one), quotation, position in the article, how often the article returns to it, and the
rules' own signals (lexicon strength, aggregate tolls, talk about an event, an aim not a deed).

The model (`model/judge.json`, a logistic regression fitted by `python -m chronicle.events.train_judge`
on the whole-article gold set's tune half, chronicle/eval/gold/articles) gives P(happening); a
candidate under the threshold is kept out of the default output with a reason named after the
feature group that pushed it out most (`--all` prints it, `--explain` says why).

    >>> from chronicle.run import Resources, pipeline, read_articles
    >>> p = pipeline(resources=Resources(settings=settings, nlp=nlp), until="date")
    >>> [a] = p.run(read_articles(["examples/mosul_2014-06-11.txt"], settings=settings))
    >>> context = article_context(a.doc, a.events, a.article.published)
    >>> judge = Judge.load()
    >>> event = a.events[0]
    >>> p, reason = judge.decide(features(a.doc, event, a.signals.get(event.id), context))
    >>> 0.0 <= p <= 1.0
    True
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..knowledge import Knowledge, shipped
from ..nlp.parse import lemma as _lemma
from ..records import Event
from .linear import LogisticModel

MODEL = Path(__file__).with_name("model") / "judge.json"
THRESHOLD = 0.5


@dataclass(frozen=True)
class ArticleContext:
    """What the judge knows about the whole article (computed once per article)."""

    n_sentences: int
    type_counts: Mapping[str, int]         # candidates per PLOVER type
    lemma_counts: Mapping[str, int]        # candidates per trigger lemma
    lead_types: frozenset[str]             # types of candidates in the first two sentences (and title)
    published: dt.date | None
    sentence_index: Mapping[int, int]      # sentence start char -> its index
    paragraph_index: Mapping[int, int]     # sentence start char -> its paragraph's index


def article_context(doc, events: Sequence[Event], published: dt.date | None) -> ArticleContext:
    sent_index, para_index = {}, {}
    text = doc.text
    para = 0
    prev_end = 0
    for k, s in enumerate(doc.sents):
        if "\n" in text[prev_end:s.start_char] or (k and text[s.start_char - 1:s.start_char] == "\n"):
            para += 1
        sent_index[s.start_char] = k
        para_index[s.start_char] = para
        prev_end = s.end_char
    types: dict[str, int] = {}
    lemmas: dict[str, int] = {}
    lead = set()
    for e in events:
        types[e.type] = types.get(e.type, 0) + 1
        lem = _trigger_lemma(doc, e)
        lemmas[lem] = lemmas.get(lem, 0) + 1
        s = e.evidence[0].start if e.evidence else 0
        if sent_index.get(s, 99) <= 1:
            lead.add(e.type)
    return ArticleContext(len(sent_index), types, lemmas, frozenset(lead), published, sent_index, para_index)


def _trigger_token(doc, event: Event):
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def _trigger_lemma(doc, event: Event) -> str:
    t = _trigger_token(doc, event)
    return t.lemma_.lower() if t is not None else event.trigger.text.lower()


def _bucket(x: float, edges: Sequence[float]) -> int:
    for k, e in enumerate(edges):
        if x <= e:
            return k
    return len(edges)


def features(doc, event: Event, signals: Mapping[str, float] | None, ctx: ArticleContext, *,
             knowledge: Knowledge | None = None) -> dict[str, float]:
    """The judge's inputs for one candidate: names grouped by prefix (see the judge's reasons)."""
    w = (knowledge or shipped()).events.judge
    f: dict[str, float] = {}
    sig = signals or {}
    t = _trigger_token(doc, event)
    if t is None:
        return {"form:unaligned": 1.0}
    sent = t.sent
    low = _lemma(t)
    verb = t.pos_ in ("VERB", "AUX")
    noun = t.pos_ in ("NOUN", "PROPN")
    f["form:verb" if verb else "form:noun" if noun else "form:other"] = 1.0
    f[f"form:tag={t.tag_}"] = 1.0
    dep = t.dep_ if t.dep_ in ("ROOT", "conj", "ccomp", "xcomp", "advcl", "relcl", "acl", "amod", "compound",
                               "dobj", "nsubj", "nsubjpass", "pobj", "pcomp", "attr", "appos") else "other"
    f[f"form:dep={dep}"] = 1.0
    f[f"type:{event.type}"] = 1.0
    f[f"type:quad={event.quad}"] = 1.0
    if event.mode:
        f["type:has_mode"] = 1.0
    strength = int(sig.get("strength", 2))
    f[f"lex:strength={strength}"] = 1.0
    f["lex:cues"] = min(sig.get("n_cues", 1.0), 4.0) / 4.0
    f["lex:lemma_repeats"] = min(ctx.lemma_counts.get(low, 1) - 1, 4) / 4.0
    if sig.get("rule_conf") is not None:
        f["lex:rule_conf"] = float(sig["rule_conf"])
    # --- labels and modifiers: "detention centres", "battle trucks", "the Islamic State attack group"
    if t.dep_ in ("compound", "amod", "nmod") and t.head.i != t.i and t.head.pos_ in ("NOUN", "PROPN"):
        f["label:modifier"] = 1.0
        if _lemma(t.head) in w.thing_nouns:
            f["label:modifier_of_thing"] = 1.0
    if t.ent_type_ in ("ORG", "FAC", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT"):
        f["label:in_name"] = 1.0
    if noun and t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.i != t.head.i and \
            _lemma(t.head.head) in w.frame_nouns:
        f["label:of_frame"] = 1.0
    # --- noun form: determiners, plurality, possessor, what governs it
    if noun:
        dets = {c.lower_ for c in t.children if c.dep_ in ("det", "predet")}
        if dets & w.definite:
            f["ref:definite"] = 1.0
        elif dets & w.indefinite:
            f["form:indefinite"] = 1.0
        elif dets & {"no", "any"}:
            f["neg:no_det"] = 1.0
        elif not any(c.dep_ == "poss" for c in t.children):
            f["form:bare_noun"] = 1.0
        if t.tag_ in ("NNS", "NNPS"):
            f["generic:plural_noun"] = 1.0
        if any(c.dep_ == "poss" for c in t.children):
            f["form:possessor"] = 1.0
        if any(c.dep_ in ("nummod",) for c in t.children):
            f["form:counted"] = 1.0
        h = t.head
        if h.i != t.i and t.dep_ in ("dobj", "nsubjpass", "pobj", "nsubj", "attr"):
            gov = h if t.dep_ != "pobj" else (h.head if h.head.i != h.i else h)
            glow = _lemma(gov)
            if glow in w.occurrence:
                f["form:gov_occurrence"] = 1.0
            elif glow in w.reference:
                f["ref:gov_reference"] = 1.0
            elif glow in w.state_verbs:
                f["generic:gov_state"] = 1.0
            if t.dep_ == "pobj" and h.lower_ in w.temporal_preps:
                f["ref:temporal_pp"] = 1.0
            if t.dep_ == "pobj" and h.lower_ in ("in", "by") and glow in w.harm_verbs:
                f["form:cause_of_harm"] = 1.0
    # --- tense, aspect, modality
    v = t if verb else (t.head if t.head.pos_ in ("VERB", "AUX") else t)
    auxes = {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}
    if auxes & w.future_words:
        f["modal:future_aux"] = 1.0
    if auxes & w.modal_words:
        f["modal:modal_aux"] = 1.0
    if "to" in auxes or any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
        f["modal:infinitive"] = 1.0
    if auxes & {"has", "have", "had", "'s", "'ve"}:
        f["form:perfect"] = 1.0
    if verb and t.tag_ in ("VBZ", "VBP") and not auxes:
        f["generic:present_simple"] = 1.0
    if verb and t.tag_ == "VBG" and not auxes and t.dep_ not in ("ROOT", "conj", "advcl"):
        f["form:gerund"] = 1.0
    anc = list(t.ancestors)[:4]
    if any(_lemma(a) in w.intent for a in anc[:3]):
        f["modal:under_intent"] = 1.0
    if any(c.dep_ == "mark" and c.lower_ in w.cond_marks for a in [t, *anc[:3]] for c in a.children):
        f["modal:conditional"] = 1.0
    if sent.text.rstrip().endswith("?"):
        f["modal:question"] = 1.0
    if any(c.dep_ == "neg" for a in {t.i: t, v.i: v}.values() for c in a.children):
        f["neg:negated"] = 1.0
    if event.negated:
        f["neg:attribute"] = 1.0
    if event.hypothetical:
        f["modal:attribute_hypothetical"] = 1.0
    if event.future:
        f["modal:attribute_future"] = 1.0
    if sig.get("purpose"):
        f["modal:purpose"] = 1.0
    if sig.get("talked_about"):
        f["ref:talked_about"] = 1.0
    if sig.get("backgrounded"):
        f["ref:backdrop"] = 1.0
    # --- what the trigger is said of: people and places, or things and abstractions ("the value exploded")
    subj = next((c for c in (t.children if verb else ()) if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None:
        if subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or subj.pos_ == "PRON":
            f["ctx:subject_named"] = 1.0
        elif subj.ent_type_ in ("MONEY", "PERCENT", "QUANTITY") or _lemma(subj) in w.abstract:
            f["label:abstract_subject"] = 1.0
    if any(_lemma(a) in ("continue", "keep", "tend", "use") and a.pos_ == "VERB" for a in anc[:2]):
        f["generic:continue_to"] = 1.0
    f[f"lemma:{low}"] = 1.0
    # --- generic and habitual
    sent_words = {x.lower_ for x in sent}
    if sent_words & w.habit_words:
        f["generic:habit_word"] = 1.0
    if event.historical:
        f["time:historical"] = 1.0
    if sig.get("aggregate"):
        f["generic:aggregate"] = 1.0
    # --- time
    if event.date is not None and ctx.published is not None:
        if event.date.text:
            days = (ctx.published - event.date.end).days
            f[f"time:age={_bucket(days, (1, 7, 31, 365))}"] = 1.0
        else:
            f["time:no_date_text"] = 1.0
    elif event.date is None:
        f["time:undated"] = 1.0
    # --- the sentence and the article
    k = ctx.sentence_index.get(sent.start_char, 0)
    f["disc:first_sentence"] = float(k == 0)
    f["disc:lead"] = float(k <= 2)
    f["disc:position"] = k / max(ctx.n_sentences - 1, 1)
    f["disc:paragraph"] = min(ctx.paragraph_index.get(sent.start_char, 0), 10) / 10.0
    f["disc:type_share"] = ctx.type_counts.get(event.type, 1) / max(sum(ctx.type_counts.values()), 1)
    f["disc:type_in_lead"] = float(event.type in ctx.lead_types)
    n_tok = len(sent)
    f[f"ctx:sent_len={_bucket(n_tok, (6, 12, 25, 40))}"] = 1.0
    opened = sum(1 for x in sent if x.text in w.quotes and x.i < t.i)
    if opened % 2 == 1:
        f["disc:in_quote"] = 1.0
    if not any(x.pos_ in ("VERB", "AUX") for x in sent):
        f["ctx:no_verb"] = 1.0
    if event.source:
        f["ctx:source"] = 1.0
        if any(a.kind != "UNK" for a in event.source):
            f["ctx:source_known"] = 1.0
    if event.target:
        f["ctx:target"] = 1.0
    if any(c is not None for c in (event.counts.killed, event.counts.injured, event.counts.displaced,
                                   event.counts.arrested, event.counts.abducted, event.counts.participants)):
        f["ctx:counts"] = 1.0
    if event.location is not None:
        if event.location.start is not None and sent.start_char <= event.location.start < sent.end_char:
            f["ctx:place_in_sentence"] = 1.0
        else:
            f["ctx:place_inferred"] = 1.0
    if event.certainty != "reported":
        f[f"ctx:certainty={event.certainty}"] = 1.0
    if event.attributed_to:
        f["ctx:attributed"] = 1.0
    if event.acled is not None:
        f["type:acled"] = 1.0
    if event.type_prob is not None:            # the trained typing model's p(this type) for the sentence
        f["type:model_prob"] = float(event.type_prob)
    return f


class Judge:
    """P(happening) for a candidate from a fitted logistic model; a reason when it is kept out."""

    def __init__(self, model: LogisticModel, threshold: float = THRESHOLD, *, knowledge: Knowledge | None = None):
        self.knowledge = knowledge or shipped()
        self.model = model
        self.threshold = float(model.meta.get("threshold", threshold))

    @classmethod
    def load(cls, path: Path = MODEL, *, knowledge: Knowledge | None = None) -> "Judge | None":
        return cls(LogisticModel.load(path), knowledge=knowledge) if path.exists() else None

    def prob(self, feats: Mapping[str, float]) -> float:
        return self.model.prob(feats)

    def decide(self, feats: Mapping[str, float]) -> tuple[float, str | None]:
        """(P(happening), None) when kept; (p, reason) when kept out."""
        p = self.prob(feats)
        if p >= self.threshold:
            return p, None
        return p, self.reason(feats)

    def reason(self, feats: Mapping[str, float]) -> str:
        groups: dict[str, float] = {}
        for name, push in self.model.contributions(feats):
            g = name.split(":", 1)[0]
            groups[g] = groups.get(g, 0.0) + push
        worst = min(groups.items(), key=lambda kv: kv[1]) if groups else ("lex", 0.0)
        top = [n for n, push in self.model.contributions(feats) if n.startswith(worst[0] + ":") and push < 0][:2]
        reasons = self.knowledge.events.judge.reasons
        return f"not a happening ({reasons.get(worst[0], worst[0])}: {', '.join(top) or worst[0]})"


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))
