"""Which language an article is in (lingua, restricted to common news languages: fast, ~20 MB).

The detector is built once per process and cached. Short texts give no reliable answer, so they are
never rejected for their language.
"""
from __future__ import annotations

import functools
import re
import unicodedata

LANGUAGES = ("ENGLISH", "GERMAN", "FRENCH", "SPANISH", "PORTUGUESE", "ITALIAN", "DUTCH", "RUSSIAN",
             "UKRAINIAN", "ARABIC", "TURKISH", "PERSIAN", "CHINESE", "INDONESIAN", "SWAHILI", "POLISH")
MIN_WORDS = 12          # below this a language guess is not trusted enough to reject on
MIN_CONFIDENCE = 0.5
SAMPLE_CHARS = 3000


# scripts written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar, Tibetan)
_SPACELESS = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0eff"
                        "\u1780-\u17ff\u1000-\u109f\u0f00-\u0fff]")
_WORD = re.compile(r"\w+")


def word_count(text: str) -> int:
    """Words in `text`, counting two characters of a script written without spaces (Chinese,
    Japanese, Thai ...) as one word, so such a text is not mistaken for a line of menu items."""
    spaceless = len(_SPACELESS.findall(text))
    return len(_WORD.findall(_SPACELESS.sub(" ", text))) + spaceless // 2


def main_script(text: str) -> tuple[str, float]:
    """The writing system of most letters in `text` and its share, e.g. ("Latin", 0.98), ("Cjk", 0.9)."""
    counts: dict[str, int] = {}
    letters = 0
    for ch in text[:SAMPLE_CHARS]:
        if ch.isalpha():
            letters += 1
            name = unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]
            counts[name] = counts.get(name, 0) + 1
    if not letters:
        return "none", 0.0
    script, n = max(counts.items(), key=lambda kv: kv[1])
    return script.title(), n / letters


@functools.lru_cache(maxsize=1)
def detector():
    """The lingua detector over LANGUAGES (low-accuracy mode: trigram models only, fast, small)."""
    from lingua import Language, LanguageDetectorBuilder

    langs = [getattr(Language, name) for name in LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


def detect(text: str) -> tuple[str | None, str | None, float, bool]:
    """(ISO 639-1 code, language name, confidence, reliable) for a text; code None if unknown."""
    sample = text[:SAMPLE_CHARS]
    words = word_count(sample)
    values = detector().compute_language_confidence_values(sample) if words else []
    if not values:
        return None, None, 0.0, False
    top = values[0]
    code = top.language.iso_code_639_1.name.lower()
    name = top.language.name.title()
    return code, name, float(top.value), words >= MIN_WORDS and top.value >= MIN_CONFIDENCE
