"""Score chat follow-ups on conversations: is each later turn answered as a person meant it?

    python scripts/score_chat.py eval/conversations.jsonl
    python scripts/score_chat.py eval/conversations.jsonl --json answers.json

A conversation file holds one JSON object a line: ``id``, ``lang`` and ``turns``, each turn a
``user`` message with its ``gold`` strings (verbatim spans of a report) and, for a figure,
its ``answer``. Every turn is resolved against the earlier ones as the chat endpoint does
(service.analysis.followup) and asked of the reports; a turn is right when its answer holds
the figure asked (or, without one, a gold string, or lies inside one). Printed: the share of
right first, second and third turns, per language. No question is printed, so that a new
set can be scored blind.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

import _bootstrap  # noqa: F401

from index.normalize import normalize
from service.analysis.followup import resolve
from service.answering.respond import ask
from service.config import Config
from service.runtime import load_encoders, load_retriever


def right(turn: dict, result: dict) -> bool:
    """Does the answer (its clauses or its line) hold what the turn asks?"""
    said = normalize(f"{result['answer_text']} {result['answer']} {result['answer_line']}")
    if turn.get("answer"):
        return normalize(turn["answer"]) in said
    text = normalize(result["answer_text"])
    return any(normalize(g) in said or (text and text in normalize(g)) for g in turn["gold"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path)
    parser.add_argument("--json", type=Path, help="write every resolved question and answer here")
    args = parser.parse_args(argv)
    config = Config.from_env()
    retriever = load_retriever(config, load_encoders(config))
    scores: dict[tuple[str, int], list[bool]] = defaultdict(list)
    kept = []
    for line in args.file.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        conversation = json.loads(line)
        said: list[str] = []
        for position, turn in enumerate(conversation["turns"], start=1):
            said.append(turn["user"])
            resolution = resolve(said)
            result = ask(retriever, resolution.question)
            ok = right(turn, result) and result["verdict"] != "not_found"
            for lang in (conversation["lang"], "all"):
                scores[(lang, position)].append(ok)
            kept.append({"id": conversation["id"], "turn": position, "asked": resolution.question, "right": ok})
    print(f"{'group':<10}{'turn 1':>14}{'turn 2':>14}{'turn 3':>14}{'later turns':>16}")
    for lang in ("all", "en", "zh-Hans", "zh-Hant"):
        cells = []
        for position in (1, 2, 3):
            got = scores.get((lang, position), [])
            cells.append(f"{sum(got)}/{len(got)}" if got else "-")
        later = [ok for (group, position), oks in scores.items() if group == lang and position > 1 for ok in oks]
        share = f"{sum(later)}/{len(later)} ({sum(later) / len(later):.2f})" if later else "-"
        print(f"{lang:<10}" + "".join(f"{c:>14}" for c in cells) + f"{share:>16}")
    if args.json:
        args.json.write_text(json.dumps(kept, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
