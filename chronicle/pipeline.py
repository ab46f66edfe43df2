"""Runs the stages in order. Each stage declares what it needs and provides, so a pipeline that
does not fit together fails before the first article, and a failure in one article becomes a
`Rejected` record instead of stopping the batch.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from .errors import PipelineError
from .records import Article, Event, Rejected, Toponym


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the stages know about one article so far."""

    article: Article
    doc: Any = None                       # spaCy Doc over article.text
    toponyms: tuple[Toponym, ...] = ()
    events: tuple[Event, ...] = ()        # every candidate, flagged ones included
    notes: tuple[str, ...] = ()           # why the article produced what it did (--explain)
    signals: Mapping[str, Mapping[str, float]] = field(default_factory=dict)   # event id -> the rules' signals

    def with_(self, **changes) -> "Analysis":
        return replace(self, **changes)


class Stage(Protocol):
    name: str
    needs: frozenset[str]
    provides: frozenset[str]

    def run(self, batch: Sequence[Analysis]) -> list[Analysis]:
        """Process a batch; may raise, in which case the pipeline retries article by article."""
        ...


def check(stages: Sequence[Stage], *, given: Iterable[str] = ("article", "text")) -> None:
    """Raise PipelineError if a stage needs something no earlier stage provides."""
    have = set(given)
    for stage in stages:
        missing = set(stage.needs) - have
        if missing:
            raise PipelineError(
                f"stage {stage.name!r} needs {sorted(missing)} but the stages before it provide "
                f"only {sorted(have)}: put a stage that provides them earlier"
            )
        have |= set(stage.provides)


class Pipeline:
    """An ordered, checked list of stages run over batches of articles."""

    def __init__(self, stages: Sequence[Stage], *, batch_size: int = 32):
        check(stages)
        self.stages = list(stages)
        self.batch_size = batch_size

    @property
    def provides(self) -> set[str]:
        out = {"article", "text"}
        for s in self.stages:
            out |= set(s.provides)
        return out

    def run(self, articles: Iterable[Article | Rejected]) -> Iterator[Analysis | Rejected]:
        """Yield an Analysis per article (or its Rejected), in input order."""
        batch: list[Analysis | Rejected] = []
        for item in articles:
            batch.append(item if isinstance(item, Rejected) else Analysis(item))
            if len(batch) >= self.batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, items: list[Analysis | Rejected]) -> list[Analysis | Rejected]:
        for stage in self.stages:
            # near-duplicates are linked to their first copy, not analysed again as new evidence
            live = [(i, a) for i, a in enumerate(items)
                    if isinstance(a, Analysis) and a.article.duplicate_of is None]
            if not live:
                break
            for (i, _), out in zip(live, _run_isolated(stage, [a for _, a in live])):
                items[i] = out
        return items


def _run_isolated(stage: Stage, batch: list[Analysis]) -> list[Analysis | Rejected]:
    """Run a stage on a batch; if the batch fails, run each article alone to find the bad one."""
    try:
        out = stage.run(batch)
        if len(out) != len(batch):
            raise PipelineError(f"stage {stage.name!r} returned {len(out)} items for {len(batch)}")
        return list(out)
    except PipelineError:
        raise
    except Exception:
        if len(batch) == 1:
            return [_reject(stage, batch[0])]
        results: list[Analysis | Rejected] = []
        for a in batch:
            try:
                results.extend(stage.run([a]))
            except PipelineError:
                raise
            except Exception:
                results.append(_reject(stage, a))
        return results


def _reject(stage: Stage, analysis: Analysis) -> Rejected:
    import sys
    import traceback

    exc_type, exc, _ = sys.exc_info()
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc is not None else None
    loc = f" at {where.filename.rsplit('/', 1)[-1]}:{where.lineno}" if where else ""
    return Rejected(
        article_id=analysis.article.id,
        stage=stage.name,
        reason="internal_error",
        detail=(f"stage {stage.name!r} failed on this article ({exc_type.__name__ if exc_type else 'error'}: "
                f"{exc}{loc}); the rest of the batch went on. Please report it with the article."),
    )


class ParseStage:
    """spaCy over the cleaned text: sentences, tokens, entities, dependencies.

    With `prefilter`, only sentence-sized chunks that may hold an event (chronicle.nlp.prefilter)
    get the full model; the rest are tokenized only, with no tags, parse or entities — so a stage
    must skip sentences for which `chronicle.nlp.is_parsed(sent)` is False. The Doc still covers
    the whole text with the same offsets.
    """

    name = "nlp"
    needs = frozenset({"text"})
    provides = frozenset({"doc", "sentences", "entities", "dependencies"})

    def __init__(self, nlp, *, batch_size: int = 32, prefilter: bool = False):
        self.nlp = nlp
        self.batch_size = batch_size
        self.prefilter = prefilter

    def run(self, batch: Sequence[Analysis]) -> list[Analysis]:
        if not self.prefilter:
            docs = self.nlp.pipe([a.article.text for a in batch], batch_size=self.batch_size)
            return [a.with_(doc=d) for a, d in zip(batch, docs)]
        from .nlp import parse_filtered

        out = []
        for a, (doc, parsed, total) in zip(batch, parse_filtered(self.nlp, [a.article.text for a in batch])):
            note = (f"parsed {parsed} of {total} sentence chunks; the other {total - parsed} have no event "
                    f"word (chronicle.nlp.prefilter)") if parsed < total else None
            out.append(a.with_(doc=doc, notes=a.notes + ((note,) if note else ())))
        return out
