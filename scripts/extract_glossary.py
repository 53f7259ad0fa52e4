"""Extract the reports' 名词注释 glossaries into corpus/glossary.json.

Definitions and offsets come from the report text by code; English names and extra
aliases come from the hand-written corpus/glossary_en.json.
"""
from __future__ import annotations

import argparse

import _bootstrap  # noqa: F401

from index.corpus import load_reports
from index.glossary import extract_glossary, load_english, save_glossary
from service.config import Config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.parse_args(argv)
    config = Config.from_env()
    english = load_english(config.corpus_dir / "glossary_en.json")
    entries = extract_glossary(load_reports(config.corpus_dir), english)
    save_glossary(entries, config.corpus_dir / "glossary.json")
    print(f"{len(entries)} glossary entries written to {config.corpus_dir / 'glossary.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
