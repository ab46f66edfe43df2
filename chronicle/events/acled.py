"""ACLED (event_type, sub_event_type) from a PLOVER reading plus cues in the sentence: weapon
words, who acts and on whom, protest context, control of territory. None where ACLED would not
code the event (diplomacy, crime, disasters, talk).
"""
from __future__ import annotations

BATTLES, REMOTE, VAC = "Battles", "Explosions/Remote violence", "Violence against civilians"
PROTESTS, RIOTS, SD = "Protests", "Riots", "Strategic developments"

SUBTYPES: dict[str, str] = {
    "Armed clash": BATTLES, "Government regains territory": BATTLES,
    "Non-state actor overtakes territory": BATTLES,
    "Chemical weapon": REMOTE, "Air/drone strike": REMOTE, "Suicide bomb": REMOTE,
    "Shelling/artillery/missile attack": REMOTE, "Remote explosive/landmine/IED": REMOTE, "Grenade": REMOTE,
    "Sexual violence": VAC, "Attack": VAC, "Abduction/forced disappearance": VAC,
    "Peaceful protest": PROTESTS, "Protest with intervention": PROTESTS,
    "Excessive force against protesters": PROTESTS,
    "Violent demonstration": RIOTS, "Mob violence": RIOTS,
    "Agreement": SD, "Arrests": SD, "Change to group/activity": SD, "Disrupted weapons use": SD,
    "Headquarters or base established": SD, "Looting/property destruction": SD,
    "Non-violent transfer of territory": SD, "Other": SD,
}

CHEMICAL = {"chemical", "chlorine", "sarin", "mustard", "toxic", "gas", "nerve", "poison", "poisonous", "vx",
            "phosphorus", "napalm"}
SUICIDE = {"suicide", "self-immolation", "martyrdom", "kamikaze"}
AIR = {"airstrike", "air", "drone", "warplane", "jet", "aircraft", "helicopter", "aerial", "air-strike",
       "airstrikes", "bomber", "plane", "uav", "sortie", "f-16", "su-24", "gunship", "raid", "chopper"}
GRENADE = {"grenade", "hand-grenade", "grenades"}
IED = {"ied", "roadside", "landmine", "mine", "explosive", "device", "car", "booby", "improvised",
       "vbied", "detonate", "remote", "remotely", "motorcycle", "parcel", "sticky", "magnetic", "bomb",
       "blast", "explosion", "explode", "bombing", "truck"}
SHELLING = {"shell", "shelling", "artillery", "mortar", "rocket", "missile", "howitzer", "bombard",
            "bombardment", "barrage", "projectile", "katyusha", "grad", "cannon", "tank", "pound",
            "launcher", "salvo"}
SEXUAL = {"rape", "gang-rape", "sexual", "sexually", "molest", "molestation", "harass", "harassment"}
ABDUCT = {"abduct", "abduction", "kidnap", "kidnapping", "hostage", "disappear", "disappearance",
          "abductor", "kidnapper", "captive", "missing"}
PROTEST_CUES = {"protest", "protester", "protestor", "demonstrator", "demonstration", "rally", "march",
                "sit-in", "demonstrate", "marcher", "agitation", "agitator", "strike", "picket"}
LETHAL = {"kill", "dead", "death", "live", "shoot", "bullet", "fire", "die", "killing", "gunfire",
          "massacre", "shot", "wound", "injure", "crush"}
INTERVENE = {"disperse", "tear", "teargas", "gas", "arrest", "detain", "baton", "lathi", "lathicharge",
             "water", "cannon", "rubber", "pellet", "stun", "scuffle", "break", "beat", "charge",
             "clash", "force", "police", "crackdown", "dispersal", "stop", "block", "prevent"}
VIOLENT_DEMO = {"riot", "rioter", "rioting", "stone", "rock", "throw", "pelt", "torch", "burn", "vandalise",
                "vandalize", "ransack", "clash", "violent", "smash", "loot", "petrol", "molotov", "set",
                "arson", "damage", "brick", "stone-pelting", "hurl", "block", "barricade", "tyre", "tire"}
MOB = {"mob", "lynch", "lynching", "vigilante", "crowd", "villager", "residents", "angry", "enrage",
       "irate", "communal", "sectarian", "rival", "group"}
ARMED = {"soldier", "troops", "troop", "army", "military", "militant", "rebel", "insurgent", "fighter",
         "force", "police", "policeman", "jihadist", "guerrilla", "militia", "militiaman", "gunman",
         "terrorist", "security", "officer", "checkpoint", "base", "convoy", "patrol", "post",
         "personnel", "battalion", "brigade", "unit", "commander", "jawan", "paramilitary", "isis",
         "taliban", "shabaab", "insurgency", "outpost", "garrison", "separatist", "naxal", "maoist"}
CIVILIAN = {"civilian", "villager", "resident", "worshipper", "student", "child", "woman", "farmer",
            "journalist", "teacher", "passenger", "pilgrim", "shopper", "family", "people", "man",
            "activist", "worker", "doctor", "nurse", "aid", "refugee", "market", "school", "hospital",
            "mosque", "church", "temple", "home", "house", "bus", "wedding", "funeral", "shop",
            "trader", "herder", "fisherman", "tourist", "priest", "imam", "politician", "candidate",
            "official", "leader", "chief", "councillor", "businessman", "elder", "girl", "boy", "migrant"}
CLASH = {"clash", "fighting", "battle", "fight", "gunfight", "firefight", "skirmish", "exchange",
         "shootout", "offensive", "encounter", "counter-attack", "counterattack", "combat", "repulse",
         "repel", "ambush"}
DESTROY = {"loot", "looting", "ransack", "destroy", "demolish", "burn", "torch", "arson", "vandalise",
           "vandalize", "vandalism", "set", "bulldoze", "raze", "damage", "plunder", "pillage", "steal"}
GOV_WORDS = {"army", "troops", "troop", "soldier", "military", "government", "police", "security",
             "force", "forces", "pro-government", "regime", "saa", "idf", "navy", "marine", "jawan",
             "battalion", "brigade", "commando", "authority", "fardc", "amisom", "coalition"}
NONSTATE_WORDS = {"militant", "rebel", "insurgent", "fighter", "jihadist", "isis", "isil", "is", "daesh",
                  "taliban", "shabaab", "al-shabaab", "houthi", "houthis", "militia", "guerrilla",
                  "separatist", "extremist", "terrorist", "group", "boko", "haram", "iswap", "hts",
                  "nusra", "pkk", "sdf", "ypg", "m23", "rsf", "hamas", "hezbollah", "wagner", "opposition",
                  "jnim", "aqim", "al-qaeda", "qaeda", "ansar", "maoist", "naxal", "ltte", "farc", "eln",
                  "gunman", "bandit", "anti-balaka", "seleka", "adf", "tigrayan", "tplf", "fano", "ulfa"}
AGREE_CUES = {"ceasefire", "truce", "agreement", "deal", "accord", "treaty", "pact", "peace", "exchange",
              "swap", "release", "surrender", "reconciliation", "memorandum", "armistice", "evacuation"}
GROUP_CHANGE = {"merge", "merger", "allegiance", "split", "splinter", "defect", "defection", "form",
                "formation", "new", "rename", "join", "recruit", "recruitment", "appoint", "leader",
                "dissolve", "disband", "faction", "unite", "alliance", "coalition"}
HQ = {"base", "airbase", "barrack", "barracks", "headquarters", "camp", "outpost", "office", "hq", "garrison",
      "position"}
# what a raid or destruction hits when it disrupts weapons use (ACLED: seizures, destroyed caches)
WEAPONS = {"weapon", "arm", "ammunition", "explosive", "ied", "rifle", "gun", "grenade", "rocket", "missile",
           "mine", "cache", "detonator", "device", "mortar", "pistol", "firearm", "cartridge", "launcher", "bomb"}
# a raid that ends in detentions or seizures, with no one hurt, is ACLED's arrests / disrupted weapons use
RAID = {"raid", "operation", "search", "crackdown", "swoop", "sweep"}
DETAIN = {"arrest", "detain", "apprehend", "nab", "custody", "take"}
SEIZE = {"seize", "confiscate", "recover", "seizure", "find", "discover", "uncover", "impound"}
HURT = {"kill", "dead", "death", "injure", "wound", "shoot", "shot", "fire", "clash", "die", "hurt", "gunfight"}
# fire and plunder, told apart from "destroyed" (which artillery and bombs also do)
BURN_LOOT = {"torch", "burn", "loot", "ransack", "arson", "vandalise", "vandalize", "plunder", "pillage", "steal",
             "set"}
BURNED_PEOPLE = {"victim", "people", "person", "man", "woman", "child", "civilian", "passenger", "villager",
                 "resident", "family", "girl", "boy", "worker", "farmer", "them", "him", "her", "traveller",
                 "traveler", "motorist", "driver", "worshipper", "student"}
EXPLOSIVE_NAMED = {"bomb", "explosive", "ied", "device", "blast", "explosion", "explode", "detonate", "vbied",
                   "bombing", "landmine", "mine", "bomber"}
IED_WEAK = {"car", "truck", "motorcycle", "vehicle", "roadside"}
UNOPPOSED = {"resistance", "fighting", "fight", "clash", "bloodshed", "firing", "gunshot", "battle"}
GOV_KINDS = {"GOV", "MIL", "POL"}
NONSTATE_KINDS = {"REB", "MIL_NS", "CRM"}
OUT_OF_SCOPE = {"CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT",
                "THREATEN", "SANCTION"}


VIOLENT_SIDE = {"riot", "rioter", "rioting", "pelt", "stone", "stone-pelting", "molotov", "petrol", "hurl", "throw",
                "barricade", "torch", "vandalise", "vandalize", "ransack", "smash", "loot", "aggressive", "violent",
                "slingshot", "firebomb", "brick", "rock", "arson", "storm",
                # clashes with the police and violence at a protest are the demonstrators' violence too
                # (ACLED: a violent demonstration is one where demonstrators engage in violence or disorder)
                "clash", "scuffle", "confrontation", "violence"}
# lethal or openly excessive force ("violently dispersed", "used excessive force", "brutally suppressed")
FORCE_LETHAL = {"kill", "dead", "death", "live", "bullet", "shoot", "shot", "massacre", "die", "violently",
                "excessive", "brutally"}
FORCE_SOFT = {"disperse", "tear", "teargas", "arrest", "detain", "baton", "lathi", "lathicharge", "cannon", "rubber",
              "pepper", "spray", "crackdown", "stop", "prevent", "break", "clash", "scuffle", "pepper-spray", "water"}


def protest_subtype(sent: set) -> str:
    """The ACLED sub-type of a protest from what the sentence says happened at it."""
    if sent & VIOLENT_SIDE:
        return "Violent demonstration"
    if sent & FORCE_LETHAL:
        return "Excessive force against protesters"
    if sent & FORCE_SOFT:
        return "Protest with intervention"
    return "Peaceful protest"


def _side(words: set, kinds: set) -> str | None:
    if kinds & GOV_KINDS:
        return "gov"
    if kinds & NONSTATE_KINDS:
        return "nonstate"
    if words & NONSTATE_WORDS:
        return "nonstate"
    if words & GOV_WORDS:
        return "gov"
    return None


def acled_type(typ: str, mode: str | None, *, cues: set, sent: set, trigger: str,
               subject: set = frozenset(), objects: set = frozenset(),
               source_kinds: set = frozenset(), target_kinds: set = frozenset(),
               control: str | None = None, talked_about: bool = False) -> tuple[str, str] | None:
    """(event_type, sub_event_type) for one event, or None when ACLED would not code it.

    `cues` are the trigger's own lemmas (merged triggers included), `sent` the sentence's lemmas,
    `subject`/`objects` the lemmas of the trigger's subject and object phrases.
    """
    def out(sub: str) -> tuple[str, str]:
        return SUBTYPES[sub], sub

    # talk about violence (a claim or denial of responsibility, an accusation) is not the violence
    if "responsibility" in sent and sent & {"claim", "deny", "accept", "bear"} or talked_about:
        return None
    protest_ctx = bool(sent & {"protester", "protestor", "demonstrator", "protest", "demonstration", "rally",
                               "rioter", "riot", "marcher", "sit-in"}) and not sent & {
        "militant", "rebel", "insurgent", "terrorist", "jihadist", "isis"}

    near = cues | objects | subject
    if typ == "ASSAULT":
        if control == "gain":
            if "without" in sent and sent & UNOPPOSED or "unopposed" in sent:
                return out("Non-violent transfer of territory")
            side = _side(subject, source_kinds)
            if side is None and trigger in ("retake", "retook", "recapture", "regain", "liberate"):
                side = "gov"
            if side is None:       # "seized from the MNDAA": whoever lost it tells who took it
                lost = _side(objects, target_kinds)
                side = {"gov": "nonstate", "nonstate": "gov"}.get(lost)
            return out("Government regains territory" if side == "gov" else "Non-state actor overtakes territory")
        if mode == "sexual" or near & SEXUAL:
            return out("Sexual violence")
        if sent & {"chlorine", "sarin", "mustard", "nerve", "vx"} or sent & {"chemical", "toxic", "poison", "poisonous"} and sent & {
                "weapon", "attack", "munition", "gas", "agent", "barrel"} and not sent & {"plant", "factory", "boiler"}:
            return out("Chemical weapon")
        if mode == "abduct" or cues & ABDUCT:
            return out("Abduction/forced disappearance")
        if sent & SUICIDE:
            return out("Suicide bomb")
        if cues & {"lynch", "lynching"}:
            return out("Mob violence")
        if (cues & RAID or trigger in RAID) and not sent & HURT:
            if sent & SEIZE and sent & WEAPONS:
                return out("Disrupted weapons use")
            if sent & DETAIN:
                return out("Arrests")
        if (mode == "destroy" or cues & DESTROY) and objects & WEAPONS and not objects & CIVILIAN:
            return out("Disrupted weapons use")        # "destroyed dozens of heavy machine guns, rockets"
        if protest_ctx and (cues & BURN_LOOT or mode == "destroy") and mode != "firearms" and _side(
                subject, source_kinds) != "gov":
            return out("Violent demonstration")          # "demonstrators set fire to a government office"
        if protest_ctx or mode == "crowd-control" or (
                target_kinds & {"PRO"} and _side(subject, source_kinds) != "nonstate"):
            return out(protest_subtype(sent))
        if mode == "aerial" or near & AIR - {"raid", "bomber"} or sent & {"airstrike", "airstrikes", "drone",
                                                                          "warplane", "jet", "helicopter", "chopper", "gunship",
                                                                          "aircraft", "air-strike", "uav"}:
            return out("Air/drone strike")
        if sent & GRENADE:
            return out("Grenade")
        if mode == "heavy-weapons" or near & SHELLING:
            return out("Shelling/artillery/missile attack")
        # people burned to death are attacked, not property ("victims were burned to death in their cars")
        burned_people = bool(cues & {"burn", "torch", "set"} and (sent & {"death", "alive"} or objects & BURNED_PEOPLE))
        if cues & BURN_LOOT and not cues & IED and mode != "explosives" and not burned_people:
            return out("Looting/property destruction")    # "torched two patrol cars": a car is no car bomb here
        # gunfire near a vehicle or a roadside is no bomb ("arrived in trucks ... opened fire on motorists
        # sleeping on the roadside"): those words count for an IED only when it is not gunfire
        # and a vehicle is a car bomb only with an explosive named ("attackers riding motorcycles struck the post")
        gunfire = mode == "firearms" or trigger in ("open", "fire", "shoot")
        weak = IED_WEAK if gunfire or not sent & EXPLOSIVE_NAMED else set()
        if mode == "explosives" or near & IED - weak:
            return out("Remote explosive/landmine/IED")
        if (mode == "destroy" or cues & DESTROY) and not burned_people:
            if sent & MOB and sent & {"mob", "lynch", "crowd", "angry", "irate"}:
                return out("Mob violence")
            return out("Looting/property destruction")
        if sent & {"mob", "lynch", "lynching", "vigilante"} or mode == "beat" and sent & MOB:
            return out("Mob violence")
        if sent & SHELLING and not near & CLASH:
            return out("Shelling/artillery/missile attack")
        # a vehicle elsewhere in the sentence makes no bomb of gunfire ("arrived in trucks ... opened fire")
        sent_ied = sent & IED - weak
        if sent_ied and not near & CLASH and trigger not in ("shoot", "stab", "behead"):
            return out("Remote explosive/landmine/IED")
        if near & CLASH or (cues & CLASH):
            return out("Armed clash")
        # a civilian word among the objects counts unless the target is an armed actor ("attacked security
        # forces in Tikrit, the home town of Saddam Hussein" is a clash, not an attack on a home)
        if target_kinds & {"CVL", "MED", "NGO", "REF", "PRO", "JUD"} or (
                objects & CIVILIAN and not target_kinds & (GOV_KINDS | NONSTATE_KINDS)):
            return out("Attack")
        if target_kinds & (GOV_KINDS | NONSTATE_KINDS) or objects & ARMED:
            return out("Armed clash")
        if subject & ARMED and objects & ARMED:
            return out("Armed clash")
        return out("Attack")
    if typ == "PROTEST":
        if mode != "riot" and not protest_ctx and sent & {"mob", "lynch"}:
            return out("Mob violence")
        if mode in ("demo", "strike", "hunger", "boycott", "obstruct"):
            return out(protest_subtype(sent))
        if mode == "riot" or sent & VIOLENT_DEMO and sent & {"riot", "rioter", "stone", "pelt", "torch", "vandalise",
                                                            "vandalize", "ransack", "smash", "violent", "clash",
                                                            "molotov", "hurl", "throw", "arson", "burn"}:
            return out("Violent demonstration")
        if mode == "vandalize":
            return out("Violent demonstration")
        if sent & {"kill", "shoot", "shot", "bullet", "live", "dead", "death"} and sent & {"police", "force", "troops",
                                                                                         "soldier", "security"}:
            return out("Excessive force against protesters")
        if sent & {"disperse", "tear", "teargas", "arrest", "detain", "baton", "lathi", "lathicharge", "cannon",
                   "rubber", "crackdown", "stop", "prevent", "break"}:
            return out("Protest with intervention")
        return out("Peaceful protest")
    if typ == "COERCE":
        if mode == "arrest":
            if sent & PROTEST_CUES and sent & {"protester", "demonstrator", "protest", "rally", "march"}:
                return out("Protest with intervention")
            return out("Arrests")
        if mode == "seize":
            if _side(subject, source_kinds) == "nonstate":
                return out("Looting/property destruction")
            return out("Disrupted weapons use")
        if mode in ("curfew", "martial-law"):
            return out("Other")
        if mode == "deport":
            return None
        return None
    if typ == "MOBILIZE":
        if objects & HQ or cues & {"establish", "set"}:
            return out("Headquarters or base established")
        if mode == "militia" or sent & GROUP_CHANGE and sent & {"recruit", "recruitment", "form", "formation"}:
            return out("Change to group/activity")
        if mode == "troops" and (subject | objects) & ARMED:
            return out("Change to group/activity")     # ACLED: troop deployments and reinforcements
        return None
    if typ == "RETREAT":
        if control == "loss":
            return out("Non-violent transfer of territory")
        if mode == "ceasefire" or (mode in ("release", "disarm") and sent & (AGREE_CUES | ARMED)):
            return out("Agreement")
        if mode == "withdraw" and sent & ARMED and sent & {"town", "city", "area", "village", "territory", "base",
                                                          "district", "region", "control", "position"}:
            return out("Non-violent transfer of territory")
        return None
    if typ == "AGREE":
        if sent & AGREE_CUES and sent & (ARMED | {"ceasefire", "truce", "peace", "rebel", "prisoner", "hostage"}):
            return out("Agreement")
        return None
    if typ == "COOPERATE":
        if cues & {"merge", "pledge", "defect", "join"} and sent & (ARMED | NONSTATE_WORDS):
            return out("Change to group/activity")
        return None
    return None
