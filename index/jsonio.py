"""Deterministic JSON files: the same data always gives the same bytes (sorted keys,
indented, readable Chinese, trailing newline), so builds and conversions are reproducible."""
from __future__ import annotations

import json
from pathlib import Path


def write_json(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n", encoding="utf-8")
