"""Build the index for the configured corpus and model (skipped when already up to date)."""

from __future__ import annotations

import argparse
import json
import time

import _bootstrap  # noqa: F401

from service.config import Config
from service.runtime import build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--force", action="store_true", help="rebuild even if an up-to-date index exists")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    config = Config.from_env()
    started = time.perf_counter()
    folder, built = build(config, progress=not args.quiet, force=args.force)
    seconds = time.perf_counter() - started
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    state = "built" if built else "up to date"
    print(f"index {folder.name} {state}: {manifest['chunks']} chunks, {seconds:.1f} s, at {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
