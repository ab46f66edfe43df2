"""Quantity phrases in a sentence ("at least 12", "tens of thousands", "between 5 and 7"): token
spans with low / best / high, found by a small left-to-right lexer before any category is known.
The conventions are listed in the docstring of `chronicle.counts`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..knowledge import Knowledge, shipped
from ..knowledge.schema import QuantityWords

_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+(\.\d+)?$")
_RANGE_TOKEN = re.compile(r"^(\d[\d,]*)[-\u2013](\d[\d,]*)$")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A quantity phrase: tokens [start, end) of the doc, its value, and the token holding the number."""

    start: int          # doc token index
    end: int
    low: int | None
    best: int | None
    high: int | None
    core: int           # doc token index of the (last) numeric token
    vague: bool = False


def _digits(text: str) -> float | None:
    if _DIGITS.match(text):
        return float(text.replace(",", ""))
    return None


@lru_cache(maxsize=8)
def _phrases(qw: QuantityWords) -> tuple[dict, dict]:
    """The modifier and vague-quantity phrases as word tuples, longest first, indexed by first word."""
    out = []
    for table in (qw.modifiers, qw.vague):
        index: dict[str, list[tuple[str, ...]]] = {}
        for key in sorted((tuple(k.split()) for k in table), key=len, reverse=True):
            index.setdefault(key[0], []).append(key)
        out.append(index)
    return out[0], out[1]


def _match(words: list[str], i: int, index: dict) -> tuple[str, ...] | None:
    """The first phrase (longest first) of `index` that words[i:] starts with."""
    for key in index.get(words[i], ()):
        if tuple(words[i:i + len(key)]) == key:
            return key
    return None


def _number(words: list[str], i: int, qw: QuantityWords) -> tuple[int, int, bool] | None:
    """A precise number starting at words[i]: (value, tokens used, approximate?)."""
    n = len(words)
    w = words[i]
    # "a dozen", "a hundred", "half a dozen", "two dozen", "half a million"
    if w == "half" and i + 2 < n and words[i + 1] == "a" and words[i + 2] in qw.multipliers:
        return qw.multipliers[words[i + 2]] // 2, 3, False
    if w == "a" and i + 1 < n and words[i + 1] in qw.multipliers:
        j, value = i + 2, qw.multipliers[words[i + 1]]
        return value, j - i, False
    value = _digits(w)
    j = i + 1
    if value is None:
        m = _RANGE_TOKEN.match(w)
        if m:
            return None
        if w in qw.units or w in qw.tens:
            total, current = 0, 0
            while j <= n:
                t = words[j - 1]
                if t in qw.units:
                    current += qw.units[t]
                elif t in qw.tens:
                    current += qw.tens[t]
                    if j + 1 < n and words[j] == "-" and words[j + 1] in qw.units:
                        current += qw.units[words[j + 1]]
                        j += 2
                elif t == "hundred":
                    current = max(current, 1) * 100
                elif t in ("thousand", "million", "billion"):
                    total += max(current, 1) * qw.scales[t]
                    current = 0
                elif t == "and" and j < n and (words[j] in qw.units or words[j] in qw.tens) and (
                        words[j - 2] in qw.scales):
                    pass
                else:
                    break
                j += 1
            if j - 1 < n and words[j - 1] == "dozen":
                return (total + current) * 12, j - i, False
            return total + current, j - 1 - i, False
        return None
    # digits, optionally with a scale word: "1.2 million", "3 thousand", "2 dozen"
    if j < n and words[j] in qw.scales:
        return int(round(value * qw.scales[words[j]])), j + 1 - i, False
    if j < n and words[j] == "dozen":
        return int(value) * 12, j + 1 - i, False
    if value != int(value):
        return None
    return int(value), 1, False


def _apply(mode: str | None, value: int) -> tuple[int | None, int | None, int | None]:
    if mode == "atleast":
        return value, value, None
    if mode == "more":
        return value + 1, value + 1, None
    if mode == "less":
        return None, value - 1, value - 1
    if mode in ("nearly", "upto"):
        return None, value, value
    if mode == "about":
        return None, value, None
    return value, value, value


def _apply_vague(mode: str | None, low: int, best: int, high: int):
    if mode in ("atleast", "more"):
        return low, best, None
    if mode in ("nearly", "upto", "less"):
        return None, best, high
    return low, best, high


def find_quantities(sent, *, knowledge: Knowledge | None = None) -> list[Quantity]:
    """Every quantity phrase in a spaCy sentence (Span), left to right, not overlapping."""
    qw = (knowledge or shipped()).counts.quantity
    mod_keys, vague_keys = _phrases(qw)
    toks = list(sent)
    words = [t.lower_ for t in toks]
    base = sent.start
    out: list[Quantity] = []
    i, n = 0, len(toks)
    while i < n:
        start = i
        mode = None
        if words[i] in ("nobody", "none") or (words[i] == "no" and i + 1 < n and words[i + 1] == "one"):
            k = i + 1 if words[i] != "no" else i + 2
            out.append(Quantity(base + i, base + k, 0, 0, 0, base + k - 1))
            i = k
            continue
        mod = _match(words, i, mod_keys)
        # "between X and Y", "from X to Y"
        if words[i] in ("between", "from") and i + 1 < n:
            a = _number(words, i + 1, qw)
            if a:
                k = i + 1 + a[1]
                if k + 1 < n and words[k] in ("and", "to", "-", "\u2013"):
                    b = _number(words, k + 1, qw)
                    if b:
                        end = k + 1 + b[1]
                        out.append(Quantity(base + i, base + end, a[0], a[0], b[0], base + end - 1))
                        i = end
                        continue
        j = i + len(mod) if mod else i
        if mod:
            mode = qw.modifiers[" ".join(mod)]
            # "more than a dozen" is fine; "over the weekend" is not a quantity
        if j >= n:
            i += 1
            continue
        # a single-token range "5-7"
        m = _RANGE_TOKEN.match(words[j])
        if m:
            lo, hi = int(m.group(1).replace(",", "")), int(m.group(2).replace(",", ""))
            if lo < hi:
                out.append(Quantity(base + start, base + j + 1, lo, lo, hi, base + j))
            i = j + 1
            continue
        vague = _match(words, j, vague_keys)
        if vague:
            k = j + len(vague)
            low, best, high = qw.vague[" ".join(vague)]
            if " ".join(vague) in qw.vague_multipliable and k < n and words[k] in qw.multipliers:
                f = qw.multipliers[words[k]]
                low, best, high = low * f, best * f, high * f
                k += 1
            elif " ".join(vague) in ("a few", "few", "several", "a handful", "a couple", "couple",
                                     "handful") and not (k < n and (words[k] == "of" or toks[k].pos_ in ("NOUN", "PROPN", "ADJ"))):
                # "a few" / "several" alone must count something: "several were hurt" is fine
                if not (k < n and toks[k].pos_ in ("AUX", "VERB")):
                    i = j + 1
                    continue
            # "dozens more", "hundreds of thousands"
            low, best, high = _apply_vague(mode, low, best, high)
            out.append(Quantity(base + start, base + k, low, best, high, base + k - 1, vague=True))
            i = k
            continue
        num = _number(words, j, qw)
        if num is None:
            i = (j if mod else i) + 1
            continue
        value, used, _ = num
        k = j + used
        # ranges: "5 to 7", "5 or 6", "5-7" (three tokens), "12 or more"
        if k + 1 < n and words[k] in ("to", "or", "-", "\u2013") :
            b = _number(words, k + 1, qw)
            if b and b[0] > value:
                end = k + 1 + b[1]
                out.append(Quantity(base + start, base + end, value, value, b[0], base + end - 1))
                i = end
                continue
            if words[k] == "or" and words[k + 1] == "more":
                out.append(Quantity(base + start, base + k + 2, value, value, None, base + k - 1))
                i = k + 2
                continue
        low, best, high = _apply(mode, value)
        out.append(Quantity(base + start, base + k, low, best, high, base + k - 1))
        i = k
    return out
