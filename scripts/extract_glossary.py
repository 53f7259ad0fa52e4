"""Extract the reports' 名词注释 / 名词解释 glossaries into the corpus's glossary.json.

scripts/add_report.py does this after every change; run this after editing
corpus/glossary_en.json (the hand-written English names and extra aliases of terms).
Definitions and offsets come from the report text by code.
"""

from __future__ import annotations

import argparse

import _bootstrap  # noqa: F401

from index.catalog import refresh_glossary
from index.glossary import load_glossary
from service.config import Config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.parse_args(argv)
    config = Config.from_env()
    refresh_glossary(config.corpus_dir)
    path = config.corpus_dir / "glossary.json"
    print(f"{len(load_glossary(path))} glossary entries written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
