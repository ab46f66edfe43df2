"""Rule records: each decision rule of a rule engine (the trigger disambiguation, the ACLED mapping)
has an id, a reason, the words and event types it applies to, and sentences it must decide
(`fires`) and near misses it must leave to another rule (`spares`), each with its trigger in
[brackets]. The conditions stay Python, keyed by id (chronicle/events/trigger_rules.py,
chronicle/events/acled.py); these records are the data the engines are ordered by and tested with.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from .loader import KnowledgeError, Source, where

ID = re.compile(r"^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$")
BRACKETED = re.compile(r"\[([^\[\]]+)\]")
FIELDS = {"id", "why", "lemmas", "types", "scope", "fires", "spares"}


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    why: str
    lemmas: frozenset[str]          # trigger lemmas the rule is asked about (empty: every one)
    types: frozenset[str]           # PLOVER types of the reading it is asked about (empty: every one)
    scope: str                      # what the rule judges: "word" / "phrase" (triggers), "event" (ACLED)
    fires: tuple[str, ...]          # sentences it must decide, trigger in [brackets]
    spares: tuple[str, ...]         # sentences that reach it and that it must not decide
    where: str = ""                 # file:line, for messages


@dataclass(frozen=True)
class RuleBook:
    """The ordered rules of one engine: the first that fires decides."""

    name: str
    rules: tuple[Rule, ...]
    path: Path | None = None
    by_id: Mapping[str, Rule] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        if not self.by_id:
            object.__setattr__(self, "by_id", {r.id: r for r in self.rules})

    def __iter__(self):
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def without(self, rule_id: str) -> "RuleBook":
        """The same book with one rule switched off (for tests that prove each rule matters)."""
        if rule_id not in self.by_id:
            raise KeyError(f"no rule {rule_id!r} in {self.name}")
        return replace(self, rules=tuple(r for r in self.rules if r.id != rule_id), by_id={})

    def check_code(self, conditions: Mapping[str, Callable], module: str) -> None:
        """Every rule has a condition in `module` (the converse is a test: a condition without a
        record would never run)."""
        for r in self.rules:
            if r.id not in conditions:
                raise KnowledgeError(f"{r.where}: rule {r.id!r} has no condition in {module}; write one "
                                     "(keyed by this id) or remove the record")


class Conditions(dict):
    """The code half of a rule book: each rule's condition, registered under its id with `@rule(id)`."""

    def __init__(self, name: str):
        super().__init__()
        self.name = name

    def rule(self, rule_id: str):
        def register(fn: Callable):
            if rule_id in self:
                raise ValueError(f"two conditions for {self.name} rule {rule_id!r}")
            self[rule_id] = fn
            return fn
        return register


def examples_ok(src: Source, key: str, value) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(s, str) for s in value):
        raise src.error(key, "needs at least one sentence (an array of strings)")
    for s in value:
        if len(BRACKETED.findall(s)) != 1:
            raise src.error(key, f"each example marks its trigger with one pair of [brackets]: {s!r}")
    return tuple(value)


def load_book(path: Path, name: str, *, words: Mapping[str, frozenset[str]], types: set[str],
              scopes: set[str]) -> RuleBook:
    """Read `[[rule]]` records; `lemmas` may name word classes ("@disaster") of `words`."""
    src = Source(path)
    records = src.data.get("rule")
    extra = [k for k in src.data if k != "rule"]
    if extra:
        raise src.error(extra[0], f"unknown table {extra[0]!r}: a rule file holds [[rule]] records only")
    if not isinstance(records, list) or not records:
        raise src.error(None, "no [[rule]] records")
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for k, rec in enumerate(records):
        key = f"rule#{k}"
        at = where(path, src.line(key))
        unknown = sorted(set(rec) - FIELDS)
        if unknown:
            raise src.error(f"{key}.{unknown[0]}", f"unknown field {unknown[0]!r}; a rule has {', '.join(sorted(FIELDS))}")
        rid = rec.get("id")
        if not isinstance(rid, str) or not ID.match(rid):
            raise src.error(f"{key}.id" if "id" in rec else key,
                            f"a rule needs an id of lower-case words joined by '.' or '-', got {rid!r}")
        if rid in seen:
            raise src.error(f"{key}.id", f"duplicate rule id {rid!r} (first at {seen[rid]}); rename one")
        seen[rid] = at
        why = rec.get("why")
        if not isinstance(why, str) or not why.strip():
            raise src.error(key, f"rule {rid!r} needs a `why`: the reason it exists")
        lemmas: set[str] = set()
        for w in rec.get("lemmas", []):
            if not isinstance(w, str):
                raise src.error(f"{key}.lemmas", "lemmas are strings")
            if w.startswith("@"):
                if w[1:] not in words:
                    raise src.error(f"{key}.lemmas", f"unknown word class {w!r} in rule {rid!r}")
                lemmas |= words[w[1:]]
            else:
                lemmas.add(w)
        tps = rec.get("types", [])
        bad = [t for t in tps if t not in types]
        if bad:
            raise src.error(f"{key}.types", f"unknown event type {bad[0]!r} in rule {rid!r}; one of {sorted(types)}")
        scope = rec.get("scope", sorted(scopes)[-1] if len(scopes) == 1 else "word")
        if scope not in scopes:
            raise src.error(f"{key}.scope", f"scope must be one of {sorted(scopes)}, got {scope!r}")
        rules.append(Rule(rid, why.strip(), frozenset(lemmas), frozenset(tps), scope,
                          examples_ok(src, f"{key}.fires", rec.get("fires")),
                          examples_ok(src, f"{key}.spares", rec.get("spares")), at))
    return RuleBook(name, tuple(rules), path)


def split_example(sentence: str) -> tuple[str, int, int]:
    """("Rebels [attacked] the town.") -> ("Rebels attacked the town.", 7, 15): the text and its trigger."""
    m = BRACKETED.search(sentence)
    text = sentence[:m.start()] + m.group(1) + sentence[m.end():]
    return text, m.start(), m.start() + len(m.group(1))
