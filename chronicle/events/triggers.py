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
            "reactor", "tanker", "firework", "fireworks", "short-circuit", "mishap", "derailment",
            "cooking", "industrial", "plunge", "capsize"}
ATTACK_WORDS = {"attack", "bomb", "bomber", "militant", "terrorist", "ied", "suicide", "gunman", "insurgent",
                "responsibility", "rebel", "jihadist", "airstrike", "shelling", "explosive", "grenade"}
HQ_WORDS = {"base", "airbase", "barrack", "headquarters", "camp", "outpost", "post", "point", "barracks", "position", "checkpoint",
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
# arms proper (not vehicles or drugs), looked for anywhere inside what was found
ARMS = {"weapon", "arm", "ammunition", "explosive", "bomb", "ied", "rifle", "gun", "grenade", "rocket", "missile",
        "mine", "cache", "detonator", "mortar", "pistol", "firearm", "cartridge", "launcher"}
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
STRIKE_HITS = {"hit", "kill", "destroy", "target", "wound", "injure", "damage", "land", "flatten", "level", "strike",
               "slam", "pound", "raze"}
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
                "take", "storm", "free", "gain", "retook", "wrest"}
CONTROL_LOSS = {"hand", "cede", "withdraw", "pull", "retreat"}
# what aid, restrictions and the like are made of: the objects that make 'provide', 'lift' ... events
AID_THINGS = {"aid", "assistance", "support", "supply", "food", "medicine", "weapon", "arm", "equipment",
              "training", "fund", "funding", "loan", "grant", "tent", "vaccine", "relief", "firearm", "team",
              "expert", "drug", "money", "shelter", "asylum", "ammunition", "vehicle", "helicopter", "aircraft",
              "blanket", "water", "donation", "contribution", "package", "dollar", "million", "billion",
              "doctor", "rescuer", "plane", "ship", "fuel", "grain", "rice", "flour", "kit", "help"}
RESTRICTIONS = {"sanction", "ban", "restriction", "blockade", "embargo", "curfew", "siege", "emergency",
                "lockdown", "tariff", "moratorium", "boycott", "closure", "limit", "freeze"}
REVERSERS = {"suspension", "cut", "reduce", "withhold", "freeze", "reduction", "halt", "lift", "ease", "remove", "end", "relax", "scrap", "drop", "repeal", "rescind", "revoke",
             "loosen", "suspend", "cancel", "call", "halt", "stop", "break", "violate", "accept", "fail"}
DISSENT = {"strike", "protest", "boycott", "blockade", "sit-in", "hunger", "demonstration", "agitation",
           "siege", "walkout"}
DIPLOMACY = {"visit", "talk", "meeting", "trip", "summit", "negotiation", "agreement", "deal", "contract",
             "cooperation", "relation", "tie", "program", "programme", "mission"}
ABSTRACT_FOES = {"epidemic", "disease", "cause", "corruption", "poverty", "crime", "fire", "climate", "virus",
                 "pandemic", "inflation", "hunger", "trafficking", "racism", "discrimination", "malaria", "ebola",
                 "cancer", "unemployment", "illiteracy", "impunity", "wildfire", "blaze", "change", "charge",
                 "case", "battle", "election", "injustice", "tb", "hiv", "aids", "covid-19", "coronavirus"}
LABELLING = {"describe", "call", "term", "label", "brand", "characterize", "characterise", "consider", "regard",
             "denounce", "condemn", "classify", "see", "view", "treat"}
ABSTRACT_SUBJECTS = {"violence", "fighting", "crisis", "situation", "conflict", "war", "move", "decision", "plan",
                     "policy", "law", "bill", "shortage", "drought", "flood", "disease", "outbreak", "escalation",
                     "unrest", "tension", "offensive", "attack", "it", "this", "that", "cut", "rise", "fall",
                     "storm", "fire", "virus", "pandemic", "inflation", "change", "development", "trend", "spread"}
ACCUSATIONS = {"charge", "accusation", "allegation", "claim", "report", "responsibility", "involvement",
               "rumour", "rumor", "speculation", "suggestion"}
MILITARY_THINGS = {"force", "troops", "troop", "presence", "army", "military", "deployment", "position",
                   "defense", "defence", "garrison", "border", "patrol", "security"}
LEGAL = {"court", "prosecutor", "crime", "terrorism", "murder", "corruption", "fraud", "offence", "offense",
         "sedition", "treason", "charge", "judge", "police", "indictment", "trial", "case", "law"}
MONTHS = {"March", "May"}
# support offered or voiced: the noun is the event ("offered Iraq its support", "expressed solidarity")
BACKING = {"support", "backing", "solidarity"}
BACKING_GIVEN = {"offer", "pledge", "express", "voice", "extend", "reaffirm", "declare", "give", "lend", "promise",
                 "announce", "reiterate", "affirm"}
HELP_NOUNS = {"help", "aid", "assistance", "cooperation", "partner", "partnership", "coalition", "alliance", "effort",
              "role", "ally"}


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


PARTICLES = {"up", "off", "on", "for", "down", "out", "over", "back", "into", "in"}


def _child_match(entry: Entry, t):
    """The token that completes a phrase entry ("fire" for "open+fire"), or None."""
    for c in t.children:
        if entry.child in PARTICLES and not 0 < c.i - t.i <= 3:
            continue                # "On Nov. 2, X called Y": a fronted "on" is no "call on"
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

    head = _lemma(t.head) if t.head.i != t.i else ""
    if t.pos_ in NOUN_POS and t.dep_ == "pobj" and t.head.lower_ == "as" and _lemma(t.head.head) in LABELLING:
        return None                 # "describing it as a terrorist attack": a label, not a new event
    if e.type == "SUPPORT" and (t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "WORK_OF_ART", "LAW", "EVENT") or (
            t.text[:1].isupper() and t.i > t.sent.start and t.nbor(-1).text[:1].isupper() | (t.nbor(-1).lower_ == "to"))):
        return None                 # "the Group to Support Islam and Muslims" is a name
    if low in BACKING and t.pos_ in NOUN_POS and t.dep_ == "dobj" and head in BACKING_GIVEN:
        sup = LEXICON["support"]
        return next(x for x in sup if x.pos == "N"), "SUPPORT", None, 2, [t.head]   # "offer Iraq its support"
    if low in ("fight", "fighting", "battle", "combat") and t.dep_ in ("pcomp", "pobj") and t.head.lower_ in (
            "in", "against", "for") and _lemma(t.head.head) in BACKING | HELP_NOUNS:
        return None                 # "support in fighting a common enemy": the fight is what the help is for
    if e.type == "SUPPORT" and (t.dep_ == "relcl" or t.dep_ in ("advcl", "xcomp", "pcomp", "acl") and (
            any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) or head in ("accuse", "of"))):
        return None                 # "which backs the government", "deployed to support", "accused of supporting"
    if low == "threat" and t.pos_ in NOUN_POS and head not in ("issue", "make", "repeat", "carry", "renew", "utter"):
        return None                 # "confront the threat" names a danger; a threat made is an event
    if low == "threaten" and any(c.dep_ == "nsubj" and _lemma(c) in ABSTRACT_SUBJECTS for c in t.children):
        return None                 # "the violence threatened to undo progress"
    # a restriction lifted, a strike called off, aid suspended, a visit cancelled, a ceasefire
    # violated: the governing verb is the event, the noun is only its object
    if t.pos_ in NOUN_POS and t.dep_ in ("dobj", "nsubjpass", "pobj") and head in REVERSERS and (
            low in RESTRICTIONS | DISSENT | DIPLOMACY | {"aid", "ceasefire", "truce", "armistice", "demand",
                                                       "request", "cease-fire"}):
        return None
    if t.dep_ == "compound" and low in ("aid", "strike", "protest", "sanction", "visit") and _lemma(t.head) in (
            "worker", "group", "agency", "organization", "organisation", "official", "convoy", "package",
            "committee", "leader", "regime", "list"):
        return None                 # "aid workers", "strike committee": a noun modifier, no event
    if t.pos_ in NOUN_POS and t.dep_ == "pobj" and t.head.head.i != t.head.i and (
            _lemma(t.head.head) in REVERSERS and t.head.lower_ in ("of", "to", "on") and low in {"aid", "assistance"}):
        return None                 # "a suspension of aid": the suspension is the event
    if low in ("fight", "fighting", "battle") and (
            {_lemma(x) for o in objs for x in o.subtree} | {_lemma(g) for c in t.children if c.dep_ == "prep"
                                                             and c.lower_ == "against" for g in c.children}) & ABSTRACT_FOES:
        return None                 # fighting an epidemic, corruption, a fire
    if low == "agree" and "with" in {c.lower_ for c in t.children} and not any(
            c.dep_ in ("xcomp", "ccomp") or c.lower_ in ("to", "on") for c in t.children):
        return None                 # "agree with the recommendation" is an opinion
    if low in ("mobilize", "mobilise") and {_lemma(x) for o in objs for x in o.subtree} & {
            "fund", "money", "resource", "support", "aid", "assistance", "donor", "dollar", "million", "billion"}:
        return e, "AID", None, 2, []
    if low in ("deploy", "deployment"):
        olem = {_lemma(x) for o in objs for x in o.subtree} | {_lemma(x) for c in t.children if c.dep_ == "prep"
                                                                and c.lower_ == "of" for x in c.subtree}
        if olem & {"observer", "monitor", "rescue", "rescuer", "doctor", "medic", "expert", "volunteer",
                   "search-and-rescue", "inspector"} and not olem & (MILITARY_THINGS | {"soldier", "police", "marine"}):
            return e, "AID", None, 2, []
    if e.strength == 1 and t.dep_ in ("xcomp", "ccomp", "advcl") and any(
            x.type in ("REQUEST", "THREATEN", "REJECT") for x in LEXICON.get(head, ())):
        return None                 # "pressed parliament to declare ...": what is asked for has not happened
    if low == "declare" and not {_lemma(x) for o in objs for x in o.subtree} & {"siege", "emergency", "curfew", "martial"}:
        return None
    if low == "impose" and not {_lemma(x) for o in objs for x in o.subtree} & RESTRICTIONS:
        return None
    if low == "seek" and not {_lemma(x) for o in objs for x in o.subtree} & AID_THINGS:
        return None
    if low == "appeal" and t.pos_ in NOUN_POS and not {_lemma(x) for x in t.subtree} & AID_THINGS:
        return None
    if low in ("provide", "give", "send", "deliver"):
        olem = {_lemma(x) for o in objs for x in o.subtree} | {_lemma(x) for c in t.children if c.dep_ == "dative"
                                                                for x in c.subtree}
        if low == "send" and olem & {"troops", "troop", "soldier", "force", "warship", "reinforcement"}:
            return e, "MOBILIZE", "troops", 2, []
        if not olem & AID_THINGS:
            return None
    if low in ("lift", "ease") and not any(_lemma(x) in RESTRICTIONS for o in objs for x in o.subtree):
        return None
    if low in ("lift", "ease"):
        return e, "RETREAT", None, 2, []
    if low == "return" and not (objs and okinds & {"person", "thing", "other"} and "place" not in okinds):
        return None
    if low == "train" and not (okinds & {"person"} or {_lemma(x) for o in objs for x in o.subtree} & MILITARY_THINGS):
        return None
    if low == "receive" and not (okinds & {"person"} and any(o.ent_type_ in ("PERSON", "NORP", "ORG") or any(
            x.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for x in o.subtree) for o in objs)):
        return None
    if low == "discussion" and head not in ("hold", "have", "begin", "start", "open", "conduct", "resume"):
        return None
    if low == "charge" and not ("with" in {c.lower_ for c in t.children} or sent_lemmas & LEGAL - {"police"}):
        return None
    if low == "warning" and head not in ("issue", "give", "send", "deliver", "sound"):
        return None
    if low in ("strengthen", "reinforce") and not {_lemma(x) for o in objs for x in o.subtree} & MILITARY_THINGS:
        return None
    if low == "end" and not any(_lemma(o) in DISSENT for o in objs):
        return None
    if low == "call" and e.child == "off" and not any(_lemma(o) in DISSENT | DIPLOMACY for o in objs):
        return None
    if low == "accept" and not any(_lemma(o) in {"demand", "request", "proposal", "offer", "condition", "term",
                                                 "plan", "ceasefire", "truce", "invitation"} for o in objs):
        return None
    if low == "violate" and not any(_lemma(x) in {"ceasefire", "truce", "agreement", "armistice", "airspace",
                                                  "cease-fire", "accord", "border"} for o in objs for x in o.subtree):
        return None
    if low in ("cancel", "suspension", "suspend", "cut", "reduce", "withhold", "freeze") and t.pos_ in (VERB_POS if low != "suspension" else NOUN_POS):
        olem = {_lemma(x) for o in objs for x in o.subtree}
        if not olem & (DIPLOMACY | AID_THINGS | {"aid", "assistance", "flight", "trade", "export", "import", "membership"}):
            return None
    if low in ("deny", "reject", "refute") and any(_lemma(o) in ACCUSATIONS for o in objs):
        return None                 # denying an accusation is a statement, not a refusal (PLOVER REJECT)
    if low in SOFT_VIOLENCE and sent_lemmas & DISASTER and not sent_lemmas & (DEATH_CAUSES | ATTACK_WORDS) - {
            "police", "blast", "explosion"}:
        return None
    # "established a number of barracks": the base may sit lower in the object
    if low in ("establish", "set") and not any(_lemma(x) in HQ_WORDS or x.lower_ in HQ_WORDS
                                               for o in objs for x in o.subtree):
        return None
    # "discovered an underground depot containing weapons": the weapons may sit lower in the object
    if low in ("discover", "find", "uncover") and "thing" not in okinds and not any(
            _lemma(x) in ARMS for o in objs for x in o.subtree):
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
            if t.dep_ == "nsubj" and _lemma(t.head) in STRIKE_HITS and not sent_lemmas & (LABOUR - {"strike"}):
                return e, "ASSAULT", "aerial", 2, []     # "the strikes hit a market": strikes from the air
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
        if low in ("take", "gain", "wrest"):  # "took control of", "took over", "gained ground"
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
        if t.text in MONTHS and (t.ent_type_ == "DATE" or t.pos_ == "PROPN"):
            continue                # "in late March" is a date, not a march
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
