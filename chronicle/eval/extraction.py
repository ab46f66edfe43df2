"""Evaluations of the clean stage.

`extraction`: main text, title and date out of real web pages (../shared/data/extraction, the
trafilatura evaluation pages): the share of must-have snippets found, of must-not-have snippets
found (lower is better), and title / date accuracy. The subset is a fixed 60 pages.

`furniture`: precision and recall of page-furniture line removal on the project's own labelled
scraped pages (chronicle/clean/furniture_gold.txt); needs no shared data.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from . import Scores, evaluation, prf, require

SUBSET = 60


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s or "").strip()


_TYPO = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
                       "–": "-", "—": "-", "\u00a0": " "})


def _title_norm(s: str | None) -> str:
    """Titles compared without case and typography (curly vs straight quotes, dash kinds)."""
    return _norm((s or "").translate(_TYPO)).casefold().strip(" .:-|")


def pages(data_dir: Path, *, full: bool) -> tuple[list[tuple[str, dict]], list[Path]]:
    """(url, gold) pairs whose HTML exists, the fixed subset unless `full`; and the files read."""
    root = require(data_dir / "extraction", "the extraction development set")
    gold_file = require(root / "trafilatura_dev.json", "extraction gold (trafilatura_dev.json)")
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    items = sorted(((u, g) for u, g in gold.items() if (root / "html" / g["file"]).exists()),
                   key=lambda ug: hashlib.sha1(ug[1]["file"].encode()).hexdigest())
    if not full:
        items = items[:SUBSET]
    files = [gold_file] + sorted({root / "html" / g["file"] for _, g in items})
    return items, files


def score_pages(items: list[tuple[str, dict]], root: Path, *, settings: dict | None = None) -> dict[str, float]:
    """Extract every page and score it against its gold."""
    from ..clean import page_text
    from ..clean.html import extract
    from ..ingest.decode import declared_charset, decode

    with_hit = with_n = without_hit = without_n = 0
    date_ok = date_n = title_ok = title_n = empty = 0
    for url, g in items:
        data = (root / "html" / g["file"]).read_bytes()
        html, _ = decode(data, declared=declared_charset(data))
        ex = extract(html, url=url, settings=settings)
        text = _norm(page_text(ex.text))     # what `chronicle clean` prints
        if not text:
            empty += 1
        for s in g.get("with", []):
            with_n += 1
            with_hit += _norm(s) in text
        for s in g.get("without", []):
            without_n += 1
            without_hit += _norm(s) in text
        if g.get("date"):
            date_n += 1
            date_ok += bool(ex.date) and ex.date.isoformat() == g["date"][:10]
        if g.get("title"):
            title_n += 1
            title_ok += _title_norm(ex.title) == _title_norm(g["title"])
    return {
        "must_have_rate": with_hit / with_n if with_n else 0.0,
        "must_not_have_rate": without_hit / without_n if without_n else 0.0,
        "date_accuracy": date_ok / date_n if date_n else 0.0,
        "title_accuracy": title_ok / title_n if title_n else 0.0,
        "empty_rate": empty / len(items) if items else 0.0,
    }


@evaluation("extraction")
def extraction(settings, *, full: bool) -> Scores:
    items, files = pages(settings.data_dir, full=full)
    values = score_pages(items, settings.data_dir / "extraction")
    return Scores(values=values, n=len(items), data_files=files,
                  higher_is_better={"must_not_have_rate": False, "empty_rate": False},
                  notes=["pages from adbar/trafilatura's evaluation set (mostly German); "
                         "snippet match after whitespace normalisation"])


@evaluation("furniture")
def furniture(settings, *, full: bool) -> Scores:
    from ..clean.furniture import GOLD, load_gold, strip_lines

    tp = fp = fn = tn = 0
    pages_ = load_gold()
    for page in pages_:
        removed = strip_lines([line for line, _ in page])
        for (line, is_furniture), gone in zip(page, removed):
            if not line.strip():
                continue
            tp += is_furniture and gone
            fp += (not is_furniture) and gone
            fn += is_furniture and not gone
            tn += (not is_furniture) and not gone
    p, r, f = prf(tp, fp, fn)
    return Scores(values={"precision": p, "recall": r, "f1": f,
                          "story_lines_kept": tn / (tn + fp) if tn + fp else 0.0},
                  n=tp + fp + fn + tn, data_files=[GOLD],
                  notes=[f"{len(pages_)} hand-written scraped pages; {tp + fn} furniture lines, {tn + fp} story lines"])
