import json

from chronicle.cli import main


def test_clean_prints_one_json_line_per_article(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text("Protesters marched in Lagos on Monday.\n")
    assert main(["clean", str(f), "--published", "2020-10-13"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert rec["text"].startswith("Protesters marched") and rec["published"] == "2020-10-13"


def test_bad_published_date_is_a_usage_error(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text("Some text.")
    assert main(["clean", str(f), "--published", "11/06/2014"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_missing_input_is_rejected_with_its_name(tmp_path, capsys):
    assert main(["clean", str(tmp_path / "nope.txt")]) == 1
    assert "nope.txt" in capsys.readouterr().err
