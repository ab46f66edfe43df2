"""The trigger lexicon and the PLOVER quads as shipped, for readers that want them by name. They are
data (chronicle/knowledge/lexicon.tsv, plover.toml), read and validated by `chronicle.knowledge`;
the trigger engine takes them from the `Knowledge` it is given.
"""
from __future__ import annotations

from ..knowledge import Entry, shipped

__all__ = ["Entry", "LEXICON", "QUADS"]

QUADS: dict[str, str] = dict(shipped().plover.quad)
LEXICON = shipped().lexicon
