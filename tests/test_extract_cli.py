"""`chronicle extract` end to end on a bundled report: the DESIGN.md record, offsets, flags, --explain."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from chronicle.cli import main

MOSUL = str(Path(__file__).resolve().parents[1] / "examples" / "mosul_2014-06-11.txt")
CONTRACT = {"id", "article_id", "type", "mode", "contexts", "quad", "acled", "trigger", "source", "target",
            "location", "date", "counts", "certainty", "attributed_to", "negated", "hypothetical", "control",
            "evidence", "confidence", "mentions", "article"}


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
            assert text[ev["start"]:ev["end"]] == ev["text"]
        assert any(ev["start"] <= t["start"] < ev["end"] for ev in e["evidence"])
        assert (t["start"], t["end"]) in {(m["start"], m["end"]) for m in e["mentions"]}
        for m in e["mentions"]:                  # every mention is true text inside its sentence and the evidence
            assert text[m["start"]:m["end"]] == m["text"]
            assert m["sentence"]["start"] <= m["start"] < m["sentence"]["end"]
            assert any(ev["start"] == m["sentence"]["start"] for ev in e["evidence"])
        assert e["article"]["id"] == e["article_id"] and e["article"]["published"] == "2014-06-11"
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
    flagged = [e for e in everything if e["negated"] or e["hypothetical"] or e.get("future") or e.get("historical")
               or e.get("judged_out")]
    assert flagged and len(everything) == len(events) + len(flagged)
    assert any(e.get("judged_out", "").startswith("not a happening (") for e in flagged)
    assert "mosul_2014-06-11.txt" in explain and "event(s) printed" in explain


def test_explain_names_the_rules_that_decided_each_record(mosul):
    from chronicle.knowledge import shipped

    _, everything, explain, _ = mosul
    books = shipped()
    for e in everything:
        t = e["trigger"]
        line = next((x for x in explain.splitlines() if f"at {t['start']}-{t['end']}: trigger rule" in x), None)
        assert line is not None, f"--explain does not say which rules decided {t}"
        trigger_rule, acled_rule = line.split("trigger rule ")[1].split(", ACLED rule ")
        assert trigger_rule in books.trigger_rules.by_id or trigger_rule.startswith("lexicon")
        assert acled_rule in books.acled_rules.by_id or acled_rule == "otherwise"


def test_an_article_without_events_says_why(tmp_path, capsys):
    f = tmp_path / "quiet.txt"
    f.write_text("The museum reopened its east wing on Saturday after a long renovation. Visitors admired "
                 "the new lighting and the restored ceiling paintings in the main hall.\n")
    assert main(["extract", str(f), "--explain", "--published", "2023-05-06"]) == 0
    out = capsys.readouterr()
    assert out.out == "" and "0 event(s) printed" in out.err
    assert "no sentence has an event trigger" in out.err


def test_the_fall_of_mosul_is_one_record_with_its_control(mosul):
    events, _, _, _ = mosul
    took = [e for e in events if e["control"] and e["location"] and e["location"]["name"] == "Mosul"]
    assert len(took) == 1, [e["trigger"]["text"] for e in took]
    assert took[0]["control"]["gained_by"]["name"] == "Islamic State"
    assert took[0]["date"]["start"] == "2014-06-08" and len(took[0]["mentions"]) >= 2


def test_no_page_furniture_in_any_field(mosul):
    events, _, _, _ = mosul
    furniture = ("Watch", "Download our app", "Video", "Share this", "Sign in", "Most read")
    for e in events:
        fields = [a["text"] for a in e["source"] + e["target"]] + e["attributed_to"] + [e["trigger"]["text"]]
        fields += [(e["location"] or {}).get("text") or ""]
        assert not any(f in x for f in furniture for x in fields), e
