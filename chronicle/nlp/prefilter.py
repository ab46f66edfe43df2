"""Spend the parse where events are.

Most of a news report's sentences cannot hold an event of interest: background, quotes about
feelings, weather, the reporter's context. A cheap test on the raw words decides which sentences
may hold one — a trigger word stem (every PLOVER type's verbs and event nouns) or a casualty /
displacement noun — and only those get spaCy's tagger, parser and NER. The other sentences are
tokenized only, so offsets and sentence boundaries still cover the whole article.

`split_chunks(text)` cuts the text into sentence-sized chunks that together are exactly the text;
`may_hold_event(chunk)` is the test. `chronicle eval prefilter` measures the test's recall on the
gold event sentences of the development sets and the share of sentences it skips.
"""
from __future__ import annotations

import re
from functools import lru_cache

# Word stems (matched at a word start, case-insensitive; "held=" only as a whole word). Broad on purpose: a false keep costs a
# parse, a false skip costs an event. Grouped by PLOVER type for review.
STEMS: dict[str, tuple[str, ...]] = {
    "ASSAULT": ("attack", "assault", "kill", "slain", "slay", "murder", "massacre", "shot", "shoot", "gunfire",
                "gunm", "gunshot", "fired", "firing", "opened fire", "bomb", "blast", "explo", "detonat",
                "shell", "mortar", "rocket", "missile", "airstrike", "air strike", "air raid", "drone",
                "strike", "struck", "ied=", "ieds=", "landmine", "mine=", "mines=", "grenade", "suicide", "ambush", "raid",
                "stab", "behead", "executed", "execution", "executing", "lynch", "beat", "torture", "rape", "sexual", "abduct", "kidnap",
                "hostage", "disappear", "burn", "torch", "set fire", "set ablaze", "loot", "destroy",
                "demolish", "vandal", "injur", "wound", "hurt", "dead=", "deadly", "death", "die=", "dies=", "died", "dying",
                "casualt", "fatalit", "bodies", "body of", "corpse", "victim", "toll", "chemical", "gas=",
                "sarin", "chlorine", "artillery", "bombard", "violence", "violent", "assassin",
                "massacr", "machete", "target", "blown", "carnage", "atrocit", "terror", "ston", "set alight",
                "alight", "fire=", "fires=", "crime", "conflict", "arson", "baton", "blew up", "blow up", "gunned down",
                "gunfight", "lathi", "molest", "pound=", "pounded", "pounding", "ransack", "slaughter", "violat", "went off", "gone off",
                "goes off"),
    "FIGHT": ("clash", "fight", "fought", "battle", "combat", "offensive", "counteroffensive", "skirmish",
              "overr", "overran", "captur", "seiz", "retook", "retake", "recaptur", "took control",
              "take control", "taken control", "control of", "fell to", "fall of", "fallen", "liberat",
              "advance", "regain", "wrest", "gained ground", "took over", "taken over", "take over", "takes over", "storm", "besieg", "siege", "encircl", "occup", "invade", "invasion", "exchange of fire",
              "firefight", "insurrection", "uprising"),
    "PROTEST": ("protest", "demonstrat", "march", "rally", "rallie", "sit-in", "strike", "walkout",
                "boycott", "riot", "unrest", "hunger strike", "blockad", "barricad", "picket",
                "tear gas", "teargas", "rubber bullet", "water cannon", "disperse", "crowd",
                "chant", "occupied", "mob=", "mobs=", "gather", "striking", "go-slow", "placard", "surround",
                "downed tools", "stayaway", "stay-away"),
    "COERCE": ("arrest", "detain", "detention", "custody", "held=", "jail", "imprison", "rounded up",
               "raid", "curfew", "martial law", "state of emergency", "ban=", "bans=", "banned", "banning",
               "censor", "prohibit", "shoot-at-sight", "blocked", "blocking", "shut down", "shutdown", "suspend", "deport", "expel", "evict", "confiscat", "restrict", "crackdown",
               "crack down", "apprehend", "nab", "outlaw", "intercept", "uncover", "impos", "booked", "caught", "cordon", "disinformation", "cyber", "hacked", "hacking", "hacker", "internet"),
    "MOBILIZE": ("mobiliz", "mobilis", "deploy", "reinforce", "dispatch", "massed", "massing", "build-up",
                 "buildup", "alert",
                 "conscript", "recruit", "station", "posted", "rushed", "patrol", "flag march", "flag-march"),
    "SANCTION": ("sanction", "convict", "sentenc", "fined", "embargo", "freez", "sever", "cut ties",
                 "recall", "expel", "withdr", "suspend", "suspension", "tariff", "penalt", "guilty", "withh", "cancel",
                 "sack", "fine=", "fines=", "punish"),
    "THREATEN": ("threat", "warn", "ultimatum", "vow", "menac", "intimidat"),
    "REJECT": ("disagree", "reject", "refus", "refut", "oppos", "deni", "deny", "veto", "dismiss", "defy", "defied", "rubbish",
               "rebuff", "spurn", "turn down", "turned down", "turns down", "turning down"),
    "ACCUSE": ("accus", "condemn", "denounc", "criticis", "criticiz", "blame", "allege", "investigat",
               "probe", "inquiry", "lawsuit", "sued", "sue=", "sues=", "suing", "charg", "disapprov", "protest",
               "slam", "lambast", "castigat", "flay", "chid", "rebuk", "reprimand", "deplor", "decr", "censur",
               "condemnation", "criticism", "alleg", "singl"),
    "REQUEST": ("request", "demand", "call for", "called for", "calls for", "call on", "called on",
                "calls on", "urge", "appeal", "asked", "asks=", "plead", "pressed", "pressure", "insist", "call upon",
                "called upon", "calls upon", "plea", "implor", "petition", "exhort"),
    "AGREE": ("agree", "agreement", "accord", "deal", "treaty", "sign", "pact", "truce", "ceasefire",
              "cease-fire", "peace", "settle", "accept", "memorandum"),
    "CONSULT": ("meet", "met=", "meeting", "talks", "talked", "visit", "summit", "hosted", "consult",
                "negotiat", "discuss", "phoned", "phone call", "telephone", "mediat", "envoy", "delegation", "confer",
                "conven"),
    "SUPPORT": ("support", "praise", "endorse", "welcome", "backed", "commend", "congratulat", "recogni",
                "solidarity", "apolog", "hail", "applaud", "laud"),
    "CONCEDE": ("concede", "concession", "admit", "apolog", "yield", "compromise", "eased", "lifted"),
    "COOPERATE": ("cooperat", "co-operat", "pledge", "joint", "alliance", "allied", "partnership", "coordinat",
                  "exchange"),
    "AID": ("aid=", "aids=", "aided", "assistance", "relief", "humanitarian", "donat", "deliver", "convoy",
            "supplies", "shelter", "evacuat", "rescue", "funding", "granted", "loan"),
    "RETREAT": ("withdr", "retreat", "pull out", "pulled out", "pull back", "pulled back", "releas",
                "freed", "disarm", "surrender", "resign", "step down", "stepped down", "hand over",
                "handed over", "reopen", "lifted", "armistice", "cede", "ceded", "ceding", "called off", "calls off",
                "defus", "extradit", "defect"),
    "DISPLACE": ("fled", "flee", "displac", "refugee", "migrant", "evacu", "exodus", "uproot",
                 "homeless", "camp=", "camps=", "asylum", "sought shelter", "forced from", "left their homes"),
}


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    stems = sorted({s for group in STEMS.values() for s in group}, key=len, reverse=True)
    # "held=": the whole word only; other stems match at a word's start ("attack" → "attackers")
    alternation = "|".join(re.escape(s[:-1]) + "(?![A-Za-z])" if s.endswith("=") else re.escape(s)
                           for s in stems)
    return re.compile(rf"(?<![A-Za-z])(?:{alternation})", re.IGNORECASE)


def may_hold_event(chunk: str) -> bool:
    """True when the chunk has a trigger stem: it gets the full parse."""
    return _pattern().search(chunk) is not None


# Sentence-sized chunks: cut after . ! ? (and a closing quote or bracket) followed by whitespace and
# an upper-case letter, digit or opening quote — but not after common abbreviations or initials —
# and at every blank line. Every character of the text belongs to exactly one chunk.
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Cpl|Gov|Sen|Rep|Rev|St|Mt|Ft|No|Nos|Jan|Feb|Mar|"
    r"Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Corp|Ltd|Co|vs|etc|approx|est|Brig|Adm|Cmdr|Pres|Sr|Jr)"
    r"|\b[A-Z]|\b(?:[A-Z]\.){1,3}[A-Z])\.$")
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*(\s+)(?=[\"“‘(A-Z0-9])|\n\s*\n\s*|\n(?=\s*[-•*])")


def split_chunks(text: str) -> list[str]:
    """Cut `text` into sentence-sized chunks; "".join(chunks) == text."""
    chunks: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        head = text[start:m.start() + 1]
        if m.group(1) is not None and _ABBREV.search(head.rstrip("\"'”’)]")):
            continue
        if end > start:
            chunks.append(text[start:end])
            start = end
    if start < len(text):
        chunks.append(text[start:])
    return chunks
