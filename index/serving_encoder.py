"""Questions embedded by a serving process without torch: the main model's ONNX export, its
weights memory-mapped, and a tokenizer library that needs no deep-learning framework.

Set-up (scripts/prepare_model.py, where torch is at hand) writes a *serving folder* next to
the ONNX export of the model (index/onnx_queries.py):

- ``model.onnx`` and its weights in ``model.data``, which ONNX Runtime maps and uses in place
  (no second copy), without the word-embedding table, which goes to ``words.f32``: a question
  reads the rows of its own tokens from that file (``os.pread``), so the 250,000-row table
  of e5-small (384 MB) costs no memory at all. In the graph, or mapped by ONNX Runtime,
  it became resident as questions touched it (a server grew from 220 to 580 MB over 1,500
  questions: the kernel reads ahead around each touched row);
- ``tokenizer.model`` (SentencePiece) when the model folder has one, else ``tokenizer.json``
  (Hugging Face ``tokenizers``), either without torch;
- ``encoder.json``: the query prompt, the special ids, the graph's inputs and the vector
  length, checked by embedding one question when the folder is written.

The folder is written under a temporary name and renamed into place, so a reader never sees
half of it. Vectors equal sentence-transformers' own for every question (tests).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import numpy as np

from index.embedder import QUERY_TOKENS, _as_unit_f32
from index.jsonio import write_json

SENTENCEPIECE_FILE = "tokenizer.model"  # the name index/e5_tokenizer.py writes
META_FILE = "encoder.json"
WORDS_FILE = "words.f32"
WEIGHTS_FILE = "model.data"  # ONNX Runtime maps it and uses the weights in place (52 MB less than a copy)


def serving_folder(export: Path) -> Path:
    """Where the serving folder of an ONNX export lives."""
    return export.with_name(export.stem + "-serving")


def write_serving(export: Path, model_dir: Path) -> Path:
    """Write the serving folder of ``export`` (an ONNX file of the model in ``model_dir``)."""
    import onnx

    target = serving_folder(export)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        graph = onnx.load(str(export))
        words = _take_out_word_table(graph, tmp / WORDS_FILE)
        onnx.save_model(
            graph,
            str(tmp / "model.onnx"),
            save_as_external_data=True,
            all_tensors_to_one_file=True,
            location=WEIGHTS_FILE,
            size_threshold=1024,
        )
        tokenizer = SENTENCEPIECE_FILE if (model_dir / SENTENCEPIECE_FILE).is_file() else "tokenizer.json"
        shutil.copy2(model_dir / tokenizer, tmp / tokenizer)
        meta = {
            "tokenizer": tokenizer,
            "prompt": _query_prompt(model_dir),
            **_special_ids(model_dir),
            "inputs": [i.name for i in graph.graph.input],
            "words": words,
        }
        write_json(tmp / META_FILE, meta)
        meta["dim"] = int(ServingEncoder(tmp).encode_queries(["query"]).shape[1])
        write_json(tmp / META_FILE, meta)
        for path in tmp.iterdir():
            path.chmod(0o644)  # onnx writes model.data as 0600: a server running as another user reads it too
        shutil.rmtree(target, ignore_errors=True)
        tmp.rename(target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def _take_out_word_table(graph, path: Path) -> dict | None:
    """Move the word-embedding table (the largest tensor, read by one Gather of the token ids)
    out of ``graph`` into a raw float32 file; the Gather's output becomes a graph input. None,
    and the graph unchanged, when the model is not built that way."""
    from onnx import TensorProto, helper, numpy_helper

    table = max(graph.graph.initializer, key=lambda t: int(np.prod(t.dims)))
    gathers = [n for n in graph.graph.node if n.op_type == "Gather" and n.input[0] == table.name]
    if len(gathers) != 1 or len(table.dims) != 2 or table.data_type != TensorProto.FLOAT:
        return None
    rows = numpy_helper.to_array(table).astype("<f4", copy=False)
    path.write_bytes(np.ascontiguousarray(rows).tobytes())
    node = gathers[0]
    graph.graph.node.remove(node)
    graph.graph.initializer.remove(table)
    graph.graph.input.append(
        helper.make_tensor_value_info(node.output[0], TensorProto.FLOAT, ["batch", "tokens", rows.shape[1]])
    )
    return {"input": node.output[0], "rows": int(rows.shape[0]), "dim": int(rows.shape[1])}


def _query_prompt(model_dir: Path) -> str:
    try:
        config = json.loads((model_dir / "config_sentence_transformers.json").read_text(encoding="utf-8"))
    except OSError:
        return ""
    return (config.get("prompts") or {}).get("query", "")


def _special_ids(model_dir: Path) -> dict[str, int]:
    """The ids of the sequence's first, last and padding tokens, read from tokenizer.json."""
    vocab = json.loads((model_dir / "tokenizer.json").read_text(encoding="utf-8"))
    added = {token["content"]: token["id"] for token in vocab.get("added_tokens", [])}
    names = json.loads((model_dir / "special_tokens_map.json").read_text(encoding="utf-8"))
    role = {key: (value["content"] if isinstance(value, dict) else value) for key, value in names.items()}
    return {
        "bos": added[role.get("cls_token", role.get("bos_token"))],
        "eos": added[role.get("sep_token", role.get("eos_token"))],
        "pad": added[role["pad_token"]],
    }


class ServingEncoder:
    """Embeds questions from a serving folder; passages are the build's business (torch)."""

    def __init__(self, folder: Path, threads: int = 1, name: str | None = None):
        from index.onnx_queries import cpu_session

        self.folder = Path(folder)
        meta = json.loads((self.folder / META_FILE).read_text(encoding="utf-8"))
        self._meta = meta
        self.name = name or str(self.folder)
        self.dim = int(meta.get("dim", 0))
        self._session = cpu_session(str(self.folder / "model.onnx"), threads)
        self._tokenize = self._tokenizer(meta["tokenizer"])
        self._words = os.open(self.folder / WORDS_FILE, os.O_RDONLY) if meta.get("words") else None

    def __del__(self) -> None:
        if getattr(self, "_words", None) is not None:
            os.close(self._words)

    def _rows(self, ids: np.ndarray) -> np.ndarray:
        """The word-embedding rows of ``ids`` (any shape), read from the table's file."""
        dim = self._meta["words"]["dim"]
        unique, where = np.unique(ids, return_inverse=True)
        size = dim * 4
        found = np.stack([np.frombuffer(os.pread(self._words, size, int(i) * size), dtype="<f4") for i in unique])
        return found[where.reshape(ids.shape)].astype(np.float32, copy=False)

    def _tokenizer(self, file: str):
        """A function from text to token ids with the first and last special tokens."""
        path = str(self.folder / file)
        if file == SENTENCEPIECE_FILE:
            import sentencepiece

            processor = sentencepiece.SentencePieceProcessor(model_file=path)
            bos, eos = self._meta["bos"], self._meta["eos"]
            return lambda text: [bos, *processor.encode(text), eos]
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(path)
        return lambda text: tokenizer.encode(text).ids

    def _ids(self, text: str) -> list[int]:
        """The prompt and the question, its outer spaces dropped, cut to QUERY_TOKENS tokens."""
        ids = self._tokenize(self._meta["prompt"] + text.strip())
        return ids if len(ids) <= QUERY_TOKENS else ids[: QUERY_TOKENS - 1] + ids[-1:]

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        rows = [self._ids(t) for t in texts]
        width = max((len(r) for r in rows), default=0)
        ids = np.full((len(rows), width), self._meta["pad"], dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for i, row in enumerate(rows):
            ids[i, : len(row)], mask[i, : len(row)] = row, 1
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        if self._words is not None:
            feed[self._meta["words"]["input"]] = self._rows(ids)
        return _as_unit_f32(self._session.run(None, {n: feed[n] for n in self._meta["inputs"]})[0])

    def encode_passages(self, texts: list[str], progress: bool = False) -> np.ndarray:
        raise RuntimeError("a serving encoder embeds questions only: build the index with scripts/build_index.py")
