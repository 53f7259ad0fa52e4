"""Add a report to the corpus (or take one out), then bring the index up to date.

    python scripts/add_report.py report.pdf                       # .txt .html .docx .pdf
    python scripts/add_report.py report.txt --corpus eval/unseen/corpus --date 2022-03-05
    python scripts/add_report.py --remove country-2022-a3d8f158

Plain text may be UTF-8 or GB18030. What is not given (title, date, kind, the body and level
that issued it, its place, the years and plans it reviews and plans) is read from the text
and printed; reports.json is written atomically. An empty, binary or unreadable file, one
over the size limit, or a text the corpus already holds is refused with the reason, and the
corpus is left as it was (exit status 2). Unless --no-index, the index is rebuilt for the
corpus (QA_INDEX_DIR as for the service), and a running server picks it up by itself.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

import _bootstrap  # noqa: F401

from index.catalog import add, remove
from index.extract_text import Refused, extract
from index.report_meta import infer
from service.config import Config
from service.runtime import build

SHOWN = (
    "id",
    "title",
    "title_en",
    "date",
    "kind",
    "body",
    "level",
    "place",
    "period",
    "language",
    "has_glossary",
    "file",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?", type=Path, help="the report: .txt, .html, .docx or .pdf")
    parser.add_argument("--corpus", type=Path, help="corpus folder (default: QA_CORPUS_DIR, else corpus/)")
    parser.add_argument("--title")
    parser.add_argument("--date", help="the day it was delivered, YYYY-MM-DD")
    parser.add_argument("--kind", help='e.g. "government work report"')
    parser.add_argument("--id", help="a short id (letters, digits, - _ .)")
    parser.add_argument("--remove", metavar="ID", help="take the report with this id out")
    parser.add_argument("--no-index", action="store_true", help="do not rebuild the index afterwards")
    args = parser.parse_args(argv)
    config = Config.from_env()
    if args.corpus:
        config = replace(config, corpus_dir=args.corpus.resolve())
    if bool(args.file) == bool(args.remove):
        parser.error("give a report file to add, or --remove ID")
    try:
        if args.remove:
            entry = remove(config.corpus_dir, args.remove)
            print(f"removed {entry['id']} ({entry.get('title', '')}) from {config.corpus_dir}")
        else:
            entry = _add(args, config.corpus_dir)
            print(f"added to {config.corpus_dir}:")
            print(json.dumps({k: entry[k] for k in SHOWN if k in entry}, ensure_ascii=False, indent=2))
    except (Refused, OSError) as error:
        print(f"refused: {error}", file=sys.stderr)
        return 2
    if not args.no_index:
        folder, built = build(config, progress=False)
        print(f"index {'built' if built else 'up to date'}: {folder}")
    return 0


def _add(args: argparse.Namespace, corpus_dir: Path) -> dict:
    if args.date:
        _check_date(args.date)
    text = extract(args.file)
    stated = {k: v for k, v in {"title": args.title, "date": args.date, "kind": args.kind, "id": args.id}.items() if v}
    return add(corpus_dir, text, infer(text, stated), args.file.name)


def _check_date(value: str) -> None:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        raise Refused(f"--date {value!r}: give the day as YYYY-MM-DD") from None


if __name__ == "__main__":
    raise SystemExit(main())
