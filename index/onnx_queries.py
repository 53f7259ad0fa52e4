"""Query embeddings through ONNX Runtime: the same sentence-transformers model, half the time.

A question is one short sequence; at that size torch's per-operator overhead costs as much
as the arithmetic (multilingual-e5-small: ~62 ms a query on one thread of this machine's
CPU, ONNX Runtime ~32 ms, vectors equal to 1e-6). Passages are embedded in large batches,
where both cost the same, so builds keep using sentence-transformers itself.

The whole sentence-transformers pipeline (encoder, pooling, normalisation) is exported once
per model into a cache folder, keyed by a fingerprint of the model so that a changed model
is exported afresh. The export is written to a temporary file and renamed into place, so
a reader never sees half a file.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from index.embedder import QUERY_TOKENS

log = logging.getLogger(__name__)


def fingerprint(name: str) -> str:
    """Names a model's export: its name, plus the size and time of each file when it is a
    local folder (a re-converted or edited model gets a new export)."""
    digest = hashlib.sha256(name.encode("utf-8"))
    folder = Path(name)
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "onnx" not in p.relative_to(folder).parts):
            stat = path.stat()
            digest.update(f"{path.relative_to(folder)}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def export_path(cache_dir: Path, name: str) -> Path:
    """Where the export of the model ``name`` lives in the cache."""
    return Path(cache_dir) / f"{fingerprint(name)}.onnx"


def input_names(model) -> list[str]:
    """The tensors the model's tokenizer says it feeds the encoder."""
    return list(model.tokenizer.model_input_names)


def export(model, path: Path) -> Path:
    """Write ``model`` (a SentenceTransformer) as one ONNX graph from token ids to the
    sentence embedding, atomically."""
    import torch

    names = input_names(model)

    class Graph(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.model = model

        def forward(self, *tensors):
            return self.model(dict(zip(names, tensors)))["sentence_embedding"]

    sample = model.tokenizer(["query: example"], return_tensors="pt")
    inputs = tuple(sample[n] for n in names)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".export-", suffix=".onnx")
    os.close(handle)
    try:
        with torch.inference_mode():
            torch.onnx.export(
                Graph().eval(),
                inputs,
                tmp,
                input_names=names,
                output_names=["embedding"],
                dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names}, "embedding": {0: "batch"}},
                opset_version=17,
                dynamo=False,
            )
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would lock out a server running as another user
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


@contextmanager
def _export_lock(cache_dir: Path):
    """One exporter at a time per cache (two workers starting together export once); files
    an exporter killed half-way left behind are removed by the next one."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    with open(cache_dir / ".export.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for orphan in cache_dir.glob(".export-*.onnx"):
            orphan.unlink(missing_ok=True)
        yield


def cpu_session(model: str | bytes, threads: int = 1):
    """An ONNX Runtime session on the CPU for one question at a time: ``threads`` intra-op
    threads that do not spin when idle (the server's other requests need the cores)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = max(1, threads)
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    # No arena: it keeps the largest buffers any question ever needed (a served process grew
    # from 220 to 580 MB over 1,500 questions); plain allocations cost nothing measurable here.
    options.enable_cpu_mem_arena = False
    return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])


def supported(model) -> bool:
    """Whether the exported graph computes what the model does: a prompt is only pooled
    with the text when the model says so (e5 does)."""
    return all(getattr(module, "include_prompt", True) for module in model)


class OnnxQueries:
    """Embeds texts with an exported model; the tokenizer and its limits stay the model's."""

    def __init__(self, model, name: str, cache_dir: Path, threads: int = 1):
        self.path = export_path(cache_dir, name)
        if not self.path.exists():
            with _export_lock(Path(cache_dir)):
                if not self.path.exists():
                    export(model, self.path)
        self._session = cpu_session(str(self.path), threads)
        self._tokenizer = model.tokenizer
        self._max_length = min(model.max_seq_length, QUERY_TOKENS)
        self._names = input_names(model)

    def encode(self, texts: list[str]) -> np.ndarray:
        tokens = self._tokenizer(
            list(texts), padding=True, truncation=True, max_length=self._max_length, return_tensors="np"
        )
        feed = {n: np.asarray(tokens[n], dtype=np.int64) for n in self._names}
        return self._session.run(None, feed)[0]
