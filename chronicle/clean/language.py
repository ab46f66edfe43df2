"""Which language an article is in (lingua, restricted to common news languages: fast, ~20 MB).

The detector is built once per process and cached. Short texts give no reliable answer, so they are
never rejected for their language.
"""
from __future__ import annotations

import functools
import re

LANGUAGES = ("ENGLISH", "GERMAN", "FRENCH", "SPANISH", "PORTUGUESE", "ITALIAN", "DUTCH", "RUSSIAN",
             "UKRAINIAN", "ARABIC", "TURKISH", "PERSIAN", "CHINESE", "INDONESIAN", "SWAHILI", "POLISH")
MIN_WORDS = 12          # below this a language guess is not trusted enough to reject on
MIN_CONFIDENCE = 0.5
SAMPLE_CHARS = 3000


@functools.lru_cache(maxsize=1)
def detector():
    """The lingua detector over LANGUAGES (low-accuracy mode: trigram models only, fast, small)."""
    from lingua import Language, LanguageDetectorBuilder

    langs = [getattr(Language, name) for name in LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


def detect(text: str) -> tuple[str | None, str | None, float, bool]:
    """(ISO 639-1 code, language name, confidence, reliable) for a text; code None if unknown."""
    sample = text[:SAMPLE_CHARS]
    words = len(re.findall(r"\w+", sample))
    values = detector().compute_language_confidence_values(sample) if words else []
    if not values:
        return None, None, 0.0, False
    top = values[0]
    code = top.language.iso_code_639_1.name.lower()
    name = top.language.name.title()
    return code, name, float(top.value), words >= MIN_WORDS and top.value >= MIN_CONFIDENCE
