"""The bundled examples/ are what the demo, the bench and many tests stand on: keep them well formed."""
import datetime as dt
import json
import re
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DATELINE = re.compile(r"^[A-ZÁÉ' ,.]+, (?:[A-Za-z ]+, )?([A-Z][a-z]+ \d{1,2}, \d{4}) \([^)]+\) —", re.M)
FURNITURE = re.compile(r"^(?:Watch .*Live|.*Download our app.*|Video \d\d:\d\d.*|.*Share (?:this|on).*)$", re.M)


def _articles() -> list[tuple[str, dict]]:
    out = []
    for p in sorted(EXAMPLES.iterdir()):
        if p.suffix == ".jsonl":
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
                out.append((f"{p.name}:{n}", json.loads(line)))
        elif p.suffix == ".txt":
            out.append((p.name, {"text": p.read_text(encoding="utf-8")}))
        elif p.suffix == ".html":
            html = p.read_text(encoding="utf-8")
            body = html.split("<article>", 1)[1].split("</article>", 1)[0]
            out.append((p.name, {"text": re.sub(r"<[^>]+>", " ", body), "html": html}))
    return out


ARTICLES = _articles()


def test_there_are_at_least_twelve_examples_in_every_form():
    kinds = {name.split(":")[0].rsplit(".", 1)[1] for name, _ in ARTICLES}
    assert len(ARTICLES) >= 12 and kinds == {"txt", "html", "jsonl"}


@pytest.mark.parametrize("name,art", ARTICLES, ids=[n for n, _ in ARTICLES])
def test_example_has_realistic_length_and_a_dated_dateline(name, art):
    words = len(art["text"].split())
    assert 300 <= words <= 700, f"{name}: {words} words"
    m = DATELINE.search(art["text"])
    assert m, f"{name}: no dateline like 'BAGHDAD, June 11, 2014 (Wire) —'"
    dated = dt.datetime.strptime(m.group(1), "%B %d, %Y").date()
    if "published" in art:
        assert dt.date.fromisoformat(art["published"]) == dated


@pytest.mark.parametrize("name,art", ARTICLES, ids=[n for n, _ in ARTICLES])
def test_example_has_counts_attributions_and_relative_days(name, art):
    text = art["text"]
    assert re.search(r"\b(at least|some|about|dozens|more than|between \d+ and \d+)\b", text), name
    assert re.search(r"according to|\bsaid\b|claimed", text), name
    assert re.search(r"\bon (Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b", text), name


def test_jsonl_lines_carry_the_documented_fields():
    rows = [a for n, a in ARTICLES if ".jsonl" in n]
    assert rows and all({"id", "published", "url", "title", "source", "text"} <= set(r) for r in rows)
    assert len({r["id"] for r in rows}) == len(rows)


def test_scraped_examples_carry_page_furniture():
    with_furniture = [n for n, a in ARTICLES if n.endswith(".txt") and len(FURNITURE.findall(a["text"])) >= 3]
    assert "mosul_2014-06-11.txt" in with_furniture and len(with_furniture) >= 2


def test_html_example_has_publication_metadata():
    html = next(a["html"] for n, a in ARTICLES if n.endswith(".html"))
    assert 'property="article:published_time"' in html and "<time datetime=" in html and "<nav" in html


def test_mosul_example_states_the_design_doc_facts():
    text = (EXAMPLES / "mosul_2014-06-11.txt").read_text(encoding="utf-8")
    for fact in ("Sunday night", "500,000", "International Organization for Migration", "Tikrit",
                 "could not be independently confirmed", "Syria's foreign ministry", "state of emergency",
                 "stand trial", "captured military vehicles"):
        assert fact in text, fact
