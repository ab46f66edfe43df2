"""Name folding for gazetteer keys: "Tikrīt" → "tikrit", "Al Fallūjah" → "fallujah" (also "al fallujah")."""
from __future__ import annotations

import re
import unicodedata

_APOS = re.compile(r"[\u2018\u2019\u02bb\u02bc\u02be\u02bf`'\u00b4]")
_SEP = re.compile(r"[\s\-\u2010-\u2015_/.,]+")
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|at|an|az|ash|adh|the) ")
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                          "ł": "l", "Ł": "L", "ı": "i", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d"})


def fold(name: str) -> str:
    """Lower-case ASCII key: diacritics, apostrophes/ayn marks and punctuation dropped, spaces single."""
    if name.isascii():
        s = name
    else:   # diacritics off; letters of other scripts drop out too (such names are not indexed)
        s = _APOS.sub("", name.translate(_SPECIAL))
        s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")
    s = _APOS.sub("", s).lower()
    s = _SEP.sub(" ", s).strip()
    return s


def is_latin(key: str) -> bool:
    """True when a folded key is plain ASCII (names in other scripts are not indexed)."""
    return key.isascii() and any(c.isalpha() for c in key)


def variants(key: str) -> list[str]:
    """Index/lookup variants of a folded key: with and without an Arabic/English article prefix."""
    out = [key]
    m = _ARTICLE.match(key)
    if m and len(key) > m.end() + 2:
        out.append(key[m.end():])
    return out
