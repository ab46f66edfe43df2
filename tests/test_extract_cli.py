"""`chronicle extract` end to end on a bundled report: the DESIGN.md record, offsets, flags, --explain."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from chronicle.cli import main

MOSUL = str(Path(__file__).resolve().parents[1] / "examples" / "mosul_2014-06-11.txt")
CONTRACT = {"id", "article_id", "type", "mode", "contexts", "quad", "acled", "trigger", "source", "target",
            "location", "date", "counts", "certainty", "attributed_to", "negated", "hypothetical", "control",
            "evidence", "confidence"}


@pytest.fixture(scope="module")
def mosul(tmp_path_factory):
    from click.testing import CliRunner

    from chronicle.cli import cli

    runner = CliRunner()
    default = runner.invoke(cli, ["extract", MOSUL])
    everything = runner.invoke(cli, ["extract", MOSUL, "--all", "--explain"])
    cleaned = runner.invoke(cli, ["clean", MOSUL])
    assert default.exit_code == 0 and everything.exit_code == 0, default.output + everything.output
    text = json.loads(cleaned.stdout)["text"]
    return ([json.loads(x) for x in default.stdout.splitlines()],
            [json.loads(x) for x in everything.stdout.splitlines()], everything.stderr, text)


def test_every_record_has_the_contract_fields_and_true_offsets(mosul):
    events, _, _, text = mosul
    assert len(events) >= 5
    for e in events:
        assert CONTRACT <= set(e)
        t = e["trigger"]
        assert text[t["start"]:t["end"]] == t["text"]
        for ev in e["evidence"]:
            assert text[ev["start"]:ev["end"]] == ev["text"] and ev["start"] <= t["start"] < ev["end"]
        assert 0.0 <= e["confidence"] <= 1.0
        assert e["quad"] in {"verbal cooperation", "material cooperation", "verbal conflict", "material conflict"}


def test_the_displacement_carries_its_count_place_date_and_source(mosul):
    events, _, _, _ = mosul
    fled = [e for e in events if (e["counts"]["displaced"] or {}).get("best") == 500_000]
    assert fled, "the 500,000 who fled Mosul"
    e = fled[0]
    assert e["location"]["name"] == "Mosul" and e["location"]["country"] == "IQ"
    assert e["date"]["start"] <= "2014-06-11"
    assert any("Migration" in s for s in e["attributed_to"])


def test_flagged_events_are_kept_out_by_default_and_explained(mosul):
    events, everything, explain, _ = mosul
    flagged = [e for e in everything if e["negated"] or e["hypothetical"] or e.get("future") or e.get("historical")]
    assert flagged and len(everything) == len(events) + len(flagged)
    assert "mosul_2014-06-11.txt" in explain and "event(s) printed" in explain


def test_an_article_without_events_says_why(tmp_path, capsys):
    f = tmp_path / "quiet.txt"
    f.write_text("The museum reopened its east wing on Saturday after a long renovation. Visitors admired "
                 "the new lighting and the restored ceiling paintings in the main hall.\n")
    assert main(["extract", str(f), "--explain", "--published", "2023-05-06"]) == 0
    out = capsys.readouterr()
    assert out.out == "" and "0 event(s) printed" in out.err
    assert "no sentence has an event trigger" in out.err
