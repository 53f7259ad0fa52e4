"""Questions embedded through ONNX Runtime must land where torch puts them, or the index
(built with torch) would be searched with slightly different vectors."""

from __future__ import annotations

import numpy as np
import pytest

from index.embedder import load_embedder
from index.onnx_queries import OnnxQueries, export_path, fingerprint

QUESTIONS = [
    "2021年上半年地区生产总值增长多少?",
    "What was Wuchang's fixed-asset investment in 2020?",
    "上半年固定資產投資增長了多少?",
    "x",
    "武昌 " * 40,  # near the QUERY_TOKENS cap
]


@pytest.fixture(scope="module")
def torch_encoder(config):
    return load_embedder(config.model, threads=1)


@pytest.fixture(scope="module")
def fresh_export(config, torch_encoder, tmp_path_factory):
    """An export made in an empty cache folder, as on a fresh machine."""
    cache = tmp_path_factory.mktemp("onnx")
    return cache, OnnxQueries(torch_encoder._model, config.model, cache)


def test_onnx_vectors_equal_torch_vectors(config, torch_encoder):
    onnx = load_embedder(config.model, threads=1, onnx_dir=config.onnx_dir)
    assert onnx._onnx is not None  # really ONNX Runtime, not torch compared with itself
    expected = torch_encoder.encode_queries(QUESTIONS)
    one_by_one = np.vstack([onnx.encode_queries([q]) for q in QUESTIONS])
    batched = onnx.encode_queries(QUESTIONS)  # padded to the longest
    assert np.min(np.sum(expected * one_by_one, axis=1)) > 0.9999
    assert np.min(np.sum(expected * batched, axis=1)) > 0.9999


def test_export_is_atomic_and_reused(config, torch_encoder, fresh_export):
    cache, first = fresh_export
    assert sorted(p.name for p in cache.iterdir() if p.suffix == ".onnx") == [first.path.name]  # no temporary file left
    assert first.path.stat().st_mode & 0o044 == 0o044  # readable by a server running as another user
    written = first.path.stat().st_mtime_ns
    second = OnnxQueries(torch_encoder._model, config.model, cache)
    assert second.path == first.path and second.path.stat().st_mtime_ns == written
    assert np.allclose(first.encode(["query: 测试"]), second.encode(["query: 测试"]))


def test_a_changed_model_folder_gets_a_new_export(tmp_path):
    (tmp_path / "model.safetensors").write_bytes(b"a")
    before = export_path(tmp_path / "cache", str(tmp_path))
    (tmp_path / "model.safetensors").write_bytes(b"ab")
    after = fingerprint(str(tmp_path))
    assert export_path(tmp_path / "cache", str(tmp_path)) != before
    (tmp_path / "onnx").mkdir()  # the model's own onnx/ subfolder is not part of it
    (tmp_path / "onnx" / "model.onnx").write_bytes(b"x")
    assert fingerprint(str(tmp_path)) == after


def test_an_unwritable_export_folder_leaves_questions_on_torch(config, tmp_path):
    """No export and nowhere to write one: the service still starts, on torch."""
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    encoder = load_embedder(config.model, threads=1, onnx_dir=blocked / "onnx")
    assert encoder._onnx is None
    assert encoder.encode_queries(["测试"]).shape == (1, encoder.dim)


def test_a_long_question_is_embedded_from_its_first_tokens_only(config):
    """What follows the first QUERY_TOKENS tokens changes nothing: a pasted page costs what a
    long question costs."""
    onnx = load_embedder(config.model, threads=1, onnx_dir=config.onnx_dir)
    long = "2021年上半年地区生产总值增长多少?" * 20
    vectors = onnx.encode_queries([long, long + "固定资产投资" * 500])
    assert float(vectors[0] @ vectors[1]) > 0.99999
    assert float(vectors[0] @ onnx.encode_queries([long[:40]])[0]) < 0.999  # the cap is not shorter than a question
