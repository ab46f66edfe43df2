"""The pipeline stage that dates every event (and flags historical ones)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..clean.ids import plausible_published
from ..pipeline import Analysis
import re

from .attach import date_for_event, find_dates
from .dateline import dateline_date, dateline_span
from .expressions import find_mentions

_HEADER_END = re.compile(r"\s*[:\u2013\u2014-]")


def section_dates(text: str) -> list:
    """Dates that head a section: a line opening with a date and a colon or dash ("October 24:
    ARRESTS – ...", "Tuesday 10 June — ..."), in a police blotter, a live blog or a chronology; each
    dates what follows it until the next one."""
    out = []
    offset = 0
    for line in text.splitlines(keepends=True):
        ms = find_mentions(line[:60])
        if ms and ms[0].start == len(line) - len(line.lstrip()) and _HEADER_END.match(line, ms[0].end):
            m = ms[0]
            out.append(type(m)(m.text, m.start + offset, m.end + offset, m.kind, m.groups))
        offset += len(line)
    return out


class DateStage:
    """Sets each Event's `date` and `historical` from its sentence and the article's publication
    date (or, for plain text without one, the date in its dateline)."""

    name = "date"
    needs = frozenset({"events", "doc", "article.text", "article.published"})
    provides = frozenset({"events.date", "events.historical"})

    @classmethod
    def from_resources(cls, res) -> "DateStage":
        return cls()

    def run(self, batch: Sequence[Analysis]) -> list[Analysis]:
        return [self.date_analysis(a) for a in batch]

    def date_analysis(self, a: Analysis) -> Analysis:
        if not a.events or a.doc is None:
            return a
        # a placeholder date (0001-01-01) counts as unknown: date arithmetic near year 1 overflows
        published = plausible_published(a.article.published) or plausible_published(dateline_date(a.article.text))
        doc = a.doc
        line = dateline_span(a.article.text)
        headers = section_dates(a.article.text)
        events = []
        found: dict[int, list] = {}      # sentence start -> its date mentions
        for ev in a.events:
            span = doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
            if span is None or not len(span):
                events.append(ev)
                continue
            trigger = span.root
            sent = trigger.sent
            if sent.start not in found:
                found[sent.start] = [m for m in find_dates(sent)
                                     if line is None or not (line[0] <= m.start < line[1])]
            date = date_for_event(doc, sent, trigger.i, published, mentions=found[sent.start])
            if (date is None or date.text is None) and headers:
                head = next((h for h in reversed(headers) if h.start < sent.start_char), None)
                resolved = head.resolve(published) if head is not None else None
                date = resolved or date
            historical = ev.historical or bool(date and date.historical)
            events.append(replace(ev, date=date, historical=historical))
        return a.with_(events=tuple(events))
