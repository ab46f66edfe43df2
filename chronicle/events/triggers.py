"""Find event triggers in a parsed sentence: lexicon look-up, then rules that read the parse to
disambiguate ("strike" by workers or from the air, "seized a town" or "seized weapons",
"released a statement" is no event), then merging of triggers that report the same event
("killed in a blast" is one event; "raided ... and captured ..." stays two).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import LEXICON, QUADS, Entry

VERB_POS = {"VERB", "AUX"}
NOUN_POS = {"NOUN", "PROPN"}
# nouns that name the people taking part, not the event: triggers only when nothing else is
AGENT_NOUNS = {"protester", "protestor", "demonstrator", "rioter", "attacker", "bomber", "hostage"}
DISASTER = {"earthquake", "quake", "flood", "flooding", "cyclone", "hurricane", "typhoon", "storm",
            "landslide", "tsunami", "drought", "wildfire", "lightning", "avalanche", "covid-19",
            "covid", "coronavirus", "virus", "pandemic", "epidemic", "disease", "cholera", "outbreak",
            "accident", "crash", "collapse", "derail", "heatwave", "blaze", "fire", "stampede",
            "leak", "spill", "rain", "snow", "eruption", "volcano", "tornado", "infection",
            "boiler", "furnace", "factory", "plant", "warehouse", "transformer", "cylinder", "refinery",
            "reactor", "tanker", "firework", "fireworks", "short-circuit", "mishap", "derailment"}
ATTACK_WORDS = {"attack", "bomb", "bomber", "militant", "terrorist", "ied", "suicide", "gunman", "insurgent",
                "responsibility", "rebel", "jihadist", "airstrike", "shelling", "explosive", "grenade"}
HQ_WORDS = {"base", "headquarters", "camp", "outpost", "post", "point", "barracks", "position", "checkpoint",
            "garrison", "office", "hq", "station"}
SOFT_VIOLENCE = {"kill", "die", "injure", "wound", "hurt", "destroy", "burn", "displace", "flee",
                 "evacuate", "strike", "explode", "explosion", "blast", "hit"}
PLACE_WORDS = {"town", "city", "village", "base", "district", "area", "territory", "hill", "airport",
               "checkpoint", "control", "region", "province", "camp", "outpost", "position",
               "neighbourhood", "neighborhood", "suburb", "bridge", "port", "road", "highway",
               "building", "headquarters", "compound", "county", "locality", "border", "crossing",
               "island", "stronghold", "bastion", "valley", "oilfield", "field", "mountain",
               "settlement", "capital", "garrison", "post", "station", "enclave", "pocket", "parts",
               "part", "areas", "municipality", "hamlet"}
WEAPON_WORDS = {"weapon", "arm", "ammunition", "explosive", "bomb", "ied", "rifle", "gun", "grenade",
                "rocket", "missile", "drone", "mine", "cache", "drug", "heroin", "cocaine",
                "detonator", "vehicle", "truck", "car", "device", "consignment", "shell", "mortar",
                "pistol", "firearm", "cartridge", "round", "launcher", "tank", "boat", "ship",
                "material", "substance", "cannabis", "narcotic"}
PERSON_WORDS = {"people", "person", "man", "woman", "child", "prisoner", "detainee", "hostage",
                "captive", "soldier", "civilian", "militant", "suspect", "activist", "journalist",
                "student", "member", "leader", "worker", "official", "fighter", "rebel", "protester",
                "youth", "boy", "girl", "villager", "resident", "farmer", "sailor", "crew",
                "policeman", "officer", "trooper", "migrant", "refugee", "inmate", "captive",
                "teacher", "doctor", "priest", "tourist", "national", "citizen", "others", "opponent"}
AGREEMENT_WORDS = {"agreement", "deal", "accord", "treaty", "pact", "memorandum", "ceasefire",
                   "truce", "mou", "protocol", "declaration", "contract", "armistice", "settlement"}
LABOUR = {"worker", "union", "employee", "teacher", "staff", "nurse", "doctor", "wage", "pay",
          "salary", "driver", "miner", "trader", "transporter", "lawyer", "general", "strike"}
AIR = {"air", "drone", "aerial", "missile", "rocket", "artillery", "precision", "airstrike"}
FIRE_OBJECTS = {"spray", "pepper", "shot", "bullet", "round", "rocket", "missile", "shell", "mortar", "gas", "tear",
                "teargas", "weapon", "gun", "cannon", "pellet", "grenade", "salvo", "volley", "projectile"}
DEATH_CAUSES = {"injury", "wound", "gunshot", "bullet", "firing", "custody", "violence", "riot",
                "torture", "attack", "blast", "explosion", "shelling", "airstrike", "clash",
                "beating", "stab", "shooting", "assault", "bombing", "fighting", "police"}
TIME_WORDS = {"dawn", "night", "noon", "midnight", "dusk", "morning", "evening", "time", "once", "first"}
CONTROL_GAIN = {"overrun", "overran", "capture", "seize", "recapture", "retake", "regain", "liberate",
                "take", "storm", "free", "gain", "retook"}
CONTROL_LOSS = {"hand", "cede", "withdraw", "pull", "retreat"}


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

    @property
    def quad(self) -> str:
        return QUADS[self.type]

    @property
    def start(self) -> int:
        return min(t.idx for t in self.tokens)

    @property
    def end(self) -> int:
        return max(t.idx + len(t.text) for t in self.tokens)


def _lemma(t) -> str:
    return t.lemma_.lower()


def _pos_ok(entry: Entry, t) -> bool:
    if entry.pos == "V":
        return t.pos_ in VERB_POS
    if entry.pos == "N":
        return t.pos_ in NOUN_POS
    return t.pos_ in VERB_POS | NOUN_POS


def _child_match(entry: Entry, t):
    """The token that completes a phrase entry ("fire" for "open+fire"), or None."""
    for c in t.children:
        if _lemma(c) == entry.child or c.lower_ == entry.child:
            return c
        for g in c.children:           # "set up a base": up is prt, base dobj — both children
            if c.dep_ == "prep" and (_lemma(g) == entry.child):
                return g
    h = t.head
    if h.i != t.i and (_lemma(h) == entry.child or h.lower_ == entry.child) and t.dep_ in ("compound", "amod", "nmod"):
        return h
    return None


def _objects(t) -> list:
    """Direct objects, passive subjects and 'of'/'over' objects of a trigger."""
    out = []
    for c in t.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr"):
            out.append(c)
            out.extend(x for x in c.conjuncts)
        if c.dep_ == "prep" and c.lower_ in ("of", "over"):
            out.extend(g for g in c.children if g.dep_ == "pobj")
        if c.dep_ == "prt":
            for cc in c.children:
                if cc.dep_ == "pobj":
                    out.append(cc)
    if t.dep_ == "acl" and t.tag_ == "VBN":      # "weapons seized in the raid"
        out.append(t.head)
    return out


def _kind_of_object(obj) -> str:
    low = _lemma(obj)
    if obj.ent_type_ in ("GPE", "LOC", "FAC") or low in PLACE_WORDS:
        return "place"
    if obj.ent_type_ in ("PERSON", "NORP") or low in PERSON_WORDS or obj.lower_ in ("them", "him", "her"):
        return "person"
    if low in WEAPON_WORDS or obj.ent_type_ == "PRODUCT":
        return "thing"
    for c in obj.children:
        if c.dep_ == "compound" and _lemma(c) in WEAPON_WORDS:
            return "thing"
    if obj.ent_type_ in ("ORG",):
        return "person"
    return "other"


def _disambiguate(t, entries: list[Entry], sent_lemmas: set) -> tuple[Entry, str, str | None, int, list] | None:
    """Choose one reading for a token (or None: not an event here)."""
    low = _lemma(t)
    phrase = [(e, c) for e in entries if e.child and _pos_ok(e, t) and (c := _child_match(e, t)) is not None]
    if phrase:
        e, c = max(phrase, key=lambda x: x[0].strength)
        if e.lemma == "set" and e.child == "up" and not any(
                _lemma(x) in HQ_WORDS for o in _objects(t) for x in [o]):
            return None
        return e, e.type, e.mode, e.strength, [c]
    plain = [e for e in entries if not e.child and _pos_ok(e, t)]
    if not plain:
        return None
    e = max(plain, key=lambda x: x.strength)
    typ, mode, strength = e.type, e.mode, e.strength
    kids = {_lemma(c) for c in t.children}
    objs = _objects(t)
    okinds = {_kind_of_object(o) for o in objs}

    if low in SOFT_VIOLENCE and sent_lemmas & DISASTER and not sent_lemmas & (DEATH_CAUSES | ATTACK_WORDS) - {
            "police", "blast", "explosion"}:
        return None
    if low in ("establish", "set") and not any(_lemma(o) in HQ_WORDS for o in objs):
        return None
    if low in ("discover", "find", "uncover") and "thing" not in okinds:
        return None
    if low == "free" and "place" in okinds:
        return e, "ASSAULT", None, 3, []
    if low == "free":
        return None
    if low == "strike":
        if t.pos_ in NOUN_POS:
            if kids & AIR or any(_lemma(c) in AIR for c in t.lefts):
                return e, "ASSAULT", "aerial", 3, []
            if "hunger" in kids:
                return e, "PROTEST", "hunger", 3, []
            if sent_lemmas & LABOUR or t.head.lemma_ in ("go", "call", "launch") and t.dep_ == "pobj":
                return e, "PROTEST", "strike", 2, []
            return e, "ASSAULT", None, 1, []
        if t.pos_ in VERB_POS and not (sent_lemmas & {"bomb", "missile", "rocket", "drone", "attack", "gunman",
                                                       "militant", "airstrike", "jet", "aircraft", "warplane",
                                                       "explosive", "shell", "force", "troops"}):
            return None
    if low == "drop" and not {_lemma(x) for o in objs for x in o.subtree} & (
            {"bomb", "barrel", "chlorine", "gas", "explosive", "munition", "leaflet"} - {"leaflet"}):
        return None
    if low == "drop":
        return e, "ASSAULT", "aerial", 2, []
    aimed = any(c.dep_ == "prep" and c.lower_ in ("on", "at", "upon", "into") and any(
        g.ent_type_ not in ("TIME", "DATE") and _lemma(g) not in TIME_WORDS for g in c.children) for c in t.children)
    if low == "fire" and not (aimed or any(
            _lemma(x) in FIRE_OBJECTS for o in objs for x in o.subtree)):
        return None
    if low == "hold" and not ({_lemma(x) for x in t.subtree} & {"custody", "captive", "hostage", "incommunicado"}):
        return None
    if low == "hostage" and t.head.lemma_ in ("take", "hold"):
        return e, "ASSAULT", "abduct", 3, []
    if low == "die" and not ({_lemma(x) for x in t.subtree} & DEATH_CAUSES):
        return None
    if low in ("release", "free") and not (okinds & {"person"}):
        return None
    if low == "sign" and not any(_lemma(o) in AGREEMENT_WORDS for o in objs):
        return None
    if low == "deal" and not (kids & {"peace", "ceasefire", "truce", "sign", "reach"} or t.head.lemma_ in ("sign", "reach", "strike")):
        return None
    if low in ("talk",) and t.text.lower() != "talks":
        return None
    if low == "block" and not sent_lemmas & {"protester", "protest", "demonstrator", "villager", "resident"}:
        return None
    if low in ("capture", "seize"):
        if "place" in okinds:
            return e, "ASSAULT", None, 3, []
        if "person" in okinds:
            return e, "COERCE", "arrest", 2, []
        if "thing" in okinds:
            return e, "COERCE", "seize", 2, []
        return e, "COERCE", "seize", 1, []
    if low == "storm" and not ("place" in okinds or t.pos_ in VERB_POS and objs):
        return None
    if low in ("recover", "intercept") and "thing" not in okinds:
        return None
    if low in ("march", "rally") and t.pos_ in NOUN_POS and t.head.lemma_ in ("stage", "hold", "take", "organise",
                                                                             "organize", "join", "lead"):
        strength = 3
    if low == "back" and not objs:
        return None
    if low in ("hand", "pull") and "place" not in okinds and low == "hand":
        return None
    if low == "deploy" and t.tag_ == "VBN" and t.dep_ == "acl":
        return None                # "troops deployed in the area" describes, does not report
    if low == "missile" or low == "rocket" or low == "mortar":
        if t.dep_ == "compound" and _lemma(t.head) in ("strike", "attack", "fire", "barrage", "launcher"):
            return None
        if not sent_lemmas & {"fire", "hit", "land", "strike", "kill", "injure", "wound", "target", "slam",
                              "rain", "attack", "damage", "destroy", "fall", "shell"}:
            return None
    if low == "shell" and t.pos_ not in VERB_POS:
        return None
    if low in ("visit",) and t.pos_ in NOUN_POS and t.dep_ == "compound":
        return None
    if low == "protest" and t.pos_ in NOUN_POS and t.dep_ == "pobj" and t.head.lower_ == "in" and t.head.head.lemma_ in (
            "resign", "quit", "boycott"):
        strength = 1
    return e, typ, mode, strength, []


def _control(t, typ: str) -> str | None:
    low = _lemma(t)
    if typ == "ASSAULT" and low in CONTROL_GAIN:
        if low in ("take", "gain"):  # "took control of", "took over", "gained ground"
            return "gain"
        okinds = {_kind_of_object(o) for o in _objects(t)}
        if "place" in okinds or low in ("overrun", "overran", "recapture", "retake", "retook", "liberate", "regain", "free"):
            return "gain"
    if typ == "RETREAT" and low in CONTROL_LOSS:
        okinds = {_kind_of_object(o) for o in _objects(t)}
        frm = [g for c in t.children if c.dep_ == "prep" and c.lower_ == "from" for g in c.children]
        if "place" in okinds or any(_kind_of_object(g) == "place" for g in frm) or low == "cede":
            return "loss"
    return None


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


MATERIAL = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "SANCTION"}


def _rank(tr: Trigger) -> tuple:
    specific = tr.mode is not None and tr.mode not in ("demo",)
    return (tr.strength, tr.entry.lemma not in AGENT_NOUNS, specific, tr.token.pos_ in VERB_POS)


def find_triggers(sent) -> list[Trigger]:
    """Event triggers in one sentence (a spaCy Span), one per event, in text order."""
    lemmas = {_lemma(t) for t in sent} | {t.lower_ for t in sent}
    found: list[Trigger] = []
    used: set[int] = set()
    for t in sent:
        if t.lower_ in ("sit", "die") and t.i + 2 < sent.end and t.nbor(1).text == "-" and t.nbor(2).lower_ == "in":
            e = LEXICON["sit-in"][0]
            found.append(Trigger(t, e, e.type, e.mode, 3, tokens=[t, t.nbor(1), t.nbor(2)], cues={"sit-in"}))
            used.update((t.i, t.i + 1, t.i + 2))
            continue
        if t.i in used or t.is_stop and _lemma(t) not in LEXICON:
            continue
        entries = LEXICON.get(_lemma(t)) or LEXICON.get(t.lower_)
        if not entries:
            continue
        got = _disambiguate(t, entries, lemmas)
        if got is None:
            continue
        e, typ, mode, strength, extra = got
        if any(x.i in used for x in extra):
            continue
        tr = Trigger(t, e, typ, mode, strength, tokens=[t, *extra], cues={_lemma(t)})
        tr.control = _control(t, typ)
        used.update(x.i for x in tr.tokens)
        found.append(tr)
    # agent nouns ("protesters") only stand for an event when nothing else in the sentence does
    if any(f.entry.lemma not in AGENT_NOUNS for f in found):
        agents = [f for f in found if f.entry.lemma in AGENT_NOUNS]
        found = [f for f in found if f.entry.lemma not in AGENT_NOUNS]
        for a in agents:
            best = min(found, key=lambda f: _dist(a.token, f.token)[0])
            best.cues.add(a.entry.lemma)
    return _merge(found)


def _mergeable(a: Trigger, b: Trigger) -> bool:
    d, through_conj = _dist(a.token, b.token)
    if through_conj or d > 2:
        return False
    if a.type == b.type:
        return True
    if min(a.strength, b.strength) == 1:
        return True
    return a.type in MATERIAL and b.type in MATERIAL


def _merge(found: list[Trigger]) -> list[Trigger]:
    merged = True
    while merged and len(found) > 1:
        merged = False
        for i in range(len(found)):
            for j in range(i + 1, len(found)):
                a, b = found[i], found[j]
                if _mergeable(a, b):
                    keep, drop = (a, b) if _rank(a) >= _rank(b) else (b, a)
                    keep.cues |= drop.cues
                    if keep.mode is None and drop.mode is not None and drop.type == keep.type:
                        keep.mode = drop.mode
                    keep.control = keep.control or drop.control
                    keep.tokens = keep.tokens  # the kept trigger's own words stay its span
                    found = [f for f in found if f is not drop]
                    merged = True
                    break
            if merged:
                break
    return sorted(found, key=lambda f: f.token.i)
