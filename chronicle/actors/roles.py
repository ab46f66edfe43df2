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

import re

from ..knowledge import Knowledge, shipped
from ..knowledge.schema import RoleWords
from ..nlp import doc_text as _doc_text
from ..nlp.parse import pobjs as _pobjs
from .table import ActorTable, match_tokens, tokenize
from ..records import Actor

__all__ = ["roles", "phrase", "actor_for_span"]

SUBJ = {"nsubj", "csubj"}
PASSIVE_SUBJ = {"nsubjpass", "csubjpass"}
OBJ = {"dobj", "dative", "obj"}
# dependents that are not part of an actor's noun phrase
CUT = {"relcl", "acl", "advcl", "conj", "cc", "parataxis", "punct", "preconj", "mark"}
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}


def phrase(tok, *, words: RoleWords | None = None) -> tuple[int, int]:
    """Token bounds [start, end) of the noun phrase headed by `tok`, without relative clauses,
    conjuncts, edge punctuation and time modifiers ("troops on Sunday")."""
    keep = [tok]
    w = words or shipped().actors.roles
    stack = [c for c in tok.children if c.dep_ not in CUT and not _is_time_modifier(c, w)]
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
    for k in range(tok.i - 1, lo - 1, -1):         # "GOMA, Congo, March 6 (Outlet) — The army": after the dash
        if _is_break(doc[k]):
            lo = k + 1
            break
    for k in range(tok.i + 1, hi):
        if _is_break(doc[k]):
            hi = k
            break
    while hi - 1 > tok.i and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    opened = sum(1 for t in doc[lo:hi] if t.text == "(") - sum(1 for t in doc[lo:hi] if t.text == ")")
    if opened > 0 and hi < len(doc) and doc[hi].text == ")":
        hi += 1                                     # "Nigerian Air Force ( NAF )"
    return lo, hi


def _is_break(tok) -> bool:
    """A token no actor name runs across: a line break, an em/en dash, a double hyphen."""
    return "\n" in tok.text or tok.text in ("\u2014", "\u2013", "--", "|")


def _is_time_modifier(tok, w: RoleWords) -> bool:
    """A dependent that dates or places the event rather than naming the actor."""
    if tok.dep_ in ("npadvmod", "advmod") or tok.ent_type_ in ("DATE", "TIME"):
        return True
    if tok.dep_ == "prep":
        if any(g.dep_ == "pcomp" for g in tok.children):
            return True                             # "accused the army of killing ...": the act, not the actor
        if tok.lower_ in w.time_preps:
            return True
        objs = [g for g in tok.children if g.dep_ == "pobj"]
        return bool(objs) and all(g.ent_type_ in ("DATE", "TIME") for g in objs)
    return False


def actor_for_span(doc, lo: int, hi: int, *, table: ActorTable, country: str | None,
                   require_actor: bool = False, words: RoleWords | None = None) -> Actor | None:
    """An Actor record for tokens [lo, hi): resolved through the table, else an unresolved actor
    named by its text, kind UNK -- but only when the phrase can be someone: a place ("Mosul"), a
    thing ("tear gas", "its consulate") or an event ("the killings") is no actor and gives None.
    With `require_actor` an unresolved phrase must hold a named entity."""
    w = words or shipped().actors.roles
    span = doc[lo:hi]
    if not len(span):
        return None
    start, end = span.start_char, span.end_char
    if _DATELINE.match(span.text):
        return None                                # "MOGADISHU, March 14, 2023 (Horn Observer)"
    if hi < len(doc) and doc[hi].text in (":", "—", "--") and lo <= doc[lo].sent.start + 1:
        return None                                # "new delhi: opposition parties ...": a dateline
    if span.root.ent_type_ in ("DATE", "TIME") or span.root.lower_.rstrip("’'s") in w.weekdays:
        return None                                # "Saturday's attack": a date, not an attacker
    found = match_tokens(tokenize(span.text), table, country=country)
    if found is None or found[0].generic:
        acr = _acronym_actor(span, table)
        if acr is not None:
            found = (acr, acr.country or country)
    if found is not None:
        entry, iso = found
        if entry.state and _is_place_use(span, entry, table, w):
            return None
        return table.actor_for(entry, country=iso, text=span.text, start=start, end=end)
    if require_actor and not any(e.label_ in ENTITY_LABELS for e in span.ents):
        return None
    if not _can_be_someone(span, w):
        return None
    name = span.text
    first = span[0]
    if first.pos_ == "DET" and len(span) > 1:
        name = doc[lo + 1:hi].text
    return Actor(text=span.text, name=name, kind="UNK", country=None, start=start, end=end)


_DATELINE = re.compile(r"^[A-Z][A-Z'\u2019 .-]+,[^\n]*\b\d{4}\b[^\n]*\(")


def _can_be_someone(span, w: RoleWords) -> bool:
    """Can an unresolved phrase name an actor? Named people and bodies, people and group nouns,
    bare quantities of people ("2,658", "some 300"); not places, things or events."""
    root = span.root
    if root.pos_ == "PROPN" and root.dep_ in SUBJ and not root.is_upper:
        return True                                # "Erdogan has accused", "Pittsburgh is considering"
    if root.dep_ in SUBJ and root.text.istitle() and root.head.lemma_ in w.reporting:
        return True                                # "Trump urges" (read as a common noun)
    if root.ent_type_ in ("GPE", "LOC", "FAC"):
        # a named person the tagger took for a place: "called Erdogan", not "captured Nyanzale"
        return (root.pos_ == "PROPN" and root.dep_ in OBJ and len(span) <= 3
                and root.head.lemma_.lower() not in w.place_verbs)
    if root.ent_type_ in ("PERSON", "ORG", "NORP") or any(e.label_ in ("PERSON", "ORG", "NORP")
                                                           and e.root.i == root.i for e in span.ents):
        return True
    if root.pos_ == "PROPN":
        if root.dep_ in OBJ and root.head.lemma_.lower() in w.territory_verbs and not root.ent_type_:
            return False                           # "captured Nyanzale": a town the tagger did not know
        return not any(e.label_ in ("GPE", "LOC", "FAC") for e in span.ents)
    if root.pos_ == "NUM" or root.like_num:
        return True
    if _is_pronoun(root, w):
        return False
    low, lemma = root.lower_, root.lemma_.lower()
    if lemma in w.buildings:
        return root.dep_ in SUBJ                   # "the embassy said", not "seized its consulate"
    if low in w.people_nouns or lemma in w.people_nouns:
        return True
    if root.tag_ in ("NN", "NNP") and low.endswith(("er", "or", "ist", "ian", "ee", "ant", "ent")):
        low = low + "s"                            # "a 35-year-old inmate", "a farmer": as the plural
    elif root.tag_ not in ("NNS", "NNPS"):
        return False
    return low.endswith(w.people_suffixes) and not low.endswith(w.thing_suffixes)


def _is_place_use(span, entry, table: ActorTable, w: RoleWords) -> bool:
    """A capital named as a place ("the seizure of Kabul", "captured Kabul", "fled to Kabul")
    rather than as its government ("Kabul said", "urged Washington", "talks with Moscow")."""
    root = span.root
    key = tuple(t.lower() for t in tokenize(span.text))
    while key and key[0] in ("the", "a", "an"):
        key = key[1:]
    if key not in table.capitals:                  # the country itself: "attacked Israel", "the ban on UK",
        if root.dep_ != "pobj" or root.head.lower_ not in ("to", "into", "toward", "towards"):
            return False
        mover = root.head.head                     # "fled to Chad" is a place; "returned the monkeys to
        return mover.lemma_.lower() in w.motion and not any(c.dep_ in OBJ for c in mover.children)  # Congo" not
    if root.dep_ == "pobj":
        if root.head.lower_ in ("to", "toward", "towards"):
            return root.head.head.lemma_.lower() in w.motion
        return root.head.lower_ in w.place_preps
    if root.dep_ in OBJ or root.dep_ in PASSIVE_SUBJ:
        return root.head.lemma_.lower() in w.place_verbs
    return False


def _acronym_actor(span, table: ActorTable):
    """The named actor of a parenthesized acronym in the span: "the Levant (ISIS)", "... (JNIM)"."""
    toks = list(span)
    for k in range(len(toks) - 2):
        if toks[k].text == "(" and toks[k + 2].text == ")" and toks[k + 1].text.isupper():
            found = match_tokens([toks[k + 1].text], table)
            if found is not None and not found[0].generic and not found[0].state:
                return found[0]
    return None


def _conjuncts(tok) -> list:
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ"))
    return sorted(out, key=lambda t: t.i)


def _is_pronoun(tok, w: RoleWords) -> bool:
    return tok.pos_ == "PRON" or tok.lower_ in w.pronouns


def _subject(verb, w: RoleWords, seen=None):
    """The (non-pronoun if possible) subject head of a verb, inherited up conj/xcomp/relcl chains."""
    seen = seen or set()
    if verb.i in seen:
        return None
    seen.add(verb.i)
    subj = next((c for c in verb.children if c.dep_ in SUBJ), None)
    if subj is not None:
        if subj.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            return verb.head
        if _is_pronoun(subj, w):
            up = _governor(verb)
            if up is not None:
                better = _subject(up, w, seen)
                if better is not None and not _is_pronoun(better, w):
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
            return _subject(head, w, seen)
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


def roles(doc, sent, trigger_token_i: int, *, table: ActorTable, country: str | None,
          knowledge: Knowledge | None = None) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
    """(sources, targets) of the event whose trigger is the token `doc[trigger_token_i]`.

    `sent` is the trigger's sentence (a Span), `country` the context country for generic agents."""
    w = (knowledge or shipped()).actors.roles
    if doc is None or sent is None:
        return (), ()
    if not 0 <= trigger_token_i < len(doc):
        raise IndexError(f"trigger token {trigger_token_i} is outside the document (0..{len(doc) - 1})")
    t = doc[trigger_token_i]
    src_heads: list = []
    tgt_heads: list = []
    if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("ROOT",):
        src_heads, tgt_heads = _noun_roles(t, w)
    else:
        passive = any(c.dep_ in PASSIVE_SUBJ or c.dep_ == "auxpass" for c in t.children)
        agent = _pobjs(t, {"by"})
        if passive:
            src_heads = agent
            tgt_heads = [c for c in t.children if c.dep_ in PASSIVE_SUBJ]
            if not tgt_heads and t.dep_ == "conj":
                tgt_heads = [c for c in t.head.children if c.dep_ in PASSIVE_SUBJ]
        else:
            s = _subject(t, w)
            src_heads = [s] if s is not None else agent
            tgt_heads = _target_heads(doc, t, w, table=table)
    sources = _actors(doc, src_heads, w, table=table, country=country)
    if t.pos_ in ("NOUN", "PROPN") and sources and t.dep_ != "ROOT":
        sources = tuple(_with_trigger_noun(doc, a, t, table=table) for a in sources)
    targets = _actors(doc, tgt_heads, w, table=table, country=country)
    src_spans = {(a.start, a.end) for a in sources}
    targets = tuple(a for a in targets if (a.start, a.end) not in src_spans)
    return sources, targets


def _actorish(doc, head, w: RoleWords, *, table: ActorTable) -> bool:
    """Does the phrase headed by `head` name an actor (a table hit, a named entity, a possessor)?"""
    if head.ent_type_ in ENTITY_LABELS or head.pos_ == "PROPN":
        return True
    lo, hi = phrase(head, words=w)
    if match_tokens(tokenize(doc[lo:hi].text), table) is not None:
        return True
    return any(c.dep_ == "poss" and (c.ent_type_ in ENTITY_LABELS or c.pos_ == "PROPN") for c in head.children)


def _target_heads(doc, verb, w: RoleWords, *, table: ActorTable) -> list:
    """The first candidate that names an actor, in order: object, "against/on/at X", the object's
    own "on/to/with/of X" (or its participle's: "a ban imposed on X"), "to/with/for X", the
    reported clause; else the direct object when it is not an event noun."""
    objs = [c for c in verb.children if c.dep_ in OBJ]
    cands: list[list] = [objs[:1], _pobjs(verb, w.target_preps)[:1]]
    for o in objs[:1]:
        cands.append(_pobjs(o, w.target_preps | w.recipient_preps | {"of"})[:1])
        for acl in (c for c in o.children if c.dep_ == "acl"):
            cands.append(_pobjs(acl, w.target_preps | w.recipient_preps)[:1])
    cands.append(_pobjs(verb, w.recipient_preps)[:1])
    for x in (c for c in verb.children if c.dep_ == "xcomp"):
        cands.append([c for c in x.children if c.dep_ in OBJ][:1] or _pobjs(x, w.target_preps | {"with"})[:1])
    if verb.lemma_ in w.reporting:
        cands.append(_reported_target(verb, w))
    for c in cands:
        if c and _actorish(doc, c[0], w, table=table):
            return c
    if objs and objs[0].lemma_.lower() not in w.event_nouns and not _is_pronoun(objs[0], w):
        return objs[:1]
    return []


def _with_trigger_noun(doc, actor: Actor, trigger, *, table: ActorTable) -> Actor:
    """"Israeli airstrikes": a state modifier of an event noun that names a force is that force."""
    if actor.end is None or actor.end > trigger.idx:
        return actor
    found = match_tokens(tokenize(_doc_text(doc)[actor.start:actor.end] + " " + trigger.text), table)
    if found is None or not found[0].generic or found[0].kind == "GOV":
        return actor
    return table.actor_for(found[0], country=found[1], text=actor.text, start=actor.start, end=actor.end)


def _reported_target(verb, w: RoleWords) -> list:
    """For "X said Y must ..." / "X says it will not accept Y": the reported clause's subject, or
    its object when the subject is a pronoun."""
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp"):
            subj = next((g for g in c.children if g.dep_ in SUBJ | PASSIVE_SUBJ), None)
            if subj is not None and not _is_pronoun(subj, w):
                return [subj]
            obj = next((g for g in c.children if g.dep_ in OBJ), None)
            if obj is not None:
                return [obj]
    return []


def _claimant(t, w: RoleWords) -> list:
    """Who claimed the event named by noun `t`: "an attack claimed by IS", "IS claimed (responsibility
    for) the attack"."""
    for c in t.children:
        if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in w.claim:
            agent = _pobjs(c, {"by"})
            if agent:
                return agent[:1]
    h = t.head
    if t.dep_ == "pobj" and h.lower_ == "for" and h.head.lemma_.lower() in ("responsibility", "credit"):
        h = h.head
        if h.dep_ in ("dobj", "nsubjpass") and h.head.lemma_.lower() in w.claim:
            s = _subject(h.head, w)
            return [s] if s is not None else _pobjs(h.head, {"by"})[:1]
    if t.dep_ == "dobj" and h.lemma_.lower() == "claim":
        s = _subject(h, w)
        return [s] if s is not None else []
    return []


def _noun_roles(t, w: RoleWords) -> tuple[list, list]:
    claimed = _claimant(t, w)
    if claimed:
        return claimed, _pobjs(t, w.target_preps | {"of"})[:1]
    src = [c for c in t.children if c.dep_ == "poss"]
    if not src:
        src = [c for c in t.children if c.dep_ in ("compound", "amod", "nmod") and c.pos_ in ("PROPN", "ADJ")
               and c.ent_type_ in ("NORP", "GPE", "ORG")][:1]
    src = src or _pobjs(t, {"by"})
    if not src and t.dep_ in ("dobj", "obj") and t.head.pos_ == "VERB":
        s = _subject(t.head, w)
        src = [s] if s is not None else []
    tgt = _pobjs(t, w.target_preps | {"of"})[:1]
    if not tgt and t.dep_ in ("dobj", "obj"):
        tgt = _pobjs(t.head, w.target_preps)[:1]
    return src, tgt


def _actors(doc, heads, w: RoleWords, *, table: ActorTable, country: str | None) -> tuple[Actor, ...]:
    out: list[Actor] = []
    seen = set()
    for h in heads:
        for lo, hi in _name_spans(doc, _conjuncts(h), w, table=table):
            if (lo, hi) in seen:
                continue
            seen.add((lo, hi))
            a = actor_for_span(doc, lo, hi, table=table, country=country, words=w)
            if a is None and _is_pronoun(doc[lo:hi].root, w) and hi - lo <= 2:
                a = resolve_pronoun(doc, doc[lo:hi].root, table=table, country=country, words=w)
            if a is not None:
                out.append(a)
    return tuple(out)


def _name_spans(doc, conj: list, w: RoleWords, *, table: ActorTable) -> list[tuple[int, int]]:
    """The phrases of conjoined heads, rejoined where the parser split one name at its "and"
    ("the Islamic State of Iraq and the Levant (ISIS)", "the Group for the Support of Islam and
    Muslims"): a table alias or an ORG entity running across the "and" makes one phrase."""
    spans = [list(phrase(c, words=w)) for c in conj]
    merged: list[list[int]] = []
    for sp in spans:
        if merged and _one_name(doc, merged[-1], sp, table=table):
            merged[-1][1] = max(merged[-1][1], sp[1])
        else:
            merged.append(sp)
    out = []
    for lo, hi in merged:
        if hi + 2 < len(doc) and doc[hi].text == "(" and doc[hi + 2].text == ")" and doc[hi + 1].is_upper:
            hi += 3                                 # "... the Levant (ISIS)"
        out.append((lo, hi))
    return out


def _one_name(doc, a: list[int], b: list[int], *, table: ActorTable) -> bool:
    if b[0] <= a[0] or b[0] - a[1] > 3:
        return False
    for e in doc.ents:
        if e.label_ == "ORG" and e.start < a[1] and e.end > b[0] and e.start >= a[0]:
            return True
    left = tokenize(doc[a[0]:a[1]].text)
    gap = tokenize(doc[a[0]:b[0]].text)
    toks = tokenize(doc[a[0]:b[1]].text)
    return any(h.start < len(left) and h.end > len(gap) and not table.entries[h.entry].generic
               for h in table.scan(toks))


def resolve_pronoun(doc, pron, *, table: ActorTable, country: str | None,
                    words: RoleWords | None = None) -> Actor | None:
    """A small, cautious coreference: "they"/"he"/"it"/"its" is the nearest earlier actor mention
    of a fitting kind in its sentence or the one before (a person for he/she, a plural or a group
    for they, a singular body or state for it); None when nothing fits. The Actor keeps the
    pronoun's own text and offsets."""
    low = pron.lower_
    if low in ("he", "him", "his", "she", "her"):
        want = "person"
    elif low in ("they", "them", "their"):
        want = "plural"
    elif low in ("it", "its"):
        want = "body"
    else:
        return None
    w = words or shipped().actors.roles
    sent = pron.sent
    first = sent.start
    if sent.start > 0:
        prev = doc[sent.start - 1].sent
        first = prev.start
        if not any(t.tag_ for t in prev):         # left unparsed by the prefilter: read its first actor
            found = None if any(t.tag_ and t.dep_ in SUBJ for t in doc[sent.start:pron.i]) else \
                _first_actor(doc, prev, want, table=table, country=country)
            if found is not None:
                return Actor(text=pron.text, name=found.name, kind=found.kind, country=found.country,
                             start=pron.idx, end=pron.idx + len(pron.text))
            first = sent.start
    for k in range(pron.i - 1, first - 1, -1):
        t = doc[k]
        if t.pos_ not in ("NOUN", "PROPN") or not t.tag_:
            continue
        # only the doers of earlier clauses: subjects (not of "said") and appositions to a dateline
        if t.dep_ in SUBJ | PASSIVE_SUBJ:
            if t.head.lemma_ in w.saying:            # "..., residents said": a witness, not the doer
                continue
        elif t.dep_ != "appos":
            continue
        if not _fits_pronoun(t, want, w):
            continue
        lo, hi = phrase(t, words=w)
        if hi > pron.i:
            continue
        a = actor_for_span(doc, lo, hi, table=table, country=country, require_actor=True, words=w)
        if a is None or (t.ent_type_ not in ("PERSON", "ORG")
                         and match_tokens(tokenize(doc[lo:hi].text), table) is None):
            continue                               # an unresolved phrase must be a named person or body
        if want == "person" and a.kind not in w.speaker_kinds:
            continue
        return Actor(text=pron.text, name=a.name, kind=a.kind, country=a.country,
                     start=pron.idx, end=pron.idx + len(pron.text))
    return None


def _first_actor(doc, sent, want: str, *, table: ActorTable, country: str | None) -> Actor | None:
    """The first actor named in an unparsed sentence, if it opens the sentence (its likely
    subject: "Gunmen in pick-up trucks entered ...") and fits the pronoun."""
    toks: list[str] = []
    owner: list[int] = []
    for t in sent:
        for piece in tokenize(t.text):
            toks.append(piece)
            owner.append(t.i)
    hits = table.scan(toks)
    if not hits or owner[hits[0].start] - sent.start > 3:
        return None
    h = hits[0]
    e = table.entries[h.entry]
    last = toks[h.end - 1].lower()
    if want == "plural" and not (last.endswith("s") or e.kind in ("MIL", "POL")) or want == "person":
        return None
    if want == "body" and (e.generic and last.endswith("s")):
        return None
    lo, hi = owner[h.start], owner[h.end - 1] + 1
    return table.actor_for(e, country=e.country or country, text=doc[lo:hi].text,
                           start=doc[lo].idx, end=doc[hi - 1].idx + len(doc[hi - 1].text))


def _fits_pronoun(t, want: str, w: RoleWords) -> bool:
    """Does the noun `t` fit the pronoun: a named person or a title for he/she, a plural or a
    collective for they, a singular non-person for it?"""
    person = t.ent_type_ == "PERSON" or t.lower_ in w.titles or any(
        c.lower_ in w.titles for c in t.children if c.dep_ == "compound")
    if want == "person":
        return person and t.tag_ in ("NN", "NNP")
    if person:
        return False
    if want == "plural":
        return t.tag_ in ("NNS", "NNPS") or t.lower_ in ("police", "military", "army", "group", "taliban")
    return t.tag_ in ("NN", "NNP") and t.ent_type_ != "PERSON"
