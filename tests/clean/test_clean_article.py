"""chronicle.clean: text, title, dates, ids, language, near-duplicates, and the clean command."""
from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from chronicle.clean import clean, clean_all
from chronicle.clean.ids import canonical_url, content_hash, parse_date
from chronicle.dedup import NearDuplicates, jaccard, shingles
from chronicle.ingest import read
from chronicle.records import Article, RawDocument, Rejected

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"
WIRE = ("KHARTOUM, June 30, 2022 (Nile Wire) — Security forces fired live ammunition and tear gas at tens of "
        "thousands of protesters in Khartoum and Omdurman on Thursday, killing at least nine people, a doctors' "
        "committee said. The committee said the deaths brought to 113 the number of people killed at protests "
        "since the army seized power in October. Internet and phone services were cut across the capital from "
        "the early morning, and witnesses said soldiers had blocked the bridges over the Nile. The United "
        "Nations envoy called on the authorities to respect the right to peaceful protest.")


def test_plain_text_loses_furniture_and_keeps_the_story():
    (a,) = list(clean_all(read([str(FIX / "story.txt")])))
    assert "Watch Harbour News Live" not in a.text and "Download our app" not in a.text
    assert "Share this article" not in a.text
    assert a.text.startswith("Fishermen protest port closure in Mombasa")
    assert "would go hungry." in a.text and a.language == "en"


def test_file_without_id_uses_its_path_and_its_dateline_date():
    (a,) = list(clean_all(read([str(FIX / "story.txt")])))
    assert a.id == str(FIX / "story.txt") and a.published == dt.date(2023, 5, 2)   # "MOMBASA, Kenya, May 2, 2023"


def test_text_without_any_date_has_none_not_today(tmp_path):
    f = tmp_path / "undated.txt"
    f.write_text((FIX / "story.txt").read_text(encoding="utf-8").replace("MOMBASA, Kenya, May 2, 2023 (Coast Desk) — ", ""),
                 encoding="utf-8")
    (a,) = list(clean_all(read([str(f)])))
    assert a.published is None


def test_published_option_overrides_the_input():
    (a,) = list(clean_all(read([str(FIX / "articles.csv")]), published=dt.date(2020, 1, 2)))[:1]
    assert a.published == dt.date(2020, 1, 2)


def test_html_gives_main_text_title_author_date_and_canonical_url():
    a = clean(next(read([str(FIX / "page.html")])))
    assert isinstance(a, Article)
    assert "at least 25 people drowned" in a.text and "Subscribe to our newsletter" not in a.text
    assert "Home" not in a.text.split("\n")[0]
    assert a.title == "Flood waters cut off villages in Sindh"
    assert a.author == "Sana Qureshi" and a.published == dt.date(2022, 8, 29)
    assert a.id == str(FIX / "page.html")


def test_html_without_an_article_is_rejected_no_text():
    r = clean(next(read([str(FIX / "nav_only.html")])))
    assert isinstance(r, Rejected) and r.reason == "no_text" and "nav_only.html" in r.detail


@pytest.mark.parametrize("given,url,expect", [
    ("abc", "https://x.example/a", "abc"),
    (None, "https://X.example:443/a?utm_source=tw&id=7#frag", "https://x.example/a?id=7"),
])
def test_article_id_prefers_id_then_canonical_url(given, url, expect):
    a = clean(RawDocument(origin="f.jsonl:1", text=WIRE, id=given, url=url))
    assert a.id == expect


def test_stdin_article_without_id_or_url_gets_a_content_hash():
    (a,) = list(clean_all(read(["-"], stdin=io.BytesIO(WIRE.encode()))))
    assert a.id == content_hash(WIRE) and len(a.id) == 16 and "-" != a.id
    assert content_hash(WIRE.upper() + "  ") == a.id


def test_canonical_url_strips_tracking_and_fragment():
    assert canonical_url("https://www.ex.org/news/1?utm_medium=rss&fbclid=x&page=2#comments") == \
        "https://www.ex.org/news/1?page=2"


@pytest.mark.parametrize("value,expect", [
    ("2014-06-11", dt.date(2014, 6, 11)),
    ("2014-06-11T09:00:00Z", dt.date(2014, 6, 11)),
    ("Wed, 11 Jun 2014 08:00:00 GMT", dt.date(2014, 6, 11)),
    ("June 11, 2014", dt.date(2014, 6, 11)),
    ("11 June 2014", dt.date(2014, 6, 11)),
    ("not a date", None),
    ("", None),
])
def test_parse_date(value, expect):
    assert parse_date(value) == expect


def test_non_english_is_rejected_naming_the_language():
    text = ("Die Sicherheitskräfte haben am Donnerstag in Khartum auf Demonstranten geschossen und dabei "
            "mindestens neun Menschen getötet, teilte ein Ärztekomitee mit. Internet und Telefon waren "
            "in der ganzen Hauptstadt unterbrochen.")
    r = clean(RawDocument(origin="de.txt", text=text, id="de.txt"))
    assert isinstance(r, Rejected) and r.reason == "language" and "German" in r.detail


def test_short_text_is_not_rejected_for_its_language():
    a = clean(RawDocument(origin="s.txt", text="Mosul: Nineveh governor flees to Erbil as militants take the city", id="s.txt"))
    assert isinstance(a, Article)


def test_the_same_wire_story_on_other_sites_is_a_near_duplicate():
    raws = [
        RawDocument(origin="a", id="site-a", text="Watch Nile TV Live\nSudan: nine killed at protests\n\n" + WIRE + "\nRead more"),
        RawDocument(origin="b", id="site-b", text="Download our app\nNine dead as troops fire on marchers\n\n" + WIRE + "\n\nShare this article"),
        RawDocument(origin="c", id="site-c", text="Floods in Pakistan: " + WIRE.replace("Khartoum", "Karachi").split(".")[0]
                    + ". Rivers burst their banks across Sindh province on Sunday, and hundreds of villages were cut off."
                    " The army sent boats and helicopters to rescue stranded families, officials said."),
    ]
    out = list(clean_all(raws))
    assert [a.duplicate_of for a in out] == [None, "site-a", None]


def test_minhash_estimate_tracks_true_jaccard():
    a = " ".join(f"w{i}" for i in range(300))
    b = " ".join(f"w{i}" for i in range(60, 360))
    index = NearDuplicates(threshold=0.0)
    sa = index.hasher.signature(shingles(a))
    sb = index.hasher.signature(shingles(b))
    assert abs(index.similarity(sa, sb) - jaccard(shingles(a), shingles(b))) < 0.1


def test_different_stories_are_not_duplicates():
    index = NearDuplicates()
    assert index.add("1", WIRE) is None
    assert index.add("2", "The council voted to close two clinics on Monday, saying it could not pay staff. "
                          "Residents said they would petition the governor, and nurses planned a march.") is None
    assert index.add("3", WIRE + " Officials gave no further details.") == "1"


def test_one_failing_document_does_not_stop_clean_all(monkeypatch):
    import chronicle.clean as cm

    real = cm.clean
    monkeypatch.setattr(cm, "clean", lambda raw, **k: (_ for _ in ()).throw(RuntimeError("boom"))
                        if raw.id == "bad" else real(raw, **k))
    out = list(cm.clean_all([RawDocument(origin="x", id="bad", text=WIRE), RawDocument(origin="y", id="ok", text=WIRE + " More.")]))
    assert out[0].reason == "internal_error" and "boom" in out[0].detail and out[1].id == "ok"


def test_clean_command_prints_design_jsonl_and_exit_1_on_rejections(tmp_path):
    from click.testing import CliRunner

    from chronicle.cli import cli

    (tmp_path / "empty.txt").write_text("")
    result = CliRunner().invoke(cli, ["clean", str(FIX / "story.txt"), str(tmp_path / "empty.txt")])
    line = json.loads(result.stdout.splitlines()[0])
    assert {"article_id", "title", "text", "published", "url", "language"} <= set(line)
    assert result.exit_code == 1 and "empty.txt" in result.stderr
