"""What Chronicle knows, as validated data files: the trigger lexicon, the PLOVER ontology, the
word classes each stage reads, and the decision rules of the trigger and ACLED engines with their
examples. `load()` reads and checks every file and returns one typed `Knowledge`, which the stages
are given like the gazetteer; a mistake in a file is a `KnowledgeError` naming the file and line.
See README.md in this folder for how to add a rule, a word or an actor.

    >>> kn = load()
    >>> "earthquake" in kn.triggers.disaster, kn.plover.quad["ASSAULT"]
    (True, 'material conflict')
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from .lexicon import Entry, Plover, load_lexicon, load_plover
from .loader import KnowledgeError, load_table
from .rules import Rule, RuleBook, load_book, split_example
from .schema import (AcledWords, ActorWords, AttributionWords, CountWords, EventWords, GeoWords, PrefilterWords,
                     TimeWords, TriggerWords)

__all__ = ["Entry", "Knowledge", "KnowledgeError", "Plover", "Rule", "RuleBook", "load", "of", "shipped",
           "split_example"]

ROOT = Path(__file__).resolve().parent


@dataclass(frozen=True, eq=False)
class Knowledge:
    """Every knowledge file of one folder, read and validated (compared by identity)."""

    root: Path
    plover: Plover
    lexicon: "dict[str, tuple[Entry, ...]]"
    triggers: TriggerWords
    trigger_rules: RuleBook
    acled: AcledWords
    acled_rules: RuleBook
    counts: CountWords
    attribution: AttributionWords
    events: EventWords
    actors: ActorWords
    time: TimeWords
    prefilter: PrefilterWords
    geo: GeoWords

    def without_rule(self, book: str, rule_id: str) -> "Knowledge":
        """A copy with one rule of `book` ("trigger_rules" | "acled_rules") switched off."""
        return replace(self, **{book: getattr(self, book).without(rule_id)})


def load(root: Path | str | None = None) -> Knowledge:
    """Read and validate the knowledge files under `root` (default: the shipped ones)."""
    root = Path(root) if root is not None else ROOT
    plover = load_plover(root / "plover.toml")
    lexicon = load_lexicon(root / "lexicon.tsv", plover)
    triggers = load_table(root / "words" / "triggers.toml", TriggerWords)
    trigger_rules = load_book(root / "rules" / "triggers.toml", "trigger rules", words=triggers.classes(),
                              types=set(plover.quad), scopes={"word", "phrase"})
    acled = load_table(root / "words" / "acled.toml", AcledWords)
    acled_rules = load_book(root / "rules" / "acled.toml", "ACLED rules", words=acled.classes(),
                            types=set(plover.quad), scopes={"event"})
    return Knowledge(root=root, plover=plover, lexicon=lexicon, triggers=triggers, trigger_rules=trigger_rules,
                     acled=acled, acled_rules=acled_rules, counts=load_table(root / "words" / "counts.toml", CountWords),
                     attribution=load_table(root / "words" / "attribution.toml", AttributionWords),
                     events=load_table(root / "words" / "events.toml", EventWords),
                     actors=load_table(root / "words" / "actors.toml", ActorWords),
                     time=load_table(root / "words" / "time.toml", TimeWords),
                     prefilter=load_table(root / "words" / "prefilter.toml", PrefilterWords),
                     geo=load_table(root / "words" / "geo.toml", GeoWords))


def of(resources) -> Knowledge:
    """The knowledge a pipeline's resources carry (`resources.knowledge`), else the shipped one."""
    return getattr(resources, "knowledge", None) or shipped()


@cache
def shipped() -> Knowledge:
    """The knowledge shipped with Chronicle, loaded once per process (the one cache of this package)."""
    return load()
