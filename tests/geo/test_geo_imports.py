"""No import cycle inside chronicle/geo, counting imports inside functions too (attach <-> locate and
recognize -> gate -> resolve -> recognize were cycles hidden by function-level imports)."""
from __future__ import annotations

import ast
from pathlib import Path

GEO = Path(__file__).resolve().parents[2] / "chronicle" / "geo"


def _graph() -> dict[str, set[str]]:
    mods = {p.stem for p in GEO.glob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for m in mods:
        for node in ast.walk(ast.parse((GEO / f"{m}.py").read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                names = [node.module] if node.module else [a.name for a in node.names]
                graph[m] |= {n.split(".")[0] for n in names if n.split(".")[0] in mods} - {m}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        path.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                return path[path.index(n):] + [n]
            if n not in state and (found := visit(n)):
                return found
        state[m] = 2
        path.pop()
        return None

    for m in sorted(graph):
        if m not in state and (found := visit(m)):
            return found
    return None


def test_the_geo_package_has_no_import_cycle():
    assert _cycle(_graph()) is None


def test_the_cycle_finder_finds_one():
    assert _cycle({"attach": {"locate"}, "locate": {"attach"}}) == ["attach", "locate", "attach"]
