"""Furniture removal: the labelled pages (precision/recall floors) and the tricky lines one by one."""
from __future__ import annotations

import pytest

from chronicle.clean.furniture import classify, load_gold, strip_furniture, strip_lines


def _counts():
    tp = fp = fn = 0
    for page in load_gold():
        for (line, is_furniture), gone in zip(page, strip_lines([l for l, _ in page])):
            tp += is_furniture and gone
            fp += gone and not is_furniture
            fn += is_furniture and not gone
    return tp, fp, fn


def test_gold_set_is_big_enough():
    lines = [lab for page in load_gold() for line, lab in page if line.strip()]
    assert sum(lines) >= 40 and len(lines) - sum(lines) >= 40


def test_furniture_precision_and_recall_on_the_labelled_pages():
    tp, fp, fn = _counts()
    assert tp / (tp + fp) >= 0.97 and tp / (tp + fn) >= 0.95


@pytest.mark.parametrize("line", [
    "Protesters said they would watch the live broadcast of the verdict.",
    "The photo, taken by AP, shows officers chasing young men down a side street.",
    "Residents had been told to download the authority's flood-warning app, officials said.",
    "Lawyers said the judge had read more into the police report than the evidence allowed.",
    "Witnesses shared videos on social media showing a column of black smoke.",
    "A map published by the authority showed the worst-hit areas along the river.",
])
def test_story_sentences_that_mention_furniture_words_are_kept(line):
    assert not classify(line)


@pytest.mark.parametrize("line", [
    "Watch CNN Live", "Download our app", "Your browser is not supported", "Video 02:31",
    "Photo: Reuters", "Map data © OpenStreetMap", "Share on Facebook | Share on Twitter", "Read more",
    "We use cookies to give you the best experience on our website.", "Follow us on Instagram",
])
def test_furniture_lines_are_removed(line):
    assert classify(line)


def test_video_caption_after_running_time_goes_and_paragraphs_stay():
    text = ("Video 01:38\nWho are the fighters?\n\nThe offensive appeared to be spreading south on Wednesday, "
            "residents said, as more families left the city on foot.\n\nShare this article")
    assert strip_furniture(text) == ("The offensive appeared to be spreading south on Wednesday, residents said, "
                                     "as more families left the city on foot.")
