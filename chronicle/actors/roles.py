"""Source and target actors of an event trigger, read off spaCy's dependency parse.

Source: the subject (conjoined subjects each), the agent of a passive ("by X"), a subject inherited
from the governing clause for "X stormed the town and killed ..." or "X vowed to attack ...", a
pronoun subject ("it", "they") replaced by the subject of the clause that reports it; for a noun
trigger the possessor or modifier ("Hamas's attack", "Israeli airstrikes") or "by X".
Target: the passive subject, the direct object, "against/on/at X", the recipient "to/with X" of
cooperation, and for reporting verbs the subject of the reported clause ("Assad said Turkey must
mediate"). Each span is the whole noun phrase minus relative clauses and conjuncts, then resolved
through the actor table.

    >>> doc = nlp("Iraqi troops attacked Islamic State fighters near Mosul.")
    >>> src, tgt = roles(doc, doc[:], 2, table=table, country=None)
    >>> src[0].name, tgt[0].name
    ('Military Forces of Iraq', 'Islamic State')
"""
from __future__ import annotations

from .table import ActorTable, match_tokens, tokenize
from ..records import Actor

__all__ = ["roles", "phrase", "actor_for_span"]

SUBJ = {"nsubj", "csubj"}
PASSIVE_SUBJ = {"nsubjpass", "csubjpass"}
OBJ = {"dobj", "dative", "obj"}
TARGET_PREPS = {"against", "on", "upon", "at", "toward", "towards", "into", "onto", "over"}
RECIPIENT_PREPS = {"to", "with", "for"}
PRONOUNS = {"it", "he", "she", "they", "we", "i", "you", "who", "which", "that", "this", "itself",
            "themselves", "himself", "herself"}
# dependents that are not part of an actor's noun phrase
CUT = {"relcl", "acl", "advcl", "conj", "cc", "parataxis", "punct", "preconj", "mark"}
REPORTING = {"say", "tell", "announce", "state", "declare", "claim", "warn", "insist", "report",
             "add", "confirm", "deny", "accuse", "allege", "argue", "stress", "note", "suggest",
             "urge", "demand", "ask", "call", "threaten", "vow", "pledge", "promise", "agree",
             "decide", "plan", "want", "seek", "hope", "expect", "believe", "think", "fear"}
# objects that name an event or a thing, not who it was done to ("launched an attack on X")
EVENT_NOUNS = {"attack", "assault", "strike", "airstrike", "raid", "offensive", "operation", "appeal",
               "lawsuit", "suit", "ban", "talk", "meeting", "support", "statement", "invitation", "hope",
               "training", "dinner", "call", "campaign", "bombardment", "shelling", "fire", "bomb",
               "protest", "demonstration", "rally", "march", "strike", "effort", "plan", "proposal",
               "visit", "tour", "agreement", "deal", "request", "demand", "warning", "threat", "sanction",
               "measure", "step", "action", "aid", "assistance", "concern", "condolence", "solidarity",
               "way", "role", "part", "place", "control", "power", "responsibility", "charge", "note"}
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}


def phrase(tok) -> tuple[int, int]:
    """Token bounds [start, end) of the noun phrase headed by `tok`, without relative clauses,
    conjuncts, edge punctuation and time modifiers ("troops on Sunday")."""
    keep = [tok]
    stack = [c for c in tok.children if c.dep_ not in CUT and not _is_time_modifier(c)]
    while stack:
        t = stack.pop()
        keep.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("relcl", "acl", "advcl", "parataxis"))
    lo = min(t.i for t in keep)
    hi = max(t.i for t in keep) + 1
    doc = tok.doc
    # stop at a conjunction that slipped inside (appositive lists)
    for c in tok.children:
        if c.dep_ == "cc" and c.i > tok.i:
            hi = min(hi, c.i)
    while lo < tok.i and (doc[lo].is_punct or doc[lo].dep_ == "cc"):
        lo += 1
    while hi - 1 > tok.i and (doc[hi - 1].is_punct or doc[hi - 1].dep_ == "cc"):
        hi -= 1
    opened = sum(1 for t in doc[lo:hi] if t.text == "(") - sum(1 for t in doc[lo:hi] if t.text == ")")
    if opened > 0 and hi < len(doc) and doc[hi].text == ")":
        hi += 1                                     # "Nigerian Air Force ( NAF )"
    return lo, hi


def _is_time_modifier(tok) -> bool:
    """A dependent that dates or places the event rather than naming the actor."""
    if tok.dep_ in ("npadvmod", "advmod") or tok.ent_type_ in ("DATE", "TIME"):
        return True
    if tok.dep_ == "prep":
        if any(g.dep_ == "pcomp" for g in tok.children):
            return True                             # "accused the army of killing ...": the act, not the actor
        if tok.lower_ in ("during", "after", "before", "since", "until", "following", "amid", "despite"):
            return True
        objs = [g for g in tok.children if g.dep_ == "pobj"]
        return bool(objs) and all(g.ent_type_ in ("DATE", "TIME") for g in objs)
    return False


def actor_for_span(doc, lo: int, hi: int, *, table: ActorTable, country: str | None,
                   require_actor: bool = False) -> Actor | None:
    """An Actor record for tokens [lo, hi): resolved through the table, else (unless
    `require_actor`) an unresolved actor named by its text, kind UNK."""
    span = doc[lo:hi]
    start, end = span.start_char, span.end_char
    found = match_tokens(tokenize(span.text), table, country=country)
    if found is not None:
        entry, iso = found
        return table.actor_for(entry, country=iso, text=span.text, start=start, end=end)
    if require_actor and not any(e.label_ in ENTITY_LABELS for e in span.ents):
        return None
    name = span.text
    first = span[0]
    if first.pos_ == "DET" and len(span) > 1:
        name = doc[lo + 1:hi].text
    return Actor(text=span.text, name=name, kind="UNK", country=None, start=start, end=end)


def _conjuncts(tok) -> list:
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ"))
    return sorted(out, key=lambda t: t.i)


def _is_pronoun(tok) -> bool:
    return tok.pos_ == "PRON" or tok.lower_ in PRONOUNS


def _subject(verb, seen=None):
    """The (non-pronoun if possible) subject head of a verb, inherited up conj/xcomp/relcl chains."""
    seen = seen or set()
    if verb.i in seen:
        return None
    seen.add(verb.i)
    subj = next((c for c in verb.children if c.dep_ in SUBJ), None)
    if subj is not None:
        if subj.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            return verb.head
        if _is_pronoun(subj):
            up = _governor(verb)
            if up is not None:
                better = _subject(up, seen)
                if better is not None and not _is_pronoun(better):
                    return better
        return subj
    if any(c.dep_ in PASSIVE_SUBJ for c in verb.children):
        return None
    if verb.dep_ == "relcl":
        return verb.head
    if verb.dep_ in ("conj", "xcomp", "advcl", "ccomp", "pcomp") and verb.head is not verb:
        head = verb.head
        if head.pos_ in ("VERB", "AUX"):
            if verb.dep_ == "conj" and any(c.dep_ in PASSIVE_SUBJ for c in head.children):
                return None
            return _subject(head, seen)
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return verb.head
    return None


def _governor(verb):
    """The verb that reports or embeds this clause ("said" for "it will not accept")."""
    t = verb
    while t.dep_ in ("conj",) and t.head is not t:
        t = t.head
    if t.dep_ in ("ccomp", "xcomp", "advcl", "conj") and t.head is not t and t.head.pos_ in ("VERB", "AUX"):
        return t.head
    return None


def _pobjs(head, preps) -> list:
    out = []
    for c in head.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            out += [g for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")]
    return out


def roles(doc, sent, trigger_token_i: int, *, table: ActorTable, country: str | None
          ) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
    """(sources, targets) of the event whose trigger is the token `doc[trigger_token_i]`.

    `sent` is the trigger's sentence (a Span), `country` the context country for generic agents."""
    if doc is None or sent is None:
        return (), ()
    if not 0 <= trigger_token_i < len(doc):
        raise IndexError(f"trigger token {trigger_token_i} is outside the document (0..{len(doc) - 1})")
    t = doc[trigger_token_i]
    src_heads: list = []
    tgt_heads: list = []
    if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("ROOT",):
        src_heads, tgt_heads = _noun_roles(t)
    else:
        passive = any(c.dep_ in PASSIVE_SUBJ or c.dep_ == "auxpass" for c in t.children)
        agent = _pobjs(t, {"by"})
        if passive:
            src_heads = agent
            tgt_heads = [c for c in t.children if c.dep_ in PASSIVE_SUBJ]
            if not tgt_heads and t.dep_ == "conj":
                tgt_heads = [c for c in t.head.children if c.dep_ in PASSIVE_SUBJ]
        else:
            s = _subject(t)
            src_heads = [s] if s is not None else agent
            tgt_heads = _target_heads(doc, t, table=table)
    sources = _actors(doc, src_heads, table=table, country=country)
    if t.pos_ in ("NOUN", "PROPN") and sources and t.dep_ != "ROOT":
        sources = tuple(_with_trigger_noun(doc, a, t, table=table) for a in sources)
    targets = _actors(doc, tgt_heads, table=table, country=country)
    src_spans = {(a.start, a.end) for a in sources}
    targets = tuple(a for a in targets if (a.start, a.end) not in src_spans)
    return sources, targets


def _actorish(doc, head, *, table: ActorTable) -> bool:
    """Does the phrase headed by `head` name an actor (a table hit, a named entity, a possessor)?"""
    if head.ent_type_ in ENTITY_LABELS or head.pos_ == "PROPN":
        return True
    lo, hi = phrase(head)
    if match_tokens(tokenize(doc[lo:hi].text), table) is not None:
        return True
    return any(c.dep_ == "poss" and (c.ent_type_ in ENTITY_LABELS or c.pos_ == "PROPN") for c in head.children)


def _target_heads(doc, verb, *, table: ActorTable) -> list:
    """The first candidate that names an actor, in order: object, "against/on/at X", the object's
    own "on/to/with/of X" (or its participle's: "a ban imposed on X"), "to/with/for X", the
    reported clause; else the direct object when it is not an event noun."""
    objs = [c for c in verb.children if c.dep_ in OBJ]
    cands: list[list] = [objs[:1], _pobjs(verb, TARGET_PREPS)[:1]]
    for o in objs[:1]:
        cands.append(_pobjs(o, TARGET_PREPS | RECIPIENT_PREPS | {"of"})[:1])
        for acl in (c for c in o.children if c.dep_ == "acl"):
            cands.append(_pobjs(acl, TARGET_PREPS | RECIPIENT_PREPS)[:1])
    cands.append(_pobjs(verb, RECIPIENT_PREPS)[:1])
    for x in (c for c in verb.children if c.dep_ == "xcomp"):
        cands.append([c for c in x.children if c.dep_ in OBJ][:1] or _pobjs(x, TARGET_PREPS | {"with"})[:1])
    if verb.lemma_ in REPORTING:
        cands.append(_reported_target(verb))
    for c in cands:
        if c and _actorish(doc, c[0], table=table):
            return c
    if objs and objs[0].lemma_.lower() not in EVENT_NOUNS and not _is_pronoun(objs[0]):
        return objs[:1]
    return []


def _with_trigger_noun(doc, actor: Actor, trigger, *, table: ActorTable) -> Actor:
    """"Israeli airstrikes": a state modifier of an event noun that names a force is that force."""
    if actor.end is None or actor.end > trigger.idx:
        return actor
    found = match_tokens(tokenize(doc.text[actor.start:actor.end] + " " + trigger.text), table)
    if found is None or not found[0].generic or found[0].kind == "GOV":
        return actor
    return table.actor_for(found[0], country=found[1], text=actor.text, start=actor.start, end=actor.end)


def _reported_target(verb) -> list:
    """For "X said Y must ..." / "X says it will not accept Y": the reported clause's subject, or
    its object when the subject is a pronoun."""
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp"):
            subj = next((g for g in c.children if g.dep_ in SUBJ | PASSIVE_SUBJ), None)
            if subj is not None and not _is_pronoun(subj):
                return [subj]
            obj = next((g for g in c.children if g.dep_ in OBJ), None)
            if obj is not None:
                return [obj]
    return []


def _noun_roles(t) -> tuple[list, list]:
    src = [c for c in t.children if c.dep_ == "poss"]
    if not src:
        src = [c for c in t.children if c.dep_ in ("compound", "amod", "nmod") and c.pos_ in ("PROPN", "ADJ")
               and c.ent_type_ in ("NORP", "GPE", "ORG")][:1]
    src = src or _pobjs(t, {"by"})
    if not src and t.dep_ in ("dobj", "obj") and t.head.pos_ == "VERB":
        s = _subject(t.head)
        src = [s] if s is not None else []
    tgt = _pobjs(t, TARGET_PREPS | {"of"})[:1]
    if not tgt and t.dep_ in ("dobj", "obj"):
        tgt = _pobjs(t.head, TARGET_PREPS)[:1]
    return src, tgt


def _actors(doc, heads, *, table: ActorTable, country: str | None) -> tuple[Actor, ...]:
    out: list[Actor] = []
    seen = set()
    for h in heads:
        for c in _conjuncts(h):
            lo, hi = phrase(c)
            if (lo, hi) in seen:
                continue
            seen.add((lo, hi))
            a = actor_for_span(doc, lo, hi, table=table, country=country)
            if a is not None:
                out.append(a)
    return tuple(out)
