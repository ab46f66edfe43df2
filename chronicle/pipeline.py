"""Runs the stages in order. Each stage declares the `Analysis` fields it reads (`needs`) and
writes (`provides`), so a pipeline that does not fit together fails before the first article, a stage
that writes a field it did not declare fails loudly, and a failure in one article becomes a
`Rejected` record instead of stopping the batch.

A declared name is an `Analysis` field ("doc", "toponyms", "events") or a field of the records it
holds ("article.text", "events.location"): a stage that fills one field of every event declares that
field ("events.location"), so a later stage or an evaluation can ask whether anything dates or
places the events.

    >>> check([ParseStage(None)])                       # needs article.text: given
    >>> check([ParseStage(None)], given=())
    Traceback (most recent call last):
    ...
    chronicle.errors.PipelineError: stage 'nlp' needs ['article.text'] but the stages before it provide only []: put a stage that provides them earlier
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
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
    needs: frozenset[str]       # the Analysis fields (or "field.subfield") it reads
    provides: frozenset[str]    # the ones it writes

    def run(self, batch: Sequence[Analysis]) -> list[Analysis]:
        """Process a batch; may raise, in which case the pipeline retries article by article."""
        ...


# what each Analysis field holds, for "field.subfield" names; the pipeline is given the article
_ITEMS = {"article": Article, "events": Event, "toponyms": Toponym}
GIVEN = ("article",)


def field_names() -> frozenset[str]:
    """Every name a stage may declare: the Analysis fields and the fields of the records they hold."""
    names = {f.name for f in fields(Analysis)}
    for head, record in _ITEMS.items():
        names |= {f"{head}.{f.name}" for f in fields(record)}
    return frozenset(names)


def _satisfied(name: str, have: set[str]) -> bool:
    head = name.split(".", 1)[0]
    return name in have or (head in have and head in GIVEN)


def check(stages: Sequence[Stage], *, given: Iterable[str] = GIVEN) -> None:
    """Raise PipelineError if a stage declares a name that is no field, or needs something no
    earlier stage provides."""
    known = field_names()
    have = set(given)
    for stage in stages:
        unknown = sorted((set(stage.needs) | set(stage.provides)) - known)
        if unknown:
            raise PipelineError(
                f"stage {stage.name!r} declares {unknown}, which are no fields of Analysis or of the records it "
                f"holds: declare Analysis fields ({', '.join(f.name for f in fields(Analysis))}) or "
                f"'field.subfield' ('article.text', 'events.location')")
        missing = sorted(n for n in stage.needs if not _satisfied(n, have))
        if missing:
            raise PipelineError(
                f"stage {stage.name!r} needs {missing} but the stages before it provide "
                f"only {sorted(have)}: put a stage that provides them earlier"
            )
        have |= set(stage.provides)


def provided(stages: Sequence[Stage], *, given: Iterable[str] = GIVEN) -> set[str]:
    """Every name the stages (and the input) provide."""
    out = set(given)
    for s in stages:
        out |= set(s.provides)
    return out


def _written(stage: Stage) -> frozenset[str]:
    """The Analysis fields a stage may replace: the heads of what it provides."""
    return frozenset(n.split(".", 1)[0] for n in stage.provides)


class Pipeline:
    """An ordered, checked list of stages run over batches of articles."""

    def __init__(self, stages: Sequence[Stage], *, batch_size: int = 32):
        check(stages)
        self.stages = list(stages)
        self.batch_size = batch_size

    @property
    def provides(self) -> set[str]:
        return provided(self.stages)

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
    except PipelineError:
        raise
    except Exception:
        if len(batch) == 1:
            return [_reject(stage, batch[0])]
        results: list[Analysis | Rejected] = []
        for a in batch:
            try:
                results.extend(_declared(stage, [a], stage.run([a])))
            except PipelineError:
                raise
            except Exception:
                results.append(_reject(stage, a))
        return results
    return _declared(stage, batch, out)


_FIELDS = tuple(f.name for f in fields(Analysis))


def _declared(stage: Stage, before: Sequence[Analysis], after: Sequence[Analysis]) -> list[Analysis]:
    """`after`, once every Analysis in it is checked to differ from its input only in the fields the
    stage provides (a stage that writes more than it declares is a bug: PipelineError, not a Rejected)."""
    allowed = _written(stage)
    for a, b in zip(before, after):
        if b is a or not isinstance(b, Analysis):
            continue
        changed = [f for f in _FIELDS if f not in allowed and getattr(a, f) is not getattr(b, f)]
        if changed:
            raise PipelineError(f"stage {stage.name!r} changed {changed} of article {a.article.id!r} but declares "
                                f"only {sorted(stage.provides)}: add them to its `provides`")
    return list(after)


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
    needs = frozenset({"article.text"})
    provides = frozenset({"doc", "notes"})

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
