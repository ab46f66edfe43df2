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

import re
from collections.abc import Sequence
from dataclasses import replace

from ..records import Event
from .detect import _talked_about

# the roles filled. Measured with `chronicle eval articles` (tune / held-out, on matched happenings):
# source 0.651 -> 0.699 / 0.473 -> 0.514 (0.723 / 0.514 without the two guards on deeds below, which
# keep a speaker or a critic out of the doer's place); target, filled as well, 0.518 -> 0.506 /
# 0.311 -> 0.324 — no gain on the tune half, so targets stay the rules' (the held-out half never chooses)
FILL = ("source",)


class RoleFill:
    """Fills empty roles of merged records from the trained role model (fill-only)."""

    def __init__(self, trained, actor_table, country_fn, knowledge):
        self.trained = trained              # TrainedRoles (fill_only)
        self.words = knowledge.attribution          # verbs of saying (knowledge/words/attribution.toml)
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
        """`records` with an empty source or target filled where the model names one at the trigger."""
        need = {k for k, e in enumerate(records) if e.trigger is not None and any(not getattr(e, r) for r in FILL)}
        if not need:
            return list(records)
        country = self.country_fn(doc, self.actor_table, toponyms=toponyms or None)
        return [self._one(doc, e, country) if k in need else e for k, e in enumerate(records)]

    def _one(self, doc, e: Event, country: str | None) -> Event:
        span = doc.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
        if span is None or not len(span):
            return e
        tok = span.root
        if not tok.sent[0].tag_:          # a sentence the prefilter left unparsed: no roles to read
            return e
        src, tgt = self.trained(doc, tok.sent, tok.i, table=self.actor_table, country=country)
        opening = _dateline_end(doc)           # "KHARTOUM, April 20 -" is parsed into the first sentence
        src = tuple(a for a in src if a.start is None or a.start >= opening)
        changes = {}
        if "source" in FILL and not e.source and src:
            # whoever says a deed happened did not thereby do it ("OCHA said 576,000 were displaced")
            said = {w.lower() for w in e.attributed_to}
            if e.quad.startswith("material"):      # in a verbal event the speaker is the doer
                src = tuple(a for a in src if not _speaker(a, said, doc, self.words))
                if _talked_about(tok, self.detect_words):    # "groups condemned the crackdown"
                    src = ()
            if src:
                changes["source"] = src
        if "target" in FILL and not e.target and tgt:
            taken = {(a.start, a.end) for a in changes.get("source", e.source)}
            tgt = tuple(a for a in tgt if (a.start, a.end) not in taken)
            if tgt:
                changes["target"] = tgt
        return replace(e, **changes) if changes else e


# a wire dateline, year or not: "KHARTOUM, April 20 (Reuters) -", "BAGHDAD —"
_DATELINE = re.compile(r"\s*(?-i:[A-Z][A-Z'’.\-]+(?:[ \-][A-Z][A-Z'’.\-]+)*)[^\n]{0,60}?\s[-–—]+\s")


def _dateline_end(doc) -> int:
    from ..nlp import doc_text

    m = _DATELINE.match(doc_text(doc)[:200])
    return m.end() if m else 0


def _speaker(actor, said: set[str], doc, words) -> bool:
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
    return span.root.dep_ in ("nsubj", "nsubjpass") and head.lemma_ in words.reported | words.claimed

