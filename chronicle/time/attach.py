"""Which date expression belongs to an event: the one nearest the trigger in the dependency tree
(same clause first), else the publication date at day precision."""
from __future__ import annotations

import datetime as dt

from ..records import DatePrecision, EventDate
from .expressions import DateMention, find_mentions


def find_dates(text_or_span, *, offset: int | None = None) -> list[DateMention]:
    """Date expressions in a string (offsets into it, plus `offset`) or a spaCy Span/Doc (offsets
    into the Doc's text).

        >>> [m.text for m in find_dates("Gunmen attacked the town on Sunday night and last week.")]
        ['on Sunday night', 'last week']
    """
    if isinstance(text_or_span, str):
        return find_mentions(text_or_span, offset=offset or 0)
    text = getattr(text_or_span, "text", None)
    if not isinstance(text, str):
        raise TypeError(f"find_dates needs a str or a spaCy Span/Doc, got {type(text_or_span).__name__}")
    start = getattr(text_or_span, "start_char", 0)
    return find_mentions(text, offset=start if offset is None else offset)


def _path(tok) -> list:
    out = [tok]
    while tok.head.i != tok.i:
        tok = tok.head
        out.append(tok)
    return out


def tree_distance(a, b) -> int:
    """Number of dependency arcs between two tokens of one sentence (large if unconnected)."""
    pa, pb = _path(a), _path(b)
    ib = {t.i: k for k, t in enumerate(pb)}
    for k, t in enumerate(pa):
        if t.i in ib:
            return k + ib[t.i]
    return 1000


def _mention_head(doc, m: DateMention):
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def pick_mention(doc, sent, trigger, mentions: list[DateMention]) -> DateMention | None:
    """The mention nearest the trigger: fewest dependency arcs, then fewest tokens apart."""
    best, best_key = None, None
    for m in mentions:
        head = _mention_head(doc, m)
        if head is None:
            continue
        arcs = tree_distance(trigger, head) if head.sent.start == trigger.sent.start else 1000
        linear = min(abs(t.i - trigger.i) for t in doc.char_span(m.start, m.end, alignment_mode="expand"))
        key = (arcs, linear)
        if best_key is None or key < best_key:
            best, best_key = m, key
    return best


def is_future(sent, trigger, doc) -> bool:
    """The event is spoken of as still to come ("will meet", "plans to march", "next week").
    A trigger in the simple past ("abducted") is past whatever attribute() reads around it."""
    from ..attribute import attribute

    if trigger.tag_ == "VBD":
        return False
    return attribute(sent, trigger, doc).future


def date_for_event(doc, sent, trigger_token_i: int, published: dt.date | None, *,
                   mentions: list[DateMention] | None = None) -> EventDate | None:
    """The event's date: the expression tied to the trigger, else the sentence's nearest one, else
    the publication date (day precision, text None). None when nothing resolves — a relative
    expression without a publication date never falls back to today. `mentions` (the
    sentence's find_dates) may be passed to save finding them again for each event.

        >>> doc = nlp("Militants attacked a checkpoint on Tuesday.")
        >>> date_for_event(doc, doc[:], 1, dt.date(2014, 6, 11)).start
        datetime.date(2014, 6, 10)
    """
    if not isinstance(trigger_token_i, int) or not 0 <= trigger_token_i < len(doc):
        raise ValueError(f"trigger token index {trigger_token_i!r} is outside the document "
                         f"(0..{len(doc) - 1})")
    if published is not None and not isinstance(published, dt.date):
        raise TypeError(f"published must be a datetime.date or None, got {published!r}")
    if isinstance(published, dt.datetime):
        published = published.date()
    trigger = doc[trigger_token_i]
    if mentions is None:
        mentions = find_dates(sent)
    chosen = pick_mention(doc, sent, trigger, mentions)
    if chosen is not None:
        return chosen.resolve(published, tense_past=not is_future(sent, trigger, doc))
    if published is None:
        return None
    return EventDate(published, published, DatePrecision.DAY, None, False)
