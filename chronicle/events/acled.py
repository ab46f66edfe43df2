"""ACLED (event_type, sub_event_type) from a PLOVER reading plus cues in the sentence: weapon
words, who acts and on whom, protest context, control of territory. None where ACLED would not
code the event (diplomacy, crime, disasters, talk).

The mapping is an ordered list of rules (the first that fires decides): their records — ids,
order, the PLOVER types each is asked about, why, the sentences each must and must not decide —
are data in chronicle/knowledge/rules/acled.toml, their words in chronicle/knowledge/words/acled.toml;
the conditions are below, keyed by id. `AcledCoder(knowledge)` is built once per knowledge.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..knowledge import Knowledge, shipped
from ..knowledge.rules import Conditions
from ..knowledge.schema import AcledWords

NOT_CODED = "not coded"       # a rule's verdict: ACLED would not code this event
OTHERWISE = "otherwise"       # the id reported when no rule fires (not coded)


@dataclass(frozen=True, slots=True)
class AcledInput:
    """What the mapping reads about one event: its PLOVER reading and lemma sets.

    `cues` are the trigger's own lemmas (merged triggers included), `sent` the sentence's lemmas,
    `subject`/`objects` the lemmas of the trigger's subject and object phrases."""

    type: str
    mode: str | None
    cues: frozenset | set
    sent: frozenset | set
    trigger: str
    subject: frozenset | set = frozenset()
    objects: frozenset | set = frozenset()
    source_kinds: frozenset | set = frozenset()
    target_kinds: frozenset | set = frozenset()
    control: str | None = None
    talked_about: bool = False


@dataclass(slots=True)
class Ctx:
    """An AcledInput with the word classes and the values several rules share, computed on demand."""

    x: AcledInput
    w: AcledWords
    _cache: dict = field(default_factory=dict)

    @property
    def near(self) -> set:
        """Lemmas of the trigger, its objects and its subject."""
        if "near" not in self._cache:
            self._cache["near"] = self.x.cues | self.x.objects | self.x.subject
        return self._cache["near"]

    @property
    def protest_ctx(self) -> bool:
        if "protest" not in self._cache:
            s = self.x.sent
            self._cache["protest"] = bool(s & self.w.protest_scene) and not s & self.w.armed_scene
        return self._cache["protest"]

    @property
    def burned_people(self) -> bool:
        """People burned to death are attacked, not property ("victims were burned to death in their cars")."""
        x, w = self.x, self.w
        return bool(x.cues & w.burning and (x.sent & w.burned_to_death or x.objects & w.burned_people))

    @property
    def weak_ied(self) -> set:
        """Vehicle and roadside words that count for an IED only when an explosive is named and the
        event is no gunfire ("arrived in trucks ... opened fire on motorists sleeping on the roadside")."""
        x, w = self.x, self.w
        gunfire = x.mode == "firearms" or x.trigger in w.gunfire_triggers
        return w.ied_weak if gunfire or not x.sent & w.explosive_named else set()

    @property
    def destroys(self) -> bool:
        return self.x.mode == "destroy" or bool(self.x.cues & self.w.destroy)

    def side(self, words: set, kinds: set) -> str | None:
        """gov | nonstate | None: which side the actor words or actor kinds are on."""
        w = self.w
        if kinds & w.gov_kinds:
            return "gov"
        if kinds & w.nonstate_kinds:
            return "nonstate"
        if words & w.nonstate_words:
            return "nonstate"
        if words & w.gov_words:
            return "gov"
        return None


def protest_subtype(sent: set, words: AcledWords | None = None) -> str:
    """The ACLED sub-type of a protest from what the sentence says happened at it."""
    w = words or shipped().acled
    if sent & w.violent_side:
        return "Violent demonstration"
    if sent & w.force_lethal:
        return "Excessive force against protesters"
    if sent & w.force_soft:
        return "Protest with intervention"
    return "Peaceful protest"


CONDITIONS = Conditions("ACLED")
rule = CONDITIONS.rule


@rule("talk")
def _(c):
    x = c.x
    if "responsibility" in x.sent and x.sent & c.w.responsibility_verbs or x.talked_about:
        return NOT_CODED


@rule("assault.unopposed")
def _(c):
    s = c.x.sent
    if c.x.control == "gain" and ("without" in s and s & c.w.unopposed or "unopposed" in s):
        return "Non-violent transfer of territory"


@rule("assault.control-gain")
def _(c):
    x = c.x
    if x.control != "gain":
        return None
    side = c.side(x.subject, x.source_kinds)
    if side is None and x.trigger in c.w.retaking:
        side = "gov"
    if side is None:       # "seized from the MNDAA": whoever lost it tells who took it
        lost = c.side(x.objects, x.target_kinds)
        side = {"gov": "nonstate", "nonstate": "gov"}.get(lost)
    return "Government regains territory" if side == "gov" else "Non-state actor overtakes territory"


@rule("assault.sexual")
def _(c):
    if c.x.mode == "sexual" or c.near & c.w.sexual:
        return "Sexual violence"


@rule("assault.chemical")
def _(c):
    s, w = c.x.sent, c.w
    if s & w.chemical_agents or s & w.chemical_words and s & w.chemical_use and not s & w.chemical_industry:
        return "Chemical weapon"


@rule("assault.abduction")
def _(c):
    if c.x.mode == "abduct" or c.x.cues & c.w.abduct:
        return "Abduction/forced disappearance"


@rule("assault.suicide")
def _(c):
    if c.x.sent & c.w.suicide:
        return "Suicide bomb"


@rule("assault.lynching")
def _(c):
    if c.x.cues & c.w.lynching:
        return "Mob violence"


def _raid_unhurt(c) -> bool:
    """A raid that ends in detentions or seizures, with no one hurt."""
    x, w = c.x, c.w
    return bool((x.cues & w.raid or x.trigger in w.raid) and not x.sent & w.hurt)


@rule("assault.raid-seizure")
def _(c):
    if _raid_unhurt(c) and c.x.sent & c.w.seize and c.x.sent & c.w.weapons:
        return "Disrupted weapons use"


@rule("assault.raid-arrests")
def _(c):
    if _raid_unhurt(c) and c.x.sent & c.w.detain:
        return "Arrests"


@rule("assault.weapons-destroyed")
def _(c):
    if c.destroys and c.x.objects & c.w.weapons and not c.x.objects & c.w.civilian:
        return "Disrupted weapons use"        # "destroyed dozens of heavy machine guns, rockets"


@rule("assault.protest-arson")
def _(c):
    x = c.x
    if c.protest_ctx and (x.cues & c.w.burn_loot or x.mode == "destroy") and x.mode != "firearms" and \
            c.side(x.subject, x.source_kinds) != "gov":
        return "Violent demonstration"          # "demonstrators set fire to a government office"


@rule("assault.at-protest")
def _(c):
    x = c.x
    if c.protest_ctx or x.mode == "crowd-control" or (
            x.target_kinds & {"PRO"} and c.side(x.subject, x.source_kinds) != "nonstate"):
        return protest_subtype(x.sent, c.w)


@rule("assault.air")
def _(c):
    if c.x.mode == "aerial" or c.near & c.w.air_near or c.x.sent & c.w.aircraft:
        return "Air/drone strike"


@rule("assault.grenade")
def _(c):
    if c.x.sent & c.w.grenade:
        return "Grenade"


@rule("assault.shelling")
def _(c):
    if c.x.mode == "heavy-weapons" or c.near & c.w.shelling:
        return "Shelling/artillery/missile attack"


@rule("assault.property")
def _(c):
    x = c.x
    if x.cues & c.w.burn_loot and not x.cues & c.w.ied and x.mode != "explosives" and not c.burned_people:
        return "Looting/property destruction"    # "torched two patrol cars": a car is no car bomb here


@rule("assault.explosive")
def _(c):
    if c.x.mode == "explosives" or c.near & (c.w.ied - c.weak_ied):
        return "Remote explosive/landmine/IED"


@rule("assault.destroy-mob")
def _(c):
    s = c.x.sent
    if c.destroys and not c.burned_people and s & c.w.mob and s & c.w.mob_crowd:
        return "Mob violence"


@rule("assault.destroy")
def _(c):
    if c.destroys and not c.burned_people:
        return "Looting/property destruction"


@rule("assault.mob")
def _(c):
    s = c.x.sent
    if s & c.w.mob_words or c.x.mode == "beat" and s & c.w.mob:
        return "Mob violence"


@rule("assault.shelling-sentence")
def _(c):
    if c.x.sent & c.w.shelling and not c.near & c.w.clash:
        return "Shelling/artillery/missile attack"


@rule("assault.explosive-sentence")
def _(c):
    # a vehicle elsewhere in the sentence makes no bomb of gunfire ("arrived in trucks ... opened fire")
    if c.x.sent & (c.w.ied - c.weak_ied) and not c.near & c.w.clash and c.x.trigger not in c.w.close_weapons:
        return "Remote explosive/landmine/IED"


@rule("assault.clash")
def _(c):
    if c.near & c.w.clash:
        return "Armed clash"


@rule("assault.civilian-target")
def _(c):
    # a civilian word among the objects counts unless the target is an armed actor ("attacked security
    # forces in Tikrit, the home town of Saddam Hussein" is a clash, not an attack on a home)
    x, w = c.x, c.w
    if x.target_kinds & w.civilian_kinds or (x.objects & w.civilian and not x.target_kinds & (w.gov_kinds | w.nonstate_kinds)):
        return "Attack"


@rule("assault.armed-target")
def _(c):
    x, w = c.x, c.w
    if x.target_kinds & (w.gov_kinds | w.nonstate_kinds) or x.objects & w.armed:
        return "Armed clash"


@rule("assault.otherwise")
def _(c):
    return "Attack"


@rule("protest.mob")
def _(c):
    if c.x.mode != "riot" and not c.protest_ctx and c.x.sent & c.w.mob_at_protest:
        return "Mob violence"


@rule("protest.by-mode")
def _(c):
    if c.x.mode in c.w.protest_modes or c.x.mode is None:
        return protest_subtype(c.x.sent, c.w)


@rule("protest.riot")
def _(c):
    s = c.x.sent
    if c.x.mode == "riot" or s & c.w.violent_demo and s & c.w.riot_acts:
        return "Violent demonstration"


@rule("protest.vandalize")
def _(c):
    if c.x.mode == "vandalize":
        return "Violent demonstration"


@rule("coerce.arrest-at-protest")
def _(c):
    s = c.x.sent
    if c.x.mode == "arrest" and s & c.w.protest_cues and s & c.w.arrested_protesters:
        return "Protest with intervention"


@rule("coerce.arrest")
def _(c):
    if c.x.mode == "arrest":
        return "Arrests"


@rule("coerce.seize-by-nonstate")
def _(c):
    if c.x.mode == "seize" and c.side(c.x.subject, c.x.source_kinds) == "nonstate":
        return "Looting/property destruction"


@rule("coerce.seize")
def _(c):
    if c.x.mode == "seize":
        return "Disrupted weapons use"


@rule("coerce.curfew")
def _(c):
    if c.x.mode in ("curfew", "martial-law"):
        return "Other"


@rule("mobilize.base")
def _(c):
    if c.x.objects & c.w.hq or c.x.cues & c.w.base_building:
        return "Headquarters or base established"


@rule("mobilize.recruitment")
def _(c):
    s = c.x.sent
    if c.x.mode == "militia" or s & c.w.group_change and s & c.w.recruiting:
        return "Change to group/activity"


@rule("mobilize.troops")
def _(c):
    if c.x.mode == "troops" and (c.x.subject | c.x.objects) & c.w.armed:
        return "Change to group/activity"     # ACLED: troop deployments and reinforcements


@rule("retreat.control-loss")
def _(c):
    if c.x.control == "loss":
        return "Non-violent transfer of territory"


@rule("retreat.ceasefire")
def _(c):
    x = c.x
    if x.mode == "ceasefire" or (x.mode in ("release", "disarm") and x.sent & (c.w.agree_cues | c.w.armed)):
        return "Agreement"


@rule("retreat.withdrawal")
def _(c):
    s = c.x.sent
    if c.x.mode == "withdraw" and s & c.w.armed and s & c.w.withdrawn_from:
        return "Non-violent transfer of territory"


@rule("agree.armed")
def _(c):
    s = c.x.sent
    if s & c.w.agree_cues and s & (c.w.armed | c.w.agreement_parties):
        return "Agreement"


@rule("cooperate.group-change")
def _(c):
    if c.x.cues & c.w.joining and c.x.sent & (c.w.armed | c.w.nonstate_words):
        return "Change to group/activity"


class AcledCoder:
    """The ACLED mapping for one `Knowledge`: its rules in order, each asked only about the PLOVER
    types its record names."""

    def __init__(self, knowledge: Knowledge | None = None):
        kn = knowledge or shipped()
        self.w = kn.acled
        self.subtypes = kn.acled.subtypes
        kn.acled_rules.check_code(CONDITIONS, "chronicle/events/acled.py")
        rules = [(r, CONDITIONS[r.id]) for r in kn.acled_rules]
        types = set(kn.plover.quad)
        self._by_type = {t: [(r, f) for r, f in rules if not r.types or t in r.types] for t in types}

    def code(self, x: AcledInput, trace: list | None = None) -> tuple[tuple[str, str] | None, str]:
        """((event_type, sub_event_type) or None, the id of the rule that decided)."""
        c = Ctx(x, self.w)
        for r, cond in self._by_type.get(x.type, ()):
            if trace is not None:
                trace.append(r.id)
            sub = cond(c)
            if sub is None:
                continue
            if sub == NOT_CODED:
                return None, r.id
            return (self.subtypes[sub], sub), r.id
        return None, OTHERWISE


def acled_type(typ: str, mode: str | None, *, cues: set, sent: set, trigger: str,
               subject: set = frozenset(), objects: set = frozenset(),
               source_kinds: set = frozenset(), target_kinds: set = frozenset(),
               control: str | None = None, talked_about: bool = False,
               knowledge: Knowledge | None = None) -> tuple[str, str] | None:
    """(event_type, sub_event_type) for one event, or None when ACLED would not code it."""
    x = AcledInput(typ, mode, cues, sent, trigger, subject, objects, source_kinds, target_kinds, control,
                   talked_about)
    return AcledCoder(knowledge).code(x)[0]


def subtypes(knowledge: Knowledge | None = None) -> dict[str, str]:
    """ACLED sub-event type -> event type."""
    return dict((knowledge or shipped()).acled.subtypes)


SUBTYPES: dict[str, str] = subtypes()
