"""A tiny BERT written for these tests (random weights, a 12-word vocabulary): the encoder code runs
without the 90 MB model."""
from __future__ import annotations

import numpy as np

WORDS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "army", "shelled", "town", "rebels", "signed", "pact"]


def tiny_tokenizer():
    from tokenizers import Tokenizer, pre_tokenizers, processors
    from tokenizers.models import WordLevel

    vocab = {w: i for i, w in enumerate(WORDS)}
    tok = Tokenizer(WordLevel(vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.post_processor = processors.TemplateProcessing(single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 2), ("[SEP]", 3)])
    return tok


def tiny_weights(d: int = 8, ff: int = 16, layers: int = 2, vocab: int = len(WORDS), seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    w = {"embeddings.word_embeddings.weight": rng.normal(size=(vocab, d)),
         "embeddings.position_embeddings.weight": rng.normal(size=(16, d)),
         "embeddings.token_type_embeddings.weight": rng.normal(size=(2, d)),
         "embeddings.LayerNorm.weight": np.ones(d), "embeddings.LayerNorm.bias": np.zeros(d)}
    for i in range(layers):
        p = f"encoder.layer.{i}."
        for name, shape in (("attention.self.query", (d, d)), ("attention.self.key", (d, d)),
                            ("attention.self.value", (d, d)), ("attention.output.dense", (d, d)),
                            ("intermediate.dense", (ff, d)), ("output.dense", (d, ff))):
            w[p + name + ".weight"] = rng.normal(size=shape) * 0.3
            w[p + name + ".bias"] = rng.normal(size=shape[0]) * 0.1
        for ln in ("attention.output.LayerNorm", "output.LayerNorm"):
            w[p + ln + ".weight"] = np.ones(d)
            w[p + ln + ".bias"] = np.zeros(d)
    return w
