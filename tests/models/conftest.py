"""Fixtures for the encoder tests (the tiny BERT lives in conftest_models.py)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from conftest_models import tiny_tokenizer, tiny_weights  # noqa: E402


@pytest.fixture
def tiny_model():
    from chronicle.models.minilm import MiniLM

    return MiniLM(tiny_weights(), tiny_tokenizer(), {"num_hidden_layers": 2, "num_attention_heads": 2,
                                                      "hidden_size": 8})
