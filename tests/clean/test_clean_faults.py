"""Articles that used to end in an internal error or a wrong reason (issue 15, item 7): a clear
reason, or the article read."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from chronicle.cli import main
from chronicle.clean import clean, clean_all
from chronicle.config import Settings
from chronicle.records import Article, RawDocument, Rejected

WIRE = ("Security forces fired tear gas at thousands of protesters in Khartoum on Thursday, killing at least "
        "nine people, a doctors' committee said. The committee said the deaths brought to 113 the number of "
        "people killed at protests since the army seized power in October.")
# written for this test: "Police said fourteen people were arrested in the city centre on Thursday evening
# after a crowd threw stones at a patrol car; two officers were hurt." (Chinese, then Thai)
CHINESE = "警方表示，周四晚上一群人向巡逻车投掷石块后，市中心有十四人被捕，两名警察受伤。抗议者要求政府释放被拘留的学生。"
THAI = "ตำรวจกล่าวว่ามีผู้ถูกจับกุมสิบสี่คนในใจกลางเมืองเมื่อเย็นวันพฤหัสบดีหลังจากฝูงชนขว้างก้อนหินใส่รถสายตรวจ"


@pytest.mark.parametrize("text,language", [(CHINESE * 2, "Chinese"), (THAI * 2, "Thai")])
def test_text_in_a_script_without_spaces_is_rejected_for_its_language_not_as_furniture(text, language):
    r = clean(RawDocument(origin="zh.txt", text=text, id="zh"))
    assert isinstance(r, Rejected) and r.reason == "language" and language in r.detail, r


def test_a_short_chinese_headline_line_is_not_a_five_word_sentence_by_accident():
    r = clean(RawDocument(origin="x", text="新闻", id="x"))
    assert isinstance(r, Rejected) and r.reason == "no_text"


@pytest.mark.parametrize("value", ["0001-01-01", "0001-01-01T00:00:00Z", "9999-12-31", "1700-05-05"])
def test_a_placeholder_publication_date_counts_as_unknown(value):
    a = clean(RawDocument(origin="x", text=WIRE, id="x", published=value))
    assert isinstance(a, Article) and a.published is None


def test_a_placeholder_date_falls_back_to_the_dateline():
    a = clean(RawDocument(origin="x", text="KHARTOUM, June 30, 2022 (Nile Wire) — " + WIRE, id="x",
                          published="0001-01-01"))
    assert a.published == dt.date(2022, 6, 30)


def test_an_article_published_0001_01_01_is_analysed_not_an_internal_error(settings, nlp):
    from chronicle.run import Resources, analyse

    raw = RawDocument(origin="x", text="On Tuesday gunmen attacked a police post in Kano, killing four officers.",
                      id="zero-time", published="0001-01-01")
    (item,) = list(analyse(clean_all([raw]), resources=Resources(settings=settings, nlp=nlp)))
    assert not isinstance(item, Rejected), item
    assert item.events and all(e.date is None for e in item.events)   # "on Tuesday" cannot be placed


def test_the_date_stage_ignores_a_placeholder_date_given_through_the_library(settings, nlp):
    from chronicle.run import Resources, analyse

    art = Article(id="lib", text="On Tuesday gunmen attacked a police post in Kano, killing four officers.",
                  origin="lib", published=dt.date(1, 1, 1))
    (item,) = list(analyse([art], resources=Resources(settings=settings, nlp=nlp)))
    assert not isinstance(item, Rejected), item


def test_published_option_outside_the_plausible_range_is_a_usage_error(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(WIRE)
    assert main(["clean", str(f), "--published", "0001-01-01"]) == 2
    assert "between 1800-01-01" in capsys.readouterr().err


def test_an_article_over_max_chars_is_too_large_and_names_the_setting():
    r = clean(RawDocument(origin="big.txt", text=WIRE * 4, id="big"), max_chars=500)
    assert isinstance(r, Rejected) and r.reason == "too_large"
    assert "--max-chars" in r.detail and "CHRONICLE_MAX_CHARS" in r.detail and f"{len(WIRE * 4) - 0:,}"[:3] in r.detail
    assert isinstance(clean(RawDocument(origin="big.txt", text=WIRE * 4, id="big"), max_chars=5000), Article)


def test_an_article_over_spacys_million_characters_is_too_large_by_default(tmp_path, capsys):
    f = tmp_path / "book.jsonl"
    f.write_text(json.dumps({"id": "book", "text": (WIRE + "\n\n") * 4000}) + "\n")
    assert main(["clean", str(f)]) == 1
    err = capsys.readouterr().err
    assert "[clean/too_large]" in err and "1,000,000" in err and "--max-chars" in err


def test_max_chars_from_the_flag_and_the_environment(tmp_path, capsys, monkeypatch):
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"id": "a", "text": WIRE * 3}) + "\n")
    assert main(["clean", str(f), "--max-chars", "200"]) == 1
    assert "limit of 200" in capsys.readouterr().err
    monkeypatch.setenv("CHRONICLE_MAX_CHARS", "300")
    assert Settings.from_env().max_chars == 300
    assert main(["clean", str(f)]) == 1 and "limit of 300" in capsys.readouterr().err
    assert main(["clean", str(f), "--max-chars", "100000"]) == 0


@pytest.mark.parametrize("value", ["lots", "0", "-5"])
def test_a_bad_limit_in_the_environment_is_a_usage_error(value):
    from chronicle.errors import UsageError

    with pytest.raises(UsageError, match="CHRONICLE_MAX_BYTES"):
        Settings.from_env({"CHRONICLE_MAX_BYTES": value})


def test_raising_max_chars_lets_the_model_take_longer_texts():
    import spacy

    from chronicle.nlp import allow_length

    nlp = spacy.blank("en")
    nlp.max_length = 1000
    with pytest.raises(ValueError, match="E088"):
        nlp("word " * 300)
    assert len(allow_length(nlp, 2000)("word " * 300)) == 300
    assert allow_length(nlp, 10).max_length == 2000           # never lowered


def test_max_bytes_flag_is_what_the_too_large_message_advises(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(WIRE * 20)
    assert main(["clean", str(f), "--max-bytes", "1000"]) == 1
    err = capsys.readouterr().err
    assert "[ingest/too_large]" in err and "--max-bytes" in err
    assert main(["clean", str(f), "--max-bytes", "100000"]) == 0
