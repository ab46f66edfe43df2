"""Every size and time limit a rejection's message advises raising has a flag, a variable and a line
in README's "Faults and limits"."""
from pathlib import Path

import pytest

from chronicle.cli import cli
from chronicle.config import LIMITS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()
SECTION = README.split("## Faults and limits", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize("env,field,kind", LIMITS)
def test_each_limit_is_a_flag_a_variable_and_documented(env, field, kind):
    flag = "--" + field.replace("_", "-")
    assert env in SECTION and flag in SECTION
    for command in ("clean", "extract", "geoparse", "ingest"):
        assert flag in [o for p in cli.commands[command].params for o in p.opts], (command, flag)
