"""Page furniture in text scraped from news sites: the lines around and inside a story that are
the site talking ("Watch World News Live", "Download our app", "Video 02:31", "Photo: Reuters",
"Share on Facebook", "Read more", cookie notices), not the report.

A line goes only when it looks like furniture *as a whole line*: story sentences that merely
mention watching, photos or apps ("Protesters said they would watch the live broadcast of the
verdict.") are long, end like sentences and are kept. Measured by `chronicle eval furniture`.
"""
from __future__ import annotations

import re
from pathlib import Path

GOLD = Path(__file__).with_name("furniture_gold.txt")

_I = re.I

# Lines that are furniture even when they are long sentences (first person site talk).
STRONG = re.compile(r"""^(?:
      (?:we|this\s+(?:web)?site|our\s+(?:web)?site)\s+uses?\s+cookies
    | by\s+(?:continuing|using\s+this\s+(?:web)?site|clicking)\b.{0,80}\b(?:cookies|agree|terms|privacy)
    | (?:accept|reject|manage)\s+(?:all\s+)?cookies
    | (?:your|this)\s+browser\s+(?:is\s+(?:not|no\s+longer)\s+supported|does\s*n[o']t\s+support|is\s+out\s+of\s+date)
    | (?:please\s+)?(?:update|upgrade|switch)\s+(?:to\s+)?(?:your|a)\s+(?:newer\s+|modern\s+|supported\s+)?browser
    | (?:please\s+)?enable\s+javascript
    | javascript\s+is\s+(?:disabled|required|not\s+enabled)
    | (?:download|get|install|try)\s+(?:our|the\s+\w+(?:\s+\w+)?)\s+(?:free\s+|new\s+|news\s+)?app\b
    | (?:sign\s+up|subscribe)\s+(?:for|to)\s+(?:our|the)\s+.{0,40}(?:newsletter|alerts|briefing|updates)
    | (?:follow|like|join)\s+us\s+on\b
    | (?:this|the)\s+video\s+(?:can\s*not|cannot|could\s+not|is\s+not\s+available|is\s+unavailable)
    | (?:click|tap)\s+here\s+to\b
    | story\s+continues\s+below
    | (?:the\s+)?article\s+continues\s+(?:below|after)
    | (?:to\s+)?(?:continue\s+)?reading\s+(?:this|the\s+full)\s+(?:article|story)
    | you\s+(?:have|'ve)\s+(?:reached|read)\s+your\s+(?:limit|free\s+articles)
    | already\s+a\s+subscriber
    | copyright\s+(?:©\s*)?\d{4}
    | ©\s*(?:\d{4}|copyright)
    | all\s+rights\s+reserved
)""", re.I | re.X)

# Whole-line furniture: only applied to short lines that are not sentences.
WEAK = re.compile(r"""^(?:
      (?:watch|listen|stream)(?:\s+(?:to|on))?\b.{0,40}\blive\b.{0,20}
    | live(?:\s*(?:tv|now|stream|updates?|blog|coverage|:|-|–|—|\|)).{0,60}
    | (?:watch|video|listen|play(?:\s+video)?|now\s+playing|up\s+next)\s*[:|\-–—]\s*.{0,90}
    | (?:watch|play)\s+(?:video|now|again|the\s+video|more)\b.{0,40}
    | (?:photo|photos|image|images|picture|pictures|video|footage|graphic|illustration|map|source|credit)s?
      (?:\s+credit)?\s*(?::|/|©|\bby\b)\s*.{0,70}
    | (?:ap|afp|reuters|getty\s+images|epa|anadolu|xinhua)\s*(?:photo)?\s*(?:/|via|\||$).{0,60}
    | (?:\(|\[)?\s*(?:photo|image|picture)\s+(?:by|courtesy\s+of)\b.{0,80}
    | map\s+data\b.{0,60}
    | (?:share|tweet|email|e-mail|print|save|copy\s+link|comment|comments|whatsapp|facebook|twitter|linkedin|reddit|telegram|pinterest)
      (?:\s+(?:this|the)?\s*(?:article|story|page|link|video|on\s+\w+|via\s+\w+|with\s+\w+))?\s*(?:\(\d+\))?
    | share\s+(?:this|on|via|the)\b.{0,60}
    | (?:sign\s+in|log\s*in|sign\s+up|register|subscribe|my\s+account|menu|search|home|close|skip\s+(?:to\s+\w+(?:\s+\w+)?|ad(?:vert(?:isement)?)?))\b.{0,30}
    | (?:read|see|view|show|load)\s+(?:more|all|full|less)\b.{0,80}
    | (?:related|more|also|recommended|most\s+(?:read|popular|viewed|shared)|trending|top\s+stories|editor'?s\s+picks?|latest|you\s+may\s+(?:also\s+)?like|more\s+(?:on|from)\s+this\s+(?:story|topic))\b\s*(?:[:|\-–—].{0,100}|(?:stories|articles|news|videos|coverage|content|reading)?)
    | advertisement|advert|sponsored(?:\s+content)?|ad|promoted|partner\s+content
    | (?:cookie|cookies|privacy)\s+(?:settings|policy|preferences|notice).{0,60}
    | (?:terms|privacy|about\s+us|contact\s+us|help|feedback|accessibility)(?:\s+(?:of\s+(?:use|service)|policy))?
    | (?:breaking(?:\s+news)?|just\s+in|developing(?:\s+story)?|exclusive|opinion|analysis|explainer)\s*[:|\-–—]?
    | (?:updated|published|posted|last\s+updated|first\s+published|modified)\b\s*:?\s*.{0,50}
    | by\s+[A-Z][\w'.\-]*(?:\s+(?:[A-Z][\w'.\-]*|and|&|de|van|al|bin|staff|correspondent|reporter|in\s+\w+))*\s*(?:,\s*[A-Z][\w\s]{0,30})?
    | (?:\d+\s+)?(?:min(?:ute)?s?|hours?|days?)\s+(?:read|ago)
    | getty\s+images|image\s+source.{0,50}|image\s+caption.{0,100}|media\s+caption.{0,100}
    | (?:add|remove)\s+(?:to\s+)?(?:bookmarks?|favou?rites|myft|saved)
    | (?:listen\s+to\s+(?:this\s+)?article|audio\s+(?:version|player)).{0,30}
    | (?:open|continue|read)\s+in\s+(?:the\s+)?app
    | \(?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|produced)\s+by\b.{0,120}
    | get\s+the\s+app\b.{0,60}
    | (?:our\s+|daily\s+|free\s+)?newsletters?(?:\s+sign[\s-]?up)?
    | (?:available|get\s+it)\s+on\s+(?:the\s+)?(?:app\s+store|google\s+play).{0,40}
    | (?:choose|pick|select)\s+(?:a|your)\s+browser.{0,60}
    | (?:chrome|firefox|safari|edge|opera)(?:\s*[|,/]\s*(?:chrome|firefox|safari|edge|opera|internet\s+explorer))+
)$""", re.I | re.X)

# A running time: "Video 02:31", "02:31", "(1:02:45)", "Duration 3:05".
TIMER = re.compile(r"(?:^|\s|\()(?:\d{1,2}:)?\d{1,2}:\d{2}\)?\s*$|^(?:video|duration|now\s+playing|watch)\b.{0,60}\b\d{1,2}:\d{2}\b", re.I)
_SENTENCE_END = re.compile(r"""[.!?]["'”’)\]]*$""")
_WORD = re.compile(r"[\w’']+")
_PIPES = re.compile(r"\s[|•·]\s|\s\|\s?|\s?\|\s")


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def is_sentence(line: str) -> bool:
    """Looks like story prose: several words ending like a sentence."""
    return _words(line) >= 8 and bool(_SENTENCE_END.search(line.strip()))


def is_timer(line: str) -> bool:
    return bool(TIMER.search(line.strip())) and _words(line) <= 16 and not is_sentence(line)


def is_nav(line: str) -> bool:
    """A run of short menu items separated by | • · ("Home | News | Africa | Sport")."""
    parts = [p.strip() for p in re.split(r"\s*[|•·]\s*", line.strip()) if p.strip()]
    return len(parts) >= 3 and all(_words(p) <= 4 for p in parts) or (
        len(parts) == 2 and all(_words(p) <= 3 for p in parts) and "|" in line)


LIST_HEADER = re.compile(r"^(?:most\s+(?:read|popular|viewed|shared)|related(?:\s+(?:stories|articles|content|coverage))?|"
                         r"recommended(?:\s+for\s+you)?|trending(?:\s+now)?|top\s+stories|more\s+stories|"
                         r"editor'?s\s+picks?|you\s+may\s+(?:also\s+)?like|more\s+(?:on|from)\s+.{0,30}|"
                         r"latest(?:\s+news)?|what\s+to\s+read\s+next|elsewhere\s+on\s+.{0,30})\s*:?$", re.I)
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*•·►▶])\s+")


def _bare(line: str) -> str:
    return _LIST_ITEM.sub("", line.strip()).strip().strip("•·*►▶>›»|").strip()


def classify(line: str) -> bool:
    """True when one line, taken alone, is page furniture."""
    s = _bare(line)
    if not s:
        return False
    if STRONG.match(s):
        return True
    if is_sentence(s) and _words(s) >= 10:
        return False
    if is_timer(s) or is_nav(s):
        return True
    if _words(s) <= 14 and WEAK.match(s.rstrip(" .")):
        return True
    return False


def strip_lines(lines: list[str], *, context: bool = True) -> list[bool]:
    """For each line, whether it is removed as furniture (with the context of its neighbours,
    unless `context` is False: then each line is judged alone)."""
    gone = [classify(line) for line in lines]
    if not context:
        return gone
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    # the caption after a video's running time ("Video 01:38" / "Who are the fighters of ISIS?")
    for prev, cur in zip(nonblank, nonblank[1:]):
        if is_timer(lines[prev]) and not gone[cur] and _words(lines[cur]) <= 14 and not (
                is_sentence(lines[cur]) and _words(lines[cur]) >= 10):
            gone[cur] = True
    # under a "Most read" / "Related" heading: the list of other stories' headlines
    in_list = False
    for i in nonblank:
        s = _bare(lines[i])
        if gone[i] and LIST_HEADER.match(s):
            in_list = True
        elif in_list and not (is_sentence(s) and _words(s) >= 10):
            gone[i] = True
        else:
            in_list = False
    # after the story's last paragraph, short lines that are not sentences are the page footer
    long_paras = [i for i in nonblank if _words(lines[i]) >= 20]
    if long_paras:
        for i in nonblank:
            s = _bare(lines[i])
            if i > long_paras[-1] and _words(s) <= 12 and not _SENTENCE_END.search(s):
                gone[i] = True
    # before the story starts, 1-3 word labels ("Middle East", "Nigeria") are section names
    first_para = next((i for i in nonblank if _words(lines[i]) >= 20), None)
    if first_para is not None:
        for i in nonblank:
            if i >= first_para:
                break
            s = lines[i].strip()
            if _words(s) <= 3 and not _SENTENCE_END.search(s) and not s.startswith(('"', "“")):
                gone[i] = True
    return gone


def strip_furniture(text: str, *, context: bool = True) -> str:
    """The text without its furniture lines; blank-line paragraph breaks are kept, runs squeezed.
    `context=False` judges each line alone (for text an HTML extractor already trimmed)."""
    lines = text.splitlines()
    gone = strip_lines(lines, context=context)
    kept = [line.rstrip() for line, g in zip(lines, gone) if not g]
    out = "\n".join(kept)
    out = re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", out)
    return out.strip()


def load_gold(path: Path = GOLD) -> list[list[tuple[str, bool]]]:
    """Labelled pages: lines "F <line>" (furniture) or "S <line>" (story), pages split by "---"."""
    pages: list[list[tuple[str, bool]]] = [[]]
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("#"):
            continue
        if raw.strip() == "---":
            pages.append([])
            continue
        if not raw.strip():
            pages[-1].append(("", False))
            continue
        label, _, line = raw.partition(" ")
        if label not in ("F", "S"):
            raise ValueError(f"{path}: line {raw[:40]!r} must start with 'F ' or 'S '")
        pages[-1].append((line, label == "F"))
    return [p for p in pages if p]
