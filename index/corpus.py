"""The reports as loaded from ``corpus/``: text byte-for-byte plus metadata.

The original text is never edited; every offset the system reports refers to it, so a
citation can always be checked against the file.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Report:
    """One source document and what we know about it."""

    id: str
    title: str
    text: str
    date: str
    kind: str
    source: str
    meta: dict = field(default_factory=dict, compare=False, hash=False)


def load_reports(corpus_dir: Path) -> list[Report]:
    """Read ``reports.json`` and each report's file, in the order listed there."""
    entries = json.loads((corpus_dir / "reports.json").read_text(encoding="utf-8"))
    reports = []
    for entry in entries:
        raw = (corpus_dir / entry["file"]).read_bytes()
        reports.append(
            Report(
                id=entry["id"],
                title=entry["title"],
                text=raw.decode("utf-8"),
                date=entry["date"],
                kind=entry["kind"],
                source=entry["source"],
                meta=entry,
            )
        )
    return reports


def corpus_hash(corpus_dir: Path) -> str:
    """SHA-256 over every file under the corpus folder, so any edit triggers a rebuild (hidden
    files, a writer's lock and temporary files, are not the corpus)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in corpus_dir.rglob("*") if p.is_file() and not p.name.startswith(".")):
        digest.update(str(path.relative_to(corpus_dir)).encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()
