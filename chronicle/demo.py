"""`make demo`: run every stage that exists on the bundled examples, store the results, and print
a readable table of what was found and where it was written.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from .config import Settings
from .pipeline import Analysis
from .records import Event, Rejected


def _short(s: str | None, n: int) -> str:
    s = (s or "").replace("\n", " ")
    return s if len(s) <= n else s[: n - 1] + "…"


def _table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    line = lambda r: "  ".join(str(x).ljust(w) for x, w in zip(r, widths)).rstrip()  # noqa: E731
    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(r) for r in rows])


def _counts(ev: Event) -> str:
    out = []
    for name in ("killed", "injured", "displaced", "arrested", "abducted", "participants"):
        c = getattr(ev.counts, name)
        if c is not None and c.best is not None:
            out.append(f"{name} {c.best}")
        elif c is not None and c.low is not None:
            out.append(f"{name} ≥{c.low}")
    return ", ".join(out)


def _actors(actors) -> str:
    return "; ".join(a.name for a in actors)


def _salience(ev: Event):
    """Violence with counts first, then ACLED-coded events, then by confidence."""
    has_counts = any(getattr(ev.counts, f) is not None for f in ("killed", "injured", "displaced", "arrested",
                                                                    "abducted", "participants"))
    return (not has_counts, ev.acled is None, -ev.confidence, ev.trigger.start)


def report(items: Sequence[Analysis | Rejected], *, per_article: int = 4) -> str:
    """The tables `make demo` prints: articles, events, rejections."""
    arts = [a for a in items if isinstance(a, Analysis)]
    rej = [r for r in items if isinstance(r, Rejected)]
    out = []
    rows = [[_short(a.article.id, 34), _short(a.article.title or a.article.text.split("\n")[0], 48),
             str(a.article.published or "—"), a.article.language or "—",
             f"dup of {a.article.duplicate_of}" if a.article.duplicate_of else str(len(a.events))]
            for a in arts]
    out.append(f"Articles ({len(arts)})\n" + _table(rows, ["id", "title", "published", "lang", "events"]))
    evrows = []
    total = 0
    for a in arts:
        shown = [ev for ev in a.events if ev.default_output]
        total += len(shown)
        for ev in sorted(shown, key=_salience)[:per_article]:
            loc = ev.location.place.name if ev.location else "—"
            if ev.location:
                loc += f" ({ev.location.place.country or '—'})"
            date = ev.date.start.isoformat() if ev.date else "—"
            acled = ev.acled[1] if ev.acled else "—"
            evrows.append([_short(a.article.id, 20), ev.type + (f"/{ev.mode}" if ev.mode else ""),
                           _short(acled, 26), _short(_actors(ev.source), 22), _short(_actors(ev.target), 22),
                           _short(loc, 24), date, _short(_counts(ev), 26), ev.certainty, f"{ev.confidence:.2f}"])
    if evrows:
        out.append(f"Events ({total} in the default output; the {per_article} most salient per article shown — "
                   f"all of them: chronicle export --format plover-jsonl)\n" + _table(
            evrows, ["article", "type", "ACLED", "source", "target", "where", "date", "counts", "certainty", "conf"]))
    else:
        out.append("Events: none (the event coding stage is not built yet)"
                   if not any(a.events for a in arts) else "Events: none")
    if rej:
        out.append(f"Rejected ({len(rej)})\n" + _table(
            [[_short(r.article_id, 40), r.stage, r.reason, _short(r.detail, 70)] for r in rej],
            ["input", "stage", "reason", "detail"]))
    return "\n\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m chronicle.demo")
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--db", default="chronicle.duckdb")
    args = ap.parse_args(argv)

    from .run import Resources, analyse, read_articles
    from .store import open_store

    t0 = time.perf_counter()
    settings = Settings.from_env(db=args.db)
    resources = Resources.load(settings)
    items = list(analyse(read_articles(args.inputs, settings=settings), resources=resources))
    from .fuse.store import fuse_store

    with open_store(args.db) as store:
        summary = store.save_all(items)
        incidents = fuse_store(store)
        summary.incidents = len(incidents)
    print(report(items))
    multi = [i for i in incidents if i.n_articles > 1]
    if incidents:
        rows = [[_short(i.type + (f"/{i.mode}" if i.mode else ""), 22),
                 _short(i.location.place.name if i.location else "—", 22),
                 i.date.start.isoformat() if i.date else "—", str(i.n_articles),
                 _short(_counts(i), 30)] for i in sorted(incidents, key=lambda i: (-i.n_articles, i.acled is None, -i.confidence))[:15]]
        print(f"\nIncidents ({len(incidents)}; {len(multi)} reported by more than one article; largest 15)\n"
              + _table(rows, ["type", "where", "date", "reports", "counts (reconciled)"]))
    print(f"\nStored in {args.db}: {summary}  ({time.perf_counter() - t0:.1f}s)")
    print(f"Look at it: chronicle export --db {args.db} --format acled-csv | head;  "
          f"python -c \"import chronicle; print(chronicle.open('{args.db}').events())\"")
    return 0


if __name__ == "__main__":
    sys.exit(main())
