"""The typed word tables: each frozen dataclass declares the word classes one part of Chronicle
reads, and the TOML file of the same name under words/ supplies them. A class the file lacks, or a
key the dataclass does not declare (a misspelt class), is an error naming the file and line.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

Words = frozenset[str]


@dataclass(frozen=True, eq=False)
class TriggerWords:
    """words/triggers.toml: the classes the trigger rules read."""

    agent_nouns: Words
    disaster: Words
    attack_words: Words
    hq_words: Words
    soft_violence: Words
    place_words: Words
    arms: Words
    weapon_words: Words
    person_words: Words
    agreement_words: Words
    strike_hits: Words
    labour: Words
    aerial: Words
    fire_objects: Words
    death_causes: Words
    time_words: Words
    control_gain: Words
    retaking: Words
    control_loss: Words
    aid_things: Words
    restrictions: Words
    reversers: Words
    dissent: Words
    diplomacy: Words
    abstract_foes: Words
    labelling: Words
    abstract_subjects: Words
    accusations: Words
    military_things: Words
    legal: Words
    months: Words
    backing: Words
    backing_given: Words
    help_nouns: Words
    particles: Words
    material_types: Words
    reversible: Words
    modified_nouns: Words
    funds: Words
    helpers: Words
    deployed_forces: Words
    declared_measures: Words
    troops_sent: Words
    ties: Words
    offers: Words
    accords: Words
    threat_makers: Words
    warning_givers: Words
    discussion_holders: Words
    strike_context: Words
    dropped_munitions: Words
    custody_words: Words
    peace_deal: Words
    deal_makers: Words
    blockers: Words
    rally_holders: Words
    projectile_events: Words
    projectile_impacts: Words
    protest_walkouts: Words

    def classes(self) -> Mapping[str, Words]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True, eq=False)
class AcledWords:
    """words/acled.toml: ACLED's types and the classes the ACLED mapping reads."""

    event_types: Mapping[str, tuple[str, ...]]     # event type -> its sub-event types
    suicide: Words
    air_near: Words
    grenade: Words
    ied: Words
    shelling: Words
    sexual: Words
    abduct: Words
    protest_cues: Words
    violent_demo: Words
    mob: Words
    armed: Words
    civilian: Words
    clash: Words
    destroy: Words
    gov_words: Words
    nonstate_words: Words
    agree_cues: Words
    group_change: Words
    hq: Words
    weapons: Words
    raid: Words
    detain: Words
    seize: Words
    hurt: Words
    burn_loot: Words
    burned_people: Words
    explosive_named: Words
    ied_weak: Words
    unopposed: Words
    gov_kinds: Words
    nonstate_kinds: Words
    violent_side: Words
    force_lethal: Words
    force_soft: Words
    responsibility_verbs: Words
    protest_scene: Words
    armed_scene: Words
    retaking: Words
    chemical_agents: Words
    chemical_words: Words
    chemical_use: Words
    chemical_industry: Words
    lynching: Words
    aircraft: Words
    burning: Words
    burned_to_death: Words
    gunfire_triggers: Words
    mob_crowd: Words
    mob_words: Words
    close_weapons: Words
    civilian_kinds: Words
    mob_at_protest: Words
    protest_modes: Words
    riot_acts: Words
    arrested_protesters: Words
    base_building: Words
    recruiting: Words
    withdrawn_from: Words
    agreement_parties: Words
    joining: Words

    def classes(self) -> Mapping[str, Words]:
        return {k: v for k, v in ((k, getattr(self, k)) for k in self.__dataclass_fields__) if isinstance(v, frozenset)}

    @property
    def subtypes(self) -> Mapping[str, str]:
        """sub-event type -> event type."""
        return {sub: typ for typ, subs in self.event_types.items() for sub in subs}


@dataclass(frozen=True, eq=False)
class QuantityWords:
    """[quantity]: number words and the phrases around numbers."""

    vague_multipliable: tuple[str, ...]          # vague quantities a multiplier may follow ("several dozen")
    units: Mapping[str, int]
    tens: Mapping[str, int]
    scales: Mapping[str, int]
    vague: Mapping[str, tuple[int, int, int]]    # vague quantity -> (low, best, high)
    multipliers: Mapping[str, int]
    modifiers: Mapping[str, str]                 # "at least" -> atleast | more | less | nearly | about | upto


@dataclass(frozen=True, eq=False)
class MentionWords:
    """[mentions]: which words say what a number counts."""

    protest_nouns: Words
    no_count_verbs: Words
    raising: Words
    containers: Words
    toll_verbs: Words
    unit_nouns: Words
    months: Words
    currency: Words
    after_bad: Words
    body_verbs: Words
    person_nouns: Words
    exceeds: Words
    displacing_verbs: Words
    transitive: Mapping[str, str]                # verb -> the category of its object
    intransitive: Mapping[str, str]              # verb -> the category of its subject
    nouns: Mapping[str, str]                     # noun or adjective form -> its category
    of_nouns: Mapping[str, str]                  # noun -> the category of its "of" object


@dataclass(frozen=True, eq=False)
class AttachWords:
    """[attach]: which counts belong to which event."""

    other_event: Words
    time_nouns: Words
    event_nouns: Words
    named_people: Words
    implicit: Mapping[str, str]                  # verb -> the category of its named victims


@dataclass(frozen=True, eq=False)
class CountWords:
    """words/counts.toml."""

    quantity: QuantityWords
    mentions: MentionWords
    attach: AttachWords


@dataclass(frozen=True, eq=False)
class AttributionWords:
    """words/attribution.toml: reporting verbs, hedges, negation, modality, the future."""

    reported: Words
    confirmed: Words
    claimed: Words
    alleged: Words
    hedged: Words
    deny: Words
    fail: Words
    prevent: Words
    threaten: Words
    request: Words
    future_verbs: Words
    raising: Words
    light: Words
    noun_verbs: Words
    modals: Words
    future_aux: Words
    future_time: Words
    hypo_amod: Words
    hypo_heads: Words
    pronouns: Words


@dataclass(frozen=True, eq=False)
class DetectWords:
    """[detect]"""

    open_types: Words
    modal_aux: Words
    say: Words
    talk: Words
    aim: Words
    background_preps: Words
    ending: Words
    grievance_verbs: Words
    protest_heads: Words
    protest_subtypes: Words
    object_preps: Words
    threat_modes: Mapping[str, str]              # "TYPE mode" ("TYPE -" for none) -> THREATEN mode


@dataclass(frozen=True, eq=False)
class JudgeWords:
    """[judge]: the words behind the happening judge's features (model/judge.json was fitted on them)."""

    modal_words: Words
    future_words: Words
    intent: Words
    cond_marks: Words
    occurrence: Words
    reference: Words
    state_verbs: Words
    habit_words: Words
    definite: Words
    abstract: Words
    indefinite: Words
    quotes: Words
    thing_nouns: Words
    frame_nouns: Words
    temporal_preps: Words
    harm_verbs: Words
    reasons: Mapping[str, str]                   # feature-name prefix -> why a candidate is kept out


@dataclass(frozen=True, eq=False)
class CorefWords:
    """[corefer]"""

    event_nouns: Words
    harm: Words


@dataclass(frozen=True, eq=False)
class AggregateWords:
    """[aggregate]"""

    conflict: Words
    long_conflict: Words
    span_units: Words
    starts: Words


@dataclass(frozen=True, eq=False)
class ContextWords:
    strong: Words
    ordinary: Words


@dataclass(frozen=True, eq=False)
class FallbackWords:
    """[fallback]: the no-trigger fallback model's stop words (model/fallback.json.gz was fitted with them)."""

    stop_words: Words


@dataclass(frozen=True, eq=False)
class EventWords:
    """words/events.toml."""

    detect: DetectWords
    judge: JudgeWords
    corefer: CorefWords
    aggregate: AggregateWords
    fallback: FallbackWords
    contexts: Mapping[str, ContextWords]         # PLOVER context -> its strong and ordinary words


@dataclass(frozen=True, eq=False)
class RoleWords:
    """[roles]: reading who acts and on whom off the parse."""

    target_preps: Words
    recipient_preps: Words
    pronouns: Words
    reporting: Words
    event_nouns: Words
    weekdays: Words
    people_nouns: Words
    buildings: Words
    people_suffixes: tuple[str, ...]
    place_verbs: Words
    territory_verbs: Words
    motion: Words
    place_preps: Words
    claim: Words
    saying: Words
    titles: Words
    thing_suffixes: tuple[str, ...]
    time_preps: Words
    speaker_kinds: Words


@dataclass(frozen=True, eq=False)
class ArticleWords:
    """[article]: settling actors over an article."""

    group_words: Words
    person_pronouns: Words
    media: Words
    furniture: Words
    determiners: Words


@dataclass(frozen=True, eq=False)
class TableWords:
    """[table]: cutting a phrase down to the words matched against the actor table."""

    determiners: Words
    members: Words
    stop: Words
    backed: Words


@dataclass(frozen=True, eq=False)
class ActorWords:
    """words/actors.toml."""

    roles: RoleWords
    article: ArticleWords
    table: TableWords


@dataclass(frozen=True, eq=False)
class TimeWords:
    """words/time.toml: what the date words resolve to."""

    weekdays: Mapping[str, int]
    months: Mapping[str, int]
    number_words: Mapping[str, int]
    relative_days: Mapping[str, int]


@dataclass(frozen=True, eq=False)
class PrefilterWords:
    """words/prefilter.toml: the stems that send a sentence to the full parse, by PLOVER type."""

    stems: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True, eq=False)
class RecognizeWords:
    """[recognize]: which capitalised words are places, people, bodies or groups (geo/recognize.py)."""

    titles: Words
    not_alone: Words
    group_words: Words
    body_end: Words
    local_bodies: Words
    not_modifier: Words
    street_words: Words
    not_capital_city: Words
    resident_nouns: Words
    place_preps: Words
    plural_kinds: Mapping[str, str]              # plural after coordinated names -> "gazetteer" | "street"


@dataclass(frozen=True, eq=False)
class GateWords:
    """[gate]: the words behind the mention gate's features (geo/data/gate_model.json was fitted on them)."""

    preps: Words


@dataclass(frozen=True, eq=False)
class PlaceModelWords:
    """[attach]: the words behind the place model's features (geo/data/place_model.json was fitted on them)."""

    prev_words: Words
    event_lemmas: Words
    rel_groups: Mapping[str, str]                # preposition -> its relation group


@dataclass(frozen=True, eq=False)
class TieWords:
    """[ties]: the words that tie a place to an event word in the parse (geo/ties.py)."""

    place_preps: Words
    directions: Words
    area_nouns: Words


@dataclass(frozen=True, eq=False)
class LocateWords:
    """[locate]: placing an event (geo/locate.py)."""

    report_verbs: Words


@dataclass(frozen=True, eq=False)
class ResolveWords:
    """[resolve]: resolving a name to a gazetteer entry (geo/resolve.py)."""

    direction_prefixes: tuple[str, ...]          # in the order they are tried
    inner_skip: Words


@dataclass(frozen=True, eq=False)
class GazetteerWords:
    """[gazetteer]: the words the gazetteer index leaves out or strips (geo/gazetteer.py)."""

    noise: Words
    admin_words: tuple[str, ...]                 # in the order they are tried
    continent_demonyms: Mapping[str, str]        # continent code -> demonym


@dataclass(frozen=True, eq=False)
class GeoWords:
    """words/geo.toml."""

    recognize: RecognizeWords
    gate: GateWords
    attach: PlaceModelWords
    ties: TieWords
    locate: LocateWords
    resolve: ResolveWords
    gazetteer: GazetteerWords
    us_states: Mapping[str, str]                 # folded US state abbreviation -> admin1 code
