"""`chronicle eval`: readers for the development corpora, scorers, and the pinned baseline gate.

Each evaluation registers itself with `@evaluation("name")`: a function
`(settings, *, full: bool) -> Scores` that reads `settings.data_dir`, runs Chronicle and returns
named numbers. By default an evaluation scores a fixed, fast subset (what CI runs); `--full`
scores the whole development set. `baseline.json` pins a floor per number, with a hash of the data
it was measured on; `--check` fails when a number drops below its floor.
"""
from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Settings
from ..errors import ResourceError, UsageError

BASELINE = Path(__file__).with_name("baseline.json")


@dataclass
class Scores:
    """Named numbers from one evaluation, plus what was scored."""

    values: dict[str, float]
    n: int                                  # items scored
    data_files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    higher_is_better: dict[str, bool] = field(default_factory=dict)   # default True


Evaluation = Callable[..., Scores]
REGISTRY: dict[str, Evaluation] = {}
# modules that register evaluations when imported; each issue adds its own
MODULES = ["chronicle.eval.extraction", "chronicle.eval.fuse", "chronicle.eval.counts", "chronicle.eval.geo", "chronicle.eval.prefilter",
           "chronicle.eval.dates", "chronicle.eval.actors", "chronicle.eval.events", "chronicle.eval.articles"]


def evaluation(name: str):
    def register(fn: Evaluation) -> Evaluation:
        REGISTRY[name] = fn
        return fn
    return register


def _load_registry() -> None:
    import importlib

    for m in MODULES:
        try:
            importlib.import_module(m)
        except ModuleNotFoundError as e:
            if e.name != m:
                raise


def data_hash(paths: list[Path]) -> str:
    """sha256 over the bytes of the files an evaluation read (sorted by path)."""
    h = hashlib.sha256()
    for p in sorted(paths):
        if p.is_dir():
            for q in sorted(x for x in p.rglob("*") if x.is_file()):
                h.update(q.read_bytes())
        else:
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def require(path: Path, what: str) -> Path:
    if not path.exists():
        raise ResourceError(
            f"{what} not found at {path}: put the development data beside the project as "
            f"../shared/data, or point --data / CHRONICLE_DATA at it"
        )
    return path


def load_baseline() -> dict:
    if BASELINE.exists():
        return json.loads(BASELINE.read_text())
    return {}


def check_against_baseline(name: str, scores: Scores, baseline: dict, *, full: bool) -> list[str]:
    """Messages for every number below its floor (higher-is-better) or above its ceiling."""
    entry = baseline.get(name, {}).get("full" if full else "subset")
    if not entry:
        return []
    failures = []
    for key, floor in entry.get("floors", {}).items():
        got = scores.values.get(key)
        hib = scores.higher_is_better.get(key, True)
        if got is None:
            failures.append(f"{name}.{key}: missing from the scores (the baseline pins {floor})")
        elif (hib and got < floor - 1e-9) or (not hib and got > floor + 1e-9):
            rel = "below its floor" if hib else "above its ceiling"
            failures.append(f"{name}.{key} = {got:.4f} is {rel} {floor:.4f}")
    return failures


def run_eval(names: list[str], *, settings: Settings, full: bool = False, json_out: str | None = None,
             check: bool = False, echo=print) -> int:
    """Run evaluations, print a table, optionally write JSON and check the baseline. Returns an exit code."""
    _load_registry()
    if not names:
        names = sorted(REGISTRY)
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        raise UsageError(f"unknown evaluation(s) {unknown}; available: {sorted(REGISTRY)}")
    baseline = load_baseline()
    results: dict[str, dict] = {}
    failures: list[str] = []
    for name in names:
        t0 = time.perf_counter()
        scores = REGISTRY[name](settings, full=full)
        secs = time.perf_counter() - t0
        digest = data_hash(scores.data_files) if scores.data_files else None
        results[name] = {"scores": scores.values, "n": scores.n, "seconds": round(secs, 1),
                         "data_hash": digest, "subset": not full, "notes": scores.notes}
        echo(f"\n{name}  ({'full' if full else 'subset'}, n={scores.n}, {secs:.1f}s, data {digest})")
        for key, val in scores.values.items():
            echo(f"  {key:<40} {val:>10.4f}")
        for note in scores.notes:
            echo(f"  note: {note}")
        if check:
            entry = baseline.get(name, {}).get("full" if full else "subset", {})
            if entry.get("data_hash") and digest and entry["data_hash"] != digest:
                echo(f"  warning: data hash {digest} differs from the baseline's {entry['data_hash']}")
            failures += check_against_baseline(name, scores, baseline, full=full)
    if json_out:
        Path(json_out).write_text(json.dumps(results, indent=2, sort_keys=True))
        echo(f"\nwrote {json_out}")
    if check:
        if failures:
            echo("\nbaseline check FAILED:")
            for f in failures:
                echo(f"  {f}")
            return 1
        echo("\nbaseline check passed")
    return 0


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f
