"""Knowledge stays data: no list, set, tuple or dict literal of eight or more strings comes back into
the code of the parts whose words moved to chronicle/knowledge (issue 11's measure). The few that
remain are no word lists: dependency-label sets, a feature record, training metadata, character
maps, codes and field names."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "chronicle"
MOVED = ["events", "counts", "attribute", "time", "nlp", "knowledge", "geo", "actors/roles.py", "actors/article.py",
         "actors/table.py", "clean/language.py"]
ALLOWED = {
    "actors/roles.py": 1,            # CUT: dependency labels that end an actor's noun phrase
    "actors/table.py": 2,            # apostrophes and dashes folded (a character map); the actor kinds a member noun joins
    "clean/language.py": 1,          # the lingua Language members the detector is built over (enum names)
    "attribute/__init__.py": 1,      # dependency labels dropped from a source's phrase
    "events/judge.py": 1,            # the dependency labels the judge has a feature for
    "events/detect.py": 1,           # the confidence model's feature record
    "events/train_typing.py": 2,     # training metadata written into the model file
    "events/__init__.py": 1,         # the detect stage's declared fields (its contract)
    "knowledge/countries.py": 1,     # the country table's column names
    "geo/attach.py": 2,              # dependency labels: clause edges, and the ones the place model has a weight for
    "geo/bench.py": 1,               # the names the gazetteer benchmark looks up (benchmark input)
    "geo/fold.py": 1,                # letters folded to ASCII ("ß" -> "ss"): a character map, not words
    "geo/gazetteer.py": 1,           # GeoNames feature codes -> precision
    "geo/tables.py": 1,              # the area table's field names
}
_LITERALS = (ast.List, ast.Set, ast.Tuple, ast.Dict)


def _strings(node) -> int:
    if isinstance(node, ast.Dict):
        items = [*(k for k in node.keys if k is not None), *node.values]
    else:
        items = node.elts
    return sum(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in items)


def word_lists(path: Path) -> list[int]:
    """Line numbers of the literals of >= 8 strings (outermost only; __all__ and __slots__ left out)."""
    found: list[int] = []

    def visit(node, inside: bool) -> None:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id in ("__all__", "__slots__") for t in targets):
                return
        hit = isinstance(node, _LITERALS) and _strings(node) >= 8
        if hit and not inside:
            found.append(node.lineno)
        for child in ast.iter_child_nodes(node):
            visit(child, inside or hit)

    visit(ast.parse(path.read_text()), False)
    return found


def _files():
    for part in MOVED:
        p = ROOT / part
        yield from sorted(p.rglob("*.py")) if p.is_dir() else [p]


@pytest.mark.parametrize("path", list(_files()), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_word_list_comes_back_into_the_code(path):
    rel = str(path.relative_to(ROOT))
    lines = word_lists(path)
    assert len(lines) <= ALLOWED.get(rel, 0), (
        f"chronicle/{rel} has literals of 8+ strings at lines {lines}: put word lists in "
        "chronicle/knowledge/words/*.toml (see chronicle/knowledge/README.md)")


def test_the_counter_sees_a_word_list(tmp_path):
    f = tmp_path / "m.py"
    f.write_text('__all__ = ["a", "b", "c", "d", "e", "f", "g", "h"]\n'
                 'X = {"a", "b", "c", "d", "e", "f", "g", "h"}\nY = ("a", "b")\n')
    assert word_lists(f) == [2]
