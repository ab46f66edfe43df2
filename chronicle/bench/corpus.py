"""The default bench corpus: the bundled examples plus deterministic variations of them.

Each variation keeps a seed article's dateline paragraph, shuffles a subset of its paragraphs,
mixes in paragraphs from other seeds, swaps place and actor names and scales every count by one
factor (so "between 5 and 7" stays ordered), until it is 450–700 words long. Variations differ
enough from each other that near-duplicate detection does not fold them away.
"""
from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"

# place → places it may become (same country, so the gazetteer still has work to do)
PLACES = {
    "Mosul": ["Ramadi", "Fallujah", "Baiji", "Tal Afar"], "Tikrit": ["Samarra", "Baqubah"],
    "Erbil": ["Dohuk", "Sulaymaniyah"], "Kirkuk": ["Tuz Khurmatu"],
    "Maiduguri": ["Damaturu", "Bama", "Gwoza"], "Auno": ["Konduga", "Dikwa", "Monguno"],
    "Nairobi": ["Mombasa", "Kisumu"], "Nakuru": ["Eldoret", "Machakos"],
    "Mogadishu": ["Baidoa", "Kismayo", "Beledweyne"], "Mahas": ["Bulo Burte", "Jowhar"],
    "Idlib": ["Aleppo", "Hama"], "Maarat al-Numan": ["Saraqib", "Ariha"], "Khan Sheikhoun": ["Kafr Nabl"],
    "Mondoro": ["Boni", "Hombori", "Diafarabé"], "Douentza": ["Sévaré", "Mopti"],
    "El Geneina": ["Nyala", "El Fasher", "Zalingei"], "Omdurman": ["Bahri"],
    "Nyanzale": ["Kitshanga", "Rubaya", "Bunagana"], "Sake": ["Minova", "Kibumba"], "Mweso": ["Kiwanja"],
    "Marib": ["Taiz", "Hodeidah"], "Nihm": ["Sirwah", "al-Jawf"],
    "Monywa": ["Myingyan", "Pakokku", "Bago"], "Mandalay": ["Magway", "Sagaing"],
    "Jamundí": ["Suárez", "Argelia", "Tumaco"], "Popayán": ["Cali", "Santander de Quilichao"],
    "Bakhmut": ["Avdiivka", "Soledar", "Kramatorsk"], "Toretsk": ["Siversk", "Vuhledar"],
    "Kherson": ["Zaporizhzhia", "Mykolaiv"], "Red Fort": ["India Gate"],
}
ACTORS = {
    "militants": ["gunmen", "insurgents", "fighters"], "gunmen": ["militants", "attackers"],
    "protesters": ["demonstrators"], "demonstrators": ["protesters"],
    "soldiers": ["troops"], "troops": ["soldiers"], "rebels": ["fighters"],
    "Médecins Sans Frontières (MSF)": ["the International Committee of the Red Cross"],
    "UNHCR": ["the UN refugee agency"], "the International Organization for Migration": ["the IOM"],
}
_NUMBER = re.compile(r"(?<![\w:.,])(\d{1,3}(?:,\d{3})+|\d+)(?![\w:]|[.,]\d)")
_MONTH = re.compile(r"(January|February|March|April|May|June|July|August|September|October|November|December) $")
_SCALES = (0.5, 0.75, 1.5, 2.0, 3.0)


@dataclass(frozen=True, slots=True)
class Seed:
    name: str
    published: str
    paragraphs: tuple[str, ...]   # body paragraphs (≥ 25 words), the dateline paragraph first
    header: tuple[str, ...] = ()  # page furniture before the body (scraped .txt)
    footer: tuple[str, ...] = ()  # page furniture after it
    html: str | None = None       # the page template, for HTML seeds


def load_seeds(folder: Path = EXAMPLES) -> list[Seed]:
    """Read the bundled examples into seeds (the folder must hold them: a source checkout)."""
    seeds: list[Seed] = []
    for path in sorted(folder.glob("*")):
        if path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                seeds.append(Seed(row["id"], row["published"], tuple(_blocks(row["text"]))))
        elif path.suffix == ".txt":
            seeds.append(_txt_seed(path))
        elif path.suffix in (".html", ".htm"):
            seeds.append(_html_seed(path))
    return seeds


def _blocks(text: str) -> list[str]:
    return [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]


def _is_body(block: str) -> bool:
    return "\n" not in block and len(block.split()) >= 25   # furniture comes as runs of short lines


def _txt_seed(path: Path) -> Seed:
    blocks = _blocks(path.read_text(encoding="utf-8"))
    body = [i for i, b in enumerate(blocks) if _is_body(b)]
    first, last = body[0], body[-1]
    m = re.search(r"([A-Z][a-z]+ \d{1,2}, \d{4})", blocks[first])
    import datetime as dt

    published = dt.datetime.strptime(m.group(1), "%B %d, %Y").date().isoformat() if m else ""
    return Seed(path.name, published, tuple(b for b in blocks[first:last + 1] if _is_body(b)),
                header=tuple(blocks[:first]), footer=tuple(blocks[last + 1:]))


def _html_seed(path: Path) -> Seed:
    html = path.read_text(encoding="utf-8")
    paras = [re.sub(r"<[^>]+>", "", p).strip() for p in re.findall(r"<p>(.*?)</p>", html, flags=re.S)]
    m = re.search(r'article:published_time" content="(\d{4}-\d\d-\d\d)', html)
    # the template keeps everything but the article's paragraphs, which become one placeholder
    first = html.index("<p>" + paras[0][:20])
    last_p = html.rindex("</p>", 0, html.index("</article>")) + 4
    template = html[:first] + "{body}" + html[last_p:]
    return Seed(path.name, m.group(1) if m else "", tuple(p for p in paras if _is_body(p)), html=template)


def _renames(rng: random.Random, table: dict[str, list[str]]) -> dict[str, str]:
    """One consistent renaming for a whole variation (a town stays the same town throughout)."""
    return {old: rng.choice(options) for old, options in table.items() if rng.random() < 0.6}


def _swap(text: str, renames: dict[str, str]) -> str:
    for old, new in renames.items():
        if old in text:
            text = re.sub(rf"\b{re.escape(old)}\b", new, text)
    return text


def _scale_numbers(text: str, factor: float) -> str:
    def repl(m: re.Match) -> str:
        raw = m.group(1)
        value = int(raw.replace(",", ""))
        if (1900 <= value <= 2100 and "," not in raw) or _MONTH.search(text[max(0, m.start() - 10):m.start()]):
            return raw                      # a year or a day of the month
        new = max(1, round(value * factor))
        return f"{new:,}" if "," in raw or new >= 10000 else str(new)
    return _NUMBER.sub(repl, text)


def variation(seed: Seed, others: list[Seed], rng: random.Random, *, low: int = 450, high: int = 700) -> list[str]:
    """One variation of `seed` as a list of body paragraphs (dateline paragraph first)."""
    lead, rest = seed.paragraphs[0], list(seed.paragraphs[1:])
    rng.shuffle(rest)
    own = rest[: max(2, int(len(rest) * rng.uniform(0.4, 0.8)))]
    paras = [lead] + own
    pool = [p for s in others if s is not seed for p in s.paragraphs[1:]]
    for _ in range(rng.randint(1, 3)):      # recombine: a few paragraphs from other reports
        paras.insert(rng.randint(1, len(paras)), rng.choice(pool))
    while sum(len(p.split()) for p in paras) < low:
        paras.append(rng.choice(pool))
    while len(paras) > 2 and sum(len(p.split()) for p in paras) > high:
        paras.pop()
    factor = rng.choice(_SCALES)
    renames = _renames(rng, PLACES) | _renames(rng, ACTORS)
    return [_scale_numbers(_swap(p, renames), factor) for p in paras]


def build(n: int = 300, *, seed: int = 0, folder: Path = EXAMPLES) -> list[dict]:
    """`n` JSONL rows (id, published, source, and text or html): the examples, then variations.

        >>> rows = build(300); len(rows)
        300
    """
    seeds = load_seeds(folder)
    if not seeds:
        raise FileNotFoundError(f"no examples in {folder}: run from a source checkout or pass a corpus")
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        s = seeds[i % len(seeds)]
        paras = list(s.paragraphs) if i < len(seeds) else variation(s, seeds, rng)
        row = {"id": f"bench-{i:04d}", "published": s.published, "source": "chronicle bench", "url": None}
        if s.html is not None:
            row["html"] = s.html.replace("{body}", "\n".join(f"<p>{p}</p>" for p in paras))
        else:
            body = "\n\n".join(paras)
            row["text"] = "\n\n".join([*s.header, body, *s.footer]) if s.header or s.footer else body
        rows.append(row)
    return rows


def write(rows: list[dict], path: Path) -> Path:
    """Write rows as JSONL (one article per line) and return the path."""
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path
