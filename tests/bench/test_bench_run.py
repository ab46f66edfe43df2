"""`chronicle bench` on tiny corpora: it must run and report, never judge speed."""
import json
import re

import pytest

from chronicle.bench import corpus as corpus_mod
from chronicle.bench import run_bench
from chronicle.cli import main


def _words(row):
    return len((row.get("text") or re.sub(r"<[^>]+>", " ", row["html"])).split())


def test_generated_corpus_is_deterministic_and_realistic_in_length():
    rows = corpus_mod.build(60, seed=3)
    assert rows == corpus_mod.build(60, seed=3) and len(rows) == 60
    assert len({r["id"] for r in rows}) == 60
    generated = rows[len(corpus_mod.load_seeds()):]
    assert all(450 <= _words(r) <= 700 for r in generated if "text" in r)
    assert len({r.get("text") or r["html"] for r in rows}) == 60      # no two variations alike


def test_variation_scales_counts_but_not_years_or_days():
    text = "BAGHDAD, June 11, 2014 — at least 12 killed and between 5 and 7 hurt; some 3,000 fled in 1994."
    out = corpus_mod._scale_numbers(text, 2.0)
    assert "June 11, 2014" in out and "at least 24" in out and "between 10 and 14" in out
    assert "some 6,000" in out and "1994" in out


def test_bench_reports_spacy_and_pipeline_rates(settings, tmp_path):
    out = tmp_path / "bench.json"
    lines = []
    report = run_bench(None, settings=settings, articles=5, workers=(1,), json_out=str(out), echo=lines.append)
    assert json.loads(out.read_text()) == report
    run = report["runs"][0]
    assert run["articles"] + run["rejected"] == 5 and run["articles_per_s"] > 0 and run["words_per_s"] > 0
    assert report["spacy"]["words_per_s"] > 0 and run["ratio_to_spacy"] > 0
    assert run["peak_rss"]["main_mb"] > 50 and "nlp" in report["stages"]
    assert any(line.startswith("bare spaCy") for line in lines)


def test_bench_command_takes_a_jsonl_corpus(tmp_path, capsys):
    corpus = tmp_path / "five.jsonl"
    corpus_mod.write([r for r in corpus_mod.build(8) if "text" in r][:5], corpus)
    assert main(["bench", str(corpus), "--json", str(tmp_path / "b.json")]) == 0
    assert "pipeline, 1 worker" in capsys.readouterr().out
    assert json.loads((tmp_path / "b.json").read_text())["spacy"]["articles"] == 5


@pytest.mark.parametrize("args,message", [
    (["bench", "--workers", "one"], "--workers"),
    (["bench", "--workers", "0"], "--workers"),
    (["bench", "no-such-corpus.jsonl"], "no-such-corpus.jsonl"),
])
def test_bench_rejects_bad_arguments_with_a_message(args, message, capsys):
    assert main(args) != 0
    assert message in capsys.readouterr().err
