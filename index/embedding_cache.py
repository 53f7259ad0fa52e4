"""Passage vectors kept between builds, so a rebuild embeds only the passages that are new.

Adding a report changes the corpus, and so the index is built again; without this, every
passage of every report would be embedded again (minutes for a large corpus). Vectors are
keyed by the passage's text and kept per encoder, its dimension and the versions of the
libraries that compute it, so a vector is only reused where the same encoder would give it.
The file is replaced atomically; a damaged or missing one only means embedding afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path

import numpy as np

from index.embedder import Embedder
from index.manifest import package_versions

FOLDER = ".embeddings"
MAX_KEPT = 500_000  # vectors kept per encoder (384 floats each: about 770 MB at most)


def vectors(root: Path, role: str, encoder: Embedder, texts: list[str], progress: bool = False) -> np.ndarray:
    """The encoder's vectors for the texts, embedding only those no earlier build embedded."""
    path = root / FOLDER / f"{role}-{_fingerprint(encoder)}.npz"
    keys = [_key(text) for text in texts]
    known = _load(path)
    missing = {key: text for key, text in zip(keys, texts) if key not in known}
    if missing:
        fresh = encoder.encode_passages(list(missing.values()), progress=progress)
        known.update(zip(missing, np.asarray(fresh, dtype=np.float32)))
        _save(path, known, keep=keys)
    if not keys:
        return np.zeros((0, encoder.dim), np.float32)
    return np.stack([known[key] for key in keys]).astype(np.float32)


def _fingerprint(encoder: Embedder) -> str:
    described = json.dumps({"name": encoder.name, "dim": encoder.dim, "versions": package_versions()}, sort_keys=True)
    return hashlib.sha256(described.encode("utf-8")).hexdigest()[:16]


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _load(path: Path) -> dict[str, np.ndarray]:
    if not path.exists():
        return {}
    try:
        with np.load(path, allow_pickle=False) as data:
            return dict(zip(map(str, data["keys"]), data["vectors"]))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        return {}  # damaged: embed afresh


def _save(path: Path, known: dict[str, np.ndarray], keep: list[str]) -> None:
    """The vectors, this build's first when there are more than MAX_KEPT."""
    order = list(dict.fromkeys(keep)) + [k for k in known if k not in set(keep)]
    order = order[:MAX_KEPT]
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.stem}.{os.getpid()}.tmp.npz")
    np.savez(temporary, keys=np.array(order), vectors=np.stack([known[k] for k in order]))
    os.replace(temporary, path)
