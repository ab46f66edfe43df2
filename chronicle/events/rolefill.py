"""Roles the rules left empty, filled by the trained role model after the merge (issue 12's model,
issue 10's records).

The trained role model (chronicle/actors/rolemodel.py) names a source or target the role rules
missed, but used at detection it split happenings: mentions with a filled-in actor clashed with
mentions of the same happening without one (`chronicle eval articles` held-out records per
happening 1.139 -> 1.222). Here it runs once per *record*, after the mentions are grouped, at the
record's main trigger, and fills only a role that is still empty on the whole record; judging,
merging and the record's confidence are the same as without it (tests/events/test_rolefill.py).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..nlp import doc_text
from ..records import Event
from ..time.dateline import opening_dateline_end
from .detect import _talked_about

# Only the source is filled. Measured with `chronicle eval articles` (tune / held-out, on matched
# happenings): source 0.651 -> 0.699 / 0.473 -> 0.514 (0.723 / 0.514 without the two guards on deeds
# below, which keep a speaker or a critic out of the doer's place); targets filled as well measured
# 0.518 -> 0.506 / 0.311 -> 0.324 — no gain on the tune half, so targets stay the rules' (the held-out
# half never chooses)


class RoleFill:
    """Fills the empty source of merged records from the trained role model."""

    def __init__(self, trained, actor_table, country_fn, knowledge):
        self.trained = trained              # TrainedRoles (fill_only)
        w = knowledge.attribution                     # verbs of saying (knowledge/words/attribution.toml)
        self.saying = w.reported | w.claimed
        self.detect_words = knowledge.events.detect   # talk about an event (knowledge/words/events.toml)
        self.actor_table = actor_table
        self.country_fn = country_fn

    @classmethod
    def load(cls, *, knowledge=None) -> "RoleFill | None":
        """None when no role model ships (`make train` writes chronicle/actors/model/roles.json.gz) or
        its meta says `fill_after_merge: false`."""
        from functools import partial

        from ..actors import ActorTable, context_country, roles
        from ..actors.rolemodel import RoleModel, TrainedRoles
        from ..knowledge import shipped

        model = RoleModel.load()
        if model is None or not model.meta.get("fill_after_merge", True):
            return None

        kn = knowledge or shipped()
        return cls(TrainedRoles(model, rules=partial(roles, knowledge=kn), fill_only=True), ActorTable.load(),
                   context_country, kn)

    def fill(self, doc, records: Sequence[Event], *, toponyms=()) -> list[Event]:
        """`records` with an empty source filled where the model names one at the trigger (the same
        list when none is)."""
        need = {k for k, e in enumerate(records) if e.trigger is not None and not e.source}
        if not need:
            return list(records)
        country = self.country_fn(doc, self.actor_table, toponyms=toponyms or None)
        opening = opening_dateline_end(doc_text(doc))   # "KHARTOUM, April 20 -" is parsed into the first sentence
        return [self._one(doc, e, country, opening) if k in need else e for k, e in enumerate(records)]

    def _one(self, doc, e: Event, country: str | None, opening: int) -> Event:
        span = doc.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
        if span is None or not len(span):
            return e
        tok = span.root
        if not tok.sent[0].tag_:          # a sentence the prefilter left unparsed: no roles to read
            return e
        src, _ = self.trained(doc, tok.sent, tok.i, table=self.actor_table, country=country)
        src = tuple(a for a in src if a.start is None or a.start >= opening)
        if src and e.quad.startswith("material"):       # in a verbal event the speaker is the doer
            # whoever says a deed happened did not thereby do it ("OCHA said 576,000 were displaced")
            said = {w.lower() for w in e.attributed_to}
            src = tuple(a for a in src if not _speaker(a, said, doc, self.saying))
            if _talked_about(tok, self.detect_words):    # "groups condemned the crackdown"
                src = ()
        return replace(e, source=src) if src else e


def _speaker(actor, said: set[str], doc, saying: frozenset[str]) -> bool:
    """The actor is the one the report is attributed to (its words, or the subject of a verb of
    saying whose clause holds the trigger)."""
    text = (actor.text or "").lower()
    if text and any(text in w or w in text for w in said if w):
        return True
    if actor.start is None:
        return False
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root.head
    return span.root.dep_ in ("nsubj", "nsubjpass") and head.lemma_ in saying

