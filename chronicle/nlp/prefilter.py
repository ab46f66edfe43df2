"""Spend the parse where events are.

Most of a news report's sentences cannot hold an event of interest: background, quotes about
feelings, weather, the reporter's context. A cheap test on the raw words decides which sentences
may hold one — a trigger word stem (every PLOVER type's verbs and event nouns) or a casualty /
displacement noun — and only those get spaCy's tagger, parser and NER. The other sentences are
tokenized only, so offsets and sentence boundaries still cover the whole article.

`split_chunks(text)` cuts the text into sentence-sized chunks that together are exactly the text;
`may_hold_event(chunk)` is the test. `chronicle eval prefilter` measures the test's recall on the
gold event sentences of the development sets and the share of sentences it skips.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..knowledge import Knowledge, shipped
from ..knowledge.schema import PrefilterWords

@lru_cache(maxsize=8)
def _pattern(words: PrefilterWords) -> re.Pattern:
    stems = sorted({s for group in words.stems.values() for s in group}, key=len, reverse=True)
    # "held=": the whole word only; other stems match at a word's start ("attack" → "attackers")
    alternation = "|".join(re.escape(s[:-1]) + "(?![A-Za-z])" if s.endswith("=") else re.escape(s)
                           for s in stems)
    return re.compile(rf"(?<![A-Za-z])(?:{alternation})", re.IGNORECASE)


def may_hold_event(chunk: str, *, knowledge: Knowledge | None = None) -> bool:
    """True when the chunk has a trigger stem (chronicle/knowledge/words/prefilter.toml): it gets the full parse."""
    return _pattern((knowledge or shipped()).prefilter).search(chunk) is not None


# Sentence-sized chunks: cut after . ! ? (and a closing quote or bracket) followed by whitespace and
# an upper-case letter, digit or opening quote — but not after common abbreviations or initials —
# and at every blank line. Every character of the text belongs to exactly one chunk.
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Cpl|Gov|Sen|Rep|Rev|St|Mt|Ft|No|Nos|Jan|Feb|Mar|"
    r"Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Corp|Ltd|Co|vs|etc|approx|est|Brig|Adm|Cmdr|Pres|Sr|Jr)"
    r"|\b[A-Z]|\b(?:[A-Z]\.){1,3}[A-Z])\.$")
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*(\s+)(?=[\"“‘(A-Z0-9])|\n\s*\n\s*|\n(?=\s*[-•*])")


def split_chunks(text: str) -> list[str]:
    """Cut `text` into sentence-sized chunks; "".join(chunks) == text."""
    chunks: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        head = text[start:m.start() + 1]
        if m.group(1) is not None and _ABBREV.search(head.rstrip("\"'”’)]")):
            continue
        if end > start:
            chunks.append(text[start:end])
            start = end
    if start < len(text):
        chunks.append(text[start:])
    return chunks
