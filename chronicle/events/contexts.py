"""PLOVER contexts from keywords (lemmas). An event gets a context when there is evidence near it -
one of the context's words in the event's sentence, or in its paragraph a strong word or two
different ordinary words - or strong evidence in the whole article (a weight of 5 or more, strong
words counting 2 and ordinary ones 1, from at least two different words). A single 'vote' or
'trial' in another paragraph no longer makes every event of the article an election or legal one."""
from __future__ import annotations

from ..knowledge import Knowledge, shipped

DOC_WEIGHT = 5


class ContextIndex:
    """Context words of one document, found once; `near(sent)` gives one event's contexts."""

    def __init__(self, doc, *, knowledge: Knowledge | None = None):
        from ..nlp import doc_text

        contexts = (knowledge or shipped()).events.contexts

        self.hits: dict[str, list[tuple[int, str, bool]]] = {}     # context -> (char offset, word, strong)
        for t in doc:
            if not (t.is_alpha or "-" in t.text):
                continue
            keys = {t.lemma_.lower(), t.lower_}
            for name, words in contexts.items():
                if keys & words.strong:
                    self.hits.setdefault(name, []).append((t.idx, t.lemma_.lower(), True))
                elif keys & words.ordinary:
                    self.hits.setdefault(name, []).append((t.idx, t.lemma_.lower(), False))
        text = doc_text(doc)
        self._breaks = [i for i in range(len(text) - 1) if text[i] == "\n" and text[i + 1] == "\n"]
        self._len = len(text)
        self.document = tuple(sorted(
            name for name, hs in self.hits.items()
            if sum(2 if st else 1 for _, _, st in hs) >= DOC_WEIGHT and len({w for _, w, _ in hs}) >= 2))

    def paragraph(self, pos: int) -> tuple[int, int]:
        """Character bounds of the paragraph (text between blank lines) around `pos`."""
        start = max((b for b in self._breaks if b < pos), default=0)
        end = min((b for b in self._breaks if b >= pos), default=self._len)
        return start, end

    def near(self, sent) -> tuple[str, ...]:
        """Contexts of an event read in sentence `sent` (a Span), sorted."""
        s0, s1 = sent.start_char, sent.end_char
        p0, p1 = self.paragraph(s0)
        out = set(self.document)
        for name, hs in self.hits.items():
            if name in out:
                continue
            if any(s0 <= i < s1 for i, _, _ in hs):
                out.add(name)
                continue
            para = [(w, st) for i, w, st in hs if p0 <= i < p1]
            if any(st for _, st in para) or len({w for w, _ in para}) >= 2:
                out.add(name)
        return tuple(sorted(out))


def contexts_for(doc, *, knowledge: Knowledge | None = None) -> tuple[str, ...]:
    """PLOVER contexts with strong evidence in the whole document (sorted); see ContextIndex for
    an event's own contexts."""
    return ContextIndex(doc, knowledge=knowledge).document


def contexts_anywhere(doc, *, knowledge: Knowledge | None = None) -> tuple[str, ...]:
    """The old document-level reading: any strong word, or two ordinary words (sorted)."""
    lemmas: dict[str, int] = {}
    for t in doc:
        if t.is_alpha or "-" in t.text:
            for k in {t.lemma_.lower(), t.lower_}:
                lemmas[k] = lemmas.get(k, 0) + 1
    out = []
    for name, words in (knowledge or shipped()).events.contexts.items():
        if any(w in lemmas for w in words.strong) or sum(1 for w in words.ordinary if w in lemmas) >= 2:
            out.append(name)
    return tuple(sorted(out))
