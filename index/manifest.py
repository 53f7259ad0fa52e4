"""The manifest: what an index folder was built from, and checksums to trust it on load.

It holds no timestamps, so the same corpus, model and settings give a byte-identical
folder; the build time is kept beside it in ``build_info.json``.
"""

from __future__ import annotations

import hashlib
import json
import platform
from importlib import metadata
from pathlib import Path

from index.jsonio import write_json

FORMAT_VERSION = 13  # 13: each dense encoder's clause vectors (index.clause_vectors);
# 12: romanised names leave out common words spelling another name (伤害 for Shanghai);
# 11: that side is read from the nearest opening or heading naming a time (今年以来 behind),
# else goes on from the paragraphs before;
# 10: chunks say whether they speak ahead of their report's date (a plan, not a review);
# 9: gloss/, BM25 over the passages' English glosses (index.gloss);
# 8: 第一部分 headings, and a body that starts at its first part when no salutation opens it;
# 7: relative years (今年, 去年) in headings count as the years they are;
# 6: chunks carry the periods they speak of (index.periods);
# 3: romanised.json (names in pinyin); 4: those names start where a word does;
# 5: chunks carry their paragraph's dash-led opening sentence ("——五年来,…。")
MANIFEST = "manifest.json"
PACKAGES = (
    "faiss-cpu",
    "sentence-transformers",
    "torch",
    "transformers",
    "bm25s",
    "jieba",
    "opencc-python-reimplemented",
)


class IndexIntegrityError(RuntimeError):
    """An index folder is incomplete, corrupted, or built by another model."""


def package_versions() -> dict[str, str]:
    """Versions of the libraries whose output the artefacts depend on."""
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_checksums(folder: Path) -> dict[str, str]:
    """SHA-256 of every artefact in the folder except the manifest and build notes."""
    skip = {MANIFEST, "build_info.json"}
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in skip)
    return {str(p.relative_to(folder)): sha256_file(p) for p in files}


def write_manifest(folder: Path, settings: dict) -> dict:
    """Record settings, versions and checksums of everything already written to ``folder``."""
    manifest = {
        "format_version": FORMAT_VERSION,
        "versions": package_versions(),
        "files": file_checksums(folder),
        **settings,
    }
    write_json(folder / MANIFEST, manifest)
    return manifest


def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    if not path.exists():
        raise IndexIntegrityError(f"{folder}: no {MANIFEST} (incomplete build?)")
    return json.loads(path.read_text(encoding="utf-8"))


def verify(folder: Path, manifest: dict) -> None:
    """Raise with the reason when any artefact is missing or differs from its checksum."""
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexIntegrityError(f"{folder}: format {manifest.get('format_version')} is not {FORMAT_VERSION}")
    for name, expected in manifest["files"].items():
        path = folder / name
        if not path.exists():
            raise IndexIntegrityError(f"{folder}: {name} is missing")
        if sha256_file(path) != expected:
            raise IndexIntegrityError(f"{folder}: {name} does not match its checksum (corrupted or truncated)")
