"""The torch-free question encoder a server loads must put questions where the model itself
does (the index was built with sentence-transformers), and must not need torch."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from index.embedder import load_embedder
from index.onnx_queries import export_path
from index.serving_encoder import ServingEncoder, serving_folder

QUESTIONS = [
    "2021年上半年地区生产总值增长多少?",
    "What was Wuchang's fixed-asset investment in 2020?",
    "上半年固定資產投資增長了多少?",
    "x",
    "全角ＡＢＣ１２３，测试。Ⅲ级应急响应",
    "GDP 增长 12.3%,  ☃ \u200b 🚀",
    "tab\tseparated\nnew line",
    "武昌 " * 39 + "武昌",  # a question's outer spaces are dropped (test below), so none here
]


@pytest.fixture(scope="module")
def serving(config) -> ServingEncoder:
    folder = serving_folder(export_path(config.query_onnx_dir, config.model))
    if not folder.exists():
        pytest.fail(f"no serving encoder at {folder}: run `make model`")
    return ServingEncoder(folder)


def test_questions_land_where_the_model_puts_them(config, serving):
    torch_encoder = load_embedder(config.model, threads=1)
    expected = torch_encoder.encode_queries(QUESTIONS)
    one_by_one = np.vstack([serving.encode_queries([q]) for q in QUESTIONS])
    batched = serving.encode_queries(QUESTIONS)  # padded to the longest
    assert serving.dim == expected.shape[1]
    assert np.min(np.sum(expected * one_by_one, axis=1)) > 0.9999
    assert np.min(np.sum(expected * batched, axis=1)) > 0.9999


def test_outer_spaces_do_not_change_a_question(serving):
    vectors = serving.encode_queries(["  GDP growth in 2021?  ", "GDP growth in 2021?", "\u3000GDP growth in 2021?\n"])
    assert float(np.min(vectors @ vectors[1])) > 0.99999


def test_it_embeds_questions_only(serving):
    with pytest.raises(RuntimeError, match="questions only"):
        serving.encode_passages(["a passage"])


def test_loading_it_imports_no_deep_learning_framework(config):
    script = (
        "import sys; from service.config import Config; from service.runtime import load_encoders;"
        "encoders = load_encoders(Config.from_env(), serving=True); encoders['main'].encode_queries(['GDP?']);"
        "print(type(encoders['main']).__name__, sorted(m for m in ('torch', 'transformers', 'sentence_transformers')"
        " if m in sys.modules))"
    )
    from service.config import ROOT

    env = {**os.environ, "QA_QUERY_CACHE": "0"}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "ServingEncoder []"
