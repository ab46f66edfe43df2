"""The public API is small and deliberate: __all__ is checked, and every CLI command is documented."""
import re
from pathlib import Path

import chronicle
from chronicle.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def test_all_names_exist():
    for name in chronicle.__all__:
        assert hasattr(chronicle, name), name


def test_public_names_are_listed_in_all():
    public = {n for n in dir(chronicle) if not n.startswith("_")}
    modules = {n for n in public if type(getattr(chronicle, n)).__name__ == "module"}
    assert public - modules - {"annotations", "Iterator", "Sequence"} <= set(chronicle.__all__)


def _commands(group, prefix=""):
    for name, cmd in group.commands.items():
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, prefix + name + " ")
        else:
            yield prefix + name


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    missing = [c for c in _commands(cli) if not re.search(rf"chronicle {re.escape(c)}\b", readme)]
    assert not missing, f"commands missing from README.md: {missing}"
