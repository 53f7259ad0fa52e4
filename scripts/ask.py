"""Ask the reports a question from the command line, or answer a JSONL file of questions.

python scripts/ask.py "2021年地区生产总值预期增长多少?"
python scripts/ask.py --input questions.jsonl --output answers.jsonl --top-k 10
"""

from __future__ import annotations

import argparse
import json
import sys

import _bootstrap  # noqa: F401

from service.answering.respond import ask
from service.config import Config
from service.runtime import load_encoders, load_retriever


def print_readable(result: dict) -> None:
    """A person's view: answer, glossary, then passages with where they stand."""
    mark = (
        ""
        if result["confident"]
        else f"  (not confident: {(result['doubt'] or {}).get('message', 'the reports may not say')})"
    )
    print(f"[{result['language']}] {result['question']}\n\nAnswer: {result['answer_display'] or '—'}{mark}")
    if result["citation"]:
        c = result["citation"]
        print(f"  cited from {c['title']} › {c['section'] or '—'} [{c['doc']} {c['start']}:{c['end']}]")
    for entry in result["glossary"]:
        english = f" ({'; '.join(entry['english'][:2])})" if entry["english"] else ""
        print(f"\nGlossary · {entry['term']}{english}: {entry['display_definition']}")
    for rank, p in enumerate(result["passages"], start=1):
        print(
            f"\n{rank}. {p['title']} › {p['section'] or '—'}  "
            f"[{p['id']} {p['start']}:{p['end']}  score {p['score']:.4f}]"
        )
        print(f"   {p['display_text']}")


def answer_file(retriever, source: str, target: str, top_k: int) -> int:
    """One output line per input line, in input order; a bad line is reported, not fatal."""
    count = 0
    with open(source, encoding="utf-8") as infile, open(target, "w", encoding="utf-8") as outfile:
        for number, line in enumerate(infile, start=1):
            if not line.strip():
                continue
            item = json.loads(line)
            if not isinstance(item.get("question"), str) or not item["question"].strip():
                print(f"line {number}: no question, skipped", file=sys.stderr)
                continue
            result = ask(retriever, item["question"], top_k=top_k, qid=item.get("id"))
            outfile.write(json.dumps(result, ensure_ascii=False) + "\n")
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("question", nargs="?", help="a question in English, Simplified or Traditional Chinese")
    parser.add_argument("--input", help="JSONL file: one {id, question} per line")
    parser.add_argument("--output", help="JSONL file to write answers to (with --input)")
    parser.add_argument("--top-k", type=int, default=5, help="passages per question (default 5)")
    parser.add_argument("--json", action="store_true", help="print the answer object as JSON")
    args = parser.parse_args(argv)
    if bool(args.input) != bool(args.output) or bool(args.input) == bool(args.question):
        parser.error("give either a question, or both --input and --output")
    if not 1 <= args.top_k <= 100:
        parser.error("--top-k must be between 1 and 100")
    config = Config.from_env()
    retriever = load_retriever(config, load_encoders(config))
    if args.input:
        count = answer_file(retriever, args.input, args.output, args.top_k)
        print(f"{count} answers written to {args.output}", file=sys.stderr)
        return 0
    result = ask(retriever, args.question, top_k=args.top_k)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print_readable(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
