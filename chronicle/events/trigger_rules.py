"""The conditions of the trigger disambiguation rules, keyed by rule id. The records — order, the
lemmas and types each rule is asked about, why it exists, the sentences it must and must not decide
— are data in chronicle/knowledge/rules/triggers.toml; the words each condition reads are the word
classes of chronicle/knowledge/words/triggers.toml (`c.w`). A condition returns None (the rule does
not fire), REJECT (no event here) or a reading made with `c.reading(...)`.
"""
from __future__ import annotations


from ..knowledge.rules import Conditions
from ..nlp.parse import governed_by, lemma, objects

VERB_POS = ("VERB", "AUX")
NOUN_POS = ("NOUN", "PROPN")
REJECT = "reject"


class Ctx:
    """What the rules read about one candidate token; the parse queries are computed once, on demand."""

    __slots__ = ("t", "e", "low", "w", "sent", "lexicon", "_objs", "_okinds", "_olem", "_kids", "_head")

    def __init__(self, t, e, w, sent_lemmas, lexicon):
        self.t, self.e, self.w, self.sent, self.lexicon = t, e, w, sent_lemmas, lexicon
        self.low = lemma(t)
        self._objs = self._okinds = self._olem = self._kids = self._head = None

    @property
    def objs(self) -> list:
        if self._objs is None:
            self._objs = objects(self.t)
        return self._objs

    @property
    def okinds(self) -> set:
        if self._okinds is None:
            self._okinds = {kind_of_object(o, self.w) for o in self.objs}
        return self._okinds

    @property
    def olem(self) -> set:
        """The lemmas of everything inside the trigger's objects."""
        if self._olem is None:
            self._olem = {lemma(x) for o in self.objs for x in o.subtree}
        return self._olem

    @property
    def kids(self) -> set:
        if self._kids is None:
            self._kids = {lemma(c) for c in self.t.children}
        return self._kids

    @property
    def head(self) -> str:
        """The lemma of the governing word ("" for a root)."""
        if self._head is None:
            self._head = lemma(self.t.head) if self.t.head.i != self.t.i else ""
        return self._head

    def reading(self, typ: str, mode: str | None, strength: int, extra=(), entry=None):
        return (entry or self.e, typ, mode, strength, list(extra))

    def keep(self, strength: int | None = None):
        """The strongest lexicon reading, optionally with another strength."""
        e = self.e
        return (e, e.type, e.mode, e.strength if strength is None else strength, [])


def kind_of_object(obj, w) -> str:
    """place | person | thing | other, from the entity type and the word classes."""
    low = lemma(obj)
    if obj.ent_type_ in ("GPE", "LOC", "FAC") or low in w.place_words:
        return "place"
    if obj.ent_type_ in ("PERSON", "NORP") or low in w.person_words or obj.lower_ in ("them", "him", "her"):
        return "person"
    if low in w.weapon_words or obj.ent_type_ == "PRODUCT":
        return "thing"
    for c in obj.children:
        if c.dep_ == "compound" and lemma(c) in w.weapon_words:
            return "thing"
    if obj.ent_type_ in ("ORG",):
        return "person"
    return "other"


CONDITIONS = Conditions("trigger")
rule = CONDITIONS.rule


# --- a phrase entry ("set+up") ---------------------------------------------------------------------

@rule("set-up.needs-base")
def _(c):
    if c.e.lemma == "set" and c.e.child == "up" and not any(lemma(o) in c.w.hq_words for o in c.objs):
        return REJECT


# --- a single word ---------------------------------------------------------------------------------

@rule("label-as")
def _(c):
    t = c.t
    if t.pos_ in NOUN_POS and t.dep_ == "pobj" and t.head.lower_ == "as" and lemma(t.head.head) in c.w.labelling:
        return REJECT


@rule("support.name")
def _(c):
    t = c.t
    if t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "WORK_OF_ART", "LAW", "EVENT") or (
            t.text[:1].isupper() and t.i > t.sent.start and t.nbor(-1).text[:1].isupper() | (t.nbor(-1).lower_ == "to")):
        return REJECT


@rule("backing.offered")
def _(c):
    t = c.t
    if t.pos_ in NOUN_POS and t.dep_ == "dobj" and c.head in c.w.backing_given:
        noun = next(x for x in c.lexicon["support"] if x.pos == "N")
        return c.reading("SUPPORT", None, 2, [t.head], entry=noun)


@rule("fight.purpose-of-help")
def _(c):
    t = c.t
    if t.dep_ in ("pcomp", "pobj") and t.head.lower_ in ("in", "against", "for") and \
            lemma(t.head.head) in c.w.backing | c.w.help_nouns:
        return REJECT


@rule("support.subordinate")
def _(c):
    t = c.t
    if t.dep_ == "relcl" or t.dep_ in ("advcl", "xcomp", "pcomp", "acl") and (
            any(x.dep_ == "aux" and x.lower_ == "to" for x in t.children) or c.head in ("accuse", "of")):
        return REJECT


@rule("threat.not-made")
def _(c):
    if c.t.pos_ in NOUN_POS and c.head not in c.w.threat_makers:
        return REJECT


@rule("threaten.abstract-subject")
def _(c):
    if any(x.dep_ == "nsubj" and lemma(x) in c.w.abstract_subjects for x in c.t.children):
        return REJECT


@rule("reversed-noun")
def _(c):
    t = c.t
    if t.pos_ in NOUN_POS and t.dep_ in ("dobj", "nsubjpass", "pobj") and c.head in c.w.reversers:
        return REJECT


@rule("noun-modifier")
def _(c):
    if governed_by(c.t, c.w.modified_nouns, deps=("compound",)):
        return REJECT


@rule("aid.reversed")
def _(c):
    t = c.t
    if t.pos_ in NOUN_POS and t.dep_ == "pobj" and t.head.head.i != t.head.i and (
            lemma(t.head.head) in c.w.reversers and t.head.lower_ in ("of", "to", "on")):
        return REJECT


@rule("fight.abstract-foe")
def _(c):
    against = {lemma(g) for x in c.t.children if x.dep_ == "prep" and x.lower_ == "against" for g in x.children}
    if (c.olem | against) & c.w.abstract_foes:
        return REJECT


@rule("agree.with-opinion")
def _(c):
    kids = c.t.children
    if "with" in {x.lower_ for x in c.t.children} and not any(
            x.dep_ in ("xcomp", "ccomp") or x.lower_ in ("to", "on") for x in kids):
        return REJECT


@rule("mobilize.funds")
def _(c):
    if c.olem & c.w.funds:
        return c.reading("AID", None, 2)


@rule("deploy.helpers")
def _(c):
    olem = c.olem | {lemma(x) for y in c.t.children if y.dep_ == "prep" and y.lower_ == "of" for x in y.subtree}
    if olem & c.w.helpers and not olem & c.w.deployed_forces:
        return c.reading("AID", None, 2)


@rule("asked-for")
def _(c):
    if c.e.strength == 1 and c.t.dep_ in ("xcomp", "ccomp", "advcl") and any(
            x.type in ("REQUEST", "THREATEN", "REJECT") for x in c.lexicon.get(c.head, ())):
        return REJECT


@rule("declare.needs-measure")
def _(c):
    if not c.olem & c.w.declared_measures:
        return REJECT


@rule("impose.needs-restriction")
def _(c):
    if not c.olem & c.w.restrictions:
        return REJECT


@rule("seek.needs-aid")
def _(c):
    if not c.olem & c.w.aid_things:
        return REJECT


@rule("appeal.needs-aid")
def _(c):
    if c.t.pos_ in NOUN_POS and not {lemma(x) for x in c.t.subtree} & c.w.aid_things:
        return REJECT


def _given(c) -> set:
    """What is provided, given, sent or delivered: the objects and the recipient phrase."""
    return c.olem | {lemma(x) for y in c.t.children if y.dep_ == "dative" for x in y.subtree}


@rule("send.troops")
def _(c):
    if _given(c) & c.w.troops_sent:
        return c.reading("MOBILIZE", "troops", 2)


@rule("give.needs-aid")
def _(c):
    if not _given(c) & c.w.aid_things:
        return REJECT


@rule("lift.needs-restriction")
def _(c):
    if not c.olem & c.w.restrictions:
        return REJECT


@rule("return.needs-someone")
def _(c):
    if not (c.objs and c.okinds & {"person", "thing", "other"} and "place" not in c.okinds):
        return REJECT


@rule("train.needs-forces")
def _(c):
    if not (c.okinds & {"person"} or c.olem & c.w.military_things):
        return REJECT


@rule("receive.needs-visitor")
def _(c):
    if not (c.okinds & {"person"} and any(o.ent_type_ in ("PERSON", "NORP", "ORG") or any(
            x.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for x in o.subtree) for o in c.objs)):
        return REJECT


@rule("discussion.needs-holding")
def _(c):
    if c.head not in c.w.discussion_holders:
        return REJECT


@rule("warning.needs-giving")
def _(c):
    if c.head not in c.w.warning_givers:
        return REJECT


@rule("strengthen.needs-forces")
def _(c):
    if not c.olem & c.w.military_things:
        return REJECT


@rule("end.needs-dissent")
def _(c):
    if not any(lemma(o) in c.w.dissent for o in c.objs):
        return REJECT


@rule("accept.needs-offer")
def _(c):
    if not any(lemma(o) in c.w.offers for o in c.objs):
        return REJECT


@rule("violate.needs-accord")
def _(c):
    if not c.olem & c.w.accords:
        return REJECT


@rule("cut.needs-ties")
def _(c):
    if c.t.pos_ in (VERB_POS if c.low != "suspension" else NOUN_POS) and not c.olem & c.w.ties:
        return REJECT


@rule("deny.accusation")
def _(c):
    if any(lemma(o) in c.w.accusations for o in c.objs):
        return REJECT


@rule("disaster")
def _(c):
    if c.sent & c.w.disaster and not c.sent & (c.w.death_causes | c.w.attack_words) - {"police", "blast", "explosion"}:
        return REJECT


@rule("establish.needs-base")
def _(c):
    hq = c.w.hq_words
    if not any(lemma(x) in hq or x.lower_ in hq for o in c.objs for x in o.subtree):
        return REJECT


@rule("find.needs-arms")
def _(c):
    if "thing" not in c.okinds and not any(lemma(x) in c.w.arms for o in c.objs for x in o.subtree):
        return REJECT


@rule("free.place")
def _(c):
    if "place" in c.okinds:
        return c.reading("ASSAULT", None, 3)


@rule("free.otherwise")
def _(c):
    return REJECT


@rule("strike.aerial")
def _(c):
    if c.t.pos_ in NOUN_POS and (c.kids & c.w.aerial or any(lemma(x) in c.w.aerial for x in c.t.lefts)):
        return c.reading("ASSAULT", "aerial", 3)


@rule("strike.hunger")
def _(c):
    if c.t.pos_ in NOUN_POS and "hunger" in c.kids:
        return c.reading("PROTEST", "hunger", 3)


@rule("strike.hits")
def _(c):
    t = c.t
    if t.pos_ in NOUN_POS and t.dep_ == "nsubj" and lemma(t.head) in c.w.strike_hits and \
            not c.sent & (c.w.labour - {"strike"}):
        return c.reading("ASSAULT", "aerial", 2)


@rule("strike.labour")
def _(c):
    t = c.t
    if t.pos_ in NOUN_POS and (c.sent & c.w.labour or t.head.lemma_ in ("go", "call", "launch") and t.dep_ == "pobj"):
        return c.reading("PROTEST", "strike", 2)


@rule("strike.verb-needs-violence")
def _(c):
    if c.t.pos_ in VERB_POS and not c.sent & c.w.strike_context:
        return REJECT


@rule("drop.needs-munitions")
def _(c):
    if not c.olem & c.w.dropped_munitions:
        return REJECT


@rule("drop.munitions")
def _(c):
    return c.reading("ASSAULT", "aerial", 2)


@rule("fire.needs-aim")
def _(c):
    aimed = any(x.dep_ == "prep" and x.lower_ in ("on", "at", "upon", "into") and any(
        g.ent_type_ not in ("TIME", "DATE") and lemma(g) not in c.w.time_words for g in x.children)
        for x in c.t.children)
    if not (aimed or any(lemma(x) in c.w.fire_objects for o in c.objs for x in o.subtree)):
        return REJECT


@rule("hold.needs-custody")
def _(c):
    if not {lemma(x) for x in c.t.subtree} & c.w.custody_words:
        return REJECT


@rule("hostage.taken")
def _(c):
    if c.t.head.lemma_ in ("take", "hold"):
        return c.reading("ASSAULT", "abduct", 3)


@rule("die.needs-cause")
def _(c):
    if not {lemma(x) for x in c.t.subtree} & c.w.death_causes:
        return REJECT


@rule("release.needs-person")
def _(c):
    if not c.okinds & {"person"}:
        return REJECT


@rule("sign.needs-agreement")
def _(c):
    if not any(lemma(o) in c.w.agreement_words for o in c.objs):
        return REJECT


@rule("deal.needs-peace")
def _(c):
    if not (c.kids & c.w.peace_deal or c.t.head.lemma_ in c.w.deal_makers):
        return REJECT


@rule("talk.needs-plural")
def _(c):
    if c.t.text.lower() != "talks":
        return REJECT


@rule("block.needs-protesters")
def _(c):
    if not c.sent & c.w.blockers:
        return REJECT


@rule("capture.place")
def _(c):
    if "place" in c.okinds:
        return c.reading("ASSAULT", None, 3)


@rule("capture.person")
def _(c):
    if "person" in c.okinds:
        return c.reading("COERCE", "arrest", 2)


@rule("capture.thing")
def _(c):
    if "thing" in c.okinds:
        return c.reading("COERCE", "seize", 2)


@rule("capture.otherwise")
def _(c):
    return c.reading("COERCE", "seize", 1)


@rule("storm.needs-target")
def _(c):
    if not ("place" in c.okinds or c.t.pos_ in VERB_POS and c.objs):
        return REJECT


@rule("recover.needs-thing")
def _(c):
    if "thing" not in c.okinds:
        return REJECT


@rule("rally.staged")
def _(c):
    if c.t.pos_ in NOUN_POS and c.t.head.lemma_ in c.w.rally_holders:
        return c.keep(strength=3)


@rule("back.needs-object")
def _(c):
    if not c.objs:
        return REJECT


@rule("deploy.described")
def _(c):
    if c.t.tag_ == "VBN" and c.t.dep_ == "acl":
        return REJECT


@rule("projectile.compound")
def _(c):
    if governed_by(c.t, c.w.projectile_events, deps=("compound",)):
        return REJECT


@rule("projectile.needs-impact")
def _(c):
    if not c.sent & c.w.projectile_impacts:
        return REJECT


@rule("visit.compound")
def _(c):
    if c.t.pos_ in NOUN_POS and c.t.dep_ == "compound":
        return REJECT


@rule("protest.walkout")
def _(c):
    t = c.t
    if t.pos_ in NOUN_POS and t.dep_ == "pobj" and t.head.lower_ == "in" and t.head.head.lemma_ in c.w.protest_walkouts:
        return c.keep(strength=1)
