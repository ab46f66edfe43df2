"""Quantity phrases in a sentence ("at least 12", "tens of thousands", "between 5 and 7"): token
spans with low / best / high, found by a small left-to-right lexer before any category is known.
The conventions are listed in the docstring of `chronicle.counts`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
         "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
         "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}

# vague quantities: (low, best, high)
VAGUE = {
    "a few": (2, 3, 5), "few": (2, 3, 5), "several": (3, 5, 9), "a handful": (3, 4, 6),
    "handful": (3, 4, 6), "a couple": (2, 2, 2), "couple": (2, 2, 2),
    "dozens": (24, 36, 99), "scores": (40, 60, 199), "hundreds": (200, 300, 999),
    "thousands": (2000, 3000, 9999), "millions": (2_000_000, 3_000_000, 9_999_999),
    "tens of thousands": (20_000, 30_000, 99_999),
    "hundreds of thousands": (200_000, 300_000, 999_999),
    "tens of millions": (20_000_000, 30_000_000, 99_999_999),
}
# words that multiply a vague quantity: "several dozen", "a few hundred", "several thousand"
MULTIPLIERS = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}
VAGUE_MULTIPLIABLE = ("a few", "few", "several", "a handful")

# modifiers, longest first when matched; value = mode
MODIFIERS = {
    "at least": "atleast", "no fewer than": "atleast", "no less than": "atleast",
    "not less than": "atleast", "a minimum of": "atleast", "at minimum": "atleast",
    "more than": "more", "over": "more", "in excess of": "more", "upwards of": "more",
    "upward of": "more", "above": "more", "well over": "more", "just over": "more",
    "fewer than": "less", "less than": "less", "under": "less", "below": "less",
    "just under": "less", "nearly": "nearly", "almost": "nearly", "close to": "nearly",
    "approaching": "nearly", "just short of": "nearly",
    "about": "about", "around": "about", "some": "about", "roughly": "about",
    "approximately": "about", "an estimated": "about", "estimated": "about",
    "an approximate": "about", "perhaps": "about", "approx.": "about", "circa": "about",
    "up to": "upto", "as many as": "upto", "at most": "upto", "a maximum of": "upto",
    "no more than": "upto", "not more than": "upto",
}
_MOD_KEYS = sorted((tuple(k.split()) for k in MODIFIERS), key=len, reverse=True)
_VAGUE_KEYS = sorted((tuple(k.split()) for k in VAGUE), key=len, reverse=True)
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


_BY_FIRST: dict[int, dict[str, list[tuple[str, ...]]]] = {}


def _match(words: list[str], i: int, keys) -> tuple[str, ...] | None:
    """The first key (in `keys` order) that words[i:] starts with; keys indexed by first word once."""
    index = _BY_FIRST.get(id(keys))
    if index is None:
        index = {}
        for key in keys:
            index.setdefault(key[0], []).append(key)
        _BY_FIRST[id(keys)] = index
    for key in index.get(words[i], ()):
        if tuple(words[i:i + len(key)]) == key:
            return key
    return None


def _number(words: list[str], i: int) -> tuple[int, int, bool] | None:
    """A precise number starting at words[i]: (value, tokens used, approximate?)."""
    n = len(words)
    w = words[i]
    # "a dozen", "a hundred", "half a dozen", "two dozen", "half a million"
    if w == "half" and i + 2 < n and words[i + 1] == "a" and words[i + 2] in MULTIPLIERS:
        return MULTIPLIERS[words[i + 2]] // 2, 3, False
    if w == "a" and i + 1 < n and words[i + 1] in MULTIPLIERS:
        j, value = i + 2, MULTIPLIERS[words[i + 1]]
        return value, j - i, False
    value = _digits(w)
    j = i + 1
    if value is None:
        m = _RANGE_TOKEN.match(w)
        if m:
            return None
        if w in UNITS or w in TENS:
            total, current = 0, 0
            while j <= n:
                t = words[j - 1]
                if t in UNITS:
                    current += UNITS[t]
                elif t in TENS:
                    current += TENS[t]
                    if j + 1 < n and words[j] == "-" and words[j + 1] in UNITS:
                        current += UNITS[words[j + 1]]
                        j += 2
                elif t == "hundred":
                    current = max(current, 1) * 100
                elif t in ("thousand", "million", "billion"):
                    total += max(current, 1) * SCALES[t]
                    current = 0
                elif t == "and" and j < n and (words[j] in UNITS or words[j] in TENS) and (
                        words[j - 2] in SCALES):
                    pass
                else:
                    break
                j += 1
            if j - 1 < n and words[j - 1] == "dozen":
                return (total + current) * 12, j - i, False
            return total + current, j - 1 - i, False
        return None
    # digits, optionally with a scale word: "1.2 million", "3 thousand", "2 dozen"
    if j < n and words[j] in SCALES:
        return int(round(value * SCALES[words[j]])), j + 1 - i, False
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


def find_quantities(sent) -> list[Quantity]:
    """Every quantity phrase in a spaCy sentence (Span), left to right, not overlapping."""
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
        mod = _match(words, i, _MOD_KEYS)
        # "between X and Y", "from X to Y"
        if words[i] in ("between", "from") and i + 1 < n:
            a = _number(words, i + 1)
            if a:
                k = i + 1 + a[1]
                if k + 1 < n and words[k] in ("and", "to", "-", "\u2013"):
                    b = _number(words, k + 1)
                    if b:
                        end = k + 1 + b[1]
                        out.append(Quantity(base + i, base + end, a[0], a[0], b[0], base + end - 1))
                        i = end
                        continue
        j = i + len(mod) if mod else i
        if mod:
            mode = MODIFIERS[" ".join(mod)]
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
        vague = _match(words, j, _VAGUE_KEYS)
        if vague:
            k = j + len(vague)
            low, best, high = VAGUE[" ".join(vague)]
            if " ".join(vague) in VAGUE_MULTIPLIABLE and k < n and words[k] in MULTIPLIERS:
                f = MULTIPLIERS[words[k]]
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
        num = _number(words, j)
        if num is None:
            i = (j if mod else i) + 1
            continue
        value, used, _ = num
        k = j + used
        # ranges: "5 to 7", "5 or 6", "5-7" (three tokens), "12 or more"
        if k + 1 < n and words[k] in ("to", "or", "-", "\u2013") :
            b = _number(words, k + 1)
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
